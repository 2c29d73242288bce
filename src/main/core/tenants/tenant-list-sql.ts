import { quoteIdent } from '../db/identifiers';
import { LEDGER_TABLE } from '../domain/ledger/ledger-sql';
import { notExcludedSql } from '../domain/registry/excluded-schemas';
import { nameExpr, qualifiedTable, statusExpr, type RegistryTable } from '../domain/registry/registry-table';

/**
 * Parameters: $1 ignoreSchemas text[], $2 project migration names text[], $3 their count (null
 * without a project), and for pattern registries $4 the LIKE pattern.
 */

/**
 * Every relation and ledger read in one statement holds a lock until it ends, and the server's
 * lock table holds about max_locks_per_transaction × max_connections (6,400 by default). Past
 * INLINE_BUDGET tables the sizes come lock-free from pg_class (pages as of the last VACUUM/ANALYZE)
 * and the ledgers are read by follow-up queries of LEDGERS_PER_QUERY each (see tenant-list.ts).
 */
export const INLINE_BUDGET = 1500;
export const LEDGERS_PER_QUERY = 1000;

/** Size and table count per schema, from the catalog. */
const SIZES = `rels AS (
  SELECT c.oid, c.relnamespace, c.relkind, c.relispartition, c.relpages
    FROM pg_class c
   WHERE c.relkind IN ('r', 'p', 'm', 'i') AND c.relnamespace IN (SELECT oid FROM ns UNION ALL SELECT 'public'::regnamespace::oid)
),
exact AS (SELECT count(*) FILTER (WHERE relkind <> 'i') <= ${INLINE_BUDGET} AS ok FROM rels),
sizes AS (
  SELECT c.relnamespace AS nsoid,
         -- The CASE sits inside the sum: an aggregate's argument is only evaluated where it is chosen.
         sum(CASE WHEN NOT (SELECT ok FROM exact) THEN c.relpages::bigint * current_setting('block_size')::bigint
                  WHEN c.relkind <> 'i' THEN pg_total_relation_size(c.oid) ELSE 0 END)::bigint AS bytes,
         (count(*) FILTER (WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition))::int AS tables
    FROM rels c
   GROUP BY 1
)`;

/**
 * Applied migrations per schema, read from every schema's ledger inside this same query: the
 * server builds UNION ALLs over the ledgers it finds and runs them through query_to_xml, so the
 * whole list stays one round trip however many schemas there are. Chunks of LEDGER_CHUNK keep each
 * UNION ALL's parse tree inside max_stack_depth (10,000 branches in one overflows it).
 */
const LEDGER_CHUNK = 250;
const APPLIED = `ledgers AS (
  SELECT ns.nspname, (row_number() OVER (ORDER BY ns.nspname) - 1) / ${LEDGER_CHUNK} AS chunk
    FROM ns JOIN pg_class c ON c.relnamespace = ns.oid AND c.relname = '${LEDGER_TABLE}' AND c.relkind IN ('r', 'p')
),
lc AS (SELECT count(*) <= ${LEDGERS_PER_QUERY} AS inline FROM ledgers),
chunks AS (
  SELECT string_agg(format('SELECT %L::text AS s, count(*)::int AS n FROM %I.${LEDGER_TABLE} WHERE state IN (''applied'', ''baselined'') AND name = ANY(%L::text[])',
                           nspname, nspname, $2::text[]::text), ' UNION ALL ') AS sql
    FROM ledgers WHERE (SELECT inline FROM lc) GROUP BY chunk
),
applied AS (
  SELECT x.s, x.n FROM chunks, XMLTABLE('/table/row' PASSING query_to_xml(chunks.sql, false, false, '') COLUMNS s text, n int) x
)`;

const PATTERN_SQL = `WITH ns AS (
  SELECT oid, nspname::text AS nspname FROM pg_namespace WHERE nspname LIKE $4 AND ${notExcludedSql('nspname', '$1')}
),
${SIZES},
${APPLIED}
SELECT ns.nspname AS schema, ns.nspname AS name, 'active' AS status, false AS shared,
       sz.bytes AS size_bytes, coalesce(sz.tables, 0) AS tables,
       $3::int - coalesce(ap.n, 0) AS behind, ARRAY[]::text[] AS domains, '{}'::jsonb AS extra,
       lg.nspname IS NOT NULL AS has_ledger, lc.inline AS ledgers_inline
  FROM ns LEFT JOIN sizes sz ON sz.nsoid = ns.oid LEFT JOIN applied ap ON ap.s = ns.nspname
  LEFT JOIN ledgers lg ON lg.nspname = ns.nspname CROSS JOIN lc
 ORDER BY 1`;

function extraJson(t: RegistryTable): string {
  if (!t.extraColumns.length) return `'{}'::jsonb`;
  return `jsonb_build_object(${t.extraColumns.map((c) => `'${c.replace(/'/g, "''")}', r.${quoteIdent(c)}`).join(', ')})`;
}

function domainsCte(t: RegistryTable): string {
  if (!t.domain) return `doms AS (SELECT NULL::text AS key, ARRAY[]::text[] AS domains WHERE false)`;
  const d = t.domain;
  const order = d.hasIsPrimary ? `d.is_primary DESC, d.domain` : `d.domain`;
  return `doms AS (
  SELECT d.${quoteIdent(d.fkColumn)}::text AS key, array_agg(d.domain::text ORDER BY ${order}) AS domains
    FROM ${quoteIdent(d.schema)}.${quoteIdent(d.table)} d GROUP BY 1
)`;
}

const REGISTRY_SQL = (t: RegistryTable): string => `WITH reg AS (
  SELECT r.schema_name::text AS schema, ${nameExpr(t)} AS name, ${statusExpr(t)} AS status,
         r.${quoteIdent(t.keyColumn)}::text AS key, ${extraJson(t)} AS extra
    FROM ${qualifiedTable(t)} r
   WHERE r.schema_name = 'public' OR ${notExcludedSql('r.schema_name', '$1')}
),
ns AS (
  SELECT oid, nspname::text AS nspname FROM pg_namespace WHERE ${notExcludedSql('nspname', '$1')}
),
${SIZES},
${APPLIED},
${domainsCte(t)}
SELECT coalesce(reg.schema, ns.nspname) AS schema,
       coalesce(reg.name, ns.nspname) AS name,
       CASE WHEN reg.schema IS NULL THEN 'orphan'
            WHEN reg.schema = 'public' THEN 'active'
            WHEN ns.nspname IS NULL THEN 'missing'
            ELSE reg.status END AS status,
       coalesce(reg.schema = 'public', false) AS shared,
       sz.bytes AS size_bytes,
       CASE WHEN ns.oid IS NULL AND reg.schema IS DISTINCT FROM 'public' THEN NULL ELSE coalesce(sz.tables, 0) END AS tables,
       CASE WHEN ns.oid IS NULL THEN NULL ELSE $3::int - coalesce(ap.n, 0) END AS behind,
       coalesce(doms.domains, ARRAY[]::text[]) AS domains,
       coalesce(reg.extra, '{}'::jsonb) AS extra,
       lg.nspname IS NOT NULL AS has_ledger, lc.inline AS ledgers_inline
  FROM reg
  FULL JOIN ns ON ns.nspname = reg.schema
  LEFT JOIN sizes sz ON sz.nsoid = coalesce(ns.oid, CASE WHEN reg.schema = 'public' THEN 'public'::regnamespace::oid END)
  LEFT JOIN applied ap ON ap.s = ns.nspname
  LEFT JOIN doms ON doms.key = reg.key
  LEFT JOIN ledgers lg ON lg.nspname = ns.nspname CROSS JOIN lc
 ORDER BY 4 DESC, 1`;

/** The one reconciling query for a registry (undefined table: a pattern registry). */
export function tenantListSql(table: RegistryTable | undefined): string {
  return table ? REGISTRY_SQL(table) : PATTERN_SQL;
}

export interface TenantListRow {
  schema: string;
  name: string;
  status: 'active' | 'suspended' | 'missing' | 'orphan';
  shared: boolean;
  /** int8 as pg's exact text. */
  size_bytes: string | null;
  tables: number | null;
  behind: number | null;
  domains: string[];
  extra: Record<string, string | number | boolean | null>;
  has_ledger: boolean;
  ledgers_inline: boolean;
}

/** Applied counts for a chunk of ledgers ($1 schemas, $2 migration names): the follow-up query past the lock budget. */
export const LEDGER_CHUNK_SQL = `SELECT x.s, x.n FROM XMLTABLE('/table/row' PASSING query_to_xml(
  (SELECT string_agg(format('SELECT %L::text AS s, count(*)::int AS n FROM %I.${LEDGER_TABLE} WHERE state IN (''applied'', ''baselined'') AND name = ANY(%L::text[])', s, s, $2::text[]::text), ' UNION ALL ')
     FROM unnest($1::text[]) s), false, false, '') COLUMNS s text, n int) x`;

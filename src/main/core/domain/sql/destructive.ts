import { scanTokens } from './parser';
import type { SqlStatement } from './statements';

/**
 * Why statements can lose data, rights or names that code depends on — read from PostgreSQL's
 * parse tree, so words in strings, comments and bodies never count and nothing written is missed.
 * Each reason is `kind: what`, e.g. `drop: DROP TABLE evaluations_student`.
 */
type Node = Record<string, unknown>;

const MAX = 140;
const short = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX ? `${flat.slice(0, MAX - 1)}…` : flat;
};

const INTERNAL_TYPES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'char',
};

function typeName(def: unknown): string {
  const names = ((def as Node)?.ColumnDef as Node | undefined)?.typeName as
    { names?: { String?: { sval?: string } }[] } | undefined;
  const parts = (names?.names ?? []).map((n) => n.String?.sval ?? '').filter((n) => n && n !== 'pg_catalog');
  const last = parts.join('.');
  return INTERNAL_TYPES[last] ?? last;
}

function relationName(rel: unknown): string {
  const r = rel as { schemaname?: string; relname?: string } | undefined;
  return r?.relname ? (r.schemaname ? `${r.schemaname}.${r.relname}` : r.relname) : '?';
}

function columnConstraints(def: unknown): string[] {
  const constraints = (((def as Node)?.ColumnDef as Node | undefined)?.constraints ?? []) as {
    Constraint?: { contype?: string };
  }[];
  return constraints.map((c) => c.Constraint?.contype ?? '');
}

const OBJECT_WORDS: Record<string, string> = {
  OBJECT_TABLE: 'TABLE',
  OBJECT_INDEX: 'INDEX',
  OBJECT_VIEW: 'VIEW',
  OBJECT_MATVIEW: 'MATERIALIZED VIEW',
  OBJECT_SEQUENCE: 'SEQUENCE',
  OBJECT_FOREIGN_TABLE: 'FOREIGN TABLE',
  OBJECT_TYPE: 'TYPE',
};

function alterTableReasons(node: Node): string[] {
  const target = `ALTER ${OBJECT_WORDS[node.objtype as string] ?? 'TABLE'} ${relationName(node.relation)}`;
  const reasons: string[] = [];
  for (const item of (node.cmds ?? []) as { AlterTableCmd?: Node }[]) {
    const cmd = item.AlterTableCmd ?? {};
    const subtype = String(cmd.subtype ?? '');
    const name = cmd.name ? String(cmd.name) : '';
    if (subtype === 'AT_DropColumn')
      reasons.push(`drop: ${target} DROP ${node.objtype === 'OBJECT_TYPE' ? 'ATTRIBUTE' : 'COLUMN'} ${name}`);
    else if (subtype === 'AT_DropConstraint') reasons.push(`drop: ${target} DROP CONSTRAINT ${name}`);
    else if (subtype === 'AT_DropNotNull') reasons.push(`drop: ${target} ALTER COLUMN ${name} DROP NOT NULL`);
    else if (subtype === 'AT_ColumnDefault' && !cmd.def)
      reasons.push(`drop: ${target} ALTER COLUMN ${name} DROP DEFAULT`);
    else if (subtype.startsWith('AT_Drop'))
      reasons.push(
        `drop: ${target} ${subtype
          .slice(3)
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .toUpperCase()}${name ? ` ${name}` : ''}`,
      );
    else if (subtype === 'AT_DetachPartition')
      reasons.push(`drop: ${target} DETACH PARTITION ${relationName(((cmd.def as Node)?.PartitionCmd as Node)?.name)}`);
    else if (subtype === 'AT_AlterColumnType')
      reasons.push(`type-change: ${target} ALTER COLUMN ${name} TYPE ${typeName(cmd.def)}`);
    else if (subtype === 'AT_SetNotNull') reasons.push(`not-null: ${target} ALTER COLUMN ${name} SET NOT NULL`);
    else if (subtype === 'AT_AddColumn') {
      const kinds = columnConstraints(cmd.def);
      const column = ((cmd.def as Node)?.ColumnDef as Node | undefined)?.colname;
      const filled = kinds.some((k) => k === 'CONSTR_DEFAULT' || k === 'CONSTR_IDENTITY' || k === 'CONSTR_GENERATED');
      if ((kinds.includes('CONSTR_NOTNULL') || kinds.includes('CONSTR_PRIMARY')) && !filled)
        reasons.push(`not-null: ${target} ADD COLUMN ${String(column)} NOT NULL without DEFAULT`);
    }
  }
  return reasons;
}

const DATA_VERBS = ['DROP', 'TRUNCATE', 'DELETE', 'UPDATE', 'REVOKE', 'RENAME'];

/** A DO body is a string to the parser: its own tokens tell which writing verbs it uses. */
function doBlockReasons(node: Node): string[] {
  const body =
    ((node.args ?? []) as { DefElem?: { defname?: string; arg?: { String?: { sval?: string } } } }[]).find(
      (a) => a.DefElem?.defname === 'as',
    )?.DefElem?.arg?.String?.sval ?? '';
  let keywords: string[];
  try {
    keywords = scanTokens(body).map((t) => t.keyword ?? '');
  } catch {
    return ['do-block: DO block that could not be read'];
  }
  const verbs = DATA_VERBS.filter((v) => keywords.includes(v));
  const reasons = verbs.length ? [`do-block: DO block runs ${verbs.join(', ')}`] : [];
  if (keywords.includes('EXECUTE')) reasons.push('do-block: DO block runs dynamic SQL (EXECUTE), not inspected');
  return reasons;
}

function dmlReason(kind: string, node: Node, text: string): string | undefined {
  if (kind === 'DeleteStmt')
    return node.whereClause
      ? `delete: ${short(text)}`
      : `delete-all: DELETE FROM ${relationName(node.relation)} (every row)`;
  if (kind === 'UpdateStmt')
    return node.whereClause
      ? `update: ${short(text)}`
      : `update-all: UPDATE ${relationName(node.relation)} (every row)`;
  if (kind === 'MergeStmt') return `merge: MERGE INTO ${relationName(node.relation)}`;
  return undefined;
}

/** Data-changing statements inside WITH clauses of another statement. */
function nestedDml(node: Node): string[] {
  const ctes = ((node.withClause as Node | undefined)?.ctes ?? []) as { CommonTableExpr?: { ctequery?: Node } }[];
  return ctes.flatMap((c) => {
    const query = c.CommonTableExpr?.ctequery ?? {};
    const [kind] = Object.keys(query);
    const inner = (query[kind] ?? {}) as Node;
    const reason = dmlReason(
      kind,
      inner,
      `${kind === 'DeleteStmt' ? 'DELETE FROM' : kind === 'UpdateStmt' ? 'UPDATE' : 'MERGE INTO'} ${relationName(inner.relation)} … (in WITH)`,
    );
    return [...(reason ? [reason] : []), ...nestedDml(inner)];
  });
}

function statementReasons(s: SqlStatement): string[] {
  const { kind, node } = s;
  switch (kind) {
    case 'DropStmt':
    case 'DropRoleStmt':
    case 'DropOwnedStmt':
    case 'DropdbStmt':
    case 'DropTableSpaceStmt':
    case 'DropSubscriptionStmt':
    case 'DropUserMappingStmt':
      return [`drop: ${short(s.text)}`];
    case 'TruncateStmt':
      return [`truncate: ${short(s.text)}`];
    case 'AlterTableStmt':
      return alterTableReasons(node);
    case 'RenameStmt':
    case 'AlterObjectSchemaStmt':
      return [`rename: ${short(s.text)}`];
    case 'AlterEnumStmt':
      return node.oldVal ? [`rename: ${short(s.text)}`] : [];
    case 'AlterDomainStmt':
      return node.subtype === 'X' || node.subtype === 'N' || (node.subtype === 'T' && !node.def)
        ? [`drop: ${short(s.text)}`]
        : [];
    case 'GrantStmt':
    case 'GrantRoleStmt':
      return node.is_grant ? [] : [`revoke: ${short(s.text)}`];
    case 'AlterDefaultPrivilegesStmt':
      return (node.action as Node | undefined)?.is_grant ? [] : [`revoke: ${short(s.text)}`];
    case 'AlterExtensionContentsStmt':
      return node.action === -1 ? [`drop: ${short(s.text)}`] : [];
    case 'AlterPublicationStmt':
      return node.action === 'AP_DropObjects' ? [`drop: ${short(s.text)}`] : [];
    case 'DoStmt':
      return doBlockReasons(node);
    case 'DeleteStmt':
    case 'UpdateStmt':
    case 'MergeStmt':
      return [dmlReason(kind, node, s.text)!, ...nestedDml(node)];
    case 'InsertStmt':
    case 'SelectStmt':
      return nestedDml(node);
    default:
      return [];
  }
}

/** Every destructive reason of the statements, in order, without repeats (empty when none). */
export function destructiveReasons(statements: SqlStatement[]): string[] {
  return [...new Set(statements.flatMap(statementReasons))];
}

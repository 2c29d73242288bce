import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingLease, createTestDatabase, type TestDatabase } from '../../../../test/pg-harness';
import { createLedgerSql } from '../domain/ledger/ledger-sql';
import { listTenants } from './tenant-list';
import { LEDGERS_PER_QUERY } from './tenant-list-sql';

// More ledgers than the list's one statement reads inline: the rest are read by follow-up statements.
const TENANTS = LEDGERS_PER_QUERY + 60;
const MIGRATIONS = ['0001_a', '0002_b', '0003_c'];
const appliedIn = (i: number) => i % (MIGRATIONS.length + 1);
const schemaOf = (i: number) => `t_${String(i).padStart(5, '0')}`;

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('tenantry_list_budget');
  client = await db.client();
  for (let i = 0; i < TENANTS; i += 100) {
    const batch = Array.from({ length: Math.min(100, TENANTS - i) }, (_, k) => {
      const schema = schemaOf(i + k);
      const rows = MIGRATIONS.slice(0, appliedIn(i + k)).map((m) => `('${m}', 'x', 'applied')`);
      return [
        `CREATE SCHEMA ${schema}`,
        createLedgerSql(schema),
        rows.length
          ? `INSERT INTO ${schema}.tenantry_migrations (name, checksum, state) VALUES ${rows.join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join(';\n');
    });
    await client.query(`BEGIN;\n${batch.join(';\n')};\nCOMMIT`);
  }
}, 120_000);

afterAll(async () => db?.drop());

const expected = () => Array.from({ length: TENANTS }, (_, i) => MIGRATIONS.length - appliedIn(i));

describe(`the tenant list past its lock budget (${TENANTS} ledgers)`, () => {
  const options = { spec: 'pattern:t_*', ignoreSchemas: [], migrations: MIGRATIONS };

  it('reads the ledgers left over by follow-up statements, each tenant behind by what its ledger lacks', async () => {
    const list = await listTenants(client, options);
    expect(list.tenants.map((t) => t.behind)).toEqual(expected());
  });

  it('gives the same answer with a second session drawing half the follow-up statements', async () => {
    const second = countingLease(await db.client());
    const list = await listTenants(client, { ...options, another: second.lease });
    expect(list.tenants.map((t) => t.behind)).toEqual(expected());
    expect(second.statements()).toBeGreaterThan(0);
    expect(second.released()).toBe(1);
  });
});

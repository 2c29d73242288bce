import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../../../../test/cli-helpers';
import { tempHome } from '../../../../test/pg-harness';
import type { AuditVerify } from '../../../shared/model/audit';
import { createCore, type Core } from '../create-core';

let home: { dir: string; cleanup(): void };
let core: Core;

beforeAll(async () => {
  home = tempHome();
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null });
});

afterAll(async () => {
  await core?.close();
  home?.cleanup();
});

const verify = () => runCli(['--json', 'audit', 'verify'], { home: home.dir });

describe('the audit log written by several processes', () => {
  it('CLI processes and this process append at once: one chain, and `audit verify` passes', async () => {
    const runs = Array.from({ length: 6 }, (_, i) =>
      runCliAsync(['--json', 'profiles', 'add', `p${i}`, '--uri', `postgres://postgres@127.0.0.1:5432/db${i}`], {
        home: home.dir,
      }),
    );
    let running = true;
    void Promise.all(runs.map((r) => r.done)).then(() => (running = false));
    let here = 0;
    // This process keeps writing for as long as the others run, so their appends interleave with ours.
    while (running || here < 20) {
      await core.audit.record({ action: 'test.side-by-side', target: `line ${here}`, result: 'ok' });
      here++;
    }
    for (const r of await Promise.all(runs.map((r) => r.done))) expect(r.code, r.stderr).toBe(0);

    const checked = verify();
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.json<AuditVerify>().data).toMatchObject({ ok: true, lines: here + 6 });
    const lines = await core.audit.readAll();
    expect(lines.filter((l) => l.action === 'profiles.add')).toHaveLength(6);
    // No fork: every line's prev is the line before it.
    lines.slice(1).forEach((l, i) => expect(l.prev).toBe(lines[i].hash));
  });

  it('lines cut from the end, an emptied month file and a deleted one are reported', async () => {
    const [file] = await core.audit.files();
    const text = await fs.readFile(file, 'utf8');
    const lines = text.trimEnd().split('\n');

    await fs.writeFile(file, lines.slice(0, -2).join('\n') + '\n');
    const cut = verify();
    expect(cut.code).toBe(1);
    expect(cut.json().error).toMatchObject({
      code: 'AUDIT_TAMPERED',
      message: expect.stringMatching(/2 line\(s\) missing at the end/),
    });

    await fs.writeFile(file, '');
    expect(verify().json().error).toMatchObject({
      code: 'AUDIT_TAMPERED',
      message: expect.stringMatching(/missing at the end/),
    });

    await fs.rm(file);
    const deleted = verify();
    expect(deleted.code).toBe(1);
    expect(deleted.json().error).toMatchObject({
      code: 'AUDIT_TAMPERED',
      message: expect.stringContaining(path.basename(file)),
    });

    await fs.writeFile(file, text);
    expect(verify().code).toBe(0);
  });
});

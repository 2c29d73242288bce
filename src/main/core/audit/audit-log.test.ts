import { promises as fs, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../../../test/pg-harness';
import { AuditLog } from './audit-log';
import { auditCsv, filterAuditLines } from './audit-query';
import { verifyAuditFiles, verifyAuditLog } from './audit-verify';

describe('AuditLog', () => {
  let home: { dir: string; cleanup(): void };
  let log: AuditLog;

  beforeEach(() => {
    home = tempHome();
    log = AuditLog.forDataDir(home.dir);
  });
  afterEach(() => home.cleanup());

  async function fileLines(): Promise<{ file: string; lines: string[] }> {
    const [file] = await log.files();
    return { file, lines: (await fs.readFile(file, 'utf8')).trimEnd().split('\n') };
  }

  it('writes an intent line before the action and the outcome after, chained by hash', async () => {
    let seenIntent = false;
    const value = await log.around({ action: 'tenants.suspend', target: 'tenant_a' }, async () => {
      seenIntent = (await log.readAll()).some((l) => l.result === 'intent');
      return 42;
    });
    expect(value).toBe(42);
    expect(seenIntent).toBe(true);
    const lines = await log.readAll();
    expect(lines.map((l) => l.result)).toEqual(['intent', 'ok']);
    expect(lines[1].intent).toBe(lines[0].hash);
    expect(lines[1].prev).toBe(lines[0].hash);
    expect(lines[0].prev).toBe('');
    expect(await verifyAuditFiles(await log.files())).toMatchObject({ ok: true, lines: 2 });
  });

  it('records failures, cancellations and refusals with the error', async () => {
    const fail = (code: string) => Object.assign(new Error(`boom ${code}`), { code });
    await expect(log.around({ action: 'a' }, async () => Promise.reject(fail('MIGRATION_FAILED')))).rejects.toThrow(
      'boom',
    );
    await expect(log.around({ action: 'b' }, async () => Promise.reject(fail('CANCELLED')))).rejects.toThrow();
    await expect(
      log.around({ action: 'c' }, async () => Promise.reject(fail('CONFIRMATION_REQUIRED'))),
    ).rejects.toThrow();
    const outcomes = (await log.readAll()).filter((l) => l.result !== 'intent');
    expect(outcomes.map((l) => [l.action, l.result])).toEqual([
      ['a', 'failed'],
      ['b', 'cancelled'],
      ['c', 'refused'],
    ]);
    expect(outcomes[0].error).toBe('boom MIGRATION_FAILED');
  });

  it('refuses the action when the disk is full (AUDIT_WRITE_FAILED) and never runs it', async () => {
    await fs.mkdir(log.dir, { recursive: true });
    const month = new Date().toISOString().slice(0, 7);
    symlinkSync('/dev/full', path.join(log.dir, `${month}.jsonl`));
    let ran = false;
    await expect(
      log.around({ action: 'tenants.drop', target: 'tenant_a' }, async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ code: 'AUDIT_WRITE_FAILED' });
    expect(ran).toBe(false);
    await expect(log.record({ action: 'x', result: 'ok' })).rejects.toMatchObject({ code: 'AUDIT_WRITE_FAILED' });
  });

  it('redacts parameters whose names are secrets', async () => {
    await log.record({
      action: 'profiles.update',
      result: 'ok',
      params: { password: 'changed', nested: { apiToken: 's3cr3t-Value' }, dbPassword: 'hunter2' },
    });
    const text = await fs.readFile((await log.files())[0], 'utf8');
    expect(text).not.toContain('s3cr3t-Value');
    expect(text).not.toContain('hunter2');
    expect(text).toContain('"password":"changed"');
  });

  it('verify names the first edited line, the last line included', async () => {
    for (const t of ['a', 'b', 'c'])
      await log.record({ action: 'tenants.suspend', target: `tenant_${t}`, result: 'ok' });
    const { file, lines } = await fileLines();
    const edit = async (index: number, from: string, to: string) => {
      const copy = [...lines];
      copy[index] = copy[index].replace(from, to);
      await fs.writeFile(file, copy.join('\n') + '\n');
      return verifyAuditFiles([file]);
    };
    expect(await edit(1, 'tenant_b', 'tenant_x')).toMatchObject({
      ok: false,
      firstBad: { file, line: 2, reason: expect.stringMatching(/edited/) },
    });
    expect(await edit(2, 'tenant_c', 'tenant_y')).toMatchObject({ ok: false, firstBad: { line: 3 } });
    expect(await edit(0, '"result":"ok"', '"result":"failed"')).toMatchObject({ ok: false, firstBad: { line: 1 } });
    // A removed line breaks the chain at the line after it.
    await fs.writeFile(file, [lines[0], lines[2]].join('\n') + '\n');
    expect(await verifyAuditFiles([file])).toMatchObject({
      ok: false,
      firstBad: { line: 2, reason: expect.stringMatching(/previous line/) },
    });
    await fs.writeFile(file, [lines[0], 'not json', lines[2]].join('\n') + '\n');
    expect(await verifyAuditFiles([file])).toMatchObject({
      ok: false,
      firstBad: { line: 2, reason: 'not valid JSON' },
    });
    await fs.writeFile(file, lines.join('\n') + '\n');
    expect(await verifyAuditFiles([file])).toMatchObject({ ok: true, lines: 3 });
  });

  it('chains across month files', async () => {
    await log.record({ action: 'a', result: 'ok', at: '2025-01-31T23:59:59.000Z' });
    await log.record({ action: 'b', result: 'ok', at: '2025-02-01T00:00:01.000Z' });
    const files = await log.files();
    expect(files.map((f) => path.basename(f))).toEqual(['2025-01.jsonl', '2025-02.jsonl']);
    expect(await verifyAuditFiles(files)).toMatchObject({ ok: true, lines: 2 });
    await fs.rm(files[0]);
    expect(await verifyAuditFiles([files[1]])).toMatchObject({ ok: false, firstBad: { line: 1 } });
  });

  it('the anchor (head.json) catches lines cut from the end, an emptied or deleted month file and a deleted anchor', async () => {
    await log.record({ action: 'a', result: 'ok', at: '2025-01-31T23:59:59.000Z' });
    for (const t of ['b', 'c', 'd']) await log.record({ action: t, result: 'ok', at: '2025-02-01T00:00:01.000Z' });
    expect(await verifyAuditLog(log)).toMatchObject({ ok: true, lines: 4 });
    expect(JSON.parse(await fs.readFile(log.headFile, 'utf8'))).toMatchObject({ lines: 4, file: '2025-02.jsonl' });
    const [jan, feb] = await log.files();
    const febText = await fs.readFile(feb, 'utf8');
    const febLines = febText.trimEnd().split('\n');
    await fs.writeFile(feb, febLines.slice(0, 2).join('\n') + '\n');
    expect(await verifyAuditLog(log)).toMatchObject({
      ok: false,
      lines: 3,
      firstBad: { file: feb, line: 3, reason: expect.stringMatching(/1 line\(s\) missing at the end/) },
    });
    await fs.writeFile(feb, '');
    expect(await verifyAuditLog(log)).toMatchObject({
      ok: false,
      lines: 1,
      firstBad: { reason: expect.stringMatching(/missing at the end/) },
    });
    await fs.rm(feb);
    expect(await verifyAuditLog(log)).toMatchObject({
      ok: false,
      firstBad: { reason: expect.stringMatching(/month file holding the last line is missing/) },
    });
    await fs.writeFile(feb, febText);
    expect(await verifyAuditLog(log)).toMatchObject({ ok: true, lines: 4 });
    // A line appended after a cut chains to what is left, but the count stays honest.
    await fs.writeFile(feb, febLines.slice(0, 2).join('\n') + '\n');
    await log.record({ action: 'e', result: 'ok', at: '2025-02-02T00:00:00.000Z' });
    expect(await verifyAuditLog(log)).toMatchObject({
      ok: false,
      firstBad: { reason: expect.stringMatching(/1 line\(s\) missing/) },
    });
    await fs.rm(log.headFile);
    expect(await verifyAuditLog(log)).toMatchObject({
      ok: false,
      firstBad: { reason: expect.stringMatching(/head\.json.*missing/) },
    });
    expect(jan).toMatch(/2025-01/);
  });

  it('a log written before the anchor existed gets one at its next line, counting what is there', async () => {
    await log.record({ action: 'a', result: 'ok' });
    await log.record({ action: 'b', result: 'ok' });
    await fs.rm(log.headFile);
    await log.record({ action: 'c', result: 'ok' });
    expect(await verifyAuditLog(log)).toMatchObject({ ok: true, lines: 3 });
  });

  it('filters newest first and exports CSV that a spreadsheet cannot run as a formula', async () => {
    await log.record({
      action: 'migrations.apply',
      profile: 'prod',
      environment: 'production',
      result: 'ok',
      target: '=HYPERLINK("http://x")',
    });
    await log.record({
      action: 'tenants.drop',
      profile: 'dev',
      environment: 'local',
      result: 'failed',
      error: 'a "quoted", text\nwith a newline',
    });
    const all = await log.readAll();
    expect(filterAuditLines(all, { environment: 'production' }).lines.map((l) => l.action)).toEqual([
      'migrations.apply',
    ]);
    expect(filterAuditLines(all, {}).lines.map((l) => l.action)).toEqual(['tenants.drop', 'migrations.apply']);
    expect(filterAuditLines(all, { text: 'quoted' }).total).toBe(1);
    expect(filterAuditLines(all, { action: 'tenants.' }).total).toBe(1);
    const csv = auditCsv(all);
    expect(csv.split('\r\n')[0]).toBe(
      'at,who,action,result,profile,environment,database,target,params,error,durationMs,hash',
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain('"a ""quoted"", text\nwith a newline"');
  });
});

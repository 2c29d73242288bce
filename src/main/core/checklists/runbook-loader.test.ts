import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleProjectDir } from '../app-root';
import {
  assertRunbookSpecAllowed,
  listRunbooks,
  loadRunbook,
  parseRunbook,
  resolveRunbookPath,
} from './runbook-loader';

describe('runbooks', () => {
  it('the sample project ships the staging, production and rollback runbooks, all valid', async () => {
    const { runbooks, errors } = await listRunbooks(sampleProjectDir());
    expect(errors).toEqual([]);
    expect(runbooks.map((r) => r.id)).toEqual(['deploy-production', 'deploy-staging', 'rollback']);
    const staging = runbooks.find((r) => r.id === 'deploy-staging')!.runbook;
    expect(staging.environments).toEqual(['local', 'staging']);
    expect(staging.steps.map((s) => s.kind)).toEqual([
      'backup',
      'verify-backup',
      'migrate',
      'migration-status',
      'check',
      'manual',
      'manual',
    ]);
    expect(runbooks.find((r) => r.id === 'deploy-production')!.runbook.environments).toEqual(['production']);
  });

  it('names the line and column of a YAML syntax error', () => {
    expect(() => parseRunbook('title: x\nenvironments: [local\nsteps: []\n', 'bad.yaml')).toThrowError(
      expect.objectContaining({ code: 'RUNBOOK_INVALID', message: expect.stringMatching(/^bad\.yaml:\d+:\d+: /) }),
    );
  });

  it('names the line of an unknown step kind', () => {
    const text = [
      'title: T',
      'environments: [local]',
      'steps:',
      '  - id: one',
      '    title: One',
      '    kind: manual',
      '  - id: two',
      '    title: Two',
      '    kind: teleport',
      '',
    ].join('\n');
    const error = (() => {
      try {
        parseRunbook(text, 'kinds.yaml');
      } catch (e) {
        return e as { code: string; message: string };
      }
    })();
    expect(error?.code).toBe('RUNBOOK_INVALID');
    expect(error?.message).toMatch(/^kinds\.yaml:9:11: steps\.1\.kind/);
  });

  it('names a missing field and a duplicate step id', () => {
    expect(() =>
      parseRunbook('environments: [local]\nsteps:\n  - id: a\n    title: A\n    kind: manual\n', 'f.yaml'),
    ).toThrowError(expect.objectContaining({ message: expect.stringContaining('title') }));
    expect(() =>
      parseRunbook(
        'title: T\nenvironments: [local]\nsteps:\n  - {id: a, title: A, kind: manual}\n  - {id: a, title: B, kind: manual}\n',
        'd.yaml',
      ),
    ).toThrowError(expect.objectContaining({ message: expect.stringContaining('used twice') }));
  });

  it('finds a runbook by id in the project, or takes a path', () => {
    expect(resolveRunbookPath('deploy-staging', sampleProjectDir())).toBe(
      path.join(sampleProjectDir(), 'runbooks', 'deploy-staging.yaml'),
    );
    expect(() => resolveRunbookPath('nope', sampleProjectDir())).toThrowError(
      expect.objectContaining({ code: 'RUNBOOK_NOT_FOUND' }),
    );
    expect(() => resolveRunbookPath('deploy-staging', undefined)).toThrowError(
      expect.objectContaining({ code: 'NO_PROJECT' }),
    );
    expect(
      readFileSync(resolveRunbookPath(path.join(sampleProjectDir(), 'runbooks', 'rollback.yaml'), undefined), 'utf8'),
    ).toContain('restore');
  });

  it('refuses at load a verify-backup step naming no backup step of the runbook, with its line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tenantry-runbook-'));
    try {
      const file = path.join(dir, 'r.yaml');
      writeFileSync(
        file,
        'title: T\nenvironments: [local]\nsteps:\n  - {id: b, title: B, kind: backup}\n  - id: v\n    title: V\n    kind: verify-backup\n    backupStep: nope\n',
      );
      await expect(loadRunbook(file, dir)).rejects.toMatchObject({
        code: 'RUNBOOK_INVALID',
        message: expect.stringMatching(/r\.yaml:8:\d+: .*"nope"/),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the path form from the CLI only; elsewhere runbooks are named by id', () => {
    expect(() => assertRunbookSpecAllowed('/tmp/x.yaml', 'cli')).not.toThrow();
    expect(() => assertRunbookSpecAllowed('deploy-staging', 'browser')).not.toThrow();
    for (const mode of ['browser', 'electron'])
      expect(() => assertRunbookSpecAllowed('/tmp/x.yaml', mode)).toThrowError(
        expect.objectContaining({ code: 'RUNBOOK_PATH_NOT_ALLOWED' }),
      );
  });
});

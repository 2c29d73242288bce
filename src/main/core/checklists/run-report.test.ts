import { describe, expect, it } from 'vitest';
import type { Run } from '../../../shared/model/checklists';
import { runToHtml, runToMarkdown } from './run-report';

const run: Run = {
  id: '20261125T120000Z-abc123',
  runbookId: 'deploy-staging',
  runbookPath: '/p/runbooks/deploy-staging.yaml',
  title: 'Deploy <script>alert(1)</script>',
  profileId: 'x',
  profileName: 'staging',
  environment: 'staging',
  database: 'app',
  state: 'succeeded',
  createdAt: '2026-11-25T12:00:00Z',
  updatedAt: '2026-11-25T12:10:00Z',
  startedBy: 'ana',
  gates: [],
  events: [],
  steps: [
    {
      id: 'backup',
      kind: 'backup',
      title: 'Back up',
      state: 'succeeded',
      attempts: 1,
      output: [],
      gates: [],
      durationMs: 1500,
      evidence: { backupId: 'B1', files: [{ path: '/b/f.dump', sha256: 'abc', bytes: 10 }] },
    },
    {
      id: 'smoke',
      kind: 'manual',
      title: 'Smoke test',
      state: 'succeeded',
      attempts: 0,
      output: [],
      gates: [],
      by: 'ana',
      note: 'login <b>ok</b>',
    },
  ],
};

describe('run report', () => {
  it('records each step, its evidence, who and notes in Markdown', () => {
    const md = runToMarkdown(run);
    expect(md).toContain('[x] 1. Back up');
    expect(md).toContain('backup `B1`');
    expect(md).toContain('sha256 `abc`');
    expect(md).toContain('by ana');
    expect(md).toContain('Note: login <b>ok</b>');
  });
  it('escapes every value in the standalone HTML', () => {
    const html = runToHtml(run);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('login &lt;b&gt;ok&lt;/b&gt;');
    expect(html).toContain("default-src 'none'");
  });
});

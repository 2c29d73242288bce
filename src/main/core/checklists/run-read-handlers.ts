import type { checklistsContract } from '../../../shared/contracts/checklists';
import { runSummary } from '../../../shared/model/checklists';
import type { AreaHandlers } from '../api';
import { runToHtml, runToMarkdown } from './run-report';
import type { RunStore } from './run-store';

/** Saved runs and their reports: the app data folder only, so the CLI runs them without a core or a connection. */
export function createRunReadHandlers(
  runs: RunStore,
): Pick<AreaHandlers<typeof checklistsContract>, 'checklists.runs' | 'checklists.report'> {
  return {
    'checklists.runs': async ({ profileId }) =>
      (await runs.list()).filter((r) => !profileId || r.profileId === profileId).map(runSummary),
    'checklists.report': async ({ runId, format }) => {
      const run = await runs.get(runId);
      return format === 'html'
        ? { fileName: `${run.id}.html`, mime: 'text/html', content: runToHtml(run) }
        : { fileName: `${run.id}.md`, mime: 'text/markdown', content: runToMarkdown(run) };
    },
  };
}

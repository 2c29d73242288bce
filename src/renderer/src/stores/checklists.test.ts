import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Run } from '../../../shared/model/checklists';

/** A run as the core answers it, at one moment of its life. */
function runAt(updatedAt: string, state: Run['state']): Run {
  return {
    id: 'run-1',
    runbookId: 'deploy-staging',
    runbookPath: 'runbooks/deploy-staging.yaml',
    title: 'Deploy to staging',
    profileId: 'p1',
    profileName: 'staging',
    environment: 'staging',
    database: 'app',
    state,
    createdAt: '2026-12-03T10:00:00.000Z',
    updatedAt,
    startedBy: 'root',
    gates: [],
    steps: [],
    events: [],
  } as Run;
}

/**
 * The preload bridge (Electron's side of the app) stood in by calls answered when the test says:
 * what a slow network or a busy core does to the order of answers.
 */
function bridgeAnsweringOnCue() {
  const pending = new Map<string, (data: unknown) => void>();
  const bridge = {
    invoke: (method: string) => new Promise((resolve) => pending.set(method, (data) => resolve({ ok: true, data }))),
    on: () => () => undefined,
  };
  return { bridge, answer: (method: string, data: unknown) => pending.get(method)!(data) };
}

afterEach(() => vi.unstubAllGlobals());

describe('the checklist run on screen', () => {
  it('keeps the newer run when an older answer arrives after it (a reload asked before a tick)', async () => {
    const { bridge, answer } = bridgeAnsweringOnCue();
    vi.stubGlobal('window', { tenantry: bridge });
    vi.resetModules();
    const { useChecklists } = await import('./checklists');
    useChecklists.setState({ profileId: 'p1', run: runAt('2026-12-03T10:00:01.000Z', 'waiting') });

    const reload = useChecklists.getState().open('run-1');
    const tick = useChecklists.getState().tick('smoke-invite');
    answer('checklists.tick', runAt('2026-12-03T10:00:03.000Z', 'succeeded'));
    await tick;
    answer('checklists.get', runAt('2026-12-03T10:00:02.000Z', 'waiting'));
    await reload;

    expect(useChecklists.getState().run?.state).toBe('succeeded');
    expect(useChecklists.getState().runs.map((r) => r.state)).toEqual(['succeeded']);
  });

  it('shows a newer answer over the run on screen', async () => {
    const { bridge, answer } = bridgeAnsweringOnCue();
    vi.stubGlobal('window', { tenantry: bridge });
    vi.resetModules();
    const { useChecklists } = await import('./checklists');
    useChecklists.setState({ profileId: 'p1', run: runAt('2026-12-03T10:00:01.000Z', 'running') });

    const reload = useChecklists.getState().open('run-1');
    answer('checklists.get', runAt('2026-12-03T10:00:02.000Z', 'waiting'));
    await reload;

    expect(useChecklists.getState().run?.state).toBe('waiting');
  });
});

/**
 * A separate process for the kill test: runs a restore that stops after journaling `step`, so
 * the test can SIGKILL it there. Usage: node restore-child.mjs DATA_DIR BACKUP_ID TENANT STEP [pause]
 * With `pause` it waits there for a line on stdin, then goes on to the end (prints DONE).
 */
import { createCore } from '../create-core';
import { planRestore } from './restore-plan';
import { runRestore } from './run-restore';

const [dataDir, id, tenant, stopAt, mode] = process.argv.slice(2);
const core = await createCore({ mode: 'cli', dataDir, keychain: null });
const { plan, failures } = await planRestore(core, id, { tenant });
if (failures.length) throw failures[0];
await runRestore(core, plan, {
  hooks: {
    afterJournal: async (step) => {
      if (step !== stopAt) return;
      process.stdout.write(`AT ${step}\n`);
      await new Promise((resume) => (mode === 'pause' ? process.stdin.once('data', resume) : undefined));
    },
  },
});
process.stdout.write('DONE\n');
await core.close();

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/main/cli/program';
import { CLI_DOCS_FILE, handWrittenSection, renderCliDocs } from '../scripts/cli-docs.mjs';

const root = path.resolve(__dirname, '..');
const docs = readFileSync(path.join(root, CLI_DOCS_FILE), 'utf8');

describe('docs/cli.md', () => {
  it('is what `npm run docs:cli` renders from the commands of the program today', async () => {
    // On failure: run `npm run docs:cli` and commit docs/cli.md.
    expect(renderCliDocs(await buildProgram(), docs)).toBe(docs);
  });

  it('holds every command and subcommand, and the hand-written notes', async () => {
    const names: string[] = [];
    const walk = (cmd: Awaited<ReturnType<typeof buildProgram>>, prefix: string): void => {
      for (const sub of cmd.commands) {
        names.push(`${prefix} ${sub.name()}`);
        walk(sub, `${prefix} ${sub.name()}`);
      }
    };
    walk(await buildProgram(), 'tenantry');
    expect(names.length).toBeGreaterThan(40);
    for (const name of names) expect(docs).toContain(`## \`${name}\``);
    expect(handWrittenSection(docs)).toContain('--lock-wait');
  });

  it('renders a drifted file back to the program (a changed help line is caught)', async () => {
    const drifted = docs.replace('restore a backup', 'restore a b4ckup');
    expect(drifted).not.toBe(docs);
    expect(renderCliDocs(await buildProgram(), drifted)).not.toBe(drifted);
  });

  it('quotes `restore --help` as the CLI prints it in a pipe', async () => {
    const section = docs.split('## `tenantry restore`')[1].split('```text\n')[1].split('\n```')[0];
    const program = await buildProgram();
    const restore = program.commands.find((c) => c.name() === 'restore')!;
    let printed = '';
    restore.configureOutput({ writeOut: (s) => (printed += s), getOutHelpWidth: () => 80 });
    restore.outputHelp();
    expect(section).toBe(printed.trimEnd());
  });
});

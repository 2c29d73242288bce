import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import YAML, { isNode, LineCounter } from 'yaml';
import { AppError } from '../../../shared/errors';
import { runbookSchema, type Runbook } from '../../../shared/model/checklists';

/** A runbook is a page of steps: far below this. Bigger is refused before it is parsed. */
export const MAX_RUNBOOK_BYTES = 512 * 1024;
/** yaml's own guard against alias bombs ("billion laughs"): more expansions than this are refused. */
const MAX_ALIASES = 100;

export interface LoadedRunbook {
  id: string;
  path: string;
  runbook: Runbook;
}

function where(file: string, lines: LineCounter, offset: number | undefined): string {
  if (offset === undefined) return file;
  const { line, col } = lines.linePos(offset);
  return `${file}:${line}:${col}`;
}

/** Parses and validates one runbook; errors name the file, line and column (RUNBOOK_INVALID). */
export function parseRunbook(text: string, file: string): Runbook {
  const lines = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new AppError(
      'RUNBOOK_INVALID',
      `${where(file, lines, e.pos[0])}: ${e.message.split('\n')[0]}`,
      'Fix the YAML syntax at that line and column.',
    );
  }
  if (Buffer.byteLength(text) > MAX_RUNBOOK_BYTES) throw tooLarge(file);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    if (e instanceof ReferenceError)
      throw new AppError(
        'RUNBOOK_TOO_LARGE',
        `${file}: ${e.message}.`,
        'A runbook needs no aliases that expand to this much; write its steps out.',
      );
    throw e;
  }
  const parsed = runbookSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Point at the deepest node of the path that exists in the document.
    let node: unknown;
    for (let n = issue.path.length; n >= 0 && !isNode(node); n--)
      node = doc.getIn(issue.path.slice(0, n) as (string | number)[], true);
    const offset = isNode(node) ? node.range?.[0] : undefined;
    const fieldPath = issue.path.join('.');
    throw new AppError(
      'RUNBOOK_INVALID',
      `${where(file, lines, offset)}: ${fieldPath ? `${fieldPath}: ` : ''}${issue.message}`,
      'Step kinds: backup, verify-backup, migrate, migration-status, check, sql-assert, command, manual.',
    );
  }
  return parsed.data;
}

function tooLarge(file: string): AppError {
  return new AppError(
    'RUNBOOK_TOO_LARGE',
    `${file} is larger than ${MAX_RUNBOOK_BYTES / 1024} KB.`,
    'A runbook is a list of steps; split a huge one, or check that the right file was named.',
  );
}

const isRunbookId = (spec: string) => /^[a-z0-9][a-z0-9_-]*$/i.test(spec);

/**
 * CLI.md: the path form is for the CLI only. The renderer and browser mode name runbooks by id
 * from the project's runbooks/, since runbook `command` steps start programs.
 */
export function assertRunbookSpecAllowed(spec: string, mode: string): void {
  if (mode === 'cli' || isRunbookId(spec)) return;
  throw new AppError(
    'RUNBOOK_PATH_NOT_ALLOWED',
    `"${spec.slice(0, 200)}" is not a runbook id: here runbooks are chosen by id from the project's runbooks/ folder.`,
    "Put the file in the project's runbooks/ folder and choose it by name; the path form is for the command line only.",
  );
}

/** `checklist run RUNBOOK`: an id in the project's runbooks/, or a path to a .yaml/.yml file. */
export function resolveRunbookPath(spec: string, projectDir: string | undefined): string {
  if (/\.ya?ml$/i.test(spec)) return path.resolve(spec);
  if (!isRunbookId(spec))
    throw new AppError('RUNBOOK_NOT_FOUND', `"${spec}" is neither a runbook id nor a .yaml file.`);
  if (!projectDir)
    throw new AppError(
      'NO_PROJECT',
      `Runbook "${spec}" is looked up in the project's runbooks/, and there is no project.`,
      'Pass --project DIR or a path to a .yaml file.',
    );
  for (const ext of ['.yaml', '.yml']) {
    const candidate = path.join(projectDir, 'runbooks', spec + ext);
    if (existsSync(candidate)) return candidate;
  }
  throw new AppError(
    'RUNBOOK_NOT_FOUND',
    `No runbook "${spec}" in ${path.join(projectDir, 'runbooks')}.`,
    'List them in the Checklists screen, or give a path to a .yaml file.',
  );
}

export async function loadRunbook(spec: string, projectDir: string | undefined): Promise<LoadedRunbook> {
  const file = resolveRunbookPath(spec, projectDir);
  let text: string;
  try {
    if ((await fs.stat(file)).size > MAX_RUNBOOK_BYTES) throw tooLarge(file);
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('RUNBOOK_NOT_FOUND', `The runbook file ${file} cannot be read.`);
  }
  const runbook = parseRunbook(text, file);
  await assertReferencesExist(runbook, text, file, projectDir);
  return { id: path.basename(file).replace(/\.ya?ml$/i, ''), path: file, runbook };
}

/** The ids (file names) and `-- name:` headers of the project's checks; companions (`.fix`, `.metrics`) are not checks. */
async function checkNames(projectDir: string): Promise<Set<string>> {
  const dir = path.join(projectDir, 'checks');
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter(
    (n) => n.endsWith('.sql') && !/\.(fix|metrics)\.sql$/.test(n),
  );
  const names = new Set(files.map((n) => n.slice(0, -'.sql'.length)));
  for (const n of files) {
    const head = (await fs.readFile(path.join(dir, n), 'utf8').catch(() => '')).slice(0, 4000);
    const named = /^--\s*name\s*:\s*(\S+)/im.exec(head);
    if (named) names.add(named[1]);
  }
  return names;
}

/**
 * A runbook that names a check or a rollback runbook the project does not have is refused when it
 * is loaded (RUNBOOK_INVALID, file:line:col), not when the run reaches that step.
 */
async function assertReferencesExist(
  runbook: Runbook,
  text: string,
  file: string,
  projectDir: string | undefined,
): Promise<void> {
  if (!projectDir) return;
  const lines = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lines });
  const at = (p: (string | number)[]) => {
    const node = doc.getIn(p, true);
    return where(file, lines, isNode(node) ? node.range?.[0] : undefined);
  };
  const named = runbook.steps.some((s) => s.kind === 'check' && s.checks?.length)
    ? await checkNames(projectDir)
    : new Set<string>();
  for (const [i, step] of runbook.steps.entries()) {
    if (step.kind !== 'check') continue;
    for (const [j, id] of (step.checks ?? []).entries()) {
      if (!named.has(id))
        throw new AppError(
          'RUNBOOK_INVALID',
          `${at(['steps', i, 'checks', j])}: step "${step.id}" names the check "${id}", which the project's checks/ folder does not hold.`,
          named.size
            ? `Known checks: ${[...named].sort().join(', ')}.`
            : 'Add the check to checks/, or remove it from the step.',
        );
    }
  }
  const backups = new Set(runbook.steps.filter((s) => s.kind === 'backup').map((s) => s.id));
  for (const [i, step] of runbook.steps.entries()) {
    if (step.kind === 'verify-backup' && step.backupStep !== undefined && !backups.has(step.backupStep)) {
      throw new AppError(
        'RUNBOOK_INVALID',
        `${at(['steps', i, 'backupStep'])}: step "${step.id}" verifies the backup of step "${step.backupStep}", which is not a backup step of this runbook.`,
        backups.size ? `Backup steps: ${[...backups].join(', ')}.` : 'Add a backup step before it.',
      );
    }
  }
  if (runbook.rollback !== undefined) {
    const found =
      isRunbookId(runbook.rollback) &&
      ['.yaml', '.yml'].some((ext) => existsSync(path.join(projectDir, 'runbooks', runbook.rollback + ext)));
    if (!found)
      throw new AppError(
        'RUNBOOK_INVALID',
        `${at(['rollback'])}: the rollback runbook "${runbook.rollback}" is not in the project's runbooks/ folder.`,
        'Name a runbook of runbooks/ by id (its file name without .yaml).',
      );
  }
}

/** Every runbook of the project, the invalid ones reported beside the valid ones. */
export async function listRunbooks(
  projectDir: string,
): Promise<{ runbooks: LoadedRunbook[]; errors: { file: string; message: string }[] }> {
  const dir = path.join(projectDir, 'runbooks');
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/i.test(n)).sort();
  const runbooks: LoadedRunbook[] = [];
  const errors: { file: string; message: string }[] = [];
  for (const name of names) {
    try {
      runbooks.push(await loadRunbook(path.join(dir, name), projectDir));
    } catch (e) {
      errors.push({ file: path.join(dir, name), message: (e as Error).message });
    }
  }
  return { runbooks, errors };
}

import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import YAML, { isNode, LineCounter } from 'yaml';
import { AppError } from '../../../shared/errors';
import { runbookSchema, type Runbook } from '../../../shared/model/checklists';

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
    throw new AppError('RUNBOOK_INVALID', `${where(file, lines, e.pos[0])}: ${e.message.split('\n')[0]}`, 'Fix the YAML syntax at that line and column.');
  }
  const parsed = runbookSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Point at the deepest node of the path that exists in the document.
    let node: unknown;
    for (let n = issue.path.length; n >= 0 && !isNode(node); n--) node = doc.getIn(issue.path.slice(0, n) as (string | number)[], true);
    const offset = isNode(node) ? node.range?.[0] : undefined;
    const fieldPath = issue.path.join('.');
    throw new AppError('RUNBOOK_INVALID', `${where(file, lines, offset)}: ${fieldPath ? `${fieldPath}: ` : ''}${issue.message}`, 'Step kinds: backup, verify-backup, migrate, migration-status, check, sql-assert, command, manual.');
  }
  return parsed.data;
}

/** `checklist run RUNBOOK`: an id in the project's runbooks/, or a path to a .yaml/.yml file. */
export function resolveRunbookPath(spec: string, projectDir: string | undefined): string {
  if (/\.ya?ml$/i.test(spec)) return path.resolve(spec);
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(spec)) throw new AppError('RUNBOOK_NOT_FOUND', `"${spec}" is neither a runbook id nor a .yaml file.`);
  if (!projectDir) throw new AppError('NO_PROJECT', `Runbook "${spec}" is looked up in the project's runbooks/, and there is no project.`, 'Pass --project DIR or a path to a .yaml file.');
  for (const ext of ['.yaml', '.yml']) {
    const candidate = path.join(projectDir, 'runbooks', spec + ext);
    if (existsSync(candidate)) return candidate;
  }
  throw new AppError('RUNBOOK_NOT_FOUND', `No runbook "${spec}" in ${path.join(projectDir, 'runbooks')}.`, 'List them in the Checklists screen, or give a path to a .yaml file.');
}

export async function loadRunbook(spec: string, projectDir: string | undefined): Promise<LoadedRunbook> {
  const file = resolveRunbookPath(spec, projectDir);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new AppError('RUNBOOK_NOT_FOUND', `The runbook file ${file} cannot be read.`);
  }
  return { id: path.basename(file).replace(/\.ya?ml$/i, ''), path: file, runbook: parseRunbook(text, file) };
}

/** Every runbook of the project, the invalid ones reported beside the valid ones. */
export async function listRunbooks(projectDir: string): Promise<{ runbooks: LoadedRunbook[]; errors: { file: string; message: string }[] }> {
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

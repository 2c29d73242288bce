import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ActionDefinition, ActionParam } from '../../../shared/model/fleet';
import { findPlaceholders, loadSqlParser } from '../domain/sql';
import { readHeaders } from '../domain/file-headers';
import { checkValue, isParamType, splitStatements } from './action-params';

/** An action with its SQL, which never leaves main. */
export interface LoadedAction extends ActionDefinition {
  sql: string;
}

const ACTION_ID = /^[A-Za-z0-9_-]{1,200}$/;

export function actionsDir(projectDir: string): string {
  return path.join(projectDir, 'actions');
}

function parseAction(id: string, file: string, text: string): LoadedAction {
  const base: LoadedAction = { id, description: '', params: [], file, sql: text };
  try {
    const { values, params } = readHeaders(text);
    base.description = values.get('description') ?? '';
    const typed: ActionParam[] = params.map((p) => {
      if (!isParamType(p.type))
        throw new AppError(
          'PARAM_INVALID',
          `The parameter "${p.name}" has type "${p.type}".`,
          'Action parameters are text, integer, numeric, boolean or uuid.',
          { field: p.name },
        );
      const param: ActionParam = {
        name: p.name,
        type: p.type,
        ...(p.default !== undefined ? { default: p.default } : {}),
      };
      if (param.default !== undefined) checkValue(param, param.default);
      return param;
    });
    base.params = typed;
    for (const ph of findPlaceholders(text)) {
      if (!typed.some((p) => p.name === ph.name))
        throw new AppError(
          'PARAM_INVALID',
          `The SQL uses :${ph.name}, which no "-- param:" header declares.`,
          `Add "-- param: ${ph.name} TYPE = DEFAULT" to the header.`,
          { field: ph.name },
        );
    }
    if (!splitStatements(text).length)
      throw new AppError(
        'VALIDATION_FAILED',
        'The action holds no SQL statement.',
        'Write the statements after the header lines.',
      );
  } catch (e) {
    const err = e instanceof AppError ? e : new AppError('VALIDATION_FAILED', String((e as Error).message ?? e));
    base.problem = {
      code: err.code,
      message: `${path.basename(file)}: ${err.message}`,
      ...(err.hint ? { hint: err.hint } : {}),
    };
  }
  return base;
}

/** The project's `actions/*.sql`, sorted by id; a broken file is listed with its problem. */
export async function readActions(projectDir: string): Promise<LoadedAction[]> {
  const dir = actionsDir(projectDir);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  await loadSqlParser();
  const files = names.filter((n) => n.endsWith('.sql') && ACTION_ID.test(n.slice(0, -4))).sort();
  return Promise.all(
    files.map(async (n) =>
      parseAction(
        n.slice(0, -4),
        path.join(dir, n),
        (await fs.readFile(path.join(dir, n), 'utf8')).replace(/\r\n/g, '\n'),
      ),
    ),
  );
}

/** One action by id (the file name without `.sql`); ACTION_NOT_FOUND, or its problem, when it cannot run. */
export async function loadAction(projectDir: string, id: string): Promise<LoadedAction> {
  const all = await readActions(projectDir);
  const found = ACTION_ID.test(id) ? all.find((a) => a.id === id) : undefined;
  if (!found) {
    throw new AppError(
      'ACTION_NOT_FOUND',
      `No action "${id}" in ${actionsDir(projectDir)}.`,
      all.length ? `Known actions: ${all.map((a) => a.id).join(', ')}.` : 'Add actions/NAME.sql files to the project.',
    );
  }
  if (found.problem)
    throw new AppError(found.problem.code as 'PARAM_INVALID', found.problem.message, found.problem.hint);
  return found;
}

export function publicAction(action: LoadedAction): ActionDefinition {
  const { sql: _sql, ...definition } = action;
  void _sql;
  return definition;
}

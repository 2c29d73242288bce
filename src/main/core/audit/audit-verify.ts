import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AuditVerify } from '../../../shared/model/audit';
import { lineHash, type AuditHead, type AuditLine, type AuditLog } from './audit-log';

/** The whole chain and its anchor (`audit verify`). */
export async function verifyAuditLog(log: AuditLog): Promise<AuditVerify> {
  let head: AuditHead | null;
  try {
    head = (await log.readHead()) ?? null;
  } catch (e) {
    return {
      ok: false,
      lines: 0,
      files: (await log.files()).map((f) => path.basename(f)),
      firstBad: { file: log.headFile, line: 0, reason: (e as Error).message },
    };
  }
  return verifyAuditFiles(await log.files(), head);
}

/**
 * Walks the whole chain, across month files, and names the first line whose `prev` or `hash`
 * does not hold: an edited line (the last one included), a removed line or a line that is not JSON.
 * With the anchor (`head`: null when audit/head.json is missing) it also catches what the chain
 * alone cannot: lines cut from the end, an emptied or deleted last month file.
 */
export async function verifyAuditFiles(files: string[], head?: AuditHead | null): Promise<AuditVerify> {
  let prev = '';
  let count = 0;
  let lastFile: string | undefined;
  let linesInLast = 0;
  for (const file of files) {
    lastFile = file;
    linesInLast = 0;
    const texts = (await fs.readFile(file, 'utf8')).split('\n');
    if (texts.at(-1) === '') texts.pop();
    for (const [i, text] of texts.entries()) {
      const bad = (reason: string): AuditVerify => ({
        ok: false,
        lines: count,
        files: files.map((f) => path.basename(f)),
        firstBad: { file, line: i + 1, reason },
      });
      if (!text.trim()) return bad('empty line (a line was removed or blanked)');
      let line: AuditLine;
      try {
        line = JSON.parse(text) as AuditLine;
      } catch {
        return bad('not valid JSON');
      }
      if (typeof line !== 'object' || line === null || typeof line.hash !== 'string') return bad('not an audit line');
      if (line.prev !== prev)
        return bad('does not follow the previous line (a line before it was removed, added or edited)');
      const { hash, ...body } = line;
      if (lineHash(prev, body) !== hash) return bad('its content does not match its hash (the line was edited)');
      prev = hash;
      count++;
      linesInLast++;
    }
  }
  const names = files.map((f) => path.basename(f));
  if (head === undefined) return { ok: true, lines: count, files: names };
  const at = (file: string, line: number, reason: string): AuditVerify => ({
    ok: false,
    lines: count,
    files: names,
    firstBad: { file, line, reason },
  });
  if (head === null) {
    return count
      ? at(
          path.join(path.dirname(files[0]), 'head.json'),
          0,
          'audit/head.json, the anchor holding the last hash and the line count, is missing',
        )
      : { ok: true, lines: 0, files: names };
  }
  if (count === head.lines && prev === head.lastHash) return { ok: true, lines: count, files: names };
  const headDir = path.dirname(lastFile ?? files[0] ?? '.');
  if (!names.includes(head.file)) {
    return at(
      path.join(headDir, head.file),
      0,
      `the month file holding the last line is missing (deleted): ${head.lines} line(s) recorded, ${count} found`,
    );
  }
  if (count < head.lines) {
    return at(
      lastFile!,
      linesInLast + 1,
      `${head.lines - count} line(s) missing at the end of the log (cut, or a month file emptied or deleted): ${head.lines} recorded, ${count} found`,
    );
  }
  return at(
    lastFile ?? path.join(headDir, head.file),
    linesInLast,
    `the log does not end where audit/head.json says (${head.lines} line(s) ending in ${head.lastHash.slice(0, 12)}…, found ${count})`,
  );
}

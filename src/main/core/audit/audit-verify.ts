import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AuditVerify } from '../../../shared/model/audit';
import { lineHash, type AuditLine } from './audit-log';

/**
 * Walks the whole chain, across month files, and names the first line whose `prev` or `hash`
 * does not hold: an edited line (the last one included), a removed line or a line that is not JSON.
 */
export async function verifyAuditFiles(files: string[]): Promise<AuditVerify> {
  let prev = '';
  let count = 0;
  for (const file of files) {
    const texts = (await fs.readFile(file, 'utf8')).split('\n');
    if (texts.at(-1) === '') texts.pop();
    for (const [i, text] of texts.entries()) {
      const bad = (reason: string): AuditVerify => ({ ok: false, lines: count, files: files.map((f) => path.basename(f)), firstBad: { file, line: i + 1, reason } });
      if (!text.trim()) return bad('empty line (a line was removed or blanked)');
      let line: AuditLine;
      try {
        line = JSON.parse(text) as AuditLine;
      } catch {
        return bad('not valid JSON');
      }
      if (typeof line !== 'object' || line === null || typeof line.hash !== 'string') return bad('not an audit line');
      if (line.prev !== prev) return bad('does not follow the previous line (a line before it was removed, added or edited)');
      const { hash, ...body } = line;
      if (lineHash(prev, body) !== hash) return bad('its content does not match its hash (the line was edited)');
      prev = hash;
      count++;
    }
  }
  return { ok: true, lines: count, files: files.map((f) => path.basename(f)) };
}

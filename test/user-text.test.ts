import { ESLint } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_MESSAGES } from '../src/main/cli/cli-messages';
import { dictionaries } from '../src/renderer/src/i18n/dictionary';

const root = path.resolve(__dirname, '..');
const eslint = new ESLint({ cwd: root });
const RULES = new Set(['i18next/no-literal-string', 'no-restricted-syntax']);

async function untranslated(code: string, file = 'src/renderer/src/features/probe/Probe.tsx'): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const found = result.messages.filter((m) => m.ruleId && RULES.has(m.ruleId) && /i18n dictionaries/.test(m.message));
  return found.length;
}

const wrap = (jsx: string) =>
  `import { useT } from '../../i18n';\nexport function Probe({ on, n }: { on: boolean; n: number }) {\n  const { t } = useT();\n  void t; void on; void n;\n  return (${jsx});\n}\n`;

describe('untranslated user-visible text fails lint (renderer)', () => {
  it('fails on words in JSX text, text attributes and expressions', { timeout: 60_000 }, async () => {
    expect(await untranslated(wrap('<p>Registered, but its schema is missing</p>'))).toBe(1);
    expect(await untranslated(wrap('<button title="Close">×</button>'))).toBe(1);
    expect(await untranslated(wrap('<input placeholder="Search tenants" />'))).toBe(1);
    expect(await untranslated(wrap("<span>{on ? 'passed' : 'failed'}</span>"))).toBe(2);
    expect(await untranslated(wrap("<span>{on && 'superuser'}</span>"))).toBe(1);
    expect(await untranslated(wrap('<span>{`${n} lines`}</span>'))).toBe(1);
  });

  it('passes on translated text, numbers, symbols, units and technical examples', { timeout: 60_000 }, async () => {
    expect(await untranslated(wrap("<p title={t('tn.copy')}>{t('tn.copy')} · {n} ms<span>→ ▲ ✓</span></p>"))).toBe(0);
    expect(await untranslated(wrap('<input placeholder="tenant_copy" aria-label="SQL" />'))).toBe(0);
    expect(await untranslated(wrap('<input placeholder="postgres://user@host:5432/db" />'))).toBe(0);
    expect(
      await untranslated(
        wrap('<p className="muted small" data-testid="fleet-counts" onClick={() => void \'x\'}>{t(`env.${n}`)}</p>'),
      ),
    ).toBe(0);
  });

  it('every renderer component passes it', { timeout: 180_000 }, async () => {
    const results = await eslint.lintFiles(['src/renderer/src/**/*.tsx']);
    const found = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId && RULES.has(m.ruleId) && /i18n dictionaries/.test(m.message))
        .map((m) => `${path.relative(root, r.filePath)}:${m.line}`),
    );
    expect(found).toEqual([]);
  });
});

/** Seed documents and issue numbers are how the team talks, never what a user reads. */
const INTERNAL = /\bseeds? 0\d\d\b|\bseed 000\b|\bissue #?\d+\b/i;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('no internal references in user text', () => {
  it('none in the console’s messages (renderer, both languages) or the CLI’s', () => {
    const texts = [
      ...Object.entries(dictionaries.en),
      ...Object.entries(dictionaries.es),
      ...Object.entries(CLI_MESSAGES.en),
      ...Object.entries(CLI_MESSAGES.es),
    ];
    expect(texts.filter(([, v]) => INTERNAL.test(v)).map(([k]) => k)).toEqual([]);
  });

  it('none in the sample project’s descriptions, which screens and exported reports show', () => {
    const sample = path.join(root, 'resources', 'sample-project');
    const described = files(sample)
      .filter((f) => /\.(sql|ya?ml)$/.test(f))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .filter((l) => /^\s*(--\s*)?(description|name|title)\s*:/i.test(l) || /^#/.test(l))
          .map((l) => `${path.relative(sample, f)}: ${l.trim()}`),
      );
    expect(described.length).toBeGreaterThan(5);
    expect(described.filter((l) => INTERNAL.test(l))).toEqual([]);
  });
});

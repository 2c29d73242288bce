import { describe, expect, it } from 'vitest';
import { createOutput } from './output';
import { plainLines, wantsBar } from './progress';

describe('progress on stderr', () => {
  it('is a bar only on a terminal that can draw one', () => {
    expect(wantsBar({ isTTY: true }, { TERM: 'xterm-256color' })).toBe(true);
    expect(wantsBar({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(wantsBar({ isTTY: false }, { TERM: 'xterm' })).toBe(false);
    expect(wantsBar({}, {})).toBe(false);
  });

  it('is one [i/N] line per change otherwise, log lines as they come', () => {
    const lines: string[] = [];
    const sink = { write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const view = plainLines(createOutput(false, sink, sink));
    view.update(0, 2, 'tenant_a');
    view.update(0, 2, 'tenant_a');
    view.log('warning: tenant_x has no schema');
    view.update(2, 2, 'tenant_b');
    view.update(0, 0);
    expect(lines).toEqual(['[0/2] tenant_a\n', 'warning: tenant_x has no schema\n', '[2/2] tenant_b\n']);
  });
});

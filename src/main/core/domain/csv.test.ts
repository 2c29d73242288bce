import { describe, expect, it } from 'vitest';
import { neutralizeFormula, toCsv } from './csv';

describe('the one CSV writer', () => {
  it('quotes per RFC 4180 with CRLF rows, and keeps exact digits as text', () => {
    expect(
      toCsv(
        ['tenant', 'n'],
        [
          ['a', 1],
          ['b', null],
          ['c', 'x\ny'],
          ['d', 'x,"y"'],
        ],
      ),
    ).toBe('tenant,n\r\na,1\r\nb,\r\nc,"x\ny"\r\nd,"x,""y"""\r\n');
    expect(toCsv(['big', 'exact'], [['9007199254740993', '123456789012345678901234567890.5']])).toBe(
      'big,exact\r\n9007199254740993,123456789012345678901234567890.5\r\n',
    );
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+cmd|calc', "'+cmd|calc"],
    ["-2+3+cmd|' /C calc'!A0", `'-2+3+cmd|' /C calc'!A0`],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises the formula cell %j with a leading quote', (cell, written) => {
    expect(toCsv(['v'], [[cell]])).toBe(`v\r\n${written}\r\n`);
  });

  it('leaves plain numbers, negative ones included, as numbers; headers are neutralised too', () => {
    expect(neutralizeFormula('-5')).toBe('-5');
    expect(neutralizeFormula('-9007199254740993')).toBe('-9007199254740993');
    expect(neutralizeFormula('+1.5e3')).toBe('+1.5e3');
    expect(toCsv(['=evil'], [])).toBe("'=evil\r\n");
  });

  it('writes objects as JSON, dates as ISO text and bytes as hex', () => {
    expect(toCsv(['o', 'd', 'b'], [[{ a: 1 }, new Date('2026-01-02T03:04:05Z'), Buffer.from([1, 255])]])).toBe(
      'o,d,b\r\n"{""a"":1}",2026-01-02T03:04:05.000Z,\\x01ff\r\n',
    );
  });
});

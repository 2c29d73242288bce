import { describe, expect, it } from 'vitest';
import { jsonValue } from './db-values';

describe('jsonValue', () => {
  it('writes dates as ISO text, bytes as hex, bigint as digits and keeps the rest', () => {
    expect(jsonValue(new Date('2026-12-03T07:00:00Z'))).toBe('2026-12-03T07:00:00.000Z');
    expect(jsonValue(new Date('nonsense'))).toBe('Invalid Date');
    expect(jsonValue(Buffer.from([0, 255, 16]))).toBe('\\x00ff10');
    expect(jsonValue(9007199254740993n)).toBe('9007199254740993');
    expect(jsonValue('9007199254740993')).toBe('9007199254740993');
    expect(jsonValue(null)).toBeNull();
    expect(jsonValue({ a: 1 })).toEqual({ a: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { compare } from './sql-assert-step';

describe('sql-assert compare', () => {
  it('passes values within bounds or equal', () => {
    expect(compare(1, { equals: 1 })).toBeUndefined();
    expect(compare('0.998', { min: 0.99, max: 1.01 })).toBeUndefined();
    expect(compare(true, { equals: true })).toBeUndefined();
  });
  it('explains what failed', () => {
    expect(compare(0.5, { min: 0.99 })).toBe('expected at least 0.99, got 0.5');
    expect(compare(3, { max: 2 })).toBe('expected at most 2, got 3');
    expect(compare('x', { min: 1 })).toBe('expected a number, got "x"');
    expect(compare(2, { equals: 1 })).toBe('expected 1, got 2');
  });
});

import { describe, expect, it } from 'vitest';
import { parallelFor } from './run-preflight';

describe('migrate sessions by default', () => {
  it('takes a quarter of the server’s free connections, from 2 to 8, whatever the client’s cores', () => {
    expect(parallelFor(97, undefined)).toBe(8);
    expect(parallelFor(30, undefined)).toBe(7);
    expect(parallelFor(12, undefined)).toBe(2);
  });

  it('never exceeds the free connections (two kept for others), and the project’s setting wins below that', () => {
    expect(parallelFor(3, undefined)).toBe(1);
    expect(parallelFor(97, 4)).toBe(4);
    expect(parallelFor(5, 16)).toBe(3);
  });
});

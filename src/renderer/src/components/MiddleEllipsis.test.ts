import { describe, expect, it } from 'vitest';
import { tailLength } from './MiddleEllipsis';

describe('middle ellipsis keeps the distinguishing end', () => {
  it('keeps the last underscore segment whole, at least 6 characters', () => {
    const a = 'tenant_colegio_la_salle_000f';
    const b = 'tenant_colegio_la_salle_000f_copy';
    expect(a.slice(-tailLength(a))).toBe('e_000f');
    expect(b.slice(-tailLength(b))).toBe('f_copy');
    expect('tenant_x_restored_from_2026'.slice(-tailLength('tenant_x_restored_from_2026'))).toBe('m_2026');
    expect(tailLength('abc')).toBe(3);
    expect(tailLength('a_very_long_suffix_without_breaks_at_all_xxxxxxxxxxxxxxxxxxxxxxxx')).toBe(16);
  });
});

import { describe, expect, it } from 'vitest';
import { schemaNameProblem } from '../../../shared/model/tenants';
import { ID_PATTERN, newId, randomHex, tempName } from './ids';

describe('newId', () => {
  it('is the second in UTC, then 6 random hex', () => {
    expect(newId(new Date('2025-01-02T03:04:05.678Z'))).toMatch(/^20250102T030405Z-[0-9a-f]{6}$/);
    expect(newId(new Date('2026-03-04T05:06:07.890Z'))).toMatch(/^20260304T050607Z-[0-9a-f]{6}$/);
    expect(newId(new Date('2026-12-31T23:59:59.999Z'))).toMatch(/^20261231T235959Z-[0-9a-f]{6}$/);
  });

  it('matches the pattern ids already stored in catalogs and run folders match', () => {
    expect(ID_PATTERN.test(newId())).toBe(true);
    for (const stored of ['20250101T120000Z-a1b2c3', '20260304T050607Z-abc123'])
      expect(ID_PATTERN.test(stored)).toBe(true);
    for (const other of ['20250101-120000-a1b2c3', '20250101T120000Z-A1B2C3', '../20250101T120000Z-a1b2c3'])
      expect(ID_PATTERN.test(other)).toBe(false);
  });

  it('sorts as text in time order, older stored ids included', () => {
    const ids = [
      newId(new Date('2026-05-01T00:00:00Z')),
      '20250101T120000Z-ffffff',
      newId(new Date('2025-01-01T12:00:01Z')),
      '20241231T235959Z-000000',
    ];
    expect([...ids].sort().map((id) => id.slice(0, 16))).toEqual([
      '20241231T235959Z',
      '20250101T120000Z',
      '20250101T120001Z',
      '20260501T000000Z',
    ]);
  });

  it('gives two ids of one second apart', () => {
    const at = new Date('2025-01-02T03:04:05Z');
    expect(new Set(Array.from({ length: 50 }, () => newId(at))).size).toBe(50);
  });
});

describe('randomHex and tempName', () => {
  it('gives `bytes` bytes as lowercase hex', () => {
    expect(randomHex(5)).toMatch(/^[0-9a-f]{10}$/);
  });

  it('names scratch schemas the registry never lists as tenants', () => {
    const name = tempName();
    expect(name).toMatch(/^tenantry_tmp_[0-9a-f]{12}$/);
    expect(schemaNameProblem(name)).toMatch(/reserved/);
  });
});

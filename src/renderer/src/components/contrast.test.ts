import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_COLORS } from '../../../shared/model/profile';
import { contrastRatio, textOn } from './contrast';

describe('environment colours', () => {
  it('every environment banner reaches WCAG AA (4.5:1) with the text colour chosen for it', () => {
    for (const color of Object.values(ENVIRONMENT_COLORS))
      expect(contrastRatio(color, textOn(color))).toBeGreaterThanOrEqual(4.5);
  });

  it('production red keeps white text; staging orange gets dark text', () => {
    expect(textOn(ENVIRONMENT_COLORS.production)).toBe('#ffffff');
    expect(textOn(ENVIRONMENT_COLORS.staging)).toBe('#111418');
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 0);
  });
});

/** Where survivors' awards go, and at what share (methodology §4). */
import { describe, expect, it } from 'vitest';
import { familyTargets } from '../../src/engine/family.js';
import { CELLS, FEMALE, MALE, cell } from '../../src/engine/layout.js';

function family(youngestChildAge: number) {
  const table = { pSpouse: new Float64Array(CELLS).fill(0.8), pChildren: new Float64Array(CELLS).fill(0.2), spouseAgeDifference: new Float64Array(CELLS).fill(-4.25), youngestChildAge: new Float64Array(CELLS).fill(youngestChildAge) };
  return familyTargets({ spouseShare: 0.6, soleSurvivorShare: 1, childAgeLimit: 21, family: table });
}

describe('family targets', () => {
  it('spouse and children share the pension: 0.2 × 0.6 + 0.8 × 1 for the spouse', () => {
    const t = family(6);
    const c = cell(MALE, 50);
    expect(t.spouseAmount[c]).toBeCloseTo(0.8 * (0.2 * 0.6 + 0.8 * 1), 15);
    expect(t.childAmount[c] * 2).toBeCloseTo(0.2 * (0.8 * 0.4 + 0.2 * 1), 15);
    // The widow is 45.75: three quarters at 45, a quarter at 46.
    expect(t.spouseCell[c]).toBe(cell(FEMALE, 45));
    expect(t.spouseUpper[c]).toBeCloseTo(0.75, 15);
  });

  it('with every child at or above the age limit, the spouse is a sole survivor', () => {
    const t = family(25);
    const c = cell(MALE, 50);
    expect(t.childCount[c]).toBe(0);
    expect(t.spouseAmount[c]).toBeCloseTo(0.8 * 1, 15);
  });
});

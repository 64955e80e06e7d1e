/**
 * The engine's benefit wage, E[clamp(W, floor, C)] from the wage table (insured.ts), against
 * the exact formulas of lognormal.ts, including the claimants' wage relativity (a lognormal
 * with the same σ and mean ρ·m) and a floor above the ceiling.
 */
import { describe, expect, it } from 'vitest';
import { clampedWage } from '../../src/engine/insured.js';
import { expectedClamp, expectedMin, logSigma } from '../../src/engine/lognormal.js';
import { wageTable } from '../../src/engine/wageTable.js';

describe('clampedWage', () => {
  const sigma = logSigma(0.85);
  const table = wageTable(sigma);
  const C = 6000;

  for (const [m, L] of [
    [3700, 1000],
    [3700 * 0.4, 846],
    [9000, 1125],
    [500, 1100],
  ]) {
    it(`m = ${m.toFixed(0)}, floor ${L}: equals the exact clamp to 1e-9`, () => {
      expect(clampedWage(table, m, Math.log(m), C, Math.log(C), L, Math.log(L)) / expectedClamp(m, sigma, L, C)).toBeCloseTo(1, 9);
      expect(clampedWage(table, m, Math.log(m), C, Math.log(C), 0, -Infinity) / expectedMin(m, sigma, C)).toBeCloseTo(1, 9);
    });
  }

  it('a floor above the ceiling pays the floor; no dispersion gives min/max of the mean', () => {
    expect(clampedWage(table, 3000, Math.log(3000), C, Math.log(C), 7000, Math.log(7000))).toBe(7000);
    expect(clampedWage(null, 800, Math.log(800), C, Math.log(C), 1000, Math.log(1000))).toBe(1000);
    expect(clampedWage(null, 8000, Math.log(8000), C, Math.log(C), 1000, Math.log(1000))).toBe(6000);
  });
});

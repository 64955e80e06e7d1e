/**
 * The engine's tabulated lognormal expectations against the exact formulas of lognormal.ts
 * (the reference): E[min(W, K)] = K − m·h(ln K/m), E[max(W, L)] = m + m·h(ln L/m).
 */
import { describe, expect, it } from 'vitest';
import { expectedMax, expectedMin, logSigma } from '../../src/engine/lognormal.js';
import { topUpRatio, wageTable } from '../../src/engine/wageTable.js';

describe('tabulated lognormal expectations', () => {
  for (const cv of [0.05, 0.2, 0.35, 0.6, 1.0, 2.0]) {
    it(`agree with the exact formulas to 1e-9 relative for cv = ${cv}`, () => {
      const sigma = logSigma(cv);
      const table = wageTable(sigma);
      const m = 2500;
      let worst = 0;
      // Bounds from a tenth of the mean to twenty times it, at 997 irregular points.
      for (let k = 0; k < 997; k++) {
        const bound = m * Math.exp(-2.3 + (k / 996) * 5.3 + 1e-4 * Math.sin(k));
        const z = Math.log(bound / m);
        const capped = bound - m * topUpRatio(table, z);
        const floored = m + m * topUpRatio(table, z);
        worst = Math.max(worst, Math.abs(capped / expectedMin(m, sigma, bound) - 1), Math.abs(floored / expectedMax(m, sigma, bound) - 1));
      }
      expect(worst).toBeLessThan(1e-9);
    });
  }

  it('far outside the grid: no top-up below every wage, the whole gap above every wage', () => {
    const table = wageTable(logSigma(0.3));
    expect(topUpRatio(table, -50)).toBe(0);
    expect(topUpRatio(table, 20)).toBeCloseTo(Math.exp(20) - 1, 0);
  });
});

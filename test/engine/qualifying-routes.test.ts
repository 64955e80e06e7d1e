/**
 * The invalidity qualifying routes (Act 4 s.17; methodology §4, "Qualifying routes") on the
 * binomial model of contribution months: a case worked by hand, the same shares by enumerating
 * every sequence of months with and without a contribution, and the limits the law implies.
 */
import { describe, expect, it } from 'vitest';
import { routeShares, routeTable, tenureWeights } from '../../src/engine/qualifying.js';
import type { QualifyingRoutes } from '../../src/engine/qualifying.js';

const ACT4: QualifyingRoutes = { minMonths: 24, windowMonths: 40, fullShareSinceEntry: 2 / 3, reducedShareSinceEntry: 1 / 3, grantMinMonths: 12, grantInterest: 0 };

describe('qualifying routes worked by hand', () => {
  // 2 contributions in a window of 3 months, 2/3 or 1/3 of the months since entry (at least 2),
  // a grant from 1 contribution; density ½ and M = 6 months since entry. K_w ~ Bin(3, ½) in the
  // window, K_o ~ Bin(3, ½) before it, both with probabilities 1/8, 3/8, 3/8, 1/8.
  const rule: QualifyingRoutes = { minMonths: 2, windowMonths: 3, fullShareSinceEntry: 2 / 3, reducedShareSinceEntry: 1 / 3, grantMinMonths: 1, grantInterest: 0.05 };
  const table = routeShares(0.5, rule, routeTable(6));

  it('full: K_w ≥ 2 (1/2), or K ≥ 4 with K_w = 1 and K_o = 3 (3/8 · 1/8): 35/64', () => {
    expect(table.full[6]).toBeCloseTo(35 / 64, 14);
  });

  it('reduced: K_w ≥ 2, or K ≥ 2 (1/2 + 1/8 · 1/2 + 3/8 · 7/8 = 57/64), less the full: 22/64', () => {
    expect(table.reduced[6]).toBeCloseTo(22 / 64, 14);
  });

  it('grant: K ≥ 1 (63/64) less a pension: 6/64, each with one contribution refunded with interest for 3 months', () => {
    expect(table.grant[6]).toBeCloseTo(6 / 64, 14);
    expect(table.grantMonths[6]).toBeCloseTo((6 / 64) * 1.05 ** 0.25, 14);
  });
});

/**
 * Every sequence of M months, each with a contribution with probability δ; the window is the
 * last `windowMonths`. Returns the probabilities of full, reduced and grant, and E[K·1{grant}].
 */
function enumerate(rule: QualifyingRoutes, density: number, months: number): number[] {
  const result = [0, 0, 0, 0];
  const inWindow = Math.min(months, rule.windowMonths);
  for (let bits = 0; bits < 2 ** months; bits++) {
    let k = 0;
    let kw = 0;
    for (let m = 0; m < months; m++) {
      if ((bits >> m) & 1) {
        k++;
        if (m >= months - inWindow) kw++;
      }
    }
    const p = density ** k * (1 - density) ** (months - k);
    const atLeast = (share: number | null) => share !== null && k >= Math.max(rule.minMonths, Math.ceil(share * months - 1e-9));
    const full = kw >= rule.minMonths || atLeast(rule.fullShareSinceEntry);
    const reduced = !full && atLeast(rule.reducedShareSinceEntry);
    const grant = !full && !reduced && rule.grantMinMonths !== null && k >= rule.grantMinMonths;
    if (full) result[0] += p;
    if (reduced) result[1] += p;
    if (grant) {
      result[2] += p;
      result[3] += p * k;
    }
  }
  return result;
}

describe('qualifying routes against an enumeration of every contribution history', () => {
  const rules: QualifyingRoutes[] = [
    { minMonths: 3, windowMonths: 5, fullShareSinceEntry: 2 / 3, reducedShareSinceEntry: 1 / 3, grantMinMonths: 2, grantInterest: 0 },
    { minMonths: 4, windowMonths: 6, fullShareSinceEntry: 0.75, reducedShareSinceEntry: null, grantMinMonths: 1, grantInterest: 0 },
    { minMonths: 2, windowMonths: 4, fullShareSinceEntry: null, reducedShareSinceEntry: 0.5, grantMinMonths: null, grantInterest: 0 },
  ];
  for (const [r, rule] of rules.entries()) {
    for (const density of [0.3, 0.62, 0.9]) {
      it(`rule ${r + 1}, density ${density}: every M up to 13 months`, () => {
        const table = routeShares(density, rule, routeTable(13));
        for (let months = 0; months <= 13; months++) {
          const [full, reduced, grant, grantMonths] = enumerate(rule, density, months);
          expect(table.full[months]).toBeCloseTo(full, 12);
          expect(table.reduced[months]).toBeCloseTo(reduced, 12);
          expect(table.grant[months]).toBeCloseTo(grant, 12);
          expect(table.grantMonths[months]).toBeCloseTo(grantMonths, 12);
        }
      });
    }
  }
});

describe('what the routes imply under Act 4', () => {
  it('with a contribution every month, 24 months or more qualify for the full pension, and fewer for nothing but the grant from 12', () => {
    const table = routeShares(1, ACT4, routeTable(500));
    for (let m = 0; m <= 500; m++) {
      expect(table.full[m]).toBe(m >= 24 ? 1 : 0);
      expect(table.reduced[m]).toBe(0);
      expect(table.grant[m]).toBe(m >= 12 && m < 24 ? 1 : 0);
    }
  });

  it('a year of cover (12 to 23 months) gives grants only, whatever the density', () => {
    for (const density of [0.5, 0.85, 0.99]) {
      const table = routeShares(density, ACT4, routeTable(23));
      for (let m = 12; m <= 23; m++) {
        expect(table.full[m] + table.reduced[m]).toBe(0);
        expect(table.grant[m]).toBeGreaterThan(0);
      }
    }
  });

  it('after a long career at a density between 1/3 and 2/3, most who miss the window get the reduced pension', () => {
    // 30 years: K/M ≈ 0.5, above 1/3 and below 2/3; the window (24 of 40 at δ = ½) fails often.
    const table = routeShares(0.5, ACT4, routeTable(360));
    expect(table.full[360]).toBeLessThan(0.2);
    expect(table.full[360] + table.reduced[360]).toBeGreaterThan(0.999);
  });

  it('the shares add up to at most 1, and full or reduced never fall as the density rises', () => {
    let previous = routeShares(0.05, ACT4, routeTable(480));
    for (let density = 0.1; density <= 1.0001; density += 0.05) {
      const table = routeShares(Math.min(1, density), ACT4, routeTable(480));
      for (let m = 0; m <= 480; m += 7) {
        expect(table.full[m] + table.reduced[m] + table.grant[m]).toBeLessThanOrEqual(1 + 1e-12);
        expect(table.full[m] + table.reduced[m]).toBeGreaterThanOrEqual(previous.full[m] + previous.reduced[m] - 1e-12);
      }
      previous = table;
    }
  });
});

describe('months since arrival under a permit tenure', () => {
  it('weights ∝ exp(−λ(t + ½)/12) over 12·maxYears months, adding up to 1', () => {
    const w = tenureWeights(10, 0.2);
    expect(w.length).toBe(120);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(w[12] / w[0]).toBeCloseTo(Math.exp(-0.2), 14);
    // Mean months since arrival of a truncated exponential, by its closed form (continuous, ½-month grid).
    const mean = w.reduce((a, b, t) => a + b * (t + 0.5), 0) / 12;
    const lambda = 0.2;
    const closed = 1 / lambda - (10 * Math.exp(-lambda * 10)) / (1 - Math.exp(-lambda * 10));
    expect(mean).toBeCloseTo(closed, 2);
  });

  it('no turnover spreads arrival evenly over the longest stay', () => {
    const w = tenureWeights(2, 0);
    for (const x of w) expect(x).toBeCloseTo(1 / 24, 15);
  });
});

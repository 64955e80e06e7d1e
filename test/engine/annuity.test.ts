/**
 * Annuity factors against the Illustrative Life Table at 6% (Bowers et al., Actuarial
 * Mathematics, 2nd ed., Appendix 2A; values as tested by the R package lifecontingencies).
 * Golden values: test/golden/soa-ilt-6pct-annuities.csv, sources in test/golden/README.md.
 */
import { describe, expect, it } from 'vitest';
import { annuityDue, monthlyAnnuityDue, monthlyAnnuityPair, netDiscountFactor } from '../../src/engine/annuity.js';
import { readGolden } from '../helpers/golden.js';

const lx = readGolden('soa-illustrative-life-table.csv').map((r) => Number(r.lx));
const q = lx.map((l, x) => (x + 1 < lx.length ? 1 - lx[x + 1] / l : 1));
const v = netDiscountFactor(0.06, 0);

describe('annuity factors on the Illustrative Life Table at 6%', () => {
  const table = annuityDue(q, v, new Float64Array(q.length));
  for (const row of readGolden('soa-ilt-6pct-annuities.csv').filter((r) => r.k === '1')) {
    it(`ä_${row.x} = ${row.expected} (relative tolerance 1e-5, as in the source)`, () => {
      const x = Number(row.x);
      expect(Math.abs(table[x] / Number(row.expected) - 1)).toBeLessThan(1e-5);
    });
  }

  it('ä(12)_60 is within 0.1% of the exact monthly value 10.68036 (Woolhouse to two terms)', () => {
    // The Woolhouse two-term formula ä(12) = ä − 11/24 differs from the exact value by the
    // omitted −(143/1728)(δ + μ) term: about 0.006 here.
    const monthly = monthlyAnnuityDue(q, v, new Float64Array(q.length));
    const golden = Number(readGolden('soa-ilt-6pct-annuities.csv').find((r) => r.k === '12')!.expected);
    expect(Math.abs(monthly[60] / golden - 1)).toBeLessThan(1e-3);
    expect(monthly[60]).toBeCloseTo(table[60] - 11 / 24, 12);
  });

  it('a temporary annuity to age L equals the whole-life one less the deferred part', () => {
    // ä_{x:n} = ä_x − vⁿ ₙp_x ä_{x+n}; n = 21 − 5, using lx for ₙp_x.
    const temporary = annuityDue(q, v, new Float64Array(q.length), 21);
    const expected = table[5] - v ** 16 * (lx[21] / lx[5]) * table[21];
    expect(temporary[5]).toBeCloseTo(expected, 10);
    expect(temporary[21]).toBe(0);
  });

  it('with no mortality and no interest, a temporary annuity-due of n years is worth n', () => {
    const zero = new Float64Array(111);
    const out = annuityDue(zero, 1, new Float64Array(111), 21);
    expect(out[0]).toBeCloseTo(21, 12);
    expect(out[20]).toBeCloseTo(1, 12);
    const monthly = monthlyAnnuityDue(zero, 1, new Float64Array(111), 21);
    // ä(12)_{x:n} with no decrements is exactly n (twelve payments of 1/12 a year).
    expect(monthly[0]).toBeCloseTo(21, 12);
  });
});

describe('two tables at once', () => {
  // The reference is the annual annuity-due (annuityDue, held to the published values above) with
  // the Woolhouse correction written out, not the function under test.
  it('each lane is the table of its own probabilities: ä(12) = ä − 11/24 for life', () => {
    // Lane B on the table with every q doubled (capped at 1): two different recursions in one loop.
    const length = q.length;
    const doubledQ = q.map((p) => Math.min(1, 2 * p));
    const both = new Float64Array(2 * length);
    monthlyAnnuityPair([...q, ...doubledQ], 0, length, 1, v, Infinity, both, 0, length, length);
    const annualA = annuityDue(q, v, new Float64Array(length));
    const annualB = annuityDue(doubledQ, v, new Float64Array(length));
    for (const x of [0, 40, 60, 90]) {
      expect(both[x]).toBeCloseTo(annualA[x] - 11 / 24, 12);
      expect(both[length + x]).toBeCloseTo(annualB[x] - 11 / 24, 12);
      expect(both[length + x]).toBeLessThan(both[x]);
    }
  });

  it('a multiplier scales the probabilities; to a limit, ä(12) = ä − 11/24·(1 − vⁿ·ₙp)', () => {
    const length = q.length;
    const scaledQ = q.map((p) => Math.min(1, 1.5 * p));
    const scaled = new Float64Array(2 * length);
    monthlyAnnuityPair(q, 0, 0, 1.5, v, 21, scaled, 0, length, length);
    const survival = new Float64Array(length);
    const annual = annuityDue(scaledQ, v, new Float64Array(length), 21, 0, survival);
    for (const x of [0, 5, 20]) {
      expect(scaled[x]).toBeCloseTo(annual[x] - (11 / 24) * (1 - survival[x]), 12);
      expect(scaled[length + x]).toBe(scaled[x]);
    }
    expect(scaled[21]).toBe(0);
    expect(scaled[length + 21]).toBe(0);
  });
});

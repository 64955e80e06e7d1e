/**
 * Capital values on cohort mortality (methodology §5, "Capital values"): the factor of year t at
 * age x against a direct sum over the pensioner's future years, each at that year's rate and
 * discount; a constant table gives the period factor; durations (select mortality, recovery,
 * suspension) against the same direct sum.
 */
import { describe, expect, it } from 'vitest';
import type { Assumptions, DurationTerms } from '../../src/assumptions/types.js';
import { monthlyAnnuityDue } from '../../src/engine/annuity.js';
import { cohortFactors, cohortTable } from '../../src/engine/cohort-annuity.js';
import { AGES, CELLS, MALE, cell } from '../../src/engine/layout.js';

const YEARS = 30;

/** A minimal set of assumptions: mortality q(x, t), one scheme, discount rates and pension indexation by year. */
function assumptions(q: (x: number, t: number) => number, rate: (t: number) => number, indexation = 0.01): Assumptions {
  const mortality = new Float64Array(YEARS * CELLS);
  for (let t = 0; t < YEARS; t++) for (let s = 0; s < 2; s++) for (let x = 0; x < AGES; x++) mortality[t * CELLS + cell(s, x)] = x === AGES - 1 ? 1 : q(x, t);
  const discountRate = Float64Array.from({ length: YEARS }, (_, t) => rate(t));
  return { years: YEARS, mortality, economy: { discountRate }, schemes: [{ pensionIndexation: new Float64Array(YEARS).fill(indexation) }] } as unknown as Assumptions;
}

/**
 * ä(12) by direct summation: payments of paid(k) at the start of each future year k while alive
 * and not recovered, with year t + k's rate beyond the horizon held at its last year's, less
 * 11/24 of the first year's share paid (for life).
 */
function direct(a: Assumptions, x: number, t: number, multiplier: number, terms?: DurationTerms): number {
  let value = 0;
  let survival = 1;
  let discount = 1;
  for (let k = 0; x + k < AGES; k++) {
    const d = terms ? Math.min(k, terms.durations) : 0;
    const paid = terms ? terms.paid[d] : 1;
    value += discount * survival * paid;
    const year = Math.min(t + k, YEARS - 1);
    const q = Math.min(1, a.mortality[year * CELLS + cell(MALE, x + k)] * multiplier * (terms ? terms.mortality[d] : 1));
    survival *= (1 - q) * (terms ? 1 - terms.recovery[d] : 1);
    discount *= 1.01 / (1 + a.economy.discountRate[year]);
  }
  return value - (11 / 24) * (terms ? terms.paid[0] : 1);
}

describe('annuity factors on cohort mortality', () => {
  // Mortality falling 2% a year, Gompertz in age; a discount rate stepping down from year 10.
  const improving = assumptions((x, t) => Math.min(1, 0.0002 * Math.exp(0.09 * x) * 0.98 ** t), (t) => (t < 10 ? 0.055 : 0.045));

  it('the factor of year t at age x is the sum over the years the pensioner will live, at their rates', () => {
    const table = cohortTable(improving, 0, 3, AGES);
    for (const [x, t] of [[40, 0], [60, 5], [75, 20], [90, 29]] as const) {
      expect(cohortFactors(table, t)[cell(MALE, x)]).toBeCloseTo(direct(improving, x, t, 3), 10);
    }
  });

  it('beyond the horizon the last year holds: there, the factor is the period one', () => {
    const table = cohortTable(improving, 0, 1, AGES);
    const q = improving.mortality.subarray((YEARS - 1) * CELLS + cell(MALE, 0), (YEARS - 1) * CELLS + cell(MALE, 0) + AGES);
    const period = monthlyAnnuityDue(q, 1.01 / 1.045, new Float64Array(AGES));
    for (const x of [20, 50, 80]) expect(cohortFactors(table, YEARS)[cell(MALE, x)]).toBeCloseTo(period[x], 11);
  });

  it('with the same mortality and rate every year, cohort and period factors agree', () => {
    const flat = assumptions((x) => Math.min(1, 0.0003 * Math.exp(0.085 * x)), () => 0.05);
    const q = flat.mortality.subarray(cell(MALE, 0), cell(MALE, 0) + AGES);
    const period = monthlyAnnuityDue(q, 1.01 / 1.05, new Float64Array(AGES));
    const table = cohortTable(flat, 0, 1, AGES);
    for (const x of [0, 35, 70, 105]) expect(cohortFactors(table, 3)[cell(MALE, x)]).toBeCloseTo(period[x], 11);
  });

  it('to an age limit (a child\'s pension to 21) it agrees with the period factor under a constant table', () => {
    const flat = assumptions(() => 0.001, () => 0.05);
    const q = flat.mortality.subarray(cell(MALE, 0), cell(MALE, 0) + AGES);
    const period = monthlyAnnuityDue(q, 1.01 / 1.05, new Float64Array(AGES), 21);
    const table = cohortTable(flat, 0, 1, 21);
    for (const x of [0, 10, 20, 21, 30]) expect(cohortFactors(table, 0)[cell(MALE, x)]).toBeCloseTo(period[x], 11);
  });

  it('by duration: select mortality, recovery and suspension in the first years, against the direct sum', () => {
    const terms: DurationTerms = { durations: 3, mortality: Float64Array.of(2.5, 1.6, 1.2, 1), recovery: Float64Array.of(0.05, 0.03, 0.02, 0.01), paid: Float64Array.of(0.9, 0.95, 0.97, 0.98) };
    const table = cohortTable(improving, 0, 3, AGES, terms);
    for (const [x, t] of [[45, 0], [55, 12]] as const) expect(cohortFactors(table, t, 0)[cell(MALE, x)]).toBeCloseTo(direct(improving, x, t, 3, terms), 10);
  });
});

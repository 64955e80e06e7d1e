/**
 * Invalidity pensions by duration since award (methodology §5, "Select period"), worked by hand
 * on test/fixtures/cells: no pensions in payment at the start, so in 2025 the only pensioners
 * are the year's awards A; general mortality q = 0.01 at every age (pensioners' multiplier 1),
 * no pension indexation, discount 4% (v = 1/1.04).
 */
import { describe, expect, it } from 'vitest';
import { MALE } from '../../src/engine/layout.js';
import { DETAIL_BENEFIT, MEASURE, OUTGO_COLUMNS } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const Q = 0.01;
const V = 1 / 1.04;

function invalidity(byDuration?: Yaml): SchemeProjection {
  return run(
    scenarioVariant('cells', (s) => {
      if (byDuration) s.schemes[1].benefits.invalidity_pension.by_duration = byDuration;
    }),
  ).projection.schemes[1];
}
const at = (s: SchemeProjection, benefit: keyof typeof DETAIL_BENEFIT, measure: keyof typeof MEASURE, i = 0) =>
  s.detail[detailIndex(DETAIL_BENEFIT[benefit], MEASURE[measure], 0, MALE, s.groups, s.years) + i];

/** ä(12) for life on the flat table from age x to 110 (q = 1 at 110), with the first year's multiplier m0. */
function annuity(x: number, m0 = 1): number {
  let value = 0;
  let survival = 1;
  for (let age = x; age <= 110; age++) {
    value += survival * V ** (age - x);
    survival *= 1 - (age === 110 ? 1 : Q * (age === x ? m0 : 1));
  }
  return value - 11 / 24;
}

describe('invalidity pensions by duration', () => {
  const plain = invalidity();

  it('a select period of multipliers 1, no recovery and no suspension is the projection without it (to rounding)', () => {
    const trivial = invalidity({ mortality: [1, 1], recovery: [0], suspension: [0] });
    for (const c of OUTGO_COLUMNS) {
      for (let i = 0; i < plain.years; i++) expect(trivial.outgo[c][i]).toBeCloseTo(plain.outgo[c][i], 1);
    }
    for (let i = 0; i < plain.years; i++) expect(trivial.liabilityEnd[i] / plain.liabilityEnd[i]).toBeCloseTo(1, 10);
  });

  it('mortality doubled in the award year: A(1 − 2q/2) left at the end of 2025, then the ultimate rate', () => {
    const select = invalidity({ mortality: [2] });
    const awards = at(plain, 'invalidity_pension', 'new_awards');
    expect(at(plain, 'invalidity_pension', 'beneficiaries_end')).toBeCloseTo(awards * (1 - Q / 2), 9);
    expect(at(select, 'invalidity_pension', 'beneficiaries_end')).toBeCloseTo(awards * (1 - Q), 9);
    // 2026: the 2025 awards at the ultimate rate, the 2026 awards in their select year.
    const awards1 = at(select, 'invalidity_pension', 'new_awards', 1);
    expect(at(select, 'invalidity_pension', 'beneficiaries_end', 1)).toBeCloseTo(awards * (1 - Q) * (1 - Q) + awards1 * (1 - Q), 9);
  });

  it("an award's capital value follows its select year: half a year's payment, then those left (1 − 2q/2) at the ultimate ä₄₁", () => {
    const select = invalidity({ mortality: [2] });
    const amount = at(select, 'invalidity_pension', 'new_awards_annual_amount');
    expect(at(select, 'invalidity_pension', 'capital_value_new_awards')).toBeCloseTo(amount * (0.5 + V * (1 - Q) * annuity(41)), 4);
    // Without a select period, the mean of the factors at 40 and 41 (the plain convention).
    expect(annuity(40, 2)).toBeLessThan(annuity(40));
    expect(at(plain, 'invalidity_pension', 'capital_value_new_awards')).toBeCloseTo((amount * (annuity(40) + annuity(41))) / 2, 4);
  });

  it('recovery leaves the stock mid-year without a death: no funeral, no survivors, fewer in payment', () => {
    const recovering = invalidity({ recovery: [0.1] });
    const awards = at(plain, 'invalidity_pension', 'new_awards');
    // Deaths at q/2, then a tenth of the survivors recover at half a year's exposure.
    expect(at(recovering, 'invalidity_pension', 'beneficiaries_end')).toBeCloseTo(awards * (1 - Q / 2) * (1 - 0.05), 9);
    expect(recovering.outgo.funeral[0]).toBeCloseTo(plain.outgo.funeral[0], 2);
    expect(recovering.outgo.invalidity_pension[3]).toBeLessThan(plain.outgo.invalidity_pension[3]);
  });

  it('half the pensions suspended in the award year only: half the 2025 payments, then the same pensions paid in full', () => {
    const suspended = invalidity({ suspension: [0.5, 0] });
    // Each outgo is rounded to the cent.
    expect(suspended.outgo.invalidity_pension[0]).toBeCloseTo(plain.outgo.invalidity_pension[0] / 2, 1);
    expect(at(suspended, 'invalidity_pension', 'beneficiaries_end')).toBeCloseTo(at(plain, 'invalidity_pension', 'beneficiaries_end'), 9);
    expect(suspended.outgo.invalidity_pension[1]).toBeLessThan(plain.outgo.invalidity_pension[1]);
    // From 2026 the 2025 awards are paid in full; only each year's new awards are half paid.
    const newAwards1 = at(plain, 'invalidity_pension', 'new_awards_annual_amount', 1);
    expect(suspended.outgo.invalidity_pension[1]).toBeCloseTo(plain.outgo.invalidity_pension[1] - newAwards1 / 4, 1);
  });
});

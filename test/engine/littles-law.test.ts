/**
 * Little's law for a pension stock (methodology §8): with constant awards and no indexation,
 * the number in payment tends to awards × the complete expectation of life at the award age.
 *
 * Set-up (test/fixtures/little): 100 awards a year (100,000 men aged 40 × incidence 0.001),
 * each paying 0.4 × 90% × RM3,000 × 12 = RM12,960 a year, on the Illustrative Life Table.
 * Awards are made mid-year at age last birthday 40, so at exact age 40.5 on average.
 *
 * Reference: e°_{40.5} from the published lx with uniform distribution of deaths within each
 * year of age (lx linear between integer ages), computed here from the golden table:
 *   l_{40.5} = (l_40 + l_41)/2,
 *   e°_{40.5} = [0.5·(l_{40.5} + l_41)/2 + Σ_{k≥41} (l_k + l_{k+1})/2] / l_{40.5}.
 * The engine's half-year conventions (methodology §5) differ from UDD by terms of order q/4 in
 * the first year only (about q_40/4 ≈ 0.0006 of one year's payments), so agreement within 0.1%
 * is expected.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETAIL_BENEFIT, MEASURE } from '../../src/model.js';
import { MALE } from '../../src/engine/layout.js';
import { detailIndex } from '../../src/engine/result.js';
import { readGolden } from '../helpers/golden.js';
import { FIXTURES, run } from '../helpers/scenarios.js';

const lx = readGolden('soa-illustrative-life-table.csv').map((r) => Number(r.lx));

function completeExpectationFromMidAge(x: number): number {
  const lMid = (lx[x] + lx[x + 1]) / 2;
  let personYears = (0.5 * (lMid + lx[x + 1])) / 2;
  for (let k = x + 1; k + 1 < lx.length; k++) personYears += (lx[k] + lx[k + 1]) / 2;
  return personYears / lMid;
}

describe("Little's law", () => {
  const { projection } = run(join(FIXTURES, 'little', 'scenario.yaml'));
  const scheme = projection.schemes[0];
  const last = projection.years - 1;
  const awardsPerYear = 100;
  const annualPension = 0.4 * 0.9 * 3000 * 12;

  it('the reference e°_{40.5} lies between e°_41 and e°_40 (a check of the reference itself)', () => {
    const complete = (x: number) => {
      let personYears = 0;
      for (let k = x; k + 1 < lx.length; k++) personYears += (lx[k] + lx[k + 1]) / 2;
      return personYears / lx[x];
    };
    const e = completeExpectationFromMidAge(40);
    expect(e).toBeLessThan(complete(40));
    expect(e).toBeGreaterThan(complete(41));
  });

  it('awards are constant: 100 a year, of RM12,960 each', () => {
    const at = detailIndex(DETAIL_BENEFIT.permanent_disablement, MEASURE.new_awards, 0, MALE, 1, projection.years);
    expect(scheme.detail[at + last]).toBeCloseTo(awardsPerYear, 9);
    const amount = detailIndex(DETAIL_BENEFIT.permanent_disablement, MEASURE.new_awards_annual_amount, 0, MALE, 1, projection.years);
    expect(scheme.detail[amount + last]).toBeCloseTo(awardsPerYear * annualPension, 4);
  });

  it('the mature stock in payment equals awards × e°_{40.5} within 0.1%', () => {
    // Pensions in payment during the year (person-years) = outgo / annual pension.
    const inPayment = scheme.outgo.permanent_disablement_pension[last] / annualPension;
    const expected = awardsPerYear * completeExpectationFromMidAge(40);
    expect(Math.abs(inPayment / expected - 1)).toBeLessThan(0.001);
  });
});

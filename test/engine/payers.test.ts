/**
 * Who pays (methodology §2): each payer's part of a schedule, computed by hand beside each test,
 * and the payers' parts adding up to the total to the cent.
 */
import { describe, expect, it } from 'vitest';
import { DETAIL_BENEFIT, MEASURE, PAYER } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { cli, run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

/** A group's insured total of one measure in year index i, both sexes (detail.csv's). */
function insured(s: SchemeProjection, measure: number, g: number, i: number): number {
  let sum = 0;
  for (let sex = 0; sex < 2; sex++) sum += s.detail[detailIndex(DETAIL_BENEFIT.insured, measure, g, sex, s.groups, s.years) + i];
  return sum;
}

const cents = (x: number) => Math.round(x * 100);

/** The basic fixture's commuters paid in ringgit, with no dispersion: every one earns RM800 a month. */
function flatWageCommuters(s: Yaml): void {
  s.groups[1].wage = { mean_monthly: 800, cv: 0 };
  s.economy.exchange_rates = undefined;
}

describe('contributions by payer', () => {
  it('rates by payer: each pays its rate on the wage bill, and the parts add up to the total to the cent', () => {
    const r = run(
      scenarioVariant('basic', (s) => {
        s.schemes[0].contributions.default = { employer: 0.01, employee: 0.001, government: 0.0015 };
        s.schemes[0].contributions.by_group = { commuters: { platform: 0.0125 } };
      }),
    );
    const ei = r.projection.schemes[0];
    for (const i of [0, 5, 20]) {
      const locals = insured(ei, MEASURE.wage_bill, 0, i);
      const commuters = insured(ei, MEASURE.wage_bill, 1, i);
      expect(ei.contributionsByPayer[PAYER.employer][i]).toBeCloseTo(0.01 * locals, 2);
      expect(ei.contributionsByPayer[PAYER.employee][i]).toBeCloseTo(0.001 * locals, 2);
      expect(ei.contributionsByPayer[PAYER.government][i]).toBeCloseTo(0.0015 * locals, 2);
      expect(ei.contributionsByPayer[PAYER.platform][i]).toBeCloseTo(0.0125 * commuters, 2);
      expect(cents(ei.contributions[i])).toBe(ei.contributionsByPayer.reduce((sum, paid) => sum + cents(paid[i]), 0));
    }
  });

  it('a flat amount shared among payers: government 90% and the insured person 10% of 12 × contributing × RM13.10', () => {
    const r = run(
      scenarioVariant('basic', (s) => {
        s.schemes[0].contributions.by_group = { commuters: { flat_monthly: 13.1, payers: { government: 0.9, employee: 0.1 } } };
      }),
    );
    const ei = r.projection.schemes[0];
    const i = 10;
    const flat = 12 * insured(ei, MEASURE.contributing, 1, i) * 13.1;
    expect(ei.contributionsByPayer[PAYER.government][i]).toBeCloseTo(0.9 * flat, 2);
    // The locals pay no employee rate: the employee part is the commuters' 10%.
    expect(ei.contributionsByPayer[PAYER.employee][i]).toBeCloseTo(0.1 * flat, 2);
    expect(ei.contributionsByPayer[PAYER.platform][i]).toBe(0);
  });

  it('a minimum monthly contribution: 1.25% of RM800 is RM10, so the insured person tops up RM3.10 a month to RM13.10', () => {
    const r = run(
      scenarioVariant('basic', (s) => {
        flatWageCommuters(s);
        s.schemes[0].contributions.by_group = { commuters: { platform: 0.0125, minimum_monthly: 13.1, top_up_payer: 'employee' } };
      }),
    );
    const ei = r.projection.schemes[0];
    for (const i of [3, 15]) {
      const contributing = insured(ei, MEASURE.contributing, 1, i);
      expect(contributing).toBeGreaterThan(0);
      // Wages do not disperse and stay under the ceiling: the wage bill is 12 × contributing × 800 (grown with wages).
      const wage = insured(ei, MEASURE.wage_bill, 1, i) / (12 * contributing);
      expect(ei.contributionsByPayer[PAYER.platform][i]).toBeCloseTo(0.0125 * 12 * contributing * wage, 2);
      const topUp = Math.max(0, 13.1 - 0.0125 * wage);
      expect(ei.contributionsByPayer[PAYER.employee][i]).toBeCloseTo(12 * contributing * topUp, 2);
      // The group's contributions in the detail are the platform's part and the top-up together.
      expect(insured(ei, MEASURE.contributions, 1, i)).toBeCloseTo(12 * contributing * Math.max(13.1, 0.0125 * wage), 2);
    }
    // RM800 grows 4% a year: from 2025 + 13 its 1.25% (RM13.32) passes the minimum and the top-up ends.
    expect(ei.contributionsByPayer[PAYER.employee][13]).toBe(0);
  });

  it('a minimum on lognormal earnings: the top-up is E[max(r·min(W, C), m)] − r·E[min(W, C)], by quadrature', () => {
    const cv = 0.8;
    const r = run(
      scenarioVariant('basic', (s) => {
        s.groups[1].wage = { mean_monthly: 1500, cv };
        s.economy.exchange_rates = undefined;
        s.schemes[0].contributions.by_group = { commuters: { platform: 0.0125, minimum_monthly: 13.1 } };
      }),
    );
    const ei = r.projection.schemes[0];
    const i = 2; // before the ceiling and wages move apart much; no age profile: one mean wage
    const contributing = insured(ei, MEASURE.contributing, 1, i);
    const mean = insured(ei, MEASURE.wage_bill, 1, i) / (12 * contributing); // E[min(W, C)] with C = 6000 far above
    // E[max(r·W, m)] for W lognormal: midpoint rule on the normal quantiles, 200,000 points.
    const sigma = Math.sqrt(Math.log(1 + cv * cv));
    const m = 1500 * Math.pow(1.04, i);
    const mu = Math.log(m) - (sigma * sigma) / 2;
    const n = 200_000;
    let expected = 0;
    for (let k = 0; k < n; k++) {
      const w = Math.exp(mu + sigma * inverseNormal((k + 0.5) / n));
      expected += Math.max(0.0125 * Math.min(w, 6000), 13.1);
    }
    expected /= n;
    const topUp = ei.contributionsByPayer[PAYER.employee][i] / (12 * contributing);
    expect(topUp).toBeGreaterThan(0.5);
    expect(topUp).toBeCloseTo(expected - 0.0125 * mean, 2);
  });

  it("payers' shares that do not add up to 1 are an error at the key, with exit 2", async () => {
    const path = scenarioVariant('basic', (s) => {
      s.schemes[0].contributions.by_group = { commuters: { flat_monthly: 13.1, payers: { government: 0.9, employee: { 2025: 0.1, 2030: 0.2 } } } };
    });
    const result = await cli('validate', path);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/schemes\[0\]\.contributions\.by_group\.commuters\.payers: the payers' shares of flat_monthly add up to 1\.1 in 2030/);
  });

  it('payers with rates, and a minimum with a flat amount, are refused', async () => {
    const withRates = await cli('validate', scenarioVariant('basic', (s) => (s.schemes[0].contributions.default.payers = { employer: 1 })));
    expect(withRates.code).toBe(2);
    expect(withRates.stderr).toMatch(/contributions\.default\.payers: `payers` shares a flat_monthly amount/);
    const minimum = await cli('validate', scenarioVariant('basic', (s) => (s.schemes[0].contributions.by_group = { commuters: { flat_monthly: 10, minimum_monthly: 13 } })));
    expect(minimum.code).toBe(2);
    expect(minimum.stderr).toMatch(/minimum_monthly: `minimum_monthly` tops up a contribution by rates/);
  });
});

/** Φ⁻¹(p) by Acklam's rational approximation (relative error about 1e−9, far below the test's tolerance). */
function inverseNormal(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  return x;
}

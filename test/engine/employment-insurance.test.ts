/**
 * Employment insurance (methodology §4, "Employment insurance"): a claim's allowances computed
 * by hand for one cell, the duration tiers and the qualifying share of a group covered from
 * this year, a group with zero risk, and GAP = PAYG in a stationary population.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETAIL_BENEFIT, MEASURE, OUTGO_COLUMNS } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { durationFactors } from '../../src/engine/employment-insurance.js';
import { cli, run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const RATES = [0.8, 0.5, 0.4, 0.4, 0.3, 0.3];

/** An employment-insurance scheme covering `group`, its job-loss table written beside the scenario. */
function eisScheme(dir: string, group: string, cover: Yaml, jobLoss = 0.01): Yaml {
  writeFileSync(join(dir, 'job-loss.csv'), `sex,age,job_loss\nM,40,${jobLoss}\nF,40,${jobLoss}\n`);
  return {
    id: 'eis',
    kind: 'employment_insurance',
    ages: { min: 18, max: 59 },
    ceiling: { monthly: 6000 },
    cover: { [group]: cover },
    contributions: { default: { employer: 0.002, employee: 0.002 } },
    incidence: 'job-loss.csv',
    qualifying: { min_months: 12, window_months: 24, entry_age: 18 },
    benefits: {
      job_search_allowance: { rates: RATES, duration: { contributions: [12, 16, 20, 24], months: [3, 4, 5, 6] }, reemployment_hazard: 0.2 },
      early_reemployment_allowance: { share_of_unpaid: 0.25 },
      reduced_income_allowance: { share_of_claims: 0.1 },
      training: { share_of_claims: 0.2, fee_per_trainee: 1000, allowance_daily: 20, days: 30 },
    },
    expenses: { share_of_contributions: 0.1 },
  };
}

function cases(s: SchemeProjection, benefit: number, i: number): number {
  let sum = 0;
  for (let sex = 0; sex < 2; sex++) sum += s.detail[detailIndex(benefit, MEASURE.cases, 0, sex, s.groups, s.years) + i];
  return sum;
}

const schemeOf = (r: ReturnType<typeof run>, id: string) => r.projection.schemes.find((s) => s.id === id)!;

describe('employment insurance, one cell by hand', () => {
  // test/fixtures/cells: 10,000 men aged 40 in 2025 at RM3,000 a month (no dispersion), covered
  // at 0.8 with every month contributed (density 1): 8,000 registered. 22.5 years insured since
  // 18: the 24 months of the window qualify, and the 120 months counted give 6 months of
  // allowance. Job loss 1% a year: 80 losses, all qualifying; 10% (8) are one job of several.
  const r = run(scenarioVariant('cells', (s, dir) => s.schemes.push(eisScheme(dir, 'men40', { coverage: 0.8, compliance: 0.9, contribution_density: 1 }))));
  const eis = schemeOf(r, 'eis');
  // Still without work at the start of month m: S = 1, 0.8, 0.64, 0.512, 0.4096, 0.32768 (h = 0.2).
  const S = [1, 0.8, 0.64, 0.512, 0.4096, 0.32768];
  const search = RATES.reduce((sum, rate, m) => sum + rate * S[m], 0); // 1.881984 months of wage
  // Work found after month m (m = 1..5): S_m·h, paid 25% of the rates still unpaid.
  const unpaid = [1.9, 1.4, 1.0, 0.6, 0.3];
  const early = 0.25 * unpaid.reduce((sum, u, m) => sum + S[m] * 0.2 * u, 0); // 0.204504

  it('derives the month factors: 1.881984 of job search allowance and 0.204504 of early re-employment allowance', () => {
    expect(search).toBeCloseTo(1.881984, 12);
    expect(early).toBeCloseTo(0.204504, 12);
    const f = durationFactors(RATES, 6, 0.2, 0.25);
    expect(f.search).toBeCloseTo(search, 12);
    expect(f.early).toBeCloseTo(early, 12);
    expect(f.earlyShare).toBeCloseTo(1 - Math.pow(0.8, 5), 12);
    expect(f.reduced).toBeCloseTo(2.7, 12);
  });

  it('pays 72 job search claims RM406,508.54, 48.4 early re-employment allowances RM44,172.86, 8 reduced income allowances RM64,800 and 14.4 trainees RM23,040', () => {
    expect(cases(eis, DETAIL_BENEFIT.job_search_allowance, 0)).toBeCloseTo(72, 9);
    expect(eis.outgo.job_search_allowance[0]).toBeCloseTo(72 * 3000 * 1.881984, 2); // 406,508.544
    expect(cases(eis, DETAIL_BENEFIT.early_reemployment_allowance, 0)).toBeCloseTo(72 * (1 - Math.pow(0.8, 5)), 9);
    expect(eis.outgo.early_reemployment_allowance[0]).toBeCloseTo(72 * 3000 * 0.204504, 2); // 44,172.864
    expect(cases(eis, DETAIL_BENEFIT.reduced_income_allowance, 0)).toBeCloseTo(8, 9);
    expect(eis.outgo.reduced_income_allowance[0]).toBeCloseTo(8 * 3000 * 2.7, 2); // the whole schedule, 64,800
    expect(cases(eis, DETAIL_BENEFIT.training, 0)).toBeCloseTo(14.4, 9);
    expect(eis.outgo.training[0]).toBeCloseTo(14.4 * (1000 + 20 * 30), 2);
    expect(eis.benefits[0]).toBeCloseTo(406_508.54 + 44_172.86 + 64_800 + 23_040, 1);
    // Contributions 0.4% of 12 × 8,000 × 0.9 × 3,000; expenses 10% of them.
    expect(eis.contributions[0]).toBeCloseTo(0.004 * 12 * 8000 * 0.9 * 3000, 2);
    expect(eis.expenses[0]).toBeCloseTo(0.1 * eis.contributions[0], 2);
    // No injury or pension benefit: only the four allowances.
    for (const c of OUTGO_COLUMNS) if (!['job_search_allowance', 'early_reemployment_allowance', 'reduced_income_allowance', 'training'].includes(c)) expect(eis.outgo[c][0]).toBe(0);
  });

  it("a group's own claimant wage relativity replaces the allowance's: at 1 the claims cost the cell's wage, whatever the scheme's", () => {
    const own = schemeOf(
      run(
        scenarioVariant('cells', (s, dir) => {
          const eis = eisScheme(dir, 'men40', { coverage: 0.8, compliance: 0.9, contribution_density: 1, claimant_wage_relativity: 1 });
          eis.benefits.job_search_allowance.wage_relativity = 0.5;
          s.schemes.push(eis);
        }),
      ),
      'eis',
    );
    expect(own.outgo.job_search_allowance[0]).toBeCloseTo(72 * 3000 * 1.881984, 2);
    const scheme = schemeOf(
      run(
        scenarioVariant('cells', (s, dir) => {
          const eis = eisScheme(dir, 'men40', { coverage: 0.8, compliance: 0.9, contribution_density: 1 });
          eis.benefits.job_search_allowance.wage_relativity = 0.5;
          s.schemes.push(eis);
        }),
      ),
      'eis',
    );
    // No dispersion: the claimants' wage is half the cell's, and so is the allowance.
    expect(scheme.outgo.job_search_allowance[0]).toBeCloseTo(72 * 1500 * 1.881984, 2);
  });

  it('a group covered from this year: no claim in its first year (6 months insured), then 4 months of allowance on 18 contributions', () => {
    const fresh = schemeOf(run(scenarioVariant('cells', (s, dir) => s.schemes.push(eisScheme(dir, 'men40', { coverage: 0.8, contribution_density: 1, from: 2025 })))), 'eis');
    expect(fresh.outgo.job_search_allowance[0]).toBe(0);
    expect(cases(fresh, DETAIL_BENEFIT.job_search_allowance, 0)).toBe(0);
    // 2026: 18 months insured, all contributed: 12 of the last 24 qualify; 16 <= 18 < 20 gives 4 months.
    const claims = cases(fresh, DETAIL_BENEFIT.job_search_allowance, 1);
    expect(claims).toBeGreaterThan(0);
    const perClaim = fresh.outgo.job_search_allowance[1] / claims;
    // (The outgo is rounded to the cent: the ratio to within 1e-3.)
    expect(perClaim).toBeCloseTo(3000 * (0.8 + 0.5 * 0.8 + 0.4 * 0.64 + 0.4 * 0.512), 3);
    // 2027: 30 months counted, 6 months of allowance.
    expect(fresh.outgo.job_search_allowance[2] / cases(fresh, DETAIL_BENEFIT.job_search_allowance, 2)).toBeCloseTo(3000 * search, 3);
  });

  it('with a contribution density below 1, the qualifying share and the duration mix are binomial', () => {
    // Density 0.5, covered from 2025, in 2026: 18 months insured, contributions ~ Binomial(18, 0.5).
    // Qualifying: P(k >= 12); of those, 12-15 give 3 months and 16-18 give 4.
    const half = schemeOf(run(scenarioVariant('cells', (s, dir) => s.schemes.push(eisScheme(dir, 'men40', { coverage: 0.8, contribution_density: 0.5, from: 2025 })))), 'eis');
    const pmf = (n: number, k: number) => binomial(n, k) * Math.pow(0.5, n);
    let q = 0;
    let three = 0;
    let four = 0;
    for (let k = 12; k <= 18; k++) {
      q += pmf(18, k);
      if (k < 16) three += pmf(18, k);
      else four += pmf(18, k);
    }
    // The men aged 41 and the entrants aged 20 of 2026 were both first covered in 2025: the
    // same 18 months insured, the same terms (the table's 1% at every age).
    const registered = registeredAt(half, 1);
    expect(registered).toBeCloseTo(8000, 6);
    const claims = 0.9 * 0.01 * registered * q; // 10% reduced income
    expect(cases(half, DETAIL_BENEFIT.job_search_allowance, 1)).toBeCloseTo(claims, 6);
    const f3 = durationFactors(RATES, 3, 0.2, 0.25).search;
    const f4 = durationFactors(RATES, 4, 0.2, 0.25).search;
    expect(half.outgo.job_search_allowance[1]).toBeCloseTo(claims * 3000 * ((three * f3 + four * f4) / q), 2);
  });
});

describe('employment insurance: a group with zero risk, and the stationary population', () => {
  it('a group with zero job-loss risk adds its contributions and their expenses, and no allowance', () => {
    const base = (s: Yaml, dir: string) => s.schemes.push(eisScheme(dir, 'locals', { coverage: 1, compliance: 0.9 }));
    const without = schemeOf(run(scenarioVariant('basic', base)), 'eis');
    const withRiskless = schemeOf(
      run(
        scenarioVariant('basic', (s, dir) => {
          base(s, dir);
          s.groups.push({ id: 'riskless', population: { base: 10_000 }, age_sex: 'workers.csv', wage: { mean_monthly: 2000, cv: 0, growth: 0 }, risk: { employment_insurance: 0, mortality: 0 } });
          s.schemes.at(-1).cover.riskless = { coverage: 0.8, compliance: 0.75 };
        }),
      ),
      'eis',
    );
    // 12 × 10,000 × 0.8 × 0.75 × 0.4% × RM2,000 = RM576,000 a year, of which 10% expenses.
    for (let i = 0; i < without.benefits.length; i++) {
      expect(withRiskless.benefits[i]).toBe(without.benefits[i]);
      expect(withRiskless.contributions[i] - without.contributions[i]).toBeCloseTo(576_000, 1);
      expect(withRiskless.expenses[i] - without.expenses[i]).toBeCloseTo(57_600, 1);
    }
  });

  it('the GAP equals the PAYG cost rate to 1e-9 in a stationary population, with expenses of every kind', () => {
    // Allowances are short-term and proportional to wages (the training cost grows with the
    // wages here, as a share of them would): B/S and c/S are the same every year, so the GAP is
    // the PAYG rate at any discount rate (the argument of test/measures/measures.test.ts).
    for (const interest of [0, 0.05]) {
      const { measures, projection } = run(
        scenarioVariant('stationary', (s, dir) => {
          s.projection.end_year = 2074;
          s.economy.investment_return = interest;
          s.economy.discount_rate = interest;
          s.groups[0].population = { base: 10_000_000 };
          const eis = eisScheme(dir, 'workers', { coverage: 1, compliance: 0.95, contribution_density: 0.9 });
          eis.ceiling = { monthly: 6000, indexation: 'wage_growth' };
          delete eis.benefits.training;
          eis.expenses = { share_of_contributions: 0.1, share_of_benefits: 0.05, per_insured_monthly: 0.5 };
          s.schemes = [eis];
        }),
      );
      const s = projection.schemes[0];
      expect(s.benefits[0]).toBeGreaterThan(0);
      const m = measures.schemes[0];
      const payg = m.paygCostRate[0]!;
      for (const rate of m.paygCostRate) expect(Math.abs(rate! / payg - 1)).toBeLessThan(1e-9);
      for (const gap of m.generalAveragePremium) expect(Math.abs(gap.rate! / payg - 1)).toBeLessThan(1e-9);
      // No pensions: terminal funding is pay-as-you-go, and nothing is owed at the end of a year.
      for (let i = 0; i < s.years; i++) expect(s.liabilityEnd[i]).toBe(0);
    }
  });

  it('refuses an allowance without the job search allowance, and a duration longer than its rates', async () => {
    const noSearch = await cli('validate', scenarioVariant('basic', (s, dir) => {
      const eis = eisScheme(dir, 'locals', { coverage: 1 });
      delete eis.benefits.job_search_allowance;
      s.schemes.push(eis);
    }));
    expect(noSearch.code).toBe(2);
    expect(noSearch.stderr).toMatch(/benefits: the early re-employment allowance, the reduced income allowance and training are paid on the job search allowance's schedule/);
    const tooLong = await cli('validate', scenarioVariant('basic', (s, dir) => {
      const eis = eisScheme(dir, 'locals', { coverage: 1 });
      eis.benefits.job_search_allowance.duration = { contributions: [12, 24], months: [3, 8] };
      s.schemes.push(eis);
    }));
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/job_search_allowance\.duration\.months: a duration is longer than the rates given/);
    const notRead = await cli('validate', scenarioVariant('basic', (s) => (s.schemes[0].cover.locals.claimant_wage_relativity = 1)));
    expect(notRead.code).toBe(2);
    expect(notRead.stderr).toMatch(/schemes\[0\]\.cover\.locals\.claimant_wage_relativity: only employment insurance reads a group's claimant_wage_relativity; this scheme is employment_injury/);
  });
});

function binomial(n: number, k: number): number {
  let c = 1;
  for (let j = 1; j <= k; j++) c = (c * (n - k + j)) / j;
  return c;
}

/** Registered persons of the only group in year index i (both sexes). */
function registeredAt(s: SchemeProjection, i: number): number {
  let sum = 0;
  for (let sex = 0; sex < 2; sex++) sum += s.detail[detailIndex(DETAIL_BENEFIT.insured, MEASURE.registered, 0, sex, s.groups, s.years) + i];
  return sum;
}

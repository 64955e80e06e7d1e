/**
 * Identity tests of the projection (methodology §8): homogeneity, a zero-risk group, the fund
 * identity and Little's law for a pension stock.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETAIL_BENEFIT, MEASURE, OUTGO_COLUMNS, PAYERS } from '../../src/model.js';
import { MALE } from '../../src/engine/layout.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { PROJECT, editCsv, run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const MONEY_FLOWS = ['wageBill', 'contributions', 'benefits', 'expenses', 'investmentIncome', 'poolTransfer', 'fundEnd'] as const;

function moneySeries(s: SchemeProjection): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const k of MONEY_FLOWS) out[k] = s[k];
  for (const c of OUTGO_COLUMNS) out[c] = s.outgo[c];
  s.contributionsByPayer.forEach((paid, p) => (out[`contributions_${PAYERS[p]}`] = paid));
  return out;
}

/**
 * Each flow is rounded to the cent every year, so a scaled run can differ from k times the
 * base run by half a cent per rounded flow; through the fund these add up, at most a few
 * cents a year. The allowance: 1e−9 relative plus 5 cents per projection year elapsed.
 */
function expectScaled(base: SchemeProjection, scaled: SchemeProjection, k: number): void {
  const a = moneySeries(base);
  const b = moneySeries(scaled);
  for (const name of Object.keys(a)) {
    for (let i = 0; i < a[name].length; i++) {
      const expected = k * a[name][i];
      const allowance = 1e-9 * Math.abs(expected) + 0.05 * (i + 1);
      if (Math.abs(b[name][i] - expected) > allowance) {
        throw new Error(`${scaled.id} ${name} year ${i}: ${b[name][i]} vs ${k} x ${a[name][i]} = ${expected}`);
      }
    }
  }
}

/** Every money amount of the scenario times k: wages, ceilings, funds, the fixed amounts given as numbers, the pensions in payment. */
const scaleMoney = (k: number) => (s: Yaml, dir: string) => {
  for (const g of s.groups) g.wage.mean_monthly *= k;
  for (const scheme of s.schemes) {
    scheme.ceiling.monthly *= k;
    if (scheme.fund) scheme.fund.initial *= k;
    const b = scheme.benefits;
    for (const name of ['temporary_disablement', 'permanent_disablement', 'dependants']) if (typeof b[name]?.daily_minimum === 'number') b[name].daily_minimum *= k;
    if (typeof b.invalidity_pension?.minimum_monthly === 'number') b.invalidity_pension.minimum_monthly *= k;
    if (b.constant_attendance) b.constant_attendance.monthly *= k;
    if (b.medical) b.medical.cost_per_case *= k;
    if (b.funeral) {
      b.funeral.amount *= k;
      for (const id of Object.keys(b.funeral.by_group ?? {})) b.funeral.by_group[id] *= k;
    }
    if (scheme.expenses?.per_insured_monthly) scheme.expenses.per_insured_monthly *= k;
  }
  editCsv(join(dir, 'ei-beneficiaries.csv'), (r) => ({ ...r, monthly_amount: String(k * Number(r.monthly_amount)) }));
};


/**
 * The basic fixture with `amounts(1)`, against it with `amounts(k)` and every other money amount
 * times k (scaleMoney): every flow must scale by k. Returns the base run.
 */
function expectMoneyHomogeneous(amounts: (factor: number) => (s: Yaml) => void, k: number) {
  const base = run(scenarioVariant('basic', amounts(1)));
  const scaled = run(
    scenarioVariant('basic', (s: Yaml, dir) => {
      amounts(k)(s);
      scaleMoney(k)(s, dir);
    }),
  );
  base.projection.schemes.forEach((s, i) => expectScaled(s, scaled.projection.schemes[i], k));
  return base;
}

describe('homogeneity', () => {
  const base = run(scenarioVariant('basic'));

  it('doubling every headcount doubles every flow', () => {
    const doubled = run(
      scenarioVariant('basic', (s: Yaml, dir) => {
        for (const g of s.groups) g.population.base *= 2;
        // The fund is part of the scheme's size: its initial balance doubles too.
        for (const scheme of s.schemes) if (scheme.fund) scheme.fund.initial *= 2;
        editCsv(join(dir, 'ei-beneficiaries.csv'), (r) => ({ ...r, count: String(2 * Number(r.count)) }));
      }),
    );
    base.projection.schemes.forEach((s, k) => {
      expectScaled(s, doubled.projection.schemes[k], 2);
      for (let i = 0; i < s.registered.length; i++) expect(doubled.projection.schemes[k].registered[i]).toBeCloseTo(2 * s.registered[i], 6);
    });
  });

  it('scaling every wage, ceiling, floor and fixed amount by k scales every money flow by k', () => {
    const k = 3;
    const scaled = run(scenarioVariant('basic', scaleMoney(k)));
    base.projection.schemes.forEach((s, i) => expectScaled(s, scaled.projection.schemes[i], k));
  });

  it('holds with fixed amounts indexed with wages, a funeral paid at its actual cost under the maximum, rehabilitation and education', () => {
    // The indexed minimums, the funeral's mean cost, the rehabilitation and education costs are money amounts too: scaled by k with the rest.
    const k = 3;
    const withAmounts = (factor: number) => (s: Yaml) => {
      for (const scheme of s.schemes) {
        const b = scheme.benefits;
        for (const name of ['temporary_disablement', 'permanent_disablement', 'dependants']) if (b[name]) b[name].daily_minimum = { amount: 30 * factor, indexation: 'wage_growth' };
        if (b.invalidity_pension) b.invalidity_pension.minimum_monthly = { amount: { 2025: 550 * factor, 2030: 700 * factor }, indexation: 'inflation' };
        if (b.funeral) b.funeral.actual_cost = { mean: 2500 * factor, by_group: { commuters: 7000 * factor }, cv: 0.5 };
        if (scheme.kind !== 'employment_insurance') b.rehabilitation = { cost_per_case: 5000 * factor, share_of_pensions: 0.5, share_of_temporary: scheme.kind === 'invalidity' ? 0 : 0.1, pensions_averted: 0.2 };
        if (b.dependants || b.survivors) b.education = { by_age: [{ from: 7, to: 12, annual: 800 * factor }, { from: 18, to: 20, annual: 6000 * factor }], take_up: 0.3 };
      }
    };
    expectMoneyHomogeneous(withAmounts, k);
  });
});

describe('homogeneity under enforcement and arrears', () => {
  // A campaign, inspections at a cost, a running cost per registered person and the responses'
  // half-spending points are money amounts: scaled by k with the rest, every flow scales by k.
  const withEnforcement = (factor: number) => (s: Yaml) => {
    const cover = s.schemes[0].cover.locals;
    cover.coverage = 0.8;
    cover.enforcement = {
      campaign: { 2025: 0, 2026: 2_000_000 * factor },
      inspections: 1000,
      cost_per_inspection: 400 * factor,
      per_registered_monthly: 0.2 * factor,
      response: {
        coverage: { max: 0.6, half_spending: 1_500_000 * factor },
        compliance: { max: 0.5, half_spending: 3_000_000 * factor },
        recovery: { max: 0.5, half_spending: 3_000_000 * factor },
        claims: { max: 0.5, half_spending: 2_000_000 * factor },
      },
    };
    cover.arrears = { recovered_share: 0.1, years_late: 2, interest: 0.06, payer: 'employer' };
  };
  it('scaling every money amount by k, the enforcement costs and responses with them, scales every flow by k', () => {
    const k = 3;
    const base = expectMoneyHomogeneous(withEnforcement, k);
    expect(base.projection.schemes[0].enforcement.some((v) => v > 0)).toBe(true);
    expect(base.projection.schemes[0].arrearsRecovered.some((v) => v > 0)).toBe(true);
  });
});

describe('homogeneity under the qualifying routes, the grant, a permit tenure and a select period', () => {
  // Act 4's routes and grant on the invalidity scheme, and the commuters with a permit tenure:
  // the grant refunds contributions, a money amount that must scale with the wages.
  const withRoutes = (s: Yaml) => {
    const inv = s.schemes.find((x: Yaml) => x.kind === 'invalidity');
    inv.qualifying = { full_share_since_entry: '2/3', reduced_share_since_entry: '1/3', max_entry_age: 55 };
    inv.benefits.invalidity_grant = { min_months: 12, interest: 0.03 };
    // And a select period with recovery and suspension.
    inv.benefits.invalidity_pension.by_duration = { mortality: [2, 1.3], recovery: [0.02, 0.01], suspension: [0, 0.03] };
    inv.cover.commuters = { coverage: 0.5, compliance: 0.8, contribution_density: 0.6, from: 2026 };
    s.groups.find((g: Yaml) => g.id === 'commuters').tenure = { max_years: 6, turnover: 0.2 };
  };
  const base = run(scenarioVariant('basic', withRoutes));
  const inv = base.projection.schemes.find((x) => x.kind === 'invalidity')!;

  it('the routes are at work: grants and reduced pensions are paid', () => {
    expect(inv.outgo.invalidity_grant.some((v) => v > 0)).toBe(true);
    const reduced = detailIndex(DETAIL_BENEFIT.reduced_invalidity_awards, MEASURE.new_awards, 0, MALE, inv.groups, inv.years);
    expect(inv.detail[reduced + 5]).toBeGreaterThan(0);
  });

  it('doubling every headcount doubles every flow', () => {
    const doubled = run(
      scenarioVariant('basic', (s: Yaml, dir) => {
        withRoutes(s);
        for (const g of s.groups) g.population.base *= 2;
        for (const scheme of s.schemes) if (scheme.fund) scheme.fund.initial *= 2;
        editCsv(join(dir, 'ei-beneficiaries.csv'), (r) => ({ ...r, count: String(2 * Number(r.count)) }));
      }),
    );
    base.projection.schemes.forEach((s, k) => expectScaled(s, doubled.projection.schemes[k], 2));
  });

  it('scaling every money amount by k scales every flow by k', () => {
    const k = 3;
    const scaled = run(
      scenarioVariant('basic', (s: Yaml, dir) => {
        withRoutes(s);
        scaleMoney(k)(s, dir);
      }),
    );
    base.projection.schemes.forEach((s, i) => expectScaled(s, scaled.projection.schemes[i], k));
  });
});

describe('a group with zero risk', () => {
  // A static group of 10,000 at one wage (cv = 0, so the insurable wage is min(m, C) exactly),
  // with every incidence and mortality multiplier 0, covered by the employment-injury scheme.
  const population = 10_000;
  const coverage = 0.8;
  const compliance = 0.75;
  const monthlyWage = 2000;
  const rate = 0.0125;
  const withGroup = (s: Yaml) => {
    s.groups.push({
      id: 'riskless',
      population: { base: population },
      age_sex: 'workers.csv',
      wage: { mean_monthly: monthlyWage, cv: 0, growth: 0 },
      risk: { employment_injury: 0, non_employment_injury: 0, invalidity: 0, mortality: 0 },
    });
    s.schemes[0].cover.riskless = { coverage, compliance };
  };
  const without = run(scenarioVariant('basic')).projection.schemes[0];
  const withRiskless = run(scenarioVariant('basic', withGroup)).projection.schemes[0];

  it('adds exactly its contributions, and the expenses on them, and nothing else', () => {
    // Contributions of the group: 12 months x persons x coverage x compliance x rate x min(m, C)
    // = 12 x 10,000 x 0.8 x 0.75 x 0.0125 x 2,000 = RM1,800,000 a year.
    const groupContributions = 12 * population * coverage * compliance * rate * Math.min(monthlyWage, 6000);
    for (let i = 0; i < without.benefits.length; i++) {
      expect(withRiskless.benefits[i]).toBe(without.benefits[i]);
      for (const c of OUTGO_COLUMNS) expect(withRiskless.outgo[c][i]).toBe(without.outgo[c][i]);
      expect(withRiskless.contributions[i] - without.contributions[i]).toBeCloseTo(groupContributions, 1);
      // Expenses are 8% of contributions in this scheme (to the cent of each side's rounding).
      expect(withRiskless.expenses[i] - without.expenses[i]).toBeCloseTo(0.08 * groupContributions, 1);
    }
  });
});

describe('a group with zero risk under the invalidity routes and the grant', () => {
  // The same riskless group, covered by the invalidity scheme under Act 4's routes with a grant
  // and a permit tenure: no invalidity and no deaths, so no pension and no grant.
  const routes = (s: Yaml) => {
    const inv = s.schemes.find((x: Yaml) => x.kind === 'invalidity');
    inv.qualifying = { full_share_since_entry: '2/3', reduced_share_since_entry: '1/3', max_entry_age: 55 };
    inv.benefits.invalidity_grant = { min_months: 12, interest: 0.03 };
  };
  const withGroup = (s: Yaml) => {
    routes(s);
    s.groups.push({
      id: 'riskless',
      population: { base: 10_000 },
      age_sex: 'workers.csv',
      wage: { mean_monthly: 2000, cv: 0, growth: 0 },
      risk: { employment_injury: 0, non_employment_injury: 0, invalidity: 0, mortality: 0 },
      tenure: { max_years: 5, turnover: 0.2 },
    });
    s.schemes.find((x: Yaml) => x.kind === 'invalidity').cover.riskless = { coverage: 0.8, compliance: 0.75, contribution_density: 0.7 };
  };
  const inv = (change: (s: Yaml) => void) => run(scenarioVariant('basic', change)).projection.schemes.find((x) => x.kind === 'invalidity')!;
  const without = inv(routes);
  const withRiskless = inv(withGroup);

  it('adds its contributions, 1% of RM2,000 for 6,000 contributing, and no benefit of any kind', () => {
    const groupContributions = 12 * 10_000 * 0.8 * 0.75 * 0.01 * 2000;
    for (let i = 0; i < without.benefits.length; i++) {
      for (const c of OUTGO_COLUMNS) expect(withRiskless.outgo[c][i]).toBe(without.outgo[c][i]);
      expect(withRiskless.contributions[i] - without.contributions[i]).toBeCloseTo(groupContributions, 1);
    }
  });
});

describe('fund identity', () => {
  it('F_t = F_{t-1} + C + I - B - E + transfer to the cent, every scheme and year', () => {
    for (const s of run(scenarioVariant('basic')).projection.schemes) expectFundIdentity(s, 0.055);
  });
});

/**
 * Checked in whole cents, as the summary prints them, and the investment income recomputed
 * from the printed flows: r·F(t−1) + ((1 + r)^½ − 1)·(C − B − E + transfer), to the cent.
 */
export function expectFundIdentity(s: SchemeProjection, investmentReturn: number): void {
  const c = (x: number) => Math.round(x * 100);
  for (let i = 0; i < s.fundEnd.length; i++) {
    const cash = s.contributions[i] - s.benefits[i] - s.expenses[i] + s.poolTransfer[i];
    expect(Math.abs(s.investmentIncome[i] - (investmentReturn * s.fundStart[i] + (Math.sqrt(1 + investmentReturn) - 1) * cash))).toBeLessThanOrEqual(0.005 + 1e-9 * Math.abs(s.fundStart[i]));
    const start = i === 0 ? c(s.fundStart[0]) : c(s.fundEnd[i - 1]);
    expect(c(s.fundStart[i])).toBe(start);
    expect(c(s.fundEnd[i])).toBe(start + c(s.contributions[i]) + c(s.investmentIncome[i]) - c(s.benefits[i]) - c(s.expenses[i]) + c(s.poolTransfer[i]));
    expect(c(s.contributions[i])).toBe(s.contributionsByPayer.reduce((sum, paid) => sum + c(paid[i]), 0));
    let outgo = 0;
    for (const col of OUTGO_COLUMNS) outgo += c(s.outgo[col][i]);
    expect(c(s.benefits[i])).toBe(outgo);
  }
}

describe('the baseline scenario', () => {
  const { projection } = run(join(PROJECT, 'scenarios', 'baseline-2025.yaml'));

  it('keeps the fund identity to the cent for every scheme and year, 2025-2100', () => {
    expect(projection.startYear).toBe(2025);
    expect(projection.years).toBe(76);
    expect(projection.schemes.map((s) => s.id)).toEqual(['employment_injury', 'invalidity', 'self_employment_injury', 'employment_insurance']);
    for (const s of projection.schemes) expectFundIdentity(s, 0.055);
  });
});

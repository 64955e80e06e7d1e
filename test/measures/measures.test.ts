/**
 * The ILO financing measures (methodology §7) against the identities that define them.
 * Fixtures: test/fixtures/stationary (a stationary population, wages, indexation and discount
 * all at 3%) and the baseline.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generalAveragePremium, schemeFlows } from '../../src/measures/compute.js';
import { PROJECT, run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

describe('general average premium', () => {
  it('equals the PAYG cost rate when that rate is constant and the initial fund is zero', () => {
    // Temporary disablement only, proportional to wages (no minimum), in a population of
    // constant size and shape: benefits / wage bill is the same every year (to the rounding of
    // each year's flows to the cent: 1e-8 relative).
    const { measures } = run(scenarioVariant('stationary', (s: Yaml) => (s.schemes[0].incidence_trend = { permanent: 0 })));
    const m = measures.schemes[0];
    const payg = m.paygCostRate[0]!;
    for (const rate of m.paygCostRate) expect(rate! / payg).toBeCloseTo(1, 8);
    for (const gap of m.generalAveragePremium) expect(gap.rate! / payg).toBeCloseTo(1, 8);
  });

  it('contributing at exactly the GAP from the initial fund leaves the target reserve at the end of the period', () => {
    // A 25-year period, an initial fund, a target of 2 years of benefits and expenses, and
    // expenses of every kind (a share of contributions, of benefits, and per insured person).
    const setUp = (s: Yaml) => {
      s.projection.end_year = 2049;
      s.schemes[0].fund = { initial: 50_000_000 };
      s.schemes[0].expenses = { share_of_contributions: 0.05, share_of_benefits: 0.02, per_insured_monthly: 1 };
      s.measures = { gap_periods: [25], target_reserve_ratio: 2 };
    };
    const first = run(scenarioVariant('stationary', setUp));
    const gap = first.measures.schemes[0].generalAveragePremium.find((g) => g.to === 2049)!.rate!;
    expect(gap).toBeGreaterThan(0);
    const again = run(
      scenarioVariant('stationary', (s: Yaml) => {
        setUp(s);
        s.schemes[0].contributions.default = { employer: gap };
      }),
    ).projection.schemes[0];
    const last = again.fundEnd.length - 1;
    const target = 2 * (again.benefits[last] + again.expenses[last]);
    expect(Math.abs(again.fundEnd[last] / target - 1)).toBeLessThan(1e-6);
  });

  it('the break-even rates of the groups, weighted by their PV wage bills, add up to the GAP with no initial fund', () => {
    const { assumptions, projection, measures } = run(join(PROJECT, 'scenarios', 'baseline-2025.yaml'));
    for (const k of [0, 1]) {
      const s = projection.schemes[k];
      const flows = schemeFlows(s, assumptions.schemes[k].expenses.shareOfContributions, assumptions.schemes[k].expenses.shareOfBenefits);
      const gap = generalAveragePremium(flows, assumptions.economy.discountRate, projection.years, 0, 0)!;
      const groups = measures.schemes[k].groups;
      const pvWageBill = groups.reduce((sum, g) => sum + g.pvWageBill, 0);
      const weighted = groups.reduce((sum, g) => sum + (g.breakEvenRate ?? 0) * g.pvWageBill, 0) / pvWageBill;
      expect(groups.length).toBe(3);
      expect(Math.abs(weighted / gap - 1)).toBeLessThan(1e-6);
    }
  });
});

describe('cost rates in a stationary population', () => {
  it('the GAP equals the PAYG cost rate to 1e-9, with expenses of every kind, at every interest rate', () => {
    // Temporary disablement only (no pensions build up), a population of constant size and shape,
    // wages and the ceiling growing at 3%: benefits B, the wage bill S and the per-insured cost c
    // all grow at 3%, so B/S and c/S are the same every year. With E = a·π·S + b·B + c, the PAYG
    // cost rate is ((1 + b)·B + c) / ((1 − a)·S) in every year, and the GAP solves
    // Σ m_t·(π(1 − a)·S_t − (1 + b)·B_t − c_t) = 0, which, B/S and c/S being constant, is the
    // same π whatever the discount factors m_t. So the two agree at every discount rate, with no
    // initial fund and no target reserve. The population is large enough (10 million) that each
    // year's rounding of flows to the cent moves the ratio by less than 1e-11.
    for (const interest of [0, 0.03, 0.08]) {
      const { measures, projection } = run(
        scenarioVariant('stationary', (s: Yaml) => {
          s.projection.end_year = 2074;
          s.economy.investment_return = interest;
          s.economy.discount_rate = interest;
          s.groups[0].population = { base: 10_000_000 };
          s.schemes[0].incidence_trend = { permanent: 0 };
          s.schemes[0].expenses = { share_of_contributions: 0.1, share_of_benefits: 0.05, per_insured_monthly: 0.5 };
        }),
      );
      const m = measures.schemes[0];
      const s = projection.schemes[0];
      // The expenses are real and of every kind: a PAYG rate that ignored any part would differ.
      expect(s.expenses[0]).toBeGreaterThan(0.1 * s.contributions[0] + 0.05 * s.benefits[0]);
      const payg = m.paygCostRate[0]!;
      for (const rate of m.paygCostRate) expect(Math.abs(rate! / payg - 1)).toBeLessThan(1e-9);
      for (const gap of m.generalAveragePremium) expect(Math.abs(gap.rate! / payg - 1)).toBeLessThan(1e-9);
      for (const scaled of m.scaledPremium) expect(Math.abs(scaled.rate! / payg - 1)).toBeLessThan(1e-9);
      expect(Math.abs(m.groups[0].breakEvenRate! / payg - 1)).toBeLessThan(1e-9);
      // And the convention itself, from the year's flows: ((1 + b)·B + c) / ((1 − a)·S).
      const fixed = s.expenses[0] - 0.1 * s.contributions[0] - 0.05 * s.benefits[0];
      expect(Math.abs(payg / ((1.05 * s.benefits[0] + fixed) / (0.9 * s.wageBill[0])) - 1)).toBeLessThan(1e-12);
    }
  });

  it('with the discount rate equal to wage growth, the mature PAYG and terminal-funding cost rates agree', () => {
    // After 150 years every pension in payment was awarded under the same conditions, and
    // with indexation = discount = wage growth a pension's capital value is its expected
    // payments. They differ only by the annuity's monthly-in-advance approximation and the
    // half-year conventions (methodology §5): about 0.1% here, tested at 0.3%.
    const { measures } = run(scenarioVariant('stationary'));
    const m = measures.schemes[0];
    const last = m.paygCostRate.length - 1;
    expect(Math.abs(m.terminalFundingCostRate[last]! / m.paygCostRate[last]! - 1)).toBeLessThan(0.003);
    // In the first year, with no pensions in payment yet, terminal funding costs far more.
    expect(m.terminalFundingCostRate[0]!).toBeGreaterThan(3 * m.paygCostRate[0]!);
  });
});

describe('the stationary identity under the invalidity routes, the grant, a permit tenure and a select period', () => {
  it('the mature PAYG and terminal-funding cost rates of an Act 4 invalidity scheme agree, as for injury pensions', () => {
    // The same stationary population under an invalidity scheme with Act 4's routes, a grant and
    // a permit tenure: each year's awards are made on the same terms, so after 150 years the
    // stock is mature and, pensions indexed at the discount rate, capital values equal payments.
    const { measures, projection } = run(
      scenarioVariant('stationary', (s: Yaml, dir: string) => {
        const rows = ['sex,age,invalidity'];
        for (const sex of ['F', 'M']) for (let age = 15; age <= 59; age++) rows.push(`${sex},${age},${(0.0005 * Math.exp(0.07 * (age - 15))).toFixed(8)}`);
        writeFileSync(join(dir, 'invalidity.csv'), rows.join('\n') + '\n');
        s.groups[0].tenure = { max_years: 8, turnover: 0.15 };
        s.schemes.push({
          id: 'invalidity',
          kind: 'invalidity',
          ceiling: { monthly: 6000, indexation: 'wage_growth' },
          ages: { max: 59 },
          cover: { workers: { coverage: 1.0, contribution_density: 0.8 } },
          contributions: { default: { employer: 0.005, employee: 0.005 } },
          incidence: 'invalidity.csv',
          qualifying: { full_share_since_entry: '2/3', reduced_share_since_entry: '1/3', max_entry_age: 55 },
          benefits: {
            invalidity_pension: { minimum_monthly: 0, by_duration: { mortality: [2, 1.3], recovery: [0.02, 0.01, 0], suspension: [0, 0.03, 0] } },
            invalidity_grant: { min_months: 12, interest: 0.03 },
          },
          indexation: { pensions: 0.03 },
        });
      }),
    );
    const s = projection.schemes[1];
    const m = measures.schemes[1];
    const last = m.paygCostRate.length - 1;
    // Grants and reduced pensions are both paid, so the identity covers them.
    expect(s.outgo.invalidity_grant[last]).toBeGreaterThan(0);
    expect(Math.abs(m.terminalFundingCostRate[last]! / m.paygCostRate[last]! - 1)).toBeLessThan(0.003);
    expect(m.terminalFundingCostRate[0]!).toBeGreaterThan(3 * m.paygCostRate[0]!);
  });
});

describe('depletion year', () => {
  it('a fund of 10.5 years of benefits, with no contributions or interest, is depleted in its 11th year', () => {
    // Temporary disablement of a constant population at constant wages: the same benefits
    // every year. The fund is 10.5 times a year's benefits, so 10 years leave half a year's
    // and the 11th (2035) ends below zero.
    const base = (s: Yaml) => {
      s.economy = { wage_growth: 0, inflation: 0, investment_return: 0 };
      s.schemes[0].incidence_trend = { permanent: 0 };
      s.schemes[0].contributions.default = { employer: 0 };
    };
    const probe = run(scenarioVariant('stationary', base)).projection.schemes[0];
    const yearly = probe.benefits[0];
    expect(probe.benefits[20]).toBeCloseTo(yearly, 2);
    const { measures } = run(
      scenarioVariant('stationary', (s: Yaml) => {
        base(s);
        s.schemes[0].fund = { initial: 10.5 * yearly };
      }),
    );
    expect(measures.schemes[0].depletionYear).toBe(2025 + 10);
  });
});

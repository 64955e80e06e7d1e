/**
 * Fixed amounts of the law (minimums, allowances, the funeral benefit): indexed as a series, with
 * wages or with prices, and the funeral benefit paid at its actual cost up to the maximum. Each
 * expected value is derived in its comment from the scenario's numbers (test/fixtures/cells:
 * 10,000 men aged 40, RM3,000, no dispersion, flat qx = 0.01).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAssumptions } from '../../src/assumptions/build.js';
import { tableFiles } from '../../src/assumptions/table-files.js';
import { withWageLevel } from '../../src/assumptions/wage-level.js';
import { loadScenario } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { project } from '../../src/engine/project.js';
import { MALE } from '../../src/engine/layout.js';
import { DETAIL_BENEFIT, MEASURE } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import { scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const WAGE_GROWTH = 0.05;
const INFLATION = 0.02;

const build = (change: (s: Yaml, dir: string) => void) =>
  buildAssumptions(
    loadScenario(
      scenarioVariant('cells', (s, dir) => {
        s.economy.wage_growth = WAGE_GROWTH;
        s.economy.inflation = INFLATION;
        change(s, dir);
      }),
    ),
    tableFiles(),
  );

const injury = (s: Yaml) => s.schemes[0].benefits;
const invalidity = (s: Yaml) => s.schemes[1].benefits;

/**
 * The engine's normal CDF is a rational approximation (about 1e-8 relative here), so the
 * closed form and this integral agree to a thousandth of a ringgit, not to the last digit.
 *
 * E[min(C, M)] for C lognormal of mean m and coefficient of variation cv, by Simpson's rule on
 * the density of ln C over μ ± 12σ: an independent check of the closed form the engine uses.
 */
function limitedMean(m: number, cv: number, M: number): number {
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  const mu = Math.log(m) - sigma ** 2 / 2;
  const n = 20_000;
  const lo = mu - 12 * sigma;
  const h = (24 * sigma) / n;
  let total = 0;
  for (let j = 0; j <= n; j++) {
    const y = lo + j * h;
    const density = Math.exp(-(((y - mu) / sigma) ** 2) / 2) / (sigma * Math.sqrt(2 * Math.PI));
    const weight = j === 0 || j === n ? 1 : j % 2 === 1 ? 4 : 2;
    total += weight * Math.min(Math.exp(y), M) * density;
  }
  return (total * h) / 3;
}

describe('a fixed amount indexed', () => {
  it('a legislated step holds in its year; indexation runs from the last step', () => {
    const a = build((s) => {
      invalidity(s).invalidity_pension.minimum_monthly = { amount: { 2025: 550, 2027: 600 }, indexation: 0.04 };
    });
    const minimum = a.schemes[1].benefits.invalidity!.minimumMonthly;
    expect(minimum[0]).toBe(550);
    expect(minimum[1]).toBeCloseTo(550 * 1.04, 9); // 2026: 572
    expect(minimum[2]).toBe(600); // 2027: the step
    expect(minimum[3]).toBeCloseTo(600 * 1.04, 9); // 2028: 624
    expect(a.schemes[1].followsWages.invalidityMinimum).toBe(false);
  });

  it('with wages it is the amount times the wage index; with prices, times the price index', () => {
    const a = build((s) => {
      injury(s).temporary_disablement.daily_minimum = { amount: 30, indexation: 'wage_growth' };
      injury(s).permanent_disablement.daily_minimum = { amount: 30, indexation: 'inflation' };
    });
    const b = a.schemes[0].benefits;
    for (let i = 0; i < a.years; i++) {
      expect(b.temporary!.dailyMinimum[i]).toBeCloseTo(30 * (1 + WAGE_GROWTH) ** i, 9);
      expect(b.permanent!.dailyMinimum[i]).toBeCloseTo(30 * (1 + INFLATION) ** i, 9);
      expect(b.dependants!.dailyMinimum[i]).toBe(30); // a plain number stays
    }
    expect(a.schemes[0].followsWages).toMatchObject({ temporaryMinimum: true, permanentMinimum: false, dependantsMinimum: false });
  });

  it('a shocked wage level moves the amounts indexed with wages and leaves the others', () => {
    const a = build((s) => {
      injury(s).temporary_disablement.daily_minimum = { amount: 30, indexation: 'wage_growth' };
      injury(s).permanent_disablement.daily_minimum = { amount: 30, indexation: 'inflation' };
      invalidity(s).invalidity_pension.minimum_monthly = { amount: 550, indexation: 'wage_growth' };
      injury(s).funeral = { amount: 3000, indexation: 'wage_growth', actual_cost: { mean: 3500, cv: 0.5 } };
    });
    const factor = new Float64Array(a.years).fill(1.1);
    const moved = withWageLevel(a, factor);
    const [before, after] = [a.schemes, moved.schemes];
    expect(after[0].benefits.temporary!.dailyMinimum[2]).toBeCloseTo(1.1 * before[0].benefits.temporary!.dailyMinimum[2], 9);
    expect(after[0].benefits.permanent!.dailyMinimum[2]).toBe(before[0].benefits.permanent!.dailyMinimum[2]);
    expect(after[1].benefits.invalidity!.minimumMonthly[2]).toBeCloseTo(1.1 * before[1].benefits.invalidity!.minimumMonthly[2], 9);
    // The funeral's maximum moves with wages, the cost does not: the payment is recomputed on them.
    const maximum = 3000 * (1 + WAGE_GROWTH) ** 2 * 1.1;
    expect(after[0].benefits.funeral!.payment[0][2]).toBeCloseTo(limitedMean(3500 * (1 + INFLATION) ** 2, 0.5, maximum), 3);
    expect(after[0].benefits.funeral!.payment[0][2]).toBeGreaterThan(before[0].benefits.funeral!.payment[0][2]);
  });
});

describe('contribution amounts and training costs indexed', () => {
  it('a flat contribution with prices and a minimum with wages; a shocked wage level moves only the latter', () => {
    const a = build((s) => {
      s.schemes[0].contributions.default = { flat_monthly: { amount: 13.1, indexation: 'inflation' } };
      s.schemes[1].contributions.default = { employee: 0.005, minimum_monthly: { amount: 10, indexation: 'wage_growth' } };
    });
    const flat = a.schemes[0].cover[0]!.contributions;
    const withMinimum = a.schemes[1].cover[0]!.contributions;
    for (let i = 0; i < a.years; i++) {
      expect(flat.flatMonthly![i]).toBeCloseTo(13.1 * (1 + INFLATION) ** i, 9);
      expect(withMinimum.minimumMonthly![i]).toBeCloseTo(10 * (1 + WAGE_GROWTH) ** i, 9);
    }
    const moved = withWageLevel(a, new Float64Array(a.years).fill(1.2));
    expect(moved.schemes[0].cover[0]!.contributions.flatMonthly![3]).toBe(flat.flatMonthly![3]);
    expect(moved.schemes[1].cover[0]!.contributions.minimumMonthly![3]).toBeCloseTo(1.2 * withMinimum.minimumMonthly![3], 9);
  });

  it("the training fee and allowance follow their indexation: (fee + allowance × days) × Π(1 + rate)", () => {
    const a = build((s, dir) => {
      writeFileSync(join(dir, 'job-loss.csv'), 'sex,age,job_loss\nM,40,0.01\nF,40,0.01\n');
      s.schemes.push({
        id: 'eis',
        kind: 'employment_insurance',
        ages: { min: 18, max: 59 },
        ceiling: { monthly: 6000 },
        cover: { men40: { coverage: 0.8 } },
        contributions: { default: { employer: 0.002, employee: 0.002 } },
        incidence: 'job-loss.csv',
        benefits: {
          job_search_allowance: { rates: [0.8, 0.5], duration: { contributions: [12], months: [2] }, reemployment_hazard: 0.2 },
          training: { share_of_claims: 0.2, fee_per_trainee: 1000, allowance_daily: 20, days: 30, indexation: 0.03 },
        },
      });
    });
    const cost = a.schemes[2].benefits.employmentInsurance!.trainingCost;
    for (let i = 0; i < a.years; i++) expect(cost[i]).toBeCloseTo((1000 + 20 * 30) * 1.03 ** i, 9);
    expect(a.schemes[2].followsWages.training).toBe(false);
  });
});

describe('the funeral benefit at its actual cost', () => {
  it('without a cost every death is paid the maximum, as the law was read before', () => {
    const a = build(() => {});
    expect(a.schemes[0].benefits.funeral!.payment[0][0]).toBe(3000);
  });

  it('with cv 0 a death is paid the lesser of the mean cost, grown with prices, and the maximum', () => {
    // 2,900 × 1.02^i: 2,900 in 2025, 2,958 in 2026, 3,017.16 in 2027 (above the RM3,000 maximum).
    const a = build((s) => {
      injury(s).funeral = { amount: 3000, actual_cost: { mean: 2900 } };
    });
    const paid = a.schemes[0].benefits.funeral!.payment[0];
    expect(paid[0]).toBeCloseTo(2900, 9);
    expect(paid[1]).toBeCloseTo(2958, 9);
    expect(paid[2]).toBe(3000);
  });

  it('with a dispersed cost a death is paid E[min(cost, maximum)]: below both the mean and the maximum', () => {
    const a = build((s) => {
      injury(s).funeral = { amount: 3000, actual_cost: { mean: 3650, cv: 0.5, growth: 0 } };
    });
    const paid = a.schemes[0].benefits.funeral!.payment[0][0];
    expect(paid).toBeCloseTo(limitedMean(3650, 0.5, 3000), 3);
    expect(paid).toBeLessThan(3000);
    // More dispersion, the same mean: more of the cost lies above the maximum, less is paid.
    const wider = build((s) => {
      injury(s).funeral = { amount: 3000, actual_cost: { mean: 3650, cv: 1, growth: 0 } };
    });
    expect(wider.schemes[0].benefits.funeral!.payment[0][0]).toBeLessThan(paid);
  });

  it('a group has its own maximum and cost (repatriation of remains)', () => {
    const a = build((s) => {
      injury(s).funeral = { amount: 3000, by_group: { men40: 6500 }, actual_cost: { mean: 3650, by_group: { men40: 7000 }, cv: 0.5, growth: 0 } };
    });
    expect(a.schemes[0].benefits.funeral!.payment[0][0]).toBeCloseTo(limitedMean(7000, 0.5, 6500), 3);
  });

  it('the engine pays each death the mean payment: funeral outgo = deaths × E[min(C, M)]', () => {
    const a = build((s) => {
      injury(s).funeral = { amount: 3000, actual_cost: { mean: 3650, cv: 0.5, growth: 0 } };
    });
    const scheme = project(a).schemes[0];
    const deaths = scheme.detail[detailIndex(DETAIL_BENEFIT.funeral, MEASURE.cases, 0, MALE, scheme.groups, scheme.years)];
    expect(deaths).toBeGreaterThan(0);
    expect(scheme.outgo.funeral[0]).toBeCloseTo(deaths * limitedMean(3650, 0.5, 3000), 2);
  });
});

describe('bad fixed amounts', () => {
  const rejects = (change: (s: Yaml) => void, pattern: RegExp) => {
    let error: unknown;
    try {
      build(change);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect(`${(error as ScenarioError).key}: ${(error as Error).message}`).toMatch(pattern);
  };

  it('an amount without its indexation, or with a key of its own, names the key', () => {
    rejects((s) => (injury(s).temporary_disablement.daily_minimum = { amount: 30 }), /daily_minimum\.indexation/);
    rejects((s) => (injury(s).temporary_disablement.daily_minimum = { amount: 30, indexation: 0.02, from: 2026 }), /daily_minimum.*from/);
  });

  it('an indexation that names nothing in scope is an error at that key', () => {
    rejects((s) => (invalidity(s).invalidity_pension.minimum_monthly = { amount: 550, indexation: 'wages' }), /minimum_monthly\.indexation: .*unknown name "wages"/);
  });

  it('a cost for a group the scenario does not have is an error at that key', () => {
    rejects((s) => (injury(s).funeral = { amount: 3000, actual_cost: { mean: 3000, by_group: { nobody: 5000 } } }), /actual_cost\.by_group\.nobody/);
  });
});

/**
 * One cell worked by hand (test/fixtures/cells): 10,000 men aged 40, coverage 0.8, compliance
 * 0.9, a wage of RM3,000 with no dispersion (so every expectation is exact), flat mortality
 * qx = 0.01, discount 4%, no indexation, and an invalidity scheme pooled with the injury one.
 * Every expected value below is derived in its comment from the scenario's numbers; year 2025.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAssumptions } from '../../src/assumptions/build.js';
import { tableFiles } from '../../src/assumptions/table-files.js';
import { loadScenario } from '../../src/scenario/load.js';
import { projectPopulation } from '../../src/engine/population.js';
import { qualifyingShares } from '../../src/engine/qualifying.js';
import { CELLS, MALE, cell } from '../../src/engine/layout.js';
import { DETAIL_BENEFIT, MEASURE } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { FIXTURES, run } from '../helpers/scenarios.js';

const scenario = join(FIXTURES, 'cells', 'scenario.yaml');
const { projection } = run(scenario);
const [injury, invalidity] = projection.schemes;

function detail(s: SchemeProjection, benefit: keyof typeof DETAIL_BENEFIT, measure: keyof typeof MEASURE, sex: number, i = 0): number {
  return s.detail[detailIndex(DETAIL_BENEFIT[benefit], MEASURE[measure], 0, sex, s.groups, s.years) + i];
}

/** P(Binomial(n, p) ≥ k), summed term by term. */
function binomialTail(n: number, p: number, k: number): number {
  let total = 0;
  let coefficient = 1; // C(n, 0)
  for (let j = 0; j <= n; j++) {
    if (j > 0) coefficient = (coefficient * (n - j + 1)) / j;
    if (j >= k) total += coefficient * p ** j * (1 - p) ** (n - j);
  }
  return total;
}

const registered = 10_000 * 0.8;
const contributing = registered * 0.9;
const fullAnnual = 12 * 0.9 * 3000; // 90% of the wage, a year: RM32,400

describe('insured population and contributions', () => {
  it('registered 8,000, contributing 7,200, wage bill 12 × 7,200 × 3,000', () => {
    expect(injury.registered[0]).toBeCloseTo(registered, 9);
    expect(injury.contributing[0]).toBeCloseTo(contributing, 9);
    expect(injury.wageBill[0]).toBeCloseTo(12 * contributing * 3000, 2);
    expect(injury.contributions[0]).toBeCloseTo(0.0125 * 12 * contributing * 3000, 2);
    expect(invalidity.contributions[0]).toBeCloseTo(0.01 * 12 * contributing * 3000, 2);
  });

  it('a cohort ages one year: survivors 10,000 × 0.99 × (1 − 0.1) at 41, entrants fill the gap at 20', () => {
    const a = buildAssumptions(loadScenario(scenario), tableFiles());
    const pop = projectPopulation(a);
    const next = pop.subarray(CELLS, 2 * CELLS);
    expect(next[cell(MALE, 41)]).toBeCloseTo(10_000 * 0.99 * 0.9, 9);
    expect(next[cell(MALE, 20)]).toBeCloseTo(10_000 - 8910, 9);
    expect(next[cell(MALE, 40)]).toBe(0);
  });
});

describe('employment-injury benefits', () => {
  it('temporary disablement: 80 cases × 20 days × 80% of 3,000/30', () => {
    expect(injury.outgo.temporary_disablement[0]).toBeCloseTo(registered * 0.01 * 20 * ((0.8 * 3000) / 30), 2);
  });

  it('medical care: 160 cases × RM1,000', () => {
    expect(injury.outgo.medical[0]).toBeCloseTo(registered * 0.02 * 1000, 2);
  });

  it('permanent-disablement lump sums use the annuity factor ä(12)_40 at 4%', () => {
    // ä(12)_40 = Σ_{n=0}^{70} (0.99/1.04)^n − 11/24 (qx = 0.01 to 109, 1 at 110), summed directly.
    let annuity = 0;
    for (let n = 0; n <= 70; n++) annuity += (0.99 / 1.04) ** n;
    annuity -= 11 / 24;
    const awards = registered * 0.002; // 16
    const lumpSums = awards * 0.6 * 0.1 * fullAnnual; // degree 10% for 60% of awards
    const commuted = awards * 0.4 * 0.5 * 0.2 * (0.4 * fullAnnual); // half the pensioners commute 1/5
    expect(injury.outgo.permanent_disablement_lump_sum[0]).toBeCloseTo((lumpSums + commuted) * annuity, 1);
  });

  it('permanent-disablement pensions: 6.4 awards of 40% less the commuted tenth, half a year paid', () => {
    const annual = 0.4 * fullAnnual * (1 - 0.5 * 0.2);
    expect(detail(injury, 'permanent_disablement', 'new_awards', MALE)).toBeCloseTo(6.4, 9);
    expect(injury.outgo.permanent_disablement_pension[0]).toBeCloseTo((6.4 * annual) / 2, 2);
  });

  it("dependants: 4 deaths; the widow's and the children's shares of 90% of the wage", () => {
    // Spouse 0.8, children 0.5 (independent). Spouse share: 0.5 × 0.6 + 0.5 × 1 = 0.8;
    // children's share: 0.8 × 0.4 + 0.2 × 1 = 0.52.
    const deaths = registered * 0.0005;
    const spouse = deaths * 0.8 * 0.8 * fullAnnual;
    const children = deaths * 0.5 * 0.52 * fullAnnual;
    const FEMALE = 0;
    expect(detail(injury, 'dependants_spouse', 'new_awards', FEMALE)).toBeCloseTo(deaths * 0.8, 9);
    expect(detail(injury, 'dependants_spouse', 'new_awards_annual_amount', FEMALE)).toBeCloseTo(spouse, 4);
    expect(detail(injury, 'dependants_children', 'new_awards_annual_amount', MALE) + detail(injury, 'dependants_children', 'new_awards_annual_amount', FEMALE)).toBeCloseTo(children, 4);
    expect(injury.outgo.dependants_pension[0]).toBeCloseTo((spouse + children) / 2, 2);
  });
});

describe('invalidity', () => {
  it('the qualifying share is P(Binomial(40, 0.85) ≥ 24), and 0 with fewer than 24 months insured', () => {
    const shares = qualifyingShares(0.85, 24, 40, new Float64Array(41));
    expect(shares[40]).toBeCloseTo(binomialTail(40, 0.85, 24), 12);
    expect(shares[30]).toBeCloseTo(binomialTail(30, 0.85, 24), 12);
    expect(shares[23]).toBe(0);
  });

  it('pensions at the maximum 65% (22.5 years insured at density 0.85 give more than 15 extra years)', () => {
    const share = binomialTail(40, 0.85, 24);
    const awards = registered * 0.003 * share;
    expect(detail(invalidity, 'invalidity_pension', 'new_awards', MALE)).toBeCloseTo(awards, 9);
    expect(detail(invalidity, 'invalidity_pension', 'new_awards_annual_amount', MALE)).toBeCloseTo(awards * 12 * 0.65 * 3000, 4);
  });

  it('deaths from causes other than employment injury: 8,000 × (0.01 − 0.0005), funeral RM2,000', () => {
    const share = binomialTail(40, 0.85, 24);
    const insuredDeaths = registered * (0.01 - 0.0005);
    // New invalidity pensioners die at q/2 in their first half year.
    const pensionerDeaths = registered * 0.003 * share * 0.005;
    expect(detail(invalidity, 'funeral', 'cases', MALE)).toBeCloseTo(insuredDeaths + pensionerDeaths, 9);
    expect(invalidity.outgo.funeral[0]).toBeCloseTo((insuredDeaths + pensionerDeaths) * 2000, 2);
  });
});

describe('pooled funds', () => {
  it("the invalidity scheme's net cash flow goes to the injury fund; transfers sum to zero", () => {
    for (let i = 0; i < projection.years; i++) {
      const net = invalidity.contributions[i] - invalidity.benefits[i] - invalidity.expenses[i];
      expect(invalidity.poolTransfer[i]).toBeCloseTo(-net, 2);
      expect(injury.poolTransfer[i] + invalidity.poolTransfer[i]).toBeCloseTo(0, 6);
      expect(invalidity.fundEnd[i]).toBe(0);
    }
  });

  it('investment income: 5% on the opening fund and half a year on the net cash flow', () => {
    const cash = injury.contributions[0] - injury.benefits[0] - injury.expenses[0] + injury.poolTransfer[0];
    expect(injury.investmentIncome[0]).toBeCloseTo(0.05 * 1_000_000 + (Math.sqrt(1.05) - 1) * cash, 2);
  });
});

describe('capital values', () => {
  it("the year's new disablement pensions are valued at ä(12) at 40½ (awards mid-year), at 4%", () => {
    // ä(12)_x = Σ_{n=0}^{110−x} (0.99/1.04)^n − 11/24; at 40½ the mean of the factors at 40 and 41.
    const factor = (x: number) => {
      let sum = 0;
      for (let n = 0; n <= 110 - x; n++) sum += (0.99 / 1.04) ** n;
      return sum - 11 / 24;
    };
    const newAnnual = 6.4 * 0.4 * fullAnnual * (1 - 0.5 * 0.2);
    expect(detail(injury, 'permanent_disablement', 'capital_value_new_awards', MALE)).toBeCloseTo((newAnnual * (factor(40) + factor(41))) / 2, 2);
  });

  it("the liability at the end of the year values next year's pensions a year older", () => {
    // The 6.4 new pensioners survive the half year at 1 − q/2 and are 41 next year: ä(12)_41.
    let annuity = 0;
    for (let n = 0; n <= 69; n++) annuity += (0.99 / 1.04) ** n;
    annuity -= 11 / 24;
    const kept = 6.4 * 0.4 * fullAnnual * (1 - 0.5 * 0.2) * (1 - 0.005);
    expect(detail(injury, 'permanent_disablement', 'liability_end', MALE)).toBeCloseTo(kept * annuity, 2);
  });
});

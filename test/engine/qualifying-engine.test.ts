/**
 * The qualifying routes, the grant, the highest age of entry and a permit tenure in the engine
 * (methodology §4, "Qualifying routes" and "Tenure"), worked by hand on test/fixtures/cells:
 * 8,000 registered men aged 40 in 2025 at RM3,000 with no dispersion, invalidity incidence
 * 0.003 (24 invalids), contributions 1% (0.5% + 0.5%), no pension floor binding.
 */
import { describe, expect, it } from 'vitest';
import { MALE } from '../../src/engine/layout.js';
import { DETAIL_BENEFIT, MEASURE } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { cli, editCsv, run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const INVALIDS = 8000 * 0.003;
const WAGE = 3000;
const RATE = 0.01;
const INTEREST = 0.05;

/** The cells' invalidity scheme with Act 4's routes and a grant, changed by `change`. */
function invalidity(change: (s: Yaml, dir: string) => void = () => {}): SchemeProjection {
  const path = scenarioVariant('cells', (s, dir) => {
    const scheme = s.schemes[1];
    scheme.qualifying = { min_months: 24, window_months: 40, entry_age: 18, full_share_since_entry: '2/3', reduced_share_since_entry: '1/3' };
    scheme.benefits.invalidity_pension.reduced_rate = 0.5;
    scheme.benefits.invalidity_grant = { min_months: 12, interest: INTEREST };
    change(s, dir);
  });
  return run(path).projection.schemes[1];
}

function at(s: SchemeProjection, benefit: keyof typeof DETAIL_BENEFIT, measure: keyof typeof MEASURE, i = 0): number {
  return s.detail[detailIndex(DETAIL_BENEFIT[benefit], MEASURE[measure], 0, MALE, s.groups, s.years) + i];
}

/** P(Binomial(n, p) = k) for k = 0..n, by the product formula. */
function pmf(n: number, p: number): number[] {
  const out: number[] = [];
  let c = 1;
  for (let k = 0; k <= n; k++) {
    if (k > 0) c = (c * (n - k + 1)) / k;
    out.push(c * p ** k * (1 - p) ** (n - k));
  }
  return out;
}

describe('a group covered for about a year gets grants only', () => {
  // Cover from 2024: in 2025 the men have 18 months insured, fewer than the 24 of any pension.
  const s = invalidity((y) => (y.schemes[1].cover.men40.from = 2024));
  const p = pmf(18, 0.85);
  const share = p.slice(12).reduce((a, b) => a + b, 0);
  const months = p.reduce((a, b, k) => a + (k >= 12 ? k * b : 0), 0);

  it('no pension is awarded', () => {
    expect(at(s, 'invalidity_pension', 'new_awards')).toBe(0);
  });

  it('24 invalids × P(Bin(18, 0.85) ≥ 12) get the grant: their contributions, 1% of RM3,000 a month, with 5% interest for 9 months', () => {
    expect(at(s, 'invalidity_grant', 'cases')).toBeCloseTo(INVALIDS * share, 9);
    expect(at(s, 'invalidity_grant', 'outgo')).toBeCloseTo(INVALIDS * months * RATE * WAGE * (1 + INTEREST) ** (18 / 24), 6);
    expect(s.outgo.invalidity_grant[0]).toBeCloseTo(at(s, 'invalidity_grant', 'outgo'), 2);
  });
});

describe('a long career at density ½: the full and the reduced pensions', () => {
  // Insured from 18: 12 × 22.5 = 270 months. K_w ~ Bin(40, ½) in the window, K_o ~ Bin(230, ½).
  const s = invalidity((y) => (y.schemes[1].cover.men40.contribution_density = 0.5));
  const window = pmf(40, 0.5);
  const before = pmf(230, 0.5);
  const either = (need: number) => window.reduce((sum, pw, k) => sum + pw * (k >= 24 ? 1 : before.slice(Math.max(0, need - k)).reduce((a, b) => a + b, 0)), 0);
  const full = either(180); // 2/3 of 270
  const reduced = either(90) - full; // 1/3 of 270
  // The full rate on the mean 135 months of contributions: 50% + 1% × (135 − 24)/12 = 59.25%.
  const fullMonthly = 0.5925 * WAGE;
  const reducedMonthly = 0.5 * WAGE;

  it('the shares are those of the two binomials (full ≈ 0.13, the reduced route takes the rest)', () => {
    expect(full).toBeGreaterThan(0.1);
    expect(full + reduced).toBeGreaterThan(0.9999);
    expect(at(s, 'invalidity_pension', 'new_awards')).toBeCloseTo(INVALIDS * (full + reduced), 9);
    expect(at(s, 'reduced_invalidity_awards', 'new_awards')).toBeCloseTo(INVALIDS * reduced, 9);
  });

  it('each pension at its own rate: 59.25% of RM3,000 full, 50% reduced', () => {
    expect(at(s, 'invalidity_pension', 'new_awards_annual_amount')).toBeCloseTo(INVALIDS * 12 * (full * fullMonthly + reduced * reducedMonthly), 5);
    expect(at(s, 'reduced_invalidity_awards', 'new_awards_annual_amount')).toBeCloseTo(INVALIDS * 12 * reduced * reducedMonthly, 5);
  });

  it('almost no grant: only those below 90 of 270 months (5.5 standard deviations) and not 24 in the window', () => {
    // P(K < 12) is negligible, so the grant is what the two pensions leave.
    expect(at(s, 'invalidity_grant', 'cases')).toBeCloseTo(INVALIDS * (1 - full - reduced), 12);
    expect(at(s, 'invalidity_grant', 'cases')).toBeLessThan(1e-5);
  });
});

describe('a contribution every month and a long cover qualify in full', () => {
  const s = invalidity((y) => (y.schemes[1].cover.men40.contribution_density = 1));
  it('24 full pensions at the highest rate, 65% of RM3,000', () => {
    expect(at(s, 'invalidity_pension', 'new_awards')).toBeCloseTo(INVALIDS, 12);
    expect(at(s, 'invalidity_pension', 'new_awards_annual_amount')).toBeCloseTo(INVALIDS * 12 * 0.65 * WAGE, 6);
    expect(at(s, 'reduced_invalidity_awards', 'new_awards')).toBe(0);
    expect(at(s, 'invalidity_grant', 'cases')).toBe(0);
  });
});

describe('the highest age of entry into insurance (55)', () => {
  /** The men at `age` instead of 40 (incidence moved with them), cover from 2024. */
  const aged = (age: number, maxEntry: number | null) =>
    invalidity((y, dir) => {
      y.schemes[1].cover.men40.from = 2024;
      if (maxEntry !== null) y.schemes[1].qualifying.max_entry_age = maxEntry;
      editCsv(`${dir}/age40.csv`, (r) => (r.age === '40' ? { ...r, age: String(age) } : r));
      editCsv(`${dir}/invalidity.csv`, (r) => (r.age === '40' ? { ...r, age: String(age) } : r));
    });

  it('men first covered at 50 (in 2024) are eligible: the same grants as with no limit', () => {
    const limited = aged(50, 55);
    expect(at(limited, 'invalidity_grant', 'cases')).toBeGreaterThan(0);
    expect(at(limited, 'invalidity_grant', 'cases')).toBe(at(aged(50, null), 'invalidity_grant', 'cases'));
  });

  it('men first covered at 57 (in 2024) get nothing; without the limit they would have grants', () => {
    expect(at(aged(58, 55), 'invalidity_grant', 'cases')).toBe(0);
    expect(at(aged(58, null), 'invalidity_grant', 'cases')).toBeGreaterThan(0);
  });
});

describe('a permit tenure: months insured count from arrival', () => {
  // No turnover: the months since arrival t are spread evenly over the longest stay. With a
  // contribution every month, t ≥ 24 gives the full pension and 12 ≤ t < 24 the grant.
  const withTenure = (years: number) => invalidity((y) => {
    y.groups[0].tenure = { max_years: years, turnover: 0 };
    y.schemes[1].cover.men40.contribution_density = 1;
  });

  it('two years: half the invalids (t = 12..23 of 24 months) get the grant, refunding t months with interest', () => {
    const s = withTenure(2);
    expect(at(s, 'invalidity_pension', 'new_awards')).toBe(0);
    expect(at(s, 'invalidity_grant', 'cases')).toBeCloseTo(INVALIDS / 2, 12);
    let refunded = 0;
    for (let t = 12; t < 24; t++) refunded += (t / 24) * (1 + INTEREST) ** (t / 24);
    expect(at(s, 'invalidity_grant', 'outgo')).toBeCloseTo(INVALIDS * refunded * RATE * WAGE, 6);
  });

  it('three years: a third each of no benefit, the grant and the full pension at 50% + 1% × (mean months − 24)/12', () => {
    const s = withTenure(3);
    expect(at(s, 'invalidity_grant', 'cases')).toBeCloseTo(INVALIDS / 3, 12);
    expect(at(s, 'invalidity_pension', 'new_awards')).toBeCloseTo(INVALIDS / 3, 12);
    // t = 24..35: rates 0.5 + 0.01·(t − 24)/12, averaged over those twelve months.
    let rate = 0;
    for (let t = 24; t < 36; t++) rate += (0.5 + (0.01 * (t - 24)) / 12) / 12;
    expect(at(s, 'invalidity_pension', 'new_awards_annual_amount')).toBeCloseTo((INVALIDS / 3) * 12 * rate * WAGE, 6);
  });
});

describe('the routes in a scenario file', () => {
  it('a route on a scheme that is not invalidity, a bad fraction and a reduced share above the full one are errors (exit 2)', async () => {
    const onInjury = await cli('validate', scenarioVariant('cells', (s) => (s.schemes[0].qualifying = { reduced_share_since_entry: '1/3' })));
    expect(onInjury.code).toBe(2);
    expect(onInjury.stderr).toMatch(/schemes\[0\]\.qualifying\.reduced_share_since_entry: reduced_share_since_entry is a rule of the invalidity scheme \(Act 4\); this scheme is employment_injury/);
    const fraction = await cli('validate', scenarioVariant('cells', (s) => (s.schemes[1].qualifying = { full_share_since_entry: 'two thirds' })));
    expect(fraction.code).toBe(2);
    expect(fraction.stderr).toMatch(/schemes\[1\]\.qualifying\.full_share_since_entry: .*a fraction such as "2\/3"/);
    const order = await cli('validate', scenarioVariant('cells', (s) => (s.schemes[1].qualifying = { full_share_since_entry: '1/3', reduced_share_since_entry: '2/3' })));
    expect(order.code).toBe(2);
    expect(order.stderr).toMatch(/reduced_share_since_entry cannot exceed full_share_since_entry/);
    const tenure = await cli('validate', scenarioVariant('cells', (s) => (s.groups[0].tenure = { max_years: 10, turnovr: 0.1 })));
    expect(tenure.code).toBe(2);
    expect(tenure.stderr).toMatch(/groups\[0\]\.tenure\.turnovr: unknown key/);
  });
});

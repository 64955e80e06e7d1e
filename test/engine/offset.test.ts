/**
 * A top-up of another law's lump sums on workplace accidents (cover.<group>.workplace_offset),
 * worked by hand on test/fixtures/cells: 8,000 registered men aged 40 at RM3,000, no wage
 * dispersion, so the one wage is exact. The injury table has temporary 0.01, permanent 0.002,
 * fatal 0.0005, medical 0.02; its commuting part here is 0.004, 0.0008, 0.0003 and 0.009, so
 * workplace accidents are 60% of the permanent awards and 40% of the deaths.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MALE } from '../../src/engine/layout.js';
import { DETAIL_BENEFIT, MEASURE } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { OFFSET_NODES, offsetShares, wageNodes } from '../../src/engine/offset.js';
import { cli, run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

interface Offset {
  currency?: string;
  limits_indexation?: number;
  permanent?: { minimum: number; maximum: number };
  fatal?: { minimum: number; maximum: number };
  temporary_share?: number;
  medical_share?: number;
}

/** The cells scenario split by cause, with an offset on the group's workplace accidents (limits fixed, so L = the limit). */
function withOffset(offset: Offset | null, change: (s: Yaml) => void = () => {}): string {
  return scenarioVariant('cells', (s: Yaml, dir: string) => {
    writeFileSync(join(dir, 'commuting.csv'), 'sex,age,temporary,permanent,fatal,medical\nM,40,0.004,0.0008,0.0003,0.009\nF,40,0,0,0,0\n');
    writeFileSync(join(dir, 'factors.csv'), 'age_next_birthday,factor\n14,100\n66,100\n');
    s.schemes[0].commuting_incidence = 'commuting.csv';
    if (offset) {
      const limits = (l: { minimum: number; maximum: number } | undefined) => ({ factors: 'factors.csv', ...(l ?? { minimum: 0, maximum: 0 }) });
      s.schemes[0].cover.men40.workplace_offset = { ...offset, permanent: limits(offset.permanent), fatal: limits(offset.fatal) };
    }
    change(s);
  });
}

const project = (path: string) => run(path).projection.schemes[0];
const base = project(withOffset(null));

function detail(s: SchemeProjection, benefit: keyof typeof DETAIL_BENEFIT, measure: keyof typeof MEASURE, year = 0): number {
  return s.detail[detailIndex(DETAIL_BENEFIT[benefit], MEASURE[measure], 0, MALE, s.groups, s.years) + year];
}

/** The widows' pensions (the spouses of the men who die are women). */
const spouses = (s: SchemeProjection, measure: keyof typeof MEASURE) => s.detail[detailIndex(DETAIL_BENEFIT.dependants_spouse, MEASURE[measure], 0, 0, s.groups, s.years)];

// The capital value X of a permanent award at 100% (12 × 0.9 × RM3,000 × the commutation
// factor at 40): the base's lump sums are 16 awards × X × 0.076 (60% lump sums at 10%, and 40%
// pensions at 40% of which half commute a fifth: 0.06 + 0.016).
const X = base.outgo.permanent_disablement_lump_sum[0] / (16 * 0.076);

describe('a top-up of another law\'s lump sums', () => {
  it('pays what it paid before when the other law pays nothing', () => {
    const none = project(withOffset({}));
    for (const c of ['permanent_disablement_lump_sum', 'temporary_disablement', 'medical'] as const) expect(none.outgo[c][0], c).toBe(base.outgo[c][0]);
    expect(spouses(none, 'new_awards_annual_amount')).toBe(spouses(base, 'new_awards_annual_amount'));
  });

  it('pays only the commuting awards when the other law\'s lump sums exceed its own', () => {
    const all = project(withOffset({ permanent: { minimum: 1e8, maximum: 1e8 }, fatal: { minimum: 1e8, maximum: 1e8 } }));
    // Permanent: 8,000 × 0.0008 commuting awards of 16, 40% of them pensions.
    expect(detail(all, 'permanent_disablement', 'new_awards')).toBeCloseTo(8000 * 0.0008 * 0.4, 9);
    expect(all.outgo.permanent_disablement_lump_sum[0] / base.outgo.permanent_disablement_lump_sum[0]).toBeCloseTo(0.4, 8);
    // Deaths: the families of the 2.4 commuting deaths of 4, and every funeral still.
    expect(spouses(all, 'new_awards') / spouses(base, 'new_awards')).toBeCloseTo(0.6, 9);
    expect(spouses(all, 'new_awards_annual_amount') / spouses(base, 'new_awards_annual_amount')).toBeCloseTo(0.6, 9);
    // Every insured death's funeral still; 3.84 fewer disablement pensioners, each dying at q/2 = 0.005 in the award's half year.
    expect(base.outgo.funeral[0] - all.outgo.funeral[0]).toBeCloseTo(3.84 * 0.005 * 3000, 2);
    expect(detail(all, 'deaths', 'cases')).toBeCloseTo(4, 9);
  });

  it('pays the excess of its award over the lump sum: a lump sum of X / 2 leaves half of each workplace award', () => {
    const half = project(withOffset({ permanent: { minimum: X / 2, maximum: X / 2 } }));
    // 40% commuting in full, 60% workplace at half: 0.7 of the base's worth, every award still paid.
    expect(half.outgo.permanent_disablement_lump_sum[0] / base.outgo.permanent_disablement_lump_sum[0]).toBeCloseTo(0.7, 6);
    expect(detail(half, 'permanent_disablement', 'new_awards_annual_amount') / detail(base, 'permanent_disablement', 'new_awards_annual_amount')).toBeCloseTo(0.7, 6);
    expect(detail(half, 'permanent_disablement', 'new_awards')).toBeCloseTo(detail(base, 'permanent_disablement', 'new_awards'), 9);
  });

  it('converts limits in another currency at the exchange rate, and indexes them from the start year', () => {
    const sgd = project(withOffset({ currency: 'SGD', limits_indexation: 0.1, permanent: { minimum: X / 2 / 3, maximum: X / 2 / 3 } }, (s) => (s.economy.exchange_rates = { SGD: 3 })));
    expect(sgd.outgo.permanent_disablement_lump_sum[0] / base.outgo.permanent_disablement_lump_sum[0]).toBeCloseTo(0.7, 6);
    // 2026: the limits are 1.1 times 2025's, as a run with those limits unindexed.
    const higher = project(withOffset({ permanent: { minimum: (1.1 * X) / 2, maximum: (1.1 * X) / 2 } }));
    expect(sgd.outgo.permanent_disablement_lump_sum[1]).toBeCloseTo(higher.outgo.permanent_disablement_lump_sum[1], 2);
    expect(sgd.outgo.permanent_disablement_lump_sum[1]).toBeGreaterThan(base.outgo.permanent_disablement_lump_sum[1] * 0.5);
  });

  it('takes the other law\'s shares of the temporary benefit and of medical care from the workplace cases', () => {
    const short = project(withOffset({ temporary_share: 1, medical_share: 0.5 }));
    expect(detail(short, 'temporary_disablement', 'cases')).toBeCloseTo(8000 * 0.004, 9); // 32 commuting cases
    expect(short.outgo.temporary_disablement[0] / base.outgo.temporary_disablement[0]).toBeCloseTo(32 / 80, 9);
    expect(detail(short, 'medical', 'cases')).toBeCloseTo(8000 * (0.009 + 0.011 * 0.5), 9); // 116
  });

  it('is refused beside a declared insured wage, which leaves no real wage for the other law, with exit 2', async () => {
    const result = await cli('validate', withOffset({}, (s) => (s.schemes[0].cover.men40.insured_wage_monthly = 2000)));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/workplace_offset: workplace_offset compares the other law's lump sum on the real wage/);
  });

  it('is refused where the scheme does not split its accidents by cause, with exit 2', async () => {
    const path = withOffset({}, (s) => delete s.schemes[0].commuting_incidence);
    const result = await cli('validate', path);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/schemes\[0\]\.cover\.men40\.workplace_offset: workplace_offset applies to workplace accidents/);
  });
});

describe('the shares over a cell\'s lognormal wages', () => {
  // An independent integral: E over w = m·exp(σz − σ²/2), z standard normal, by the trapezoid
  // rule on 200,001 points of z in [−8, 8].
  function integral(m: number, sigma: number, a: number, floor: number, ceiling: number, factor: number, minimum: number, maximum: number) {
    let own = 0;
    let left = 0;
    let paid = 0;
    const n = 200_000;
    const h = 16 / n;
    for (let k = 0; k <= n; k++) {
      const z = -8 + k * h;
      const weight = ((k === 0 || k === n ? 0.5 : 1) * h * Math.exp(-z * z / 2)) / Math.sqrt(2 * Math.PI);
      const w = m * Math.exp(sigma * z - (sigma * sigma) / 2);
      const x = a * Math.min(ceiling, Math.max(floor, w));
      const other = Math.min(maximum, Math.max(minimum, w * factor));
      own += weight * x;
      if (x > other) {
        left += weight * (x - other);
        paid += weight;
      }
    }
    return [left / own, paid];
  }

  it('agree with the integral to within the nodes\' resolution, wages above and below the ceiling', () => {
    const nodes = wageNodes(0.45, new Float64Array(OFFSET_NODES));
    const out = new Float64Array(2);
    // Mean RM4,000, an award worth 12 × 0.9 × min(w, 6,000) × 15, a lump sum of w × 120 within RM400,000–1,190,000.
    offsetShares(nodes, 4000, 12 * 0.9 * 15, 0, 6000, 120, 400_000, 1_190_000, out);
    const [amount, count] = integral(4000, 0.45, 12 * 0.9 * 15, 0, 6000, 120, 400_000, 1_190_000);
    expect(Math.abs(out[0] - amount)).toBeLessThan(0.01);
    expect(Math.abs(out[1] - count)).toBeLessThan(1 / OFFSET_NODES);
    expect(amount).toBeGreaterThan(0.005); // a case where the top-up is neither none nor all
    expect(amount).toBeLessThan(0.5);
  });

  it('keep the cell\'s mean wage at the nodes', () => {
    const nodes = wageNodes(0.8, new Float64Array(OFFSET_NODES));
    expect(nodes.reduce((s, v) => s + v, 0) / OFFSET_NODES).toBeCloseTo(1, 12);
  });
});

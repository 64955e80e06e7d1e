/**
 * Rehabilitation and return to work, worked by hand on test/fixtures/cells: 8,000 registered men
 * aged 40 at RM3,000, no dispersion; injury incidence temporary 0.01, permanent 0.002 (60% lump
 * sums, 40% pensions at 40%), invalidity 0.003 with the qualifying share P(Bin(40, 0.85) ≥ 24).
 * Year 2025; medical inflation 0, so the cost per case is the scenario's.
 */
import { describe, expect, it } from 'vitest';
import { MALE } from '../../src/engine/layout.js';
import { DETAIL_BENEFIT, MEASURE, OUTGO_COLUMNS } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const COST = 5000;
const REFERRED = 0.5;
const TEMPORARY = 0.2;
const AVERTED = 0.3;

const projectWith = (change: (s: Yaml) => void) => run(scenarioVariant('cells', change)).projection.schemes;
const [injuryBase, invalidityBase] = projectWith(() => {});
const [injury, invalidity] = projectWith((s) => {
  s.schemes[0].benefits.rehabilitation = { cost_per_case: COST, share_of_pensions: REFERRED, share_of_temporary: TEMPORARY, pensions_averted: AVERTED };
  s.schemes[1].benefits.rehabilitation = { cost_per_case: COST, share_of_pensions: REFERRED, pensions_averted: AVERTED };
});

function detail(s: SchemeProjection, benefit: keyof typeof DETAIL_BENEFIT, measure: keyof typeof MEASURE): number {
  return s.detail[detailIndex(DETAIL_BENEFIT[benefit], MEASURE[measure], 0, MALE, s.groups, s.years)];
}

/** P(Binomial(n, p) ≥ k), summed term by term. */
function binomialTail(n: number, p: number, k: number): number {
  let total = 0;
  let coefficient = 1;
  for (let j = 0; j <= n; j++) {
    if (j > 0) coefficient = (coefficient * (n - j + 1)) / j;
    if (j >= k) total += coefficient * p ** j * (1 - p) ** (n - j);
  }
  return total;
}

const registered = 8000;

describe('rehabilitation in an injury scheme', () => {
  // Temporary cases 80, permanent awards 16 of which 6.4 above the lump-sum degree.
  const referred = 80 * TEMPORARY + 16 * 0.4 * REFERRED; // 16 + 3.2 = 19.2

  it('refers 20% of the 80 temporary cases and half the 6.4 pension awards: 19.2 people at RM5,000', () => {
    expect(detail(injury, 'rehabilitation', 'cases')).toBeCloseTo(referred, 9);
    expect(injury.outgo.rehabilitation[0]).toBeCloseTo(referred * COST, 2);
  });

  it('a return to work turns 30% of the referred pension awards into lump sums: 6.4 − 0.96 pensions', () => {
    const averted = 16 * 0.4 * REFERRED * AVERTED; // 0.96
    expect(detail(injury, 'permanent_disablement', 'new_awards')).toBeCloseTo(6.4 - averted, 9);
    // The lump sum of an averted award is at the mean lump-sum degree (10%): the outgo moves by
    // the lump sums gained and the commuted fifths lost, on the same annuity factor.
    const perAwardBefore = 0.6 * 0.1 + 0.4 * 0.5 * 0.2 * 0.4;
    const perAwardAfter = (0.6 + 0.06) * 0.1 + 0.34 * 0.5 * 0.2 * 0.4;
    expect(injury.outgo.permanent_disablement_lump_sum[0] / injuryBase.outgo.permanent_disablement_lump_sum[0]).toBeCloseTo(perAwardAfter / perAwardBefore, 6); // each outgo is rounded to the cent
    expect(injury.outgo.permanent_disablement_pension[0]).toBeCloseTo((injuryBase.outgo.permanent_disablement_pension[0] * (6.4 - averted)) / 6.4, 2);
  });

  it('changes nothing else but the funerals of the pensioners it averts: temporary, medical, dependants, contributions', () => {
    for (const c of ['temporary_disablement', 'medical', 'dependants_pension'] as const) expect(injury.outgo[c][0], c).toBe(injuryBase.outgo[c][0]);
    expect(injury.contributions[0]).toBe(injuryBase.contributions[0]);
    // A funeral is paid on the death of a disablement pensioner: 0.96 fewer of them, each dying
    // at q/2 = 0.005 in the award's half year, at RM3,000.
    expect(injuryBase.outgo.funeral[0] - injury.outgo.funeral[0]).toBeCloseTo(0.96 * 0.005 * 3000, 2);
  });
});

describe('rehabilitation in the invalidity scheme', () => {
  const invalids = registered * 0.003 * binomialTail(40, 0.85, 24);

  it('refers half the new invalids, and those who return to work are not awarded a pension', () => {
    expect(detail(invalidity, 'rehabilitation', 'cases')).toBeCloseTo(invalids * REFERRED, 9);
    expect(invalidity.outgo.rehabilitation[0]).toBeCloseTo(invalids * REFERRED * COST, 2);
    expect(detail(invalidity, 'invalidity_pension', 'new_awards')).toBeCloseTo(invalids * (1 - REFERRED * AVERTED), 9);
    expect(detail(invalidityBase, 'invalidity_pension', 'new_awards')).toBeCloseTo(invalids, 9);
  });

  it('with nothing averted it only costs, and with no one referred it is the baseline', () => {
    const [, costOnly] = projectWith((s) => (s.schemes[1].benefits.rehabilitation = { cost_per_case: COST, share_of_pensions: REFERRED }));
    expect(costOnly.outgo.invalidity_pension[0]).toBe(invalidityBase.outgo.invalidity_pension[0]);
    expect(costOnly.benefits[0]).toBeGreaterThan(invalidityBase.benefits[0]);
    const [, none] = projectWith((s) => (s.schemes[1].benefits.rehabilitation = { cost_per_case: COST, share_of_pensions: 0, pensions_averted: 1 }));
    for (const c of OUTGO_COLUMNS) for (let i = 0; i < none.years; i++) expect(none.outgo[c][i], c).toBe(invalidityBase.outgo[c][i]);
  });

  it('more averted, fewer pensions in payment every year after', () => {
    const [, more] = projectWith((s) => (s.schemes[1].benefits.rehabilitation = { cost_per_case: COST, share_of_pensions: REFERRED, pensions_averted: 0.6 }));
    for (let i = 1; i < more.years; i++) expect(more.outgo.invalidity_pension[i]).toBeLessThan(invalidity.outgo.invalidity_pension[i]);
  });
});

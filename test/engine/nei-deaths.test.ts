/**
 * One benefit per death under the 24-hour cover (methodology §3, "Deaths"): with the invalidity
 * scheme's `non_employment_injury_deaths: excluded`, its deaths are those from other causes than
 * both injuries, so it loses exactly the deaths the 24-hour cover counts, and their funerals;
 * with `paid` (as without the key) it keeps them. test/fixtures/basic, both schemes at ages
 * 15-59 and covering the locals in full from 2026.
 */
import { describe, expect, it } from 'vitest';
import { DETAIL_BENEFIT, MEASURE } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { SEXES } from '../../src/engine/layout.js';
import { cli, run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

function schemes(rule: 'paid' | 'excluded' | undefined): SchemeProjection[] {
  return run(
    scenarioVariant('basic', (s: Yaml) => {
      const nei = s.schemes.find((x: Yaml) => x.kind === 'non_employment_injury');
      const inv = s.schemes.find((x: Yaml) => x.kind === 'invalidity');
      nei.ages = { min: 15, max: 59 };
      inv.ages = { min: 15, max: 59 };
      if (rule) inv.non_employment_injury_deaths = rule;
    }),
  ).projection.schemes;
}

/** Deaths of the locals (group 0), both sexes, in year index i. */
function deaths(s: SchemeProjection, i: number): number {
  let n = 0;
  for (let sex = 0; sex < SEXES; sex++) n += s.detail[detailIndex(DETAIL_BENEFIT.deaths, MEASURE.cases, 0, sex, s.groups, s.years) + i];
  return n;
}

describe("the 24-hour cover's deaths and the invalidity scheme", () => {
  const byKind = (list: SchemeProjection[], kind: string) => list.find((s) => s.kind === kind)!;
  const unset = schemes(undefined);
  const paid = schemes('paid');
  const excluded = schemes('excluded');

  it('paid is the default: the same projection as without the key', () => {
    for (let i = 0; i < paid[0].years; i++) expect(byKind(paid, 'invalidity').benefits[i]).toBe(byKind(unset, 'invalidity').benefits[i]);
  });

  it('excluded takes out exactly the deaths the 24-hour cover counts, from 2026, and their funerals at RM3,000', () => {
    const inv = byKind(paid, 'invalidity');
    const invExcluded = byKind(excluded, 'invalidity');
    const nei = byKind(excluded, 'non_employment_injury');
    // 2025: no 24-hour cover yet, nothing changes.
    expect(deaths(invExcluded, 0)).toBe(deaths(inv, 0));
    for (const i of [1, 5, 20]) {
      const neiDeaths = deaths(nei, i);
      expect(neiDeaths).toBeGreaterThan(0);
      expect(deaths(inv, i) - deaths(invExcluded, i)).toBeCloseTo(neiDeaths, 8);
    }
    // In 2026 no pensioner death differs yet, so the funerals differ by those deaths alone.
    expect(inv.outgo.funeral[1] - invExcluded.outgo.funeral[1]).toBeCloseTo(3000 * deaths(nei, 1), 1);
    // Fewer qualifying deaths: fewer survivors' pensions.
    expect(invExcluded.outgo.survivors_pension[10]).toBeLessThan(inv.outgo.survivors_pension[10]);
    // The 24-hour cover itself is the same either way.
    expect(nei.benefits).toEqual(byKind(paid, 'non_employment_injury').benefits);
  });

  it('the key on a scheme that is not invalidity is an error (exit 2)', async () => {
    const result = await cli('validate', scenarioVariant('basic', (s: Yaml) => (s.schemes[0].non_employment_injury_deaths = 'excluded')));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/schemes\[0\]\.non_employment_injury_deaths: non_employment_injury_deaths is a rule of the invalidity scheme \(Act 4\); this scheme is employment_injury/);
  });
});

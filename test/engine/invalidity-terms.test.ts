/**
 * The invalidity rate and qualifying share of an age depend on that year's contribution density
 * and years insured only (methodology §3–§4). The engine works them out once per group and keeps
 * them while neither changes, so a change in either must show in that very year: a projection
 * whose density steps down in 2027 has, from 2027, the awards of one at the lower density
 * throughout, and before 2027 those of one at the higher density.
 */
import { describe, expect, it } from 'vitest';
import { DETAIL_BENEFIT, MEASURE } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { MALE } from '../../src/engine/layout.js';
import { run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

function invalidityAwards(density: unknown, from?: number): SchemeProjection {
  const path = scenarioVariant('cells', (s: Yaml) => {
    s.projection.end_year = 2029;
    s.schemes[1].cover.men40.contribution_density = density;
    if (from !== undefined) s.schemes[1].cover.men40.from = from;
  });
  return run(path).projection.schemes[1];
}

function awards(s: SchemeProjection, measure: 'new_awards' | 'new_awards_annual_amount', i: number): number {
  return s.detail[detailIndex(DETAIL_BENEFIT.invalidity_pension, MEASURE[measure], 0, MALE, s.groups, s.years) + i];
}

describe('invalidity rates and qualifying shares follow the year', () => {
  it('a density stepping from 0.85 to 0.5 in 2027 gives the awards of each density in its years', () => {
    const stepped = invalidityAwards({ 2025: 0.85, 2027: 0.5 });
    const high = invalidityAwards(0.85);
    const low = invalidityAwards(0.5);
    // The two densities give different awards, so the comparison below can fail.
    expect(awards(low, 'new_awards', 3)).toBeLessThan(awards(high, 'new_awards', 3) * 0.9);
    for (let i = 0; i < 5; i++) {
      const same = i < 2 ? high : low;
      for (const measure of ['new_awards', 'new_awards_annual_amount'] as const) {
        expect(awards(stepped, measure, i)).toBe(awards(same, measure, i));
      }
    }
  });

  it('cover that began in 2024 counts its years insured from then, a year more each year', () => {
    // Men of 40 entered long before 2024: until their years since cover pass the qualifying
    // months, they have none; the counts must grow as cover ages, not stay at their first value.
    const recent = invalidityAwards(0.85, 2024);
    const old = invalidityAwards(0.85);
    // 2025: 1.5 years of cover, 18 months in the window, fewer than the 24 needed.
    expect(awards(recent, 'new_awards', 0)).toBe(0);
    // 2026: 2.5 years, 30 months: some qualify, fewer than with cover from the start.
    expect(awards(recent, 'new_awards', 1)).toBeGreaterThan(0);
    expect(awards(recent, 'new_awards', 1)).toBeLessThan(awards(old, 'new_awards', 1));
    // The average pension rises with the years of contributions as cover ages.
    const perAward = (i: number) => awards(recent, 'new_awards_annual_amount', i) / awards(recent, 'new_awards', i);
    expect(perAward(3)).toBeGreaterThan(perAward(1));
  });
});

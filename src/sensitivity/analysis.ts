/**
 * Sensitivity: each shock's effect on the general average premium over the horizon, the
 * reserve ratio in chosen years and the depletion year, per scheme (full projections); and a
 * two-way grid of the contribution rate against coverage (take-up) for one scheme.
 */
import type { Assumptions } from '../assumptions/types.js';
import { project } from '../engine/project.js';
import { computeMeasures, depletionYear, reserveRatio } from '../measures/compute.js';
import type { MeasureOptions } from '../measures/compute.js';
import type { Measures } from '../measures/types.js';
import type { Shock } from './shocks.js';

export interface SensitivityRow {
  assumption: string;
  direction: 'low' | 'high';
  size: number;
  scheme: string;
  measure: string;
  base: number | null;
  value: number | null;
}

function headline(m: Measures, years: readonly number[]): Array<{ scheme: string; measure: string; value: number | null }> {
  return m.schemes.flatMap((s) => [
    { scheme: s.scheme, measure: 'general_average_premium', value: s.generalAveragePremium[s.generalAveragePremium.length - 1].rate },
    ...years.map((year) => ({ scheme: s.scheme, measure: `reserve_ratio_${year}`, value: s.reserveRatio[year - m.startYear] ?? null })),
    { scheme: s.scheme, measure: 'depletion_year', value: s.ownFund ? s.depletionYear : null },
  ]);
}

export function sensitivity(a: Assumptions, shocks: readonly Shock[], options: MeasureOptions, reserveYears: readonly number[]): SensitivityRow[] {
  const base = headline(computeMeasures(a, project(a), options), reserveYears);
  const rows: SensitivityRow[] = [];
  for (const shock of shocks) {
    const shocked = shock.apply(a);
    const values = headline(computeMeasures(shocked, project(shocked), options), reserveYears);
    values.forEach((v, k) => rows.push({ assumption: shock.assumption, direction: shock.direction, size: shock.size, scheme: v.scheme, measure: v.measure, base: base[k].value, value: v.value }));
  }
  return rows;
}

export interface GridPoint {
  contributionFactor: number;
  coverageShift: number;
  reserveRatio: number | null;
  depletionYear: number | null;
}

/** Every (contribution factor, coverage shift) of a grid, factors outermost. */
export function gridPairs(factors: readonly number[], shifts: readonly number[]): Array<[number, number]> {
  return factors.flatMap((factor) => shifts.map((shift): [number, number] => [factor, shift]));
}

/** The contribution rate × factor against coverage + shift, for scheme k, at the given pairs (gridPairs, or a worker's slice of them): reserve ratio in `year`. */
export function gridAt(a: Assumptions, k: number, pairs: ReadonlyArray<readonly [number, number]>, year: number): GridPoint[] {
  const out: GridPoint[] = [];
  for (const [factor, shift] of pairs) {
    const x: Assumptions = {
      ...a,
      schemes: a.schemes.map((s, j) =>
        j !== k
          ? s
          : {
              ...s,
              cover: s.cover.map((c) =>
                c
                  ? {
                      ...c,
                      coverage: c.coverage.map((v) => (v > 0 ? Math.min(1, Math.max(0, v + shift)) : v)),
                      employerRate: c.employerRate.map((v) => v * factor),
                      employeeRate: c.employeeRate.map((v) => v * factor),
                      flatMonthly: c.flatMonthly ? c.flatMonthly.map((v) => v * factor) : null,
                    }
                  : null,
              ),
            },
      ),
    };
    // Only the fund's measures are wanted here, not the premiums: read them off the projection.
    const s = project(x).schemes[k];
    const ownFund = x.schemes[k].poolOwner < 0;
    const i = year - a.startYear;
    out.push({ contributionFactor: factor, coverageShift: shift, reserveRatio: ownFund && i >= 0 && i < a.years ? reserveRatio(s, i) : null, depletionYear: ownFund ? depletionYear(s, a.startYear) : null });
  }
  return out;
}

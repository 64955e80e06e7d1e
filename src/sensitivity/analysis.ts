/**
 * Sensitivity: each shock's effect on the general average premium over the horizon, the
 * reserve ratio in chosen years and the depletion year, per scheme (full projections); and a
 * two-way grid of the contribution rate against coverage (take-up) for one scheme.
 */
import type { Assumptions, ContributionAssumptions } from '../assumptions/types.js';
import { project } from '../engine/project.js';
import { computeMeasures, depletionYear, reserveRatio } from '../measures/compute.js';
import type { MeasureOptions } from '../measures/compute.js';
import type { Measures } from '../measures/types.js';
import { shareClamped } from './shocks.js';
import type { Shock } from './shocks.js';

export interface SensitivityRow {
  assumption: string;
  direction: 'low' | 'high';
  size: number;
  scheme: string;
  measure: string;
  base: number | null;
  value: number | null;
  /** The shock was clamped for this scheme (a share already within its size of 0 or 1; Shock.clamped). */
  clamped: boolean;
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
    const clamped = new Set(shock.clamped?.(a) ?? []);
    values.forEach((v, k) => rows.push({ assumption: shock.assumption, direction: shock.direction, size: shock.size, scheme: v.scheme, measure: v.measure, base: base[k].value, value: v.value, clamped: clamped.has(v.scheme) }));
  }
  return rows;
}

/** One assumption's effect on a scheme's general average premium (over the horizon), low and high. */
export interface GapEffect {
  assumption: string;
  size: number;
  /** Shocked minus base GAP, as a rate (0.001 = 0.1 percentage point); 0 where either is undefined. */
  low: number;
  high: number;
  lowClamped: boolean;
  highClamped: boolean;
}

/**
 * Differences this small are rounding in the projection, not an effect: sensitivity.csv writes
 * them as 0.00000000 (eight decimals), and so they count as none.
 */
export const NO_EFFECT = 5e-9;

/**
 * A scheme's GAP effects, widest first (|low| + |high|), as the tornado ranks them; the
 * assumptions that cannot move the scheme (no effect either way) are counted apart.
 */
export function gapEffects(rows: readonly SensitivityRow[], scheme: string): { effects: GapEffect[]; without: number; base: number | null } {
  const gap = rows.filter((r) => r.scheme === scheme && r.measure === 'general_average_premium');
  const difference = (r: SensitivityRow | undefined) => {
    if (!r || r.value === null || r.base === null) return 0;
    const d = r.value - r.base;
    return Math.abs(d) < NO_EFFECT ? 0 : d;
  };
  const all = [...new Set(gap.map((r) => r.assumption))].map((assumption): GapEffect => {
    const low = gap.find((r) => r.assumption === assumption && r.direction === 'low');
    const high = gap.find((r) => r.assumption === assumption && r.direction === 'high');
    return { assumption, size: (low ?? high)!.size, low: difference(low), high: difference(high), lowClamped: low?.clamped ?? false, highClamped: high?.clamped ?? false };
  });
  const effects = all.filter((e) => e.low !== 0 || e.high !== 0);
  // Widest first; ties keep the order of the shocks.
  effects.sort((x, y) => Math.abs(y.low) + Math.abs(y.high) - (Math.abs(x.low) + Math.abs(x.high)));
  return { effects, without: all.length - effects.length, base: gap[0]?.base ?? null };
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

/** Whether the grid's coverage shifts are clamped for scheme k (a covered group within a shift of 0 or 1). */
export function gridClamped(a: Assumptions, k: number, shifts: readonly number[]): boolean {
  return shifts.some((shift) => shift !== 0 && a.schemes[k].cover.some((c) => c !== null && shareClamped(c.coverage, shift)));
}

/** Every rate, flat amount and minimum of a schedule × factor: the contribution rate scaled, its payers' shares kept. */
function scaledContributions(c: ContributionAssumptions, factor: number): ContributionAssumptions {
  const scale = (v: Float64Array) => v.map((x) => x * factor);
  return {
    ...c,
    rates: c.rates.map(scale),
    flatMonthly: c.flatMonthly ? scale(c.flatMonthly) : null,
    minimumMonthly: c.minimumMonthly ? scale(c.minimumMonthly) : null,
  };
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
                      contributions: scaledContributions(c.contributions, factor),
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

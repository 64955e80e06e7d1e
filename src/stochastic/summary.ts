/**
 * What many paths say (percentiles per year and measure; the probability that the fund is
 * depleted, or the reserve ratio below a threshold, by each year; one line per path), computed
 * from the per-path values alone, so that shards merged give exactly the single run's output.
 */
import Papa from 'papaparse';
import { quantileSorted } from 'simple-statistics';
import { PATH_MEASURES, pathIndex, valuesPerPath } from './paths.js';
import type { PathLayout } from './paths.js';

export const PERCENTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

const fixed = (x: number, measure: string) => (measure === 'reserve_ratio' || measure === 'payg_cost_rate' ? x.toFixed(8) : x.toFixed(2));

/** Percentiles `[scheme][measure][year][percentile]` (NaN where no path has a value). */
export function percentileTable(r: PathLayout, values: Float64Array, paths: number): Float64Array {
  const size = valuesPerPath(r);
  const out = new Float64Array(r.schemes.length * PATH_MEASURES.length * r.years * PERCENTILES.length);
  const column = new Float64Array(paths);
  for (let k = 0; k < r.schemes.length; k++) {
    for (let m = 0; m < PATH_MEASURES.length; m++) {
      for (let t = 0; t < r.years; t++) {
        let n = 0;
        for (let p = 0; p < paths; p++) {
          const v = values[p * size + pathIndex(r, k, m) + t];
          if (!Number.isNaN(v)) column[n++] = v;
        }
        const sorted = Array.from(column.subarray(0, n).sort());
        const at = (pathIndex(r, k, m) + t) * PERCENTILES.length;
        PERCENTILES.forEach((q, j) => (out[at + j] = n === 0 ? NaN : quantileSorted(sorted, q)));
      }
    }
  }
  return out;
}

export function percentilesCsv(r: PathLayout, table: Float64Array): string {
  const data: string[][] = [];
  r.schemes.forEach((s, k) => {
    PATH_MEASURES.forEach((measure, m) => {
      for (let t = 0; t < r.years; t++) {
        const at = (pathIndex(r, k, m) + t) * PERCENTILES.length;
        const cells = PERCENTILES.map((_, j) => (Number.isNaN(table[at + j]) ? '' : fixed(table[at + j], measure)));
        data.push([s.id, measure, String(r.startYear + t), ...cells]);
      }
    });
  });
  return Papa.unparse({ fields: ['scheme', 'measure', 'year', 'p5', 'p25', 'p50', 'p75', 'p95'], data }, { newline: '\n' }) + '\n';
}

/** First year index with a negative fund, or −1; and the running minimum of the reserve ratio. */
function depletionIndex(values: Float64Array, at: number, years: number): number {
  for (let t = 0; t < years; t++) if (values[at + t] < 0) return t;
  return -1;
}

/** Per scheme with a fund of its own (null for a pooled one): the share of paths depleted, and with a reserve ratio below the threshold, by each year. */
export interface Probabilities {
  depleted: Float64Array;
  below: Float64Array;
}

export function probabilityTable(r: PathLayout, values: Float64Array, paths: number, reserveThreshold: number): Array<Probabilities | null> {
  const size = valuesPerPath(r);
  return r.schemes.map((s, k) => {
    if (s.poolOwner >= 0) return null;
    const depleted = new Float64Array(r.years);
    const below = new Float64Array(r.years);
    for (let p = 0; p < paths; p++) {
      const fundAt = p * size + pathIndex(r, k, 0);
      const reserveAt = p * size + pathIndex(r, k, 1);
      const first = depletionIndex(values, fundAt, r.years);
      if (first >= 0) for (let t = first; t < r.years; t++) depleted[t]++;
      let firstBelow = -1;
      for (let t = 0; t < r.years; t++) {
        if (values[reserveAt + t] < reserveThreshold) {
          firstBelow = t;
          break;
        }
      }
      if (firstBelow >= 0) for (let t = firstBelow; t < r.years; t++) below[t]++;
    }
    for (let t = 0; t < r.years; t++) {
      depleted[t] /= paths;
      below[t] /= paths;
    }
    return { depleted, below };
  });
}

export function probabilitiesCsv(r: PathLayout, values: Float64Array, paths: number, reserveThreshold: number, table = probabilityTable(r, values, paths, reserveThreshold)): string {
  const data: string[][] = [];
  r.schemes.forEach((s, k) => {
    const p = table[k];
    if (!p) return;
    for (let t = 0; t < r.years; t++) data.push([s.id, String(r.startYear + t), p.depleted[t].toFixed(6), p.below[t].toFixed(6)]);
  });
  return Papa.unparse({ fields: ['scheme', 'year', 'p_depleted_by_year', `p_reserve_ratio_below_${reserveThreshold}_by_year`], data }, { newline: '\n' }) + '\n';
}

/**
 * Percentiles `[scheme][measure][year][percentile]` of the fund and the reserve ratio *held*
 * (measures 0 and 1; the others are NaN): a path counts as 0 from the year its fund is first
 * negative on, whatever the projection carries after it (a negative fund at interest is not a
 * reserve, and its ratio to the outgo is not a reserve ratio). Every path stays in: a percentile
 * is 0 once that share of the paths is depleted, so the bands are not those of the survivors.
 * Pooled schemes (no fund of their own) are NaN throughout.
 */
export function heldPercentileTable(r: PathLayout, values: Float64Array, paths: number): Float64Array {
  const size = valuesPerPath(r);
  const out = new Float64Array(r.schemes.length * PATH_MEASURES.length * r.years * PERCENTILES.length).fill(NaN);
  const column = new Float64Array(paths);
  const depletedFrom = new Int32Array(paths);
  r.schemes.forEach((s, k) => {
    if (s.poolOwner >= 0) return;
    for (let p = 0; p < paths; p++) {
      const first = depletionIndex(values, p * size + pathIndex(r, k, 0), r.years);
      depletedFrom[p] = first < 0 ? r.years : first;
    }
    for (const m of [0, 1]) {
      for (let t = 0; t < r.years; t++) {
        let n = 0;
        for (let p = 0; p < paths; p++) {
          const v = t >= depletedFrom[p] ? 0 : values[p * size + pathIndex(r, k, m) + t];
          if (!Number.isNaN(v)) column[n++] = v;
        }
        const sorted = Array.from(column.subarray(0, n).sort());
        const at = (pathIndex(r, k, m) + t) * PERCENTILES.length;
        PERCENTILES.forEach((q, j) => (out[at + j] = n === 0 ? NaN : quantileSorted(sorted, q)));
      }
    }
  });
  return out;
}

/** The deterministic projection of each scheme, as a stochastic run records it (JSON: null for undefined ratios). */
export interface DeterministicScheme {
  fundEnd: number[];
  reserveRatio: Array<number | null>;
  paygCostRate: Array<number | null>;
  depletionYear: number | null;
  /** The general average premium over the whole horizon. */
  gap: { from: number; to: number; rate: number | null };
}

/** 10, 25 and 50 years on, and the last year (those within the horizon). */
export function milestoneYears(r: PathLayout): number[] {
  return [...new Set([10, 25, 50, r.years - 1].filter((i) => i > 0 && i < r.years))].sort((a, b) => a - b).map((i) => r.startYear + i);
}

/** p5, p25, p50, p75 and p95 at each milestone (null: no path has a value). */
export type AtMilestones = Record<'p5' | 'p25' | 'p50' | 'p75' | 'p95', Array<number | null>>;

export interface SchemeMilestones {
  id: string;
  ownFund: boolean;
  /** The scheme whose fund a pooled scheme's flows go to (its id), or null. */
  pooledWith: string | null;
  pDepleted: number[] | null;
  pBelow: number[] | null;
  /** The first year by which 5%, 50% and 95% of the paths are depleted (null: not within the horizon). */
  depletionBy: { p5: number | null; p50: number | null; p95: number | null } | null;
  /** Held: 0 once the fund is depleted (heldPercentileTable); null for a pooled scheme. */
  reserveRatio: AtMilestones | null;
  fundEnd: AtMilestones | null;
  paygCostRate: AtMilestones;
  deterministic: { reserveRatio: Array<number | null>; fundEnd: Array<number | null>; paygCostRate: Array<number | null>; depletionYear: number | null; gap: DeterministicScheme['gap'] } | null;
}

export interface MilestoneSummary {
  paths: number;
  seed: number;
  reserveThreshold: number;
  years: number[];
  schemes: SchemeMilestones[];
}

/** What the terminal, the JSON and report.html say of a run: probabilities and percentiles at the milestone years. */
export function milestoneSummary(input: {
  layout: PathLayout;
  table: Float64Array;
  held: Float64Array;
  probabilities: ReadonlyArray<Probabilities | null>;
  deterministic: readonly DeterministicScheme[] | undefined;
  paths: number;
  seed: number;
  reserveThreshold: number;
}): MilestoneSummary {
  const r = input.layout;
  const years = milestoneYears(r);
  const at = (table: Float64Array, k: number, m: number): AtMilestones => {
    const pick = (j: number) => years.map((y) => {
      const v = table[(pathIndex(r, k, m) + y - r.startYear) * PERCENTILES.length + j];
      return Number.isNaN(v) ? null : v;
    });
    return { p5: pick(0), p25: pick(1), p50: pick(2), p75: pick(3), p95: pick(4) };
  };
  const schemes = r.schemes.map((s, k): SchemeMilestones => {
    const own = s.poolOwner < 0;
    const p = input.probabilities[k];
    const d = input.deterministic?.[k];
    const i = (y: number) => y - r.startYear;
    return {
      id: s.id,
      ownFund: own,
      pooledWith: own ? null : (r.schemes[s.poolOwner]?.id ?? null),
      pDepleted: p ? years.map((y) => p.depleted[i(y)]) : null,
      pBelow: p ? years.map((y) => p.below[i(y)]) : null,
      depletionBy: p ? { p5: firstYear(r, p.depleted, 0.05), p50: firstYear(r, p.depleted, 0.5), p95: firstYear(r, p.depleted, 0.95) } : null,
      reserveRatio: own ? at(input.held, k, 1) : null,
      fundEnd: own ? at(input.held, k, 0) : null,
      paygCostRate: at(input.table, k, 2),
      deterministic: d
        ? {
            reserveRatio: own ? years.map((y) => (d.depletionYear !== null && y >= d.depletionYear ? 0 : d.reserveRatio[i(y)])) : years.map(() => null),
            fundEnd: own ? years.map((y) => (d.depletionYear !== null && y >= d.depletionYear ? 0 : d.fundEnd[i(y)])) : years.map(() => null),
            paygCostRate: years.map((y) => d.paygCostRate[i(y)]),
            depletionYear: d.depletionYear,
            gap: d.gap,
          }
        : null,
    };
  });
  return { paths: input.paths, seed: input.seed, reserveThreshold: input.reserveThreshold, years, schemes };
}

/** The first year whose share is at least q (shares of paths, so within a rounding of q), or null. */
function firstYear(r: PathLayout, shares: Float64Array, q: number): number | null {
  const t = shares.findIndex((v) => v >= q - 1e-12);
  return t < 0 ? null : r.startYear + t;
}

/** The --json form of a summary (snake_case keys, as the other JSON outputs). */
export function milestoneJson(m: MilestoneSummary): Record<string, unknown> {
  const percentiles = (x: AtMilestones | null) => x;
  return {
    seed: m.seed,
    reserve_threshold: m.reserveThreshold,
    milestones: m.years,
    schemes: Object.fromEntries(
      m.schemes.map((s) => [
        s.id,
        {
          own_fund: s.ownFund,
          pooled_with: s.pooledWith,
          p_depleted_by: s.pDepleted,
          p_reserve_ratio_below_threshold_by: s.pBelow,
          depleted_on_share_of_paths_by: s.depletionBy ? { '5%': s.depletionBy.p5, '50%': s.depletionBy.p50, '95%': s.depletionBy.p95 } : null,
          // A path counts as 0 from its fund's depletion on (see methodology §8).
          percentiles: { reserve_ratio: percentiles(s.reserveRatio), fund_end: percentiles(s.fundEnd), payg_cost_rate: percentiles(s.paygCostRate) },
          general_average_premium: {
            deterministic: s.deterministic?.gap ?? null,
            percentiles: null,
            why: GAP_NOT_PER_PATH,
          },
          deterministic: s.deterministic ? { reserve_ratio: s.deterministic.reserveRatio, fund_end: s.deterministic.fundEnd, payg_cost_rate: s.deterministic.paygCostRate, depletion_year: s.deterministic.depletionYear } : null,
        },
      ]),
    ),
  };
}

/** Why the general average premium has no percentiles (what the paths would need). */
export const GAP_NOT_PER_PATH = 'not available: a path carries its fund, reserve ratio, PAYG cost rate, contributions and benefits, but not the wage bill and expenses from which the premium is computed; the PAYG cost rate is its per-path counterpart';

export function pathsCsv(r: PathLayout, values: Float64Array, paths: number, firstPath = 0): string {
  const size = valuesPerPath(r);
  const last = r.years - 1;
  const data: string[][] = [];
  for (let p = 0; p < paths; p++) {
    r.schemes.forEach((s, k) => {
      const fundAt = p * size + pathIndex(r, k, 0);
      const first = s.poolOwner < 0 ? depletionIndex(values, fundAt, r.years) : -1;
      let minReserve = Infinity;
      for (let t = 0; t < r.years; t++) {
        const v = values[p * size + pathIndex(r, k, 1) + t];
        if (!Number.isNaN(v)) minReserve = Math.min(minReserve, v);
      }
      data.push([
        String(firstPath + p),
        s.id,
        first >= 0 ? String(r.startYear + first) : '',
        s.poolOwner < 0 ? values[fundAt + last].toFixed(2) : '',
        Number.isFinite(minReserve) ? minReserve.toFixed(8) : '',
        Number.isNaN(values[p * size + pathIndex(r, k, 2) + last]) ? '' : values[p * size + pathIndex(r, k, 2) + last].toFixed(8),
      ]);
    });
  }
  return Papa.unparse({ fields: ['path', 'scheme', 'depletion_year', 'fund_end_last_year', 'min_reserve_ratio', 'payg_cost_rate_last_year'], data }, { newline: '\n' }) + '\n';
}

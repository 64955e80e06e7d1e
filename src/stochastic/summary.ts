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

export function probabilitiesCsv(r: PathLayout, values: Float64Array, paths: number, reserveThreshold: number): string {
  const size = valuesPerPath(r);
  const data: string[][] = [];
  r.schemes.forEach((s, k) => {
    if (s.poolOwner >= 0) return;
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
    for (let t = 0; t < r.years; t++) data.push([s.id, String(r.startYear + t), (depleted[t] / paths).toFixed(6), (below[t] / paths).toFixed(6)]);
  });
  return Papa.unparse({ fields: ['scheme', 'year', 'p_depleted_by_year', `p_reserve_ratio_below_${reserveThreshold}_by_year`], data }, { newline: '\n' }) + '\n';
}

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

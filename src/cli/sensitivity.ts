/** `coverage-sim sensitivity <scenario.yaml>`: one-at-a-time shocks, a tornado chart, and a two-way grid. */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import Papa from 'papaparse';
import { buildAssumptions } from '../assumptions/build.js';
import { loadScenario } from '../scenario/load.js';
import type { LoadOptions } from '../scenario/load.js';
import { checkShockSizes, checkWorkers, checkYears } from './checks.js';
import { DEFAULT_SHOCKS, standardShocks } from '../sensitivity/shocks.js';
import type { ShockSizes } from '../sensitivity/shocks.js';
import type { MeasureOptions } from '../measures/compute.js';
import { gridAt, gridPairs, sensitivity } from '../sensitivity/analysis.js';
import type { GridPoint, SensitivityRow } from '../sensitivity/analysis.js';
import { heatMap, tornadoCharts } from '../report/charts/sensitivity-charts.js';
import { renderCharts } from '../report/charts/renderer.js';
import type { Lang } from '../report/charts/labels.js';
import { writeReportFolder } from '../report/write.js';

export interface SensitivityOptions extends LoadOptions {
  out?: string;
  sizes: ShockSizes;
  /** Years whose reserve ratio is reported (default: 10 and 25 years on). */
  years?: number[];
  lang: Lang;
  charts: boolean;
  /** Worker threads (default 1: in this thread). */
  workers?: number;
}

const cell = (x: number | null, measure: string) => (x === null ? '' : measure === 'depletion_year' ? String(x) : x.toFixed(8));

export function sensitivityCsv(rows: readonly SensitivityRow[]): string {
  const data = rows.map((r) => [r.assumption, r.direction, String(r.size), r.scheme, r.measure, cell(r.base, r.measure), cell(r.value, r.measure), r.base === null || r.value === null ? '' : cell(r.value - r.base, r.measure)]);
  return Papa.unparse({ fields: ['assumption', 'direction', 'size', 'scheme', 'measure', 'base', 'value', 'difference'], data }, { newline: '\n' }) + '\n';
}

export function gridCsv(points: readonly GridPoint[], scheme: string, year: number): string {
  const data = points.map((p) => [scheme, String(p.contributionFactor), String(p.coverageShift), String(year), p.reserveRatio === null ? '' : p.reserveRatio.toFixed(8), p.depletionYear === null ? '' : String(p.depletionYear)]);
  return Papa.unparse({ fields: ['scheme', 'contribution_factor', 'coverage_shift', 'year', 'reserve_ratio', 'depletion_year'], data }, { newline: '\n' }) + '\n';
}

/** The grid: contribution rates ×0.6 to ×1.4 against coverage −20 to +20 points. */
export const GRID_CONTRIBUTION_FACTORS = [0.6, 0.8, 1, 1.2, 1.4] as const;
export const GRID_COVERAGE_SHIFTS = [-0.2, -0.1, 0, 0.1, 0.2] as const;

/** What a worker thread projects: a slice of the shocks and of the grid's points. */
export interface SensitivityTask {
  file: string;
  loadOptions: LoadOptions;
  sizes: ShockSizes;
  measureOptions: MeasureOptions;
  years: number[];
  scheme: number;
  gridYear: number;
  /** [from, to) of standardShocks(a, sizes). */
  shocks: [number, number];
  pairs: Array<[number, number]>;
}

/**
 * Slices of the shocks and grid points, one per worker, in order: the rows and points come back
 * in the order a single thread gives them, so the files are the same whatever the workers.
 */
async function inWorkers(base: Omit<SensitivityTask, 'shocks' | 'pairs'>, shockCount: number, pairs: Array<[number, number]>, workers: number): Promise<{ rows: SensitivityRow[]; points: GridPoint[] }> {
  const slice = (n: number, w: number): [number, number] => [Math.floor((w * n) / workers), Math.floor(((w + 1) * n) / workers)];
  const url = new URL('./sensitivity-worker.js', import.meta.url);
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const [from, to] = slice(pairs.length, w);
      const task: SensitivityTask = { ...base, shocks: slice(shockCount, w), pairs: pairs.slice(from, to) };
      return new Promise<{ rows: SensitivityRow[]; points: GridPoint[] }>((done, fail) => {
        const worker = new Worker(url);
        worker.once('message', (m: { ok: true; rows: SensitivityRow[]; points: GridPoint[] } | { ok: false; error: string }) => {
          void worker.terminate();
          if (m.ok) done(m);
          else fail(new Error(m.error));
        });
        worker.once('error', fail);
        worker.postMessage(task);
      });
    }),
  );
  return { rows: parts.flatMap((p) => p.rows), points: parts.flatMap((p) => p.points) };
}

export async function sensitivityCommand(file: string, options: SensitivityOptions): Promise<{ dir: string; shocks: number; seconds: number }> {
  const started = performance.now();
  const workers = options.workers ?? 1;
  checkWorkers(workers);
  const sizes = options.sizes ?? DEFAULT_SHOCKS;
  checkShockSizes(sizes);
  const loaded = loadScenario(file, options);
  const a = buildAssumptions(loaded);
  checkYears(options.years, a.startYear, a.endYear);
  const measureOptions = { gapPeriods: loaded.scenario.measures.gap_periods, targetReserveRatio: loaded.scenario.measures.target_reserve_ratio, scaledPremiumYears: loaded.scenario.measures.scaled_premium_years };
  const years = options.years ?? [a.startYear + 10, a.startYear + 25].filter((y) => y <= a.endYear);
  const shocks = standardShocks(a, sizes);
  // The grid for the first scheme with a fund of its own, in the last reported year.
  const k = Math.max(0, a.schemes.findIndex((s) => s.poolOwner < 0));
  const gridYear = years[years.length - 1] ?? a.endYear;
  const pairs = gridPairs(GRID_CONTRIBUTION_FACTORS, GRID_COVERAGE_SHIFTS);
  const { rows, points } =
    workers > 1
      ? await inWorkers({ file, loadOptions: { allowPaths: options.allowPaths, limits: options.limits }, sizes, measureOptions, years, scheme: k, gridYear }, shocks.length, pairs, workers)
      : { rows: sensitivity(a, shocks, measureOptions, years), points: gridAt(a, k, pairs, gridYear) };
  const seconds = (performance.now() - started) / 1000;
  const files = new Map<string, string | Buffer>([
    ['sensitivity.csv', sensitivityCsv(rows)],
    ['grid.csv', gridCsv(points, a.schemes[k].id, gridYear)],
  ]);
  if (options.charts) {
    const schemeName = (id: string) => {
      const label = a.schemes.find((s) => s.id === id)?.label;
      return label?.[options.lang] ?? label?.en ?? id;
    };
    const rendered = await renderCharts([...tornadoCharts(rows, options.lang, schemeName), heatMap(points, a.schemes[k].id, gridYear, options.lang, schemeName)]);
    for (const [name, buffer] of rendered) files.set(`charts/${name}`, buffer);
  }
  const dir = options.out ?? resolve('reports', `${loaded.scenario.scenario.id}-sensitivity`);
  writeReportFolder(dir, files);
  return { dir, shocks: shocks.length, seconds };
}

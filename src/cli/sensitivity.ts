/** `coverage-sim sensitivity <scenario.yaml>`: one-at-a-time shocks, a tornado chart, and a two-way grid. */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import Papa from 'papaparse';
import { buildAssumptions } from '../assumptions/build.js';
import { tableFiles } from '../assumptions/table-files.js';
import { displayPathOf, loadScenario, projectionCells } from '../scenario/load.js';
import { ScenarioError } from '../scenario/errors.js';
import { COMMAND_WORK_FACTOR, messages } from '../messages.js';
import type { LoadOptions } from '../scenario/load.js';
import { checkShockSizes, checkWorkers, checkYears } from './checks.js';
import { DEFAULT_SHOCKS, standardShocks } from '../sensitivity/shocks.js';
import type { ShockSizes } from '../sensitivity/shocks.js';
import { measureOptionsOf } from '../measures/compute.js';
import type { MeasureOptions } from '../measures/compute.js';
import { gridAt, gridClamped, gridPairs, sensitivity } from '../sensitivity/analysis.js';
import type { GridPoint, SensitivityRow } from '../sensitivity/analysis.js';
import { gridHasData, heatMap, tornadoCharts } from '../report/charts/sensitivity-charts.js';
import { renderCharts } from '../report/charts/renderer.js';
import type { Lang } from '../report/charts/labels.js';
import { text } from '../report/charts/labels.js';
import type { NamedChart, OmittedChart } from '../report/charts/chart-kit.js';
import { writeReportFolder } from '../report/write.js';
import { csvTables, workbookXlsx, yamlSection } from '../report/workbook.js';
import type { WorkbookCover } from '../report/workbook.js';
import { sensitivityHtml } from '../report/uncertainty-html.js';
import { sensitivityTable } from '../report/uncertainty-terminal.js';
import { provenanceOf } from '../report/provenance.js';

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

/** `clamped`: the shock was clamped for the scheme (a share within the shock of 0 or 1 moved less than the whole shock). */
export function sensitivityCsv(rows: readonly SensitivityRow[]): string {
  const data = rows.map((r) => [r.assumption, r.direction, String(r.size), r.scheme, r.measure, cell(r.base, r.measure), cell(r.value, r.measure), r.base === null || r.value === null ? '' : cell(r.value - r.base, r.measure), String(r.clamped)]);
  return Papa.unparse({ fields: ['assumption', 'direction', 'size', 'scheme', 'measure', 'base', 'value', 'difference', 'clamped'], data }, { newline: '\n' }) + '\n';
}

/** The grids of every scheme with a fund of its own, one after the other. */
export function gridCsv(grids: ReadonlyArray<{ scheme: string; year: number; points: readonly GridPoint[] }>): string {
  const data = grids.flatMap(({ scheme, year, points }) => points.map((p) => [scheme, String(p.contributionFactor), String(p.coverageShift), String(year), p.reserveRatio === null ? '' : p.reserveRatio.toFixed(8), p.depletionYear === null ? '' : String(p.depletionYear)]));
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
 * Slices of the shocks and of each grid's points, one per worker, in order: the rows and points
 * come back in the order a single thread gives them, so the files are the same whatever the
 * workers. A worker takes its tasks one after the other: the shocks with the first grid, then
 * each further grid alone.
 */
async function inWorkers(base: Omit<SensitivityTask, 'shocks' | 'pairs' | 'scheme'>, shockCount: number, pairs: Array<[number, number]>, schemes: readonly number[], workers: number): Promise<{ rows: SensitivityRow[]; points: GridPoint[][] }> {
  const slice = (n: number, w: number): [number, number] => [Math.floor((w * n) / workers), Math.floor(((w + 1) * n) / workers)];
  const url = new URL('./sensitivity-worker.js', import.meta.url);
  type Reply = { ok: true; rows: SensitivityRow[]; points: GridPoint[] } | { ok: false; error: string };
  const parts = await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      const [from, to] = slice(pairs.length, w);
      // With no grid (no scheme with a fund of its own), the shocks alone, with no points.
      const tasks: SensitivityTask[] = (schemes.length > 0 ? schemes : [0]).map((scheme, g) => ({ ...base, scheme, shocks: g === 0 ? slice(shockCount, w) : [0, 0], pairs: schemes.length > 0 ? pairs.slice(from, to) : [] }));
      const worker = new Worker(url);
      try {
        const replies: Array<{ rows: SensitivityRow[]; points: GridPoint[] }> = [];
        for (const task of tasks) {
          const reply = await new Promise<Reply>((done, fail) => {
            worker.once('message', done);
            worker.once('error', fail);
            worker.postMessage(task);
          });
          worker.removeAllListeners('error');
          if (!reply.ok) throw new Error(reply.error);
          replies.push(reply);
        }
        return replies;
      } finally {
        void worker.terminate();
      }
    }),
  );
  return {
    rows: parts.flatMap((p) => p[0].rows),
    points: schemes.map((_, g) => parts.flatMap((p) => p[g].points)),
  };
}

export async function sensitivityCommand(file: string, options: SensitivityOptions): Promise<{ dir: string; shocks: number; seconds: number; text: string }> {
  const started = performance.now();
  const workers = options.workers ?? 1;
  checkWorkers(workers);
  const sizes = options.sizes ?? DEFAULT_SHOCKS;
  checkShockSizes(sizes);
  const loaded = loadScenario(file, options);
  const a = buildAssumptions(loaded, tableFiles());
  checkYears(options.years, a.startYear, a.endYear);
  const measureOptions = measureOptionsOf(loaded.scenario.measures);
  const years = options.years ?? [a.startYear + 10, a.startYear + 25].filter((y) => y <= a.endYear);
  const shocks = standardShocks(a, sizes);
  // A grid for every scheme with a fund of its own, in the last reported year.
  const gridSchemes = a.schemes.flatMap((s, k) => (s.poolOwner < 0 ? [k] : []));
  const gridYear = years[years.length - 1] ?? a.endYear;
  const pairs = gridPairs(GRID_CONTRIBUTION_FACTORS, GRID_COVERAGE_SHIFTS);
  // Every shock and grid point is a full projection: bounded together, before any is run.
  const projections = shocks.length + gridSchemes.length * pairs.length + 1;
  const cells = projectionCells(loaded.scenario);
  if (projections * cells > COMMAND_WORK_FACTOR * loaded.limits.cells) {
    throw new ScenarioError({ file: displayPathOf(file) }, undefined, messages.commandTooLarge('the sensitivity set', projections, cells, COMMAND_WORK_FACTOR * loaded.limits.cells));
  }
  const { rows, points } =
    workers > 1
      ? await inWorkers({ file, loadOptions: { allowPaths: options.allowPaths, limits: options.limits }, sizes, measureOptions, years, gridYear }, shocks.length, pairs, gridSchemes, workers)
      : { rows: sensitivity(a, shocks, measureOptions, years), points: gridSchemes.map((k) => gridAt(a, k, pairs, gridYear)) };
  const grids = gridSchemes.map((k, g) => ({ scheme: a.schemes[k].id, year: gridYear, points: points[g], clamped: gridClamped(a, k, GRID_COVERAGE_SHIFTS) }));
  const seconds = (performance.now() - started) / 1000;
  const files = new Map<string, string | Buffer>([
    ['sensitivity.csv', sensitivityCsv(rows)],
    ['grid.csv', gridCsv(grids)],
  ]);
  const schemeName = (id: string) => {
    const label = a.schemes.find((s) => s.id === id)?.label;
    return label?.[options.lang] ?? label?.en ?? id;
  };
  // The GAP of the tornado and the table: over the whole horizon.
  const period = { from: a.startYear, to: a.endYear };
  if (options.charts) {
    const tornado = tornadoCharts(rows, options.lang, period, schemeName);
    const heat: NamedChart[] = grids.filter((g) => gridHasData(g.points)).map((g) => heatMap({ ...g, targetReserveRatio: measureOptions.targetReserveRatio, lang: options.lang, schemeName }));
    const heatTitle = (id: string) => `${text('heatMapIn', options.lang).replace('{year}', String(gridYear))} — ${schemeName(id)}`;
    const omitted: OmittedChart[] = [
      ...tornado.omitted,
      ...grids.filter((g) => !gridHasData(g.points)).map((g) => ({ name: `${g.scheme}-grid`, title: heatTitle(g.scheme), reason: text('heatNoValues', options.lang).replace('{year}', String(gridYear)) })),
      ...a.schemes.filter((s) => s.poolOwner >= 0).map((s) => ({ name: `${s.id}-grid`, title: heatTitle(s.id), reason: text('uncertaintyPooled', options.lang).replace('{owner}', schemeName(a.schemes[s.poolOwner].id)) })),
    ];
    // Per scheme: its tornado, then its heat map.
    const charts = a.schemes.flatMap((s) => [...tornado.charts, ...heat].filter((c) => c.name === `${s.id}-tornado` || c.name === `${s.id}-grid`));
    const rendered = await renderCharts(charts);
    for (const [name, buffer] of rendered) files.set(`charts/${name}`, buffer);
    files.set(
      'report.html',
      sensitivityHtml({
        title: loaded.scenario.scenario.title,
        lang: options.lang,
        rows,
        schemes: a.schemes.map((s) => ({ id: s.id, label: schemeName(s.id) })),
        period,
        years,
        grids,
        charts: charts.map((c) => ({ name: c.name, title: c.title, png: rendered.get(`${c.name}.png`)! })),
        omitted,
        provenance: provenanceOf(loaded, a),
      }),
    );
    const cover: WorkbookCover = {
      title: `${loaded.scenario.scenario.title}: sensitivity`,
      sections: [
        { heading: 'Scenario', rows: [['scenario', loaded.scenario.scenario.id]] },
        yamlSection('Shock sizes', { investment_return: sizes.investmentReturn, wage_growth: sizes.wageGrowth, incidence: sizes.incidence, mortality: sizes.mortality, coverage: sizes.coverage, compliance: sizes.compliance, exchange_rate: sizes.exchangeRate }),
        yamlSection('Provenance', provenanceOf(loaded, a)),
      ],
    };
    files.set('report.xlsx', await workbookXlsx(cover, csvTables(files), a.currency));
  }
  const dir = options.out ?? resolve('reports', `${loaded.scenario.scenario.id}-sensitivity`);
  writeReportFolder(dir, files);
  const table = sensitivityTable({ rows, schemes: a.schemes.map((s) => ({ id: s.id, label: s.label.en ?? s.id })), period });
  return { dir, shocks: shocks.length, seconds, text: table };
}

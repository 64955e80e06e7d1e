/**
 * The one-way flow of a run: scenario → assumptions → engine → report (architecture.md).
 */
import { basename, resolve } from 'node:path';
import { loadScenario } from './scenario/load.js';
import type { LoadOptions, LoadedScenario } from './scenario/load.js';
import { buildAssumptions } from './assumptions/build.js';
import { tableFiles } from './assumptions/table-files.js';
import type { Assumptions } from './assumptions/types.js';
import { project } from './engine/project.js';
import { assertFinite } from './engine/check.js';
import { computeMeasures, measureOptionsOf } from './measures/compute.js';
import type { Measures } from './measures/types.js';
import { measuresCsv } from './report/measures.js';
import { readTargets } from './assumptions/targets.js';
import { calibrate } from './measures/calibration.js';
import type { CalibrationRow } from './measures/calibration.js';
import { calibrationCsv } from './report/calibration.js';
import { runChartSet } from './report/charts/run-charts.js';
import { populationCharts } from './report/charts/population-charts.js';
import type { ChartSet } from './report/charts/chart-kit.js';
import { renderCharts } from './report/charts/renderer.js';
import type { Lang } from './report/charts/labels.js';
import { reportHtml } from './report/html.js';
import { assumptionDifferences } from './scenario/differences.js';
import type { AssumptionDifference } from './scenario/differences.js';
import type { Projection } from './engine/result.js';
import { summaryCsv } from './report/summary.js';
import { detailCsv } from './report/detail.js';
import { populationCsv } from './report/population.js';
import { resolvedYaml, tablePathForReport } from './report/resolved.js';
import type { RegisterEntry } from './scenario/register.js';
import { provenanceOf } from './report/provenance.js';
import { writeReportFolder } from './report/write.js';
import { assumptionsCsv } from './report/assumptions-csv.js';
import { runCover, workbookXlsx } from './report/workbook.js';
import { outcomeOf, registerEffects } from './register/effects.js';
import type { Effect, Outcome } from './register/effects.js';

export interface RunResult {
  loaded: LoadedScenario;
  assumptions: Assumptions;
  projection: Projection;
  measures: Measures;
  /** How the scenario was loaded (--allow-path, limits), to load its baseline alike. */
  loadOptions: LoadOptions;
}

/** Load, resolve and project a scenario file (no files written), keeping persons by age band (population.csv). */
export function projectScenario(file: string, options: LoadOptions = {}): RunResult {
  const loaded = loadScenario(file, options);
  const assumptions = buildAssumptions(loaded, tableFiles());
  const projection = project(assumptions, {}, { bands: true });
  assertFinite(projection);
  const measures = computeMeasures(assumptions, projection, measureOptionsOf(loaded.scenario.measures));
  return { loaded, assumptions, projection, measures, loadOptions: options };
}

/** The calibration of a projection against published aggregates (data/calibration/). */
export function calibrationOf(result: RunResult, targetsFile?: string): CalibrationRow[] {
  return calibrate(result.assumptions, result.projection, readTargets(targetsFile));
}

/** The assumption register of a run and the effects of its ranges (methodology §9). */
export interface RegisterResult {
  base: Outcome;
  effects: Effect[];
}

export function registerOf(result: RunResult): RegisterResult {
  const base = outcomeOf(result.assumptions, result.projection, result.measures);
  return { base, effects: registerEffects(result.loaded, base) };
}

/**
 * The register as a report shows it: a table of the project by its `data/...` path, any other
 * by its file name (the resolved file names it by its absolute path, and its hash), so that the
 * register does not depend on the folder the report or the table is in.
 */
function reportedRegister(result: RunResult): RegisterEntry[] {
  const shown = (path: string) => {
    const inProject = tablePathForReport(path);
    return inProject.startsWith('data/') ? inProject : basename(path);
  };
  const tables = new Map(result.assumptions.inputs.flatMap((input) => input.keys.map((key) => [JSON.stringify(key), shown(input.path)] as const)));
  return result.loaded.register.map((e) => {
    const table = tables.get(JSON.stringify(e.path));
    return table === undefined ? e : { ...e, value: table };
  });
}

/** The files of a report folder, by name (with `calibration.csv` when a calibration is given). */
export function reportFiles(result: RunResult, calibration?: readonly CalibrationRow[], register: RegisterResult = registerOf(result)): Map<string, string> {
  const { loaded, assumptions, projection, measures } = result;
  const covered = coveredGroups(result);
  return new Map([
    ['summary.csv', summaryCsv(projection)],
    ['detail.csv', detailCsv(projection, covered)],
    ['measures.csv', measuresCsv(measures, assumptions.currency)],
    ['population.csv', populationCsv(projection, covered)],
    ['assumptions.csv', assumptionsCsv(reportedRegister(result), register.effects, register.base)],
    ['scenario.resolved.yaml', resolvedYaml(loaded.scenario, assumptions.inputs, { ...provenanceOf(loaded, assumptions), differences_from_baseline: differencesOf(result) }, loaded.register)],
    ...(calibration ? ([['calibration.csv', calibrationCsv(calibration)]] as Array<[string, string]>) : []),
  ]);
}

/** The groups each scheme covers, by index. */
function coveredGroups(result: RunResult): Array<Set<number>> {
  return result.assumptions.schemes.map((s) => new Set(s.cover.flatMap((c, g) => (c ? [g] : []))));
}

export function defaultReportDir(result: RunResult, reportsRoot = 'reports'): string {
  return resolve(reportsRoot, result.loaded.scenario.scenario.id);
}

export interface ReportOptions {
  lang: Lang;
  calibration?: readonly CalibrationRow[];
  /** Charts and report.html (on by default). */
  charts?: boolean;
  /** The years of the population pyramids (at most two; default: the first year and 25 years on). */
  pyramidYears?: readonly number[];
  /** report.xlsx (on by default, with the charts): watch leaves it out, as it takes seconds to write. */
  workbook?: boolean;
  /** The register's effects, when the caller has computed them (they take a projection per range end). */
  register?: RegisterResult;
  /** Draws the charts (PNG, SVG and CSV of each, renderer.ts); watch passes one that reuses the charts that did not change. */
  render?: (charts: ChartSet['charts']) => Promise<Map<string, Buffer>>;
}

/** Every chart of a run, and those left out with the reason: the run charts, then each scheme's pyramid and coverage rates (report.html shows them by scheme). */
export function reportCharts(result: RunResult, options: Pick<ReportOptions, 'lang' | 'pyramidYears'>): ChartSet {
  const { assumptions, projection, measures } = result;
  const groupLabels = assumptions.groups.map((g) => g.label);
  const run = runChartSet({ projection, measures, groupLabels, currency: assumptions.currency, lang: options.lang });
  const populationInput = {
    projection,
    groupLabels,
    potential: assumptions.groups.map((g) => g.population),
    ages: assumptions.schemes.map((s) => ({ min: s.ageMin, max: s.ageMax })),
    covered: coveredGroups(result),
    lang: options.lang,
    pyramidYears: options.pyramidYears,
  };
  const population = projection.schemes.map((_, k) => populationCharts(populationInput, k));
  return { charts: [...run.charts, ...population.flatMap((x) => x.charts)], omitted: [...run.omitted, ...population.flatMap((x) => x.omitted)] };
}

/** Every file of a run's report: the CSVs, and the charts and report.html. */
export async function fullReportFiles(result: RunResult, options: ReportOptions): Promise<Map<string, string | Buffer>> {
  const register = options.register ?? registerOf(result);
  const tables = reportFiles(result, options.calibration, register);
  const files: Map<string, string | Buffer> = new Map(tables);
  // --no-charts: the CSVs only (the workbook, as report.html, is for the people who read them).
  if (options.charts === false) return files;
  if (options.workbook !== false) files.set('report.xlsx', await reportWorkbook(result, tables));
  const { loaded, assumptions, projection, measures } = result;
  const { charts, omitted } = reportCharts(result, options);
  const rendered = await (options.render ?? renderCharts)(charts);
  for (const [name, buffer] of rendered) files.set(`charts/${name}`, buffer);
  files.set(
    'report.html',
    reportHtml({
      title: loaded.scenario.scenario.title,
      description: loaded.scenario.scenario.description ?? '',
      lang: options.lang,
      projection,
      measures,
      differences: differencesOf(result),
      charts: charts.map((c) => ({ name: c.name, title: c.title, png: rendered.get(`${c.name}.png`)! })),
      omitted,
      currency: assumptions.currency,
      economy: assumptions.economy,
      provenance: provenanceOf(loaded, assumptions),
      groupLabels: Object.fromEntries(assumptions.groups.map((g) => [g.id, g.label[options.lang] ?? g.label.en])),
      register: { entries: reportedRegister(result), effects: register.effects, base: register.base },
    }),
  );
  return files;
}

/**
 * `report.xlsx`: the report's CSV tables as a workbook, with a first sheet about the scenario.
 * Made again from a scenario.resolved.yaml (verify), its first sheet takes the provenance and
 * the differences from the baseline that the resolved file recorded.
 */
export function reportWorkbook(result: RunResult, tables: ReadonlyMap<string, string>): Promise<Buffer> {
  const { loaded, assumptions } = result;
  const recorded = loaded.scenario.provenance;
  const cover = runCover(
    loaded.scenario.scenario.title,
    loaded.scenario.scenario.id,
    recorded ? (recorded.differences_from_baseline ?? null) : differencesOf(result),
    recorded ? { ...recorded, seed: recorded.seed ?? null } : provenanceOf(loaded, assumptions),
  );
  return workbookXlsx(cover, tables, assumptions.currency);
}

/** The differences from the baseline, worked out once per run (they load the baseline again). */
const differencesRead = new WeakMap<RunResult, AssumptionDifference[] | null>();
function differencesOf(result: RunResult): AssumptionDifference[] | null {
  if (!differencesRead.has(result)) differencesRead.set(result, baselineDifferences(result.loaded, result.loadOptions));
  return differencesRead.get(result)!;
}

/** Where a scenario differs from the root of its `extends` chain (null for a baseline). */
export function baselineDifferences(loaded: LoadedScenario, options: LoadOptions = {}): AssumptionDifference[] | null {
  if (loaded.files.length < 2) return null;
  // With the same options: a root file read under raised limits must not fail on the defaults.
  const root = loadScenario(loaded.files[loaded.files.length - 1].path, options);
  return assumptionDifferences(root.scenario, loaded.scenario);
}

export async function writeReport(result: RunResult, dir: string, options: ReportOptions): Promise<{ replaced: boolean }> {
  return writeReportFolder(dir, await fullReportFiles(result, options));
}

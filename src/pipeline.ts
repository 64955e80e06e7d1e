/**
 * The one-way flow of a run: scenario → assumptions → engine → report (architecture.md).
 */
import { resolve } from 'node:path';
import { loadScenario } from './scenario/load.js';
import type { LoadOptions, LoadedScenario } from './scenario/load.js';
import { buildAssumptions } from './assumptions/build.js';
import type { Assumptions } from './assumptions/types.js';
import { project } from './engine/project.js';
import { assertFinite } from './engine/check.js';
import { computeMeasures } from './measures/compute.js';
import type { Measures } from './measures/types.js';
import { measuresCsv } from './report/measures.js';
import { readTargets } from './assumptions/targets.js';
import { calibrate } from './measures/calibration.js';
import type { CalibrationRow } from './measures/calibration.js';
import { calibrationCsv } from './report/calibration.js';
import type { Projection } from './engine/result.js';
import { summaryCsv } from './report/summary.js';
import { detailCsv } from './report/detail.js';
import { resolvedYaml } from './report/resolved.js';
import { provenanceOf } from './report/provenance.js';
import { writeReportFolder } from './report/write.js';

export interface RunResult {
  loaded: LoadedScenario;
  assumptions: Assumptions;
  projection: Projection;
  measures: Measures;
}

/** Load, resolve and project a scenario file (no files written). */
export function projectScenario(file: string, options: LoadOptions = {}): RunResult {
  const loaded = loadScenario(file, options);
  const assumptions = buildAssumptions(loaded);
  const projection = project(assumptions);
  assertFinite(projection);
  const measureOptions = loaded.scenario.measures;
  const measures = computeMeasures(assumptions, projection, {
    gapPeriods: measureOptions.gap_periods,
    targetReserveRatio: measureOptions.target_reserve_ratio,
    scaledPremiumYears: measureOptions.scaled_premium_years,
  });
  return { loaded, assumptions, projection, measures };
}

/** The calibration of a projection against published aggregates (data/calibration/). */
export function calibrationOf(result: RunResult, targetsFile?: string): CalibrationRow[] {
  return calibrate(result.assumptions, result.projection, readTargets(targetsFile));
}

/** The files of a report folder, by name (with `calibration.csv` when a calibration is given). */
export function reportFiles(result: RunResult, calibration?: readonly CalibrationRow[]): Map<string, string> {
  const { loaded, assumptions, projection, measures } = result;
  const covered = assumptions.schemes.map((s) => new Set(s.cover.flatMap((c, g) => (c ? [g] : []))));
  return new Map([
    ['summary.csv', summaryCsv(projection)],
    ['detail.csv', detailCsv(projection, covered)],
    ['measures.csv', measuresCsv(measures)],
    ['scenario.resolved.yaml', resolvedYaml(loaded.scenario, assumptions.inputs, provenanceOf(loaded, assumptions))],
    ...(calibration ? ([['calibration.csv', calibrationCsv(calibration)]] as Array<[string, string]>) : []),
  ]);
}

export function defaultReportDir(result: RunResult, reportsRoot = 'reports'): string {
  return resolve(reportsRoot, result.loaded.scenario.scenario.id);
}

export function writeReport(result: RunResult, dir: string, calibration?: readonly CalibrationRow[]): { replaced: boolean } {
  return writeReportFolder(dir, reportFiles(result, calibration));
}

/**
 * The explore page's projection: the scenario as loaded, a patch of it (the page's settings),
 * and the same stages as `run` from there on (the schema's defaults, the assumptions, the
 * engine, the measures). Nothing here reads a file: the page carries the merged scenario and
 * its data tables, so this module runs unchanged in a browser's Web Worker and in Node.
 */
import { buildAssumptions } from '../assumptions/build.js';
import type { TableSource } from '../assumptions/build.js';
import { parseCsv } from '../assumptions/csv.js';
import type { CsvTable } from '../assumptions/csv.js';
import type { Assumptions } from '../assumptions/types.js';
import { project } from '../engine/project.js';
import type { Projection } from '../engine/result.js';
import { assertFinite } from '../engine/check.js';
import { computeMeasures, measureOptionsOf } from '../measures/compute.js';
import type { Measures } from '../measures/types.js';
import { comparisonRows } from '../report/comparison.js';
import type { ScenarioRows } from '../report/comparison.js';
import { ScenarioError, formatKeyPath } from '../scenario/errors.js';
import type { KeyPath } from '../scenario/errors.js';
import type { InputLimits } from '../scenario/limits.js';
import { mergeScenario } from '../scenario/merge.js';
import type { MergeProblem } from '../scenario/merge.js';
import { scenarioSchema } from '../scenario/schema.js';
import type { Scenario } from '../scenario/schema.js';
import type { Control } from './controls.js';

/** A data table the page carries: its name as reports give it, the keys that name it, its text. */
export interface EmbeddedTable {
  name: string;
  keys: string[];
  sha256: string;
  text: string;
}

/** Everything the page knows of its scenario (written into explore.html as JSON). */
export interface ExploreData {
  /** The scenario file as the user named it (errors and provenance say it). */
  displayPath: string;
  /** Its file name: the exported patch extends it from the same folder. */
  fileName: string;
  scenarioId: string;
  title: string;
  startYear: number;
  endYear: number;
  currency: string;
  /** The merged scenario before defaults, marks taken off (LoadedScenario.merged). */
  merged: Record<string, unknown>;
  tables: EmbeddedTable[];
  limits: InputLimits;
  controls: Control[];
  /** The files the scenario was read from and the tables, with their SHA-256. */
  provenance: { version: string; scenarioFiles: Array<{ path: string; sha256: string }>; dataFiles: Array<{ path: string; sha256: string }> };
  /** How many inputs of the register cite a source, are declared assumptions, are coverage-sim's defaults, or say neither. */
  register: { sourced: number; assumed: number; defaults: number; unmarked: number };
}

export interface SessionRun {
  scenario: Scenario;
  assumptions: Assumptions;
  projection: Projection;
  measures: Measures;
  rows: ScenarioRows;
}

/** The tables by name, parsed on first use (a table's columns are checked against its key's). */
function embeddedTables(tables: readonly EmbeddedTable[]): TableSource {
  const parsed = new Map<string, CsvTable>();
  const byName = new Map(tables.map((t) => [t.name, t]));
  return {
    read(file, needed, optional) {
      const table = byName.get(file);
      if (!table) throw new Error(`the page does not carry the table ${file}`);
      let csv = parsed.get(file);
      if (!csv) {
        csv = parseCsv(table.text, file, file, needed, optional);
        parsed.set(file, csv);
      }
      return { table: csv, sha256: table.sha256 };
    },
  };
}

/** The projection of the scenario with a patch applied (an empty patch: the scenario as loaded). */
export function exploreSession(data: ExploreData): (patch: Record<string, unknown>) => SessionRun {
  const tables = embeddedTables(data.tables);
  const tableOfKey = new Map(data.tables.flatMap((t) => t.keys.map((k) => [k, t.name] as const)));
  const error = (path: KeyPath, message: string) => new ScenarioError({ file: data.displayPath }, formatKeyPath(path), message);
  const tablePath = (path: KeyPath) => {
    const name = tableOfKey.get(formatKeyPath(path));
    if (name === undefined) throw error(path, 'the page carries no table for this key');
    return name;
  };
  return (patch) => {
    const problems: MergeProblem[] = [];
    const merged = mergeScenario(data.merged, patch, problems);
    if (problems.length > 0) throw error(problems[0].path, problems[0].message);
    const parsed = scenarioSchema.safeParse(merged);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw error(issue.path as KeyPath, issue.message);
    }
    const scenario = parsed.data;
    const assumptions = buildAssumptions({ scenario, error, tablePath, limits: data.limits }, tables);
    const projection = project(assumptions);
    assertFinite(projection);
    const measures = computeMeasures(assumptions, projection, measureOptionsOf(scenario.measures));
    return { scenario, assumptions, projection, measures, rows: comparisonRows(scenario, assumptions, projection, measures) };
  };
}

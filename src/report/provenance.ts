/**
 * The provenance block: what a report was computed from, so anyone can check it. No clock
 * time, so that the same inputs give byte-identical reports.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import type { LoadedScenario } from '../scenario/load.js';
import type { Assumptions } from '../assumptions/types.js';
import type { AssumptionDifference } from '../scenario/differences.js';
import { PROJECT_ROOT } from '../paths.js';
import { TOOL_VERSION } from '../version.js';

export interface Provenance {
  tool: string;
  version: string;
  node: string;
  /** The seed of the scenario's stochastic block (null without one). */
  seed: number | null;
  scenario_files: Array<{ path: string; sha256: string }>;
  data_files: Array<{ path: string; sha256: string }>;
  /** Where the scenario differs from its baseline (scenario.resolved.yaml records it; null for a baseline). */
  differences_from_baseline?: AssumptionDifference[] | null;
}

/** Paths inside the project are written relative to it; others as they are. */
function shownPath(path: string): string {
  const rel = relative(PROJECT_ROOT, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
}

export function provenanceOf(loaded: LoadedScenario, assumptions: Assumptions): Provenance {
  return {
    tool: 'coverage-sim',
    version: TOOL_VERSION,
    node: process.version,
    seed: loaded.scenario.stochastic?.seed ?? null,
    scenario_files: loaded.files.map((f) => ({ path: shownPath(f.path), sha256: createHash('sha256').update(f.text).digest('hex') })),
    data_files: assumptions.inputs.map((f) => ({ path: shownPath(f.path), sha256: f.sha256 })),
  };
}

/**
 * A worker thread of `sensitivity`: loads the scenario itself (shocks are functions and do not
 * travel between threads), then projects the slice of shocks and grid points it is sent.
 */
import { parentPort } from 'node:worker_threads';
import { buildAssumptions } from '../assumptions/build.js';
import { tableFiles } from '../assumptions/table-files.js';
import { loadScenario } from '../scenario/load.js';
import { gridAt, sensitivity } from '../sensitivity/analysis.js';
import { standardShocks } from '../sensitivity/shocks.js';
import type { SensitivityTask } from './sensitivity.js';

parentPort?.on('message', (task: SensitivityTask) => {
  try {
    const a = buildAssumptions(loadScenario(task.file, task.loadOptions), tableFiles());
    const shocks = standardShocks(a, task.sizes).slice(task.shocks[0], task.shocks[1]);
    const rows = shocks.length > 0 ? sensitivity(a, shocks, task.measureOptions, task.years) : [];
    const points = gridAt(a, task.scheme, task.pairs, task.gridYear);
    parentPort!.postMessage({ ok: true, rows, points });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});

/**
 * A worker thread of `compare`: projects the scenario files it is sent and posts back their
 * comparison rows, or the error to report (a ScenarioError travels as its fields).
 */
import { parentPort } from 'node:worker_threads';
import { isScenarioError, scenarioErrorData } from '../scenario/errors.js';
import { projectForComparison } from './compare.js';
import type { LoadOptions } from '../scenario/load.js';

parentPort?.on('message', ({ index, file, options }: { index: number; file: string; options: LoadOptions }) => {
  try {
    parentPort!.postMessage({ index, ok: true, ...projectForComparison(file, options) });
  } catch (e) {
    const error = isScenarioError(e) ? { scenario: scenarioErrorData(e) } : { internal: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    parentPort!.postMessage({ index, ok: false, error });
  }
});

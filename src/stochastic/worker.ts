/** A worker thread of `stochastic`: simulates the paths it is sent on the response it is given. */
import { parentPort } from 'node:worker_threads';
import { simulatePaths } from './paths.js';
import type { StochasticModel } from './paths.js';
import type { Response } from './response.js';

parentPort?.on('message', ({ response, model, seed, from, to }: { response: Response; model: StochasticModel; seed: number; from: number; to: number }) => {
  const values = simulatePaths(response, model, seed, from, to);
  parentPort!.postMessage({ from, values }, [values.buffer as ArrayBuffer]);
});

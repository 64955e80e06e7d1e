/**
 * A worker thread of `stochastic`: keeps the job it is sent first (the response, or the
 * assumptions of the exact method: copied once, not with every range), then runs the ranges of
 * paths it is sent.
 */
import { parentPort } from 'node:worker_threads';
import { jobPaths } from './run.js';
import type { PathJob } from './run.js';

let job: PathJob | null = null;

parentPort?.on('message', (message: { job: PathJob } | { from: number; to: number }) => {
  if ('job' in message) {
    job = message.job;
    return;
  }
  const values = jobPaths(job!, message.from, message.to);
  parentPort!.postMessage({ from: message.from, values }, [values.buffer as ArrayBuffer]);
});

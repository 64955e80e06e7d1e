/**
 * Running paths: in this thread or in worker threads (each a contiguous range of paths, each
 * path its own random stream, so the result does not depend on the number of workers), by
 * either method, with an optional progress callback.
 */
import { Worker } from 'node:worker_threads';
import type { Assumptions } from '../assumptions/types.js';
import { exactPaths } from './exact.js';
import { simulatePaths, valuesPerPath } from './paths.js';
import type { PathLayout, StochasticModel } from './paths.js';
import type { Response } from './response.js';

/** The two methods (methodology §8): on the response of the projection, or the full engine on every path. */
export type StochasticMethod = 'fast' | 'exact';

/** What a run of paths needs, by method: the measured response, or the assumptions themselves. */
export type PathJob =
  | { method: 'fast'; response: Response; model: StochasticModel; seed: number }
  | { method: 'exact'; assumptions: Assumptions; model: StochasticModel; seed: number };

/** Paths [from, to) of a job into a new array (in this thread, or in a worker). */
export function jobPaths(job: PathJob, from: number, to: number): Float64Array {
  return job.method === 'fast' ? simulatePaths(job.response, job.model, job.seed, from, to) : exactPaths(job.assumptions, job.model, job.seed, from, to);
}

/**
 * Paths per message or per progress step: small enough to report progress often (an exact path
 * is a projection, about 10 ms for the baseline; a fast one some tens of µs), large enough to
 * keep messages few.
 */
function chunkOf(method: StochasticMethod, total: number, workers: number): number {
  return Math.max(1, Math.min(method === 'exact' ? 20 : 500, Math.ceil(total / Math.max(1, workers) / 4)));
}

/** Paths [from, to) of the run, in path order; `layout` is the job's (the response's, or layoutOf the assumptions). */
export async function runPaths(
  job: PathJob,
  layout: PathLayout,
  from: number,
  to: number,
  workers: number,
  progress?: (done: number, total: number) => void,
): Promise<Float64Array> {
  const total = to - from;
  const size = valuesPerPath(layout);
  const out = new Float64Array(total * size);
  const chunk = chunkOf(job.method, total, workers);
  let done = 0;
  if (workers <= 1) {
    for (let start = from; start < to; start += chunk) {
      const end = Math.min(to, start + chunk);
      out.set(jobPaths(job, start, end), (start - from) * size);
      done += end - start;
      progress?.(done, total);
    }
    return out;
  }
  // Sent once to each worker. The deterministic projection is not needed there.
  let shared: PathJob = job;
  if (job.method === 'fast') {
    const { deterministic: _unused, ...response } = job.response;
    shared = { ...job, response: response as Response };
  }
  let next = from;
  const url = new URL('./worker.js', import.meta.url);
  const work = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(url);
      const take = () => {
        if (next >= to) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const start = next;
        const end = Math.min(to, start + chunk);
        next = end;
        worker.postMessage({ from: start, to: end });
      };
      worker.on('message', ({ from: start, values }: { from: number; values: Float64Array }) => {
        out.set(values, (start - from) * size);
        done += values.length / size;
        progress?.(done, total);
        take();
      });
      worker.once('error', reject);
      worker.postMessage({ job: shared });
      take();
    });
  await Promise.all(Array.from({ length: workers }, work));
  return out;
}

/**
 * Running paths: in this thread or in worker threads (each a contiguous range of paths, each
 * path its own random stream, so the result does not depend on the number of workers), with an
 * optional progress callback.
 */
import { Worker } from 'node:worker_threads';
import { simulatePaths, valuesPerPath } from './paths.js';
import type { StochasticModel } from './paths.js';
import type { Response } from './response.js';

/** Paths [from, to) of the run, in path order. */
export async function runPaths(
  response: Response,
  model: StochasticModel,
  seed: number,
  from: number,
  to: number,
  workers: number,
  progress?: (done: number, total: number) => void,
): Promise<Float64Array> {
  const total = to - from;
  const size = valuesPerPath(response);
  const out = new Float64Array(total * size);
  // Chunks small enough to report progress, large enough to keep messages few.
  const chunk = Math.max(1, Math.min(500, Math.ceil(total / Math.max(1, workers) / 4)));
  let done = 0;
  if (workers <= 1) {
    for (let start = from; start < to; start += chunk) {
      const end = Math.min(to, start + chunk);
      out.set(simulatePaths(response, model, seed, start, end), (start - from) * size);
      done += end - start;
      progress?.(done, total);
    }
    return out;
  }
  // The deterministic projection is not needed in the workers.
  const { deterministic: _unused, ...shared } = response;
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
        worker.postMessage({ response: shared, model, seed, from: start, to: end });
      };
      worker.on('message', ({ from: start, values }: { from: number; values: Float64Array }) => {
        out.set(values, (start - from) * size);
        done += values.length / size;
        progress?.(done, total);
        take();
      });
      worker.once('error', reject);
      take();
    });
  await Promise.all(Array.from({ length: workers }, work));
  return out;
}

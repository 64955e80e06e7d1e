/// <reference lib="dom" />
/**
 * The explore page's Web Worker: it holds the session (the loaded scenario and its tables) and
 * projects each patch the page sends, so that the page stays responsive while it computes.
 */
import type { Measures } from '../measures/types.js';
import type { Projection } from '../engine/result.js';
import type { ScenarioRows } from '../report/comparison.js';
import { legislatedLevelRate } from '../measures/compute.js';
import { exploreSession } from './session.js';
import type { ExploreData } from './session.js';

export type ToWorker = { kind: 'init'; data: ExploreData } | { kind: 'project'; seq: number; patch: Record<string, unknown> };
export type FromWorker =
  | { kind: 'projected'; seq: number; projection: Projection; measures: Measures; rows: ScenarioRows; legislated: Array<number | null>; ms: number }
  | { kind: 'failed'; seq: number; message: string };

export function startWorker(scope: { onmessage: ((e: MessageEvent<ToWorker>) => void) | null; postMessage(message: FromWorker, transfer: Transferable[]): void }): void {
  let run: ReturnType<typeof exploreSession> | undefined;
  scope.onmessage = (e) => {
    const message = e.data;
    if (message.kind === 'init') {
      run = exploreSession(message.data);
      return;
    }
    const started = performance.now();
    try {
      const { assumptions, projection, measures, rows } = run!(message.patch);
      const legislated = projection.schemes.map((s) => legislatedLevelRate(s, assumptions.economy.discountRate, 0, projection.years - 1));
      const ms = performance.now() - started;
      // Copied, not transferred: a few megabytes, and the engine may keep views of its buffers.
      scope.postMessage({ kind: 'projected', seq: message.seq, projection, measures, rows, legislated, ms }, []);
    } catch (error) {
      scope.postMessage({ kind: 'failed', seq: message.seq, message: error instanceof Error ? error.message : String(error) }, []);
    }
  };
}

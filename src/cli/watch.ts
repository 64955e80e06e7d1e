/**
 * `coverage-sim watch <scenario.yaml>`: projects and writes the report, then again whenever the
 * scenario, a file it extends or a data table it reads changes, for live use in a workshop. A
 * bad edit is reported and the last good report stays in place until the next good one.
 */
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { defaultReportDir, projectScenario, writeReport } from '../pipeline.js';
import type { LoadOptions } from '../scenario/load.js';
import type { Lang } from '../report/charts/labels.js';

export interface WatchEvent {
  /** 'run' after a report is written, 'error' after a failed run. */
  kind: 'run' | 'error';
  dir?: string;
  error?: unknown;
  /** The files watched for the next change. */
  watched: string[];
}

export interface WatchOptions extends LoadOptions {
  out?: string;
  lang: Lang;
  /** Wait this long after a change before re-running (editors write in several steps). */
  debounceMs?: number;
}

export function watchScenario(file: string, options: WatchOptions, onEvent: (event: WatchEvent) => void): { stop(): void } {
  let watchers: FSWatcher[] = [];
  let watched = new Set<string>([resolve(file)]);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let stopped = false;

  const rewatch = () => {
    for (const w of watchers) w.close();
    // Folders are watched, not files: editors save by replacing a file, which ends a file watch.
    const folders = new Map<string, Set<string>>();
    for (const path of watched) {
      const names = folders.get(dirname(path)) ?? new Set<string>();
      names.add(basename(path));
      folders.set(dirname(path), names);
    }
    watchers = [...folders].map(([folder, names]) =>
      watch(folder, (_event, name) => {
        if (name && names.has(name.toString())) schedule();
      }),
    );
  };

  const runOnce = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const result = projectScenario(file, options);
      const dir = options.out ?? defaultReportDir(result);
      await writeReport(result, dir, { lang: options.lang });
      watched = new Set([...result.loaded.files.map((f) => f.path), ...result.assumptions.inputs.map((i) => i.path)]);
      if (!stopped) onEvent({ kind: 'run', dir, watched: [...watched] });
    } catch (error) {
      if (!stopped) onEvent({ kind: 'error', error, watched: [...watched] });
    } finally {
      running = false;
      if (!stopped) rewatch();
      if (again && !stopped) {
        again = false;
        void runOnce();
      }
    }
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void runOnce(), options.debounceMs ?? 200);
  };

  void runOnce();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

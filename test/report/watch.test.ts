/** `watch`: a change to the scenario or to a data table it reads re-runs and rewrites the report. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchScenario } from '../../src/cli/watch.js';
import type { WatchEvent } from '../../src/cli/watch.js';
import { scenarioVariant, tempDir } from '../helpers/scenarios.js';

function nextEvent(events: WatchEvent[], count: number, timeoutMs = 20_000): Promise<WatchEvent> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (events.length >= count) {
        clearInterval(poll);
        resolve(events[count - 1]);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`no event ${count} after ${timeoutMs} ms`));
      }
    }, 25);
  });
}

describe('coverage-sim watch', () => {
  it('re-runs when the scenario changes, reports a bad edit, and re-runs when a table changes', async () => {
    const scenario = scenarioVariant('cells');
    const out = join(tempDir(), 'watched');
    const events: WatchEvent[] = [];
    const watcher = watchScenario(scenario, { out, lang: 'en', debounceMs: 50 }, (e) => events.push(e));
    try {
      expect((await nextEvent(events, 1)).kind).toBe('run');
      expect(events[0].watched.some((f) => f.endsWith('incidence.csv'))).toBe(true);
      const before = readFileSync(join(out, 'summary.csv'), 'utf8');

      writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('base: 10000', 'base: 20000'));
      expect((await nextEvent(events, 2)).kind).toBe('run');
      expect(readFileSync(join(out, 'summary.csv'), 'utf8')).not.toBe(before);

      writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('base: 20000', 'bas: 20000'));
      const bad = await nextEvent(events, 3);
      expect(bad.kind).toBe('error');
      writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('bas: 20000', 'base: 20000'));
      expect((await nextEvent(events, 4)).kind).toBe('run');

      const middle = readFileSync(join(out, 'summary.csv'), 'utf8');
      const table = join(scenario, '..', 'incidence.csv');
      writeFileSync(table, readFileSync(table, 'utf8').replace('0.01,', '0.02,'));
      expect((await nextEvent(events, 5)).kind).toBe('run');
      expect(readFileSync(join(out, 'summary.csv'), 'utf8')).not.toBe(middle);
    } finally {
      watcher.stop();
    }
  });
});

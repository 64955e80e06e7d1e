/**
 * `watch`: a change to the scenario or to a data table it reads re-runs and rewrites the
 * report; the headline numbers and what changed are reported; only the charts that changed
 * are drawn again, and the report is the same as a fresh run's; `--serve` serves the report
 * folder on 127.0.0.1 only, refuses every path outside it, and signals each rewrite. Every
 * server and watcher a test starts is stopped in the test, and each server has a time bound.
 */
import { readFileSync, readdirSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { MARKER } from '../../src/report/write.js';
import { describe, expect, it } from 'vitest';
import { cachingRenderer, requestPath, serveReport, watchEventLines, watchScenario } from '../../src/cli/watch.js';
import type { WatchEvent } from '../../src/cli/watch.js';
import { headlineChanges, headlineLines } from '../../src/report/terminal.js';
import type { Headline } from '../../src/report/terminal.js';
import { projectScenario, reportCharts, writeReport } from '../../src/pipeline.js';
import { PROJECT, scenarioVariant, tempDir } from '../helpers/scenarios.js';

/** The nth event of the given kinds (1-based), within the time limit. */
function nextEvent(events: WatchEvent[], count: number, kinds: ReadonlyArray<WatchEvent['kind']> = ['run', 'error'], timeoutMs = 30_000): Promise<WatchEvent> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const seen = events.filter((e) => kinds.includes(e.kind));
      if (seen.length >= count) {
        clearInterval(poll);
        resolve(seen[count - 1]);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`no event ${count} of ${kinds.join('/')} after ${timeoutMs} ms`));
      }
    }, 20);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every file of a folder, by relative path. */
function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (at: string, prefix: string) => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(at, e.name), `${prefix}${e.name}/`);
      else out.set(`${prefix}${e.name}`, readFileSync(join(at, e.name)));
    }
  };
  walk(dir, '');
  return out;
}

/** A raw GET (the path sent exactly as given, never normalised) with a time bound. */
function get(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    // No keep-alive agent: each request a connection of its own, so a closed server refuses the next.
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.host ? { host: options.host } : {}, timeout: 5000, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
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
      await watcher.stop();
    }
  });

  it('reports the headline numbers as soon as they are projected, then what changed since the previous run', async () => {
    const scenario = scenarioVariant('cells');
    const out = join(tempDir(), 'watched');
    const events: WatchEvent[] = [];
    const watcher = watchScenario(scenario, { out, lang: 'en', debounceMs: 50 }, (e) => events.push(e));
    try {
      await nextEvent(events, 1);
      const first = events.filter((e) => e.kind === 'projected');
      expect(first.length).toBe(1);
      expect(first[0].previous).toBeUndefined();
      expect(events.findIndex((e) => e.kind === 'projected')).toBeLessThan(events.findIndex((e) => e.kind === 'run'));
      const lines = watchEventLines(first[0], (p) => p, '12:00:00');
      expect(lines[0]).toBe('12:00:00 projected:');
      expect(lines[1]).toMatch(/^ {2}\S.*\(injury\): GAP 2025–2030 -?\d+\.\d\d%; depletion (none|\d{4})$/);

      // Twice the days of temporary disablement: the injury scheme's GAP rises.
      writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('mean_days: 20', 'mean_days: 40'));
      const run = await nextEvent(events, 2);
      expect(run.kind).toBe('run');
      expect(run.previous).toEqual(first[0].headline);
      const changes = headlineChanges(run.previous!, run.headline!);
      expect(changes).toEqual([expect.stringMatching(/^\S.*\(injury\): GAP -?\d+\.\d\d% → -?\d+\.\d\d% \(\+\d+ bp\)/)]);
      const shown = watchEventLines(events.filter((e) => e.kind === 'projected')[1], (p) => p, 't');
      expect(shown).toContain('  changed since the previous run:');
      expect(watchEventLines(run, (p) => `<${p}>`, 't')[0]).toMatch(new RegExp(`^t report written to <${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}> in \\d+\\.\\d s; charts: \\d+ drawn, \\d+ unchanged; watching \\d+ files$`));
    } finally {
      await watcher.stop();
    }
  });

  it('draws again only the charts that changed, and writes the same report as a fresh run (but the workbook)', async () => {
    const scenario = scenarioVariant('cells');
    const out = join(tempDir(), 'watched');
    const events: WatchEvent[] = [];
    const watcher = watchScenario(scenario, { out, lang: 'en', debounceMs: 50 }, (e) => events.push(e));
    try {
      const first = await nextEvent(events, 1);
      expect(first.charts!.reused).toBe(0);
      // Twice the invalidity scheme's incidence: most of the injury scheme's charts do not change.
      const table = join(scenario, '..', 'invalidity.csv');
      writeFileSync(table, readFileSync(table, 'utf8').replace('M,40,0.003', 'M,40,0.006'));
      const second = await nextEvent(events, 2);
      expect(second.kind).toBe('run');
      expect(second.charts!.drawn).toBeGreaterThan(0);
      expect(second.charts!.reused).toBeGreaterThan(0);
      expect(second.charts!.drawn + second.charts!.reused).toBe(first.charts!.drawn);
    } finally {
      await watcher.stop();
    }
    const fresh = join(tempDir(), 'fresh');
    await writeReport(projectScenario(scenario), fresh, { lang: 'en' });
    const watched = filesOf(out);
    const expected = filesOf(fresh);
    // A workshop watches report.html; the workbook is run's.
    expect(expected.has('report.xlsx')).toBe(true);
    expected.delete('report.xlsx');
    // The folder's list of what coverage-sim wrote is the same but for it.
    const listed = (files: Map<string, Buffer>) => files.get(MARKER)!.toString('utf8').split('\n').filter((line) => line !== 'report.xlsx');
    expect(listed(watched)).toEqual(listed(expected));
    expected.delete(MARKER);
    watched.delete(MARKER);
    expect([...watched.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, content] of expected) expect(watched.get(name)!.equals(content), name).toBe(true);
  });

  it('a run overtaken by a newer save stops before drawing its charts: the report is the newer save\'s', async () => {
    const renderer = cachingRenderer();
    const result = projectScenario(scenarioVariant('cells'));
    const { charts } = reportCharts(result, { lang: 'en' });
    await expect(renderer.render(charts, () => true)).rejects.toThrow();
    const files = await renderer.render(charts);
    expect(renderer.last).toEqual({ drawn: charts.length, reused: 0 });
    expect(files.size).toBe(3 * charts.length);
    // The same charts built again (drawing changes a configuration: watch builds them anew each run).
    const again = await renderer.render(reportCharts(result, { lang: 'en' }).charts);
    expect(renderer.last).toEqual({ drawn: 0, reused: charts.length });
    for (const [name, content] of files) expect(again.get(name)!.equals(content), name).toBe(true);

    const scenario = scenarioVariant('cells');
    const out = join(tempDir(), 'watched');
    const events: WatchEvent[] = [];
    const watcher = watchScenario(scenario, { out, lang: 'en', debounceMs: 50 }, (e) => events.push(e));
    try {
      await nextEvent(events, 1);
      // Two saves: the second while the first one's run is under way (an editor writing twice).
      writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('base: 10000', 'base: 15000'));
      await nextEvent(events, 2, ['projected']);
      writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('base: 15000', 'base: 30000'));
      const deadline = Date.now() + 30_000;
      while (!readFileSync(join(out, 'scenario.resolved.yaml'), 'utf8').includes('base: 30000') && Date.now() < deadline) await sleep(50);
      expect(readFileSync(join(out, 'scenario.resolved.yaml'), 'utf8')).toContain('base: 30000');
      await sleep(300);
      expect(events.filter((e) => e.kind === 'error')).toEqual([]);
      // The last report answers both saves: its time counts from the first.
      expect(events.filter((e) => e.kind === 'run').at(-1)!.headline).toEqual(events.filter((e) => e.kind === 'projected').at(-1)!.headline);
    } finally {
      await watcher.stop();
    }
  });
});

describe('the headline and what changed', () => {
  const h = (gap: number | null, depletion: number | null, ratios: Array<number | null>, ownFund = true): Headline => ({
    scheme: 'invalidity',
    label: 'Invalidity',
    ownFund,
    gap: { from: 2025, to: 2100, rate: gap },
    depletionYear: depletion,
    reserveRatios: ratios.map((value, k) => ({ year: [2035, 2050][k], value })),
  });

  it('one line per scheme; a ratio from the depletion year on is "depleted"', () => {
    expect(headlineLines([h(0.021, 2040, [3.2, -1.5])])).toEqual(['Invalidity (invalidity): GAP 2025–2100 2.10%; depletion 2040; reserve ratio 2035 3.20, 2050 depleted']);
    expect(headlineLines([h(0.021, null, [3.2, 4], false)])[0]).toContain('depletion n/a (pooled)');
  });

  it('says what changed, in basis points, and only what changed as shown', () => {
    expect(headlineChanges([h(0.021, 2035, [1.2, -3])], [h(0.0235, 2037, [1.4, -2])])).toEqual(['Invalidity (invalidity): GAP 2.10% → 2.35% (+25 bp); depletion 2035 → 2037; reserve ratio 2035 depleted → 1.40']);
    expect(headlineChanges([h(0.0235, null, [5, 6])], [h(0.02349, null, [5.001, 6])])).toEqual(['no change in the headline numbers']);
    // The basis points are those of the rates as shown.
    expect(headlineChanges([h(0.02, null, [5, 6])], [h(0.01996, null, [5, 6])])).toEqual(['no change in the headline numbers']);
    expect(headlineChanges([h(0.02, null, [5, 6])], [h(0.01994, null, [5, 6])])).toEqual(['Invalidity (invalidity): GAP 2.00% → 1.99% (-1 bp)']);
    expect(headlineChanges([h(0.02, null, [5, 6])], [h(null, null, [5, 6])])).toEqual(['Invalidity (invalidity): GAP 2.00% → n/a']);
    expect(headlineChanges([h(0.02, null, [5, 6])], [{ ...h(0.02, null, [5, 6]), scheme: 'other', label: 'Other' }])).toEqual(['Other (other): new scheme', 'Invalidity (invalidity): scheme removed']);
  });
});

describe('watch --serve', () => {
  /** A report folder as a run leaves it, and a file beside it that must never be served. */
  function folder() {
    const parent = tempDir();
    const dir = join(parent, 'report');
    mkdirSync(join(dir, 'charts'), { recursive: true });
    writeFileSync(join(dir, 'report.html'), '<!DOCTYPE html>\n<html><body>\n<h1>Report</h1>\n</body>\n</html>\n');
    writeFileSync(join(dir, 'summary.csv'), 'scheme,year\nx,2025\n');
    writeFileSync(join(dir, 'charts', 'a.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(dir, '.coverage-sim-report'), 'report.html\n');
    writeFileSync(join(parent, 'secret.txt'), 'not for the network\n');
    symlinkSync(join(parent, 'secret.txt'), join(dir, 'link.txt'));
    return dir;
  }

  it('serves the folder on 127.0.0.1 at an ephemeral port: report.html with the reload script (the file keeps none), the other files as they are', async () => {
    const dir = folder();
    const server = await serveReport(() => dir, { port: 0, closeAfterMs: 20_000 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(server.port).toBeGreaterThan(0);
      const page = await get(server.port, '/');
      expect(page.status).toBe(200);
      expect(page.type).toBe('text/html; charset=utf-8');
      expect(page.body).toMatch(/<script>.*fetch\('\/version'.*location\.reload\(\).*<\/script><\/body>/s);
      expect(page.body).toContain('var v="0"');
      expect(readFileSync(join(dir, 'report.html'), 'utf8')).not.toContain('<script');
      expect((await get(server.port, '/report.html')).body).toBe(page.body);
      expect(await get(server.port, '/summary.csv')).toMatchObject({ status: 200, body: 'scheme,year\nx,2025\n', type: 'text/csv; charset=utf-8' });
      expect(await get(server.port, '/charts/a.png')).toMatchObject({ status: 200, type: 'image/png' });
      expect((await get(server.port, '/charts/missing.png')).status).toBe(404);
      expect((await get(server.port, '/charts')).status).toBe(404);
      expect((await get(server.port, '/', { method: 'POST' })).status).toBe(405);
      // Only this machine's pages: a request naming another host (a rebound DNS name) is refused.
      expect((await get(server.port, '/', { host: 'attacker.example:80' })).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('the reload signal changes after a rewrite, and the page served then carries the new one', async () => {
    const dir = folder();
    const server = await serveReport(() => dir, { port: 0, closeAfterMs: 20_000 });
    try {
      expect((await get(server.port, '/version')).body).toBe('0');
      server.bump();
      expect((await get(server.port, '/version')).body).toBe('1');
      expect((await get(server.port, '/')).body).toContain('var v="1"');
    } finally {
      await server.close();
    }
  });

  it('refuses every path out of the folder, plain or encoded, hidden files and links that lead out', async () => {
    const dir = folder();
    const server = await serveReport(() => dir, { port: 0, closeAfterMs: 20_000 });
    try {
      const outside = ['/../package.json', '/%2e%2e/package.json', '/%2E%2E%2Fpackage.json', '/..%2f..%2fpackage.json', '/charts/../../package.json', '/charts/%2e%2e/%2e%2e/secret.txt', '/%5c..%5csecret.txt', '/..\\secret.txt', '/.coverage-sim-report', '/%2ecoverage-sim-report', '/report.html%00.png'];
      for (const path of outside) {
        const res = await get(server.port, path);
        expect(res.status, path).toBe(403);
        expect(res.body).not.toMatch(/coverage-sim|not for the network|report\.html/);
      }
      expect((await get(server.port, '/%E0%A4%A')).status).toBe(400);
      // A link inside the folder to a file outside it.
      const link = await get(server.port, '/link.txt');
      expect(link.status).toBe(403);
      expect(link.body).not.toContain('not for the network');
      expect(requestPath('/charts/x.png')).toEqual({ path: 'charts/x.png' });
      expect(requestPath('/?reload=1')).toEqual({ path: 'report.html' });
    } finally {
      await server.close();
    }
  });

  it('closes itself at its time bound', async () => {
    const server = await serveReport(() => folder(), { port: 0, closeAfterMs: 200 });
    expect((await get(server.port, '/version')).status).toBe(200);
    await sleep(600);
    await expect(get(server.port, '/version')).rejects.toThrow(/ECONNREFUSED/);
    await server.close();
  });

  it('with watch: served once the first report is written, the signal changes after each rewrite, and stop closes the server', async () => {
    const scenario = scenarioVariant('cells');
    const out = join(tempDir(), 'served');
    const events: WatchEvent[] = [];
    const watcher = watchScenario(scenario, { out, lang: 'en', debounceMs: 50, serve: { port: 0 } }, (e) => events.push(e));
    let port = 0;
    try {
      const serving = await nextEvent(events, 1, ['serving']);
      port = Number(new URL(serving.url!).port);
      await nextEvent(events, 1);
      expect((await get(port, '/version')).body).toBe('1');
      const page = await get(port, '/');
      expect(page.body).toContain('var v="1"');
      expect(page.body.replace(/<script>.*<\/script>/s, '')).toBe(readFileSync(join(out, 'report.html'), 'utf8'));
      writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('base: 10000', 'base: 12000'));
      await nextEvent(events, 2);
      expect((await get(port, '/version')).body).toBe('2');
      expect((await get(port, '/summary.csv')).body).toBe(readFileSync(join(out, 'summary.csv'), 'utf8'));
    } finally {
      await watcher.stop();
    }
    await expect(get(port, '/version')).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('the command line', () => {
  it('watch --port without --serve, or a port out of range, is a usage error', async () => {
    const { cli } = await import('../helpers/scenarios.js');
    const scenario = join(PROJECT, 'scenarios', 'baseline-2025.yaml');
    const noServe = await cli('watch', scenario, '--port', '9000');
    expect(noServe.code).toBe(2);
    expect(noServe.stderr).toMatch(/serve/);
    const range = await cli('watch', scenario, '--serve', '--port', '70000');
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/--port: expected a port number from 0 to 65535/);
  });
});

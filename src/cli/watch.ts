/**
 * `coverage-sim watch <scenario.yaml>`: projects and writes the report, then again whenever the
 * scenario, a file it extends or a data table it reads changes, for live use in a workshop. A
 * bad edit is reported and the last good report stays in place until the next good one.
 *
 * A re-run is quick: the headline numbers are reported as soon as the projection is done, only
 * the charts whose data changed are drawn again (the others are reused from the previous run),
 * and a run overtaken by a newer save stops before drawing or writing, so an editor that
 * writes a file twice costs one run, not two. With `serve`, the report folder is served on
 * 127.0.0.1 and the open report.html reloads itself after each run.
 */
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import type { ChartConfiguration } from 'chart.js';
import { defaultReportDir, projectScenario, writeReport } from '../pipeline.js';
import type { LoadOptions } from '../scenario/load.js';
import type { Lang } from '../report/charts/labels.js';
import { renderCharts } from '../report/charts/renderer.js';
import { headlineChanges, headlineLines, headlineOf } from '../report/terminal.js';
import type { Headline } from '../report/terminal.js';

export interface WatchEvent {
  /**
   * 'projected' as soon as a run's numbers are known (before its charts), 'run' after its
   * report is written, 'error' after a failed run, 'serving' once the report server listens
   * and 'serve-error' if it cannot (the port is taken, say).
   */
  kind: 'projected' | 'run' | 'error' | 'serving' | 'serve-error';
  dir?: string;
  error?: unknown;
  /** The files watched for the next change. */
  watched: string[];
  /** 'projected' and 'run': the headline numbers, and those of the previous run (none on the first). */
  headline?: Headline[];
  previous?: Headline[];
  /** 'run': seconds from the change first seen (or the start) to the report written. */
  seconds?: number;
  /** 'run': the charts drawn anew and those reused unchanged from the previous run. */
  charts?: { drawn: number; reused: number };
  /** 'serving': the address of the report. */
  url?: string;
}

export interface WatchOptions extends LoadOptions {
  out?: string;
  lang: Lang;
  /** Wait this long after a change before re-running (editors write in several steps). */
  debounceMs?: number;
  /** Serve the report folder on 127.0.0.1 at this port (0: any free port), reloading the open page after each run. */
  serve?: { port: number };
}

export interface Watcher {
  /** Stops watching (and serving); resolves once the run under way has stopped and the server is closed. */
  stop(): Promise<void>;
}

/** Raised inside a run that a newer change has overtaken: it stops, and the newer run starts. */
class Superseded extends Error {}

/** Charts drawn at most this many at a time, so that an overtaken run stops soon. */
const CHART_BATCH = 6;

/**
 * What a chart is drawn from, as text: its whole configuration, functions (tick callbacks,
 * legend builders) by their source. Equal texts draw equal charts: the charts' callbacks
 * depend on options that are part of the configuration (the unit in the axis title, the
 * language of the labels), never on data outside it.
 */
export function chartFingerprint(config: ChartConfiguration): string {
  return JSON.stringify(config, (_key, value: unknown) => (typeof value === 'function' ? `function:${value.toString()}` : value));
}

/**
 * A renderer for watch: each chart is drawn (PNG, SVG and CSV, renderer.ts) only when its
 * configuration differs from the one drawn under its name the last time; the files of the
 * others are reused. `stale` is asked between batches: a run overtaken stops there.
 */
export function cachingRenderer(): {
  render(charts: ReadonlyArray<{ name: string; config: ChartConfiguration }>, stale?: () => boolean): Promise<Map<string, Buffer>>;
  last: { drawn: number; reused: number };
} {
  const cache = new Map<string, { fingerprint: string; files: Map<string, Buffer> }>();
  const out = {
    last: { drawn: 0, reused: 0 },
    async render(charts: ReadonlyArray<{ name: string; config: ChartConfiguration }>, stale: () => boolean = () => false): Promise<Map<string, Buffer>> {
      const fingerprints = new Map(charts.map((c) => [c.name, chartFingerprint(c.config)]));
      const missing = charts.filter((c) => cache.get(c.name)?.fingerprint !== fingerprints.get(c.name));
      for (let at = 0; at < missing.length; at += CHART_BATCH) {
        if (stale()) throw new Superseded();
        const batch = missing.slice(at, at + CHART_BATCH);
        const drawn = await renderCharts(batch);
        for (const c of batch) {
          const files = new Map([...drawn].filter(([file]) => file.slice(0, file.lastIndexOf('.')) === c.name));
          cache.set(c.name, { fingerprint: fingerprints.get(c.name)!, files });
        }
      }
      for (const name of [...cache.keys()]) if (!fingerprints.has(name)) cache.delete(name);
      out.last = { drawn: missing.length, reused: charts.length - missing.length };
      const files = new Map<string, Buffer>();
      for (const c of charts) for (const [file, content] of cache.get(c.name)!.files) files.set(file, content);
      return files;
    },
  };
  return out;
}

export function watchScenario(file: string, options: WatchOptions, onEvent: (event: WatchEvent) => void): Watcher {
  let watchers: FSWatcher[] = [];
  let watchedKey = '';
  let watched = new Set<string>([resolve(file)]);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  /** A change came after the running run began: it is stale, and another run follows. */
  let again = false;
  let stopped = false;
  /** When the first change not yet answered by a run was seen (the start, for the first run). */
  let pendingSince: number | undefined = performance.now();
  let previous: Headline[] | undefined;
  let dir: string | undefined;
  let server: ReportServer | undefined;
  const renderer = cachingRenderer();

  const rewatch = () => {
    // Only when the files change: closing and reopening watchers could miss a save in between.
    const key = [...watched].sort().join('\n');
    if (key === watchedKey) return;
    watchedKey = key;
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

  /** The run under way, if any: stop waits for it to end. */
  let current: Promise<void> | undefined;
  const runOnce = () => {
    current = run();
    return current;
  };
  const run = async () => {
    running = true;
    again = false;
    const started = pendingSince ?? performance.now();
    pendingSince = undefined;
    const stale = () => again || stopped;
    try {
      const result = projectScenario(file, options);
      watched = new Set([...result.loaded.files.map((f) => f.path), ...result.assumptions.inputs.map((i) => i.path)]);
      if (stale()) throw new Superseded();
      const headline = headlineOf(result.projection, result.measures);
      onEvent({ kind: 'projected', headline, previous, watched: [...watched] });
      const last = previous;
      previous = headline;
      const target = options.out ?? defaultReportDir(result);
      await writeReport(result, target, {
        lang: options.lang,
        // A workshop watches the numbers and report.html; `run` writes the workbook.
        workbook: false,
        render: async (charts) => {
          const files = await renderer.render(charts, stale);
          // Overtaken while drawing: the newer run writes the report.
          if (stale()) throw new Superseded();
          return files;
        },
      });
      dir = target;
      server?.bump();
      if (!stopped) onEvent({ kind: 'run', dir, headline, previous: last, watched: [...watched], seconds: (performance.now() - started) / 1000, charts: renderer.last });
    } catch (error) {
      if (error instanceof Superseded) {
        // The newer run answers this run's change too: its time counts from the earlier change.
        pendingSince = Math.min(pendingSince ?? started, started);
      } else if (!stopped) {
        onEvent({ kind: 'error', error, watched: [...watched] });
      }
    } finally {
      running = false;
      if (!stopped) rewatch();
      // A change during the run: the next run starts now, unless its debounce is still running.
      if (again && !timer && !stopped) void runOnce();
    }
  };

  const schedule = () => {
    pendingSince ??= performance.now();
    if (running) again = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (running) again = true;
      else void runOnce();
    }, options.debounceMs ?? 100);
  };

  const serving = options.serve
    ? serveReport(() => dir, { port: options.serve.port }).then(
        (s) => {
          server = s;
          if (stopped) return s.close();
          onEvent({ kind: 'serving', url: s.url, watched: [...watched] });
        },
        (error) => {
          if (!stopped) onEvent({ kind: 'serve-error', error, watched: [...watched] });
        },
      )
    : Promise.resolve();

  rewatch();
  void runOnce();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
      // A run under way stops at its next check (before drawing more charts or writing).
      await current;
      await serving;
      await server?.close();
    },
  };
}

// ---------------------------------------------------------------- serving the report

export interface ReportServer {
  url: string;
  port: number;
  /** The reload signal: it changes after each rewrite of the report. */
  version(): number;
  /** Tells the open pages that the report was rewritten. */
  bump(): void;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** 0 for any free port. */
  port: number;
  /** Close by itself after this long (a bound for tests); never by default. */
  closeAfterMs?: number;
  /** How often the open page asks whether the report changed. */
  pollMs?: number;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'text/plain; charset=utf-8',
};

/** The script added to report.html as served (never to the file): it reloads the page when /version changes. */
export function reloadScript(version: number, pollMs: number): string {
  return `<script>(function(){var v=${JSON.stringify(String(version))};function poll(){fetch('/version',{cache:'no-store'}).then(function(r){return r.text();}).then(function(t){if(t!==v){location.reload();}else{setTimeout(poll,${pollMs});}},function(){setTimeout(poll,${pollMs});});}setTimeout(poll,${pollMs});})();</script>`;
}

/**
 * The path of a request inside the served folder, or why it is refused: 403 for anything that
 * could leave the folder or reach a hidden file (a `..` or `.` segment, a segment starting with
 * a dot, a backslash or NUL, plain or percent-encoded), 400 for a malformed request.
 */
export function requestPath(url: string | undefined): { path: string } | { status: 400 | 403 } {
  if (!url || !url.startsWith('/')) return { status: 400 };
  const raw = url.split(/[?#]/, 1)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { status: 400 };
  }
  if (/[\\\0]/.test(decoded)) return { status: 403 };
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s.startsWith('.'))) return { status: 403 };
  const path = segments.filter((s) => s !== '').join('/');
  return { path: path === '' ? 'report.html' : path };
}

/**
 * Serves the files of a report folder on 127.0.0.1 only (Node's http module): GET and HEAD of
 * files inside the folder, nothing outside it (symbolic links are followed and checked), no
 * listing; `/version` gives the reload signal, and report.html is served with the script that
 * watches it. The folder is asked for on every request (`root`), since each run replaces it.
 */
export async function serveReport(root: () => string | undefined, options: ServeOptions): Promise<ReportServer> {
  let version = 0;
  const pollMs = options.pollMs ?? 300;
  let port = options.port;
  const send = (res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', head = false) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Length': Buffer.byteLength(body) });
    res.end(head ? undefined : body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // Only this machine's own pages: a page from elsewhere reaching 127.0.0.1 by a rebound DNS name is refused.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 403, 'forbidden\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n');
    const head = req.method === 'HEAD';
    if (req.url === '/version') return send(res, 200, String(version), undefined, head);
    // Browsers ask for an icon: none, rather than a 404 in the page's console.
    if (req.url === '/favicon.ico') {
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      return res.end();
    }
    const asked = requestPath(req.url);
    if ('status' in asked) return send(res, asked.status, asked.status === 403 ? 'forbidden\n' : 'bad request\n', undefined, head);
    const folder = root();
    if (!folder) return send(res, 503, 'no report yet: the first run is under way\n', undefined, head);
    try {
      const base = await realpath(folder);
      const file = await realpath(join(base, ...asked.path.split('/')));
      if (!file.startsWith(base + sep)) return send(res, 403, 'forbidden\n', undefined, head);
      if (!(await stat(file)).isFile()) return send(res, 404, 'not found\n', undefined, head);
      const shownVersion = version;
      const content = await readFile(file);
      const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
      if (extname(file) === '.html') {
        const html = content.toString('utf8');
        const at = html.lastIndexOf('</body>');
        const script = reloadScript(shownVersion, pollMs);
        return send(res, 200, at < 0 ? html + script : html.slice(0, at) + script + html.slice(at), type, head);
      }
      return send(res, 200, content, type, head);
    } catch {
      return send(res, 404, 'not found\n', undefined, head);
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.destroy();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= new Promise<void>((done) => {
      if (timer) clearTimeout(timer);
      server.close(() => done());
      server.closeAllConnections();
    }));
  const timer = options.closeAfterMs !== undefined ? setTimeout(() => void close(), options.closeAfterMs) : undefined;
  timer?.unref();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    version: () => version,
    bump: () => void version++,
    close,
  };
}

// ---------------------------------------------------------------- what the terminal shows

/**
 * The lines watch prints for an event: after a projection, the headline per scheme and what
 * changed since the previous run; after a write, where and how fast; where the report is
 * served. Errors are printed by the command line's own error reporting.
 */
export function watchEventLines(event: WatchEvent, shownPath: (path: string) => string, time = new Date().toTimeString().slice(0, 8)): string[] {
  switch (event.kind) {
    case 'projected':
      return [
        `${time} projected:`,
        ...headlineLines(event.headline ?? []).map((l) => `  ${l}`),
        ...(event.previous ? ['  changed since the previous run:', ...headlineChanges(event.previous, event.headline ?? []).map((l) => `    ${l}`)] : []),
      ];
    case 'run': {
      const charts = event.charts ? `; charts: ${event.charts.drawn} drawn, ${event.charts.reused} unchanged` : '';
      return [`${time} report written to ${shownPath(event.dir!)} in ${(event.seconds ?? 0).toFixed(1)} s${charts}; watching ${event.watched.length} files`];
    }
    case 'serving':
      return [`${time} serving the report at ${event.url} (this machine only); an open report.html reloads after each run`];
    default:
      return [];
  }
}

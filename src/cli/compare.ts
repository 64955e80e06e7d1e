/**
 * `coverage-sim compare <baseline> <options...>`: projects every scenario, sets their measures
 * side by side with each option's difference from the first, writes
 * `reports/compare-<ids>/` and prints the headline table.
 *
 * `--jobs N` projects the scenarios in N worker threads. Each worker loads the modules and
 * warms the engine up on its own and sends its rows back by copy, which on a two-core machine
 * costs more than it saves (measured: 24 scenarios took 2.8 s in two workers, 2.4 s in this
 * thread), so scenarios are projected in this thread unless asked.
 */
import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { stringify } from 'yaml';
import { projectScenario } from '../pipeline.js';
import { provenanceOf } from '../report/provenance.js';
import { writeReportFolder } from '../report/write.js';
import { comparisonCsv, comparisonRows, compareScenarios, difference, thresholdCsv, thresholdYears } from '../report/comparison.js';
import type { ComparisonTable, ScenarioRows } from '../report/comparison.js';
import { percent, table } from '../report/terminal.js';
import { displayPathOf } from '../scenario/load.js';
import type { LoadOptions } from '../scenario/load.js';
import { scenarioErrorFrom } from '../scenario/errors.js';
import type { ScenarioErrorData } from '../scenario/errors.js';
import { grouped } from '../report/format.js';
import { compareCharts } from '../report/charts/compare-charts.js';
import { renderCharts } from '../report/charts/renderer.js';
import type { Lang } from '../report/charts/labels.js';
import { compareHtml } from '../report/html.js';

/** What one projection sends back: its rows and provenance, or the failure to report. */
export type ProjectionMessage =
  | { ok: true; scenario: ScenarioRows; provenance: unknown }
  | { ok: false; error: unknown };

export function projectForComparison(file: string, options: LoadOptions = {}): { scenario: ScenarioRows; provenance: unknown } {
  const result = projectScenario(file, options);
  const { scenario } = result.loaded.scenario;
  return {
    scenario: comparisonRows(scenario.id, scenario.title, result.projection, result.measures),
    provenance: { id: scenario.id, ...provenanceOf(result.loaded, result.assumptions) },
  };
}

export async function projectAll(files: readonly string[], jobs: number, options: LoadOptions = {}): Promise<Array<{ scenario: ScenarioRows; provenance: unknown }>> {
  if (jobs <= 1) return files.map((file) => projectForComparison(file, options));
  const results: Array<{ scenario: ScenarioRows; provenance: unknown }> = new Array(files.length);
  let next = 0;
  const workerUrl = new URL('./projection-worker.js', import.meta.url);
  const runWorker = () =>
    new Promise<void>((done, fail) => {
      const worker = new Worker(workerUrl);
      const take = () => {
        if (next >= files.length) {
          void worker.terminate().then(() => done());
          return;
        }
        const index = next++;
        worker.once('message', (message: ProjectionMessage & { index: number }) => {
          if (!message.ok) {
            void worker.terminate();
            const error = message.error as { scenario?: ScenarioErrorData; internal?: string };
            fail(error.scenario ? scenarioErrorFrom(error.scenario) : new Error(error.internal));
            return;
          }
          results[message.index] = { scenario: message.scenario, provenance: message.provenance };
          take();
        });
        worker.postMessage({ index, file: files[index], options });
      };
      worker.once('error', fail);
      take();
    });
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, runWorker));
  return results;
}

/** The folder name: the ids joined, shortened with a hash when long. */
export function comparisonFolder(ids: readonly string[]): string {
  const joined = ids.join('-');
  if (joined.length <= 80) return `compare-${joined}`;
  return `compare-${joined.slice(0, 60)}-${createHash('sha256').update(joined).digest('hex').slice(0, 10)}`;
}

export function defaultJobs(): number {
  return 1;
}

/** The most worker threads worth starting: one per core. */
export function maxJobs(scenarios: number): number {
  return Math.min(availableParallelism(), scenarios);
}

export interface CompareOptions extends LoadOptions {
  out?: string;
  threshold: number;
  jobs?: number;
  lang?: Lang;
  charts?: boolean;
}

export async function compareCommand(files: string[], options: CompareOptions): Promise<{ text: string; dir: string }> {
  const projected = await projectAll(files, Math.min(options.jobs ?? defaultJobs(), maxJobs(files.length)), { allowPaths: options.allowPaths, limits: options.limits });
  const comparison = compareScenarios(projected.map((p) => p.scenario));
  const dir = options.out ?? resolve('reports', comparisonFolder(comparison.ids));
  const thresholds = thresholdYears(comparison, options.threshold);
  const headline = headlineTable(comparison, projected.map((p) => p.scenario));
  const output = new Map<string, string | Buffer>([
    ['comparison.csv', comparisonCsv(comparison)],
    ['thresholds.csv', thresholdCsv(thresholds, options.threshold)],
    ['scenarios.yaml', stringify({ scenarios: projected.map((p) => p.provenance) }, { lineWidth: 0 })],
  ]);
  if (options.charts !== false) {
    const lang = options.lang ?? 'en';
    const charts = compareCharts(comparison, lang);
    const rendered = await renderCharts(charts);
    for (const [name, buffer] of rendered) output.set(`charts/${name}`, buffer);
    output.set(
      'report.html',
      compareHtml({
        title: projected.map((p) => p.scenario.title).join(' · '),
        lang,
        headline,
        charts: charts.map((c) => ({ name: c.name, title: c.title, png: rendered.get(`${c.name}.png`)! })),
        provenance: stringify({ scenarios: projected.map((p) => p.provenance) }, { lineWidth: 0 }),
      }),
    );
  }
  writeReportFolder(dir, output);
  return { text: headline + `\nComparison written to ${displayPathOf(dir)}\n`, dir };
}

/** The headline measures per scheme, one column per scenario and one per difference. */
function headlineTable(t: ComparisonTable, scenarios: readonly ScenarioRows[]): string {
  const lines: string[] = [`Scenarios: ${scenarios.map((s, j) => `${j === 0 ? 'baseline' : 'option'} ${s.id} (${s.title})`).join('; ')}`, ''];
  const find = (scheme: string, measure: string, from?: number, to?: number) =>
    t.keys.findIndex((k) => k.scheme === scheme && k.measure === measure && k.benefit === '' && k.group === '' && (from === undefined || k.from === from) && (to === undefined || k.to === to));
  const schemes = [...new Set(t.keys.map((k) => k.scheme))];
  const years = t.keys.filter((k) => k.measure === 'payg_cost_rate').map((k) => k.from);
  const start = Math.min(...years);
  const header = ['measure', ...t.ids, ...t.ids.slice(1).map((id) => `${id} − ${t.ids[0]}`)];
  for (const scheme of schemes) {
    const rows: string[][] = [];
    const add = (label: string, k: number, format: (x: number | null) => string) => {
      if (k < 0) return;
      const v = t.values[k];
      // A difference exists only where both values do (a depletion year of "none" has none).
      const delta = (x: number | null | undefined) => (x === undefined || x === null || v[0] === undefined || v[0] === null ? 'n/a' : format(difference(x, v[0])));
      rows.push([label, ...v.map((x) => (x === undefined ? '' : format(x))), ...v.slice(1).map(delta)]);
    };
    for (const k of t.keys.map((key, index) => ({ key, index })).filter(({ key }) => key.scheme === scheme && key.measure === 'general_average_premium')) {
      add(`GAP ${k.key.from}-${k.key.to}`, k.index, percent);
    }
    for (const offset of [0, 10, 25]) {
      add(`PAYG cost rate ${start + offset}`, find(scheme, 'payg_cost_rate', start + offset, start + offset), percent);
    }
    add(`reserve ratio ${start + 10}`, find(scheme, 'reserve_ratio', start + 10, start + 10), (x) => (x === null ? 'n/a' : x.toFixed(2)));
    add('depletion year', find(scheme, 'depletion_year'), (x) => (x === null ? 'none' : String(x)));
    add(`contributions ${start + 5} (million)`, find(scheme, 'contributions', start + 5, start + 5), (x) => (x === null ? 'n/a' : grouped(x / 1e6, 1)));
    add(`benefits ${start + 5} (million)`, find(scheme, 'benefits', start + 5, start + 5), (x) => (x === null ? 'n/a' : grouped(x / 1e6, 1)));
    lines.push(scheme, ...table(header, rows), '');
  }
  return lines.join('\n');
}

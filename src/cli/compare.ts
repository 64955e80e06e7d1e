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
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { stringify } from 'yaml';
import { projectScenario } from '../pipeline.js';
import { provenanceOf } from '../report/provenance.js';
import { writeReportFolder } from '../report/write.js';
import { csvTables, workbookXlsx, yamlSection } from '../report/workbook.js';
import type { WorkbookCover } from '../report/workbook.js';
import { comparisonCsv, comparisonRows, compareScenarios, thresholdCsv, thresholdYears, valueOf } from '../report/comparison.js';
import type { ComparisonTable, ScenarioRows } from '../report/comparison.js';
import { governmentCosts, governmentCsv, governmentText } from '../report/government.js';
import type { GovernmentCost } from '../report/government.js';
import { TERMINAL_WIDTH, depletionText, optionCosts, optionCostsCsv, optionCostsText, percentText, ratioText, tableUnit, terminalBasisPoints } from '../report/options-table.js';
import type { OptionCosts } from '../report/options-table.js';
import { displayPathOf } from '../scenario/load.js';
import type { LoadOptions } from '../scenario/load.js';
import { scenarioErrorFrom } from '../scenario/errors.js';
import type { ScenarioErrorData } from '../scenario/errors.js';
import { assumptionDifferences } from '../scenario/differences.js';
import { grouped } from '../report/format.js';
import { compareCharts } from '../report/charts/compare-charts.js';
import { wrap } from '../report/charts/compare-charts.js';
import { renderCharts } from '../report/charts/renderer.js';
import type { Lang } from '../report/charts/labels.js';
import { compareHtml, compareTitle } from '../report/compare-html.js';

/** What one projection sends back: its rows and provenance, or the failure to report. */
export type ProjectionMessage =
  | { ok: true; scenario: ScenarioRows; provenance: unknown }
  | { ok: false; error: unknown };

export function projectForComparison(file: string, options: LoadOptions = {}): { scenario: ScenarioRows; provenance: unknown } {
  const result = projectScenario(file, options);
  const { scenario } = result.loaded;
  return {
    scenario: comparisonRows(scenario, result.assumptions, result.projection, result.measures),
    provenance: { id: scenario.scenario.id, ...provenanceOf(result.loaded, result.assumptions) },
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

/** The same file, links resolved (a file that cannot be resolved is compared by its path). */
function sameFile(a: string, b: string): boolean {
  const real = (f: string) => {
    try {
      return realpathSync(resolve(f));
    } catch {
      return resolve(f);
    }
  };
  return real(a) === real(b);
}

export async function compareCommand(files: string[], options: CompareOptions): Promise<{ text: string; dir: string }> {
  // `compare base.yaml scenarios/*.yaml` names the baseline among the options too: it is left
  // out of them (unless it is the only option).
  const [baselineFile, ...optionFiles] = files;
  const others = optionFiles.filter((f) => !sameFile(f, baselineFile));
  const left = others.length > 0 && others.length < optionFiles.length;
  const compared = left ? [baselineFile, ...others] : files;
  const projected = await projectAll(compared, Math.min(options.jobs ?? defaultJobs(), maxJobs(compared.length)), { allowPaths: options.allowPaths, limits: options.limits });
  const scenarios = projected.map((p) => p.scenario);
  const comparison = compareScenarios(scenarios);
  const costs = optionCosts(comparison, scenarios);
  const government = governmentCosts(comparison, scenarios, costs);
  const dir = options.out ?? resolve('reports', comparisonFolder(comparison.ids));
  const thresholds = thresholdYears(comparison, options.threshold);
  const provenance = stringify({ scenarios: projected.map((p) => p.provenance) }, { lineWidth: 0 });
  const output = new Map<string, string | Buffer>([
    ['comparison.csv', comparisonCsv(comparison)],
    ['options.csv', optionCostsCsv(costs)],
    ['government.csv', governmentCsv(government, comparison.ids, scenarios[0].currency)],
    ['thresholds.csv', thresholdCsv(thresholds, options.threshold)],
    ['scenarios.yaml', provenance],
  ]);
  if (options.charts !== false) {
    const lang = options.lang ?? 'en';
    const { charts, omitted } = compareCharts({ table: comparison, scenarios, costs, lang });
    const rendered = await renderCharts(charts);
    for (const [name, buffer] of rendered) output.set(`charts/${name}`, buffer);
    output.set(
      'report.html',
      compareHtml({
        lang,
        table: comparison,
        scenarios,
        costs,
        government,
        differences: scenarios.map((s, j) => (j === 0 ? [] : assumptionDifferences(scenarios[0].resolved, s.resolved))),
        charts: charts.map((c) => ({ name: c.name, title: c.title, png: rendered.get(`${c.name}.png`)! })),
        omitted,
        provenance,
      }),
    );
    const cover: WorkbookCover = {
      title: `Comparison: ${comparison.ids.join(', ')}`,
      sections: [
        { heading: 'Scenarios', header: ['id', 'title'], rows: scenarios.map((s) => [s.id, s.title]) },
        ...scenarios.slice(1).map((s) => {
          const differences = assumptionDifferences(scenarios[0].resolved, s.resolved);
          return { heading: `Assumptions of ${s.id} that differ from ${scenarios[0].id}`, header: ['key', scenarios[0].id, s.id], rows: differences.length === 0 ? [['none']] : differences.map((d) => [d.key, d.baseline, d.scenario]) };
        }),
        yamlSection('Provenance (scenarios.yaml)', { scenarios: projected.map((p) => p.provenance) }),
      ],
    };
    output.set('report.xlsx', await workbookXlsx(cover, csvTables(output), scenarios[0].currency));
  }
  writeReportFolder(dir, output);
  const note = left ? [`${displayPathOf(baselineFile)} is the baseline: it is left out of the options.`, ''] : [];
  return { text: [...note, terminalText(comparison, scenarios, costs, government), `Comparison written to ${displayPathOf(dir)}`, ''].join('\n'), dir };
}

/** Text on lines of at most TERMINAL_WIDTH columns, the lines after the first indented. */
function wrapped(first: string, indent: string, words: string): string[] {
  const lines = wrap(words, TERMINAL_WIDTH - first.length);
  return lines.map((line, k) => (k === 0 ? first : indent) + line);
}

/**
 * What `compare` prints, at most 100 columns wide: the scenarios, the option cost table, and
 * per scheme the key results of each scenario that has it.
 */
export function terminalText(t: ComparisonTable, scenarios: readonly ScenarioRows[], costs: OptionCosts, government: readonly GovernmentCost[] = []): string {
  const base = scenarios[0];
  const lines: string[] = [...wrapped('', '', `${compareTitle(scenarios.length - 1, base.title, 'en')} (${base.id})`), ''];
  const tag = (j: number) => (j === 0 ? 'baseline' : String(j)).padEnd(10);
  scenarios.forEach((s, j) => lines.push(...wrapped(`  ${tag(j)}`, ' '.repeat(12), `${s.id}: ${s.title}`)));
  const budget = governmentText(government, costs.ids, costs.currency);
  lines.push('', ...optionCostsText(costs), ...(budget.length > 0 ? ['', ...budget] : []), '', ...keyResultsText(t, scenarios));
  return lines.join('\n') + '\n';
}

/** Per scheme: each scenario's whole-horizon GAP and its change, a PAYG cost rate, the reserve ratio, the depletion year, contributions and benefits. */
function keyResultsText(t: ComparisonTable, scenarios: readonly ScenarioRows[]): string[] {
  const base = scenarios[0];
  const from = base.startYear;
  const to = base.startYear + base.years - 1;
  const rateYear = Math.min(from + 10, to);
  const flowYear = Math.min(from + 5, to);
  const flows = t.keys.flatMap((k, i) => (k.from === flowYear && k.to === flowYear && (k.measure === 'contributions' || k.measure === 'benefits') ? t.values[i].map((v) => v ?? 0) : []));
  const unit = tableUnit(flows, base.currency, 'en');
  const lines = [
    `Key results: rates in % of insurable wages, GAP change in basis points, reserve ratio in years`,
    `  of benefits and expenses, contributions and benefits in ${unit.label}`,
    '',
  ];
  const header = ['scenario', `GAP ${from}-${to}`, 'change', `PAYG ${rateYear}`, `reserve ${rateYear}`, 'depleted', `contrib. ${flowYear}`, `benefits ${flowYear}`];
  const schemeIds = [...new Set(scenarios.flatMap((s) => s.schemes.map((x) => x.id)))];
  for (const scheme of schemeIds) {
    const inBaseline = base.schemes.some((x) => x.id === scheme);
    const get = (j: number, measure: string, a: number, b: number) => valueOf(t, j, { scheme, measure, from: a, to: b }) ?? null;
    const rows: string[][] = [];
    scenarios.forEach((s, j) => {
      const info = s.schemes.find((x) => x.id === scheme);
      if (!info) return;
      const gap = get(j, 'general_average_premium', from, to);
      const gapBase = inBaseline ? get(0, 'general_average_premium', from, to) : null;
      const amount = (x: number | null) => (x === null ? 'n/a' : grouped(x / unit.divisor, 1));
      rows.push([
        j === 0 ? 'baseline' : String(j),
        percentText(gap),
        j === 0 || !inBaseline || gap === null || gapBase === null ? '' : terminalBasisPoints(gap - gapBase),
        percentText(get(j, 'payg_cost_rate', rateYear, rateYear)),
        info.ownFund ? ratioText(get(j, 'reserve_ratio', rateYear, rateYear)) : 'n/a',
        info.ownFund ? depletionText(get(j, 'depletion_year', s.startYear, s.startYear + s.years - 1) ?? 'none') : 'pooled',
        amount(get(j, 'contributions', flowYear, flowYear)),
        amount(get(j, 'benefits', flowYear, flowYear)),
      ]);
    });
    const label = (scenarios.find((s) => s.schemes.some((x) => x.id === scheme))!.schemes.find((x) => x.id === scheme)!).label.en;
    lines.push(`${label} (${scheme})`, ...table(header, rows), '');
  }
  return lines;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => ('  ' + cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).trimEnd();
  return [line(header), ...rows.map(line)];
}

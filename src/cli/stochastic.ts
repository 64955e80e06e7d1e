/**
 * `coverage-sim stochastic <scenario.yaml>`: Monte Carlo paths from the scenario's `stochastic`
 * block (src/stochastic/), with percentiles, probabilities of depletion and of a low reserve by
 * year, fan charts and the per-path summaries; `--shard i/n` runs one shard's paths and writes
 * them for `coverage-sim merge`, which gives exactly a single run's output. Each path is
 * evaluated on the response of the projection (the fast method), or with `--exact` by a full
 * projection of the engine (methodology §8); the files are the same either way, and say which.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { displayPathOf, loadScenario, projectionCells } from '../scenario/load.js';
import type { LoadOptions, LoadedScenario } from '../scenario/load.js';
import { COMMAND_WORK_FACTOR, EXACT_WORK_FACTOR, messages } from '../messages.js';
import { ScenarioError, formatKeyPath } from '../scenario/errors.js';
import type { KeyPath } from '../scenario/errors.js';
import { errorCode } from '../scenario/source.js';
import { readInputFile, whatItIs } from '../scenario/input-file.js';
import { limitsOf } from '../scenario/limits.js';
import type { InputLimits } from '../scenario/limits.js';
import { z } from 'zod';
import { checkWorkers } from './checks.js';
import { buildAssumptions } from '../assumptions/build.js';
import { tableFiles } from '../assumptions/table-files.js';
import { measureResponse } from '../stochastic/response.js';
import { valuesPerPath } from '../stochastic/paths.js';
import type { PathLayout, StochasticModel } from '../stochastic/paths.js';
import { runPaths } from '../stochastic/run.js';
import type { PathJob, StochasticMethod } from '../stochastic/run.js';
import { layoutOf } from '../stochastic/exact.js';
import { project } from '../engine/project.js';
import type { Projection } from '../engine/result.js';
import { heldPercentileTable, milestoneJson, milestoneSummary, pathsCsv, percentileTable, percentilesCsv, probabilitiesCsv, probabilityTable } from '../stochastic/summary.js';
import type { DeterministicScheme, MilestoneSummary } from '../stochastic/summary.js';
import { fanCharts } from '../report/charts/fan-charts.js';
import { stochasticHtml } from '../report/uncertainty-html.js';
import { stochasticTable } from '../report/uncertainty-terminal.js';
import { computeMeasures } from '../measures/compute.js';
import { renderCharts } from '../report/charts/renderer.js';
import type { Lang } from '../report/charts/labels.js';
import { writeReportFolder } from '../report/write.js';
import { csvTables, workbookXlsx, yamlSection } from '../report/workbook.js';
import type { WorkbookCover } from '../report/workbook.js';
import { provenanceOf } from '../report/provenance.js';
import type { Provenance } from '../report/provenance.js';

export interface StochasticOptions extends LoadOptions {
  out?: string;
  paths?: number;
  seed?: number;
  workers: number;
  shard?: string;
  reserveThreshold: number;
  lang: Lang;
  charts: boolean;
  /** The full engine on every path (--exact) instead of the response of the projection. */
  exact?: boolean;
  progress?: (done: number, total: number) => void;
}

/** The --exact flag of `coverage-sim stochastic` (for yargs). */
export const EXACT_OPTION = {
  type: 'boolean',
  default: false,
  describe:
    'Project every path on the full engine, as run does, instead of on the response of the deterministic projection (the fast method, within the error bound methodology §8 states): the same files, marked method: exact; a projection per path, some 20 times the fast method for 10,000 paths of the baseline',
} as const;

/** How long, for the progress bar: "42 s", "3 min 05 s", "1 h 02 min". */
function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * A progress bar for a terminal (give it only when stderr is one): the paths done and the time
 * left, estimated from the pace so far, on one line redrawn with \r (at most ten times a second;
 * padded, so that a shorter line leaves nothing of the last), and a newline when all are done.
 */
export function progressBar(write: (text: string) => void, now: () => number = () => performance.now()): (done: number, total: number) => void {
  const started = now();
  let drawn = -Infinity;
  let width = 0;
  return (done, total) => {
    const time = now();
    const finished = done >= total;
    if (!finished && time - drawn < 100) return;
    drawn = time;
    const cells = 30;
    const filled = Math.round((cells * done) / total);
    const elapsed = (time - started) / 1000;
    const left = done > 0 ? (elapsed * (total - done)) / done : NaN;
    const line = messages.pathsProgress('#'.repeat(filled) + '.'.repeat(cells - filled), done, total, duration(finished ? elapsed : left), finished);
    write(`\r${line.padEnd(width)}${finished ? '\n' : ''}`);
    width = line.length;
  };
}

/** The stochastic model of a scenario's `stochastic` block. */
export function modelOf(loaded: LoadedScenario): { model: StochasticModel; paths: number; seed: number } {
  const block = loaded.scenario.stochastic;
  if (!block) throw new ScenarioError(loaded.locate(['scenario']), 'stochastic', 'the scenario has no stochastic block: add one (paths, seed, investment_return, wage_growth, incidence)');
  const ar1 = (name: 'investment_return' | 'wage_growth') => {
    const m = block[name];
    if (!m) return null;
    if (m.model !== 'ar1') throw loaded.error(['stochastic', name, 'model'], `${name} is modelled as ar1`);
    return { sd: m.sd, phi: m.phi ?? 0 };
  };
  if (block.incidence && block.incidence.model !== 'lognormal') throw loaded.error(['stochastic', 'incidence', 'model'], 'incidence shocks are lognormal');
  if (block.incidence?.phi !== undefined) throw loaded.error(['stochastic', 'incidence', 'phi'], 'incidence shocks are independent from year to year: remove phi', 'key');
  const mortality = block.mortality ? { sd: block.mortality.sd, phi: block.mortality.model === 'ar1' ? (block.mortality.phi ?? 0) : 0 } : null;
  if (block.mortality?.model === 'lognormal' && block.mortality.phi !== undefined) throw loaded.error(['stochastic', 'mortality', 'phi'], 'a lognormal mortality multiplier is independent from year to year: use model ar1 for a persistent one', 'key');
  // Only returns and wages are correlated, and only when both are modelled; anything else would
  // be silently ignored, so it is refused.
  for (const pair of Object.keys(block.correlation ?? {})) {
    if (pair !== 'investment_return__wage_growth') {
      throw loaded.error(['stochastic', 'correlation', pair], `only investment_return__wage_growth can be correlated (incidence and mortality shocks are independent of the economy); remove "${pair}"`, 'key');
    }
    if (!block.investment_return || !block.wage_growth) {
      throw loaded.error(['stochastic', 'correlation', pair], 'a correlation needs both investment_return and wage_growth in the stochastic block', 'key');
    }
  }
  return {
    model: {
      investmentReturn: ar1('investment_return'),
      wageGrowth: ar1('wage_growth'),
      incidenceSd: block.incidence?.sd ?? 0,
      correlation: block.correlation?.investment_return__wage_growth ?? 0,
      mortality,
    },
    paths: block.paths,
    seed: block.seed,
  };
}

/** The most shards a run is split into. */
const MAX_SHARDS = 100_000;

function parseShard(shard: string): { index: number; count: number } {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(shard);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || count > MAX_SHARDS || index < 0 || index >= count) {
    throw new ScenarioError({ file: '--shard' }, 'shard', `"${shard}" is not a shard: expected i/n with 0 <= i < n <= ${MAX_SHARDS.toLocaleString('en-US')} (e.g. 0/4)`);
  }
  return { index, count };
}

/** A stochastic run's provenance: the run's, with the seed used and the method. */
type StochasticProvenance = Provenance & { method: StochasticMethod };

interface ShardMeta {
  scenario: string;
  scenarioSha256: string;
  seed: number;
  /** Absent in shards written before --exact: the fast method. */
  method?: StochasticMethod;
  paths: number;
  from: number;
  to: number;
  layout: PathLayout;
  model: StochasticModel;
  reserveThreshold: number;
  currency: string;
  provenance: StochasticProvenance;
  /** The deterministic projection by scheme: the fans' central line, the tables' reference. */
  deterministic: DeterministicScheme[];
  /** The scenario's title, for report.html. */
  title: string;
}

/** The output files of a run of `paths` paths (a whole run, or merged shards), and what the terminal says of it. */
async function outputFiles(meta: Omit<ShardMeta, 'from' | 'to'>, values: Float64Array, options: { lang: Lang; charts: boolean }): Promise<{ files: Map<string, string | Buffer>; summary: MilestoneSummary }> {
  const table = percentileTable(meta.layout, values, meta.paths);
  const probabilities = probabilityTable(meta.layout, values, meta.paths, meta.reserveThreshold);
  const held = heldPercentileTable(meta.layout, values, meta.paths);
  const summary = milestoneSummary({ layout: meta.layout, table, held, probabilities, deterministic: meta.deterministic, paths: meta.paths, seed: meta.seed, reserveThreshold: meta.reserveThreshold });
  const files = new Map<string, string | Buffer>([
    ['percentiles.csv', percentilesCsv(meta.layout, table)],
    ['probabilities.csv', probabilitiesCsv(meta.layout, values, meta.paths, meta.reserveThreshold, probabilities)],
    ['paths.csv', pathsCsv(meta.layout, values, meta.paths)],
    ['stochastic.yaml', stringify({ scenario: meta.scenario, paths: meta.paths, seed: meta.seed, method: meta.method ?? 'fast', model: meta.model, reserve_threshold: meta.reserveThreshold, provenance: meta.provenance }, { lineWidth: 0 })],
  ]);
  if (options.charts) {
    const set = fanCharts({ layout: meta.layout, held, probabilities, deterministic: meta.deterministic, paths: meta.paths, seed: meta.seed, reserveThreshold: meta.reserveThreshold, lang: options.lang, currency: meta.currency });
    const rendered = await renderCharts(set.charts);
    for (const [name, buffer] of rendered) files.set(`charts/${name}`, buffer);
    files.set(
      'report.html',
      stochasticHtml({
        title: meta.title,
        scenario: meta.scenario,
        lang: options.lang,
        layout: meta.layout,
        summary,
        model: meta.model,
        method: meta.method ?? 'fast',
        currency: meta.currency,
        charts: set.charts.map((c) => ({ name: c.name, title: c.title, png: rendered.get(`${c.name}.png`)! })),
        omitted: set.omitted,
        provenance: meta.provenance,
      }),
    );
    const cover: WorkbookCover = {
      title: `${meta.title}: stochastic`,
      sections: [
        yamlSection('Paths', { scenario: meta.scenario, paths: meta.paths, seed: meta.seed, method: meta.method ?? 'fast', reserve_threshold: meta.reserveThreshold, model: meta.model }),
        yamlSection('Provenance', meta.provenance),
      ],
    };
    files.set('report.xlsx', await workbookXlsx(cover, csvTables(files), meta.currency));
  }
  return { files, summary };
}

/** The deterministic projection's fund, ratios, depletion year and GAP over the horizon, per scheme. */
function deterministicOf(loaded: LoadedScenario, assumptions: ReturnType<typeof buildAssumptions>, projection: Projection): DeterministicScheme[] {
  const m = loaded.scenario.measures;
  const measures = computeMeasures(assumptions, projection, { gapPeriods: m.gap_periods, targetReserveRatio: m.target_reserve_ratio, scaledPremiumYears: m.scaled_premium_years });
  return measures.schemes.map((s, k) => {
    const horizon = s.generalAveragePremium[s.generalAveragePremium.length - 1];
    return {
      fundEnd: Array.from(projection.schemes[k].fundEnd),
      reserveRatio: s.reserveRatio,
      paygCostRate: s.paygCostRate,
      depletionYear: s.depletionYear,
      gap: { from: horizon.from, to: horizon.to, rate: horizon.rate },
    };
  });
}

/** Options given on the command line are checked like scenario values. */
function checkOptions(options: StochasticOptions): void {
  const bad = (flag: string, message: string) => new ScenarioError({ file: flag }, flag.slice(2), message);
  if (options.paths !== undefined && !(Number.isInteger(options.paths) && options.paths >= 1 && options.paths <= 10_000_000)) throw bad('--paths', `${options.paths} is not a number of paths: expected a whole number from 1 to 10,000,000`);
  if (options.seed !== undefined && !(Number.isInteger(options.seed) && options.seed >= 0 && options.seed < 2 ** 32)) throw bad('--seed', `${options.seed} is not a seed: expected a whole number from 0 to 4,294,967,295`);
  if (!Number.isFinite(options.reserveThreshold)) throw bad('--reserve-threshold', `${options.reserveThreshold} is not a reserve ratio: expected a number of years`);
  checkWorkers(options.workers);
}

/**
 * What a run says besides its files: the summary at milestone years, as the terminal table
 * (`text`) and as the --json fields (`details`); null for a shard (a slice of the paths).
 */
export interface StochasticOutcome {
  dir: string;
  paths: number;
  from: number;
  to: number;
  summary: MilestoneSummary | null;
  text: string | null;
  details: Record<string, unknown> | null;
}

export async function stochasticCommand(file: string, options: StochasticOptions): Promise<StochasticOutcome> {
  checkOptions(options);
  const loaded = loadScenario(file, options);
  const { model, paths: scenarioPaths, seed: scenarioSeed } = modelOf(loaded);
  const paths = options.paths ?? scenarioPaths;
  // The scenario's own paths were bounded when it was loaded; --paths is bounded here, alike.
  const years = loaded.scenario.projection.end_year - loaded.scenario.projection.start_year + 1;
  const schemes = loaded.scenario.schemes.length;
  if (paths * years * schemes > loaded.limits.pathYears) throw new ScenarioError({ file: '--paths' }, 'paths', messages.pathsTooMany(paths, years, schemes, loaded.limits.pathYears));
  const method: StochasticMethod = options.exact ? 'exact' : 'fast';
  const cells = projectionCells(loaded.scenario);
  if (method === 'fast') {
    // The response is measured on the engine: six projections a year, ten with mortality shocks.
    const responseProjections = years * ((model.mortality?.sd ?? 0) > 0 ? 10 : 6) + 1;
    if (responseProjections * cells > COMMAND_WORK_FACTOR * loaded.limits.cells) {
      throw new ScenarioError({ file: displayPathOf(file) }, undefined, messages.commandTooLarge('measuring the stochastic response', responseProjections, cells, COMMAND_WORK_FACTOR * loaded.limits.cells));
    }
  } else if ((paths + 1) * cells > EXACT_WORK_FACTOR * loaded.limits.cells) {
    // One projection a path, and the deterministic one.
    throw new ScenarioError({ file: '--exact' }, 'exact', messages.exactTooLarge(paths, cells, EXACT_WORK_FACTOR * loaded.limits.cells));
  }
  const seed = options.seed ?? scenarioSeed;
  const assumptions = buildAssumptions(loaded, tableFiles());
  const shard = options.shard ? parseShard(options.shard) : { index: 0, count: 1 };
  const from = Math.floor((shard.index * paths) / shard.count);
  const to = Math.floor(((shard.index + 1) * paths) / shard.count);
  // The fast method needs the response (which holds the deterministic projection); the exact one, the assumptions alone.
  const response = method === 'fast' ? measureResponse(assumptions, { mortality: (model.mortality?.sd ?? 0) > 0 }) : null;
  const deterministic = response ? response.deterministic : project(assumptions);
  const job: PathJob = response ? { method: 'fast', response, model, seed } : { method: 'exact', assumptions, model, seed };
  const layout: PathLayout = layoutOf(assumptions);
  const values = await runPaths(job, layout, from, to, options.workers, options.progress);
  const id = loaded.scenario.scenario.id;
  const dir = options.out ?? resolve('reports', `${id}-stochastic`);
  const meta = {
    scenario: id,
    scenarioSha256: createHash('sha256').update(loaded.files[0].text).digest('hex'),
    seed,
    method,
    paths,
    layout,
    model,
    reserveThreshold: options.reserveThreshold,
    currency: assumptions.currency,
    // The seed actually used (--seed overrides the scenario's), and the method.
    provenance: { ...provenanceOf(loaded, assumptions), seed, method },
    deterministic: deterministicOf(loaded, assumptions, deterministic),
    title: loaded.scenario.scenario.title,
  };
  if (options.shard) {
    const name = `shard-${shard.index}-of-${shard.count}`;
    writeShard(dir, name, { ...meta, from, to }, values);
    return { dir, paths, from, to, summary: null, text: null, details: null };
  }
  const { files, summary } = await outputFiles(meta, values, options);
  writeReportFolder(dir, files);
  const text = stochasticTable(summary, layout.schemes.map((s) => s.label?.en ?? s.id));
  return { dir, paths, from, to, summary, text, details: milestoneJson(summary) };
}

function writeShard(dir: string, name: string, meta: ShardMeta, values: Float64Array): void {
  // A shard folder holds only its own two files, written atomically like a report.
  writeReportFolder(join(dir, name), new Map<string, string | Buffer>([
    ['meta.json', JSON.stringify(meta)],
    ['values.bin', Buffer.from(values.buffer, values.byteOffset, values.byteLength)],
  ]));
}

/** `coverage-sim merge <folders...> --out DIR`: shards (or folders of shards) into one run's output. */
/** The shard folders an input names: a shard itself, or a folder holding shards. */
function shardFolders(input: string): string[] {
  const notAShard = (what: string) => new ScenarioError({ file: input }, undefined, messages.notAShard(what));
  if (!existsSync(input)) throw notAShard('no such folder');
  if (!statSync(input).isDirectory()) throw notAShard('it is a file, not a folder');
  if (existsSync(join(input, 'meta.json'))) return [input];
  const shards = readdirSync(input, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name.startsWith('shard-'));
  if (shards.length === 0) throw notAShard('it holds no meta.json and no shard-<i>-of-<n> folders');
  return shards.map((e) => join(input, e.name));
}

const count = z.number().int().nonnegative();
const ar1 = z.object({ sd: z.number(), phi: z.number() }).nullable();
const recordedFile = z.object({ path: z.string(), sha256: z.string() });

/** What merge reads of a shard's meta.json; the rest is compared whole between shards. */
const shardMetaSchema = z
  .object({
    scenario: z.string(),
    scenarioSha256: z.string(),
    seed: z.number(),
    method: z.enum(['fast', 'exact']).optional(),
    // The most stochastic --paths accepts.
    paths: count.max(10_000_000),
    from: count,
    to: count,
    // At most 500 years, as a projection (scenario/schema.ts).
    layout: z.object({
      startYear: z.number().int(),
      years: count.min(1).max(500),
      schemes: z.array(z.object({ id: z.string(), poolOwner: z.number().int(), label: z.object({ en: z.string(), ms: z.string().optional() }).optional() })).min(1),
    }),
    model: z.object({ investmentReturn: ar1, wageGrowth: ar1, incidenceSd: z.number(), correlation: z.number(), mortality: ar1.optional() }),
    reserveThreshold: z.number(),
    currency: z.string(),
    provenance: z.object({ tool: z.string(), version: z.string(), node: z.string(), seed: z.number().nullable(), method: z.enum(['fast', 'exact']).optional(), scenario_files: z.array(recordedFile), data_files: z.array(recordedFile) }),
    // What the report draws of the deterministic projection, and its title.
    deterministic: z.array(
      z.object({
        fundEnd: z.array(z.number()),
        reserveRatio: z.array(z.number().nullable()),
        paygCostRate: z.array(z.number().nullable()),
        depletionYear: z.number().int().nullable(),
        gap: z.object({ from: z.number().int(), to: z.number().int(), rate: z.number().nullable() }),
      }),
    ),
    title: z.string(),
  })
  .refine((m) => m.from <= m.to && m.to <= m.paths, { path: ['to'] })
  // A pooled scheme names the scheme whose fund it shares (-1: its own).
  .refine((m) => m.layout.schemes.every((s) => s.poolOwner >= -1 && s.poolOwner < m.layout.schemes.length), { path: ['layout', 'schemes'] })
  .refine((m) => m.deterministic.length === m.layout.schemes.length && m.deterministic.every((d) => [d.fundEnd, d.reserveRatio, d.paygCostRate].every((a) => a.length === m.layout.years)), { path: ['deterministic'] });

/** Deeper than any meta.json stochastic writes (layout.schemes[k].label.en is 5 levels). */
const MAX_META_DEPTH = 12;

/** Whether JSON data nests no deeper than `max` (checked without recursion: it is untrusted). */
function nestsWithin(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return false;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return true;
}

/**
 * A shard's meta.json, checked: a damaged or foreign one is bad input, not a crash. Shards may
 * come from elsewhere: it is read as a scenario file is (a regular file, within the size limit
 * of one, checked before reading), and its numbers are bounded before anything is allocated.
 */
function readShardMeta(dir: string, maxBytes: number): ShardMeta {
  const file = join(dir, 'meta.json');
  const notAShard = (place: string, what: string) => new ScenarioError({ file: place }, undefined, messages.notAShard(what));
  if (!existsSync(file)) throw notAShard(dir, 'it has no meta.json');
  let text: string;
  try {
    text = readInputFile(file, file, 'scenario', maxBytes);
  } catch (e) {
    if (e instanceof ScenarioError) throw notAShard(file, `meta.json: ${e.message}`);
    throw e;
  }
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch {
    throw notAShard(file, 'meta.json is not valid JSON: the shard is damaged');
  }
  // Compared whole between shards (JSON.stringify recurses): a deep one would overflow the stack.
  if (!nestsWithin(meta, MAX_META_DEPTH)) throw notAShard(file, 'meta.json is nested too deeply: the shard is damaged');
  const checked = shardMetaSchema.safeParse(meta);
  if (!checked.success) throw notAShard(file, `meta.json has no valid ${formatKeyPath(checked.error.issues[0].path as KeyPath) || 'content'}: the shard is damaged`);
  return meta as ShardMeta;
}

/**
 * Checks that a shard's values.bin is a regular file of exactly `bytes` bytes (the size its
 * meta.json implies) and, with `into`, reads it there: never more than that, and never from a
 * FIFO (opened without waiting for a writer) or a device such as /dev/zero.
 */
function readShardValues(dir: string, bytes: number, range: string, into?: Buffer): void {
  const file = join(dir, 'values.bin');
  const refuse = (what: string) => new ScenarioError({ file }, undefined, messages.notAShard(what));
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw refuse(`cannot read values.bin (${errorCode(e)}): the shard is incomplete`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw refuse(`values.bin is ${whatItIs(stats)}, not a regular file`);
    const wrongSize = (size: number) => refuse(`values.bin holds ${size} bytes, not the ${bytes} of paths ${range}: the shard is incomplete or damaged`);
    if (stats.size !== bytes) throw wrongSize(stats.size);
    if (!into) return;
    let done = 0;
    while (done < bytes) {
      const n = readSync(fd, into, done, bytes - done, null);
      if (n === 0) throw wrongSize(done);
      done += n;
    }
    // Grown since fstat: not the file it was.
    if (readSync(fd, Buffer.alloc(1), 0, 1, null) !== 0) throw wrongSize(bytes + 1);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw refuse(`cannot read values.bin (${errorCode(e)})`);
  } finally {
    closeSync(fd);
  }
}

export interface MergeOptions {
  lang: Lang;
  charts: boolean;
  /** meta.json is read within `yamlBytes`; the merged run is bounded by `pathYears` (limits.ts). */
  limits?: Partial<InputLimits>;
}

export async function mergeCommand(inputs: string[], out: string, options: MergeOptions): Promise<{ dir: string; paths: number; summary: MilestoneSummary }> {
  const limits = limitsOf(options.limits);
  const folders = inputs.flatMap(shardFolders);
  if (folders.length > MAX_SHARDS) throw new ScenarioError({ file: inputs.join(', ') }, undefined, `${folders.length.toLocaleString('en-US')} shards: a run is split into at most ${MAX_SHARDS.toLocaleString('en-US')}`);
  // Everything but the path range must be the same: the scenario and every file it extends, the
  // data tables, the tool, the seed, the number of paths, the model and the threshold. Only its
  // hash is kept of each shard's meta.json (and the first one whole): they are read one by one.
  const runOf = (m: ShardMeta) => {
    const { node: _node, ...provenance } = m.provenance;
    return createHash('sha256').update(JSON.stringify({ ...m, from: 0, to: 0, provenance })).digest('hex');
  };
  let first: ShardMeta | undefined;
  const read: Array<{ dir: string; from: number; to: number; run: string }> = [];
  for (const dir of folders) {
    const meta = readShardMeta(dir, limits.yamlBytes);
    read.push({ dir, from: meta.from, to: meta.to, run: runOf(meta) });
    if (!first || meta.from < first.from) first = meta;
  }
  if (!first) throw new ScenarioError({ file: inputs.join(', ') }, undefined, messages.notAShard('no shard folders'));
  const shards = read.sort((a, b) => a.from - b.from);
  const size = valuesPerPath(first.layout);
  let expected = 0;
  for (const meta of shards) {
    const { dir } = meta;
    if (meta.run !== shards[0].run) throw new ScenarioError({ file: dir }, undefined, 'this shard is of another run (scenario files, data tables, tool version, seed, paths, method, model or reserve threshold differ)');
    if (meta.from !== expected) throw new ScenarioError({ file: dir }, undefined, `shards do not cover the paths without gap or overlap: expected one starting at path ${expected}`);
    expected = meta.to;
  }
  if (expected !== first.paths) throw new ScenarioError({ file: inputs.join(', ') }, undefined, `the shards cover paths 0-${expected - 1} of ${first.paths}: some are missing`);
  // The work is bounded before anything is allocated: a meta.json of a few lines can ask for
  // billions of values.
  const { years, schemes } = first.layout;
  if (first.paths * years * schemes.length > limits.pathYears) {
    throw new ScenarioError({ file: join(shards[0].dir, 'meta.json') }, undefined, messages.mergeTooLarge(first.paths, years, schemes.length, limits.pathYears));
  }
  const bytesOf = (meta: { from: number; to: number }) => (meta.to - meta.from) * size * Float64Array.BYTES_PER_ELEMENT;
  const rangeOf = (meta: { from: number; to: number }) => `${meta.from}-${meta.to - 1}`;
  // Every values.bin has its size before the merged array is made...
  for (const meta of shards) readShardValues(meta.dir, bytesOf(meta), rangeOf(meta));
  const values = new Float64Array(first.paths * size);
  // ...and each is read straight into its place.
  for (const meta of shards) {
    readShardValues(meta.dir, bytesOf(meta), rangeOf(meta), Buffer.from(values.buffer, meta.from * size * Float64Array.BYTES_PER_ELEMENT, bytesOf(meta)));
  }
  const { from: _from, to: _to, ...rest } = first;
  const { files, summary } = await outputFiles(rest, values, options);
  writeReportFolder(out, files);
  return { dir: out, paths: first.paths, summary };
}

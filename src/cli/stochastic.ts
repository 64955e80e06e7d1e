/**
 * `coverage-sim stochastic <scenario.yaml>`: Monte Carlo paths from the scenario's `stochastic`
 * block (src/stochastic/), with percentiles, probabilities of depletion and of a low reserve by
 * year, fan charts and the per-path summaries; `--shard i/n` runs one shard's paths and writes
 * them for `coverage-sim merge`, which gives exactly a single run's output.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { loadScenario } from '../scenario/load.js';
import type { LoadOptions, LoadedScenario } from '../scenario/load.js';
import { messages } from '../messages.js';
import { ScenarioError, formatKeyPath } from '../scenario/errors.js';
import type { KeyPath } from '../scenario/errors.js';
import { errorCode } from '../scenario/source.js';
import { z } from 'zod';
import { checkWorkers } from './checks.js';
import { buildAssumptions } from '../assumptions/build.js';
import { measureResponse } from '../stochastic/response.js';
import { valuesPerPath } from '../stochastic/paths.js';
import type { PathLayout, StochasticModel } from '../stochastic/paths.js';
import { runPaths } from '../stochastic/run.js';
import { pathsCsv, percentileTable, percentilesCsv, probabilitiesCsv } from '../stochastic/summary.js';
import { fanCharts } from '../report/charts/fan-charts.js';
import { renderCharts } from '../report/charts/renderer.js';
import type { Lang } from '../report/charts/labels.js';
import { writeReportFolder } from '../report/write.js';
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
  progress?: (done: number, total: number) => void;
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

function parseShard(shard: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(shard);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 0 || index >= count) throw new ScenarioError({ file: '--shard' }, 'shard', `"${shard}" is not a shard: expected i/n with 0 <= i < n (e.g. 0/4)`);
  return { index, count };
}

interface ShardMeta {
  scenario: string;
  scenarioSha256: string;
  seed: number;
  paths: number;
  from: number;
  to: number;
  layout: PathLayout;
  model: StochasticModel;
  reserveThreshold: number;
  currency: string;
  provenance: Provenance;
}

/** The output files of a run of `paths` paths (a whole run, or merged shards). */
async function outputFiles(meta: Omit<ShardMeta, 'from' | 'to'>, values: Float64Array, options: { lang: Lang; charts: boolean }): Promise<Map<string, string | Buffer>> {
  const table = percentileTable(meta.layout, values, meta.paths);
  const files = new Map<string, string | Buffer>([
    ['percentiles.csv', percentilesCsv(meta.layout, table)],
    ['probabilities.csv', probabilitiesCsv(meta.layout, values, meta.paths, meta.reserveThreshold)],
    ['paths.csv', pathsCsv(meta.layout, values, meta.paths)],
    ['stochastic.yaml', stringify({ scenario: meta.scenario, paths: meta.paths, seed: meta.seed, model: meta.model, reserve_threshold: meta.reserveThreshold, provenance: meta.provenance }, { lineWidth: 0 })],
  ]);
  if (options.charts) {
    const rendered = await renderCharts(fanCharts(meta.layout, table, options.lang, meta.currency));
    for (const [name, buffer] of rendered) files.set(`charts/${name}`, buffer);
  }
  return files;
}

/** Options given on the command line are checked like scenario values. */
function checkOptions(options: StochasticOptions): void {
  const bad = (flag: string, message: string) => new ScenarioError({ file: flag }, flag.slice(2), message);
  if (options.paths !== undefined && !(Number.isInteger(options.paths) && options.paths >= 1 && options.paths <= 10_000_000)) throw bad('--paths', `${options.paths} is not a number of paths: expected a whole number from 1 to 10,000,000`);
  if (options.seed !== undefined && !(Number.isInteger(options.seed) && options.seed >= 0 && options.seed < 2 ** 32)) throw bad('--seed', `${options.seed} is not a seed: expected a whole number from 0 to 4,294,967,295`);
  if (!Number.isFinite(options.reserveThreshold)) throw bad('--reserve-threshold', `${options.reserveThreshold} is not a reserve ratio: expected a number of years`);
  checkWorkers(options.workers);
}

export async function stochasticCommand(file: string, options: StochasticOptions): Promise<{ dir: string; paths: number; from: number; to: number }> {
  checkOptions(options);
  const loaded = loadScenario(file, options);
  const { model, paths: scenarioPaths, seed: scenarioSeed } = modelOf(loaded);
  const paths = options.paths ?? scenarioPaths;
  // The scenario's own paths were bounded when it was loaded; --paths is bounded here, alike.
  const years = loaded.scenario.projection.end_year - loaded.scenario.projection.start_year + 1;
  if (paths * years > loaded.limits.pathYears) throw new ScenarioError({ file: '--paths' }, 'paths', messages.pathsTooMany(paths, years, loaded.limits.pathYears));
  const seed = options.seed ?? scenarioSeed;
  const assumptions = buildAssumptions(loaded);
  const response = measureResponse(assumptions, { mortality: (model.mortality?.sd ?? 0) > 0 });
  const layout: PathLayout = { startYear: response.startYear, years: response.years, schemes: response.schemes.map((s, k) => ({ id: s.id, poolOwner: s.poolOwner, label: assumptions.schemes[k].label })) };
  const shard = options.shard ? parseShard(options.shard) : { index: 0, count: 1 };
  const from = Math.floor((shard.index * paths) / shard.count);
  const to = Math.floor(((shard.index + 1) * paths) / shard.count);
  const values = await runPaths(response, model, seed, from, to, options.workers, options.progress);
  const id = loaded.scenario.scenario.id;
  const dir = options.out ?? resolve('reports', `${id}-stochastic`);
  const meta = {
    scenario: id,
    scenarioSha256: createHash('sha256').update(loaded.files[0].text).digest('hex'),
    seed,
    paths,
    layout,
    model,
    reserveThreshold: options.reserveThreshold,
    currency: assumptions.currency,
    // The seed actually used (--seed overrides the scenario's).
    provenance: { ...provenanceOf(loaded, assumptions), seed },
  };
  if (options.shard) {
    const name = `shard-${shard.index}-of-${shard.count}`;
    writeShard(dir, name, { ...meta, from, to }, values);
  } else {
    writeReportFolder(dir, await outputFiles(meta, values, options));
  }
  return { dir, paths, from, to };
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

/** What merge reads of a shard's meta.json; the rest is compared whole between shards. */
const shardMetaSchema = z
  .object({
    scenario: z.string(),
    scenarioSha256: z.string(),
    seed: z.number(),
    // The most stochastic --paths accepts.
    paths: count.max(10_000_000),
    from: count,
    to: count,
    layout: z.object({ startYear: z.number().int(), years: count, schemes: z.array(z.object({ id: z.string(), poolOwner: z.number().int() })) }),
    model: z.object({}),
    reserveThreshold: z.number(),
    currency: z.string(),
    provenance: z.object({}),
  })
  .refine((m) => m.from <= m.to && m.to <= m.paths, { path: ['to'] });

/** A shard's meta.json, checked: a damaged or foreign one is bad input, not a crash. */
function readShardMeta(dir: string): ShardMeta {
  const file = join(dir, 'meta.json');
  const notAShard = (place: string, what: string) => new ScenarioError({ file: place }, undefined, messages.notAShard(what));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw notAShard(dir, existsSync(file) ? `cannot read its meta.json (${errorCode(e)})` : 'it has no meta.json');
  }
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch {
    throw notAShard(file, 'meta.json is not valid JSON: the shard is damaged');
  }
  const checked = shardMetaSchema.safeParse(meta);
  if (!checked.success) throw notAShard(file, `meta.json has no valid ${formatKeyPath(checked.error.issues[0].path as KeyPath) || 'content'}: the shard is damaged`);
  return meta as ShardMeta;
}

function readShardValues(dir: string): Buffer {
  const file = join(dir, 'values.bin');
  try {
    return readFileSync(file);
  } catch (e) {
    throw new ScenarioError({ file }, undefined, messages.notAShard(`cannot read values.bin (${errorCode(e)}): the shard is incomplete`));
  }
}

export async function mergeCommand(inputs: string[], out: string, options: { lang: Lang; charts: boolean }): Promise<{ dir: string; paths: number }> {
  const shards = inputs.flatMap(shardFolders).map((dir) => ({ dir, meta: readShardMeta(dir) })).sort((a, b) => a.meta.from - b.meta.from);
  const first = shards[0].meta;
  const size = valuesPerPath(first.layout);
  let expected = 0;
  // Everything but the path range must be the same: the scenario and every file it extends, the
  // data tables, the tool, the seed, the number of paths, the model and the threshold.
  const run = (m: ShardMeta) => {
    const { node: _node, ...provenance } = m.provenance;
    return JSON.stringify({ ...m, from: 0, to: 0, provenance });
  };
  for (const { dir, meta } of shards) {
    if (run(meta) !== run(first)) throw new ScenarioError({ file: dir }, undefined, 'this shard is of another run (scenario files, data tables, tool version, seed, paths, model or reserve threshold differ)');
    if (meta.from !== expected) throw new ScenarioError({ file: dir }, undefined, `shards do not cover the paths without gap or overlap: expected one starting at path ${expected}`);
    expected = meta.to;
  }
  if (expected !== first.paths) throw new ScenarioError({ file: inputs.join(', ') }, undefined, `the shards cover paths 0-${expected - 1} of ${first.paths}: some are missing`);
  const values = new Float64Array(first.paths * size);
  for (const { dir, meta } of shards) {
    const bytes = readShardValues(dir);
    if (bytes.byteLength !== (meta.to - meta.from) * size * 8) throw new ScenarioError({ file: join(dir, 'values.bin') }, undefined, `holds ${bytes.byteLength} bytes, not the ${(meta.to - meta.from) * size * 8} of paths ${meta.from}-${meta.to - 1}: the shard is incomplete or damaged`);
    values.set(new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8), meta.from * size);
  }
  const { from: _from, to: _to, ...rest } = first;
  writeReportFolder(out, await outputFiles(rest, values, options));
  return { dir: out, paths: first.paths };
}


/**
 * The command line (yargs): run · calibrate · compare · sensitivity · stochastic · merge · watch ·
 * explore · verify · validate · schema. Thin: it parses arguments, calls the
 * pipeline, prints, and maps errors to exit codes (2 for bad input, 1 for internal failure).
 */
import yargs from 'yargs';
import { formatScenarioError, isScenarioError } from '../scenario/errors.js';
import { ScenarioError } from '../scenario/errors.js';
import { displayPathOf, loadScenario } from '../scenario/load.js';
import type { LoadOptions } from '../scenario/load.js';
import { buildAssumptions } from '../assumptions/build.js';
import { tableFiles } from '../assumptions/table-files.js';
import { scenarioJsonSchema } from '../scenario/json-schema.js';
import { calibrationOf, defaultReportDir, projectScenario, registerOf, writeReport } from '../pipeline.js';
import { registerTerminal } from '../report/register-html.js';
import { checkRangeEnds } from '../register/effects.js';
import { calibrationTable } from '../report/calibration.js';
import type { Lang } from '../report/charts/labels.js';
import { jsonSummary } from '../report/json.js';
import { terminalSummary } from '../report/terminal.js';
import { TOOL_VERSION } from '../version.js';
import { compareCommand } from './compare.js';
import { exploreCommand } from './explore.js';
import type { ExploreOptions } from './explore.js';
import type { CompareOptions } from './compare.js';
import { LIMIT_OPTIONS, LOAD_OPTIONS, UsageError, loadOptionsOf, reportOptions } from './options.js';
import { escapeControl } from '../text/control.js';
import { verifyReport } from './verify.js';
import { checkYears } from './checks.js';
import { watchEventLines, watchScenario } from './watch.js';
import { EXACT_OPTION, mergeCommand, progressBar, stochasticCommand } from './stochastic.js';
import { sensitivityCommand } from './sensitivity.js';
import { DEFAULT_SHOCKS } from '../sensitivity/shocks.js';
import type { StochasticOptions } from './stochastic.js';
import type { WatchOptions } from './watch.js';
import { ProjectionError } from '../engine/check.js';
import { messages } from '../messages.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;
/** `verify`: the report's inputs or outputs differ from a new run. */
export const EXIT_NOT_VERIFIED = 3;

export async function main(argv: string[], terminal: Io = processIo): Promise<number> {
  // Every text shown passes through here: a scenario's title, keys or paths cannot reach the
  // terminal with the control characters that retitle a window or clear a screen.
  const io = escapingIo(terminal);
  const onTerminal = terminal === processIo;
  let code = EXIT_OK;
  const parser = yargs(argv)
    .scriptName('coverage-sim')
    .usage('$0 <command> [options]\n\nActuarial projection of social security schemes from scenario files.')
    .command(
      'run <scenario>',
      'Project a scenario and write reports/<id>/: summary.csv, detail.csv, measures.csv, scenario.resolved.yaml, the charts and report.html',
      (y) =>
        y
          .positional('scenario', SCENARIO_FILE)
          .option('out', { type: 'string', describe: 'Write the report to this folder instead of reports/<id>/' })
          .option('json', { type: 'boolean', default: false, describe: 'Print the summary as JSON on stdout' })
          .option('calibration', { type: 'boolean', default: false, describe: 'Also compare published aggregates, each rolled forward to the first projection year, with the model there (calibration.csv)' })
          .option('targets', { type: 'string', describe: 'Calibration targets (CSV; default data/calibration/perkeso-published.csv)' })
          .option('pyramid-years', { type: 'string', describe: 'Years of the population pyramids, one or two, comma-separated (default: the first year with registered persons and 25 years on)' })
          .options(reportOptions('the charts and report.html'))
          .options(LOAD_OPTIONS),
      async (args) => {
        const pyramidYears = args.pyramidYears?.split(',').map((y) => Number(y.trim()));
        code = await runCommand(args.scenario, { out: args.out, json: args.json, calibration: args.calibration || args.targets !== undefined, targets: args.targets, lang: args.lang, charts: args.charts, load: loadOptionsOf(args), pyramidYears }, io);
      },
    )
    .command(
      'calibrate <scenario>',
      'Project a scenario and compare published aggregates, each rolled forward to the first projection year by a sourced factor, with the model there; writes reports/<id>/ with the CSVs, calibration.csv, the charts and report.html',
      (y) =>
        y
          .positional('scenario', SCENARIO_FILE)
          .option('out', { type: 'string', describe: 'Write the report to this folder instead of reports/<id>/' })
          .option('targets', { type: 'string', describe: 'Calibration targets (CSV; default data/calibration/perkeso-published.csv)' })
          .options(reportOptions('the charts and report.html'))
          .options(LOAD_OPTIONS),
      async (args) => {
        code = await runCommand(args.scenario, { out: args.out, json: false, calibration: true, targets: args.targets, calibrationOnly: true, lang: args.lang, charts: args.charts, load: loadOptionsOf(args) }, io);
      },
    )
    .command(
      'compare <baseline> <options..>',
      'Project a baseline and options; write reports/compare-<ids>/ with every measure side by side and each option\'s difference from the baseline',
      (y) =>
        y
          .positional('baseline', { type: 'string', demandOption: true, describe: 'The baseline scenario (YAML)' })
          // No default (yargs would show "[default: []]"): `<options..>` already demands one.
          .positional('options', { type: 'string', array: true, default: undefined, describe: 'The option scenarios, each compared with the baseline' })
          .option('out', { type: 'string', describe: 'Write the comparison to this folder instead of reports/compare-<ids>/' })
          .option('threshold', { type: 'number', default: 0.01, describe: 'Relative difference whose first year is reported in thresholds.csv (0.01 = 1%)' })
          .option('jobs', { type: 'number', describe: 'Project in this many worker threads (default 1: on two cores this thread is faster)' })
          .options(reportOptions('the charts and report.html'))
          .options(LOAD_OPTIONS),
      async (args) => {
        code = await compareCli([args.baseline, ...(args.options ?? [])], { out: args.out, threshold: args.threshold, jobs: args.jobs, lang: args.lang, charts: args.charts, ...loadOptionsOf(args) }, io);
      },
    )
    .command(
      'sensitivity <scenario>',
      'One-at-a-time shocks to the key assumptions and their effect on the GAP, reserve ratios and depletion year; a tornado chart and a contribution-rate × coverage grid',
      (y) =>
        y
          .positional('scenario', SCENARIO_FILE)
          .option('out', { type: 'string', describe: 'Output folder (default reports/<id>-sensitivity/)' })
          .option('years', { type: 'string', describe: 'Years whose reserve ratio is reported, comma-separated (default: 10 and 25 years on)' })
          .option('return-shock', { type: 'number', default: DEFAULT_SHOCKS.investmentReturn, describe: 'Shock to the investment return and the discount rate with it, down and up, in absolute points (0.01 = one percentage point)' })
          .option('wage-shock', { type: 'number', default: DEFAULT_SHOCKS.wageGrowth, describe: 'Shock to nominal wage growth each year, down and up, in absolute points (0.01 = one percentage point)' })
          .option('incidence-shock', { type: 'number', default: DEFAULT_SHOCKS.incidence, describe: 'Shock to each incidence rate in turn, down and up, relative (0.2 = ±20%)' })
          .option('mortality-shock', { type: 'number', default: DEFAULT_SHOCKS.mortality, describe: 'Shock to every mortality rate, down and up, relative (0.1 = ±10%)' })
          .option('coverage-shock', { type: 'number', default: DEFAULT_SHOCKS.coverage, describe: 'Shift of the coverage of every covered group, down and up, in absolute points of the share (0.1 = ±10 points)' })
          .option('compliance-shock', { type: 'number', default: DEFAULT_SHOCKS.compliance, describe: 'Shift of compliance and contribution density, down and up, in absolute points of the share (0.1 = ±10 points)' })
          .option('exchange-shock', { type: 'number', default: DEFAULT_SHOCKS.exchangeRate, describe: 'Shock to the exchange rate of wages paid in a foreign currency, down and up, relative (0.1 = ±10%); only when a group is paid in one' })
          .option('workers', { type: 'number', default: 1, describe: 'Worker threads for the shocks and grid points (each loads the scenario)' })
          .options(reportOptions('the tornado charts and the heat map'))
          .options(LOAD_OPTIONS),
      async (args) => {
        try {
          const sizes = {
            investmentReturn: args.returnShock,
            wageGrowth: args.wageShock,
            incidence: args.incidenceShock,
            mortality: args.mortalityShock,
            coverage: args.coverageShock,
            compliance: args.complianceShock,
            exchangeRate: args.exchangeShock,
          };
          const years = args.years ? args.years.split(',').map((y) => Number(y.trim())) : undefined;
          const { dir, shocks, seconds, text } = await sensitivityCommand(args.scenario, { out: args.out, sizes, years, lang: args.lang, charts: args.charts, workers: args.workers, ...loadOptionsOf(args) });
          io.stdout(`${text}\n${shocks} shocks projected in ${seconds.toFixed(2)} s; written to ${displayPathOf(dir)}\n`);
        } catch (e) {
          code = reportFailure(e, io);
        }
      },
    )
    .command(
      'stochastic <scenario>',
      'Monte Carlo paths from the scenario\'s stochastic block: percentiles, probabilities of depletion and of a low reserve by year, fan charts, per-path summaries',
      (y) =>
        y
          .positional('scenario', SCENARIO_FILE)
          .option('out', { type: 'string', describe: 'Output folder (default reports/<id>-stochastic/)' })
          .option('paths', { type: 'number', describe: 'Number of paths (default: stochastic.paths)' })
          .option('seed', { type: 'number', describe: 'Seed (default: stochastic.seed)' })
          .option('workers', { type: 'number', default: 1, describe: 'Worker threads' })
          .option('exact', EXACT_OPTION)
          .option('shard', { type: 'string', describe: 'Run only shard i of n (i/n, from 0): writes mergeable per-path results' })
          .option('reserve-threshold', { type: 'number', default: 1, describe: 'Reserve ratio, in years of outgo, whose undershoot is counted by year' })
          .option('json', { type: 'boolean', default: false, describe: 'Print a JSON summary on stdout' })
          .options(reportOptions('the fan charts'))
          .options(LOAD_OPTIONS),
      async (args) => {
        const options = { out: args.out, paths: args.paths, seed: args.seed, workers: args.workers, shard: args.shard, reserveThreshold: args.reserveThreshold, exact: args.exact, lang: args.lang, charts: args.charts, ...loadOptionsOf(args) };
        code = await stochasticCli(args.scenario, options, { json: args.json, progressBar: onTerminal && !args.json }, io);
      },
    )
    .command(
      'merge <shards..>',
      'Merge the shards of a stochastic run (folders shard-<i>-of-<n>, or folders holding them) into exactly the output of a single run',
      (y) =>
        y
          // No default (yargs would show "[default: []]"): `<shards..>` already demands one.
          .positional('shards', { type: 'string', array: true, default: undefined, describe: 'Shard folders (shard-<i>-of-<n>, written by stochastic --shard i/n), or folders holding them' })
          .option('out', { type: 'string', demandOption: true, describe: 'Output folder' })
          .options(reportOptions('the fan charts'))
          // Shards may come from elsewhere: each meta.json is read within the limit of a scenario
          // file, and the merged run within the path-years limit (paths × years × schemes).
          .options({ 'max-yaml-mb': LIMIT_OPTIONS['max-yaml-mb'], 'max-path-years': LIMIT_OPTIONS['max-path-years'] }),
      async (args) => {
        try {
          const { yamlBytes, pathYears } = loadOptionsOf({ maxYamlMb: args.maxYamlMb, maxPathYears: args.maxPathYears, maxTableMb: 0, maxCells: 0 }).limits ?? {};
          const { dir, paths } = await mergeCommand(args.shards ?? [], args.out, { lang: args.lang, charts: args.charts, limits: { yamlBytes, pathYears } });
          io.stdout(`merged ${paths} paths into ${displayPathOf(dir)}\n`);
        } catch (e) {
          code = reportFailure(e, io);
        }
      },
    )
    .command(
      'watch <scenario>',
      'Project a scenario and write its report (the CSVs, the charts and report.html), then again whenever the scenario or a data table it reads changes, printing the headline numbers and what changed (Ctrl-C to stop)',
      (y) =>
        y
          .positional('scenario', SCENARIO_FILE)
          .option('out', { type: 'string', describe: 'Write the report to this folder instead of reports/<id>/' })
          .option('lang', reportOptions('the charts and report.html').lang)
          .option('serve', { type: 'boolean', default: false, describe: 'Serve the report folder on 127.0.0.1 (this machine only); an open report.html reloads after each run' })
          .option('port', { type: 'number', describe: 'Port of --serve (default 8765; 0: any free port)' })
          .options(LOAD_OPTIONS),
      async (args) => {
        if (args.port !== undefined && !args.serve) throw new UsageError('--port is the port of --serve: add --serve');
        const port = args.port ?? 8765;
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number from 0 to 65535, got ${port}`);
        const serve = args.serve ? { port } : undefined;
        code = await watchCommand(args.scenario, { out: args.out, lang: args.lang, serve, ...loadOptionsOf(args) }, io);
      },
    )
    .command(
      'verify <report>',
      'Re-run a report folder from its scenario.resolved.yaml and check its data hashes, CSVs and report.xlsx (exit 3 if anything differs)',
      (y) =>
        y
          .positional('report', { type: 'string', demandOption: true, describe: 'A report folder, e.g. reports/baseline-2025' })
          // The tables are read from the project, the report folder and the --allow-path folders
          // only: never from where the report's own provenance says (it may come from elsewhere).
          .options(LOAD_OPTIONS),
      async (args) => {
        code = await verifyCommand(args.report, loadOptionsOf(args), io);
      },
    )
    .command(
      'validate <files..>',
      'Check scenario files (schema, references, data tables) without projecting',
      (y) =>
        y
          // No default (yargs would show "[default: []]"): `<files..>` already demands one.
          .positional('files', { type: 'string', array: true, default: undefined, describe: 'Scenario YAML files' })
          .options(LOAD_OPTIONS),
      (args) => {
        code = validateCommand(args.files ?? [], loadOptionsOf(args), io);
      },
    )
    .command(
      'explore <scenario>',
      'Write explore.html: one self-contained page (no network) with sliders that re-project the scenario in the browser, and copy the settings as a scenario file',
      (y) =>
        y
          .positional('scenario', SCENARIO_FILE)
          .option('out', { type: 'string', describe: 'Write explore.html to this folder instead of reports/explore-<id>/' })
          .option('lang', { choices: ['en', 'ms'] as const, default: 'en' as const, describe: 'Language the page opens in: en (English) or ms (Malay); the page switches between them' })
          .options(LOAD_OPTIONS),
      async (args) => {
        code = exploreCli(args.scenario, { out: args.out, lang: args.lang, load: loadOptionsOf(args) }, io);
      },
    )
    .command(
      'schema',
      'Print the JSON Schema of scenario files (for editor autocompletion)',
      (y) => y,
      () => {
        io.stdout(jsonText(scenarioJsonSchema(), 2) + '\n');
      },
    )
    .demandCommand(1, 'Name a command: run, calibrate, compare, sensitivity, stochastic, merge, watch, explore, verify, validate or schema.')
    .strict()
    .version(TOOL_VERSION)
    .help()
    .exitProcess(false)
    .fail((message, error) => {
      // A failed check of the arguments must stop here: with exitProcess(false) yargs would
      // otherwise go on to run the command with what it could parse.
      if (error && !isArgumentError(error)) throw error;
      throw new UsageError(clearerUsage(message || (error?.message ?? ''), argv));
    });
  try {
    await parser.parseAsync(argv, {}, (_err, _argv, output) => {
      if (output) io.stdout(output + '\n');
    });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n${messages.usageHint(commandOf(argv))}\n`);
      return EXIT_BAD_INPUT;
    }
    return reportFailure(e, io);
  }
  return code;
}

const SCENARIO_FILE = { type: 'string', demandOption: true, describe: 'Scenario YAML file' } as const;

/** What each command cannot run without, for the message when it is missing. */
const NEEDS: Record<string, string> = {
  run: 'a scenario file',
  calibrate: 'a scenario file',
  compare: 'a baseline scenario and at least one option',
  sensitivity: 'a scenario file',
  stochastic: 'a scenario file',
  watch: 'a scenario file',
  explore: 'a scenario file',
  merge: 'one or more shard folders',
  verify: 'a report folder',
  validate: 'one or more scenario files',
};

/** The command named on the command line (the first word that is not an option). */
function commandOf(argv: readonly string[]): string | undefined {
  const word = argv.find((a) => !a.startsWith('-'));
  return word !== undefined && Object.hasOwn(NEEDS, word) ? word : undefined;
}

/** yargs only counts missing positionals ("got 0, need at least 1"): say what is missing. */
function clearerUsage(message: string, argv: readonly string[]): string {
  const command = commandOf(argv);
  if (command && message.startsWith('Not enough non-option arguments')) return messages.missingArgument(command, NEEDS[command]);
  return message;
}

/** yargs' own failures (a bad value, an unknown option) and our checks of values, as against a failure of the code. */
function isArgumentError(error: Error): boolean {
  return error instanceof UsageError || error.name === 'YError';
}

/** What the user sees, with control characters shown as escapes (`\x1b`) rather than obeyed. */
function escapingIo(io: Io): Io {
  return { stdout: (text) => io.stdout(escapeControl(text)), stderr: (text) => io.stderr(escapeControl(text)) };
}

/**
 * JSON for stdout. JSON.stringify escapes the C0 controls but leaves DEL and the C1 range
 * (U+007F-U+009F) raw, which escapingIo would turn into `\x9b`, not JSON: they are written as
 * JSON's own `\u009b` first.
 */
function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface RunOptions {
  out?: string;
  json: boolean;
  calibration: boolean;
  targets?: string;
  /** Print the calibration table only (the calibrate command). */
  calibrationOnly?: boolean;
  lang: Lang;
  charts: boolean;
  load: LoadOptions;
  /** Years of the population pyramids (--pyramid-years). */
  pyramidYears?: number[];
}

async function runCommand(file: string, options: RunOptions, io: Io): Promise<number> {
  try {
    const result = projectScenario(file, options.load);
    const calibration = options.calibration ? calibrationOf(result, options.targets) : undefined;
    const dir = options.out ?? defaultReportDir(result);
    if (options.pyramidYears) {
      if (options.pyramidYears.length > 2) throw new ScenarioError({ file: '--pyramid-years' }, 'pyramid-years', 'give one or two years');
      checkYears(options.pyramidYears, result.assumptions.startYear, result.assumptions.endYear, '--pyramid-years');
    }
    const register = registerOf(result);
    const { replaced } = await writeReport(result, dir, { lang: options.lang, calibration, charts: options.charts, pyramidYears: options.pyramidYears, register });
    const shown = displayPathOf(dir);
    if (options.json) {
      io.stdout(jsonText(jsonSummary(result.loaded.scenario.scenario.id, result.projection, result.measures)) + '\n');
      return EXIT_OK;
    }
    if (!options.calibrationOnly) {
      const schemes = new Map(result.projection.schemes.map((s) => [s.id, s.label.en]));
      const groups = new Map(result.assumptions.groups.map((g) => [g.id, g.label.en]));
      const dependsOn = registerTerminal({ lang: 'en', register: result.loaded.register, effects: register.effects, base: register.base, schemeLabel: (id) => schemes.get(id) ?? id, groupLabel: (id) => groups.get(id) ?? id });
      io.stdout(terminalSummary(result.loaded.scenario.scenario.title, result.assumptions.currency, result.projection, result.measures, shown, dependsOn));
    }
    if (calibration) io.stdout((options.calibrationOnly ? '' : '\n') + calibrationTable(calibration) + (options.calibrationOnly ? `\nReport written to ${shown}\n` : ''));
    if (replaced) io.stdout(`(replaced the previous report in ${shown})\n`);
    return EXIT_OK;
  } catch (e) {
    return reportFailure(e, io);
  }
}

function exploreCli(file: string, options: ExploreOptions, io: Io): number {
  try {
    io.stdout(exploreCommand(file, options));
    return EXIT_OK;
  } catch (e) {
    return reportFailure(e, io);
  }
}

async function compareCli(files: string[], options: CompareOptions, io: Io): Promise<number> {
  try {
    const { text } = await compareCommand(files, options);
    io.stdout(text);
    return EXIT_OK;
  } catch (e) {
    return reportFailure(e, io);
  }
}

async function stochasticCli(file: string, options: StochasticOptions, output: { json: boolean; progressBar: boolean }, io: Io): Promise<number> {
  const { json } = output;
  // A progress bar on a terminal only: not in --json mode, not into a pipe or a file. It writes
  // to process.stderr itself, its \r being the point.
  const progress = output.progressBar && process.stderr.isTTY === true ? progressBar((text) => process.stderr.write(text)) : undefined;
  try {
    const started = performance.now();
    const { dir, paths, from, to, text, details } = await stochasticCommand(file, { ...options, progress });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    // Besides where and how long: the probabilities and percentiles at milestone years (not for a shard).
    if (json) io.stdout(jsonText({ output: dir, paths, from, to, seconds: Number(seconds), ...(details ?? {}) }) + '\n');
    else io.stdout(`${text ? `${text}\n` : ''}${options.shard ? `shard ${options.shard}: paths ${from}-${to - 1} of ${paths}` : `${paths} paths`} in ${seconds} s, written to ${displayPathOf(dir)}\n`);
    return EXIT_OK;
  } catch (e) {
    return reportFailure(e, io);
  }
}

/**
 * Runs until interrupted, printing for every run the headline numbers and what changed since
 * the previous one, then where the report was written (and, with --serve, where it is served).
 */
function watchCommand(file: string, options: WatchOptions, io: Io): Promise<number> {
  return new Promise((done) => {
    let finished = false;
    const finish = (code: number) => {
      if (finished) return;
      finished = true;
      process.off('SIGINT', interrupted);
      void watcher.stop().then(() => done(code));
    };
    const interrupted = () => finish(EXIT_OK);
    const watcher = watchScenario(file, options, (event) => {
      if (event.kind === 'error') {
        reportFailure(event.error, io);
      } else if (event.kind === 'serve-error') {
        const code = (event.error as { code?: string }).code;
        const why = code === 'EADDRINUSE' ? 'the port is in use; choose another with --port' : code === 'EACCES' ? 'not allowed to use this port; choose another with --port' : String((event.error as Error).message ?? event.error);
        io.stderr(`error: cannot serve the report on 127.0.0.1:${options.serve?.port}: ${why}\n`);
        finish(EXIT_BAD_INPUT);
      } else {
        const lines = watchEventLines(event, displayPathOf);
        if (lines.length > 0) io.stdout(lines.join('\n') + '\n');
      }
    });
    process.once('SIGINT', interrupted);
  });
}

async function verifyCommand(folder: string, options: LoadOptions, io: Io): Promise<number> {
  try {
    const { lines, identical } = await verifyReport(folder, options);
    io.stdout(lines.join('\n') + '\n');
    return identical ? EXIT_OK : EXIT_NOT_VERIFIED;
  } catch (e) {
    return reportFailure(e, io);
  }
}

function validateCommand(files: string[], options: LoadOptions, io: Io): number {
  let code = EXIT_OK;
  for (const file of files) {
    try {
      const loaded = loadScenario(file, options);
      buildAssumptions(loaded, tableFiles());
      // Each end of every range is built as run will project it.
      checkRangeEnds(loaded);
      io.stdout(`${file}: valid\n`);
    } catch (e) {
      code = Math.max(code, reportFailure(e, io));
    }
  }
  return code;
}

function reportFailure(e: unknown, io: Io): number {
  if (e instanceof ProjectionError) {
    io.stderr(`error: ${messages.notFiniteOutput(e.message)}\n`);
    return EXIT_BAD_INPUT;
  }
  if (isScenarioError(e)) {
    const all: ScenarioError[] = [e, ...((e as { others?: ScenarioError[] }).others ?? [])];
    for (const error of all) io.stderr(`error: ${formatScenarioError(error)}\n`);
    return EXIT_BAD_INPUT;
  }
  io.stderr(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return EXIT_INTERNAL;
}

/**
 * The command line (yargs): run · calibrate · compare · sensitivity · stochastic · merge · watch ·
 * verify · validate · schema. Thin: it parses arguments, calls the
 * pipeline, prints, and maps errors to exit codes (2 for bad input, 1 for internal failure).
 */
import yargs from 'yargs';
import { formatScenarioError, isScenarioError } from '../scenario/errors.js';
import type { ScenarioError } from '../scenario/errors.js';
import { displayPathOf, loadScenario } from '../scenario/load.js';
import type { LoadOptions } from '../scenario/load.js';
import { buildAssumptions } from '../assumptions/build.js';
import { scenarioJsonSchema } from '../scenario/schema.js';
import { calibrationOf, defaultReportDir, projectScenario, writeReport } from '../pipeline.js';
import { calibrationTable } from '../report/calibration.js';
import type { Lang } from '../report/charts/labels.js';
import { jsonSummary } from '../report/json.js';
import { terminalSummary } from '../report/terminal.js';
import { TOOL_VERSION } from '../version.js';
import { compareCommand } from './compare.js';
import { verifyReport } from './verify.js';
import { watchScenario } from './watch.js';
import { mergeCommand, stochasticCommand } from './stochastic.js';
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

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code = EXIT_OK;
  const parser = yargs(argv)
    .scriptName('coverage-sim')
    .usage('$0 <command> [options]\n\nActuarial projection of social security schemes from scenario files.')
    .option('allow-path', { type: 'string', array: true, describe: 'A folder data tables may be read from besides the project and the scenario\'s folder (repeatable)' })
    .command(
      'run <scenario>',
      'Project a scenario and write reports/<id>/ (summary.csv, detail.csv, measures.csv, scenario.resolved.yaml)',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
          .option('out', { type: 'string', describe: 'Write the report to this folder instead of reports/<id>/' })
          .option('json', { type: 'boolean', default: false, describe: 'Print the summary as JSON on stdout' })
          .option('calibration', { type: 'boolean', default: false, describe: 'Also compare the first year with published aggregates (calibration.csv)' })
          .option('lang', { choices: ['en', 'ms'] as const, default: 'en' as const, describe: 'Language of the charts and report.html' })
          .option('charts', { type: 'boolean', default: true, describe: 'Write the charts and report.html (--no-charts: CSVs only)' })
          .option('targets', { type: 'string', describe: 'Calibration targets (CSV; default data/calibration/perkeso-published.csv)' }),
      async (args) => {
        code = await runCommand(args.scenario, { out: args.out, json: args.json, calibration: args.calibration || args.targets !== undefined, targets: args.targets, allowPaths: args.allowPath, lang: args.lang, charts: args.charts }, io);
      },
    )
    .command(
      'calibrate <scenario>',
      'Project a scenario and compare its first year with published aggregates; writes reports/<id>/ with calibration.csv',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
          .option('out', { type: 'string', describe: 'Write the report to this folder instead of reports/<id>/' })
          .option('targets', { type: 'string', describe: 'Calibration targets (CSV; default data/calibration/perkeso-published.csv)' })
          .option('lang', { choices: ['en', 'ms'] as const, default: 'en' as const, describe: 'Language of the charts and report.html' })
          .option('charts', { type: 'boolean', default: true, describe: 'Write the charts and report.html (--no-charts: CSVs only)' }),
      async (args) => {
        code = await runCommand(args.scenario, { out: args.out, json: false, calibration: true, targets: args.targets, calibrationOnly: true, allowPaths: args.allowPath, lang: args.lang, charts: args.charts }, io);
      },
    )
    .command(
      'compare <scenarios..>',
      'Project a baseline and options; write reports/compare-<ids>/ with every measure side by side and each option\'s difference from the baseline',
      (y) =>
        y
          .positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'The baseline scenario first, then the options' })
          .option('out', { type: 'string', describe: 'Write the comparison to this folder' })
          .option('threshold', { type: 'number', default: 0.01, describe: 'Relative difference whose first year is reported in thresholds.csv' })
          .option('jobs', { type: 'number', describe: 'Project in this many worker threads (default 1: on two cores this thread is faster)' })
          .option('lang', { choices: ['en', 'ms'] as const, default: 'en' as const, describe: 'Language of the charts and report.html' })
          .option('charts', { type: 'boolean', default: true, describe: 'Write the charts and report.html (--no-charts: CSVs only)' }),
      async (args) => {
        code = await compareCli(args.scenarios as string[], { out: args.out, threshold: args.threshold, jobs: args.jobs, allowPaths: args.allowPath, lang: args.lang, charts: args.charts }, io);
      },
    )
    .command(
      'sensitivity <scenario>',
      'One-at-a-time shocks to the key assumptions and their effect on the GAP, reserve ratios and depletion year; a tornado chart and a contribution-rate × coverage grid',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
          .option('out', { type: 'string', describe: 'Output folder (default reports/<id>-sensitivity/)' })
          .option('years', { type: 'string', describe: 'Years whose reserve ratio is reported, comma-separated (default: 10 and 25 years on)' })
          .option('return-shock', { type: 'number', default: DEFAULT_SHOCKS.investmentReturn })
          .option('wage-shock', { type: 'number', default: DEFAULT_SHOCKS.wageGrowth })
          .option('incidence-shock', { type: 'number', default: DEFAULT_SHOCKS.incidence })
          .option('mortality-shock', { type: 'number', default: DEFAULT_SHOCKS.mortality })
          .option('coverage-shock', { type: 'number', default: DEFAULT_SHOCKS.coverage })
          .option('compliance-shock', { type: 'number', default: DEFAULT_SHOCKS.compliance })
          .option('exchange-shock', { type: 'number', default: DEFAULT_SHOCKS.exchangeRate })
          .option('workers', { type: 'number', default: 1, describe: 'Worker threads for the shocks and grid points (each loads the scenario)' })
          .option('lang', { choices: ['en', 'ms'] as const, default: 'en' as const })
          .option('charts', { type: 'boolean', default: true }),
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
          const { dir, shocks, seconds } = await sensitivityCommand(args.scenario, { out: args.out, sizes, years, lang: args.lang, charts: args.charts, workers: args.workers, allowPaths: args.allowPath });
          io.stdout(`${shocks} shocks projected in ${seconds.toFixed(2)} s; written to ${displayPathOf(dir)}\n`);
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
          .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
          .option('out', { type: 'string', describe: 'Output folder (default reports/<id>-stochastic/)' })
          .option('paths', { type: 'number', describe: 'Number of paths (default: stochastic.paths)' })
          .option('seed', { type: 'number', describe: 'Seed (default: stochastic.seed)' })
          .option('workers', { type: 'number', default: 1, describe: 'Worker threads' })
          .option('shard', { type: 'string', describe: 'Run only shard i of n (i/n, from 0): writes mergeable per-path results' })
          .option('reserve-threshold', { type: 'number', default: 1, describe: 'Reserve ratio whose undershoot is counted by year' })
          .option('lang', { choices: ['en', 'ms'] as const, default: 'en' as const })
          .option('charts', { type: 'boolean', default: true, describe: 'Fan charts (--no-charts: CSVs only)' })
          .option('json', { type: 'boolean', default: false, describe: 'Print a JSON summary on stdout' }),
      async (args) => {
        code = await stochasticCli(args.scenario, { out: args.out, paths: args.paths, seed: args.seed, workers: args.workers, shard: args.shard, reserveThreshold: args.reserveThreshold, lang: args.lang, charts: args.charts, allowPaths: args.allowPath }, args.json, io);
      },
    )
    .command(
      'merge <shards..>',
      'Merge the shards of a stochastic run (folders shard-<i>-of-<n>, or folders holding them) into exactly the output of a single run',
      (y) =>
        y
          .positional('shards', { type: 'string', array: true, demandOption: true })
          .option('out', { type: 'string', demandOption: true, describe: 'Output folder' })
          .option('lang', { choices: ['en', 'ms'] as const, default: 'en' as const })
          .option('charts', { type: 'boolean', default: true }),
      async (args) => {
        try {
          const { dir, paths } = await mergeCommand(args.shards as string[], args.out, { lang: args.lang, charts: args.charts });
          io.stdout(`merged ${paths} paths into ${displayPathOf(dir)}\n`);
        } catch (e) {
          code = reportFailure(e, io);
        }
      },
    )
    .command(
      'watch <scenario>',
      'Project a scenario and write its report, then again whenever the scenario or a data table it reads changes (Ctrl-C to stop)',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
          .option('out', { type: 'string', describe: 'Write the report to this folder instead of reports/<id>/' })
          .option('lang', { choices: ['en', 'ms'] as const, default: 'en' as const, describe: 'Language of the charts and report.html' }),
      async (args) => {
        code = await watchCommand(args.scenario, { out: args.out, lang: args.lang, allowPaths: args.allowPath }, io);
      },
    )
    .command(
      'verify <report>',
      'Re-run a report folder from its scenario.resolved.yaml and check its data hashes and CSVs (exit 3 if anything differs)',
      (y) => y.positional('report', { type: 'string', demandOption: true, describe: 'A report folder, e.g. reports/baseline-2025' }),
      (args) => {
        code = verifyCommand(args.report, io);
      },
    )
    .command(
      'validate <files..>',
      'Check scenario files (schema, references, data tables) without projecting',
      (y) => y.positional('files', { type: 'string', array: true, demandOption: true }),
      (args) => {
        code = validateCommand(args.files as string[], { allowPaths: args.allowPath }, io);
      },
    )
    .command(
      'schema',
      'Print the JSON Schema of scenario files (for editor autocompletion)',
      (y) => y,
      () => {
        io.stdout(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
      },
    )
    .demandCommand(1, 'Name a command: run, calibrate, compare, sensitivity, stochastic, merge, watch, verify, validate or schema.')
    .strict()
    .version(TOOL_VERSION)
    .help()
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      io.stderr(`${message}\nRun coverage-sim --help for the commands.\n`);
      code = EXIT_BAD_INPUT;
    });
  try {
    await parser.parseAsync(argv, {}, (_err, _argv, output) => {
      if (output) io.stdout(output + '\n');
    });
  } catch (e) {
    return reportFailure(e, io);
  }
  return code;
}

interface RunOptions {
  out?: string;
  json: boolean;
  calibration: boolean;
  targets?: string;
  /** Print the calibration table only (the calibrate command). */
  calibrationOnly?: boolean;
  allowPaths?: string[];
  lang: Lang;
  charts: boolean;
}

async function runCommand(file: string, options: RunOptions, io: Io): Promise<number> {
  try {
    const result = projectScenario(file, { allowPaths: options.allowPaths });
    const calibration = options.calibration ? calibrationOf(result, options.targets) : undefined;
    const dir = options.out ?? defaultReportDir(result);
    const { replaced } = await writeReport(result, dir, { lang: options.lang, calibration, charts: options.charts });
    const shown = displayPathOf(dir);
    if (options.json) {
      io.stdout(JSON.stringify(jsonSummary(result.loaded.scenario.scenario.id, result.projection, result.measures)) + '\n');
      return EXIT_OK;
    }
    if (!options.calibrationOnly) io.stdout(terminalSummary(result.loaded.scenario.scenario.title, result.assumptions.currency, result.projection, result.measures, shown));
    if (calibration) io.stdout((options.calibrationOnly ? '' : '\n') + calibrationTable(calibration) + (options.calibrationOnly ? `\nReport written to ${shown}\n` : ''));
    if (replaced) io.stdout(`(replaced the previous report in ${shown})\n`);
    return EXIT_OK;
  } catch (e) {
    return reportFailure(e, io);
  }
}

async function compareCli(files: string[], options: { out?: string; threshold: number; jobs?: number; allowPaths?: string[]; lang: Lang; charts: boolean }, io: Io): Promise<number> {
  if (files.length < 2) {
    io.stderr('compare needs a baseline and at least one option\n');
    return EXIT_BAD_INPUT;
  }
  try {
    const { text } = await compareCommand(files, options);
    io.stdout(text);
    return EXIT_OK;
  } catch (e) {
    return reportFailure(e, io);
  }
}

async function stochasticCli(file: string, options: StochasticOptions, json: boolean, io: Io): Promise<number> {
  // A progress bar on a terminal only: not in --json mode, not into a pipe or a file.
  const tty = !json && process.stderr.isTTY === true && io === processIo;
  const progress = tty
    ? (done: number, total: number) => {
        const width = 30;
        const filled = Math.round((width * done) / total);
        process.stderr.write(`\r  paths [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
        if (done === total) process.stderr.write('\n');
      }
    : undefined;
  try {
    const started = performance.now();
    const { dir, paths, from, to } = await stochasticCommand(file, { ...options, progress });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (json) io.stdout(JSON.stringify({ output: dir, paths, from, to, seconds: Number(seconds) }) + '\n');
    else io.stdout(`${options.shard ? `shard ${options.shard}: paths ${from}-${to - 1} of ${paths}` : `${paths} paths`} in ${seconds} s, written to ${displayPathOf(dir)}\n`);
    return EXIT_OK;
  } catch (e) {
    return reportFailure(e, io);
  }
}

/** Runs until interrupted, printing a line for every run. */
function watchCommand(file: string, options: WatchOptions, io: Io): Promise<number> {
  return new Promise((done) => {
    const watcher = watchScenario(file, options, (event) => {
      const time = new Date().toTimeString().slice(0, 8);
      if (event.kind === 'run') io.stdout(`${time} report written to ${displayPathOf(event.dir!)}; watching ${event.watched.length} files\n`);
      else reportFailure(event.error, io);
    });
    process.once('SIGINT', () => {
      watcher.stop();
      done(EXIT_OK);
    });
  });
}

function verifyCommand(folder: string, io: Io): number {
  try {
    const { lines, identical } = verifyReport(folder);
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
      buildAssumptions(loadScenario(file, options));
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

/**
 * Command-line options shared by several commands, defined once: where the files a scenario
 * names may be read from and how large its inputs may be (every command that loads a scenario),
 * and the language and charts of a report. Values a user can get wrong are checked while the
 * arguments are parsed, so a bad one is a usage error (exit 2) before anything runs.
 */
import { DEFAULT_LIMITS } from '../scenario/limits.js';
import type { InputLimits } from '../scenario/limits.js';
import type { LoadOptions } from '../scenario/load.js';
import { messages } from '../messages.js';

/** A problem with the arguments themselves (reported with the usage hint, exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

// MB as limits.ts counts it (1024 × 1024 bytes), so that its defaults show as whole numbers.
const MB = 1024 * 1024;
const MILLION = 1_000_000;
/** How many of a limit's own units (bytes, cells, path-years) make one unit of its flag. */
const FLAG_UNIT: Record<keyof InputLimits, number> = { yamlBytes: MB, tableBytes: MB, cells: MILLION, pathYears: MILLION };

/** Each use of --allow-path names one folder; yargs gives a string, or an array when repeated. */
function folders(value: string | string[]): string[] {
  const list = [value].flat();
  if (list.some((folder) => folder.trim() === '')) throw new UsageError(messages.allowPathNeedsFolder());
  return list;
}

/** A limit flag: its default is the limit's default in the flag's unit, so --help shows it. */
function limitFlag(flag: string, limit: keyof InputLimits, unit: string, describe: string) {
  return {
    type: 'number',
    default: DEFAULT_LIMITS[limit] / FLAG_UNIT[limit],
    describe,
    coerce: (value: unknown) => {
      // Given twice, yargs passes an array: refused rather than guessing which one was meant.
      if (Array.isArray(value)) throw new UsageError(messages.optionGivenTwice(flag));
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
      // A word where a number belongs reaches here as NaN, which says nothing to the user.
      throw new UsageError(messages.notAPositiveLimit(flag, unit, typeof value === 'number' && !Number.isNaN(value) ? value : undefined));
    },
  } as const;
}

/** The limits on input size and work (also for `verify`, which re-runs a report under them). */
export const LIMIT_OPTIONS = {
  'max-yaml-mb': limitFlag('max-yaml-mb', 'yamlBytes', 'MB', 'Largest scenario or extends file read, in MB'),
  'max-table-mb': limitFlag('max-table-mb', 'tableBytes', 'MB', 'Largest data table read, in MB'),
  'max-cells': limitFlag('max-cells', 'cells', 'million cells', 'Largest projection, in millions of group × sex × age × year cells, summed over the schemes'),
  'max-path-years': limitFlag('max-path-years', 'pathYears', 'million path-years', 'Largest stochastic run, in millions of paths × projection years'),
} as const;

/** The options of every command that loads a scenario (`.options(LOAD_OPTIONS)`). */
export const LOAD_OPTIONS = {
  'allow-path': {
    type: 'string',
    describe: "A folder the data tables and other files a scenario names may also be read from, besides the project and the scenario's folder; one folder each time, repeat the option for more",
    coerce: folders,
  },
  ...LIMIT_OPTIONS,
} as const;

export interface LoadArgs {
  allowPath?: string[];
  maxYamlMb: number;
  maxTableMb: number;
  maxCells: number;
  maxPathYears: number;
}

/** The parsed LOAD_OPTIONS, as scenario loading takes them. */
export function loadOptionsOf(args: LoadArgs): LoadOptions {
  return {
    allowPaths: args.allowPath,
    limits: {
      yamlBytes: args.maxYamlMb * FLAG_UNIT.yamlBytes,
      tableBytes: args.maxTableMb * FLAG_UNIT.tableBytes,
      cells: args.maxCells * FLAG_UNIT.cells,
      pathYears: args.maxPathYears * FLAG_UNIT.pathYears,
    },
  };
}

/** The language of what a command draws, and whether it draws it: `what` names it ("the fan charts"). */
export function reportOptions(what: string) {
  return {
    lang: { choices: ['en', 'ms'] as const, default: 'en' as const, describe: `Language of ${what}: en (English) or ms (Malay)` },
    charts: { type: 'boolean', default: true, describe: `Write ${what} (--no-charts: CSVs only)` },
  } as const;
}

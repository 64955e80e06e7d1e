/**
 * Bounds on what a scenario file may ask of the machine: the size of each file it names, read
 * before parsing, and the work of a projection. One owner; the command line raises them with
 * flags, for those who mean it.
 */
export interface InputLimits {
  /** Largest scenario or `extends` file read, in bytes. */
  readonly yamlBytes: number;
  /** Largest data table read, in bytes. */
  readonly tableBytes: number;
  /** Largest projection: covered groups × schemes × years × sexes × ages, summed over schemes. */
  readonly cells: number;
  /** Largest stochastic run: paths × projection years. */
  readonly pathYears: number;
}

const MB = 1024 * 1024;

/** Cells of one group in one year: 2 sexes × 111 ages (engine/layout.ts, which this stage may not import). */
export const CELLS_PER_GROUP_YEAR = 2 * 111;

export const DEFAULT_LIMITS: InputLimits = {
  yamlBytes: 1 * MB,
  tableBytes: 50 * MB,
  cells: 10_000_000,
  pathYears: 10_000_000,
};

export function limitsOf(raised: Partial<InputLimits> | undefined): InputLimits {
  return { ...DEFAULT_LIMITS, ...Object.fromEntries(Object.entries(raised ?? {}).filter(([, v]) => v !== undefined)) };
}

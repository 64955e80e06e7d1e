/** Checks of command-line values shared by several commands (reported like scenario values, exit 2). */
import { ScenarioError } from '../scenario/errors.js';
import type { ShockSizes } from '../sensitivity/shocks.js';

export function checkWorkers(workers: number): void {
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= 256)) throw new ScenarioError({ file: '--workers' }, 'workers', `${workers} is not a number of worker threads: expected a whole number from 1 to 256`);
}

/** Flags of the sensitivity shocks, by size name (for messages). */
const SHOCK_FLAGS: Record<keyof ShockSizes, string> = {
  investmentReturn: '--return-shock',
  wageGrowth: '--wage-shock',
  incidence: '--incidence-shock',
  mortality: '--mortality-shock',
  coverage: '--coverage-shock',
  compliance: '--compliance-shock',
  exchangeRate: '--exchange-shock',
};

/** A shock is a positive size up to 1 (a point of interest is 0.01; a share up to the whole). */
export function checkShockSizes(sizes: ShockSizes): void {
  for (const [name, flag] of Object.entries(SHOCK_FLAGS) as Array<[keyof ShockSizes, string]>) {
    const size = sizes[name];
    if (!(Number.isFinite(size) && size > 0 && size <= 1)) throw new ScenarioError({ file: flag }, flag.slice(2), `${size} is not a shock size: expected a number above 0 and at most 1`);
  }
}

/** Years given with a flag (--years, --pyramid-years): whole years of the projection. */
export function checkYears(years: readonly number[] | undefined, startYear: number, endYear: number, flag = '--years'): void {
  for (const year of years ?? []) {
    if (!(Number.isInteger(year) && year >= startYear && year <= endYear)) throw new ScenarioError({ file: flag }, flag.slice(2), `${year} is not a year of the projection (${startYear}-${endYear})`);
  }
}

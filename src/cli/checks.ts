/** Checks of command-line values shared by several commands (reported like scenario values, exit 2). */
import { ScenarioError } from '../scenario/errors.js';

export function checkWorkers(workers: number): void {
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= 256)) throw new ScenarioError({ file: '--workers' }, 'workers', `${workers} is not a number of worker threads: expected a whole number from 1 to 256`);
}

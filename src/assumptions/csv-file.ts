/**
 * Data tables read from disk: the file within its size limit, then parsed (csv.ts).
 */
import { ScenarioError } from '../scenario/errors.js';
import { readInputFile } from '../scenario/input-file.js';
import { DEFAULT_LIMITS } from '../scenario/limits.js';
import { parseCsv } from './csv.js';
import type { CsvTable } from './csv.js';

export interface CsvReadOptions {
  /** The key that names the table, where an unreadable table is reported. */
  where?: () => ScenarioError;
  maxBytes?: number;
}

export function readCsv(file: string, displayPath: string, needed: readonly string[], optional: readonly string[] = [], options: CsvReadOptions = {}): CsvTable {
  let text: string;
  try {
    text = readInputFile(file, displayPath, 'table', options.maxBytes ?? DEFAULT_LIMITS.tableBytes);
  } catch (e) {
    const located = options.where?.();
    // Not found, not a file, too large: said at the key that names it, where the user can fix it.
    if (located && e instanceof ScenarioError && e.line === undefined) throw new ScenarioError(located, located.key, `${displayPath}: ${e.message}`);
    throw e;
  }
  return parseCsv(text, file, displayPath, needed, optional);
}

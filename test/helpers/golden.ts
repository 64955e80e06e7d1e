/** Reads a golden CSV from test/golden/ into rows of numbers and strings. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

export function readGolden(name: string): Array<Record<string, string>> {
  const path = fileURLToPath(new URL(`../golden/${name}`, import.meta.url));
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
  return parsed.data;
}

/**
 * Test scenarios: copies of a fixture folder in a temporary directory, with the YAML (and, if
 * needed, data tables) changed by the test, and helpers to run them in-process. The folders
 * are removed after each test file (temp.ts).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { projectScenario } from '../../src/pipeline.js';
import type { RunResult } from '../../src/pipeline.js';
import { tempDir } from './temp.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const PROJECT = fileURLToPath(new URL('../../', import.meta.url));

export type Yaml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A temporary folder, removed after the test file (see temp.ts). */
export { tempDir };

/** Copies `fixtures/<name>` to a temporary folder, applies `change` to its scenario.yaml, returns the new scenario path. */
export function scenarioVariant(name: string, change: (scenario: Yaml, dir: string) => void = () => {}, file = 'scenario.yaml'): string {
  const dir = tempDir();
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  const path = join(dir, file);
  const scenario = parse(readFileSync(path, 'utf8')) as Yaml;
  change(scenario, dir);
  writeFileSync(path, stringify(scenario));
  return path;
}

/** Rewrites a CSV in place: `change` gets each row as an object and returns the new row. */
export function editCsv(path: string, change: (row: Record<string, string>) => Record<string, string>): void {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const columns = header.split(',');
  const rows = lines.map((line) => {
    const cells = line.split(',');
    const row = change(Object.fromEntries(columns.map((c, i) => [c, cells[i]])));
    return columns.map((c) => row[c]).join(',');
  });
  writeFileSync(path, [header, ...rows].join('\n') + '\n');
}

export function run(path: string): RunResult {
  return projectScenario(path);
}

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(...argv: string[]): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/**
 * Errors a user can cause. A ScenarioError carries the place (file, line, column, key) as
 * data; `formatScenarioError` renders it. The CLI prints it without a stack trace and exits 2.
 */
import { oneLine } from '../text/control.js';

export interface SourcePlace {
  file: string;
  line?: number;
  column?: number;
}

export class ScenarioError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Dotted key path in the scenario (e.g. `schemes[0].cover.foreign_workers.coverage`), or a CSV column. */
  readonly key?: string;

  constructor(place: SourcePlace, key: string | undefined, message: string) {
    super(message);
    this.name = 'ScenarioError';
    this.file = place.file;
    this.line = place.line;
    this.column = place.column;
    this.key = key;
  }
}

/** `file:line:column: key: message`, the form editors and terminals link to. */
export function formatScenarioError(error: ScenarioError): string {
  let where = error.file;
  if (error.line !== undefined) {
    where += `:${error.line}`;
    if (error.column !== undefined) where += `:${error.column}`;
  }
  const key = error.key ? ` ${error.key}:` : '';
  // One error, one line: a key or a file name with a line break in it cannot fake another line.
  return oneLine(`${where}:${key} ${error.message}`);
}

export function isScenarioError(e: unknown): e is ScenarioError {
  return e instanceof ScenarioError;
}

/** A path into the scenario object, as zod and the YAML document use it. */
export type KeyPath = ReadonlyArray<string | number>;

/** `schemes[0].cover.foreign_workers`, the form users read in messages. */
export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** A ScenarioError as plain data (to cross a worker thread), and back. */
export interface ScenarioErrorData {
  file: string;
  line?: number;
  column?: number;
  key?: string;
  message: string;
  others: ScenarioErrorData[];
}

export function scenarioErrorData(e: ScenarioError): ScenarioErrorData {
  const others = (e as { others?: ScenarioError[] }).others ?? [];
  return { file: e.file, line: e.line, column: e.column, key: e.key, message: e.message, others: others.map(scenarioErrorData) };
}

export function scenarioErrorFrom(d: ScenarioErrorData): ScenarioError {
  const error = new ScenarioError({ file: d.file, line: d.line, column: d.column }, d.key, d.message);
  (error as { others?: ScenarioError[] }).others = d.others.map(scenarioErrorFrom);
  return error;
}

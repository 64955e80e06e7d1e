/**
 * Scenario loading: read the file and its `extends` chain, merge, validate (schema, then the
 * cross-references a schema cannot see). Output: a validated scenario that knows where each of
 * its keys came from, so that every later stage can report an error at file:line:column.
 */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { ScenarioError, formatKeyPath } from './errors.js';
import type { KeyPath, SourcePlace } from './errors.js';
import { isPlainObject, mergeScenario } from './merge.js';
import { placeIn, readSourceFile } from './source.js';
import type { SourceFile } from './source.js';
import { scenarioSchema } from './schema.js';
import type { Scenario } from './schema.js';
import { issuesToErrors } from './issues.js';
import { checkReferences } from './references.js';
import { messages } from '../messages.js';
import { PROJECT_ROOT } from '../paths.js';

export interface LoadedScenario {
  readonly scenario: Scenario;
  /** The files read, the scenario first, then its parents. */
  readonly files: readonly SourceFile[];
  /** The merged scenario before defaults, as the user wrote it across the chain. */
  readonly merged: Record<string, unknown>;
  /** Where a key of the merged scenario was set (the nearest file that sets it, or its parent key). */
  locate(path: KeyPath, at?: 'key' | 'value'): SourcePlace;
  /** A ScenarioError at that key. */
  error(path: KeyPath, message: string, at?: 'key' | 'value'): ScenarioError;
  /** Absolute path of a data table named at that key (relative to the file that set it). */
  tablePath(path: KeyPath): string;
}

export function displayPathOf(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

export interface LoadOptions {
  /** Folders data tables may also be read from (`--allow-path`). */
  allowPaths?: readonly string[];
}

export function loadScenario(file: string, options: LoadOptions = {}): LoadedScenario {
  const files = readChain(resolve(file));
  let merged: unknown = {};
  for (let i = files.length - 1; i >= 0; i--) merged = mergeScenario(merged, files[i].data);
  const mergedData = merged as Record<string, unknown>;
  // `extends` is consumed by the merge; the chain itself is kept in `files` for provenance.
  if (isPlainObject(mergedData.scenario)) mergedData.scenario = withoutKey(mergedData.scenario, 'extends');

  const locate = (path: KeyPath, at: 'key' | 'value' = 'value'): SourcePlace => {
    for (let len = path.length; len >= 0; len--) {
      const prefix = path.slice(0, len);
      for (const source of ownersOf(prefix, mergedData, files)) {
        const local = translatePath(prefix, mergedData, source.data);
        if (!local) continue;
        const place = placeIn(source, local, len === path.length ? at : 'key');
        if (place) return place;
      }
    }
    return { file: files[0].displayPath };
  };
  const error = (path: KeyPath, message: string, at: 'key' | 'value' = 'value') =>
    new ScenarioError(locate(path, at), formatKeyPath(path), message);

  const parsed = scenarioSchema.safeParse(mergedData);
  if (!parsed.success) {
    const errors = issuesToErrors(parsed.error.issues, mergedData, error);
    throw withOthers(errors);
  }
  const scenario = parsed.data;

  const tablePath = (path: KeyPath): string => {
    const value = getIn(scenario, path);
    if (typeof value !== 'string') throw error(path, 'expected a path to a CSV table');
    const origin = originFile(path, mergedData, files);
    const table = isAbsolute(value) ? value : value.startsWith('data/') ? resolve(PROJECT_ROOT, value) : resolve(dirname(origin.path), value);
    // Scenario files travel by e-mail: a table is read only from the project, the folder of the
    // scenario file that names it, or a folder the user allows.
    const allowed = [PROJECT_ROOT, dirname(origin.path), ...(options.allowPaths ?? []).map((p) => resolve(p))];
    if (!allowed.some((folder) => isInside(realPath(table), realPath(folder)))) throw error(path, messages.tableOutsideAllowed(displayPathOf(table)));
    return table;
  };

  const loaded: LoadedScenario = { scenario, files, merged: mergedData, locate, error, tablePath };
  const referenceErrors = checkReferences(loaded);
  if (referenceErrors.length > 0) throw withOthers(referenceErrors);
  return loaded;
}

function withOthers(errors: ScenarioError[]): ScenarioError {
  const [first, ...rest] = errors;
  (first as { others?: ScenarioError[] }).others = rest;
  return first;
}

function readChain(start: string): SourceFile[] {
  const files: SourceFile[] = [];
  let path = start;
  for (;;) {
    const child = files[files.length - 1];
    const atExtends = (): SourcePlace => (child && placeIn(child, ['scenario', 'extends'])) || { file: child?.displayPath ?? displayPathOf(path) };
    if (files.some((f) => f.path === path)) {
      throw new ScenarioError(atExtends(), 'scenario.extends', messages.extendsCycle([...files.map((f) => f.displayPath), displayPathOf(path)]));
    }
    let source: SourceFile;
    try {
      source = readSourceFile(path, displayPathOf(path));
    } catch (e) {
      // A parent that cannot be read is reported at the child's extends key.
      if (child && e instanceof ScenarioError && e.line === undefined) {
        throw new ScenarioError(atExtends(), 'scenario.extends', `${displayPathOf(path)}: ${e.message}`);
      }
      throw e;
    }
    files.push(source);
    const block = source.data.scenario;
    const parent = isPlainObject(block) ? block.extends : undefined;
    if (parent === undefined) return files;
    if (!isPlainObject(block) || block.id === undefined) {
      throw new ScenarioError(placeIn(source, ['scenario'], 'key') ?? { file: source.displayPath }, 'scenario.id', messages.extendsNeedsId());
    }
    if (typeof parent !== 'string') {
      const place = placeIn(source, ['scenario', 'extends']) ?? { file: source.displayPath };
      throw new ScenarioError(place, 'scenario.extends', messages.wrongType('a path to the parent scenario file', typeof parent));
    }
    path = resolve(dirname(path), parent);
  }
}

function withoutKey(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = object;
  return rest;
}

/**
 * The same key path in one file of the chain: list indices of items with an id are mapped to
 * the index of the item with that id in that file.
 */
function translatePath(path: KeyPath, merged: unknown, local: unknown): KeyPath | undefined {
  const out: Array<string | number> = [];
  let m: unknown = merged;
  let l: unknown = local;
  for (const part of path) {
    if (typeof part === 'number') {
      if (!Array.isArray(m) || !Array.isArray(l)) return undefined;
      const item = m[part];
      const id = isPlainObject(item) ? item.id : undefined;
      const index = typeof id === 'string' ? l.findIndex((x) => isPlainObject(x) && x.id === id) : part;
      if (index < 0 || index >= l.length) return undefined;
      out.push(index);
      m = item;
      l = l[index];
    } else {
      if (!isPlainObject(m) || !isPlainObject(l) || !(part in l)) return undefined;
      out.push(part);
      m = m[part];
      l = l[part];
    }
  }
  return out;
}

/**
 * The files that may hold a key: all of the chain, except below a list item with an id, which
 * the nearest file that has it replaced whole (so only that file holds its keys).
 */
function ownersOf(path: KeyPath, merged: unknown, files: readonly SourceFile[]): readonly SourceFile[] {
  let item = -1;
  let node: unknown = merged;
  for (let k = 0; k < path.length; k++) {
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[path[k]] : undefined;
    if (typeof path[k] === 'number' && isPlainObject(node) && typeof node.id === 'string') item = k;
  }
  if (item < 0) return files;
  const owner = files.find((f) => translatePath(path.slice(0, item + 1), merged, f.data) !== undefined);
  return owner ? [owner] : files;
}

function originFile(path: KeyPath, merged: unknown, files: readonly SourceFile[]): SourceFile {
  for (const source of ownersOf(path, merged, files)) {
    const local = translatePath(path, merged, source.data);
    if (local && placeIn(source, local)) return source;
  }
  return files[0];
}

/** The path with symbolic links resolved, so that a link cannot lead out of an allowed folder. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function getIn(root: unknown, path: KeyPath): unknown {
  let node: unknown = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

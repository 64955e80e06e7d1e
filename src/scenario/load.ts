/**
 * Scenario loading: read the file and its `extends` chain, merge, validate (schema, then the
 * cross-references a schema cannot see). Output: a validated scenario that knows where each of
 * its keys came from, so that every later stage can report an error at file:line:column.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { canonical, isWithin } from './input-file.js';
import { ScenarioError, formatKeyPath } from './errors.js';
import type { KeyPath, SourcePlace } from './errors.js';
import { isPlainObject, mergeScenario } from './merge.js';
import type { MergeProblem } from './merge.js';
import { placeIn, readSourceFile } from './source.js';
import type { SourceFile } from './source.js';
import { scenarioSchema } from './schema.js';
import type { Scenario } from './schema.js';
import { issuesToErrors } from './issues.js';
import { checkReferences } from './references.js';
import { messages } from '../messages.js';
import { PROJECT_ROOT } from '../paths.js';
import { CELLS_PER_GROUP_YEAR, limitsOf } from './limits.js';
import { getIn, leafText } from './leaves.js';
import { mergeMarks, unmark } from './marks.js';
import type { FileMark, MarkProblem } from './marks.js';
import { buildRegister } from './register.js';
import type { RegisterEntry } from './register.js';
import { closest } from './suggest.js';
import type { InputLimits } from './limits.js';

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
  /** The limits on input size and work this scenario was loaded under. */
  readonly limits: InputLimits;
  /** Every input of the projection and where it comes from (register.ts). */
  readonly register: readonly RegisterEntry[];
}

/** Errors shown at most for one file: past that they are counted, not located (each costs a search). */
const MAX_ERRORS = 20;

export function displayPathOf(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

export interface LoadOptions {
  /** Folders the files a scenario names may also be read from (`--allow-path`). */
  allowPaths?: readonly string[];
  /** Raised limits on input size and work (`--max-yaml-mb`, ...); the defaults are in limits.ts. */
  limits?: Partial<InputLimits>;
}

export function loadScenario(file: string, options: LoadOptions = {}): LoadedScenario {
  const limits = limitsOf(options.limits);
  const allowPaths = (options.allowPaths ?? []).map((p) => resolve(p));
  // Scenario files travel by e-mail: a file one of them names (a parent, a data table) is read
  // only from the project, the folder of the file that names it, or a folder the user allows.
  const isAllowed = (path: string, namedBy: string) =>
    isWithin(path, [PROJECT_ROOT, dirname(namedBy), ...allowPaths]);

  const files = readChain(resolve(file), limits.yamlBytes, isAllowed, (path) => canonical(path) ?? path);
  let merged: unknown = {};
  const problems: Array<MergeProblem & { source: SourceFile }> = [];
  // Each file's marks (where its values come from) are taken off before the merge: the merge
  // and the schema see plain values.
  const fileMarks: FileMark[][] = files.map(() => []);
  for (let i = files.length - 1; i >= 0; i--) {
    const markProblems: MarkProblem[] = [];
    const { data, marks } = unmark(files[i].data, markProblems);
    fileMarks[i] = marks;
    problems.push(...markProblems.map((p) => ({ ...p, source: files[i] })));
    const found: MergeProblem[] = [];
    merged = mergeScenario(merged, data, found);
    problems.push(...found.map((p) => ({ ...p, source: files[i] })));
  }
  if (problems.length > 0) {
    throw withOthers(problems.map((p) => new ScenarioError(placeIn(p.source, p.path, 'key') ?? { file: p.source.displayPath }, formatKeyPath(p.path), p.message)));
  }
  const mergedData = merged as Record<string, unknown>;
  // `extends` is consumed by the merge; the chain itself is kept in `files` for provenance.
  if (isPlainObject(mergedData.scenario)) mergedData.scenario = withoutKey(mergedData.scenario, 'extends');

  /** The place of a key and its path in that file's own indexes (the user's, not the merged list's). */
  const find = (path: KeyPath, at: 'key' | 'value'): { place: SourcePlace; key: KeyPath } => {
    for (let len = path.length; len >= 0; len--) {
      const prefix = path.slice(0, len);
      for (const source of ownersOf(prefix, mergedData, files)) {
        const local = translatePath(prefix, mergedData, source.data);
        if (!local) continue;
        const place = placeIn(source, local, len === path.length ? at : 'key');
        if (place) return { place, key: [...local, ...path.slice(len)] };
      }
    }
    return { place: { file: files[0].displayPath }, key: path };
  };
  const locate = (path: KeyPath, at: 'key' | 'value' = 'value'): SourcePlace => find(path, at).place;
  const error = (path: KeyPath, message: string, at: 'key' | 'value' = 'value') => {
    const { place, key } = find(path, at);
    return new ScenarioError(place, formatKeyPath(key), message);
  };

  const parsed = scenarioSchema.safeParse(mergedData);
  if (!parsed.success) {
    const budget = { left: MAX_ERRORS, skipped: 0 };
    const errors = issuesToErrors(parsed.error.issues, mergedData, error, [], budget);
    throw withOthers(errors, budget.skipped);
  }
  const scenario = parsed.data;
  const workError = checkWork(scenario, limits, error);
  if (workError) throw workError;

  const tablePath = (path: KeyPath): string => {
    const value = getIn(scenario, path);
    if (typeof value !== 'string') throw error(path, 'expected a path to a CSV table');
    const origin = originFile(path, mergedData, files);
    const table = isAbsolute(value) ? value : value.startsWith('data/') ? resolve(PROJECT_ROOT, value) : resolve(dirname(origin.path), value);
    if (!isAllowed(table, origin.path)) throw error(path, messages.fileOutsideAllowed(displayPathOf(table), 'data tables'));
    return table;
  };

  const marks = mergeMarks(fileMarks);
  const sourceErrors: ScenarioError[] = [];
  const sourceIds = Object.keys(scenario.sources ?? {});
  const reported = new Set<string>();
  const claimed: KeyPath[] = [];
  const register = buildRegister(scenario, mergedData, marks, (name, id) => {
    const at = marks.get(name);
    if (sourceErrors.length >= MAX_ERRORS || !at) return;
    const file = files[at.file];
    const path = [...at.markPath, 'source'];
    // Every value under a marked mapping names its source: the mapping's key is reported once.
    const place = `${at.file}\u0000${formatKeyPath(path)}`;
    if (reported.has(place)) return;
    reported.add(place);
    sourceErrors.push(new ScenarioError(placeIn(file, path, 'value') ?? placeIn(file, at.markPath, 'key') ?? { file: file.displayPath }, formatKeyPath(path), messages.unknownSource(id, closest(id, sourceIds), sourceIds)));
  }, (path) => claimed.push(path));
  if (sourceErrors.length > 0) throw withOthers(sourceErrors);
  const defaultError = checkClaimedDefaults(claimed, mergedData, error);
  if (defaultError) throw defaultError;
  const rangeError = checkRanges(register, mergedData, error);
  if (rangeError) throw rangeError;

  const loaded: LoadedScenario = { scenario, files, merged: mergedData, locate, error, tablePath, limits, register };
  // Errors of references are located up to the limit only: 40,000 bad cover keys are counted.
  let located = 0;
  const cheapError = (path: KeyPath, message: string, at?: 'key' | 'value') =>
    ++located <= MAX_ERRORS ? error(path, message, at) : new ScenarioError({ file: files[0].displayPath }, formatKeyPath(path), message);
  const referenceErrors = checkReferences({ ...loaded, error: cheapError });
  if (referenceErrors.length > 0) throw withOthers(referenceErrors);
  return loaded;
}

/**
 * The work a scenario asks for, bounded before any of it is done: a few lines of YAML can ask
 * for 250 groups over 500 years, which ran out of memory after 45 s. Every scheme keeps every
 * group's cells (and a scheme-year costs about a group-year more), so the count is
 * years × 222 × (groups × (schemes + 1) + schemes).
 */
export function projectionCells(scenario: Scenario): number {
  const years = scenario.projection.end_year - scenario.projection.start_year + 1;
  const schemes = scenario.schemes.length;
  return years * CELLS_PER_GROUP_YEAR * (scenario.groups.length * (schemes + 1) + schemes);
}

function checkWork(scenario: Scenario, limits: InputLimits, error: (path: KeyPath, message: string, at?: 'key' | 'value') => ScenarioError): ScenarioError | undefined {
  const years = scenario.projection.end_year - scenario.projection.start_year + 1;
  const cells = projectionCells(scenario);
  if (cells > limits.cells) return error(['projection', 'end_year'], messages.workTooLarge(cells, limits.cells));
  const paths = scenario.stochastic?.paths;
  if (paths !== undefined && paths * years * scenario.schemes.length > limits.pathYears) {
    return error(['stochastic', 'paths'], messages.pathsTooMany(paths, years, scenario.schemes.length, limits.pathYears));
  }
  return undefined;
}

/**
 * A value written `{value: X, default: true}` must be coverage-sim's default: the scenario is
 * validated once more with all such values left out, and each must come back as it was written.
 */
function checkClaimedDefaults(claimed: readonly KeyPath[], merged: Record<string, unknown>, error: (path: KeyPath, message: string, at?: 'key' | 'value') => ScenarioError): ScenarioError | undefined {
  if (claimed.length === 0) return undefined;
  const without = structuredClone(merged);
  for (const path of claimed) delete (getIn(without, path.slice(0, -1)) as Record<string | number, unknown>)[path[path.length - 1]];
  const parsed = scenarioSchema.safeParse(without);
  const key = (p: ReadonlyArray<PropertyKey>) => p.map(String).join('\u0000');
  if (!parsed.success) {
    const missing = new Set(parsed.error.issues.map((i) => key(i.path)));
    const path = claimed.find((p) => missing.has(key(p))) ?? claimed[0];
    return error(path, messages.defaultMarkNoDefault(), 'key');
  }
  for (const path of claimed) {
    const [written, actual] = [leafText(getIn(merged, path)), leafText(getIn(parsed.data, path))];
    if (written !== actual) return error(path, messages.defaultMarkDiffers(written, actual), 'key');
  }
  return undefined;
}

/** Ranges in one scenario at most: each is two more projections of every run. */
export const MAX_RANGES = 100;

/**
 * Each end of every range must be a value the key accepts: the section that holds it is
 * validated again with the end in place of the value (then put back), so that a run never
 * projects a value the schema would refuse.
 */
function checkRanges(register: readonly RegisterEntry[], merged: Record<string, unknown>, error: (path: KeyPath, message: string, at?: 'key' | 'value') => ScenarioError): ScenarioError | undefined {
  const ranged = register.filter((e) => e.range !== undefined);
  if (ranged.length > MAX_RANGES) return error(ranged[MAX_RANGES].path, messages.tooManyRanges(MAX_RANGES), 'key');
  type Checker = { safeParse(x: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } };
  const shape = scenarioSchema.shape as unknown as Record<string, Checker>;
  // A group or a scheme is validated on its own, not the whole list: a file of 100 ranges among
  // 35,000 cover entries would otherwise parse the list 200 times.
  const items: Record<string, Checker> = { groups: scenarioSchema.shape.groups.element, schemes: scenarioSchema.shape.schemes.element };
  const horizon = ranged.find((e) => e.path[0] === 'projection');
  if (horizon) return error(horizon.path, messages.rangeOnProjection(), 'key');
  for (const entry of ranged) {
    const section = String(entry.path[0]);
    const parent = getIn(merged, entry.path.slice(0, -1)) as Record<string | number, unknown> | undefined;
    const last = entry.path[entry.path.length - 1];
    const item = items[section] && typeof entry.path[1] === 'number' ? items[section] : undefined;
    const checker = item ?? shape[section];
    const checked = item ? getIn(merged, entry.path.slice(0, 2)) : merged[section];
    if (!parent || !checker) continue;
    const original = parent[last];
    for (const [end, value] of [['low', entry.range![0]], ['high', entry.range![1]]] as const) {
      parent[last] = value;
      const result = checker.safeParse(checked);
      parent[last] = original;
      if (!result.success) return error(entry.path, messages.rangeEndRefused(end, value, result.error?.issues[0]?.message ?? ''), 'key');
    }
  }
  return undefined;
}

/** One error that carries the rest (at most MAX_ERRORS in all, then a count of the others). */
function withOthers(errors: ScenarioError[], skipped = 0): ScenarioError {
  const shown = errors.slice(0, MAX_ERRORS);
  const more = errors.length - shown.length + skipped;
  const [first, ...rest] = shown;
  if (more > 0) rest.push(new ScenarioError({ file: first.file }, undefined, messages.tooManyErrors(shown.length, more)));
  (first as { others?: ScenarioError[] }).others = rest;
  return first;
}

/** Files in one chain of extends at most: our deepest is three. */
const MAX_CHAIN = 16;

function readChain(start: string, maxBytes: number, isAllowed: (path: string, namedBy: string) => boolean, real: (path: string) => string): SourceFile[] {
  const files: SourceFile[] = [];
  const seen: string[] = [];
  // The size limit holds for the chain together: eight parents of 1 MB each parse as one 8 MB file.
  let bytesLeft = maxBytes;
  let path = start;
  for (;;) {
    const child = files[files.length - 1];
    const atExtends = (): SourcePlace => (child && placeIn(child, ['scenario', 'extends'])) || { file: child?.displayPath ?? displayPathOf(path) };
    // Compared with links resolved: `extends: d/a.yaml`, d a link to `.`, is a.yaml again.
    if (seen.includes(real(path))) {
      throw new ScenarioError(atExtends(), 'scenario.extends', messages.extendsCycle([...files.map((f) => f.displayPath), displayPathOf(path)]));
    }
    if (files.length >= MAX_CHAIN) throw new ScenarioError(atExtends(), 'scenario.extends', messages.extendsTooDeep(MAX_CHAIN));
    // The file on the command line is the user's choice; a parent is the scenario's, and is
    // checked before a byte of it is read, so that nothing outside is echoed in an error.
    if (child && !isAllowed(path, child.path)) {
      throw new ScenarioError(atExtends(), 'scenario.extends', messages.fileOutsideAllowed(displayPathOf(path), 'scenario files'));
    }
    let source: SourceFile;
    try {
      source = readSourceFile(path, displayPathOf(path), bytesLeft);
    } catch (e) {
      // A parent that cannot be read is reported at the child's extends key.
      if (child && e instanceof ScenarioError) {
        const where = e.line === undefined ? '' : `:${e.line}${e.column === undefined ? '' : `:${e.column}`}`;
        // A parent not found: say how its path was read, since it is the usual mistake.
        const resolved = e.message.startsWith(messages.cannotRead('no such file').slice(0, -1)) ? ` ${messages.extendsResolved(path)}` : '';
        throw new ScenarioError(atExtends(), 'scenario.extends', `${displayPathOf(path)}${where}: ${e.message}${resolved}`);
      }
      throw e;
    }
    files.push(source);
    seen.push(real(path));
    bytesLeft -= Buffer.byteLength(source.text, 'utf8');
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
      const index = typeof id === 'string' ? sameIdIndex(m, part, l, id) : part;
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
 * The index in `local` of the item at `index` of `merged`, found by its id. Where one file
 * repeats an id (an error reported later), the n-th item with the id is the n-th in the file.
 */
function sameIdIndex(merged: unknown[], index: number, local: unknown[], id: string): number {
  let rank = 0;
  for (let i = 0; i < index; i++) {
    const x = merged[i];
    if (isPlainObject(x) && x.id === id) rank++;
  }
  let first = -1;
  for (let i = 0; i < local.length; i++) {
    const x = local[i];
    if (!isPlainObject(x) || x.id !== id) continue;
    if (first < 0) first = i;
    if (rank-- === 0) return i;
  }
  return first;
}

/**
 * The files that may hold a key: all of the chain, except below a list item with an id, where
 * the files from the user's up to the one that gave the item whole (its first, or one that
 * replaced it) hold its keys; a parent's keys of an item a child replaced are not in force.
 */
function ownersOf(path: KeyPath, merged: unknown, files: readonly SourceFile[]): readonly SourceFile[] {
  let item = -1;
  let node: unknown = merged;
  for (let k = 0; k < path.length; k++) {
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[path[k]] : undefined;
    if (typeof path[k] === 'number' && isPlainObject(node) && typeof node.id === 'string') item = k;
  }
  if (item < 0) return files;
  const owners: SourceFile[] = [];
  for (const f of files) {
    const local = translatePath(path.slice(0, item + 1), merged, f.data);
    if (!local) continue;
    const patch = getIn(f.data, local);
    if (isPlainObject(patch) && patch.remove === true) break;
    owners.push(f);
    if (isPlainObject(patch) && patch.replace === true) break;
  }
  return owners.length > 0 ? owners : files;
}

function originFile(path: KeyPath, merged: unknown, files: readonly SourceFile[]): SourceFile {
  for (const source of ownersOf(path, merged, files)) {
    const local = translatePath(path, merged, source.data);
    if (local && placeIn(source, local)) return source;
  }
  return files[0];
}

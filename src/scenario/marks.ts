/**
 * Provenance marks: where each value of a scenario comes from (docs/scenario-format.md,
 * "Where a value comes from").
 *
 * - A value may be written `{value: X, source: <id>}` or `{value: X, assumption: <why>}`, and a
 *   number may add `range: [low, high]`, its plausible range; `source` names an entry of the
 *   top-level `sources` (citation and date). Both `source` and `assumption` say that a value was
 *   derived from a source by a judgement. `default: true` marks a value as coverage-sim's default
 *   (scenario.resolved.yaml writes it so).
 * - A mapping may carry `source` or `assumption` among its keys: they mark every value under it
 *   that has no mark of its own.
 *
 * Each file is read for its marks before the chain is merged, so the merge and the schema see
 * plain values. A value that a file sets takes that file's mark only: a patch that changes a
 * value without saying where the new one comes from leaves it unmarked, never with the old
 * value's source.
 */
import type { KeyPath } from './errors.js';
import { isIdList, isSeriesMapping } from './leaves.js';
import { isPlainObject } from './merge.js';
import { hasControl } from '../text/control.js';
import { messages } from '../messages.js';

/** How a value's origin is stated. */
export interface Mark {
  /** An id of the scenario's `sources`. */
  source?: string;
  /** Why the value was chosen, where nothing published gives it. */
  assumption?: string;
  /** Its plausible range (numbers only). */
  range?: readonly [number, number];
  /** coverage-sim's default (written so by scenario.resolved.yaml). */
  default?: true;
}

/** A mark as one file states it, with where (in that file's own indexes) to report a problem. */
export interface FileMark {
  /** The value's name, lists named by id (`groups[fishers].risk.mortality`). */
  name: string;
  /** The path of the key that states the mark (a wrapper's key, or a mapping's `source`). */
  markPath: KeyPath;
  mark: Mark | null;
}

export interface MarkProblem {
  readonly path: KeyPath;
  readonly message: string;
}

/** The keys of a wrapper `{value: …, …}`. */
const WRAPPER_KEYS = new Set(['value', 'source', 'assumption', 'range', 'default']);
/** The keys that may mark a whole mapping. */
const MAPPING_MARKS = ['source', 'assumption'] as const;
/** An assumption is a sentence or two: longer text belongs in the scenario's description. */
export const MAX_ASSUMPTION_CHARS = 500;

/** A mapping with a `value` key: a marked value (no scenario mapping has a key `value`). */
export function isWrapper(node: unknown): node is Record<string, unknown> {
  return isPlainObject(node) && Object.hasOwn(node, 'value');
}

function checkText(value: unknown, key: string, at: KeyPath, problems: MarkProblem[]): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push({ path: at, message: messages.markNeedsText(key) });
    return undefined;
  }
  if (key === 'assumption' && value.length > MAX_ASSUMPTION_CHARS) problems.push({ path: at, message: messages.assumptionTooLong(MAX_ASSUMPTION_CHARS) });
  if (hasControl(value)) problems.push({ path: at, message: messages.markControl() });
  return value;
}

function checkRange(range: unknown, value: unknown, at: KeyPath, problems: MarkProblem[]): readonly [number, number] | undefined {
  if (!Array.isArray(range) || range.length !== 2 || !range.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    problems.push({ path: at, message: messages.rangeShape() });
    return undefined;
  }
  const [low, high] = range as [number, number];
  if (typeof value !== 'number') problems.push({ path: at, message: messages.rangeOfNumber() });
  else if (!(low < high)) problems.push({ path: at, message: messages.rangeOrder(low, high) });
  else if (value < low || value > high) problems.push({ path: at, message: messages.rangeExcludesValue(value, low, high) });
  return [low, high];
}

/** The mark a wrapper states, checked. */
function wrapperMark(node: Record<string, unknown>, at: KeyPath, problems: MarkProblem[]): Mark {
  const mark: Mark = {};
  for (const key of Object.keys(node)) if (!WRAPPER_KEYS.has(key)) problems.push({ path: [...at, key], message: messages.unknownMarkKey(key, [...WRAPPER_KEYS]) });
  if (node.source !== undefined) mark.source = checkText(node.source, 'source', [...at, 'source'], problems);
  if (node.assumption !== undefined) mark.assumption = checkText(node.assumption, 'assumption', [...at, 'assumption'], problems);
  if (node.range !== undefined) mark.range = checkRange(node.range, node.value, [...at, 'range'], problems);
  if (node.default !== undefined) {
    if (node.default === true) mark.default = true;
    else problems.push({ path: [...at, 'default'], message: messages.defaultMarkTrue() });
  }
  if (mark.source === undefined && mark.assumption === undefined && mark.default === undefined) problems.push({ path: at, message: messages.wrapperNeedsMark() });
  if (mark.default && (node.source !== undefined || node.assumption !== undefined || node.range !== undefined)) problems.push({ path: [...at, 'default'], message: messages.defaultMarkAlone() });
  if (isWrapper(node.value)) problems.push({ path: [...at, 'value'], message: messages.wrapperInWrapper() });
  else if (isPlainObject(node.value) && !isSeriesMapping(node.value)) problems.push({ path: at, message: messages.wrapperOfMapping() });
  return mark;
}

/**
 * A file's data without its marks, and the marks of every value it sets. Problems are collected
 * (paths in the file's own indexes) so that all are reported.
 */
export function unmark(data: unknown, problems: MarkProblem[]): { data: unknown; marks: FileMark[] } {
  const marks: FileMark[] = [];
  const walk = (node: unknown, path: KeyPath, name: string, inherited: { mark: Mark; at: KeyPath } | null): unknown => {
    if (isWrapper(node)) {
      const mark = wrapperMark(node, path, problems);
      checkNoWrapperInside(node.value, [...path, 'value']);
      marks.push({ name, markPath: path, mark });
      return node.value;
    }
    if (isPlainObject(node) && !isSeriesMapping(node)) {
      const own = mappingMark(node, path);
      const here = own ? { mark: own, at: path } : inherited;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        if ((MAPPING_MARKS as readonly string[]).includes(key)) continue;
        out[key] = walk(value, [...path, key], name ? `${name}.${key}` : key, here);
      }
      return out;
    }
    if (isIdList(node)) {
      return node.map((item, i) => {
        const out: Record<string, unknown> = {};
        const own = mappingMark(item, [...path, i]);
        const here = own ? { mark: own, at: [...path, i] } : inherited;
        for (const [key, value] of Object.entries(item)) {
          if ((MAPPING_MARKS as readonly string[]).includes(key)) continue;
          out[key] = key === 'id' ? value : walk(value, [...path, i, key], `${name}[${item.id}].${key}`, here);
        }
        return out;
      });
    }
    // A leaf: a series mapping may carry its marks among its keys, as any mapping does.
    if (isPlainObject(node)) {
      const own = mappingMark(node, path);
      const plain = Object.fromEntries(Object.entries(node).filter(([key]) => !(MAPPING_MARKS as readonly string[]).includes(key)));
      marks.push({ name, markPath: own ? path : (inherited?.at ?? path), mark: own ?? inherited?.mark ?? null });
      checkNoWrapperInside(plain, path);
      return plain;
    }
    if (Array.isArray(node)) checkNoWrapperInside(node, path);
    marks.push({ name, markPath: inherited?.at ?? path, mark: inherited?.mark ?? null });
    return node;
  };
  const mappingMark = (node: Record<string, unknown>, path: KeyPath): Mark | null => {
    if (!MAPPING_MARKS.some((k) => node[k] !== undefined)) return null;
    const mark: Mark = {};
    if (node.source !== undefined) mark.source = checkText(node.source, 'source', [...path, 'source'], problems);
    if (node.assumption !== undefined) mark.assumption = checkText(node.assumption, 'assumption', [...path, 'assumption'], problems);
    return mark;
  };
  const checkNoWrapperInside = (node: unknown, path: KeyPath): void => {
    if (isPlainObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (isWrapper(value)) problems.push({ path: [...path, key], message: messages.wrapperInsideValue() });
        else checkNoWrapperInside(value, [...path, key]);
      }
    } else if (Array.isArray(node)) {
      node.forEach((value, i) => (isWrapper(value) ? problems.push({ path: [...path, i], message: messages.wrapperInsideValue() }) : checkNoWrapperInside(value, [...path, i])));
    }
  };
  if (!isPlainObject(data)) return { data, marks };
  // The scenario block and the sources are the file's own description, not values.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) out[key] = key === 'scenario' || key === 'sources' || key === 'provenance' ? value : walk(value, [key], key, null);
  return { data: out, marks };
}

/**
 * The marks in force after a chain is merged, by value name: a child's mark of a value it sets
 * replaces the parent's, marked or not. `files` is the user's file first, its parents after.
 */
export function mergeMarks(files: ReadonlyArray<readonly FileMark[]>): Map<string, { mark: Mark | null; file: number; markPath: KeyPath }> {
  const out = new Map<string, { mark: Mark | null; file: number; markPath: KeyPath }>();
  for (let f = files.length - 1; f >= 0; f--) {
    // A parent's mark under a value the child replaced by a leaf (or above one it replaced by
    // a mapping) stays in the map but is never looked up: only the merged scenario's leaves are.
    for (const m of files[f]) out.set(m.name, { mark: m.mark, file: f, markPath: m.markPath });
  }
  return out;
}

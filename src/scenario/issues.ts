/**
 * zod keeps a validation failure as data (a code and a path); this turns each issue into a
 * ScenarioError at the place in the file, in the user's words.
 */
import type { z } from 'zod';
import type { ScenarioError } from './errors.js';
import type { KeyPath } from './errors.js';
import { indexedAmount, scenarioSchema, seriesBranches } from './schema.js';
import { closest } from './suggest.js';
import { messages } from '../messages.js';

type Issue = z.core.$ZodIssue;
type ErrorAt = (path: KeyPath, message: string, at?: 'key' | 'value') => ScenarioError;

/** How many more errors may be located; the rest are only counted (locating one costs a search). */
export interface ErrorBudget {
  left: number;
  skipped: number;
}

export function issuesToErrors(issues: readonly Issue[], root: unknown, errorAt: ErrorAt, prefix: KeyPath = [], budget: ErrorBudget = { left: Infinity, skipped: 0 }): ScenarioError[] {
  const out: ScenarioError[] = [];
  const located = errorAt;
  errorAt = (path, message, at) => {
    budget.left--;
    return located(path, message, at);
  };
  for (const issue of issues) {
    if (budget.left <= 0) {
      budget.skipped += issue.code === 'unrecognized_keys' ? issue.keys.length : 1;
      continue;
    }
    const path = [...prefix, ...(issue.path as Array<string | number>)];
    const value = valueAt(root, path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          if (budget.left <= 0) budget.skipped++;
          else out.push(errorAt([...path, key], messages.unknownKey(key, closest(key, allowedKeysAt(path))), 'key'));
        }
        break;
      case 'invalid_type':
        if (value === undefined) out.push(errorAt(path, messages.missingKey(String(path[path.length - 1] ?? '')), 'key'));
        else out.push(errorAt(path, messages.wrongType(describeExpected(issue.expected), describeValue(value))));
        break;
      case 'invalid_union':
        out.push(...unionErrors(issue, path, value, root, located, budget));
        break;
      case 'too_big':
        out.push(errorAt(path, `${describeValue(value)} is too large: expected at most ${String(issue.maximum)}`));
        break;
      case 'too_small':
        out.push(errorAt(path, `${describeValue(value)} is too small: expected at least ${String(issue.minimum)}`));
        break;
      case 'invalid_key':
        // A record key of the wrong form (e.g. a correlation between unknown assumptions).
        out.push(errorAt(path, `unknown key "${String(path[path.length - 1])}": ${issue.issues[0]?.message ?? issue.message}`, 'key'));
        break;
      case 'invalid_value':
        out.push(errorAt(path, `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(value)}`));
        break;
      default:
        out.push(errorAt(path, issue.message));
    }
  }
  return out;
}

/**
 * A union failed: when the value plainly meant one branch (a ramp, an interpolated table), report
 * that branch's own issues; otherwise say what the union accepts.
 */
function unionErrors(issue: z.core.$ZodIssueInvalidUnion, path: KeyPath, value: unknown, root: unknown, errorAt: ErrorAt, budget: ErrorBudget): ScenarioError[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const branch = 'ramp' in value ? seriesBranches.ramp : 'interpolate' in value ? seriesBranches.interpolated : 'amount' in value ? indexedAmount : undefined;
    if (branch) {
      const result = branch.safeParse(value);
      if (!result.success) return issuesToErrors(result.error.issues, root, errorAt, path, budget);
    }
  }
  // The branch whose issues lie deepest is the one the user meant (an object with a bad entry).
  let best: readonly Issue[] | undefined;
  for (const branchIssues of issue.errors) {
    const deep = branchIssues.every((i) => i.path.length > 0 || i.code === 'unrecognized_keys');
    if (deep && (!best || branchIssues.length < best.length)) best = branchIssues;
  }
  if (best) {
    if (isYearTableLike(value) && best.some((i) => i.code === 'invalid_format')) {
      return Object.keys(value as object)
        .filter((k) => !/^-?\d{1,4}$/.test(k))
        .map((k) => errorAt([...path, k], messages.badYearKey(k), 'key'));
    }
    return issuesToErrors(best, root, errorAt, path, budget);
  }
  if (issue.errors.length === 5) return [errorAt(path, messages.badSeries())];
  return [errorAt(path, issue.message === 'Invalid input' ? `${describeValue(value)} is not a valid value here` : issue.message)];
}

function isYearTableLike(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueAt(root: unknown, path: KeyPath): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

function describeExpected(expected: string): string {
  const words: Record<string, string> = {
    number: 'a number',
    string: 'text',
    object: 'a mapping (key: value)',
    array: 'a list',
    boolean: 'true or false',
    int: 'a whole number',
  };
  return words[expected] ?? expected;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value);
  return String(value);
}

/** The keys the schema allows at a path, for "did you mean ...?". */
export function allowedKeysAt(path: KeyPath): string[] {
  let schema: unknown = scenarioSchema;
  for (const part of path) {
    schema = unwrap(schema);
    const def = defOf(schema);
    if (def?.type === 'object') schema = (def.shape as Record<string, unknown>)[String(part)];
    else if (def?.type === 'array') schema = def.element;
    else if (def?.type === 'record') schema = def.valueType;
    else if (def?.type === 'union') schema = (def.options as unknown[]).find((o) => defOf(unwrap(o))?.type === 'object');
    else return [];
    if (schema === undefined) return [];
  }
  schema = unwrap(schema);
  const def = defOf(schema);
  if (def?.type === 'union') {
    const object = (def.options as unknown[]).map(unwrap).find((o) => defOf(o)?.type === 'object');
    return object ? Object.keys(defOf(object)!.shape as object) : [];
  }
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

export interface Def {
  type: string;
  [key: string]: unknown;
}

export function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

/** A schema and the wrappers it is made of (optional, default, pipe, ...), outermost first. */
export function schemaLayers(schema: unknown): unknown[] {
  const out = [schema];
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(s);
    if (def && ['optional', 'default', 'prefault', 'nullable', 'readonly', 'nonoptional', 'catch'].includes(def.type)) s = def.innerType;
    else if (def?.type === 'pipe') s = def.in;
    else break;
    out.push(s);
  }
  return out;
}

function unwrap(schema: unknown): unknown {
  const layers = schemaLayers(schema);
  return layers[layers.length - 1];
}

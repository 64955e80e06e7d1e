/**
 * `extends`: a scenario is a patch of its parent. Mappings merge key by key, and a key set to
 * null removes the parent's. In a list of items
 * with an `id` (groups, schemes), an item with a parent item's id is merged into it key by key
 * (`replace: true` replaces it whole, `remove: true` drops it) and an item with a new id is
 * added; any other list replaces the parent's list whole.
 */
import type { KeyPath } from './errors.js';
import { messages } from '../messages.js';

type Json = unknown;

/** A patch that cannot be applied, at its path in the child file (the child's own indexes). */
export interface MergeProblem {
  readonly path: KeyPath;
  readonly message: string;
}

/** The keys of a patch item that say how to apply it; they are not part of the item. */
export const PATCH_FLAGS = ['replace', 'remove'] as const;

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function hasIds(list: unknown[]): list is Array<Record<string, unknown>> {
  return list.length > 0 && list.every((item) => isPlainObject(item) && typeof item.id === 'string');
}

/** `child` applied to `parent`; problems are collected, not thrown, so all are reported. */
export function mergeScenario(parent: Json, child: Json, problems: MergeProblem[] = [], at: KeyPath = []): Json {
  if (isPlainObject(parent) && isPlainObject(child)) {
    const out: Record<string, unknown> = { ...parent };
    for (const [key, value] of Object.entries(child)) {
      // null removes the parent's key (as in a JSON merge patch), e.g. a rate that a flat amount replaces.
      if (value === null && Object.hasOwn(parent, key)) {
        delete out[key];
        continue;
      }
      const merged = Object.hasOwn(parent, key) ? mergeScenario(parent[key], value, problems, [...at, key]) : value;
      // defineProperty, not assignment: a key is data, never a prototype.
      Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (Array.isArray(parent) && Array.isArray(child) && hasIds(parent) && hasIds(child)) return patchItems(parent, child, problems, at);
  return child;
}

function patchItems(parent: Array<Record<string, unknown>>, child: Array<Record<string, unknown>>, problems: MergeProblem[], at: KeyPath): Json {
  const out: Array<Record<string, unknown> | undefined> = parent.slice();
  // Positions by id, so that a list of thousands of items is patched in linear time.
  const position = new Map<unknown, number>();
  out.forEach((item, i) => position.set(item!.id, i));
  const patched = new Set<unknown>();
  child.forEach((patch, index) => {
    const here = [...at, index];
    // One patch per item and file: a second would silently win over the first.
    if (patched.has(patch.id)) {
      problems.push({ path: [...here, 'id'], message: messages.duplicateId('item', String(patch.id)) });
      return;
    }
    patched.add(patch.id);
    const flags = flagsOf(patch, here, problems);
    if (!flags) return;
    if (flags.remove && Object.keys(patch).some((key) => key !== 'id' && key !== 'remove')) {
      problems.push({ path: [...here, 'remove'], message: messages.patchRemoveWithKeys() });
      return;
    }
    const item = withoutFlags(patch);
    const i = position.get(patch.id);
    if (i === undefined) {
      if (flags.remove || flags.replace) problems.push({ path: [...here, 'id'], message: messages.patchNoParentItem(String(patch.id), flags.remove ? 'remove' : 'replace', parent.map((p) => String(p.id))) });
      else position.set(patch.id, out.push(item) - 1);
    } else if (flags.remove) {
      out[i] = undefined;
      position.delete(patch.id);
    } else {
      out[i] = flags.replace ? item : (mergeScenario(out[i], item, problems, here) as Record<string, unknown>);
    }
  });
  return out.filter((item) => item !== undefined);
}

function flagsOf(patch: Record<string, unknown>, at: KeyPath, problems: MergeProblem[]): { replace: boolean; remove: boolean } | undefined {
  for (const flag of PATCH_FLAGS) {
    if (patch[flag] !== undefined && typeof patch[flag] !== 'boolean') {
      problems.push({ path: [...at, flag], message: messages.wrongType('true or false', typeof patch[flag]) });
      return undefined;
    }
  }
  const flags = { replace: patch.replace === true, remove: patch.remove === true };
  if (flags.replace && flags.remove) {
    problems.push({ path: [...at, 'remove'], message: messages.patchBothFlags() });
    return undefined;
  }
  return flags;
}

function withoutFlags(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (!(PATCH_FLAGS as readonly string[]).includes(key)) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

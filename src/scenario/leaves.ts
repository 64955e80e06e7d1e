/**
 * The leaves of a scenario: the values a user sets, one each. A series written as a mapping
 * (a ramp, an interpolated or a year table) is one value, and so is any list whose items are not
 * all mappings with an id; the items of a list with ids (groups, schemes) are named by their id,
 * as in `groups[foreign_workers].risk.invalidity`.
 */
import { stringify } from 'yaml';
import type { KeyPath } from './errors.js';
import { isPlainObject } from './merge.js';

/**
 * A series written as a mapping (a ramp, an interpolated or a year table) is one value. Its own
 * provenance marks (`source`, `assumption`: marks.ts) do not make it a mapping of names.
 */
export function isSeriesMapping(node: object): boolean {
  const keys = Object.keys(node).filter((k) => k !== 'source' && k !== 'assumption');
  return 'ramp' in node || 'interpolate' in node || (keys.length > 0 && keys.every((k) => /^-?\d{1,4}$/.test(k)));
}

/** A list of mappings that each have an id (merged by id, named by id). */
export function isIdList(node: unknown): node is Array<Record<string, unknown> & { id: string }> {
  return Array.isArray(node) && node.length > 0 && node.every((item) => isPlainObject(item) && typeof item.id === 'string');
}

/**
 * Calls `visit` on every leaf under `node` with its path (list indices) and its name (ids).
 * `descend` may stop the walk at a mapping (its value is then not visited either).
 */
export function forEachLeaf(node: unknown, visit: (value: unknown, path: KeyPath, name: string) => void, path: KeyPath = [], name = ''): void {
  if (isPlainObject(node) && !isSeriesMapping(node)) {
    for (const [key, value] of Object.entries(node)) forEachLeaf(value, visit, [...path, key], name ? `${name}.${key}` : key);
  } else if (isIdList(node)) {
    node.forEach((item, i) => {
      for (const [key, value] of Object.entries(item)) if (key !== 'id') forEachLeaf(value, visit, [...path, i, key], `${name}[${item.id}].${key}`);
    });
  } else {
    visit(node, path, name);
  }
}

/** The node at a path (list indices), or undefined. */
export function getIn(root: unknown, path: KeyPath): unknown {
  let node: unknown = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** A value as the scenario writes it: a text as it is, anything else in YAML's flow style. */
export function leafText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();
}

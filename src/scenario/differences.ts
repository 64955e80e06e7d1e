/**
 * The assumptions in which a scenario differs from the baseline it extends (the root of its
 * `extends` chain): every leaf value of the resolved scenarios, lists of items with an id keyed
 * by that id, compared as text.
 */
import { stringify } from 'yaml';
import type { Scenario } from './schema.js';

export interface AssumptionDifference {
  key: string;
  baseline: string;
  scenario: string;
}

/** A series written as a mapping (a ramp, an interpolated or a year table) is one value. */
function isSeriesMapping(node: object): boolean {
  const keys = Object.keys(node);
  return 'ramp' in node || 'interpolate' in node || (keys.length > 0 && keys.every((k) => /^-?\d{1,4}$/.test(k)));
}

function leaves(node: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (node !== null && typeof node === 'object' && !Array.isArray(node) && isSeriesMapping(node)) {
    out.set(prefix, stringify(node, { collectionStyle: 'flow', lineWidth: 0 }).trim());
  } else if (Array.isArray(node) && node.every((item) => item !== null && typeof item === 'object' && 'id' in item)) {
    for (const item of node as Array<{ id: string }>) leaves(item, `${prefix}[${item.id}]`, out);
  } else if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [key, value] of Object.entries(node)) leaves(value, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, typeof node === 'string' ? node : stringify(node, { lineWidth: 0 }).trim());
  }
  return out;
}

export function assumptionDifferences(baseline: Scenario, scenario: Scenario): AssumptionDifference[] {
  const skip = (key: string) => key.startsWith('scenario.') || key.startsWith('provenance');
  const a = leaves(baseline, '', new Map());
  const b = leaves(scenario, '', new Map());
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k) => !skip(k)).sort();
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => ({ key: k, baseline: a.get(k) ?? '—', scenario: b.get(k) ?? '—' }));
}

/**
 * The assumptions in which a scenario differs from the baseline it extends (the root of its
 * `extends` chain): every leaf value of the resolved scenarios, lists of items with an id keyed
 * by that id, compared as text.
 */
import type { Scenario } from './schema.js';
import { forEachLeaf, leafText } from './leaves.js';

export interface AssumptionDifference {
  key: string;
  baseline: string;
  scenario: string;
}

function leaves(node: unknown): Map<string, string> {
  const out = new Map<string, string>();
  forEachLeaf(node, (value, _path, name) => out.set(name, leafText(value)));
  return out;
}

export function assumptionDifferences(baseline: Scenario, scenario: Scenario): AssumptionDifference[] {
  const skip = (key: string) => key.startsWith('scenario.') || key.startsWith('provenance') || key.startsWith('sources.');
  const a = leaves(baseline);
  const b = leaves(scenario);
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k) => !skip(k)).sort();
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => ({ key: k, baseline: a.get(k) ?? '—', scenario: b.get(k) ?? '—' }));
}

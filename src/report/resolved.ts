/**
 * `scenario.resolved.yaml`: the scenario after `extends` and defaults (the normalised spec a
 * run actually used), followed by the provenance block. Table paths are rewritten so that the
 * file can be read from anywhere: `data/...` for the project's own tables (as the format
 * resolves them against the project root), absolute paths for any other table. Every value
 * carries its mark from the register (docs/scenario-format.md, "Where a value comes from"),
 * each on its own, and a default is written `{value: ..., default: true}`: run again, the file
 * gives the same register.
 */
import { isAbsolute, relative } from 'node:path';
import { stringify } from 'yaml';
import type { Scenario } from '../scenario/schema.js';
import type { InputFile } from '../assumptions/types.js';
import { PROJECT_ROOT } from '../paths.js';
import type { Provenance } from './provenance.js';
import { NOT_INPUTS, isLabel } from '../scenario/register.js';
import type { RegisterEntry } from '../scenario/register.js';
import { forEachLeaf, getIn } from '../scenario/leaves.js';
import type { KeyPath } from '../scenario/errors.js';

export function resolvedYaml(scenario: Scenario, inputs: readonly InputFile[], provenance: Provenance, register: readonly RegisterEntry[]): string {
  const { provenance: _previous, ...rest } = scenario;
  const copy = structuredClone(rest) as Record<string, unknown>;
  for (const input of inputs) for (const key of input.keys) setIn(copy, key, tablePathForReport(input.path));
  const marks = new Map(register.map((e) => [e.name, markOf(e)]));
  // A default that is not an input (the register leaves it out) is marked as a default too.
  const places: Array<{ path: KeyPath; mark: Record<string, unknown> }> = [];
  for (const [key, value] of Object.entries(copy)) {
    if (NOT_INPUTS.has(key)) continue;
    forEachLeaf(value, (_leaf, path, name) => {
      if (isLabel(name)) return;
      const mark = marks.has(name) ? marks.get(name) : { default: true };
      if (mark) places.push({ path, mark });
    }, [key], key);
  }
  for (const { path, mark } of places) setIn(copy, path, { value: getIn(copy, path), ...mark });
  const header = '# The scenario as projected: extends merged, defaults filled in, table paths resolved.\n';
  return header + stringify({ ...copy, provenance }, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The mark that states an entry's provenance, or null for a value with none. */
function markOf(entry: RegisterEntry): Record<string, unknown> | null {
  switch (entry.kind) {
    case 'default':
      return { default: true };
    case 'none':
      return null;
    default:
      return {
        ...(entry.source ? { source: entry.source.id } : {}),
        ...(entry.assumption !== undefined ? { assumption: entry.assumption } : {}),
        ...(entry.range ? { range: [...entry.range] } : {}),
      };
  }
}

/** A table's path as a report names it: `data/...` for the project's own, else absolute. */
export function tablePathForReport(path: string): string {
  const rel = relative(PROJECT_ROOT, path).split('\\').join('/');
  return rel.startsWith('data/') && !isAbsolute(rel) ? rel : path;
}

function setIn(root: Record<string, unknown>, path: ReadonlyArray<string | number>, value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

/**
 * `scenario.resolved.yaml`: the scenario after `extends` and defaults (the normalised spec a
 * run actually used), followed by the provenance block. Table paths are rewritten so that the
 * file can be read from anywhere: `data/...` for the project's own tables (as the format
 * resolves them against the project root), absolute paths for any other table.
 */
import { isAbsolute, relative } from 'node:path';
import { stringify } from 'yaml';
import type { Scenario } from '../scenario/schema.js';
import type { InputFile } from '../assumptions/types.js';
import { PROJECT_ROOT } from '../paths.js';
import type { Provenance } from './provenance.js';

export function resolvedYaml(scenario: Scenario, inputs: readonly InputFile[], provenance: Provenance): string {
  const { provenance: _previous, ...rest } = scenario;
  const copy = structuredClone(rest) as Record<string, unknown>;
  for (const input of inputs) for (const key of input.keys) setIn(copy, key, tablePathForReport(input.path));
  const header = '# The scenario as projected: extends merged, defaults filled in, table paths resolved.\n';
  return header + stringify({ ...copy, provenance }, { lineWidth: 0, aliasDuplicateObjects: false });
}

function tablePathForReport(path: string): string {
  const rel = relative(PROJECT_ROOT, path).split('\\').join('/');
  return rel.startsWith('data/') && !isAbsolute(rel) ? rel : path;
}

function setIn(root: Record<string, unknown>, path: ReadonlyArray<string | number>, value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

/**
 * `scenario.resolved.yaml`: the scenario after `extends` and defaults (the normalised spec a
 * run actually used), followed by the provenance block.
 */
import { stringify } from 'yaml';
import type { Scenario } from '../scenario/schema.js';
import type { Provenance } from './provenance.js';

export function resolvedYaml(scenario: Scenario, provenance: Provenance): string {
  const header = '# The scenario as projected: extends merged, defaults filled in.\n';
  return header + stringify({ ...scenario, provenance }, { lineWidth: 0, aliasDuplicateObjects: false });
}

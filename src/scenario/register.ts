/**
 * The assumption register: every value a projection uses, with where it comes from (a published
 * source, a declared assumption with its plausible range, coverage-sim's default) or that
 * nothing says so. Built from the merged scenario and the marks of its files (marks.ts).
 */
import type { KeyPath } from './errors.js';
import { forEachLeaf, getIn } from './leaves.js';
import type { Mark } from './marks.js';
import type { Scenario } from './schema.js';

export type ProvenanceKind = 'source' | 'assumption' | 'default' | 'none';

export interface CitedSource {
  id: string;
  citation: string;
  date: string;
  url?: string;
}

export interface RegisterEntry {
  /** The value's name, lists named by id (`groups[foreign_workers].risk.invalidity`). */
  name: string;
  /** Its path in the scenario (list indices). */
  path: KeyPath;
  value: unknown;
  kind: ProvenanceKind;
  source?: CitedSource;
  assumption?: string;
  range?: readonly [number, number];
}

/** The parts of a scenario that describe it rather than feed the projection. */
const NOT_INPUTS = new Set(['scenario', 'sources', 'provenance']);
const isLabel = (name: string) => /(^|\.)label(\.(en|ms))?$/.test(name);

/**
 * One entry per input of the projection. `marks` holds the marks in force by value name; a
 * value the merged scenario does not set is coverage-sim's default. `unknownSource` is called
 * for a mark that names a source the scenario does not have.
 */
export function buildRegister(
  scenario: Scenario,
  merged: Record<string, unknown>,
  marks: ReadonlyMap<string, { mark: Mark | null }>,
  unknownSource: (name: string, id: string) => void,
): RegisterEntry[] {
  const sources = scenario.sources ?? {};
  const out: RegisterEntry[] = [];
  for (const [key, value] of Object.entries(scenario)) {
    if (NOT_INPUTS.has(key)) continue;
    forEachLeaf(
      value,
      (leaf, path, name) => {
        if (isLabel(name)) return;
        const entry: RegisterEntry = { name, path, value: leaf, kind: 'none' };
        const mark = getIn(merged, path) === undefined ? { default: true as const } : marks.get(name)?.mark;
        if (mark?.source !== undefined) {
          const cited = sources[mark.source];
          if (cited) entry.source = { id: mark.source, ...cited };
          else unknownSource(name, mark.source);
        }
        if (mark?.assumption !== undefined) entry.assumption = mark.assumption;
        if (mark?.range !== undefined) entry.range = mark.range;
        entry.kind = entry.assumption !== undefined ? 'assumption' : entry.source ? 'source' : mark?.default ? 'default' : 'none';
        out.push(entry);
      },
      [key],
      key,
    );
  }
  return out;
}

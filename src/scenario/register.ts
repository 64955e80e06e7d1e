/**
 * The assumption register: every value a projection uses, with where it comes from (a published
 * source, a declared assumption with its plausible range, coverage-sim's default) or that
 * nothing says so. Built from the merged scenario and the marks of its files (marks.ts).
 */
import type { KeyPath } from './errors.js';
import { forEachLeaf, getIn } from './leaves.js';
import type { Mark } from './marks.js';
import type { Scenario } from './schema.js';
import { PENSION_TYPES_BY_KIND } from '../model.js';

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
export const NOT_INPUTS = new Set(['scenario', 'sources', 'provenance']);
/** A label names a group or a scheme in reports; it is not an input. */
export const isLabel = (name: string) => /(^|\.)label(\.(en|ms))?$/.test(name);

/**
 * Whether a default the schema fills in is an input of the projection: not an absent option
 * (null), a scheme's qualifying conditions where its kind has none (only invalidity and employment insurance count
 * contributions), the indexation of pensions where the kind pays none, the payer of a top-up where there is no minimum contribution, nor a group's risk multiplier
 * of a contingency that no scheme covering the group insures. A value the user writes is listed
 * whether used or not.
 */
function usedDefault(scenario: Scenario, path: KeyPath, value: unknown): boolean {
  if (value === null) return false;
  if (path[0] === 'schemes' && typeof path[1] === 'number') {
    const scheme = scenario.schemes[path[1]];
    if (path[2] === 'qualifying') return scheme.kind === 'invalidity' || scheme.kind === 'employment_insurance';
    if (path[2] === 'indexation' && PENSION_TYPES_BY_KIND[scheme.kind].length === 0) return false;
    if (path[path.length - 1] === 'top_up_payer') return getIn(scenario, [...path.slice(0, -1), 'minimum_monthly']) !== undefined;
  }
  if (path[0] === 'groups' && typeof path[1] === 'number' && path[2] === 'risk' && typeof path[3] === 'string' && path[3] !== 'mortality') {
    const id = scenario.groups[path[1]].id;
    return scenario.schemes.some((s) => s.kind === path[3] && Object.hasOwn(s.cover, id));
  }
  return true;
}

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
  claimedDefault: (path: KeyPath) => void = () => {},
): RegisterEntry[] {
  const sources = scenario.sources ?? {};
  const out: RegisterEntry[] = [];
  for (const [key, value] of Object.entries(scenario)) {
    if (NOT_INPUTS.has(key)) continue;
    forEachLeaf(
      value,
      (leaf, path, name) => {
        if (isLabel(name)) return;
        const marked = marks.get(name)?.mark;
        // A value no file sets, or one written as coverage-sim's default (scenario.resolved.yaml).
        const written = getIn(merged, path) !== undefined;
        // A value written as coverage-sim's default (scenario.resolved.yaml) is checked to be it.
        if (written && marked?.default === true) claimedDefault(path);
        const isDefault = !written || marked?.default === true;
        if (isDefault && !usedDefault(scenario, path, leaf)) return;
        const entry: RegisterEntry = { name, path, value: leaf, kind: 'none' };
        const mark = isDefault ? { default: true as const } : marked;
        if (mark?.source !== undefined) {
          const cited = Object.hasOwn(sources, mark.source) ? sources[mark.source] : undefined;
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

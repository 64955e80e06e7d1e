/**
 * What an answer depends on (methodology §9): each value of the register that has a plausible
 * range is moved to each end of it, one at a time, and the scenario projected again; the
 * headline conclusions of each end are set beside the scenario's own, and where one flips inside
 * the range the value at which it flips is found by bisection.
 *
 * The conclusions: per scheme, whether the legislated rates finance the horizon (the general
 * average premium over the horizon is at most the legislated level rate) and whether the fund is
 * depleted within it; per group of origin, whether it pays for itself (its benefit-to-contribution
 * ratio is below 1).
 */
import { projectionCells } from '../scenario/load.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { RegisterEntry } from '../scenario/register.js';
import type { Scenario } from '../scenario/schema.js';
import { ScenarioError } from '../scenario/errors.js';
import type { KeyPath } from '../scenario/errors.js';
import { buildAssumptions } from '../assumptions/build.js';
import { tableFiles } from '../assumptions/table-files.js';
import type { TableCache } from '../assumptions/table-files.js';
import type { Assumptions } from '../assumptions/types.js';
import { project } from '../engine/project.js';
import type { Projection } from '../engine/result.js';
import { assertFinite } from '../engine/check.js';
import { computeMeasures, legislatedLevelRate, measureOptionsOf } from '../measures/compute.js';
import type { Measures } from '../measures/types.js';
import { SCHEME_KINDS } from '../model.js';
import { COMMAND_WORK_FACTOR, messages } from '../messages.js';

export interface SchemeOutcome {
  scheme: string;
  /** General average premium over the whole horizon. */
  gap: number | null;
  /** The contribution rates in force over the horizon as one level rate, discounted as the GAP. */
  legislated: number | null;
  ownFund: boolean;
  depletionYear: number | null;
  groups: Array<{ group: string; ratio: number | null }>;
}

export type Outcome = SchemeOutcome[];

export type ConclusionKind = 'financed' | 'depleted' | 'pays_for_itself';

/** A conclusion that holds at one end of a range and not at the other. */
export interface Verdict {
  kind: ConclusionKind;
  scheme: string;
  group?: string;
  /** The value at which it flips (bisection to 1/128 of the interval; a whole number for a range of whole numbers), or null when not searched. */
  threshold: number | null;
  /** True when the conclusion holds below the threshold (at the low end of the range). */
  holdsBelow: boolean;
}

export interface Effect {
  entry: RegisterEntry & { range: readonly [number, number] };
  low: Outcome;
  high: Outcome;
  verdicts: Verdict[];
  /** The largest move over the range of a scheme's GAP, relative to its value in the scenario. */
  gapSwing: number;
  /** The largest move over the range of a group's benefit-to-contribution ratio (absolute). */
  ratioSwing: number;
}

/** Thresholds searched per range, and in a run: past that a flip is stated without its value. */
const MAX_THRESHOLDS = 5;
const MAX_SEARCHES = 20;
const BISECTION_STEPS = 7;

/** The headline conclusions of a projection. */
export function outcomeOf(a: Assumptions, p: Projection, m: Measures): Outcome {
  return m.schemes.map((s, k) => ({
    scheme: s.scheme,
    gap: s.generalAveragePremium[s.generalAveragePremium.length - 1]?.rate ?? null,
    legislated: legislatedLevelRate(p.schemes[k], a.economy.discountRate, 0, p.years - 1),
    ownFund: s.ownFund,
    depletionYear: s.depletionYear,
    groups: s.groups.map((g) => ({ group: g.group, ratio: g.benefitContributionRatio })),
  }));
}

/** Each conclusion of an outcome, by a key, as true, false or unknown (null). */
function conclusions(o: Outcome): Map<string, { kind: ConclusionKind; scheme: string; group?: string; holds: boolean | null }> {
  const out = new Map<string, { kind: ConclusionKind; scheme: string; group?: string; holds: boolean | null }>();
  for (const s of o) {
    out.set(`financed ${s.scheme}`, { kind: 'financed', scheme: s.scheme, holds: s.gap === null || s.legislated === null ? null : s.legislated >= s.gap });
    if (s.ownFund) out.set(`depleted ${s.scheme}`, { kind: 'depleted', scheme: s.scheme, holds: s.depletionYear !== null });
    for (const g of s.groups) out.set(`pays ${s.scheme} ${g.group}`, { kind: 'pays_for_itself', scheme: s.scheme, group: g.group, holds: g.ratio === null ? null : g.ratio < 1 });
  }
  return out;
}

function setIn(root: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

/**
 * Whether a value at `path` is used by some scheme: a group's risk multiplier of a contingency
 * only if a scheme of that kind covers the group, any other key of a group only if some scheme
 * covers it. The schemes are not independent (a group's deaths and exits from one contingency
 * are its insured persons' in every scheme), so a value that is used is projected with all of them.
 */
export function movesAnyScheme(scenario: Scenario, path: KeyPath): boolean {
  if (path[0] !== 'groups' || typeof path[1] !== 'number') return true;
  const id = scenario.groups[path[1]].id;
  const contingency = path[2] === 'risk' && typeof path[3] === 'string' && (SCHEME_KINDS as readonly string[]).includes(path[3]) ? path[3] : null;
  return scenario.schemes.some((s) => Object.hasOwn(s.cover, id) && (contingency === null || s.kind === contingency));
}

/**
 * Every end of every range built as a scenario (the series resolved and bounded, the tables
 * read), without projecting: what `validate` checks, so that it refuses the ranges `run` would.
 */
export function checkRangeEnds(loaded: LoadedScenario): void {
  const tables: TableCache = new Map();
  for (const entry of rangedEntries(loaded)) {
    if (!movesAnyScheme(loaded.scenario, entry.path)) continue;
    for (const [end, value] of [['low', entry.range[0]], ['high', entry.range[1]]] as const) {
      const scenario = structuredClone(loaded.scenario) as Scenario;
      setIn(scenario, entry.path, value);
      try {
        buildAssumptions({ ...loaded, scenario }, tableFiles(tables));
      } catch (e) {
        throw loaded.error(entry.path, messages.rangeEndFails(end, value, e instanceof Error ? e.message : String(e)), 'key');
      }
    }
  }
}

/** The register's entries that have a range, in the scenario's order. */
export function rangedEntries(loaded: LoadedScenario): Array<RegisterEntry & { range: readonly [number, number] }> {
  return loaded.register.filter((e): e is RegisterEntry & { range: readonly [number, number] } => e.range !== undefined && typeof e.value === 'number');
}

/**
 * The effects of every range of the register on the headline conclusions. `base` is the
 * scenario's own outcome. A range whose end cannot be projected (outside what the key accepts)
 * is an error at that key.
 */
/**
 * The work of the register's ranges: two projections a range and the searches for flips (at
 * most MAX_SEARCHES in a run), and whether it is within the limit the other commands' sets keep.
 */
export function registerWork(loaded: LoadedScenario): { projections: number; cells: number; withinLimit: boolean } {
  const ranges = rangedEntries(loaded);
  const cells = projectionCells(loaded.scenario);
  const projections = 2 * ranges.length + Math.min(MAX_SEARCHES, MAX_THRESHOLDS * ranges.length) * BISECTION_STEPS;
  return { projections, cells, withinLimit: projections * cells <= COMMAND_WORK_FACTOR * loaded.limits.cells };
}

export function registerEffects(loaded: LoadedScenario, base: Outcome): Effect[] {
  const ranges = rangedEntries(loaded);
  const { projections, cells, withinLimit } = registerWork(loaded);
  if (!withinLimit) {
    throw new ScenarioError({ file: loaded.files[0].displayPath }, undefined, messages.commandTooLarge('the ranges of the assumption register', projections, cells, COMMAND_WORK_FACTOR * loaded.limits.cells));
  }
  let searches = 0;
  const tables: TableCache = new Map();
  const measureOptions = measureOptionsOf(loaded.scenario.measures);
  const at = (entry: RegisterEntry, value: number, end: string): Outcome => {
    // A value no scheme uses (the risk of a contingency no scheme covers) moves nothing.
    if (!movesAnyScheme(loaded.scenario, entry.path)) return base;
    const scenario = structuredClone(loaded.scenario) as Scenario;
    setIn(scenario, entry.path, value);
    try {
      const a = buildAssumptions({ ...loaded, scenario }, tableFiles(tables));
      const p = project(a);
      assertFinite(p);
      return outcomeOf(a, p, computeMeasures(a, p, measureOptions));
    } catch (e) {
      const reason = e instanceof ScenarioError ? e.message : e instanceof Error ? e.message : String(e);
      throw loaded.error(entry.path, messages.rangeEndFails(end, value, reason), 'key');
    }
  };
  const baseConclusions = conclusions(base);
  return ranges.map((entry) => {
    const [lowValue, highValue] = entry.range;
    const low = at(entry, lowValue, 'low');
    const high = at(entry, highValue, 'high');
    const lowC = conclusions(low);
    const highC = conclusions(high);
    const verdicts: Verdict[] = [];
    for (const [key, b] of baseConclusions) {
      const l = lowC.get(key)?.holds ?? null;
      const h = highC.get(key)?.holds ?? null;
      if (l === null || h === null || l === h) continue;
      // It flips between the low end and the value, or between the value and the high end.
      const mid = b.holds;
      let [from, to] = mid === null ? [lowValue, highValue] : mid === l ? [entry.value as number, highValue] : [lowValue, entry.value as number];
      let threshold: number | null = null;
      if (verdicts.filter((v) => v.threshold !== null).length < MAX_THRESHOLDS && searches < MAX_SEARCHES && from < to) {
        searches++;
        // A range of whole numbers (months, ages, years) is searched over whole numbers: the
        // threshold is then the first value at which the conclusion no longer holds as at `from`.
        const whole = [lowValue, highValue, entry.value as number].every(Number.isInteger);
        for (let step = 0; step < BISECTION_STEPS && (!whole || to - from > 1); step++) {
          const x = whole ? Math.floor((from + to) / 2) : (from + to) / 2;
          const holds = conclusions(at(entry, x, 'inside')).get(key)?.holds;
          if (holds === l) from = x;
          else to = x;
        }
        threshold = whole && to - from <= 1 ? to : (from + to) / 2;
      }
      verdicts.push({ kind: b.kind, scheme: b.scheme, ...(b.group !== undefined ? { group: b.group } : {}), threshold, holdsBelow: l });
    }
    return { entry, low, high, verdicts, ...swingsOf(base, low, high) };
  });
}

/** |high − low| / |base|, or 0 where a value is undefined (or the base is 0). */
function relativeMove(base: number | null, low: number | null, high: number | null): number {
  return base === null || low === null || high === null || base === 0 ? 0 : Math.abs(high - low) / Math.abs(base);
}

function swingsOf(base: Outcome, low: Outcome, high: Outcome): { gapSwing: number; ratioSwing: number } {
  let gapSwing = 0;
  let ratioSwing = 0;
  base.forEach((s, k) => {
    gapSwing = Math.max(gapSwing, relativeMove(s.gap, low[k].gap, high[k].gap));
    s.groups.forEach((g, j) => {
      const [l, h] = [low[k].groups[j].ratio, high[k].groups[j].ratio];
      if (l !== null && h !== null) ratioSwing = Math.max(ratioSwing, Math.abs(h - l));
    });
  });
  return { gapSwing, ratioSwing };
}

/**
 * The effects ranked: those that flip a conclusion first (most flips first), then by the
 * relative move of a general average premium, then by the move of a benefit-to-contribution
 * ratio. A ratio far from 1 that doubles (0.09 to 0.19) changes no answer; a premium that moves
 * changes every one.
 */
export function ranked(effects: readonly Effect[]): Effect[] {
  return [...effects].sort((x, y) => y.verdicts.length - x.verdicts.length || y.gapSwing - x.gapSwing || y.ratioSwing - x.ratioSwing || x.entry.name.localeCompare(y.entry.name));
}

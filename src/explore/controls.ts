/**
 * The explore page's sliders, and the patch of the loaded scenario that a setting of them is.
 * The page projects that patch, and "Copy as scenario" writes the same patch as YAML: a what-if
 * found in the room runs later as a file (`extends` the loaded scenario), with the same numbers.
 *
 * Each control writes one or more keys of the scenario, each a series in any of its forms
 * (a number, an expression, a year map, `interpolate`, a ramp). A patch mapping is merged into
 * its parent key by key (merge.ts), so a new series is written in a form that replaces the
 * parent's whole: the parent's own form where it is a mapping.
 */
import type { Label } from '../assumptions/types.js';
import { rampValue } from '../assumptions/series.js';
import type { KeyPath } from '../scenario/errors.js';
import { isPlainObject, mergeScenario } from '../scenario/merge.js';

/**
 * - `level`: coverage or compliance reaches `value` in `year`, in a straight line from its value
 *   in the first year of cover (the year slider);
 * - `scale`: a contribution rate, the schedule scaled so that its last rate is `value` (phases keep
 *   their shape; a schedule of zeros becomes `value` in every year);
 * - `shift`: an economic assumption, its whole path moved so that its last value is `value`;
 * - `set`: one number (an initial fund, a value of the register).
 */
export type ControlHow = 'level' | 'scale' | 'shift' | 'set';
export type ControlUnit = 'percent' | 'money' | 'number';
/** The sections of the page the controls are grouped in. */
export type ControlSection = 'coverage' | 'compliance' | 'rates' | 'economy' | 'funds' | 'register';

export interface ControlTarget {
  /** The key's path in the merged scenario (list indices). */
  path: KeyPath;
  /** The series as loaded, one value per projection year. */
  loaded: number[];
  /** The key as the merged scenario has it (the form a new series must replace). */
  parent: unknown;
  /** `level`: the first year it may change (the first year of cover, or the projection's). */
  from: number;
}

export interface Control {
  id: string;
  section: ControlSection;
  how: ControlHow;
  label: Label;
  unit: ControlUnit;
  min: number;
  max: number;
  step: number;
  /** As loaded. */
  value: number;
  /** `level`: the year the level is reached, as loaded, and the years it may take. */
  year?: { min: number; max: number; value: number };
  targets: ControlTarget[];
  /** Where the loaded value comes from (the register's mark of the first key). */
  source?: string;
  assumption?: string;
  range?: readonly [number, number];
}

/** A setting of one control: its value, and for `level` its year. */
export interface Setting {
  value: number;
  year?: number;
}

export type Settings = Record<string, Setting>;

/** True when a setting differs from the control as loaded. */
export function isMoved(c: Control, s: Setting | undefined): s is Setting {
  if (!s) return false;
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
  return !close(s.value, c.value) || (c.year !== undefined && s.year !== undefined && s.year !== c.year.value);
}

/** The first year from which a series keeps its last value. */
export function settledYear(values: readonly number[], startYear: number): number {
  let i = values.length - 1;
  while (i > 0 && values[i - 1] === values[values.length - 1]) i--;
  return startYear + i;
}

/** Every projection year's value, as a year map. */
function yearMap(values: readonly number[], startYear: number): Record<string, number> {
  return Object.fromEntries(values.map((v, i) => [String(startYear + i), v]));
}

function mapNumbers(record: Record<string, unknown>, f: (x: number) => number): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === 'number' ? f(v) : v]));
}

/** A series transformed value by value, in its own form (so that it replaces the parent whole). */
function transformed(parent: unknown, f: (x: number) => number, expression: (e: string) => string): unknown {
  if (typeof parent === 'number') return f(parent);
  if (typeof parent === 'string') return expression(parent);
  if (isPlainObject(parent)) {
    if ('ramp' in parent) return { ...parent, start: f(Number(parent.start)), target: f(Number(parent.target)) };
    if ('interpolate' in parent && isPlainObject(parent.values)) return { ...parent, values: mapNumbers(parent.values, f) };
    return mapNumbers(parent, f);
  }
  return parent;
}

/** The new series of one key of a control at a setting. */
export function seriesAt(c: Control, t: ControlTarget, s: Setting, startYear: number): unknown {
  const last = t.loaded[t.loaded.length - 1];
  switch (c.how) {
    case 'set':
      return s.value;
    case 'scale': {
      if (last === 0) return s.value;
      const k = s.value / last;
      return transformed(t.parent, (x) => x * k, (e) => `(${e}) * ${k}`);
    }
    case 'shift': {
      const d = s.value - last;
      return transformed(t.parent, (x) => x + d, (e) => `(${e}) + ${d}`);
    }
    case 'level': {
      const year = s.year ?? c.year?.value ?? startYear;
      if (year <= t.from) return s.value;
      const ramp = { ramp: 'linear' as const, from: t.from, start: t.loaded[t.from - startYear], target: s.value, years: year - t.from };
      // A ramp replaces a number, an expression or a ramp; a year map is replaced by one of every year.
      if (!isPlainObject(t.parent) || 'ramp' in t.parent) return ramp;
      const values = t.loaded.map((_, i) => rampValue(ramp, startYear + i));
      return 'interpolate' in t.parent ? { interpolate: 'step', values: yearMap(values, startYear) } : yearMap(values, startYear);
    }
  }
}

/**
 * A patch that sets one key of the merged scenario: items of a list with ids are named by their
 * id (as an `extends` file names them), any other step is a key.
 */
export function patchAt(merged: unknown, path: KeyPath, value: unknown): Record<string, unknown> {
  const build = (node: unknown, k: number): unknown => {
    if (k === path.length) return value;
    const key = path[k];
    if (typeof key === 'number') {
      const item = (node as Array<Record<string, unknown>>)[key];
      const { id } = item;
      const rest = build(item, k + 1) as Record<string, unknown>;
      return [{ id, ...rest }];
    }
    return { [key]: build((node as Record<string, unknown>)?.[key], k + 1) };
  };
  return build(merged, 0) as Record<string, unknown>;
}

/**
 * The patch of the loaded scenario that the settings are: every moved control's keys, each new
 * series passed through `wrap` (the exported file marks each value as a what-if).
 */
export function patchOf(merged: Record<string, unknown>, controls: readonly Control[], settings: Settings, startYear: number, wrap: (series: unknown, c: Control) => unknown = (x) => x): Record<string, unknown> {
  let patch: Record<string, unknown> = {};
  for (const c of controls) {
    const s = settings[c.id];
    if (!isMoved(c, s)) continue;
    for (const t of c.targets) patch = mergeScenario(patch, patchAt(merged, t.path, wrap(seriesAt(c, t, s, startYear), c))) as Record<string, unknown>;
  }
  return patch;
}

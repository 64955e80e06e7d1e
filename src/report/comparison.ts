/**
 * The comparison of options (methodology §7, "scenario vs baseline"): every measure and the
 * main yearly flows of each scenario side by side, with each option's difference from the
 * first scenario, and the first year a yearly difference exceeds a threshold.
 */
import Papa from 'papaparse';
import { schemeTotals } from '../engine/result.js';
import type { Projection } from '../engine/result.js';
import type { Assumptions, Label } from '../assumptions/types.js';
import type { Measures } from '../measures/types.js';
import type { Scenario } from '../scenario/schema.js';
import { formatMeasure, measureRows } from './measures.js';
import type { MeasureRow } from './measures.js';

/** A scheme of a compared scenario: its label, whether it keeps a fund, and its cover by group. */
export interface ComparedScheme {
  id: string;
  label: Label;
  ownFund: boolean;
  /** Each covered group's cover entry as canonical text, to tell which groups an option extends. */
  cover: Record<string, string>;
}

/**
 * The rows of one scenario that a comparison sets side by side, and what the report needs to
 * name and value them. Plain data: a worker thread sends it back by copy.
 */
export interface ScenarioRows {
  id: string;
  title: string;
  description: string;
  rows: MeasureRow[];
  startYear: number;
  years: number;
  currency: string;
  /** The discount rate by year: an option's differences are valued at the baseline's. */
  discountRate: number[];
  schemes: ComparedScheme[];
  groups: Array<{ id: string; label: Label }>;
  /** The resolved scenario, for the assumptions in which an option differs from the baseline. */
  resolved: Scenario;
}

/** JSON with the keys of every mapping sorted: the same cover is the same text however it was merged. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Measures and the yearly flows of the summary, as rows, with the scenario's names and cover. */
export function comparisonRows(scenario: Scenario, a: Assumptions, p: Projection, m: Measures): ScenarioRows {
  const rows = measureRows(m);
  for (const s of p.schemes) {
    for (const [measure, values] of schemeTotals(s)) {
      for (let i = 0; i < p.years; i++) rows.push({ scheme: s.id, measure, benefit: '', group: '', from: p.startYear + i, to: p.startYear + i, value: values[i] });
    }
  }
  const schemes = p.schemes.map((s, k): ComparedScheme => {
    const cover = scenario.schemes.find((item) => item.id === s.id)?.cover ?? {};
    return {
      id: s.id,
      label: { ...s.label },
      ownFund: m.schemes[k].ownFund,
      cover: Object.fromEntries(Object.entries(cover).map(([group, entry]) => [group, canonical(entry)])),
    };
  });
  return {
    id: scenario.scenario.id,
    title: scenario.scenario.title,
    description: scenario.scenario.description ?? '',
    rows,
    startYear: p.startYear,
    years: p.years,
    currency: a.currency,
    discountRate: Array.from(a.economy.discountRate),
    schemes,
    groups: a.groups.map((g) => ({ id: g.id, label: { ...g.label } })),
    resolved: scenario,
  };
}

const keyOf = (r: MeasureRow) => `${r.scheme}|${r.measure}|${r.benefit}|${r.group}|${r.from}|${r.to}`;

export interface ComparisonTable {
  ids: string[];
  keys: MeasureRow[];
  /** values[k][j]: scenario j's value of row key k (undefined where it has no such row). */
  values: Array<Array<number | null | undefined>>;
}

export function compareScenarios(scenarios: readonly ScenarioRows[]): ComparisonTable {
  const index = new Map<string, number>();
  const keys: MeasureRow[] = [];
  const values: Array<Array<number | null | undefined>> = [];
  scenarios.forEach((scenario, j) => {
    for (const row of scenario.rows) {
      const key = keyOf(row);
      let k = index.get(key);
      if (k === undefined) {
        k = keys.length;
        index.set(key, k);
        keys.push({ ...row, value: null });
        values.push(new Array(scenarios.length).fill(undefined));
      }
      values[k][j] = row.value;
    }
  });
  return { ids: scenarios.map((s) => s.id), keys, values };
}

/** Option minus the first scenario; null where either is missing or undefined. */
export function difference(a: number | null | undefined, b: number | null | undefined): number | null {
  return a === null || a === undefined || b === null || b === undefined ? null : a - b;
}

const indexes = new WeakMap<ComparisonTable, Map<string, number>>();

/** The row of a key in the table (-1 if none); the key's benefit and group default to ''. */
export function rowOf(t: ComparisonTable, key: { scheme: string; measure: string; benefit?: string; group?: string; from: number; to: number }): number {
  let index = indexes.get(t);
  if (!index) {
    index = new Map(t.keys.map((k, i) => [keyOf(k), i]));
    indexes.set(t, index);
  }
  return index.get(`${key.scheme}|${key.measure}|${key.benefit ?? ''}|${key.group ?? ''}|${key.from}|${key.to}`) ?? -1;
}

/** Scenario j's value of a key: undefined where it has no such row, null where it is undefined. */
export function valueOf(t: ComparisonTable, j: number, key: Parameters<typeof rowOf>[1]): number | null | undefined {
  const k = rowOf(t, key);
  return k < 0 ? undefined : t.values[k][j];
}

/** Scenario j's yearly values of a scheme's measure over `years` (null where it has none). */
export function yearly(t: ComparisonTable, j: number, scheme: string, measure: string, years: readonly number[]): Array<number | null> {
  return years.map((year) => valueOf(t, j, { scheme, measure, from: year, to: year }) ?? null);
}

export function comparisonCsv(t: ComparisonTable): string {
  const fields = ['scheme', 'measure', 'benefit', 'group', 'from', 'to', ...t.ids, ...t.ids.slice(1).map((id) => `${id}_minus_${t.ids[0]}`)];
  const data = t.keys.map((key, k) => {
    const row = t.values[k];
    const shown = (x: number | null | undefined) => (x === undefined ? '' : formatMeasure(key.measure, x));
    return [
      key.scheme,
      key.measure,
      key.benefit,
      key.group,
      String(key.from),
      String(key.to),
      ...row.map(shown),
      ...row.slice(1).map((x) => formatMeasure(key.measure, difference(x, row[0]))),
    ];
  });
  return Papa.unparse({ fields, data }, { newline: '\n' }) + '\n';
}

/**
 * For each yearly measure of each scheme and each option, the first year the difference from
 * the first scenario exceeds `threshold` × |the first scenario's value|.
 */
export function thresholdYears(t: ComparisonTable, threshold: number): Array<{ scheme: string; measure: string; option: string; firstYear: number | null }> {
  const series = new Map<string, number[]>();
  t.keys.forEach((key, k) => {
    if (key.from !== key.to || key.benefit !== '' || key.group !== '' || key.measure === 'depletion_year') return;
    const name = `${key.scheme}|${key.measure}`;
    let list = series.get(name);
    if (!list) series.set(name, (list = []));
    list.push(k);
  });
  const out: Array<{ scheme: string; measure: string; option: string; firstYear: number | null }> = [];
  for (const [name, rows] of series) {
    const [scheme, measure] = name.split('|');
    for (let j = 1; j < t.ids.length; j++) {
      let firstYear: number | null = null;
      for (const k of rows) {
        const base = t.values[k][0];
        const d = difference(t.values[k][j], base);
        if (d !== null && base !== null && base !== undefined && Math.abs(d) > threshold * Math.abs(base)) {
          firstYear = t.keys[k].from;
          break;
        }
      }
      out.push({ scheme, measure, option: t.ids[j], firstYear });
    }
  }
  return out;
}

export function thresholdCsv(rows: ReturnType<typeof thresholdYears>, threshold: number): string {
  const data = rows.map((r) => [r.scheme, r.measure, r.option, String(threshold), r.firstYear === null ? '' : String(r.firstYear)]);
  return Papa.unparse({ fields: ['scheme', 'measure', 'option', 'relative_threshold', 'first_year'], data }, { newline: '\n' }) + '\n';
}

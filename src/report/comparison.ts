/**
 * The comparison of options (methodology §7, "scenario vs baseline"): every measure and the
 * main yearly flows of each scenario side by side, with each option's difference from the
 * first scenario, and the first year a yearly difference exceeds a threshold.
 */
import Papa from 'papaparse';
import { schemeTotals } from '../engine/result.js';
import type { Projection } from '../engine/result.js';
import type { Measures } from '../measures/types.js';
import { formatMeasure, measureRows } from './measures.js';
import type { MeasureRow } from './measures.js';

/** The rows of one scenario that a comparison sets side by side. */
export interface ScenarioRows {
  id: string;
  title: string;
  rows: MeasureRow[];
}

/** Measures and the yearly flows of the summary, as rows. */
export function comparisonRows(id: string, title: string, p: Projection, m: Measures): ScenarioRows {
  const rows = measureRows(m);
  for (const s of p.schemes) {
    for (const [measure, values] of schemeTotals(s)) {
      for (let i = 0; i < p.years; i++) rows.push({ scheme: s.id, measure, benefit: '', group: '', from: p.startYear + i, to: p.startYear + i, value: values[i] });
    }
  }
  return { id, title, rows };
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

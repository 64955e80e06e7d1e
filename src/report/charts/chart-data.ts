/**
 * The data behind a chart, written beside its PNG and SVG as `<name>.csv`, so that a reader can
 * check it and redraw it. Series of values over the chart's labels become one column each
 * (`label` first); point series ({x, y}) become long rows of series, x and y.
 */
import Papa from 'papaparse';
import type { ChartConfiguration } from 'chart.js';

type Point = { x: unknown; y: unknown };

function labelText(label: unknown): string {
  return Array.isArray(label) ? label.join(' ') : String(label ?? '');
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(12))) : '';
  return String(v);
}

export function chartDataCsv(config: ChartConfiguration): string {
  const labels = (config.data.labels ?? []) as unknown[];
  const datasets = config.data.datasets;
  const pointSeries = datasets.some((d) => (d.data as unknown[]).some((v) => v !== null && typeof v === 'object'));
  if (pointSeries) {
    const rows: string[][] = [];
    for (const d of datasets) for (const v of d.data as unknown[]) if (v && typeof v === 'object') rows.push([labelText(d.label), cell((v as Point).x), cell((v as Point).y)]);
    return Papa.unparse({ fields: ['series', 'x', 'y'], data: rows }, { newline: '\n' }) + '\n';
  }
  const fields = ['label', ...datasets.map((d) => labelText(d.label))];
  const rows = labels.map((label, i) => [labelText(label), ...datasets.map((d) => cell((d.data as unknown[])[i]))]);
  return Papa.unparse({ fields, data: rows }, { newline: '\n' }) + '\n';
}

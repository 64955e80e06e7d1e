/**
 * The parts every chart is built from, so that each keeps the rules of honest charts
 * (design/charts.md) by construction: value axes of bars and areas from zero, money in the unit
 * that fits the chart, ticks of at most four significant digits, two axes sharing their zero,
 * opaque stacked areas whose legend swatch is their fill, line legends drawn as a line in the
 * series' dash pattern, and a labelled marker for the depletion year. rules.ts checks them.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { PALETTE, seriesStyle } from './style.js';
import { formatNumber, text } from './labels.js';
import type { Lang } from './labels.js';

export interface NamedChart {
  name: string;
  title: string;
  config: ChartConfiguration;
}

/** A chart that was not drawn (it would have been empty), and why: the report says so. */
export interface OmittedChart {
  name: string;
  title: string;
  reason: string;
}

/** The charts of a report, and those left out with the reason. */
export interface ChartSet {
  charts: NamedChart[];
  omitted: OmittedChart[];
}

// ---------------------------------------------------------------- money and ticks

export interface MoneyUnit {
  divisor: number;
  /** "RM million", "RM bilion", for the axis title. */
  label: string;
}

const MONEY_UNITS = [
  { divisor: 1e9, key: 'billions' },
  { divisor: 1e6, key: 'millions' },
  { divisor: 1e3, key: 'thousands' },
  { divisor: 1, key: 'units' },
] as const;

/**
 * The unit that fits a chart's money: the largest in which the largest absolute value is at
 * least 1, so ticks read 1.5–900 rather than 0.0015 or 4,500,000.
 */
export function moneyUnit(series: ReadonlyArray<ArrayLike<number | null>>, currency: string, lang: Lang): MoneyUnit {
  let largest = 0;
  for (const values of series) for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i] ?? 0));
  const unit = MONEY_UNITS.find((u) => largest >= u.divisor) ?? MONEY_UNITS[MONEY_UNITS.length - 1];
  return { divisor: unit.divisor, label: text(unit.key, lang, currency) };
}

export function inUnit(values: ArrayLike<number | null>, unit: MoneyUnit): Array<number | null> {
  return Array.from(values, (v) => (v === null ? null : v / unit.divisor));
}

/** A tick of at most four significant digits, with thousands separators. */
export function tickLabel(value: number, percent = false): string {
  const rounded = value === 0 ? 0 : Number(value.toPrecision(4));
  const digits = Math.max(0, Math.min(8, -Math.floor(Math.log10(Math.abs(rounded) || 1)) + 3));
  // Trailing zeros are dropped: 1.500 → 1.5, 2,000 → 2,000.
  const shown = formatNumber(rounded, 0).length >= 5 ? formatNumber(rounded, 0) : formatNumber(rounded, digits).replace(/\.?0+$/, '');
  return percent ? `${shown}%` : shown;
}

export interface AxisOptions {
  /** Bars and areas: the axis includes zero (the default). A level line may leave it out. */
  zero?: boolean;
  stacked?: boolean;
  percent?: boolean;
  position?: 'left' | 'right';
  grid?: boolean;
  min?: number;
  max?: number;
}

/** A value axis with its unit in the title. */
export function valueAxis(title: string, options: AxisOptions = {}): Record<string, unknown> {
  return {
    position: options.position ?? 'left',
    stacked: options.stacked ?? false,
    beginAtZero: options.zero ?? true,
    ...(options.min !== undefined ? { min: options.min } : {}),
    ...(options.max !== undefined ? { max: options.max } : {}),
    grid: { display: options.grid ?? true },
    title: { display: true, text: title, font: { size: 20 } },
    ticks: { callback: (value: string | number) => tickLabel(Number(value), options.percent) },
  };
}

/**
 * Limits for two value axes so that their zero lines are at the same height: each axis spans
 * [−f·M, (1 − f)·M] in its own units, with f the larger share below zero of the two.
 */
export function alignedZero(left: ReadonlyArray<number | null>, right: ReadonlyArray<number | null>): { left: { min: number; max?: number }; right: { min: number; max?: number } } {
  const range = (values: ReadonlyArray<number | null>) => {
    let lo = 0;
    let hi = 0;
    for (const v of values) if (v !== null && Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    if (hi === lo) hi = lo + 1;
    return { lo, hi };
  };
  const a = range(left);
  const b = range(right);
  // Neither goes below zero: both axes start at zero and chart.js chooses the tops.
  if (a.lo === 0 && b.lo === 0) return { left: { min: 0 }, right: { min: 0 } };
  const below = Math.max(-a.lo / (a.hi - a.lo), -b.lo / (b.hi - b.lo));
  const span = (r: { lo: number; hi: number }) => {
    // The smallest nice span that fits both ends with zero at `below` of the height.
    const total = niceCeil(Math.max(below > 0 ? -r.lo / below : 0, below < 1 ? r.hi / (1 - below) : 0));
    return { min: -below * total, max: (1 - below) * total };
  };
  return { left: span(a), right: span(b) };
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above x. */
function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  return ([1, 2, 2.5, 5, 10].find((m) => m * power >= x * (1 - 1e-12)) ?? 10) * power;
}

// ---------------------------------------------------------------- series and legends

/** A line: its legend sample is a short line in its colour and dash pattern. */
export function lineSeries(label: string, data: Array<number | null>, index: number, extra: Record<string, unknown> = {}): ChartDataset {
  const style = seriesStyle(index);
  return { type: 'line', label, data, borderColor: style.borderColor, backgroundColor: style.borderColor, borderDash: style.borderDash, borderWidth: 3, pointRadius: 0, pointStyle: 'line', fill: false, ...extra } as ChartDataset;
}

/** A stacked area: opaque, in the palette colour, so the legend swatch is exactly the fill. */
export function areaSeries(label: string, data: Array<number | null>, index: number): ChartDataset {
  const colour = PALETTE[index % PALETTE.length];
  return { type: 'line', label, data, backgroundColor: colour, borderColor: '#ffffff', borderWidth: 1, pointRadius: 0, pointStyle: 'rect', fill: true } as ChartDataset;
}

/** A bar series: opaque, its legend swatch its fill. */
export function barSeries(label: string, data: Array<number | null>, index: number, extra: Record<string, unknown> = {}): ChartDataset {
  const colour = PALETTE[index % PALETTE.length];
  return { type: 'bar', label, data, backgroundColor: colour, borderColor: colour, borderWidth: 0, pointStyle: 'rect', ...extra } as ChartDataset;
}

/**
 * Legend items as the series look: a line for a line (in its dash pattern, at its width), a
 * filled square for an area or a bar. chart.js draws point styles from the points, which our
 * lines do not show, so the items are built here from the datasets.
 */
export function legendItems(chart: { data: { datasets: ChartDataset[] }; isDatasetVisible(i: number): boolean }): Array<Record<string, unknown>> {
  return chart.data.datasets.map((d, i) => {
    const ds = d as ChartDataset & { borderDash?: number[]; borderWidth?: number; pointStyle?: string; fill?: unknown };
    const isLine = ds.pointStyle === 'line';
    return {
      text: ds.label ?? '',
      datasetIndex: i,
      hidden: !chart.isDatasetVisible(i),
      pointStyle: isLine ? 'line' : 'rect',
      fillStyle: ds.backgroundColor,
      strokeStyle: isLine ? ds.borderColor : ds.backgroundColor,
      lineDash: isLine ? (ds.borderDash ?? []) : [],
      lineWidth: isLine ? (ds.borderWidth ?? 3) : 0,
    };
  });
}

/** Legend options for every chart: items as the series look, at the bottom. */
export function legend(filter?: (text: string) => boolean): Record<string, unknown> {
  return {
    position: 'bottom',
    labels: {
      usePointStyle: true,
      pointStyleWidth: 56,
      boxHeight: 18,
      generateLabels: (chart: Parameters<typeof legendItems>[0]) => legendItems(chart).filter((item) => !filter || filter(String(item.text))),
    },
  };
}

/** True when some series has a value other than zero: a chart without it is not drawn. */
export function hasData(datasets: readonly ChartDataset[]): boolean {
  return datasets.some((d) => (d.data as unknown[]).some((v) => (typeof v === 'number' ? v !== 0 && Number.isFinite(v) : v !== null && v !== undefined && typeof v === 'object')));
}

// ---------------------------------------------------------------- markers

/** A labelled vertical line at a year of the x axis (index into the labels): the depletion year. */
export function yearMarker(index: number, label: string, colour = '#D55E00'): Record<string, unknown> {
  return {
    type: 'line',
    scaleID: 'x',
    value: index,
    borderColor: colour,
    borderWidth: 3,
    label: { display: true, content: label, position: 'start', backgroundColor: colour, color: '#ffffff', font: { size: 18, weight: 'bold' } },
  };
}

/** A labelled horizontal line at a value of a y axis: a threshold the series are judged against. */
export function levelMarker(value: number, label: string, scaleID = 'y', colour = '#000000'): Record<string, unknown> {
  return {
    type: 'line',
    scaleID,
    value,
    borderColor: colour,
    borderWidth: 2,
    borderDash: [8, 6],
    label: { display: true, content: label, position: 'end', backgroundColor: 'rgba(255,255,255,0.85)', color: colour, font: { size: 16 } },
  };
}

/** The title of a chart on two lines (what, then the scheme), with an optional subtitle. */
export function titles(title: string, subtitle?: string | string[]): Record<string, unknown> {
  return {
    title: { display: true, text: title.split(' — '), font: { size: 28, weight: 'bold' } },
    subtitle: { display: subtitle !== undefined && subtitle.length > 0, text: subtitle ?? '', font: { size: 18 }, padding: { bottom: 12 } },
  };
}

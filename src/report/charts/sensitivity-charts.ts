/**
 * Tornado charts (each assumption's low and high shock as a bar of its effect on the general
 * average premium, the base value and the shock sizes in the subtitle, clamped shocks marked)
 * and heat maps of the contribution-rate × coverage grid (cells filling the chart area, a
 * diverging colour scale centred on the target reserve ratio, drawn with its legend bar).
 */
import type { ChartConfiguration, ChartDataset, Plugin } from 'chart.js';
import type { GapEffect, GridPoint, SensitivityRow } from '../../sensitivity/analysis.js';
import { gapEffects } from '../../sensitivity/analysis.js';
import { assumptionLabel, formatNumber, text } from './labels.js';
import type { Lang, TextKey } from './labels.js';
import { barSeries, legend, tickLabel, titles, valueAxis } from './chart-kit.js';
import type { ChartSet, NamedChart, OmittedChart } from './chart-kit.js';
import { CHART_FONT } from './renderer.js';

/** `{name}` placeholders of a text, filled. */
export function fillIn(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** A number without trailing zeros: 0.01 × 100 → "1", 0.005 × 100 → "0.5". */
const plain = (x: number) => formatNumber(x, 2).replace(/\.?0+$/, '');

/** The text key of an assumption's shock family, and whether its size is in points (absolute) or a share (relative). */
function family(assumption: string): { key: TextKey; points: boolean } {
  if (assumption.startsWith('incidence:')) return { key: 'shockIncidence', points: false };
  const families: Record<string, { key: TextKey; points: boolean }> = {
    investment_return: { key: 'shockReturn', points: true },
    wage_growth: { key: 'shockWages', points: true },
    mortality: { key: 'shockMortality', points: false },
    coverage: { key: 'shockCoverage', points: true },
    compliance: { key: 'shockCompliance', points: true },
    exchange_rate: { key: 'shockExchange', points: false },
  };
  return families[assumption] ?? { key: 'shockIncidence', points: false };
}

/** A shock's size as read: "±1 pt", "±10 pts", "±20%". */
export function shockSize(assumption: string, size: number, lang: Lang): string {
  const { points } = family(assumption);
  const n = 100 * size;
  return points ? `±${plain(n)} ${text(n === 1 ? 'shockPoint' : 'shockPoints', lang)}` : `±${plain(n)}%`;
}

/** Every shock family once, with its size: "return ±1 pt, wages ±1 pt, incidence ±20%, …". */
export function shockSizes(rows: readonly SensitivityRow[], lang: Lang): string {
  const seen = new Map<TextKey, string>();
  for (const r of rows) {
    const { key } = family(r.assumption);
    if (!seen.has(key)) seen.set(key, `${text(key, lang)} ${shockSize(r.assumption, r.size, lang)}`);
  }
  return [...seen.values()].join(', ');
}

/** A rate as a percentage of insurable wages, two decimals: 0.0053 → "0.53%". */
const percent = (x: number | null) => (x === null ? 'n/a' : `${formatNumber(100 * x, 2)}%`);

/** The label of an effect's bar: the assumption's name, marked "*" when a shock was clamped. */
export function effectLabel(e: GapEffect, scheme: string, lang: Lang, schemeName: (id: string) => string): string {
  const name = assumptionLabel(e.assumption, lang, (id) => (id === scheme ? '' : schemeName(id)));
  if (e.lowClamped && e.highClamped) return `${name} *`;
  if (e.lowClamped || e.highClamped) return `${name} (${text(e.lowClamped ? 'shockLow' : 'shockHigh', lang).toLowerCase()} *)`;
  return name;
}

/**
 * One tornado per scheme whose GAP some assumption moves: low and high bars side by side (never
 * one hiding the other when both go the same way), from zero, widest first. Assumptions that
 * cannot move the scheme are counted in the subtitle, not drawn.
 */
export function tornadoCharts(rows: readonly SensitivityRow[], lang: Lang, period: { from: number; to: number }, schemeName: (id: string) => string = (id) => id): ChartSet {
  const schemes = [...new Set(rows.map((r) => r.scheme))];
  const charts: NamedChart[] = [];
  const omitted: OmittedChart[] = [];
  const sizes = shockSizes(rows, lang);
  for (const scheme of schemes) {
    const { effects, without, base } = gapEffects(rows, scheme);
    const title = `${text('tornado', lang)} — ${schemeName(scheme)}`;
    const name = `${scheme}-tornado`;
    if (effects.length === 0) {
      omitted.push({ name, title, reason: text('tornadoNoEffect', lang) });
      continue;
    }
    const clamped = effects.some((e) => e.lowClamped || e.highClamped);
    const subtitle = [
      fillIn(text('tornadoBase', lang), { from: period.from, to: period.to, rate: percent(base) }),
      fillIn(text('tornadoShocks', lang), { list: sizes }),
      ...(clamped ? [text('tornadoClampedNote', lang)] : []),
      ...(without > 0 ? [text('noEffect', lang).replace('{n}', String(without))] : []),
    ];
    const datasets: ChartDataset[] = [
      barSeries(`${text('shockLow', lang)} (−)`, effects.map((e) => 100 * e.low), 0, { barPercentage: 0.9, categoryPercentage: 0.8 }),
      barSeries(`${text('shockHigh', lang)} (+)`, effects.map((e) => 100 * e.high), 3, { barPercentage: 0.9, categoryPercentage: 0.8 }),
    ];
    const config: ChartConfiguration = {
      type: 'bar',
      data: { labels: effects.map((e) => effectLabel(e, scheme, lang, schemeName)), datasets },
      options: {
        indexAxis: 'y',
        plugins: { ...titles(title, subtitle), legend: legend() },
        scales: {
          x: { ...valueAxis(text('gapPoints', lang), { zero: true }), position: 'bottom' },
          y: { grid: { display: false } },
        },
      } as ChartConfiguration['options'],
    };
    charts.push({ name, title, config });
  }
  return { charts, omitted };
}

// ---------------------------------------------------------------- heat map

/** The colour at the target: the centre of the diverging scale. */
export const NEUTRAL = '#f7f7f7';
/** Below the target (orange) and above it (blue), light to dark: colour-blind safe (PuOr / RdBu ends). */
const BELOW = ['#f7f7f7', '#fdb863', '#e08214', '#b35806'];
const ABOVE = ['#f7f7f7', '#92c5de', '#4393c3', '#2166ac'];
/** A cell whose fund is depleted by the year: beyond the scale's low end, and labelled so. */
export const DEPLETED = '#542200';

const rgb = (hex: string) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
const hex = (c: number[]) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** Along a ramp of colours at 0 ≤ u ≤ 1 (piecewise linear in RGB). */
function along(ramp: readonly string[], u: number): string {
  const x = Math.min(1, Math.max(0, u)) * (ramp.length - 1);
  const i = Math.min(ramp.length - 2, Math.floor(x));
  const [a, b] = [rgb(ramp[i]), rgb(ramp[i + 1])];
  return hex(a.map((v, k) => v + (b[k] - v) * (x - i)));
}

/**
 * The diverging colour of a value: NEUTRAL at the target, orange below it and blue above it,
 * darker with the distance, full at `span` (the same distance gives the same depth either side).
 */
export function divergingColour(value: number, target: number, span: number): string {
  if (value === target) return NEUTRAL;
  const u = span > 0 ? Math.abs(value - target) / span : 1;
  return along(value < target ? BELOW : ABOVE, u);
}

/** White text on dark cells, black on light ones. */
function ink(fill: string): string {
  const [r, g, b] = rgb(fill);
  return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? '#ffffff' : '#1a1a1a';
}

/** Ticks of a scale: round steps (1, 2 or 5 × 10^k) within [lo, hi], about five of them. */
function niceTicks(lo: number, hi: number): number[] {
  const range = hi - lo || 1;
  const raw = range / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * range; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export interface HeatCell {
  contributionFactor: number;
  coverageShift: number;
  fill: string;
  /** The lines written in the cell. */
  lines: string[];
}

interface HeatOptions {
  cells: HeatCell[];
  factors: number[];
  shifts: number[];
  scale: { lo: number; hi: number; target: number; span: number; title: string[]; targetLabel: string; depletedLabel: string | null };
}

/** Draws the cells, filling the chart area, and the colour scale beside it (options.plugins.heatCells). */
const heatCells: Plugin = {
  id: 'heatCells',
  beforeDatasetsDraw(chart, _args, options) {
    const o = options as unknown as HeatOptions;
    const { ctx, chartArea: area } = chart;
    const w = (area.right - area.left) / o.factors.length;
    const h = (area.bottom - area.top) / o.shifts.length;
    ctx.save();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const c of o.cells) {
      const i = o.factors.indexOf(c.contributionFactor);
      // The highest coverage shift at the top.
      const j = o.shifts.length - 1 - o.shifts.indexOf(c.coverageShift);
      const x = area.left + i * w;
      const y = area.top + j * h;
      ctx.fillStyle = c.fill;
      ctx.fillRect(x, y, w, h);
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 2;
      ctx.strokeRect(x, y, w, h);
      ctx.fillStyle = ink(c.fill);
      c.lines.forEach((line, k) => {
        ctx.font = k === 0 ? `bold 26px ${CHART_FONT}` : `18px ${CHART_FONT}`;
        ctx.fillText(line, x + w / 2, y + h / 2 + (k - (c.lines.length - 1) / 2) * 30);
      });
    }
    // The colour scale: a vertical bar from the lowest value (bottom) to the highest (top).
    const s = o.scale;
    // Whole pixels: rows of one pixel at fractional positions would blend into lighter colours.
    const barLeft = Math.round(area.right + 50);
    const barWidth = 34;
    const top = Math.round(area.top + 70);
    const bottom = Math.round(area.bottom - (s.depletedLabel ? 80 : 0));
    const at = (v: number) => bottom - ((v - s.lo) / (s.hi - s.lo || 1)) * (bottom - top);
    for (let y = top; y < bottom; y++) {
      const v = s.lo + ((bottom - y - 0.5) / (bottom - top)) * (s.hi - s.lo);
      ctx.fillStyle = divergingColour(v, s.target, s.span);
      ctx.fillRect(barLeft, y, barWidth, 1);
    }
    ctx.strokeStyle = '#888888';
    ctx.lineWidth = 1;
    ctx.strokeRect(barLeft, top, barWidth, bottom - top);
    ctx.fillStyle = '#1a1a1a';
    ctx.textAlign = 'left';
    ctx.font = `18px ${CHART_FONT}`;
    s.title.forEach((line, k) => ctx.fillText(line, barLeft - 10, area.top + 12 + 22 * k));
    for (const v of niceTicks(s.lo, s.hi)) {
      ctx.fillRect(barLeft + barWidth, at(v), 8, 1);
      ctx.fillText(tickLabel(v), barLeft + barWidth + 14, at(v));
    }
    // The target, marked across the bar.
    ctx.fillRect(barLeft - 8, at(s.target) - 1, barWidth + 16, 3);
    ctx.font = `bold 18px ${CHART_FONT}`;
    ctx.fillText(`${s.targetLabel} ${tickLabel(s.target)}`, barLeft + barWidth + 14, at(s.target) + (niceTicks(s.lo, s.hi).some((v) => Math.abs(at(v) - at(s.target)) < 20) ? 22 : 0));
    if (s.depletedLabel) {
      ctx.fillStyle = DEPLETED;
      ctx.fillRect(barLeft, area.bottom - 40, barWidth, 40);
      ctx.fillStyle = '#1a1a1a';
      ctx.font = `18px ${CHART_FONT}`;
      ctx.fillText(s.depletedLabel, barLeft + barWidth + 14, area.bottom - 20);
    }
    ctx.restore();
  },
};

export interface HeatMapInput {
  points: readonly GridPoint[];
  scheme: string;
  year: number;
  targetReserveRatio: number;
  /** The grid's coverage shifts were clamped at 0 or 1 for some covered group. */
  clamped: boolean;
  lang: Lang;
  schemeName?: (id: string) => string;
}

const signed = (x: number) => (x > 0 ? `+${plain(x)}` : x < 0 ? `−${plain(-x)}` : '0');

/**
 * The grid as a heat map: one cell per (contribution factor, coverage shift), filling the chart
 * area, with the reserve ratio in the year written in it; a depleted fund's cell says so (a
 * negative fund's "reserve ratio" is not one). The chart's data (its CSV) is the matrix of the
 * reserve ratios shown, and the depletion years, one column per coverage shift.
 */
/** Whether a grid has anything to draw: some point with a reserve ratio, or depleted. */
export function gridHasData(points: readonly GridPoint[]): boolean {
  return points.some((p) => p.reserveRatio !== null || p.depletionYear !== null);
}

export function heatMap(input: HeatMapInput): NamedChart {
  const { points, scheme, year, lang } = input;
  const name = input.schemeName ?? ((id: string) => id);
  const target = input.targetReserveRatio;
  const factors = [...new Set(points.map((p) => p.contributionFactor))].sort((a, b) => a - b);
  const shifts = [...new Set(points.map((p) => p.coverageShift))].sort((a, b) => a - b);
  const depletedBy = (p: GridPoint) => p.depletionYear !== null && p.depletionYear <= year;
  const shown = points.filter((p) => !depletedBy(p) && p.reserveRatio !== null).map((p) => p.reserveRatio!);
  // Full colour at the farthest value, but never nearer than a year of outgo: a reserve of 0.2
  // years is pale, not the deep blue of a healthy fund, however narrow the grid's range.
  const span = Math.max(1, ...shown.map((v) => Math.abs(v - target)));
  const lo = Math.min(target, ...shown);
  const hi = Math.max(target, ...shown);
  const cells: HeatCell[] = points.map((p) => {
    if (depletedBy(p)) return { contributionFactor: p.contributionFactor, coverageShift: p.coverageShift, fill: DEPLETED, lines: [text('heatDepleted', lang), String(p.depletionYear)] };
    if (p.reserveRatio === null) return { contributionFactor: p.contributionFactor, coverageShift: p.coverageShift, fill: '#ffffff', lines: ['n/a'] };
    const later = p.depletionYear !== null ? [fillIn(text('heatDepletedIn', lang), { year: p.depletionYear })] : [];
    return { contributionFactor: p.contributionFactor, coverageShift: p.coverageShift, fill: divergingColour(p.reserveRatio, target, span), lines: [formatNumber(p.reserveRatio, Math.abs(p.reserveRatio) < 10 ? 2 : 1), ...later] };
  });
  const title = `${fillIn(text('heatMapIn', lang), { year })} — ${name(scheme)}`;
  const targetText = fillIn(text(target === 1 ? 'yearCount' : 'yearsCount', lang), { n: tickLabel(target) });
  const subtitle = [fillIn(text('heatMapCells', lang), { year, target: targetText }), ...(input.clamped ? [text('heatMapClamped', lang)] : [])];
  const value = (factor: number, shift: number, f: (p: GridPoint) => number | null) => {
    const p = points.find((x) => x.contributionFactor === factor && x.coverageShift === shift);
    return p ? f(p) : null;
  };
  const column = (shift: number) => `${text('coverageShift', lang)} ${signed(100 * shift)}`;
  // Not drawn by chart.js (hidden): they carry the chart's data into its CSV.
  const datasets = [
    ...shifts.map((shift) => ({ label: `${text('reserveRatio', lang)} ${year}, ${column(shift)}`, data: factors.map((f) => value(f, shift, (p) => (depletedBy(p) ? null : p.reserveRatio))), hidden: true })),
    ...(points.some((p) => p.depletionYear !== null) ? shifts.map((shift) => ({ label: `${text('heatDepletedIn', lang).replace(' {year}', '')}, ${column(shift)}`, data: factors.map((f) => value(f, shift, (p) => p.depletionYear)), hidden: true })) : []),
  ] as ChartDataset[];
  const heat: HeatOptions = {
    cells,
    factors,
    shifts,
    scale: {
      lo,
      hi,
      target,
      span,
      title: [text('reserveRatio', lang), `(${text('yearsOfOutgo', lang)})`].flatMap((t) => (t.length > 24 ? wrap(t, 24) : [t])),
      targetLabel: text('heatTarget', lang),
      depletedLabel: points.some(depletedBy) ? text('heatDepleted', lang) : null,
    },
  };
  const half = shifts.length > 1 ? (100 * (shifts[1] - shifts[0])) / 2 : 5;
  const config: ChartConfiguration = {
    type: 'line',
    data: { labels: factors.map((f) => `×${plain(f)}`), datasets },
    options: {
      layout: { padding: { right: 250 } },
      plugins: { ...titles(title, subtitle), legend: { display: false }, heatCells: heat } as Record<string, unknown>,
      scales: {
        x: { offset: true, grid: { display: false }, title: { display: true, text: text('contributionFactor', lang), font: { size: 20 } } },
        y: {
          min: 100 * shifts[0] - half,
          max: 100 * shifts[shifts.length - 1] + half,
          grid: { display: false },
          afterBuildTicks: (axis: { ticks: Array<{ value: number }> }) => {
            axis.ticks = shifts.map((s) => ({ value: 100 * s }));
          },
          ticks: { callback: (v: string | number) => signed(Number(v)) },
          title: { display: true, text: text('coverageShift', lang), font: { size: 20 } },
        },
      },
    } as ChartConfiguration['options'],
    plugins: [heatCells],
  };
  return { name: `${scheme}-grid`, title, config };
}

function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && (current + ' ' + word).length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}

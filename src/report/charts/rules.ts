/**
 * The rules of honest charts (design/charts.md), checked on a chart's data and options rather
 * than on pixels. The tests run every chart the tool draws through here; a violation is a bug
 * even when the numbers are right.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { PALETTE } from './style.js';
import type { NamedChart } from './chart-kit.js';

export interface RuleContext {
  /** Ids that must never stand where a name belongs (schemes, groups, scenarios). */
  ids?: readonly string[];
  /** The legend items chart.js draws for the chart (renderer.legendItemsOf), to check the swatches. */
  legendItems?: ReadonlyArray<Record<string, unknown>>;
}

type Dataset = ChartDataset & {
  type?: string;
  fill?: unknown;
  yAxisID?: string;
  xAxisID?: string;
  borderDash?: number[];
  borderColor?: unknown;
  backgroundColor?: unknown;
  pointStyle?: unknown;
};
type Scale = { beginAtZero?: boolean; min?: number; max?: number; title?: { text?: string }; display?: boolean };

const YELLOW = PALETTE[6].toLowerCase();
/** Money unit words on an axis title (the currency code or RM, then the unit). */
const MONEY_AXIS = /\b(RM|[A-Z]{3})\b/;

export function chartRuleViolations(chart: NamedChart, context: RuleContext = {}): string[] {
  const out: string[] = [];
  const config = chart.config as ChartConfiguration & { options?: { indexAxis?: string; scales?: Record<string, Scale>; plugins?: Record<string, unknown> } };
  const datasets = config.data.datasets as Dataset[];
  const scales = config.options?.scales ?? {};
  const kindOf = (d: Dataset) => d.type ?? config.type;
  const isArea = (d: Dataset) => kindOf(d) === 'line' && d.fill !== undefined && d.fill !== false;
  const isBar = (d: Dataset) => kindOf(d) === 'bar';
  const valueAxisOf = (d: Dataset) => (config.options?.indexAxis === 'y' ? (d.xAxisID ?? 'x') : (d.yAxisID ?? 'y'));

  // No chart without data.
  const values = datasets.flatMap((d) => (d.data as unknown[]).filter((v) => (typeof v === 'number' ? Number.isFinite(v) && v !== 0 : v !== null && typeof v === 'object')));
  if (values.length === 0) out.push('the chart has no data');

  for (const d of datasets) {
    const label = String(d.label ?? '');
    // A bar or area value axis includes zero.
    if (isArea(d) || isBar(d)) {
      const axis = scales[valueAxisOf(d)] ?? {};
      const includesZero = axis.min !== undefined ? axis.min <= 0 && (axis.max === undefined || axis.max >= 0) : axis.beginAtZero === true;
      if (!includesZero) out.push(`"${label}": its value axis (${valueAxisOf(d)}) does not include zero`);
    }
    // Stacked areas and bars are opaque, in a palette colour.
    if (isArea(d) || isBar(d)) {
      const fill = typeof d.backgroundColor === 'string' ? d.backgroundColor.toLowerCase() : '';
      if (!/^#[0-9a-f]{6}$/.test(fill)) out.push(`"${label}": its fill ${String(d.backgroundColor)} is not an opaque colour`);
    }
    // No yellow line on white.
    if (kindOf(d) === 'line' && !isArea(d) && typeof d.borderColor === 'string' && d.borderColor.toLowerCase() === YELLOW) out.push(`"${label}": a yellow line on white`);
    // Names, not ids.
    if (context.ids?.includes(label)) out.push(`"${label}" is an id where a name belongs`);
  }
  if (context.ids?.includes(chart.title.split(' — ').pop() ?? '')) out.push(`the title names an id: ${chart.title}`);

  // Two value axes share their zero line.
  const valueAxes = [...new Set(datasets.map(valueAxisOf))];
  if (valueAxes.length === 2) {
    const [a, b] = valueAxes.map((id) => scales[id] ?? {});
    const zeroAt = (s: Scale) => (s.min !== undefined && s.max !== undefined ? -s.min / (s.max - s.min) : s.min === 0 ? 0 : undefined);
    const za = zeroAt(a);
    const zb = zeroAt(b);
    if (za === undefined || zb === undefined || Math.abs(za - zb) > 1e-9) out.push(`the two value axes ${valueAxes.join(' and ')} do not share their zero line`);
  }

  // Money in the unit that fits: no tick beyond four digits before the decimal point.
  for (const id of valueAxes) {
    const title = scales[id]?.title?.text ?? '';
    if (!MONEY_AXIS.test(title)) continue;
    const onAxis = datasets.filter((d) => valueAxisOf(d) === id).flatMap((d) => (d.data as unknown[]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)));
    const largest = Math.max(0, ...onAxis.map(Math.abs));
    if (largest >= 10_000) out.push(`axis "${title}": values up to ${largest} need a larger unit`);
  }

  // A line's legend sample is a line in its dash pattern; an area's or bar's is its fill.
  if (context.legendItems) {
    context.legendItems.forEach((item) => {
      const d = datasets[Number(item.datasetIndex)];
      if (!d) return;
      if (isArea(d) || isBar(d)) {
        if (item.fillStyle !== d.backgroundColor) out.push(`legend of "${String(d.label)}": swatch ${String(item.fillStyle)} is not the fill ${String(d.backgroundColor)}`);
      } else if (kindOf(d) === 'line') {
        if (item.pointStyle !== 'line') out.push(`legend of "${String(d.label)}": a ${String(item.pointStyle)} marker, not a line`);
        if (JSON.stringify(item.lineDash ?? []) !== JSON.stringify(d.borderDash ?? [])) out.push(`legend of "${String(d.label)}": dash ${JSON.stringify(item.lineDash)} is not the line's ${JSON.stringify(d.borderDash ?? [])}`);
      }
    });
  }
  return out;
}

/**
 * The charts of a comparison, per scheme, by the rules of design/charts.md (chart-kit.ts):
 *
 * - the fund, the PAYG cost rate and contributions with one line per scenario, and each option's
 *   fund as a difference from the baseline. Only the scenarios that differ from the baseline
 *   are drawn (the others are named in the subtitle); with more than five lines a chart would
 *   be lines no one can tell apart, so it is left out, and the ranked charts below show each
 *   option instead. A fund line ends at its depletion year (said in the legend, and marked
 *   when it is the only line); a difference ends when either fund is depleted.
 * - with two options or more, ranked bar charts of each option's net present value cost and
 *   of its change in the general average premium (the cost table, options-table.ts), per
 *   scheme and for all schemes together.
 *
 * Scenarios are named by their titles and schemes by their labels, never by their ids. A
 * scenario keeps its colour and dash pattern (from its position in the comparison) in every
 * line chart; yellow, for fills only, is skipped. A chart that would be empty is not drawn:
 * it is returned among the omitted, with the reason the report gives.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ComparisonTable, ScenarioRows } from '../comparison.js';
import { yearly } from '../comparison.js';
import type { OptionCostRow, OptionCosts } from '../options-table.js';
import { basisPoints, signed } from '../options-table.js';
import { barSeries, hasData, inUnit, legend, lineSeries, moneyUnit, titles, valueAxis, yearMarker } from './chart-kit.js';
import type { ChartSet, NamedChart, OmittedChart } from './chart-kit.js';
import { text } from './labels.js';
import type { Lang, TextKey } from './labels.js';
import { PALETTE } from './style.js';

/** The most lines a line chart of the comparison draws (design/charts.md). */
export const MAX_LINES = 5;

const YELLOW = PALETTE.indexOf('#F0E442');

/** The style (colour and dash) of scenario j: its position, skipping the palette's yellow. */
export function lineStyleIndex(j: number): number {
  let index = -1;
  for (let k = 0; k <= j; k++) {
    index++;
    if (index % PALETTE.length === YELLOW) index++;
  }
  return index;
}

/**
 * The styles of one chart's lines, given their scenarios' positions: each scenario's own style
 * (the same in every chart) while the comparison has no more scenarios than there are colours
 * without yellow; beyond that two scenarios of one chart could share a colour, so the chart's
 * lines take the colours in turn.
 */
export function lineStyles(positions: readonly number[], scenarios: number): number[] {
  return scenarios <= PALETTE.length - 1 ? positions.map(lineStyleIndex) : positions.map((_, k) => lineStyleIndex(k));
}

/**
 * Series grouped into the lines to draw: a series equal to the baseline's (`base`, if given)
 * is "same"; series equal to one another share a line, so that none hides under another.
 */
function groupLines(series: ReadonlyArray<ReadonlyArray<number | null> | null>, base: ReadonlyArray<number | null> | null): { lines: number[][]; same: number[] } {
  const lines: number[][] = [];
  const same: number[] = [];
  series.forEach((values, j) => {
    if (values === null) return;
    if (base !== null && values !== base && equal(values, base)) return void same.push(j);
    const twin = lines.find((group) => equal(series[group[0]]!, values));
    if (twin) twin.push(j);
    else lines.push([j]);
  });
  return { lines, same };
}

export interface CompareChartInput {
  table: ComparisonTable;
  scenarios: readonly ScenarioRows[];
  costs: OptionCosts;
  lang: Lang;
}

/** A text of labels.ts with its {placeholders} filled. */
function say(key: TextKey, lang: Lang, values: Record<string, string | number> = {}, currency = 'MYR'): string {
  return Object.entries(values).reduce<string>((s, [k, v]) => s.split(`{${k}}`).join(String(v)), text(key, lang, currency));
}

/** Words on lines of at most `width` characters. */
export function wrap(words: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A ranked bar chart shares about 620 pixels of plot among its bars, and a label line takes 1.2
 * times its font: a label keeps the lines its bar has room for (at most 3), the last cut with
 * "…" (the cost table gives every title whole), so labels of neighbouring bars never meet. With
 * more bars than two lines of font 16 fit, the labels are drawn at 14.
 */
const RANKED_PLOT_PX = 620;

export function rankedLabelFont(bars: number): number {
  // Two lines of a label at the largest of 16, 14, 12, 11 and 10 that fits its bar (11 from 22
  // bars, 10 from 24 to 25): one line would leave titles that differ only at their end looking alike.
  const perBar = RANKED_PLOT_PX / bars;
  for (const size of [16, 14, 12, 11]) if (perBar >= 2 * 1.2 * size) return size;
  return 10;
}

export function rankedLabelLines(bars: number): number {
  return Math.min(3, Math.max(1, Math.floor(RANKED_PLOT_PX / bars / (1.2 * rankedLabelFont(bars)))));
}

/** `wrap` to at most `maxLines` lines of `width`, the last ending in "…" when words are left over. */
export function wrapWithin(words: string, width: number, maxLines: number): string[] {
  const lines = wrap(words, width);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1];
  kept[maxLines - 1] = `${(last.length + 1 > width ? last.slice(0, width - 1).trimEnd() : last).replace(/[,;:]$/, '')}…`;
  return kept;
}

/** The longest legend label that fits on one line of a 1600-pixel chart (legend font 18). */
export const LEGEND_CHARS = 140;

/** A title's first clause (up to a bracket, semicolon, comma or colon), if it leaves at least 20 characters. */
export function firstClause(title: string): string {
  return /^(.{20,}?)\s*[(;,:]/.exec(title)?.[1] ?? title;
}

/**
 * Short names of the scenarios for crowded legends: each title's first clause where no other
 * scenario's title has the same first clause (the two commuter variants differ only after
 * theirs), else the whole title.
 */
export function shortNames(titles: readonly string[]): string[] {
  const clauses = titles.map(firstClause);
  return clauses.map((c, j) => (clauses.some((other, k) => k !== j && other === c) ? titles[j] : c));
}

/**
 * A line's legend label, on one line: the titles of the scenarios it stands for and the notes
 * (baseline, depleted 2036); the longest titles shortened first where they do not fit, and the
 * whole cut at a word as a last resort.
 */
export function lineLabel(titlesOf: readonly string[], shorts: readonly string[], notes: readonly string[]): string {
  const tail = notes.length > 0 ? ` (${notes.join(', ')})` : '';
  const names = [...titlesOf];
  const label = () => names.join('; ') + tail;
  const order = names.map((_, k) => k).sort((a, b) => names[b].length - names[a].length);
  for (const k of order) {
    if (label().length <= LEGEND_CHARS) break;
    names[k] = shorts[k];
  }
  if (label().length <= LEGEND_CHARS) return label();
  return `${wrap(names.join('; '), LEGEND_CHARS - tail.length - 1)[0]}…${tail}`;
}

/** "Same as the baseline: A; B" as subtitle lines; when the names would take more than two lines, their number. */
function listLines(key: TextKey, countKey: TextKey, lang: Lang, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  const lines = wrap(say(key, lang, { names: names.join('; ') }), 130);
  return lines.length <= 2 ? lines : [say(countKey, lang, { n: names.length })];
}

const equal = (a: ReadonlyArray<number | null>, b: ReadonlyArray<number | null>) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The index of the first negative value (the depletion year's), or -1. */
const firstNegative = (values: ReadonlyArray<number | null>) => values.findIndex((v) => v !== null && v < 0);

/** The kit's legend, its labels at a font size that fits long scenario titles. */
function legendOf(size: number): Record<string, unknown> {
  const base = legend() as { labels: Record<string, unknown> };
  return { ...base, labels: { ...base.labels, font: { size } } };
}

function lineConfig(title: string, subtitle: string[], lang: Lang, years: number[], datasets: ChartDataset[], yTitle: string, options: { percent?: boolean; annotations?: Record<string, unknown> } = {}): ChartConfiguration {
  return {
    type: 'line',
    data: { labels: years, datasets },
    options: {
      plugins: {
        ...titles(title, subtitle),
        legend: legendOf(18),
        ...(options.annotations ? { annotation: { annotations: options.annotations } } : {}),
      },
      scales: {
        x: { title: { display: true, text: text('year', lang), font: { size: 20 } }, ticks: { maxTicksLimit: 16 } },
        y: valueAxis(yTitle, { percent: options.percent }),
      },
    } as ChartConfiguration['options'],
  };
}

/** A horizontal bar per option, the largest at the top, coloured by sign, its value written at its end. */
function rankedConfig(title: string, subtitle: string[], labels: string[][], values: number[], shown: string[], axisTitle: string, up: string, down: string): ChartConfiguration {
  const annotations = Object.fromEntries(
    values.map((v, i) => [
      `value${i}`,
      { type: 'label', xValue: v, yValue: i, content: shown[i], position: { x: v >= 0 ? 'start' : 'end', y: 'center' }, xAdjust: v >= 0 ? 8 : -8, color: '#1a1a1a', font: { size: 17, weight: 'bold' } },
    ]),
  );
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        // One bar per option: the positive and negative values are two series, stacked.
        barSeries(up, values.map((v) => (v > 0 ? v : null)), 3),
        barSeries(down, values.map((v) => (v < 0 ? v : null)), 0),
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: { ...titles(title, subtitle), legend: legend(), annotation: { annotations } },
      scales: {
        // Room at both ends for the values written beside the bars.
        x: { ...valueAxis(axisTitle, { stacked: true }), position: 'bottom', grace: '12%' },
        y: { stacked: true, ticks: { font: { size: rankedLabelFont(labels.length) }, autoSkip: false }, grid: { display: false } },
      },
    } as ChartConfiguration['options'],
  };
}

export function compareCharts(input: CompareChartInput): ChartSet {
  const { table: t, scenarios, costs, lang } = input;
  const base = scenarios[0];
  const currency = base.currency;
  const years = Array.from({ length: base.years }, (_, i) => base.startYear + i);
  const period = `${costs.from}–${costs.to}`;
  const name = (j: number) => (j === 0 ? `${scenarios[0].title} ${text('compareBaselineSuffix', lang)}` : scenarios[j].title);
  const shorts = shortNames(scenarios.map((s) => s.title));
  const schemeIds = [...new Set(scenarios.flatMap((s) => s.schemes.map((x) => x.id)))];
  const schemeLabel = (id: string) => {
    const label = scenarios.flatMap((s) => s.schemes).find((x) => x.id === id)!.label;
    return label[lang] ?? label.en;
  };
  const charts: NamedChart[] = [];
  const omitted: OmittedChart[] = [];

  for (const scheme of schemeIds) {
    const label = schemeLabel(scheme);
    const info = scenarios.map((s) => s.schemes.find((x) => x.id === scheme));
    const title = (key: TextKey) => `${text(key, lang)} — ${label}`;
    const omit = (chart: string, key: TextKey, reason: string) => omitted.push({ name: `${scheme}-${chart}`, title: title(key), reason });
    const add = (chart: string, key: TextKey, config: ChartConfiguration) => charts.push({ name: `${scheme}-${chart}`, title: title(key), config });

    // One line per scenario that has the scheme and differs from the baseline; options with
    // the same values share one line (and its legend item), so that no line hides another.
    const byScenario = (chart: string, key: TextKey, measure: string, kind: 'money' | 'percent' | 'fund') => {
      if (kind === 'fund' && !info.some((s) => s?.ownFund)) return omit(chart, key, text('compareReasonPooled', lang));
      const series = scenarios.map((_, j) => (info[j] && (kind !== 'fund' || info[j]!.ownFund) ? yearly(t, j, scheme, measure, years) : null));
      const { lines, same } = groupLines(series, series[0]);
      if (lines.length > MAX_LINES) return omit(chart, key, say('compareReasonTooManyLines', lang, { n: lines.length }));
      // A fund line ends before its depletion year: nothing is drawn below a depleted fund.
      const depleted = lines.map((group) => (kind === 'fund' ? firstNegative(series[group[0]]!) : -1));
      const shown = lines.map((group, k) => series[group[0]]!.map((v, i) => (depleted[k] >= 0 && i >= depleted[k] ? null : v)));
      const unit = moneyUnit(shown, currency, lang);
      const styles = lineStyles(lines.map((group) => group[0]), scenarios.length);
      const datasets = lines.map((group, k) => {
        const notes = [...(group[0] === 0 ? [text('compareBaselineWord', lang)] : []), ...(depleted[k] >= 0 ? [say('compareDepletedIn', lang, { year: years[depleted[k]] })] : [])];
        const data = kind === 'percent' ? shown[k].map((v) => (v === null ? null : 100 * v)) : inUnit(shown[k], unit);
        return lineSeries(lineLabel(group.map((j) => scenarios[j].title), group.map((j) => shorts[j]), notes), data, styles[k]);
      });
      if (!hasData(datasets)) return omit(chart, key, text('compareReasonNoData', lang));
      const subtitle = [...(depleted.some((d) => d >= 0) ? [text('compareFundLinesEnd', lang)] : []), ...listLines('compareSameAsBaseline', 'compareSameAsBaselineCount', lang, same.map(name))];
      const only = lines.length === 1 && depleted[0] >= 0 ? depleted[0] : undefined;
      const annotations = only === undefined ? undefined : { depletion: yearMarker(only, say('compareDepletedMarker', lang, { year: years[only] })) };
      add(chart, key, lineConfig(title(key), subtitle, lang, years, datasets, kind === 'percent' ? text('percentOfWages', lang) : unit.label, { percent: kind === 'percent', annotations }));
    };
    byScenario('fund', 'compareFund', 'fund_end', 'fund');
    byScenario('payg', 'comparePayg', 'payg_cost_rate', 'percent');
    byScenario('contributions', 'compareContributions', 'contributions', 'money');

    // Each option's fund less the baseline's, until either is depleted.
    const difference = () => {
      const key: TextKey = 'compareFundDifference';
      if (!info[0]) return omit('fund-difference', key, text('compareReasonOnlyOptions', lang));
      if (!info[0].ownFund) return omit('fund-difference', key, text('compareReasonPooled', lang));
      const baseFund = yearly(t, 0, scheme, 'fund_end', years);
      const funds = scenarios.map((_, j) => (j > 0 && info[j]?.ownFund ? yearly(t, j, scheme, 'fund_end', years) : null));
      const { lines, same } = groupLines(funds, baseFund);
      if (lines.length === 0) return omit('fund-difference', key, text('compareReasonNoOptionChanges', lang));
      if (lines.length > MAX_LINES) return omit('fund-difference', key, say('compareReasonTooManyLines', lang, { n: lines.length }));
      const differences = lines.map((group) => {
        let ended = false;
        return funds[group[0]]!.map((v, i) => {
          const b = baseFund[i];
          ended ||= v === null || b === null || v < 0 || b < 0;
          return ended ? null : v! - b!;
        });
      });
      const unit = moneyUnit(differences, currency, lang);
      const styles = lineStyles(lines.map((group) => group[0]), scenarios.length);
      const datasets = lines.map((group, k) => lineSeries(lineLabel(group.map((j) => scenarios[j].title), group.map((j) => shorts[j]), []), inUnit(differences[k], unit), styles[k]));
      if (!hasData(datasets)) return omit('fund-difference', key, text('compareReasonDifferenceAfterDepletion', lang));
      const subtitle = [text('compareDifferenceLinesEnd', lang), ...listLines('compareSameAsBaseline', 'compareSameAsBaselineCount', lang, same.map(name))];
      add('fund-difference', key, lineConfig(title(key), subtitle, lang, years, datasets, unit.label));
    };
    difference();

    if (scenarios.length > 2) ranked(costs.rows.filter((r) => r.scheme === scheme), scheme, title);
  }
  if (scenarios.length > 2) ranked(costs.rows.filter((r) => r.scheme === null), 'all-schemes', (key) => `${text(key, lang)} — ${text('compareAllSchemes', lang)}`);
  return { charts, omitted };

  /** The ranked bar charts of the options' net PV cost and GAP change, for one scheme (or all). */
  function ranked(rows: OptionCostRow[], prefix: string, title: (key: TextKey) => string): void {
    const chart = (chartName: string, key: TextKey, value: (r: OptionCostRow) => number | null, axis: (values: number[]) => { divisor: number; label: string }, shown: (x: number) => string, up: TextKey, down: TextKey, subtitleKey: TextKey) => {
      const known = rows.filter((r) => value(r) !== null);
      const moved = known.filter((r) => value(r) !== 0).sort((a, b) => value(b)! - value(a)!);
      const still = known.filter((r) => value(r) === 0);
      if (moved.length < 2) {
        // No bar, or a single one: nothing to rank; the cost table gives the value.
        omitted.push({ name: `${prefix}-${chartName}`, title: title(key), reason: text(moved.length === 0 ? 'compareReasonNoCostChange' : 'compareReasonOneOption', lang) });
        return;
      }
      const unit = axis(moved.map((r) => value(r)!));
      const subtitle = [say(subtitleKey, lang, { period }), ...listLines('compareNoChange', 'compareNoChangeCount', lang, still.map((r) => name(r.option)))];
      charts.push({
        name: `${prefix}-${chartName}`,
        title: title(key),
        config: rankedConfig(title(key), subtitle, moved.map((r) => wrapWithin(name(r.option), 48, rankedLabelLines(moved.length))), moved.map((r) => value(r)! / unit.divisor), moved.map((r) => shown(value(r)! / unit.divisor)), unit.label, text(up, lang), text(down, lang)),
      });
    };
    chart('net-cost', 'compareNetCost', (r) => r.netPvCost, (values) => {
      const unit = moneyUnit([values], currency, lang);
      return { divisor: unit.divisor, label: say('comparePvAxis', lang, { period, unit: unit.label }) };
    }, (x) => signed(Number(x.toPrecision(3)), Math.abs(x) >= 100 ? 0 : 1), 'compareCostsMoney', 'compareSavesMoney', 'compareNetCostSubtitle');
    if (prefix !== 'all-schemes') {
      chart('gap-change', 'compareGapChange', (r) => (r.gapChange === null ? null : r.gapChange * 1e4), () => ({ divisor: 1, label: text('compareBasisPoints', lang) }), (x) => basisPoints(x / 1e4), 'compareRaisesGap', 'compareLowersGap', 'compareGapChangeSubtitle');
    }
  }
}

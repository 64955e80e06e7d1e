/**
 * The population charts of a run, per scheme: the pyramid of registered persons by age band and
 * sex (men to the left, women to the right, one bar per year shown, on one scale), and the
 * coverage rate of each group of origin over time (registered persons over the group's
 * potential population). Built with chart-kit, so they keep the chart rules (rules.ts).
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { Label } from '../../assumptions/types.js';
import { DETAIL_BENEFIT, MEASURE } from '../../model.js';
import { FEMALE, MALE, MAX_AGE, SEXES } from '../../engine/layout.js';
import { AGE_BANDS, detailIndex } from '../../engine/result.js';
import type { Projection, SchemeProjection } from '../../engine/result.js';
import { bandAges, registeredByBand } from '../population.js';
import { barSeries, hasData, legend, legendItems, lineSeries, tickLabel, titles, valueAxis } from './chart-kit.js';
import type { ChartSet, NamedChart, OmittedChart } from './chart-kit.js';
import { PALETTE } from './style.js';
import { formatNumber, text } from './labels.js';
import type { Lang } from './labels.js';

export interface PopulationChartInput {
  projection: Projection;
  groupLabels: Label[];
  /** The potential population P_g(t) of each group, by year index (the assumptions'). */
  potential: ReadonlyArray<ArrayLike<number>>;
  /** The ages each scheme covers. */
  ages: ReadonlyArray<{ min: number; max: number }>;
  /** The groups each scheme covers (by index). */
  covered: ReadonlyArray<ReadonlySet<number>>;
  lang: Lang;
  /** The years of the pyramids (at most two); by default each scheme's first year with registered persons and 25 years on (pyramidYears). */
  pyramidYears?: readonly number[];
}

/** At most this many lines on one chart (design/charts.md): more groups are split over several charts. */
const MAX_LINES = 5;

/**
 * The years of a scheme's pyramid: the ones asked for within the projection, or else its first
 * year with registered persons (the start year, unless its cover begins later) and 25 years on
 * (the last year, if sooner).
 */
export function pyramidYears(p: Projection, s: SchemeProjection, asked?: readonly number[]): number[] {
  const last = p.startYear + p.years - 1;
  let first = s.registered.findIndex((r) => r > 0);
  if (first < 0) first = 0;
  const from = p.startYear + first;
  const years = asked && asked.length > 0 ? asked.filter((y) => Number.isInteger(y) && y >= p.startYear && y <= last) : [from, Math.min(from + 25, last)];
  return [...new Set(years)].sort((a, b) => a - b).slice(0, 2);
}

/** A line's palette position for group g: every group keeps its colour, skipping yellow (fills only, never a thin line). */
function lineIndex(g: number): number {
  const yellow = PALETTE.indexOf('#F0E442');
  const k = g % (PALETTE.length - 1);
  return k >= yellow ? k + 1 : k;
}

/**
 * The pyramid's scale: a round step (1, 2, 2.5 or 5 × 10^k) and a half-width of at most five
 * steps that holds the largest bar, so that both sides carry the same ticks.
 */
export function pyramidScale(largest: number): { step: number; half: number } {
  if (!(largest > 0)) return { step: 1, half: 1 };
  const x = largest / 5;
  const power = 10 ** Math.floor(Math.log10(x));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= x * (1 - 1e-12)) ?? 10) * power;
  return { step, half: Math.ceil(largest / step - 1e-9) * step };
}

function bandLabel(b: number): string {
  const [from, to] = bandAges(b);
  return from === to ? String(from) : `${from}–${to}`;
}

/** The pyramid of one scheme: registered persons of all its groups by band and sex, in each year shown. */
function pyramid(input: PopulationChartInput, s: SchemeProjection, k: number, schemeName: string): { chart: NamedChart; datasets: ChartDataset[] } {
  const { projection: p, lang } = input;
  const years = pyramidYears(p, s, input.pyramidYears);
  const byYear = years.map((y) => registeredByBand(s, y - p.startYear, input.covered[k]));
  const shown = years.map((_, j) => byYear[j].some((values) => values.some((v) => v > 0)));
  if (shown.some((x) => x)) {
    for (let j = years.length - 1; j >= 0; j--) if (!shown[j]) (years.splice(j, 1), byYear.splice(j, 1));
  }
  // The bands with registered persons in any year shown, the oldest at the top.
  let lo = AGE_BANDS;
  let hi = -1;
  for (const bySex of byYear) for (const values of bySex) values.forEach((v, b) => v > 0 && ((lo = Math.min(lo, b)), (hi = Math.max(hi, b))));
  const bands = hi < 0 ? [] : Array.from({ length: hi - lo + 1 }, (_, j) => hi - j);
  let largest = 0;
  for (const bySex of byYear) for (const values of bySex) for (const b of bands) largest = Math.max(largest, values[b]);
  const { step, half } = pyramidScale(largest);
  // One stack per year: men to the left (negative), women to the right, in the year's colours.
  const colours: Array<Record<number, number>> = [
    { [MALE]: 0, [FEMALE]: 3 },
    { [MALE]: 5, [FEMALE]: 1 },
  ];
  const datasets: ChartDataset[] = [];
  years.forEach((year, j) => {
    for (const sex of [MALE, FEMALE]) {
      const label = `${text(sex === MALE ? 'popMen' : 'popWomen', lang)} ${year}`;
      const values = bands.map((b) => (sex === MALE ? -byYear[j][sex][b] : byYear[j][sex][b]));
      datasets.push(barSeries(label, values, colours[j][sex], { stack: String(year), barPercentage: 0.9, categoryPercentage: 0.9 }));
    }
  });
  const title = `${text('popPyramidTitle', lang)} — ${schemeName}`;
  const subtitle = text('popPyramidSubtitle', lang).replace('{years}', years.join(lang === 'ms' ? ' dan ' : ' and '));
  const x = valueAxis(text('popPersonsBySex', lang), { min: -half, max: half });
  // Absolute values on both sides: men are drawn as negative bars, not counted as negative persons.
  (x.ticks as Record<string, unknown>).callback = (value: string | number) => tickLabel(Math.abs(Number(value)));
  (x.ticks as Record<string, unknown>).stepSize = step;
  const config: ChartConfiguration = {
    type: 'bar',
    data: { labels: bands.map(bandLabel), datasets },
    options: {
      indexAxis: 'y',
      plugins: { ...titles(title, subtitle), legend: legend() },
      scales: {
        x: { ...x, stacked: true },
        y: { stacked: true, title: { display: true, text: text('popAge', lang), font: { size: 20 } } },
      },
    } as ChartConfiguration['options'],
  };
  return { chart: { name: 'pyramid', title, config }, datasets };
}

/** Registered persons of group g under a scheme, by year index (the detail's totals). */
function registeredOf(s: SchemeProjection, g: number): number[] {
  return Array.from({ length: s.years }, (_, i) => {
    let total = 0;
    for (let sex = 0; sex < SEXES; sex++) total += s.detail[detailIndex(DETAIL_BENEFIT.insured, MEASURE.registered, g, sex, s.groups, s.years) + i];
    return total;
  });
}

/** The coverage rate of each group the scheme covers: registered ÷ potential population, 0–100%. */
function coverage(input: PopulationChartInput, s: SchemeProjection, k: number, schemeName: string): Array<{ chart: NamedChart; datasets: ChartDataset[] }> {
  const { projection: p, lang } = input;
  const years = Array.from({ length: p.years }, (_, i) => p.startYear + i);
  const groups = [...input.covered[k]].sort((a, b) => a - b).filter((g) => registeredOf(s, g).some((v) => v > 0));
  const lines = groups.map((g) => {
    const registered = registeredOf(s, g);
    const rates = registered.map((r, i) => (input.potential[g][i] > 0 ? (100 * r) / input.potential[g][i] : null));
    return lineSeries(input.groupLabels[g][lang] ?? input.groupLabels[g].en, rates, lineIndex(g));
  });
  const parts = Math.max(1, Math.ceil(lines.length / MAX_LINES));
  const { min, max } = input.ages[k];
  const ages = max >= MAX_AGE ? text('popAgesFrom', lang).replace('{min}', String(min)) : `${min}–${max}`;
  const subtitle = text('popCoverageSubtitle', lang).replace('{ages}', ages);
  return Array.from({ length: parts }, (_, part) => {
    const datasets = lines.slice(part * MAX_LINES, (part + 1) * MAX_LINES);
    const of = parts > 1 ? ` (${text('popPartOf', lang).replace('{k}', String(part + 1)).replace('{n}', String(parts))})` : '';
    const title = `${text('popCoverageTitle', lang)}${of} — ${schemeName}`;
    // Each legend item carries the group's rate in the last year: lines that coincide (two groups
    // both at 98%, one drawn over the other) can still be told apart.
    const finals = datasets.map((d) => (d.data as Array<number | null>)[p.years - 1]);
    const base = legend() as { labels: Record<string, unknown> };
    const withFinal: Record<string, unknown> = {
      ...base,
      labels: {
        ...base.labels,
        generateLabels: (chart: Parameters<typeof legendItems>[0]) =>
          legendItems(chart).map((item, j) => (finals[j] === null || finals[j] === undefined ? item : { ...item, text: `${String(item.text)} (${formatNumber(finals[j]!, 1)}% ${text('popIn', lang)} ${years[years.length - 1]})` })),
      },
    };
    const config: ChartConfiguration = {
      type: 'line',
      data: { labels: years, datasets },
      options: {
        plugins: { ...titles(title, subtitle), legend: withFinal },
        elements: { point: { radius: 0 }, line: { borderWidth: 3 } },
        scales: {
          x: { title: { display: true, text: text('year', lang), font: { size: 20 } }, ticks: { maxTicksLimit: 16 } },
          y: valueAxis(text('popPercentOfPotential', lang), { percent: true, min: 0, max: 100 }),
        },
      } as ChartConfiguration['options'],
    };
    return { chart: { name: part === 0 ? 'coverage' : `coverage-${part + 1}`, title, config }, datasets };
  });
}

/** The population charts of scheme k, named `<scheme>-pyramid` and `<scheme>-coverage`, and those left out. */
export function populationCharts(input: PopulationChartInput, k: number): ChartSet {
  const s = input.projection.schemes[k];
  const schemeName = s.label[input.lang] ?? s.label.en;
  const charts: NamedChart[] = [];
  const omitted: OmittedChart[] = [];
  for (const { chart, datasets } of [pyramid(input, s, k, schemeName), ...coverage(input, s, k, schemeName)]) {
    const named = { ...chart, name: `${s.id}-${chart.name}` };
    if (hasData(datasets)) charts.push(named);
    else omitted.push({ name: named.name, title: named.title, reason: text('noData', input.lang) });
  }
  return { charts, omitted };
}


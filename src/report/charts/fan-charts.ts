/**
 * The charts of a stochastic run, for each scheme with a fund of its own: fan charts of the fund
 * and of the reserve ratio (bands between the 5th and 95th and the 25th and 75th percentiles,
 * the median, and the deterministic projection), and the probability that the fund is depleted,
 * and that the reserve ratio is below the threshold, by each year.
 *
 * The fans are of the fund and reserve ratio *held*: a path counts as 0 from its depletion on
 * (heldPercentileTable), so nothing is drawn below zero, and each line stops where it reaches 0;
 * the probability chart says how many paths are depleted by when.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { PATH_MEASURES, pathIndex } from '../../stochastic/paths.js';
import type { PathLayout } from '../../stochastic/paths.js';
import { PERCENTILES } from '../../stochastic/summary.js';
import type { DeterministicScheme, Probabilities } from '../../stochastic/summary.js';
import { formatNumber, text } from './labels.js';
import type { Lang } from './labels.js';
import { inUnit, legend, levelMarker, lineSeries, moneyUnit, tickLabel, titles, valueAxis, yearMarker } from './chart-kit.js';
import type { ChartSet, NamedChart, OmittedChart } from './chart-kit.js';
import { PALETTE } from './style.js';
import { fillIn } from './sensitivity-charts.js';

export interface FanInput {
  layout: PathLayout;
  /** Percentiles of the fund and reserve ratio held (heldPercentileTable). */
  held: Float64Array;
  probabilities: ReadonlyArray<Probabilities | null>;
  /** The deterministic projection, by scheme (absent: no line drawn). */
  deterministic?: readonly DeterministicScheme[];
  paths: number;
  seed: number;
  reserveThreshold: number;
  lang: Lang;
  currency?: string;
}

/** A palette colour at `alpha` over white, opaque: a band's fill is exactly its legend swatch. */
function overWhite(index: number, alpha: number): string {
  const hex = PALETTE[index % PALETTE.length];
  const [r, g, b] = [1, 3, 5].map((k) => Math.round(255 - alpha * (255 - parseInt(hex.slice(k, k + 2), 16))));
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * A held series as drawn: values above 0, and the first 0 after them (the line reaching zero);
 * nothing after (a line that has reached 0 stops).
 */
export function untilZero(values: ReadonlyArray<number | null>): Array<number | null> {
  let previous: number | null = null;
  return values.map((v) => {
    const shown = v === null ? null : v > 0 ? v : previous !== null && previous > 0 ? 0 : null;
    previous = shown;
    return shown;
  });
}

/** The lower edge of a band: at least 0, drawn where its upper edge is. */
const lowerEdge = (lower: ReadonlyArray<number | null>, upper: ReadonlyArray<number | null>) => lower.map((v, t) => (upper[t] === null || v === null ? null : Math.max(0, v)));

const count = (n: number) => formatNumber(n, 0);

export function fanCharts(input: FanInput): ChartSet {
  const { layout: r, lang } = input;
  const currency = input.currency ?? 'MYR';
  const years = Array.from({ length: r.years }, (_, t) => r.startYear + t);
  const charts: NamedChart[] = [];
  const omitted: OmittedChart[] = [];
  const n = tickLabel(input.reserveThreshold);
  const threshold = fillIn(text(input.reserveThreshold === 1 ? 'yearCount' : 'yearsCount', lang), { n });
  const label = (k: number) => r.schemes[k].label?.[lang] ?? r.schemes[k].label?.en ?? r.schemes[k].id;
  const runLine = fillIn(text('fanSubtitle', lang), { paths: count(input.paths), seed: input.seed });
  r.schemes.forEach((s, k) => {
    const scheme = label(k);
    if (s.poolOwner >= 0) {
      const reason = fillIn(text('uncertaintyPooled', lang), { owner: label(s.poolOwner) });
      for (const [suffix, key] of [['fan-fund', 'fund'], ['fan-reserve-ratio', 'reserveRatio'], ['probability', 'probabilityTitle']] as const) omitted.push({ name: `${s.id}-${suffix}`, title: `${text(key, lang)} — ${scheme}`, reason });
      return;
    }
    const d = input.deterministic?.[k];
    const depletion = d?.depletionYear ?? null;
    const markers: Record<string, unknown> = depletion !== null ? { depletion: yearMarker(depletion - r.startYear, fillIn(text('fanDeterministicDepleted', lang), { year: depletion })) } : {};
    const p = input.probabilities[k]!;
    // Where the bands end: written beside them, from the probability of depletion.
    const every = p.depleted.findIndex((v) => v >= 1);
    const most = p.depleted.findIndex((v) => v >= 0.95);
    const ended =
      most >= 0 && every > most
        ? fillIn(text('fanDepletedBoth', lang), { share: '95%', year: r.startYear + most, all: r.startYear + every })
        : every >= 0
          ? fillIn(text('fanDepletedAll', lang), { year: r.startYear + every })
          : most >= 0
            ? fillIn(text('fanDepletedShare', lang), { share: '95%', year: r.startYear + most })
            : null;
    const endedAt = most >= 0 ? most : every;
    for (const measure of ['fund_end', 'reserve_ratio'] as const) {
      const m = PATH_MEASURES.indexOf(measure);
      const band = (j: number) => years.map((_, t) => {
        const v = input.held[(pathIndex(r, k, m) + t) * PERCENTILES.length + j];
        return Number.isNaN(v) ? null : v;
      });
      // The deterministic line, held alike: 0 in its depletion year, nothing after.
      const deterministic = d ? years.map((year, t) => (depletion !== null && year >= depletion ? 0 : measure === 'fund_end' ? d.fundEnd[t] : d.reserveRatio[t])) : null;
      const raw = [band(0), band(1), band(2), band(3), band(4)];
      const unit = measure === 'fund_end' ? moneyUnit([...raw, ...(deterministic ? [deterministic] : [])], currency, lang) : null;
      const scaled = (values: Array<number | null>) => (unit ? inUnit(values, unit) : values);
      const [p5, p25, p50, p75, p95] = raw.map(scaled);
      const outer = untilZero(p95);
      const inner = untilZero(p75);
      const edge = (index: number, alpha: number) => ({ borderColor: overWhite(index, alpha + 0.15), backgroundColor: overWhite(index, alpha), borderWidth: 1, pointRadius: 0, pointStyle: 'rect' });
      const datasets = [
        { type: 'line', label: '5%', data: lowerEdge(p5, outer), ...edge(0, 0.18), fill: false, order: 3 },
        { type: 'line', label: '5%–95%', data: outer, ...edge(0, 0.18), fill: '-1', order: 3 },
        { type: 'line', label: '25%', data: lowerEdge(p25, inner), ...edge(0, 0.42), fill: false, order: 2 },
        { type: 'line', label: '25%–75%', data: inner, ...edge(0, 0.42), fill: '-1', order: 2 },
        lineSeries(text('median', lang), untilZero(p50), 0, { order: 1 }),
        ...(deterministic ? [lineSeries(text('fanDeterministic', lang), untilZero(scaled(deterministic)), 1, { order: 0 })] : []),
      ] as ChartDataset[];
      const isFund = measure === 'fund_end';
      const title = `${text(isFund ? 'fund' : 'reserveRatio', lang)} — ${scheme}`;
      const top = Math.max(0, ...outer.map((v) => v ?? 0));
      const annotations = {
        ...markers,
        ...(isFund ? {} : { threshold: levelMarker(input.reserveThreshold, fillIn(text('fanReserveThreshold', lang), { t: threshold })) }),
        ...(ended ? { ended: { type: 'label', xValue: endedAt, yValue: 0.12 * top, position: { x: 'start', y: 'center' }, xAdjust: 12, content: ended, color: '#1a1a1a', backgroundColor: 'rgba(255,255,255,0.85)', font: { size: 18 } } } : {}),
      };
      charts.push({
        name: `${s.id}-fan-${isFund ? 'fund' : 'reserve-ratio'}`,
        title,
        config: {
          type: 'line',
          data: { labels: years, datasets },
          options: {
            plugins: {
              // How depletion is drawn, where some path is depleted.
              ...titles(title, [runLine, ...(p.depleted.some((v) => v > 0) || depletion !== null ? [text('fanDepletion', lang)] : [])]),
              legend: legend((t) => t !== '5%' && t !== '25%'),
              annotation: { annotations },
            },
            scales: {
              x: { title: { display: true, text: text('year', lang), font: { size: 20 } }, ticks: { maxTicksLimit: 16 } },
              y: valueAxis(isFund ? unit!.label : text('yearsOfOutgo', lang), { zero: true }),
            },
          } as ChartConfiguration['options'],
        },
      });
    }
    const title = `${text('probabilityTitle', lang)} — ${scheme}`;
    const name = `${s.id}-probability`;
    if (!p.depleted.some((v) => v > 0) && !p.below.some((v) => v > 0)) {
      omitted.push({ name, title, reason: fillIn(text('probabilityNeverAtRisk', lang), { paths: count(input.paths), t: threshold }) });
      return;
    }
    const percent = (values: Float64Array) => Array.from(values, (v) => 100 * v);
    charts.push({
      name,
      title,
      config: {
        type: 'line',
        data: {
          labels: years,
          // Not clipped at the chart area: a line at 100% is drawn whole.
          datasets: [lineSeries(text('probabilityDepleted', lang), percent(p.depleted), 3, { clip: 6 }), lineSeries(fillIn(text('probabilityBelow', lang), { t: threshold }), percent(p.below), 0, { clip: 6 })],
        },
        options: {
          plugins: {
            ...titles(title, fillIn(text('probabilitySubtitle', lang), { paths: count(input.paths), seed: input.seed, t: threshold })),
            legend: legend(),
            annotation: { annotations: markers },
          },
          scales: {
            x: { title: { display: true, text: text('year', lang), font: { size: 20 } }, ticks: { maxTicksLimit: 16 } },
            y: valueAxis(text('probabilityAxis', lang), { zero: true, min: 0, max: 100, percent: true }),
          },
        } as ChartConfiguration['options'],
      },
    });
  });
  return { charts, omitted };
}

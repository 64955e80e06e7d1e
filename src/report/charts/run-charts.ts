/**
 * The charts of a run, per scheme (chart.js configurations; renderer.ts draws them): the fund
 * and reserve ratio; contributions against benefit outgo by type; cost rates against the
 * contribution rate; registered persons by group; present values by group of origin; pensions
 * in payment by type.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { Projection, SchemeProjection } from '../../engine/result.js';
import { detailIndex } from '../../engine/result.js';
import type { Label } from '../../assumptions/types.js';
import type { SchemeMeasures } from '../../measures/types.js';
import { DETAIL_BENEFIT, MEASURE, OUTGO_COLUMNS, PENSION_TYPES, PENSION_TYPES_BY_KIND } from '../../model.js';
import { benefitLabel, formatNumber, text } from './labels.js';
import type { Lang } from './labels.js';
import { fill, seriesStyle } from './style.js';

export interface NamedChart {
  name: string;
  title: string;
  config: ChartConfiguration;
}

export interface RunChartInput {
  projection: Projection;
  measures: { schemes: SchemeMeasures[] };
  groupLabels: Label[];
  currency: string;
  lang: Lang;
}

const million = (x: number) => x / 1e6;

/** Axis with a title (units) and thousands separators. */
function axis(title: string, options: { percent?: boolean; stacked?: boolean; position?: 'left' | 'right'; grid?: boolean } = {}) {
  return {
    position: options.position ?? 'left',
    stacked: options.stacked ?? false,
    // Stacked areas and bars read as shares of a whole: they start at zero.
    beginAtZero: options.stacked ?? false,
    grid: { display: options.grid ?? true },
    title: { display: true, text: title, font: { size: 20 } },
    ticks: { callback: (value: string | number) => (options.percent ? `${formatNumber(Number(value), 2)}%` : formatNumber(Number(value), Math.abs(Number(value)) < 10 && Number(value) % 1 !== 0 ? 1 : 0)) },
  };
}

/** A chart title on two lines: what is shown, then the scheme (long Malay titles fit a slide). */
export function titleLines(title: string): string[] {
  return title.split(' — ');
}

function base(title: string, lang: Lang, years: number[], datasets: ChartDataset[], scales: Record<string, unknown>, type: 'line' | 'bar' = 'line'): ChartConfiguration {
  return {
    type,
    data: { labels: years, datasets },
    options: {
      plugins: { title: { display: true, text: titleLines(title), font: { size: 28, weight: 'bold' } }, legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 40 } } },
      elements: { point: { radius: 0 }, line: { borderWidth: 3 } },
      scales: { x: { title: { display: true, text: text('year', lang), font: { size: 20 } }, ticks: { maxTicksLimit: 16 } }, ...scales },
    } as ChartConfiguration['options'],
  };
}

function line(label: string, data: Array<number | null>, index: number, extra: Record<string, unknown> = {}): ChartDataset {
  return { label, data, ...seriesStyle(index), fill: false, ...extra } as ChartDataset;
}

export function schemeCharts(input: RunChartInput, s: SchemeProjection, m: SchemeMeasures): NamedChart[] {
  const { projection: p, lang, currency } = input;
  const years = Array.from({ length: p.years }, (_, i) => p.startYear + i);
  const schemeTitle = (key: Parameters<typeof text>[0]) => `${text(key, lang)} — ${s.label[lang] ?? s.label.en}`;
  const money = text('millions', lang, currency);
  const charts: NamedChart[] = [];
  const percent = (values: Array<number | null>) => values.map((v) => (v === null ? null : 100 * v));

  if (m.ownFund) {
    charts.push({
      name: 'fund',
      title: schemeTitle('fundTitle'),
      config: base(schemeTitle('fundTitle'), lang, years, [
        line(`${text('fund', lang)} (${money})`, Array.from(s.fundEnd, million), 0, { yAxisID: 'y' }),
        line(`${text('reserveRatio', lang)} (${text('yearsOfOutgo', lang)})`, m.reserveRatio, 1, { yAxisID: 'y1' }),
      ], { y: axis(money), y1: axis(text('yearsOfOutgo', lang), { position: 'right', grid: false }) }),
    });
  }

  const outgo = OUTGO_COLUMNS.filter((c) => s.outgo[c].some((v) => v !== 0));
  charts.push({
    name: 'flows',
    title: schemeTitle('flowsTitle'),
    config: base(schemeTitle('flowsTitle'), lang, years, [
      { type: 'line', label: text('contributions', lang), data: Array.from(s.contributions, million), ...seriesStyle(7), borderWidth: 4, fill: false, order: 0 } as ChartDataset,
      ...outgo.map((c, k) => ({ type: 'bar', label: benefitLabel(c, lang), data: Array.from(s.outgo[c], million), backgroundColor: fill(k), borderColor: fill(k, 1), borderWidth: 0, stack: 'benefits', order: 1 }) as ChartDataset),
    ], { y: axis(money, { stacked: true }), x: { stacked: true, title: { display: true, text: text('year', lang) } } }, 'bar'),
  });

  // Each general average premium as a level line over its own period (10, 25, 50 years, horizon).
  const gapLines = m.generalAveragePremium.map((g, k) =>
    line(
      `${text('gap', lang)} ${g.from}–${g.to}`,
      years.map((year) => (year >= g.from && year <= g.to && g.rate !== null ? 100 * g.rate : null)),
      2 + k,
      { borderWidth: 2 },
    ),
  );
  charts.push({
    name: 'cost-rates',
    title: schemeTitle('costRatesTitle'),
    config: base(schemeTitle('costRatesTitle'), lang, years, [
      line(text('payg', lang), percent(m.paygCostRate), 0),
      line(text('terminal', lang), percent(m.terminalFundingCostRate), 1),
      ...gapLines,
      line(text('contributionRate', lang), percent(m.contributionRate), 7, { borderWidth: 4 }),
    ], { y: axis(text('percentOfWages', lang), { percent: true }) }),
  });

  const registered = (g: number) => {
    const out: number[] = [];
    for (let i = 0; i < p.years; i++) {
      let total = 0;
      for (let sex = 0; sex < 2; sex++) total += s.detail[detailIndex(DETAIL_BENEFIT.insured, MEASURE.registered, g, sex, s.groups, s.years) + i];
      out.push(total);
    }
    return out;
  };
  const covered = p.groupIds.map((_, g) => g).filter((g) => registered(g).some((v) => v > 0));
  charts.push({
    name: 'registered',
    title: schemeTitle('registeredTitle'),
    config: base(schemeTitle('registeredTitle'), lang, years,
      covered.map((g) => ({ label: input.groupLabels[g][lang] ?? input.groupLabels[g].en, data: registered(g), backgroundColor: fill(g, 0.75), borderColor: fill(g, 1), borderWidth: 2, fill: true, pointRadius: 0 }) as ChartDataset),
      { y: axis(text('persons', lang), { stacked: true }) }),
  });

  if (m.groups.length > 0) {
    // Each group's label carries its benefit-to-contribution ratio: below 1, it pays for itself.
    const labels = m.groups.map((g) => {
      const label = input.groupLabels[p.groupIds.indexOf(g.group)]?.[lang] ?? g.group;
      return g.benefitContributionRatio === null ? label : [label, `(${g.benefitContributionRatio.toFixed(2)})`];
    });
    charts.push({
      name: 'groups',
      title: schemeTitle('groupsTitle'),
      config: {
        type: 'bar',
        data: {
          labels,
          datasets: [
            { label: text('pvContributions', lang), data: m.groups.map((g) => million(g.pvContributions)), backgroundColor: fill(0), borderWidth: 0 },
            { label: text('pvCosts', lang), data: m.groups.map((g) => million(g.pvBenefits + g.pvExpenses)), backgroundColor: fill(3), borderWidth: 0 },
          ],
        },
        options: {
          plugins: { title: { display: true, text: titleLines(schemeTitle('groupsTitle')), font: { size: 28, weight: 'bold' } }, legend: { position: 'bottom' } },
          scales: { y: axis(text('pvMillions', lang, currency)) },
        } as ChartConfiguration['options'],
      },
    });
  }

  const types = PENSION_TYPES_BY_KIND[s.kind];
  const inPayment = (type: (typeof PENSION_TYPES)[number]) => {
    const out: number[] = [];
    for (let i = 0; i < p.years; i++) {
      let total = 0;
      for (let g = 0; g < s.groups; g++) for (let sex = 0; sex < 2; sex++) total += s.detail[detailIndex(DETAIL_BENEFIT[type], MEASURE.beneficiaries_end, g, sex, s.groups, s.years) + i];
      out.push(total);
    }
    return out;
  };
  charts.push({
    name: 'pensions',
    title: schemeTitle('pensionsTitle'),
    config: base(schemeTitle('pensionsTitle'), lang, years,
      types.map((type, k) => ({ label: benefitLabel(type, lang), data: inPayment(type), backgroundColor: fill(k, 0.75), borderColor: fill(k, 1), borderWidth: 2, fill: true, pointRadius: 0 }) as ChartDataset),
      { y: axis(text('persons', lang), { stacked: true }) }),
  });
  return charts.map((c) => ({ ...c, name: `${s.id}-${c.name}` }));
}

export function runCharts(input: RunChartInput): NamedChart[] {
  return input.projection.schemes.flatMap((s, k) => schemeCharts(input, s, input.measures.schemes[k]));
}

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
import { DETAIL_BENEFIT, MEASURE, OUTGO_COLUMNS, PAYERS, PENSION_TYPES_BY_KIND } from '../../model.js';
import { benefitLabel, payerLabel, text } from './labels.js';
import type { Lang } from './labels.js';
import { alignedZero, areaSeries, barSeries, hasData, inUnit, legend, lineSeries, moneyUnit, titles, valueAxis, yearMarker } from './chart-kit.js';
import type { ChartSet, NamedChart, OmittedChart } from './chart-kit.js';

export type { NamedChart };

export interface RunChartInput {
  projection: Projection;
  measures: { schemes: SchemeMeasures[] };
  groupLabels: Label[];
  currency: string;
  lang: Lang;
}

/** A chart title on two lines: what is shown, then the scheme (long Malay titles fit a slide). */
export function titleLines(title: string): string[] {
  return title.split(' — ');
}

function lineChart(title: string, years: number[], datasets: ChartDataset[], scales: Record<string, unknown>, lang: Lang, extra: { subtitle?: string; annotations?: Record<string, unknown>; type?: 'line' | 'bar' } = {}): ChartConfiguration {
  return {
    type: extra.type ?? 'line',
    data: { labels: years, datasets },
    options: {
      plugins: { ...titles(title, extra.subtitle), legend: legend(), annotation: { annotations: extra.annotations ?? {} } },
      elements: { point: { radius: 0 }, line: { borderWidth: 3 } },
      scales: { x: { title: { display: true, text: text('year', lang), font: { size: 20 } }, ticks: { maxTicksLimit: 16 } }, ...scales },
    } as ChartConfiguration['options'],
  };
}

/** Sum over groups and sexes of one detail measure, by year. */
function detailTotal(s: SchemeProjection, benefit: number, measure: number, group?: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.years; i++) {
    let total = 0;
    for (let g = 0; g < s.groups; g++) {
      if (group !== undefined && g !== group) continue;
      for (let sex = 0; sex < 2; sex++) total += s.detail[detailIndex(benefit, measure, g, sex, s.groups, s.years) + i];
    }
    out.push(total);
  }
  return out;
}

export function schemeCharts(input: RunChartInput, s: SchemeProjection, m: SchemeMeasures): ChartSet {
  const { projection: p, lang, currency } = input;
  const years = Array.from({ length: p.years }, (_, i) => p.startYear + i);
  const schemeTitle = (key: Parameters<typeof text>[0]) => `${text(key, lang)} — ${s.label[lang] ?? s.label.en}`;
  const charts: NamedChart[] = [];
  const omitted: OmittedChart[] = [];
  const add = (name: string, title: string, config: ChartConfiguration, datasets: readonly ChartDataset[]) => {
    if (hasData(datasets)) charts.push({ name, title, config });
    else omitted.push({ name, title, reason: text('noData', lang) });
  };
  const percent = (values: ArrayLike<number | null>) => Array.from(values, (v) => (v === null ? null : 100 * v));

  if (m.ownFund) {
    // Nothing is drawn below a depleted fund: the fund and its reserve ratio stop at depletion,
    // the year is marked, and the shortfall after it has a chart of its own.
    const depleted = m.depletionYear === null ? -1 : m.depletionYear - p.startYear;
    const beforeDepletion = <T>(values: ArrayLike<T>) => Array.from(values, (v, i) => (depleted >= 0 && i >= depleted ? null : v));
    const fund = beforeDepletion(Array.from(s.fundEnd));
    const unit = moneyUnit([fund], currency, lang);
    const fundLine = inUnit(fund, unit);
    const ratio = beforeDepletion(m.reserveRatio);
    const zero = alignedZero(fundLine, ratio);
    const title = schemeTitle('fundTitle');
    const datasets = [
      lineSeries(`${text('fund', lang)} (${unit.label})`, fundLine, 0, { yAxisID: 'y' }),
      lineSeries(`${text('reserveRatio', lang)} (${text('yearsOfOutgo', lang)})`, ratio, 1, { yAxisID: 'y1' }),
    ];
    const depletion = depleted >= 0 ? text('depletedIn', lang).replace('{year}', String(m.depletionYear)) : undefined;
    add('fund', title, lineChart(title, years, datasets, {
      y: valueAxis(unit.label, zero.left),
      y1: valueAxis(text('yearsOfOutgo', lang), { ...zero.right, position: 'right', grid: false }),
    }, lang, { subtitle: depletion ? `${depletion}; ${text('shortfallAfter', lang)}` : undefined, annotations: depletion ? { depletion: yearMarker(depleted, depletion) } : {} }), datasets);

    if (depleted >= 0) {
      // The yearly shortfall after depletion: benefits and expenses less contributions.
      const shortfall = years.map((_, i) => (i >= depleted ? s.benefits[i] + s.expenses[i] - s.contributions[i] : null));
      const shortfallUnit = moneyUnit([shortfall], currency, lang);
      const money = inUnit(shortfall, shortfallUnit);
      const share = shortfall.map((v, i) => (v === null || s.wageBill[i] === 0 ? null : (100 * v) / s.wageBill[i]));
      const aligned = alignedZero(money, share);
      const shortfallTitle = schemeTitle('shortfallTitle');
      const shortfallSets = [
        barSeries(`${text('shortfall', lang)} (${shortfallUnit.label})`, money, 3, { yAxisID: 'y', order: 1 }),
        lineSeries(`${text('shortfall', lang)} (${text('percentOfWages', lang)})`, share, 7, { yAxisID: 'y1', order: 0 }),
      ];
      add('shortfall', shortfallTitle, lineChart(shortfallTitle, years, shortfallSets, {
        y: valueAxis(shortfallUnit.label, aligned.left),
        y1: valueAxis(text('percentOfWages', lang), { ...aligned.right, percent: true, position: 'right', grid: false }),
      }, lang, { type: 'bar', subtitle: depletion, annotations: { depletion: yearMarker(depleted, depletion!) } }), shortfallSets);
    }
  }

  const outgo = OUTGO_COLUMNS.filter((c) => s.outgo[c].some((v) => v !== 0));
  const flowsUnit = moneyUnit([s.contributions, s.benefits], currency, lang);
  const flowsTitle = schemeTitle('flowsTitle');
  const flows = [
    lineSeries(text('contributions', lang), inUnit(s.contributions, flowsUnit), 7, { borderWidth: 4, order: 0 }),
    ...outgo.map((c, k) => barSeries(benefitLabel(c, lang), inUnit(s.outgo[c], flowsUnit), k, { stack: 'benefits', order: 1 })),
  ];
  add('flows', flowsTitle, lineChart(flowsTitle, years, flows, { y: valueAxis(flowsUnit.label, { stacked: true }), x: { stacked: true, title: { display: true, text: text('year', lang) } } }, lang, { type: 'bar' }), flows);

  // Who pays: the contributions stacked by payer (each payer in its own colour in every scheme's
  // chart), drawn where two or more payers share them.
  const payers = PAYERS.map((payer, j) => ({ payer, j })).filter(({ j }) => s.contributionsByPayer[j].some((v) => v !== 0));
  const payersTitle = schemeTitle('payersTitle');
  if (payers.length < 2) {
    omitted.push({ name: 'payers', title: payersTitle, reason: payers.length === 0 ? text('noData', lang) : text('onePayer', lang) });
  } else {
    const payersUnit = moneyUnit([s.contributions], currency, lang);
    const bySets = payers.map(({ payer, j }) => barSeries(payerLabel(payer, lang), inUnit(s.contributionsByPayer[j], payersUnit), j, { stack: 'payers' }));
    add('payers', payersTitle, lineChart(payersTitle, years, bySets, { y: valueAxis(payersUnit.label, { stacked: true }), x: { stacked: true, title: { display: true, text: text('year', lang) } } }, lang, { type: 'bar' }), bySets);
  }

  // Each general average premium as a level line over its own period (10, 25, 50 years, horizon).
  const gapLines = m.generalAveragePremium.map((g, k) =>
    lineSeries(`${text('gap', lang)} ${g.from}–${g.to}`, years.map((year) => (year >= g.from && year <= g.to && g.rate !== null ? 100 * g.rate : null)), 2 + k, { borderWidth: 2 }),
  );
  const costTitle = schemeTitle('costRatesTitle');
  const costs = [
    lineSeries(text('payg', lang), percent(m.paygCostRate), 0),
    lineSeries(text('terminal', lang), percent(m.terminalFundingCostRate), 1),
    ...gapLines,
    lineSeries(text('contributionRate', lang), percent(m.contributionRate), 7, { borderWidth: 4 }),
  ];
  add('cost-rates', costTitle, lineChart(costTitle, years, costs, { y: valueAxis(text('percentOfWages', lang), { percent: true }) }, lang), costs);

  const registeredTitle = schemeTitle('registeredTitle');
  const covered = p.groupIds.map((_, g) => g).filter((g) => detailTotal(s, DETAIL_BENEFIT.insured, MEASURE.registered, g).some((v) => v > 0));
  const registered = covered.map((g) => areaSeries(input.groupLabels[g][lang] ?? input.groupLabels[g].en, detailTotal(s, DETAIL_BENEFIT.insured, MEASURE.registered, g), g));
  add('registered', registeredTitle, lineChart(registeredTitle, years, registered, { y: valueAxis(text('persons', lang), { stacked: true }) }, lang), registered);

  if (m.groups.length > 0) {
    // Each group's label carries its benefit-to-contribution ratio: below 1, it pays for itself.
    const labels = m.groups.map((g) => {
      const label = input.groupLabels[p.groupIds.indexOf(g.group)]?.[lang] ?? g.group;
      return g.benefitContributionRatio === null ? label : [label, `(${g.benefitContributionRatio.toFixed(2)})`];
    });
    const pvContributions = m.groups.map((g) => g.pvContributions);
    const pvCosts = m.groups.map((g) => g.pvBenefits + g.pvExpenses);
    const unit = moneyUnit([pvContributions, pvCosts], currency, lang);
    const title = schemeTitle('groupsTitle');
    const datasets = [barSeries(text('pvContributions', lang), inUnit(pvContributions, unit), 0), barSeries(text('pvCosts', lang), inUnit(pvCosts, unit), 3)];
    add('groups', title, {
      type: 'bar',
      data: { labels, datasets },
      options: {
        plugins: { ...titles(title), legend: legend() },
        scales: { y: valueAxis(`${text('presentValue', lang)}, ${unit.label}`) },
      } as ChartConfiguration['options'],
    }, datasets);
  }

  const pensionsTitle = schemeTitle('pensionsTitle');
  const pensions = PENSION_TYPES_BY_KIND[s.kind].map((type, k) => areaSeries(benefitLabel(type, lang), detailTotal(s, DETAIL_BENEFIT[type], MEASURE.beneficiaries_end), k));
  add('pensions', pensionsTitle, lineChart(pensionsTitle, years, pensions, { y: valueAxis(text('persons', lang), { stacked: true }) }, lang), pensions);

  const named = <T extends { name: string }>(c: T): T => ({ ...c, name: `${s.id}-${c.name}` });
  return { charts: charts.map(named), omitted: omitted.map(named) };
}

/** The charts of a run, and those left out (with the reason). */
export function runChartSet(input: RunChartInput): ChartSet {
  const sets = input.projection.schemes.map((s, k) => schemeCharts(input, s, input.measures.schemes[k]));
  return { charts: sets.flatMap((x) => x.charts), omitted: sets.flatMap((x) => x.omitted) };
}

export function runCharts(input: RunChartInput): NamedChart[] {
  return runChartSet(input).charts;
}

/**
 * The charts of a comparison, per scheme: the fund, the PAYG cost rate and contributions with
 * one line per scenario, and each option's fund as a difference from the baseline. A scenario
 * keeps its colour (its position in the comparison) in every chart.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ComparisonTable } from '../comparison.js';
import { formatNumber, text } from './labels.js';
import type { Lang } from './labels.js';
import { titleLines } from './run-charts.js';
import type { NamedChart } from './run-charts.js';
import { seriesStyle } from './style.js';

function series(t: ComparisonTable, scheme: string, measure: string, years: number[], j: number, scale: (x: number) => number): Array<number | null> {
  return years.map((year) => {
    const k = t.keys.findIndex((key) => key.scheme === scheme && key.measure === measure && key.from === year && key.to === year && key.benefit === '' && key.group === '');
    const v = k < 0 ? undefined : t.values[k][j];
    return v === undefined || v === null ? null : scale(v);
  });
}

function chart(title: string, yTitle: string, lang: Lang, years: number[], datasets: ChartDataset[], percent = false): ChartConfiguration {
  return {
    type: 'line',
    data: { labels: years, datasets },
    options: {
      plugins: { title: { display: true, text: titleLines(title), font: { size: 28, weight: 'bold' } }, legend: { position: 'bottom', labels: { usePointStyle: true } } },
      elements: { point: { radius: 0 }, line: { borderWidth: 3 } },
      scales: {
        x: { title: { display: true, text: text('year', lang) }, ticks: { maxTicksLimit: 16 } },
        y: { title: { display: true, text: yTitle }, ticks: { callback: (v: string | number) => (percent ? `${formatNumber(Number(v), 2)}%` : formatNumber(Number(v))) } },
      },
    } as ChartConfiguration['options'],
  };
}

export function compareCharts(t: ComparisonTable, lang: Lang, currency = 'MYR'): NamedChart[] {
  const years = [...new Set(t.keys.filter((k) => k.measure === 'fund_end').map((k) => k.from))].sort((a, b) => a - b);
  const schemes = [...new Set(t.keys.map((k) => k.scheme))];
  const money = text('millions', lang, currency);
  const million = (x: number) => x / 1e6;
  const out: NamedChart[] = [];
  for (const scheme of schemes) {
    const byScenario = (measure: string, scale: (x: number) => number) =>
      t.ids.map((id, j) => ({ label: id, data: series(t, scheme, measure, years, j, scale), ...seriesStyle(j), fill: false }) as ChartDataset);
    const add = (name: string, key: Parameters<typeof text>[0], yTitle: string, datasets: ChartDataset[], percent = false) => {
      const title = `${text(key, lang)} — ${scheme}`;
      out.push({ name: `${scheme}-${name}`, title, config: chart(title, yTitle, lang, years, datasets, percent) });
    };
    add('fund', 'compareFund', money, byScenario('fund_end', million));
    add('payg', 'comparePayg', text('percentOfWages', lang), byScenario('payg_cost_rate', (x) => 100 * x), true);
    add('contributions', 'compareContributions', money, byScenario('contributions', million));
    const base = series(t, scheme, 'fund_end', years, 0, million);
    const differences = t.ids.slice(1).map((id, k) => {
      const option = series(t, scheme, 'fund_end', years, k + 1, million);
      return { label: `${id} − ${t.ids[0]}`, data: option.map((v, i) => (v === null || base[i] === null ? null : v - base[i]!)), ...seriesStyle(k + 1), fill: false } as ChartDataset;
    });
    add('fund-difference', 'compareFundDifference', money, differences);
  }
  return out;
}

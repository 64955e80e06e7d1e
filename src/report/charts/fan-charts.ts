/**
 * Fan charts of a stochastic run: for each scheme with its own fund, the fund and the reserve
 * ratio by year as bands between the 5th and 95th and the 25th and 75th percentiles, and the
 * median.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { PATH_MEASURES, pathIndex } from '../../stochastic/paths.js';
import type { PathLayout } from '../../stochastic/paths.js';
import { PERCENTILES } from '../../stochastic/summary.js';
import { formatNumber, text } from './labels.js';
import type { Lang } from './labels.js';
import { titleLines } from './run-charts.js';
import type { NamedChart } from './run-charts.js';
import { fill, seriesStyle } from './style.js';

export function fanCharts(r: PathLayout, table: Float64Array, lang: Lang, currency = 'MYR'): NamedChart[] {
  const years = Array.from({ length: r.years }, (_, t) => r.startYear + t);
  const out: NamedChart[] = [];
  r.schemes.forEach((s, k) => {
    if (s.poolOwner >= 0) return;
    for (const [measure, key, yTitle, scale] of [
      ['fund_end', 'fund', text('millions', lang, currency), 1e-6],
      ['reserve_ratio', 'reserveRatio', text('yearsOfOutgo', lang), 1],
    ] as const) {
      const m = PATH_MEASURES.indexOf(measure);
      const band = (j: number) => years.map((_, t) => {
        const v = table[(pathIndex(r, k, m) + t) * PERCENTILES.length + j];
        return Number.isNaN(v) ? null : v * scale;
      });
      const colour = seriesStyle(0).borderColor;
      const datasets: ChartDataset[] = [
        { label: '5%', data: band(0), borderColor: fill(0, 0.4), borderWidth: 1, pointRadius: 0, fill: false },
        { label: '5%–95%', data: band(4), borderColor: fill(0, 0.4), backgroundColor: fill(0, 0.15), borderWidth: 1, pointRadius: 0, fill: '-1' },
        { label: '25%', data: band(1), borderColor: fill(0, 0.6), borderWidth: 1, pointRadius: 0, fill: false },
        { label: '25%–75%', data: band(3), borderColor: fill(0, 0.6), backgroundColor: fill(0, 0.35), borderWidth: 1, pointRadius: 0, fill: '-1' },
        { label: text('median', lang), data: band(2), borderColor: colour, backgroundColor: colour, borderWidth: 3, pointRadius: 0, fill: false },
      ] as ChartDataset[];
      const title = `${text(key, lang)} — ${s.label?.[lang] ?? s.label?.en ?? s.id}`;
      out.push({
        name: `${s.id}-fan-${measure === 'fund_end' ? 'fund' : 'reserve-ratio'}`,
        title,
        config: {
          type: 'line',
          data: { labels: years, datasets },
          options: {
            plugins: {
              title: { display: true, text: titleLines(title), font: { size: 28, weight: 'bold' } },
              legend: { position: 'bottom', labels: { filter: (item: { text: string }) => item.text !== '5%' && item.text !== '25%' } },
            },
            scales: {
              x: { title: { display: true, text: text('year', lang) }, ticks: { maxTicksLimit: 16 } },
              y: { title: { display: true, text: yTitle }, // One number of decimals for every tick of an axis: as many as its step needs.
              ticks: { callback: (v: string | number, _i: number, ticks: Array<{ value: number }>) => formatNumber(Number(v), ticks.length > 1 && Math.abs(ticks[1].value - ticks[0].value) < 1 ? 1 : 0) } },
            },
          } as ChartConfiguration['options'],
        },
      });
    }
  });
  return out;
}

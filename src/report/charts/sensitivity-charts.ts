/**
 * Tornado charts (each assumption's low and high shock as a bar of its effect on the general
 * average premium) and the heat map of the contribution-rate × coverage grid.
 */
import type { ChartConfiguration } from 'chart.js';
import type { GridPoint, SensitivityRow } from '../../sensitivity/analysis.js';
import { assumptionLabel, formatNumber, text } from './labels.js';
import type { Lang } from './labels.js';
import { titleLines } from './run-charts.js';
import type { NamedChart } from './run-charts.js';
import { fill } from './style.js';

/** Charts are named by scheme id; titles show `schemeName(id)` (the scheme's label). */
export function tornadoCharts(rows: readonly SensitivityRow[], lang: Lang, schemeName: (id: string) => string = (id) => id): NamedChart[] {
  const schemes = [...new Set(rows.map((r) => r.scheme))];
  return schemes.flatMap((scheme) => {
    const gap = rows.filter((r) => r.scheme === scheme && r.measure === 'general_average_premium');
    const all = [...new Set(gap.map((r) => r.assumption))];
    const effect = (assumption: string, direction: 'low' | 'high') => {
      const r = gap.find((x) => x.assumption === assumption && x.direction === direction);
      return r && r.value !== null && r.base !== null ? 100 * (r.value - r.base) : 0;
    };
    // Assumptions that cannot move this scheme (a zero bar both ways) are named in a subtitle,
    // not drawn: they stay in sensitivity.csv with a difference of exactly zero.
    const assumptions = all.filter((x) => effect(x, 'low') !== 0 || effect(x, 'high') !== 0);
    const without = all.length - assumptions.length;
    // Widest first, as a tornado.
    assumptions.sort((x, y) => Math.abs(effect(y, 'low')) + Math.abs(effect(y, 'high')) - (Math.abs(effect(x, 'low')) + Math.abs(effect(x, 'high'))));
    if (assumptions.length === 0) return [];
    const title = `${text('tornado', lang)} — ${schemeName(scheme)}`;
    const config: ChartConfiguration = {
      type: 'bar',
      data: {
        labels: assumptions.map((x) => assumptionLabel(x, lang, (id) => (id === scheme ? '' : schemeName(id)))),
        datasets: [
          { label: text('shockLow', lang), data: assumptions.map((x) => effect(x, 'low')), backgroundColor: fill(0), borderWidth: 0 },
          { label: text('shockHigh', lang), data: assumptions.map((x) => effect(x, 'high')), backgroundColor: fill(3), borderWidth: 0 },
        ],
      },
      options: {
        indexAxis: 'y',
        plugins: {
          title: { display: true, text: titleLines(title), font: { size: 28, weight: 'bold' } },
          subtitle: { display: without > 0, text: text('noEffect', lang).replace('{n}', String(without)), font: { size: 18 }, padding: { bottom: 12 } },
          legend: { position: 'bottom' },
        },
        scales: { x: { title: { display: true, text: text('gapPoints', lang) }, ticks: { callback: (v: string | number) => formatNumber(Number(v), 2) } }, y: { stacked: true } },
      } as ChartConfiguration['options'],
    };
    return [{ name: `${scheme}-tornado`, title, config }];
  });
}

/** Heat map as squares on a scatter chart, coloured from red (low reserve) to blue (high). */
export function heatMap(points: readonly GridPoint[], scheme: string, year: number, lang: Lang, schemeName: (id: string) => string = (id) => id): NamedChart {
  const values = points.map((p) => p.reserveRatio ?? 0);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const colour = (v: number) => {
    const u = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    return `rgba(${Math.round(213 * (1 - u))}, ${Math.round(94 + 20 * u)}, ${Math.round(178 * u)}, 0.9)`;
  };
  const title = `${text('heatMap', lang)} ${year} — ${schemeName(scheme)}`;
  const config: ChartConfiguration = {
    type: 'scatter',
    data: {
      datasets: [
        {
          label: text('heatMap', lang),
          data: points.map((p) => ({ x: p.contributionFactor, y: 100 * p.coverageShift })),
          pointStyle: 'rect',
          pointRadius: 56,
          backgroundColor: points.map((p) => colour(p.reserveRatio ?? 0)),
          borderWidth: 0,
        },
      ],
    },
    options: {
      plugins: {
        title: { display: true, text: titleLines(title), font: { size: 28, weight: 'bold' } },
        legend: { display: false },
      },
      scales: {
        x: { title: { display: true, text: text('contributionFactor', lang) }, offset: true },
        y: { title: { display: true, text: text('coverageShift', lang) }, offset: true },
      },
    } as ChartConfiguration['options'],
    plugins: [
      {
        id: 'gridValues',
        afterDatasetsDraw(chart) {
          const ctx = chart.ctx;
          ctx.save();
          ctx.fillStyle = '#ffffff';
          ctx.font = 'bold 20px CoverageSans';
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
          chart.getDatasetMeta(0).data.forEach((element, k) => {
            const v = points[k].reserveRatio;
            ctx.fillText(v === null ? 'n/a' : v.toFixed(1), element.x, element.y);
          });
          ctx.restore();
        },
      },
    ],
  };
  return { name: `${scheme}-grid`, title, config };
}

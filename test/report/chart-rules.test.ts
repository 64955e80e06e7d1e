/**
 * The rules of honest charts, on every chart a run of a shipped scenario draws: checked on the
 * charts' data and options (rules.ts), and the checker itself shown to catch each defect it
 * names. The defects of the charts once shipped are each a case here.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartConfiguration } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { projectScenario } from '../../src/pipeline.js';
import type { RunResult } from '../../src/pipeline.js';
import { runChartSet } from '../../src/report/charts/run-charts.js';
import { legendItemsOf } from '../../src/report/charts/renderer.js';
import { chartRuleViolations } from '../../src/report/charts/rules.js';
import { alignedZero, moneyUnit, tickLabel } from '../../src/report/charts/chart-kit.js';
import type { NamedChart } from '../../src/report/charts/chart-kit.js';
import { chartDataCsv } from '../../src/report/charts/chart-data.js';
import { PROJECT, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const SCENARIOS = readdirSync(join(PROJECT, 'scenarios')).filter((f) => f.endsWith('.yaml'));

function chartsOf(result: RunResult, lang: 'en' | 'ms' = 'en') {
  return runChartSet({ projection: result.projection, measures: result.measures, groupLabels: result.assumptions.groups.map((g) => g.label), currency: result.assumptions.currency, lang });
}

function idsOf(result: RunResult): string[] {
  return [result.loaded.scenario.scenario.id, ...result.projection.schemes.map((s) => s.id), ...result.projection.groupIds];
}

const baseline = projectScenario(join(PROJECT, 'scenarios', 'baseline-2025.yaml'));
const baselineCharts = chartsOf(baseline);
const byName = (name: string): NamedChart => {
  const chart = baselineCharts.charts.find((c) => c.name === name);
  if (!chart) throw new Error(`no chart ${name}`);
  return chart;
};
type Scales = Record<string, { min?: number; max?: number; beginAtZero?: boolean }>;
const scalesOf = (c: NamedChart) => (c.config.options as { scales: Scales }).scales;
const data = (c: NamedChart, k: number) => c.config.data.datasets[k].data as Array<number | null>;

describe('every chart of every shipped scenario keeps the rules', () => {
  it.each(SCENARIOS)('%s', (file) => {
    const result = file === 'baseline-2025.yaml' ? baseline : projectScenario(join(PROJECT, 'scenarios', file));
    const { charts } = chartsOf(result);
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) expect(chartRuleViolations(chart, { ids: idsOf(result) }), chart.name).toEqual([]);
  });

  it('the legend swatches of the baseline: lines as lines in their dash pattern, fills as their fill (English and Malay)', () => {
    for (const set of [baselineCharts, chartsOf(baseline, 'ms')]) {
      for (const chart of set.charts) expect(chartRuleViolations(chart, { legendItems: legendItemsOf(chart.config) }), chart.name).toEqual([]);
    }
  });
});

describe('the defects of the charts once shipped', () => {
  it('the self-employment groups bar axis starts at zero (it ran from 90 to 170)', () => {
    expect(scalesOf(byName('self_employment_injury-groups')).y.beginAtZero).toBe(true);
  });

  it('stacked areas are opaque and their legend swatch is exactly the fill', () => {
    for (const name of ['employment_injury-registered', 'invalidity-pensions']) {
      const chart = byName(name);
      const items = legendItemsOf(chart.config);
      chart.config.data.datasets.forEach((d, k) => {
        expect(d.backgroundColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
        expect(items[k].fillStyle).toBe(d.backgroundColor);
      });
    }
  });

  it('the invalidity fund is not drawn below zero, its depletion year is marked, and its axes share their zero', () => {
    const depletion = baseline.measures.schemes.find((s) => s.scheme === 'invalidity')!.depletionYear!;
    // The baseline's invalidity fund runs out within the horizon (2036), so the rule is tested.
    expect(depletion).toBeGreaterThan(2030);
    expect(depletion).toBeLessThan(2050);
    const chart = byName('invalidity-fund');
    const fund = data(chart, 0);
    const i = depletion - baseline.projection.startYear;
    expect(fund.slice(0, i).every((v) => v !== null && v >= 0)).toBe(true);
    expect(fund.slice(i).every((v) => v === null)).toBe(true);
    expect(data(chart, 1).slice(i).every((v) => v === null)).toBe(true);
    const annotations = (chart.config.options as { plugins: { annotation: { annotations: Record<string, { value: number; label: { content: string } }> } } }).plugins.annotation.annotations;
    expect(annotations.depletion.value).toBe(i);
    expect(annotations.depletion.label.content).toBe(`Fund depleted in ${depletion}`);
    const { y, y1 } = scalesOf(chart);
    expect(y.min).toBe(0);
    expect(y1.min).toBe(0);
  });

  it('after depletion the yearly shortfall is shown: benefits and expenses less contributions, in money and in % of wages', () => {
    const s = baseline.projection.schemes.find((x) => x.id === 'invalidity')!;
    const chart = byName('invalidity-shortfall');
    const i = 2040 - baseline.projection.startYear;
    const expected = s.benefits[i] + s.expenses[i] - s.contributions[i];
    const unit = (chart.config.data.datasets[0].label as string).match(/RM (\w+)/)![1];
    const divisor = { billion: 1e9, million: 1e6, thousand: 1e3 }[unit]!;
    expect(data(chart, 0)[i]! * divisor).toBeCloseTo(expected, 0);
    expect(data(chart, 1)[i]).toBeCloseTo((100 * expected) / s.wageBill[i], 10);
    // Nothing before the depletion year (the fund chart holds those years).
    const depletion = baseline.measures.schemes.find((m) => m.scheme === 'invalidity')!.depletionYear!;
    expect(depletion).toBeLessThan(2040);
    expect(data(chart, 0)[depletion - 1 - baseline.projection.startYear]).toBeNull();
  });

  it('money is in the unit that fits: the invalidity fund in RM billion, not RM 4,500,000 million', () => {
    expect(byName('invalidity-fund').config.data.datasets[0].label).toMatch(/RM billion/);
    expect(moneyUnit([[2.5e3]], 'MYR', 'en').label).toBe('RM thousand');
    expect(moneyUnit([[-4.4e12]], 'MYR', 'ms').label).toBe('RM bilion');
  });

  it('a chart that would be empty is left out with the reason', () => {
    // Nobody covered by the invalidity scheme: nothing registered, paid or in payment.
    const empty = projectScenario(scenarioVariant('cells', (s: Yaml) => (s.schemes[1].cover.men40.coverage = 0)));
    const set = chartsOf(empty);
    expect(set.omitted.map((o) => o.name)).toEqual(expect.arrayContaining(['invalidity-registered', 'invalidity-pensions', 'invalidity-flows']));
    // The payers chart of a scheme its employer pays alone is left out for that reason instead.
    for (const omitted of set.omitted) expect(omitted.reason).toMatch(omitted.name === 'injury-payers' ? /one payer pays every contribution/ : /no values/);
    expect(set.omitted.find((o) => o.name === 'invalidity-payers')?.reason).toMatch(/no values/);
    expect(set.charts.some((c) => c.name.startsWith('invalidity-registered'))).toBe(false);
    expect(set.charts.some((c) => c.name === 'injury-registered')).toBe(true);
  });

  it('each chart has its data as CSV: the year and one column per series', () => {
    const csv = chartDataCsv(byName('invalidity-fund').config).split('\n');
    expect(csv[0]).toBe('label,Fund at the end of the year (RM billion),Reserve ratio (years of benefits and expenses)');
    expect(csv[1]).toMatch(/^2025,\d+(\.\d+)?,\d+(\.\d+)?$/);
    // From the depletion year the fund and the reserve ratio are empty (not drawn below zero).
    const depletion = baseline.measures.schemes.find((s) => s.scheme === 'invalidity')!.depletionYear!;
    expect(csv[1 + depletion - 2025]).toBe(`${depletion},,`);
    expect(csv[depletion - 2025]).toMatch(new RegExp(`^${depletion - 1},\\d`));
  });
});

describe('the rule checker catches each defect', () => {
  const bar = (extra: Record<string, unknown> = {}, scales: Record<string, unknown> = { y: { beginAtZero: true } }): NamedChart => ({
    name: 'test',
    title: 'Test — Scheme',
    config: { type: 'bar', data: { labels: [2025, 2026], datasets: [{ label: 'A', data: [90, 170], backgroundColor: '#0072B2', ...extra }] }, options: { scales } } as ChartConfiguration,
  });

  it('a bar axis that leaves out zero, a translucent fill, a yellow line, an id for a name, no data', () => {
    expect(chartRuleViolations(bar({}, { y: { beginAtZero: false } }))).toEqual([expect.stringMatching(/does not include zero/)]);
    expect(chartRuleViolations(bar({ backgroundColor: 'rgba(0, 114, 178, 0.75)' }))).toEqual([expect.stringMatching(/not an opaque colour/)]);
    expect(chartRuleViolations(bar({ type: 'line', borderColor: '#F0E442', fill: false }))).toEqual([expect.stringMatching(/yellow line/)]);
    expect(chartRuleViolations(bar({ label: 'invalidity' }), { ids: ['invalidity'] })).toEqual([expect.stringMatching(/an id where a name belongs/)]);
    expect(chartRuleViolations(bar({ data: [0, null] }))).toEqual([expect.stringMatching(/no data/)]);
  });

  it('two axes whose zeros differ, money that needs a larger unit, a legend marker for a line', () => {
    const dual = bar({}, { y: { min: 0, max: 10 }, y1: { min: -5, max: 5 } });
    dual.config.data.datasets.push({ label: 'B', data: [1, 2], yAxisID: 'y1', type: 'line', borderColor: '#000000', borderDash: [4, 4] } as never);
    expect(chartRuleViolations(dual)).toEqual([expect.stringMatching(/do not share their zero line/)]);
    expect(chartRuleViolations(bar({ data: [4_500_000, 10] }, { y: { beginAtZero: true, title: { text: 'RM million' } } }))).toEqual([expect.stringMatching(/need a larger unit/)]);
    const items = [{ datasetIndex: 0, fillStyle: '#0072B2' }, { datasetIndex: 1, pointStyle: 'circle', lineDash: [] }];
    expect(chartRuleViolations(dual, { legendItems: items })).toEqual(expect.arrayContaining([expect.stringMatching(/a circle marker, not a line/), expect.stringMatching(/dash \[\] is not the line's \[4,4\]/)]));
  });

  it('zeros aligned for two axes of mixed signs, and ticks of at most four significant digits', () => {
    const { left, right } = alignedZero([-2, 8], [1, 3]);
    expect(-left.min / (left.max! - left.min)).toBeCloseTo(-right.min / (right.max! - right.min), 12);
    expect(left.min).toBeLessThanOrEqual(-2);
    expect(left.max).toBeGreaterThanOrEqual(8);
    expect(right.max).toBeGreaterThanOrEqual(3);
    for (const [value, shown] of [[1234.567, '1,235'], [0.012345, '0.01235'], [14.5, '14.5'], [2000, '2,000'], [0, '0'], [-3.25, '-3.25']] as const) expect(tickLabel(value)).toBe(shown);
  });
});

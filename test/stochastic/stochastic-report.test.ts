/**
 * What `stochastic` shows: report.html with the probabilities and percentiles at milestone
 * years, the terminal table and --json carrying them, fan charts that stop at depletion (a
 * depleted fund's "reserve ratio" is not one) with the deterministic line, the threshold, the
 * paths and the seed, and a probability-of-depletion chart per scheme with a fund of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fanCharts, untilZero } from '../../src/report/charts/fan-charts.js';
import { heldPercentileTable, probabilityTable } from '../../src/stochastic/summary.js';
import { PATH_MEASURES, pathIndex, valuesPerPath } from '../../src/stochastic/paths.js';
import type { PathLayout } from '../../src/stochastic/paths.js';
import { cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const csv = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;

// The basic scenario to 2045: employment injury's fund (with invalidity pooled into it) is
// depleted about 2031; the 24-hour cover's is not.
const scenario = scenarioVariant('basic', (s: Yaml) => {
  s.projection.end_year = 2045;
  s.stochastic = {
    paths: 200,
    seed: 7,
    investment_return: { model: 'ar1', sd: 0.05, phi: 0.4 },
    wage_growth: { model: 'ar1', sd: 0.02, phi: 0.6 },
    incidence: { model: 'lognormal', sd: 0.15 },
    correlation: { investment_return__wage_growth: 0.5 },
  };
});

describe('stochastic: report, terminal table, JSON and charts', async () => {
  const out = join(tempDir(), 'stochastic');
  const result = await cli('stochastic', scenario, '--out', out, '--paths', '100');
  const probabilities = csv(join(out, 'probabilities.csv'));
  const percentiles = csv(join(out, 'percentiles.csv'));
  const milestones = ['2035', '2045'];

  it('writes report.html with the probability and percentile tables and the charts', () => {
    expect(result.code, result.stderr).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<table id="probabilities-employment_injury"');
    expect(html).toContain('<table id="percentiles-employment_injury"');
    expect(html).toContain('<table id="fund-non_employment_injury"');
    expect(html).toContain('id="chart-employment_injury-probability"');
    expect(html).toContain('id="chart-employment_injury-fan-reserve-ratio"');
    // Each probability cell is probabilities.csv's value.
    for (const year of milestones) {
      const row = probabilities.find((r) => r.scheme === 'employment_injury' && r.year === year)!;
      const cells = [...html.matchAll(new RegExp(`<tr data-year="${year}"><td>${year}</td><td data-value="([^"]*)">`, 'g'))].map((m) => Number(m[1]));
      expect(cells[0]).toBeCloseTo(Number(row.p_depleted_by_year), 6);
    }
    // The pooled scheme's charts are left out, saying why; one never at risk has no probability chart.
    expect(html).toMatch(/<li data-chart="invalidity-fan-fund">[^<]*pooled with/);
    expect(html).toMatch(/<li data-chart="non_employment_injury-probability">[^<]*on none of the 100 paths/);
  });

  it('prints the probabilities of depletion and of a low reserve, and percentiles, at milestone years', () => {
    const block = result.stdout.split('\n\n').find((b) => b.startsWith('employment_injury (employment_injury)'))!;
    expect(block).toContain('100 paths, seed 7');
    const line = (label: string) => block.split('\n').find((l) => l.trimStart().startsWith(label))!;
    expect(block.split('\n').find((l) => /^\s+2035\s+2045$/.test(l))).toBeDefined();
    const shown = (label: string) => line(label).trim().slice(label.length).trim().split(/\s+/);
    const expected = (column: string) => milestones.map((year) => `${(100 * Number(probabilities.find((r) => r.scheme === 'employment_injury' && r.year === year)![column])).toFixed(1)}%`);
    expect(shown('P(fund depleted by the year)')).toEqual(expected('p_depleted_by_year'));
    expect(shown('P(reserve ratio < 1 by the year)')).toEqual(expected('p_reserve_ratio_below_1_by_year'));
    for (const cut of ['p5', 'p50', 'p95']) {
      expect(line(`reserve ratio, years: ${cut}`)).toBeDefined();
      const payg = milestones.map((year) => `${(100 * Number(percentiles.find((r) => r.scheme === 'employment_injury' && r.measure === 'payg_cost_rate' && r.year === year)![cut])).toFixed(2)}%`);
      expect(shown(`PAYG cost rate: ${cut}`)).toEqual(payg);
    }
    // Depleted on every path by 2035: the reserve ratio's percentiles say so, not a negative number.
    expect(shown('reserve ratio, years: p95')).toEqual(['depleted', 'depleted']);
    // The GAP per path is not invented: the table says it is not available.
    expect(result.stdout).toMatch(/general average premium 2025-2045: deterministic \d+\.\d\d%; percentiles not available/);
  });

  it('--exact from the command line: the same files, the method recorded, and the exact paths close to the fast ones', async () => {
    const dir = join(tempDir(), 'exact');
    const exact = await cli('stochastic', scenario, '--out', dir, '--paths', '100', '--no-charts', '--exact');
    expect(exact.code, exact.stderr).toBe(0);
    expect(readFileSync(join(dir, 'stochastic.yaml'), 'utf8')).toMatch(/^method: exact$/m);
    const exactPercentiles = csv(join(dir, 'percentiles.csv'));
    expect(exactPercentiles.map((r) => `${r.scheme} ${r.measure} ${r.year}`)).toEqual(percentiles.map((r) => `${r.scheme} ${r.measure} ${r.year}`));
    // The same 100 paths by both methods: the median of benefits within the stated bound (0.2%).
    const median = (rows: typeof percentiles, scheme: string, year: string) => Number(rows.find((r) => r.scheme === scheme && r.measure === 'benefits' && r.year === year)!.p50);
    for (const year of ['2035', '2045']) expect(Math.abs(median(percentiles, 'employment_injury', year) / median(exactPercentiles, 'employment_injury', year) - 1)).toBeLessThan(0.002);
  });

  it('--json carries the probabilities and percentiles at the milestones', async () => {
    const json = await cli('stochastic', scenario, '--out', join(tempDir(), 'json'), '--paths', '100', '--no-charts', '--json');
    expect(json.code, json.stderr).toBe(0);
    const j = JSON.parse(json.stdout);
    expect(j.paths).toBe(100);
    expect(j.milestones).toEqual([2035, 2045]);
    expect(j.reserve_threshold).toBe(1);
    const ei = j.schemes.employment_injury;
    expect(ei.p_depleted_by).toEqual(milestones.map((y) => Number(probabilities.find((r) => r.scheme === 'employment_injury' && r.year === y)!.p_depleted_by_year)));
    for (const cut of ['p5', 'p50', 'p95']) {
      expect(ei.percentiles.reserve_ratio[cut]).toHaveLength(2);
      expect(ei.percentiles.payg_cost_rate[cut].map((v: number) => v.toFixed(8))).toEqual(milestones.map((y) => percentiles.find((r) => r.scheme === 'employment_injury' && r.measure === 'payg_cost_rate' && r.year === y)![cut]));
    }
    // A depleted path counts as 0, never a negative "reserve ratio".
    expect(Math.min(...ei.percentiles.reserve_ratio.p5)).toBe(0);
    expect(ei.general_average_premium.percentiles).toBeNull();
    expect(ei.general_average_premium.why).toMatch(/not available/);
    expect(ei.general_average_premium.deterministic.rate).toBeGreaterThan(0);
    expect(j.schemes.invalidity.own_fund).toBe(false);
    expect(j.schemes.invalidity.p_depleted_by).toBeNull();
  });

  it('the reserve-ratio fan stops at depletion: nothing below 0, nothing after a line reaches 0', () => {
    // What the projection carries after depletion is negative (what the old fans drew).
    expect(percentiles.some((r) => r.scheme === 'employment_injury' && r.measure === 'reserve_ratio' && Number(r.p50) < 0)).toBe(true);
    const fan = csv(join(out, 'charts', 'employment_injury-fan-reserve-ratio.csv'));
    expect(Object.keys(fan[0])).toEqual(['label', '5%', '5%–95%', '25%', '25%–75%', 'Median', 'Deterministic projection']);
    for (const column of Object.keys(fan[0]).slice(1)) {
      const values = fan.map((r) => r[column]);
      for (const v of values) if (v !== '') expect(Number(v), column).toBeGreaterThanOrEqual(0);
      // After the first 0 (or the first empty cell), nothing.
      const stop = values.findIndex((v) => v === '' || Number(v) === 0);
      if (column !== '5%' && column !== '25%') {
        expect(stop, column).toBeGreaterThan(0);
        expect(values.slice(stop + 1).every((v) => v === ''), column).toBe(true);
      }
    }
    // And the fund fan alike.
    const fund = csv(join(out, 'charts', 'employment_injury-fan-fund.csv'));
    expect(fund.every((r) => Object.values(r).slice(1).every((v) => v === '' || Number(v) >= 0))).toBe(true);
  });

  it('a probability-of-depletion chart for a scheme with a fund at risk, from probabilities.csv', () => {
    const chart = csv(join(out, 'charts', 'employment_injury-probability.csv'));
    expect(Object.keys(chart[0])).toEqual(['label', 'Fund depleted by the year', 'Reserve ratio below 1 year by the year']);
    for (const r of chart) {
      const p = probabilities.find((x) => x.scheme === 'employment_injury' && x.year === r.label)!;
      expect(Number(r['Fund depleted by the year'])).toBeCloseTo(100 * Number(p.p_depleted_by_year), 4);
      expect(Number(r['Reserve ratio below 1 year by the year'])).toBeCloseTo(100 * Number(p.p_reserve_ratio_below_1_by_year), 4);
    }
  });

  it('fans: the deterministic line, the threshold as a labelled line, the paths and seed, money in the unit that fits', () => {
    // Four paths of one scheme over three years; two are depleted in the second year.
    const layout: PathLayout = { startYear: 2025, years: 3, schemes: [{ id: 'x', poolOwner: -1, label: { en: 'Scheme X' } }] };
    const size = valuesPerPath(layout);
    const values = new Float64Array(4 * size).fill(NaN);
    const funds = [[3e9, 2e9, 1e9], [3e9, -1e9, -2e9], [4e9, 3e9, 2e9], [3e9, -1e8, 5e8]];
    funds.forEach((f, p) => f.forEach((v, t) => {
      values[p * size + pathIndex(layout, 0, PATH_MEASURES.indexOf('fund_end')) + t] = v;
      values[p * size + pathIndex(layout, 0, PATH_MEASURES.indexOf('reserve_ratio')) + t] = v / 1e9;
    }));
    const held = heldPercentileTable(layout, values, 4);
    const probabilities = probabilityTable(layout, values, 4, 1);
    const deterministic = [{ fundEnd: [3e9, 2e9, 1e9], reserveRatio: [3, 2, 1], paygCostRate: [0.01, 0.01, 0.01], depletionYear: null, gap: { from: 2025, to: 2027, rate: 0.01 } }];
    const { charts } = fanCharts({ layout, held, probabilities, deterministic, paths: 4, seed: 7, reserveThreshold: 1.5, lang: 'en' });
    const ratio = charts.find((c) => c.name === 'x-fan-reserve-ratio')!;
    const plugins = ratio.config.options!.plugins as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(plugins.subtitle.text[0]).toContain('4 paths, seed 7');
    expect(plugins.annotation.annotations.threshold.value).toBe(1.5);
    expect(plugins.annotation.annotations.threshold.label.content).toBe('reserve threshold: 1.5 years');
    expect(ratio.config.data.datasets.map((d) => d.label)).toContain('Deterministic projection');
    for (const d of ratio.config.data.datasets) for (const v of d.data as Array<number | null>) if (v !== null) expect(v).toBeGreaterThanOrEqual(0);
    const fund = charts.find((c) => c.name === 'x-fan-fund')!;
    expect((fund.config.options!.scales as Record<string, any>).y.title.text).toBe('RM billion'); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(untilZero([3, 1, 0, 0, 2])).toEqual([3, 1, 0, null, 2]);
  });

  it('merged shards give the same report.html as a single run', async () => {
    const shards = join(tempDir(), 'shards');
    for (const i of [0, 1]) expect((await cli('stochastic', scenario, '--out', shards, '--paths', '100', '--shard', `${i}/2`)).code).toBe(0);
    const merged = join(tempDir(), 'merged');
    expect((await cli('merge', shards, '--out', merged)).code).toBe(0);
    for (const f of ['report.html', 'charts/employment_injury-probability.png', 'charts/employment_injury-fan-reserve-ratio.csv']) {
      expect(readFileSync(join(merged, f)).equals(readFileSync(join(out, f))), f).toBe(true);
    }
    const malay = join(tempDir(), 'ms');
    expect((await cli('merge', shards, '--out', malay, '--lang', 'ms')).code).toBe(0);
    const html = readFileSync(join(malay, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="ms">');
    expect(html).toContain('Kebarangkalian dana habis');
  });
});

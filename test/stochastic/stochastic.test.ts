/**
 * Stochastic projections: with no volatility they are the deterministic projection; the
 * simulated processes have the moments of their model; the same seed gives the same output
 * whatever the number of workers, and merged shards give exactly one run's output.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildAssumptions } from '../../src/assumptions/build.js';
import { tableFiles } from '../../src/assumptions/table-files.js';
import { loadScenario } from '../../src/scenario/load.js';
import { measureResponse } from '../../src/stochastic/response.js';
import { PATH_MEASURES, createPathWorkspace, drawPath, evaluatePath, pathIndex, valuesPerPath } from '../../src/stochastic/paths.js';
import { project } from '../../src/engine/project.js';
import { withWageLevel } from '../../src/assumptions/wage-level.js';
import { PROJECT, cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const withModel = (model: Yaml) => (s: Yaml) => {
  s.projection.end_year = 2045;
  s.stochastic = { paths: 200, seed: 7, ...model };
};
const volatile = withModel({
  investment_return: { model: 'ar1', sd: 0.05, phi: 0.4 },
  wage_growth: { model: 'ar1', sd: 0.02, phi: 0.6 },
  incidence: { model: 'lognormal', sd: 0.15 },
  correlation: { investment_return__wage_growth: 0.5 },
});

function csv(path: string): Array<Record<string, string>> {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

describe('stochastic projections', () => {
  it('with zero volatility, every percentile is the deterministic projection', async () => {
    const scenario = scenarioVariant('basic', withModel({ investment_return: { model: 'ar1', sd: 0, phi: 0.3 }, wage_growth: { model: 'ar1', sd: 0, phi: 0.3 }, incidence: { model: 'lognormal', sd: 0 } }));
    const out = join(tempDir(), 's');
    expect((await cli('stochastic', scenario, '--out', out, '--no-charts')).code).toBe(0);
    const det = join(tempDir(), 'd');
    expect((await cli('run', scenario, '--out', det, '--no-charts')).code).toBe(0);
    const summary = csv(join(det, 'summary.csv'));
    const rows = csv(join(out, 'percentiles.csv'));
    let compared = 0;
    for (const r of rows) {
      const d = summary.find((s) => s.scheme === r.scheme && s.year === r.year)!;
      const expected = r.measure === 'fund_end' ? Number(d.fund_end) : r.measure === 'benefits' ? Number(d.benefits_total) : r.measure === 'contributions' ? Number(d.contributions_total) : null;
      if (expected === null || r.p50 === '') continue;
      for (const p of ['p5', 'p25', 'p50', 'p75', 'p95']) {
        // The engine rounds each year's flows to the cent; the paths do not: a few cents apart.
        expect(Math.abs(Number(r[p]) - expected), `${r.scheme} ${r.measure} ${r.year} ${p}`).toBeLessThan(1 + 1e-9 * Math.abs(expected));
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('simulated returns and wage growth have the AR(1) mean, variance and correlation of the model', () => {
    const loaded = loadScenario(scenarioVariant('cells', (s: Yaml) => (s.projection.end_year = 2040)));
    const response = measureResponse(buildAssumptions(loaded, tableFiles()));
    const model = { investmentReturn: { sd: 0.05, phi: 0.4 }, wageGrowth: { sd: 0.02, phi: 0.6 }, incidenceSd: 0.15, correlation: 0.5 };
    const ws = createPathWorkspace(response);
    const n = 20000;
    const t = 10;
    let sumR = 0, sumR2 = 0, sumE = 0, sumEr = 0, sumEw = 0, sumErEw = 0, sumEr2 = 0, sumEw2 = 0;
    for (let p = 0; p < n; p++) {
      drawPath(response, model, 99, p, ws);
      const dr = ws.returns[t] - response.investmentReturn[t];
      sumR += dr;
      sumR2 += dr * dr;
      sumE += ws.incidence[t];
      // Innovations: x_t − φ·x_{t−1}, for returns and for wage growth.
      const er = dr - 0.4 * (ws.returns[t - 1] - response.investmentReturn[t - 1]);
      const ew = ws.growth[t] - response.wageGrowth[t] - 0.6 * (ws.growth[t - 1] - response.wageGrowth[t - 1]);
      sumEr += er;
      sumEw += ew;
      sumErEw += er * ew;
      sumEr2 += er * er;
      sumEw2 += ew * ew;
    }
    // Mean 0 within 4 standard errors; variance σ²·Σ_{k=0}^{t} φ^{2k} within 5%.
    const variance = 0.05 ** 2 * Array.from({ length: t + 1 }, (_, k) => 0.4 ** (2 * k)).reduce((a, b) => a + b, 0);
    expect(Math.abs(sumR / n)).toBeLessThan(4 * Math.sqrt(variance / n));
    expect(Math.abs(sumR2 / n / variance - 1)).toBeLessThan(0.05);
    // The lognormal incidence multiplier has mean 1 (σ = 0.15: standard error about 0.001).
    expect(Math.abs(sumE / n - 1)).toBeLessThan(0.005);
    // Correlation of the innovations: 0.5 within 0.03 (standard error about 0.005).
    const cov = sumErEw / n - (sumEr / n) * (sumEw / n);
    const corr = cov / Math.sqrt((sumEr2 / n - (sumEr / n) ** 2) * (sumEw2 / n - (sumEw / n) ** 2));
    expect(Math.abs(corr - 0.5)).toBeLessThan(0.03);
  });

  it('the same seed gives identical output with 1 and with 2 workers (compiled CLI)', () => {
    const scenario = scenarioVariant('basic', volatile);
    const bin = join(PROJECT, 'bin', 'coverage-sim.js');
    const one = join(tempDir(), 'one');
    const two = join(tempDir(), 'two');
    execFileSync(process.execPath, [bin, 'stochastic', scenario, '--out', one, '--workers', '1'], { stdio: 'ignore' });
    execFileSync(process.execPath, [bin, 'stochastic', scenario, '--out', two, '--workers', '2'], { stdio: 'ignore' });
    for (const f of ['percentiles.csv', 'probabilities.csv', 'paths.csv', 'charts/employment_injury-fan-fund.png']) {
      expect(readFileSync(join(two, f)).equals(readFileSync(join(one, f))), f).toBe(true);
    }
  });

  it('merged shards are exactly a single run', async () => {
    const scenario = scenarioVariant('basic', volatile);
    const single = join(tempDir(), 'single');
    expect((await cli('stochastic', scenario, '--out', single)).code).toBe(0);
    const shards = join(tempDir(), 'shards');
    for (const i of [0, 1, 2]) expect((await cli('stochastic', scenario, '--out', shards, '--shard', `${i}/3`)).code).toBe(0);
    expect(readdirSync(shards).sort()).toEqual(['shard-0-of-3', 'shard-1-of-3', 'shard-2-of-3']);
    const merged = join(tempDir(), 'merged');
    expect((await cli('merge', shards, '--out', merged)).code).toBe(0);
    for (const f of ['percentiles.csv', 'probabilities.csv', 'paths.csv', 'stochastic.yaml', 'charts/employment_injury-fan-fund.png', 'report.html']) {
      expect(readFileSync(join(merged, f)).equals(readFileSync(join(single, f))), f).toBe(true);
    }
    // An incomplete set of shards is refused.
    const partial = await cli('merge', join(shards, 'shard-0-of-3'), join(shards, 'shard-2-of-3'), '--out', join(tempDir(), 'x'));
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/without gap or overlap/);
    // A shard of another run (another seed; another reserve threshold) is refused.
    for (const other of [['--seed', '8'], ['--reserve-threshold', '5']]) {
      const mixed = join(tempDir(), 'mixed');
      expect((await cli('stochastic', scenario, '--out', mixed, '--shard', '0/2')).code).toBe(0);
      expect((await cli('stochastic', scenario, '--out', mixed, '--shard', '1/2', ...other)).code).toBe(0);
      const refused = await cli('merge', mixed, '--out', join(tempDir(), 'x'));
      expect(refused.code, other.join(' ')).toBe(2);
      expect(refused.stderr).toMatch(/another run/);
    }
    // A damaged shard (values cut short) is refused, naming the file.
    const values = join(shards, 'shard-1-of-3', 'values.bin');
    const bytes = readFileSync(values);
    writeFileSync(values, bytes.subarray(0, bytes.length / 2));
    const damaged = await cli('merge', shards, '--out', join(tempDir(), 'x'));
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toContain('values.bin');
  });
  it('refuses what it does not model (persistent incidence shocks, correlations with incidence) with the key, exit 2 and nothing written', async () => {
    for (const [model, key] of [
      [{ incidence: { model: 'lognormal', sd: 0.1, phi: 0.5 } }, 'stochastic.incidence.phi'],
      [{ investment_return: { model: 'ar1', sd: 0.04 }, wage_growth: { model: 'ar1', sd: 0.01 }, correlation: { wage_growth__investment_return: 0.2 } }, 'stochastic.correlation.wage_growth__investment_return'],
      [{ investment_return: { model: 'ar1', sd: 0.04 }, correlation: { investment_return__wage_growth: 0.2 } }, 'stochastic.correlation.investment_return__wage_growth'],
      [{ incidence: { model: 'lognormal', sd: 0.1 }, correlation: { incidence__wage_growth: 0.2 } }, 'stochastic.correlation.incidence__wage_growth'],
    ] as const) {
      const out = join(tempDir(), 'refused');
      const result = await cli('stochastic', scenarioVariant('basic', withModel(model)), '--out', out);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(key);
      expect(result.stderr).toMatch(/:\d+:\d+:/);
      expect(existsSync(out)).toBe(false);
    }
  });
  it('mortality shocks: linear in insured deaths, first-order on pensioners, against full engine runs', () => {
    // A persistent ±5% mortality multiplier in every year, set directly in the path's draws
    // (no other volatility), against the engine run with the same multiplier on insured deaths
    // and pensioners' mortality. The path is linear in the deaths and first-order in pensioners'
    // mortality; the difference is the second-order remainder, small against the effect itself.
    const loaded = loadScenario(scenarioVariant('basic', (s: Yaml) => (s.projection.end_year = 2060)));
    const a = buildAssumptions(loaded, tableFiles());
    const response = measureResponse(a, { mortality: true });
    const ws = createPathWorkspace(response);
    const Y = response.years;
    const out = new Float64Array(valuesPerPath(response));
    const benefits = PATH_MEASURES.indexOf('benefits');
    let checked = 0;
    for (const mu of [0.95, 1.05]) {
      ws.returns.set(response.investmentReturn);
      ws.wageLevel.fill(1);
      ws.incidence.fill(1);
      ws.mortality.fill(mu);
      evaluatePath(response, ws, out, 0);
      const exact = project(a, { deaths: new Float64Array(Y).fill(mu), pensionerMortality: new Float64Array(Y).fill(mu) });
      response.schemes.forEach((s, k) => {
        let effect = 0;
        let error = 0;
        for (let t = 0; t < Y; t++) {
          const base = response.deterministic.schemes[k].benefits[t];
          const target = exact.schemes[k].benefits[t];
          const path = out[pathIndex(response, k, benefits) + t];
          effect = Math.max(effect, Math.abs(target - base));
          error = Math.max(error, Math.abs(path - target));
          // Within 0.5% of the year's benefits (a 5% shock changes them by a few per cent at most).
          expect(Math.abs(path - target), `${s.id} ${response.startYear + t} μ=${mu}`).toBeLessThanOrEqual(0.005 * target + 1);
        }
        // The shock moves benefits, and the approximation recovers most of the move.
        expect(effect, s.id).toBeGreaterThan(0);
        expect(error, s.id).toBeLessThan(0.2 * effect);
        checked++;
      });
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });
  it('wage levels: contributions and benefits against full engine runs, flat contributions included', () => {
    // The baseline mixes contributions on wages under a ceiling that follows wages (Act 4) with a
    // flat contribution on a fixed insured wage (Act 789), and benefits with minimums and medical
    // costs that do not follow wages. Wage growth 0.5 point higher or lower in every year, set
    // directly in the path's draws, against the engine run with the same wage level.
    const baseline = join(tempDir(), 'baseline-2075.yaml');
    writeFileSync(baseline, readFileSync(join(PROJECT, 'scenarios', 'baseline-2025.yaml'), 'utf8').replace('end_year: 2100', 'end_year: 2075'));
    const a = buildAssumptions(loadScenario(baseline), tableFiles());
    expect(a.endYear).toBe(2075);
    const response = measureResponse(a);
    const ws = createPathWorkspace(response);
    const Y = response.years;
    const out = new Float64Array(valuesPerPath(response));
    const measure = (name: (typeof PATH_MEASURES)[number]) => PATH_MEASURES.indexOf(name);
    for (const delta of [-0.005, 0.005]) {
      const level = new Float64Array(Y);
      for (let t = 0; t < Y; t++) level[t] = t === 0 ? 1 : (level[t - 1] * (1 + a.economy.wageGrowth[t] + delta)) / (1 + a.economy.wageGrowth[t]);
      ws.returns.set(response.investmentReturn);
      ws.wageLevel.set(level);
      ws.incidence.fill(1);
      ws.mortality.fill(1);
      evaluatePath(response, ws, out, 0);
      const exact = project(withWageLevel(a, level));
      response.schemes.forEach((s, k) => {
        for (const t of [5, 10, 20, Y - 1]) {
          const where = `${s.id} ${response.startYear + t} δ=${delta}`;
          const contributions = out[pathIndex(response, k, measure('contributions')) + t];
          const benefits = out[pathIndex(response, k, measure('benefits')) + t];
          // Contributions are linear in the wage level (exact to rounding); benefits to second
          // order in each year's level, so off by its third-order remainder: 0.05% of the year's
          // benefits with the wage level 0.79 to 1.27 by 2075 (the first-order terms alone were
          // within 0.5%).
          expect(Math.abs(contributions - exact.schemes[k].contributions[t]), where).toBeLessThan(1e-6 * exact.schemes[k].contributions[t] + 1);
          expect(Math.abs(benefits - exact.schemes[k].benefits[t]), where).toBeLessThan(0.0005 * exact.schemes[k].benefits[t]);
        }
      });
      // The flat Act 789 contribution does not move with wages; Act 4 contributions do.
      const flat = response.schemes.findIndex((s) => s.id === 'self_employment_injury');
      const act4 = response.schemes.findIndex((s) => s.id === 'employment_injury');
      expect(out[pathIndex(response, flat, measure('contributions')) + Y - 1]).toBeCloseTo(response.schemes[flat].contributions[Y - 1], 2);
      expect(Math.abs(out[pathIndex(response, act4, measure('contributions')) + Y - 1] / response.schemes[act4].contributions[Y - 1] - level[Y - 1])).toBeLessThan(1e-9);
    }
  });
  it('checks its command-line values, and records the seed it used', async () => {
    const scenario = scenarioVariant('basic', volatile);
    for (const [flag, value] of [['--paths', '2.5'], ['--paths', '0'], ['--seed', '1.5'], ['--seed', '4294967296'], ['--reserve-threshold', 'abc'], ['--workers', '0']]) {
      const out = join(tempDir(), 'refused');
      const result = await cli('stochastic', scenario, '--out', out, flag, value);
      expect(result.code, `${flag} ${value}`).toBe(2);
      expect(result.stderr).toContain(flag);
      expect(existsSync(out)).toBe(false);
    }
    const out = join(tempDir(), 'seeded');
    expect((await cli('stochastic', scenario, '--out', out, '--seed', '11', '--paths', '20', '--no-charts')).code).toBe(0);
    const written = readFileSync(join(out, 'stochastic.yaml'), 'utf8');
    expect(written).toMatch(/^seed: 11$/m);
    expect(written).toMatch(/^  seed: 11$/m);
  });
});

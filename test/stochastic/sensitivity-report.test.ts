/**
 * What `sensitivity` shows: report.html with real tables, the terminal table of the five
 * assumptions that move each scheme's general average premium most, a heat map for every
 * scheme with a fund of its own on a diverging scale centred on the target reserve ratio, and
 * tornado charts that state the base value and the shock sizes and mark a clamped shock.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { sensitivityCommand } from '../../src/cli/sensitivity.js';
import { DEFAULT_SHOCKS } from '../../src/sensitivity/shocks.js';
import type { GridPoint, SensitivityRow } from '../../src/sensitivity/analysis.js';
import { gapEffects } from '../../src/sensitivity/analysis.js';
import { NEUTRAL, divergingColour, heatMap, tornadoCharts } from '../../src/report/charts/sensitivity-charts.js';
import { sensitivityHtml } from '../../src/report/uncertainty-html.js';
import { cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const csv = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;

/** sensitivity.csv read back as rows. */
function rowsOf(path: string): SensitivityRow[] {
  const number = (x: string) => (x === '' ? null : Number(x));
  return csv(path).map((r) => ({ assumption: r.assumption, direction: r.direction as 'low' | 'high', size: Number(r.size), scheme: r.scheme, measure: r.measure, base: number(r.base), value: number(r.value), clamped: r.clamped === 'true' }));
}

describe('sensitivity: report, terminal table, heat maps and tornado', async () => {
  // The basic test scenario: employment injury (own fund), the 24-hour cover (own fund, from 0)
  // and invalidity (pooled into employment injury). Local employees' coverage is 1: the high
  // coverage shock is clamped.
  const scenario = scenarioVariant('basic', (s: Yaml) => (s.projection.end_year = 2040));
  const out = join(tempDir(), 'sensitivity');
  const result = await cli('sensitivity', scenario, '--out', out);
  const rows = rowsOf(join(out, 'sensitivity.csv'));
  const name = (id: string) => ({ employment_injury: 'EI', non_employment_injury: 'NEI', invalidity: 'INV' })[id] ?? id;

  it('writes report.html with a table of what moves each scheme, every shock and the grids', () => {
    expect(result.code, result.stderr).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (const id of ['employment_injury', 'non_employment_injury', 'invalidity']) {
      expect(html).toContain(`<table id="top-${id}"`);
      expect(html).toContain(`<table id="shocks-${id}"`);
    }
    // The grid of each scheme with a fund of its own, and the charts embedded.
    expect(html).toContain('<table id="grid-employment_injury"');
    expect(html).toContain('<table id="grid-non_employment_injury"');
    expect(html).not.toContain('<table id="grid-invalidity"');
    expect(html).toContain('id="chart-employment_injury-tornado"');
    expect(html).toContain('id="chart-non_employment_injury-grid"');
    // The pooled scheme's heat map is left out, saying why.
    expect(html).toMatch(/<li data-chart="invalidity-grid">[^<]*pooled with/);
    // No external resources.
    expect(html).not.toMatch(/<(script|link)\b/);
  });

  it('report.html in Malay', () => {
    const html = sensitivityHtml({ title: 'T', lang: 'ms', rows, schemes: [{ id: 'employment_injury', label: 'Bencana pekerjaan' }], period: { from: 2025, to: 2040 }, years: [2035], grids: [], charts: [], omitted: [], provenance: { tool: 'coverage-sim', version: '0', node: 'v20', seed: null, scenario_files: [], data_files: [] } });
    expect(html).toContain('<html lang="ms">');
    expect(html).toContain('Apa yang menggerakkan premium purata am');
    expect(html).toContain('Kejutan: pulangan ±1 mata');
  });

  it('sensitivity.csv records which shocks were clamped', () => {
    const gap = (assumption: string, direction: string) => rows.find((r) => r.scheme === 'employment_injury' && r.measure === 'general_average_premium' && r.assumption === assumption && r.direction === direction)!;
    expect(readFileSync(join(out, 'sensitivity.csv'), 'utf8').split('\n')[0]).toBe('assumption,direction,size,scheme,measure,base,value,difference,clamped');
    // Coverage of local employees is 1: it cannot go up by 10 points.
    expect(gap('coverage', 'high').clamped).toBe(true);
    expect(gap('coverage', 'low').clamped).toBe(false);
    expect(gap('investment_return', 'high').clamped).toBe(false);
  });

  it('prints, per scheme, the five assumptions that move its GAP most, with the base GAP and each effect', async () => {
    const { text } = await sensitivityCommand(scenario, { out: join(tempDir(), 'printed'), sizes: DEFAULT_SHOCKS, lang: 'en', charts: false });
    for (const scheme of ['employment_injury', 'non_employment_injury', 'invalidity']) {
      const { effects, base } = gapEffects(rows, scheme);
      const block = text.split('\n\n').find((b) => b.includes(`(${scheme}): general average premium 2025-2040`))!;
      expect(block, scheme).toBeDefined();
      expect(block).toContain(`${(100 * base!).toFixed(2)}%`);
      const lines = block.split('\n').slice(3);
      expect(lines.length).toBe(Math.min(5, effects.length));
      // In order, each with its low and high effect in percentage points.
      effects.slice(0, 5).forEach((e, k) => {
        const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '-' : ' '}${Math.abs(100 * x).toFixed(3)}`;
        expect(lines[k]).toContain(signed(e.low));
        expect(lines[k]).toContain(signed(e.high));
      });
    }
    expect(text).toMatch(/^  Investment return\s+±1 pt\s+[+-]\d\.\d{3}\s+[+-]\d\.\d{3}/m);
    // The widest five: nothing left out is wider than the fifth shown.
    const { effects } = gapEffects(rows, 'employment_injury');
    const width = (e: (typeof effects)[number]) => Math.abs(e.low) + Math.abs(e.high);
    for (const e of effects.slice(5)) expect(width(e)).toBeLessThanOrEqual(width(effects[4]));
  });

  it('a heat map for every scheme with a fund of its own, and grid.csv complete for each', () => {
    for (const scheme of ['employment_injury', 'non_employment_injury']) {
      expect(readFileSync(join(out, 'charts', `${scheme}-grid.png`)).length, scheme).toBeGreaterThan(10_000);
      // Its data beside it: one column per coverage shift, one row per contribution factor.
      const data = csv(join(out, 'charts', `${scheme}-grid.csv`));
      expect(data.map((r) => r.label)).toEqual(['×0.6', '×0.8', '×1', '×1.2', '×1.4']);
    }
    expect(existsSync(join(out, 'charts', 'invalidity-grid.png'))).toBe(false);
    const grid = csv(join(out, 'grid.csv'));
    expect(grid.filter((r) => r.scheme === 'employment_injury').length).toBe(25);
    expect(grid.filter((r) => r.scheme === 'non_employment_injury').length).toBe(25);
    // In the last reported year: 10 years on (25 years on is beyond 2040).
    expect(grid.every((r) => r.year === '2035')).toBe(true);
  });

  it('the heat map\'s palette is centred on the target reserve ratio: the neutral colour there, orange below, blue above', () => {
    expect(divergingColour(5, 5, 3)).toBe(NEUTRAL);
    const points: GridPoint[] = [0.6, 1, 1.4].flatMap((f, i) => [-0.1, 0, 0.1].map((s, j) => ({ contributionFactor: f, coverageShift: s, reserveRatio: 2 + 2 * i + j, depletionYear: null })));
    // Target 4: the cell of ×1, 0 points (reserve ratio 2 + 2 + 1 = 5) is above; 4 is (×1, −10).
    const config = heatMap({ points, scheme: 'employment_injury', year: 2040, targetReserveRatio: 4, clamped: false, lang: 'en' }).config;
    const heat = (config.options!.plugins as Record<string, { cells: Array<{ contributionFactor: number; coverageShift: number; fill: string }>; scale: { target: number } }>).heatCells;
    const fill = (f: number, s: number) => heat.cells.find((c) => c.contributionFactor === f && c.coverageShift === s)!.fill;
    const rgb = (hex: string) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
    expect(fill(1, -0.1)).toBe(NEUTRAL);
    expect(heat.scale.target).toBe(4);
    const [r1, , b1] = rgb(fill(0.6, -0.1)); // 2: below the target
    const [r2, , b2] = rgb(fill(1.4, 0.1)); // 8: above
    expect(r1).toBeGreaterThan(b1);
    expect(b2).toBeGreaterThan(r2);
    // A fund depleted by the year is not a reserve ratio: its cell says so.
    const depleted = heatMap({ points: points.map((p, k) => (k === 0 ? { ...p, reserveRatio: -3, depletionYear: 2033 } : p)), scheme: 'x', year: 2040, targetReserveRatio: 4, clamped: true, lang: 'en' }).config;
    const cell = (depleted.options!.plugins as Record<string, { cells: Array<{ lines: string[] }> }>).heatCells.cells[0];
    expect(cell.lines).toEqual(['depleted', '2033']);
  });

  it('the tornado states the base GAP and its period and each shock\'s size, and marks a clamped shock', () => {
    const { charts } = tornadoCharts(rows, 'en', { from: 2025, to: 2040 }, name);
    const ei = charts.find((c) => c.name === 'employment_injury-tornado')!;
    const subtitle = ((ei.config.options!.plugins as Record<string, { text: string[] }>).subtitle.text).join('\n');
    const base = gapEffects(rows, 'employment_injury').base!;
    expect(subtitle).toContain(`Base: general average premium 2025–2040 ${(100 * base).toFixed(2)}% of insurable wages`);
    expect(subtitle).toContain('Shocks: return ±1 pt, wages ±1 pt, incidence ±20%, mortality ±10%, coverage ±10 pts, compliance ±10 pts, exchange rate ±10%');
    expect(subtitle).toContain('* clamped');
    expect(ei.config.data.labels).toContain('Coverage (high *)');
    // Bars from zero.
    expect((ei.config.options!.scales as Record<string, { beginAtZero: boolean }>).x.beginAtZero).toBe(true);
  });
});

/**
 * Sensitivity: one-at-a-time shocks move the measures the way they should, and a shock to an
 * assumption that has no effect on a scheme gives a tornado bar of exactly zero.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { PROJECT, cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

describe('coverage-sim sensitivity', async () => {
  // The basic test scenario: employment injury, the 24-hour cover and invalidity.
  const scenario = scenarioVariant('basic', (s: Yaml) => (s.projection.end_year = 2050));
  const out = join(tempDir(), 'sensitivity');
  const result = await cli('sensitivity', scenario, '--out', out);
  const rows = Papa.parse<Record<string, string>>(readFileSync(join(out, 'sensitivity.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  const row = (assumption: string, direction: string, scheme: string, measure = 'general_average_premium') =>
    rows.find((r) => r.assumption === assumption && r.direction === direction && r.scheme === scheme && r.measure === measure)!;

  it('writes the shocks, the grid and the charts', () => {
    expect(result.code).toBe(0);
    expect(rows.length).toBeGreaterThan(50);
    expect(readFileSync(join(out, 'grid.csv'), 'utf8').split('\n')[0]).toBe('scheme,contribution_factor,coverage_shift,year,reserve_ratio,depletion_year');
    expect(readFileSync(join(out, 'charts', 'employment_injury-tornado.png')).length).toBeGreaterThan(10_000);
    expect(readFileSync(join(out, 'charts', 'employment_injury-grid.png')).length).toBeGreaterThan(10_000);
  });

  it('an assumption with no effect on a scheme has a bar of exactly zero', () => {
    // The invalidity scheme pays nothing on temporary disablement of the injury schemes.
    for (const direction of ['low', 'high']) {
      const r = row('incidence:non_employment_injury.temporary', direction, 'invalidity');
      expect(Number.isFinite(Number.parseFloat(r.base))).toBe(true);
      expect(r.value).toBe(r.base);
      expect(Number(r.difference)).toBe(0);
    }
  });

  it('more incidence costs more, and a higher return lowers the premium of a funded scheme', () => {
    const low = row('incidence:employment_injury.permanent', 'low', 'employment_injury');
    const high = row('incidence:employment_injury.permanent', 'high', 'employment_injury');
    expect(Number(high.value)).toBeGreaterThan(Number(high.base));
    expect(Number(low.value)).toBeLessThan(Number(low.base));
    expect(Number(row('investment_return', 'high', 'employment_injury').value)).toBeLessThan(Number(row('investment_return', 'low', 'employment_injury').value));
  });
  it('gives the same files with 1 and with 3 worker threads (compiled CLI)', () => {
    const bin = join(PROJECT, 'bin', 'coverage-sim.js');
    const threads = join(tempDir(), 'threads');
    execFileSync(process.execPath, [bin, 'sensitivity', scenario, '--out', threads, '--workers', '3'], { stdio: 'ignore' });
    for (const f of ['sensitivity.csv', 'grid.csv', 'charts/employment_injury-tornado.png', 'charts/employment_injury-grid.png', 'charts/non_employment_injury-grid.png', 'report.html']) {
      expect(readFileSync(join(threads, f)).equals(readFileSync(join(out, f))), f).toBe(true);
    }
  });
});

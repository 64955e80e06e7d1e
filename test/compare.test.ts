/** `coverage-sim compare`: measures side by side and each option's difference from the baseline. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cli, scenarioVariant, tempDir } from './helpers/scenarios.js';
import type { Yaml } from './helpers/scenarios.js';

describe('coverage-sim compare', () => {
  const base = scenarioVariant('stationary', (s: Yaml) => (s.projection.end_year = 2060));
  // The option doubles the temporary-disablement days: its PAYG cost rate from temporary
  // disablement doubles, and nothing about contributions changes.
  const option = scenarioVariant('stationary', (s: Yaml) => {
    s.scenario.id = 'longer-days';
    s.projection.end_year = 2060;
    s.schemes[0].benefits.temporary_disablement.mean_days = 40;
  });
  const out = join(tempDir(), 'cmp');

  it('writes every measure of both scenarios with the difference, and prints the cost table and key results', async () => {
    const result = await cli('compare', base, option, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('GAP 2025-2060');
    expect(result.stdout).toMatch(/\n {2}1 longer-days\n {4}injury +0 +\+\d+ +\+\d+ +\+\d+\.\d +none → none\n/);
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(out, 'comparison.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const row = (measure: string, year: number) => rows.find((r) => r.scheme === 'injury' && r.measure === measure && r.from === String(year) && r.to === String(year) && r.benefit === '' && r.group === '')!;
    const contributions = row('contributions', 2030);
    expect(contributions['longer-days_minus_test-stationary']).toBe('0.00');
    const payg = row('payg_cost_rate', 2025);
    const difference = Number(payg['longer-days']) - Number(payg['test-stationary']);
    expect(Number(payg['longer-days_minus_test-stationary'])).toBeCloseTo(difference, 7);
    expect(difference).toBeGreaterThan(0);
    const thresholds = readFileSync(join(out, 'thresholds.csv'), 'utf8');
    expect(thresholds).toMatch(/injury,benefits,longer-days,0\.01,2025/);
  });

  it('needs a baseline and an option; a bad option is reported with its place, exit 2', async () => {
    expect((await cli('compare', base)).code).toBe(2);
    const bad = scenarioVariant('stationary', (s: Yaml) => (s.economy.wage_growht = 0.1));
    const result = await cli('compare', base, bad, '--out', join(tempDir(), 'x'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/scenario\.yaml:\d+:\d+: economy\.wage_growht: unknown key/);
  });
});

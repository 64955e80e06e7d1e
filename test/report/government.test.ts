/**
 * Who pays, in the outputs: the government's yearly cost in `compare` (government.csv, the
 * options.csv column, the terminal) and in `run` (report.html's payers table and sentence, the
 * payers chart), each against the projection's own contributions by payer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { projectScenario } from '../../src/pipeline.js';
import { PAYER } from '../../src/model.js';
import { PROJECT, cli, tempDir } from '../helpers/scenarios.js';

const scenario = (name: string) => join(PROJECT, 'scenarios', name);
const rowsOf = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;

describe("the government's cost in compare", () => {
  const out = join(tempDir(), 'compare');
  const compared = cli('compare', scenario('baseline-2025.yaml'), scenario('fishers.yaml'), scenario('fishers-no-subsidy.yaml'), '--no-charts', '--out', out);
  const fishers = projectScenario(scenario('fishers.yaml'));
  const selfEmployment = fishers.projection.schemes.find((s) => s.id === 'self_employment_injury')!;

  it('government.csv has, for the subsidised option only, its yearly government contributions less the baseline\'s (none)', async () => {
    expect((await compared).code).toBe(0);
    const rows = rowsOf(join(out, 'government.csv'));
    expect(new Set(rows.map((r) => `${r.option}|${r.scheme}`))).toEqual(new Set(['fishers|self_employment_injury']));
    expect(rows).toHaveLength(fishers.projection.years);
    rows.forEach((r, i) => {
      const paid = selfEmployment.contributionsByPayer[PAYER.government][i];
      expect(Number(r.government_baseline_MYR)).toBe(0);
      expect(Number(r.government_option_MYR)).toBeCloseTo(paid, 2);
      expect(Number(r.government_difference_MYR)).toBeCloseTo(paid, 2);
    });
    // None in 2025 (the 2024 subsidy ended), then 61% of the average contribution in 2026.
    expect(Number(rows[0].government_option_MYR)).toBe(0);
    expect(Number(rows[1].government_option_MYR) / selfEmployment.contributions[1]).toBeCloseTo(0.6102, 3);
  });

  it("options.csv's PV of extra government contributions is their PV at the baseline's discount rate, mid-year", async () => {
    await compared;
    const options = rowsOf(join(out, 'options.csv'));
    const row = options.find((r) => r.option === 'fishers' && r.scheme === 'self_employment_injury')!;
    // m_i = Π_{j<i} (1 + r_j)^-1 × (1 + r_i)^-1/2 with the baseline's discount rates.
    const rates = projectScenario(scenario('baseline-2025.yaml')).assumptions.economy.discountRate;
    let factor = 1;
    let pv = 0;
    for (let i = 0; i < rates.length; i++) {
      pv += (factor / Math.sqrt(1 + rates[i])) * selfEmployment.contributionsByPayer[PAYER.government][i];
      factor /= 1 + rates[i];
    }
    expect(pv).toBeGreaterThan(1e7);
    expect(Number(row.pv_extra_government_contributions_MYR)).toBeCloseTo(pv, 0);
    // Part of the extra contributions, and nothing for the unsubsidised option or another scheme.
    expect(Number(row.pv_extra_government_contributions_MYR)).toBeLessThan(Number(row.pv_extra_contributions_MYR));
    for (const r of options.filter((x) => !(x.option === 'fishers' && (x.scheme === 'self_employment_injury' || x.scheme === 'all')))) expect(Number(r.pv_extra_government_contributions_MYR)).toBe(0);
  });

  it('the terminal gives the subsidised option its line of yearly costs and PV', async () => {
    const { stdout } = await compared;
    expect(stdout).toMatch(/The government's cost \(government\.csv\): its contributions, option less baseline, RM million\n {2}1 fishers, self_employment_injury:\n {6}2025 0\.0, 2026 4\.\d, 2030 /);
    expect(stdout).not.toMatch(/2 fishers-no-subsidy, self_employment_injury:/);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('who pays in the run report', () => {
  it("report.html lists each payer's contributions and the government's yearly cost, and the payers chart is drawn where two or more pay", async () => {
    const out = join(tempDir(), 'run');
    expect((await cli('run', scenario('fishers.yaml'), '--out', out)).code).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const summary = rowsOf(join(out, 'summary.csv'));
    const at = (scheme: string, year: string) => summary.find((r) => r.scheme === scheme && r.year === year)!;
    // The table's cells carry summary.csv's own values.
    const cellOf = (scheme: string, payer: string) => new RegExp(`<tr data-scheme="${scheme}" data-payer="${payer}">.*?data-value="([0-9.]+)"`).exec(html)?.[1];
    expect(cellOf('self_employment_injury', 'government')).toBe(at('self_employment_injury', '2025').contributions_government);
    expect(cellOf('employment_insurance', 'employee')).toBe(at('employment_insurance', '2025').contributions_employee);
    // Employment injury is paid by employers alone: no employee row.
    expect(cellOf('employment_injury', 'employer')).toBeDefined();
    expect(cellOf('employment_injury', 'employee')).toBeUndefined();
    const millions = (Number(at('self_employment_injury', '2030').contributions_government) / 1e6).toFixed(1);
    expect(html).toContain(`it pays RM ${millions} million in 2030`);
    const charts = (name: string) => { try { return readFileSync(join(out, 'charts', name)).length; } catch { return 0; } };
    expect(charts('self_employment_injury-payers.png')).toBeGreaterThan(0);
    expect(charts('employment_insurance-payers.png')).toBeGreaterThan(0);
    expect(charts('employment_injury-payers.png')).toBe(0);
    expect(html).toMatch(/<li data-chart="employment_injury-payers">Contributions by payer[^<]*: one payer pays every contribution/);
  }, 180_000);
});

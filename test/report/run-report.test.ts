/**
 * The files of a run: measures.csv says the unit of every value, population.csv is written
 * with and without charts, the charts include each scheme's pyramid and coverage rates, and
 * `verify` reproduces the new files.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { MEASURE_COLUMNS, measureUnit } from '../../src/report/measures.js';
import { ASSUMPTION_COLUMNS } from '../../src/report/assumptions-csv.js';
import { PROJECT, cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';

type Row = Record<string, string>;

describe('the files of a run', async () => {
  const out = join(tempDir(), 'run');
  const run = await cli('run', join(PROJECT, 'scenarios', 'baseline-2025.yaml'), '--out', out, '--no-charts');
  const measures = Papa.parse<Row>(readFileSync(join(out, 'measures.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;

  it('measures.csv: the unit of each measure, after the value', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(out, 'measures.csv'), 'utf8').split('\n', 1)[0]).toBe(MEASURE_COLUMNS.join(','));
    expect(MEASURE_COLUMNS.at(-1)).toBe('unit');
    const units = new Map<string, Set<string>>();
    for (const r of measures) units.set(r.measure, (units.get(r.measure) ?? new Set()).add(r.unit));
    expect(Object.fromEntries([...units].map(([m, u]) => [m, [...u]]))).toEqual({
      contribution_rate: ['share'],
      payg_cost_rate: ['share'],
      terminal_funding_cost_rate: ['share'],
      reserve_ratio: ['years'],
      funding_ratio: ['ratio'],
      liability: ['MYR'],
      capital_value_new_awards: ['MYR'],
      depletion_year: ['year'],
      general_average_premium: ['share'],
      scaled_premium: ['share'],
      pv_wage_bill: ['MYR'],
      pv_contributions: ['MYR'],
      pv_benefits: ['MYR'],
      pv_expenses: ['MYR'],
      break_even_rate: ['share'],
      benefit_contribution_ratio: ['ratio'],
    });
  });

  it('money is in the scenario currency code; a measure without a unit is a bug, not an empty cell', () => {
    expect(measureUnit('liability', 'SGD')).toBe('SGD');
    expect(measureUnit('pv_benefits', 'SGD')).toBe('SGD');
    expect(() => measureUnit('something_new', 'MYR')).toThrow(/no unit/);
  });

  it('population.csv is written with --no-charts too, and verify reproduces every CSV', async () => {
    expect(existsSync(join(out, 'population.csv'))).toBe(true);
    expect(readFileSync(join(out, '.coverage-sim-report'), 'utf8')).toContain('population.csv');
    const verified = await cli('verify', out);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain('identical: population.csv');
    expect(verified.stdout).toContain('identical: measures.csv');
    expect(verified.stdout).toContain('identical: assumptions.csv');
  });

  it('assumptions.csv: every input with its provenance, and the ranges projected again, agreeing with measures.csv', () => {
    const text = readFileSync(join(out, 'assumptions.csv'), 'utf8');
    expect(text.split('\n', 1)[0]).toBe(ASSUMPTION_COLUMNS.join(','));
    const rows = Papa.parse<Row>(text, { header: true, skipEmptyLines: true }).data;
    // The baseline states every input it uses: no default, none unmarked.
    expect(new Set(rows.map((r) => r.provenance))).toEqual(new Set(['source', 'assumption']));
    for (const r of rows) {
      if (r.provenance === 'source') expect(r.citation !== '' && r.date !== '', r.key).toBe(true);
      if (r.provenance === 'assumption') expect(r.assumption, r.key).not.toBe('');
    }
    // The foreign workers' invalidity risk: at its own value the ratio of measures.csv, and below
    // 1 at both ends of its range (0.15 to 1): counted from arrival, their months insured are short.
    const risk = rows.find((r) => r.key === 'groups[foreign_workers].risk.invalidity' && r.scheme === 'invalidity' && r.group === 'foreign_workers' && r.measure === 'benefit_contribution_ratio')!;
    const measured = measures.find((r) => r.scheme === 'invalidity' && r.measure === 'benefit_contribution_ratio' && r.group === 'foreign_workers')!;
    expect(Number(risk.at_value)).toBeCloseTo(Number(measured.value), 6);
    expect(Number(risk.at_low)).toBeLessThan(Number(risk.at_value));
    expect(Number(risk.at_high)).toBeGreaterThan(Number(risk.at_value));
    expect(Number(risk.at_high)).toBeLessThan(1);
    expect(risk.flips_at).toBe('');
    // The terminal says it in a sentence.
    expect(run.stdout).toContain('What this answer depends on');
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('No conclusion flips inside any range: each holds at both ends of every range.');
  });

  it('a range wide enough to flip a verdict: assumptions.csv gives where, and the terminal says it in a sentence', async () => {
    // The baseline with the foreign workers' invalidity risk ranging to 4 times the table.
    const baseline = readFileSync(join(PROJECT, 'scenarios', 'baseline-2025.yaml'), 'utf8');
    expect(baseline).toContain('range: [0.15, 1.0]');
    const wide = join(tempDir(), 'wide.yaml');
    writeFileSync(wide, baseline.replace('range: [0.15, 1.0]', 'range: [0.15, 4.0]'));
    const dir = join(tempDir(), 'wide');
    const result = await cli('run', wide, '--no-charts', '--out', dir);
    expect(result.code, result.stderr).toBe(0);
    const rows = Papa.parse<Row>(readFileSync(join(dir, 'assumptions.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const risk = rows.find((r) => r.key === 'groups[foreign_workers].risk.invalidity' && r.scheme === 'invalidity' && r.group === 'foreign_workers' && r.measure === 'benefit_contribution_ratio')!;
    expect(Number(risk.at_low)).toBeLessThan(1);
    expect(Number(risk.at_high)).toBeGreaterThan(1);
    expect(Number(risk.flips_at)).toBeGreaterThan(1);
    expect(Number(risk.flips_at)).toBeLessThan(4);
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('A group pays for itself under a scheme when the present value of its benefits and expenses is below that of its contributions');
    expect(result.stdout.replace(/\s+/g, ' ')).toContain(`Foreign workers pay for themselves under Invalidity (Act 4) only if groups[foreign_workers].risk.invalidity is below ${Number(Number(risk.flips_at).toPrecision(3))} (the scenario: 0.3; range 0.15 to 4).`);
  });

  it('with charts: a pyramid and a coverage-rate chart per scheme, each with its PNG, SVG and data', async () => {
    const dir = join(tempDir(), 'charts');
    const result = await cli('run', scenarioVariant('cells'), '--out', dir);
    expect(result.code, result.stderr).toBe(0);
    for (const scheme of ['injury', 'invalidity']) {
      for (const chart of ['pyramid', 'coverage']) for (const ext of ['png', 'svg', 'csv']) expect(existsSync(join(dir, 'charts', `${scheme}-${chart}.${ext}`)), `${scheme}-${chart}.${ext}`).toBe(true);
    }
    const data = readFileSync(join(dir, 'charts', 'injury-pyramid.csv'), 'utf8');
    expect(data.split('\n', 1)[0]).toBe('label,Men 2025,Women 2025,Men 2030,Women 2030');
    expect(data).toContain('40–44,-8000,0,');
  });
});

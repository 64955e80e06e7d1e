/**
 * The baseline against published PERKESO aggregates (data/calibration/perkeso-published.csv,
 * each row with its source), each brought to the model's first year (2025) by the growth
 * series of data/calibration/roll-forward.csv. The expected factors are derived here from the
 * published figures the series cite, not taken from the program.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { calibrationOf } from '../src/pipeline.js';
import { status, statusReason } from '../src/report/calibration.js';
import { readRollForward, readTargets } from '../src/assumptions/targets.js';
import { calibrate } from '../src/measures/calibration.js';
import { PROJECT, cli, run, tempDir } from './helpers/scenarios.js';

const baseline = join(PROJECT, 'scenarios', 'baseline-2025.yaml');

// Published figures behind the growth series (sources in data/calibration/roll-forward.csv):
// PERKESO benefits paid RM5.48bn (2023) and RM5.82bn (2024), one statement (Malay Mail,
// 2025-03-21); +8.34% from 2024 to 2025 as stated (RTM Berita, 2026-02-14); DOSM employees
// 12.30m (June 2023), 12.46m (June 2024), 12.69m (June 2025).
const BENEFITS_2024 = 5.82 / 5.48;
const BENEFITS_2025 = 1.0834;
const EMPLOYEES_2024 = 12.46 / 12.3;
const EMPLOYEES_2025 = 12.69 / 12.46;

describe('calibration of the baseline', () => {
  const rows = calibrationOf(run(baseline));
  const row = (id: string) => {
    const r = rows.find((x) => x.target.id === id);
    if (!r) throw new Error(`no target ${id}`);
    return r;
  };

  it('has every published target, the issue\'s added ones too, each with a source', () => {
    expect(rows.map((r) => r.target.id)).toEqual(
      expect.arrayContaining([
        'accidents', 'injury_deaths', 'benefits_total', 'survivors_pensions', 'invalidity_pensions', 'permanent_disablement',
        'periodic_beneficiaries', 'foreign_registered', 'domestic_coverage', 'active_contributors',
        'ei_benefits_2023', 'ei_benefits_h1_2024', 'employees_act4', 'employers_act4', 'commuting_benefits',
        'commuting_accidents', 'commuting_deaths',
      ]),
    );
    for (const r of rows) expect(r.target.source).toMatch(/^https?:\/\//);
  });

  it('compares every figure in the model year: 2025', () => {
    for (const r of rows) expect(r.modelYear).toBe(2025);
  });

  it('rolls money forward by PERKESO\'s own year-on-year benefits and counts by employees', () => {
    expect(row('benefits_total').factor).toBeCloseTo(BENEFITS_2025, 6);
    expect(row('benefits_total').expected).toBeCloseTo(5.82e9 * BENEFITS_2025, -3);
    expect(row('ei_benefits_2023').factor).toBeCloseTo(BENEFITS_2024 * BENEFITS_2025, 5);
    expect(row('accidents').factor).toBeCloseTo(EMPLOYEES_2025, 5);
    // Two years of employee growth: 12.69 / 12.30.
    expect(row('injury_deaths').expected).toBeCloseTo((1060 * 12.69) / 12.3, 1);
    expect(row('injury_deaths').factor).toBeCloseTo(EMPLOYEES_2024 * EMPLOYEES_2025, 5);
    // A share is not grown; a figure of 2025 is not moved.
    expect(row('domestic_coverage').factor).toBe(1);
    expect(row('active_contributors').factor).toBe(1);
    expect(row('active_contributors').steps).toEqual([]);
  });

  it('annualises the first half of 2024 by 2 before rolling it forward', () => {
    const h1 = row('ei_benefits_h1_2024');
    expect(h1.target.annualise).toBe(2);
    expect(h1.expected).toBeCloseTo(718e6 * 2 * BENEFITS_2025, -3);
  });

  it('settles the 9.6 million as contributing persons: the model falls short by the non-compliance share', () => {
    const r = row('active_contributors');
    expect(r.target.quantity).toBe('contributing');
    // The baseline's inputs: potential × coverage × compliance (scenarios/baseline-2025.yaml):
    // local 8.4m × 0.88 × 0.93, foreign 2,368,744 × 0.90 × 0.85, domestic 102,037 × 0.59 × 0.90.
    const contributing = 8.4e6 * 0.88 * 0.93 + 2368744 * 0.9 * 0.85 + 102037 * 0.59 * 0.9;
    expect(r.model).toBeCloseTo(contributing, -2);
    expect(r.difference).toBeCloseTo(contributing / 9.6e6 - 1, 4);
    // Read as contributors, it is a check the model misses by the non-compliance share (a lower
    // bound, met within the 10% tolerance), not a figure the model was set to.
    expect(status(r)).toBe('lower bound met');
    expect(r.target.note).toMatch(/local coverage \(0\.88\) was set by reading it as registered persons/);
  });

  it('marks the figures an input was set from, and names the input', () => {
    for (const id of ['accidents', 'injury_deaths', 'survivors_pensions', 'invalidity_pensions', 'permanent_disablement', 'foreign_registered', 'domestic_coverage']) {
      const r = row(id);
      expect(status(r)).toBe('used to set input');
      expect(statusReason(r)).toMatch(/^used to set \S/);
      // Set from them, the model should still be near them in the like year.
      expect(Math.abs(r.difference!)).toBeLessThanOrEqual(0.1);
    }
  });

  it('has the independent checks within 10%, and the lower bounds met', () => {
    expect(status(row('benefits_total'))).toBe('within 10%');
    for (const id of ['ei_benefits_2023', 'ei_benefits_h1_2024']) {
      expect(row(id).target.bound).toBe('lower');
      expect(status(row(id))).toBe('lower bound met');
      expect(row(id).model!).toBeGreaterThanOrEqual(row(id).expected!);
    }
  });

  it('counts the commuting accidents and deaths of 2023 within 10%: 46.4% and 71% of the whole', () => {
    // 38,454 of 82,876 accidents and 750 of 1,060 deaths in 2023 (NST, Sep 2024), rolled by employees.
    const factor = EMPLOYEES_2024 * EMPLOYEES_2025;
    expect(row('commuting_accidents').factor).toBeCloseTo(factor, 5);
    expect(row('commuting_accidents').expected).toBeCloseTo(38454 * factor, -1);
    expect(row('commuting_deaths').expected).toBeCloseTo(750 * factor, 1);
    for (const id of ['commuting_accidents', 'commuting_deaths']) expect(Math.abs(row(id).model! / row(id).expected! - 1), id).toBeLessThan(0.1);
    // The commuting share of the model's accidents is the 47% the table was built on.
    expect(row('commuting_accidents').model! / row('accidents').model!).toBeCloseTo(0.47, 3);
    expect(row('commuting_deaths').model! / row('injury_deaths').model!).toBeCloseTo(750 / 1060, 3);
  });

  it('answers n/a, with the reason, what the model does not have', () => {
    expect(row('employers_act4').model).toBeNull();
    expect(status(row('employers_act4'))).toBe('n/a');
    expect(statusReason(row('employers_act4'))).toMatch(/employers are not modelled/);
    expect(statusReason(row('commuting_benefits'))).toMatch(/commuting/);
  });

  it('has no target outside 10% or below its bound without a note that says why', () => {
    for (const r of rows) expect(['outside 10%', 'below lower bound']).not.toContain(status(r));
    for (const r of rows) if (['conflicting source', 'not comparable'].includes(status(r))) expect(r.target.note).toMatch(/^\[(CONFLICT|NOT COMPARABLE)\] \S/);
  });
});

describe('roll-forward series and targets files', () => {
  it('every growth step of the shipped series has a source', () => {
    for (const series of readRollForward().values())
      for (const step of series.steps.values()) expect(step.source).toMatch(/^(https?:\/\/|ASSUMPTION)/);
  });

  function files(targetRow: string, growth = 'g,2024,0.10,ten percent,ASSUMPTION test\ng,2025,0.20,twenty percent,ASSUMPTION test\n') {
    const dir = tempDir();
    const targets = join(dir, 'targets.csv');
    const roll = join(dir, 'roll.csv');
    writeFileSync(targets, 'id,description,year,published,scheme,quantity,group,annualise,bound,roll_forward,used_to_set,source,note\n' + targetRow + '\n');
    writeFileSync(roll, 'series,year,growth,basis,source\n' + growth);
    return { targets, roll };
  }

  it('rolls a 2023 figure forward by both years, and a 2026 figure back by one', () => {
    const result = run(baseline);
    const { targets, roll } = files(
      'a,A,2023,100,employment_injury,benefits,,1,,g,,https://x,\nb,B,2026,100,employment_injury,benefits,,2,,h,,https://x,',
      'g,2024,0.10,x,ASSUMPTION test\ng,2025,0.20,x,ASSUMPTION test\nh,2026,0.25,x,ASSUMPTION test\n',
    );
    const [a, b] = calibrate(result.assumptions, result.projection, readTargets(targets, roll));
    expect(a.factor).toBeCloseTo(1.1 * 1.2, 12);
    expect(a.expected).toBeCloseTo(100 * 1.1 * 1.2, 9);
    expect(b.factor).toBeCloseTo(1 / 1.25, 12);
    expect(b.expected).toBeCloseTo((100 * 2) / 1.25, 9);
  });

  it('does not compare a figure whose series lacks a year, or an earlier figure without a series, and says why', () => {
    const result = run(baseline);
    const { targets, roll } = files('a,A,2022,100,employment_injury,benefits,,1,,g,,https://x,\nb,B,2024,100,employment_injury,benefits,,1,,,,https://x,');
    const [a, b] = calibrate(result.assumptions, result.projection, readTargets(targets, roll));
    expect(a.expected).toBeNull();
    expect(status(a)).toBe('n/a');
    expect(statusReason(a)).toMatch(/no growth for 2023/);
    expect(statusReason(b)).toMatch(/no roll_forward series/);
  });

  it('refuses a series the roll-forward table does not have, and a bound it does not know', () => {
    const bad = files('a,A,2024,100,employment_injury,benefits,,1,,nope,,https://x,');
    expect(() => readTargets(bad.targets, bad.roll)).toThrow(/roll_forward names "nope"/);
    const bound = files('a,A,2024,100,employment_injury,benefits,,1,upper,g,,https://x,');
    expect(() => readTargets(bound.targets, bound.roll)).toThrow(/bound must be empty/);
  });

  it('reads a targets file of the old columns, comparing only figures of the model year', () => {
    const dir = tempDir();
    const path = join(dir, 'old.csv');
    writeFileSync(path, 'id,description,year,published,scheme,quantity,group,source,note\nx,X,2025,100,employment_injury,benefits,,https://x,\n');
    const [x] = readTargets(path);
    expect(x.annualise).toBe(1);
    expect(x.rollForward).toBeNull();
  });
});

describe('coverage-sim calibrate', () => {
  it('writes calibration.csv beside the report and prints the table, the statuses, the series and the notes', async () => {
    const out = join(tempDir(), 'calibrated');
    const result = await cli('calibrate', baseline, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Calibration: published aggregates against the model in 2025');
    const lines = result.stdout.split('\n');
    // Every column named: the header's names, in order.
    expect(lines[1].trim().split(/\s{2,}/)).toEqual(['measure', 'year', 'published', 'factor', 'target', 'model', 'difference', 'status']);
    expect(lines[2].trim().split(/\s{2,}/)).toEqual(['to 2025', '2025', '2025']);
    const csvPath = join(out, 'calibration.csv');
    expect(existsSync(csvPath)).toBe(true);
    const csv = Papa.parse<Record<string, string>>(readFileSync(csvPath, 'utf8'), { header: true, skipEmptyLines: true });
    expect(csv.meta.fields).toEqual(['measure', 'description', 'year', 'published', 'annualise', 'bound', 'model_year', 'factor', 'factor_basis', 'factor_source', 'target', 'model', 'difference_pct', 'status', 'status_reason', 'source', 'note']);
    // Every status printed is explained below the table; every row's note is printed.
    const statuses = new Set(csv.data.map((r) => r.status));
    const legend = result.stdout.slice(result.stdout.indexOf('Statuses:'));
    for (const s of statuses) expect(legend).toMatch(new RegExp(`\\n  ${s.replace('/', '\\/')}\\s{2,}\\S`));
    const notes = result.stdout.slice(result.stdout.indexOf('Notes:'));
    for (const r of csv.data) expect(notes).toContain(`  ${r.measure}: `);
    // Each factor's basis and source: the 2024-2025 benefits step with its source.
    expect(result.stdout).toContain('benefits 2024-2025 +8.34%');
    expect(result.stdout).toContain('https://berita.rtm.gov.my/');
    const total = csv.data.find((r) => r.measure === 'benefits_total')!;
    expect(Number(total.factor)).toBeCloseTo(BENEFITS_2025, 6);
    expect(total.factor_basis).toMatch(/rolled forward by benefits: 2024-2025 \+8\.34%/);
    expect(total.factor_source).toMatch(/^https:\/\/berita\.rtm\.gov\.my\//);
  });
});

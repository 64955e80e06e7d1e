/**
 * The baseline against published PERKESO aggregates (data/calibration/perkeso-published.csv,
 * each row with its source): every target within 10%, except those whose note marks the
 * published figure as conflicting with another source or not comparable with a model quantity.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrationOf } from '../src/pipeline.js';
import { status } from '../src/report/calibration.js';
import { PROJECT, cli, run, tempDir } from './helpers/scenarios.js';

const baseline = join(PROJECT, 'scenarios', 'baseline-2025.yaml');

describe('calibration of the baseline', () => {
  const rows = calibrationOf(run(baseline));

  it('has every published target with a source', () => {
    expect(rows.map((r) => r.target.id)).toEqual(
      expect.arrayContaining(['accidents', 'injury_deaths', 'benefits_total', 'survivors_pensions', 'invalidity_pensions', 'permanent_disablement', 'periodic_beneficiaries', 'foreign_registered', 'domestic_coverage', 'active_contributors']),
    );
    for (const r of rows) expect(r.target.source).toMatch(/^https?:\/\//);
  });

  for (const id of ['accidents', 'injury_deaths', 'benefits_total', 'survivors_pensions', 'invalidity_pensions', 'permanent_disablement', 'foreign_registered', 'domestic_coverage', 'active_contributors']) {
    it(`${id} is within 10% of the published figure`, () => {
      const row = rows.find((r) => r.target.id === id)!;
      expect(row.model).not.toBeNull();
      expect(Math.abs(row.difference!)).toBeLessThanOrEqual(0.1);
    });
  }

  it('a target outside 10% is one whose note says why', () => {
    for (const r of rows) expect(status(r)).not.toBe('outside 10%');
  });
});

describe('coverage-sim calibrate', () => {
  it('writes calibration.csv beside the report and prints the table', async () => {
    const out = join(tempDir(), 'calibrated');
    const result = await cli('calibrate', baseline, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Calibration: published aggregates against the model in 2025');
    expect(existsSync(join(out, 'calibration.csv'))).toBe(true);
    const header = readFileSync(join(out, 'calibration.csv'), 'utf8').split('\n')[0];
    expect(header).toBe('measure,description,year,published,model_year,model,difference_pct,status,source,note');
  });
});

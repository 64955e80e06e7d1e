/**
 * The dialysis line (methodology §4, "Dialysis"), worked by hand on test/fixtures/cells: 8,000
 * registered men aged 40 in 2025; patients = registered × patients per registered × the group's
 * invalidity multiplier, at the year's cost per patient-year (inflation 0 in the fixture, so a
 * 10% yearly indexation is the only growth).
 */
import { describe, expect, it } from 'vitest';
import { MALE } from '../../src/engine/layout.js';
import { DETAIL_BENEFIT, MEASURE, OUTGO_COLUMNS } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import { cli, run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const project = (change: (s: Yaml) => void) => run(scenarioVariant('cells', change)).projection.schemes[1];

describe('dialysis', () => {
  const base = project(() => {});
  const withDialysis = project((s) => {
    s.groups[0].risk = { invalidity: 0.5 };
    s.schemes[1].benefits.dialysis = { patients_per_registered: 0.002, cost_per_patient_annual: 25200, indexation: 0.1 };
  });
  const withRiskOnly = project((s) => (s.groups[0].risk = { invalidity: 0.5 }));

  it('8,000 × 0.002 × 0.5 = 8 patients in 2025 at RM25,200: RM201,600', () => {
    const cases = withDialysis.detail[detailIndex(DETAIL_BENEFIT.dialysis, MEASURE.cases, 0, MALE, withDialysis.groups, withDialysis.years)];
    expect(cases).toBeCloseTo(8, 12);
    expect(withDialysis.outgo.dialysis[0]).toBeCloseTo(8 * 25200, 2);
  });

  it('the cost per patient-year rises with its indexation: 10% a year on the registered of each year', () => {
    const i = 3;
    const registered = withDialysis.detail[detailIndex(DETAIL_BENEFIT.insured, MEASURE.registered, 0, MALE, withDialysis.groups, withDialysis.years) + i];
    expect(withDialysis.outgo.dialysis[i]).toBeCloseTo(registered * 0.002 * 0.5 * 25200 * 1.1 ** i, 2);
  });

  it('nothing else moves, and a scheme without the line pays none', () => {
    for (const c of OUTGO_COLUMNS) if (c !== 'dialysis') expect(withDialysis.outgo[c]).toEqual(withRiskOnly.outgo[c]);
    expect(base.outgo.dialysis.every((v) => v === 0)).toBe(true);
  });

  it('is a benefit of the invalidity scheme only (exit 2 elsewhere)', async () => {
    const result = await cli('validate', scenarioVariant('cells', (s: Yaml) => (s.schemes[0].benefits.dialysis = { patients_per_registered: 0.002, cost_per_patient_annual: 25200 })));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/schemes\[0\]\.benefits\.dialysis/);
  });
});

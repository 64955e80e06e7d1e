/**
 * Accidents split by cause (commuting_incidence), worked by hand on test/fixtures/cells: 8,000
 * registered men aged 40 in 2025 (10,000 × coverage 0.8), no wage dispersion. The injury table
 * has temporary 0.01, permanent 0.002, fatal 0.0005, medical 0.02; the commuting part written
 * here is temporary 0.004, permanent 0.0008, fatal 0.0003, medical 0.009, so the workplace part
 * is 0.006, 0.0012, 0.0002 and 0.011.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MALE } from '../../src/engine/layout.js';
import { DETAIL_BENEFIT, MEASURE, OUTGO_COLUMNS } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { calibrate } from '../../src/measures/calibration.js';
import { readTargets } from '../../src/assumptions/targets.js';
import { cli, run, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const REGISTERED = 8000;
const COMMUTING = { temporary: 0.004, permanent: 0.0008, fatal: 0.0003, medical: 0.009 };

/** The cells scenario with the commuting part beside its table, and the group's multipliers. */
function withSplit(risk: unknown, commuting = 'M,40,0.004,0.0008,0.0003,0.009'): string {
  return scenarioVariant('cells', (s: Yaml, dir: string) => {
    writeFileSync(join(dir, 'commuting.csv'), `sex,age,temporary,permanent,fatal,medical\n${commuting}\nF,40,0,0,0,0\n`);
    s.schemes[0].commuting_incidence = 'commuting.csv';
    if (risk !== undefined) s.groups[0].risk = { employment_injury: risk };
  });
}

const project = (path: string) => run(path).projection.schemes;
const [injuryBase, invalidityBase] = project(scenarioVariant('cells'));

function cases(s: SchemeProjection, benefit: keyof typeof DETAIL_BENEFIT, measure: keyof typeof MEASURE = 'cases', year = 0): number {
  return s.detail[detailIndex(DETAIL_BENEFIT[benefit], MEASURE[measure], 0, MALE, s.groups, s.years) + year];
}

describe('an injury scheme that splits its accidents by cause', () => {
  it('with one multiplier for both causes, pays exactly what the unsplit scheme pays, and counts the commuting part', () => {
    const [injury, invalidity] = project(withSplit(undefined));
    for (const c of OUTGO_COLUMNS) {
      for (let i = 0; i < injury.years; i++) {
        expect(injury.outgo[c][i], c).toBe(injuryBase.outgo[c][i]);
        expect(invalidity.outgo[c][i], c).toBe(invalidityBase.outgo[c][i]);
      }
    }
    expect(injury.fundEnd).toEqual(injuryBase.fundEnd);
    expect(cases(injury, 'commuting_accidents')).toBeCloseTo(REGISTERED * COMMUTING.medical, 9); // 72
    expect(cases(injury, 'commuting_deaths')).toBeCloseTo(REGISTERED * COMMUTING.fatal, 9); // 2.4
    expect(injuryBase.splitsCommuting).toBe(false);
    expect(injury.splitsCommuting).toBe(true);
  });

  it('applies each multiplier to its own part: workplace × 2, commuting × 0.5', () => {
    const [injury] = project(withSplit({ workplace: 2, commuting: 0.5 }));
    // medical 8,000 × (0.011 × 2 + 0.009 × 0.5) = 212; deaths 8,000 × (0.0002 × 2 + 0.0003 × 0.5) = 4.4
    expect(cases(injury, 'medical')).toBeCloseTo(212, 9);
    expect(cases(injury, 'deaths')).toBeCloseTo(4.4, 9);
    expect(cases(injury, 'commuting_accidents')).toBeCloseTo(36, 9);
    expect(cases(injury, 'commuting_deaths')).toBeCloseTo(1.2, 9);
    // temporary 8,000 × (0.006 × 2 + 0.004 × 0.5) = 112 cases, each paid as in the base's 80
    expect(cases(injury, 'temporary_disablement')).toBeCloseTo(112, 9);
    expect(injury.outgo.temporary_disablement[0] / injuryBase.outgo.temporary_disablement[0]).toBeCloseTo(112 / 80, 9);
    // permanent 8,000 × (0.0012 × 2 + 0.0008 × 0.5) = 22.4 awards, 40% of them pensions
    expect(cases(injury, 'permanent_disablement', 'new_awards')).toBeCloseTo(22.4 * 0.4, 9);
    expect(injury.outgo.medical[0]).toBeCloseTo(212 * 1000, 4);
  });

  it('takes multipliers per contingency within a cause, 1 where one is not given', () => {
    const [injury] = project(withSplit({ workplace: { fatal: 3 }, commuting: { medical: 0 } }));
    expect(cases(injury, 'medical')).toBeCloseTo(REGISTERED * 0.011, 9); // 88: no commuting cases
    expect(cases(injury, 'commuting_accidents')).toBe(0);
    expect(cases(injury, 'deaths')).toBeCloseTo(REGISTERED * (0.0002 * 3 + 0.0003), 9); // 7.2
    expect(cases(injury, 'temporary_disablement')).toBeCloseTo(80, 9);
  });

  it('takes the split deaths out of the invalidity scheme\'s deaths from other causes', () => {
    const [, invalidity] = project(withSplit({ workplace: 2, commuting: 0.5 }));
    // Injury deaths go from 0.0005 to 0.00055 a person: 0.4 fewer deaths from other causes.
    expect(cases(invalidityBase, 'deaths') - cases(invalidity, 'deaths')).toBeCloseTo(REGISTERED * 0.00005, 9);
  });

  it('pays nothing on a group with no risk of either cause', () => {
    const [injury] = project(withSplit({ workplace: 0, commuting: 0 }));
    for (const benefit of ['medical', 'deaths', 'temporary_disablement', 'permanent_disablement_lump_sum', 'commuting_accidents', 'commuting_deaths'] as const) {
      expect(cases(injury, benefit), benefit).toBe(0);
    }
    expect(injury.capitalValueNewAwards[0]).toBe(0);
  });

  it('compares cases:commuting_accidents with a published count, and says n/a where the scheme does not split', () => {
    const dir = tempDir();
    const targets = join(dir, 'targets.csv');
    const roll = join(dir, 'roll.csv');
    writeFileSync(targets, 'id,description,year,published,scheme,quantity,group,annualise,bound,roll_forward,used_to_set,source,note\nc,C,2025,70,injury,cases:commuting_accidents,,1,,,,https://x,\n');
    writeFileSync(roll, 'series,year,growth,basis,source\n');
    const split = run(withSplit(undefined));
    const [row] = calibrate(split.assumptions, split.projection, readTargets(targets, roll));
    expect(row.model).toBeCloseTo(72, 9);
    const plain = run(scenarioVariant('cells'));
    const [none] = calibrate(plain.assumptions, plain.projection, readTargets(targets, roll));
    expect(none.model).toBeNull();
    expect(none.reason).toMatch(/does not split its accidents by cause/);
  });
});

describe('refusals of a split that cannot hold', () => {
  it('a commuting part above the whole, naming the cell', async () => {
    const result = await cli('validate', withSplit(undefined, 'M,40,0.004,0.0008,0.0006,0.009'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/commuting\.csv:2:5: fatal: the commuting part of fatal at sex M, age 40 \(0\.0006\) is above the scheme's incidence there \(0\.0005\)/);
  });

  it('multipliers by cause that differ, for a scheme that does not split', async () => {
    const path = scenarioVariant('cells', (s) => (s.groups[0].risk = { employment_injury: { workplace: 1, commuting: 2 } }));
    const result = await cli('validate', path);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/groups\[0\]\.risk\.employment_injury: the group's workplace and commuting multipliers differ, but scheme "injury"/);
  });

  it('commuting_incidence on a scheme of another kind, and an unknown key within a cause', async () => {
    const onInvalidity = scenarioVariant('cells', (s, dir) => {
      writeFileSync(join(dir, 'commuting.csv'), 'sex,age,temporary,permanent,fatal,medical\nM,40,0,0,0,0\n');
      s.schemes[1].commuting_incidence = 'commuting.csv';
    });
    const kind = await cli('validate', onInvalidity);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/schemes\[1\]\.commuting_incidence: commuting_incidence applies only to employment_injury schemes/);
    const typo = await cli('validate', withSplit({ workplace: 1, commuting: { fatl: 2 } }));
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/groups\[0\]\.risk\.employment_injury\.commuting\.fatl: unknown key "fatl" \(did you mean "fatal"\?\)/);
    const mixed = await cli('validate', withSplit({ workplace: 1, fatal: 2 }));
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/groups\[0\]\.risk\.employment_injury: give multipliers by contingency or by cause/);
  });
});

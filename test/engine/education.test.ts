/**
 * Education assistance, worked by hand on test/fixtures/cells: men aged 40 whose families have
 * children with probability 0.5, the youngest aged 8 (family.csv). In 2025 the injury scheme has
 * 8,000 × 0.0005 = 4 deaths from the injury, so 2 children's awards at 8, paid half the year;
 * no children's pensions are in payment at the start. Inflation is 0 in the fixture.
 */
import { describe, expect, it } from 'vitest';
import { FEMALE, MALE } from '../../src/engine/layout.js';
import { DETAIL_BENEFIT, MEASURE } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { loadScenario } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const withEducation = (bands: Array<{ from: number; to: number; annual: number }>, takeUp: number) => (s: Yaml) => {
  for (const scheme of s.schemes) scheme.benefits.education = { by_age: bands, take_up: takeUp };
};
const schemes = (change: (s: Yaml) => void) => run(scenarioVariant('cells', change)).projection.schemes;

function detail(s: SchemeProjection, benefit: keyof typeof DETAIL_BENEFIT, measure: keyof typeof MEASURE, i = 0): number {
  const at = (sex: number) => s.detail[detailIndex(DETAIL_BENEFIT[benefit], MEASURE[measure], 0, sex, s.groups, s.years) + i];
  return at(MALE) + at(FEMALE);
}

describe('education assistance', () => {
  const [injury, invalidity] = schemes(withEducation([{ from: 6, to: 12, annual: 1000 }], 0.5));

  it('a child of 8 in a band: half of the 2 new awards in payment × RM1,000 × a take-up of 0.5', () => {
    expect(detail(injury, 'dependants_children', 'new_awards')).toBeCloseTo(2, 9);
    expect(detail(injury, 'education', 'cases')).toBeCloseTo(0.5 * 2, 9);
    expect(injury.outgo.education[0]).toBeCloseTo(0.5 * 2 * 1000 * 0.5, 2);
  });

  it("the invalidity scheme's survivors' children the same way: half the year's awards × cost × take-up", () => {
    const awards = detail(invalidity, 'survivors_children', 'new_awards');
    expect(awards).toBeGreaterThan(0);
    expect(invalidity.outgo.education[0]).toBeCloseTo(0.5 * awards * 1000 * 0.5, 2);
  });

  it('a band the children are not in pays nothing; the children reach it as they age', () => {
    const [later] = schemes(withEducation([{ from: 10, to: 12, annual: 1000 }], 0.5));
    expect(later.outgo.education[0]).toBe(0);
    expect(later.outgo.education[1]).toBe(0); // the 2025 awards are 9 in 2026
    expect(later.outgo.education[2]).toBeGreaterThan(0); // and 10 in 2027
  });

  it('changes no other outgo, and a take-up of 0 pays nothing', () => {
    const [base] = schemes(() => {});
    for (const c of Object.keys(base.outgo) as Array<keyof typeof base.outgo>) if (c !== 'education') expect(injury.outgo[c][3], c).toBe(base.outgo[c][3]);
    const [none] = schemes(withEducation([{ from: 6, to: 12, annual: 1000 }], 0));
    expect(none.outgo.education.every((v) => v === 0)).toBe(true);
  });

  it('without children\'s pensions, or with overlapping bands, the file is refused at the key', () => {
    const refused = (change: (s: Yaml) => void, pattern: RegExp) => {
      let error: unknown;
      try {
        loadScenario(scenarioVariant('cells', change));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ScenarioError);
      expect(`${(error as ScenarioError).key}: ${(error as Error).message}`).toMatch(pattern);
    };
    refused((s) => {
      delete s.schemes[0].benefits.dependants;
      s.schemes[0].benefits.education = { by_age: [{ from: 6, to: 12, annual: 1000 }], take_up: 0.5 };
    }, /education: .*give dependants too/);
    refused((s) => (s.schemes[0].benefits.education = { by_age: [{ from: 6, to: 12, annual: 1000 }, { from: 12, to: 17, annual: 2000 }], take_up: 0.5 }), /education\.by_age: .*overlapping/);
  });
});

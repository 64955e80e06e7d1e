/** Where survivors' awards go, and at what share (methodology §4). */
import { describe, expect, it } from 'vitest';
import { familyTargets } from '../../src/engine/family.js';
import { CELLS, FEMALE, MALE, cell } from '../../src/engine/layout.js';
import { DETAIL_BENEFIT, MEASURE } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

function family(youngestChildAge: number) {
  const table = { pSpouse: new Float64Array(CELLS).fill(0.8), pChildren: new Float64Array(CELLS).fill(0.2), spouseAgeDifference: new Float64Array(CELLS).fill(-4.25), youngestChildAge: new Float64Array(CELLS).fill(youngestChildAge) };
  return familyTargets({ spouseShare: 0.6, soleSurvivorShare: 1, childAgeLimit: 21, family: table, parents: null, siblings: null });
}

describe('family targets', () => {
  it('spouse and children share the pension: 0.2 × 0.6 + 0.8 × 1 for the spouse', () => {
    const t = family(6);
    const c = cell(MALE, 50);
    expect(t.spouseAmount[c]).toBeCloseTo(0.8 * (0.2 * 0.6 + 0.8 * 1), 15);
    expect(t.childAmount[c] * 2).toBeCloseTo(0.2 * (0.8 * 0.4 + 0.2 * 1), 15);
    // The widow is 45.75: three quarters at 45, a quarter at 46.
    expect(t.spouseCell[c]).toBe(cell(FEMALE, 45));
    expect(t.spouseUpper[c]).toBeCloseTo(0.75, 15);
  });

  it('with every child at or above the age limit, the spouse is a sole survivor', () => {
    const t = family(25);
    const c = cell(MALE, 50);
    expect(t.childCount[c]).toBe(0);
    expect(t.spouseAmount[c]).toBeCloseTo(0.8 * 1, 15);
  });
});

describe('parents and siblings, with neither spouse nor child', () => {
  // p_s 0.8, p_c 0.2 with the youngest child at 6: neither with probability 0.2 × 0.8 = 0.16.
  // A parent alive with probability 0.9 at every age; siblings with probability 0.5, 3 years younger.
  const table = { pSpouse: new Float64Array(CELLS).fill(0.8), pChildren: new Float64Array(CELLS).fill(0.2), spouseAgeDifference: new Float64Array(CELLS).fill(-4.25), youngestChildAge: new Float64Array(CELLS).fill(6) };
  const t = familyTargets({
    spouseShare: 0.6,
    soleSurvivorShare: 1,
    childAgeLimit: 21,
    family: table,
    parents: { share: 0.4, ageDifference: 28.5, alive: new Float64Array(111).fill(0.9) },
    siblings: { share: 0.3, probability: 0.5, ageDifference: 3 },
  });

  it('the parents: 0.16 × 0.9 awards per death at 4/10, at the mother\'s age 28.5 years above (women\'s rows)', () => {
    const c = cell(MALE, 22);
    expect(t.parentCount[c]).toBeCloseTo(0.16 * 0.9, 15);
    expect(t.parentAmount[c]).toBeCloseTo(0.16 * 0.9 * 0.4, 15);
    expect(t.parentCell[c]).toBe(cell(FEMALE, 50));
    expect(t.parentUpper[c]).toBeCloseTo(0.5, 15);
  });

  it('the siblings: 0.16 × 0.5 awards at 3/10, split between the sexes, only while the youngest is under 21', () => {
    const young = cell(FEMALE, 22);
    expect(t.siblingAge[young]).toBe(19);
    expect(2 * t.siblingCount[young]).toBeCloseTo(0.16 * 0.5, 15);
    expect(2 * t.siblingAmount[young]).toBeCloseTo(0.16 * 0.5 * 0.3, 15);
    // At 24 the youngest sibling is 21: no sibling's pension.
    expect(t.siblingCount[cell(FEMALE, 24)]).toBe(0);
    expect(t.siblingCount[cell(FEMALE, 23)]).toBeGreaterThan(0);
  });

  it("the spouse's and children's awards are those without parents or siblings", () => {
    const plain = family(6);
    for (const c of [cell(MALE, 22), cell(FEMALE, 40)]) {
      expect(t.spouseAmount[c]).toBe(plain.spouseAmount[c]);
      expect(t.childAmount[c]).toBe(plain.childAmount[c]);
    }
  });
});

describe('parents and siblings in a projection', () => {
  const project = (withOthers: boolean) =>
    run(
      scenarioVariant('basic', (s: Yaml) => {
        const inv = s.schemes.find((x: Yaml) => x.kind === 'invalidity');
        if (withOthers) {
          inv.benefits.survivors.parents = { share: 0.4 };
          inv.benefits.survivors.siblings = { share: 0.3, probability: 0.6 };
        }
      }),
    ).projection.schemes.find((x) => x.kind === 'invalidity')!;
  const plain = project(false);
  const others = project(true);
  const at = (p: SchemeProjection, benefit: keyof typeof DETAIL_BENEFIT, measure: keyof typeof MEASURE, sex: number, i: number) => p.detail[detailIndex(DETAIL_BENEFIT[benefit], MEASURE[measure], 0, sex, p.groups, p.years) + i];

  it("the parents' awards are added to the spouses' (women's rows), the siblings' to the children's, and the detail counts them", () => {
    for (const i of [0, 10]) {
      const parents = at(others, 'parents_awards', 'new_awards', FEMALE, i);
      expect(parents).toBeGreaterThan(0);
      expect(at(others, 'survivors_spouse', 'new_awards', FEMALE, i) - at(plain, 'survivors_spouse', 'new_awards', FEMALE, i)).toBeCloseTo(parents, 6);
      expect(at(others, 'survivors_spouse', 'new_awards', MALE, i)).toBeCloseTo(at(plain, 'survivors_spouse', 'new_awards', MALE, i), 9);
      for (const sex of [FEMALE, MALE]) {
        expect(at(others, 'survivors_children', 'new_awards', sex, i) - at(plain, 'survivors_children', 'new_awards', sex, i)).toBeCloseTo(at(others, 'siblings_awards', 'new_awards', sex, i), 6);
      }
    }
    expect(others.outgo.survivors_pension[10]).toBeGreaterThan(plain.outgo.survivors_pension[10]);
  });
});

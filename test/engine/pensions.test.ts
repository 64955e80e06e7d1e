/**
 * Pensions in payment (methodology §5): children's pensions stop at the age limit, amounts are
 * indexed, and a pensioner's death releases survivors' pensions in the same year.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DETAIL_BENEFIT, MEASURE } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import type { SchemeProjection } from '../../src/engine/result.js';
import { run, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

function detailTotal(s: SchemeProjection, benefit: keyof typeof DETAIL_BENEFIT, measure: keyof typeof MEASURE, i: number): number {
  let total = 0;
  for (let g = 0; g < s.groups; g++) for (let sex = 0; sex < 2; sex++) total += s.detail[detailIndex(DETAIL_BENEFIT[benefit], MEASURE[measure], g, sex, s.groups, s.years) + i];
  return total;
}

describe("children's pensions", () => {
  // 300 children's pensions in payment at age 10 in 2025, RM600 a month, no deaths among them
  // (mortality multiplier 0), no new fatal injuries, pensions indexed 1% a year from 2026.
  // A pension to age 21 is paid at ages 10, 11, ..., 20: in 2025-2035, and no more from 2036.
  const scenario = scenarioVariant('basic', (s: Yaml, dir) => {
    s.mortality_multipliers = { dependants_children: 0 };
    for (const g of s.groups) g.risk = { ...(g.risk ?? {}), employment_injury: { fatal: 0 } };
    writeFileSync(join(dir, 'ei-beneficiaries.csv'), 'type,sex,age,count,monthly_amount\ndependants_children,M,10,300,600\n');
  });
  const ei = run(scenario).projection.schemes[0];

  it('are paid a full year to each age below the limit, indexed each year', () => {
    expect(ei.outgo.dependants_pension[0]).toBeCloseTo(300 * 600 * 12, 2);
    expect(ei.outgo.dependants_pension[1]).toBeCloseTo(300 * 600 * 12 * 1.01, 2);
    expect(ei.outgo.dependants_pension[10]).toBeCloseTo(300 * 600 * 12 * 1.01 ** 10, 1);
  });

  it('stop at the age limit: nothing is paid from the year the youngest child turns 21', () => {
    expect(detailTotal(ei, 'dependants_children', 'beneficiaries_end', 9)).toBeCloseTo(300, 9); // end of 2034: aged 20 in 2035
    expect(detailTotal(ei, 'dependants_children', 'beneficiaries_end', 10)).toBe(0); // end of 2035: would be 21
    expect(ei.outgo.dependants_pension[11]).toBe(0);
  });
});

describe('survivors of invalidity pensioners', () => {
  it("a pensioner's death awards survivors' pensions in the same year, by the family table", () => {
    // Two runs that differ only by 1,000 invalidity pensioners (men aged 50) in payment: the
    // differences in funeral cases are the pensioners' deaths d, and in survivors' awards the
    // family table's shares of d. For a man of 50 the test family table gives a wife with
    // probability 0.8 and children (youngest aged (50 − 30)/3 < 21) with probability 0.2.
    const variant = (withStock: boolean) =>
      run(
        scenarioVariant('basic', (s: Yaml, dir) => {
          if (!withStock) return;
          s.schemes[2].beneficiaries = 'inv-beneficiaries.csv';
          writeFileSync(join(dir, 'inv-beneficiaries.csv'), 'type,sex,age,count,monthly_amount\ninvalidity_pension,M,50,1000,1000\n');
        }),
      ).projection.schemes[2];
    const withStock = variant(true);
    const without = variant(false);
    const delta = (benefit: keyof typeof DETAIL_BENEFIT, measure: keyof typeof MEASURE) => detailTotal(withStock, benefit, measure, 0) - detailTotal(without, benefit, measure, 0);
    const deaths = delta('funeral', 'cases');
    expect(deaths).toBeGreaterThan(1);
    expect(delta('survivors_spouse', 'new_awards')).toBeCloseTo(0.8 * deaths, 9);
    expect(delta('survivors_children', 'new_awards')).toBeCloseTo(0.2 * deaths, 9);
  });
});

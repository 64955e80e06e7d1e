/**
 * Annuity factors for the capital values of pensions (methodology §5, §7): a pension of 1 a
 * year paid monthly in advance, indexed at the scheme's pension indexation and discounted at
 * the discount rate of the year, on the pensioners' mortality (general mortality × the type's
 * multiplier × the group's), whole life or to the children's age limit.
 *
 * Pension types, groups and schemes share multipliers and net discount factors, so each distinct
 * (multiplier, age limit, v) is computed once a year and kept here until the next year.
 */
import { monthlyAnnuityDue } from './annuity.js';
import { AGES, CELLS, SEXES } from './layout.js';

const MAX_ANNUITIES = 64;

export interface AnnuityCache {
  keys: Float64Array;
  factors: Float64Array[];
  count: number;
  q: Float64Array;
  scratch: Float64Array;
  survival: Float64Array;
}

export function createAnnuityCache(): AnnuityCache {
  return { keys: new Float64Array(3 * MAX_ANNUITIES), factors: [], count: 0, q: new Float64Array(CELLS), scratch: new Float64Array(AGES), survival: new Float64Array(AGES) };
}

/** Forget the year's factors (call once a year, as mortality and rates change). */
export function resetAnnuities(cache: AnnuityCache): void {
  cache.count = 0;
}

/** ä(12) `[sex][age]` for q × multiplier, to `endAge` (AGES for life), at v. */
export function annuityFactors(cache: AnnuityCache, q: Float64Array, multiplier: number, endAge: number, v: number): Float64Array {
  const keys = cache.keys;
  for (let k = 0; k < cache.count; k++) {
    if (keys[3 * k] === multiplier && keys[3 * k + 1] === endAge && keys[3 * k + 2] === v) return cache.factors[k];
  }
  const k = cache.count < MAX_ANNUITIES ? cache.count++ : MAX_ANNUITIES - 1;
  keys[3 * k] = multiplier;
  keys[3 * k + 1] = endAge;
  keys[3 * k + 2] = v;
  const out = (cache.factors[k] ??= new Float64Array(CELLS));
  for (let c = 0; c < CELLS; c++) cache.q[c] = Math.min(1, q[c] * multiplier);
  const limit = endAge >= AGES ? Infinity : endAge;
  for (let s = 0; s < SEXES; s++) {
    monthlyAnnuityDue(cache.q, v, cache.scratch, limit, s * AGES, cache.survival);
    out.set(cache.scratch, s * AGES);
  }
  return out;
}

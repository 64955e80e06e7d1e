/**
 * Annuity factors for the capital values of pensions (methodology §5, §7): a pension of 1 a
 * year paid monthly in advance, indexed at the scheme's pension indexation and discounted at
 * the discount rate of the year, on the pensioners' mortality (general mortality × the type's
 * multiplier × the group's), whole life or to the children's age limit.
 *
 * Pension types, groups and schemes share multipliers and net discount factors, so each distinct
 * (multiplier, age limit, v) is computed once a year and kept here until the next year: up to
 * 64 a year, beyond which the last entry is reused, so a caller keeps a table only while it
 * uses it.
 */
import { monthlyAnnuityPair } from './annuity.js';
import { AGES, CELLS, FEMALE, MALE } from './layout.js';

const MAX_ANNUITIES = 64;

export interface AnnuityCache {
  keys: Float64Array;
  factors: Float64Array[];
  count: number;
}

export function createAnnuityCache(): AnnuityCache {
  return { keys: new Float64Array(3 * MAX_ANNUITIES), factors: [], count: 0 };
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
  const limit = endAge >= AGES ? Infinity : endAge;
  monthlyAnnuityPair(q, FEMALE * AGES, MALE * AGES, multiplier, v, limit, out, FEMALE * AGES, MALE * AGES, AGES);
  return out;
}

/**
 * Annuity factors on cohort mortality (methodology §5, "Capital values"): the factor of a
 * pension awarded in year t at age x uses the mortality the pensioner will meet, q(x + k, t + k),
 * and each year's discount rate net of the scheme's pension indexation, by the backward
 * recursion over years and ages
 *
 *   ä_t(x) = p + v_t · (1 − q_t(x)·m)·(1 − r) · ä_{t+1}(x + 1),   ä(12) = ä − 11/24 · p · (1 − vⁿ·ₙp),
 *
 * with p the share paid and r the recovery of a duration (by_duration), m the pensioners'
 * multiplier; a select year d leads to duration d + 1 the next year. Beyond the horizon the
 * factors are the last year's period ones (its mortality and rate held). A table holds the
 * years 0..Y (Y: beyond), each `[duration][sex][age]`; it is worked out once per assumptions,
 * scheme, multiplier, age limit and durations, and kept while the assumptions are.
 */
import type { Assumptions, DurationTerms } from '../assumptions/types.js';
import { WOOLHOUSE_MONTHLY, netDiscountFactor } from './annuity.js';
import { AGES, CELLS, SEXES, cell } from './layout.js';

const NO_DURATIONS: DurationTerms = { durations: 0, mortality: Float64Array.of(1), recovery: Float64Array.of(0), paid: Float64Array.of(1) };

const TABLES = new WeakMap<Assumptions, Map<string, Float64Array>>();
const TERMS_IDS = new WeakMap<DurationTerms, number>();
const TERMS_IDS_NEXT = { value: 0 };

export interface CohortTable {
  factors: Float64Array;
  durations: number;
}

/** The cohort table of scheme k for pensioners' multiplier `multiplier`, to `endAge` (AGES: for life). */
export function cohortTable(a: Assumptions, k: number, multiplier: number, endAge: number, terms: DurationTerms | null = null): CohortTable {
  const t = terms ?? NO_DURATIONS;
  let byKey = TABLES.get(a);
  if (!byKey) TABLES.set(a, (byKey = new Map()));
  // The terms are the assumptions' own objects: told apart by identity.
  let id = TERMS_IDS.get(t);
  if (id === undefined) TERMS_IDS.set(t, (id = TERMS_IDS_NEXT.value++));
  const key = `${k}|${multiplier}|${endAge}|${id}`;
  let factors = byKey.get(key);
  if (!factors) byKey.set(key, (factors = build(a, k, multiplier, endAge, t)));
  return { factors, durations: t.durations };
}

/** The factors `[sex][age]` of year i (i = years: beyond the horizon) and duration d. */
export function cohortFactors(table: CohortTable, i: number, d = 0): Float64Array {
  const D = table.durations;
  const at = (i * (D + 1) + Math.min(d, D)) * CELLS;
  return table.factors.subarray(at, at + CELLS);
}

function build(a: Assumptions, k: number, multiplier: number, endAge: number, terms: DurationTerms): Float64Array {
  const Y = a.years;
  const D = terms.durations;
  const block = (D + 1) * CELLS;
  const out = new Float64Array((Y + 1) * block);
  const scheme = a.schemes[k];
  const top = Math.min(AGES, Math.ceil(endAge));
  const temporary = top < AGES;
  // Annual factors and vⁿ·ₙp to the limit of the year after (next) and of the year in hand (now).
  let nextAnnual = new Float64Array(block);
  let nextSurvival = new Float64Array(block);
  let nowAnnual = new Float64Array(block);
  let nowSurvival = new Float64Array(block);
  for (let t = Y; t >= 0; t--) {
    // Beyond the horizon (t = Y): the last year's mortality and rate, as a period table.
    const year = Math.min(t, Y - 1);
    const v = netDiscountFactor(a.economy.discountRate[year], scheme.pensionIndexation[year]);
    const q = a.mortality.subarray(year * CELLS, (year + 1) * CELLS);
    const period = t === Y;
    for (let d = D; d >= 0; d--) {
      const next = Math.min(d + 1, D);
      const paid = terms.paid[d];
      const m = multiplier * terms.mortality[d];
      const keep = 1 - terms.recovery[d];
      for (let s = 0; s < SEXES; s++) {
        const qs = cell(s, 0);
        const here = d * CELLS + qs;
        const there = next * CELLS + qs;
        const nextA = period ? nowAnnual : nextAnnual;
        const nextS = period ? nowSurvival : nextSurvival;
        for (let x = AGES - 1; x >= 0; x--) {
          if (x >= top) {
            nowAnnual[here + x] = 0;
            nowSurvival[here + x] = temporary ? 1 : 0;
            out[t * block + here + x] = 0;
            continue;
          }
          const last = x === AGES - 1;
          const discount = last ? 0 : v * (1 - Math.min(1, q[qs + x] * m)) * keep;
          const annual = paid + (last ? 0 : discount * nextA[there + x + 1]);
          const survival = last ? 0 : discount * nextS[there + x + 1];
          nowAnnual[here + x] = annual;
          nowSurvival[here + x] = survival;
          out[t * block + here + x] = annual - WOOLHOUSE_MONTHLY * paid * (1 - survival);
        }
      }
    }
    [nextAnnual, nowAnnual] = [nowAnnual, nextAnnual];
    [nextSurvival, nowSurvival] = [nowSurvival, nextSurvival];
  }
  return out;
}

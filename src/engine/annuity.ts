/**
 * Annuity factors (methodology §5): the value of a pension of 1 a year, indexed at j and
 * discounted at i, so that v = (1 + j)/(1 + i).
 *
 *   ä_x        = Σ_{n≥0} vⁿ · ₙp_x                      (annual, in advance)
 *   ä(12)_x    = ä_x − 11/24                            (monthly in advance, Woolhouse to 2 terms)
 *   temporary to age L: ä(12)_{x:n} = ä_{x:n} − 11/24 · (1 − vⁿ · ₙp_x),  n = L − x
 *
 * Computed for every age at once by the backward recursion ä_x = 1 + v · p_x · ä_{x+1}, so a
 * whole table costs one pass. The engine's tables (capital values of new awards, commutation
 * factors, the liability of pensions in payment) all come from monthlyAnnuityPair; annuityDue,
 * the annual annuity, is the reference the tests hold it to.
 */

export const WOOLHOUSE_MONTHLY = 11 / 24;

/**
 * Writes ä_x (annual, in advance) for x = 0..q.length−1 into `out`, from one-year death
 * probabilities `q` (q at the last age is taken as 1). With `limitAge`, the annuity stops at
 * that age (a child's pension to 21): ä_x = 0 for x ≥ limitAge.
 * `survivalToLimit`, when given, receives vⁿ·ₙp_x to the limit (0 without a limit).
 */
export function annuityDue(
  q: ArrayLike<number>,
  v: number,
  out: Float64Array,
  limitAge = Infinity,
  qOffset = 0,
  survivalToLimit?: Float64Array,
): Float64Array {
  const n = out.length;
  let next = 0;
  let nextDiscountedSurvival = 0;
  for (let x = n - 1; x >= 0; x--) {
    if (x >= limitAge) {
      out[x] = 0;
      next = 0;
      nextDiscountedSurvival = 1;
      if (survivalToLimit) survivalToLimit[x] = 1;
      continue;
    }
    const p = x === n - 1 ? 0 : 1 - q[qOffset + x];
    out[x] = 1 + v * p * next;
    const s = v * p * nextDiscountedSurvival;
    if (survivalToLimit) survivalToLimit[x] = s;
    next = out[x];
    nextDiscountedSurvival = s;
  }
  return out;
}

/**
 * ä(12) for every age, from `q` (see the module comment; q above 1 is taken as 1). Whole life
 * when `limitAge` is Infinity, otherwise temporary to the limit.
 */
export function monthlyAnnuityDue(q: ArrayLike<number>, v: number, out: Float64Array, limitAge = Infinity, qOffset = 0): Float64Array {
  monthlyAnnuityPair(q, qOffset, qOffset, 1, v, limitAge, out, 0, 0, out.length);
  return out;
}

/**
 * Two tables of ä(12) at once, for ages 0..length−1: on the probabilities q[qOffsetA + x] and
 * q[qOffsetB + x] (the engine's two sexes), each × `multiplier` and capped at 1, into
 * out[outOffsetA + x] and out[outOffsetB + x]. The recursions for ä_x and vⁿ·ₙp_x to the limit
 * and the Woolhouse correction are one backward pass. Each recursion waits on its previous age,
 * so two independent tables in one loop take about the time of one: the engine computes a pair
 * per pension basis every year.
 */
export function monthlyAnnuityPair(
  q: ArrayLike<number>,
  qOffsetA: number,
  qOffsetB: number,
  multiplier: number,
  v: number,
  limitAge: number,
  out: Float64Array,
  outOffsetA: number,
  outOffsetB: number,
  length: number,
): void {
  const top = Math.min(length, Math.ceil(limitAge));
  for (let x = length - 1; x >= top; x--) {
    out[outOffsetA + x] = 0;
    out[outOffsetB + x] = 0;
  }
  // Beyond a limit the annuity is worth nothing and vⁿ·ₙp_x is 1 at the limit; for life both
  // start from 0 above the last age.
  let nextA = 0;
  let nextB = 0;
  let survivalA = top < length ? 1 : 0;
  let survivalB = survivalA;
  for (let x = top - 1; x >= 0; x--) {
    const last = x === length - 1;
    const discountA = last ? 0 : v * (1 - Math.min(1, q[qOffsetA + x] * multiplier));
    const discountB = last ? 0 : v * (1 - Math.min(1, q[qOffsetB + x] * multiplier));
    nextA = 1 + discountA * nextA;
    nextB = 1 + discountB * nextB;
    survivalA *= discountA;
    survivalB *= discountB;
    // ä_x ≥ 1 below the limit, so the correction (at most 11/24) leaves it positive.
    out[outOffsetA + x] = nextA - WOOLHOUSE_MONTHLY * (1 - survivalA);
    out[outOffsetB + x] = nextB - WOOLHOUSE_MONTHLY * (1 - survivalB);
  }
}

/** v = (1 + j)/(1 + i): one year's discount net of indexation. */
export function netDiscountFactor(interest: number, indexation: number): number {
  return (1 + indexation) / (1 + interest);
}

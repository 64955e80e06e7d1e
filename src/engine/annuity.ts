/**
 * Annuity factors (methodology §5): the value of a pension of 1 a year, indexed at j and
 * discounted at i, so that v = (1 + j)/(1 + i).
 *
 *   ä_x        = Σ_{n≥0} vⁿ · ₙp_x                      (annual, in advance)
 *   ä(12)_x    = ä_x − 11/24                            (monthly in advance, Woolhouse to 2 terms)
 *   temporary to age L: ä(12)_{x:n} = ä_{x:n} − 11/24 · (1 − vⁿ · ₙp_x),  n = L − x
 *
 * Computed for every age at once by the backward recursion ä_x = 1 + v · p_x · ä_{x+1}, so a
 * whole table costs one pass. The same function gives capital values of new awards,
 * commutation factors and the liability of pensions in payment.
 */

const WOOLHOUSE_MONTHLY = 11 / 24;

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
 * ä(12) for every age, from `q` (see the module comment). Whole life when `limitAge` is
 * Infinity, otherwise temporary to the limit.
 */
export function monthlyAnnuityDue(
  q: ArrayLike<number>,
  v: number,
  out: Float64Array,
  limitAge = Infinity,
  qOffset = 0,
  scratch?: Float64Array,
): Float64Array {
  if (limitAge === Infinity) {
    annuityDue(q, v, out, limitAge, qOffset);
    for (let x = 0; x < out.length; x++) out[x] = Math.max(0, out[x] - WOOLHOUSE_MONTHLY);
    return out;
  }
  const survival = scratch ?? new Float64Array(out.length);
  annuityDue(q, v, out, limitAge, qOffset, survival);
  for (let x = 0; x < out.length; x++) {
    if (x < limitAge) out[x] = Math.max(0, out[x] - WOOLHOUSE_MONTHLY * (1 - survival[x]));
  }
  return out;
}

/** v = (1 + j)/(1 + i): one year's discount net of indexation. */
export function netDiscountFactor(interest: number, indexation: number): number {
  return (1 + indexation) / (1 + interest);
}

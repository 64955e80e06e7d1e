/**
 * Discount factors from the start of a period (methodology §7): to the end of each year,
 * Π 1/(1 + d_u), and to its middle, where the year's cash flows are taken to fall (as the
 * fund's investment income assumes, methodology §6).
 */
export interface Discount {
  /** To the end of year index i (from the start of year `from`). */
  end: Float64Array;
  /** To the middle of year index i. */
  mid: Float64Array;
}

export function discountFrom(rates: Float64Array, from: number): Discount {
  const n = rates.length;
  const end = new Float64Array(n);
  const mid = new Float64Array(n);
  let factor = 1;
  for (let i = from; i < n; i++) {
    mid[i] = factor / Math.sqrt(1 + rates[i]);
    factor /= 1 + rates[i];
    end[i] = factor;
  }
  return { end, mid };
}

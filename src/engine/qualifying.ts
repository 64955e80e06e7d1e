/**
 * Invalidity qualifying conditions (methodology §3–§4): a pension needs `minMonths` monthly
 * contributions within the last `windowMonths` (24 of 40 under Act 4). With a contribution
 * density δ (share of months with a contribution) and W months of insurance within the window,
 * the number of contribution months is taken as Binomial(W, δ), so the qualifying share is
 *   P(Binomial(W, δ) ≥ minMonths).
 * Years of contribution for the pension rate are δ times the years insured.
 */
import { binomialDistribution } from 'simple-statistics';

/**
 * Writes the qualifying share for W = 0..windowMonths months of insurance in the window, for
 * density `density`, into `out` (length windowMonths + 1).
 */
export function qualifyingShares(density: number, minMonths: number, windowMonths: number, out: Float64Array): Float64Array {
  for (let w = 0; w <= windowMonths; w++) {
    if (w < minMonths) out[w] = 0;
    else if (minMonths === 0 || density >= 1) out[w] = 1;
    else if (density <= 0) out[w] = 0;
    else {
      // simple-statistics stops the list once the remaining probability is negligible.
      const p = binomialDistribution(w, density) ?? [];
      let tail = 0;
      for (let k = minMonths; k < p.length; k++) tail += p[k];
      out[w] = Math.min(1, tail);
    }
  }
  return out;
}

/** Years insured at mid-year for a person aged x: since the entry age, and since cover began. */
export function yearsInsured(age: number, entryAge: number, year: number, coverFromYear: number): number {
  const sinceEntry = age + 0.5 - entryAge;
  const sinceCover = Number.isFinite(coverFromYear) ? year - coverFromYear + 0.5 : Infinity;
  return Math.max(0, Math.min(sinceEntry, sinceCover));
}

/** Invalidity (and survivors') pension rate: base + increment per 12 months beyond the qualifying months, capped. */
export function invalidityRate(baseRate: number, incrementPerYear: number, maxRate: number, contributionMonths: number, minMonths: number): number {
  const extraYears = Math.max(0, (contributionMonths - minMonths) / 12);
  return Math.min(maxRate, baseRate + incrementPerYear * extraYears);
}

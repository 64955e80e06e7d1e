/**
 * Invalidity qualifying conditions (methodology §3–§4): a pension needs `minMonths` monthly
 * contributions within the last `windowMonths` (24 of 40 under Act 4). With a contribution
 * density δ (share of months with a contribution) and W months of insurance within the window,
 * the number of contribution months is taken as Binomial(W, δ), so the qualifying share is
 *   P(Binomial(W, δ) ≥ minMonths).
 * Years of contribution for the pension rate are δ times the years insured.
 */
/**
 * P(k contributions in n months), k = 0..n, for density δ, into `out` (length n + 1), by the
 * recurrence p(k + 1) = p(k)·(n − k)/(k + 1)·δ/(1 − δ) from (1 − δ)^n. Exact to rounding over
 * the whole range: simple-statistics' binomialDistribution stops once 1 − 10⁻⁴ of the mass is
 * listed, which drops the upper tail a qualifying share needs when δ is low.
 */
export function binomialPmf(n: number, density: number, out: Float64Array): Float64Array {
  out.fill(0, 0, n + 1);
  if (density <= 0) out[0] = 1;
  else if (density >= 1) out[n] = 1;
  else {
    // From the mode outwards, so that no term underflows on the way (n is at most 600).
    const mode = Math.min(n, Math.floor((n + 1) * density));
    const odds = density / (1 - density);
    out[mode] = 1;
    for (let k = mode; k < n; k++) out[k + 1] = (out[k] * (n - k) * odds) / (k + 1);
    for (let k = mode; k > 0; k--) out[k - 1] = (out[k] * k) / ((n - k + 1) * odds);
    let total = 0;
    for (let k = 0; k <= n; k++) total += out[k];
    for (let k = 0; k <= n; k++) out[k] /= total;
  }
  return out;
}

/**
 * Writes the qualifying share for W = 0..windowMonths months of insurance in the window, for
 * density `density`, into `out` (length windowMonths + 1).
 */
export function qualifyingShares(density: number, minMonths: number, windowMonths: number, out: Float64Array): Float64Array {
  const pmf = new Float64Array(windowMonths + 1);
  for (let w = 0; w <= windowMonths; w++) {
    if (w < minMonths) out[w] = 0;
    else if (minMonths === 0 || density >= 1) out[w] = 1;
    else if (density <= 0) out[w] = 0;
    else {
      binomialPmf(w, density, pmf);
      let tail = 0;
      for (let k = minMonths; k <= w; k++) tail += pmf[k];
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

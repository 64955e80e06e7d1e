/**
 * Expected values of a lognormal wage W with mean m and coefficient of variation cv, capped at
 * a ceiling K and/or floored at L (methodology §2):
 *   σ² = ln(1 + cv²),  μ = ln m − σ²/2
 *   E[min(W,K)]      = m·Φ((ln K − μ − σ²)/σ) + K·(1 − Φ((ln K − μ)/σ))
 *   E[max(W,L)]      = L·Φ((ln L − μ)/σ) + m·(1 − Φ((ln L − μ − σ²)/σ))
 *   E[clamp(W,L,K)]  = E[min(W,K)] + E[max(W,L)] − m,  for L ≤ K
 * With cv = 0 the wage is the mean itself and these are plain min, max and clamp.
 */

/**
 * Standard normal CDF Φ(x), to about 1e−15 absolute (Hart 1968, algorithm 5666, as published by
 * West, "Better approximations to cumulative normal functions", Wilmott 2005).
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let tail: number;
  if (z > 37) {
    tail = 0;
  } else {
    const e = Math.exp(-0.5 * z * z);
    if (z < 7.07106781186547) {
      let num = 3.52624965998911e-2 * z + 0.700383064443688;
      num = num * z + 6.37396220353165;
      num = num * z + 33.912866078383;
      num = num * z + 112.079291497871;
      num = num * z + 221.213596169931;
      num = num * z + 220.206867912376;
      let den = 8.83883476483184e-2 * z + 1.75566716318264;
      den = den * z + 16.064177579207;
      den = den * z + 86.7807322029461;
      den = den * z + 296.564248779674;
      den = den * z + 637.333633378831;
      den = den * z + 793.826512519948;
      den = den * z + 440.413735824752;
      tail = (e * num) / den;
    } else {
      let den = z + 0.65;
      den = z + 4 / den;
      den = z + 3 / den;
      den = z + 2 / den;
      den = z + 1 / den;
      tail = e / den / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/** σ of the log-wage for a coefficient of variation. */
export function logSigma(cv: number): number {
  return Math.sqrt(Math.log1p(cv * cv));
}

/** μ = ln m − σ²/2, the mean of the log-wage. */
export function logMean(m: number, sigma: number): number {
  return Math.log(m) - 0.5 * sigma * sigma;
}

/**
 * E[min(W, K)] given μ and ln K, for m > 0, σ > 0, K > 0 (the engine computes μ once per cell
 * and ln K once per year).
 */
export function cappedMean(m: number, sigma: number, mu: number, ceiling: number, logCeiling: number): number {
  const d = (logCeiling - mu) / sigma;
  return m * normalCdf(d - sigma) + ceiling * (1 - normalCdf(d));
}

/**
 * E[max(L − W, 0)], the expected top-up to a floor L, given μ and ln L, for m > 0, σ > 0,
 * L > 0: L·Φ(d) − m·Φ(d − σ) with d = (ln L − μ)/σ. Then E[max(W,L)] = m + top-up and, for
 * L ≤ K, E[clamp(W,L,K)] = E[min(W,K)] + top-up.
 */
export function floorTopUp(m: number, sigma: number, mu: number, floor: number, logFloor: number): number {
  const d = (logFloor - mu) / sigma;
  return floor * normalCdf(d) - m * normalCdf(d - sigma);
}

/** E[min(W, K)] for W lognormal with mean m and log-σ `sigma` (see the module comment). */
export function expectedMin(m: number, sigma: number, ceiling: number): number {
  if (m <= 0) return 0;
  if (ceiling <= 0) return 0;
  if (sigma === 0) return m < ceiling ? m : ceiling;
  return cappedMean(m, sigma, logMean(m, sigma), ceiling, Math.log(ceiling));
}

/** E[max(W, L)] for W lognormal with mean m and log-σ `sigma`. */
export function expectedMax(m: number, sigma: number, floor: number): number {
  if (floor <= 0) return m;
  if (m <= 0) return floor;
  if (sigma === 0) return m > floor ? m : floor;
  return m + floorTopUp(m, sigma, logMean(m, sigma), floor, Math.log(floor));
}

/**
 * E[clamp(W, L, K)] = E[min(W,K)] + E[max(W,L)] − m for L ≤ K. A floor above the ceiling
 * (a minimum benefit above the maximum) pays the floor: the minimum is a guarantee.
 */
export function expectedClamp(m: number, sigma: number, floor: number, ceiling: number): number {
  if (floor >= ceiling) return floor;
  return expectedMin(m, sigma, ceiling) + expectedMax(m, sigma, floor) - m;
}

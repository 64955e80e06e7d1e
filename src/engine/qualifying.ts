/**
 * Qualifying conditions (methodology §3): a benefit needs `minMonths` monthly contributions
 * within the last `windowMonths` (24 of 40 for an Act 4 invalidity pension, 12 of 24 for the
 * employment-insurance allowances). With a contribution density δ (share of months with a
 * contribution) and W months of insurance within the window, the number of contribution months
 * is taken as Binomial(W, δ), so the qualifying share is P(Binomial(W, δ) ≥ minMonths). The
 * invalidity pension has further routes on the months since entry, and a grant (routeShares).
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

/**
 * The routes to an invalidity benefit (Act 4 s.17; methodology §3, "Qualifying routes"), for a
 * person insured for M months since entry into insurance, of whom K ~ Binomial(M, δ) months have
 * a contribution, K_w ~ Binomial(min(M, window), δ) of them in the window:
 * - full: K_w ≥ minMonths, or K ≥ max(minMonths, ⌈fullShare·M⌉);
 * - reduced (not full): K ≥ max(minMonths, ⌈reducedShare·M⌉);
 * - grant (neither): K ≥ grantMinMonths; it refunds the K months' contributions with interest.
 * A share of null leaves out its route. The window's months and the earlier ones are independent
 * binomials, so P(K_w ≥ m or K ≥ c) = Σ_k P(K_w = k)·[k ≥ m or P(K_o ≥ c − k)].
 */
export interface QualifyingRoutes {
  minMonths: number;
  windowMonths: number;
  fullShareSinceEntry: number | null;
  reducedShareSinceEntry: number | null;
  /** null: no grant. */
  grantMinMonths: number | null;
  /** Yearly interest on the refunded contributions, credited from the mean month of payment (M/2 months back). */
  grantInterest: number;
}

/**
 * The shares of each route by months since entry, M = 0..maxMonths, for one density and rule,
 * worked out for an M when first asked for (routeAt): a projection asks for a few dozen of the
 * hundreds of possible M, and each costs O(M).
 */
export interface RouteTable {
  full: Float64Array;
  reduced: Float64Array;
  grant: Float64Array;
  /** E[K · 1{grant}] × the interest factor: months of contributions refunded, per insured person. */
  grantMonths: Float64Array;
  /** 1 where the entry for M has been worked out for `density` and `rule`. */
  known: Uint8Array;
  density: number;
  rule: QualifyingRoutes | null;
  /** Scratch: the window's and the earlier months' binomials, and the earlier months' tails. */
  window: Float64Array;
  earlier: Float64Array;
  tail: Float64Array;
  tailMoment: Float64Array;
}

export function routeTable(maxMonths: number): RouteTable {
  const n = maxMonths + 1;
  return {
    full: new Float64Array(n),
    reduced: new Float64Array(n),
    grant: new Float64Array(n),
    grantMonths: new Float64Array(n),
    known: new Uint8Array(n),
    density: NaN,
    rule: null,
    window: new Float64Array(n),
    earlier: new Float64Array(n),
    tail: new Float64Array(n + 1),
    tailMoment: new Float64Array(n + 1),
  };
}

/** Sets the table's density and rule, forgetting what was worked out for others. */
export function resetRoutes(table: RouteTable, density: number, rule: QualifyingRoutes): RouteTable {
  table.density = density;
  table.rule = rule;
  table.known.fill(0);
  return table;
}

/**
 * The table for a density and rule, shared by every projection of the process: the routes are
 * a function of these alone, so repeated projections (sensitivity, stochastic paths, the explore
 * page) work each entry out once. A few tables are kept, the most recently used.
 */
export function sharedRoutes(density: number, rule: QualifyingRoutes, maxMonths: number): RouteTable {
  const key = `${density}|${rule.minMonths}|${rule.windowMonths}|${rule.fullShareSinceEntry}|${rule.reducedShareSinceEntry}|${rule.grantMinMonths}|${rule.grantInterest}|${maxMonths}`;
  let table = SHARED.get(key);
  if (table) SHARED.delete(key);
  else {
    table = resetRoutes(routeTable(maxMonths), density, rule);
    if (SHARED.size >= SHARED_TABLES) SHARED.delete(SHARED.keys().next().value!);
  }
  SHARED.set(key, table);
  return table;
}
const SHARED = new Map<string, RouteTable>();
const SHARED_TABLES = 32;

/** Every entry of the table for density δ (tests and tables; the engine asks entry by entry). */
export function routeShares(density: number, rule: QualifyingRoutes, out: RouteTable): RouteTable {
  resetRoutes(out, density, rule);
  for (let months = 0; months < out.full.length; months++) routeAt(out, months);
  return out;
}

/** Works out the routes' shares at `months` months since entry, unless already known. */
export function routeAt(table: RouteTable, months: number): void {
  if (table.known[months] === 1) return;
  const rule = table.rule!;
  const density = table.density;
  const { window, earlier, tail, tailMoment } = table;
  const inWindow = Math.min(months, rule.windowMonths);
  const before = months - inWindow;
  binomialPmf(inWindow, density, window);
  binomialPmf(before, density, earlier);
  // tail[j] = P(K_o ≥ j) and tailMoment[j] = E[K_o · 1{K_o ≥ j}], for j = 0..before + 1.
  tail[before + 1] = 0;
  tailMoment[before + 1] = 0;
  for (let j = before; j >= 0; j--) {
    tail[j] = tail[j + 1] + earlier[j];
    tailMoment[j] = tailMoment[j + 1] + j * earlier[j];
  }
  // P and E[K ·] of (K_w ≥ minMonths or K ≥ threshold); a threshold of Infinity counts the window alone.
  let share = 0;
  let moment = 0;
  const either = (threshold: number): void => {
    share = 0;
    moment = 0;
    for (let k = 0; k <= inWindow; k++) {
      const need = k >= rule.minMonths ? 0 : Math.max(0, threshold - k);
      if (need > before) continue;
      // need 0 is certain: 1 rather than the sum of the pmf, which may differ from 1 in its last digit.
      const p = need === 0 ? 1 : tail[need];
      share += window[k] * p;
      moment += window[k] * (k * p + tailMoment[need]);
    }
  };
  const sinceEntry = (s: number | null) => (s === null ? Infinity : Math.max(rule.minMonths, Math.ceil(s * months - 1e-9)));
  either(sinceEntry(rule.fullShareSinceEntry));
  const full = Math.min(1, share);
  if (rule.reducedShareSinceEntry !== null) either(sinceEntry(rule.reducedShareSinceEntry));
  const pension = Math.max(full, Math.min(1, share));
  table.full[months] = full;
  table.reduced[months] = pension - full;
  let grant = 0;
  let grantMonths = 0;
  if (rule.grantMinMonths !== null && months >= rule.grantMinMonths) {
    // P(K ≥ grantMinMonths) − P(a pension): a pension needs minMonths ≥ grantMinMonths
    // contributions, so every pensioner is also in the first set.
    binomialPmf(months, density, earlier);
    let p = 0;
    let m = 0;
    for (let k = Math.max(0, rule.grantMinMonths); k <= months; k++) {
      p += earlier[k];
      m += k * earlier[k];
    }
    grant = Math.max(0, Math.min(1, p) - pension);
    grantMonths = grant > 0 ? Math.max(0, m - moment) * (1 + rule.grantInterest) ** (months / 2 / MONTHS_PER_YEAR) : 0;
  }
  table.grant[months] = grant;
  table.grantMonths[months] = grantMonths;
  table.known[months] = 1;
}

/**
 * Months since arrival of a group with a permit tenure (methodology §3, "Tenure"): members leave
 * at `turnover` a year and at the latest after `maxYears`, so in a steady state the months since
 * arrival t = 0..12·maxYears − 1 have weights ∝ exp(−turnover·(t + ½)/12). Returns the weights.
 */
export function tenureWeights(maxYears: number, turnover: number): Float64Array {
  const n = Math.max(1, Math.round(MONTHS_PER_YEAR * maxYears));
  const w = new Float64Array(n);
  let total = 0;
  for (let t = 0; t < n; t++) total += w[t] = Math.exp((-turnover * (t + 0.5)) / MONTHS_PER_YEAR);
  for (let t = 0; t < n; t++) w[t] /= total;
  return w;
}

const MONTHS_PER_YEAR = 12;

/**
 * Employment insurance (Act 800; methodology §3–§4, "Employment insurance"): the allowances of
 * one group, sex and year on involuntary losses of employment.
 *
 * A loss qualifies with `minMonths` contributions in the last `windowMonths` (12 in 24), the
 * binomial share of the invalidity conditions (qualifying.ts). The job search allowance is paid
 * for D months (by the contributions counted since cover began, at most `countedMonths`, also
 * binomial in the contribution density), month m at rate r_m of the claimant's insurable wage,
 * while the claimant is still without work: with a monthly re-employment hazard h, month m is
 * paid with probability S_m = (1 − h)^(m−1). A claimant who finds work after month m < D is
 * paid the early re-employment allowance, a share e of the months not paid, Σ_{k>m} r_k. The
 * reduced income allowance (a lost job of several) pays the whole schedule, as a lump sum.
 * Every allowance of a loss is counted in the year of the loss (at most six months later).
 */
import type { CoverAssumptions, EmploymentInsuranceAssumptions, SchemeAssumptions } from '../assumptions/types.js';
import { AGES, MAX_AGE } from './layout.js';
import { binomialPmf, qualifyingShares, yearsInsured } from './qualifying.js';

const MONTHS = 12;

/** Per age, the terms of a qualifying loss (JobLossTerms order), `[group][age][term]`. */
export const JobLoss = {
  /** Share of the losses that qualify. */
  Qualifying: 0,
  /** E[Σ_m r_m·S_m]: the job search allowance in months of wage, per claim. */
  Search: 1,
  /** E[e·Σ_{m<D} S_m·h·Σ_{k>m} r_k]: the early re-employment allowance, per claim. */
  Early: 2,
  /** P(work found before the last month): the claims with an early re-employment allowance. */
  EarlyShare: 3,
  /** E[Σ_m r_m]: the reduced income allowance, per claim. */
  Reduced: 4,
} as const;
export const JOB_LOSS_TERMS = 5;

/** The allowance factors of one duration D (in months of wage). */
interface DurationFactors {
  search: number;
  early: number;
  earlyShare: number;
  reduced: number;
}

/** Σ r_m·S_m, the early re-employment allowance and its probability, and Σ r_m, for D months. */
export function durationFactors(rates: readonly number[], months: number, hazard: number, earlyShare: number): DurationFactors {
  const d = Math.min(months, rates.length);
  let search = 0;
  let early = 0;
  let reduced = 0;
  let stillWithout = 1;
  for (let m = 0; m < d; m++) {
    search += rates[m] * stillWithout;
    reduced += rates[m];
    if (m < d - 1) {
      // Work found after month m + 1's payment: the share e of the months still unpaid.
      let unpaid = 0;
      for (let k = m + 1; k < d; k++) unpaid += rates[k];
      early += stillWithout * hazard * earlyShare * unpaid;
    }
    stillWithout *= 1 - hazard;
  }
  // Found work before the last month: 1 − (1 − h)^(D − 1).
  return { search, early, earlyShare: d > 0 ? 1 - Math.pow(1 - hazard, d - 1) : 0, reduced };
}

/**
 * The terms of each age of a group in a year into `out` (`[age][term]` of this group), for the
 * contribution density and the years since cover began; `shares` (windowMonths + 1 long) is
 * scratch for the qualifying shares.
 */
export function jobLossTerms(scheme: SchemeAssumptions, e: EmploymentInsuranceAssumptions, cover: CoverAssumptions, year: number, density: number, out: Float64Array, shares: Float64Array): void {
  const rule = scheme.qualifying;
  qualifyingShares(density, rule.minMonths, rule.windowMonths, shares);
  const tiers: Tier[] = e.duration.map((t) => ({ from: t.contributions, ...durationFactors(e.rates, t.months, e.reemploymentHazard, e.earlyShare) }));
  const lastAge = Math.min(scheme.ageMax, MAX_AGE);
  let lastCounted = -1;
  const mixed = new Float64Array(JOB_LOSS_TERMS);
  for (let x = 0; x < AGES; x++) {
    const at = x * JOB_LOSS_TERMS;
    if (x > lastAge) {
      out.fill(0, at, at + JOB_LOSS_TERMS);
      continue;
    }
    const insuredMonths = Math.round(MONTHS * yearsInsured(x, rule.entryAge, year, cover.fromYear));
    const qualifying = shares[Math.min(rule.windowMonths, insuredMonths)];
    const counted = Math.min(e.countedMonths, insuredMonths);
    if (counted !== lastCounted) {
      // The duration mix of qualifying claims: the contributions counted, Binomial(counted, δ),
      // given at least the first tier's (a qualifying claim has them).
      durationMix(tiers, counted, density, mixed);
      lastCounted = counted;
    }
    out[at + JobLoss.Qualifying] = qualifying;
    out[at + JobLoss.Search] = mixed[JobLoss.Search];
    out[at + JobLoss.Early] = mixed[JobLoss.Early];
    out[at + JobLoss.EarlyShare] = mixed[JobLoss.EarlyShare];
    out[at + JobLoss.Reduced] = mixed[JobLoss.Reduced];
  }
}

type Tier = DurationFactors & { from: number };

/** The factors of the tiers weighted by P(tier | at least the first tier's contributions). */
function durationMix(tiers: readonly Tier[], counted: number, density: number, out: Float64Array): void {
  out.fill(0);
  if (tiers.length === 0) return;
  const pmf = binomialPmf(counted, density, new Float64Array(counted + 1));
  const weights = tiers.map((t, j) => {
    const to = j + 1 < tiers.length ? tiers[j + 1].from : Infinity;
    let w = 0;
    for (let k = t.from; k < Math.min(to, pmf.length); k++) w += pmf[k];
    return w;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  // No mass above the first tier (fewer months counted than it needs): the first tier's.
  const shareOf = (j: number) => (total > 0 ? weights[j] / total : j === 0 ? 1 : 0);
  tiers.forEach((t, j) => {
    const w = shareOf(j);
    out[JobLoss.Search] += w * t.search;
    out[JobLoss.Early] += w * t.early;
    out[JobLoss.EarlyShare] += w * t.earlyShare;
    out[JobLoss.Reduced] += w * t.reduced;
  });
}


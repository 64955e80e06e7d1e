/**
 * The response of a projection to each year's contingencies and wage level, measured on the
 * full engine: the fast method of `stochastic` (methodology §8; the exact one, exact.ts, runs
 * the engine on every path instead).
 *
 * Benefits are linear in the year's events: doubling the contingencies of year τ (injuries and
 * invalidity from the incidence tables; separately, deaths of insured persons) adds, in every
 * later year t, exactly the benefits those events give rise to — short-term benefits and lump
 * sums in τ, pensions awarded in τ, their survivors' pensions later. So
 *   B_t = B⁰_t + Σ_{τ≤t} (R^inc_{τ,t}·ε_τ + R^death_{τ,t} + (W_{τ,t} + X_{τ,t}·(ε_τ − 1) + ½·V_{τ,t}·d_τ)·d_τ)
 * for incidence multipliers ε_τ and wage levels ω_τ = 1 + d_τ relative to the deterministic
 * path, where B⁰ are the benefits of the pensions in payment at the start. Two engine runs per
 * year measure R.
 *
 * A year's wage level moves that year's contributions and the benefits awarded that year; pensions
 * in payment then follow their own indexation. Not everything moves with wages (flat
 * contributions, fixed insured wages, benefit minimums, medical costs, funeral grants), so the
 * response to wages is measured too, by central differences of the engine with year τ's wage
 * level at 1 ± 5% (withWageLevel; two more runs a year): W_{τ,t} = ∂B_t/∂ω_τ and its curvature
 * V_{τ,t} = ∂²B_t/∂ω_τ² (from the same runs), and ∂C_τ/∂ω_τ and ∂S_τ/∂ω_τ for contributions and
 * the wage bill. The benefits of the year's events move with its wage level, so the response to
 * wages depends on the incidence: X_{τ,t} = ∂²B_t/∂ε_τ∂ω_τ, the same central difference with year
 * τ's incidence doubled less W (benefits are linear in ε, so this difference is exact; two more
 * runs a year). Without X, a year of 30% more injuries at wages 50% higher is off by 15% of that
 * year's awards: the largest error of the first-order terms (methodology §8 gives the measured
 * errors). With ε = ω = 1 it is the deterministic projection.
 *
 * Mortality shocks μ_τ (when the model has them) multiply the deaths of insured persons, to which
 * benefits are linear (R^death·μ_τ, with the cross term X^death·(μ_τ − 1)·d_τ measured as X is,
 * two more runs a year), and the mortality of pensioners in payment, which is not: pensions
 * run off as a product of survival rates. For it the response is the derivative
 *   M_{τ,t} = ∂B_t/∂μ_τ at μ = 1, by a central difference of the full engine (two more runs a
 * year), and a path adds Σ_τ M_{τ,t}·(μ_τ − 1): a first-order approximation whose error is of the
 * order of the square of the mortality deviations (test/stochastic checks it on a full run).
 */
import type { Assumptions } from '../assumptions/types.js';
import { withWageLevel } from '../assumptions/wage-level.js';
import { project } from '../engine/project.js';
import type { Projection } from '../engine/result.js';

export interface SchemeResponse {
  id: string;
  /** Index of the scheme whose fund this one pools into, or −1. */
  poolOwner: number;
  initialFund: number;
  shareOfContributions: number;
  shareOfBenefits: number;
  contributions: Float64Array;
  wageBill: Float64Array;
  /** Expenses not proportional to contributions or benefits (per insured person). */
  fixedExpenses: Float64Array;
  /** Benefits of the pensions in payment at the start (no new events). */
  baseBenefits: Float64Array;
  /** R^inc and R^death, `[τ][t]` (years × years, zero for t < τ). */
  incidenceResponse: Float64Array;
  deathResponse: Float64Array;
  /** W, `[τ][t]`: ∂B_t/∂ω_τ, the benefits in t of a higher wage level in year τ. */
  wageResponse: Float64Array;
  /** V, `[τ][t]`: ∂²B_t/∂ω_τ², the curvature of the benefits in year τ's wage level (benefit floors, ceilings). */
  wageCurvature: Float64Array;
  /** X, `[τ][t]`: ∂²B_t/∂ε_τ∂ω_τ, how the response to year τ's wage level grows with its incidence. */
  incidenceWageResponse: Float64Array;
  /** ∂C_t/∂ω_t and ∂S_t/∂ω_t: contributions and wage bill of a higher wage level in their year. */
  contributionsWageResponse: Float64Array;
  wageBillWageResponse: Float64Array;
  /** M, `[τ][t]`: ∂B_t/∂μ_τ for pensioners' mortality; null when mortality is not stochastic. */
  mortalityResponse: Float64Array | null;
  /** X^death, `[τ][t]`: ∂²B_t/∂μ_τ∂ω_τ for insured persons' deaths (survivors' pensions on the year's wages); null when mortality is not stochastic. */
  deathWageResponse: Float64Array | null;
}

export interface Response {
  startYear: number;
  years: number;
  investmentReturn: Float64Array;
  wageGrowth: Float64Array;
  schemes: SchemeResponse[];
  deterministic: Projection;
}

/** The steps of the central differences in pensioners' mortality and in the wage level (±5%). */
const MORTALITY_STEP = 0.05;
const WAGE_STEP = 0.05;

export function measureResponse(a: Assumptions, options: { mortality?: boolean } = {}): Response {
  const Y = a.years;
  const deterministic = project(a);
  const schemes: SchemeResponse[] = deterministic.schemes.map((s, k) => {
    const scheme = a.schemes[k];
    const fixedExpenses = new Float64Array(Y);
    for (let t = 0; t < Y; t++) fixedExpenses[t] = s.expenses[t] - scheme.expenses.shareOfContributions * s.contributions[t] - scheme.expenses.shareOfBenefits * s.benefits[t];
    return {
      id: s.id,
      poolOwner: scheme.poolOwner,
      initialFund: scheme.initialFund,
      shareOfContributions: scheme.expenses.shareOfContributions,
      shareOfBenefits: scheme.expenses.shareOfBenefits,
      contributions: s.contributions.slice(),
      wageBill: s.wageBill.slice(),
      fixedExpenses,
      baseBenefits: s.benefits.slice(),
      incidenceResponse: new Float64Array(Y * Y),
      deathResponse: new Float64Array(Y * Y),
      wageResponse: new Float64Array(Y * Y),
      wageCurvature: new Float64Array(Y * Y),
      incidenceWageResponse: new Float64Array(Y * Y),
      contributionsWageResponse: new Float64Array(Y),
      wageBillWageResponse: new Float64Array(Y),
      mortalityResponse: options.mortality ? new Float64Array(Y * Y) : null,
      deathWageResponse: options.mortality ? new Float64Array(Y * Y) : null,
    };
  });
  const ones = () => new Float64Array(Y).fill(1);
  for (const [kind, field] of [['incidence', 'incidenceResponse'], ['deaths', 'deathResponse']] as const) {
    for (let tau = 0; tau < Y; tau++) {
      const scale = ones();
      scale[tau] = 2;
      const shocked = project(a, { [kind]: scale });
      shocked.schemes.forEach((s, k) => {
        const response = schemes[k][field];
        for (let t = tau; t < Y; t++) response[tau * Y + t] = s.benefits[t] - deterministic.schemes[k].benefits[t];
      });
    }
  }
  // Year τ's multiplier at 1 + step and 1 − step, every other year at 1: the two projections of a central difference.
  const centralRuns = (tau: number, step: number, run: (multiplier: Float64Array) => Projection): [Projection, Projection] => {
    const up = ones();
    const down = ones();
    up[tau] = 1 + step;
    down[tau] = 1 - step;
    return [run(up), run(down)];
  };
  for (let tau = 0; tau < Y; tau++) {
    const [higher, lower] = centralRuns(tau, WAGE_STEP, (level) => project(withWageLevel(a, level)));
    // The same central difference with year τ's incidence doubled: its excess over W is X.
    const doubled = ones();
    doubled[tau] = 2;
    const [higherDoubled, lowerDoubled] = centralRuns(tau, WAGE_STEP, (level) => project(withWageLevel(a, level), { incidence: doubled }));
    schemes.forEach((s, k) => {
      const h = higher.schemes[k];
      const l = lower.schemes[k];
      const base = deterministic.schemes[k];
      const hd = higherDoubled.schemes[k];
      const ld = lowerDoubled.schemes[k];
      for (let t = tau; t < Y; t++) {
        const at = tau * Y + t;
        s.wageResponse[at] = (h.benefits[t] - l.benefits[t]) / (2 * WAGE_STEP);
        s.wageCurvature[at] = (h.benefits[t] - 2 * base.benefits[t] + l.benefits[t]) / (WAGE_STEP * WAGE_STEP);
        s.incidenceWageResponse[at] = (hd.benefits[t] - ld.benefits[t]) / (2 * WAGE_STEP) - s.wageResponse[at];
      }
      s.contributionsWageResponse[tau] = (h.contributions[tau] - l.contributions[tau]) / (2 * WAGE_STEP);
      s.wageBillWageResponse[tau] = (h.wageBill[tau] - l.wageBill[tau]) / (2 * WAGE_STEP);
    });
  }
  if (options.mortality) {
    for (let tau = 0; tau < Y; tau++) {
      const [higher, lower] = centralRuns(tau, MORTALITY_STEP, (pensionerMortality) => project(a, { pensionerMortality }));
      // As X, for the year's deaths of insured persons: the wage difference with them doubled, less W.
      const doubled = ones();
      doubled[tau] = 2;
      const [higherWages, lowerWages] = centralRuns(tau, WAGE_STEP, (level) => project(withWageLevel(a, level), { deaths: doubled }));
      schemes.forEach((s, k) => {
        for (let t = tau; t < Y; t++) {
          const at = tau * Y + t;
          s.mortalityResponse![at] = (higher.schemes[k].benefits[t] - lower.schemes[k].benefits[t]) / (2 * MORTALITY_STEP);
          s.deathWageResponse![at] = (higherWages.schemes[k].benefits[t] - lowerWages.schemes[k].benefits[t]) / (2 * WAGE_STEP) - s.wageResponse[at];
        }
      });
    }
  }
  for (const s of schemes) {
    for (let t = 0; t < Y; t++) {
      let events = 0;
      for (let tau = 0; tau <= t; tau++) events += s.incidenceResponse[tau * Y + t] + s.deathResponse[tau * Y + t];
      s.baseBenefits[t] -= events;
    }
  }
  return { startYear: a.startYear, years: Y, investmentReturn: a.economy.investmentReturn, wageGrowth: a.economy.wageGrowth, schemes, deterministic };
}

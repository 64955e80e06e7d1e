/**
 * The exact method of `stochastic` (--exact): every path is a full projection of the engine, the
 * same one `run` makes, with the path's draws applied to the assumptions as the fast method's
 * paths define them (drawPath, methodology §8):
 *   - returns: the fund earns the path's return in each year (the discount rate, on which capital
 *     values and commutation factors are computed, stays the scenario's, as in the fast method);
 *   - wage growth: the path's wage level ω_t moves mean wages, the wage index and the ceilings
 *     that follow wages (withWageLevel, as the fast method's wage response does);
 *   - incidence: the year's contingencies from the incidence tables are multiplied by ε_t;
 *   - mortality: insured persons' deaths and pensioners' mortality are multiplied by μ_t.
 * No response is measured and nothing is approximated: a path costs one projection (about as long
 * as `run` without its report), so this method is for checking the fast one and for runs where
 * its remaining error matters.
 */
import type { Assumptions } from '../assumptions/types.js';
import { withWageLevel } from '../assumptions/wage-level.js';
import { project } from '../engine/project.js';
import type { Shocks } from '../engine/project.js';
import type { Projection } from '../engine/result.js';
import { costRate } from '../measures/compute.js';
import { PATH_MEASURES, createPathWorkspace, drawPath, pathIndex, valuesPerPath } from './paths.js';
import type { PathBasis, PathLayout, PathWorkspace, StochasticModel } from './paths.js';

const FUND = PATH_MEASURES.indexOf('fund_end');
const RESERVE = PATH_MEASURES.indexOf('reserve_ratio');
const PAYG = PATH_MEASURES.indexOf('payg_cost_rate');
const CONTRIBUTIONS = PATH_MEASURES.indexOf('contributions');
const BENEFITS = PATH_MEASURES.indexOf('benefits');

/** The layout of a run's paths, as the assumptions give it (the same as the fast method's Response). */
export function layoutOf(a: Assumptions): PathLayout {
  return { startYear: a.startYear, years: a.years, schemes: a.schemes.map((s) => ({ id: s.id, poolOwner: s.poolOwner, label: s.label })) };
}

/** What the draws are made around: the scenario's returns and wage growth. */
export function basisOf(a: Assumptions): PathBasis {
  return { years: a.years, investmentReturn: a.economy.investmentReturn, wageGrowth: a.economy.wageGrowth };
}

/** The assumptions and shocks of the draws in `ws`: the projection of that path. */
export function pathProjection(a: Assumptions, ws: PathWorkspace): Projection {
  const withReturns: Assumptions = { ...a, economy: { ...a.economy, investmentReturn: ws.returns.slice() } };
  // All ones where mortality is not stochastic (drawPath): the projection's own deaths.
  const shocks: Shocks = { incidence: ws.incidence, deaths: ws.mortality, pensionerMortality: ws.mortality };
  return project(withWageLevel(withReturns, ws.wageLevel), shocks);
}

/**
 * A projection's per-path values into `out` at `offset`, defined as the fast method's
 * (evaluatePath): the fund at the end of the year (own funds only), the reserve ratio
 * F/(B + E), the PAYG cost rate in methodology §7's convention, contributions and benefits.
 */
export function writeProjection(a: Assumptions, layout: PathLayout, p: Projection, out: Float64Array, offset: number): void {
  layout.schemes.forEach((s, k) => {
    const own = s.poolOwner < 0;
    const scheme = p.schemes[k];
    const { shareOfContributions, shareOfBenefits } = a.schemes[k].expenses;
    for (let t = 0; t < layout.years; t++) {
      const fund = scheme.fundEnd[t];
      const outgo = scheme.benefits[t] + scheme.expenses[t];
      const fixedExpenses = scheme.expenses[t] - shareOfContributions * scheme.contributions[t] - shareOfBenefits * scheme.benefits[t];
      out[offset + pathIndex(layout, k, FUND) + t] = own ? fund : NaN;
      out[offset + pathIndex(layout, k, RESERVE) + t] = own && outgo > 0 ? fund / outgo : NaN;
      out[offset + pathIndex(layout, k, PAYG) + t] = costRate(scheme.benefits[t], fixedExpenses, scheme.wageBill[t], shareOfContributions, shareOfBenefits) ?? NaN;
      out[offset + pathIndex(layout, k, CONTRIBUTIONS) + t] = scheme.contributions[t];
      out[offset + pathIndex(layout, k, BENEFITS) + t] = scheme.benefits[t];
    }
  });
}

/** Paths [from, to) on the full engine into a new array (the layout of simulatePaths). */
export function exactPaths(a: Assumptions, model: StochasticModel, seed: number, from: number, to: number): Float64Array {
  const layout = layoutOf(a);
  const basis = basisOf(a);
  const size = valuesPerPath(layout);
  const out = new Float64Array((to - from) * size);
  const ws = createPathWorkspace(layout);
  for (let path = from; path < to; path++) {
    drawPath(basis, model, seed, path, ws);
    writeProjection(a, layout, pathProjection(a, ws), out, (path - from) * size);
  }
  return out;
}

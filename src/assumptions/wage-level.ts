/**
 * The wage level of a projection moved by a factor per year: the mean wages of every group, the
 * wage index (expenses per insured person) and the ceilings that follow wages move together;
 * insured wages fixed in the scenario, flat contributions, benefit minimums and medical costs do
 * not. Used by the sensitivity shock to wage growth and by the stochastic model's wage response.
 */
import type { Assumptions, SchemeAssumptions } from './types.js';

export function withWageLevel(a: Assumptions, factor: Float64Array): Assumptions {
  const scale = (values: Float64Array) => values.map((v, i) => v * factor[i]);
  return {
    ...a,
    economy: { ...a.economy, wageIndex: scale(a.economy.wageIndex) },
    groups: a.groups.map((g) => ({ ...g, meanMonthlyWage: scale(g.meanMonthlyWage) })),
    schemes: a.schemes.map((s): SchemeAssumptions => (s.ceilingFollowsWages ? { ...s, ceilingMonthly: scale(s.ceilingMonthly) } : s)),
  };
}

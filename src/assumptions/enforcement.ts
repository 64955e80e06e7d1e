/**
 * Enforcement and outreach for a group under a scheme (`cover.<group>.enforcement`, methodology
 * §1): the year's effort E = campaign + inspections × cost per inspection, and what it moves
 * through a saturating response, max × E / (E + half_spending), half_spending moving with wages
 * so that a budget fixed in ringgit buys less over time. Coverage, compliance and the recovered
 * share of arrears close that share of their gap to 1; claims are multiplied by 1 plus it.
 * Worked out once on the scenario's own path: a shock to wages in the uncertainty commands
 * leaves the response as projected.
 */
import type { KeyPath } from '../scenario/errors.js';
import type { ArrearsConfig, EnforcementConfig, Series } from '../scenario/schema.js';
import { BOUNDS } from '../scenario/bounds.js';
import type { Bounds } from '../scenario/bounds.js';
import { PAYERS } from '../model.js';
import type { ArrearsAssumptions, EnforcementAssumptions } from './types.js';

type SeriesFn = (value: Series, path: KeyPath, bounds: Bounds) => Float64Array;

/** max × E / (E + h), h indexed with wages from the start year. */
function responseTo(effort: Float64Array, wageIndex: Float64Array, r: { max: number; half_spending: number } | undefined): Float64Array | null {
  if (!r) return null;
  return effort.map((e, i) => (e > 0 ? (r.max * e) / (e + r.half_spending * wageIndex[i]) : 0));
}

/** Closes a share of a series' gap to 1, year by year; with `keepZero`, a year at 0 stays 0 (coverage: no cover that year). */
const closeGap = (base: Float64Array, share: Float64Array | null, keepZero = false) =>
  share ? base.map((v, i) => (keepZero && v === 0 ? 0 : v + (1 - v) * share[i])) : base;

export function buildEnforcement(config: EnforcementConfig, path: KeyPath, years: number, series: SeriesFn, wageIndex: Float64Array, base: { coverage: Float64Array; compliance: Float64Array }): EnforcementAssumptions {
  const at = (...rest: string[]): KeyPath => [...path, ...rest];
  const campaign = series(config.campaign, at('campaign'), BOUNDS.money);
  const inspections = series(config.inspections, at('inspections'), BOUNDS.headcount);
  const cost = series(config.cost_per_inspection, at('cost_per_inspection'), BOUNDS.money);
  const effort = new Float64Array(years);
  for (let i = 0; i < years; i++) effort[i] = campaign[i] + inspections[i] * cost[i];
  const claims = responseTo(effort, wageIndex, config.response.claims);
  return {
    effort,
    effortCost: effort.map((e) => e * config.cost_share),
    perRegisteredMonthly: series(config.per_registered_monthly, at('per_registered_monthly'), BOUNDS.money),
    coverage: closeGap(base.coverage, responseTo(effort, wageIndex, config.response.coverage), true),
    compliance: closeGap(base.compliance, responseTo(effort, wageIndex, config.response.compliance)),
    recovery: responseTo(effort, wageIndex, config.response.recovery),
    claims: claims ? claims.map((g) => 1 + g) : null,
  };
}

export function buildArrears(config: ArrearsConfig, path: KeyPath, series: SeriesFn, recovery: Float64Array | null): ArrearsAssumptions {
  const share = series(config.recovered_share, [...path, 'recovered_share'], BOUNDS.share);
  return {
    recoveredShare: closeGap(share, recovery),
    yearsLate: config.years_late,
    // What a ringgit not collected in year t brings in year t + years_late.
    growth: (1 + config.interest) ** config.years_late,
    payer: PAYERS.indexOf(config.payer),
  };
}

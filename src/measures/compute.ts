/**
 * The ILO financing measures (methodology §7), one small function each, from a projection and
 * its assumptions. Reads results; projects nothing.
 *
 * Expenses are E = a·C + b·B + c (a share of contributions, a share of benefits and a cost per
 * insured person). Every cost rate, of a year or a period, is the rate that pays benefits and
 * the expenses it itself incurs (`costRate`); over a period, a level rate π solves
 *   F0 + Σ_t m_t·(π(1 − a)·S_t − (1 + b)·B_t − c_t) = F_T·v_T,
 * with m_t the discount factor to the middle of year t (cash flows mid-year, methodology §6)
 * and v_T to the end of the period. With a = b = c = 0 this is the textbook
 * GAP = (PV(B + E) + PV(target reserve) − F0) / PV(S).
 */
import type { Assumptions } from '../assumptions/types.js';
import { COMMUTING_COUNTS, DETAIL_BENEFIT, DETAIL_BENEFITS, MEASURE, OUTGO_OF_PENSION, PENSION_TYPES } from '../model.js';
import type { PensionType } from '../model.js';
import { detailIndex } from '../engine/result.js';
import type { Projection, SchemeProjection } from '../engine/result.js';
import { discountFrom } from './discount.js';
import type { Discount } from './discount.js';
import type { GroupMeasures, Measures, PeriodRate, SchemeMeasures } from './types.js';

export interface MeasureOptions {
  /** Lengths in years of the GAP periods from the start year; the whole horizon is added. */
  gapPeriods: readonly number[];
  /** Target reserve at the end of a GAP period, in years of benefits and expenses. */
  targetReserveRatio: number;
  /** Length of the periods of equilibrium of the scaled premium. */
  scaledPremiumYears: number;
}

/** The options a scenario's `measures` block gives. */
export function measureOptionsOf(m: { gap_periods: readonly number[]; target_reserve_ratio: number; scaled_premium_years: number }): MeasureOptions {
  return { gapPeriods: m.gap_periods, targetReserveRatio: m.target_reserve_ratio, scaledPremiumYears: m.scaled_premium_years };
}

export const DEFAULT_MEASURE_OPTIONS: MeasureOptions = { gapPeriods: [10, 25, 50], targetReserveRatio: 0, scaledPremiumYears: 10 };

/** The flows a level rate is solved from: wage bill, benefits and the expenses not proportional to them. */
export interface Flows {
  wageBill: ArrayLike<number>;
  benefits: ArrayLike<number>;
  fixedExpenses: ArrayLike<number>;
  shareOfContributions: number;
  shareOfBenefits: number;
}

/** The summary columns that are payments of pensions in payment (each once). */
const PENSION_OUTGO_COLUMNS = [...new Set(Object.values(OUTGO_OF_PENSION))];

const ratio = (numerator: number, denominator: number): number | null => (denominator !== 0 && Number.isFinite(numerator / denominator) ? numerator / denominator : null);

/**
 * The one expense convention of every cost rate (methodology §7): the rate π levied on the wage
 * bill S that pays the outgo B and the expenses that π itself incurs, E = a·π·S + b·B + c, so
 * π = ((1 + b)·B + c) / ((1 − a)·S). The level rates (GAP, scaled premium, break-even) solve the
 * same balance over a period, so in a stationary population they equal the PAYG cost rate.
 */
export function costRate(outgo: number, fixedExpenses: number, wageBill: number, shareOfContributions: number, shareOfBenefits: number): number | null {
  const levied = (1 - shareOfContributions) * wageBill;
  return levied > 0 ? ratio((1 + shareOfBenefits) * outgo + fixedExpenses, levied) : null;
}

/** PAYG cost rate: the year's benefits and the expenses of the rate that pays them, over the wage bill. */
export function paygCostRate(flows: Flows, i: number): number | null {
  return costRate(flows.benefits[i], flows.fixedExpenses[i], flows.wageBill[i], flows.shareOfContributions, flows.shareOfBenefits);
}

/**
 * Terminal-funding (assessment of constituent capitals) cost rate: short-term benefits and lump
 * sums plus the capital value of the year's new pensions, with the expenses of the rate that
 * pays them, over the wage bill.
 */
export function terminalFundingCostRate(s: SchemeProjection, flows: Flows, i: number): number | null {
  let pensionPayments = 0;
  for (const column of PENSION_OUTGO_COLUMNS) pensionPayments += s.outgo[column][i];
  return costRate(s.benefits[i] - pensionPayments + s.capitalValueNewAwards[i], flows.fixedExpenses[i], flows.wageBill[i], flows.shareOfContributions, flows.shareOfBenefits);
}

/** Reserve ratio: the fund at the end of the year in years of benefits and expenses. */
export function reserveRatio(s: SchemeProjection, i: number): number | null {
  return ratio(s.fundEnd[i], s.benefits[i] + s.expenses[i]);
}

/** Funding ratio: the fund over the actuarial liability of the pensions in payment. */
export function fundingRatio(s: SchemeProjection, i: number): number | null {
  return ratio(s.fundEnd[i], s.liabilityEnd[i]);
}

/** The first year whose closing fund is negative, or null. */
export function depletionYear(s: SchemeProjection, startYear: number): number | null {
  for (let i = 0; i < s.fundEnd.length; i++) if (s.fundEnd[i] < 0) return startYear + i;
  return null;
}

/**
 * The level contribution rate over years [from, to] (indices) that takes the fund from F0 at
 * the start to the target at the end (module comment). The target is a fund amount, or a
 * reserve ratio ρ of the last year's benefits and expenses (whose share of contributions
 * depends on the rate itself). Null where there is no wage bill to levy.
 */
export function levelRate(flows: Flows, discount: Discount, from: number, to: number, initialFund: number, target: { fund?: number; reserveRatio?: number }): number | null {
  const a = flows.shareOfContributions;
  const b = flows.shareOfBenefits;
  let numerator = -initialFund;
  let denominator = 0;
  for (let t = from; t <= to; t++) {
    numerator += discount.mid[t] * ((1 + b) * flows.benefits[t] + flows.fixedExpenses[t]);
    denominator += discount.mid[t] * (1 - a) * flows.wageBill[t];
  }
  const rho = target.reserveRatio ?? 0;
  numerator += discount.end[to] * ((target.fund ?? 0) + rho * ((1 + b) * flows.benefits[to] + flows.fixedExpenses[to]));
  denominator -= discount.end[to] * rho * a * flows.wageBill[to];
  return denominator > 0 ? numerator / denominator : null;
}

/** The fund at the end of year `to` when contributing at `rate` from F0 at the start of `from`. */
export function fundAtEnd(flows: Flows, discount: Discount, from: number, to: number, initialFund: number, rate: number): number {
  const a = flows.shareOfContributions;
  const b = flows.shareOfBenefits;
  let value = initialFund;
  for (let t = from; t <= to; t++) value += discount.mid[t] * (rate * (1 - a) * flows.wageBill[t] - (1 + b) * flows.benefits[t] - flows.fixedExpenses[t]);
  return value / discount.end[to];
}

/**
 * The contribution rates in force over years [from, to] (indices, inclusive) as one level rate:
 * PV(contributions) / PV(insurable wage bill), cash flows mid-year, discounted at `rates` — what
 * a general average premium or a scaled premium over the same period is compared with (the
 * scheme's rates finance the period when it is at least the premium). Null without a wage bill.
 */
export function legislatedLevelRate(s: SchemeProjection, rates: Float64Array, from: number, to: number): number | null {
  const discount = discountFrom(rates, from);
  let contributions = 0;
  let wageBill = 0;
  for (let i = from; i <= to; i++) {
    contributions += discount.mid[i] * s.contributions[i];
    wageBill += discount.mid[i] * s.wageBill[i];
  }
  return wageBill > 0 ? contributions / wageBill : null;
}

/**
 * General average premium over the first `years` years (methodology §7): the level rate, from
 * the fund at the start, that ends the period with the target reserve; discounted at the
 * scenario's discount rate.
 */
export function generalAveragePremium(flows: Flows, discountRate: Float64Array, years: number, initialFund: number, targetReserveRatio: number): number | null {
  const to = Math.min(years, flows.wageBill.length) - 1;
  return levelRate(flows, discountFrom(discountRate, 0), 0, to, initialFund, { reserveRatio: targetReserveRatio });
}

/**
 * Scaled premium: a rate held constant over each period of equilibrium of `years` years, each
 * the lowest rate with which the reserve does not fall by the end of the period (nor below the
 * target reserve ratio), accumulated at the investment return.
 */
export function scaledPremium(flows: Flows, investmentReturn: Float64Array, years: number, initialFund: number, targetReserveRatio: number, startYear: number): PeriodRate[] {
  const out: PeriodRate[] = [];
  let fund = initialFund;
  const n = flows.wageBill.length;
  for (let from = 0; from < n; from += years) {
    const to = Math.min(from + years, n) - 1;
    const discount = discountFrom(investmentReturn, from);
    const keep = levelRate(flows, discount, from, to, fund, { fund });
    const reserve = levelRate(flows, discount, from, to, fund, { reserveRatio: targetReserveRatio });
    const rate = keep === null || reserve === null ? null : Math.max(keep, reserve);
    out.push({ from: startYear + from, to: startYear + to, rate });
    if (rate !== null) fund = fundAtEnd(flows, discount, from, to, fund, rate);
  }
  return out;
}

function sumDetail(s: SchemeProjection, benefits: readonly number[], measure: number, g: number, out: Float64Array): Float64Array {
  for (const benefit of benefits) {
    for (let sex = 0; sex < 2; sex++) {
      const at = detailIndex(benefit, measure, g, sex, s.groups, s.years);
      for (let i = 0; i < s.years; i++) out[i] += s.detail[at + i];
    }
  }
  return out;
}

/**
 * Per group of origin, over the horizon: PVs of the wage bill, contributions, benefits and
 * expenses, the break-even rate (the level rate paying the group's own benefits and expenses,
 * with no initial fund) and the benefit-to-contribution ratio. Expenses per group: the shares of
 * its contributions and benefits, and the per-insured cost in proportion to its registered persons.
 */
export function groupMeasures(s: SchemeProjection, flows: Flows, groupIds: readonly string[], discountRate: Float64Array, covered: ReadonlySet<number>): GroupMeasures[] {
  const discount = discountFrom(discountRate, 0);
  const Y = s.years;
  const benefitRows = DETAIL_BENEFITS.filter((b) => b !== 'insured' && b !== 'deaths' && !COMMUTING_COUNTS.includes(b)).map((b) => DETAIL_BENEFIT[b]);
  const insured = [DETAIL_BENEFIT.insured];
  const pv = (values: ArrayLike<number>) => {
    let total = 0;
    for (let i = 0; i < Y; i++) total += discount.mid[i] * values[i];
    return total;
  };
  const out: GroupMeasures[] = [];
  for (let g = 0; g < groupIds.length; g++) {
    if (!covered.has(g)) continue;
    const wageBill = sumDetail(s, insured, MEASURE.wage_bill, g, new Float64Array(Y));
    const contributions = sumDetail(s, insured, MEASURE.contributions, g, new Float64Array(Y));
    const registered = sumDetail(s, insured, MEASURE.registered, g, new Float64Array(Y));
    const benefits = sumDetail(s, benefitRows, MEASURE.outgo, g, new Float64Array(Y));
    const fixedExpenses = new Float64Array(Y);
    const expenses = new Float64Array(Y);
    for (let i = 0; i < Y; i++) {
      fixedExpenses[i] = s.registered[i] > 0 ? (flows.fixedExpenses[i] * registered[i]) / s.registered[i] : 0;
      expenses[i] = flows.shareOfContributions * contributions[i] + flows.shareOfBenefits * benefits[i] + fixedExpenses[i];
    }
    const groupFlows: Flows = { ...flows, wageBill, benefits, fixedExpenses };
    const pvContributions = pv(contributions);
    out.push({
      group: groupIds[g],
      pvWageBill: pv(wageBill),
      pvContributions,
      pvBenefits: pv(benefits),
      pvExpenses: pv(expenses),
      breakEvenRate: levelRate(groupFlows, discount, 0, Y - 1, 0, {}),
      benefitContributionRatio: ratio(pv(benefits) + pv(expenses), pvContributions),
    });
  }
  return out;
}

/** The flows of a scheme, with its expenses split into the proportional and fixed parts. */
export function schemeFlows(s: SchemeProjection, shareOfContributions: number, shareOfBenefits: number): Flows {
  const fixedExpenses = new Float64Array(s.years);
  for (let i = 0; i < s.years; i++) fixedExpenses[i] = s.expenses[i] - shareOfContributions * s.contributions[i] - shareOfBenefits * s.benefits[i];
  return { wageBill: s.wageBill, benefits: s.benefits, fixedExpenses, shareOfContributions, shareOfBenefits };
}

export function computeMeasures(a: Assumptions, p: Projection, options: MeasureOptions = DEFAULT_MEASURE_OPTIONS): Measures {
  const schemes = p.schemes.map((s, k): SchemeMeasures => {
    const scheme = a.schemes[k];
    const ownFund = scheme.poolOwner < 0;
    const flows = schemeFlows(s, scheme.expenses.shareOfContributions, scheme.expenses.shareOfBenefits);
    const perYear = <T>(f: (i: number) => T) => Array.from({ length: p.years }, (_, i) => f(i));
    const initialFund = ownFund ? s.fundStart[0] : 0;
    const periods = [...new Set([...options.gapPeriods.filter((n) => n < p.years), p.years])];
    const capitalValueNewAwards = Object.fromEntries(PENSION_TYPES.map((type) => [type, byType(s, type)])) as Record<PensionType, Float64Array>;
    return {
      scheme: s.id,
      ownFund,
      contributionRate: perYear((i) => ratio(s.contributions[i], s.wageBill[i])),
      paygCostRate: perYear((i) => paygCostRate(flows, i)),
      terminalFundingCostRate: perYear((i) => terminalFundingCostRate(s, flows, i)),
      reserveRatio: perYear((i) => (ownFund ? reserveRatio(s, i) : null)),
      fundingRatio: perYear((i) => (ownFund ? fundingRatio(s, i) : null)),
      liability: s.liabilityEnd,
      capitalValueNewAwards,
      depletionYear: ownFund ? depletionYear(s, p.startYear) : null,
      generalAveragePremium: periods.map((n) => ({
        from: p.startYear,
        to: p.startYear + n - 1,
        rate: generalAveragePremium(flows, a.economy.discountRate, n, initialFund, options.targetReserveRatio),
      })),
      scaledPremium: scaledPremium(flows, a.economy.investmentReturn, options.scaledPremiumYears, initialFund, options.targetReserveRatio, p.startYear),
      groups: groupMeasures(s, flows, p.groupIds, a.economy.discountRate, new Set(scheme.cover.flatMap((c, g) => (c ? [g] : [])))),
    };
  });
  return { startYear: p.startYear, years: p.years, targetReserveRatio: options.targetReserveRatio, schemes };
}

/** Capital value of one pension type's new awards by year, all groups and sexes. */
function byType(s: SchemeProjection, type: PensionType): Float64Array {
  const out = new Float64Array(s.years);
  for (let g = 0; g < s.groups; g++) sumDetail(s, [DETAIL_BENEFIT[type]], MEASURE.capital_value_new_awards, g, out);
  return out;
}

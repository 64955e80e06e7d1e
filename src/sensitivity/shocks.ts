/**
 * One-at-a-time shocks to a projection's assumptions, applied to a copy of the Assumptions
 * (the scenario is not re-read): each returns new arrays for what it changes and shares the rest.
 */
import type { Assumptions, CoverAssumptions } from '../assumptions/types.js';
import { withWageLevel } from '../assumptions/wage-level.js';
import { INCIDENCE_COLUMNS } from '../model.js';

export interface Shock {
  /** What is shocked, e.g. "investment_return" or "incidence:employment_injury.fatal". */
  assumption: string;
  /** "low" or "high". */
  direction: 'low' | 'high';
  /** The size in the assumption's terms (a point of interest, a share of incidence). */
  size: number;
  apply(a: Assumptions): Assumptions;
  /**
   * The schemes (ids) where this shock was clamped: a share (coverage, compliance, contribution
   * density) within `size` of 0 or 1 cannot move by the whole shock and is kept within 0 and 1.
   * Absent for shocks that are never clamped (the general mortality cap at q = 1 at the oldest
   * ages is not counted: methodology §8).
   */
  clamped?(a: Assumptions): string[];
}

export interface ShockSizes {
  investmentReturn: number;
  wageGrowth: number;
  incidence: number;
  mortality: number;
  coverage: number;
  compliance: number;
  exchangeRate: number;
}

export const DEFAULT_SHOCKS: ShockSizes = { investmentReturn: 0.01, wageGrowth: 0.01, incidence: 0.2, mortality: 0.1, coverage: 0.1, compliance: 0.1, exchangeRate: 0.1 };

const shifted = (values: Float64Array, delta: number) => values.map((v) => v + delta);
const clampShare = (values: Float64Array, delta: number) => values.map((v) => (v > 0 ? Math.min(1, Math.max(0, v + delta)) : v));

/** True when clampShare(values, delta) cuts some value short (a tolerance for 0.9 + 0.1). */
export function shareClamped(values: Float64Array, delta: number): boolean {
  return values.some((v) => v > 0 && (v + delta > 1 + 1e-12 || v + delta < -1e-12));
}

/** The schemes one of whose covered groups has a share (`pick`) that delta would push past 0 or 1. */
export function schemesClamped(a: Assumptions, delta: number, pick: (c: CoverAssumptions, scheme: Assumptions['schemes'][number]) => Float64Array[]): string[] {
  return a.schemes.filter((s) => s.cover.some((c) => c !== null && pick(c, s).some((values) => shareClamped(values, delta)))).map((s) => s.id);
}

/** Π(1 + g + δ)/(1 + g) from the start year: how much higher wages are under a growth shock. */
function growthRatio(growth: Float64Array, delta: number): Float64Array {
  const out = new Float64Array(growth.length);
  out[0] = 1;
  for (let i = 1; i < growth.length; i++) out[i] = (out[i - 1] * (1 + growth[i] + delta)) / (1 + growth[i]);
  return out;
}

function withCover(a: Assumptions, change: (c: CoverAssumptions) => CoverAssumptions): Assumptions {
  return { ...a, schemes: a.schemes.map((s) => ({ ...s, cover: s.cover.map((c) => (c ? change(c) : null)) })) };
}

export function standardShocks(a: Assumptions, sizes: ShockSizes = DEFAULT_SHOCKS): Shock[] {
  const out: Shock[] = [];
  const both = (assumption: string, size: number, apply: (a: Assumptions, signed: number) => Assumptions, clamped?: (a: Assumptions, signed: number) => string[]) => {
    out.push({ assumption, direction: 'low', size, apply: (x) => apply(x, -size), ...(clamped ? { clamped: (x: Assumptions) => clamped(x, -size) } : {}) });
    out.push({ assumption, direction: 'high', size, apply: (x) => apply(x, size), ...(clamped ? { clamped: (x: Assumptions) => clamped(x, size) } : {}) });
  };
  // The discount rate moves with the return: present values are taken at the fund's return.
  both('investment_return', sizes.investmentReturn, (x, d) => ({
    ...x,
    economy: { ...x.economy, investmentReturn: shifted(x.economy.investmentReturn, d), discountRate: shifted(x.economy.discountRate, d) },
  }));
  // Wages of every group, the wage index and the ceilings indexed to wages move together.
  both('wage_growth', sizes.wageGrowth, (x, d) => {
    const moved = withWageLevel(x, growthRatio(x.economy.wageGrowth, d));
    return { ...moved, economy: { ...moved.economy, wageGrowth: shifted(x.economy.wageGrowth, d) } };
  });
  a.schemes.forEach((scheme, k) => {
    INCIDENCE_COLUMNS[scheme.kind].forEach((contingency, c) => {
      both(`incidence:${scheme.id}.${contingency}`, sizes.incidence, (x, d) => ({
        ...x,
        schemes: x.schemes.map((s, j) => (j === k ? { ...s, incidenceTrend: s.incidenceTrend.map((t, i) => (i === c ? t.map((v) => v * (1 + d)) : t)) } : s)),
      }));
    });
  });
  both('mortality', sizes.mortality, (x, d) => ({ ...x, mortality: x.mortality.map((q) => Math.min(1, q * (1 + d))) }));
  both('coverage', sizes.coverage, (x, d) => withCover(x, (c) => ({ ...c, coverage: clampShare(c.coverage, d) })), (x, d) => schemesClamped(x, d, (c) => [c.coverage]));
  both(
    'compliance',
    sizes.compliance,
    (x, d) => withCover(x, (c) => ({ ...c, compliance: clampShare(c.compliance, d), density: clampShare(c.density, d) })),
    // The density only counts towards the qualifying conditions (invalidity, employment insurance).
    (x, d) => schemesClamped(x, d, (c, scheme) => (scheme.kind === 'invalidity' || scheme.kind === 'employment_insurance' ? [c.compliance, c.density] : [c.compliance])),
  );
  if (a.groups.some((g) => g.paidInForeignCurrency)) {
    both('exchange_rate', sizes.exchangeRate, (x, d) => ({
      ...x,
      groups: x.groups.map((g) => (g.paidInForeignCurrency ? { ...g, meanMonthlyWage: g.meanMonthlyWage.map((w) => w * (1 + d)) } : g)),
    }));
  }
  return out;
}

/**
 * Monte Carlo paths: investment returns and wage growth as AR(1) processes around the
 * scenario's paths, correlated; lognormal multipliers of each year's incidence; optionally,
 * multipliers of each year's mortality (independent lognormal, or persistent through an AR(1) on
 * their logarithm). The draws (drawPath) are those of both methods: the fast one evaluates them
 * on the response of the projection (response.ts, evaluatePath here), the exact one on the full
 * engine (exact.ts). Each path's flows, fund and ratios are written into a preallocated array
 * `[path][scheme][measure][year]`.
 */
import { costRate } from '../measures/compute.js';
import type { Label } from '../assumptions/types.js';
import type { Response } from './response.js';
import { Stream } from './random.js';

export const PATH_MEASURES = ['fund_end', 'reserve_ratio', 'payg_cost_rate', 'contributions', 'benefits'] as const;
export type PathMeasure = (typeof PATH_MEASURES)[number];
const FUND = 0;
const RESERVE = 1;
const PAYG = 2;
const CONTRIBUTIONS = 3;
const BENEFITS = 4;

export interface Ar1 {
  sd: number;
  phi: number;
}

export interface StochasticModel {
  investmentReturn: Ar1 | null;
  wageGrowth: Ar1 | null;
  /** σ of the lognormal yearly incidence multiplier (mean 1). */
  incidenceSd: number;
  /** Correlation of the innovations of investment returns and wage growth. */
  correlation: number;
  /** Mortality multiplier of mean 1: exp(d_t − ½Var d_t), d_t = φ·d_{t−1} + σ·z_t (φ = 0: lognormal); null for none. */
  mortality?: Ar1 | null;
}

/** What the per-path values are laid out by (a Response, or a shard's record of one). */
export interface PathLayout {
  startYear: number;
  years: number;
  /** `label` (by language) names the scheme in charts. */
  schemes: ReadonlyArray<{ id: string; poolOwner: number; label?: Label }>;
}

/** What the draws are made around: the deterministic returns and wage growth by year. */
export interface PathBasis {
  years: number;
  investmentReturn: Float64Array;
  wageGrowth: Float64Array;
}

/** Values per path: schemes × measures × years. */
export function valuesPerPath(r: PathLayout): number {
  return r.schemes.length * PATH_MEASURES.length * r.years;
}

export function pathIndex(r: PathLayout, scheme: number, measure: number): number {
  return (scheme * PATH_MEASURES.length + measure) * r.years;
}

/** Working arrays of one simulation, reused for every path. */
export interface PathWorkspace {
  returns: Float64Array;
  growth: Float64Array;
  wageLevel: Float64Array;
  incidence: Float64Array;
  mortality: Float64Array;
  net: Float64Array;
  benefits: Float64Array;
  expenses: Float64Array;
  contributions: Float64Array;
}

export function createPathWorkspace(r: Pick<PathLayout, 'years' | 'schemes'>): PathWorkspace {
  const Y = r.years;
  const K = r.schemes.length;
  return {
    returns: new Float64Array(Y),
    growth: new Float64Array(Y),
    wageLevel: new Float64Array(Y),
    incidence: new Float64Array(Y),
    mortality: new Float64Array(Y),
    net: new Float64Array(K * Y),
    benefits: new Float64Array(K * Y),
    expenses: new Float64Array(K * Y),
    contributions: new Float64Array(K * Y),
  };
}

/** The economic and incidence draws of path `path` (a function of the seed and the path alone). */
export function drawPath(r: PathBasis, model: StochasticModel, seed: number, path: number, ws: PathWorkspace): void {
  const stream = new Stream(seed, path);
  const Y = r.years;
  const rho = model.correlation;
  let returnDeviation = 0;
  let growthDeviation = 0;
  let level = 1;
  const mortality = model.mortality ?? null;
  let mortalityDeviation = 0;
  let mortalityVariance = 0;
  for (let t = 0; t < Y; t++) {
    const z1 = stream.normal();
    const z2 = rho * z1 + Math.sqrt(1 - rho * rho) * stream.normal();
    const zi = stream.normal();
    // Drawn whether or not mortality is stochastic, so that adding it leaves the other draws of a seed as they were.
    const zm = stream.normal();
    if (model.investmentReturn) returnDeviation = model.investmentReturn.phi * returnDeviation + model.investmentReturn.sd * z1;
    if (model.wageGrowth) growthDeviation = model.wageGrowth.phi * growthDeviation + model.wageGrowth.sd * z2;
    ws.returns[t] = r.investmentReturn[t] + returnDeviation;
    ws.growth[t] = r.wageGrowth[t] + growthDeviation;
    // Wage level relative to the deterministic path: 1 in the start year, then compounded.
    if (t > 0) level *= (1 + ws.growth[t]) / (1 + r.wageGrowth[t]);
    ws.wageLevel[t] = level;
    const s = model.incidenceSd;
    ws.incidence[t] = s > 0 ? Math.exp(s * zi - 0.5 * s * s) : 1;
    if (mortality && mortality.sd > 0) {
      mortalityDeviation = mortality.phi * mortalityDeviation + mortality.sd * zm;
      mortalityVariance = mortality.phi * mortality.phi * mortalityVariance + mortality.sd * mortality.sd;
      ws.mortality[t] = Math.exp(mortalityDeviation - 0.5 * mortalityVariance);
    } else {
      ws.mortality[t] = 1;
    }
  }
}

/** Path `path` into `out` at `offset` (valuesPerPath values). */
export function simulatePath(r: Response, model: StochasticModel, seed: number, path: number, ws: PathWorkspace, out: Float64Array, offset: number): void {
  drawPath(r, model, seed, path, ws);
  evaluatePath(r, ws, out, offset);
}

/** The flows, fund and ratios of the draws in `ws` (drawPath) into `out` at `offset`. */
export function evaluatePath(r: Response, ws: PathWorkspace, out: Float64Array, offset: number): void {
  const Y = r.years;
  const K = r.schemes.length;
  for (let k = 0; k < K; k++) {
    const s = r.schemes[k];
    for (let t = 0; t < Y; t++) {
      const m = s.mortalityResponse;
      const dw = s.deathWageResponse;
      let benefits = s.baseBenefits[t];
      for (let tau = 0; tau <= t; tau++) {
        const at = tau * Y + t;
        const wage = ws.wageLevel[tau] - 1;
        // Linear in the year's events; to second order in its wage level, with the cross term of
        // the two (more events at higher wages), which is the first-order terms' largest error
        // (methodology §8).
        benefits +=
          s.incidenceResponse[at] * ws.incidence[tau] +
          s.deathResponse[at] * ws.mortality[tau] +
          (s.wageResponse[at] + s.incidenceWageResponse[at] * (ws.incidence[tau] - 1) + 0.5 * s.wageCurvature[at] * wage) * wage;
        if (m) benefits += m[at] * (ws.mortality[tau] - 1);
        if (dw) benefits += dw[at] * (ws.mortality[tau] - 1) * wage;
      }
      const contributions = s.contributions[t] + s.contributionsWageResponse[t] * (ws.wageLevel[t] - 1);
      const expenses = s.shareOfContributions * contributions + s.shareOfBenefits * benefits + s.fixedExpenses[t] * ws.wageLevel[t];
      ws.benefits[k * Y + t] = benefits;
      ws.expenses[k * Y + t] = expenses;
      ws.contributions[k * Y + t] = contributions;
      ws.net[k * Y + t] = contributions - benefits - expenses;
    }
  }
  // Pooled schemes pass their net cash flow to the owner's fund (methodology §6).
  for (let k = 0; k < K; k++) {
    const owner = r.schemes[k].poolOwner;
    if (owner < 0) continue;
    for (let t = 0; t < Y; t++) {
      ws.net[owner * Y + t] += ws.net[k * Y + t];
      ws.net[k * Y + t] = 0;
    }
  }
  for (let k = 0; k < K; k++) {
    const s = r.schemes[k];
    const own = s.poolOwner < 0;
    let fund = own ? s.initialFund : 0;
    for (let t = 0; t < Y; t++) {
      const rate = ws.returns[t];
      // F_t = F_{t−1}(1 + r) + (1 + r)^½ × net cash flow (cash flows mid-year).
      fund = fund * (1 + rate) + Math.sqrt(1 + rate) * ws.net[k * Y + t];
      const outgo = ws.benefits[k * Y + t] + ws.expenses[k * Y + t];
      const wageBill = s.wageBill[t] + s.wageBillWageResponse[t] * (ws.wageLevel[t] - 1);
      out[offset + pathIndex(r, k, FUND) + t] = own ? fund : NaN;
      out[offset + pathIndex(r, k, RESERVE) + t] = own && outgo > 0 ? fund / outgo : NaN;
      // The cost rate of methodology §7: the rate that pays the benefits and its own expenses.
      const fixedExpenses = s.fixedExpenses[t] * ws.wageLevel[t];
      out[offset + pathIndex(r, k, PAYG) + t] = costRate(ws.benefits[k * Y + t], fixedExpenses, wageBill, s.shareOfContributions, s.shareOfBenefits) ?? NaN;
      out[offset + pathIndex(r, k, CONTRIBUTIONS) + t] = ws.contributions[k * Y + t];
      out[offset + pathIndex(r, k, BENEFITS) + t] = ws.benefits[k * Y + t];
    }
  }
}

/** Paths [from, to) into a new array. */
export function simulatePaths(r: Response, model: StochasticModel, seed: number, from: number, to: number): Float64Array {
  if (model.mortality && model.mortality.sd > 0 && r.schemes.some((s) => !s.mortalityResponse)) throw new Error('mortality shocks need a response measured with { mortality: true }');
  const size = valuesPerPath(r);
  const out = new Float64Array((to - from) * size);
  const ws = createPathWorkspace(r);
  for (let path = from; path < to; path++) simulatePath(r, model, seed, path, ws, out, (path - from) * size);
  return out;
}

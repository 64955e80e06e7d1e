/**
 * Per-scheme working arrays of a projection, allocated once per run and reused every year.
 *
 * Pensions are kept by slot, the pension types the scheme's kind keeps (model.ts,
 * PENSION_TYPES_BY_KIND) in that order. The year's new awards are `[slot][group][sex][age]`.
 * Pensions in payment are `[slot][group][sex][cohort]`, a cohort being the position
 * age + (years − 1 − year index): a pensioner keeps the same position as he ages, so the stock
 * ages without being moved (stockIndex / cohortBase).
 */
import type { Assumptions, SchemeAssumptions } from '../assumptions/types.js';
import { OUTGO_COLUMNS, PENSION, PENSION_TYPES, PENSION_TYPES_BY_KIND } from '../model.js';
import type { PensionType } from '../model.js';
import { AGES, CELLS, SEXES } from './layout.js';
import { AWARDED, createFamily } from './family.js';
import { OFFSET_NODES } from './offset.js';
import { JOB_LOSS_TERMS } from './employment-insurance.js';
import type { RouteTable } from './qualifying.js';
import type { Family } from './family.js';

/**
 * Values of the scheme's year used in every cell, computed once a year (prepareYear): wage
 * floors of the benefits with their logarithms, and claimants' log wage relativities.
 */
export const Year = {
  TemporaryFloor: 0,
  LogTemporaryFloor: 1,
  LogTemporaryRelativity: 2,
  PermanentFloor: 3,
  LogPermanentFloor: 4,
  LogPermanentRelativity: 5,
  DependantsFloor: 6,
  LogDependantsFloor: 7,
  LogDependantsRelativity: 8,
  LogInvalidityRelativity: 9,
  LogSurvivorsRelativity: 10,
  MedicalCost: 11,
  /** Multipliers of the year's contingencies from incidence, of insured persons' deaths and of pensioners' mortality (project.ts, Shocks). */
  IncidenceScale: 12,
  DeathScale: 13,
  PensionerMortalityScale: 14,
  LogJobLossRelativity: 15,
  RehabilitationCost: 16,
} as const;
export const YEAR_VALUES = 17;

/** The sums of one block of pensions rolled forward (pensions.ts, rollBlock), in ws.rollSums. */
export const Roll = {
  Paid: 0,
  Awarded: 1,
  AwardedAmount: 2,
  Remaining: 3,
  RemainingAmount: 4,
  Deaths: 5,
  CapitalValue: 6,
  Liability: 7,
} as const;
export const ROLL_SUMS = 8;

/** The invalidity terms of one age (insured.ts, invalidityTerms), in ws.invalidityTermsByAge. */
export const InvalidityTerm = {
  Full: 0,
  Reduced: 1,
  Grant: 2,
  GrantMonths: 3,
  /** The full pension's share × its rate (a mean rate once divided by Full). */
  FullRate: 4,
} as const;
export const INVALIDITY_TERMS = 5;

export interface Workspace {
  /** Pension types kept, by slot. */
  types: readonly PensionType[];
  /** Slot of each pension type of model.ts (−1 where the scheme keeps none). */
  slot: Int8Array;
  /** Pensions in payment by cohort position: counts and annual amounts (already indexed). */
  stockCount: Float64Array;
  stockAmount: Float64Array;
  /** Cohort positions per (slot, group, sex) block: ages + years − 1. */
  cohorts: number;
  /** The year's new awards (counts and annual amounts), reset as the roll-forward consumes them. */
  newCount: Float64Array;
  newAmount: Float64Array;
  /** Where a block of pensions without awards reads its (zero) awards, in newCount and newAmount. */
  noAwards: number;
  /** Annuity factors of invalidity pensions by duration `[duration][sex][age]` for the group in hand, and the capital value of an award by age (pensions.ts). */
  selectAnnuity: Float64Array;
  awardValue: Float64Array;
  /** Sums of the block last rolled forward (pensions.ts, rollBlock), and of the blocks of one type by duration. */
  rollSums: Float64Array;
  durationSums: Float64Array;
  /** Unrounded outgo of the year by OUTGO column. */
  outgo: Float64Array;
  /** Qualifying shares by months insured in the window, per group, for `qualifyingDensity`. */
  qualifying: Float64Array;
  qualifyingDensity: Float64Array;
  /**
   * Invalidity rate, its log and the qualifying share `[group][age]`, and per group the key they
   * are for: the density, and the years since cover began (at least 0, at most the years since
   * entry at the scheme's last age) (insured.ts, invalidityTerms).
   */
  invalidityRate: Float64Array;
  invalidityLogRate: Float64Array;
  invalidityQualifying: Float64Array;
  invalidityKey: Float64Array;
  /** The reduced pension's and the grant's shares, and the grant's months refunded, `[group][age]` (invalidityTerms). */
  invalidityReduced: Float64Array;
  invalidityGrant: Float64Array;
  invalidityGrantMonths: Float64Array;
  /** Scratch for the terms of one group by age (invalidityTerms). */
  invalidityTermsByAge: Float64Array;
  /**
   * Per group, the qualifying routes by months since entry for the density `qualifyingDensity`,
   * and for groups with a permit tenure their prefix sums over the months since arrival (made
   * on first use).
   */
  routes: Array<RouteTable | undefined>;
  tenureSums: Array<Float64Array | undefined>;
  /**
   * Employment insurance: the terms of a qualifying loss `[group][age][term]` (employment-insurance.ts,
   * JobLoss), kept per group under the same key as the invalidity terms (empty for other kinds).
   */
  jobLoss: Float64Array;
  /** Commutation factors of the year `[sex][age]`: the scheme's table or the year's annuity factors (project.ts). */
  commutation: Float64Array;
  /** ln of each group's wage age profile, `[group][sex][age]` (shared by the schemes). */
  logProfile: Float64Array;
  /** The scheme's values of the current year (insured.ts, Year). */
  year: Float64Array;
  /** Vectors over the ages of one group and sex (insured.ts). */
  persons: Float64Array;
  wage: Float64Array;
  logWage: Float64Array;
  insurable: Float64Array;
  benefit: Float64Array;
  /** Claimants' capped mean wages for the relativity `cappedRelativity` (insured.ts). */
  capped: Float64Array;
  cappedRelativity: number;
  /** The relativity and floor `benefit` was last computed for (insured.ts). */
  benefitRelativity: number;
  benefitFloor: number;
  /** The year's deaths that leave dependants' or survivors' pensions, and where these go (family.ts). */
  dependants: Family | null;
  survivors: Family | null;
  /** Those of the two the scheme has. */
  families: Family[];
  /** The parents' and siblings' awards of the group in hand (family.ts, Awarded). */
  otherDependants: Float64Array;
  /**
   * A top-up of another law's lump sums (offset.ts): the wage nodes, the two shares of the
   * cell in hand, and the capital value of a death's dependants' pensions per unit of full
   * annual pension `[group][sex][age]` for the groups with an offset (empty when none has one).
   */
  offsetNodes: Float64Array;
  offsetShares: Float64Array;
  deathCapital: Float64Array;
  /** Arrears recoveries due `[group][sex][year]`, for schemes where a group has arrears (insured.ts). */
  arrearsDue: Float64Array;
}

export function logProfiles(a: Assumptions): Float64Array {
  const out = new Float64Array(a.groups.length * CELLS);
  a.groups.forEach((group, g) => {
    for (let c = 0; c < CELLS; c++) out[g * CELLS + c] = Math.log(group.wageProfile[c]);
  });
  return out;
}

export function allocateWorkspace(scheme: SchemeAssumptions, groups: number, years: number, logProfile: Float64Array): Workspace {
  const types = PENSION_TYPES_BY_KIND[scheme.kind];
  const slot = new Int8Array(PENSION_TYPES.length).fill(-1);
  types.forEach((t, k) => (slot[PENSION_TYPES.indexOf(t)] = k));
  const size = types.length * groups * CELLS;
  const cohorts = AGES + years - 1;
  // Invalidity pensions in their select years are kept in blocks of their own, after the types'
  // (methodology §5, "Select period"), and blocks without awards read a region of zeros.
  const durations = scheme.benefits.invalidity?.byDuration?.durations ?? 0;
  const blocks = types.length + durations;
  const ws: Workspace = {
    types,
    slot,
    stockCount: new Float64Array(blocks * groups * SEXES * cohorts),
    stockAmount: new Float64Array(blocks * groups * SEXES * cohorts),
    cohorts,
    newCount: new Float64Array(size + (durations > 0 ? CELLS : 0)),
    newAmount: new Float64Array(size + (durations > 0 ? CELLS : 0)),
    noAwards: size,
    selectAnnuity: new Float64Array(durations > 0 ? (durations + 1) * CELLS : 0),
    awardValue: new Float64Array(durations > 0 ? AGES : 0),
    rollSums: new Float64Array(ROLL_SUMS),
    durationSums: new Float64Array(ROLL_SUMS),
    outgo: new Float64Array(OUTGO_COLUMNS.length),
    qualifying: new Float64Array(groups * (scheme.qualifying.windowMonths + 1)),
    qualifyingDensity: new Float64Array(groups).fill(NaN),
    invalidityRate: new Float64Array(groups * AGES),
    invalidityLogRate: new Float64Array(groups * AGES),
    invalidityQualifying: new Float64Array(groups * AGES),
    invalidityKey: new Float64Array(2 * groups).fill(NaN),
    invalidityReduced: new Float64Array(groups * AGES),
    invalidityGrant: new Float64Array(groups * AGES),
    invalidityGrantMonths: new Float64Array(groups * AGES),
    invalidityTermsByAge: new Float64Array(AGES * INVALIDITY_TERMS),
    routes: new Array(groups).fill(undefined),
    tenureSums: new Array(groups).fill(undefined),
    jobLoss: new Float64Array(scheme.kind === 'employment_insurance' ? groups * AGES * JOB_LOSS_TERMS : 0),
    commutation: new Float64Array(CELLS),
    logProfile,
    year: new Float64Array(YEAR_VALUES),
    persons: new Float64Array(AGES),
    wage: new Float64Array(AGES),
    logWage: new Float64Array(AGES),
    insurable: new Float64Array(AGES),
    benefit: new Float64Array(AGES),
    capped: new Float64Array(AGES),
    cappedRelativity: NaN,
    benefitRelativity: NaN,
    benefitFloor: NaN,
    dependants: scheme.benefits.dependants ? createFamily(scheme.benefits.dependants, slot[PENSION.dependants_spouse], slot[PENSION.dependants_children], groups) : null,
    survivors: scheme.benefits.survivors ? createFamily(scheme.benefits.survivors, slot[PENSION.survivors_spouse], slot[PENSION.survivors_children], groups) : null,
    families: [],
    otherDependants: new Float64Array(AWARDED),
    offsetNodes: new Float64Array(OFFSET_NODES),
    offsetShares: new Float64Array(2),
    deathCapital: new Float64Array(scheme.cover.some((c) => c?.offset) && scheme.benefits.dependants ? groups * CELLS : 0),
    arrearsDue: new Float64Array(scheme.cover.some((c) => c?.arrears) ? groups * SEXES * years : 0),
  };
  ws.families = [ws.dependants, ws.survivors].filter((f): f is Family => f !== null);
  // Survivors' awards are made when their pensions come to be rolled forward (pensions.ts), so
  // the pensions whose deaths leave them must be rolled before.
  if (ws.survivors && slot[PENSION.invalidity_pension] > Math.min(ws.survivors.spouseSlot, ws.survivors.childSlot)) {
    throw new Error(`${scheme.kind}: invalidity pensions must come before survivors' pensions in PENSION_TYPES_BY_KIND`);
  }
  // The base-year stock, from the assumptions' `[type][group][sex][age]` to cohort positions.
  types.forEach((t, k) => {
    for (let g = 0; g < groups; g++) {
      for (let s = 0; s < SEXES; s++) {
        const from = ((PENSION_TYPES.indexOf(t) * groups + g) * SEXES + s) * AGES;
        const to = cohortBase(ws, k, g, groups, s, 0, years);
        ws.stockCount.set(scheme.baseCount.subarray(from, from + AGES), to);
        ws.stockAmount.set(scheme.baseAnnualAmount.subarray(from, from + AGES), to);
      }
    }
  });
  return ws;
}

/** Position in the stock arrays of age 0 in year index i, for (slot, group, sex); add the age. */
export function cohortBase(ws: Workspace, slot: number, g: number, groups: number, s: number, i: number, years: number): number {
  return ((slot * groups + g) * SEXES + s) * ws.cohorts + (years - 1 - i);
}

/** Index of (slot, group, cell) in the new-award arrays. */
export function stockIndex(slot: number, group: number, groups: number, c: number): number {
  return (slot * groups + group) * CELLS + c;
}

/**
 * What a projection returns: per scheme and year, the flows of the summary, and the tidy
 * detail `[benefit][measure][group][sex][year]` (model.ts lists benefits and measures).
 * Money flows are rounded to the cent, so that the fund identity holds exactly.
 */
import type { Label } from '../assumptions/types.js';
import type { OutgoColumn, SchemeKind } from '../model.js';
import { DETAIL_BENEFITS, DETAIL_MEASURES, OUTGO_COLUMNS, PAYERS, PENSION_TYPES_BY_KIND } from '../model.js';
import { AGES, SEXES } from './layout.js';

/** Width of the age bands persons are kept by (population.csv, the pyramids): 0–4, 5–9, …, 110. */
export const BAND_YEARS = 5;
/** Bands 0–4 … 105–109 and 110 alone (the last age). */
export const AGE_BANDS = Math.ceil(AGES / BAND_YEARS);
/** The band of each age 0–110. */
export const BAND_OF_AGE = Uint8Array.from({ length: AGES }, (_, x) => Math.floor(x / BAND_YEARS));

export interface SchemeProjection {
  id: string;
  kind: SchemeKind;
  label: Label;
  /** Registered persons (expected headcount, mid-year). */
  registered: Float64Array;
  /** Registered persons whose contributions are collected. */
  contributing: Float64Array;
  /** Insurable wage bill S(t): annual insurable wages of contributing persons. */
  wageBill: Float64Array;
  /** Contributions by payer, PAYERS order (model.ts). */
  contributionsByPayer: Float64Array[];
  contributions: Float64Array;
  /** Benefit outgo by summary column (OUTGO_COLUMNS). */
  outgo: Record<OutgoColumn, Float64Array>;
  benefits: Float64Array;
  expenses: Float64Array;
  investmentIncome: Float64Array;
  /** Net cash flow received from (+) or sent to (−) a pooled fund. */
  poolTransfer: Float64Array;
  fundStart: Float64Array;
  fundEnd: Float64Array;
  /**
   * Capital value of the year's new pension awards (at award, methodology §5): by pension type
   * in the detail, all types here.
   */
  capitalValueNewAwards: Float64Array;
  /** Actuarial liability of the pensions in payment at the end of the year. */
  liabilityEnd: Float64Array;
  /** `[benefit][measure][group][sex][year]`; see detailIndex. */
  detail: Float64Array;
  /**
   * Registered and contributing persons by age band (BAND_OF_AGE, age last birthday in the
   * year), `[year][group][sex][band]`; see bandIndex. Kept where the engine computes them, and
   * only when the projection is asked to keep bands (project's `bands` option): empty otherwise.
   */
  registeredByBand: Float64Array;
  contributingByBand: Float64Array;
  /**
   * Beneficiaries at the end of the year by pension type (the kind's, in PENSION_TYPES_BY_KIND
   * order) and age band (age last birthday in the year), `[type][year][group][sex][band]`; see
   * pensionerBandIndex. Empty unless bands are kept.
   */
  pensionersByBand: Float64Array;
  /** Of the contributions, the arrears recovered (insured.ts); of the expenses, enforcement and outreach. */
  arrearsRecovered: Float64Array;
  enforcement: Float64Array;
  /** Whether the scheme splits its accidents by cause (commuting_incidence): the detail then has the commuting counts. */
  splitsCommuting: boolean;
  /** Whether the scheme has the reduced invalidity pension: the detail then has its awards. */
  paysReduced: boolean;
  /** Whether its dependants' or survivors' benefit pays parents or siblings: the detail then has their awards. */
  paysOtherDependants: boolean;
  groups: number;
  years: number;
}

export interface Projection {
  startYear: number;
  years: number;
  groupIds: string[];
  /** Share of each group's pensions paid abroad, or null where not given (flagged in the detail). */
  pensionsAbroad: Array<number | null>;
  schemes: SchemeProjection[];
}

export function allocateScheme(id: string, kind: SchemeKind, label: Label, years: number, groups: number, bands = false, splitsCommuting = false, paysReduced = false, paysOtherDependants = false): SchemeProjection {
  const series = () => new Float64Array(years);
  const banded = bands ? years * groups * SEXES * AGE_BANDS : 0;
  const outgo = Object.fromEntries(OUTGO_COLUMNS.map((c) => [c, series()])) as Record<OutgoColumn, Float64Array>;
  return {
    id,
    kind,
    label,
    registered: series(),
    contributing: series(),
    wageBill: series(),
    contributionsByPayer: PAYERS.map(() => series()),
    contributions: series(),
    outgo,
    benefits: series(),
    expenses: series(),
    investmentIncome: series(),
    poolTransfer: series(),
    fundStart: series(),
    fundEnd: series(),
    capitalValueNewAwards: series(),
    liabilityEnd: series(),
    detail: new Float64Array(DETAIL_BENEFITS.length * DETAIL_MEASURES.length * groups * SEXES * years),
    registeredByBand: new Float64Array(banded),
    contributingByBand: new Float64Array(banded),
    pensionersByBand: new Float64Array(PENSION_TYPES_BY_KIND[kind].length * banded),
    arrearsRecovered: series(),
    enforcement: series(),
    splitsCommuting,
    paysReduced,
    paysOtherDependants,
    groups,
    years,
  };
}

/** Index into `detail` of (benefit, measure, group, sex) at year 0; add the year index. */
export function detailIndex(benefit: number, measure: number, group: number, sex: number, groups: number, years: number): number {
  return (((benefit * DETAIL_MEASURES.length + measure) * groups + group) * SEXES + sex) * years;
}

/** Index into registeredByBand and contributingByBand of band 0 of (year index, group, sex). */
export function bandIndex(i: number, group: number, sex: number, groups: number): number {
  return ((i * groups + group) * SEXES + sex) * AGE_BANDS;
}

/** Index into pensionersByBand of band 0 of (pension type slot of the kind, year index, group, sex). */
export function pensionerBandIndex(slot: number, i: number, group: number, sex: number, groups: number, years: number): number {
  return (((slot * years + i) * groups + group) * SEXES + sex) * AGE_BANDS;
}

/** Adds to one detail value of year index i. */
export function addDetail(out: SchemeProjection, benefit: number, measure: number, group: number, sex: number, i: number, value: number): void {
  out.detail[detailIndex(benefit, measure, group, sex, out.groups, out.years) + i] += value;
}

/** The yearly totals of a scheme by name (the summary's columns), one owner for every reader. */
export function schemeTotals(s: SchemeProjection): Array<[string, Float64Array]> {
  return [
    ['registered', s.registered],
    ['contributing', s.contributing],
    ['wage_bill', s.wageBill],
    ['contributions', s.contributions],
    ...PAYERS.map((p, k): [string, Float64Array] => [`contributions_${p}`, s.contributionsByPayer[k]]),
    ['benefits', s.benefits],
    ['expenses', s.expenses],
    ['investment_income', s.investmentIncome],
    ['fund_end', s.fundEnd],
  ];
}

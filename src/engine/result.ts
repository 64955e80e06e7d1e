/**
 * What a projection returns: per scheme and year, the flows of the summary, and the tidy
 * detail `[benefit][measure][group][sex][year]` (model.ts lists benefits and measures).
 * Money flows are rounded to the cent, so that the fund identity holds exactly.
 */
import type { Label } from '../assumptions/types.js';
import type { OutgoColumn, SchemeKind } from '../model.js';
import { DETAIL_BENEFITS, DETAIL_MEASURES, OUTGO_COLUMNS } from '../model.js';
import { SEXES } from './layout.js';

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
  contributionsEmployer: Float64Array;
  contributionsEmployee: Float64Array;
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
  groups: number;
  years: number;
}

export interface Projection {
  startYear: number;
  years: number;
  groupIds: string[];
  schemes: SchemeProjection[];
}

export function allocateScheme(id: string, kind: SchemeKind, label: Label, years: number, groups: number): SchemeProjection {
  const series = () => new Float64Array(years);
  const outgo = Object.fromEntries(OUTGO_COLUMNS.map((c) => [c, series()])) as Record<OutgoColumn, Float64Array>;
  return {
    id,
    kind,
    label,
    registered: series(),
    contributing: series(),
    wageBill: series(),
    contributionsEmployer: series(),
    contributionsEmployee: series(),
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
    groups,
    years,
  };
}

/** Index into `detail` of (benefit, measure, group, sex) at year 0; add the year index. */
export function detailIndex(benefit: number, measure: number, group: number, sex: number, groups: number, years: number): number {
  return (((benefit * DETAIL_MEASURES.length + measure) * groups + group) * SEXES + sex) * years;
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
    ['benefits', s.benefits],
    ['expenses', s.expenses],
    ['investment_income', s.investmentIncome],
    ['fund_end', s.fundEnd],
  ];
}

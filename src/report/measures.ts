/**
 * `measures.csv`: the ILO financing measures, tidy: scheme, measure, benefit, group, from, to,
 * value, unit. Per-year measures have from = to = the year; period measures span their period;
 * per-group measures cover the whole horizon. An undefined ratio (a zero denominator) is an
 * empty value. The unit says how to read the value: `share` (of insurable wages: 0.0125 is
 * 1.25%), `years` (of benefits and expenses), the currency code (money), `year`, or `ratio`.
 */
import Papa from 'papaparse';
import { PENSION_TYPES } from '../model.js';
import type { Measures } from '../measures/types.js';
import { money, persons } from './format.js';

export const MEASURE_COLUMNS = ['scheme', 'measure', 'benefit', 'group', 'from', 'to', 'value', 'unit'] as const;

export interface MeasureRow {
  scheme: string;
  measure: string;
  benefit: string;
  group: string;
  from: number;
  to: number;
  value: number | null;
}

const MONEY_MEASURES = new Set(['liability', 'capital_value_new_awards', 'wage_bill', 'contributions', 'benefits', 'expenses', 'investment_income', 'fund_end']);

/** Rates and ratios to 8 decimals, money to the cent, persons to 3 decimals, years as they are; undefined as empty. */
export function formatMeasure(measure: string, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  if (measure === 'depletion_year') return String(value);
  if (measure === 'registered' || measure === 'contributing') return persons(value);
  if (measure.startsWith('pv_') || MONEY_MEASURES.has(measure)) return money(value);
  return value.toFixed(8);
}

/** Measures in shares of the insurable wage bill (rates). */
const SHARE_MEASURES = new Set(['contribution_rate', 'payg_cost_rate', 'terminal_funding_cost_rate', 'general_average_premium', 'scaled_premium', 'break_even_rate']);

/** The unit of a measure's value: `share`, `years`, `year`, `ratio`, or the currency code for money. */
export function measureUnit(measure: string, currency: string): string {
  if (SHARE_MEASURES.has(measure)) return 'share';
  if (measure === 'reserve_ratio') return 'years';
  if (measure === 'depletion_year') return 'year';
  if (measure === 'funding_ratio' || measure === 'benefit_contribution_ratio') return 'ratio';
  if (measure === 'registered' || measure === 'contributing') return 'persons';
  if (measure.startsWith('pv_') || MONEY_MEASURES.has(measure)) return currency;
  throw new Error(`measures.csv: no unit for the measure ${measure}`);
}

export function measureRows(m: Measures): MeasureRow[] {
  const rows: MeasureRow[] = [];
  const last = m.startYear + m.years - 1;
  for (const s of m.schemes) {
    const row = (measure: string, from: number, to: number, value: number | null, benefit = '', group = '') => rows.push({ scheme: s.scheme, measure, benefit, group, from, to, value });
    for (let i = 0; i < m.years; i++) {
      const year = m.startYear + i;
      row('contribution_rate', year, year, s.contributionRate[i]);
      row('payg_cost_rate', year, year, s.paygCostRate[i]);
      row('terminal_funding_cost_rate', year, year, s.terminalFundingCostRate[i]);
      row('reserve_ratio', year, year, s.reserveRatio[i]);
      row('funding_ratio', year, year, s.fundingRatio[i]);
      row('liability', year, year, s.liability[i]);
      for (const type of PENSION_TYPES) {
        const value = s.capitalValueNewAwards[type][i];
        if (value !== 0) row('capital_value_new_awards', year, year, value, type);
      }
    }
    row('depletion_year', m.startYear, last, s.depletionYear);
    for (const p of s.generalAveragePremium) row('general_average_premium', p.from, p.to, p.rate);
    for (const p of s.scaledPremium) row('scaled_premium', p.from, p.to, p.rate);
    for (const g of s.groups) {
      row('pv_wage_bill', m.startYear, last, g.pvWageBill, '', g.group);
      row('pv_contributions', m.startYear, last, g.pvContributions, '', g.group);
      row('pv_benefits', m.startYear, last, g.pvBenefits, '', g.group);
      row('pv_expenses', m.startYear, last, g.pvExpenses, '', g.group);
      row('break_even_rate', m.startYear, last, g.breakEvenRate, '', g.group);
      row('benefit_contribution_ratio', m.startYear, last, g.benefitContributionRatio, '', g.group);
    }
  }
  return rows;
}

/** `currency`: the scenario's currency code, the unit of money. */
export function measuresCsv(m: Measures, currency: string): string {
  const data = measureRows(m).map((r) => [r.scheme, r.measure, r.benefit, r.group, String(r.from), String(r.to), formatMeasure(r.measure, r.value), measureUnit(r.measure, currency)]);
  return Papa.unparse({ fields: [...MEASURE_COLUMNS], data }, { newline: '\n' }) + '\n';
}

/** The `--json` summary: `{scenario, years, schemes: {<id>: {registered, ..., fund_end}}}`. */
import type { Projection } from '../engine/result.js';

export interface JsonSummary {
  scenario: string;
  years: number[];
  schemes: Record<string, Record<'registered' | 'wage_bill' | 'contributions' | 'benefits' | 'expenses' | 'investment_income' | 'fund_end', number[]>>;
}

const round = (digits: number) => (x: number) => Number(x.toFixed(digits));

export function jsonSummary(scenarioId: string, p: Projection): JsonSummary {
  const money = (a: Float64Array) => Array.from(a, round(2));
  const schemes: JsonSummary['schemes'] = {};
  for (const s of p.schemes) {
    schemes[s.id] = {
      registered: Array.from(s.registered, round(3)),
      wage_bill: money(s.wageBill),
      contributions: money(s.contributions),
      benefits: money(s.benefits),
      expenses: money(s.expenses),
      investment_income: money(s.investmentIncome),
      fund_end: money(s.fundEnd),
    };
  }
  return { scenario: scenarioId, years: Array.from({ length: p.years }, (_, i) => p.startYear + i), schemes };
}

/**
 * The `--json` summary: `{scenario, years, schemes: {<id>: {registered, wage_bill, contributions,
 * benefits, expenses, investment_income, fund_end, ...measures}}}`, arrays over `years`;
 * undefined ratios are null.
 */
import type { Projection } from '../engine/result.js';
import type { Measures } from '../measures/types.js';

export interface JsonScheme {
  registered: number[];
  wage_bill: number[];
  contributions: number[];
  benefits: number[];
  expenses: number[];
  investment_income: number[];
  fund_end: number[];
  contribution_rate: Array<number | null>;
  payg_cost_rate: Array<number | null>;
  terminal_funding_cost_rate: Array<number | null>;
  reserve_ratio: Array<number | null>;
  funding_ratio: Array<number | null>;
  liability: number[];
  depletion_year: number | null;
  general_average_premium: Array<{ from: number; to: number; rate: number | null }>;
  scaled_premium: Array<{ from: number; to: number; rate: number | null }>;
  groups: Record<string, { break_even_rate: number | null; benefit_contribution_ratio: number | null; pv_contributions: number; pv_benefits: number; pv_expenses: number }>;
}

export interface JsonSummary {
  scenario: string;
  years: number[];
  schemes: Record<string, JsonScheme>;
}

const round = (digits: number) => (x: number) => Number(x.toFixed(digits));
const rates = (values: Array<number | null>) => values.map((x) => (x === null ? null : Number(x.toFixed(10))));

export function jsonSummary(scenarioId: string, p: Projection, m: Measures): JsonSummary {
  const money = (a: ArrayLike<number>) => Array.from(a, round(2));
  const schemes: JsonSummary['schemes'] = {};
  p.schemes.forEach((s, k) => {
    const ms = m.schemes[k];
    schemes[s.id] = {
      registered: Array.from(s.registered, round(3)),
      wage_bill: money(s.wageBill),
      contributions: money(s.contributions),
      benefits: money(s.benefits),
      expenses: money(s.expenses),
      investment_income: money(s.investmentIncome),
      fund_end: money(s.fundEnd),
      contribution_rate: rates(ms.contributionRate),
      payg_cost_rate: rates(ms.paygCostRate),
      terminal_funding_cost_rate: rates(ms.terminalFundingCostRate),
      reserve_ratio: rates(ms.reserveRatio),
      funding_ratio: rates(ms.fundingRatio),
      liability: money(ms.liability),
      depletion_year: ms.depletionYear,
      general_average_premium: ms.generalAveragePremium.map((g) => ({ ...g, rate: g.rate === null ? null : Number(g.rate.toFixed(10)) })),
      scaled_premium: ms.scaledPremium.map((g) => ({ ...g, rate: g.rate === null ? null : Number(g.rate.toFixed(10)) })),
      groups: Object.fromEntries(
        ms.groups.map((g) => [
          g.group,
          {
            break_even_rate: g.breakEvenRate === null ? null : Number(g.breakEvenRate.toFixed(10)),
            benefit_contribution_ratio: g.benefitContributionRatio === null ? null : Number(g.benefitContributionRatio.toFixed(10)),
            pv_contributions: round(2)(g.pvContributions),
            pv_benefits: round(2)(g.pvBenefits),
            pv_expenses: round(2)(g.pvExpenses),
          },
        ]),
      ),
    };
  });
  return { scenario: scenarioId, years: Array.from({ length: p.years }, (_, i) => p.startYear + i), schemes };
}

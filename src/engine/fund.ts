/**
 * Expenses, investment income and the fund (methodology §6), in whole cents so that
 *   F_t = F_{t−1} + Contributions + Investment − Benefits − Expenses (+ pool transfer)
 * holds exactly in every output. Investment: r·F_{t−1} + ((1 + r)^{1/2} − 1)·(net cash flow),
 * the cash flows arriving mid-year. A scheme pooled with another passes its net cash flow to
 * that scheme's fund and keeps none of its own.
 */
import type { Assumptions } from '../assumptions/types.js';
import { OUTGO_COLUMNS } from '../model.js';
import type { SchemeProjection } from './result.js';

const MONTHS = 12;

function cents(x: number): number {
  return Math.round(x * 100);
}

/** Per-run state of the funds: balances and the year's net cash flows, in cents. */
export interface FundState {
  balanceCents: Float64Array;
  netCents: Float64Array;
  transferCents: Float64Array;
}

export function createFundState(a: Assumptions): FundState {
  const n = a.schemes.length;
  const state = { balanceCents: new Float64Array(n), netCents: new Float64Array(n), transferCents: new Float64Array(n) };
  a.schemes.forEach((s, k) => (state.balanceCents[k] = cents(s.initialFund)));
  return state;
}

export function closeFundYear(a: Assumptions, results: SchemeProjection[], state: FundState, i: number): void {
  const { balanceCents: fundCents, netCents, transferCents } = state;
  transferCents.fill(0);
  for (let k = 0; k < results.length; k++) {
    const scheme = a.schemes[k];
    const out = results[k];
    // Each payer's part in whole cents, and the total their sum.
    let contributions = 0;
    for (const byPayer of out.contributionsByPayer) {
      const paid = cents(byPayer[i]);
      byPayer[i] = paid / 100;
      contributions += paid;
    }
    let benefits = 0;
    for (const column of OUTGO_COLUMNS) benefits += cents(out.outgo[column][i]);
    const e = scheme.expenses;
    const expenses = cents(
      (e.shareOfContributions * contributions + e.shareOfBenefits * benefits) / 100 +
        e.perInsuredMonthly * MONTHS * out.registered[i] * a.economy.wageIndex[i] +
        out.enforcement[i],
    );
    out.contributions[i] = contributions / 100;
    out.benefits[i] = benefits / 100;
    out.expenses[i] = expenses / 100;
    netCents[k] = contributions - benefits - expenses;
  }
  for (let k = 0; k < results.length; k++) {
    const owner = a.schemes[k].poolOwner;
    if (owner >= 0) {
      transferCents[k] -= netCents[k];
      transferCents[owner] += netCents[k];
    }
  }
  for (let k = 0; k < results.length; k++) {
    const out = results[k];
    const r = a.economy.investmentReturn[i];
    const start = fundCents[k];
    const cash = netCents[k] + transferCents[k];
    const investment = cents((r * start + (Math.sqrt(1 + r) - 1) * cash) / 100);
    const end = start + cash + investment;
    out.fundStart[i] = start / 100;
    out.investmentIncome[i] = investment / 100;
    out.poolTransfer[i] = transferCents[k] / 100;
    out.fundEnd[i] = end / 100;
    fundCents[k] = end;
  }
}

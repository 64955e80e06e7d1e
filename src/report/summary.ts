/** `summary.csv`: one row per scheme and year, every flow of the valuation (issue: projection core). */
import Papa from 'papaparse';
import { OUTGO_COLUMNS, PAYERS } from '../model.js';
import type { Projection } from '../engine/result.js';
import { money, persons } from './format.js';

export const SUMMARY_COLUMNS = [
  'scheme',
  'year',
  'registered',
  'contributing',
  'wage_bill',
  ...PAYERS.map((p) => `contributions_${p}` as const),
  'contributions_total',
  'arrears_recovered',
  ...OUTGO_COLUMNS,
  'benefits_total',
  'expenses',
  'enforcement',
  'investment_income',
  'pool_transfer',
  'fund_start',
  'fund_end',
] as const;

export function summaryRows(p: Projection): string[][] {
  const rows: string[][] = [];
  for (const s of p.schemes) {
    for (let i = 0; i < p.years; i++) {
      rows.push([
        s.id,
        String(p.startYear + i),
        persons(s.registered[i]),
        persons(s.contributing[i]),
        money(s.wageBill[i]),
        ...s.contributionsByPayer.map((paid) => money(paid[i])),
        money(s.contributions[i]),
        money(s.arrearsRecovered[i]),
        ...OUTGO_COLUMNS.map((c) => money(s.outgo[c][i])),
        money(s.benefits[i]),
        money(s.expenses[i]),
        money(s.enforcement[i]),
        money(s.investmentIncome[i]),
        money(s.poolTransfer[i]),
        money(s.fundStart[i]),
        money(s.fundEnd[i]),
      ]);
    }
  }
  return rows;
}

export function summaryCsv(p: Projection): string {
  return Papa.unparse({ fields: [...SUMMARY_COLUMNS], data: summaryRows(p) }, { newline: '\n' }) + '\n';
}

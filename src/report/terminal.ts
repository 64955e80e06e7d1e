/**
 * The short terminal summary of a run: a few milestone years per scheme, in RM million, the
 * cost rates and reserve, the general average premiums, and who pays for whom by group.
 */
import type { Projection } from '../engine/result.js';
import type { Measures } from '../measures/types.js';
import { grouped } from './format.js';

/** Start, 5, 10 and 25 years on, and the last year. */
export function milestoneYears(p: Projection): number[] {
  const picks = [0, 5, 10, 25, p.years - 1].filter((i) => i < p.years);
  return [...new Set(picks)];
}

/** A rate in percent, or "n/a" where it is undefined. */
export function percent(x: number | null): string {
  return x === null || !Number.isFinite(x) ? 'n/a' : `${(100 * x).toFixed(2)}%`;
}

function ratioText(x: number | null): string {
  return x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(2);
}

export function terminalSummary(title: string, currency: string, p: Projection, m: Measures, reportDir: string): string {
  const lines: string[] = [title, ''];
  const years = milestoneYears(p);
  const million = (x: number) => grouped(x / 1e6, 1);
  p.schemes.forEach((s, k) => {
    const ms = m.schemes[k];
    lines.push(`${s.label.en} (${s.id})  [${currency} million; registered in thousands]`);
    const header = ['year', 'registered', 'contributions', 'benefits', 'expenses', 'investment', 'fund at end'];
    const rows = years.map((i) => [
      String(p.startYear + i),
      grouped(s.registered[i] / 1e3, 1),
      million(s.contributions[i]),
      million(s.benefits[i]),
      million(s.expenses[i]),
      million(s.investmentIncome[i]),
      million(s.fundEnd[i]),
    ]);
    lines.push(...table(header, rows), '');
    const rates = [
      ['contribution rate', ...years.map((i) => percent(ms.contributionRate[i]))],
      ['PAYG cost rate', ...years.map((i) => percent(ms.paygCostRate[i]))],
      ['terminal funding', ...years.map((i) => percent(ms.terminalFundingCostRate[i]))],
      ['reserve ratio', ...years.map((i) => ratioText(ms.reserveRatio[i]))],
      ['funding ratio', ...years.map((i) => ratioText(ms.fundingRatio[i]))],
    ];
    lines.push(...table(['% of insurable wages', ...years.map((i) => String(p.startYear + i))], rates));
    const gap = ms.generalAveragePremium.map((g) => `${g.to - g.from + 1} years ${percent(g.rate)}`).join(', ');
    lines.push(`  general average premium: ${gap}`);
    lines.push(`  depletion year: ${ms.ownFund ? (ms.depletionYear ?? 'none') : 'n/a (pooled)'}`);
    if (ms.groups.length > 1) {
      const groupRows = ms.groups.map((g) => [g.group, percent(g.breakEvenRate), ratioText(g.benefitContributionRatio)]);
      lines.push(...table(['group of origin', 'break-even rate', 'benefits/contributions'], groupRows));
    }
    lines.push('');
  });
  lines.push(`Report written to ${reportDir}`);
  return lines.join('\n') + '\n';
}

export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => '  ' + cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), ...rows.map(line)];
}

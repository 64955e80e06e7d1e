/** The short terminal summary of a run: a few milestone years per scheme, in RM million. */
import type { Projection } from '../engine/result.js';
import { grouped } from './format.js';

/** Start, 5, 10 and 25 years on, and the last year. */
export function milestoneYears(p: Projection): number[] {
  const picks = [0, 5, 10, 25, p.years - 1].filter((i) => i < p.years);
  return [...new Set(picks)];
}

export function terminalSummary(title: string, currency: string, p: Projection, reportDir: string): string {
  const lines: string[] = [title, ''];
  const years = milestoneYears(p);
  const million = (x: number) => grouped(x / 1e6, 1);
  for (const s of p.schemes) {
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
  }
  lines.push(`Report written to ${reportDir}`);
  return lines.join('\n') + '\n';
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => '  ' + cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), ...rows.map(line)];
}

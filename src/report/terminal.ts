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

/** `before`: lines printed after the schemes, before the report's folder (the assumption register's). */
export function terminalSummary(title: string, currency: string, p: Projection, m: Measures, reportDir: string, before = ''): string {
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
  if (before) lines.push(before.trimEnd(), '');
  lines.push(`Report written to ${reportDir}`);
  return lines.join('\n') + '\n';
}

export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => '  ' + cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), ...rows.map(line)];
}

/** The numbers a workshop watches, per scheme: the GAP over the whole horizon, the depletion year, reserve ratios 10 and 25 years on. */
export interface Headline {
  scheme: string;
  label: string;
  ownFund: boolean;
  gap: { from: number; to: number; rate: number | null } | null;
  depletionYear: number | null;
  reserveRatios: Array<{ year: number; value: number | null }>;
}

export function headlineOf(p: Projection, m: Measures): Headline[] {
  const later = [10, 25].filter((n) => n < p.years);
  return p.schemes.map((s, k) => {
    const ms = m.schemes[k];
    return {
      scheme: s.id,
      label: s.label.en,
      ownFund: ms.ownFund,
      gap: ms.generalAveragePremium[ms.generalAveragePremium.length - 1] ?? null,
      depletionYear: ms.depletionYear,
      reserveRatios: later.map((n) => ({ year: p.startYear + n, value: ms.reserveRatio[n] })),
    };
  });
}

function depletionText(h: Headline): string {
  return h.ownFund ? String(h.depletionYear ?? 'none') : 'n/a (pooled)';
}

/** A reserve ratio, or "depleted" from the depletion year on (nothing is said of a negative fund). */
function reserveText(h: Headline, r: { year: number; value: number | null }): string {
  return h.depletionYear !== null && r.year >= h.depletionYear ? 'depleted' : ratioText(r.value);
}

/** One line per scheme: "Invalidity (invalidity): GAP 2025–2100 1.59%; depletion 2035; reserve ratio 2035 depleted, 2050 depleted". */
export function headlineLines(headline: readonly Headline[]): string[] {
  return headline.map((h) => {
    const gap = h.gap ? `GAP ${h.gap.from}–${h.gap.to} ${percent(h.gap.rate)}` : 'GAP n/a';
    const reserve = h.reserveRatios.length > 0 ? `; reserve ratio ${h.reserveRatios.map((r) => `${r.year} ${reserveText(h, r)}`).join(', ')}` : '';
    return `${h.label} (${h.scheme}): ${gap}; depletion ${depletionText(h)}${reserve}`;
  });
}

/** The change between two rates as shown ("2.10%" → "2.35%"), in basis points: "+25 bp". */
function basisPoints(before: string, after: string): string {
  const bp = Math.round((parseFloat(after) - parseFloat(before)) * 100);
  return `${bp >= 0 ? '+' : ''}${bp} bp`;
}

/**
 * What changed in the headline since the previous run, one line per scheme that changed, as
 * shown (a change too small to show is no change): "Invalidity (invalidity): GAP 1.59% → 1.84%
 * (+25 bp); depletion 2035 → 2037; reserve ratio 2050 3.10 → 2.95". Schemes added or removed
 * are said so; nothing changed gives one line saying that.
 */
export function headlineChanges(before: readonly Headline[], after: readonly Headline[]): string[] {
  const lines: string[] = [];
  for (const h of after) {
    const old = before.find((b) => b.scheme === h.scheme);
    if (!old) {
      lines.push(`${h.label} (${h.scheme}): new scheme`);
      continue;
    }
    const parts: string[] = [];
    const gapBefore = old.gap ? percent(old.gap.rate) : 'n/a';
    const gapAfter = h.gap ? percent(h.gap.rate) : 'n/a';
    const period = h.gap && old.gap && (h.gap.from !== old.gap.from || h.gap.to !== old.gap.to) ? ` (${old.gap.from}–${old.gap.to} → ${h.gap.from}–${h.gap.to})` : '';
    if (gapBefore !== gapAfter || period) {
      const bp = old.gap?.rate != null && h.gap?.rate != null && gapBefore !== gapAfter ? ` (${basisPoints(gapBefore, gapAfter)})` : '';
      parts.push(`GAP ${gapBefore} → ${gapAfter}${bp}${period}`);
    }
    if (depletionText(old) !== depletionText(h)) parts.push(`depletion ${depletionText(old)} → ${depletionText(h)}`);
    const reserve = h.reserveRatios.flatMap((r) => {
      const o = old.reserveRatios.find((x) => x.year === r.year);
      const was = o ? reserveText(old, o) : 'n/a';
      const now = reserveText(h, r);
      return was === now ? [] : [`${r.year} ${was} → ${now}`];
    });
    if (reserve.length > 0) parts.push(`reserve ratio ${reserve.join(', ')}`);
    if (parts.length > 0) lines.push(`${h.label} (${h.scheme}): ${parts.join('; ')}`);
  }
  for (const old of before) if (!after.some((h) => h.scheme === old.scheme)) lines.push(`${old.label} (${old.scheme}): scheme removed`);
  return lines.length > 0 ? lines : ['no change in the headline numbers'];
}

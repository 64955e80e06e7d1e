/**
 * The option cost table of `compare` (`options.csv`, a table of report.html, and on the
 * terminal). For each option, each scheme (of the baseline or of the option) and all schemes
 * together, what the option adds to the baseline:
 *
 * - the present values of its extra contributions and of its extra benefits and expenses, and
 *   the net PV cost = extra benefits and expenses − extra contributions (positive: the option
 *   costs the scheme money), at the baseline's discount rate over the baseline's horizon, cash
 *   flows mid-year (discountFrom, as the measures of methodology §7);
 * - the change in the general average premium over the whole horizon, in basis points of
 *   insurable wages;
 * - the depletion year in the baseline and in the option;
 * - the break-even rate and the benefit-to-contribution ratio of the groups the option extends
 *   (those whose cover differs from the baseline's, or that are new), from the option's own
 *   measures, the groups taken together (weighted by their PV wage bills, the groups'
 *   break-even rates add up to that of the groups together).
 *
 * A scheme that only the option has counts whole as the difference: its baseline values are
 * zero and its depletion year in the baseline is "no scheme".
 */
import Papa from 'papaparse';
import { discountFrom } from '../measures/discount.js';
import type { ComparisonTable, ScenarioRows } from './comparison.js';
import { valueOf, yearly } from './comparison.js';
import { grouped, money } from './format.js';
import { text } from './charts/labels.js';
import type { Lang } from './charts/labels.js';

/** A depletion year, or why there is none: never depleted, no such scheme, no fund of its own. */
export type Depletion = number | 'none' | 'no scheme' | 'pooled';

export interface OptionCostRow {
  /** The option's position in the comparison (1 for the first option). */
  option: number;
  /** The scheme, or null for all schemes together. */
  scheme: string | null;
  pvExtraContributions: number;
  /** The part of pvExtraContributions the government pays: the PV of the option's budget cost (a subsidy). */
  pvExtraGovernment: number;
  /** PV of the extra benefits and expenses. */
  pvExtraOutgo: number;
  /** pvExtraOutgo − pvExtraContributions: positive, the option costs the scheme money. */
  netPvCost: number;
  /** GAP over the whole horizon, option − baseline, as a share of insurable wages (null: undefined; all schemes: none). */
  gapChange: number | null;
  /** Null in the row of all schemes together. */
  depletionBaseline: Depletion | null;
  depletionOption: Depletion | null;
  /** The groups the option extends (ids): cover that differs from the baseline's, or new. */
  extendedGroups: string[];
  /** Their break-even rate together (null: none, no wage bill, or all schemes together). */
  breakEvenRate: number | null;
  /** PV(B + E) / PV(C) of those groups together (null: none, or no contributions). */
  benefitContributionRatio: number | null;
}

export interface OptionCosts {
  /** The scenario ids, the baseline first. */
  ids: string[];
  /** The baseline's horizon: the PVs and the GAP period. */
  from: number;
  to: number;
  currency: string;
  rows: OptionCostRow[];
}

/** The schemes of the baseline and of an option, the baseline's first. */
function schemesOf(base: ScenarioRows, option: ScenarioRows): string[] {
  return [...new Set([...base.schemes.map((s) => s.id), ...option.schemes.map((s) => s.id)])];
}

function depletion(t: ComparisonTable, j: number, scenario: ScenarioRows, scheme: string): Depletion {
  const s = scenario.schemes.find((x) => x.id === scheme);
  if (!s) return 'no scheme';
  if (!s.ownFund) return 'pooled';
  const year = valueOf(t, j, { scheme, measure: 'depletion_year', from: scenario.startYear, to: scenario.startYear + scenario.years - 1 });
  return year === null || year === undefined ? 'none' : year;
}

/** The groups of a scheme that an option extends: cover unlike the baseline's, or new. */
export function extendedGroups(base: ScenarioRows, option: ScenarioRows, scheme: string): string[] {
  const cover = option.schemes.find((s) => s.id === scheme)?.cover ?? {};
  const before = base.schemes.find((s) => s.id === scheme)?.cover ?? {};
  return Object.keys(cover).filter((g) => before[g] !== cover[g]);
}

interface GroupSums {
  wageBill: number;
  weightedBreakEven: number;
  contributions: number;
  outgo: number;
}

/** The option's PVs and break-even rates of some groups of a scheme (measures.csv), summed. */
function groupSums(t: ComparisonTable, j: number, scenario: ScenarioRows, scheme: string, groups: readonly string[], into: GroupSums): GroupSums {
  const from = scenario.startYear;
  const to = scenario.startYear + scenario.years - 1;
  const get = (measure: string, group: string) => valueOf(t, j, { scheme, measure, group, from, to }) ?? null;
  for (const g of groups) {
    const wageBill = get('pv_wage_bill', g) ?? 0;
    const breakEven = get('break_even_rate', g);
    into.wageBill += wageBill;
    if (breakEven !== null) into.weightedBreakEven += wageBill * breakEven;
    into.contributions += get('pv_contributions', g) ?? 0;
    into.outgo += (get('pv_benefits', g) ?? 0) + (get('pv_expenses', g) ?? 0);
  }
  return into;
}

export function optionCosts(t: ComparisonTable, scenarios: readonly ScenarioRows[]): OptionCosts {
  const base = scenarios[0];
  const from = base.startYear;
  const to = base.startYear + base.years - 1;
  const years = Array.from({ length: base.years }, (_, i) => from + i);
  const discount = discountFrom(Float64Array.from(base.discountRate), 0);
  // A scenario without the scheme (or without a year) has no flows there: zero.
  const pv = (values: ReadonlyArray<number | null>) => values.reduce<number>((sum, v, i) => sum + discount.mid[i] * (v ?? 0), 0);
  const flows = (j: number, scheme: string) => ({
    contributions: pv(yearly(t, j, scheme, 'contributions', years)),
    government: pv(yearly(t, j, scheme, 'contributions_government', years)),
    outgo: pv(yearly(t, j, scheme, 'benefits', years)) + pv(yearly(t, j, scheme, 'expenses', years)),
  });
  const gap = (j: number, scenario: ScenarioRows, scheme: string): number | null => {
    if (!scenario.schemes.some((s) => s.id === scheme)) return 0;
    return valueOf(t, j, { scheme, measure: 'general_average_premium', from, to }) ?? null;
  };
  const rows: OptionCostRow[] = [];
  for (let j = 1; j < scenarios.length; j++) {
    const option = scenarios[j];
    const all: GroupSums = { wageBill: 0, weightedBreakEven: 0, contributions: 0, outgo: 0 };
    const total: OptionCostRow = { option: j, scheme: null, pvExtraContributions: 0, pvExtraGovernment: 0, pvExtraOutgo: 0, netPvCost: 0, gapChange: null, depletionBaseline: null, depletionOption: null, extendedGroups: [], breakEvenRate: null, benefitContributionRatio: null };
    for (const scheme of schemesOf(base, option)) {
      const before = flows(0, scheme);
      const after = flows(j, scheme);
      const pvExtraContributions = after.contributions - before.contributions;
      const pvExtraOutgo = after.outgo - before.outgo;
      const gapBefore = gap(0, base, scheme);
      const gapAfter = gap(j, option, scheme);
      const extended = extendedGroups(base, option, scheme);
      const sums = groupSums(t, j, option, scheme, extended, { wageBill: 0, weightedBreakEven: 0, contributions: 0, outgo: 0 });
      groupSums(t, j, option, scheme, extended, all);
      rows.push({
        option: j,
        scheme,
        pvExtraContributions,
        pvExtraGovernment: after.government - before.government,
        pvExtraOutgo,
        netPvCost: pvExtraOutgo - pvExtraContributions,
        gapChange: gapBefore === null || gapAfter === null ? null : gapAfter - gapBefore,
        depletionBaseline: depletion(t, 0, base, scheme),
        depletionOption: depletion(t, j, option, scheme),
        extendedGroups: extended,
        breakEvenRate: sums.wageBill > 0 ? sums.weightedBreakEven / sums.wageBill : null,
        benefitContributionRatio: extended.length > 0 && sums.contributions !== 0 ? sums.outgo / sums.contributions : null,
      });
      total.pvExtraContributions += pvExtraContributions;
      total.pvExtraGovernment += after.government - before.government;
      total.pvExtraOutgo += pvExtraOutgo;
      for (const g of extended) if (!total.extendedGroups.includes(g)) total.extendedGroups.push(g);
    }
    total.netPvCost = total.pvExtraOutgo - total.pvExtraContributions;
    total.benefitContributionRatio = total.extendedGroups.length > 0 && all.contributions !== 0 ? all.outgo / all.contributions : null;
    rows.push(total);
  }
  return { ids: scenarios.map((s) => s.id), from, to, currency: base.currency, rows };
}

// ---------------------------------------------------------------- formats

/** Fixed decimals without "-0.00": a negative zero is zero. */
function decimals(x: number | null, digits: number): string {
  if (x === null || !Number.isFinite(x)) return '';
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/**
 * A difference with its sign: a true zero is "0"; anything else keeps enough decimals not to
 * round to zero (+0.003, never +0.00 or -0.00), with thousands separators.
 */
export function signed(x: number, digits = 1, minus = '-'): string {
  if (x === 0) return '0';
  let d = digits;
  let shown = grouped(Math.abs(x), d);
  while (/^[0.,]*$/.test(shown) && d < 10) shown = grouped(Math.abs(x), ++d);
  return `${x > 0 ? '+' : minus}${shown}`;
}

/**
 * basisPoints for the terminal's fixed-width table: a change below 0.0001 bp in magnitude is
 * written with its exponent ("-2e-6"), its first digit still shown but its width bounded.
 */
export function terminalBasisPoints(x: number | null): string {
  if (x === null || !Number.isFinite(x) || x === 0 || Math.abs(x * 1e4) >= 0.0001) return basisPoints(x);
  const bp = x * 1e4;
  return `${bp > 0 ? '+' : '-'}${Math.abs(bp).toExponential(0)}`;
}

/** A change of a rate in basis points with its sign (0.000123 → "+1.2"); a true zero is "0". */
export function basisPoints(x: number | null, minus = '-'): string {
  if (x === null || !Number.isFinite(x)) return 'n/a';
  const bp = x * 1e4;
  return signed(bp, Math.abs(bp) >= 100 ? 0 : 1, minus);
}

/** A rate in percent, two decimals, never "-0.00%". */
export function percentText(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return 'n/a';
  return `${decimals(100 * x, 2)}%`;
}

export function ratioText(x: number | null): string {
  return x === null || !Number.isFinite(x) ? 'n/a' : decimals(x, 2);
}

const DEPLETION_WORDS = {
  none: { en: 'none', ms: 'tiada' },
  'no scheme': { en: 'no scheme', ms: 'tiada skim' },
  pooled: { en: 'pooled', ms: 'dikumpulkan' },
} as const;

export function depletionText(d: Depletion | null, lang: Lang = 'en'): string {
  if (d === null) return '';
  return typeof d === 'number' ? String(d) : DEPLETION_WORDS[d][lang];
}

/** The money unit of a table: RM million, or RM billion where millions would need more than eight digits. */
export function tableUnit(values: readonly number[], currency: string, lang: Lang): { divisor: number; label: string } {
  const largest = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return largest >= 1e14 ? { divisor: 1e9, label: text('billions', lang, currency) } : { divisor: 1e6, label: text('millions', lang, currency) };
}

// ---------------------------------------------------------------- options.csv

/** A GAP change in basis points as options.csv writes it (4 decimals; empty where undefined). */
export function basisPointsCsv(x: number | null): string {
  return x === null ? '' : decimals(x * 1e4, 4);
}

export function optionCostsCsv(c: OptionCosts): string {
  const fields = [
    'option',
    'scheme',
    `pv_extra_contributions_${c.currency}`,
    `pv_extra_government_contributions_${c.currency}`,
    `pv_extra_benefits_expenses_${c.currency}`,
    `net_pv_cost_${c.currency}`,
    `gap_change_${c.from}_${c.to}_bp`,
    'depletion_year_baseline',
    'depletion_year_option',
    'extended_groups',
    'extended_groups_break_even_rate_share',
    'extended_groups_benefit_contribution_ratio',
  ];
  const data = c.rows.map((r) => [
    c.ids[r.option],
    r.scheme ?? 'all',
    money(r.pvExtraContributions),
    money(r.pvExtraGovernment),
    money(r.pvExtraOutgo),
    money(r.netPvCost),
    basisPointsCsv(r.gapChange),
    depletionText(r.depletionBaseline),
    depletionText(r.depletionOption),
    r.extendedGroups.join(';'),
    decimals(r.breakEvenRate, 8),
    decimals(r.benefitContributionRatio, 8),
  ]);
  return Papa.unparse({ fields, data }, { newline: '\n' }) + '\n';
}

// ---------------------------------------------------------------- the terminal

/** The widest a line of the terminal table may be. */
export const TERMINAL_WIDTH = 100;

/** The cost table for the terminal: a heading per option, a row per scheme, at most 100 columns. */
export function optionCostsText(c: OptionCosts): string[] {
  const unit = tableUnit(c.rows.flatMap((r) => [r.pvExtraContributions, r.pvExtraOutgo, r.netPvCost]), c.currency, 'en');
  const inUnit = (x: number) => signed(x / unit.divisor, 0);
  const header = ['scheme', 'extra C', 'extra B+E', 'net cost', 'GAP bp', 'depleted', 'BE rate', 'B/C'];
  const cells = c.rows.map((r) => [
    r.scheme ?? 'all schemes',
    inUnit(r.pvExtraContributions),
    inUnit(r.pvExtraOutgo),
    inUnit(r.netPvCost),
    r.scheme === null ? '' : terminalBasisPoints(r.gapChange),
    r.scheme === null ? '' : `${depletionText(r.depletionBaseline)} → ${depletionText(r.depletionOption)}`,
    r.extendedGroups.length === 0 || r.breakEvenRate === null ? '' : percentText(r.breakEvenRate),
    r.extendedGroups.length === 0 || r.benefitContributionRatio === null ? '' : ratioText(r.benefitContributionRatio),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...cells.map((row) => row[k].length)));
  const line = (row: string[]) => ('    ' + row.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join('  ')).trimEnd();
  const lines = [
    `Option costs (options.csv): present values ${c.from}-${c.to} at the baseline's discount rate, ${unit.label}`,
    `  extra C: contributions; extra B+E: benefits and expenses; net cost = extra B+E - extra C`,
    `  (positive: the option costs the scheme money); GAP bp: change in the general average premium`,
    `  ${c.from}-${c.to}, basis points of insurable wages; depleted: baseline → option; BE rate, B/C:`,
    `  break-even rate and benefits/contributions of the groups the option extends`,
    '',
    line(header),
  ];
  let option = -1;
  c.rows.forEach((r, k) => {
    if (r.option !== option) {
      option = r.option;
      lines.push(`  ${option} ${c.ids[option]}`);
    }
    lines.push(line(cells[k]));
  });
  return lines;
}

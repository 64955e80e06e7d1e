/**
 * The government's cost of each option, year by year (`compare`): what the government pays into
 * each scheme (contributions_government, methodology §2, "Who pays"), in the option and in the
 * baseline, and the difference, the option's budget cost of a subsidy. Only the options and
 * schemes where the government pays something in either scenario are listed.
 * `government.csv`, a table of report.html and lines on the terminal.
 */
import Papa from 'papaparse';
import type { ComparisonTable, ScenarioRows } from './comparison.js';
import { yearly } from './comparison.js';
import { grouped, money } from './format.js';
import type { OptionCosts } from './options-table.js';
import { text } from './charts/labels.js';

export interface GovernmentCost {
  /** The option's position in the comparison (1 for the first option). */
  option: number;
  scheme: string;
  years: number[];
  /** Contributions paid by the government by year, in the baseline and in the option (0 where a scenario lacks the scheme). */
  baseline: number[];
  inOption: number[];
  /** The PV of the difference, as options.csv's pv_extra_government_contributions. */
  pvDifference: number;
}

export function governmentCosts(t: ComparisonTable, scenarios: readonly ScenarioRows[], costs: OptionCosts): GovernmentCost[] {
  const base = scenarios[0];
  const years = Array.from({ length: base.years }, (_, i) => base.startYear + i);
  const paid = (j: number, scheme: string) => yearly(t, j, scheme, 'contributions_government', years).map((v) => v ?? 0);
  const out: GovernmentCost[] = [];
  for (const row of costs.rows) {
    if (row.scheme === null) continue;
    const baseline = paid(0, row.scheme);
    const inOption = paid(row.option, row.scheme);
    if (!baseline.some((v) => v !== 0) && !inOption.some((v) => v !== 0)) continue;
    out.push({ option: row.option, scheme: row.scheme, years, baseline, inOption, pvDifference: row.pvExtraGovernment });
  }
  return out;
}

export function governmentCsv(costs: readonly GovernmentCost[], ids: readonly string[], currency: string): string {
  const fields = ['option', 'scheme', 'year', `government_baseline_${currency}`, `government_option_${currency}`, `government_difference_${currency}`];
  const data = costs.flatMap((c) => c.years.map((year, i) => [ids[c.option], c.scheme, String(year), money(c.baseline[i]), money(c.inOption[i]), money(c.inOption[i] - c.baseline[i])]));
  return Papa.unparse({ fields, data }, { newline: '\n' }) + '\n';
}

/** The years shown on the terminal and in report.html: the first, and 1, 5, 10 and 25 years on, within the horizon. */
export function governmentYears(c: GovernmentCost): number[] {
  const first = c.years[0];
  const last = c.years[c.years.length - 1];
  return [...new Set([first, first + 1, first + 5, first + 10, first + 25].filter((y) => y <= last))];
}

/** The terminal lines: per option and scheme, the government's extra payments in RM million at a few years, and their PV. */
export function governmentText(costs: readonly GovernmentCost[], ids: readonly string[], currency: string): string[] {
  if (costs.length === 0) return [];
  const lines = [`The government's cost (government.csv): its contributions, option less baseline, ${text('millions', 'en', currency)}`];
  for (const c of costs) {
    const shown = governmentYears(c).map((year) => {
      const i = year - c.years[0];
      return `${year} ${grouped((c.inOption[i] - c.baseline[i]) / 1e6, 1)}`;
    });
    lines.push(`  ${c.option} ${ids[c.option]}, ${c.scheme}:`, `      ${shown.join(', ')}; PV ${grouped(c.pvDifference / 1e6, 1)}`);
  }
  return lines;
}

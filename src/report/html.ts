/**
 * `report.html`: one self-contained file (styles and charts embedded, no network) to send round
 * after a workshop: a table of contents; the key results (each general average premium and
 * scaled premium beside the legislated rate, the depletion year, reserve ratios); the
 * assumptions that differ from the baseline; contributions, benefits and the fund at milestone
 * years, and who pays the contributions (the government's yearly cost of a subsidy); the measures; every chart by scheme, and those left out with the reason; the data
 * sources and the provenance. Table cells carry the CSV's own value in `data-value`, so the
 * report and the CSVs are the same numbers.
 */
import { escapeHtml, figureHtml, htmlPage, omittedHtml } from './html-page.js';
import type { Section } from './html-page.js';
import { stringify } from 'yaml';
import type { Projection, SchemeProjection } from '../engine/result.js';
import type { Measures, SchemeMeasures } from '../measures/types.js';
import type { Provenance } from './provenance.js';
import { formatMeasure } from './measures.js';
import { legislatedLevelRate } from '../measures/compute.js';
import { registerHtml } from './register-html.js';
import type { RegisterEntry } from '../scenario/register.js';
import type { Effect, Outcome } from '../register/effects.js';
import { money } from './format.js';
import { PAYERS } from '../model.js';
import { milestoneYears } from './terminal.js';
import { formatNumber, payerLabel, text } from './charts/labels.js';
import type { Lang } from './charts/labels.js';
import type { OmittedChart } from './charts/chart-kit.js';

const WORDS = {
  keyResults: { en: 'Key results', ms: 'Keputusan utama' },
  dependsOn: { en: 'What this answer depends on', ms: 'Perkara yang menentukan jawapan ini' },
  differences: { en: 'Assumptions that differ from the baseline', ms: 'Andaian yang berbeza daripada asas' },
  noDifferences: { en: 'This scenario is a baseline: it extends no other scenario.', ms: 'Senario ini ialah asas: ia tidak melanjutkan senario lain.' },
  money: { en: 'Contributions, benefits and the fund', ms: 'Caruman, faedah dan dana' },
  measures: { en: 'Financing measures', ms: 'Ukuran pembiayaan' },
  groups: { en: 'By group of origin', ms: 'Mengikut kumpulan asal' },
  charts: { en: 'Charts', ms: 'Carta' },
  sources: { en: 'Data sources', ms: 'Sumber data' },
  provenance: { en: 'Provenance', ms: 'Asal usul' },
  scheme: { en: 'Scheme', ms: 'Skim' },
  year: { en: 'Year', ms: 'Tahun' },
  period: { en: 'Period', ms: 'Tempoh' },
  key: { en: 'Key', ms: 'Kunci' },
  baseline: { en: 'Baseline', ms: 'Asas' },
  thisScenario: { en: 'This scenario', ms: 'Senario ini' },
  legislated: { en: 'Legislated rate', ms: 'Kadar perundangan' },
  headline: { en: 'Per scheme, over the whole horizon', ms: 'Bagi setiap skim, sepanjang tempoh unjuran' },
  gapTable: { en: 'General average premiums by period', ms: 'Premium purata am mengikut tempoh' },
  scaledTable: { en: 'Scaled premium by period of equilibrium', ms: 'Premium berskala mengikut tempoh keseimbangan' },
  reserveRatioIn: { en: 'Reserve ratio {year}', ms: 'Nisbah rizab {year}' },
  none: { en: 'none', ms: 'tiada' },
  depleted: { en: 'depleted', ms: 'habis' },
  pooled: { en: 'pooled', ms: 'dikumpulkan' },
  yearsCount: { en: '{n} years', ms: '{n} tahun' },
  legislatedNote: {
    en: 'Legislated rate: the contribution rates in force over the period as one level rate, PV(contributions) ÷ PV(insurable wages), discounted as the premium beside it is (at the discount rate for a general average premium, at the investment return for a scaled premium). Where it is below the premium, the legislated rates do not finance the period. The rate of each year is contribution_rate in measures.csv; the premiums are general_average_premium and scaled_premium.',
    ms: 'Kadar perundangan: kadar caruman yang berkuat kuasa sepanjang tempoh sebagai satu kadar rata, NK(caruman) ÷ NK(gaji boleh diinsuranskan), didiskaun seperti premium di sebelahnya (pada kadar diskaun bagi premium purata am, pada pulangan pelaburan bagi premium berskala). Jika ia lebih rendah daripada premium, kadar perundangan tidak membiayai tempoh itu. Kadar setiap tahun ialah contribution_rate dalam measures.csv; premium ialah general_average_premium dan scaled_premium.',
  },
  pooledNote: {
    en: 'A pooled scheme keeps no fund of its own: its reserve ratio and depletion year are n/a, and its general average premium starts from a zero fund.',
    ms: 'Skim yang dikumpulkan tiada dana sendiri: nisbah rizab dan tahun susutannya n/a, dan premium purata amnya bermula daripada dana sifar.',
  },
  moneyCaption: { en: '{unit}, nominal; the values to the cent are in summary.csv', ms: '{unit}, nominal; nilai hingga sen dalam summary.csv' },
  depletedNote: {
    en: 'From the year the fund is depleted, neither the fund nor (from the next year) interest on a negative fund is shown: the shortfall is the year\'s benefits and expenses less its contributions.',
    ms: 'Mulai tahun dana habis, dana dan (mulai tahun berikutnya) faedah ke atas dana negatif tidak ditunjukkan: kekurangan ialah faedah dan perbelanjaan tahun itu tolak carumannya.',
  },
  ratiosDepletedNote: {
    en: 'Reserve and funding ratios of a depleted fund are shown as depleted (measures.csv keeps their values).',
    ms: 'Nisbah rizab dan pembiayaan dana yang habis ditunjukkan sebagai habis (measures.csv menyimpan nilainya).',
  },
  contributions: { en: 'Contributions', ms: 'Caruman' },
  payers: { en: 'Who pays the contributions', ms: 'Siapa membayar caruman' },
  payersCaption: { en: 'Contributions by payer, nominal, each scheme in its own unit; the values to the cent are contributions_employer, contributions_employee, contributions_government and contributions_platform in summary.csv', ms: 'Caruman mengikut pembayar, nominal, setiap skim dalam unitnya sendiri; nilai hingga sen ialah contributions_employer, contributions_employee, contributions_government dan contributions_platform dalam summary.csv' },
  unit: { en: 'Unit', ms: 'Unit' },
  payer: { en: 'Payer', ms: 'Pembayar' },
  governmentPays: { en: "The government's cost of its subsidy: it pays {amounts} into {scheme} (contributions_government in summary.csv, every year).", ms: 'Kos subsidi kerajaan: ia membayar {amounts} kepada {scheme} (contributions_government dalam summary.csv, setiap tahun).' },
  governmentNone: { en: 'The government pays no contributions in this scenario.', ms: 'Kerajaan tidak membayar caruman dalam senario ini.' },
  inYear: { en: '{amount} in {year}', ms: '{amount} pada {year}' },
  benefits: { en: 'Benefits', ms: 'Faedah' },
  expenses: { en: 'Expenses', ms: 'Perbelanjaan' },
  arrearsRecovered: { en: 'of which arrears recovered', ms: 'termasuk tunggakan dipulih' },
  enforcement: { en: 'of which enforcement', ms: 'termasuk penguatkuasaan' },
  investment: { en: 'Investment income', ms: 'Pendapatan pelaburan' },
  fundEnd: { en: 'Fund at the end of the year', ms: 'Dana pada akhir tahun' },
  poolTransfer: { en: 'Net cash flow sent to the pooled fund', ms: 'Aliran tunai bersih dihantar ke dana terkumpul' },
  sourcesNote: {
    en: 'Every table, its source, date and transformation, and every assumption: data/SOURCES.md of coverage-sim.',
    ms: 'Setiap jadual, sumber, tarikh dan transformasinya, serta setiap andaian: data/SOURCES.md dalam coverage-sim.',
  },
} as const;

const HEADERS: Record<string, { en: string; ms: string }> = {
  contribution_rate: { en: 'Contribution rate', ms: 'Kadar caruman' },
  payg_cost_rate: { en: 'PAYG cost rate', ms: 'Kadar kos bayar-semasa-guna' },
  terminal_funding_cost_rate: { en: 'Terminal funding', ms: 'Pembiayaan terminal' },
  reserve_ratio: { en: 'Reserve ratio', ms: 'Nisbah rizab' },
  funding_ratio: { en: 'Funding ratio', ms: 'Nisbah pembiayaan' },
  general_average_premium: { en: 'General average premium', ms: 'Premium purata am' },
  scaled_premium: { en: 'Scaled premium', ms: 'Premium berskala' },
  depletion_year: { en: 'Depletion year', ms: 'Tahun susutan' },
  shortfall: { en: 'Shortfall', ms: 'Kekurangan' },
  break_even_rate: { en: 'Break-even rate', ms: 'Kadar pulang modal' },
  benefit_contribution_ratio: { en: 'Benefits / contributions', ms: 'Faedah / caruman' },
};

export interface Difference {
  key: string;
  baseline: string;
  scenario: string;
}

export interface ReportInput {
  title: string;
  description: string;
  lang: Lang;
  projection: Projection;
  measures: Measures;
  differences: Difference[] | null;
  charts: ReadonlyArray<{ name: string; title: string; png: Buffer }>;
  /** The charts left out (they would have been empty), with the reason. */
  omitted?: readonly OmittedChart[];
  /** The scheme currency code (MYR), for the money table's unit. */
  currency: string;
  /** The rates premiums are discounted at: the discount rate (GAP) and the investment return (scaled premium), by year. */
  economy: { discountRate: Float64Array; investmentReturn: Float64Array };
  provenance: Provenance;
  /** Labels of the groups by id. */
  groupLabels: Record<string, string>;
  /** The assumption register and the effects of its ranges ("What this answer depends on"). */
  register: { entries: readonly RegisterEntry[]; effects: readonly Effect[]; base: Outcome };
}

/** Measures shown as a percentage. */
const PERCENT = (measure: string) => measure.endsWith('_rate') || measure === 'general_average_premium' || measure === 'scaled_premium';

/**
 * A cell showing a measure: the CSV value in data-value, a readable one in the text (`empty`:
 * shown for an empty value; `instead`: shown instead of the value, as "depleted" for a ratio of
 * a negative fund).
 */
function cell(measure: string, value: number | null, empty?: string, instead?: string): string {
  const csv = formatMeasure(measure, value);
  let shown = 'n/a';
  if (instead !== undefined && csv !== '') {
    shown = instead;
  } else if (csv !== '') {
    const x = Number(csv);
    shown = PERCENT(measure) ? `${(100 * x).toFixed(2)}%` : measure === 'depletion_year' ? csv : x.toFixed(2);
    if (/^-0\.0+%?$/.test(shown)) shown = shown.slice(1); // no "-0.00"
  } else if (empty !== undefined) {
    shown = empty;
  } else if (measure === 'depletion_year') {
    shown = '—';
  }
  return `<td data-measure="${measure}" data-value="${csv}">${escapeHtml(shown)}</td>`;
}

/** The money unit that fits a table: billions when its largest value reaches one billion, else millions or thousands. */
function moneyDivisor(values: number[], currency: string, lang: Lang): { divisor: number; label: string } {
  const largest = Math.max(0, ...values.map(Math.abs));
  const [divisor, key] = largest >= 1e9 ? [1e9, 'billions' as const] : largest >= 1e6 ? [1e6, 'millions' as const] : [1e3, 'thousands' as const];
  return { divisor, label: text(key, lang, currency) };
}

export function reportHtml(input: ReportInput): string {
  const { lang, projection: p, measures: m } = input;
  const w = (key: keyof typeof WORDS) => WORDS[key][lang];
  const h = (key: string) => HEADERS[key]?.[lang] ?? key;
  const name = (k: number) => escapeHtml(p.schemes[k].label[lang] ?? p.schemes[k].label.en);
  const years = milestoneYears(p);
  const sections: Section[] = [
    { id: 'key-results', heading: w('keyResults'), html: keyResults(input, w, h, name) },
    { id: 'depends-on', heading: w('dependsOn'), html: dependsOn(input) },
    { id: 'differences', heading: w('differences'), html: differences(input, w) },
    { id: 'money', heading: w('money'), html: moneyTables(input, w, name, years) },
    { id: 'payers', heading: w('payers'), html: payersTable(input, w, name, years) },
    { id: 'measures', heading: w('measures'), html: measureTables(input, w, h, name, years) },
    { id: 'charts', heading: w('charts'), html: chartsHtml(input, name) },
    { id: 'sources', heading: w('sources'), html: sourcesHtml(input, w) },
    { id: 'provenance', heading: w('provenance'), html: `<pre>${escapeHtml(stringify(input.provenance, { lineWidth: 0 }))}</pre>` },
  ];
  return htmlPage({ title: input.title, lang, preamble: `<p class="description">${escapeHtml(input.description)}</p>`, sections });
}

type Words = (key: keyof typeof WORDS) => string;

/** "2025–2034 (10 years)". */
function periodText(from: number, to: number, w: Words): string {
  return `${from}–${to} (${w('yearsCount').replace('{n}', String(to - from + 1))})`;
}

/**
 * The headline per scheme (the whole horizon's GAP beside the legislated rate, the depletion
 * year, the reserve ratio 10 and 25 years on), then every GAP and scaled premium beside the
 * legislated rate over the same period: long tables, one row per period, so that they fit a
 * window whatever the number of periods.
 */
function keyResults(input: ReportInput, w: Words, h: (key: string) => string, name: (k: number) => string): string {
  const { projection: p, measures: m, economy } = input;
  const index = (year: number) => year - p.startYear;
  const legislated = (s: SchemeProjection, rates: Float64Array, from: number, to: number) =>
    `<td data-measure="legislated_level_rate" data-value="${formatMeasure('legislated_level_rate', legislatedLevelRate(s, rates, index(from), index(to)))}">${escapeHtml(percentText(legislatedLevelRate(s, rates, index(from), index(to))))}</td>`;
  const later = [10, 25].filter((n) => n < p.years).map((n) => p.startYear + n);
  const parts: string[] = [];
  const horizon = (s: SchemeMeasures) => s.generalAveragePremium[s.generalAveragePremium.length - 1];

  const first = m.schemes[0] ? horizon(m.schemes[0]) : undefined;
  parts.push(`<h3>${w('headline')}</h3>`, '<table id="headline"><thead><tr>', `<th>${w('scheme')}</th>`);
  parts.push(`<th>${h('general_average_premium')}${first ? ` ${first.from}–${first.to}` : ''}</th>`, `<th>${w('legislated')}</th>`, `<th>${h('depletion_year')}</th>`);
  for (const year of later) parts.push(`<th>${escapeHtml(w('reserveRatioIn').replace('{year}', String(year)))}</th>`);
  parts.push('</tr></thead><tbody>');
  m.schemes.forEach((s, k) => {
    const gap = horizon(s);
    parts.push(`<tr data-scheme="${s.scheme}"><td>${name(k)}</td>`);
    parts.push(gap ? cell('general_average_premium', gap.rate).replace('<td ', `<td data-from="${gap.from}" data-to="${gap.to}" `) : '<td>n/a</td>');
    parts.push(gap ? legislated(p.schemes[k], economy.discountRate, gap.from, gap.to) : '<td>n/a</td>');
    parts.push(cell('depletion_year', s.depletionYear, s.ownFund ? w('none') : `n/a (${w('pooled')})`));
    for (const year of later) parts.push(cell('reserve_ratio', s.reserveRatio[index(year)], undefined, depletedBy(s, year) ? w('depleted') : undefined).replace('<td ', `<td data-year="${year}" `));
    parts.push('</tr>');
  });
  parts.push('</tbody></table>');

  const periodTable = (id: string, heading: string, measure: 'general_average_premium' | 'scaled_premium', periods: (s: SchemeMeasures) => SchemeMeasures['scaledPremium'], rates: Float64Array) => {
    parts.push(`<h3>${heading}</h3>`, `<table id="${id}"><thead><tr><th>${w('scheme')}</th><th>${w('period')}</th><th>${h(measure)}</th><th>${w('legislated')}</th></tr></thead><tbody>`);
    m.schemes.forEach((s, k) => {
      const rows = periods(s);
      rows.forEach((r, j) => {
        const scheme = j === 0 ? `<td rowspan="${rows.length}">${name(k)}</td>` : '';
        parts.push(`<tr data-scheme="${s.scheme}" data-from="${r.from}" data-to="${r.to}">${scheme}<td>${periodText(r.from, r.to, w)}</td>${cell(measure, r.rate)}${legislated(p.schemes[k], rates, r.from, r.to)}</tr>`);
      });
    });
    parts.push('</tbody></table>');
  };
  periodTable('gap', w('gapTable'), 'general_average_premium', (s) => s.generalAveragePremium, economy.discountRate);
  periodTable('scaled', w('scaledTable'), 'scaled_premium', (s) => s.scaledPremium, economy.investmentReturn);
  parts.push(`<p class="note">${w('legislatedNote')}</p>`);
  if (m.schemes.some((s) => !s.ownFund)) parts.push(`<p class="note">${w('pooledNote')}</p>`);
  return parts.join('\n');
}

/** Whether a scheme's fund is depleted in or before a year: its ratios are not shown from then on. */
function depletedBy(s: SchemeMeasures, year: number): boolean {
  return s.depletionYear !== null && year >= s.depletionYear;
}

function percentText(x: number | null): string {
  return x === null || !Number.isFinite(x) ? 'n/a' : `${(100 * x).toFixed(2)}%`;
}

function differences(input: ReportInput, w: Words): string {
  if (input.differences === null) return `<p>${w('noDifferences')}</p>`;
  const parts = [`<table id="differences"><thead><tr><th>${w('key')}</th><th>${w('baseline')}</th><th>${w('thisScenario')}</th></tr></thead><tbody>`];
  for (const d of input.differences) parts.push(`<tr><td><code>${escapeHtml(d.key)}</code></td><td>${escapeHtml(d.baseline)}</td><td>${escapeHtml(d.scenario)}</td></tr>`);
  parts.push('</tbody></table>');
  return parts.join('\n');
}

/**
 * Per scheme, at the milestone years: contributions, benefits, expenses, investment income and
 * the fund at the end of the year (for a pooled scheme, what it sends to the pooled fund), in
 * the unit that fits the table, with summary.csv's values to the cent in data-value. Nothing is
 * shown of a depleted fund: from its depletion year the fund is "depleted" and the shortfall
 * has a column of its own, and the interest on a negative fund is not shown.
 */
function moneyTables(input: ReportInput, w: Words, name: (k: number) => string, years: number[]): string {
  const { projection: p, measures: m, lang, currency } = input;
  const parts: string[] = [];
  let anyDepleted = false;
  p.schemes.forEach((s, k) => {
    const sm = m.schemes[k];
    const depletion = sm.depletionYear === null ? Infinity : sm.depletionYear - p.startYear;
    const depletedShown = years.some((i) => i >= depletion);
    anyDepleted ||= depletedShown;
    const shortfall = Float64Array.from({ length: p.years }, (_, i) => s.benefits[i] + s.expenses[i] - s.contributions[i]);
    // [summary column, header, values, shown from year index (hidden before), hidden from year index]
    const columns: Array<[string, keyof typeof WORDS | 'shortfall', Float64Array, number, number]> = [
      ['contributions_total', 'contributions', s.contributions, 0, Infinity],
      // Arrears recovered and enforcement spending, parts of the two columns before them, where a scenario has them.
      ...(s.arrearsRecovered.some((v) => v !== 0) ? [['arrears_recovered', 'arrearsRecovered', s.arrearsRecovered, 0, Infinity] as [string, keyof typeof WORDS, Float64Array, number, number]] : []),
      ['benefits_total', 'benefits', s.benefits, 0, Infinity],
      ['expenses', 'expenses', s.expenses, 0, Infinity],
      ...(s.enforcement.some((v) => v !== 0) ? [['enforcement', 'enforcement', s.enforcement, 0, Infinity] as [string, keyof typeof WORDS, Float64Array, number, number]] : []),
      ['investment_income', 'investment', s.investmentIncome, 0, depletion + 1],
      sm.ownFund ? ['fund_end', 'fundEnd', s.fundEnd, 0, depletion] : ['pool_transfer', 'poolTransfer', s.poolTransfer, 0, Infinity],
      ...(depletedShown ? [['shortfall', 'shortfall', shortfall, depletion, Infinity] as [string, 'shortfall', Float64Array, number, number]] : []),
    ];
    const header = (key: keyof typeof WORDS | 'shortfall') => (key === 'shortfall' ? HEADERS.shortfall[lang] : w(key));
    // What a pooled scheme sends is a negative transfer in summary.csv: shown as a positive amount sent.
    const shownValue = (column: string, x: number) => (column === 'pool_transfer' ? -x : x);
    const visible = (from: number, to: number, i: number) => i >= from && i < to;
    const unit = moneyDivisor(columns.flatMap(([column, , values, from, to]) => years.filter((i) => visible(from, to, i)).map((i) => shownValue(column, values[i]))), currency, lang);
    parts.push(`<h3>${name(k)}</h3>`, `<table class="money" data-scheme="${s.id}"><caption style="text-align: left">${escapeHtml(w('moneyCaption').replace('{unit}', unit.label))}</caption>`);
    parts.push(`<thead><tr><th>${w('year')}</th>${columns.map(([, key]) => `<th>${header(key)}</th>`).join('')}</tr></thead><tbody>`);
    for (const i of years) {
      const cells = columns.map(([column, , values, from, to]) => {
        const value = money(values[i]);
        if (column === 'fund_end' && i >= to) return `<td data-column="${column}" data-value="${value}">${w('depleted')}</td>`;
        if (!visible(from, to, i)) return `<td data-column="${column}" data-value="${value}">—</td>`;
        const shown = formatNumber(shownValue(column, values[i]) / unit.divisor, 2).replace(/^-(0\.00)$/, '$1');
        return `<td data-column="${column}" data-value="${value}">${shown}</td>`;
      });
      parts.push(`<tr data-year="${p.startYear + i}"><td>${p.startYear + i}</td>${cells.join('')}</tr>`);
    }
    parts.push('</tbody></table>');
  });
  if (anyDepleted) parts.push(`<p class="note">${w('depletedNote')}</p>`);
  return parts.join('\n');
}

/**
 * Contributions by payer at the milestone years: a row per scheme and payer that pays anything,
 * then a sentence per scheme on the government's yearly cost (methodology §2, "Who pays").
 */
function payersTable(input: ReportInput, w: Words, name: (k: number) => string, years: number[]): string {
  const { projection: p, lang, currency } = input;
  const rows = p.schemes.flatMap((s, k) => PAYERS.map((payer, j) => ({ k, payer, values: s.contributionsByPayer[j] })).filter((r) => r.values.some((v) => v !== 0)));
  // Each scheme in the unit that fits its own contributions: a small scheme is not shown as 0.00.
  const units = p.schemes.map((s) => moneyDivisor(years.map((i) => s.contributions[i]), currency, lang));
  const parts = [
    `<table class="payers"><caption style="text-align: left">${escapeHtml(w('payersCaption'))}</caption>`,
    `<thead><tr><th style="text-align:left">${w('scheme')}</th><th style="text-align:left">${w('payer')}</th><th style="text-align:left">${w('unit')}</th>${years.map((i) => `<th>${p.startYear + i}</th>`).join('')}</tr></thead><tbody>`,
    ...rows.map((r) => {
      const column = `contributions_${r.payer}`;
      const unit = units[r.k];
      const cells = years.map((i) => `<td data-column="${column}" data-value="${money(r.values[i])}">${formatNumber(r.values[i] / unit.divisor, 2)}</td>`);
      return `<tr data-scheme="${p.schemes[r.k].id}" data-payer="${r.payer}"><td style="text-align:left">${name(r.k)}</td><td style="text-align:left">${escapeHtml(payerLabel(r.payer, lang, 'long'))}</td><td style="text-align:left">${escapeHtml(unit.label)}</td>${cells.join('')}</tr>`;
    }),
    '</tbody></table>',
  ];
  const government = rows.filter((r) => r.payer === 'government');
  if (government.length === 0) parts.push(`<p class="note">${w('governmentNone')}</p>`);
  // "RM 5.6 million": the amount after the currency of the unit's label.
  const millions = (x: number) => text('millions', lang, currency).replace(/^(\S+) /, `$1 ${formatNumber(x / 1e6, 1)} `);
  for (const r of government) {
    const paid = years.filter((i) => r.values[i] !== 0);
    const amounts = paid.map((i) => w('inYear').replace('{amount}', millions(r.values[i])).replace('{year}', String(p.startYear + i)));
    parts.push(`<p class="note" data-scheme="${p.schemes[r.k].id}">${escapeHtml(w('governmentPays').replace('{amounts}', amounts.join(', ')).replace('{scheme}', p.schemes[r.k].label[lang] ?? p.schemes[r.k].label.en))}</p>`);
  }
  return parts.join('\n');
}

function measureTables(input: ReportInput, w: Words, h: (key: string) => string, name: (k: number) => string, years: number[]): string {
  const { projection: p, measures: m } = input;
  const perYear = ['contribution_rate', 'payg_cost_rate', 'terminal_funding_cost_rate', 'reserve_ratio', 'funding_ratio'] as const;
  const parts: string[] = [];
  m.schemes.forEach((s, k) => {
    const values: Record<(typeof perYear)[number], Array<number | null>> = {
      contribution_rate: s.contributionRate,
      payg_cost_rate: s.paygCostRate,
      terminal_funding_cost_rate: s.terminalFundingCostRate,
      reserve_ratio: s.reserveRatio,
      funding_ratio: s.fundingRatio,
    };
    parts.push(`<h3>${name(k)}</h3>`);
    parts.push(`<table class="measures" data-scheme="${s.scheme}"><thead><tr><th>${w('year')}</th>${perYear.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>`);
    const depleted = (x: string, i: number) => (x === 'reserve_ratio' || x === 'funding_ratio') && depletedBy(s, p.startYear + i);
    for (const i of years) parts.push(`<tr data-year="${p.startYear + i}"><td>${p.startYear + i}</td>${perYear.map((x) => cell(x, values[x][i], undefined, depleted(x, i) ? w('depleted') : undefined)).join('')}</tr>`);
    parts.push('</tbody></table>');
    if (s.groups.length > 0) {
      parts.push(`<table class="groups" data-scheme="${s.scheme}"><thead><tr><th>${w('groups')}</th><th>${h('break_even_rate')}</th><th>${h('benefit_contribution_ratio')}</th></tr></thead><tbody>`);
      for (const g of s.groups) parts.push(`<tr data-group="${g.group}"><td>${escapeHtml(input.groupLabels[g.group] ?? g.group)}</td>${cell('break_even_rate', g.breakEvenRate)}${cell('benefit_contribution_ratio', g.benefitContributionRatio)}</tr>`);
      parts.push('</tbody></table>');
    }
  });
  if (m.schemes.some((s) => years.some((i) => depletedBy(s, p.startYear + i)))) parts.push(`<p class="note">${w('ratiosDepletedNote')}</p>`);
  return parts.join('\n');
}

/** The charts by scheme (a chart is named `<scheme id>-<chart>`: the longest id that prefixes it), then those left out. */
function chartsHtml(input: ReportInput, name: (k: number) => string): string {
  const ids = input.projection.schemes.map((s) => s.id);
  const schemeOf = (chart: string) => {
    let best = -1;
    ids.forEach((id, k) => chart.startsWith(`${id}-`) && (best < 0 || id.length > ids[best].length) && (best = k));
    return best;
  };
  const parts: string[] = [];
  const groups = [...ids.keys(), -1];
  for (const k of groups) {
    const charts = input.charts.filter((c) => schemeOf(c.name) === k);
    if (charts.length === 0) continue;
    if (k >= 0) parts.push(`<h3>${name(k)}</h3>`);
    for (const c of charts) parts.push(figureHtml(c));
  }
  parts.push(omittedHtml(input.omitted ?? [], input.lang));
  return parts.join('\n');
}

function dependsOn(input: ReportInput): string {
  const schemes = new Map(input.projection.schemes.map((s) => [s.id, s.label[input.lang] ?? s.label.en]));
  return registerHtml({
    lang: input.lang,
    register: input.register.entries,
    effects: input.register.effects,
    base: input.register.base,
    schemeLabel: (id) => schemes.get(id) ?? id,
    groupLabel: (id) => input.groupLabels[id] ?? id,
  });
}

function sourcesHtml(input: ReportInput, w: Words): string {
  const parts = [`<p>${w('sourcesNote')}</p>`, '<ul>'];
  for (const f of input.provenance.data_files) parts.push(`<li><code>${escapeHtml(f.path)}</code> (SHA-256 ${f.sha256.slice(0, 16)}…)</li>`);
  parts.push('</ul>');
  return parts.join('\n');
}

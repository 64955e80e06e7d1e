/**
 * The comparison's report.html (html-page.ts gives the frame): the scenarios compared; the
 * option cost table (options-table.ts); the key results per scheme, in narrow tables with
 * each option's difference from the baseline under its value; every chart, and those left
 * out with the reason; a section per option with its description and the assumptions in which
 * it differs from the baseline; the provenance. Cells carry the CSVs' own values in
 * `data-value`. English and Malay.
 */
import { escapeHtml, figureHtml, htmlPage, omittedHtml } from './html-page.js';
import type { Section } from './html-page.js';
import type { OmittedChart } from './charts/chart-kit.js';
import type { Lang } from './charts/labels.js';
import type { ComparisonTable, ScenarioRows } from './comparison.js';
import { valueOf } from './comparison.js';
import { formatMeasure } from './measures.js';
import { grouped, money } from './format.js';
import type { AssumptionDifference } from '../scenario/differences.js';
import type { OptionCosts } from './options-table.js';
import { governmentYears } from './government.js';
import type { GovernmentCost } from './government.js';
import { text } from './charts/labels.js';
import { basisPoints, basisPointsCsv, depletionText, percentText, ratioText, signed, tableUnit } from './options-table.js';

export interface CompareReportInput {
  lang: Lang;
  table: ComparisonTable;
  /** The baseline first, then the options. */
  scenarios: readonly ScenarioRows[];
  costs: OptionCosts;
  /** What the government pays, option less baseline (government.ts). */
  government: readonly GovernmentCost[];
  /** For each scenario (the baseline's is empty), where its assumptions differ from the baseline's. */
  differences: ReadonlyArray<readonly AssumptionDifference[]>;
  charts: ReadonlyArray<{ name: string; title: string; png: Buffer }>;
  omitted: readonly OmittedChart[];
  /** scenarios.yaml: each scenario's provenance. */
  provenance: string;
}

const WORDS = {
  scenarios: { en: 'Scenarios compared', ms: 'Senario yang dibandingkan' },
  baseline: { en: 'Baseline', ms: 'Asas' },
  option: { en: 'Option {n}', ms: 'Pilihan {n}' },
  number: { en: 'No.', ms: 'No.' },
  title: { en: 'Title', ms: 'Tajuk' },
  id: { en: 'Id', ms: 'Id' },
  files: {
    en: 'The files beside this report: options.csv (the option costs), government.csv (what the government pays, by year), comparison.csv (every measure and yearly flow of each scenario, and each option\'s difference from the baseline), thresholds.csv, scenarios.yaml, and charts/ (each chart as PNG and SVG, and its data as CSV).',
    ms: 'Fail di sebelah laporan ini: options.csv (kos pilihan), government.csv (bayaran kerajaan, mengikut tahun), comparison.csv (setiap ukuran dan aliran tahunan setiap senario, serta perbezaan setiap pilihan daripada asas), thresholds.csv, scenarios.yaml, dan charts/ (setiap carta sebagai PNG dan SVG, dan datanya sebagai CSV).',
  },
  costs: { en: 'Option costs', ms: 'Kos pilihan' },
  costsNote: {
    en: 'Present values {from}–{to} at the baseline\'s discount rate, cash flows mid-year, in {unit}; "extra" is the option less the baseline. Net PV cost = extra benefits and expenses − extra contributions: positive, the option costs the scheme money; negative, it brings in more than it pays out. A scheme that only the option has counts whole (its baseline values are zero). GAP change: the general average premium over {from}–{to}, option less baseline, in basis points of insurable wages (100 basis points = 1%). The break-even rate and benefits/contributions are those of the groups the option extends (cover unlike the baseline\'s, or new), together, from the option\'s own measures. options.csv has the same values to the cent.',
    ms: 'Nilai kini {from}–{to} pada kadar diskaun asas, aliran tunai pertengahan tahun, dalam {unit}; "tambahan" ialah pilihan tolak asas. Kos nilai kini bersih = faedah dan perbelanjaan tambahan − caruman tambahan: positif, pilihan itu menambah kos skim; negatif, ia membawa masuk lebih daripada yang dibayarnya. Skim yang hanya ada dalam pilihan dikira sepenuhnya (nilai asasnya sifar). Perubahan premium purata am: premium purata am bagi {from}–{to}, pilihan tolak asas, dalam mata asas gaji boleh diinsuranskan (100 mata asas = 1%). Kadar pulang modal dan faedah/caruman ialah bagi kumpulan yang diperluas oleh pilihan (perlindungan berbeza daripada asas, atau baharu), bersama, daripada ukuran pilihan itu sendiri. options.csv mengandungi nilai yang sama hingga ke sen.',
  },
  scheme: { en: 'Scheme', ms: 'Skim' },
  allSchemes: { en: 'All schemes', ms: 'Semua skim' },
  pvContributions: { en: 'PV of extra contributions', ms: 'Nilai kini caruman tambahan' },
  pvOutgo: { en: 'PV of extra benefits and expenses', ms: 'Nilai kini faedah dan perbelanjaan tambahan' },
  netCost: { en: 'Net PV cost', ms: 'Kos nilai kini bersih' },
  gapChange: { en: 'GAP {from}–{to} change (basis points)', ms: 'Perubahan premium purata am {from}–{to} (mata asas)' },
  depletionBaseline: { en: 'Depletion year: baseline', ms: 'Tahun dana habis: asas' },
  depletionOption: { en: 'Depletion year: option', ms: 'Tahun dana habis: pilihan' },
  groups: { en: 'Groups extended', ms: 'Kumpulan yang diperluas' },
  breakEven: { en: 'Their break-even rate (% of insurable wages)', ms: 'Kadar pulang modal mereka (% gaji boleh diinsuranskan)' },
  ratio: { en: 'Their benefits / contributions', ms: 'Faedah / caruman mereka' },
  keyResults: { en: 'Key results', ms: 'Keputusan utama' },
  government: { en: "The government's cost", ms: 'Kos kerajaan' },
  governmentNote: {
    en: "What the government pays into each scheme (a subsidy of contributions: contributions_government in summary.csv), option less baseline, in {unit}, at a few years and as a present value at the baseline's discount rate; government.csv has every year. It is part of the option's extra contributions above: a cost to the budget, not to the scheme.",
    ms: 'Apa yang dibayar kerajaan kepada setiap skim (subsidi caruman: contributions_government dalam summary.csv), pilihan tolak asas, dalam {unit}, pada beberapa tahun dan sebagai nilai kini pada kadar diskaun asas; government.csv mengandungi setiap tahun. Ia sebahagian daripada caruman tambahan pilihan di atas: kos kepada belanjawan, bukan kepada skim.',
  },
  governmentNone: { en: 'No option changes what the government pays: no scenario has the government as a payer.', ms: 'Tiada pilihan yang mengubah bayaran kerajaan: tiada senario yang menjadikan kerajaan sebagai pembayar.' },
  optionColumn: { en: 'Option', ms: 'Pilihan' },
  keyNote: {
    en: 'For each scheme, each scenario that has it; under an option\'s value, its difference from the baseline (rates in basis points of insurable wages; 0: no difference).',
    ms: 'Bagi setiap skim, setiap senario yang mempunyainya; di bawah nilai pilihan, perbezaannya daripada asas (kadar dalam mata asas gaji boleh diinsuranskan; 0: tiada perbezaan).',
  },
  rates: { en: 'rates, % of insurable wages', ms: 'kadar, % gaji boleh diinsuranskan' },
  fundFlows: { en: 'fund and flows', ms: 'dana dan aliran' },
  scenario: { en: 'Scenario', ms: 'Senario' },
  gap: { en: 'General average premium {from}–{to}', ms: 'Premium purata am {from}–{to}' },
  payg: { en: 'PAYG cost rate {year}', ms: 'Kadar kos bayar-semasa-guna {year}' },
  reserve: { en: 'Reserve ratio {year} (years of outgo)', ms: 'Nisbah rizab {year} (tahun perbelanjaan)' },
  depletion: { en: 'Depletion year', ms: 'Tahun dana habis' },
  contributions: { en: 'Contributions {year} ({unit})', ms: 'Caruman {year} ({unit})' },
  benefits: { en: 'Benefits {year} ({unit})', ms: 'Faedah {year} ({unit})' },
  bp: { en: 'bp', ms: 'm.a.' },
  charts: { en: 'Charts', ms: 'Carta' },
  optionHeading: { en: 'Option {n}: {title}', ms: 'Pilihan {n}: {title}' },
  baselineHeading: { en: 'Baseline: {title}', ms: 'Asas: {title}' },
  differences: { en: 'Assumptions that differ from the baseline', ms: 'Andaian yang berbeza daripada asas' },
  noDifferences: { en: 'None: its assumptions are the baseline\'s.', ms: 'Tiada: andaiannya sama dengan asas.' },
  key: { en: 'Key', ms: 'Kunci' },
  thisOption: { en: 'This option', ms: 'Pilihan ini' },
  provenance: { en: 'Provenance', ms: 'Asal usul' },
} as const;

type Word = keyof typeof WORDS;

function words(lang: Lang) {
  return (key: Word, values: Record<string, string | number> = {}) => Object.entries(values).reduce<string>((s, [k, v]) => s.split(`{${k}}`).join(String(v)), WORDS[key][lang]);
}

/** "3 options compared with <baseline title>" ("3 pilihan dibandingkan dengan ..."). */
export function compareTitle(options: number, baselineTitle: string, lang: Lang): string {
  return lang === 'ms' ? `${options} pilihan dibandingkan dengan ${baselineTitle}` : `${options} ${options === 1 ? 'option' : 'options'} compared with ${baselineTitle}`;
}

const MINUS = '\u2212';
/** A number for a table: the typographic minus. */
const minus = (s: string) => s.replace(/^-/, MINUS);
/** A value (not a difference) to one decimal, never "-0.0". */
const amount = (x: number) => minus(grouped(x, 1).replace(/^-(0\.0)$/, '$1'));
const CHANGE_STYLE = 'display:block;color:#555;font-size:0.85em';
const WRAP_STYLE = 'overflow-wrap:anywhere';

function td(shown: string, csv: string, change?: string, attributes = ''): string {
  const under = change === undefined ? '' : `<span class="change" style="${CHANGE_STYLE}">${escapeHtml(change)}</span>`;
  return `<td data-value="${escapeHtml(csv)}"${attributes}>${escapeHtml(shown)}${under}</td>`;
}

/** A scheme's label in scenario j, or in the baseline where only it has the scheme. */
function schemeLabel(scenarios: readonly ScenarioRows[], j: number, id: string, lang: Lang): string {
  const label = (scenarios[j].schemes.find((s) => s.id === id) ?? scenarios[0].schemes.find((s) => s.id === id))!.label;
  return label[lang] ?? label.en;
}

function costsSection(input: CompareReportInput, w: ReturnType<typeof words>): string {
  const { costs: c, scenarios, lang } = input;
  const unit = tableUnit(c.rows.flatMap((r) => [r.pvExtraContributions, r.pvExtraOutgo, r.netPvCost]), c.currency, lang);
  const schemeName = (j: number, id: string) => schemeLabel(scenarios, j, id, lang);
  const groupName = (j: number, id: string) => {
    const label = scenarios[j].groups.find((g) => g.id === id)?.label;
    return label ? (label[lang] ?? label.en) : id;
  };
  const inUnit = (x: number) => minus(signed(x / unit.divisor, 0, MINUS));
  const header = [w('scheme'), `${w('pvContributions')} (${unit.label})`, `${w('pvOutgo')} (${unit.label})`, `${w('netCost')} (${unit.label})`, w('gapChange', { from: c.from, to: c.to }), w('depletionBaseline'), w('depletionOption'), w('groups'), w('breakEven'), w('ratio')];
  const parts = [`<p class="note">${escapeHtml(w('costsNote', { from: c.from, to: c.to, unit: unit.label }))}</p>`, '<table id="option-costs"><thead><tr>', ...header.map((h, k) => `<th${k === 7 ? ' style="text-align:left"' : ''}>${escapeHtml(h)}</th>`), '</tr></thead><tbody>'];
  let option = -1;
  for (const r of c.rows) {
    if (r.option !== option) {
      option = r.option;
      parts.push(`<tr class="option" data-option="${escapeHtml(c.ids[option])}"><th colspan="${header.length}" style="text-align:left">${escapeHtml(w('optionHeading', { n: option, title: scenarios[option].title }))}</th></tr>`);
    }
    const total = r.scheme === null;
    const groups = r.extendedGroups.length > 0;
    parts.push(
      `<tr data-option="${escapeHtml(c.ids[r.option])}" data-scheme="${escapeHtml(r.scheme ?? 'all')}"${total ? ' style="font-weight:bold"' : ''}>`,
      `<td>${escapeHtml(total ? w('allSchemes') : schemeName(r.option, r.scheme!))}</td>`,
      td(inUnit(r.pvExtraContributions), money(r.pvExtraContributions)),
      td(inUnit(r.pvExtraOutgo), money(r.pvExtraOutgo)),
      td(inUnit(r.netPvCost), money(r.netPvCost)),
      total ? td('', '') : td(minus(basisPoints(r.gapChange, MINUS)), basisPointsCsv(r.gapChange)),
      td(depletionText(r.depletionBaseline, lang), depletionText(r.depletionBaseline)),
      td(depletionText(r.depletionOption, lang), depletionText(r.depletionOption)),
      `<td style="text-align:left">${escapeHtml(r.extendedGroups.map((g) => groupName(r.option, g)).join(', '))}</td>`,
      groups && r.breakEvenRate !== null ? td(percentText(r.breakEvenRate), formatMeasure('break_even_rate', r.breakEvenRate)) : td('', ''),
      groups && r.benefitContributionRatio !== null ? td(ratioText(r.benefitContributionRatio), formatMeasure('benefit_contribution_ratio', r.benefitContributionRatio)) : td('', ''),
      '</tr>',
    );
  }
  parts.push('</tbody></table>');
  return parts.join('\n');
}

/** The government's payments, option less baseline, at a few years and in PV (government.csv has every year). */
function governmentSection(input: CompareReportInput, w: ReturnType<typeof words>): string {
  const { government, costs: c, scenarios, lang } = input;
  if (government.length === 0) return `<p class="note">${escapeHtml(w('governmentNone'))}</p>`;
  const years = governmentYears(government[0]);
  const unit = text('millions', lang, c.currency);
  const schemeName = (j: number, id: string) => schemeLabel(scenarios, j, id, lang);
  const header = [w('optionColumn'), w('scheme'), ...years.map(String), `PV ${c.from}–${c.to}`];
  const rows = government.map((g) => {
    const cells = years.map((year) => {
      const d = g.inOption[year - g.years[0]] - g.baseline[year - g.years[0]];
      return td(minus(signed(d / 1e6, 1, MINUS)), money(d));
    });
    return `<tr data-option="${escapeHtml(c.ids[g.option])}" data-scheme="${escapeHtml(g.scheme)}"><td>${g.option}</td><td style="text-align:left">${escapeHtml(schemeName(g.option, g.scheme))}</td>${cells.join('')}${td(minus(signed(g.pvDifference / 1e6, 1, MINUS)), money(g.pvDifference))}</tr>`;
  });
  return [
    `<p class="note">${escapeHtml(w('governmentNote', { unit }))}</p>`,
    `<table id="government"><thead><tr>${header.map((h, k) => `<th${k === 1 ? ' style="text-align:left"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>`,
    ...rows,
    '</tbody></table>',
  ].join('\n');
}

function keyResultsSection(input: CompareReportInput, w: ReturnType<typeof words>): string {
  const { table: t, scenarios, lang } = input;
  const base = scenarios[0];
  const from = base.startYear;
  const to = base.startYear + base.years - 1;
  const within = (year: number) => year <= to;
  const paygYears = [from, from + 10, from + 25].filter(within);
  const reserveYear = [from + 10, from].find(within)!;
  const flowYear = [from + 5, from].find(within)!;
  const flowValues = t.keys.flatMap((k, i) => (k.from === flowYear && k.to === flowYear && (k.measure === 'contributions' || k.measure === 'benefits') ? t.values[i].map((v) => v ?? 0) : []));
  const unit = tableUnit(flowValues, base.currency, lang);
  const schemeIds = [...new Set(scenarios.flatMap((s) => s.schemes.map((x) => x.id)))];
  const name = (j: number) => (j === 0 ? `${w('baseline')}: ${base.title}` : `${j}. ${scenarios[j].title}`);
  const parts = [`<p class="note">${escapeHtml(w('keyNote'))}</p>`];
  for (const scheme of schemeIds) {
    const rows = scenarios.map((s, j) => ({ s, j })).filter(({ s }) => s.schemes.some((x) => x.id === scheme));
    const label = rows[0].s.schemes.find((x) => x.id === scheme)!.label;
    const inBaseline = base.schemes.some((x) => x.id === scheme);
    const gapPeriods = t.keys.filter((k) => k.scheme === scheme && k.measure === 'general_average_premium' && k.from === from).map((k) => k.to);
    const periods = [...new Set(gapPeriods)].sort((a, b) => a - b);
    type Column = { header: string; measure: string; from: number; to: number; shown: (x: number | null) => string; change?: (d: number) => string };
    const rate = (x: number | null) => percentText(x);
    const bp = (d: number) => `${minus(basisPoints(d, MINUS))} ${w('bp')}`;
    const rates: Column[] = [
      ...periods.map((p) => ({ header: w('gap', { from, to: p }), measure: 'general_average_premium', from, to: p, shown: rate, change: bp })),
      ...paygYears.map((year) => ({ header: w('payg', { year }), measure: 'payg_cost_rate', from: year, to: year, shown: rate, change: bp })),
    ];
    const flows: Column[] = [
      { header: w('reserve', { year: reserveYear }), measure: 'reserve_ratio', from: reserveYear, to: reserveYear, shown: ratioText, change: (d) => minus(signed(d, 2, MINUS)) },
      { header: w('depletion'), measure: 'depletion_year', from, to, shown: (x) => (x === null ? depletionText('none', lang) : String(x)) },
      { header: w('contributions', { year: flowYear, unit: unit.label }), measure: 'contributions', from: flowYear, to: flowYear, shown: (x) => (x === null ? 'n/a' : amount(x / unit.divisor)), change: (d) => minus(signed(d / unit.divisor, 1, MINUS)) },
      { header: w('benefits', { year: flowYear, unit: unit.label }), measure: 'benefits', from: flowYear, to: flowYear, shown: (x) => (x === null ? 'n/a' : amount(x / unit.divisor)), change: (d) => minus(signed(d / unit.divisor, 1, MINUS)) },
    ];
    const ownFund = rows.some(({ s }) => s.schemes.find((x) => x.id === scheme)!.ownFund);
    const tableOf = (caption: string, columns: Column[], className: string) => {
      const out = [`<table class="${className}" data-scheme="${escapeHtml(scheme)}"><caption style="text-align:left;font-weight:bold">${escapeHtml(caption)}</caption><thead><tr><th>${escapeHtml(w('scenario'))}</th>`, ...columns.map((c) => `<th>${escapeHtml(c.header)}</th>`), '</tr></thead><tbody>'];
      for (const { s, j } of rows) {
        out.push(`<tr data-scenario="${escapeHtml(s.id)}"><td>${escapeHtml(name(j))}</td>`);
        for (const c of columns) {
          // Fund measures of a pooled scheme, and other missing values, are n/a.
          const value = valueOf(t, j, { scheme, measure: c.measure, from: c.from, to: c.to });
          const x = value === undefined ? null : value;
          const before = inBaseline ? valueOf(t, 0, { scheme, measure: c.measure, from: c.from, to: c.to }) : undefined;
          const change = j > 0 && c.change && x !== null && before !== undefined && before !== null ? c.change(x - before) : undefined;
          const shown = c.measure === 'depletion_year' && !s.schemes.find((k) => k.id === scheme)!.ownFund ? depletionText('pooled', lang) : c.shown(x);
          out.push(td(shown, formatMeasure(c.measure, x), change));
        }
        out.push('</tr>');
      }
      out.push('</tbody></table>');
      return out.join('');
    };
    parts.push(`<h3>${escapeHtml(label[lang] ?? label.en)}</h3>`, tableOf(`${label[lang] ?? label.en}: ${w('rates')}`, rates, 'key-rates'));
    parts.push(tableOf(`${label[lang] ?? label.en}: ${w('fundFlows')}`, ownFund ? flows : flows.filter((c) => c.measure !== 'reserve_ratio' && c.measure !== 'depletion_year'), 'key-flows'));
  }
  return parts.join('\n');
}

function differencesHtml(differences: readonly AssumptionDifference[], w: ReturnType<typeof words>): string {
  if (differences.length === 0) return `<p>${escapeHtml(w('noDifferences'))}</p>`;
  const rows = differences.map((d) => `<tr><td style="${WRAP_STYLE}"><code>${escapeHtml(d.key)}</code></td><td style="text-align:left;${WRAP_STYLE}">${escapeHtml(d.baseline)}</td><td style="text-align:left;${WRAP_STYLE}">${escapeHtml(d.scenario)}</td></tr>`);
  return `<h3>${escapeHtml(w('differences'))}</h3><table class="differences" style="max-width:100%"><thead><tr><th>${escapeHtml(w('key'))}</th><th style="text-align:left">${escapeHtml(w('baseline'))}</th><th style="text-align:left">${escapeHtml(w('thisOption'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function compareHtml(input: CompareReportInput): string {
  const { scenarios, lang } = input;
  const w = words(lang);
  const base = scenarios[0];
  const list = [
    `<table id="scenarios"><thead><tr><th>${escapeHtml(w('number'))}</th><th style="text-align:left">${escapeHtml(w('title'))}</th><th style="text-align:left">${escapeHtml(w('id'))}</th></tr></thead><tbody>`,
    ...scenarios.map((s, j) => `<tr data-scenario="${escapeHtml(s.id)}"><td>${j === 0 ? escapeHtml(w('baseline')) : j}</td><td style="text-align:left"><a href="#${j === 0 ? 'baseline' : `option-${j}`}">${escapeHtml(s.title)}</a></td><td style="text-align:left"><code>${escapeHtml(s.id)}</code></td></tr>`),
    '</tbody></table>',
    `<p class="note">${escapeHtml(w('files'))}</p>`,
  ].join('\n');
  const sections: Section[] = [
    { id: 'scenarios', heading: w('scenarios'), html: list },
    { id: 'option-costs', heading: w('costs'), html: costsSection(input, w) },
    { id: 'government', heading: w('government'), html: governmentSection(input, w) },
    { id: 'key-results', heading: w('keyResults'), html: keyResultsSection(input, w) },
    { id: 'charts', heading: w('charts'), html: [...input.charts.map(figureHtml), omittedHtml(input.omitted, lang)].join('\n') },
    ...scenarios.slice(1).map((s, k) => ({
      id: `option-${k + 1}`,
      heading: w('optionHeading', { n: k + 1, title: s.title }),
      html: `<p class="description">${escapeHtml(s.description)}</p>\n${differencesHtml(input.differences[k + 1] ?? [], w)}`,
    })),
    { id: 'baseline', heading: w('baselineHeading', { title: base.title }), html: `<p class="description">${escapeHtml(base.description)}</p>` },
    { id: 'provenance', heading: w('provenance'), html: `<pre>${escapeHtml(input.provenance)}</pre>` },
  ];
  return htmlPage({ title: compareTitle(scenarios.length - 1, base.title, lang), lang, sections });
}

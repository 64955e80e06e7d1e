/**
 * `report.html`: one self-contained file (styles and charts embedded, no network) to send round
 * after a workshop: key results, the assumptions that differ from the baseline, the measures,
 * every chart, the data sources and the provenance. Table cells carry the CSV's own value in
 * `data-value`, so the report and the CSVs are the same numbers.
 */
import { STYLE, escapeHtml } from './html-page.js';
import { stringify } from 'yaml';
import type { Projection } from '../engine/result.js';
import type { Measures } from '../measures/types.js';
import type { Provenance } from './provenance.js';
import { formatMeasure } from './measures.js';
import { milestoneYears } from './terminal.js';
import type { Lang } from './charts/labels.js';

const WORDS = {
  keyResults: { en: 'Key results', ms: 'Keputusan utama' },
  differences: { en: 'Assumptions that differ from the baseline', ms: 'Andaian yang berbeza daripada asas' },
  noDifferences: { en: 'This scenario is a baseline: it extends no other scenario.', ms: 'Senario ini ialah asas: ia tidak melanjutkan senario lain.' },
  measures: { en: 'Financing measures', ms: 'Ukuran pembiayaan' },
  groups: { en: 'By group of origin', ms: 'Mengikut kumpulan asal' },
  charts: { en: 'Charts', ms: 'Carta' },
  sources: { en: 'Data sources', ms: 'Sumber data' },
  provenance: { en: 'Provenance', ms: 'Asal usul' },
  scheme: { en: 'Scheme', ms: 'Skim' },
  year: { en: 'Year', ms: 'Tahun' },
  key: { en: 'Key', ms: 'Kunci' },
  baseline: { en: 'Baseline', ms: 'Asas' },
  thisScenario: { en: 'This scenario', ms: 'Senario ini' },
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
  depletion_year: { en: 'Depletion year', ms: 'Tahun susutan' },
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
  provenance: Provenance;
  /** Labels of the groups by id. */
  groupLabels: Record<string, string>;
}

/** A cell showing a measure: the CSV value in data-value, a readable one in the text. */
function cell(measure: string, value: number | null): string {
  const csv = formatMeasure(measure, value);
  let shown = 'n/a';
  if (csv !== '') {
    const x = Number(csv);
    shown = measure.endsWith('_rate') || measure === 'general_average_premium' ? `${(100 * x).toFixed(2)}%` : measure === 'depletion_year' ? csv : x.toFixed(2);
    if (/^-0\.0+%?$/.test(shown)) shown = shown.slice(1); // no "-0.00"
  } else if (measure === 'depletion_year') {
    shown = '—';
  }
  return `<td data-measure="${measure}" data-value="${csv}">${shown}</td>`;
}

export function reportHtml(input: ReportInput): string {
  const { lang, projection: p, measures: m } = input;
  const w = (key: keyof typeof WORDS) => WORDS[key][lang];
  const h = (key: string) => HEADERS[key]?.[lang] ?? key;
  const years = milestoneYears(p);
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(input.title)}</h1>`, `<p class="description">${escapeHtml(input.description)}</p>`);

  parts.push(`<h2>${w('keyResults')}</h2>`, '<table id="key-results"><thead><tr>', `<th>${w('scheme')}</th>`);
  const gapHeaders = m.schemes[0]?.generalAveragePremium.map((g) => `${h('general_average_premium')} ${g.from}–${g.to}`) ?? [];
  parts.push(...gapHeaders.map((t) => `<th>${escapeHtml(t)}</th>`), `<th>${h('depletion_year')}</th></tr></thead><tbody>`);
  m.schemes.forEach((s, k) => {
    parts.push(`<tr data-scheme="${s.scheme}"><td>${escapeHtml(p.schemes[k].label[lang] ?? p.schemes[k].label.en)}</td>`);
    for (const g of s.generalAveragePremium) parts.push(cell('general_average_premium', g.rate).replace('<td ', `<td data-from="${g.from}" data-to="${g.to}" `));
    parts.push(cell('depletion_year', s.depletionYear), '</tr>');
  });
  parts.push('</tbody></table>');

  parts.push(`<h2>${w('differences')}</h2>`);
  if (input.differences === null) parts.push(`<p>${w('noDifferences')}</p>`);
  else {
    parts.push(`<table id="differences"><thead><tr><th>${w('key')}</th><th>${w('baseline')}</th><th>${w('thisScenario')}</th></tr></thead><tbody>`);
    for (const d of input.differences) parts.push(`<tr><td><code>${escapeHtml(d.key)}</code></td><td>${escapeHtml(d.baseline)}</td><td>${escapeHtml(d.scenario)}</td></tr>`);
    parts.push('</tbody></table>');
  }

  parts.push(`<h2>${w('measures')}</h2>`);
  const perYear = ['contribution_rate', 'payg_cost_rate', 'terminal_funding_cost_rate', 'reserve_ratio', 'funding_ratio'] as const;
  m.schemes.forEach((s, k) => {
    const values: Record<(typeof perYear)[number], Array<number | null>> = {
      contribution_rate: s.contributionRate,
      payg_cost_rate: s.paygCostRate,
      terminal_funding_cost_rate: s.terminalFundingCostRate,
      reserve_ratio: s.reserveRatio,
      funding_ratio: s.fundingRatio,
    };
    parts.push(`<h3>${escapeHtml(p.schemes[k].label[lang] ?? p.schemes[k].label.en)}</h3>`);
    parts.push(`<table class="measures" data-scheme="${s.scheme}"><thead><tr><th>${w('year')}</th>${perYear.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>`);
    for (const i of years) parts.push(`<tr data-year="${p.startYear + i}"><td>${p.startYear + i}</td>${perYear.map((x) => cell(x, values[x][i])).join('')}</tr>`);
    parts.push('</tbody></table>');
    if (s.groups.length > 0) {
      parts.push(`<table class="groups" data-scheme="${s.scheme}"><thead><tr><th>${w('groups')}</th><th>${h('break_even_rate')}</th><th>${h('benefit_contribution_ratio')}</th></tr></thead><tbody>`);
      for (const g of s.groups) parts.push(`<tr data-group="${g.group}"><td>${escapeHtml(input.groupLabels[g.group] ?? g.group)}</td>${cell('break_even_rate', g.breakEvenRate)}${cell('benefit_contribution_ratio', g.benefitContributionRatio)}</tr>`);
      parts.push('</tbody></table>');
    }
  });

  parts.push(`<h2>${w('charts')}</h2>`);
  for (const c of input.charts) {
    parts.push(`<figure id="chart-${c.name}"><img alt="${escapeHtml(c.title)}" src="data:image/png;base64,${c.png.toString('base64')}"><figcaption>${escapeHtml(c.title)} (charts/${c.name}.png, .svg)</figcaption></figure>`);
  }

  parts.push(`<h2>${w('sources')}</h2>`, `<p>${w('sourcesNote')}</p>`, '<ul>');
  for (const f of input.provenance.data_files) parts.push(`<li><code>${escapeHtml(f.path)}</code> (SHA-256 ${f.sha256.slice(0, 16)}…)</li>`);
  parts.push('</ul>', `<h2>${w('provenance')}</h2>`, `<pre>${escapeHtml(stringify(input.provenance, { lineWidth: 0 }))}</pre>`);

  return `<!DOCTYPE html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(input.title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${parts.join('\n')}\n</body>\n</html>\n`;
}

export interface CompareReportInput {
  title: string;
  lang: Lang;
  /** The headline table as printed on the terminal. */
  headline: string;
  charts: ReadonlyArray<{ name: string; title: string; png: Buffer }>;
  provenance: string;
}

/** The comparison's report.html: the headline table, every chart, and each scenario's provenance. */
export function compareHtml(input: CompareReportInput): string {
  const w = (key: keyof typeof WORDS) => WORDS[key][input.lang];
  const parts = [`<h1>${escapeHtml(input.title)}</h1>`, `<h2>${w('keyResults')}</h2>`, `<pre id="headline">${escapeHtml(input.headline)}</pre>`, `<h2>${w('charts')}</h2>`];
  for (const c of input.charts) {
    parts.push(`<figure id="chart-${c.name}"><img alt="${escapeHtml(c.title)}" src="data:image/png;base64,${c.png.toString('base64')}"><figcaption>${escapeHtml(c.title)} (charts/${c.name}.png, .svg)</figcaption></figure>`);
  }
  parts.push(`<h2>${w('provenance')}</h2>`, `<pre>${escapeHtml(input.provenance)}</pre>`);
  return `<!DOCTYPE html>\n<html lang="${input.lang}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(input.title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${parts.join('\n')}\n</body>\n</html>\n`;
}

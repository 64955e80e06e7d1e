/**
 * report.html of `sensitivity` and of `stochastic` (and `merge`): the page frame of every report
 * (html-page.ts) with real tables — what moves each scheme's general average premium, every
 * shock, the grids; the probabilities of depletion and the percentiles at milestone years — the
 * charts, the charts left out and why, and the provenance. Cells carry the CSV's value (or the
 * exact value) in `data-value`. In English or Malay.
 */
import { stringify } from 'yaml';
import { escapeHtml, figureHtml, htmlPage, omittedHtml } from './html-page.js';
import type { Section } from './html-page.js';
import type { Lang } from './charts/labels.js';
import { assumptionLabel, formatNumber } from './charts/labels.js';
import type { OmittedChart } from './charts/chart-kit.js';
import { moneyUnit } from './charts/chart-kit.js';
import type { GridPoint, SensitivityRow } from '../sensitivity/analysis.js';
import { NO_EFFECT, gapEffects } from '../sensitivity/analysis.js';
import { effectLabel, shockSize, shockSizes } from './charts/sensitivity-charts.js';
import type { AtMilestones, MilestoneSummary } from '../stochastic/summary.js';
import type { PathLayout, StochasticModel } from '../stochastic/paths.js';
import type { Provenance } from './provenance.js';

type Words = Record<string, { en: string; ms: string }>;

const WORDS = {
  sensitivityTitle: { en: 'Sensitivity', ms: 'Kepekaan' },
  stochasticTitle: { en: 'Stochastic projection', ms: 'Unjuran stokastik' },
  whatMoves: { en: 'What moves the general average premium', ms: 'Apa yang menggerakkan premium purata am' },
  whatMovesNote: {
    en: 'Each assumption is shocked down and up on its own, and the whole projection is run again. The five assumptions that move each scheme\'s general average premium (over the whole horizon) most, with the effect of each shock in percentage points of insurable wages.',
    ms: 'Setiap andaian dikejutkan ke bawah dan ke atas secara berasingan, dan seluruh unjuran dijalankan semula. Lima andaian yang paling menggerakkan premium purata am setiap skim (sepanjang tempoh unjuran), dengan kesan setiap kejutan dalam mata peratusan gaji boleh diinsuranskan.',
  },
  base: { en: 'Base: general average premium {from}–{to}', ms: 'Asas: premium purata am {from}–{to}' },
  ofWages: { en: 'of insurable wages', ms: 'daripada gaji boleh diinsuranskan' },
  assumption: { en: 'Assumption', ms: 'Andaian' },
  shock: { en: 'Shock', ms: 'Kejutan' },
  shocks: { en: 'Shocks: {list}', ms: 'Kejutan: {list}' },
  low: { en: 'Low', ms: 'Rendah' },
  high: { en: 'High', ms: 'Tinggi' },
  effectLow: { en: 'Effect of the low shock (pts)', ms: 'Kesan kejutan rendah (mata)' },
  effectHigh: { en: 'Effect of the high shock (pts)', ms: 'Kesan kejutan tinggi (mata)' },
  gapLow: { en: 'Premium, low shock', ms: 'Premium, kejutan rendah' },
  gapHigh: { en: 'Premium, high shock', ms: 'Premium, kejutan tinggi' },
  clampedNote: {
    en: '* clamped: a share (coverage, compliance or contribution density) already within the shock of 0% or 100% is kept within them, so it moved less than the full shock (column clamped of sensitivity.csv).',
    ms: '* dihadkan: bahagian (liputan, pematuhan atau kepadatan caruman) yang sudah dalam julat kejutan daripada 0% atau 100% dikekalkan dalam had itu, jadi ia bergerak kurang daripada kejutan penuh (lajur clamped dalam sensitivity.csv).',
  },
  noMove: { en: 'No assumption moves this scheme\'s general average premium.', ms: 'Tiada andaian yang menggerakkan premium purata am skim ini.' },
  everyShock: { en: 'Every shock', ms: 'Setiap kejutan' },
  direction: { en: 'Direction', ms: 'Arah' },
  gap: { en: 'General average premium', ms: 'Premium purata am' },
  difference: { en: 'Difference (pts)', ms: 'Perbezaan (mata)' },
  reserveRatioIn: { en: 'Reserve ratio {year}', ms: 'Nisbah rizab {year}' },
  depletionYear: { en: 'Depletion year', ms: 'Tahun susutan' },
  clamped: { en: 'Clamped', ms: 'Dihadkan' },
  yes: { en: 'yes', ms: 'ya' },
  withoutEffect: { en: 'Without effect on this scheme (every measure as in the base): {list}.', ms: 'Tanpa kesan ke atas skim ini (setiap ukuran sama seperti asas): {list}.' },
  baseRow: { en: 'Base', ms: 'Asas' },
  grid: { en: 'Contribution rate and coverage', ms: 'Kadar caruman dan liputan' },
  gridNote: {
    en: 'The reserve ratio in {year} (years of benefits and expenses) with the scheme\'s contribution rates multiplied by a factor (columns) and the coverage of every group it covers shifted (rows, in points, kept within 0% and 100%); a fund depleted by {year} says so (grid.csv).',
    ms: 'Nisbah rizab pada {year} (tahun faedah dan perbelanjaan) dengan kadar caruman skim didarab dengan faktor (lajur) dan liputan setiap kumpulan yang dilindunginya dianjak (baris, dalam mata, dalam had 0% dan 100%); dana yang habis menjelang {year} dinyatakan begitu (grid.csv).',
  },
  coverageShift: { en: 'Coverage shift (pts)', ms: 'Anjakan liputan (mata)' },
  depletedIn: { en: 'depleted {year}', ms: 'habis {year}' },
  noGrid: { en: 'No scheme has a fund of its own: there is no grid.', ms: 'Tiada skim yang mempunyai dana sendiri: tiada grid.' },
  charts: { en: 'Charts', ms: 'Carta' },
  noCharts: { en: 'No charts.', ms: 'Tiada carta.' },
  provenance: { en: 'Provenance', ms: 'Asal usul' },
  keyResults: { en: 'Probability of depletion', ms: 'Kebarangkalian dana habis' },
  keyNote: {
    en: '{paths} paths, seed {seed}. By each year: the share of paths whose fund has been negative, and whose reserve ratio has been below {t}, in that year or before (probabilities.csv).',
    ms: '{paths} laluan, benih {seed}. Menjelang setiap tahun: bahagian laluan yang dananya pernah negatif, dan yang nisbah rizabnya pernah di bawah {t}, pada tahun itu atau sebelumnya (probabilities.csv).',
  },
  year: { en: 'Year', ms: 'Tahun' },
  pDepleted: { en: 'Fund depleted by the year', ms: 'Dana habis menjelang tahun itu' },
  pBelow: { en: 'Reserve ratio below {t} by the year', ms: 'Nisbah rizab di bawah {t} menjelang tahun itu' },
  deterministicDepletion: { en: 'Deterministic projection: depleted in {year}.', ms: 'Unjuran deterministik: habis pada {year}.' },
  deterministicNever: { en: 'Deterministic projection: not depleted.', ms: 'Unjuran deterministik: tidak habis.' },
  pooled: { en: 'Pooled with {owner}: no fund of its own.', ms: 'Dikumpulkan dengan {owner}: tiada dana sendiri.' },
  percentiles: { en: 'Percentiles at milestone years', ms: 'Persentil pada tahun-tahun penting' },
  percentilesNote: {
    en: 'Percentiles over every path. A path counts as 0 from its fund\'s depletion on: after it, what the projection carries (a negative fund at interest) is no reserve, and its ratio to the outgo no reserve ratio; "depleted" marks a percentile that falls among the depleted paths. The full distribution by year: percentiles.csv (the projection\'s own values).',
    ms: 'Persentil bagi semua laluan. Laluan dikira 0 mulai dananya habis: selepas itu, apa yang dibawa unjuran (dana negatif berfaedah) bukan rizab, dan nisbahnya kepada perbelanjaan bukan nisbah rizab; "habis" menandakan persentil yang jatuh dalam kalangan laluan yang habis. Taburan penuh mengikut tahun: percentiles.csv (nilai unjuran itu sendiri).',
  },
  reserveRatio: { en: 'Reserve ratio (years)', ms: 'Nisbah rizab (tahun)' },
  payg: { en: 'PAYG cost rate (% of insurable wages)', ms: 'Kadar kos bayar-semasa-guna (% gaji boleh diinsuranskan)' },
  fund: { en: 'Fund at the end of the year ({unit})', ms: 'Dana pada akhir tahun ({unit})' },
  deterministic: { en: 'Deterministic', ms: 'Deterministik' },
  depleted: { en: 'depleted', ms: 'habis' },
  gapNote: {
    en: 'General average premium: not computed per path (a path carries its fund, reserve ratio, PAYG cost rate, contributions and benefits, but not its wage bill or expenses, from which the premium is computed); the PAYG cost rate above is its per-path counterpart. Deterministic, {from}–{to}: {rate} of insurable wages.',
    ms: 'Premium purata am: tidak dikira bagi setiap laluan (laluan membawa dana, nisbah rizab, kadar kos bayar-semasa-guna, caruman dan faedahnya, tetapi bukan bil gaji atau perbelanjaannya, yang diperlukan untuk premium itu); kadar kos bayar-semasa-guna di atas ialah padanannya bagi setiap laluan. Deterministik, {from}–{to}: {rate} daripada gaji boleh diinsuranskan.',
  },
  model: { en: 'Model', ms: 'Model' },
  variable: { en: 'Variable', ms: 'Pemboleh ubah' },
  modelled: { en: 'Model', ms: 'Model' },
  sd: { en: 'Standard deviation', ms: 'Sisihan piawai' },
  phi: { en: 'Persistence (φ)', ms: 'Kegigihan (φ)' },
  investmentReturn: { en: 'Investment return (points)', ms: 'Pulangan pelaburan (mata)' },
  wageGrowth: { en: 'Wage growth (points)', ms: 'Pertumbuhan gaji (mata)' },
  incidence: { en: 'Incidence (multiplier)', ms: 'Insiden (pendarab)' },
  mortality: { en: 'Mortality (multiplier)', ms: 'Kematian (pendarab)' },
  notModelled: { en: 'not modelled', ms: 'tidak dimodelkan' },
  methodFast: {
    en: 'Method: fast. Each path is evaluated on the response of the deterministic projection to each year\'s draws (to second order in the wage level, with the cross term of incidence and wages), within the error methodology §8 states; stochastic --exact projects every path on the full engine instead.',
    ms: 'Kaedah: pantas. Setiap laluan dinilai pada tindak balas unjuran deterministik terhadap cabutan setiap tahun (hingga peringkat kedua dalam paras gaji, dengan sebutan silang insiden dan gaji), dalam ralat yang dinyatakan oleh metodologi §8; stochastic --exact mengunjurkan setiap laluan dengan enjin penuh.',
  },
  methodExact: {
    en: 'Method: exact. Every path is a full projection of the engine, as run makes, with the path\'s returns, wage level, incidence and mortality (stochastic --exact).',
    ms: 'Kaedah: tepat. Setiap laluan ialah unjuran penuh enjin, seperti yang dibuat oleh run, dengan pulangan, paras gaji, insiden dan kematian laluan itu (stochastic --exact).',
  },
  correlation: { en: 'Correlation of the return and wage growth innovations: {rho}. {paths} paths, seed {seed}, reserve threshold {t}.', ms: 'Korelasi inovasi pulangan dan pertumbuhan gaji: {rho}. {paths} laluan, benih {seed}, ambang rizab {t}.' },
} as const satisfies Words;

type Word = keyof typeof WORDS;

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

function words(lang: Lang) {
  return (key: Word, values: Record<string, string | number> = {}) => escapeHtml(fill(WORDS[key][lang], values));
}

/** A table cell: the shown text, and the exact value in data-value. */
function td(shown: string, value?: string | number | null, extra = ''): string {
  const data = value === undefined ? '' : ` data-value="${value === null ? '' : escapeHtml(String(value))}"`;
  return `<td${data}${extra}>${escapeHtml(shown)}</td>`;
}

const th = (t: string, extra = '') => `<th${extra}>${t}</th>`;
/** A size such as "±10 pts" is not broken over two lines. */
const NOWRAP = ' style="white-space: nowrap"';
/** The heading of a group of columns, centred over them. */
const group = (t: string, columns: number) => th(t, ` colspan="${columns}" style="text-align: center"`);
const percent = (x: number | null, digits = 2) => (x === null ? 'n/a' : `${formatNumber(100 * x, digits)}%`);
const points = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${formatNumber(Math.abs(100 * x), 3)}`.replace(/^[+−](0\.000)$/, '$1');
const csvValue = (x: number | null, measure: string) => (x === null ? '' : measure === 'depletion_year' ? String(x) : x.toFixed(8));

function table(id: string, head: string, rows: string[], attributes = ''): string {
  return `<table id="${id}"${attributes}><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function chartsSection(lang: Lang, charts: ReadonlyArray<{ name: string; title: string; png: Buffer }>, omitted: readonly OmittedChart[]): Section {
  const w = words(lang);
  return { id: 'charts', heading: WORDS.charts[lang], html: (charts.length === 0 ? `<p>${w('noCharts')}</p>` : charts.map(figureHtml).join('\n')) + omittedHtml(omitted, lang) };
}

function provenanceSection(lang: Lang, provenance: Provenance): Section {
  return { id: 'provenance', heading: WORDS.provenance[lang], html: `<pre>${escapeHtml(stringify(provenance, { lineWidth: 0 }))}</pre>` };
}

// ---------------------------------------------------------------- sensitivity

export interface SensitivityReportInput {
  title: string;
  lang: Lang;
  rows: readonly SensitivityRow[];
  schemes: ReadonlyArray<{ id: string; label: string }>;
  /** The general average premium's period (the whole horizon). */
  period: { from: number; to: number };
  /** The years whose reserve ratio sensitivity.csv gives. */
  years: readonly number[];
  grids: ReadonlyArray<{ scheme: string; year: number; points: readonly GridPoint[] }>;
  charts: ReadonlyArray<{ name: string; title: string; png: Buffer }>;
  omitted: readonly OmittedChart[];
  provenance: Provenance;
}

export function sensitivityHtml(input: SensitivityReportInput): string {
  const { lang, rows } = input;
  const w = words(lang);
  const name = (id: string) => input.schemes.find((s) => s.id === id)?.label ?? id;
  const sections: Section[] = [];

  const top = input.schemes.map((s) => {
    const { effects, base } = gapEffects(rows, s.id);
    const gapOf = (assumption: string, direction: 'low' | 'high') => rows.find((r) => r.scheme === s.id && r.measure === 'general_average_premium' && r.assumption === assumption && r.direction === direction)?.value ?? null;
    const head = `<h3>${escapeHtml(s.label)}</h3><p>${w('base', input.period)} <strong data-value="${csvValue(base, '')}">${escapeHtml(percent(base))}</strong> ${w('ofWages')}.</p>`;
    if (effects.length === 0) return `${head}<p>${w('noMove')}</p>`;
    const body = effects.slice(0, 5).map((e) => {
      const low = gapOf(e.assumption, 'low');
      const high = gapOf(e.assumption, 'high');
      return `<tr data-assumption="${escapeHtml(e.assumption)}">${td(effectLabel(e, s.id, lang, name))}${td(shockSize(e.assumption, e.size, lang), undefined, NOWRAP)}${td(points(e.low), e.low)}${td(points(e.high), e.high)}${td(percent(low), csvValue(low, ''))}${td(percent(high), csvValue(high, ''))}</tr>`;
    });
    const clamped = effects.slice(0, 5).some((e) => e.lowClamped || e.highClamped) ? `<p class="note">${w('clampedNote')}</p>` : '';
    return head + table(`top-${s.id}`, `<tr>${th(w('assumption'))}${th(w('shock'))}${th(w('effectLow'))}${th(w('effectHigh'))}${th(w('gapLow'))}${th(w('gapHigh'))}</tr>`, body, ` class="top-five" data-scheme="${escapeHtml(s.id)}"`) + clamped;
  });
  sections.push({ id: 'what-moves', heading: WORDS.whatMoves[lang], html: `<p class="note">${w('whatMovesNote')} ${w('shocks', { list: shockSizes(rows, lang) })}.</p>\n${top.join('\n')}` });

  sections.push(chartsSection(lang, input.charts, input.omitted));

  const every = input.schemes.map((s) => {
    const mine = rows.filter((r) => r.scheme === s.id);
    const assumptions = [...new Set(mine.map((r) => r.assumption))];
    // Differences of rounding (NO_EFFECT relative to the value) are none.
    const differs = (r: SensitivityRow) => (r.value === null || r.base === null ? r.value !== r.base : Math.abs(r.value - r.base) > NO_EFFECT * Math.max(1, Math.abs(r.base)));
    const moves = (a: string) => mine.some((r) => r.assumption === a && differs(r));
    const measures = ['general_average_premium', ...input.years.map((y) => `reserve_ratio_${y}`), 'depletion_year'];
    const value = (a: string, direction: string, measure: string) => mine.find((r) => r.assumption === a && r.direction === direction && r.measure === measure);
    // A reserve ratio in or after the depletion year is not one: the cell says "depleted" (the CSV keeps the projection's value).
    const shown = (x: number | null, measure: string, depletion: number | null) => {
      if (x === null) return measure === 'depletion_year' ? '—' : 'n/a';
      if (measure === 'general_average_premium') return percent(x);
      if (measure === 'depletion_year') return String(x);
      const year = Number(measure.slice('reserve_ratio_'.length));
      return depletion !== null && year >= depletion ? WORDS.depleted[lang] : formatNumber(x, 2);
    };
    const baseRow = (() => {
      const any = mine[0];
      if (!any) return '';
      const depletion = mine.find((x) => x.measure === 'depletion_year')?.base ?? null;
      const cells = measures.map((m) => {
        const r = mine.find((x) => x.measure === m);
        return td(shown(r?.base ?? null, m, depletion), csvValue(r?.base ?? null, m));
      });
      return `<tr class="base">${td(WORDS.baseRow[lang])}${td('')}${td('')}${cells[0]}${td('')}${cells.slice(1).join('')}${td('')}</tr>`;
    })();
    const body = assumptions.filter(moves).flatMap((a) =>
      (['low', 'high'] as const).map((direction) => {
        const gap = value(a, direction, 'general_average_premium');
        const diff = gap && gap.value !== null && gap.base !== null ? (differs(gap) ? gap.value - gap.base : 0) : null;
        const depletion = value(a, direction, 'depletion_year')?.value ?? null;
        const cells = measures.map((m) => {
          const r = value(a, direction, m);
          return td(shown(r?.value ?? null, m, depletion), csvValue(r?.value ?? null, m));
        });
        const clamped = value(a, direction, 'general_average_premium')?.clamped ?? false;
        return `<tr data-assumption="${escapeHtml(a)}" data-direction="${direction}">${td(assumptionLabel(a, lang, (id) => (id === s.id ? '' : name(id))))}${td(w(direction))}${td(shockSize(a, gap?.size ?? 0, lang), undefined, NOWRAP)}${cells[0]}${td(diff === null ? 'n/a' : points(diff), diff)}${cells.slice(1).join('')}${td(clamped ? WORDS.yes[lang] : '', String(clamped))}</tr>`;
      }),
    );
    const quiet = assumptions.filter((a) => !moves(a)).map((a) => assumptionLabel(a, lang, (id) => (id === s.id ? '' : name(id))));
    const head = `<tr>${th(w('assumption'))}${th(w('direction'))}${th(w('shock'))}${th(w('gap'))}${th(w('difference'))}${input.years.map((y) => th(w('reserveRatioIn', { year: y }))).join('')}${th(w('depletionYear'))}${th(w('clamped'))}</tr>`;
    return `<h3>${escapeHtml(s.label)}</h3>${table(`shocks-${s.id}`, head, [baseRow, ...body], ` class="shocks" data-scheme="${escapeHtml(s.id)}"`)}${quiet.length > 0 ? `<p class="note">${w('withoutEffect', { list: quiet.join('; ') })}</p>` : ''}`;
  });
  sections.push({ id: 'every-shock', heading: WORDS.everyShock[lang], html: every.join('\n') });

  const grids = input.grids.map((g) => {
    const factors = [...new Set(g.points.map((p) => p.contributionFactor))].sort((a, b) => a - b);
    const shifts = [...new Set(g.points.map((p) => p.coverageShift))].sort((a, b) => b - a);
    const head = `<tr>${th(w('coverageShift'))}${factors.map((f) => th(`×${formatNumber(f, 1)}`)).join('')}</tr>`;
    const body = shifts.map((shift) => {
      const cells = factors.map((f) => {
        const p = g.points.find((x) => x.contributionFactor === f && x.coverageShift === shift)!;
        const depleted = p.depletionYear !== null && p.depletionYear <= g.year;
        const text = depleted ? WORDS.depletedIn[lang].replace('{year}', String(p.depletionYear)) : p.reserveRatio === null ? 'n/a' : formatNumber(p.reserveRatio, 1) + (p.depletionYear !== null ? ` (${WORDS.depletedIn[lang].replace('{year}', String(p.depletionYear))})` : '');
        return td(text, csvValue(p.reserveRatio, ''), ` data-factor="${f}" data-shift="${shift}" data-depletion-year="${p.depletionYear ?? ''}"`);
      });
      return `<tr>${td(`${shift > 0 ? '+' : shift < 0 ? '−' : ''}${formatNumber(Math.abs(100 * shift), 0)}`)}${cells.join('')}</tr>`;
    });
    return `<h3>${escapeHtml(name(g.scheme))}</h3><p class="note">${w('gridNote', { year: g.year })}</p>${table(`grid-${g.scheme}`, head, body, ` class="grid" data-scheme="${escapeHtml(g.scheme)}"`)}`;
  });
  sections.push({ id: 'grid', heading: WORDS.grid[lang], html: grids.length > 0 ? grids.join('\n') : `<p>${w('noGrid')}</p>` });
  sections.push(provenanceSection(lang, input.provenance));
  return htmlPage({ title: `${WORDS.sensitivityTitle[lang]}: ${input.title}`, lang, sections });
}

// ---------------------------------------------------------------- stochastic

/** "On the paths: depleted by 2033 on 5%, by 2035 on half, by 2038 on 95% (…)": the spread of the depletion year. */
function depletionSpread(by: NonNullable<MilestoneSummary['schemes'][number]['depletionBy']>, lang: Lang): string {
  const parts = ([['p5', '5%'], ['p50', lang === 'ms' ? 'separuh' : 'half'], ['p95', '95%']] as const).filter(([k]) => by[k] !== null).map(([k, share]) => (lang === 'ms' ? `menjelang ${by[k]} pada ${share}` : `by ${by[k]} on ${share}`));
  if (parts.length === 0) return lang === 'ms' ? 'Pada laluan: tidak habis pada 5% laluan sekalipun.' : 'On the paths: not depleted on even 5% of them.';
  return lang === 'ms' ? `Pada laluan: habis ${parts.join(', ')} laluan.` : `On the paths: depleted ${parts.join(', ')} of them.`;
}

export interface StochasticReportInput {
  title: string;
  scenario: string;
  lang: Lang;
  layout: PathLayout;
  summary: MilestoneSummary;
  model: StochasticModel;
  /** How the paths were evaluated (methodology §8). */
  method: 'fast' | 'exact';
  currency: string;
  charts: ReadonlyArray<{ name: string; title: string; png: Buffer }>;
  omitted: readonly OmittedChart[];
  provenance: Provenance;
}

export function stochasticHtml(input: StochasticReportInput): string {
  const { lang, summary: m } = input;
  const w = words(lang);
  const label = (k: number) => {
    const s = input.layout.schemes[k];
    return s.label?.[lang] ?? s.label?.en ?? s.id;
  };
  const n = formatNumber(m.reserveThreshold, m.reserveThreshold % 1 === 0 ? 0 : 2);
  const threshold = lang === 'ms' ? `${n} tahun` : m.reserveThreshold === 1 ? '1 year' : `${n} years`;
  const sections: Section[] = [];

  const key = m.schemes.map((s, k) => {
    const head = `<h3>${escapeHtml(label(k))}</h3>`;
    if (!s.ownFund) return `${head}<p>${w('pooled', { owner: label(input.layout.schemes[k].poolOwner) })}</p>`;
    const det = s.deterministic?.depletionYear;
    const spread = s.depletionBy ? ` ${depletionSpread(s.depletionBy, lang)}` : '';
    const note = det === undefined ? '' : `<p>${det === null ? w('deterministicNever') : w('deterministicDepletion', { year: det })}${escapeHtml(spread)}</p>`;
    const body = m.years.map((y, i) => `<tr data-year="${y}">${td(String(y))}${td(percent(s.pDepleted![i], 1), s.pDepleted![i])}${td(percent(s.pBelow![i], 1), s.pBelow![i])}</tr>`);
    return head + note + table(`probabilities-${s.id}`, `<tr>${th(w('year'))}${th(w('pDepleted'))}${th(w('pBelow', { t: threshold }))}</tr>`, body, ` class="probabilities" data-scheme="${escapeHtml(s.id)}"`);
  });
  sections.push({ id: 'probabilities', heading: WORDS.keyResults[lang], html: `<p class="note">${w('keyNote', { paths: formatNumber(m.paths, 0), seed: m.seed, t: threshold })}</p>\n${key.join('\n')}` });

  const cuts = ['p5', 'p50', 'p95'] as const;
  const tables = m.schemes.map((s, k) => {
    const parts = [`<h3>${escapeHtml(label(k))}</h3>`];
    const held = (x: AtMilestones | null, i: number, cut: (typeof cuts)[number], format: (v: number) => string) => {
      const v = x?.[cut][i] ?? null;
      const depleted = v === 0 && (s.pDepleted?.[i] ?? 0) > 0;
      return td(v === null ? 'n/a' : depleted ? WORDS.depleted[lang] : format(v), v);
    };
    const ratio = (v: number) => formatNumber(v, 2);
    const rate = (v: number) => percent(v, 2);
    const own = s.ownFund;
    const head =
      `<tr>${th(w('year'), ' rowspan="2"')}${own ? group(w('reserveRatio'), 4) : ''}${group(w('payg'), 4)}</tr>` +
      `<tr>${(own ? [...cuts, 'det'] : []).concat([...cuts, 'det']).map((c) => th(c === 'det' ? w('deterministic') : c)).join('')}</tr>`;
    const body = m.years.map((y, i) => {
      const det = s.deterministic;
      const detRatio = det?.reserveRatio[i] ?? null;
      const detDepleted = det?.depletionYear !== null && det?.depletionYear !== undefined && y >= det.depletionYear;
      const reserve = own ? cuts.map((c) => held(s.reserveRatio, i, c, ratio)).join('') + td(detDepleted ? WORDS.depleted[lang] : detRatio === null ? 'n/a' : ratio(detRatio), detRatio) : '';
      const payg = cuts.map((c) => held(s.paygCostRate, i, c, rate)).join('') + td(det?.paygCostRate[i] === null || det === null ? 'n/a' : rate(det.paygCostRate[i]!), det?.paygCostRate[i] ?? null);
      return `<tr data-year="${y}">${td(String(y))}${reserve}${payg}</tr>`;
    });
    parts.push(table(`percentiles-${s.id}`, head, body, ` class="percentiles" data-scheme="${escapeHtml(s.id)}"`));
    if (own && s.fundEnd) {
      const unit = moneyUnit([...cuts.map((c) => s.fundEnd![c]), s.deterministic?.fundEnd ?? []], input.currency, lang);
      const money = (v: number) => formatNumber(v / unit.divisor, 2);
      const fundHead = `<tr>${th(w('year'))}${cuts.map((c) => th(c)).join('')}${th(w('deterministic'))}</tr>`;
      const fundBody = m.years.map((y, i) => {
        const det = s.deterministic?.fundEnd[i] ?? null;
        const detDepleted = s.deterministic?.depletionYear != null && y >= s.deterministic.depletionYear;
        return `<tr data-year="${y}">${td(String(y))}${cuts.map((c) => held(s.fundEnd, i, c, money)).join('')}${td(det === null ? 'n/a' : detDepleted ? WORDS.depleted[lang] : money(det), det)}</tr>`;
      });
      parts.push(`<p class="note">${w('fund', { unit: unit.label })}</p>`, table(`fund-${s.id}`, fundHead, fundBody, ` class="fund" data-scheme="${escapeHtml(s.id)}"`));
    }
    const gap = s.deterministic?.gap;
    if (gap) parts.push(`<p class="note">${w('gapNote', { from: gap.from, to: gap.to, rate: percent(gap.rate) })}</p>`);
    return parts.join('\n');
  });
  sections.push({ id: 'percentiles', heading: WORDS.percentiles[lang], html: `<p class="note">${w('percentilesNote')}</p>\n${tables.join('\n')}` });

  sections.push(chartsSection(lang, input.charts, input.omitted));

  const model = input.model;
  const modelRows = [
    ['investmentReturn', model.investmentReturn ? 'AR(1)' : null, model.investmentReturn ? `${formatNumber(100 * model.investmentReturn.sd, 2)}` : '', model.investmentReturn ? formatNumber(model.investmentReturn.phi, 2) : ''],
    ['wageGrowth', model.wageGrowth ? 'AR(1)' : null, model.wageGrowth ? `${formatNumber(100 * model.wageGrowth.sd, 2)}` : '', model.wageGrowth ? formatNumber(model.wageGrowth.phi, 2) : ''],
    ['incidence', model.incidenceSd > 0 ? 'lognormal' : null, model.incidenceSd > 0 ? formatNumber(model.incidenceSd, 2) : '', model.incidenceSd > 0 ? '0' : ''],
    ['mortality', model.mortality && model.mortality.sd > 0 ? (model.mortality.phi > 0 ? 'AR(1), log' : 'lognormal') : null, model.mortality && model.mortality.sd > 0 ? formatNumber(model.mortality.sd, 2) : '', model.mortality && model.mortality.sd > 0 ? formatNumber(model.mortality.phi, 2) : ''],
  ] as const;
  const modelBody = modelRows.map(([k, kind, sd, phi]) => `<tr>${td(WORDS[k][lang])}${td(kind ?? WORDS.notModelled[lang])}${td(sd)}${td(phi)}</tr>`);
  sections.push({
    id: 'model',
    heading: WORDS.model[lang],
    html: table('model', `<tr>${th(w('variable'))}${th(w('modelled'))}${th(w('sd'))}${th(w('phi'))}</tr>`, modelBody) + `<p class="note">${w('correlation', { rho: formatNumber(model.correlation, 2), paths: formatNumber(m.paths, 0), seed: m.seed, t: threshold })}</p>` +
      `<p class="note" data-method="${input.method}">${w(input.method === 'exact' ? 'methodExact' : 'methodFast')}</p>`,
  });
  sections.push(provenanceSection(lang, input.provenance));
  return htmlPage({ title: `${WORDS.stochasticTitle[lang]}: ${input.title}`, lang, sections });
}

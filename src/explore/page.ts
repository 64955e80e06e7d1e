/// <reference lib="dom" />
/**
 * The explore page: sliders, the charts of the selected scheme (the fund and reserve ratio, the
 * cost rates against the contribution rate; the same chart builders as `run`'s, so the same chart
 * rules), the cost table of the settings against the scenario as loaded (`compare`'s), and the
 * settings as a scenario file. The projection runs in a Web Worker started from this same bundle.
 *
 * Every text that comes from the scenario is set as text, never as HTML: a scenario file is
 * untrusted, and so is the page written from it.
 */
import { Chart, registerables } from 'chart.js';
import type { ChartConfiguration } from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import { schemeCharts } from '../report/charts/run-charts.js';
import type { Lang } from '../report/charts/labels.js';
import { compareScenarios } from '../report/comparison.js';
import type { ScenarioRows } from '../report/comparison.js';
import { basisPoints, depletionText, optionCosts, signed, tableUnit } from '../report/options-table.js';
import { isMoved, patchOf } from './controls.js';
import type { Control, ControlSection, Settings } from './controls.js';
import { patchFileName, patchYaml, shownValue } from './patch-file.js';
import type { ExploreData } from './session.js';
import type { FromWorker, ToWorker } from './worker.js';
import { word } from './words.js';

const SECTIONS: readonly ControlSection[] = ['coverage', 'compliance', 'rates', 'economy', 'funds', 'register'];
/** The charts of the selected scheme the page draws, in this order. */
const CHARTS = ['fund', 'shortfall', 'cost-rates'] as const;

type Projected = Extract<FromWorker, { kind: 'projected' }>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
}

export function startPage(data: ExploreData, bundle: string, initialLang: Lang): void {
  Chart.register(...registerables, annotationPlugin);
  Chart.defaults.font.family = '"DejaVu Sans", Verdana, sans-serif';
  Chart.defaults.font.size = 20;
  Chart.defaults.color = '#1a1a1a';
  Chart.defaults.animation = false;

  let lang = initialLang;
  let settings: Settings = Object.fromEntries(data.controls.map((c) => [c.id, { value: c.value, ...(c.year ? { year: c.year.value } : {}) }]));
  let scheme = 0;
  let loaded: Projected | undefined;
  let latest: Projected | undefined;
  let failure: string | undefined;
  const charts: Chart[] = [];

  const worker = new Worker(URL.createObjectURL(new Blob([bundle], { type: 'text/javascript' })));
  let seq = 0;
  let inFlight = false;
  let pending = false;
  const send = (message: ToWorker) => worker.postMessage(message);
  send({ kind: 'init', data });
  const request = () => {
    if (inFlight) {
      pending = true;
      return;
    }
    inFlight = true;
    root.dataset.state = 'projecting';
    status.textContent = word('projecting', lang);
    send({ kind: 'project', seq: ++seq, patch: patchOf(data.merged, data.controls, settings, data.startYear) });
  };
  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    inFlight = false;
    const reply = e.data;
    if (reply.kind === 'failed') failure = reply.message;
    else {
      failure = undefined;
      if (!loaded) loaded = reply;
      latest = reply;
    }
    if (pending) {
      pending = false;
      request();
    }
    showResults(reply.kind === 'projected' ? reply.ms : undefined);
    // What a test waits for: every setting made has been projected and shown.
    if (!inFlight) root.dataset.state = 'idle';
  };
  worker.onerror = (e) => {
    failure = e.message;
    showResults();
  };

  // ---------------------------------------------------------------- the frame
  const root = document.getElementById('explore')!;
  const title = el('h1');
  const lead = el('p', { class: 'lead' });
  const languageButton = el('button', { type: 'button', id: 'language' });
  const controlsPane = el('div', { class: 'controls', id: 'controls' });
  const schemeSelect = el('select', { id: 'scheme' });
  const schemeLabel = el('label', { for: 'scheme' });
  const status = el('p', { class: 'status', id: 'status', role: 'status' });
  const headline = el('div', { class: 'headline', id: 'headline' });
  const chartsPane = el('div', { class: 'charts', id: 'charts' });
  const costs = el('div', { class: 'costs', id: 'costs' });
  const resetButton = el('button', { type: 'button', id: 'reset' });
  const copyButton = el('button', { type: 'button', id: 'copy' });
  const downloadLink = el('a', { id: 'download', download: patchFileName(data) });
  const copyNote = el('p', { class: 'note', id: 'copy-note' });
  const patchHeading = el('h2');
  const patchText = el('textarea', { id: 'patch', rows: '14', readonly: '', spellcheck: 'false' });
  const provenance = el('section', { id: 'provenance' });
  root.append(
    el('header', {}, title, languageButton),
    lead,
    el('div', { class: 'layout' }, el('aside', {}, controlsPane, el('div', { class: 'buttons' }, resetButton, copyButton, downloadLink), copyNote),
      el('main', {}, el('div', { class: 'scheme-row' }, schemeLabel, schemeSelect, status), headline, chartsPane, costs)),
    el('section', { id: 'patch-section' }, patchHeading, patchText),
    provenance,
  );

  languageButton.addEventListener('click', () => {
    lang = lang === 'en' ? 'ms' : 'en';
    document.documentElement.lang = lang;
    drawFrame();
    showResults();
  });
  schemeSelect.addEventListener('change', () => {
    scheme = Number(schemeSelect.value);
    showResults();
  });
  resetButton.addEventListener('click', () => {
    settings = Object.fromEntries(data.controls.map((c) => [c.id, { value: c.value, ...(c.year ? { year: c.year.value } : {}) }]));
    drawControls();
    request();
  });
  copyButton.addEventListener('click', () => {
    const yaml = patchYaml(data, settings);
    patchText.value = yaml;
    const done = () => (copyNote.textContent = word('copied', lang, { file: data.fileName, name: patchFileName(data) }));
    if (navigator.clipboard) navigator.clipboard.writeText(yaml).then(done, () => (patchText.select(), document.execCommand('copy'), done()));
    else (patchText.select(), document.execCommand('copy'), done());
  });

  // ---------------------------------------------------------------- controls
  function drawControls(): void {
    controlsPane.replaceChildren();
    for (const section of SECTIONS) {
      const inSection = data.controls.filter((c) => c.section === section);
      if (inSection.length === 0) continue;
      controlsPane.append(el('h2', {}, word(section, lang)), ...inSection.map(controlBlock));
    }
  }

  function controlBlock(c: Control): HTMLElement {
    const s = settings[c.id];
    const output = el('output', { id: `out-${c.id}` });
    const slider = el('input', { type: 'range', id: `slider-${c.id}`, 'data-control': c.id, min: String(c.min), max: String(c.max), step: String(c.step), 'aria-label': c.label[lang] ?? c.label.en });
    slider.value = String(s.value);
    const yearOut = el('output');
    const yearSlider = c.year ? el('input', { type: 'range', id: `year-${c.id}`, 'data-control': c.id, min: String(c.year.min), max: String(c.year.max), step: '1', 'aria-label': `${c.label[lang] ?? c.label.en}: ${word('yearReached', lang)}` }) : undefined;
    if (yearSlider && s.year !== undefined) yearSlider.value = String(s.year);
    const show = () => {
      const now = settings[c.id];
      output.textContent = shownValue(c, now.value);
      yearOut.textContent = now.year !== undefined ? ` ${word('reachedIn', lang)} ${now.year}` : '';
      block.classList.toggle('moved', isMoved(c, now));
    };
    slider.addEventListener('input', () => {
      settings[c.id] = { ...settings[c.id], value: Number(slider.value) };
      show();
      request();
    });
    yearSlider?.addEventListener('input', () => {
      settings[c.id] = { ...settings[c.id], year: Number(yearSlider.value) };
      show();
      request();
    });
    const loadedText = `${word('asLoaded', lang)}: ${shownValue(c, c.value)}${c.year ? ` ${word('reachedIn', lang)} ${c.year.value}` : ''}`;
    const origin = [c.source ? `${word('source', lang)}: ${c.source}.` : '', c.assumption ? `${word('assumption', lang)}: ${c.assumption}` : ''].filter(Boolean).join(' ') || `${word('unmarked', lang)}.`;
    const range = c.range ? ` (${word('range', lang)} ${shownValue(c, c.range[0])} – ${shownValue(c, c.range[1])})` : '';
    const block = el('div', { class: 'control' },
      el('label', { for: `slider-${c.id}` }, c.label[lang] ?? c.label.en),
      el('div', { class: 'value' }, output, yearOut),
      slider,
      ...(yearSlider ? [el('div', { class: 'year' }, el('span', {}, word('yearReached', lang)), yearSlider)] : []),
      el('div', { class: 'origin' }, `${loadedText}. ${origin}${range}`),
    );
    show();
    return block;
  }

  // ---------------------------------------------------------------- results
  function drawFrame(): void {
    document.title = `${word('pageTitle', lang)}: ${data.title}`;
    title.textContent = `${word('pageTitle', lang)}: ${data.title}`;
    lead.textContent = word('lead', lang);
    languageButton.textContent = word('language', lang);
    schemeLabel.textContent = `${word('scheme', lang)}: `;
    resetButton.textContent = word('reset', lang);
    copyButton.textContent = word('copy', lang);
    downloadLink.textContent = word('download', lang);
    patchHeading.textContent = word('patchTitle', lang);
    const labels = (data.merged.schemes as Array<{ id: string; label?: { en?: string; ms?: string } }>).map((s) => s.label?.[lang] ?? s.label?.en ?? s.id);
    schemeSelect.replaceChildren(...labels.map((label, k) => el('option', { value: String(k) }, label)));
    schemeSelect.value = String(scheme);
    drawControls();
    drawProvenance();
  }

  function drawProvenance(): void {
    const r = data.register;
    const files = [...data.provenance.scenarioFiles, ...data.provenance.dataFiles].map((f) => el('li', {}, el('code', {}, f.path), ` sha256 ${f.sha256.slice(0, 16)}…`));
    provenance.replaceChildren(
      el('h2', {}, word('provenance', lang)),
      el('p', {}, word('assumptionsNote', lang, {
        all: r.sourced + r.assumed + r.defaults + r.unmarked,
        sourced: r.sourced,
        assumed: r.assumed,
        others: [r.defaults > 0 ? word('defaultsCount', lang, { n: r.defaults }) : '', r.unmarked > 0 ? word('unmarkedCount', lang, { n: r.unmarked }) : ''].join(''),
      })),
      el('p', {}, word('provenanceLead', lang, { version: data.provenance.version, file: data.displayPath })),
      el('ul', { class: 'files' }, ...files),
    );
  }

  function showResults(ms?: number): void {
    if (failure) {
      status.textContent = `${word('failed', lang)}: ${failure}`;
      status.classList.add('error');
      return;
    }
    status.classList.remove('error');
    if (!latest || !loaded) return;
    if (ms !== undefined) status.textContent = word('projectedIn', lang, { ms: Math.round(ms) });
    const p = latest.projection;
    const s = p.schemes[scheme];
    const m = latest.measures.schemes[scheme];
    const groupLabels = (data.merged.groups as Array<{ id: string; label?: { en: string; ms?: string } }>).map((g) => ({ en: g.label?.en ?? g.id, ms: g.label?.ms }));
    const set = schemeCharts({ projection: p, measures: latest.measures, groupLabels, currency: data.currency, lang }, s, m);
    for (const chart of charts.splice(0)) chart.destroy();
    chartsPane.replaceChildren();
    for (const name of CHARTS) {
      const chart = set.charts.find((c) => c.name === `${s.id}-${name}`);
      if (!chart) continue;
      const canvas = el('canvas', { width: '1600', height: '900', 'data-chart': name, role: 'img', 'aria-label': chart.title });
      chartsPane.append(el('figure', {}, canvas));
      const config = { ...chart.config, options: { ...chart.config.options, responsive: false, animation: false } } as ChartConfiguration;
      charts.push(new Chart(canvas, config));
      // Drawn at the size of the report's PNG (its fonts are sized for it), shown at the column's width.
      canvas.style.width = '100%';
      canvas.style.height = 'auto';
    }
    drawHeadline();
    drawCosts();
  }

  function drawHeadline(): void {
    const p = latest!.projection;
    const m = latest!.measures.schemes[scheme];
    const endYear = p.startYear + p.years - 1;
    const depletion = !m.ownFund ? word('noOwnFund', lang) : m.depletionYear === null ? word('notDepleted', lang, { year: endYear }) : String(m.depletionYear);
    const exact = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x));
    const gap = m.generalAveragePremium[m.generalAveragePremium.length - 1];
    const legislated = latest!.legislated[scheme];
    const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(100 * x).toFixed(2)}%`);
    headline.replaceChildren(
      el('h2', {}, word('headline', lang)),
      el('p', {}, `${word('depletion', lang)}: `, el('strong', { id: 'depletion-year', 'data-value': m.depletionYear === null ? '' : String(m.depletionYear) }, depletion)),
      el('p', {}, `${word('gapVsRate', lang, { from: gap?.from ?? '', to: gap?.to ?? '' })}: `, el('strong', { id: 'gap', 'data-value': exact(gap?.rate) }, pct(gap?.rate)), ' / ', el('strong', { id: 'legislated', 'data-value': exact(legislated) }, pct(legislated))),
    );
  }

  function drawCosts(): void {
    const t = compareScenarios([loaded!.rows, latest!.rows] as ScenarioRows[]);
    const c = optionCosts(t, [loaded!.rows, latest!.rows]);
    const unit = tableUnit(c.rows.flatMap((r) => [r.pvExtraContributions, r.pvExtraOutgo, r.netPvCost]), c.currency, lang);
    const money = (x: number) => signed(x / unit.divisor, 1);
    const schemeName = (id: string | null) => {
      if (id === null) return word('allSchemes', lang);
      const item = (data.merged.schemes as Array<{ id: string; label?: { en?: string; ms?: string } }>).find((s) => s.id === id);
      return item?.label?.[lang] ?? item?.label?.en ?? id;
    };
    const head = [word('colScheme', lang), `${word('colContributions', lang)} (${unit.label})`, `${word('colGovernment', lang)} (${unit.label})`, `${word('colOutgo', lang)} (${unit.label})`, `${word('colNet', lang)} (${unit.label})`, word('colGap', lang), word('colDepletion', lang)];
    const rows = c.rows.map((r) =>
      el('tr', { 'data-scheme': r.scheme ?? 'all' },
        el('td', {}, schemeName(r.scheme)),
        el('td', { 'data-value': String(r.pvExtraContributions) }, money(r.pvExtraContributions)),
        el('td', { 'data-value': String(r.pvExtraGovernment) }, money(r.pvExtraGovernment)),
        el('td', { 'data-value': String(r.pvExtraOutgo) }, money(r.pvExtraOutgo)),
        el('td', { 'data-value': String(r.netPvCost), class: 'net' }, money(r.netPvCost)),
        // A change below a millionth of a basis point is rounding, not a change.
        el('td', {}, r.scheme === null ? '' : basisPoints(r.gapChange !== null && Math.abs(r.gapChange) < 1e-10 ? 0 : r.gapChange)),
        el('td', {}, r.scheme === null ? '' : `${depletionText(r.depletionBaseline, lang)} → ${depletionText(r.depletionOption, lang)}`),
      ),
    );
    costs.replaceChildren(
      el('h2', {}, word('costTable', lang, { from: c.from, to: c.to })),
      el('table', { id: 'cost-table' }, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))), el('tbody', {}, ...rows)),
      el('p', { class: 'note' }, word('netNote', lang)),
    );
    const moved = data.controls.some((ctl) => isMoved(ctl, settings[ctl.id]));
    if (!moved) copyNote.textContent = word('noChange', lang);
    const yaml = patchYaml(data, settings);
    patchText.value = yaml;
    const blob = new Blob([yaml], { type: 'application/yaml' });
    if (downloadLink.href) URL.revokeObjectURL(downloadLink.href);
    downloadLink.href = URL.createObjectURL(blob);
  }

  drawFrame();
  request();
}

/**
 * `coverage-sim compare` for a valuation workshop: the option cost table (options.csv, the
 * terminal, report.html), the report's title and sections, basis points instead of "-0.00%",
 * and charts that keep the rules of design/charts.md (no more than five lines, no chart without
 * data, names rather than ids, no yellow line, nothing drawn below a depleted fund).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ChartDataset } from 'chart.js';
import { PROJECT, cli, scenarioVariant, tempDir } from './helpers/scenarios.js';
import type { Yaml } from './helpers/scenarios.js';
import { projectForComparison } from '../src/cli/compare.js';
import { compareScenarios } from '../src/report/comparison.js';
import type { ScenarioRows } from '../src/report/comparison.js';
import { optionCosts, terminalBasisPoints } from '../src/report/options-table.js';
import { MAX_LINES, compareCharts } from '../src/report/charts/compare-charts.js';
import { hasData } from '../src/report/charts/chart-kit.js';
import type { ChartSet } from '../src/report/charts/chart-kit.js';
import { CHROMIUM, chromiumAvailable, launchChromium } from './helpers/chromium.js';

type Row = Record<string, string>;
const csv = (path: string) => Papa.parse<Row>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
const SCENARIOS = join(PROJECT, 'scenarios');
const BASELINE = join(SCENARIOS, 'baseline-2025.yaml');
const scenarioFile = (name: string) => join(SCENARIOS, name);

/** Σ x_t / (1 + r)^(t − start + ½): a present value, cash flows mid-year, at a constant rate. */
function presentValue(values: ReadonlyArray<[number, number]>, rate: number, start: number): number {
  return values.reduce((sum, [year, x]) => sum + x / (1 + rate) ** (year - start + 0.5), 0);
}

describe('the option cost table of the baseline and every shipped option', () => {
  const out = join(tempDir(), 'all');
  // As a shell expands scenarios/*.yaml: the baseline is among the options too.
  const options = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort().map(scenarioFile);
  const shipped = options.filter((f) => f !== BASELINE);
  let stdout = '';

  it('options.csv has a net PV cost for every option and scheme, the cross-border scheme counted whole', async () => {
    const result = await cli('compare', BASELINE, ...options, '--no-charts', '--jobs', '1', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    stdout = result.stdout;
    expect(stdout).toContain('is the baseline: it is left out of the options');
    const { data: rows, meta } = csv(join(out, 'options.csv'));
    expect(meta.fields).toEqual([
      'option',
      'scheme',
      'pv_extra_contributions_MYR',
      'pv_extra_government_contributions_MYR',
      'pv_extra_benefits_expenses_MYR',
      'net_pv_cost_MYR',
      'gap_change_2025_2100_bp',
      'depletion_year_baseline',
      'depletion_year_option',
      'extended_groups',
      'extended_groups_break_even_rate_share',
      'extended_groups_benefit_contribution_ratio',
    ]);
    const ids = shipped.map((f) => (parse(readFileSync(f, 'utf8')) as Yaml).scenario.id as string);
    expect([...new Set(rows.map((r) => r.option))].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const mine = rows.filter((r) => r.option === id);
      // The baseline's four schemes, any the option adds, and all schemes together.
      expect(mine.map((r) => r.scheme).slice(0, 4)).toEqual(['employment_injury', 'invalidity', 'self_employment_injury', 'employment_insurance']);
      expect(mine.at(-1)!.scheme).toBe('all');
      for (const r of mine) expect(r.net_pv_cost_MYR, `${id} ${r.scheme}`).toMatch(/^-?\d+\.\d\d$/);
    }
    for (const id of ['cross-border-commuters', 'cross-border-commuters-daily', 'all-extensions']) {
      const row = rows.find((r) => r.option === id && r.scheme === 'cross_border_commuters')!;
      expect(row, id).toBeDefined();
      expect(row.depletion_year_baseline).toBe('no scheme');
      expect(row.extended_groups).toBe('cross_border_commuters');
      expect(Number(row.net_pv_cost_MYR)).not.toBe(0);
    }
    expect(rows.find((r) => r.option === 'cross-border-commuters-daily' && r.scheme === 'cross_border_commuters')!.depletion_year_option).toBe('2056');
    expect(rows.find((r) => r.option === 'non-employment-injury-phases' && r.scheme === 'non_employment_injury')!.depletion_year_baseline).toBe('no scheme');
    // Only the subsidised fishers' options have the government pay: into the Act 789 scheme.
    const subsidised = rows.filter((r) => r.scheme !== 'all' && Number(r.pv_extra_government_contributions_MYR) !== 0);
    expect(subsidised.map((r) => `${r.option} ${r.scheme}`).sort()).toEqual(['all-extensions self_employment_injury', 'fishers self_employment_injury']);
  }, 120_000);

  it('a scheme only the option has counts whole: its PVs from the yearly flows of comparison.csv at the baseline discount rate', () => {
    const rate = (parse(readFileSync(BASELINE, 'utf8')) as Yaml).economy.discount_rate as number;
    expect(typeof rate).toBe('number');
    const { data: comparison } = csv(join(out, 'comparison.csv'));
    const flows = (scheme: string, measure: string, column: string) =>
      comparison.filter((r) => r.scheme === scheme && r.measure === measure && r.from === r.to && r.benefit === '' && r.group === '').map((r): [number, number] => [Number(r.from), r[column] === '' ? 0 : Number(r[column])]);
    const pv = (scheme: string, measure: string, column: string) => presentValue(flows(scheme, measure, column), rate, 2025);
    const { data: rows } = csv(join(out, 'options.csv'));
    const close = (actual: string, expected: number) => expect(Math.abs(Number(actual) - expected)).toBeLessThanOrEqual(1e-6 * Math.abs(expected));

    // The baseline has no commuters' scheme: its values are empty in comparison.csv, zero here.
    expect(flows('cross_border_commuters', 'contributions', 'baseline-2025').every(([, x]) => x === 0)).toBe(true);
    const whole = rows.find((r) => r.option === 'cross-border-commuters' && r.scheme === 'cross_border_commuters')!;
    const c = pv('cross_border_commuters', 'contributions', 'cross-border-commuters');
    const be = pv('cross_border_commuters', 'benefits', 'cross-border-commuters') + pv('cross_border_commuters', 'expenses', 'cross-border-commuters');
    expect(c).toBeGreaterThan(1e8);
    close(whole.pv_extra_contributions_MYR, c);
    close(whole.pv_extra_benefits_expenses_MYR, be);
    close(whole.net_pv_cost_MYR, be - c);
    // Its GAP change is its whole GAP, in basis points.
    const gap = comparison.find((r) => r.scheme === 'cross_border_commuters' && r.measure === 'general_average_premium' && r.from === '2025' && r.to === '2100')!;
    close(whole.gap_change_2025_2100_bp, 1e4 * Number(gap['cross-border-commuters']));

    // A scheme both have: the difference of the two scenarios' PVs.
    const both = rows.find((r) => r.option === 'domestic-workers' && r.scheme === 'invalidity')!;
    const extra = (measure: string) => pv('invalidity', measure, 'domestic-workers') - pv('invalidity', measure, 'baseline-2025');
    close(both.net_pv_cost_MYR, extra('benefits') + extra('expenses') - extra('contributions'));
    const baselineDepletion = comparison.find((r) => r.scheme === 'invalidity' && r.measure === 'depletion_year')!['baseline-2025'];
    expect(baselineDepletion).toMatch(/^20[3-4]\d$/);
    expect(both.depletion_year_baseline).toBe(baselineDepletion);
    // The group it extends, and that group's own benefit-to-contribution ratio from the option's measures.
    expect(both.extended_groups).toBe('domestic_workers');
    const group = (measure: string) => Number(comparison.find((r) => r.scheme === 'invalidity' && r.measure === measure && r.group === 'domestic_workers')!['domestic-workers']);
    close(both.extended_groups_benefit_contribution_ratio, (group('pv_benefits') + group('pv_expenses')) / group('pv_contributions'));
    close(both.extended_groups_break_even_rate_share, group('break_even_rate'));

    // All schemes together: the sum of the schemes.
    const mine = rows.filter((r) => r.option === 'all-extensions');
    const sum = mine.filter((r) => r.scheme !== 'all').reduce((s, r) => s + Number(r.net_pv_cost_MYR), 0);
    expect(Math.abs(Number(mine.find((r) => r.scheme === 'all')!.net_pv_cost_MYR) - sum)).toBeLessThan(0.05);
  });

  it('prints the cost table, one row per option and scheme, and nothing wider than 100 columns', () => {
    const lines = stdout.split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
    const start = lines.findIndex((l) => l.startsWith('Option costs'));
    expect(start).toBeGreaterThan(0);
    const table = lines.slice(start, lines.findIndex((l, k) => k > start && l.startsWith('Key results')));
    // The commuters' scheme in its five variants and in all the extensions together.
    expect(table.filter((l) => /^ {4}cross_border_commuters /.test(l))).toHaveLength(6);
    expect(table.filter((l) => /^ {4}all schemes /.test(l))).toHaveLength(shipped.length);
    expect(table.find((l) => /^ {4}cross_border_commuters .*no scheme → 2056/.test(l))).toBeDefined();
    expect(stdout).not.toMatch(/-0\.00%/);
    // A change far below a basis point keeps its first digit, with its exponent: 2e-10 is 2e-6 bp.
    expect(terminalBasisPoints(-2e-10)).toBe('-2e-6');
    expect(terminalBasisPoints(2e-8)).toBe('+0.0002');
    expect(terminalBasisPoints(0)).toBe('0');
  });
});

describe('the compare report', () => {
  const base = scenarioVariant('stationary', (s: Yaml) => (s.projection.end_year = 2060));
  // A hair fewer days: every GAP difference is negative and far below 0.005%.
  const fewer = scenarioVariant('stationary', (s: Yaml) => {
    s.scenario.id = 'fewer-days';
    s.scenario.title = 'A hair fewer days of temporary disablement';
    s.scenario.description = 'Temporary disablement lasts 19.999 days on average instead of 20.';
    s.projection.end_year = 2060;
    s.schemes[0].benefits.temporary_disablement.mean_days = 19.999;
  });
  // The same assumptions under another name: every difference is a true zero.
  const same = scenarioVariant('stationary', (s: Yaml) => {
    s.scenario.id = 'same-again';
    s.scenario.title = 'The baseline under another name';
    s.projection.end_year = 2060;
  });

  it('is titled "N options compared with <baseline>", with a section per option (description, differences)', async () => {
    const out = join(tempDir(), 'two');
    const result = await cli('compare', base, fewer, same, '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const title = '2 options compared with A stationary insured population with wages growing at the discount rate';
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(result.stdout.split('\n').slice(0, 2).join(' ')).toBe(`${title} (test-stationary)`);
    const section = /<section id="option-1">([\s\S]*?)<\/section>/.exec(html)![1];
    expect(section).toContain('A hair fewer days of temporary disablement');
    expect(section).toContain('Temporary disablement lasts 19.999 days on average instead of 20.');
    expect(section).toMatch(/<code>schemes\[injury\]\.benefits\.temporary_disablement\.mean_days<\/code><\/td><td[^>]*>20<\/td><td[^>]*>19\.999<\/td>/);
    expect(/<section id="option-2">([\s\S]*?)<\/section>/.exec(html)![1]).toContain('None: its assumptions are the baseline');
    // The cost table and the key results are real tables, not text in <pre>.
    expect(html).toMatch(/<table id="option-costs">/);
    expect(html).toMatch(/<table class="key-rates" data-scheme="injury">/);
    expect(html).not.toContain('<pre id="headline">');
    const one = join(tempDir(), 'one');
    expect((await cli('compare', base, fewer, '--out', one, '--lang', 'ms')).code).toBe(0);
    expect(readFileSync(join(one, 'report.html'), 'utf8')).toContain('<h1>1 pilihan dibandingkan dengan A stationary insured population with wages growing at the discount rate</h1>');
    const english = join(tempDir(), 'one-en');
    const printed = await cli('compare', base, fewer, '--out', english, '--no-charts');
    expect(printed.stdout).toMatch(/^1 option compared with A stationary/);
  }, 30_000);

  it('writes GAP differences in basis points with their sign, a true zero as 0, never -0.00%', async () => {
    const out = join(tempDir(), 'tiny');
    const result = await cli('compare', base, fewer, same, '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const text of [html, result.stdout]) {
      expect(text).not.toMatch(/[-−]0\.00%/);
      expect(text).not.toMatch(/[-−+]0\.0+(?![0-9])/);
    }
    const changes = (scenario: string) => {
      const row = new RegExp(`<tr data-scenario="${scenario}">(.*?)</tr>`).exec(/<table class="key-rates"[\s\S]*?<\/table>/.exec(html)![0])![1];
      return [...row.matchAll(/<span class="change"[^>]*>([^<]*)<\/span>/g)].map((m) => m[1]);
    };
    const tiny = changes('fewer-days');
    expect(tiny.length).toBeGreaterThan(0);
    for (const c of tiny) expect(c).toMatch(/^−0\.0*[1-9]\d* bp$/);
    for (const c of changes('same-again')) expect(c).toBe('0 bp');
    // The terminal: the GAP change of each option in basis points.
    const lines = result.stdout.split('\n');
    const injury = lines.slice(lines.indexOf('injury (injury)')).filter((l) => /^ {2}[12] /.test(l));
    expect(injury[0]).toMatch(/ -0\.0*[1-9]\d* /);
    expect(injury[1]).toMatch(/%\s+0\s/);
    const { data } = csv(join(out, 'options.csv'));
    expect(data.find((r) => r.option === 'same-again' && r.scheme === 'injury')!.gap_change_2025_2060_bp).toBe('0.0000');
    expect(Number(data.find((r) => r.option === 'fewer-days' && r.scheme === 'injury')!.gap_change_2025_2060_bp)).toBeLessThan(0);
  }, 30_000);

  it('keeps every table of report.html within a 1400-pixel window (headless Chromium, when installed)', async () => {
    if (!chromiumAvailable) return console.warn(`skipped: ${CHROMIUM} not found`);
    const out = join(tempDir(), 'wide');
    expect((await cli('compare', BASELINE, scenarioFile('all-extensions.yaml'), scenarioFile('domestic-workers.yaml'), scenarioFile('cross-border-commuters.yaml'), '--out', out)).code).toBe(0);
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } })).newPage();
      await page.goto(`file://${join(out, 'report.html')}`);
      const rights = await page.$$eval('table', (tables) => tables.map((t) => t.getBoundingClientRect().right));
      expect(rights.length).toBeGreaterThan(5);
      for (const right of rights) expect(right).toBeLessThanOrEqual(1400);
      // (The page's own globals: this project's TypeScript has no DOM library.)
      expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(1400);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('compare charts', () => {
  const projected = (files: string[]) => files.map((f) => projectForComparison(f).scenario);
  const chartsOf = (scenarios: ScenarioRows[], lang: 'en' | 'ms' = 'en'): ChartSet => {
    const table = compareScenarios(scenarios);
    return compareCharts({ table, scenarios, costs: optionCosts(table, scenarios), lang });
  };
  const datasets = (c: ChartSet['charts'][number]) => c.config.data.datasets as Array<ChartDataset & { borderColor?: string }>;

  it('with seven scenarios draws no chart of seven lines: ranked bars instead, the line charts left out with the reason', () => {
    const variants = [20, 24, 28, 32, 36, 40, 44].map((days, k) =>
      scenarioVariant('stationary', (s: Yaml) => {
        s.scenario.id = k === 0 ? 'base' : `days-${days}`;
        s.scenario.title = k === 0 ? 'Baseline of twenty days' : `Temporary disablement of ${days} days`;
        s.projection.end_year = 2050;
        s.schemes[0].benefits.temporary_disablement.mean_days = days;
      }),
    );
    const { charts, omitted } = chartsOf(projected(variants));
    for (const c of charts) if (c.config.type === 'line') expect(datasets(c).length, c.name).toBeLessThanOrEqual(MAX_LINES);
    expect(omitted.map((o) => o.name)).toEqual(expect.arrayContaining(['injury-fund', 'injury-payg', 'injury-fund-difference']));
    for (const o of omitted) expect(o.reason.length, o.name).toBeGreaterThan(10);
    const ranked = charts.find((c) => c.name === 'injury-net-cost')!;
    expect(ranked.config.type).toBe('bar');
    expect((ranked.config.options as { indexAxis?: string }).indexAxis).toBe('y');
    expect(ranked.config.data.labels).toHaveLength(6);
    // Ranked: the costliest option first.
    expect(ranked.config.data.labels![0]).toEqual(['Temporary disablement of 44 days']);
    expect(charts.find((c) => c.name === 'injury-gap-change')).toBeDefined();
  });

  it('the ranked chart of every shipped option gives each bar only the label lines it has room for', () => {
    // 620 pixels of plot shared by the bars, a label line 1.2 × its font: with 24 options, 25.8
    // pixels a bar, too few for two lines at 16 (38.4), 14 (33.6), 12 (28.8) or 11 (26.4), so 10
    // (24), two lines each; a longer title is cut with "…" (the cost table has it whole).
    const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort().map(scenarioFile);
    const others = files.filter((f) => f !== BASELINE);
    const { charts } = chartsOf(projected([BASELINE, ...others]));
    const ranked = charts.find((c) => c.name === 'all-schemes-net-cost')!;
    const labels = ranked.config.data.labels as string[][];
    expect(labels.length).toBeGreaterThanOrEqual(12);
    const font = (ranked.config.options as { scales: { y: { ticks: { font: { size: number } } } } }).scales.y.ticks.font.size;
    const room = Math.floor(620 / labels.length / (1.2 * font));
    expect(room).toBeGreaterThanOrEqual(2);
    for (const label of labels) {
      expect(label.length, label.join(' ')).toBeLessThanOrEqual(Math.min(3, room));
      for (const line of label) expect(line.length, line).toBeLessThanOrEqual(48);
    }
    // A cut title ends in "…"; one that fits is whole.
    const fishers = labels.find((l) => l[0].startsWith('Foreign fishing crew'))!;
    expect(fishers.at(-1)!.endsWith('…')).toBe(true);
    expect(labels.some((l) => l.join(' ') === 'Documented foreign workers registered with PERKESO at 98% by 2030')).toBe(true);
  }, 60_000);

  it('no chart without data, names not ids, no yellow line, nothing below a depleted fund', () => {
    const scenarios = projected([BASELINE, scenarioFile('cross-border-commuters.yaml'), scenarioFile('cross-border-commuters-daily.yaml')]);
    for (const lang of ['en', 'ms'] as const) {
      const { charts, omitted } = chartsOf(scenarios, lang);
      const ids = new Set([...scenarios.map((s) => s.id), ...scenarios.flatMap((s) => s.schemes.map((x) => x.id)), ...scenarios.flatMap((s) => s.groups.map((g) => g.id))]);
      for (const c of charts) {
        expect(hasData(datasets(c)), c.name).toBe(true);
        for (const d of datasets(c)) {
          expect(ids.has(String(d.label)), `${c.name}: ${d.label}`).toBe(false);
          // An id of more than one word (employment_injury, cross-border-commuters) is never a word of a label.
          for (const id of ids) if (/[-_]/.test(id)) expect(String(d.label).split(/[\s;,()]+/), `${c.name}: ${d.label}`).not.toContain(id);
          if (c.config.type === 'line') expect(String(d.borderColor).toUpperCase(), c.name).not.toBe('#F0E442');
        }
        for (const id of ids) if (/[-_]/.test(id)) expect(c.title.split(/[\s—:]+/), c.title).not.toContain(id);
      }
      // The commuters' scheme is only the options': its fund difference is left out, saying why.
      const difference = omitted.find((o) => o.name === 'cross_border_commuters-fund-difference')!;
      expect(difference.reason).toMatch(lang === 'en' ? /only the options have this scheme/ : /hanya pilihan/);
      // The daily variant's fund is depleted in 2056: its line stops before, and its legend says so.
      const fund = charts.find((c) => c.name === 'cross_border_commuters-fund')!;
      const daily = datasets(fund).find((d) => String(d.label).includes('RM2 a working day'))!;
      expect(String(daily.label)).toMatch(lang === 'en' ? /\(depleted 2056\)$/ : /\(dana habis 2056\)$/);
      const years = fund.config.data.labels as number[];
      expect((daily.data as Array<number | null>).slice(years.indexOf(2056)).every((v) => v === null)).toBe(true);
      for (const d of datasets(fund)) for (const v of d.data as Array<number | null>) expect(v === null || v >= 0).toBe(true);
    }
    // One depleted line alone is marked with the depletion year.
    const alone = chartsOf(projected([BASELINE, scenarioFile('cross-border-commuters-daily.yaml')])).charts.find((c) => c.name === 'cross_border_commuters-fund')!;
    const annotations = (alone.config.options as { plugins: { annotation?: { annotations: Record<string, { value: number; label: { content: string } }> } } }).plugins.annotation!.annotations;
    expect(annotations.depletion.label.content).toBe('Depleted 2056');
    expect((alone.config.data.labels as number[])[annotations.depletion.value]).toBe(2056);
  }, 30_000);
});

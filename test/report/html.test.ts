/**
 * report.html: self-contained (no network), a table of contents, every chart embedded by
 * scheme and those left out with the reason, and every number in its tables the same as in
 * measures.csv and summary.csv.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { projectScenario } from '../../src/pipeline.js';
import { reportHtml } from '../../src/report/html.js';
import { provenanceOf } from '../../src/report/provenance.js';
import { PROJECT, cli, tempDir } from '../helpers/scenarios.js';

type Row = Record<string, string>;

describe('report.html', async () => {
  const out = join(tempDir(), 'report');
  const result = await cli('run', join(PROJECT, 'scenarios', 'domestic-workers.yaml'), '--out', out);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  const read = (name: string) => Papa.parse<Row>(readFileSync(join(out, name), 'utf8'), { header: true, skipEmptyLines: true }).data;
  const measures = read('measures.csv');
  const summary = read('summary.csv');
  const csvValue = (scheme: string, measure: string, from: string, to: string, group = '') =>
    measures.find((r) => r.scheme === scheme && r.measure === measure && r.from === from && r.to === to && r.group === group && r.benefit === '')?.value;
  const table = (id: string) => new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';

  it('is written by run, and is self-contained: no scripts, external styles or images', () => {
    expect(result.code).toBe(0);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src="http|href="http|url\(http/);
    const images = [...html.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThanOrEqual(20);
    for (const src of images) expect(src).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });

  it('says what the answer depends on: the counts, the conclusions that flip, the ranked assumptions as in assumptions.csv', () => {
    const section = /<section id="depends-on">([\s\S]*?)<\/section>/.exec(html)![1];
    const rows = read('assumptions.csv');
    const inputs = new Set(rows.map((r) => r.key));
    expect(section).toContain(`The projection uses ${inputs.size} inputs:`);
    // Counted from arrival, the foreign workers' invalidity verdict holds over its whole range.
    expect(section).toContain('No conclusion flips inside any range: each holds at both ends of every range.');
    // The ranked table has one row per input with a range, each named as in assumptions.csv.
    const ranked = [...section.matchAll(/<tr data-key="([^"]+)">/g)].map((m) => m[1].replace(/&#39;/g, "'"));
    expect(new Set(ranked)).toEqual(new Set(rows.filter((r) => r.range_low !== '').map((r) => r.key)));
    // Every input is in the folded register.
    expect([...section.matchAll(/<tr><td><code>/g)].length).toBe(inputs.size);
  });

  it('has a table of contents linking every section', () => {
    const toc = /<nav class="toc">([\s\S]*?)<\/nav>/.exec(html)![1];
    const links = [...toc.matchAll(/href="#([a-z-]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['key-results', 'depends-on', 'differences', 'money', 'payers', 'measures', 'charts', 'sources', 'provenance']);
    for (const id of links) expect(html).toContain(`<section id="${id}">`);
  });

  it('every per-year measure in its tables equals measures.csv', () => {
    const cells = [...html.matchAll(/<table class="measures" data-scheme="([a-z_]+)">([\s\S]*?)<\/table>/g)];
    expect(cells.length).toBe(4);
    let compared = 0;
    for (const [, scheme, body] of cells) {
      for (const [, year, row] of body.matchAll(/<tr data-year="(\d+)">([\s\S]*?)<\/tr>/g)) {
        for (const [, measure, value] of row.matchAll(/data-measure="([a-z_]+)" data-value="([^"]*)"/g)) {
          expect(value, `${scheme} ${measure} ${year}`).toBe(csvValue(scheme, measure, year, year));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('the key results: each general average premium and scaled premium, the depletion years and reserve ratios equal measures.csv; break-even rates too', () => {
    let compared = 0;
    for (const [id, measure] of [['gap', 'general_average_premium'], ['scaled', 'scaled_premium']] as const) {
      for (const [, scheme, from, to, body] of table(id).matchAll(/<tr data-scheme="([a-z_]+)" data-from="(\d+)" data-to="(\d+)">([\s\S]*?)<\/tr>/g)) {
        const value = new RegExp(`data-measure="${measure}" data-value="([^"]*)"`).exec(body)![1];
        expect(value, `${id} ${scheme} ${from}–${to}`).toBe(csvValue(scheme, measure, from, to));
        compared++;
      }
    }
    // Every GAP period and every scaled-premium period of every scheme.
    expect(compared).toBe(measures.filter((r) => r.measure === 'general_average_premium' || r.measure === 'scaled_premium').length);
    const headline = [...table('headline').matchAll(/<tr data-scheme="([a-z_]+)">[\s\S]*?data-from="(\d+)" data-to="(\d+)" data-measure="general_average_premium" data-value="([^"]*)"/g)];
    expect(headline.length).toBe(4);
    for (const [, scheme, from, to, value] of headline) {
      expect([from, to]).toEqual(['2025', '2100']);
      expect(value).toBe(csvValue(scheme, 'general_average_premium', from, to));
    }
    for (const [, scheme, body] of table('headline').matchAll(/<tr data-scheme="([a-z_]+)">([\s\S]*?)<\/tr>/g)) {
      const depletion = /data-measure="depletion_year" data-value="([^"]*)"/.exec(body)![1];
      expect(depletion).toBe(csvValue(scheme, 'depletion_year', '2025', '2100'));
      const ratios = [...body.matchAll(/data-year="(\d+)" data-measure="reserve_ratio" data-value="([^"]*)"/g)];
      expect(ratios.map((r) => r[1])).toEqual(['2035', '2050']);
      for (const [, year, value] of ratios) expect(value).toBe(csvValue(scheme, 'reserve_ratio', year, year));
    }
    for (const [, scheme, body] of html.matchAll(/<table class="groups" data-scheme="([a-z_]+)">([\s\S]*?)<\/table>/g)) {
      for (const [, group, row] of body.matchAll(/<tr data-group="([a-z_]+)">([\s\S]*?)<\/tr>/g)) {
        const value = /data-measure="break_even_rate" data-value="([^"]*)"/.exec(row)![1];
        expect(value).toBe(csvValue(scheme, 'break_even_rate', '2025', '2100', group));
      }
    }
  });

  it('beside each premium, the legislated rate as a level rate: within the contribution rates of its period, and equal to them where they do not change', () => {
    let compared = 0;
    for (const id of ['gap', 'scaled']) {
      for (const [, scheme, from, to, body] of table(id).matchAll(/<tr data-scheme="([a-z_]+)" data-from="(\d+)" data-to="(\d+)">([\s\S]*?)<\/tr>/g)) {
        const legislated = Number(/data-measure="legislated_level_rate" data-value="([^"]*)"/.exec(body)![1]);
        const rates = measures.filter((r) => r.scheme === scheme && r.measure === 'contribution_rate' && Number(r.from) >= Number(from) && Number(r.to) <= Number(to)).map((r) => Number(r.value));
        expect(rates.length).toBe(Number(to) - Number(from) + 1);
        expect(legislated).toBeGreaterThanOrEqual(Math.min(...rates) - 1e-8);
        expect(legislated).toBeLessThanOrEqual(Math.max(...rates) + 1e-8);
        if (Math.max(...rates) - Math.min(...rates) < 1e-9) expect(Math.abs(legislated - rates[0])).toBeLessThan(1e-8);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    expect(html).toContain('Legislated rate: the contribution rates in force over the period as one level rate');
  });

  it('the money tables: contributions, benefits, expenses, investment income and the fund at milestone years equal summary.csv, in the unit that fits, and nothing of a depleted fund', () => {
    const tables = [...html.matchAll(/<table class="money" data-scheme="([a-z_]+)"><caption[^>]*>([^<]*)<\/caption>([\s\S]*?)<\/table>/g)];
    expect(tables.map((t) => t[1])).toEqual(['employment_injury', 'invalidity', 'self_employment_injury', 'employment_insurance']);
    let compared = 0;
    for (const [, scheme, caption, body] of tables) {
      expect(caption).toMatch(/^RM (billion|million|thousand), nominal/);
      for (const [, year, row] of body.matchAll(/<tr data-year="(\d+)">([\s\S]*?)<\/tr>/g)) {
        const line = summary.find((r) => r.scheme === scheme && r.year === year)!;
        for (const [, column, value, shown] of row.matchAll(/data-column="([a-z_]+)" data-value="([^"]*)">([^<]*)</g)) {
          if (column === 'shortfall') {
            expect(Number(value)).toBeCloseTo(Number(line.benefits_total) + Number(line.expenses) - Number(line.contributions_total), 1);
            continue;
          }
          expect(value, `${scheme} ${year} ${column}`).toBe(line[column]);
          if (column === 'fund_end' && Number(value) < 0) expect(shown).toBe('depleted');
          compared++;
        }
      }
    }
    expect(compared).toBe(4 * 5 * 5);
    // Employment injury's fund is in RM billion: 2025 contributions to two decimals.
    const ei = summary.find((r) => r.scheme === 'employment_injury' && r.year === '2025')!;
    expect(html).toContain(`data-column="contributions_total" data-value="${ei.contributions_total}">${(Number(ei.contributions_total) / 1e9).toFixed(2)}<`);
  });

  it('lists the assumptions that differ from the baseline, the data sources and the provenance', () => {
    expect(html).toContain('Assumptions that differ from the baseline');
    expect(html).toContain('schemes[employment_injury].cover.domestic_workers.coverage');
    expect(html).toContain('data/mortality/malaysia-wpp2024.csv');
    expect(html).toMatch(/sha256: [0-9a-f]{64}/);
  });

  it('shows the charts by scheme, with their files named, and the charts left out with the reason', () => {
    const charts = /<section id="charts">([\s\S]*?)<\/section>/.exec(html)![1];
    expect([...charts.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1])).toEqual(['Employment injury (Act 4)', 'Invalidity (Act 4)', 'Self-employment injury (Act 789)', 'Employment Insurance System (Act 800)', 'Charts not drawn']);
    // Employers alone pay employment injury: no chart of payers, and the reason.
    expect(charts).toContain('<li data-chart="employment_injury-payers">Contributions by payer — Employment injury (Act 4): one payer pays every contribution (summary.csv names it)</li>');
    for (const name of ['employment_injury-pyramid', 'invalidity-coverage', 'self_employment_injury-fund']) expect(charts).toContain(`<figure id="chart-${name}">`);
    expect(charts).toContain('(charts/employment_injury-pyramid.png, .svg; data in .csv)');
    // Every chart sits under its own scheme's heading.
    const under = (name: string) => charts.slice(0, charts.indexOf(`chart-${name}"`)).match(/<h3>([^<]+)<\/h3>/g)!.at(-1);
    expect(under('invalidity-pyramid')).toBe('<h3>Invalidity (Act 4)</h3>');

    const run = projectScenario(join(PROJECT, 'scenarios', 'domestic-workers.yaml'));
    const page = reportHtml({
      title: 'T',
      description: '',
      lang: 'en',
      projection: run.projection,
      measures: run.measures,
      differences: null,
      charts: [],
      omitted: [{ name: 'invalidity-shortfall', title: 'Yearly shortfall — Invalidity', reason: 'no values in this projection (every value is zero)' }],
      currency: 'MYR',
      economy: run.assumptions.economy,
      provenance: provenanceOf(run.loaded, run.assumptions),
      groupLabels: {},
      register: { entries: run.loaded.register, effects: [], base: [] },
    });
    expect(page).toContain('<h3>Charts not drawn</h3><ul class="omitted"><li data-chart="invalidity-shortfall">Yearly shortfall — Invalidity: no values in this projection (every value is zero)</li></ul>');
  });
});

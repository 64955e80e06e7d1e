/**
 * population.csv and the population charts: the bands add up to detail.csv's totals, a
 * hand-computed cohort gives its numbers band by band, keeping the bands changes no other
 * number, and the pyramids and coverage-rate charts keep the chart rules on every shipped
 * scenario.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildAssumptions } from '../../src/assumptions/build.js';
import { tableFiles } from '../../src/assumptions/table-files.js';
import { loadScenario } from '../../src/scenario/load.js';
import { project } from '../../src/engine/project.js';
import { projectScenario, reportCharts, reportFiles } from '../../src/pipeline.js';
import type { RunResult } from '../../src/pipeline.js';
import { POPULATION_COLUMNS } from '../../src/report/population.js';
import { populationCharts, pyramidYears } from '../../src/report/charts/population-charts.js';
import { chartRuleViolations } from '../../src/report/charts/rules.js';
import { legendItemsOf } from '../../src/report/charts/renderer.js';
import type { NamedChart } from '../../src/report/charts/chart-kit.js';
import { DETAIL_BENEFIT, MEASURE, PENSION_TYPES_BY_KIND } from '../../src/model.js';
import { detailIndex } from '../../src/engine/result.js';
import { PROJECT, scenarioVariant } from '../helpers/scenarios.js';

type Row = Record<string, string>;
const parse = (csv: string) => Papa.parse<Row>(csv, { header: true, skipEmptyLines: true }).data;

function filesOf(result: RunResult) {
  const files = reportFiles(result);
  return { population: parse(files.get('population.csv')!), detail: parse(files.get('detail.csv')!), text: files.get('population.csv')! };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

describe('population.csv', () => {
  const baseline = projectScenario(join(PROJECT, 'scenarios', 'baseline-2025.yaml'));
  const { population, detail, text } = filesOf(baseline);

  it('has one row per scheme, year, covered group, sex and 5-year band, persons as in detail.csv, and stays small', () => {
    expect(text.split('\n', 1)[0]).toBe(POPULATION_COLUMNS.join(','));
    const groups = baseline.assumptions.schemes.reduce((n, s) => n + s.cover.filter((c) => c !== null).length, 0);
    expect(population.length).toBe(groups * baseline.projection.years * 2 * 23);
    expect(population[0]).toMatchObject({ year: '2025', sex: 'F', age_from: '0', age_to: '4' });
    expect(population.at(-1)).toMatchObject({ year: '2100', sex: 'M', age_from: '110', age_to: '110' });
    for (const row of population.slice(0, 500)) for (const c of ['registered', 'contributing']) expect(row[c]).toMatch(/^\d+\.\d{3}$/);
    // All years are written: the baseline's file is well under 5 MB.
    expect(text.length).toBeLessThan(5e6);
    expect(text).not.toMatch(/NaN|Infinity|-0\.000/);
  });

  it('pension types a scheme does not keep are empty; those it keeps are persons', () => {
    for (const s of baseline.projection.schemes) {
      const row = population.find((r) => r.scheme === s.id)!;
      for (const column of POPULATION_COLUMNS.filter((c) => c.startsWith('beneficiaries_'))) {
        const kept = (PENSION_TYPES_BY_KIND[s.kind] as readonly string[]).includes(column.slice('beneficiaries_'.length));
        expect(row[column], `${s.id} ${column}`).toMatch(kept ? /^\d+\.\d{3}$/ : /^$/);
      }
    }
  });

  it('registered, contributing and each type of pensioner, summed over bands and sexes, equal detail.csv for every group and year (1e-6 relative)', () => {
    const total = (rows: Row[], key: (r: Row) => string, value: (r: Row) => number) => {
      const out = new Map<string, number>();
      for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + value(r));
      return out;
    };
    const byGroupYear = (r: Row) => `${r.scheme}|${r.year}|${r.group}`;
    const checks: Array<[string, (r: Row) => boolean, string]> = [
      ['registered', (r) => r.benefit === 'insured' && r.measure === 'registered', 'registered'],
      ['contributing', (r) => r.benefit === 'insured' && r.measure === 'contributing', 'contributing'],
      ...['permanent_disablement', 'dependants_spouse', 'dependants_children', 'invalidity_pension', 'survivors_spouse', 'survivors_children', 'constant_attendance'].map(
        (type) => [`beneficiaries_${type}`, (r: Row) => r.benefit === type && r.measure === 'beneficiaries_end', `beneficiaries_${type}`] as [string, (r: Row) => boolean, string],
      ),
    ];
    let compared = 0;
    for (const [name, isDetail, column] of checks) {
      const fromDetail = total(detail.filter(isDetail), byGroupYear, (r) => Number(r.value));
      const fromBands = total(population.filter((r) => r[column] !== ''), byGroupYear, (r) => Number(r[column]));
      for (const [key, value] of fromDetail) {
        const sum = fromBands.get(key) ?? NaN;
        // Each of the 46 cells (2 sexes × 23 bands) and the two detail values are written to
        // 3 decimals: small counts of pensioners differ by that rounding, within 0.025 persons.
        const ok = name === 'registered' || name === 'contributing' ? close(sum, value) : Math.abs(sum - value) <= Math.max(1e-6 * value, 0.025);
        expect(ok, `${name} ${key}: ${sum} against ${value}`).toBe(true);
        if (value > 0) compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    // Unrounded, in the projection itself: equal to 1e-9 relative.
    for (const s of baseline.projection.schemes) {
      for (let i = 0; i < s.years; i++) {
        for (let g = 0; g < s.groups; g++) {
          for (let sex = 0; sex < 2; sex++) {
            let registered = 0;
            for (let b = 0; b < 23; b++) registered += s.registeredByBand[((i * s.groups + g) * 2 + sex) * 23 + b];
            const total = s.detail[detailIndex(DETAIL_BENEFIT.insured, MEASURE.registered, g, sex, s.groups, s.years) + i];
            expect(Math.abs(registered - total)).toBeLessThanOrEqual(1e-9 * Math.max(1, total));
            const types = PENSION_TYPES_BY_KIND[s.kind];
            types.forEach((type, slot) => {
              let pensioners = 0;
              for (let b = 0; b < 23; b++) pensioners += s.pensionersByBand[(((slot * s.years + i) * s.groups + g) * 2 + sex) * 23 + b];
              const end = s.detail[detailIndex(DETAIL_BENEFIT[type], MEASURE.beneficiaries_end, g, sex, s.groups, s.years) + i];
              expect(Math.abs(pensioners - end)).toBeLessThanOrEqual(1e-9 * Math.max(1, end));
            });
          }
        }
      }
    }
  });

  it('a hand-made cohort, band by band: 10,000 men aged 40, 80% covered, 90% compliant; a year on, 8,910 survivors aged 41 and 1,090 entrants aged 20', () => {
    const result = projectScenario(scenarioVariant('cells'));
    const rows = filesOf(result).population.filter((r) => r.scheme === 'injury');
    const at = (year: string, sex: string, from: string) => rows.find((r) => r.year === year && r.sex === sex && r.age_from === from)!;
    expect(at('2025', 'M', '40')).toMatchObject({ registered: '8000.000', contributing: '7200.000' });
    expect(rows.filter((r) => r.year === '2025' && r.age_from !== '40').every((r) => r.registered === '0.000')).toBe(true);
    expect(rows.filter((r) => r.sex === 'F').every((r) => r.registered === '0.000' && r.contributing === '0.000')).toBe(true);
    // qx = 0.01 and withdrawal 10%: 10,000 × 0.99 × 0.9 = 8,910 stay (now 41), 1,090 enter at 20.
    expect(at('2026', 'M', '40')).toMatchObject({ registered: '7128.000', contributing: '6415.200' });
    expect(at('2026', 'M', '20')).toMatchObject({ registered: '872.000', contributing: '784.800' });
    // The permanent-disablement pensions awarded at 40 in 2025 are in the 40–44 band at the end of the year.
    expect(Number(at('2025', 'M', '40').beneficiaries_permanent_disablement)).toBeGreaterThan(0);
    expect(rows.filter((r) => r.year === '2025' && r.age_from !== '40' && r.age_from !== '35' && r.age_from !== '0' && r.age_from !== '5').every((r) => Number(r.beneficiaries_permanent_disablement) === 0)).toBe(true);
  });

  it('keeping the bands changes no other number of the projection; without them the bands are empty', () => {
    const assumptions = buildAssumptions(loadScenario(join(PROJECT, 'scenarios', 'domestic-workers.yaml')), tableFiles());
    const plain = project(assumptions);
    const banded = project(assumptions, {}, { bands: true });
    plain.schemes.forEach((s, k) => {
      const b = banded.schemes[k];
      expect(Array.from(b.detail)).toEqual(Array.from(s.detail));
      expect(Array.from(b.fundEnd)).toEqual(Array.from(s.fundEnd));
      expect(Array.from(b.liabilityEnd)).toEqual(Array.from(s.liabilityEnd));
      expect(s.registeredByBand.length + s.contributingByBand.length + s.pensionersByBand.length).toBe(0);
      expect(b.registeredByBand.length).toBeGreaterThan(0);
    });
  });
});

describe('population charts', () => {
  const scenarios = readdirSync(join(PROJECT, 'scenarios')).filter((f) => f.endsWith('.yaml'));
  const populationOf = (charts: NamedChart[]) => charts.filter((c) => /-(pyramid|coverage(-\d+)?)$/.test(c.name));

  it.each(scenarios)('%s: a pyramid and a coverage-rate chart per scheme, keeping the chart rules', (file) => {
    const result = projectScenario(join(PROJECT, 'scenarios', file));
    const ids = [result.loaded.scenario.scenario.id, ...result.projection.schemes.map((s) => s.id), ...result.projection.groupIds];
    const { charts } = reportCharts(result, { lang: 'en' });
    const own = populationOf(charts);
    expect(own.filter((c) => c.name.endsWith('-pyramid')).length).toBe(result.projection.schemes.length);
    expect(own.filter((c) => c.name.endsWith('-coverage')).length).toBe(result.projection.schemes.length);
    for (const chart of own) {
      expect(chartRuleViolations(chart, { ids }), chart.name).toEqual([]);
      // No more than five lines on a chart.
      if (chart.name.includes('-coverage')) expect(chart.config.data.datasets.length).toBeLessThanOrEqual(5);
    }
  });

  it('the legend swatches keep the rules (English and Malay)', () => {
    const result = projectScenario(join(PROJECT, 'scenarios', 'baseline-2025.yaml'));
    for (const lang of ['en', 'ms'] as const) {
      for (const chart of populationOf(reportCharts(result, { lang }).charts)) expect(chartRuleViolations(chart, { legendItems: legendItemsOf(chart.config) }), chart.name).toEqual([]);
    }
  });

  const result = projectScenario(join(PROJECT, 'scenarios', 'non-employment-injury-phases.yaml'));
  const input = (pyramid?: number[]) => ({
    projection: result.projection,
    groupLabels: result.assumptions.groups.map((g) => g.label),
    potential: result.assumptions.groups.map((g) => g.population),
    ages: result.assumptions.schemes.map((s) => ({ min: s.ageMin, max: s.ageMax })),
    covered: result.assumptions.schemes.map((s) => new Set(s.cover.flatMap((c, g) => (c ? [g] : [])))),
    lang: 'en' as const,
    pyramidYears: pyramid,
  });

  it('the pyramid: men to the left as negative bars, women to the right, one symmetric scale labelled with absolute values, the oldest band at the top', () => {
    const k = 0;
    const { charts } = populationCharts(input(), k);
    const pyramid = charts.find((c) => c.name.endsWith('-pyramid'))!;
    const options = pyramid.config.options as { indexAxis: string; scales: { x: { min: number; max: number; ticks: { callback(v: number): string } } } };
    expect(options.indexAxis).toBe('y');
    const [men, women] = pyramid.config.data.datasets.map((d) => d.data as number[]);
    expect(men.every((v) => v <= 0) && men.some((v) => v < 0)).toBe(true);
    expect(women.every((v) => v >= 0) && women.some((v) => v > 0)).toBe(true);
    const largest = Math.max(...pyramid.config.data.datasets.flatMap((d) => (d.data as number[]).map(Math.abs)));
    expect(options.scales.x.min).toBe(-options.scales.x.max);
    expect(options.scales.x.max).toBeGreaterThanOrEqual(largest);
    expect(options.scales.x.ticks.callback(-500000)).toBe('500,000');
    const labels = pyramid.config.data.labels as string[];
    expect(Number(labels[0].split('–')[0])).toBeGreaterThan(Number(labels.at(-1)!.split('–')[0]));
    // The registered persons of the first year, men and women, add up to the scheme's registered total.
    const first = result.projection.schemes[k].registered[0];
    expect(close(-men.reduce((a, b) => a + b, 0) + women.reduce((a, b) => a + b, 0), first)).toBe(true);
  });

  it('the pyramid years: by default the first year with registered persons and 25 years on; or those asked for, within the projection', () => {
    const p = result.projection;
    const nei = p.schemes.findIndex((s) => s.id === 'non_employment_injury');
    expect(pyramidYears(p, p.schemes[0])).toEqual([2025, 2050]);
    // Its cover begins in 2026.
    expect(pyramidYears(p, p.schemes[nei])).toEqual([2026, 2051]);
    expect(pyramidYears(p, p.schemes[0], [2040, 1990, 2040])).toEqual([2040]);
    expect(populationCharts(input([2030, 2060]), 0).charts[0].config.data.datasets.map((d) => d.label)).toEqual(['Men 2030', 'Women 2030', 'Men 2060', 'Women 2060']);
  });

  it('the coverage rate: registered ÷ the potential population, by group, on an axis from 0 to 100%', () => {
    const k = result.projection.schemes.findIndex((s) => s.id === 'non_employment_injury');
    const chart = populationCharts(input(), k).charts.find((c) => c.name.endsWith('-coverage'))!;
    const y = (chart.config.options as { scales: { y: { min: number; max: number } } }).scales.y;
    expect([y.min, y.max]).toEqual([0, 100]);
    const s = result.projection.schemes[k];
    const g = result.projection.groupIds.indexOf('local_employees');
    const line = chart.config.data.datasets.find((d) => d.label === 'Local employees')!.data as number[];
    const registered = (i: number) => [0, 1].reduce((n, sex) => n + s.detail[detailIndex(DETAIL_BENEFIT.insured, MEASURE.registered, g, sex, s.groups, s.years) + i], 0);
    for (const i of [0, 1, 10, 75]) expect(close(line[i], (100 * registered(i)) / result.assumptions.groups[g].population[i])).toBe(true);
    // Cover begins in 2026: 0% in 2025.
    expect(line[0]).toBe(0);
    for (const d of chart.config.data.datasets) for (const v of d.data as number[]) expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(100);
  });

  it('more than five groups are split over several charts; a scheme with nobody registered has its charts left out, saying why', () => {
    const many = projectScenario(
      scenarioVariant('basic', (s) => {
        // Seven copies of the groups: more than five lines.
        const groups = s.groups as Array<Record<string, unknown>>;
        const first = groups[0];
        for (let n = 1; groups.length < 7; n++) groups.push({ ...first, id: `copy_${n}`, label: { en: `Copy ${n}` } });
        for (const scheme of s.schemes as Array<Record<string, any>>) for (const g of groups.slice(1)) scheme.cover[g.id as string] ??= scheme.cover[first.id as string];
      }),
    );
    const k = many.assumptions.schemes.findIndex((s) => s.cover.filter((c) => c).length > 5);
    expect(k).toBeGreaterThanOrEqual(0);
    const { charts } = reportCharts(many, { lang: 'en' });
    const parts = charts.filter((c) => c.name.startsWith(`${many.projection.schemes[k].id}-coverage`));
    expect(parts.length).toBe(2);
    expect(parts.map((c) => c.config.data.datasets.length).reduce((a, b) => a + b)).toBe(many.assumptions.schemes[k].cover.filter((c) => c).length);
    expect(parts[0].title).toMatch(/\(1 of 2\)/);

    const none = projectScenario(
      scenarioVariant('cells', (s) => {
        for (const scheme of s.schemes as Array<Record<string, any>>) for (const cover of Object.values(scheme.cover) as Array<Record<string, unknown>>) cover.coverage = 0;
      }),
    );
    const { omitted } = reportCharts(none, { lang: 'en' });
    expect(omitted.map((o) => o.name)).toEqual(expect.arrayContaining(['injury-pyramid', 'injury-coverage', 'invalidity-pyramid', 'invalidity-coverage']));
    for (const o of omitted) expect(o.reason).toMatch(/no values/);
  });
});

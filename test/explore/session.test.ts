/**
 * The explore page's projection, in Node: the page's data gives the projection `run` gives; each
 * form of a series is rewritten as the page means it (values derived by hand below); and the
 * settings exported as a scenario file project, through `run`'s pipeline, to what the page shows.
 */
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveSeries } from '../../src/assumptions/series.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { isMoved, patchAt, patchOf, seriesAt, settledYear } from '../../src/explore/controls.js';
import type { Control, ControlTarget, Settings } from '../../src/explore/controls.js';
import { exploreSession } from '../../src/explore/session.js';
import type { ExploreData } from '../../src/explore/session.js';
import { patchFileName, patchYaml } from '../../src/explore/patch-file.js';
import { exploreData, exploreHtml } from '../../src/report/explore-html.js';
import { projectScenario, registerOf } from '../../src/pipeline.js';
import type { RunResult } from '../../src/pipeline.js';
import { PROJECT, cli, tempDir } from '../helpers/scenarios.js';

const START = 2025;
const END = 2034;
const years = END - START + 1;
const resolve = (value: unknown) =>
  Array.from(resolveSeries(value as never, ['x'], { min: -1, max: 1, what: 'a test series' }, { startYear: START, endYear: END, named: new Map([['investment_return', new Float64Array(years).fill(0.05)]]), error: (p, m) => new ScenarioError({ file: 'test' }, String(p), m) }));

function control(how: Control['how'], parent: unknown, extra: Partial<Control> = {}): { c: Control; t: ControlTarget } {
  const loaded = resolve(parent);
  const t: ControlTarget = { path: ['x'], loaded, parent, from: START };
  const c: Control = { id: 'x', section: 'rates', how, label: { en: 'x' }, unit: 'percent', min: 0, max: 1, step: 0.01, value: loaded[years - 1], targets: [t], ...extra };
  return { c, t };
}

describe('each form of a series, rewritten as the page means it', () => {
  it('a level reached in a year: a straight line from the first year of cover', () => {
    const { c, t } = control('level', 0.59, { year: { min: START, max: END, value: START } });
    const series = seriesAt(c, t, { value: 0.95, year: 2029 }, START);
    expect(series).toEqual({ ramp: 'linear', from: 2025, start: 0.59, target: 0.95, years: 4 });
    // 0.59 + 0.36 × k/4 in 2025 + k, then 0.95.
    const values = resolve(series);
    [0.59, 0.68, 0.77, 0.86, 0.95, 0.95].forEach((v, k) => expect(values[k]).toBeCloseTo(v, 12));
    // Reached in the first year: a constant.
    expect(seriesAt(c, t, { value: 0.7, year: START }, START)).toBe(0.7);
  });

  it('a level over a year map: a year map of every year (a ramp would be merged into the map key by key)', () => {
    const { c, t } = control('level', { 2025: 0.4, 2028: 0.5 }, { year: { min: START, max: END, value: 2028 } });
    const series = seriesAt(c, t, { value: 0.8, year: 2029 }, START) as Record<string, number>;
    expect(Object.keys(series)).toEqual(Array.from({ length: years }, (_, i) => String(START + i)));
    // From 0.4 in 2025 to 0.8 in 2029: +0.1 a year.
    expect(resolve(series).slice(0, 6).map((v) => Number(v.toFixed(12)))).toEqual([0.4, 0.5, 0.6, 0.7, 0.8, 0.8]);
  });

  it('a rate schedule scaled so that its last rate is the setting: its phases keep their shape', () => {
    const { c, t } = control('scale', { 2025: 0.004375, 2027: 0.0075, 2030: 0.0125 });
    const series = seriesAt(c, t, { value: 0.025 }, START);
    expect(series).toEqual({ 2025: 0.00875, 2027: 0.015, 2030: 0.025 });
    // A schedule of zeros becomes the setting in every year.
    const zero = control('scale', 0);
    expect(seriesAt(zero.c, zero.t, { value: 0.01 }, START)).toBe(0.01);
  });

  it('an economic path shifted so that its last value is the setting, whatever its form', () => {
    const { c, t } = control('shift', { interpolate: 'linear', values: { 2025: 0.045, 2030: 0.035 } });
    const series = seriesAt(c, t, { value: 0.045 }, START) as { values: Record<string, number> };
    expect(series.values['2025']).toBeCloseTo(0.055, 15);
    expect(series.values['2030']).toBeCloseTo(0.045, 15);
    // 2027: 0.055 - 0.01 × 2/5 = 0.051.
    expect(resolve(series)[2]).toBeCloseTo(0.051, 12);
    const expression = control('shift', 'investment_return - 0.005');
    const shifted = seriesAt(expression.c, expression.t, { value: 0.05 }, START);
    expect(resolve(shifted)[0]).toBeCloseTo(0.05, 12);
    const ramp = control('shift', { ramp: 'linear', from: 2025, start: 0.02, target: 0.04, years: 4 });
    expect(seriesAt(ramp.c, ramp.t, { value: 0.05 }, START)).toEqual({ ramp: 'linear', from: 2025, start: expect.closeTo(0.03, 15), target: expect.closeTo(0.05, 15), years: 4 });
  });

  it('the year a series settles, and whether a setting has moved', () => {
    expect(settledYear([1, 2, 3, 3, 3], 2025)).toBe(2027);
    expect(settledYear([3, 3], 2025)).toBe(2025);
    const { c } = control('set', 0.5);
    expect(isMoved(c, { value: 0.5 })).toBe(false);
    expect(isMoved(c, { value: 0.51 })).toBe(true);
  });

  it('a key of a list item is patched by the item\'s id, as an extends file names it', () => {
    const merged = { schemes: [{ id: 'a', fund: { initial: 1 } }, { id: 'b', fund: { initial: 2 } }] };
    expect(patchAt(merged, ['schemes', 1, 'fund', 'initial'], 5)).toEqual({ schemes: [{ id: 'b', fund: { initial: 5 } }] });
  });
});

describe('the page of the baseline', () => {
  let dir: string;
  let scenario: string;
  let result: RunResult;
  let data: ExploreData;
  beforeAll(() => {
    // A copy of the baseline in a folder of its own: the exported file is saved beside it.
    dir = tempDir();
    scenario = join(dir, 'baseline-2025.yaml');
    copyFileSync(join(PROJECT, 'scenarios', 'baseline-2025.yaml'), scenario);
    result = projectScenario(scenario);
    data = exploreData(result, registerOf(result).effects);
  }, 120_000);

  it('holds the sliders the workshop asks for, each within its stated range', () => {
    const ids = data.controls.map((c) => c.id);
    for (const id of ['coverage:domestic_workers', 'compliance:foreign_workers', 'rate:invalidity:employer', 'rate:invalidity:employee', 'economy:investment_return', 'economy:wage_growth', 'fund:invalidity']) expect(ids).toContain(id);
    expect(data.controls.filter((c) => c.section === 'register').length).toBeGreaterThan(0);
    for (const c of data.controls) {
      expect(c.value, c.id).toBeGreaterThanOrEqual(c.min);
      expect(c.value, c.id).toBeLessThanOrEqual(c.max);
      if (c.range) expect([c.min, c.max], c.id).toEqual([...c.range]);
    }
    // The register's sliders are its ranges with the largest effects, none already a slider.
    const paths = data.controls.flatMap((c) => c.targets.map((t) => JSON.stringify(t.path)));
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('projects, from what the page carries, what run projects from the files', () => {
    const page = exploreSession(data)({});
    result.projection.schemes.forEach((s, k) => {
      const p = page.projection.schemes[k];
      for (const key of ['fundEnd', 'contributions', 'benefits', 'expenses'] as const) expect(Array.from(p[key])).toEqual(Array.from(s[key]));
      expect(page.measures.schemes[k].generalAveragePremium).toEqual(result.measures.schemes[k].generalAveragePremium);
    });
  });

  it('every slider moved: the exported file, run as a scenario, gives the page\'s numbers to 1e-9', () => {
    const settings: Settings = {};
    for (const c of data.controls) {
      const value = c.value + 0.3 * (c.max - c.value > c.value - c.min ? c.max - c.value : c.min - c.value);
      settings[c.id] = { value: c.step >= 1 ? Math.round(value) : value, ...(c.year ? { year: Math.min(c.year.max, c.year.value + 5) } : {}) };
    }
    const patch = patchOf(data.merged, data.controls, settings, data.startYear);
    const page = exploreSession(data)(patch);
    const file = join(dir, patchFileName(data));
    writeFileSync(file, patchYaml(data, settings));
    const fromFile = projectScenario(file);
    const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
    fromFile.projection.schemes.forEach((s, k) => {
      const p = page.projection.schemes[k];
      for (const key of ['fundEnd', 'contributions', 'benefits', 'wageBill'] as const) s[key].forEach((v, i) => expect(relative(p[key][i], v), `${s.id} ${key} ${i}`).toBeLessThan(1e-9));
      fromFile.measures.schemes[k].generalAveragePremium.forEach((g, j) => expect(relative(page.measures.schemes[k].generalAveragePremium[j].rate!, g.rate!)).toBeLessThan(1e-9));
    });
    // And the settings moved the projection: it is not the scenario as loaded.
    expect(fromFile.projection.schemes[1].contributions[10]).not.toBeCloseTo(result.projection.schemes[1].contributions[10], 0);
  }, 120_000);

  it('each lever moves its numbers the way it should', () => {
    const run = exploreSession(data);
    const at = (id: string, value: number, year?: number) => run(patchOf(data.merged, data.controls, { [id]: { value, ...(year ? { year } : {}) } }, data.startYear));
    const base = run({});
    const inv = 1;
    const year = 10;
    // More domestic workers registered: more invalidity contributions.
    expect(at('coverage:domestic_workers', 0.95, 2029).projection.schemes[inv].contributions[year]).toBeGreaterThan(base.projection.schemes[inv].contributions[year]);
    // A higher employer rate: more contributions, the same benefits but the invalidity grant,
    // which refunds the contributions paid: 1.5 × 0.5% + 0.5% = 1.25 times the 1%.
    const rate = data.controls.find((x) => x.id === 'rate:invalidity:employer')!;
    const higher = at(rate.id, rate.value * 1.5);
    const [was, now] = [base, higher].map((r) => r.projection.schemes[inv]);
    expect(now.contributions[year]).toBeGreaterThan(was.contributions[year]);
    expect(now.benefits[year] - now.outgo.invalidity_grant[year]).toBeCloseTo(was.benefits[year] - was.outgo.invalidity_grant[year], 1);
    expect(was.outgo.invalidity_grant[year]).toBeGreaterThan(0);
    expect(now.outgo.invalidity_grant[year] / was.outgo.invalidity_grant[year]).toBeCloseTo(1.25, 6);
    // A higher investment return: a larger fund, the same contributions.
    const ir = data.controls.find((x) => x.id === 'economy:investment_return')!;
    const richer = at(ir.id, ir.value + 0.01);
    expect(richer.projection.schemes[0].fundEnd[year]).toBeGreaterThan(base.projection.schemes[0].fundEnd[year]);
    expect(richer.projection.schemes[0].contributions[year]).toBe(base.projection.schemes[0].contributions[year]);
    // A larger initial fund: the fund is larger by more than the difference (it earns interest).
    const fund = data.controls.find((x) => x.id === 'fund:invalidity')!;
    const more = at(fund.id, fund.value + 1e9);
    expect(more.projection.schemes[inv].fundEnd[0] - base.projection.schemes[inv].fundEnd[0]).toBeGreaterThan(1e9);
  });

  it('writes one self-contained page under 5 MB, with no address to fetch', async () => {
    const out = join(dir, 'page');
    const outcome = await cli('explore', scenario, '--out', out, '--lang', 'ms');
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => !f.startsWith('.'))).toEqual(['explore.html']);
    const html = exploreHtml(data, 'ms');
    expect(Buffer.byteLength(html)).toBeLessThan(5e6);
    expect(html).toContain('<html lang="ms">');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
  });

  it('a scenario that cannot be read writes nothing and exits 2, naming the file and key', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'scenario:\n  id: bad\n  title: Bad\n  extends: baseline-2025.yaml\neconomy:\n  investment_retrun: 0.05\n');
    const out = join(dir, 'bad-page');
    const outcome = await cli('explore', bad, '--out', out);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/bad\.yaml:6:\d+.*investment_retrun/);
    expect(existsSync(out)).toBe(false);
  });
});

/**
 * Provenance marks and the assumption register (docs/scenario-format.md, "Where a value comes
 * from"): what each form of mark gives each value, how a patch's values take its own marks only,
 * and the errors a bad mark gets (file, line, column, key; exit code 2). Fixture: test/fixtures/basic.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import type { RegisterEntry } from '../../src/scenario/register.js';
import { cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const SOURCES = {
  act4: { citation: 'Employees\' Social Security Act 1969 (Act 4)', date: '2024-10-01', url: 'https://example.org/act4' },
  wpp: { citation: 'UN World Population Prospects 2024', date: '2024-07' },
};

const entry = (register: readonly RegisterEntry[], name: string) => {
  const found = register.find((e) => e.name === name);
  expect(found, name).toBeDefined();
  return found!;
};

/** The basic fixture with sources and marks of every form. */
function marked(change: (s: Yaml) => void = () => {}): string {
  return scenarioVariant('basic', (s) => {
    s.sources = SOURCES;
    s.demography.mortality = { value: s.demography.mortality, source: 'wpp' };
    s.schemes[0].ceiling = { monthly: 6000, source: 'act4' };
    s.schemes[0].benefits.temporary_disablement = {
      replacement: 0.8,
      daily_minimum: 30,
      source: 'act4',
      mean_days: { value: 25, assumption: 'calibrated to the outgo of 2025', range: [15, 40] },
    };
    s.groups[1].risk.mortality = { value: 1.1, assumption: 'commuters die a little more often', source: 'wpp', range: [1, 1.5] };
    // A year table carries its mark among its years.
    s.economy.inflation = { 2025: 0.025, 2030: 0.03, source: 'wpp' };
    change(s);
  });
}

describe('the assumption register', () => {
  it('gives each value the mark of its wrapper, or of the nearest marked mapping above it, or none', () => {
    const { register } = loadScenario(marked());
    expect(entry(register, 'demography.mortality')).toMatchObject({ kind: 'source', source: { id: 'wpp', citation: SOURCES.wpp.citation, date: '2024-07' } });
    // A mapping's source marks the values under it...
    expect(entry(register, 'schemes[employment_injury].ceiling.monthly')).toMatchObject({ kind: 'source', value: 6000, source: { id: 'act4', url: SOURCES.act4.url } });
    expect(entry(register, 'schemes[employment_injury].benefits.temporary_disablement.replacement')).toMatchObject({ kind: 'source', value: 0.8 });
    // ... except one with its own mark.
    expect(entry(register, 'schemes[employment_injury].benefits.temporary_disablement.mean_days')).toMatchObject({ kind: 'assumption', value: 25, range: [15, 40], assumption: 'calibrated to the outgo of 2025' });
    // A value derived from a source by a judgement is an assumption that cites its source.
    expect(entry(register, 'groups[commuters].risk.mortality')).toMatchObject({ kind: 'assumption', source: { id: 'wpp' }, range: [1, 1.5] });
    expect(entry(register, 'economy.inflation')).toMatchObject({ kind: 'source', value: { 2025: 0.025, 2030: 0.03 }, source: { id: 'wpp' } });
    // Written without a mark: none. Not written at all: coverage-sim's default.
    expect(entry(register, 'economy.wage_growth')).toMatchObject({ kind: 'none', value: 0.04 });
    expect(entry(register, 'measures.target_reserve_ratio')).toMatchObject({ kind: 'default', value: 0 });
    // The ceiling's indexation is not written under the marked mapping: it is a default, not the Act's.
    expect(entry(register, 'schemes[employment_injury].ceiling.indexation').kind).toBe('default');
    // A default the projection does not use is not an input: qualifying conditions of a scheme
    // that counts none, the payer of a top-up to a minimum that is not there, an absent option (null).
    const names = new Set(register.map((e) => e.name));
    expect(names.has('schemes[invalidity].qualifying.min_months')).toBe(true);
    expect(names.has('schemes[employment_injury].qualifying.min_months')).toBe(false);
    expect(names.has('schemes[employment_injury].contributions.default.top_up_payer')).toBe(false);
    expect(names.has('schemes[employment_injury].fund.pooled_with')).toBe(false);
    // Labels and the scenario's own description are not inputs.
    expect(register.some((e) => e.name.startsWith('scenario.') || e.name.includes('.label'))).toBe(false);
  });

  it('takes the marks off before validation: the projection is the one of the plain scenario', () => {
    const plain = loadScenario(scenarioVariant('basic', (s) => (s.economy.inflation = { 2025: 0.025, 2030: 0.03 }))).scenario;
    const withMarks = loadScenario(marked()).scenario;
    const { sources: _sources, ...rest } = withMarks;
    expect(rest).toEqual(plain);
  });

  it('a patch that sets a value anew gives it its own mark, never the parent\'s; values it leaves keep theirs', () => {
    const parent = marked();
    const dir = join(parent, '..');
    const child = join(dir, 'option.yaml');
    writeFileSync(
      child,
      [
        'scenario: {id: option, title: Option, extends: scenario.yaml}',
        'schemes:',
        '  - id: employment_injury',
        '    ceiling: {monthly: 7000}',
        '    benefits:',
        '      temporary_disablement:',
        '        mean_days: {value: 30, assumption: a longer mean duration, range: [20, 40]}',
        '',
      ].join('\n'),
    );
    const { register } = loadScenario(child);
    expect(entry(register, 'schemes[employment_injury].ceiling.monthly')).toMatchObject({ kind: 'none', value: 7000 });
    expect(entry(register, 'schemes[employment_injury].benefits.temporary_disablement.mean_days')).toMatchObject({ kind: 'assumption', value: 30, assumption: 'a longer mean duration', range: [20, 40] });
    expect(entry(register, 'schemes[employment_injury].benefits.temporary_disablement.replacement')).toMatchObject({ kind: 'source', source: { id: 'act4' } });
    expect(entry(register, 'demography.mortality').kind).toBe('source');
  });

  it('scenario.resolved.yaml writes every mark beside its value, so that it gives the same register again', async () => {
    const out = join(tempDir(), 'report');
    const file = marked();
    const ran = await cli('run', file, '--no-charts', '--out', out);
    expect(ran.code, ran.stderr).toBe(0);
    const resolved = readFileSync(join(out, 'scenario.resolved.yaml'), 'utf8');
    expect(resolved).toContain('default: true');
    const again = join(out, 'again.yaml');
    writeFileSync(again, resolved);
    const strip = (r: readonly RegisterEntry[]) => r.map((e) => ({ name: e.name, kind: e.kind, source: e.source, assumption: e.assumption, range: e.range }));
    // Table paths are rewritten (data/... or absolute): compare the register without values.
    expect(strip(loadScenario(again, { allowPaths: [join(file, '..')] }).register)).toEqual(strip(loadScenario(file).register));
  });
});

describe('bad marks', () => {
  const fails = async (change: (s: Yaml) => void, pattern: RegExp) => {
    const file = marked(change);
    const r = await cli('validate', file);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/scenario\.yaml:\d+:\d+: /);
    expect(r.stderr).toMatch(pattern);
  };

  it('a source that is not in the sources, with a suggestion', () =>
    fails((s) => (s.demography.mortality.source = 'wppp'), /demography\.mortality\.source: source "wppp" is not in the scenario's sources \(did you mean "wpp"\?\)/));

  it('a range that does not hold the value, or is upside down, or is not two numbers', async () => {
    await fails((s) => (s.groups[1].risk.mortality.range = [1.2, 1.5]), /the value 1\.1 is outside its own range \[1\.2, 1\.5\]/);
    await fails((s) => (s.groups[1].risk.mortality.range = [1.5, 1]), /must have its low end below its high end/);
    await fails((s) => (s.groups[1].risk.mortality.range = [1]), /range must be two numbers/);
    await fails((s) => (s.demography.mortality.range = [0, 1]), /a range is given for a number only/);
  });

  it('a range end the key would refuse: at validation, or where the bound is checked on the series, when the run projects it', async () => {
    await fails((s) => (s.measures = { target_reserve_ratio: { value: 1, assumption: 'x', range: [0.5, 101] } }), /measures\.target_reserve_ratio: the high end of its range, 101, is not a value this key accepts/);
    const file = marked((s) => (s.schemes[0].cover.locals.compliance = { value: 0.9, assumption: 'x', range: [0.5, 1.2] }));
    // validate and run refuse it alike, run before it writes anything.
    for (const argv of [['validate', file], ['run', file, '--no-charts', '--out', join(tempDir(), 'report')]]) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/scenario\.yaml:\d+:\d+: schemes\[0\]\.cover\.locals\.compliance: the scenario cannot be projected with this value at the high end of its range \(1\.2\)/);
    }
  });

  it('an unknown key beside value, a mark without a provenance, a marked mapping, a mark inside a series', async () => {
    await fails((s) => (s.demography.mortality.sourse = 'wpp'), /unknown key "sourse" beside value/);
    await fails((s) => (s.economy.inflation = { value: 0.025 }), /must say where it comes from/);
    await fails((s) => (s.economy.inflation = { 2025: 0.02, 2030: { value: 0.03, source: 'wpp' } }), /inside a series or a list: mark the whole series or list instead/);
    await fails((s) => (s.groups[0].wage = { value: s.groups[0].wage, source: 'wpp' }), /a mapping is marked by source: or assumption: among its own keys/);
  });

  it('an assumption that is not plain text, or too long', async () => {
    await fails((s) => (s.groups[1].risk.mortality.assumption = 'a\u001b[2Jb'), /control character/);
    await fails((s) => (s.groups[1].risk.mortality.assumption = 'x'.repeat(501)), /at most 500 characters/);
  });

  it('a source named like a property of every object is not a source', () =>
    fails((s) => (s.schemes[0].ceiling.source = 'toString'), /schemes\[0\]\.ceiling\.source: source "toString" is not in the scenario's sources/));

  it('a group id that would read as a mark or a year', async () => {
    await fails((s) => (s.groups[1].id = 'value'), /a group id cannot be value, source or assumption/);
    await fails((s) => (s.groups[1].id = '2030'), /nor digits only/);
  });

  it('default: true only on coverage-sim\'s own default, and alone', async () => {
    await fails((s) => (s.demography.mortality_improvement = { value: 0.05, default: true }), /demography\.mortality_improvement: default: true, but coverage-sim's default here is 0, not 0\.05/);
    await fails((s) => (s.groups[0].wage.mean_monthly = { value: 3000, default: true }), /groups\[0\]\.wage\.mean_monthly: default: true, but this key has no default/);
    await fails((s) => (s.measures = { target_reserve_ratio: { value: 0, default: true, range: [0, 1] } }), /default: true marks coverage-sim's own default: it takes no source, assumption or range/);
    // The default itself, so marked, is accepted.
    const ok = await cli('validate', marked((s) => (s.demography.mortality_improvement = { value: 0, default: true })));
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('no range on the projection\'s years', () =>
    fails((s) => (s.projection.end_year = { value: 2060, assumption: 'x', range: [2050, 2070] }), /projection\.end_year: the projection's years and currency take no range/));

  it('more than 100 ranges', () =>
    fails((s) => {
      // 101 ranges: on the mortality of 101 groups of one person each.
      for (let i = 0; i < 101; i++) s.groups.push({ id: `g${i}`, population: { base: 1 }, age_sex: 'workers.csv', wage: { mean_monthly: 1000, cv: 0 }, risk: { mortality: { value: 1, assumption: 'x', range: [0.5, 1.5] } } });
    }, /at most 100 ranges/));
});

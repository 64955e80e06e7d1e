/** The command line, run in-process: run, --json, --out, validate, schema, exit codes. */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { MARKER } from '../src/report/write.js';
import { PROJECT, cli, scenarioVariant, tempDir } from './helpers/scenarios.js';

describe('coverage-sim run', () => {
  const scenario = scenarioVariant('basic');
  const out = join(tempDir(), 'report');

  it('writes summary.csv, detail.csv and scenario.resolved.yaml, and prints a summary', async () => {
    const result = await cli('run', scenario, '--out', out);
    expect(result.code).toBe(0);
    for (const f of ['summary.csv', 'detail.csv', 'measures.csv', 'scenario.resolved.yaml']) expect(existsSync(join(out, f))).toBe(true);
    expect(result.stdout).toContain('employment_injury');
    expect(result.stdout).toContain('fund at end');
    const summary = readFileSync(join(out, 'summary.csv'), 'utf8').trim().split('\n');
    // Header plus one row per scheme (3) and year (2025-2060: 36 years).
    expect(summary.length).toBe(1 + 3 * 36);
    expect(summary[0].split(',')).toContain('fund_end');
  });

  it('the resolved scenario has the defaults filled in and a provenance block with hashes', async () => {
    const resolved = parse(readFileSync(join(out, 'scenario.resolved.yaml'), 'utf8'));
    expect(resolved.scenario.id).toBe('test-basic');
    expect(resolved.groups[1].age_structure).toEqual({ value: 'static', default: true }); // a default, marked as one
    expect(resolved.provenance.tool).toBe('coverage-sim');
    expect(resolved.provenance.scenario_files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const data = resolved.provenance.data_files.map((f: { path: string }) => f.path);
    expect(data).toContain('data/mortality/malaysia-wpp2024.csv');
    expect(data.some((p: string) => p.endsWith('injury-incidence.csv'))).toBe(true);
  });

  it('the same inputs give byte-identical files, and a second run replaces only its own folder', async () => {
    const names = ['summary.csv', 'detail.csv', 'measures.csv', 'scenario.resolved.yaml'];
    const before = names.map((name) => readFileSync(join(out, name)));
    const again = await cli('run', scenario, '--out', out);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('replaced the previous report');
    names.forEach((name, k) => expect(readFileSync(join(out, name)).equals(before[k]), name).toBe(true));
    expect(readFileSync(join(out, MARKER), 'utf8')).toContain('summary.csv');
  });

  it('--json prints {scenario, years, schemes: {<id>: {...}}} arrays over the years', async () => {
    const result = await cli('run', scenario, '--out', join(tempDir(), 'r'), '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.scenario).toBe('test-basic');
    expect(json.years[0]).toBe(2025);
    expect(json.years.length).toBe(36);
    const ei = json.schemes.employment_injury;
    for (const key of ['registered', 'wage_bill', 'contributions', 'benefits', 'expenses', 'investment_income', 'fund_end', 'payg_cost_rate', 'reserve_ratio']) {
      expect(ei[key].length).toBe(36);
    }
    // The invalidity scheme pools into employment injury: it has no reserve ratio of its own.
    expect(json.schemes.invalidity.reserve_ratio.every((x: number | null) => x === null)).toBe(true);
    expect(json.schemes.employment_injury.general_average_premium.map((g: { to: number }) => g.to)).toEqual([2034, 2049, 2060]);
  });

  it('refuses to replace a folder it did not write, and leaves it untouched', async () => {
    const foreign = join(tempDir(), 'mine');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'keep me');
    const result = await cli('run', scenario, '--out', foreign);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('was not written by coverage-sim');
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('keep me');
  });
});

describe('coverage-sim validate and schema', () => {
  it('validate accepts a good file and names every bad one, exit 2', async () => {
    const good = scenarioVariant('basic');
    const bad = scenarioVariant('basic', (s) => {
      s.projection.colour = 'blue';
    });
    const result = await cli('validate', good, bad);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`${good}: valid`);
    expect(result.stderr).toContain('unknown key "colour"');
  });

  it('schema prints a JSON Schema that rejects unknown keys', async () => {
    const result = await cli('schema');
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.$schema).toContain('json-schema.org');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['scenario', 'projection', 'economy', 'demography', 'groups', 'schemes']));
  });

  it('the JSON Schema accepts every shipped scenario with its marks, and refuses an unknown key beside a value', async () => {
    const schema = JSON.parse((await cli('schema')).stdout);
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    for (const file of readdirSync(join(PROJECT, 'scenarios')).filter((f) => f.endsWith('.yaml'))) {
      const data = parse(readFileSync(join(PROJECT, 'scenarios', file), 'utf8'));
      // A patch need not be a whole scenario: only the baseline is checked for required keys.
      if (data.scenario.extends) continue;
      expect(validate(data), `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    const marked = parse(readFileSync(join(PROJECT, 'scenarios', 'baseline-2025.yaml'), 'utf8'));
    marked.economy.inflation = { value: 0.02, assumption: 'x', range: [0.01, 0.03] };
    marked.groups[0].wage = { ...marked.groups[0].wage, source: 'x' };
    expect(validate(marked), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // A year table and rates by currency carry their marks among their keys.
    marked.economy.wage_growth = { 2025: 0.045, 2030: 0.04, source: 'x' };
    marked.economy.exchange_rates = { SGD: 3.45, source: 'x' };
    expect(validate(marked), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    marked.economy.inflation = { value: 0.02, assumptio: 'x' };
    expect(validate(marked)).toBe(false);
    // A wrapper must say where its value comes from.
    marked.economy.inflation = { value: 0.02, range: [0.01, 0.03] };
    expect(validate(marked)).toBe(false);
  });

  it('an unknown command is a usage error, exit 2', async () => {
    const result = await cli('frobnicate');
    expect(result.code).toBe(2);
  });
});

describe('the resolved scenario', () => {
  it('can be run again as it is, from its own folder, and gives the same summary', async () => {
    const first = join(tempDir(), 'first');
    const scenario = scenarioVariant('basic');
    expect((await cli('run', scenario, '--out', first)).code).toBe(0);
    const second = join(tempDir(), 'second');
    // The test's tables are in a temporary folder, outside the project and the report's folder.
    const again = await cli('run', join(first, 'scenario.resolved.yaml'), '--out', second, '--allow-path', join(scenario, '..'));
    expect(again.code).toBe(0);
    expect(readFileSync(join(second, 'summary.csv'), 'utf8')).toBe(readFileSync(join(first, 'summary.csv'), 'utf8'));
  });
});

/**
 * Numeric edge cases: each runs to the end, every output is a finite number or, for a ratio
 * with a zero denominator, empty in the CSV and "n/a" on the terminal; never NaN or Infinity.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

async function runsCleanly(path: string): Promise<{ stdout: string; files: Record<string, string> }> {
  const out = join(tempDir(), 'r');
  const result = await cli('run', path, '--out', out, '--calibration');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const files: Record<string, string> = {};
  for (const name of readdirSync(out)) if (name.endsWith('.csv')) files[name] = readFileSync(join(out, name), 'utf8');
  for (const [name, text] of Object.entries(files)) expect(text, name).not.toMatch(/NaN|Infinity/);
  expect(result.stdout).not.toMatch(/NaN|Infinity/);
  return { stdout: result.stdout, files };
}

describe('numeric edge cases', () => {
  it('a zero population: no flows, undefined cost rates', async () => {
    const { stdout, files } = await runsCleanly(scenarioVariant('cells', (s: Yaml) => (s.groups[0].population.base = 0)));
    expect(stdout).toContain('n/a');
    expect(files['measures.csv']).toMatch(/injury,payg_cost_rate,,,2025,2025,,share\n/);
  });

  it('zero wages', async () => {
    await runsCleanly(scenarioVariant('basic', (s: Yaml) => {
      for (const g of s.groups) g.wage.mean_monthly = 0;
    }));
  });

  it('a ceiling below the minimum benefit floors', async () => {
    await runsCleanly(scenarioVariant('basic', (s: Yaml) => {
      for (const scheme of s.schemes) scheme.ceiling.monthly = 500;
    }));
  });

  it('a 300-year horizon', async () => {
    await runsCleanly(scenarioVariant('cells', (s: Yaml) => (s.projection.end_year = 2324)));
  });

  it('50 groups', async () => {
    await runsCleanly(scenarioVariant('cells', (s: Yaml) => {
      const template = s.groups[0];
      s.groups = Array.from({ length: 50 }, (_, k) => ({ ...structuredClone(template), id: `g${k}`, population: { base: 1000 * (k + 1) } }));
      for (const scheme of s.schemes) scheme.cover = Object.fromEntries(s.groups.map((g: Yaml) => [g.id, { coverage: 0.8, compliance: 0.9 }]));
    }));
  });

  it('rates at their bounds: coverage 1 and 0, compliance 0, contribution rate 1, withdrawal 1', async () => {
    await runsCleanly(scenarioVariant('basic', (s: Yaml) => {
      s.schemes[0].cover.locals = { coverage: 1, compliance: 0 };
      s.schemes[0].cover.commuters = { coverage: 0, compliance: 1 };
      s.schemes[0].contributions.default = { employer: 1, employee: 0 };
      s.groups[0].exits.withdrawal = 1;
    }));
  });

  it('a fund that goes deeply negative', async () => {
    const { files } = await runsCleanly(scenarioVariant('cells', (s: Yaml) => {
      s.projection.end_year = 2124;
      s.schemes[0].contributions.default = { employer: 0 };
      s.schemes[0].fund.initial = -1e12;
    }));
    expect(files['measures.csv']).toMatch(/injury,depletion_year,,,2025,2124,2025,year\n/);
  });
});

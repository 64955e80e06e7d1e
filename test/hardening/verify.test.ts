/** `coverage-sim verify`: a report re-run from its provenance; any change to inputs or outputs is found. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';

describe('coverage-sim verify', () => {
  it('reproduces an untouched report exactly (exit 0)', async () => {
    const out = join(tempDir(), 'r');
    expect((await cli('run', scenarioVariant('cells'), '--out', out)).code).toBe(0);
    const result = await cli('verify', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('identical: summary.csv');
    expect(result.stdout).toContain('verified: the report is reproduced exactly');
  });

  it('finds an edited output (exit 3) and names the first differing line', async () => {
    const out = join(tempDir(), 'r');
    expect((await cli('run', scenarioVariant('cells'), '--out', out)).code).toBe(0);
    const summary = join(out, 'summary.csv');
    const lines = readFileSync(summary, 'utf8').split('\n');
    lines[3] = lines[3].replace(/,[0-9.]+$/, ',1.00');
    writeFileSync(summary, lines.join('\n'));
    const result = await cli('verify', out);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('different: summary.csv, from line 4:');
  });

  it('finds a changed data table (exit 3)', async () => {
    const scenario = scenarioVariant('cells');
    const out = join(tempDir(), 'r');
    expect((await cli('run', scenario, '--out', out)).code).toBe(0);
    const table = join(scenario, '..', 'incidence.csv');
    writeFileSync(table, readFileSync(table, 'utf8').replace('0.01,', '0.011,'));
    const result = await cli('verify', out);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/changed: .*incidence\.csv/);
  });

  it('a folder that is not a report is bad input (exit 2)', async () => {
    expect((await cli('verify', tempDir())).code).toBe(2);
  });
});

/**
 * One test per kind of bad input: the command exits with code 2, the message names the file,
 * line, column and key, and nothing is written.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, editCsv, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

/** 1-based line and column of the first occurrence of `needle` in a file. */
function placeOf(file: string, needle: string): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${needle} not in ${file}`);
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
}

async function expectRejected(scenario: string, place: RegExp, ...fragments: string[]): Promise<string> {
  const out = join(tempDir(), 'report');
  const result = await cli('run', scenario, '--out', out);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(place);
  for (const f of fragments) expect(result.stderr).toContain(f);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(dirname(out))).toEqual([]); // no temporary folder left behind
  return result.stderr;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('bad input', () => {
  it('YAML syntax error: file, line and column', async () => {
    const path = scenarioVariant('basic');
    const text = readFileSync(path, 'utf8').replace('title: Test scenario', 'title: [Test scenario');
    writeFileSync(path, text);
    await expectRejected(path, /scenario\.yaml:\d+:\d+: YAML syntax error/);
  });

  it('unknown key: named, placed at the key, with a suggestion', async () => {
    const path = scenarioVariant('basic', (s: Yaml) => {
      s.groups[0].wage.mean_montly = s.groups[0].wage.mean_monthly;
      delete s.groups[0].wage.mean_monthly;
    });
    const { line, column } = placeOf(path, 'mean_montly');
    await expectRejected(path, new RegExp(`scenario\\.yaml:${line}:${column}: groups\\[0\\]\\.wage\\.mean_montly: unknown key`), 'did you mean "mean_monthly"?');
  });

  it('wrong type', async () => {
    const path = scenarioVariant('basic', (s: Yaml) => {
      s.projection.start_year = 'soon';
    });
    const { line, column } = placeOf(path, 'soon');
    await expectRejected(path, new RegExp(`scenario\\.yaml:${line}:${column}: projection\\.start_year: expected a number, got "soon"`));
  });

  it('out-of-range rate, in a plain number and in a year of a series', async () => {
    const plain = scenarioVariant('basic', (s: Yaml) => {
      s.schemes[0].cover.locals.compliance = 1.2;
    });
    const at = placeOf(plain, '1.2');
    await expectRejected(plain, new RegExp(`scenario\\.yaml:${at.line}:${at.column}: ${escape('schemes[0].cover.locals.compliance')}: 1.2 is out of range`), 'a share between 0 and 1');

    const series = scenarioVariant('basic', (s: Yaml) => {
      s.schemes[0].cover.locals.coverage = { interpolate: 'linear', values: { 2025: 0.9, 2040: 1.5 } };
    });
    // The series is a mapping on the line after `coverage:`; the error points at it. 0.9 + 0.6 × 3/15 = 1.02 in 2028.
    const key = placeOf(series, 'coverage:');
    await expectRejected(series, new RegExp(`scenario\\.yaml:${key.line + 1}:\\d+: ${escape('schemes[0].cover.locals.coverage')}: 1\\.02 in 2028 is out of range`));
  });

  it('missing data file: placed at the key that names it', async () => {
    const path = scenarioVariant('basic', (s: Yaml) => {
      s.groups[1].age_sex = 'no-such-table.csv';
    });
    const { line, column } = placeOf(path, 'no-such-table.csv');
    await expectRejected(path, new RegExp(`scenario\\.yaml:${line}:${column}: groups\\[1\\]\\.age_sex: \\S*no-such-table\\.csv: cannot read the file \\(no such file\\)`));
  });

  it('malformed CSV row: the table file, its line and the column', async () => {
    const path = scenarioVariant('basic', (_s, dir) => {
      editCsv(join(dir, 'injury-incidence.csv'), (r) => (r.sex === 'M' && r.age === '40' ? { ...r, fatal: 'n/a' } : r));
    });
    // Header is line 1; M,40 is the fifth data row (F 15, 40, 80, then M 15, 40): line 6, column 5 (fatal).
    await expectRejected(path, /injury-incidence\.csv:6:5: fatal: "n\/a" is not a number/);
  });

  it('malformed CSV: a row with too many cells', async () => {
    const path = scenarioVariant('basic', (_s, dir) => {
      const file = join(dir, 'family.csv');
      writeFileSync(file, readFileSync(file, 'utf8').replace('M,30,', 'M,30,0.1,'));
    });
    await expectRejected(path, /family\.csv:3: malformed CSV/);
  });

  it('bad expression: an unknown name, and an escape attempt', async () => {
    const unknown = scenarioVariant('basic', (s: Yaml) => {
      s.economy.wage_growth = '0.03 + wagegrowth';
    });
    const at = placeOf(unknown, '0.03 + wagegrowth');
    await expectRejected(unknown, new RegExp(`scenario\\.yaml:${at.line}:\\d+: economy\\.wage_growth: cannot evaluate the expression: unknown name "wagegrowth"`));

    const escapeAttempt = scenarioVariant('basic', (s: Yaml) => {
      s.economy.inflation = 'cos.constructor("return process")';
    });
    await expectRejected(escapeAttempt, /economy\.inflation: cannot evaluate the expression: "cos\.constructor" is not allowed/);
  });
});

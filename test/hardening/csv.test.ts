/**
 * Malformed data tables: each is an error naming the file, line and column, exit code 2;
 * a byte-order mark and CRLF line endings are accepted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';

/** The cells fixture with its incidence table replaced by `text`. */
function withIncidence(text: string): string {
  return scenarioVariant('cells', (_s, dir) => writeFileSync(join(dir, 'incidence.csv'), text));
}

async function rejected(path: string): Promise<string> {
  const result = await cli('run', path, '--out', join(tempDir(), 'r'));
  expect(result.code).toBe(2);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result.stderr;
}

const header = 'sex,age,temporary,permanent,fatal,medical';

describe('malformed CSV tables', () => {
  it('a missing column', async () => {
    expect(await rejected(withIncidence('sex,age,temporary,permanent,medical\nM,40,0.01,0.002,0.02\n'))).toMatch(/incidence\.csv:1: missing column "fatal"/);
  });

  it('a wrong header (a misspelt column is unknown, and the right one missing)', async () => {
    expect(await rejected(withIncidence('sex,age,temporary,permanent,fatl,medical\nM,40,0.01,0.002,0.0005,0.02\n'))).toMatch(/incidence\.csv:1: missing column "fatal"/);
  });

  it('a non-numeric cell', async () => {
    expect(await rejected(withIncidence(`${header}\nM,40,0.01,x,0.0005,0.02\n`))).toMatch(/incidence\.csv:2:4: permanent: "x" is not a number/);
  });

  it('a duplicate age', async () => {
    expect(await rejected(withIncidence(`${header}\nM,40,0.01,0.002,0.0005,0.02\nM,40,0.01,0.002,0.0005,0.02\n`))).toMatch(/incidence\.csv:3:2: age: duplicate row for sex M, age 40/);
  });

  it('a negative rate', async () => {
    expect(await rejected(withIncidence(`${header}\nM,40,-0.01,0.002,0.0005,0.02\n`))).toMatch(/incidence\.csv:2:3: temporary: -0\.01 is negative/);
  });

  it('a byte-order mark and CRLF line endings are accepted, with the same result', async () => {
    const plain = scenarioVariant('cells');
    const dir = join(plain, '..');
    const crlf = scenarioVariant('cells', (_s, d) => {
      const text = readFileSync(join(dir, 'incidence.csv'), 'utf8');
      writeFileSync(join(d, 'incidence.csv'), '\uFEFF' + text.replace(/\n/g, '\r\n'));
    });
    const a = join(tempDir(), 'a');
    const b = join(tempDir(), 'b');
    expect((await cli('run', plain, '--out', a)).code).toBe(0);
    expect((await cli('run', crlf, '--out', b)).code).toBe(0);
    expect(readFileSync(join(b, 'summary.csv'), 'utf8')).toBe(readFileSync(join(a, 'summary.csv'), 'utf8'));
  });
});

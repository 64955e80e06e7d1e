/**
 * report.xlsx: read back with another library (read-excel-file), every cell of every sheet is the
 * value of the CSV beside it (a number where the CSV has one, the same number), each sheet has
 * the CSV's header with units, the first sheet says what the scenario is and where it differs
 * from its baseline, and two runs give the same bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parse } from 'yaml';
import readExcelFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { PROJECT, cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';

describe('report.xlsx', async () => {
  const out = join(tempDir(), 'run');
  const run = await cli('run', join(PROJECT, 'scenarios', 'domestic-workers.yaml'), '--out', out);
  const workbook = readFileSync(join(out, 'report.xlsx'));
  const sheets = await readExcelFile(workbook);
  const sheet = (name: string) => sheets.find((s) => s.sheet === name)!.data;
  const title = parse(readFileSync(join(out, 'scenario.resolved.yaml'), 'utf8')).scenario.title;

  it('has a sheet per CSV of the report, after a first sheet about the scenario', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(sheets.map((s) => s.sheet)).toEqual(['about', 'summary', 'detail', 'measures', 'population', 'assumptions']);
    const about = sheet('about');
    expect(about[0][0]).toBe(title);
    expect(about.some((row) => row[0] === 'scenario' && row[1] === 'domestic-workers')).toBe(true);
    // The option's differences from the baseline, as report.html lists them.
    const heading = about.findIndex((row) => row[0] === 'Assumptions that differ from the baseline');
    expect(about[heading + 1]).toEqual(['key', 'baseline', 'this scenario']);
    expect(about.slice(heading + 2).some((row) => String(row[0]).startsWith('schemes[employment_injury].cover.domestic_workers.coverage'))).toBe(true);
    expect(about.some((row) => row[0] === 'Data files')).toBe(true);
  });

  for (const name of ['summary', 'detail', 'measures', 'population', 'assumptions']) {
    it(`${name}: every cell is the CSV's value, under the CSV's header with its units`, () => {
      const csv = Papa.parse<string[]>(readFileSync(join(out, `${name}.csv`), 'utf8'), { skipEmptyLines: true }).data;
      const data = sheet(name);
      expect(data.length).toBe(csv.length);
      // The header: the CSV's column, with the unit in brackets where it has one.
      csv[0].forEach((column, j) => expect(String(data[0][j])).toMatch(new RegExp(`^${column.replace(/[[\]().]/g, '\\$&')}( \\(.+\\))?$`)));
      for (let r = 1; r < csv.length; r++) {
        for (let j = 0; j < csv[0].length; j++) {
          const text = csv[r][j];
          const cell = data[r][j];
          if (text === '') expect(cell ?? null).toBeNull();
          else if (/^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(text)) expect((cell as number) + 0, `${name} row ${r} column ${csv[0][j]}`).toBe(Number(text) + 0); // + 0: a cell has no -0
          else expect(cell).toBe(text);
        }
      }
    });
  }

  it('money has its currency in the header; the same inputs give the same bytes', async () => {
    expect(sheet('summary')[0]).toContain('fund_end (MYR)');
    expect(sheet('summary')[0]).toContain('registered (persons)');
    const again = join(tempDir(), 'again');
    expect((await cli('run', join(PROJECT, 'scenarios', 'domestic-workers.yaml'), '--out', again)).code).toBe(0);
    expect(readFileSync(join(again, 'report.xlsx')).equals(workbook)).toBe(true);
    // verify makes it again from scenario.resolved.yaml; --no-charts writes the CSVs only.
    const verified = await cli('verify', out);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toContain('identical: report.xlsx');
    const csvOnly = join(tempDir(), 'csv');
    expect((await cli('run', join(PROJECT, 'scenarios', 'domestic-workers.yaml'), '--out', csvOnly, '--no-charts')).code).toBe(0);
    expect(existsSync(join(csvOnly, 'report.xlsx'))).toBe(false);
  }, 180_000);
});

/** Every CSV of a report folder is a sheet of its report.xlsx, after the first, cell for cell. */
async function expectWorkbookOfFolder(folder: string, csvs: readonly string[]): Promise<void> {
  const sheets = await readExcelFile(readFileSync(join(folder, 'report.xlsx')));
  expect(sheets.map((s) => s.sheet)).toEqual(['about', ...csvs.map((c) => c.replace(/\.csv$/, ''))]);
  for (const name of csvs) {
    const csv = Papa.parse<string[]>(readFileSync(join(folder, name), 'utf8'), { skipEmptyLines: true }).data;
    const data = sheets.find((s) => s.sheet === name.replace(/\.csv$/, ''))!.data;
    expect(data.length, name).toBe(csv.length);
    for (let r = 1; r < csv.length; r++) {
      for (let j = 0; j < csv[0].length; j++) {
        const text = csv[r][j];
        const cell = data[r][j];
        if (text === '') expect(cell ?? null).toBeNull();
        else if (/^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(text)) expect((cell as number) + 0, `${name} row ${r}`).toBe(Number(text) + 0); // + 0: a cell has no -0
        else expect(cell).toBe(text);
      }
    }
  }
}

describe('the workbooks of compare, sensitivity and stochastic', () => {
  const basic = join(PROJECT, 'test', 'fixtures', 'basic', 'scenario.yaml');

  it('compare: the option cost table, the comparison and the thresholds, and each option\'s differences first', async () => {
    const out = join(tempDir(), 'compare');
    const r = await cli('compare', join(PROJECT, 'scenarios', 'baseline-2025.yaml'), join(PROJECT, 'scenarios', 'low-return-2025.yaml'), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    await expectWorkbookOfFolder(out, ['comparison.csv', 'options.csv', 'government.csv', 'thresholds.csv']);
    const about = (await readExcelFile(readFileSync(join(out, 'report.xlsx'))))[0].data;
    expect(about.some((row) => String(row[0]).startsWith('Assumptions of low-return-2025 that differ from baseline-2025'))).toBe(true);
  });

  it('sensitivity and stochastic: their tables, and the same bytes again', async () => {
    const sensitivity = join(tempDir(), 'sensitivity');
    expect((await cli('sensitivity', basic, '--out', sensitivity)).code).toBe(0);
    await expectWorkbookOfFolder(sensitivity, ['sensitivity.csv', 'grid.csv']);
    const stochastic = scenarioVariant('basic', (s) => {
      s.projection.end_year = 2040;
      s.stochastic = { paths: 50, seed: 3, investment_return: { model: 'ar1', sd: 0.03, phi: 0.3 } };
    });
    const [a, b] = [join(tempDir(), 'st-a'), join(tempDir(), 'st-b')];
    for (const out of [a, b]) expect((await cli('stochastic', stochastic, '--out', out)).code).toBe(0);
    await expectWorkbookOfFolder(a, ['percentiles.csv', 'probabilities.csv', 'paths.csv']);
    expect(readFileSync(join(a, 'report.xlsx')).equals(readFileSync(join(b, 'report.xlsx')))).toBe(true);
  });
});

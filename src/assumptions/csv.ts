/**
 * Data tables: CSV with a header row, read with papaparse. A BOM and CRLF line endings are
 * accepted; anything else malformed is a ScenarioError naming the file, row (line) and column.
 */
import Papa from 'papaparse';
import { ScenarioError } from '../scenario/errors.js';
import { messages } from '../messages.js';
import { AGES, CELLS, FEMALE, MALE, MAX_AGE, cell } from '../engine/layout.js';

export interface CsvTable {
  readonly file: string;
  readonly displayPath: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>;
  /** The file's line number of each row. */
  readonly lines: readonly number[];
  readonly text: string;
}

export interface CsvFailure {
  (row: number, column: string | undefined, message: string): ScenarioError;
}

/** Rows a table may have: 900 years of a mortality table by sex and age. */
export const MAX_ROWS = 900 * 222;

/**
 * A table from its text (the file read by csv-file.ts, or a table a page carries). `file` is its
 * absolute path, `displayPath` the name its errors give.
 */
export function parseCsv(text: string, file: string, displayPath: string, needed: readonly string[], optional: readonly string[] = []): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // At most MAX_ROWS rows are parsed: a table of tiny rows within the size limit could
  // otherwise hold millions (the largest, a mortality table by year, has 222 rows a year).
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim(), preview: MAX_ROWS + 1 });
  if (parsed.data.length > MAX_ROWS) throw new ScenarioError({ file: displayPath }, undefined, messages.csvTooManyRows(MAX_ROWS));
  const columns = parsed.meta.fields ?? [];
  const lines = lineNumbersOfRows(text, parsed.data.length);
  const fail = (line: number, column: string | undefined, message: string) =>
    new ScenarioError({ file: displayPath, line, column: column ? columnNumber(columns, column) : undefined }, column, message);
  // A file with none of the columns is not a table of this kind: one error, its content not echoed.
  if (needed.length > 0 && !needed.some((column) => columns.includes(column))) throw fail(1, undefined, messages.csvNotATable(needed));
  const first = parsed.errors[0];
  if (first) {
    const line = first.row !== undefined && first.row !== null ? lines[first.row] ?? 1 : 1;
    throw fail(line, undefined, messages.csvSyntax(first.message));
  }
  for (const column of needed) if (!columns.includes(column)) throw fail(1, undefined, messages.csvMissingColumn(column, needed));
  // A column the table does not use is an error, as an unknown key is: it was meant for something.
  const allowed = [...needed, ...optional];
  for (const column of columns) if (!allowed.includes(column)) throw fail(1, column, messages.csvUnknownColumn(column, allowed));
  if (parsed.data.length === 0) throw fail(1, undefined, messages.csvEmpty());
  return { file, displayPath, columns, rows: parsed.data, lines, text };
}

/** A ScenarioError at a row and column of a table. */
export function tableError(table: CsvTable, rowIndex: number, column: string | undefined, message: string): ScenarioError {
  return new ScenarioError(
    { file: table.displayPath, line: table.lines[rowIndex], column: column ? columnNumber(table.columns, column) : undefined },
    column,
    message,
  );
}

function columnNumber(columns: readonly string[], column: string): number | undefined {
  const i = columns.indexOf(column);
  return i >= 0 ? i + 1 : undefined;
}

/** Line of each data row: header on line 1, blank lines skipped (quoted newlines are not used in our tables). */
function lineNumbersOfRows(text: string, count: number): number[] {
  const lines: number[] = [];
  const all = text.split(/\r\n|\n|\r/);
  for (let i = 1; i < all.length && lines.length < count; i++) if (all[i].trim() !== '') lines.push(i + 1);
  return lines;
}

export function numberCell(table: CsvTable, rowIndex: number, column: string, range?: { min?: number; max?: number }): number {
  const raw = (table.rows[rowIndex][column] ?? '').trim();
  const value = raw === '' ? NaN : Number(raw);
  if (!Number.isFinite(value)) throw tableError(table, rowIndex, column, messages.csvNotNumber(raw));
  if (range?.min !== undefined && value < range.min) throw tableError(table, rowIndex, column, messages.csvBelow(value, range.min));
  if (range?.max !== undefined && value > range.max) throw tableError(table, rowIndex, column, messages.csvAbove(value, range.max));
  return value;
}

export function sexCell(table: CsvTable, rowIndex: number): number {
  const raw = (table.rows[rowIndex].sex ?? '').trim().toUpperCase();
  if (raw === 'F' || raw === 'FEMALE') return FEMALE;
  if (raw === 'M' || raw === 'MALE') return MALE;
  throw tableError(table, rowIndex, 'sex', messages.csvBadSex(table.rows[rowIndex].sex ?? ''));
}

export function ageCell(table: CsvTable, rowIndex: number): number {
  const raw = (table.rows[rowIndex].age ?? '').trim();
  const age = Number(raw);
  if (raw === '' || !Number.isInteger(age) || age < 0 || age > MAX_AGE) throw tableError(table, rowIndex, 'age', messages.csvBadAge(raw));
  return age;
}

/**
 * A table by sex and age: one Float64Array `[sex][age]` per value column. Ages without a row
 * are 0 (`fill: 'zero'`, for distributions) or take the nearest given age of that sex
 * (`fill: 'nearest'`, for rates and profiles, so a table for 15..80 serves every age).
 */
export function ageSexColumns(
  table: CsvTable,
  valueColumns: readonly string[],
  fill: 'zero' | 'nearest',
  range: { min?: number; max?: number } = { min: 0 },
  keyColumns: readonly string[] = [],
  keyOf?: (rowIndex: number) => string,
): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const c of valueColumns) out[c] = new Float64Array(CELLS);
  const seen = new Uint8Array(CELLS);
  const seenKeys = new Set<string>();
  for (let r = 0; r < table.rows.length; r++) {
    const s = sexCell(table, r);
    const x = ageCell(table, r);
    const key = keyOf ? `${keyOf(r)}|${s}|${x}` : `${s}|${x}`;
    if (seenKeys.has(key)) throw tableError(table, r, 'age', messages.csvDuplicate([...keyColumns.map((k) => `${k} ${table.rows[r][k]}`), `sex ${table.rows[r].sex}`, `age ${x}`].join(', ')));
    seenKeys.add(key);
    seen[cell(s, x)] = 1;
    for (const c of valueColumns) out[c][cell(s, x)] = numberCell(table, r, c, range);
  }
  if (fill === 'nearest') {
    for (let s = 0; s < 2; s++) {
      const given: number[] = [];
      for (let x = 0; x < AGES; x++) if (seen[cell(s, x)]) given.push(x);
      if (given.length === 0) throw tableError(table, 0, 'sex', `no rows for sex ${s === FEMALE ? 'F' : 'M'}`);
      for (let x = 0; x < AGES; x++) {
        if (seen[cell(s, x)]) continue;
        const nearest = given.reduce((best, g) => (Math.abs(g - x) < Math.abs(best - x) ? g : best), given[0]);
        for (const c of valueColumns) out[c][cell(s, x)] = out[c][cell(s, nearest)];
      }
    }
  }
  return out;
}

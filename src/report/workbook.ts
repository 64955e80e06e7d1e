/**
 * `report.xlsx`: a report's CSV tables as one workbook for the Excel side (issue: the workbook
 * beside the CSVs). A first sheet with the title, the assumptions that differ from the baseline
 * and the provenance; then one sheet per CSV with its header row (units in brackets where the
 * column has one), frozen, each value the CSV's own (numbers as numbers, formatted: money with
 * thousands separators, shares as percentages, years as years), and widths that fit.
 *
 * The same inputs give the same bytes: the times the writer stamps on the archive's files are
 * set to one fixed time (withFixedTimes).
 */
import { basename } from 'node:path';
import Papa from 'papaparse';
import { stringify } from 'yaml';
import writeExcelFile from 'write-excel-file/node';
import type { Cell, Row, Sheet } from 'write-excel-file/node';
import type { AssumptionDifference } from '../scenario/differences.js';
import type { Provenance } from './provenance.js';
import { SUMMARY_COLUMNS } from './summary.js';

/** The first sheet: a title, then sections of rows of text (a heading, a header row, the rows). */
export interface WorkbookCover {
  title: string;
  sections: ReadonlyArray<{ heading: string; header?: readonly string[]; rows: ReadonlyArray<readonly string[]> }>;
}

/** A file outside the project by its name: the workbook does not depend on where it was read from. */
const shownPath = (path: string) => (path.startsWith('data/') ? path : basename(path));

/** The first sheet of a run's workbook: the scenario, its differences from the baseline, the provenance. */
export function runCover(title: string, scenario: string, differences: readonly AssumptionDifference[] | null, p: Provenance): WorkbookCover {
  return {
    title,
    sections: [
      { heading: 'Scenario', rows: [['scenario', scenario]] },
      differences === null
        ? { heading: 'Assumptions that differ from the baseline', rows: [['none: this scenario is a baseline (it extends no other)']] }
        : { heading: 'Assumptions that differ from the baseline', header: ['key', 'baseline', 'this scenario'], rows: differences.length === 0 ? [['none']] : differences.map((d) => [d.key, d.baseline, d.scenario]) },
      { heading: 'Provenance', rows: [['tool', `${p.tool} ${p.version}`], ['node', p.node]] },
      { heading: 'Scenario files', header: ['file', 'SHA-256'], rows: p.scenario_files.map((f) => [shownPath(f.path), f.sha256]) },
      { heading: 'Data files', header: ['file', 'SHA-256'], rows: p.data_files.map((f) => [shownPath(f.path), f.sha256]) },
    ],
  };
}

/** A section of the first sheet from a provenance record, one line of its YAML a row. */
export function yamlSection(heading: string, record: unknown): WorkbookCover['sections'][number] {
  return { heading, rows: stringify(record, { lineWidth: 0 }).trimEnd().split('\n').map((line) => [line]) };
}

/** What a value is measured in, which sets its number format. */
type Unit = 'money' | 'persons' | 'share' | 'year' | 'number';

const FORMAT: Record<Unit, string | undefined> = {
  money: '#,##0.00',
  persons: '#,##0.0',
  share: '0.000%',
  year: '0',
  number: undefined,
};

/** summary.csv's money: every column after the persons (scheme, year, registered, contributing). */
const MONEY_COLUMNS = new Set<string>(SUMMARY_COLUMNS.slice(SUMMARY_COLUMNS.indexOf('wage_bill')));
const PERSON_COLUMNS = /^(registered|contributing|beneficiaries_[a-z_]+)$/;
const YEAR_COLUMNS = /^(year|from|to|model_year|depletion_year)$/;

/** The unit of a column, as far as its name says it. */
export function columnUnit(column: string): Unit {
  if (MONEY_COLUMNS.has(column)) return 'money';
  if (PERSON_COLUMNS.test(column)) return 'persons';
  if (YEAR_COLUMNS.test(column)) return 'year';
  return 'number';
}

/** The unit of a tidy table's value, from its `unit` column (measures.csv) or its `measure` (detail.csv). */
function rowUnit(row: Record<string, string>): Unit | undefined {
  switch (row.unit) {
    case 'share':
      return 'share';
    case 'year':
      return 'year';
    case 'years':
    case 'ratio':
      return 'number';
    case undefined:
      break;
    default:
      return 'money';
  }
  if (row.measure === undefined) return undefined;
  if (/^(wage_bill|contributions|outgo|new_awards_annual_amount|annual_amount_end)$/.test(row.measure)) return 'money';
  if (/^(registered|contributing|cases|new_awards|beneficiaries_end)$/.test(row.measure)) return 'persons';
  return undefined;
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;

/** A CSV value as a cell: a number where the text is one (the same number), else the text. */
function cellOf(text: string, unit: Unit): Cell {
  if (text === '') return null;
  if (!NUMBER.test(text)) return { value: text, type: String };
  const format = FORMAT[unit];
  return format ? { value: Number(text), type: Number, format } : { value: Number(text), type: Number };
}

/** The column's header: its name, with the unit in brackets. */
function header(column: string, currency: string, tidy: boolean): string {
  if (tidy && column === 'value') return 'value (in the row\'s unit)';
  const unit = columnUnit(column);
  return unit === 'money' ? `${column} (${currency})` : unit === 'persons' ? `${column} (persons)` : column;
}

/** A sheet's name: the file's, without `.csv`, within Excel's 31 characters. */
const sheetName = (file: string) => file.replace(/\.csv$/, '').replace(/[[\]:*?/\\]/g, '_').slice(0, 31);

function tableSheet(file: string, csv: string, currency: string): Sheet<Buffer> {
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  const columns = parsed.meta.fields ?? [];
  const tidy = columns.includes('value') && (columns.includes('unit') || columns.includes('measure'));
  const data: Row[] = [columns.map((c) => ({ value: header(c, currency, tidy), fontWeight: 'bold' as const }))];
  const widths = columns.map((c) => header(c, currency, tidy).length);
  parsed.data.forEach((row, r) => {
    const unit = tidy ? rowUnit(row) : undefined;
    data.push(
      columns.map((c, j) => {
        const text = row[c] ?? '';
        if (r < 500) widths[j] = Math.max(widths[j], text.length);
        return cellOf(text, c === 'value' && unit ? unit : columnUnit(c));
      }),
    );
  });
  return { data, sheet: sheetName(file), stickyRowsCount: 1, columns: widths.map((w) => ({ width: Math.min(50, Math.max(8, w + 2)) })) };
}

function coverSheet(cover: WorkbookCover): Sheet<Buffer> {
  const bold = (value: string): Cell => ({ value, fontWeight: 'bold' });
  const data: Row[] = [[{ value: cover.title, fontWeight: 'bold', fontSize: 14 }]];
  for (const section of cover.sections) {
    data.push([null], [bold(section.heading)]);
    if (section.header) data.push(section.header.map(bold));
    for (const row of section.rows) data.push([...row]);
  }
  return { data, sheet: 'about', columns: [{ width: 60 }, { width: 66 }, { width: 40 }] };
}

/** A report folder's own CSV tables (not the charts' data), for its workbook. */
export function csvTables(files: ReadonlyMap<string, string | Buffer>): Map<string, string> {
  return new Map([...files].filter((e): e is [string, string] => e[0].endsWith('.csv') && !e[0].startsWith('charts/') && typeof e[1] === 'string'));
}

/** 1 January 1980, 00:00, as a zip archive records times (MS-DOS date and time): its earliest. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/**
 * The archive with every file's modification time set to DOS_DATE: the writer stamps the time of
 * writing, which would make two runs differ. Only the headers' time fields change (no checksum
 * covers them), so nothing is compressed again. A zip archive ends with a directory of its files,
 * each naming where its local header is; both headers hold the time.
 */
export function withFixedTimes(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('report.xlsx: not a zip archive (no end of central directory)');
  const count = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('report.xlsx: a central directory entry is not where the archive says');
    out.writeUInt16LE(DOS_TIME, at + 12);
    out.writeUInt16LE(DOS_DATE, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('report.xlsx: a local header is not where the directory says');
    out.writeUInt16LE(DOS_TIME, local + 10);
    out.writeUInt16LE(DOS_DATE, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

export async function workbookXlsx(cover: WorkbookCover, tables: ReadonlyMap<string, string>, currency: string): Promise<Buffer> {
  const sheets = [coverSheet(cover), ...[...tables].filter(([name]) => name.endsWith('.csv')).map(([name, csv]) => tableSheet(name, csv, currency))];
  return withFixedTimes(await writeExcelFile(sheets).toBuffer());
}

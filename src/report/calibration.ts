/**
 * `calibration.csv` and the terminal table: each published aggregate brought to the model's
 * first year (annualised if it covers part of a year, rolled forward by the growth of its
 * series if it is of an earlier year) beside the model's value in that year, with the
 * difference, a status and the reason for it, the growth steps with their basis and source,
 * and every target's note.
 */
import Papa from 'papaparse';
import type { CalibrationRow } from '../measures/calibration.js';
import { grouped, wrapWords } from './format.js';

export const CALIBRATION_TOLERANCE = 0.1;
const WIDTH = 100;

/** What each status means; the terminal prints those that occur, below the table. */
export const STATUS_MEANING: Record<string, string> = {
  'within 10%': 'an independent check: no input was set from this figure, and the model is within 10% of it',
  'outside 10%': 'an independent check, and the model is more than 10% from it',
  'lower bound met': 'published as "more than", or for part of a year: the model is at or above it, or less than 10% below',
  'below lower bound': 'published as "more than", or for part of a year: the model is more than 10% below it',
  'used to set input': 'an input of the scenario was set from this figure (named in the note): agreement is by construction, not a check',
  'conflicting source': 'another published figure contradicts this one (the note says which): shown, not a target',
  'not comparable': 'the published figure counts something the model does not (the note says what): shown, not a target',
  'n/a': 'the model cannot answer it, or the figure cannot be brought to the model year (the note says why)',
};

export function status(r: CalibrationRow): string {
  if (r.model === null || r.expected === null) return 'n/a';
  if (r.target.note.startsWith('[CONFLICT]')) return 'conflicting source';
  if (r.target.note.startsWith('[NOT COMPARABLE]')) return 'not comparable';
  if (r.target.usedToSet !== '') return 'used to set input';
  if (r.target.bound === 'lower') return r.difference !== null && r.difference >= -CALIBRATION_TOLERANCE ? 'lower bound met' : 'below lower bound';
  return r.difference !== null && Math.abs(r.difference) <= CALIBRATION_TOLERANCE ? 'within 10%' : 'outside 10%';
}

/** The reason behind a row's status, in a sentence. */
export function statusReason(r: CalibrationRow): string {
  const s = status(r);
  if (s === 'n/a') return r.reason;
  if (s === 'used to set input') return `used to set ${r.target.usedToSet}`;
  return STATUS_MEANING[s];
}

/** How the published figure was brought to the model year, in words. */
export function factorBasis(r: CalibrationRow): string {
  const parts: string[] = [];
  if (r.target.annualise !== 1) parts.push(`annualised x ${r.target.annualise}`);
  if (r.factor === null) parts.push(r.reason);
  else if (r.steps.length === 0) parts.push(`same year (${r.modelYear})`);
  else {
    const series = r.target.rollForward!.id;
    const direction = r.target.year < r.modelYear ? 'rolled forward' : 'rolled back';
    parts.push(`${direction} by ${series}: ${r.steps.map((s) => `${s.year - 1}-${s.year} ${signedPercent(s.growth, 2)} (${s.basis})`).join('; ')}`);
  }
  return parts.join('; ');
}

function factorSource(r: CalibrationRow): string {
  return r.steps.map((s) => s.source).join('; ');
}

function isMoney(quantity: string): boolean {
  return quantity === 'benefits' || quantity === 'commuting_outgo' || quantity.startsWith('outgo:');
}

function digits(quantity: string): number {
  return quantity === 'coverage_share' ? 6 : 2;
}

export function calibrationCsv(rows: readonly CalibrationRow[]): string {
  const data = rows.map((r) => [
    r.target.id,
    r.target.description,
    String(r.target.year),
    String(r.target.published),
    String(r.target.annualise),
    r.target.bound,
    String(r.modelYear),
    r.factor === null ? '' : (r.target.annualise * r.factor).toFixed(6),
    factorBasis(r),
    factorSource(r),
    r.expected === null ? '' : r.expected.toFixed(digits(r.target.quantity)),
    r.model === null ? '' : r.model.toFixed(digits(r.target.quantity)),
    r.difference === null ? '' : (100 * r.difference).toFixed(2),
    status(r),
    statusReason(r),
    r.target.source,
    r.target.note,
  ]);
  const fields = ['measure', 'description', 'year', 'published', 'annualise', 'bound', 'model_year', 'factor', 'factor_basis', 'factor_source', 'target', 'model', 'difference_pct', 'status', 'status_reason', 'source', 'note'];
  return Papa.unparse({ fields, data }, { newline: '\n' }) + '\n';
}

function signedPercent(x: number, d: number): string {
  const text = (100 * x).toFixed(d);
  // A difference that rounds to zero is written without a sign.
  if (Number(text) === 0) return `${(0).toFixed(d)}%`;
  return `${x > 0 ? '+' : ''}${text}%`;
}

function value(x: number, quantity: string): string {
  if (quantity === 'coverage_share') return `${(100 * x).toFixed(1)}%`;
  if (isMoney(quantity)) return `RM${grouped(x / 1e6, 0)}m`;
  return grouped(x, 0);
}

/** The factor column: the annualisation and the roll-forward, with the series named. */
function factorCell(r: CalibrationRow): string {
  const parts: string[] = [];
  if (r.target.annualise !== 1) parts.push(`x${r.target.annualise}`);
  if (r.factor === null) return [...parts, 'n/a'].join(' ');
  if (r.steps.length > 0) parts.push(`x${r.factor.toFixed(4)} ${r.target.rollForward!.id}`);
  return parts.length === 0 ? 'same year' : parts.join(' ');
}

/** A table with a header of two lines: the first column and the last left-aligned, the others right-aligned. */
function twoLineTable(header: Array<[string, string]>, rows: string[][]): string[] {
  const widths = header.map(([a, b], c) => Math.max(a.length, b.length, ...rows.map((r) => r[c].length)));
  const left = (c: number) => c === 0 || c === header.length - 1;
  const line = (cells: string[]) => ('  ' + cells.map((cell, c) => (left(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).trimEnd();
  return [line(header.map(([a]) => a)), line(header.map(([, b]) => b)), ...rows.map(line)];
}

export function calibrationTable(rows: readonly CalibrationRow[]): string {
  const year = rows[0]?.modelYear ?? '';
  const body = rows.map((r) => [
    r.target.id,
    String(r.target.year),
    value(r.target.published, r.target.quantity),
    factorCell(r),
    r.expected === null ? 'n/a' : value(r.expected, r.target.quantity),
    r.model === null ? 'n/a' : value(r.model, r.target.quantity),
    r.difference === null ? 'n/a' : signedPercent(r.difference, 1),
    status(r),
  ]);
  const header: Array<[string, string]> = [
    ['measure', ''],
    ['year', ''],
    ['published', ''],
    ['factor', `to ${year}`],
    ['target', String(year)],
    ['model', String(year)],
    ['difference', ''],
    ['status', ''],
  ];
  const lines = [`Calibration: published aggregates against the model in ${year}`, ...twoLineTable(header, body), ''];
  lines.push(
    ...wrapWords(
      `target ${year} = published x factor: a figure for part of a year is annualised (x2 for a half year), and a figure of an earlier year is rolled forward to ${year} by the yearly growth of its series (below); difference = model / target - 1. Money in RM million. Every row's note is below the table.`,
      '',
      '',
      WIDTH,
    ),
    '',
    'Statuses:',
  );
  const used = new Set(rows.map(status));
  for (const [s, meaning] of Object.entries(STATUS_MEANING)) if (used.has(s)) lines.push(...wrapWords(meaning, `  ${s.padEnd(19)} `, ' '.repeat(22), WIDTH));
  const series = new Map<string, CalibrationRow['steps']>();
  for (const r of rows) if (r.target.rollForward && r.steps.length > 0) {
    const steps = series.get(r.target.rollForward.id) ?? [];
    for (const s of r.steps) if (!steps.includes(s)) steps.push(s);
    series.set(r.target.rollForward.id, steps);
  }
  if (series.size > 0) {
    lines.push('', 'Roll-forward series (data/calibration/roll-forward.csv):');
    for (const [id, steps] of series)
      for (const s of [...steps].sort((x, y) => x.year - y.year))
        lines.push(...wrapWords(`${s.basis}. Source: ${s.source}`, `  ${id} ${s.year - 1}-${s.year} ${signedPercent(s.growth, 2)}: `, '      ', WIDTH));
  }
  lines.push('', 'Notes:');
  for (const r of rows) {
    const reason = status(r) === 'n/a' || r.target.usedToSet !== '' ? `${statusReason(r)}. ` : '';
    lines.push(...wrapWords(`${reason}${r.target.note}`.trim() || r.target.description, `  ${r.target.id}: `, '      ', WIDTH));
  }
  return lines.join('\n') + '\n';
}

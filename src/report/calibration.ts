/**
 * `calibration.csv` and the terminal table: each published aggregate beside the model's value
 * in the first projection year, with the difference in percent and the source.
 */
import Papa from 'papaparse';
import type { CalibrationRow } from '../measures/calibration.js';
import { grouped } from './format.js';
import { table } from './terminal.js';

export const CALIBRATION_TOLERANCE = 0.1;

export function calibrationCsv(rows: readonly CalibrationRow[]): string {
  const data = rows.map((r) => [
    r.target.id,
    r.target.description,
    String(r.target.year),
    String(r.target.published),
    String(r.modelYear),
    r.model === null ? '' : r.model.toFixed(r.target.quantity === 'coverage_share' ? 6 : 2),
    r.difference === null ? '' : (100 * r.difference).toFixed(2),
    status(r),
    r.target.source,
    r.target.note,
  ]);
  const fields = ['measure', 'description', 'year', 'published', 'model_year', 'model', 'difference_pct', 'status', 'source', 'note'];
  return Papa.unparse({ fields, data }, { newline: '\n' }) + '\n';
}

/** Within the tolerance, or why not: a source marked as conflicting or not comparable in the targets' notes. */
export function status(r: CalibrationRow): string {
  if (r.difference !== null && Math.abs(r.difference) <= CALIBRATION_TOLERANCE) return 'within 10%';
  if (r.target.note.startsWith('[CONFLICT]')) return 'conflicting source (see note)';
  if (r.target.note.startsWith('[NOT COMPARABLE]')) return 'not comparable (see note)';
  return 'outside 10%';
}

export function calibrationTable(rows: readonly CalibrationRow[]): string {
  const value = (x: number, quantity: string) => (quantity === 'coverage_share' ? `${(100 * x).toFixed(1)}%` : grouped(x, 0));
  const body = rows.map((r) => [
    r.target.id,
    String(r.target.year),
    value(r.target.published, r.target.quantity),
    r.model === null ? 'n/a' : value(r.model, r.target.quantity),
    r.difference === null ? 'n/a' : `${r.difference >= 0 ? '+' : ''}${(100 * r.difference).toFixed(1)}%`,
    status(r),
  ]);
  const year = rows[0]?.modelYear ?? '';
  return [`Calibration: published aggregates against the model in ${year}`, ...table(['measure', 'published in', 'published', 'model', 'difference', ''], body)].join('\n') + '\n';
}

/**
 * Calibration targets: published aggregates and the model quantity each is compared with
 * (data/calibration/*.csv; the columns are described in data/SOURCES.md).
 */
import { resolve } from 'node:path';
import { displayPathOf } from '../scenario/load.js';
import { PROJECT_ROOT } from '../paths.js';
import { numberCell, readCsv, tableError } from './csv.js';

export interface CalibrationTarget {
  id: string;
  description: string;
  year: number;
  published: number;
  schemes: string[];
  /** `cases:<detail benefit>`, `outgo:<column>[+<column>]`, `benefits`, `beneficiaries`, `registered`, `contributing` or `coverage_share`. */
  quantity: string;
  group: string;
  source: string;
  note: string;
}

export const DEFAULT_TARGETS = resolve(PROJECT_ROOT, 'data', 'calibration', 'perkeso-published.csv');
const COLUMNS = ['id', 'description', 'year', 'published', 'scheme', 'quantity', 'group', 'source', 'note'] as const;
const QUANTITY = /^(cases:[a-z_]+|outgo:[a-z_]+(\+[a-z_]+)*|benefits|beneficiaries|registered|contributing|coverage_share)$/;

export function readTargets(file = DEFAULT_TARGETS): CalibrationTarget[] {
  const table = readCsv(file, displayPathOf(file), COLUMNS);
  return table.rows.map((row, r) => {
    const quantity = (row.quantity ?? '').trim();
    if (!QUANTITY.test(quantity)) throw tableError(table, r, 'quantity', `"${quantity}" is not a quantity the model reports (cases:<benefit>, outgo:<column>, benefits, beneficiaries, registered, contributing, coverage_share)`);
    return {
      id: row.id.trim(),
      description: row.description.trim(),
      year: numberCell(table, r, 'year'),
      published: numberCell(table, r, 'published'),
      schemes: row.scheme.split('+').map((s) => s.trim()),
      quantity,
      group: (row.group ?? '').trim(),
      source: row.source.trim(),
      note: (row.note ?? '').trim(),
    };
  });
}

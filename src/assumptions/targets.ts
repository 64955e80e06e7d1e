/**
 * Calibration targets: published aggregates and the model quantity each is compared with
 * (data/calibration/perkeso-published.csv), and the growth series that bring a figure
 * published for an earlier year to the model's first year (data/calibration/roll-forward.csv).
 * The columns of both are described in data/SOURCES.md.
 */
import { resolve } from 'node:path';
import { displayPathOf } from '../scenario/load.js';
import { PROJECT_ROOT } from '../paths.js';
import { messages } from '../messages.js';
import { numberCell, tableError } from './csv.js';
import { readCsv } from './csv-file.js';

/** One year's growth of a series: from the year before to `year`. */
export interface GrowthStep {
  year: number;
  growth: number;
  basis: string;
  source: string;
}

/** A roll-forward series: the yearly growth of one kind of quantity, by year. */
export interface RollForwardSeries {
  id: string;
  steps: ReadonlyMap<number, GrowthStep>;
}

export interface CalibrationTarget {
  id: string;
  description: string;
  year: number;
  published: number;
  schemes: string[];
  /**
   * `cases:<detail benefit>[+<detail benefit>]`, `outgo:<column>[+<column>]`, `benefits`, `beneficiaries`,
   * `registered`, `contributing`, `coverage_share`; or a quantity the model does not have
   * (`employers`, `commuting_outgo`), compared as n/a with the reason.
   */
  quantity: string;
  group: string;
  /** Multiplies the published figure into a whole year's (2 for a half year); 1 for a year or a stock. */
  annualise: number;
  /** `lower` for a figure published as "more than", or a part-year figure; '' for a point figure. */
  bound: '' | 'lower';
  /** The series that rolls the figure from its year to the model's first year, or null. */
  rollForward: RollForwardSeries | null;
  /** The scenario input that was set from this figure ('' if it is an independent check). */
  usedToSet: string;
  source: string;
  note: string;
}

export const DEFAULT_TARGETS = resolve(PROJECT_ROOT, 'data', 'calibration', 'perkeso-published.csv');
export const DEFAULT_ROLL_FORWARD = resolve(PROJECT_ROOT, 'data', 'calibration', 'roll-forward.csv');

const COLUMNS = ['id', 'description', 'year', 'published', 'scheme', 'quantity', 'group', 'source', 'note'] as const;
const OPTIONAL = ['annualise', 'bound', 'roll_forward', 'used_to_set'] as const;
const QUANTITY = /^(cases:[a-z_]+(\+[a-z_]+)*|outgo:[a-z_]+(\+[a-z_]+)*|benefits|beneficiaries|registered|contributing|coverage_share|employers|commuting_outgo)$/;
const ROLL_COLUMNS = ['series', 'year', 'growth', 'basis', 'source'] as const;

/** The growth series, by id. */
export function readRollForward(file = DEFAULT_ROLL_FORWARD): Map<string, RollForwardSeries> {
  const table = readCsv(file, displayPathOf(file), ROLL_COLUMNS);
  const series = new Map<string, Map<number, GrowthStep>>();
  table.rows.forEach((row, r) => {
    const id = (row.series ?? '').trim();
    if (!/^[a-z][a-z0-9_]*$/.test(id)) throw tableError(table, r, 'series', messages.calibrationBadSeriesId(id));
    const year = numberCell(table, r, 'year');
    if (!Number.isInteger(year)) throw tableError(table, r, 'year', messages.csvNotNumber(String(year)));
    // A year's growth above −100%: a factor of zero or less is not a growth.
    const growth = numberCell(table, r, 'growth', { min: -0.99, max: 10 });
    const source = (row.source ?? '').trim();
    if (source === '') throw tableError(table, r, 'source', messages.calibrationNoSource());
    const steps = series.get(id) ?? new Map<number, GrowthStep>();
    if (steps.has(year)) throw tableError(table, r, 'year', messages.csvDuplicate(`${id} ${year}`));
    steps.set(year, { year, growth, basis: (row.basis ?? '').trim(), source });
    series.set(id, steps);
  });
  return new Map([...series].map(([id, steps]) => [id, { id, steps }]));
}

export function readTargets(file = DEFAULT_TARGETS, rollForwardFile = DEFAULT_ROLL_FORWARD): CalibrationTarget[] {
  const table = readCsv(file, displayPathOf(file), COLUMNS, OPTIONAL);
  const uses = table.columns.includes('roll_forward') && table.rows.some((row) => (row.roll_forward ?? '').trim() !== '');
  const series = uses ? readRollForward(rollForwardFile) : new Map<string, RollForwardSeries>();
  return table.rows.map((row, r) => {
    const quantity = (row.quantity ?? '').trim();
    if (!QUANTITY.test(quantity)) throw tableError(table, r, 'quantity', messages.calibrationBadQuantity(quantity));
    const annualiseText = (row.annualise ?? '').trim();
    const annualise = annualiseText === '' ? 1 : numberCell(table, r, 'annualise', { min: 1, max: 12 });
    const bound = (row.bound ?? '').trim();
    if (bound !== '' && bound !== 'lower') throw tableError(table, r, 'bound', messages.calibrationBadBound(bound));
    const seriesId = (row.roll_forward ?? '').trim();
    const rollForward = seriesId === '' ? null : series.get(seriesId);
    if (rollForward === undefined) throw tableError(table, r, 'roll_forward', messages.calibrationUnknownSeries(seriesId, displayPathOf(rollForwardFile), [...series.keys()]));
    return {
      id: row.id.trim(),
      description: row.description.trim(),
      year: numberCell(table, r, 'year'),
      published: numberCell(table, r, 'published'),
      schemes: row.scheme.split('+').map((s) => s.trim()),
      quantity,
      group: (row.group ?? '').trim(),
      annualise,
      bound,
      rollForward,
      usedToSet: (row.used_to_set ?? '').trim(),
      source: row.source.trim(),
      note: (row.note ?? '').trim(),
    };
  });
}

/**
 * The scenario's data tables, read into dense `[sex][age]` arrays (engine/layout.ts), each
 * checked for what it must hold (shares summing to 1, probabilities at most 1, known types).
 */
import { PENSION_TYPES } from '../model.js';
import type { PensionType } from '../model.js';
import { messages } from '../messages.js';
import { AGES, CELLS, SEXES, cell } from '../engine/layout.js';
import { ageCell, ageSexColumns, numberCell, sexCell, tableError } from './csv.js';
import type { CsvTable } from './csv.js';
import type { FamilyTable } from './types.js';

const SHARE_TOLERANCE = 1e-6;

export function shareColumns(table: CsvTable, cohort: boolean): { share: Float64Array; entryShare: Float64Array; lastAge: number } {
  const columns = cohort ? ['share', 'entry_share'] : ['share'];
  const values = ageSexColumns(table, columns, 'zero', { min: 0, max: 1 });
  for (const c of columns) {
    let sum = 0;
    for (const v of values[c]) sum += v;
    if (Math.abs(sum - 1) > SHARE_TOLERANCE) throw tableError(table, 0, c, messages.csvSharesSum(c, sum));
  }
  // The table's ages are the ages of the work: cohort members who pass its last age leave.
  let lastAge = 0;
  for (let r = 0; r < table.rows.length; r++) lastAge = Math.max(lastAge, ageCell(table, r));
  return { share: values.share, entryShare: values.entry_share ?? new Float64Array(CELLS), lastAge };
}

/**
 * General mortality by projection year: `[year][sex][age]`. A table with a `year` column gives
 * each calendar year (years before its first take the first; after its last, the last improved
 * by `improvement`); a table without gives the start year, improved every later year.
 */
export function mortalityByYear(table: CsvTable, startYear: number, years: number, improvement: Float64Array): Float64Array {
  const out = new Float64Array(years * CELLS);
  const byYear = qxByTableYear(table, startYear);
  const tableYears = [...byYear.keys()].sort((a, b) => a - b);
  const lastTableYear = tableYears[tableYears.length - 1];
  for (let i = 0; i < years; i++) {
    const year = startYear + i;
    const target = out.subarray(i * CELLS, (i + 1) * CELLS);
    if (year <= lastTableYear) {
      let use = tableYears[0];
      for (const y of tableYears) if (y <= year) use = y;
      target.set(byYear.get(use)!);
    } else {
      // Improved year by year from the table's last year; years before the projection (when it
      // starts after the table) take the start year's improvement.
      const previous = i > 0 ? out.subarray((i - 1) * CELLS, i * CELLS) : byYear.get(lastTableYear)!;
      const factor = i > 0 ? 1 - improvement[i] : (1 - improvement[0]) ** (year - lastTableYear);
      for (let c = 0; c < CELLS; c++) target[c] = previous[c] * factor;
    }
    for (let s = 0; s < SEXES; s++) target[cell(s, AGES - 1)] = 1;
  }
  return out;
}

/**
 * A table's qx columns by its own years (the start year's for a table without years), read once
 * per table and start year: a scenario projected again with one value changed (the assumption
 * register's ranges) reuses them. The columns are not written to.
 */
const qxRead = new WeakMap<CsvTable, Map<number, Map<number, Float64Array>>>();

function qxByTableYear(table: CsvTable, startYear: number): Map<number, Float64Array> {
  let read = qxRead.get(table);
  if (!read) qxRead.set(table, (read = new Map()));
  const cached = read.get(startYear);
  if (cached) return cached;
  const byYear = new Map<number, Float64Array>();
  if (table.columns.includes('year')) {
    const rowsByYear = new Map<number, number[]>();
    for (let r = 0; r < table.rows.length; r++) {
      // Calendar years as the projection takes them: 1900 to 2800.
      const year = numberCell(table, r, 'year', { min: 1900, max: 2800 });
      if (!Number.isInteger(year)) throw tableError(table, r, 'year', messages.csvNotNumber(table.rows[r].year));
      let list = rowsByYear.get(year);
      if (!list) rowsByYear.set(year, (list = []));
      list.push(r);
    }
    for (const [year, rows] of rowsByYear) byYear.set(year, qxColumn(table, rows));
  } else {
    byYear.set(startYear, qxColumn(table, table.rows.map((_, r) => r)));
  }
  read.set(startYear, byYear);
  return byYear;
}

function qxColumn(table: CsvTable, rows: number[]): Float64Array {
  const q = new Float64Array(CELLS);
  const seen = new Uint8Array(CELLS);
  for (const r of rows) {
    const c = cell(sexCell(table, r), ageCell(table, r));
    if (seen[c]) throw tableError(table, r, 'age', messages.csvDuplicate(`sex ${table.rows[r].sex}, age ${table.rows[r].age}${table.rows[r].year ? `, year ${table.rows[r].year}` : ''}`));
    seen[c] = 1;
    q[c] = numberCell(table, r, 'qx', { min: 0, max: 1 });
  }
  // Ages beyond the table take its last age's rate (and 110 is closed in mortalityByYear).
  for (let s = 0; s < SEXES; s++) {
    let last = -1;
    for (let x = 0; x < AGES; x++) if (seen[cell(s, x)]) last = x;
    if (last < 0) throw tableError(table, rows[0], 'sex', `no rows for sex ${s === 0 ? 'F' : 'M'}`);
    for (let x = 0; x < AGES; x++) {
      if (seen[cell(s, x)]) continue;
      let nearest = last;
      for (let y = 0; y < AGES; y++) if (seen[cell(s, y)] && Math.abs(y - x) < Math.abs(nearest - x)) nearest = y;
      q[cell(s, x)] = q[cell(s, nearest)];
    }
  }
  return q;
}

export const FAMILY_COLUMNS = ['p_spouse', 'spouse_age_difference', 'p_children', 'youngest_child_age'] as const;

export function familyTable(table: CsvTable): FamilyTable {
  const probabilities = ageSexColumns(table, ['p_spouse', 'p_children'], 'nearest', { min: 0, max: 1 });
  const ages = ageSexColumns(table, ['spouse_age_difference', 'youngest_child_age'], 'nearest', { min: -110, max: 110 });
  return {
    pSpouse: probabilities.p_spouse,
    pChildren: probabilities.p_children,
    spouseAgeDifference: ages.spouse_age_difference,
    youngestChildAge: ages.youngest_child_age,
  };
}

export const BENEFICIARY_COLUMNS = ['type', 'sex', 'age', 'count', 'monthly_amount'] as const;

/**
 * Pensions in payment at the start: counts and annual amounts `[type][group][sex][age]`. Rows
 * without a `group` column belong to `defaultGroup` (the first group the scheme covers).
 */
export function beneficiaryStock(
  table: CsvTable,
  allowedTypes: readonly PensionType[],
  groupIds: readonly string[],
  coveredGroups: readonly string[],
  defaultGroup: number,
  childAgeLimit: Partial<Record<PensionType, number>>,
): { count: Float64Array; annualAmount: Float64Array } {
  const groups = groupIds.length;
  const size = PENSION_TYPES.length * groups * CELLS;
  const count = new Float64Array(size);
  const annualAmount = new Float64Array(size);
  const seen = new Set<string>();
  const hasGroup = table.columns.includes('group');
  for (let r = 0; r < table.rows.length; r++) {
    const type = (table.rows[r].type ?? '').trim() as PensionType;
    if (!allowedTypes.includes(type)) throw tableError(table, r, 'type', messages.csvUnknownType(type, allowedTypes));
    let g = defaultGroup;
    if (hasGroup) {
      const id = (table.rows[r].group ?? '').trim();
      g = groupIds.indexOf(id);
      if (g < 0 || !coveredGroups.includes(id)) throw tableError(table, r, 'group', messages.csvUnknownGroup(id));
    }
    const s = sexCell(table, r);
    const x = ageCell(table, r);
    const limit = childAgeLimit[type];
    if (limit !== undefined && x >= limit) throw tableError(table, r, 'age', messages.csvChildTooOld(x, limit));
    const key = `${type}|${g}|${s}|${x}`;
    if (seen.has(key)) throw tableError(table, r, 'age', messages.csvDuplicate(`type ${type}, sex ${table.rows[r].sex}, age ${x}`));
    seen.add(key);
    const n = numberCell(table, r, 'count', { min: 0 });
    const monthly = numberCell(table, r, 'monthly_amount', { min: 0 });
    const at = ((PENSION_TYPES.indexOf(type) * groups + g) * SEXES + s) * AGES + x;
    count[at] = n;
    annualAmount[at] = n * monthly * 12;
  }
  return { count, annualAmount };
}

/**
 * Compensation another law pays on a group's workplace accidents (`cover.<group>.workplace_offset`),
 * which the scheme deducts from its own benefits (methodology §4, "Top-up of another law's lump
 * sums"): the lump sums' age factors by age last birthday and their limits by year, in the
 * scheme currency.
 */
import type { KeyPath } from '../scenario/errors.js';
import type { Series, WorkplaceOffsetConfig } from '../scenario/schema.js';
import { BOUNDS } from '../scenario/bounds.js';
import type { Bounds } from '../scenario/bounds.js';
import { AGES } from '../engine/layout.js';
import { numberCell, tableError } from './csv.js';
import type { CsvTable } from './csv.js';
import type { WorkplaceOffset } from './types.js';
import { messages } from '../messages.js';

type SeriesFn = (value: Series, path: KeyPath, bounds: Bounds) => Float64Array;
type ReadTable = (path: KeyPath, needed: readonly string[]) => CsvTable;

/**
 * Factor by age last birthday x: the table's at age next birthday x + 1, the nearest age given
 * outside the table (the laws give "14 and below", "66 and above").
 */
function ageFactors(table: CsvTable): Float64Array {
  const given = new Map<number, number>();
  table.rows.forEach((_, r) => {
    const age = numberCell(table, r, 'age_next_birthday', { min: 1, max: AGES });
    if (!Number.isInteger(age)) throw tableError(table, r, 'age_next_birthday', messages.csvNotWholeAge(age));
    if (given.has(age)) throw tableError(table, r, 'age_next_birthday', messages.csvDuplicate(`age ${age}`));
    given.set(age, numberCell(table, r, 'factor', { min: 0, max: 1000 }));
  });
  const ages = [...given.keys()].sort((a, b) => a - b);
  const out = new Float64Array(AGES);
  for (let x = 0; x < AGES; x++) {
    const next = x + 1;
    let nearest = ages[0];
    for (const a of ages) if (Math.abs(a - next) < Math.abs(nearest - next)) nearest = a;
    out[x] = given.get(nearest)!;
  }
  return out;
}

export function buildOffset(config: WorkplaceOffsetConfig, path: KeyPath, years: number, series: SeriesFn, readTable: ReadTable, schemeCurrency: string): WorkplaceOffset {
  const at = (...rest: string[]): KeyPath => [...path, ...rest];
  const exchange = config.currency === undefined || config.currency === schemeCurrency ? null : series(config.currency, at('currency'), BOUNDS.exchangeRate);
  const growth = series(config.limits_indexation, at('limits_indexation'), BOUNDS.growth);
  // Limits grow from the start year and are converted at each year's exchange rate.
  const limit = (amount: number) => {
    const out = new Float64Array(years);
    let level = amount;
    for (let i = 0; i < years; i++) {
      if (i > 0) level *= 1 + growth[i];
      out[i] = level * (exchange ? exchange[i] : 1);
    }
    return out;
  };
  const lumpSum = (name: 'permanent' | 'fatal') => ({
    factor: ageFactors(readTable(at(name, 'factors'), ['age_next_birthday', 'factor'])),
    minimum: limit(config[name].minimum),
    maximum: limit(config[name].maximum),
  });
  return { permanent: lumpSum('permanent'), fatal: lumpSum('fatal'), temporaryShare: config.temporary_share, medicalShare: config.medical_share };
}

/**
 * `population.csv`: the insured population and the pensioners by 5-year age band, one row per
 * (scheme, year, group of origin, sex, band): registered and contributing persons (age last
 * birthday in the year, mid-year as in detail.csv) and the beneficiaries at the end of the year
 * of each pension type the scheme keeps (by the pensioner's age in the year). Persons only, no
 * money; values are written as in detail.csv. Pension types a scheme's kind does not keep are
 * empty.
 */
import { PENSION_TYPES, PENSION_TYPES_BY_KIND } from '../model.js';
import { SEX_CODES, SEXES, MAX_AGE } from '../engine/layout.js';
import { AGE_BANDS, BAND_YEARS, bandIndex, pensionerBandIndex } from '../engine/result.js';
import type { Projection, SchemeProjection } from '../engine/result.js';
import { persons } from './format.js';

export const POPULATION_COLUMNS = ['scheme', 'year', 'group', 'sex', 'age_from', 'age_to', 'registered', 'contributing', ...PENSION_TYPES.map((t) => `beneficiaries_${t}`)] as const;

/** The first and last ages of band b (the last band is the last age alone). */
export function bandAges(b: number): [number, number] {
  const from = b * BAND_YEARS;
  return [from, Math.min(from + BAND_YEARS - 1, MAX_AGE)];
}

/** Whether a projection kept its persons by age band (project's `bands` option). */
export function hasBands(p: Projection): boolean {
  return p.schemes.every((s) => s.registeredByBand.length > 0);
}

/** Registered persons of a scheme by band, summed over the given groups: `[sex][band]` of year index i. */
export function registeredByBand(s: SchemeProjection, i: number, groups: Iterable<number>): Float64Array[] {
  const out = [new Float64Array(AGE_BANDS), new Float64Array(AGE_BANDS)];
  for (const g of groups) {
    for (let sex = 0; sex < SEXES; sex++) {
      const at = bandIndex(i, g, sex, s.groups);
      for (let b = 0; b < AGE_BANDS; b++) out[sex][b] += s.registeredByBand[at + b];
    }
  }
  return out;
}

export function populationCsv(p: Projection, coveredGroups: ReadonlyArray<ReadonlySet<number>>): string {
  if (!hasBands(p)) throw new Error('population.csv needs a projection that keeps persons by age band (project(..., { bands: true }))');
  const G = p.groupIds.length;
  // Every field is an id (a slug), a sex code or a number: none needs quoting, and joining the
  // rows directly is ten times faster than a general CSV writer on this file (watch re-writes it).
  const lines: string[] = [POPULATION_COLUMNS.join(',')];
  p.schemes.forEach((s, k) => {
    const slots = PENSION_TYPES.map((t) => PENSION_TYPES_BY_KIND[s.kind].indexOf(t));
    for (let i = 0; i < p.years; i++) {
      const year = String(p.startYear + i);
      for (let g = 0; g < G; g++) {
        if (!coveredGroups[k].has(g)) continue;
        for (let sex = 0; sex < SEXES; sex++) {
          const at = bandIndex(i, g, sex, G);
          for (let b = 0; b < AGE_BANDS; b++) {
            const [from, to] = bandAges(b);
            const pensioners = slots.map((slot) => (slot < 0 ? '' : persons(s.pensionersByBand[pensionerBandIndex(slot, i, g, sex, G, p.years) + b])));
            lines.push(`${s.id},${year},${p.groupIds[g]},${SEX_CODES[sex]},${from},${to},${persons(s.registeredByBand[at + b])},${persons(s.contributingByBand[at + b])},${pensioners.join(',')}`);
          }
        }
      }
    }
  });
  return lines.join('\n') + '\n';
}

/**
 * A last check of a projection: every flow is a finite number. A NaN or an infinity is a bug
 * of the model or of an input no check caught; it is named in the model's terms (scheme, year,
 * quantity) rather than left for a report to print.
 */
import { OUTGO_COLUMNS } from '../model.js';
import { schemeTotals } from './result.js';
import type { Projection } from './result.js';

export class ProjectionError extends Error {}

export function assertFinite(p: Projection): void {
  for (const s of p.schemes) {
    const series = [...schemeTotals(s), ...OUTGO_COLUMNS.map((c): [string, Float64Array] => [c, s.outgo[c]])];
    for (const [name, values] of series) {
      for (let i = 0; i < values.length; i++) {
        if (!Number.isFinite(values[i])) throw new ProjectionError(`scheme ${s.id}, year ${p.startYear + i}: ${name} is ${values[i]}`);
      }
    }
  }
}

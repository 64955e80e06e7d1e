/**
 * Annuity factors for the capital values of pensions (methodology §5, §7): a pension of 1 a
 * year paid monthly in advance, indexed at the scheme's pension indexation and discounted at
 * the discount rate of the year, on the pensioners' mortality (general mortality × the type's
 * multiplier × the group's), whole life or to the children's age limit.
 *
 * Several pension types and groups share a multiplier in a year, so each distinct
 * (multiplier, age limit) is computed once a year and kept in the workspace.
 */
import { monthlyAnnuityDue } from './annuity.js';
import { AGES, CELLS, SEXES } from './layout.js';
import { MAX_ANNUITIES } from './workspace.js';
import type { Workspace } from './workspace.js';

/** Forget the year's factors (call once a year per scheme). */
export function resetAnnuities(ws: Workspace): void {
  ws.annuityCount = 0;
}

/** ä(12) `[sex][age]` for q × multiplier, to `endAge` (AGES for life), at v. */
export function annuityFactors(ws: Workspace, q: Float64Array, multiplier: number, endAge: number, v: number): Float64Array {
  for (let k = 0; k < ws.annuityCount; k++) {
    if (ws.annuityKeys[2 * k] === multiplier && ws.annuityKeys[2 * k + 1] === endAge) return ws.annuities[k];
  }
  const k = ws.annuityCount < MAX_ANNUITIES ? ws.annuityCount++ : MAX_ANNUITIES - 1;
  ws.annuityKeys[2 * k] = multiplier;
  ws.annuityKeys[2 * k + 1] = endAge;
  const out = (ws.annuities[k] ??= new Float64Array(CELLS));
  const qx = ws.pensionQ;
  for (let c = 0; c < CELLS; c++) qx[c] = Math.min(1, q[c] * multiplier);
  const limit = endAge >= AGES ? Infinity : endAge;
  for (let s = 0; s < SEXES; s++) {
    monthlyAnnuityDue(qx, v, ws.annuityScratch, limit, s * AGES, ws.annuitySurvival);
    out.set(ws.annuityScratch, s * AGES);
  }
  return out;
}

/**
 * A top-up of another law's lump sums (methodology §4): on a workplace accident the group's
 * other law pays a lump sum L = clamp(w · factor(x), minimum, maximum) on the claimant's wage w,
 * and the scheme pays what its own award is worth beyond it. Per cell, over the cell's lognormal
 * wages, the share of the award's amount left is E[max(0, X − L)] / E[X] and the share of awards
 * still paid is P(X > L), with X = a · clamp(w, floor, ceiling) the capital value of the
 * scheme's award (a, its capital value per unit of insured wage). Both shares are taken over
 * equiprobable nodes of the wage distribution; with no dispersion the one node is exact.
 */
import { probit } from 'simple-statistics';
import type { FamilyTargets } from './family.js';
import { AGES, CELLS, SEXES, cell } from './layout.js';

const NODES = 64;
/** Standard normal quantiles at the midpoints of NODES equal-probability bands. */
const Z = Float64Array.from({ length: NODES }, (_, k) => probit((k + 0.5) / NODES));

/** Relative wages e^{σz} at the nodes, scaled to mean exactly 1 (the cell's mean is kept). */
export function wageNodes(sigma: number, out: Float64Array): Float64Array {
  let sum = 0;
  for (let k = 0; k < NODES; k++) sum += (out[k] = Math.exp(sigma * Z[k]));
  for (let k = 0; k < NODES; k++) out[k] *= NODES / sum;
  return out;
}
export const OFFSET_NODES = NODES;

/**
 * Writes [share of the amount left, share of the awards left] into `out`: `nodes` from wageNodes,
 * `meanWage` the claimants' mean wage in the cell.
 */
export function offsetShares(nodes: Float64Array, meanWage: number, capitalPerWage: number, floor: number, ceiling: number, factor: number, minimum: number, maximum: number, out: Float64Array): void {
  let own = 0;
  let left = 0;
  let paid = 0;
  for (let k = 0; k < NODES; k++) {
    const w = meanWage * nodes[k];
    // Clamped as clampedWages does: a floor above the ceiling wins.
    const x = capitalPerWage * Math.max(floor, Math.min(ceiling, w));
    const other = Math.min(maximum, Math.max(minimum, w * factor));
    own += x;
    if (x > other) {
      left += x - other;
      paid++;
    }
  }
  out[0] = own > 0 ? left / own : 0;
  out[1] = paid / NODES;
}

/**
 * Capital value at the deceased's cell of the dependants' pensions per unit of the full annual
 * pension (the spouse's for life, the children's to the age limit), from the family targets and
 * the year's annuity factors of each: what a death's family awards are worth (family.ts).
 */
export function familyCapital(t: FamilyTargets, spouseAnnuity: Float64Array, childAnnuity: Float64Array, out: Float64Array): void {
  // Awards are made mid-year: valued, as pensions.ts values them, at the mean of the factors at
  // the age and the age above.
  const mid = (annuity: Float64Array, c: number) => (c % AGES < AGES - 1 ? (annuity[c] + annuity[c + 1]) / 2 : annuity[c]);
  for (let c = 0; c < CELLS; c++) {
    const sp = t.spouseCell[c];
    const su = t.spouseUpper[c];
    const spouse = (1 - su) * mid(spouseAnnuity, sp) + (su > 0 ? su * mid(spouseAnnuity, sp + 1) : 0);
    let children = 0;
    if (t.childCount[c] > 0) {
      const age = t.childAge[c];
      const u = t.childUpper[c];
      for (let s = 0; s < SEXES; s++) children += (1 - u) * mid(childAnnuity, cell(s, age)) + (u > 0 && age + 1 < AGES ? u * mid(childAnnuity, cell(s, age + 1)) : 0);
    }
    // With neither spouse nor child: the parents' life pension and the siblings' to the age limit.
    let parents = 0;
    if (t.parentCount[c] > 0) {
      const pc = t.parentCell[c];
      const pu = t.parentUpper[c];
      parents = (1 - pu) * mid(spouseAnnuity, pc) + (pu > 0 ? pu * mid(spouseAnnuity, pc + 1) : 0);
    }
    let siblings = 0;
    if (t.siblingCount[c] > 0) {
      const age = t.siblingAge[c];
      const u = t.siblingUpper[c];
      for (let s = 0; s < SEXES; s++) siblings += (1 - u) * mid(childAnnuity, cell(s, age)) + (u > 0 && age + 1 < AGES ? u * mid(childAnnuity, cell(s, age + 1)) : 0);
    }
    out[c] = t.spouseAmount[c] * spouse + t.childAmount[c] * children + t.parentAmount[c] * parents + t.siblingAmount[c] * siblings;
  }
}

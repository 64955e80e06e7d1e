/**
 * The funeral benefit's mean payment per death. The law pays the actual cost of the funeral up
 * to a maximum (Act 4, the Funeral Management Benefit), so with a lognormal cost C of mean m and
 * log-σ σ a death is paid E[min(C, M)] (lognormal.ts expectedMin): less than the maximum while
 * funerals cost less than it, and less than the mean cost once the maximum binds.
 */
import { expectedMin } from '../engine/lognormal.js';

/** E[min(C, M)] per group, by year; the maximum itself without a cost. */
export function funeralPayments(maximum: readonly Float64Array[], meanCost: readonly Float64Array[] | null, costSigma: number): Float64Array[] {
  return maximum.map((byYear, g) => (meanCost === null ? byYear.slice() : byYear.map((ceiling, i) => expectedMin(meanCost[g][i], costSigma, ceiling))));
}

/**
 * The projection kernel (methodology §1–§6): a pure function of the Assumptions, on typed
 * arrays allocated once per run. No I/O, no dates, no strings in the loops.
 *
 * Order of events inside projection year t (each quantity says where it is measured):
 *   1. start of year: pensions in payment N_b(x,s), A_b(x,s) (annual amounts, already indexed);
 *   2. during the year (mid-year): the registered population R = P·c·d contributes and meets
 *      contingencies; short-term benefits and lump sums are paid; new pensions are awarded
 *      (insured.ts; the survivors' and dependants' pensions left by insured persons who die are
 *      awarded with those of step 3);
 *   3. deaths: pensioners die at q_b = q·(type multiplier)·(group mortality risk); a death
 *      releases a funeral benefit (insured pensioners) and, for invalidity pensioners, a
 *      survivors' pension awarded in the same year (pensions.ts, family.ts);
 *   4. payments: the stock for the full year less half a year for those who die, plus half a
 *      year of the year's new awards;
 *   5. end of year: survivors age one year (children's pensions stop at the age limit), amounts
 *      are indexed for the next year; expenses, investment income and the fund close the year
 *      (fund.ts).
 */
import type { Assumptions, SchemeAssumptions } from '../assumptions/types.js';
import { OUTGO_COLUMNS, PENSION } from '../model.js';
import { netDiscountFactor } from './annuity.js';
import { closeFundYear, createFundState } from './fund.js';
import { insuredGroupYear, prepareYear } from './insured.js';
import { AGES, CELLS } from './layout.js';
import { rollPensions } from './pensions.js';
import { familyCapital } from './offset.js';
import { annuityFactors, createAnnuityCache, resetAnnuities } from './valuation.js';
import { cohortFactors, cohortTable } from './cohort-annuity.js';
import type { AnnuityCache } from './valuation.js';
import { projectPopulation } from './population.js';
import { allocateScheme } from './result.js';
import type { Projection } from './result.js';
import { allocateWorkspace, logProfiles } from './workspace.js';
import type { Workspace } from './workspace.js';

/**
 * Year-by-year multipliers of the contingencies (1 = as assumed): of those that come from
 * incidence tables (injuries, invalidity), of insured persons' deaths, and of the mortality of
 * pensioners in payment. The stochastic model uses them to measure how each year's events carry
 * through the projection. Capital values stay on the valuation basis (unshocked mortality).
 */
export interface Shocks {
  incidence?: Float64Array;
  deaths?: Float64Array;
  pensionerMortality?: Float64Array;
}

/** What a projection keeps beyond the summary and the detail. */
export interface ProjectOptions {
  /**
   * Registered and contributing persons and pensioners by age band (result.ts), for
   * population.csv and the pyramids. Off by default: the many projections of the sensitivity
   * and stochastic runs do not pay for it.
   */
  bands?: boolean;
}

export function project(a: Assumptions, shocks: Shocks = {}, options: ProjectOptions = {}): Projection {
  const G = a.groups.length;
  const Y = a.years;
  const population = projectPopulation(a);
  const results = a.schemes.map((s) => allocateScheme(s.id, s.kind, s.label, Y, G, options.bands === true, s.commutingIncidence !== null, s.kind === 'invalidity' && s.qualifying.reducedShareSinceEntry !== null, [s.benefits.dependants, s.benefits.survivors].some((f) => f !== undefined && (f.parents !== null || f.siblings !== null))));
  const logProfile = logProfiles(a);
  const workspaces = a.schemes.map((s) => allocateWorkspace(s, G, Y, logProfile));
  const funds = createFundState(a);
  const annuities = createAnnuityCache();

  for (let i = 0; i < Y; i++) {
    const q = a.mortality.subarray(i * CELLS, (i + 1) * CELLS);
    resetAnnuities(annuities);
    for (let k = 0; k < a.schemes.length; k++) {
      const scheme = a.schemes[k];
      const ws = workspaces[k];
      const out = results[k];
      ws.outgo.fill(0);
      prepareYear(a, scheme, i, ws.year, shocks.incidence ? shocks.incidence[i] : 1, shocks.deaths ? shocks.deaths[i] : 1, shocks.pensionerMortality ? shocks.pensionerMortality[i] : 1);
      prepareCommutation(a, scheme, ws, q, i, annuities);
      prepareDeathCapital(a, scheme, ws, q, i, annuities);
      for (let g = 0; g < G; g++) {
        const cover = scheme.cover[g];
        if (!cover) continue;
        const pop = population.subarray((i * G + g) * CELLS, (i * G + g + 1) * CELLS);
        insuredGroupYear(a, scheme, a.groups[g], g, cover, pop, q, i, ws, out);
      }
      rollPensions(a, scheme, q, i, ws, out, annuities);
      for (let c = 0; c < OUTGO_COLUMNS.length; c++) out.outgo[OUTGO_COLUMNS[c]][i] = Math.round(ws.outgo[c] * 100) / 100;
    }
    closeFundYear(a, results, funds, i);
  }
  return { startYear: a.startYear, years: Y, groupIds: a.groups.map((g) => g.id), pensionsAbroad: a.groups.map((g) => g.pensionsAbroad), schemes: results };
}

/**
 * Commutation factors of the year for permanent-disablement lump sums: the scheme's table, or
 * ä(12)_x at the year's discount rate and pension indexation on disablement pensioners'
 * mortality (methodology §4–§5).
 */
function prepareCommutation(a: Assumptions, scheme: SchemeAssumptions, ws: Workspace, q: Float64Array, i: number, annuities: AnnuityCache): void {
  const permanent = scheme.benefits.permanent;
  if (!permanent) return;
  if (permanent.commutation) {
    ws.commutation.set(permanent.commutation);
    return;
  }
  const multiplier = a.pensionMortality[PENSION.permanent_disablement];
  if (a.capitalValueMortality === 'cohort') {
    ws.commutation.set(cohortFactors(cohortTable(a, a.schemes.indexOf(scheme), multiplier, AGES), i));
    return;
  }
  const v = netDiscountFactor(a.economy.discountRate[i], scheme.pensionIndexation[i]);
  // A copy: the cache may reuse its entries within the year.
  ws.commutation.set(annuityFactors(annuities, q, multiplier, AGES, v));
}

/**
 * For the groups whose workplace deaths are topped up over another law's lump sum (offset.ts):
 * the capital value of a death's dependants' pensions per unit of full annual pension, on the
 * year's annuity factors of the spouses' and the children's pensions (methodology §4–§5).
 */
function prepareDeathCapital(a: Assumptions, scheme: SchemeAssumptions, ws: Workspace, q: Float64Array, i: number, annuities: AnnuityCache): void {
  const d = scheme.benefits.dependants;
  if (ws.deathCapital.length === 0 || !d || !ws.dependants) return;
  const v = netDiscountFactor(a.economy.discountRate[i], scheme.pensionIndexation[i]);
  a.groups.forEach((group, g) => {
    if (!scheme.cover[g]?.offset) return;
    const spouseMultiplier = a.pensionMortality[PENSION.dependants_spouse] * group.mortalityRisk;
    const childMultiplier = a.pensionMortality[PENSION.dependants_children] * group.mortalityRisk;
    const k = a.schemes.indexOf(scheme);
    // Copies: the cache may reuse its entries within the year.
    const spouse = a.capitalValueMortality === 'cohort' ? cohortFactors(cohortTable(a, k, spouseMultiplier, AGES), i) : Float64Array.from(annuityFactors(annuities, q, spouseMultiplier, AGES, v));
    const children = a.capitalValueMortality === 'cohort' ? cohortFactors(cohortTable(a, k, childMultiplier, d.childAgeLimit), i) : Float64Array.from(annuityFactors(annuities, q, childMultiplier, d.childAgeLimit, v));
    familyCapital(ws.dependants!.targets, spouse, children, ws.deathCapital.subarray(g * CELLS, (g + 1) * CELLS));
  });
}

/**
 * The projection kernel (methodology §1–§6): a pure function of the Assumptions, on typed
 * arrays allocated once per run. No I/O, no dates, no strings in the loops.
 *
 * Order of events inside projection year t (each quantity below says where it is measured):
 *   1. start of year: pensions in payment N_b(x,s), A_b(x,s) (annual amounts, already indexed);
 *   2. during the year (mid-year): the registered population R = P·c·d contributes and meets
 *      contingencies; short-term benefits and lump sums are paid; new pensions are awarded;
 *   3. deaths: pensioners die at q_b = q·(type multiplier)·(group mortality risk); a death
 *      releases a funeral benefit (insured pensioners) and, for invalidity pensioners, a
 *      survivors' pension awarded in the same year;
 *   4. payments: the stock for the full year less half a year for those who die, plus half a
 *      year of the year's new awards;
 *   5. end of year: survivors age one year (children's pensions stop at the age limit), amounts
 *      are indexed for the next year; expenses, investment income and the fund close the year.
 */
import type { Assumptions, CoverAssumptions, GroupAssumptions, SchemeAssumptions, SurvivorAssumptions } from '../assumptions/types.js';
import { DETAIL_BENEFIT, INJURY, MEASURE, OUTGO, OUTGO_COLUMNS, OUTGO_OF_PENSION, PENSION, PENSION_TYPES, PENSION_TYPES_BY_KIND } from '../model.js';
import { monthlyAnnuityDue, netDiscountFactor } from './annuity.js';
import { closeFundYear, createFundState } from './fund.js';
import { AGES, CELLS, MAX_AGE, SEXES, cell, otherSex } from './layout.js';
import { cappedMean, floorTopUp, logMean } from './lognormal.js';
import { projectPopulation } from './population.js';
import { invalidityRate, qualifyingShares, yearsInsured } from './qualifying.js';
import { allocateScheme, detailIndex } from './result.js';
import type { Projection, SchemeProjection } from './result.js';

const TYPES = PENSION_TYPES.length;
const MONTHS = 12;
const DAYS_PER_MONTH = 30;

/** Per-scheme working arrays, reused every year. */
interface Workspace {
  stockCount: Float64Array;
  stockAmount: Float64Array;
  nextCount: Float64Array;
  nextAmount: Float64Array;
  newCount: Float64Array;
  newAmount: Float64Array;
  /** Unrounded outgo of the year by OUTGO column. */
  outgo: Float64Array;
  /** Qualifying shares by months in the window, per group, for the density in `qualifyingDensity`. */
  qualifying: Float64Array;
  qualifyingDensity: Float64Array;
  commutation: Float64Array;
  annuityScratch: Float64Array;
  pensionQ: Float64Array;
}

export function project(a: Assumptions): Projection {
  const G = a.groups.length;
  const Y = a.years;
  const population = projectPopulation(a);
  const results = a.schemes.map((s) => allocateScheme(s.id, s.kind, s.label, Y, G));
  const workspaces = a.schemes.map((s) => allocateWorkspace(s, G));
  a.schemes.forEach((s, k) => {
    workspaces[k].stockCount.set(s.baseCount);
    workspaces[k].stockAmount.set(s.baseAnnualAmount);
  });
  const funds = createFundState(a);

  for (let i = 0; i < Y; i++) {
    const q = a.mortality.subarray(i * CELLS, (i + 1) * CELLS);
    const pop = population.subarray(i * G * CELLS, (i + 1) * G * CELLS);
    for (let k = 0; k < a.schemes.length; k++) {
      const scheme = a.schemes[k];
      const ws = workspaces[k];
      const out = results[k];
      ws.outgo.fill(0);
      prepareCommutation(a, scheme, ws, q, i);
      for (let g = 0; g < G; g++) {
        const cover = scheme.cover[g];
        if (cover) projectInsured(a, scheme, a.groups[g], g, cover, pop.subarray(g * CELLS, (g + 1) * CELLS), q, i, ws, out);
      }
      rollPensions(a, scheme, q, i, ws, out);
      for (let c = 0; c < OUTGO_COLUMNS.length; c++) out.outgo[OUTGO_COLUMNS[c]][i] = Math.round(ws.outgo[c] * 100) / 100;
    }
    closeFundYear(a, results, funds, i);
  }
  return { startYear: a.startYear, years: Y, groupIds: a.groups.map((g) => g.id), schemes: results };
}

function allocateWorkspace(scheme: SchemeAssumptions, groups: number): Workspace {
  const size = TYPES * groups * CELLS;
  return {
    stockCount: new Float64Array(size),
    stockAmount: new Float64Array(size),
    nextCount: new Float64Array(size),
    nextAmount: new Float64Array(size),
    newCount: new Float64Array(size),
    newAmount: new Float64Array(size),
    outgo: new Float64Array(OUTGO_COLUMNS.length),
    qualifying: new Float64Array(groups * (scheme.qualifying.windowMonths + 1)),
    qualifyingDensity: new Float64Array(groups).fill(NaN),
    commutation: new Float64Array(CELLS),
    annuityScratch: new Float64Array(AGES),
    pensionQ: new Float64Array(CELLS),
  };
}

function stockIndex(type: number, group: number, groups: number, c: number): number {
  return (type * groups + group) * CELLS + c;
}

/**
 * Commutation factors of the year for permanent-disablement lump sums: the scheme's table, or
 * ä(12)_x at the year's discount rate and pension indexation on disablement pensioners'
 * mortality (methodology §4–§5).
 */
function prepareCommutation(a: Assumptions, scheme: SchemeAssumptions, ws: Workspace, q: Float64Array, i: number): void {
  const permanent = scheme.benefits.permanent;
  if (!permanent) return;
  if (permanent.commutation) {
    ws.commutation.set(permanent.commutation);
    return;
  }
  const v = netDiscountFactor(a.economy.discountRate[i], scheme.pensionIndexation[i]);
  const multiplier = a.pensionMortality[PENSION.permanent_disablement];
  for (let c = 0; c < CELLS; c++) ws.pensionQ[c] = Math.min(1, q[c] * multiplier);
  for (let s = 0; s < SEXES; s++) {
    monthlyAnnuityDue(ws.pensionQ, v, ws.annuityScratch, Infinity, s * AGES);
    ws.commutation.set(ws.annuityScratch, s * AGES);
  }
}

/** Contributions and contingencies of one covered group in year i (methodology §1–§4). */
function projectInsured(
  a: Assumptions,
  scheme: SchemeAssumptions,
  group: GroupAssumptions,
  g: number,
  cover: CoverAssumptions,
  pop: Float64Array,
  q: Float64Array,
  i: number,
  ws: Workspace,
  out: SchemeProjection,
): void {
  const G = a.groups.length;
  const Y = a.years;
  const year = a.startYear + i;
  const coverage = cover.coverage[i];
  const compliance = cover.compliance[i];
  const ceiling = scheme.ceilingMonthly[i];
  const insured = cover.insuredMonthlyWage;
  const sigma = insured ? 0 : group.wageSigma;
  const meanWage = group.meanMonthlyWage[i];
  const employerRate = cover.employerRate[i];
  const employeeRate = cover.employeeRate[i];
  const flat = cover.flatMonthly ? cover.flatMonthly[i] : 0;
  const b = scheme.benefits;
  const isInjury = scheme.kind !== 'invalidity';
  const risk = scheme.kind === 'employment_injury' ? group.employmentInjuryRisk : group.nonEmploymentInjuryRisk;
  const trend = scheme.incidenceTrend;
  const funeralAmount = b.funeral ? b.funeral.amountByGroup[g] * b.funeral.index[i] : 0;
  const medicalCost = b.medical ? b.medical.costPerCase * a.economy.medicalIndex[i] : 0;
  const windowSize = scheme.qualifying.windowMonths + 1;
  const qualifyingTable = ws.qualifying.subarray(g * windowSize, (g + 1) * windowSize);
  if (!isInjury && ws.qualifyingDensity[g] !== cover.density[i]) {
    // The shares depend on the density only: recomputed when it changes.
    qualifyingShares(cover.density[i], scheme.qualifying.minMonths, scheme.qualifying.windowMonths, qualifyingTable);
    ws.qualifyingDensity[g] = cover.density[i];
  }
  const logCeiling = Math.log(ceiling);
  const temporaryFloor = b.temporary ? wageFloor(b.temporary.replacement[i], b.temporary.dailyMinimum[i]) : 0;
  const permanentFloor = b.permanent ? wageFloor(b.permanent.replacement[i], b.permanent.dailyMinimum[i]) : 0;
  const dependantsFloor = b.dependants ? wageFloor(b.dependants.replacement[i], b.dependants.dailyMinimum[i]) : 0;
  const logTemporaryFloor = Math.log(temporaryFloor);
  const logPermanentFloor = Math.log(permanentFloor);
  const logDependantsFloor = Math.log(dependantsFloor);

  const ageMax = Math.min(scheme.ageMax, MAX_AGE);
  for (let s = 0; s < SEXES; s++) {
    let registered = 0;
    let contributing = 0;
    let wageBill = 0;
    let contributions = 0;
    let temporaryCases = 0;
    let temporaryOutgo = 0;
    let medicalCases = 0;
    let lumpCases = 0;
    let lumpOutgo = 0;
    let deaths = 0;
    for (let x = scheme.ageMin; x <= ageMax; x++) {
      const c = cell(s, x);
      const persons = pop[c] * coverage;
      if (persons <= 0) continue;
      const wage = insured ? insured[i] : meanWage * group.wageProfile[c];
      // The cell's wage distribution, computed once: μ and E[min(W, C)] (methodology §2).
      const mu = wage > 0 && sigma > 0 ? logMean(wage, sigma) : 0;
      const insurableWage = wage <= 0 || ceiling <= 0 ? 0 : sigma === 0 ? Math.min(wage, ceiling) : cappedMean(wage, sigma, mu, ceiling, logCeiling);
      const payers = persons * compliance;
      const base = MONTHS * payers * insurableWage;
      registered += persons;
      contributing += payers;
      wageBill += base;
      if (cover.flatMonthly) {
        const amount = MONTHS * payers * flat;
        contributions += amount;
        if (cover.flatPaidByEmployer) out.contributionsEmployer[i] += amount;
        else out.contributionsEmployee[i] += amount;
      } else {
        out.contributionsEmployer[i] += employerRate * base;
        out.contributionsEmployee[i] += employeeRate * base;
        contributions += (employerRate + employeeRate) * base;
      }

      if (isInjury) {
        const inc = scheme.incidence;
        if (b.temporary) {
          const cases = persons * inc[INJURY.temporary][c] * risk[INJURY.temporary] * trend[INJURY.temporary][i];
          const daily = (b.temporary.replacement[i] * clampedWage(wage, sigma, mu, insurableWage, ceiling, temporaryFloor, logTemporaryFloor)) / DAYS_PER_MONTH;
          temporaryCases += cases;
          temporaryOutgo += cases * b.temporary.meanDays[i] * daily;
        }
        if (b.medical) medicalCases += persons * inc[INJURY.medical][c] * risk[INJURY.medical] * trend[INJURY.medical][i];
        if (b.permanent) {
          const p = b.permanent;
          const awards = persons * inc[INJURY.permanent][c] * risk[INJURY.permanent] * trend[INJURY.permanent][i];
          const fullAnnual = MONTHS * p.replacement[i] * clampedWage(wage, sigma, mu, insurableWage, ceiling, permanentFloor, logPermanentFloor);
          const factor = ws.commutation[c];
          const lumpAwards = awards * p.lumpSumShare;
          const pensionAwards = awards - lumpAwards;
          const pensionAnnual = p.meanDegreePension * fullAnnual;
          const commuting = pensionAwards * p.commutedShare;
          lumpCases += lumpAwards + commuting;
          lumpOutgo += lumpAwards * p.meanDegreeLumpSum * fullAnnual * factor + commuting * p.commutedFraction * pensionAnnual * factor;
          const at = stockIndex(PENSION.permanent_disablement, g, G, c);
          ws.newCount[at] += pensionAwards;
          ws.newAmount[at] += pensionAwards * pensionAnnual * (1 - p.commutedShare * p.commutedFraction);
          if (b.constantAttendance) awardAttendance(b.constantAttendance, pensionAwards, g, G, c, i, ws);
        }
        const fatal = persons * inc[INJURY.fatal][c] * risk[INJURY.fatal] * trend[INJURY.fatal][i];
        deaths += fatal;
        if (b.dependants && fatal > 0) {
          const d = b.dependants;
          const fullAnnual = MONTHS * d.replacement[i] * clampedWage(wage, sigma, mu, insurableWage, ceiling, dependantsFloor, logDependantsFloor);
          awardSurvivors(d, PENSION.dependants_spouse, PENSION.dependants_children, fatal, fatal * fullAnnual, g, G, s, x, ws);
        }
      } else {
        const inv = b.invalidity;
        const served = yearsInsured(x, scheme.qualifying.entryAge, year, cover.fromYear);
        const window = Math.min(scheme.qualifying.windowMonths, Math.round(MONTHS * served));
        const qualifying = qualifyingTable[window];
        const rate = inv ? invalidityRate(inv.baseRate, inv.incrementPerYear, inv.maxRate, MONTHS * served * cover.density[i], scheme.qualifying.minMonths) : 0;
        const floor = rate > 0 ? inv!.minimumMonthly[i] / rate : 0;
        const pensionAnnual = rate > 0 ? MONTHS * rate * clampedWage(wage, sigma, mu, insurableWage, ceiling, floor, Math.log(floor)) : 0;
        if (inv) {
          const awards = persons * scheme.incidence[0][c] * group.invalidityRisk * trend[0][i] * qualifying;
          const at = stockIndex(PENSION.invalidity_pension, g, G, c);
          ws.newCount[at] += awards;
          ws.newAmount[at] += awards * pensionAnnual;
          if (b.constantAttendance) awardAttendance(b.constantAttendance, awards, g, G, c, i, ws);
        }
        // Deaths of insured persons from any cause (employment-injury deaths are not taken out:
        // they are of a lower order and the invalidity scheme pays survivors either way).
        const died = persons * Math.min(1, q[c] * group.mortalityRisk);
        deaths += died;
        if (b.survivors && died > 0) {
          const qualified = died * qualifying;
          awardSurvivors(b.survivors, PENSION.survivors_spouse, PENSION.survivors_children, qualified, qualified * pensionAnnual, g, G, s, x, ws);
        }
      }
    }
    // Year totals of this group and sex.
    out.registered[i] += registered;
    out.contributing[i] += contributing;
    out.wageBill[i] += wageBill;
    const insuredRow = DETAIL_BENEFIT.insured;
    addDetail(out, insuredRow, MEASURE.registered, g, s, G, Y, i, registered);
    addDetail(out, insuredRow, MEASURE.contributing, g, s, G, Y, i, contributing);
    addDetail(out, insuredRow, MEASURE.wage_bill, g, s, G, Y, i, wageBill);
    addDetail(out, insuredRow, MEASURE.contributions, g, s, G, Y, i, contributions);
    if (b.temporary) {
      ws.outgo[OUTGO.temporary_disablement] += temporaryOutgo;
      addDetail(out, DETAIL_BENEFIT.temporary_disablement, MEASURE.cases, g, s, G, Y, i, temporaryCases);
      addDetail(out, DETAIL_BENEFIT.temporary_disablement, MEASURE.outgo, g, s, G, Y, i, temporaryOutgo);
    }
    if (b.medical) {
      ws.outgo[OUTGO.medical] += medicalCases * medicalCost;
      addDetail(out, DETAIL_BENEFIT.medical, MEASURE.cases, g, s, G, Y, i, medicalCases);
      addDetail(out, DETAIL_BENEFIT.medical, MEASURE.outgo, g, s, G, Y, i, medicalCases * medicalCost);
    }
    if (b.permanent) {
      ws.outgo[OUTGO.permanent_disablement_lump_sum] += lumpOutgo;
      addDetail(out, DETAIL_BENEFIT.permanent_disablement_lump_sum, MEASURE.cases, g, s, G, Y, i, lumpCases);
      addDetail(out, DETAIL_BENEFIT.permanent_disablement_lump_sum, MEASURE.outgo, g, s, G, Y, i, lumpOutgo);
    }
    if (b.funeral) {
      ws.outgo[OUTGO.funeral] += deaths * funeralAmount;
      addDetail(out, DETAIL_BENEFIT.funeral, MEASURE.cases, g, s, G, Y, i, deaths);
      addDetail(out, DETAIL_BENEFIT.funeral, MEASURE.outgo, g, s, G, Y, i, deaths * funeralAmount);
    }
  }
}

/**
 * The wage floor implied by a minimum daily benefit `lo` at replacement rate r: a benefit
 * r·E[clamp(W, 30·lo/r, C)] pays at least lo a day (methodology §4).
 */
function wageFloor(replacement: number, dailyMinimum: number): number {
  return replacement > 0 ? (dailyMinimum * DAYS_PER_MONTH) / replacement : 0;
}

/**
 * E[clamp(W, L, C)] for the cell, from its precomputed μ and E[min(W, C)]: E[min(W,C)] plus
 * the expected top-up to the floor (lognormal.ts). A floor above the ceiling pays the floor.
 */
function clampedWage(wage: number, sigma: number, mu: number, insurableWage: number, ceiling: number, floor: number, logFloor: number): number {
  if (floor >= ceiling) return floor;
  if (floor <= 0) return insurableWage;
  if (wage <= 0) return floor;
  if (sigma === 0) return insurableWage + Math.max(0, floor - wage);
  return insurableWage + floorTopUp(wage, sigma, mu, floor, logFloor);
}

function awardAttendance(caa: { monthly: Float64Array; shareOfNewPensions: number }, pensions: number, g: number, G: number, c: number, i: number, ws: Workspace): void {
  const awards = pensions * caa.shareOfNewPensions;
  const at = stockIndex(PENSION.constant_attendance, g, G, c);
  ws.newCount[at] += awards;
  ws.newAmount[at] += awards * MONTHS * caa.monthly[i];
}

/**
 * Survivors' awards on `deaths` deaths at age x of sex s, whose full pensions total
 * `fullAnnualTotal` a year: the spouse (opposite sex, at the age gap) for life and the children
 * (one award per family, at the youngest child's age) to the age limit. With a spouse and
 * children the spouse takes `spouseShare` and the children the rest; a sole survivor takes
 * `soleSurvivorShare`. Spouse and children are taken as independent.
 */
function awardSurvivors(
  sv: SurvivorAssumptions,
  spouseType: number,
  childType: number,
  deaths: number,
  fullAnnualTotal: number,
  g: number,
  G: number,
  s: number,
  x: number,
  ws: Workspace,
): void {
  const c = cell(s, x);
  const pSpouse = sv.family.pSpouse[c];
  const pChildren = sv.family.pChildren[c];
  if (pSpouse > 0) {
    const share = pChildren * sv.spouseShare + (1 - pChildren) * sv.soleSurvivorShare;
    addAtAge(spouseType, g, G, otherSex(s), x + sv.family.spouseAgeDifference[c], deaths * pSpouse, fullAnnualTotal * pSpouse * share, ws);
  }
  const childAge = sv.family.youngestChildAge[c];
  if (pChildren > 0 && childAge < sv.childAgeLimit) {
    const share = pSpouse * (1 - sv.spouseShare) + (1 - pSpouse) * sv.soleSurvivorShare;
    // A family's children are one award; their sex is immaterial, so it is split evenly.
    for (let cs = 0; cs < SEXES; cs++) {
      addAtAge(childType, g, G, cs, childAge, (deaths * pChildren) / SEXES, (fullAnnualTotal * pChildren * share) / SEXES, ws);
    }
  }
}

/** New awards at a fractional age, split linearly between the two integer ages around it. */
function addAtAge(type: number, g: number, G: number, s: number, age: number, count: number, annualAmount: number, ws: Workspace): void {
  const a = Math.min(MAX_AGE, Math.max(0, age));
  const lower = Math.floor(a);
  const upperWeight = a - lower;
  const at = stockIndex(type, g, G, cell(s, lower));
  ws.newCount[at] += count * (1 - upperWeight);
  ws.newAmount[at] += annualAmount * (1 - upperWeight);
  if (upperWeight > 0) {
    ws.newCount[at + 1] += count * upperWeight;
    ws.newAmount[at + 1] += annualAmount * upperWeight;
  }
}

function addDetail(out: SchemeProjection, benefit: number, measure: number, g: number, s: number, G: number, Y: number, i: number, value: number): void {
  out.detail[detailIndex(benefit, measure, g, s, G, Y) + i] += value;
}

/** Steps 3–5 of the year for every pension type the scheme keeps (module comment). */
function rollPensions(a: Assumptions, scheme: SchemeAssumptions, q: Float64Array, i: number, ws: Workspace, out: SchemeProjection): void {
  const G = a.groups.length;
  const Y = a.years;
  const b = scheme.benefits;
  const nextIndexation = i + 1 < Y ? 1 + scheme.pensionIndexation[i + 1] : 1;
  // Local names for the arrays: the loop below is the hottest of the engine.
  const stockCount = ws.stockCount;
  const stockAmount = ws.stockAmount;
  const newCount = ws.newCount;
  const newAmountAll = ws.newAmount;
  const nextCount = ws.nextCount;
  const nextAmount = ws.nextAmount;
  // Every entry of the next stock is assigned below (each age has exactly one source, the age
  // before it) and every new award is reset once consumed, so nothing needs clearing.
  for (const typeName of PENSION_TYPES_BY_KIND[scheme.kind]) {
    const type = PENSION[typeName];
    const outgoColumn = OUTGO[OUTGO_OF_PENSION[typeName]];
    const isChild = typeName === 'dependants_children' || typeName === 'survivors_children';
    const ageLimit = isChild ? (typeName === 'dependants_children' ? b.dependants?.childAgeLimit : b.survivors?.childAgeLimit) ?? AGES : AGES;
    const paysFuneral = b.funeral !== undefined && (typeName === 'permanent_disablement' || typeName === 'invalidity_pension');
    const givesSurvivors = typeName === 'invalidity_pension' && b.survivors !== undefined;
    const row = DETAIL_BENEFIT[typeName];
    for (let g = 0; g < G; g++) {
      // Pensions arise only in groups the scheme covers (the base stock too).
      if (!scheme.cover[g]) continue;
      const mortality = a.pensionMortality[type] * a.groups[g].mortalityRisk;
      const funeralAmount = paysFuneral ? b.funeral!.amountByGroup[g] * b.funeral!.index[i] : 0;
      for (let s = 0; s < SEXES; s++) {
        let paid = 0;
        let awarded = 0;
        let awardedAmount = 0;
        let remaining = 0;
        let remainingAmount = 0;
        let funerals = 0;
        const first = stockIndex(type, g, G, cell(s, 0));
        nextCount[first] = 0;
        nextAmount[first] = 0;
        for (let x = 0; x < AGES; x++) {
          const c = cell(s, x);
          const at = first + x;
          const n = stockCount[at];
          const amount = stockAmount[at];
          const newN = newCount[at];
          const newAmount = newAmountAll[at];
          if (n === 0 && newN === 0) {
            if (x + 1 < AGES) {
              nextCount[at + 1] = 0;
              nextAmount[at + 1] = 0;
            }
            continue;
          }
          newCount[at] = 0;
          newAmountAll[at] = 0;
          const qx = x === MAX_AGE ? 1 : Math.min(1, q[c] * mortality);
          paid += amount * (1 - qx / 2) + newAmount / 2;
          awarded += newN;
          awardedAmount += newAmount;
          const diedN = n * qx + newN * (qx / 2);
          const diedAmount = amount * qx + newAmount * (qx / 2);
          funerals += diedN;
          if (givesSurvivors && diedN > 0) {
            awardSurvivors(b.survivors!, PENSION.survivors_spouse, PENSION.survivors_children, diedN, diedAmount, g, G, s, x, ws);
          }
          if (x + 1 < AGES) {
            if (x + 1 < ageLimit) {
              const keptN = n + newN - diedN;
              const keptAmount = amount + newAmount - diedAmount;
              nextCount[at + 1] = keptN;
              nextAmount[at + 1] = keptAmount * nextIndexation;
              remaining += keptN;
              remainingAmount += keptAmount;
            } else {
              nextCount[at + 1] = 0;
              nextAmount[at + 1] = 0;
            }
          }
        }
        ws.outgo[outgoColumn] += paid;
        addDetail(out, row, MEASURE.new_awards, g, s, G, Y, i, awarded);
        addDetail(out, row, MEASURE.new_awards_annual_amount, g, s, G, Y, i, awardedAmount);
        addDetail(out, row, MEASURE.beneficiaries_end, g, s, G, Y, i, remaining);
        addDetail(out, row, MEASURE.annual_amount_end, g, s, G, Y, i, remainingAmount);
        addDetail(out, row, MEASURE.outgo, g, s, G, Y, i, paid);
        if (paysFuneral && funerals > 0) {
          ws.outgo[OUTGO.funeral] += funerals * funeralAmount;
          addDetail(out, DETAIL_BENEFIT.funeral, MEASURE.cases, g, s, G, Y, i, funerals);
          addDetail(out, DETAIL_BENEFIT.funeral, MEASURE.outgo, g, s, G, Y, i, funerals * funeralAmount);
        }
      }
    }
  }
  // The next year's stock becomes the current one.
  ws.stockCount = nextCount;
  ws.stockAmount = nextAmount;
  ws.nextCount = stockCount;
  ws.nextAmount = stockAmount;
}

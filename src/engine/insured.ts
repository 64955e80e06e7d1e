/**
 * The insured population of one group under one scheme in one year (methodology §1–§4):
 * registered and contributing persons, the wage bill and contributions, and the contingencies
 * with their short-term benefits and new pension awards. Cell by cell, on typed arrays.
 */
import type { Assumptions, CoverAssumptions, GroupAssumptions, SchemeAssumptions } from '../assumptions/types.js';
import { DETAIL_BENEFIT, INJURY, MEASURE, OUTGO, PENSION } from '../model.js';
import { CELLS, MAX_AGE, SEXES, cell } from './layout.js';
import { awardSurvivors } from './pensions.js';
import { invalidityRate, qualifyingShares, yearsInsured } from './qualifying.js';
import { addDetail } from './result.js';
import type { SchemeProjection } from './result.js';
import { topUpRatio, wageTable } from './wageTable.js';
import type { WageTable } from './wageTable.js';
import { Year, stockIndex } from './workspace.js';
import type { Workspace } from './workspace.js';

const MONTHS = 12;
const DAYS_PER_MONTH = 30;

/**
 * E[clamp(W, L, C)] for claimants whose wages are lognormal with mean `wage` (log `logWage`):
 * E[min(W, C)] = C − m·h(ln C − ln m), plus the top-up to the floor m·h(ln L − ln m)
 * (wageTable.ts; `table` null for no dispersion). A floor above the ceiling pays the floor.
 */
export function clampedWage(table: WageTable | null, wage: number, logWage: number, ceiling: number, logCeiling: number, floor: number, logFloor: number): number {
  if (floor >= ceiling) return floor;
  if (wage <= 0 || ceiling <= 0) return Math.max(0, floor);
  if (table === null) return Math.min(Math.max(wage, floor), ceiling);
  const capped = ceiling - wage * topUpRatio(table, logCeiling - logWage);
  return floor > 0 ? capped + wage * topUpRatio(table, logFloor - logWage) : capped;
}

/**
 * The wage floor implied by a minimum daily benefit `lo` at replacement rate r: a benefit
 * r·E[clamp(W, 30·lo/r, C)] pays at least lo a day (methodology §4).
 */
function wageFloor(replacement: number, dailyMinimum: number): number {
  return replacement > 0 ? (dailyMinimum * DAYS_PER_MONTH) / replacement : 0;
}

/** Accumulators of one group and sex over the ages, written to the detail afterwards. */
const Total = {
  Registered: 0,
  Contributing: 1,
  WageBill: 2,
  Contributions: 3,
  TemporaryCases: 4,
  TemporaryOutgo: 5,
  MedicalCases: 6,
  LumpCases: 7,
  LumpOutgo: 8,
  Deaths: 9,
} as const;
const totals = new Float64Array(10);

/** Computes the scheme's values of year i used in every cell (workspace.ts, Year). */
export function prepareYear(a: Assumptions, scheme: SchemeAssumptions, i: number, year: Float64Array): void {
  const b = scheme.benefits;
  const floor = (at: number, replacement: { replacement: Float64Array; dailyMinimum: Float64Array; wageRelativity: number } | undefined) => {
    const value = replacement ? wageFloor(replacement.replacement[i], replacement.dailyMinimum[i]) : 0;
    year[at] = value;
    year[at + 1] = Math.log(value);
    year[at + 2] = Math.log(replacement?.wageRelativity ?? 1);
  };
  floor(Year.TemporaryFloor, b.temporary);
  floor(Year.PermanentFloor, b.permanent);
  floor(Year.DependantsFloor, b.dependants);
  year[Year.LogInvalidityRelativity] = Math.log(b.invalidity?.wageRelativity ?? 1);
  year[Year.LogSurvivorsRelativity] = Math.log(b.survivors?.wageRelativity ?? 1);
  year[Year.MedicalCost] = b.medical ? b.medical.costPerCase * a.economy.medicalIndex[i] : 0;
}

export function insuredGroupYear(
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
  const coverage = cover.coverage[i];
  const compliance = cover.compliance[i];
  const ceiling = scheme.ceilingMonthly[i];
  const logCeiling = Math.log(ceiling);
  const insured = cover.insuredMonthlyWage;
  const table = insured || group.wageSigma === 0 ? null : wageTable(group.wageSigma);
  const meanWage = insured ? insured[i] : group.meanMonthlyWage[i];
  const logMeanWage = Math.log(meanWage);
  const logProfile = ws.logProfile;
  const profileAt = g * CELLS;
  const contributionRate = cover.employerRate[i] + cover.employeeRate[i];
  const flatAnnual = cover.flatMonthly ? MONTHS * cover.flatMonthly[i] : 0;
  const injury = scheme.kind !== 'invalidity';
  const ageMax = Math.min(scheme.ageMax, MAX_AGE);
  let employer = 0;
  let employee = 0;

  for (let s = 0; s < SEXES; s++) {
    totals.fill(0);
    for (let x = scheme.ageMin; x <= ageMax; x++) {
      const c = cell(s, x);
      const persons = pop[c] * coverage;
      if (persons <= 0) continue;
      // The cell's mean wage and its log, without a logarithm per cell (methodology §2).
      const wage = insured ? meanWage : meanWage * group.wageProfile[c];
      const logWage = insured ? logMeanWage : logMeanWage + logProfile[profileAt + c];
      const insurableWage = clampedWage(table, wage, logWage, ceiling, logCeiling, 0, 0);
      const payers = persons * compliance;
      const base = MONTHS * payers * insurableWage;
      totals[Total.Registered] += persons;
      totals[Total.Contributing] += payers;
      totals[Total.WageBill] += base;
      if (cover.flatMonthly) {
        totals[Total.Contributions] += payers * flatAnnual;
        if (cover.flatPaidByEmployer) employer += payers * flatAnnual;
        else employee += payers * flatAnnual;
      } else {
        totals[Total.Contributions] += contributionRate * base;
        employer += cover.employerRate[i] * base;
        employee += cover.employeeRate[i] * base;
      }
      if (injury) injuryCell(a, scheme, group, g, i, s, x, persons, table, wage, logWage, ceiling, logCeiling, ws);
      else invalidityCell(a, scheme, group, g, cover, q, i, s, x, persons, table, wage, logWage, ceiling, logCeiling, ws);
    }
    writeGroupTotals(scheme, g, s, i, ws, out);
  }
  out.contributionsEmployer[i] += employer;
  out.contributionsEmployee[i] += employee;
}

/** Employment-injury and non-employment-injury contingencies of one cell (methodology §3–§4). */
function injuryCell(
  a: Assumptions,
  scheme: SchemeAssumptions,
  group: GroupAssumptions,
  g: number,
  i: number,
  s: number,
  x: number,
  persons: number,
  table: WageTable | null,
  wage: number,
  logWage: number,
  ceiling: number,
  logCeiling: number,
  ws: Workspace,
): void {
  const b = scheme.benefits;
  const year = ws.year;
  const c = cell(s, x);
  const G = a.groups.length;
  const inc = scheme.incidence;
  const trend = scheme.incidenceTrend;
  const risk = scheme.kind === 'employment_injury' ? group.employmentInjuryRisk : group.nonEmploymentInjuryRisk;

  if (b.temporary) {
    const t = b.temporary;
    const cases = persons * inc[INJURY.temporary][c] * risk[INJURY.temporary] * trend[INJURY.temporary][i];
    const monthly = t.replacement[i] * claimantWage(table, wage, logWage, t.wageRelativity, year[Year.LogTemporaryRelativity], ceiling, logCeiling, year[Year.TemporaryFloor], year[Year.LogTemporaryFloor]);
    totals[Total.TemporaryCases] += cases;
    totals[Total.TemporaryOutgo] += (cases * t.meanDays[i] * monthly) / DAYS_PER_MONTH;
  }
  if (b.medical) totals[Total.MedicalCases] += persons * inc[INJURY.medical][c] * risk[INJURY.medical] * trend[INJURY.medical][i];
  if (b.permanent) {
    const p = b.permanent;
    const awards = persons * inc[INJURY.permanent][c] * risk[INJURY.permanent] * trend[INJURY.permanent][i];
    const fullAnnual = MONTHS * p.replacement[i] * claimantWage(table, wage, logWage, p.wageRelativity, year[Year.LogPermanentRelativity], ceiling, logCeiling, year[Year.PermanentFloor], year[Year.LogPermanentFloor]);
    const factor = ws.commutation[c];
    const lumpAwards = awards * p.lumpSumShare;
    const pensionAwards = awards - lumpAwards;
    const pensionAnnual = p.meanDegreePension * fullAnnual;
    const commuting = pensionAwards * p.commutedShare;
    totals[Total.LumpCases] += lumpAwards + commuting;
    totals[Total.LumpOutgo] += lumpAwards * p.meanDegreeLumpSum * fullAnnual * factor + commuting * p.commutedFraction * pensionAnnual * factor;
    const at = stockIndex(ws.slot[PENSION.permanent_disablement], g, G, c);
    ws.newCount[at] += pensionAwards;
    ws.newAmount[at] += pensionAwards * pensionAnnual * (1 - p.commutedShare * p.commutedFraction);
    awardAttendance(scheme, pensionAwards, g, G, c, i, ws);
  }
  const fatal = persons * inc[INJURY.fatal][c] * risk[INJURY.fatal] * trend[INJURY.fatal][i];
  totals[Total.Deaths] += fatal;
  if (b.dependants && fatal > 0) {
    const d = b.dependants;
    const fullAnnual = MONTHS * d.replacement[i] * claimantWage(table, wage, logWage, d.wageRelativity, year[Year.LogDependantsRelativity], ceiling, logCeiling, year[Year.DependantsFloor], year[Year.LogDependantsFloor]);
    awardSurvivors(ws, d, ws.slot[PENSION.dependants_spouse], ws.slot[PENSION.dependants_children], g, G, s, x, fatal, fatal * fullAnnual);
  }
}

/** E[clamp] for claimants earning `relativity` times the cell's mean wage. */
function claimantWage(
  table: WageTable | null,
  wage: number,
  logWage: number,
  relativity: number,
  logRelativity: number,
  ceiling: number,
  logCeiling: number,
  floor: number,
  logFloor: number,
): number {
  return clampedWage(table, wage * relativity, logWage + logRelativity, ceiling, logCeiling, floor, logFloor);
}

/** Invalidity-scheme contingencies of one cell: invalidity, and deaths from any cause (methodology §3–§4). */
function invalidityCell(
  a: Assumptions,
  scheme: SchemeAssumptions,
  group: GroupAssumptions,
  g: number,
  cover: CoverAssumptions,
  q: Float64Array,
  i: number,
  s: number,
  x: number,
  persons: number,
  table: WageTable | null,
  wage: number,
  logWage: number,
  ceiling: number,
  logCeiling: number,
  ws: Workspace,
): void {
  const b = scheme.benefits;
  const c = cell(s, x);
  const G = a.groups.length;
  const qualifyingRule = scheme.qualifying;
  const density = cover.density[i];
  const windowSize = qualifyingRule.windowMonths + 1;
  if (ws.qualifyingDensity[g] !== density) {
    // The shares depend on the density only: recomputed when it changes.
    qualifyingShares(density, qualifyingRule.minMonths, qualifyingRule.windowMonths, ws.qualifying.subarray(g * windowSize, (g + 1) * windowSize));
    ws.qualifyingDensity[g] = density;
  }
  const served = yearsInsured(x, qualifyingRule.entryAge, a.startYear + i, cover.fromYear);
  const qualifying = ws.qualifying[g * windowSize + Math.min(qualifyingRule.windowMonths, Math.round(MONTHS * served))];
  const inv = b.invalidity;
  const rate = inv ? invalidityRate(inv.baseRate, inv.incrementPerYear, inv.maxRate, MONTHS * served * density, qualifyingRule.minMonths) : 0;
  // The minimum pension is a floor on the wage of minimum/rate (methodology §4).
  const floor = rate > 0 ? inv!.minimumMonthly[i] / rate : 0;
  const logFloor = Math.log(floor);
  const year = ws.year;

  if (inv) {
    const awards = persons * scheme.incidence[0][c] * group.invalidityRisk * scheme.incidenceTrend[0][i] * qualifying;
    const monthly = rate * claimantWage(table, wage, logWage, inv.wageRelativity, year[Year.LogInvalidityRelativity], ceiling, logCeiling, floor, logFloor);
    const at = stockIndex(ws.slot[PENSION.invalidity_pension], g, G, c);
    ws.newCount[at] += awards;
    ws.newAmount[at] += awards * MONTHS * monthly;
    awardAttendance(scheme, awards, g, G, c, i, ws);
  }
  // Deaths of insured persons from any cause (employment-injury deaths are not taken out: they
  // are two orders of magnitude fewer, and the invalidity scheme pays survivors either way).
  const died = persons * Math.min(1, q[c] * group.mortalityRisk);
  totals[Total.Deaths] += died;
  if (b.survivors && died > 0 && rate > 0) {
    const qualified = died * qualifying;
    const sv = b.survivors;
    const monthly = rate * claimantWage(table, wage, logWage, sv.wageRelativity, year[Year.LogSurvivorsRelativity], ceiling, logCeiling, floor, logFloor);
    awardSurvivors(ws, sv, ws.slot[PENSION.survivors_spouse], ws.slot[PENSION.survivors_children], g, G, s, x, qualified, qualified * MONTHS * monthly);
  }
}

/** Constant attendance allowance: a share of the new disablement or invalidity pensions. */
function awardAttendance(scheme: SchemeAssumptions, pensions: number, g: number, G: number, c: number, i: number, ws: Workspace): void {
  const caa = scheme.benefits.constantAttendance;
  if (!caa) return;
  const awards = pensions * caa.shareOfNewPensions;
  const at = stockIndex(ws.slot[PENSION.constant_attendance], g, G, c);
  ws.newCount[at] += awards;
  ws.newAmount[at] += awards * MONTHS * caa.monthly[i];
}

/** The year's totals of one group and sex: scheme flows and the tidy detail. */
function writeGroupTotals(scheme: SchemeAssumptions, g: number, s: number, i: number, ws: Workspace, out: SchemeProjection): void {
  const b = scheme.benefits;
  out.registered[i] += totals[Total.Registered];
  out.contributing[i] += totals[Total.Contributing];
  out.wageBill[i] += totals[Total.WageBill];
  const insured = DETAIL_BENEFIT.insured;
  addDetail(out, insured, MEASURE.registered, g, s, i, totals[Total.Registered]);
  addDetail(out, insured, MEASURE.contributing, g, s, i, totals[Total.Contributing]);
  addDetail(out, insured, MEASURE.wage_bill, g, s, i, totals[Total.WageBill]);
  addDetail(out, insured, MEASURE.contributions, g, s, i, totals[Total.Contributions]);
  if (b.temporary) {
    ws.outgo[OUTGO.temporary_disablement] += totals[Total.TemporaryOutgo];
    addDetail(out, DETAIL_BENEFIT.temporary_disablement, MEASURE.cases, g, s, i, totals[Total.TemporaryCases]);
    addDetail(out, DETAIL_BENEFIT.temporary_disablement, MEASURE.outgo, g, s, i, totals[Total.TemporaryOutgo]);
  }
  if (b.medical) {
    const outgo = totals[Total.MedicalCases] * ws.year[Year.MedicalCost];
    ws.outgo[OUTGO.medical] += outgo;
    addDetail(out, DETAIL_BENEFIT.medical, MEASURE.cases, g, s, i, totals[Total.MedicalCases]);
    addDetail(out, DETAIL_BENEFIT.medical, MEASURE.outgo, g, s, i, outgo);
  }
  if (b.permanent) {
    ws.outgo[OUTGO.permanent_disablement_lump_sum] += totals[Total.LumpOutgo];
    addDetail(out, DETAIL_BENEFIT.permanent_disablement_lump_sum, MEASURE.cases, g, s, i, totals[Total.LumpCases]);
    addDetail(out, DETAIL_BENEFIT.permanent_disablement_lump_sum, MEASURE.outgo, g, s, i, totals[Total.LumpOutgo]);
  }
  if (b.funeral) {
    const outgo = totals[Total.Deaths] * b.funeral.amountByGroup[g] * b.funeral.index[i];
    ws.outgo[OUTGO.funeral] += outgo;
    addDetail(out, DETAIL_BENEFIT.funeral, MEASURE.cases, g, s, i, totals[Total.Deaths]);
    addDetail(out, DETAIL_BENEFIT.funeral, MEASURE.outgo, g, s, i, outgo);
  }
}

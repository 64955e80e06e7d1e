/**
 * The insured population of one group under one scheme in one year (methodology §1–§4):
 * registered and contributing persons, the wage bill and contributions, and the contingencies
 * with their short-term benefits and new pension awards.
 *
 * Each quantity is computed as a pass over the ages of one sex into a preallocated vector
 * (persons, wages, insurable wages, benefit amounts), then summed or added to the new awards:
 * short loops over typed arrays, with no objects and no calls per cell beyond the wage table.
 */
import type { ArrearsAssumptions, Assumptions, CoverAssumptions, GroupAssumptions, SchemeAssumptions } from '../assumptions/types.js';
import { DETAIL_BENEFIT, INJURY, MEASURE, OUTGO, PENSION } from '../model.js';
import { offsetShares, wageNodes } from './offset.js';
import { addFamilyDeaths } from './family.js';
import { JOB_LOSS_TERMS, JobLoss, jobLossTerms } from './employment-insurance.js';
import { AGES, CELLS, MAX_AGE, SEXES, cell } from './layout.js';
import { invalidityRate, routeAt, sharedRoutes, tenureWeights, yearsInsured } from './qualifying.js';
import type { RouteTable } from './qualifying.js';
import { BAND_OF_AGE, addDetail, bandIndex } from './result.js';
import type { SchemeProjection } from './result.js';
import { topUpRatio, wageTable } from './wageTable.js';
import type { WageTable } from './wageTable.js';
import { INVALIDITY_TERMS, InvalidityTerm, Year, stockIndex } from './workspace.js';
import type { Workspace } from './workspace.js';

const MONTHS = 12;
const DAYS_PER_MONTH = 30;

/**
 * E[clamp(W, L, C)] for wages lognormal with mean `wage` (log `logWage`):
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
 * clampedWage from the capped part E[min(W, C)] already in hand (`capped`, clampedWage with no
 * floor): the same arithmetic, so that two floors on one wage cost one table lookup each.
 */
function clampedFrom(capped: number, table: WageTable | null, wage: number, logWage: number, ceiling: number, floor: number, logFloor: number): number {
  if (floor >= ceiling) return floor;
  if (wage <= 0 || ceiling <= 0) return Math.max(0, floor);
  if (table === null) return Math.min(Math.max(wage, floor), ceiling);
  return floor > 0 ? capped + wage * topUpRatio(table, logFloor - logWage) : capped;
}

/**
 * The wage floor implied by a minimum daily benefit `lo` at replacement rate r: a benefit
 * r·E[clamp(W, 30·lo/r, C)] pays at least lo a day (methodology §4).
 */
function wageFloor(replacement: number, dailyMinimum: number): number {
  return replacement > 0 ? (dailyMinimum * DAYS_PER_MONTH) / replacement : 0;
}

/** Computes the scheme's values of year i used in every cell (workspace.ts, Year). */
export function prepareYear(a: Assumptions, scheme: SchemeAssumptions, i: number, year: Float64Array, incidenceScale = 1, deathScale = 1, pensionerMortalityScale = 1): void {
  year[Year.IncidenceScale] = incidenceScale;
  year[Year.DeathScale] = deathScale;
  year[Year.PensionerMortalityScale] = pensionerMortalityScale;
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
  year[Year.LogJobLossRelativity] = Math.log(b.employmentInsurance?.wageRelativity ?? 1);
  year[Year.MedicalCost] = b.medical ? b.medical.costPerCase * a.economy.medicalIndex[i] : 0;
  year[Year.RehabilitationCost] = b.rehabilitation ? b.rehabilitation.costPerCase * a.economy.medicalIndex[i] : 0;
}

/**
 * out[x] = E[clamp(W, floor, C)] for x in [lo, hi], for claimants earning `relativity` times
 * the cell's mean wage (ws.wage, ws.logWage): their capped mean plus the top-up to the floor.
 * Benefits of one scheme usually share the claimants' relativity (and often the floor), so the
 * capped means of the last relativity are kept in ws.capped and reused, and `ws.benefit` is not
 * recomputed for the same relativity and floor.
 */
function clampedWages(ws: Workspace, table: WageTable | null, relativity: number, logRelativity: number, ceiling: number, logCeiling: number, floor: number, logFloor: number, lo: number, hi: number): void {
  const out = ws.benefit;
  if (ws.benefitRelativity === relativity && ws.benefitFloor === floor) return; // out already holds them
  ws.benefitRelativity = relativity;
  ws.benefitFloor = floor;
  const wage = ws.wage;
  const logWage = ws.logWage;
  const capped = ws.capped;
  if (ws.cappedRelativity !== relativity) {
    for (let x = lo; x <= hi; x++) capped[x] = clampedWage(table, wage[x] * relativity, logWage[x] + logRelativity, ceiling, logCeiling, 0, 0);
    ws.cappedRelativity = relativity;
  }
  if (floor >= ceiling) {
    for (let x = lo; x <= hi; x++) out[x] = floor;
  } else if (floor <= 0) {
    for (let x = lo; x <= hi; x++) out[x] = capped[x];
  } else if (table === null) {
    for (let x = lo; x <= hi; x++) out[x] = wage[x] * relativity > 0 && ceiling > 0 ? Math.max(capped[x], Math.min(floor, ceiling)) : floor;
  } else {
    for (let x = lo; x <= hi; x++) {
      const m = wage[x] * relativity;
      out[x] = m > 0 && ceiling > 0 ? capped[x] + m * topUpRatio(table, logFloor - logWage[x] - logRelativity) : floor;
    }
  }
}

/** What the passes over the ages of one group, scheme and year share. */
interface GroupYear {
  a: Assumptions;
  scheme: SchemeAssumptions;
  group: GroupAssumptions;
  g: number;
  cover: CoverAssumptions;
  q: Float64Array;
  i: number;
  table: WageTable | null;
  ceiling: number;
  logCeiling: number;
  ws: Workspace;
  out: SchemeProjection;
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
  const persons = ws.persons;
  const wage = ws.wage;
  const logWage = ws.logWage;
  const insurable = ws.insurable;
  const context: GroupYear = { a, scheme, group, g, cover, q, i, table, ceiling, logCeiling, ws, out };
  // Enforcement and outreach: the year's effort, and a running cost per registered person below.
  const enforcement = cover.enforcement;
  if (enforcement) out.enforcement[i] += enforcement.effortCost[i];
  const arrears = cover.arrears;

  for (let s = 0; s < SEXES; s++) {
    const base = cell(s, 0);
    // The ages with registered persons, within the scheme's ages.
    let lo = scheme.ageMin;
    let hi = Math.min(scheme.ageMax, MAX_AGE);
    while (lo <= hi && !(pop[base + lo] > 0)) lo++;
    while (hi >= lo && !(pop[base + hi] > 0)) hi--;
    if (lo > hi || !(coverage > 0)) {
      // Nobody insured this year, but arrears of earlier years may still fall due.
      writeTotals(out, g, s, i, 0, 0, 0, arrears ? collectArrears(context, arrears, s, 0, 1) : 0);
      continue;
    }
    const profileAt = g * 2 * AGES + base;
    ws.cappedRelativity = NaN;
    ws.benefitRelativity = NaN;
    let registered = 0;
    let insurableSum = 0;
    for (let x = lo; x <= hi; x++) {
      persons[x] = pop[base + x] * coverage;
      // The cell's mean wage and its log, without a logarithm per cell (methodology §2).
      wage[x] = insured ? meanWage : meanWage * group.wageProfile[base + x];
      logWage[x] = insured ? logMeanWage : logMeanWage + ws.logProfile[profileAt + x];
      insurable[x] = clampedWage(table, wage[x], logWage[x], ceiling, logCeiling, 0, 0);
      registered += persons[x];
      insurableSum += persons[x] * insurable[x];
    }
    const contributing = registered * compliance;
    if (out.registeredByBand.length > 0) keepBands(out, persons, g, s, i, lo, hi, compliance);
    const wageBill = MONTHS * compliance * insurableSum;
    let contributions = contribute(context, lo, hi, contributing, wageBill);
    if (enforcement) out.enforcement[i] += enforcement.perRegisteredMonthly[i] * MONTHS * registered;
    if (arrears) contributions += collectArrears(context, arrears, s, contributions, compliance);
    if (scheme.kind === 'invalidity') invalidityAges(context, s, lo, hi);
    else if (scheme.kind === 'employment_insurance') jobLossAges(context, s, lo, hi);
    else injuryAges(context, s, lo, hi);
    writeTotals(out, g, s, i, registered, contributing, wageBill, contributions);
  }
}

/**
 * The contributions of one group and sex, added to each payer's (methodology §2): a flat amount
 * split by the payers' shares, or each payer's rate on the wage bill. A minimum monthly
 * contribution m tops up the rates' total r: a person earning W pays max(r·min(W, C), m), and
 * E[max(r·min(W, C), m)] = r·E[clamp(W, m/r, C)], so the top-up is r times the lift of the
 * clamped wage over the capped one, on the same lognormal table (clampedWage).
 */
function contribute(c: GroupYear, lo: number, hi: number, contributing: number, wageBill: number): number {
  const { cover, i, table, ceiling, logCeiling, ws, out } = c;
  const schedule = cover.contributions;
  const byPayer = out.contributionsByPayer;
  if (schedule.flatMonthly) {
    const flat = MONTHS * contributing * schedule.flatMonthly[i];
    for (let p = 0; p < byPayer.length; p++) byPayer[p][i] += flat * schedule.flatShares[p][i];
    return flat;
  }
  let total = 0;
  let rate = 0;
  for (let p = 0; p < byPayer.length; p++) {
    const paid = schedule.rates[p][i] * wageBill;
    byPayer[p][i] += paid;
    total += paid;
    rate += schedule.rates[p][i];
  }
  const minimum = schedule.minimumMonthly ? schedule.minimumMonthly[i] : 0;
  if (minimum > 0 && contributing > 0) {
    let topUp: number;
    if (rate <= 0) topUp = MONTHS * contributing * minimum;
    else {
      // Per registered person: E[clamp(W, m/r, C)] − E[min(W, C)], weighted by the persons of each age.
      const floor = minimum / rate;
      const logFloor = Math.log(floor);
      let lift = 0;
      let registered = 0;
      for (let x = lo; x <= hi; x++) {
        lift += ws.persons[x] * (clampedWage(table, ws.wage[x], ws.logWage[x], ceiling, logCeiling, floor, logFloor) - ws.insurable[x]);
        registered += ws.persons[x];
      }
      topUp = registered > 0 ? MONTHS * contributing * rate * (lift / registered) : 0;
    }
    byPayer[schedule.topUpPayer][i] += topUp;
    total += topUp;
  }
  return total;
}

/** Employment-injury and non-employment-injury contingencies of one group and sex (methodology §3–§4). */
function injuryAges(c: GroupYear, s: number, lo: number, hi: number): void {
  const { a, scheme, group, g, i, table, ceiling, logCeiling, ws, out } = c;
  const b = scheme.benefits;
  const year = ws.year;
  const G = a.groups.length;
  const base = cell(s, 0);
  const persons = ws.persons;
  const wage = ws.wage;
  const benefit = ws.benefit;
  const risk = scheme.kind === 'employment_injury' ? group.employmentInjuryRisk : group.nonEmploymentInjuryRisk;
  // Incidence multiplier of each contingency this year: group risk × time trend.
  // Outreach raises the claims of every contingency (enforcement.ts): 1 where there is none.
  const claims = c.cover.claims ? c.cover.claims[i] : 1;
  const factor = (contingency: number) => risk[contingency] * scheme.incidenceTrend[contingency][i] * ws.year[Year.IncidenceScale] * claims;
  const incidence = (contingency: number) => scheme.incidence[contingency];
  // Accidents split by cause: the rate is incidence·f + commuting·(f_c − f), the commuting part
  // at its own multiplier; where the two multipliers agree the extra term is 0 and skipped, so
  // the rate is exactly the scheme's (methodology §3).
  const commuting = scheme.commutingIncidence;
  const commutingRisk = group.employmentInjuryCommutingRisk;
  const commutingFactor = (contingency: number) => commutingRisk[contingency] * scheme.incidenceTrend[contingency][i] * ws.year[Year.IncidenceScale] * claims;
  const extra = (contingency: number) => (commuting ? commutingFactor(contingency) - factor(contingency) : 0);
  const sumCommuting = (contingency: number) => {
    const part = commuting![contingency];
    let sum = 0;
    for (let x = lo; x <= hi; x++) sum += persons[x] * part[base + x];
    return sum;
  };
  // A top-up of another law's compensation on workplace accidents (offset.ts): what that law
  // pays is deducted from the workplace part of each contingency's cases.
  const offset = commuting ? c.cover.offset : null;
  const nodes = offset ? wageNodes(group.wageSigma, ws.offsetNodes) : null;
  const shares = ws.offsetShares;
  const workplaceAt = (contingency: number, x: number) => persons[x] * (scheme.incidence[contingency][base + x] - commuting![contingency][base + x]);

  if (b.temporary) {
    const t = b.temporary;
    const inc = incidence(INJURY.temporary);
    clampedWages(ws, table, t.wageRelativity, year[Year.LogTemporaryRelativity], ceiling, logCeiling, year[Year.TemporaryFloor], year[Year.LogTemporaryFloor], lo, hi);
    let cases = 0;
    let outgo = 0;
    for (let x = lo; x <= hi; x++) {
      const n = persons[x] * inc[base + x];
      cases += n;
      outgo += n * benefit[x];
    }
    const f = factor(INJURY.temporary);
    cases *= f;
    outgo *= f;
    const d = extra(INJURY.temporary);
    if (d !== 0) {
      const part = commuting![INJURY.temporary];
      for (let x = lo; x <= hi; x++) {
        const n = persons[x] * part[base + x] * d;
        cases += n;
        outgo += n * benefit[x];
      }
    }
    if (offset && offset.temporaryShare > 0) {
      const taken = offset.temporaryShare * f;
      for (let x = lo; x <= hi; x++) {
        const n = workplaceAt(INJURY.temporary, x) * taken;
        cases -= n;
        outgo -= n * benefit[x];
      }
    }
    const daily = t.replacement[i] / DAYS_PER_MONTH;
    record(ws, out, OUTGO.temporary_disablement, DETAIL_BENEFIT.temporary_disablement, g, s, i, cases, outgo * t.meanDays[i] * daily);
    if (b.rehabilitation) rehabilitate(ws, out, g, s, i, cases * b.rehabilitation.shareOfTemporary);
  }
  if (b.medical) {
    const inc = incidence(INJURY.medical);
    let cases = 0;
    for (let x = lo; x <= hi; x++) cases += persons[x] * inc[base + x];
    cases *= factor(INJURY.medical);
    const d = extra(INJURY.medical);
    if (d !== 0) cases += sumCommuting(INJURY.medical) * d;
    if (offset && offset.medicalShare > 0) {
      let workplace = 0;
      for (let x = lo; x <= hi; x++) workplace += workplaceAt(INJURY.medical, x);
      cases -= workplace * factor(INJURY.medical) * offset.medicalShare;
    }
    record(ws, out, OUTGO.medical, DETAIL_BENEFIT.medical, g, s, i, cases, cases * year[Year.MedicalCost]);
  }
  if (b.permanent) {
    const p = b.permanent;
    const inc = incidence(INJURY.permanent);
    const f = factor(INJURY.permanent);
    const d = extra(INJURY.permanent);
    const part = d !== 0 ? commuting![INJURY.permanent] : inc;
    clampedWages(ws, table, p.wageRelativity, year[Year.LogPermanentRelativity], ceiling, logCeiling, year[Year.PermanentFloor], year[Year.LogPermanentFloor], lo, hi);
    const fullAnnualRate = MONTHS * p.replacement[i];
    // Rehabilitation: a share of the awards above the lump-sum degree is referred, and a share of
    // those returns to work assessed at the lump-sum degree: a lump sum instead of a pension.
    const rehab = b.rehabilitation;
    const referred = rehab ? (1 - p.lumpSumShare) * rehab.shareOfPensions : 0;
    const averted = rehab ? referred * rehab.pensionsAverted : 0;
    const lumpSumShare = p.lumpSumShare + averted;
    const pensionShare = 1 - lumpSumShare;
    // Per award: the lump sums (degree ≤ 20%, and the commuted part of pensions) and the pension.
    const lumpPerAward = lumpSumShare * p.meanDegreeLumpSum + pensionShare * p.commutedShare * p.commutedFraction * p.meanDegreePension;
    const pensionPerAward = pensionShare * p.meanDegreePension * (1 - p.commutedShare * p.commutedFraction);
    const at = stockIndex(ws.slot[PENSION.permanent_disablement], g, G, base);
    const caa = b.constantAttendance;
    const caaAt = caa ? stockIndex(ws.slot[PENSION.constant_attendance], g, G, base) : 0;
    const caaShare = caa ? caa.shareOfNewPensions : 0;
    const caaAnnual = caa ? MONTHS * caa.monthly[i] : 0;
    let awardsTotal = 0;
    let lumpOutgo = 0;
    for (let x = lo; x <= hi; x++) {
      let awards = persons[x] * inc[base + x] * f;
      if (d !== 0) awards += persons[x] * part[base + x] * d;
      const fullAnnual = fullAnnualRate * benefit[x];
      // Awards paid, and awards' worth paid: less, for a top-up, what the other law covers.
      let paid = awards;
      let worth = awards;
      if (offset) {
        const other = offset.permanent;
        offsetShares(nodes!, wage[x] * p.wageRelativity, fullAnnualRate * ws.commutation[base + x], year[Year.PermanentFloor], ceiling, other.factor[x], other.minimum[i], other.maximum[i], shares);
        const workplace = workplaceAt(INJURY.permanent, x) * f;
        worth -= workplace * (1 - shares[0]);
        paid -= workplace * (1 - shares[1]);
      }
      awardsTotal += paid;
      lumpOutgo += worth * fullAnnual * ws.commutation[base + x];
      ws.newCount[at + x] += paid * pensionShare;
      ws.newAmount[at + x] += worth * fullAnnual * pensionPerAward;
      if (caa) {
        // Constant attendance allowance: a share of the new disablement pensions.
        const attendance = paid * pensionShare * caaShare;
        ws.newCount[caaAt + x] += attendance;
        ws.newAmount[caaAt + x] += attendance * caaAnnual;
      }
    }
    const lumpCases = awardsTotal * (lumpSumShare + pensionShare * p.commutedShare);
    record(ws, out, OUTGO.permanent_disablement_lump_sum, DETAIL_BENEFIT.permanent_disablement_lump_sum, g, s, i, lumpCases, lumpOutgo * lumpPerAward);
    if (rehab) rehabilitate(ws, out, g, s, i, awardsTotal * referred);
  }
  const inc = incidence(INJURY.fatal);
  const f = factor(INJURY.fatal);
  const dFatal = extra(INJURY.fatal);
  const partFatal = dFatal !== 0 ? commuting![INJURY.fatal] : inc;
  const d = b.dependants;
  if (d) {
    clampedWages(ws, table, d.wageRelativity, year[Year.LogDependantsRelativity], ceiling, logCeiling, year[Year.DependantsFloor], year[Year.LogDependantsFloor], lo, hi);
  }
  const fullAnnualRate = d ? MONTHS * d.replacement[i] : 0;
  const family = ws.dependants;
  let deaths = 0;
  for (let x = lo; x <= hi; x++) {
    let fatal = persons[x] * inc[base + x] * f;
    if (dFatal !== 0) fatal += persons[x] * partFatal[base + x] * dFatal;
    deaths += fatal;
    if (family && fatal > 0) {
      // Families paid, and their pensions' worth: less, for a top-up, the other law's lump sum.
      let paid = fatal;
      let worth = fatal;
      if (offset && d) {
        const other = offset.fatal;
        offsetShares(nodes!, wage[x] * d.wageRelativity, fullAnnualRate * ws.deathCapital[g * CELLS + base + x], year[Year.DependantsFloor], ceiling, other.factor[x], other.minimum[i], other.maximum[i], shares);
        const workplace = workplaceAt(INJURY.fatal, x) * f;
        worth -= workplace * (1 - shares[0]);
        paid -= workplace * (1 - shares[1]);
      }
      addFamilyDeaths(family, g, base + x, paid, worth * fullAnnualRate * benefit[x]);
    }
  }
  recordDeaths(scheme, ws, out, g, s, i, deaths);
  if (commuting) {
    // The commuting accidents and deaths among those counted, for the calibration by cause.
    addDetail(out, DETAIL_BENEFIT.commuting_accidents, MEASURE.cases, g, s, i, sumCommuting(INJURY.medical) * commutingFactor(INJURY.medical));
    addDetail(out, DETAIL_BENEFIT.commuting_deaths, MEASURE.cases, g, s, i, sumCommuting(INJURY.fatal) * commutingFactor(INJURY.fatal));
  }
}

/** Invalidity-scheme contingencies of one group and sex: invalidity, and deaths from any cause (methodology §3–§4). */
function invalidityAges(c: GroupYear, s: number, lo: number, hi: number): void {
  const { a, scheme, group, g, cover, q, i, table, ceiling, logCeiling, ws, out } = c;
  const b = scheme.benefits;
  const year = ws.year;
  const G = a.groups.length;
  const base = cell(s, 0);
  const persons = ws.persons;
  const wage = ws.wage;
  const logWage = ws.logWage;
  invalidityTerms(a, scheme, cover, g, i, ws);
  const termsAt = g * AGES;
  const rates = ws.invalidityRate;
  const logRates = ws.invalidityLogRate;
  const qualifyingShare = ws.invalidityQualifying;
  const inv = b.invalidity;
  const sv = b.survivors;
  const incidence = scheme.incidence[0];
  const incidenceFactor = group.invalidityRisk * scheme.incidenceTrend[0][i] * year[Year.IncidenceScale] * (cover.claims ? cover.claims[i] : 1);
  const minimum = inv ? inv.minimumMonthly[i] : 0;
  const invRelativity = inv ? inv.wageRelativity : 1;
  const svRelativity = sv ? sv.wageRelativity : 1;
  const sameRelativity = inv !== undefined && svRelativity === invRelativity;
  const at = stockIndex(ws.slot[PENSION.invalidity_pension], g, G, base);
  const caa = b.constantAttendance;
  const caaAt = caa ? stockIndex(ws.slot[PENSION.constant_attendance], g, G, base) : 0;
  const caaShare = caa ? caa.shareOfNewPensions : 0;
  const caaAnnual = caa ? MONTHS * caa.monthly[i] : 0;
  // Deaths from employment injury are paid by the employment-injury scheme (dependants'
  // benefit, funeral): the invalidity scheme pays on deaths from other causes (methodology §3),
  // so the fatal-injury rate of the scheme covering this group is taken out of mortality.
  const injury = a.schemes.find((k) => k.kind === 'employment_injury' && k.cover[g] !== null && k.cover[g]!.coverage[i] > 0);
  const fatalRate = injury ? injury.incidence[INJURY.fatal] : null;
  const injuryClaims = injury?.cover[g]?.claims ? injury.cover[g]!.claims![i] : 1;
  const fatalFactorOf = (risk: Float64Array) => (injury ? risk[INJURY.fatal] * injury.incidenceTrend[INJURY.fatal][i] * year[Year.IncidenceScale] * injuryClaims : 0);
  const fatalFactor = fatalFactorOf(group.employmentInjuryRisk);
  // Commuting deaths at their own multiplier where the injury scheme splits (as injuryAges).
  const commutingFatal = injury?.commutingIncidence ? injury.commutingIncidence[INJURY.fatal] : null;
  const commutingExtra = commutingFatal ? fatalFactorOf(group.employmentInjuryCommutingRisk) - fatalFactor : 0;
  // Deaths the 24-hour cover pays dependants' benefit on, where they are left to it (issue of
  // double payment, methodology §3): taken out too.
  const nei = scheme.paysNonEmploymentInjuryDeaths ? undefined : a.schemes.find((k) => k.kind === 'non_employment_injury' && k.cover[g] !== null && k.cover[g]!.coverage[i] > 0);
  const neiFatal = nei ? nei.incidence[INJURY.fatal] : null;
  // Of this scheme's insured, the share the 24-hour cover registers (at most all of them).
  const neiShare = nei ? Math.min(1, nei.cover[g]!.coverage[i] / cover.coverage[i]) : 0;
  const neiFactor = nei ? neiShare * group.nonEmploymentInjuryRisk[INJURY.fatal] * nei.incidenceTrend[INJURY.fatal][i] * year[Year.IncidenceScale] * (nei.cover[g]!.claims ? nei.cover[g]!.claims![i] : 1) : 0;
  // Rehabilitation: a share of the new invalids is referred, and those who return to work are
  // not awarded a pension.
  const rehab = b.rehabilitation;
  const awardedShare = rehab ? 1 - rehab.shareOfPensions * rehab.pensionsAverted : 1;
  // The reduced pension (a flat rate) and the grant (methodology §3, "Qualifying routes").
  const reducedShare = ws.invalidityReduced;
  const reducedRate = inv ? inv.reducedRate : 0;
  const reducedFloor = reducedRate > 0 ? minimum / reducedRate : 0;
  const logReducedFloor = reducedRate > 0 ? Math.log(reducedFloor) : -Infinity;
  const grant = b.invalidityGrant;
  const grantShare = ws.invalidityGrant;
  const grantMonths = ws.invalidityGrantMonths;
  const contributionRate = grant ? totalRate(cover, i) : 0;
  const flatMonthly = grant && cover.contributions.flatMonthly ? cover.contributions.flatMonthly[i] : 0;
  let invalids = 0;
  let reducedAwards = 0;
  let reducedAmount = 0;
  let grants = 0;
  let grantOutgo = 0;
  let deaths = 0;
  // The minimum pension is a floor on the wage of minimum/rate (methodology §4).
  const logMinimum = Math.log(minimum);
  for (let x = lo; x <= hi; x++) {
    const rate = rates[termsAt + x];
    const full = qualifyingShare[termsAt + x];
    const reduced = reducedShare[termsAt + x];
    const qualifying = full + reduced;
    const floor = rate > 0 ? minimum / rate : 0;
    const logFloor = rate > 0 ? logMinimum - logRates[termsAt + x] : -Infinity;
    const invalid = persons[x] * incidence[base + x] * incidenceFactor;
    const invWage = wage[x] * invRelativity;
    const logInvWage = logWage[x] + year[Year.LogInvalidityRelativity];
    // The claimant's capped wage E[min(W, C)], shared by the grant and both pensions' floors.
    const needsWage = (grant !== undefined && grantShare[termsAt + x] > 0) || (inv !== undefined && rate > 0 && qualifying > 0);
    const capped = needsWage ? clampedWage(table, invWage, logInvWage, ceiling, logCeiling, 0, -Infinity) : 0;
    if (grant && grantShare[termsAt + x] > 0) {
      // The contributions the invalid paid, refunded with interest, at their (capped) wage.
      const monthlyPaid = flatMonthly > 0 ? flatMonthly : contributionRate * capped;
      grants += invalid * grantShare[termsAt + x];
      grantOutgo += invalid * grantMonths[termsAt + x] * monthlyPaid;
    }
    // The pensions of a qualifying claimant of the cell, monthly: full and reduced, and their
    // mean in the two routes' shares (0 where no pension is due).
    let fullMonthly = 0;
    let reducedMonthly = 0;
    let invalidityMonthly = 0;
    if (inv && rate > 0 && qualifying > 0) {
      fullMonthly = full > 0 ? rate * clampedFrom(capped, table, invWage, logInvWage, ceiling, floor, logFloor) : 0;
      if (reduced > 0) reducedMonthly = reducedRate * clampedFrom(capped, table, invWage, logInvWage, ceiling, reducedFloor, logReducedFloor);
      invalidityMonthly = reduced > 0 ? (full * fullMonthly + reduced * reducedMonthly) / qualifying : fullMonthly;
      const qualified = invalid * qualifying;
      invalids += qualified;
      const awards = qualified * awardedShare;
      ws.newCount[at + x] += awards;
      ws.newAmount[at + x] += awards * MONTHS * invalidityMonthly;
      if (reduced > 0) {
        reducedAwards += invalid * reduced * awardedShare;
        reducedAmount += invalid * reduced * awardedShare * MONTHS * reducedMonthly;
      }
      if (caa) {
        // Constant attendance allowance: a share of the new invalidity pensions.
        ws.newCount[caaAt + x] += awards * caaShare;
        ws.newAmount[caaAt + x] += awards * caaShare * caaAnnual;
      }
    }
    const injuryDeaths = (fatalRate ? fatalRate[base + x] * fatalFactor : 0) + (commutingExtra !== 0 ? commutingFatal![base + x] * commutingExtra : 0) + (neiFatal ? neiFatal[base + x] * neiFactor : 0);
    const otherCauses = Math.min(1, q[base + x] * group.mortalityRisk) - injuryDeaths;
    const died = persons[x] * Math.max(0, otherCauses) * year[Year.DeathScale];
    deaths += died;
    if (sv && died > 0 && rate > 0 && qualifying > 0) {
      const qualified = died * qualifying;
      // Survivors' pensions are the pension the deceased would have had: the same as an
      // invalidity claimant's when the two share a wage relativity.
      let monthly = invalidityMonthly;
      if (!sameRelativity) {
        const logSvWage = logWage[x] + year[Year.LogSurvivorsRelativity];
        const svFull = full > 0 ? rate * clampedWage(table, wage[x] * svRelativity, logSvWage, ceiling, logCeiling, floor, logFloor) : 0;
        const svReduced = reduced > 0 ? reducedRate * clampedWage(table, wage[x] * svRelativity, logSvWage, ceiling, logCeiling, reducedFloor, logReducedFloor) : 0;
        monthly = reduced > 0 ? (full * svFull + reduced * svReduced) / qualifying : svFull;
      }
      addFamilyDeaths(ws.survivors!, g, base + x, qualified, qualified * MONTHS * monthly);
    }
  }
  if (out.paysReduced) {
    addDetail(out, DETAIL_BENEFIT.reduced_invalidity_awards, MEASURE.new_awards, g, s, i, reducedAwards);
    addDetail(out, DETAIL_BENEFIT.reduced_invalidity_awards, MEASURE.new_awards_annual_amount, g, s, i, reducedAmount);
  }
  if (grant) record(ws, out, OUTGO.invalidity_grant, DETAIL_BENEFIT.invalidity_grant, g, s, i, grants, grantOutgo);
  if (rehab) rehabilitate(ws, out, g, s, i, invalids * rehab.shareOfPensions);
  const dialysis = b.dialysis;
  if (dialysis) {
    // Patients in treatment: the registered × the year's prevalence × the group's invalidity risk.
    let registered = 0;
    for (let x = lo; x <= hi; x++) registered += persons[x];
    const patients = registered * dialysis.patientsPerRegistered[i] * group.invalidityRisk;
    record(ws, out, OUTGO.dialysis, DETAIL_BENEFIT.dialysis, g, s, i, patients, patients * dialysis.annualCost[i]);
  }
  recordDeaths(scheme, ws, out, g, s, i, deaths);
}

/**
 * Employment-insurance allowances of one group and sex (methodology §4, "Employment
 * insurance"): involuntary losses of employment × the qualifying share are the claims; a share
 * of them (one job of several) get the reduced income allowance, the others the job search
 * allowance, its early re-employment allowance and, for a share, training.
 */
function jobLossAges(c: GroupYear, s: number, lo: number, hi: number): void {
  const { a, scheme, group, g, cover, i, table, ceiling, logCeiling, ws, out } = c;
  const e = scheme.benefits.employmentInsurance;
  if (!e) return;
  const year = ws.year;
  const base = cell(s, 0);
  const persons = ws.persons;
  const benefit = ws.benefit;
  const rule = scheme.qualifying;
  const density = cover.density[i];
  // The terms depend on the density and the years since cover began only (as invalidityTerms').
  const sinceCover = Math.min(yearsInsured(Infinity, rule.entryAge, a.startYear + i, cover.fromYear), yearsInsured(Math.min(scheme.ageMax, MAX_AGE), rule.entryAge, a.startYear + i, Infinity));
  const key = ws.invalidityKey;
  const terms = ws.jobLoss.subarray(g * AGES * JOB_LOSS_TERMS, (g + 1) * AGES * JOB_LOSS_TERMS);
  if (key[2 * g] !== density || key[2 * g + 1] !== sinceCover) {
    const windowSize = rule.windowMonths + 1;
    jobLossTerms(scheme, e, cover, a.startYear + i, density, terms, ws.qualifying.subarray(g * windowSize, (g + 1) * windowSize));
    key[2 * g] = density;
    key[2 * g + 1] = sinceCover;
  }
  const incidence = scheme.incidence[0];
  const factor = group.employmentInsuranceRisk * scheme.incidenceTrend[0][i] * year[Year.IncidenceScale] * (c.cover.claims ? c.cover.claims[i] : 1);
  // The group's own claimants' relativity where it has one (wages bunched at a minimum wage).
  const relativity = cover.claimantWageRelativity ?? e.wageRelativity;
  const logRelativity = cover.claimantWageRelativity === null ? year[Year.LogJobLossRelativity] : Math.log(relativity);
  clampedWages(ws, table, relativity, logRelativity, ceiling, logCeiling, 0, -Infinity, lo, hi);
  let searchClaims = 0;
  let searchOutgo = 0;
  let earlyClaims = 0;
  let earlyOutgo = 0;
  let reducedClaims = 0;
  let reducedOutgo = 0;
  for (let x = lo; x <= hi; x++) {
    const at = x * JOB_LOSS_TERMS;
    const claims = persons[x] * incidence[base + x] * factor * terms[at + JobLoss.Qualifying];
    const reduced = claims * e.reducedShare;
    const search = claims - reduced;
    searchClaims += search;
    searchOutgo += search * benefit[x] * terms[at + JobLoss.Search];
    earlyClaims += search * terms[at + JobLoss.EarlyShare];
    earlyOutgo += search * benefit[x] * terms[at + JobLoss.Early];
    reducedClaims += reduced;
    reducedOutgo += reduced * benefit[x] * terms[at + JobLoss.Reduced];
  }
  record(ws, out, OUTGO.job_search_allowance, DETAIL_BENEFIT.job_search_allowance, g, s, i, searchClaims, searchOutgo);
  if (e.earlyShare > 0) record(ws, out, OUTGO.early_reemployment_allowance, DETAIL_BENEFIT.early_reemployment_allowance, g, s, i, earlyClaims, earlyOutgo);
  if (e.reducedShare > 0) record(ws, out, OUTGO.reduced_income_allowance, DETAIL_BENEFIT.reduced_income_allowance, g, s, i, reducedClaims, reducedOutgo);
  if (e.trainedShare > 0) {
    const trainees = searchClaims * e.trainedShare;
    record(ws, out, OUTGO.training, DETAIL_BENEFIT.training, g, s, i, trainees, trainees * e.trainingCost[i]);
  }
}

/**
 * The invalidity terms of each age of group g in year i (methodology §3, "Qualifying routes"),
 * the same for either sex: the full pension's mean rate (and its logarithm), and the shares that
 * qualify for the full pension, the reduced pension and the grant, with the grant's months of
 * contributions refunded, into the ws.invalidity* arrays.
 *
 * A person aged x has been insured for M = 12 × the years since the entry age or since cover
 * began, whichever is fewer; in a group with a permit tenure, for min(M, t) months with t the
 * months since arrival (tenureWeights). Those who entered at or above the highest age of entry
 * get nothing. The terms depend on the density and the years since cover began only, so they
 * are worked out again only when one of these changes; once cover is older than the scheme's
 * ages, the years insured no longer change from year to year.
 */
function invalidityTerms(a: Assumptions, scheme: SchemeAssumptions, cover: CoverAssumptions, g: number, i: number, ws: Workspace): void {
  const rule = scheme.qualifying;
  const inv = scheme.benefits.invalidity;
  const density = cover.density[i];
  const lastAge = Math.min(scheme.ageMax, MAX_AGE);
  const year = a.startYear + i;
  // Years since cover began matter only while fewer than the years since entry at the last age.
  const sinceCover = Math.min(yearsInsured(Infinity, rule.entryAge, year, cover.fromYear), yearsInsured(lastAge, rule.entryAge, year, Infinity));
  const key = ws.invalidityKey;
  if (key[2 * g] === density && key[2 * g + 1] === sinceCover) return;
  key[2 * g] = density;
  key[2 * g + 1] = sinceCover;
  const maxMonths = Math.max(0, Math.round(MONTHS * yearsInsured(lastAge, rule.entryAge, year, Infinity)));
  const tenure = a.groups[g].tenure;
  let routes = ws.routes[g];
  let sums = ws.tenureSums[g];
  if (!routes || ws.qualifyingDensity[g] !== density) {
    // The routes depend on the density only: another table when it changes.
    const grant = scheme.benefits.invalidityGrant;
    routes = ws.routes[g] = sharedRoutes(density, { ...rule, grantMinMonths: grant ? grant.minMonths : null, grantInterest: grant ? grant.interest : 0 }, maxMonths);
    if (tenure) sums = ws.tenureSums[g] = tenureSums(tenureWeights(tenure.maxYears, tenure.turnover), routes, (m) => fullRate(inv, m * density, rule.minMonths));
    ws.qualifyingDensity[g] = density;
  }
  const at = g * AGES;
  let lastRate = NaN;
  let logRate = -Infinity;
  const terms = ws.invalidityTermsByAge;
  for (let x = 0; x <= lastAge; x++) {
    const servedMonths = MONTHS * yearsInsured(x, rule.entryAge, year, cover.fromYear);
    const months = Math.min(maxMonths, Math.round(servedMonths));
    // The rate counts the mean months of contributions, unrounded.
    const rateAtMonths = fullRate(inv, servedMonths * density, rule.minMonths);
    // Entry into insurance at x + ½ − (months insured)/12 must be below the highest age of entry.
    const fewest = Math.max(0, Math.floor(MONTHS * (x + 0.5 - rule.maxEntryAge)) + 1);
    const full = TERMS * x;
    routeAt(routes, months);
    if (months < fewest) terms.fill(0, full, full + TERMS);
    else if (sums) tenureTerms(sums, routes, months, fewest, rateAtMonths, terms, full);
    else {
      terms[full + Term.Full] = routes.full[months];
      terms[full + Term.Reduced] = routes.reduced[months];
      terms[full + Term.Grant] = routes.grant[months];
      terms[full + Term.GrantMonths] = routes.grantMonths[months];
      terms[full + Term.FullRate] = routes.full[months] * rateAtMonths;
    }
    ws.invalidityQualifying[at + x] = terms[full + Term.Full];
    ws.invalidityReduced[at + x] = terms[full + Term.Reduced];
    ws.invalidityGrant[at + x] = terms[full + Term.Grant];
    ws.invalidityGrantMonths[at + x] = terms[full + Term.GrantMonths];
    // The full pension's rate, averaged over those who qualify for it.
    const rate = sums && terms[full + Term.Full] > 0 ? terms[full + Term.FullRate] / terms[full + Term.Full] : rateAtMonths;
    // The rate reaches its maximum after a few years of contributions: its logarithm is
    // recomputed only when it changes from one age to the next.
    if (rate !== lastRate) {
      logRate = Math.log(rate);
      lastRate = rate;
    }
    ws.invalidityRate[at + x] = rate;
    ws.invalidityLogRate[at + x] = logRate;
  }
}

function fullRate(inv: SchemeAssumptions['benefits']['invalidity'], contributionMonths: number, minMonths: number): number {
  return inv ? invalidityRate(inv.baseRate, inv.incrementPerYear, inv.maxRate, contributionMonths, minMonths) : 0;
}

const Term = InvalidityTerm;
const TERMS = INVALIDITY_TERMS;

/**
 * Prefix sums over the months since arrival t of w(t) × each term at t months insured (the
 * full pension's share × its rate for FullRate), and of w(t) alone (the last of each row of
 * TERMS + 1), so that the mean over the tenure of a term at min(M, t) months takes O(1).
 */
function tenureSums(weights: Float64Array, routes: RouteTable, rate: (months: number) => number): Float64Array {
  const n = weights.length;
  const last = routes.full.length - 1;
  const sums = new Float64Array((n + 1) * (TERMS + 1));
  for (let t = 0; t < n; t++) {
    const m = Math.min(t, last);
    routeAt(routes, m);
    const w = weights[t];
    const from = t * (TERMS + 1);
    const to = from + TERMS + 1;
    sums[to + Term.Full] = sums[from + Term.Full] + w * routes.full[m];
    sums[to + Term.Reduced] = sums[from + Term.Reduced] + w * routes.reduced[m];
    sums[to + Term.Grant] = sums[from + Term.Grant] + w * routes.grant[m];
    sums[to + Term.GrantMonths] = sums[from + Term.GrantMonths] + w * routes.grantMonths[m];
    sums[to + Term.FullRate] = sums[from + Term.FullRate] + w * routes.full[m] * rate(m);
    sums[to + TERMS] = sums[from + TERMS] + w;
  }
  return sums;
}

/**
 * The mean of each term over the months since arrival t for a person insured for `months`
 * months at most: Σ_{fewest ≤ t < months} w(t)·term(t) + P(t ≥ max(months, fewest))·term(months),
 * into terms[at..at + TERMS).
 */
function tenureTerms(sums: Float64Array, routes: RouteTable, months: number, fewest: number, rateAtMonths: number, terms: Float64Array, at: number): void {
  const row = TERMS + 1;
  const n = sums.length / row - 1;
  const lo = Math.min(fewest, n);
  const hi = Math.max(lo, Math.min(months, n));
  const longer = sums[n * row + TERMS] - sums[hi * row + TERMS];
  const between = (k: number) => sums[hi * row + k] - sums[lo * row + k];
  terms[at + Term.Full] = between(Term.Full) + longer * routes.full[months];
  terms[at + Term.Reduced] = between(Term.Reduced) + longer * routes.reduced[months];
  terms[at + Term.Grant] = between(Term.Grant) + longer * routes.grant[months];
  terms[at + Term.GrantMonths] = between(Term.GrantMonths) + longer * routes.grantMonths[months];
  terms[at + Term.FullRate] = between(Term.FullRate) + longer * routes.full[months] * rateAtMonths;
}

/** The total contribution rate of a group's schedule in year i (0 for a flat amount). */
function totalRate(cover: CoverAssumptions, i: number): number {
  const schedule = cover.contributions;
  if (schedule.flatMonthly) return 0;
  let rate = 0;
  for (const r of schedule.rates) rate += r[i];
  return rate;
}

function record(ws: Workspace, out: SchemeProjection, outgoColumn: number, row: number, g: number, s: number, i: number, cases: number, outgo: number): void {
  ws.outgo[outgoColumn] += outgo;
  addDetail(out, row, MEASURE.cases, g, s, i, cases);
  addDetail(out, row, MEASURE.outgo, g, s, i, outgo);
}

/** Persons referred to rehabilitation and return to work, at the year's cost per case. */
function rehabilitate(ws: Workspace, out: SchemeProjection, g: number, s: number, i: number, referred: number): void {
  record(ws, out, OUTGO.rehabilitation, DETAIL_BENEFIT.rehabilitation, g, s, i, referred, referred * ws.year[Year.RehabilitationCost]);
}

/** Deaths of insured persons the scheme pays on, and their funeral benefit. */
function recordDeaths(scheme: SchemeAssumptions, ws: Workspace, out: SchemeProjection, g: number, s: number, i: number, deaths: number): void {
  addDetail(out, DETAIL_BENEFIT.deaths, MEASURE.cases, g, s, i, deaths);
  const funeral = scheme.benefits.funeral;
  if (!funeral) return;
  record(ws, out, OUTGO.funeral, DETAIL_BENEFIT.funeral, g, s, i, deaths, deaths * funeral.payment[g][i]);
}

/** Registered and contributing persons of one group and sex by age band, when the projection keeps them. */
function keepBands(out: SchemeProjection, persons: Float64Array, g: number, s: number, i: number, lo: number, hi: number, compliance: number): void {
  const registered = out.registeredByBand;
  const at = bandIndex(i, g, s, out.groups);
  for (let x = lo; x <= hi; x++) registered[at + BAND_OF_AGE[x]] += persons[x];
  for (let b = BAND_OF_AGE[lo]; b <= BAND_OF_AGE[hi]; b++) out.contributingByBand[at + b] = registered[at + b] * compliance;
}

/** The year's insured totals of one group and sex: scheme flows and the tidy detail. */
/**
 * Arrears (methodology §2): the contributions the registered but non-compliant owe this year, of
 * which a share is recovered years_late later with interest; and the recovery due this year from
 * earlier arrears, paid by the arrears' payer. Returns this year's recovery.
 */
function collectArrears(c: GroupYear, arrears: ArrearsAssumptions, s: number, contributions: number, compliance: number): number {
  const { g, i, ws, out } = c;
  const Y = out.years;
  const at = (g * SEXES + s) * Y;
  // The contributions of the year at full compliance, less those collected.
  const owed = compliance > 0 ? (contributions * (1 - compliance)) / compliance : 0;
  if (i + arrears.yearsLate < Y) ws.arrearsDue[at + i + arrears.yearsLate] += owed * arrears.recoveredShare[i] * arrears.growth;
  const recovered = ws.arrearsDue[at + i];
  out.contributionsByPayer[arrears.payer][i] += recovered;
  out.arrearsRecovered[i] += recovered;
  return recovered;
}

function writeTotals(out: SchemeProjection, g: number, s: number, i: number, registered: number, contributing: number, wageBill: number, contributions: number): void {
  out.registered[i] += registered;
  out.contributing[i] += contributing;
  out.wageBill[i] += wageBill;
  const insured = DETAIL_BENEFIT.insured;
  addDetail(out, insured, MEASURE.registered, g, s, i, registered);
  addDetail(out, insured, MEASURE.contributing, g, s, i, contributing);
  addDetail(out, insured, MEASURE.wage_bill, g, s, i, wageBill);
  addDetail(out, insured, MEASURE.contributions, g, s, i, contributions);
}

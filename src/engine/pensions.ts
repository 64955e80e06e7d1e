/**
 * Pensions in payment (methodology §5): new awards and the yearly roll-forward of the stock,
 * by slot (workspace.ts), group of origin, sex and age.
 */
import type { Assumptions, DurationTerms, SchemeAssumptions } from '../assumptions/types.js';
import { DETAIL_BENEFIT, MEASURE, OUTGO, OUTGO_OF_PENSION, PENSION } from '../model.js';
import { WOOLHOUSE_MONTHLY, netDiscountFactor } from './annuity.js';
import { Awarded, addFamilyDeaths, awardFamilies } from './family.js';
import type { Family } from './family.js';
import { annuityFactors } from './valuation.js';
import { cohortFactors, cohortTable } from './cohort-annuity.js';
import type { AnnuityCache } from './valuation.js';
import { AGES, CELLS, FEMALE, MAX_AGE, SEXES, cell } from './layout.js';
import { BAND_OF_AGE, addDetail, pensionerBandIndex } from './result.js';
import type { SchemeProjection } from './result.js';
import { ROLL_SUMS, Roll, Year, cohortBase, stockIndex } from './workspace.js';
import type { Workspace } from './workspace.js';

/**
 * Steps 3–5 of the year (project.ts) for every pension type the scheme keeps: deaths, funeral
 * benefits, the year's survivors' and dependants' awards (on the deaths of insured persons and
 * of invalidity pensioners, made just before their pensions are rolled forward), payments, and
 * the stock at the end of the year, with amounts indexed for the next. The stock is kept by
 * cohort (workspace.ts), so survivors stay where they are and are a year older next year; new
 * awards are reset once consumed, so nothing needs clearing between years.
 */
export function rollPensions(a: Assumptions, scheme: SchemeAssumptions, q: Float64Array, i: number, ws: Workspace, out: SchemeProjection, annuities: AnnuityCache): void {
  const schemeIndex = a.schemes.indexOf(scheme);
  const G = a.groups.length;
  const Y = a.years;
  const b = scheme.benefits;
  const nextIndexation = i + 1 < Y ? 1 + scheme.pensionIndexation[i + 1] : 1;
  // Capital values at the year's discount rate, net of the scheme's pension indexation.
  const v = netDiscountFactor(a.economy.discountRate[i], scheme.pensionIndexation[i]);
  // A shock to the year's mortality of pensioners moves the cash flows, not the valuation basis.
  const shock = ws.year[Year.PensionerMortalityScale];
  for (let slot = 0; slot < ws.types.length; slot++) {
    // The year's deaths that leave dependants' or survivors' pensions are all in by the time
    // these pensions are rolled forward: their awards are made then.
    for (const family of ws.families) {
      if (slot === Math.min(family.spouseSlot, family.childSlot)) {
        for (let g = 0; g < G; g++) {
          if (!scheme.cover[g]) continue;
          const awarded = ws.otherDependants.fill(0);
          awardFamilies(ws, family, g, G, awarded);
          if (out.paysOtherDependants) recordOtherDependants(out, awarded, g, i);
        }
      }
    }
    const typeName = ws.types[slot];
    const type = PENSION[typeName];
    const outgoColumn = OUTGO[OUTGO_OF_PENSION[typeName]];
    const childLimit = typeName === 'dependants_children' ? b.dependants?.childAgeLimit : typeName === 'survivors_children' ? b.survivors?.childAgeLimit : undefined;
    // A pension is carried into next year while the pensioner will then be below `endAge`: for
    // life (111: nobody passes 110), or for children to the age limit.
    const endAge = childLimit ?? AGES;
    const lastAge = Math.min(MAX_AGE, endAge);
    const paysFuneral = b.funeral !== undefined && (typeName === 'permanent_disablement' || typeName === 'invalidity_pension');
    // Education assistance goes with the children's pensions in payment, by the child's age.
    const education = childLimit !== undefined && b.education ? b.education : null;
    const educationIndex = education ? education.index[i] : 0;
    // Deaths of invalidity pensioners leave survivors' pensions.
    const survivors = typeName === 'invalidity_pension' ? ws.survivors : null;
    const row = DETAIL_BENEFIT[typeName];
    for (let g = 0; g < G; g++) {
      // Pensions arise only in groups the scheme covers (the base stock too).
      if (!scheme.cover[g]) continue;
      const mortality = a.pensionMortality[type] * a.groups[g].mortalityRisk;
      const byDuration = typeName === 'invalidity_pension' ? b.invalidity?.byDuration ?? null : null;
      // Factors of this year's awards, and of the end of the year (a year older, next year's).
      const cohort = a.capitalValueMortality === 'cohort' ? cohortTable(a, schemeIndex, mortality, endAge, byDuration) : null;
      const periodSelect = byDuration && !cohort ? selectAnnuities(ws.selectAnnuity, q, mortality, byDuration, v) : null;
      const annuity = cohort ? cohortFactors(cohort, i) : periodSelect ?? annuityFactors(annuities, q, mortality, endAge, v);
      const liabilityTerms: BlockTerms = { exit: 0, paidShare: 1, liabilityAnnuity: cohort ? cohortFactors(cohort, i + 1) : null };
      const durationFactors = byDuration
        ? {
            now: (d: number) => (cohort ? cohortFactors(cohort, i, d) : periodFactors(ws.selectAnnuity, d, byDuration.durations)),
            next: (d: number) => (cohort ? cohortFactors(cohort, i + 1, d) : periodFactors(ws.selectAnnuity, d, byDuration.durations)),
          }
        : null;
      const funeralAmount = paysFuneral ? b.funeral!.payment[g][i] : 0;
      for (let s = 0; s < SEXES; s++) {
        const stock = cohortBase(ws, slot, g, G, s, i, Y);
        const awards = stockIndex(slot, g, G, cell(s, 0));
        const qs = cell(s, 0);
        const bandAt = pensionerBandIndex(slot, i, g, s, G, Y);
        if (byDuration) rollByDuration(ws, byDuration, durationFactors!, survivors, g, G, s, i, Y, q, mortality, shock, v, scheme.ageMax, lastAge, endAge, nextIndexation, out.pensionersByBand, bandAt);
        else {
          if (survivors) addPensionerDeaths(ws, survivors, g, s, stock, awards, q, mortality * shock, lastAge);
          if (education) assistEducation(ws, out, education.annualByAge, educationIndex, stock, awards, lastAge, g, s, i);
          rollBlock(ws, stock, awards, q, qs, mortality * shock, annuity, lastAge, endAge, nextIndexation, out.pensionersByBand, bandAt, cohort ? liabilityTerms : ULTIMATE);
        }
        const sums = ws.rollSums;
        const paid = sums[Roll.Paid];
        const awarded = sums[Roll.Awarded];
        const awardedAmount = sums[Roll.AwardedAmount];
        const remaining = sums[Roll.Remaining];
        const remainingAmount = sums[Roll.RemainingAmount];
        const deaths = sums[Roll.Deaths];
        const capitalValue = sums[Roll.CapitalValue];
        const liability = sums[Roll.Liability];
        ws.outgo[outgoColumn] += paid;
        addDetail(out, row, MEASURE.new_awards, g, s, i, awarded);
        addDetail(out, row, MEASURE.new_awards_annual_amount, g, s, i, awardedAmount);
        addDetail(out, row, MEASURE.beneficiaries_end, g, s, i, remaining);
        addDetail(out, row, MEASURE.annual_amount_end, g, s, i, remainingAmount);
        addDetail(out, row, MEASURE.outgo, g, s, i, paid);
        addDetail(out, row, MEASURE.capital_value_new_awards, g, s, i, capitalValue);
        addDetail(out, row, MEASURE.liability_end, g, s, i, liability);
        out.capitalValueNewAwards[i] += capitalValue;
        out.liabilityEnd[i] += liability;
        if (paysFuneral && deaths > 0) {
          ws.outgo[OUTGO.funeral] += deaths * funeralAmount;
          addDetail(out, DETAIL_BENEFIT.funeral, MEASURE.cases, g, s, i, deaths);
          addDetail(out, DETAIL_BENEFIT.funeral, MEASURE.outgo, g, s, i, deaths * funeralAmount);
        }
      }
    }
  }
}

/**
 * Invalidity pensions of one (group, sex) by duration since award (methodology §5, "Select
 * period"): the ultimate block (the type's own slot, the pensions in payment at the start among
 * them) and one block per select year after the types' slots, each rolled with its mortality
 * multiplier, recovery and share paid, and valued at the end of the year on the next
 * duration's factors; then each select block moves on a year (the last into the ultimate one)
 * and the year's awards, rolled in the first, start their second year. ws.rollSums gets the
 * sums of all the blocks.
 */
function rollByDuration(
  ws: Workspace,
  terms: DurationTerms,
  factors: { now: (d: number) => Float64Array; next: (d: number) => Float64Array },
  survivors: Family | null,
  g: number,
  G: number,
  s: number,
  i: number,
  Y: number,
  q: Float64Array,
  mortality: number,
  shock: number,
  v: number,
  ageMax: number,
  lastAge: number,
  endAge: number,
  nextIndexation: number,
  bands: Float64Array,
  bandAt: number,
): void {
  const D = terms.durations;
  const slot = ws.slot[PENSION.invalidity_pension];
  const qs = cell(s, 0);
  const total = ws.durationSums.fill(0);
  // An award made mid-year is paid half the year at the award year's share, and those who
  // neither die (q/2) nor recover (r/2) go on at the next duration's factors a year older.
  const awardValue = ws.awardValue;
  const second = factors.next(Math.min(1, D));
  const m0 = mortality * terms.mortality[0];
  for (let x = 0; x <= Math.min(lastAge, ageMax + D + 1); x++) {
    const stay = x < MAX_AGE ? (1 - Math.min(1, q[qs + x] * m0) / 2) * (1 - terms.recovery[0] / 2) : 0;
    awardValue[x] = terms.paid[0] / 2 + (x < MAX_AGE ? v * stay * second[qs + x + 1] : 0);
  }
  // A select block holds awards of at most ageMax, D years on at most: its rolls stop there.
  const selectLast = Math.min(lastAge, ageMax + D + 1);
  const roll = (block: number, awards: number, d: number) => {
    const m = mortality * terms.mortality[d];
    const last = d === D ? lastAge : selectLast;
    if (survivors) addPensionerDeaths(ws, survivors, g, s, block, awards, q, m * shock, last);
    rollBlock(ws, block, awards, q, qs, m * shock, factors.now(d), last, endAge, nextIndexation, bands, bandAt, {
      exit: terms.recovery[d],
      paidShare: terms.paid[d],
      liabilityAnnuity: factors.next(Math.min(d + 1, D)),
      ...(d === 0 ? { awardValue } : {}),
    });
    for (let k = 0; k < ROLL_SUMS; k++) total[k] += ws.rollSums[k];
  };
  const none = ws.noAwards + qs;
  const ultimate = cohortBase(ws, slot, g, G, s, i, Y);
  const select = (d: number) => cohortBase(ws, ws.types.length + d, g, G, s, i, Y);
  roll(ultimate, none, D);
  for (let d = D - 1; d >= 0; d--) roll(select(d), d === 0 ? stockIndex(slot, g, G, qs) : none, d);
  // A year on: each block's survivors, kept at their cohort positions, join the next duration.
  for (let d = D - 1; d >= 0; d--) {
    const from = select(d);
    const to = d === D - 1 ? ultimate : select(d + 1);
    for (let x = 0; x <= selectLast; x++) {
      const n = ws.stockCount[from + x];
      if (n === 0) continue;
      ws.stockCount[to + x] += n;
      ws.stockAmount[to + x] += ws.stockAmount[from + x];
      ws.stockCount[from + x] = 0;
      ws.stockAmount[from + x] = 0;
    }
  }
  ws.rollSums.set(total);
}

/** The period factors of duration d (at most the ultimate D) within selectAnnuities' table. */
function periodFactors(table: Float64Array, d: number, D: number): Float64Array {
  const at = Math.min(d, D) * CELLS;
  return table.subarray(at, at + CELLS);
}

/**
 * Annuity factors of invalidity pensions by duration d = 0..D into `out` `[d][sex][age]`, on the
 * year's mortality (methodology §5, "Select period"): for the ultimate duration
 * ä_x = p_D + v·(1 − q_x·m·m_D)(1 − r_D)·ä_{x+1}, and for a select year
 * ä^d_x = p_d + v·(1 − q_x·m·m_d)(1 − r_d)·ä^{d+1}_{x+1}, p the share paid and r the recovery,
 * each less the Woolhouse term 11/24·p_d·(1 − vⁿ·ₙp) for monthly payments. Returns `out`.
 */
function selectAnnuities(out: Float64Array, q: Float64Array, mortality: number, terms: DurationTerms, v: number): Float64Array {
  const D = terms.durations;
  for (let s = 0; s < SEXES; s++) {
    const qs = cell(s, 0);
    for (let d = D; d >= 0; d--) {
      const next = Math.min(d + 1, D) * CELLS + qs;
      const at = d * CELLS + qs;
      // The annual factor of the next duration at x + 1, before its Woolhouse term is taken off.
      const woolhouseNext = WOOLHOUSE_MONTHLY * terms.paid[Math.min(d + 1, D)];
      for (let x = AGES - 1; x >= 0; x--) {
        const last = x === AGES - 1;
        const discount = last ? 0 : v * (1 - Math.min(1, q[qs + x] * mortality * terms.mortality[d])) * (1 - terms.recovery[d]);
        const nextAnnual = last ? 0 : out[next + x + 1] + woolhouseNext;
        // For life the whole Woolhouse term applies (vⁿ·ₙp_x to no limit is 0), as annuity.ts.
        out[at + x] = terms.paid[d] + discount * nextAnnual - WOOLHOUSE_MONTHLY * terms.paid[d];
      }
    }
  }
  return out.subarray(0, CELLS);
}

/**
 * Education assistance on one block of children's pensions: the children in payment in the
 * year (the stock at the start and half the year's awards, as pensions are paid) at each age ×
 * the age's cost (take-up included) × the year's index. Read before the block is rolled.
 */
function assistEducation(ws: Workspace, out: SchemeProjection, annualByAge: Float64Array, index: number, stock: number, awards: number, lastAge: number, g: number, s: number, i: number): void {
  let children = 0;
  let outgo = 0;
  for (let x = 0; x <= lastAge; x++) {
    const cost = annualByAge[x];
    if (cost === 0) continue;
    const n = ws.stockCount[stock + x] + 0.5 * ws.newCount[awards + x];
    children += n;
    outgo += n * cost;
  }
  outgo *= index;
  ws.outgo[OUTGO.education] += outgo;
  addDetail(out, DETAIL_BENEFIT.education, MEASURE.cases, g, s, i, children);
  addDetail(out, DETAIL_BENEFIT.education, MEASURE.outgo, g, s, i, outgo);
}

/**
 * One (slot, group, sex) block of the stock through the year: deaths at q × `mortality`,
 * payments, capital values of the awards, and the survivors carried into next year with their
 * liability. Its sums go to ws.rollSums, and the beneficiaries carried forward, by band of age,
 * to `bands` from `bandAt` (when the projection keeps them: `bands` is empty otherwise).
 *
 * The loop over the ages carried forward has no branches, as it is the engine's hottest: the
 * ages that are not carried are a second loop (children who reach the age limit at the end of
 * the year, an award split onto the limit itself, and the last age of the table).
 */
function rollBlock(
  ws: Workspace,
  stock: number,
  awards: number,
  q: Float64Array,
  qs: number,
  mortality: number,
  annuity: Float64Array,
  lastAge: number,
  endAge: number,
  nextIndexation: number,
  bands: Float64Array,
  bandAt: number,
  select: BlockTerms = ULTIMATE,
): void {
  const liabilityAnnuity = select.liabilityAnnuity ?? annuity;
  const exit = select.exit;
  const halfExit = exit / 2;
  const paidShare = select.paidShare;
  const awardValue = select.awardValue;
  const stockCount = ws.stockCount;
  const stockAmount = ws.stockAmount;
  const newCount = ws.newCount;
  const newAmount = ws.newAmount;
  let from = 0;
  while (from <= lastAge && stockCount[stock + from] === 0 && newCount[awards + from] === 0) from++;
  let paid = 0;
  let awarded = 0;
  let awardedAmount = 0;
  let remaining = 0;
  let remainingAmount = 0;
  let deaths = 0;
  let capitalValue = 0;
  let liability = 0;
  // Carried into next year while the pensioner will then be below `endAge` and 110 or less.
  const lastKept = Math.min(Math.ceil(endAge) - 2, MAX_AGE - 1, lastAge);
  for (let x = from; x <= lastKept; x++) {
    const n = stockCount[stock + x];
    const newN = newCount[awards + x];
    const amount = stockAmount[stock + x];
    const awardAmount = newAmount[awards + x];
    newCount[awards + x] = 0;
    newAmount[awards + x] = 0;
    const qx = Math.min(1, q[qs + x] * mortality);
    const halfQ = qx / 2;
    // Suspended pensions are kept but not paid; those who recover leave mid-year, as deaths do.
    paid += (amount * (1 - halfQ - halfExit) + awardAmount / 2) * paidShare;
    awarded += newN;
    awardedAmount += awardAmount;
    // Awards are made mid-year at age last birthday x, so at exact age x + ½ on average.
    const annuityNext = annuity[qs + x + 1];
    capitalValue += awardAmount * (awardValue ? awardValue[x] : (annuity[qs + x] + annuityNext) / 2);
    const diedN = n * qx + newN * halfQ;
    const diedAmount = amount * qx + awardAmount * halfQ;
    deaths += diedN;
    const keptN = n + newN - diedN - ((n - n * qx) * exit + (newN - newN * halfQ) * halfExit);
    const keptAmount = amount + awardAmount - diedAmount - ((amount - amount * qx) * exit + (awardAmount - awardAmount * halfQ) * halfExit);
    const nextAmount = keptAmount * nextIndexation;
    stockCount[stock + x] = keptN;
    stockAmount[stock + x] = nextAmount;
    remaining += keptN;
    remainingAmount += keptAmount;
    // Valued at the end of the year: next year's amount, a year older.
    liability += nextAmount * liabilityAnnuity[qs + x + 1];
  }
  // Those carried into next year by band of this year's age, when the projection keeps them.
  if (bands.length > 0) addBands(bands, bandAt, stockCount, stock, from, lastKept);
  // Paid this year, not carried: children reaching the age limit, an award split onto the limit
  // itself, and the last age of the table (nobody survives it).
  for (let x = Math.max(from, lastKept + 1); x <= lastAge; x++) {
    const n = stockCount[stock + x];
    const newN = newCount[awards + x];
    const amount = stockAmount[stock + x];
    const awardAmount = newAmount[awards + x];
    newCount[awards + x] = 0;
    newAmount[awards + x] = 0;
    stockCount[stock + x] = 0;
    stockAmount[stock + x] = 0;
    const qx = x === MAX_AGE ? 1 : Math.min(1, q[qs + x] * mortality);
    const halfQ = qx / 2;
    paid += (amount * (1 - halfQ - halfExit) + awardAmount / 2) * paidShare;
    awarded += newN;
    awardedAmount += awardAmount;
    capitalValue += awardAmount * (awardValue ? awardValue[x] : x < MAX_AGE ? (annuity[qs + x] + annuity[qs + x + 1]) / 2 : annuity[qs + x]);
    deaths += n * qx + newN * halfQ;
  }
  const sums = ws.rollSums;
  sums[Roll.Paid] = paid;
  sums[Roll.Awarded] = awarded;
  sums[Roll.AwardedAmount] = awardedAmount;
  sums[Roll.Remaining] = remaining;
  sums[Roll.RemainingAmount] = remainingAmount;
  sums[Roll.Deaths] = deaths;
  sums[Roll.CapitalValue] = capitalValue;
  sums[Roll.Liability] = liability;
}

/**
 * What a block of pensions in their select period (or after it) has besides its mortality
 * multiplier (methodology §5, "Select period"): the yearly rate of recovery (an exit that is not
 * a death), the share of pensions paid (the rest suspended), and the annuity factors its end of
 * year is valued on (the next duration's; the block's own when absent).
 */
export interface BlockTerms {
  exit: number;
  paidShare: number;
  liabilityAnnuity: Float64Array | null;
  /** The capital value of an award of 1 a year by age `[age]`, where the award year has terms of its own; else the mean of the factors at x and x + 1. */
  awardValue?: Float64Array;
}
const ULTIMATE: BlockTerms = { exit: 0, paidShare: 1, liabilityAnnuity: null };

/** Adds the counts at positions from..to of a block to their bands of age (a function of its own, to keep rollBlock's loop as it was). */
function addBands(bands: Float64Array, bandAt: number, counts: Float64Array, at: number, from: number, to: number): void {
  for (let x = from; x <= to; x++) bands[bandAt + BAND_OF_AGE[x]] += counts[at + x];
}

/**
 * The year's deaths among one (group, sex) block of pensions whose deaths leave survivors'
 * pensions, with the annual amounts they leave, as rollBlock will count them (mid-year awards
 * exposed for half a year). Taken in a pass of its own before the block is rolled forward, so
 * that the hot loop of every other block stays as short as it can be.
 */
function addPensionerDeaths(ws: Workspace, family: Family, g: number, s: number, stock: number, awards: number, q: Float64Array, mortality: number, lastAge: number): void {
  const stockCount = ws.stockCount;
  const stockAmount = ws.stockAmount;
  const newCount = ws.newCount;
  const newAmount = ws.newAmount;
  const qs = cell(s, 0);
  for (let x = 0; x <= lastAge; x++) {
    const n = stockCount[stock + x];
    const newN = newCount[awards + x];
    if (n === 0 && newN === 0) continue;
    const qx = x === MAX_AGE ? 1 : Math.min(1, q[qs + x] * mortality);
    addFamilyDeaths(family, g, qs + x, n * qx + newN * (qx / 2), stockAmount[stock + x] * qx + newAmount[awards + x] * (qx / 2));
  }
}

/**
 * The parents' and siblings' awards of a group's year in the detail: parents' at the mother's
 * (women's rows), siblings' split evenly between the sexes, as their pensions are.
 */
function recordOtherDependants(out: SchemeProjection, awarded: Float64Array, g: number, i: number): void {
  const parents = DETAIL_BENEFIT.parents_awards;
  addDetail(out, parents, MEASURE.new_awards, g, FEMALE, i, awarded[Awarded.Parents]);
  addDetail(out, parents, MEASURE.new_awards_annual_amount, g, FEMALE, i, awarded[Awarded.ParentsAmount]);
  const siblings = DETAIL_BENEFIT.siblings_awards;
  for (let s = 0; s < SEXES; s++) {
    addDetail(out, siblings, MEASURE.new_awards, g, s, i, awarded[Awarded.Siblings] / SEXES);
    addDetail(out, siblings, MEASURE.new_awards_annual_amount, g, s, i, awarded[Awarded.SiblingsAmount] / SEXES);
  }
}

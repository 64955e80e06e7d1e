/**
 * Pensions in payment (methodology §5): new awards and the yearly roll-forward of the stock,
 * by slot (workspace.ts), group of origin, sex and age.
 */
import type { Assumptions, SchemeAssumptions } from '../assumptions/types.js';
import { DETAIL_BENEFIT, MEASURE, OUTGO, OUTGO_OF_PENSION, PENSION } from '../model.js';
import { netDiscountFactor } from './annuity.js';
import { awardSurvivors } from './family.js';
import { annuityFactors } from './valuation.js';
import type { AnnuityCache } from './valuation.js';
import { AGES, MAX_AGE, SEXES, cell } from './layout.js';
import { addDetail } from './result.js';
import type { SchemeProjection } from './result.js';
import { Year, cohortBase, stockIndex } from './workspace.js';
import type { Workspace } from './workspace.js';

/**
 * Steps 3–5 of the year (project.ts) for every pension type the scheme keeps: deaths, funeral
 * benefits and survivors' awards on pensioners' deaths, payments, and the stock at the end of
 * the year, with amounts indexed for the next. The stock is kept by cohort (workspace.ts), so
 * survivors stay where they are and are a year older next year; new awards are reset once
 * consumed, so nothing needs clearing between years.
 */
export function rollPensions(a: Assumptions, scheme: SchemeAssumptions, q: Float64Array, i: number, ws: Workspace, out: SchemeProjection, annuities: AnnuityCache): void {
  const G = a.groups.length;
  const Y = a.years;
  const b = scheme.benefits;
  const nextIndexation = i + 1 < Y ? 1 + scheme.pensionIndexation[i + 1] : 1;
  const stockCount = ws.stockCount;
  const stockAmount = ws.stockAmount;
  const newCount = ws.newCount;
  const newAmount = ws.newAmount;
  const survivorsSpouse = ws.slot[PENSION.survivors_spouse];
  const survivorsChildren = ws.slot[PENSION.survivors_children];
  // Capital values at the year's discount rate, net of the scheme's pension indexation.
  const v = netDiscountFactor(a.economy.discountRate[i], scheme.pensionIndexation[i]);
  // A shock to the year's mortality of pensioners moves the cash flows, not the valuation basis.
  const shock = ws.year[Year.PensionerMortalityScale];
  for (let slot = 0; slot < ws.types.length; slot++) {
    const typeName = ws.types[slot];
    const type = PENSION[typeName];
    const outgoColumn = OUTGO[OUTGO_OF_PENSION[typeName]];
    const childLimit = typeName === 'dependants_children' ? b.dependants?.childAgeLimit : typeName === 'survivors_children' ? b.survivors?.childAgeLimit : undefined;
    // A pension is carried into next year while the pensioner will then be below `endAge`: for
    // life (111: nobody passes 110), or for children to the age limit.
    const endAge = childLimit ?? AGES;
    const lastAge = Math.min(MAX_AGE, endAge);
    const paysFuneral = b.funeral !== undefined && (typeName === 'permanent_disablement' || typeName === 'invalidity_pension');
    const survivors = typeName === 'invalidity_pension' ? ws.survivorsTargets : null;
    const row = DETAIL_BENEFIT[typeName];
    for (let g = 0; g < G; g++) {
      // Pensions arise only in groups the scheme covers (the base stock too).
      if (!scheme.cover[g]) continue;
      const mortality = a.pensionMortality[type] * a.groups[g].mortalityRisk;
      const annuity = annuityFactors(annuities, q, mortality, endAge, v);
      const funeralAmount = paysFuneral ? b.funeral!.amountByGroup[g] * b.funeral!.index[i] : 0;
      for (let s = 0; s < SEXES; s++) {
        let paid = 0;
        let awarded = 0;
        let awardedAmount = 0;
        let remaining = 0;
        let remainingAmount = 0;
        let deaths = 0;
        let capitalValue = 0;
        let liability = 0;
        const stock = cohortBase(ws, slot, g, G, s, i, Y);
        const awards = stockIndex(slot, g, G, cell(s, 0));
        const qs = cell(s, 0);
        // An award split onto the children's age limit itself is paid for its half year and
        // not carried forward.
        for (let x = 0; x <= lastAge; x++) {
          const n = stockCount[stock + x];
          const newN = newCount[awards + x];
          if (n === 0 && newN === 0) continue;
          const amount = stockAmount[stock + x];
          const awardAmount = newAmount[awards + x];
          newCount[awards + x] = 0;
          newAmount[awards + x] = 0;
          const qx = x === MAX_AGE ? 1 : Math.min(1, q[qs + x] * mortality * shock);
          paid += amount * (1 - qx / 2) + awardAmount / 2;
          awarded += newN;
          awardedAmount += awardAmount;
          // Awards are made mid-year at age last birthday x, so at exact age x + ½ on average.
          capitalValue += awardAmount * (x < MAX_AGE ? (annuity[qs + x] + annuity[qs + x + 1]) / 2 : annuity[qs + x]);
          const diedN = n * qx + newN * (qx / 2);
          const diedAmount = amount * qx + awardAmount * (qx / 2);
          deaths += diedN;
          if (survivors && diedN > 0) awardSurvivors(ws, survivors, survivorsSpouse, survivorsChildren, g, G, qs + x, diedN, diedAmount);
          if (x + 1 < endAge && x < MAX_AGE) {
            const keptN = n + newN - diedN;
            const keptAmount = amount + awardAmount - diedAmount;
            stockCount[stock + x] = keptN;
            stockAmount[stock + x] = keptAmount * nextIndexation;
            remaining += keptN;
            remainingAmount += keptAmount;
            // Valued at the end of the year: next year's amount, a year older.
            liability += keptAmount * nextIndexation * annuity[qs + x + 1];
          } else {
            stockCount[stock + x] = 0;
            stockAmount[stock + x] = 0;
          }
        }
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

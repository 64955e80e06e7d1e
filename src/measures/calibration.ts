/**
 * The model's value of each calibration target in the first projection year, and its
 * difference from the published figure brought to that year: annualised if it covers part of
 * a year, and rolled forward from its own year by the growth series the target names
 * (data/calibration/roll-forward.csv). The projection starts in its first year and cannot run
 * backwards, so an earlier figure is moved to the model's year, never the model to the
 * figure's. A target the scenario cannot answer (a scheme or group it does not have, a
 * quantity the model does not have) has no model value, and says why.
 */
import type { Assumptions } from '../assumptions/types.js';
import type { CalibrationTarget, GrowthStep } from '../assumptions/targets.js';
import { COMMUTING_COUNTS, DETAIL_BENEFIT, DETAIL_BENEFITS, MEASURE, OUTGO_COLUMNS, PENSION_TYPES } from '../model.js';
import type { DetailBenefit, OutgoColumn } from '../model.js';
import { detailIndex } from '../engine/result.js';
import type { Projection, SchemeProjection } from '../engine/result.js';
import { messages } from '../messages.js';

export interface CalibrationRow {
  target: CalibrationTarget;
  modelYear: number;
  /** The growth steps applied (empty for a figure of the model's year). */
  steps: GrowthStep[];
  /** Published × annualise × roll-forward: the published figure on the model year's basis; null if it cannot be brought there. */
  factor: number | null;
  expected: number | null;
  model: number | null;
  /** (model − expected) / expected, or null. */
  difference: number | null;
  /** Why there is no comparison ('' when there is one). */
  reason: string;
}

type Value = { value: number } | { reason: string };

/** Sum of a detail quantity of one year over sexes and the chosen groups. */
function detailSum(s: SchemeProjection, benefit: DetailBenefit, measure: keyof typeof MEASURE, groups: readonly number[], i: number): number {
  let total = 0;
  for (const g of groups) for (let sex = 0; sex < 2; sex++) total += s.detail[detailIndex(DETAIL_BENEFIT[benefit], MEASURE[measure], g, sex, s.groups, s.years) + i];
  return total;
}

function modelValue(a: Assumptions, p: Projection, t: CalibrationTarget, i: number): Value {
  if (t.quantity === 'employers') return { reason: messages.calibrationEmployers() };
  if (t.quantity === 'commuting_outgo') return { reason: messages.calibrationCommuting() };
  const schemes = t.schemes.map((id) => p.schemes.find((s) => s.id === id));
  const missing = t.schemes.filter((_, k) => schemes[k] === undefined);
  if (missing.length > 0) return { reason: messages.calibrationNoScheme(missing) };
  const groupIndex = t.group ? p.groupIds.indexOf(t.group) : -1;
  if (t.group && groupIndex < 0) return { reason: messages.calibrationNoGroup(t.group) };
  const groups = t.group ? [groupIndex] : p.groupIds.map((_, g) => g);
  let total = 0;
  for (const s of schemes as SchemeProjection[]) {
    const [kind, what] = t.quantity.split(':');
    switch (kind) {
      case 'cases':
        for (const benefit of what.split('+')) {
          if (!(DETAIL_BENEFITS as readonly string[]).includes(benefit)) return { reason: messages.calibrationUnknownColumn(benefit) };
          if (COMMUTING_COUNTS.includes(benefit as DetailBenefit) && !s.splitsCommuting) return { reason: messages.calibrationNoSplit(s.id) };
          total += detailSum(s, benefit as DetailBenefit, 'cases', groups, i);
        }
        break;
      case 'outgo':
        for (const column of what.split('+')) {
          if (!(OUTGO_COLUMNS as readonly string[]).includes(column)) return { reason: messages.calibrationUnknownColumn(column) };
          total += s.outgo[column as OutgoColumn][i];
        }
        break;
      case 'benefits':
        total += s.benefits[i];
        break;
      case 'beneficiaries':
        for (const type of PENSION_TYPES) if (type !== 'constant_attendance') total += detailSum(s, type, 'beneficiaries_end', groups, i);
        break;
      case 'registered':
        total += detailSum(s, 'insured', 'registered', groups, i);
        break;
      case 'contributing':
        total += detailSum(s, 'insured', 'contributing', groups, i);
        break;
      case 'coverage_share': {
        const population = groups.reduce((sum, g) => sum + a.groups[g].population[i], 0);
        if (!(population > 0)) return { reason: messages.calibrationNoPopulation(t.group) };
        total += detailSum(s, 'insured', 'registered', groups, i) / population;
        break;
      }
      default:
        return { reason: messages.calibrationBadQuantity(t.quantity) };
    }
  }
  return { value: total };
}

/**
 * The factor that brings a figure of `t.year` to `modelYear`: the product of (1 + growth) over
 * the years after the figure's up to the model's (divided, for a figure of a later year).
 */
export function rollForwardFactor(t: CalibrationTarget, modelYear: number): { factor: number; steps: GrowthStep[] } | { reason: string } {
  if (t.year === modelYear) return { factor: 1, steps: [] };
  if (t.rollForward === null) return { reason: messages.calibrationNoSeries(t.year, modelYear) };
  const [from, to] = t.year < modelYear ? [t.year, modelYear] : [modelYear, t.year];
  const steps: GrowthStep[] = [];
  let product = 1;
  for (let year = from + 1; year <= to; year++) {
    const step = t.rollForward.steps.get(year);
    if (step === undefined) return { reason: messages.calibrationNoGrowth(t.rollForward.id, year, t.year, modelYear) };
    steps.push(step);
    product *= 1 + step.growth;
  }
  return { factor: t.year < modelYear ? product : 1 / product, steps };
}

export function calibrate(a: Assumptions, p: Projection, targets: readonly CalibrationTarget[]): CalibrationRow[] {
  const modelYear = p.startYear;
  return targets.map((target) => {
    const value = modelValue(a, p, target, 0);
    const rolled = rollForwardFactor(target, modelYear);
    const model = 'value' in value ? value.value : null;
    const factor = 'factor' in rolled ? rolled.factor : null;
    const expected = factor === null ? null : target.published * target.annualise * factor;
    const difference = model === null || expected === null || expected === 0 ? null : (model - expected) / expected;
    const reason = 'reason' in value ? value.reason : 'reason' in rolled ? rolled.reason : '';
    return { target, modelYear, steps: 'steps' in rolled ? rolled.steps : [], factor, expected, model, difference, reason };
  });
}

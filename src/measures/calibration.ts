/**
 * The model's value of each calibration target in the first projection year, and its
 * difference from the published figure. Reads results; a target the scenario cannot answer
 * (a scheme or group it does not have) has no model value.
 */
import type { Assumptions } from '../assumptions/types.js';
import type { CalibrationTarget } from '../assumptions/targets.js';
import { DETAIL_BENEFIT, DETAIL_BENEFITS, MEASURE, OUTGO_COLUMNS, PENSION_TYPES } from '../model.js';
import type { DetailBenefit, OutgoColumn } from '../model.js';
import { detailIndex } from '../engine/result.js';
import type { Projection, SchemeProjection } from '../engine/result.js';

export interface CalibrationRow {
  target: CalibrationTarget;
  modelYear: number;
  model: number | null;
  /** (model − published) / published, or null. */
  difference: number | null;
}

/** Sum of a detail quantity of one year over sexes and the chosen groups. */
function detailSum(s: SchemeProjection, benefit: DetailBenefit, measure: keyof typeof MEASURE, groups: readonly number[], i: number): number {
  let total = 0;
  for (const g of groups) for (let sex = 0; sex < 2; sex++) total += s.detail[detailIndex(DETAIL_BENEFIT[benefit], MEASURE[measure], g, sex, s.groups, s.years) + i];
  return total;
}

function modelValue(a: Assumptions, p: Projection, t: CalibrationTarget, i: number): number | null {
  const schemes = t.schemes.map((id) => p.schemes.find((s) => s.id === id));
  if (schemes.some((s) => s === undefined)) return null;
  const groupIndex = t.group ? p.groupIds.indexOf(t.group) : -1;
  if (t.group && groupIndex < 0) return null;
  const groups = t.group ? [groupIndex] : p.groupIds.map((_, g) => g);
  let total = 0;
  for (const s of schemes as SchemeProjection[]) {
    const [kind, what] = t.quantity.split(':');
    switch (kind) {
      case 'cases':
        if (!(DETAIL_BENEFITS as readonly string[]).includes(what)) return null;
        total += detailSum(s, what as DetailBenefit, 'cases', groups, i);
        break;
      case 'outgo':
        for (const column of what.split('+')) {
          if (!(OUTGO_COLUMNS as readonly string[]).includes(column)) return null;
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
        if (!(population > 0)) return null;
        total += detailSum(s, 'insured', 'registered', groups, i) / population;
        break;
      }
      default:
        return null;
    }
  }
  return total;
}

export function calibrate(a: Assumptions, p: Projection, targets: readonly CalibrationTarget[]): CalibrationRow[] {
  return targets.map((target) => {
    const model = modelValue(a, p, target, 0);
    const difference = model === null || target.published === 0 ? null : (model - target.published) / target.published;
    return { target, modelYear: p.startYear, model, difference };
  });
}

/**
 * Layout of the engine's typed arrays. Every age-sex array is flat, `[sex][age]`, and every
 * per-group array `[group][sex][age]`; these helpers are the only place that knows it.
 */
export const MAX_AGE = 110;
/** Ages 0..110. Nobody survives past 110: qx at 110 is taken as 1. */
export const AGES = MAX_AGE + 1;
export const SEXES = 2;
export const FEMALE = 0;
export const MALE = 1;
export const SEX_CODES = ['F', 'M'] as const;
/** Cells of one age-sex array. */
export const CELLS = SEXES * AGES;

export function cell(sex: number, age: number): number {
  return sex * AGES + age;
}

export function groupCell(group: number, sex: number, age: number): number {
  return (group * SEXES + sex) * AGES + age;
}

export function otherSex(sex: number): number {
  return 1 - sex;
}

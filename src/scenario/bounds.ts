/**
 * Allowed ranges of the scenario's numeric assumptions. One owner: the schema checks plain
 * numbers against these, and the assumptions stage checks every year of a resolved series
 * (tables, expressions, ramps) against the same bounds.
 */
export interface Bounds {
  readonly min: number;
  readonly max: number;
  /** What the number is, for messages ("a share between 0 and 1"). */
  readonly what: string;
}

export const BOUNDS = {
  share: { min: 0, max: 1, what: 'a share between 0 and 1' },
  rate: { min: 0, max: 1, what: 'a rate between 0 and 1' },
  growth: { min: -0.5, max: 1, what: 'an annual rate between -0.5 and 1' },
  interest: { min: -0.5, max: 1, what: 'an annual rate between -0.5 and 1' },
  improvement: { min: -0.2, max: 0.2, what: 'an annual reduction of qx between -0.2 and 0.2' },
  money: { min: 0, max: 1e12, what: 'a non-negative amount of money' },
  fund: { min: -1e15, max: 1e15, what: 'an amount of money of at most 1e15 either way' },
  exchangeRate: { min: 1e-9, max: 1e9, what: 'a positive exchange rate' },
  headcount: { min: 0, max: 1e10, what: 'a non-negative number of persons' },
  multiplier: { min: 0, max: 1000, what: 'a non-negative multiplier' },
  days: { min: 0, max: 3650, what: 'a number of days between 0 and 3650' },
  replacement: { min: 0, max: 2, what: 'a replacement rate between 0 and 2' },
  cv: { min: 0, max: 5, what: 'a coefficient of variation between 0 and 5' },
} as const satisfies Record<string, Bounds>;

export type BoundsName = keyof typeof BOUNDS;

/** The ILO financing measures of a projection (methodology §7), per scheme. */
import type { PensionType } from '../model.js';

export interface PeriodRate {
  from: number;
  to: number;
  /** The level contribution rate, or null where it is undefined (no wage bill). */
  rate: number | null;
}

export interface GroupMeasures {
  group: string;
  pvWageBill: number;
  pvContributions: number;
  pvBenefits: number;
  pvExpenses: number;
  /** Level rate that pays the group's own benefits and expenses (null: no wage bill). */
  breakEvenRate: number | null;
  /** PV(benefits + expenses) / PV(contributions) at the legislated rates (null: no contributions). */
  benefitContributionRatio: number | null;
}

export interface SchemeMeasures {
  scheme: string;
  /** Whether the scheme keeps a fund of its own (not pooled into another's). */
  ownFund: boolean;
  /** Per year; null where undefined (a zero denominator). */
  contributionRate: Array<number | null>;
  paygCostRate: Array<number | null>;
  terminalFundingCostRate: Array<number | null>;
  reserveRatio: Array<number | null>;
  fundingRatio: Array<number | null>;
  liability: Float64Array;
  capitalValueNewAwards: Record<PensionType, Float64Array>;
  /** First year the fund at the end of the year is negative, or null. */
  depletionYear: number | null;
  /** General average premium for periods from the start year (years → rate). */
  generalAveragePremium: PeriodRate[];
  scaledPremium: PeriodRate[];
  groups: GroupMeasures[];
}

export interface Measures {
  startYear: number;
  years: number;
  targetReserveRatio: number;
  schemes: SchemeMeasures[];
}

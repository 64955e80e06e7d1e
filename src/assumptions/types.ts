/**
 * The Assumptions object: every scenario input resolved to plain typed arrays, one value per
 * projection year (index 0 = start year) and, for tables, `[sex][age]` (see engine/layout.ts).
 * The engine reads only this.
 */
import type { PensionType, SchemeKind } from '../model.js';
import type { KeyPath } from '../scenario/errors.js';

export interface Label {
  en: string;
  ms?: string;
}

export interface EconomyAssumptions {
  wageGrowth: Float64Array;
  inflation: Float64Array;
  investmentReturn: Float64Array;
  discountRate: Float64Array;
  medicalInflation: Float64Array;
  /** Π(1 + wage growth) since the start year (1 in the start year). */
  wageIndex: Float64Array;
  /** Π(1 + medical inflation) since the start year. */
  medicalIndex: Float64Array;
}

export interface GroupAssumptions {
  id: string;
  label: Label;
  cohort: boolean;
  /** Potential population P_g(t). */
  population: Float64Array;
  /** Age-sex distribution d_g in the start year (static groups keep it), `[sex][age]`, sums to 1. */
  share: Float64Array;
  /** Age-sex distribution of entrants (cohort groups), sums to 1. */
  entryShare: Float64Array;
  /** Cohort groups: members who pass this age leave the group. */
  lastAge: number;
  /** Annual withdrawal rate (cohort groups). */
  withdrawal: Float64Array;
  /** Group mean monthly wage in the scheme currency, by year. */
  meanMonthlyWage: Float64Array;
  /** Whether the wage is paid in another currency (converted by an exchange rate). */
  paidInForeignCurrency: boolean;
  /** Relative wage by age and sex, normalised so that Σ share·profile = 1. */
  wageProfile: Float64Array;
  /** σ of log wages within a cell (from the group's cv). */
  wageSigma: number;
  /**
   * Multipliers on injury incidence, by INJURY index (model.ts). For employment injury, those of
   * workplace accidents; commuting accidents have their own, the same unless the group splits.
   */
  employmentInjuryRisk: Float64Array;
  employmentInjuryCommutingRisk: Float64Array;
  nonEmploymentInjuryRisk: Float64Array;
  invalidityRisk: number;
  /** Multiplier on the involuntary job-loss incidence (employment insurance). */
  employmentInsuranceRisk: number;
  mortalityRisk: number;
  /** A permit tenure (methodology §3, "Tenure"): months insured count from arrival; null for other groups. */
  tenure: { maxYears: number; turnover: number } | null;
  /** Share of the group's pensions paid abroad (flagged in the detail only), or null. */
  pensionsAbroad: number | null;
}

/**
 * Qualifying conditions (methodology §3, "Qualifying routes"): `minMonths` contributions in the
 * last `windowMonths`, counted from `entryAge`; for invalidity also the routes on a share of the
 * months since entry (null where left out) and the highest age of entry into insurance.
 */
export interface QualifyingAssumptions {
  minMonths: number;
  windowMonths: number;
  entryAge: number;
  fullShareSinceEntry: number | null;
  reducedShareSinceEntry: number | null;
  maxEntryAge: number;
}

export interface CoverAssumptions {
  coverage: Float64Array;
  compliance: Float64Array;
  /** Share of months with a contribution (invalidity qualifying conditions). */
  density: Float64Array;
  /** A declared insured monthly wage (self-employment plans) replacing the wage distribution. */
  insuredMonthlyWage: Float64Array | null;
  contributions: ContributionAssumptions;
  /** First year of cover (coverage is 0 before). */
  fromYear: number;
  /** Employment insurance: the group's claimants' wage relativity, or null for the scheme's. */
  claimantWageRelativity: number | null;
  /** Another law's compensation on the group's workplace accidents, deducted (a top-up), or null. */
  offset: WorkplaceOffset | null;
  /** Multiplier on every contingency's claims from outreach (enforcement.ts), or null for 1. */
  claims: Float64Array | null;
  /** Enforcement and outreach spending (the coverage and compliance above include its effect), or null. */
  enforcement: { effortCost: Float64Array; perRegisteredMonthly: Float64Array } | null;
  /** Uncollected contributions recovered later, or null. */
  arrears: ArrearsAssumptions | null;
}

/** What the enforcement block yields (enforcement.ts): spending, and the series it moves. */
export interface EnforcementAssumptions {
  effort: Float64Array;
  /** The effort's cost this scheme bears (cost_share of it). */
  effortCost: Float64Array;
  perRegisteredMonthly: Float64Array;
  coverage: Float64Array;
  compliance: Float64Array;
  recovery: Float64Array | null;
  claims: Float64Array | null;
}

export interface ArrearsAssumptions {
  /** Share of a year's uncollected contributions recovered, by the year they were due. */
  recoveredShare: Float64Array;
  yearsLate: number;
  /** (1 + interest)^yearsLate. */
  growth: number;
  /** Index in PAYERS of who pays them. */
  payer: number;
}

/** A lump sum another law pays: wage × factor by age last birthday, within limits by year (scheme currency). */
export interface OtherLumpSum {
  factor: Float64Array;
  minimum: Float64Array;
  maximum: Float64Array;
}

export interface WorkplaceOffset {
  permanent: OtherLumpSum;
  fatal: OtherLumpSum;
  /** Shares of the temporary benefit and of medical care on workplace accidents the other law pays. */
  temporaryShare: number;
  medicalShare: number;
}

/**
 * A group's contribution schedule under a scheme (methodology §2): rates on insurable wages by
 * payer, or a flat monthly amount shared among payers; arrays in PAYERS order (model.ts).
 */
export interface ContributionAssumptions {
  /** Rate on insurable wages each payer pays, by year. */
  rates: Float64Array[];
  /** A fixed amount per contributing person per month instead of rates, or null. */
  flatMonthly: Float64Array | null;
  /** Share of the flat amount each payer pays, by year (the shares add up to 1). */
  flatShares: Float64Array[];
  /** With rates: at least this per contributing person per month, or null; the top-up is topUpPayer's. */
  minimumMonthly: Float64Array | null;
  /** Index in PAYERS of who pays the top-up to the minimum. */
  topUpPayer: number;
  /** Whether the flat amount and the minimum are indexed with wage growth (wage-level.ts). */
  followsWages: { flat: boolean; minimum: boolean };
}

export interface FamilyTable {
  pSpouse: Float64Array;
  spouseAgeDifference: Float64Array;
  pChildren: Float64Array;
  youngestChildAge: Float64Array;
}

export interface ReplacementAssumptions {
  replacement: Float64Array;
  /** Minimum daily benefit at the full rate. */
  dailyMinimum: Float64Array;
  /** Claimants' mean wage relative to their cell's mean. */
  wageRelativity: number;
}

/**
 * Invalidity pensions by duration since award d = 0..durations − 1, then d = durations for
 * every later year (methodology §5, "Select period"): the multiplier on the type's mortality,
 * the yearly recovery rate and the share paid (not suspended); arrays of length durations + 1.
 */
export interface DurationTerms {
  durations: number;
  mortality: Float64Array;
  recovery: Float64Array;
  paid: Float64Array;
}

export interface SurvivorAssumptions {
  spouseShare: number;
  soleSurvivorShare: number;
  childAgeLimit: number;
  family: FamilyTable;
  /**
   * With neither spouse nor child (methodology §4): the parents' share and the mother's age gap,
   * with P(a parent alive) by the deceased's age `[age]` (start year's general mortality), and
   * the siblings' share, probability and age gap; null where the scheme has none.
   */
  parents: { share: number; ageDifference: number; alive: Float64Array } | null;
  siblings: { share: number; probability: number; ageDifference: number } | null;
}

export interface BenefitAssumptions {
  temporary?: ReplacementAssumptions & { meanDays: Float64Array };
  permanent?: ReplacementAssumptions & {
    lumpSumShare: number;
    meanDegreeLumpSum: number;
    meanDegreePension: number;
    commutedShare: number;
    commutedFraction: number;
    /** Commutation factor by sex and age; null: the annuity factor of methodology §5. */
    commutation: Float64Array | null;
  };
  constantAttendance?: { monthly: Float64Array; shareOfNewPensions: number };
  dependants?: ReplacementAssumptions & SurvivorAssumptions;
  funeral?: FuneralAssumptions;
  medical?: { costPerCase: number };
  /** Rehabilitation and return to work (methodology §4): cost per person referred in the start year, indexed with medical inflation. */
  rehabilitation?: { costPerCase: number; shareOfPensions: number; shareOfTemporary: number; pensionsAverted: number };
  /** Education assistance per child's pension in payment, by age (take-up included), and its index by year. */
  education?: { annualByAge: Float64Array; index: Float64Array };
  invalidity?: { baseRate: number; incrementPerYear: number; maxRate: number; minimumMonthly: Float64Array; reducedRate: number; wageRelativity: number; byDuration: DurationTerms | null };
  /** Dialysis (methodology §4): patients per registered person (× the group's invalidity risk) and the cost per patient-year, by year. */
  dialysis?: { patientsPerRegistered: Float64Array; annualCost: Float64Array };
  /** Invalidity grant (methodology §3, "Qualifying routes"): contributions needed; the lump sum refunds the contributions paid, with interest. */
  invalidityGrant?: { minMonths: number; interest: number };
  survivors?: SurvivorAssumptions & { wageRelativity: number };
  employmentInsurance?: EmploymentInsuranceAssumptions;
}

/**
 * The funeral benefit (methodology §4, "Funeral benefit"), by group, by year: the law pays
 * the actual cost up to the maximum, so a death is paid E[min(cost, maximum)] for a lognormal
 * cost of mean `meanCost` and log-σ `costSigma` (funeral.ts); without a cost, the maximum.
 */
export interface FuneralAssumptions {
  maximum: Float64Array[];
  meanCost: Float64Array[] | null;
  costSigma: number;
  /** The mean payment per death, by group, by year. */
  payment: Float64Array[];
}

/**
 * The amounts of a scheme indexed with the economy's wage growth (`indexation: wage_growth`): a
 * shocked wage level moves them with the wages (wage-level.ts); every other amount stays.
 */
export interface FollowsWages {
  ceiling: boolean;
  temporaryMinimum: boolean;
  permanentMinimum: boolean;
  dependantsMinimum: boolean;
  attendance: boolean;
  invalidityMinimum: boolean;
  funeralMaximum: boolean;
  training: boolean;
}

/**
 * The allowances of employment insurance on an involuntary loss of employment (Act 800;
 * methodology §4, "Employment insurance"), built from the scheme's job search allowance and
 * the benefits that depend on it (0 or null where the scheme pays none).
 */
export interface EmploymentInsuranceAssumptions {
  /** Job search allowance rate of each month paid, in order (0.8, 0.5, ...), on the insurable wage. */
  rates: number[];
  /** Months paid from each number of contributions counted, ascending: `contributions` or more give `months`. */
  duration: Array<{ contributions: number; months: number }>;
  /** Contributions are counted over at most this many months before the loss. */
  countedMonths: number;
  /** Probability that a claimant still without work finds work in a month. */
  reemploymentHazard: number;
  /** Early re-employment allowance: the share of the job search allowance not yet paid. */
  earlyShare: number;
  /** Share of qualifying losses that are one job of several (reduced income allowance). */
  reducedShare: number;
  /** Share of job search claimants trained, and the cost per trainee (fees and allowance). */
  trainedShare: number;
  /** Cost per trainee (fee and allowance) by year. */
  trainingCost: Float64Array;
  /** Claimants' mean wage relative to their cell's mean. */
  wageRelativity: number;
}

export interface SchemeAssumptions {
  id: string;
  kind: SchemeKind;
  label: Label;
  ageMin: number;
  ageMax: number;
  initialFund: number;
  /** Index of the scheme whose fund this one pools into, or −1 for its own fund. */
  poolOwner: number;
  ceilingMonthly: Float64Array;
  /** Which of its amounts are indexed to the economy's wage growth (`indexation: wage_growth`). */
  followsWages: FollowsWages;
  /** Cover by group index; null where the group is not covered. */
  cover: Array<CoverAssumptions | null>;
  /** Incidence per contingency `[sex][age]`, per registered person-year; order of INCIDENCE_COLUMNS. */
  incidence: Float64Array[];
  /** The commuting accidents' part of `incidence` (employment injury), or null if not split. */
  commutingIncidence: Float64Array[] | null;
  incidenceTrend: Float64Array[];
  qualifying: QualifyingAssumptions;
  /**
   * Invalidity: whether deaths the 24-hour cover pays dependants' benefit on leave survivors'
   * pensions and the funeral benefit here too (false: they are left to that cover, as
   * employment-injury deaths are).
   */
  paysNonEmploymentInjuryDeaths: boolean;
  benefits: BenefitAssumptions;
  pensionIndexation: Float64Array;
  expenses: { shareOfContributions: number; shareOfBenefits: number; perInsuredMonthly: number };
  /** Pensions in payment at the start, `[type][group][sex][age]`: counts and annual amounts. */
  baseCount: Float64Array;
  baseAnnualAmount: Float64Array;
}

export interface InputFile {
  /** Absolute path. */
  path: string;
  sha256: string;
  /** The scenario keys that name this table. */
  keys: KeyPath[];
}

export interface Assumptions {
  startYear: number;
  endYear: number;
  years: number;
  currency: string;
  economy: EconomyAssumptions;
  /** General mortality qx, `[year][sex][age]`, before group multipliers. */
  mortality: Float64Array;
  groups: GroupAssumptions[];
  schemes: SchemeAssumptions[];
  /** Beneficiaries' mortality as a multiple of general mortality, by pension type. */
  pensionMortality: Float64Array;
  /** Capital values on cohort mortality (q(x + k, t + k)) or on the year's period table (methodology §5). */
  capitalValueMortality: 'cohort' | 'period';
  pensionTypes: readonly PensionType[];
  /** Data files read, for the provenance block. */
  inputs: InputFile[];
}

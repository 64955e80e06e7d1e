/**
 * The model's vocabulary, shared by every stage: scheme kinds, their contingencies, benefits
 * and the pension types kept in payment (methodology §3–§5).
 */

export const SCHEME_KINDS = ['employment_injury', 'non_employment_injury', 'invalidity', 'employment_insurance'] as const;
export type SchemeKind = (typeof SCHEME_KINDS)[number];

/**
 * Who pays a contribution (methodology §2, "Who pays"): each schedule of a group splits among
 * them, and the outputs keep each payer's part.
 */
export const PAYERS = ['employer', 'employee', 'government', 'platform'] as const;
export type Payer = (typeof PAYERS)[number];
export const PAYER = Object.fromEntries(PAYERS.map((p, i) => [p, i])) as Record<Payer, number>;

/** Contingency columns each kind's incidence table has (rates per registered person-year). */
export const INCIDENCE_COLUMNS: Record<SchemeKind, readonly string[]> = {
  employment_injury: ['temporary', 'permanent', 'fatal', 'medical'],
  non_employment_injury: ['temporary', 'permanent', 'fatal', 'medical'],
  invalidity: ['invalidity'],
  employment_insurance: ['job_loss'],
};

/** Index of each injury contingency in incidence and risk arrays (order of INCIDENCE_COLUMNS). */
export const INJURY = { temporary: 0, permanent: 1, fatal: 2, medical: 3 } as const;

/**
 * Long-term benefits kept in payment by type. Pensioners come before survivors: a pensioner's
 * death in a year awards a survivors' pension in the same year.
 */
export const PENSION_TYPES = [
  'permanent_disablement',
  'invalidity_pension',
  'constant_attendance',
  'dependants_spouse',
  'dependants_children',
  'survivors_spouse',
  'survivors_children',
] as const;
export type PensionType = (typeof PENSION_TYPES)[number];
export const PENSION = Object.fromEntries(PENSION_TYPES.map((t, i) => [t, i])) as Record<PensionType, number>;

/** Pension types each scheme kind keeps in payment. */
export const PENSION_TYPES_BY_KIND: Record<SchemeKind, readonly PensionType[]> = {
  employment_injury: ['permanent_disablement', 'constant_attendance', 'dependants_spouse', 'dependants_children'],
  non_employment_injury: ['permanent_disablement', 'constant_attendance', 'dependants_spouse', 'dependants_children'],
  invalidity: ['invalidity_pension', 'constant_attendance', 'survivors_spouse', 'survivors_children'],
  employment_insurance: [],
};

/** Benefit outgo columns of the summary (one per benefit of methodology §4). */
export const OUTGO_COLUMNS = [
  'temporary_disablement',
  'medical',
  'permanent_disablement_lump_sum',
  'permanent_disablement_pension',
  'constant_attendance',
  'dependants_pension',
  'invalidity_pension',
  'survivors_pension',
  'funeral',
  'job_search_allowance',
  'reduced_income_allowance',
  'early_reemployment_allowance',
  'training',
  'rehabilitation',
  'education',
  'invalidity_grant',
  'dialysis',
] as const;
export type OutgoColumn = (typeof OUTGO_COLUMNS)[number];
export const OUTGO = Object.fromEntries(OUTGO_COLUMNS.map((c, i) => [c, i])) as Record<OutgoColumn, number>;

/** The summary column each pension type's payments go to. */
export const OUTGO_OF_PENSION: Record<PensionType, OutgoColumn> = {
  permanent_disablement: 'permanent_disablement_pension',
  invalidity_pension: 'invalidity_pension',
  constant_attendance: 'constant_attendance',
  dependants_spouse: 'dependants_pension',
  dependants_children: 'dependants_pension',
  survivors_spouse: 'survivors_pension',
  survivors_children: 'survivors_pension',
};

/**
 * Rows of the tidy detail: the insured population; deaths of insured persons the scheme pays
 * on (from the injury for injury schemes, from other causes for invalidity); short-term
 * benefits, lump sums and pensions.
 */
export const DETAIL_BENEFITS = [
  'insured',
  'deaths',
  'commuting_accidents',
  'commuting_deaths',
  'temporary_disablement',
  'medical',
  'permanent_disablement_lump_sum',
  'funeral',
  'job_search_allowance',
  'reduced_income_allowance',
  'early_reemployment_allowance',
  'training',
  'rehabilitation',
  'education',
  'invalidity_grant',
  'dialysis',
  'reduced_invalidity_awards',
  'parents_awards',
  'siblings_awards',
  ...PENSION_TYPES,
] as const;
export type DetailBenefit = (typeof DETAIL_BENEFITS)[number];

/** The detail rows of each kind's deaths and short-term benefits (its pensions: PENSION_TYPES_BY_KIND). */
export const SHORT_TERM_BY_KIND: Record<SchemeKind, readonly DetailBenefit[]> = {
  employment_injury: ['deaths', 'commuting_accidents', 'commuting_deaths', 'temporary_disablement', 'medical', 'permanent_disablement_lump_sum', 'funeral', 'rehabilitation', 'education', 'parents_awards', 'siblings_awards'],
  non_employment_injury: ['deaths', 'temporary_disablement', 'medical', 'permanent_disablement_lump_sum', 'funeral', 'rehabilitation', 'education', 'parents_awards', 'siblings_awards'],
  invalidity: ['deaths', 'funeral', 'rehabilitation', 'education', 'invalidity_grant', 'dialysis', 'reduced_invalidity_awards', 'parents_awards', 'siblings_awards'],
  // Cases are claims: qualifying losses of employment, those re-employed early, those trained.
  employment_insurance: ['job_search_allowance', 'reduced_income_allowance', 'early_reemployment_allowance', 'training'],
};
/**
 * Lines a scheme of the kind may or may not pay (a programme, not a benefit of the kind): the
 * detail writes their rows only where the scheme pays them, never rows of zeros.
 */
export const OPTIONAL_LINES: readonly (DetailBenefit & OutgoColumn)[] = ['rehabilitation', 'education', 'invalidity_grant', 'dialysis'];
/**
 * The reduced invalidity pensions among the new invalidity pensions (qualifying routes): new
 * awards and their annual amount, part of `invalidity_pension`'s; written only where the scheme
 * has the reduced route.
 */
export const REDUCED_AWARDS: DetailBenefit = 'reduced_invalidity_awards';
/**
 * The parents' and siblings' awards among the new spouses' and children's pensions (a death with
 * neither spouse nor child): new awards and their annual amount, written only where the
 * scheme's dependants' or survivors' benefit has them.
 */
export const OTHER_DEPENDANTS: readonly DetailBenefit[] = ['parents_awards', 'siblings_awards'];
/**
 * Counts of an employment-injury scheme that splits its accidents by cause (`commuting_incidence`):
 * the accidents (medical cases) and deaths of commuting accidents, part of `medical` and `deaths`.
 * Their rows hold cases only, and are written only where the scheme splits.
 */
export const COMMUTING_COUNTS: readonly DetailBenefit[] = ['commuting_accidents', 'commuting_deaths'];
export const DETAIL_BENEFIT = Object.fromEntries(DETAIL_BENEFITS.map((b, i) => [b, i])) as Record<DetailBenefit, number>;

export const DETAIL_MEASURES = [
  'registered',
  'contributing',
  'wage_bill',
  'contributions',
  'cases',
  'new_awards',
  'new_awards_annual_amount',
  'beneficiaries_end',
  'annual_amount_end',
  'outgo',
  'capital_value_new_awards',
  'liability_end',
] as const;
export type DetailMeasure = (typeof DETAIL_MEASURES)[number];
export const MEASURE = Object.fromEntries(DETAIL_MEASURES.map((m, i) => [m, i])) as Record<DetailMeasure, number>;

/** Which measures a detail row has (the others are not defined for it and are not written). */
export function measuresOf(benefit: DetailBenefit): readonly DetailMeasure[] {
  if (benefit === 'insured') return ['registered', 'contributing', 'wage_bill', 'contributions'];
  if (COMMUTING_COUNTS.includes(benefit)) return ['cases'];
  if (benefit === REDUCED_AWARDS || OTHER_DEPENDANTS.includes(benefit)) return ['new_awards', 'new_awards_annual_amount'];
  if ((PENSION_TYPES as readonly string[]).includes(benefit)) {
    return ['new_awards', 'new_awards_annual_amount', 'beneficiaries_end', 'annual_amount_end', 'outgo', 'capital_value_new_awards', 'liability_end'];
  }
  return ['cases', 'outgo'];
}

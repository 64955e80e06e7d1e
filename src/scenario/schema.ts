/**
 * The scenario file contract (design/scenario-format.md), as a zod schema. It validates the
 * merged scenario (after `extends`), rejects unknown keys, fills defaults, and prints the
 * JSON Schema (`coverage-sim schema`). Ranges of series are checked when they are resolved to
 * years (assumptions stage), because a series' values are only known then.
 */
import { z } from 'zod';
import { BOUNDS } from './bounds.js';
import { hasControl, hasControlOrBreak } from '../text/control.js';
import type { Bounds } from './bounds.js';
import { PAYERS, PENSION_TYPES, SCHEME_KINDS } from '../model.js';
import type { Payer, PensionType, SchemeKind } from '../model.js';

const YEAR_KEY = /^-?\d{1,4}$/;
const SLUG = /^[a-z0-9][a-z0-9_-]*$/;

const slug = z
  .string()
  .regex(SLUG, { error: 'expected an identifier of lower-case letters, digits, "_" and "-"' });

/** A path to a CSV table, relative to the scenario file (or the project root for `data/...`). */
const tablePath = z.string().min(1).describe('Path to a CSV table: relative to the scenario file, or to the project root when it starts with data/');

const yearTable = z
  .record(z.string().regex(YEAR_KEY, { error: 'expected a year such as 2030' }), z.number())
  .describe('Year table: the value holds from each year given until the next (step).');

export const seriesBranches = {
  number: z.number().describe('A constant value.'),
  expression: z
    .string()
    .min(1)
    .max(500, { error: 'an expression is limited to 500 characters' })
    .describe('An expression evaluated each year (mathjs, sandboxed) with year, t and the economy assumptions in scope.'),
  interpolated: z
    .strictObject({
      interpolate: z.enum(['linear', 'step']).describe('linear: straight lines between the years given; step: as a year table.'),
      values: yearTable.describe('The year table {year: value} to interpolate.'),
    })
    .describe('A year table with linear interpolation between the years given (flat outside).'),
  ramp: z
    .strictObject({
      ramp: z.enum(['logistic', 'linear']).describe('Shape between the two ends: an S-curve (logistic) or a straight line (linear).'),
      from: z.number().int().describe('Year the ramp leaves `start`.'),
      start: z.number().describe('Value up to the year `from`.'),
      target: z.number().describe('Value from the year `from + years`.'),
      years: z.number().positive().describe('Length of the ramp, in years.'),
    })
    .describe('A take-up ramp from `start` in year `from` to `target` after `years` years.'),
  yearTable,
};

/** A value that varies by year (scenario-format.md, "Values that vary by year"). */
export const series = z
  .union([
    seriesBranches.number,
    seriesBranches.expression,
    seriesBranches.interpolated,
    seriesBranches.ramp,
    seriesBranches.yearTable,
  ])
  .describe('(series) a number, a year table {2025: 0.05, 2030: 0.04}, {interpolate: linear, values: {...}}, an expression string, or a ramp {ramp: logistic, from, start, target, years}');
export type Series = z.infer<typeof series>;

/** Text that is printed and drawn: no control characters (an ESC in a title could rewrite the terminal). */
const text = z.string().refine((t) => !hasControl(t), { error: 'contains a control character (such as ESC or a direction override); text that is printed may hold tabs and line breaks only' });
/** A title or a label: one line, no control characters (a line break could fake a line of output). */
const oneLineText = z.string().refine((t) => !hasControlOrBreak(t), { error: 'contains a line break or a control character (such as ESC or a direction override): a title or a label is one line of plain text' });

const label = z.union([
  oneLineText,
  z.strictObject({
    en: oneLineText.describe('English label (one line).'),
    ms: oneLineText.optional().describe('Malay label (one line); the English one when absent.'),
  }),
]).describe('A one-line label, or {en, ms}; the id when absent.');

/** A plain number within one of the named ranges of bounds.ts (series are checked per year later). */
const within = (b: Bounds) => z.number().min(b.min).max(b.max);
const multiplier = within(BOUNDS.multiplier);
const money = within(BOUNDS.money);

/**
 * A share of months that the law gives as a fraction (2/3, 1/3): a number in (0, 1], or the
 * fraction itself as "a/b", so that ⌈share·M⌉ is the law's count of months for every M.
 */
const monthsShare = z
  .union([z.number(), z.string().regex(/^\s*\d+\s*\/\s*[1-9]\d*\s*$/, { error: 'a share of months is a number, or a fraction such as "2/3"' })])
  .transform((v) => {
    if (typeof v === 'number') return v;
    const [a, b] = v.split('/').map(Number);
    return a / b;
  })
  .pipe(z.number().gt(0).max(1));

/** One multiplier per injury contingency, each 1 when not given. */
const byContingency = {
  temporary: multiplier.optional().describe('Multiplier on the temporary-disablement incidence (default 1).'),
  permanent: multiplier.optional().describe('Multiplier on the permanent-disablement incidence (default 1).'),
  fatal: multiplier.optional().describe('Multiplier on the fatal-injury incidence (default 1).'),
  medical: multiplier.optional().describe('Multiplier on the medical-care incidence (default 1).'),
};

/** A multiplier on a scheme's incidence: one number for every contingency, or one each. */
const injuryRisk = z.union([multiplier, z.strictObject(byContingency)]).describe('Multiplier on the scheme\'s incidence: one number for every contingency, or one each.');

/**
 * Employment-injury multipliers: one number, one per contingency, or one (or one per contingency)
 * for each cause, workplace accidents and commuting accidents, on its part of the scheme's
 * incidence (`commuting_incidence`). One mapping, so that a misspelt key is named as such.
 */
const employmentInjuryRisk = z.union([
  multiplier,
  z.strictObject({
    ...byContingency,
    workplace: injuryRisk.optional().describe('Multiplier on workplace accidents and occupational disease (incidence less commuting_incidence): one number, or one per contingency (default 1).'),
    commuting: injuryRisk.optional().describe('Multiplier on commuting accidents (commuting_incidence): one number, or one per contingency (default 1).'),
  }).refine((r) => !((r.workplace !== undefined || r.commuting !== undefined) && Object.keys(byContingency).some((c) => r[c as keyof typeof byContingency] !== undefined)), {
    error: 'give multipliers by contingency or by cause ({workplace, commuting}), not both',
  }),
]);

const group = z.strictObject({
  id: slug
    // A group's id is a key of the schemes' mappings (cover, by_group), where `value`, `source`
    // and `assumption` mark where a value comes from and a key of digits is a year of a table.
    .refine((id) => !['value', 'source', 'assumption'].includes(id) && !/^\d+$/.test(id), { error: 'a group id cannot be value, source or assumption (they mark where a value comes from), nor digits only (a year of a table)' })
    .describe('Identifier of the group, referred to by schemes.'),
  label: label.optional(),
  population: z
    .strictObject({
      base: within(BOUNDS.headcount).optional().describe('Persons in that kind of work in the start year.'),
      growth: series.optional().describe('(series) annual growth of the potential population.'),
      series: series.optional().describe('(series) the potential population itself, by year.'),
    })
    .refine((p) => (p.base === undefined) !== (p.series === undefined), {
      error: 'give either `base` (with an optional `growth`) or `series`, not both and not neither',
    })
    .refine((p) => !(p.series !== undefined && p.growth !== undefined), {
      error: '`growth` goes with `base`; a `series` gives the population itself',
    })
    .describe('The potential population (persons): `base` with `growth`, or a `series`.'),
  age_structure: z.enum(['static', 'cohort']).default('static').describe('static: the age-sex table\'s shape every year; cohort: ages one year at a time with mortality, withdrawal and entrants.'),
  age_sex: tablePath.describe('CSV: sex, age, share (and entry_share for cohort groups).'),
  wage: z.strictObject({
    mean_monthly: money.describe('Mean monthly wage in the start year, in `currency`.'),
    cv: z.number().min(0).max(5).default(0).describe('Coefficient of variation of wages within an age-sex cell (lognormal).'),
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'expected a currency code such as MYR or SGD' }).optional().describe('Currency code of the wage (converted by economy.exchange_rates); the scheme currency when absent.'),
    growth: series.default('wage_growth').describe('(series) nominal wage growth; defaults to the economy\'s wage_growth.'),
    age_profile: tablePath.optional().describe('CSV: sex, age, relative (normalised so the group average is the mean).'),
  }).describe('Wages of the group (monthly).'),
  risk: z
    .strictObject({
      employment_injury: employmentInjuryRisk.default(1).describe('Multiplier on employment-injury incidence: one number, {temporary, permanent, fatal, medical}, or {workplace, commuting} (each of those) where the scheme splits by cause.'),
      non_employment_injury: injuryRisk.default(1).describe('Multiplier on non-employment-injury (24-hour) incidence: one number, or one per contingency.'),
      invalidity: multiplier.default(1).describe('Multiplier on invalidity incidence.'),
      employment_insurance: multiplier.default(1).describe('Multiplier on the involuntary job-loss incidence of employment insurance.'),
      mortality: multiplier.default(1).describe('Multiplier on general mortality (insured persons, the cohort and the group\'s pensioners).'),
    })
    .prefault({})
    .describe('Risk multipliers of the group relative to the tables (1 = as the table).'),
  tenure: z
    .strictObject({
      max_years: z.number().gt(0).max(60).describe('Longest stay (years): a permit that cannot be renewed beyond it.'),
      turnover: z.number().min(0).max(5).describe('Yearly rate at which members leave before the longest stay (end of contract, repatriation).'),
    })
    .optional()
    .describe('A group whose members stay for a permit\'s tenure: months insured for the invalidity qualifying conditions count from arrival (the steady-state months since arrival), and a member who leaves and returns starts again.'),
  pensions_abroad: z.number().min(0).max(1).optional().describe('Share of the group\'s pensioners and survivors who live abroad (workers who went home, and their families): the detail flags that share of its pensions in payment and of their outgo; nothing else changes.'),
  exits: z
    .strictObject({
      withdrawal: series.default(0).describe('(series) annual withdrawal rate from the group (cohort mode only).'),
    })
    .optional()
    .describe('Exits from a cohort group other than death.'),
});

/** A lump sum another law pays on a workplace accident: wage × an age factor, within limits. */
const otherLumpSum = z.strictObject({
  factors: tablePath.describe('CSV: age_next_birthday, factor: months of wages the other law pays by age next birthday at the accident (nearest age given outside the table).'),
  minimum: money.describe('Least lump sum, in the offset\'s currency, in the start year.'),
  maximum: money.describe('Largest lump sum, in the offset\'s currency, in the start year.'),
}).refine((l) => l.minimum <= l.maximum, { error: 'minimum cannot exceed maximum', path: ['minimum'] });

/**
 * Compensation another law pays on the group's workplace accidents, which this scheme deducts
 * from its own benefits (a top-up): lump sums on permanent incapacity and death, compared cell by
 * cell with the capital value of this scheme's award; shares of the short-term benefits.
 */
const workplaceOffset = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'expected a currency code such as MYR or SGD' }).optional().describe('Currency of the limits (converted by economy.exchange_rates); the scheme currency when absent.'),
  limits_indexation: series.default(0).describe('(series) annual increase of the limits from the start year.'),
  permanent: otherLumpSum.describe('Lump sum on permanent incapacity at 100%, paid in proportion to the degree.'),
  fatal: otherLumpSum.describe('Lump sum on death.'),
  temporary_share: z.number().min(0).max(1).default(0).describe('Share of this scheme\'s temporary disablement benefit on workplace accidents that the other law pays instead.'),
  medical_share: z.number().min(0).max(1).default(0).describe('Share of this scheme\'s medical care on workplace accidents that the other law pays instead.'),
});

/** A saturating response to the year's effort E: max × E / (E + half_spending). */
const response = (maximum: number, what: string) =>
  z.strictObject({
    max: z.number().min(0).max(maximum).describe(`The largest effect: ${what}.`),
    half_spending: within(BOUNDS.money).refine((v) => v > 0, { error: 'half_spending must be above 0' }).describe('The yearly effort (campaigns and inspections, in the scheme currency of the start year, moving with wages) that gives half the largest effect.'),
  });

/**
 * Enforcement and outreach for a group (methodology §1, "Enforcement and outreach"): what is
 * spent, and how coverage, compliance, the recovery of arrears and the claims of the group
 * respond to the year's effort.
 */
const enforcement = z.strictObject({
  campaign: series.default(0).describe('(series) spending on campaigns and outreach for the group, a year, in the scheme currency.'),
  inspections: series.default(0).describe('(series) employers inspected a year about the group.'),
  cost_per_inspection: series.default(0).describe('(series) cost of an inspection, in the scheme currency.'),
  per_registered_monthly: series.default(0).describe('(series) running cost per registered person a month (reminders, help desks), in the scheme currency; not part of the effort.'),
  cost_share: z.number().min(0).max(1).default(1).describe('Share of the effort\'s cost this scheme bears: one drive for a group covered by two schemes is written under both, with shares adding up to 1.'),
  response: z.strictObject({
    coverage: response(1, 'the share of the unregistered it brings in').optional().describe('Coverage closes max × E/(E + half_spending) of its gap to 1.'),
    compliance: response(1, 'the share of the non-compliant it brings to pay').optional().describe('Compliance closes max × E/(E + half_spending) of its gap to 1.'),
    recovery: response(1, 'the share of unrecovered arrears it recovers').optional().describe('The recovered share of arrears closes max × E/(E + half_spending) of its gap to 1.'),
    claims: response(5, 'the rise in claims, as a multiplier less 1').optional().describe('Claims of the scheme\'s contingencies for the group (injuries, invalidity awards, losses of employment; not deaths from other causes) are multiplied by 1 + max × E/(E + half_spending): outreach makes rights known.'),
  }).prefault({}).describe('How the group responds to the year\'s effort E = campaign + inspections × cost_per_inspection.'),
});

/** Contributions not collected in a year (registered, not compliant), a share recovered later. */
const arrears = z.strictObject({
  recovered_share: series.default(0).describe('(series) share of the year\'s uncollected contributions recovered later.'),
  years_late: z.number().int().min(1).max(10).default(2).describe('Years after which they are recovered.'),
  interest: z.number().min(0).max(0.5).default(0).describe('Late-payment interest and penalties a year, compounded over years_late.'),
  payer: z.enum(PAYERS).default('employer').describe('Who pays the recovered arrears (under Act 4 the employer, who is liable for both shares).'),
});

const coverEntry = z.strictObject({
  coverage: series.describe('(series) share of the potential population registered.'),
  compliance: series.default(1).describe('(series) share of registered persons whose contributions are collected.'),
  from: z.number().int().optional().describe('First year of cover; coverage is 0 before it.'),
  insured_wage_monthly: series
    .optional()
    .describe('(series) a declared insured wage (self-employment plans): contributions and benefits use it instead of the wage distribution.'),
  contribution_density: series
    .optional()
    .describe('(series) share of months with a contribution, for invalidity qualifying conditions; defaults to compliance.'),
  claimant_wage_relativity: z
    .number()
    .positive()
    .max(10)
    .optional()
    .describe('Employment insurance only: this group\'s claimants\' mean wage relative to their cell\'s mean, instead of the job search allowance\'s wage_relativity (a group whose wages bunch at a minimum wage).'),
  enforcement: enforcement.optional().describe('Enforcement and outreach for the group: spending, and the response of coverage, compliance, recovery and claims.'),
  arrears: arrears.optional().describe('Contributions the non-compliant owe, a share recovered after years_late with interest.'),
  workplace_offset: workplaceOffset.optional().describe('Employment injury with commuting_incidence only: compensation another law pays on the group\'s workplace accidents, deducted from this scheme\'s benefits (a top-up).'),
});

/**
 * An amount fixed in the law (a minimum, an allowance): a series, as every amount is, or
 * `{amount, indexation}`, the amount indexed from the last year its own series changes (as the
 * ceiling is): `wage_growth` keeps it in step with wages, `inflation` with prices.
 */
export const indexedAmount = z
  .strictObject({
    amount: series.describe('(series) the amount as the law sets it.'),
    indexation: series.describe('(series) annual increase of the amount from the last year its own series changes: wage_growth (with wages), inflation (with prices), or any series.'),
  })
  .describe('An amount indexed from the last year its own series changes.');

const fixedAmount = (what: string) =>
  z.union([series, indexedAmount]).describe(`(series) ${what}; or {amount, indexation} to index it (with wages: indexation: wage_growth; with prices: inflation).`);

const payerRate = (who: string) => series.optional().describe(`(series) rate on insurable wages paid by ${who}.`);
const contributionSpec = z
  .strictObject({
    employer: payerRate('the employer'),
    employee: payerRate('the insured person (the employee, or the self-employed worker)'),
    government: payerRate('the government (a subsidy)'),
    platform: payerRate('a platform provider that deducts and remits it (Act 872)'),
    minimum_monthly: fixedAmount('with rates: the least contribution per contributing person per month; the top-up to it is paid by top_up_payer').optional(),
    top_up_payer: z.enum(PAYERS).default('employee').describe('Who pays the top-up to minimum_monthly: employer, employee, government or platform.'),
    flat_monthly: fixedAmount('a fixed amount per contributing person per month, instead of rates').optional(),
    payers: z
      .strictObject(Object.fromEntries(PAYERS.map((p) => [p, series.optional().describe(`(series) share (0-1) of flat_monthly paid by the ${p}.`)])) as Record<Payer, z.ZodOptional<typeof series>>)
      .optional()
      .describe('With flat_monthly: the share each payer pays, {employer, employee, government, platform} (series each, adding up to 1 every year); the employee pays it all when absent.'),
  })
  .refine((c) => c.payers === undefined || c.flat_monthly !== undefined, {
    error: '`payers` shares a flat_monthly amount; with rates, each payer has its own rate',
    path: ['payers'],
  })
  .refine((c) => c.minimum_monthly === undefined || c.flat_monthly === undefined, {
    error: '`minimum_monthly` tops up a contribution by rates; a flat_monthly amount is already fixed',
    path: ['minimum_monthly'],
  })
  .describe('Contribution rates on insurable wages by payer ({employer, employee, government, platform}, with an optional minimum_monthly), or a flat monthly amount shared among payers ({flat_monthly, payers}).');

const wageRelativity = z
  .number()
  .positive()
  .max(10)
  .default(1)
  .describe('Ratio (default 1) of the mean wage on which this benefit is computed to the mean insured wage of the claimant\'s age-sex cell: those injured, invalid or deceased tend to earn less.');

const replacementPart = {
  replacement: series.describe('(series) replacement rate of the insurable wage.'),
  daily_minimum: fixedAmount('minimum daily benefit at the full rate (x30 for a month)').default(0),
  wage_relativity: wageRelativity,
};

const family = {
  spouse_share: z.number().min(0).max(1).default(0.6).describe('Spouse\'s share of the full pension when there are children.'),
  sole_survivor_share: z.number().min(0).max(1).default(1).describe('Share of the full pension paid when only a spouse, or only children, survive.'),
  child_age_limit: z.number().int().min(0).max(110).default(21).describe('Age (years) at which children\'s pensions end.'),
  family: tablePath.describe('CSV: sex, age, p_spouse, spouse_age_difference, p_children, youngest_child_age.'),
  parents: z
    .strictObject({
      share: z.number().min(0).max(1).describe('Share of the full pension to the parents when there is neither spouse nor child (Act 4: 4/10), for life.'),
      age_difference: z.number().min(14).max(60).default(28).describe('Years the mother is older than the deceased (the father 4 more); the award is at the mother\'s age.'),
    })
    .optional()
    .describe('Parents\' pensions on a death with neither spouse nor child: paid when a parent is alive (the start year\'s general mortality); absent, none.'),
  siblings: z
    .strictObject({
      share: z.number().min(0).max(1).describe('Share of the full pension to the siblings under child_age_limit when there is neither spouse nor child (Act 4: 3/10), to that age.'),
      probability: z.number().min(0).max(1).describe('Probability that such a death leaves a younger sibling below child_age_limit, where the sibling\'s age allows one.'),
      age_difference: z.number().min(0).max(30).default(3).describe('Years the youngest sibling is younger than the deceased.'),
    })
    .optional()
    .describe('Siblings\' pensions on a death with neither spouse nor child, beside the parents\'; absent, none.'),
};

const benefits = z.strictObject({
  temporary_disablement: z
    .strictObject({ ...replacementPart, mean_days: series.describe('(series) mean benefit days per case.') })
    .optional()
    .describe('Temporary disablement benefit: a daily benefit for the days off work.'),
  permanent_disablement: z
    .strictObject({
      ...replacementPart,
      lump_sum_max_degree: z.number().min(0).max(1).default(0.2).describe('Assessed loss up to which the award is a lump sum.'),
      lump_sum_share: z.number().min(0).max(1).describe('Share of permanent-disablement awards with a degree up to lump_sum_max_degree.'),
      mean_degree_lump_sum: z.number().min(0).max(1).describe('Mean assessed loss of earning capacity (0-1) of lump-sum awards.'),
      mean_degree_pension: z.number().min(0).max(1).describe('Mean assessed loss of earning capacity (0-1) of pension awards.'),
      commuted_share: z.number().min(0).max(1).default(0).describe('Share of new pensioners who commute part of the pension.'),
      commuted_fraction: z.number().min(0).max(1).default(0.2).describe('Fraction commuted (1/5 under Act 4).'),
      commutation: tablePath.optional().describe('CSV: sex, age, factor; the annuity factor of methodology §5 when absent.'),
    })
    .refine((p) => p.mean_degree_lump_sum <= p.lump_sum_max_degree, {
      error: 'mean_degree_lump_sum cannot exceed lump_sum_max_degree',
      path: ['mean_degree_lump_sum'],
    })
    .refine((p) => p.mean_degree_pension >= p.lump_sum_max_degree, {
      error: 'mean_degree_pension must be at least lump_sum_max_degree',
      path: ['mean_degree_pension'],
    })
    .optional()
    .describe('Permanent disablement benefit: a lump sum or a pension in proportion to the assessed loss.'),
  constant_attendance: z
    .strictObject({
      monthly: fixedAmount('monthly allowance'),
      share_of_new_pensions: z.number().min(0).max(1).describe('Share (0-1) of new disablement or invalidity pensioners who get the allowance.'),
    })
    .optional()
    .describe('Constant attendance allowance to pensioners who need care.'),
  dependants: z.strictObject({ ...replacementPart, ...family }).optional().describe('Dependants\' benefit on a death from the injury: pensions to the spouse and children.'),
  funeral: z
    .strictObject({
      amount: money.describe('Funeral benefit per death in the start year, in the scheme currency: the maximum when actual_cost is given.'),
      by_group: z.record(z.string(), money).optional().describe('Amount per group id (e.g. repatriation), instead of amount, in the scheme currency.'),
      indexation: series.default(0).describe('(series) annual increase of the amounts: wage_growth (with wages), inflation (with prices), or any series.'),
      actual_cost: z
        .strictObject({
          mean: money.describe('Mean actual cost of a funeral in the start year, in the scheme currency.'),
          by_group: z.record(z.string(), money).optional().describe('Mean actual cost per group id (e.g. repatriation of remains), instead of mean.'),
          cv: z.number().min(0).max(5).default(0).describe('Coefficient of variation of the cost (lognormal); 0 pays the lesser of the mean and the maximum.'),
          growth: series.default('inflation').describe('(series) annual growth of the cost; defaults to the economy\'s inflation.'),
        })
        .optional()
        .describe('The law pays the actual cost up to the amount: the mean payment is E[min(cost, amount)]. Without it, the amount is paid on every death.'),
    })
    .optional()
    .describe('Funeral benefit per death of an insured person or pensioner.'),
  rehabilitation: z
    .strictObject({
      cost_per_case: money.describe('Cost per person referred in the start year (physical and vocational rehabilitation, return to work), in the scheme currency, indexed by medical_inflation.'),
      share_of_pensions: z.number().min(0).max(1).describe('Share (0-1) of new pension awards (permanent disablement above the lump-sum degree, or invalidity) referred to rehabilitation.'),
      share_of_temporary: z.number().min(0).max(1).default(0).describe('Injury schemes: share (0-1) of temporary-disablement cases referred (the long ones).'),
      pensions_averted: z.number().min(0).max(1).default(0).describe('Share (0-1) of the referred pension awards not made because the person returns to work: an invalidity pension is not awarded; a disablement is assessed at the lump-sum degree and paid a lump sum.'),
    })
    .optional()
    .describe('Rehabilitation and the Return to Work programme: a cost per person referred, and the pension awards a return to work averts.'),
  education: z
    .strictObject({
      by_age: z
        .array(
          z.strictObject({
            from: z.number().int().min(0).max(110).describe('First age (years) of the band.'),
            to: z.number().int().min(0).max(110).describe('Last age (years) of the band.'),
            annual: money.describe('Annual cost per child in the band in the start year, in the scheme currency (net of any repayment of a loan).'),
          }),
        )
        .min(1)
        .max(20)
        .refine((bands) => bands.every((b, j) => b.from <= b.to && (j === 0 || b.from > bands[j - 1].to)), { error: 'each band needs from <= to, and the bands must ascend without overlapping' })
        .describe('Bands of the children\'s age with their annual cost, ascending.'),
      take_up: z.number().min(0).max(1).describe('Share (0-1) of the children\'s pensions in payment in a band whose child gets the assistance.'),
      indexation: series.default('inflation').describe('(series) annual increase of the costs; defaults to the economy\'s inflation.'),
    })
    .optional()
    .describe('Education assistance to the children of dependants\' or survivors\' pensions, by the child\'s age.'),
  dialysis: z
    .strictObject({
      patients_per_registered: series.describe('(series) dialysis patients per registered person, each group weighted by its invalidity risk multiplier.'),
      cost_per_patient_annual: money.describe('Cost per patient-year in the start year, in the scheme currency.'),
      indexation: series.default('medical_inflation').describe('(series) annual increase of the cost per patient; defaults to medical_inflation.'),
    })
    .optional()
    .describe('Dialysis of insured persons with kidney failure (the Invalidity Scheme\'s dialysis programme): patients in treatment × the cost per patient-year.'),
  medical: z
    .strictObject({ cost_per_case: money.describe('Cost per treated case in the start year, indexed by medical_inflation.') })
    .optional()
    .describe('Medical care of injured persons.'),
  invalidity_pension: z
    .strictObject({
      base_rate: z.number().min(0).max(1).default(0.5).describe('Pension rate (share of the insurable wage) at the qualifying months.'),
      increment_per_year: z.number().min(0).max(0.1).default(0.01).describe('Added per 12 months of contributions beyond the qualifying months.'),
      max_rate: z.number().min(0).max(1).default(0.65).describe('Highest pension rate (share of the insurable wage).'),
      minimum_monthly: fixedAmount('minimum monthly pension').default(0),
      reduced_rate: z.number().min(0).max(1).default(0.5).describe('Rate of the reduced pension (qualifying.reduced_share_since_entry), flat.'),
      wage_relativity: wageRelativity,
      by_duration: z
        .strictObject({
          mortality: z.array(z.number().min(0).max(20)).min(1).max(20).default([1]).describe('Multipliers on the pension type\'s mortality in the award year and each year after it (a select period); 1 after the last.'),
          recovery: z.array(z.number().min(0).max(1)).min(1).max(20).default([0]).describe('Yearly rate at which pensioners recover and leave, in the award year and after; the last continues.'),
          suspension: z.array(z.number().min(0).max(1)).min(1).max(20).default([0]).describe('Share of the pensions suspended for earnings (s.49), in the award year and after; the last continues.'),
        })
        .optional()
        .describe('Invalidity pensions by duration since award: a select period of mortality, recovery and suspension (methodology §5); absent, none.'),
    })
    .optional()
    .describe('Invalidity pension to qualifying insured persons who become invalid.'),
  invalidity_grant: z
    .strictObject({
      min_months: z.number().int().min(0).max(120).describe('Contributions needed for the grant (Act 4: 12), by those who qualify for no pension.'),
      interest: z.number().min(0).max(0.2).describe('Yearly interest credited on the contributions refunded.'),
    })
    .optional()
    .describe('Invalidity grant: a lump sum to the invalid who qualify for no pension but have min_months contributions: the employer\'s and employee\'s contributions they paid, with interest.'),
  survivors: z.strictObject({ ...family, wage_relativity: wageRelativity }).optional().describe('Survivors\' pensions on the death of a qualifying insured person or an invalidity pensioner.'),
  job_search_allowance: z
    .strictObject({
      rates: z.array(z.number().min(0).max(1)).min(1).max(24).describe('Rate (0-1) of the insurable wage paid in each month of the allowance, in order (Act 800: 0.8, 0.5, 0.4, 0.4, 0.3, 0.3).'),
      duration: z
        .strictObject({
          contributions: z.array(z.number().int().min(0).max(600)).min(1).max(24).describe('Least contributions counted for each duration, ascending (e.g. [12, 16, 20, 24]).'),
          months: z.array(z.number().int().min(0).max(24)).min(1).max(24).describe('Months of allowance for each of those numbers of contributions (e.g. [3, 4, 5, 6]), at most as many as the rates.'),
        })
        .refine((d) => d.contributions.length === d.months.length, { error: 'duration.contributions and duration.months must have as many items', path: ['months'] })
        .refine((d) => d.contributions.every((c, j) => j === 0 || c > d.contributions[j - 1]), { error: 'duration.contributions must increase', path: ['contributions'] })
        .describe('The months of allowance by the number of contributions counted.'),
      counted_months: z.number().int().min(1).max(600).default(120).describe('Contributions are counted over at most this many months before the loss (since cover began), for the duration.'),
      reemployment_hazard: z.number().min(0).max(1).describe('Probability (0-1) that a claimant still without work finds work in a month: the allowance stops, the early re-employment allowance starts.'),
      wage_relativity: wageRelativity,
    })
    .refine((j) => j.duration.months.every((m) => m <= j.rates.length), { error: 'a duration is longer than the rates given', path: ['duration', 'months'] })
    .optional()
    .describe('Job search allowance (employment insurance): a monthly allowance on a falling scale after an involuntary loss of employment.'),
  early_reemployment_allowance: z
    .strictObject({ share_of_unpaid: z.number().min(0).max(1).describe('Share (0-1) of the job search allowance not yet paid, paid as a lump sum to a claimant who finds work before it ends.') })
    .optional()
    .describe('Early re-employment allowance (employment insurance).'),
  reduced_income_allowance: z
    .strictObject({ share_of_claims: z.number().min(0).max(1).describe('Share (0-1) of qualifying losses that are one job of several: the job search allowance\'s whole schedule as a lump sum, and no other allowance.') })
    .optional()
    .describe('Reduced income allowance (employment insurance): the loss of one job of several.'),
  training: z
    .strictObject({
      share_of_claims: z.number().min(0).max(1).describe('Share (0-1) of job search claimants who are trained.'),
      fee_per_trainee: money.describe('Mean training fee per trainee in the start year, in the scheme currency.'),
      allowance_daily: money.default(0).describe('Training allowance per day in the start year, in the scheme currency.'),
      days: z.number().min(0).max(366).default(0).describe('Mean days of training allowance per trainee.'),
      indexation: series.default(0).describe('(series) annual increase of the fee and the allowance: wage_growth (with wages), inflation (with prices), or any series; 0, as the law fixes them.'),
    })
    .optional()
    .describe('Training fees and training allowance (employment insurance).'),
})
  .refine((b) => b.job_search_allowance !== undefined || (b.early_reemployment_allowance === undefined && b.reduced_income_allowance === undefined && b.training === undefined), {
    error: 'the early re-employment allowance, the reduced income allowance and training are paid on the job search allowance\'s schedule and claims: give job_search_allowance too',
  })
  .describe('The benefits the scheme pays; which ones depend on its kind.');
export type BenefitsConfig = z.infer<typeof benefits>;


const scheme = z.strictObject({
  id: slug.describe('Identifier of the scheme (a fund, charts and report columns).'),
  kind: z.enum(SCHEME_KINDS).describe('employment_injury, non_employment_injury, invalidity or employment_insurance: the contingencies and benefits of the scheme.'),
  label: label.optional(),
  ages: z
    .strictObject({
      min: z.number().int().min(0).max(110).default(15).describe('First age covered (years).'),
      max: z.number().int().min(0).max(110).optional().describe('Last age covered (invalidity and employment insurance: 59, so cover ends at 60).'),
    })
    .prefault({})
    .describe('Ages covered (age last birthday).'),
  fund: z
    .strictObject({
      initial: within(BOUNDS.fund).default(0).describe('Fund at the end of the year before start_year.'),
      pooled_with: slug.nullable().default(null).describe('Id of another scheme whose fund receives this scheme\'s net cash flow; null for its own fund.'),
    })
    .prefault({})
    .describe('The scheme\'s fund, in the scheme currency.'),
  ceiling: z.strictObject({
    monthly: series.describe('(series) monthly wage ceiling for contributions and benefits.'),
    indexation: z.union([z.literal('none'), series]).default('none').describe('none, or (series) the annual increase of the ceiling from the last year ceiling.monthly changes.'),
  }).describe('The wage ceiling (monthly, scheme currency).'),
  cover: z.record(z.string(), coverEntry).describe('Cover of each group, by group id.'),
  contributions: z.strictObject({
    default: contributionSpec.describe('Contributions of every group without its own entry.'),
    by_group: z.record(z.string(), contributionSpec).optional().describe('Contributions of a group, by group id.'),
  }).describe('Contributions to the scheme.'),
  incidence: tablePath.describe('CSV: sex, age, and one column per contingency of the scheme kind.'),
  commuting_incidence: tablePath.optional().describe('Employment injury only. CSV: sex, age, temporary, permanent, fatal, medical: the commuting accidents\' part of `incidence` (never above it); the rest is workplace accidents and occupational disease.'),
  incidence_trend: z
    .record(z.string(), series)
    .optional()
    .describe('(series) a time-trend factor per contingency (1 = the table as given).'),
  qualifying: z
    .strictObject({
      min_months: z.number().int().min(0).max(120).default(24).describe('Months of contributions needed within the window.'),
      window_months: z.number().int().min(1).max(120).default(40).describe('Length of the qualifying window, in months before the invalidity or death.'),
      entry_age: z.number().min(0).max(80).default(18).describe('Age (years) from which months insured are counted.'),
      full_share_since_entry: monthsShare.optional().describe('Invalidity only. The full pension also on contributions for this share (Act 4: 2/3) of the months since entry into insurance, at least min_months; absent, that route is left out.'),
      reduced_share_since_entry: monthsShare.optional().describe('Invalidity only. A reduced pension (invalidity_pension.reduced_rate) on contributions for this share (Act 4: 1/3) of the months since entry into insurance, at least min_months; absent, no reduced pension.'),
      max_entry_age: z.number().min(0).max(110).optional().describe('Invalidity only. Those who entered insurance at or above this age (Act 4: 55) get no invalidity benefit; absent, no limit.'),
    })
    .refine((q) => q.reduced_share_since_entry === undefined || q.full_share_since_entry === undefined || q.reduced_share_since_entry <= q.full_share_since_entry, { error: 'reduced_share_since_entry cannot exceed full_share_since_entry', path: ['reduced_share_since_entry'] })
    .refine((q) => q.min_months <= q.window_months, { error: 'min_months cannot exceed window_months', path: ['min_months'] })
    .prefault({})
    .describe('Qualifying conditions of invalidity and survivors\' pensions, and of the employment-insurance allowances.'),
  non_employment_injury_deaths: z
    .enum(['paid', 'excluded'])
    .optional()
    .describe('Invalidity only: whether its survivors\' pensions and funeral benefit are paid on deaths the 24-hour non-employment-injury cover pays dependants\' benefit on (paid, as without the key) or left to that cover, as employment-injury deaths are (excluded).'),
  benefits,
  indexation: z.strictObject({ pensions: series.default(0).describe('(series) annual increase of pensions in payment.') }).prefault({}).describe('Indexation of pensions in payment.'),
  expenses: z
    .strictObject({
      share_of_contributions: z.number().min(0).max(1).default(0).describe('Administrative expenses as a share (0-1) of contributions.'),
      share_of_benefits: z.number().min(0).max(1).default(0).describe('Administrative expenses as a share (0-1) of benefits.'),
      per_insured_monthly: money.default(0).describe('Cost per registered person per month in the start year, indexed to wages.'),
    })
    .prefault({})
    .describe('Administrative expenses of the scheme.'),
  beneficiaries: tablePath
    .optional()
    .describe('CSV: type, sex, age, count, monthly_amount (and optionally group): pensions in payment at the start.'),
});

/** A file read and its SHA-256 (provenance). */
const fileDigest = z.strictObject({
  path: z.string().describe('Path of the file, as named.'),
  sha256: z.string().describe('SHA-256 of its bytes, in hex.'),
});

const stochasticModel = z.strictObject({
  model: z.enum(['ar1', 'lognormal']).describe('ar1: a persistent AR(1) deviation; lognormal: an independent factor each year (mean 1).'),
  sd: z.number().min(0).max(10).describe('Standard deviation of the yearly innovation (absolute for a rate, of the logarithm for a factor).'),
  phi: z.number().min(-1).max(1).optional().describe('Autocorrelation of the AR(1) deviation (ar1 only).'),
});


export const scenarioSchema = z.strictObject({
  scenario: z.strictObject({
    id: slug.describe('The report folder is reports/<id>/.'),
    title: oneLineText.min(1).describe('One-line title, printed in reports.'),
    description: text.optional().describe('Free text: sources and assumptions of the scenario.'),
    extends: z.string().optional().describe('A parent scenario file; keys here override it, deep-merged.'),
  }).describe('What the scenario is.'),
  projection: z
    .strictObject({
      start_year: z.number().int().min(1900).max(2500).describe('First projection year (the base-year data describe its start).'),
      end_year: z.number().int().min(1900).max(2800).describe('Last projection year (at most 500 years after the start).'),
      currency: z.string().regex(/^[A-Z]{3}$/).default('MYR').describe('Currency code of the schemes (money amounts).'),
    })
    .refine((p) => p.end_year >= p.start_year, { error: 'end_year must not be before start_year', path: ['end_year'] })
    .refine((p) => p.end_year - p.start_year < 500, { error: 'the projection is limited to 500 years', path: ['end_year'] })
    .describe('The projection period and currency.'),
  economy: z.strictObject({
    wage_growth: series.describe('(series) nominal wage growth per year.'),
    inflation: series.describe('(series) price inflation per year.'),
    investment_return: series.describe('(series) nominal annual return on the funds.'),
    discount_rate: series.optional().describe('(series) for present values; defaults to investment_return.'),
    medical_inflation: series.optional().describe('(series) defaults to inflation.'),
    exchange_rates: z.record(z.string().regex(/^[A-Z]{3}$/, { error: 'expected a currency code such as SGD' }), series).optional().describe('(series each) scheme currency per unit of another currency, by currency code.'),
  }).describe('Economic assumptions (annual rates).'),
  demography: z.strictObject({
    mortality: tablePath.describe('CSV: sex, age, qx (and optionally year).'),
    mortality_improvement: series.default(0).describe('(series) annual reduction of qx after the last year of the table.'),
  }).describe('General mortality.'),
  // Bounded: each scheme draws its charts and each group its cells (limits.ts bounds the product).
  groups: z.array(group).min(1).max(200).describe('The groups of workers (potential populations).'),
  schemes: z.array(scheme).min(1).max(10).describe('The schemes projected.'),
  mortality_multipliers: z
    .strictObject(Object.fromEntries(PENSION_TYPES.map((t) => [t, multiplier.default(1).describe(`Mortality of ${t.replace(/_/g, ' ')} beneficiaries as a multiple of general mortality.`)])) as Record<PensionType, z.ZodDefault<z.ZodNumber>>)
    .prefault({})
    .describe('Beneficiaries\' mortality as a multiple of general mortality, by pension type.'),
  stochastic: z
    .strictObject({
      paths: z.number().int().min(1).max(10_000_000).describe('Number of paths (--paths overrides).'),
      // A 32-bit seed: every value gives its own streams (random.ts).
      seed: z.number().int().min(0).max(2 ** 32 - 1).describe('Seed of the random streams, 0 to 2^32-1 (--seed overrides).'),
      investment_return: stochasticModel.optional().describe('Deviation of the investment return from the scenario\'s path (ar1).'),
      wage_growth: stochasticModel.optional().describe('Deviation of nominal wage growth from the scenario\'s path (ar1).'),
      incidence: stochasticModel.optional().describe('A yearly factor on every contingency (lognormal).'),
      mortality: stochasticModel.optional().describe('A yearly factor on mortality (lognormal or ar1).'),
      correlation: z
        .record(
          z.string().regex(/^(investment_return|wage_growth|incidence|mortality)__(investment_return|wage_growth|incidence|mortality)$/, {
            error: 'expected a pair of stochastic assumptions such as investment_return__wage_growth',
          }),
          z.number().min(-1).max(1),
        )
        .optional()
        .describe('Correlation (-1 to 1) of the innovations of a pair of modelled assumptions, such as investment_return__wage_growth.'),
    })
    .optional()
    .describe('Used by the stochastic command only.'),
  measures: z
    .strictObject({
      gap_periods: z.array(z.number().int().min(1).max(500)).max(20).default([10, 25, 50]).describe('Lengths in years of the general-average-premium periods from the start year (the whole horizon is always added).'),
      target_reserve_ratio: z.number().min(0).max(100).default(0).describe('Reserve at the end of a GAP period, in years of that year\'s benefits and expenses.'),
      scaled_premium_years: z.number().int().min(1).max(500).default(10).describe('Length of the periods of equilibrium of the scaled premium.'),
      capital_value_mortality: z.enum(['cohort', 'period']).default('cohort').describe('Mortality of capital values (terminal funding, liabilities, commutation factors, a top-up\'s family capital): cohort, the rates of the years the pensioner will live; period, the year\'s own rates at every age.'),
    })
    .prefault({})
    .describe('Options of the ILO financing measures.'),
  sources: z
    .record(
      slug,
      z.strictObject({
        citation: oneLineText.min(1).max(500).describe('What the source is: publisher, title, section or table.'),
        date: z
          .string()
          .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { error: 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD' })
          .describe('When it was published (or the date of the figure it gives): YYYY, YYYY-MM or YYYY-MM-DD.'),
        url: oneLineText.max(2000).optional().describe('Where to read it.'),
      }),
    )
    .refine((r) => Object.keys(r).length <= 1000, { error: 'at most 1,000 sources' })
    .optional()
    .describe('The published sources the values cite by id: {<id>: {citation, date, url}} (docs/scenario-format.md, "Where a value comes from").'),
  provenance: z
    .strictObject({
      tool: z.string().describe('Name of the tool that wrote the file.'),
      version: z.string().describe('Version of coverage-sim.'),
      node: z.string().describe('Version of Node.js.'),
      seed: z.number().int().nullable().optional().describe('Seed of a stochastic run; null otherwise.'),
      scenario_files: z.array(fileDigest).describe('The scenario files read (the file and its parents).'),
      data_files: z.array(fileDigest).describe('The data tables read.'),
      differences_from_baseline: z
        .array(z.strictObject({ key: z.string().describe('The value\'s name.'), baseline: z.string().describe('In the baseline.'), scenario: z.string().describe('In this scenario.') }))
        .nullable()
        .optional()
        .describe('Where the scenario differs from the root of its extends chain (null for a baseline), as report.html and report.xlsx list it.'),
    })
    .optional()
    .describe('Written by coverage-sim in scenario.resolved.yaml: what a report was computed from. Not used by the projection.'),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type GroupConfig = Scenario['groups'][number];
export type SchemeConfig = Scenario['schemes'][number];
export type CoverConfig = z.infer<typeof coverEntry>;
export type WorkplaceOffsetConfig = z.infer<typeof workplaceOffset>;
export type EnforcementConfig = z.infer<typeof enforcement>;
export type ArrearsConfig = z.infer<typeof arrears>;
export type FixedAmount = z.infer<ReturnType<typeof fixedAmount>>;
export type ContributionConfig = z.infer<typeof contributionSpec>;

/** The benefits each scheme kind can pay (methodology §4); any other is a validation error. */
export const BENEFITS_BY_KIND: Record<SchemeKind, ReadonlyArray<keyof BenefitsConfig>> = {
  employment_injury: ['temporary_disablement', 'permanent_disablement', 'constant_attendance', 'dependants', 'funeral', 'medical', 'rehabilitation', 'education'],
  non_employment_injury: ['temporary_disablement', 'permanent_disablement', 'constant_attendance', 'dependants', 'funeral', 'medical', 'rehabilitation', 'education'],
  invalidity: ['invalidity_pension', 'invalidity_grant', 'survivors', 'constant_attendance', 'funeral', 'rehabilitation', 'education', 'dialysis'],
  employment_insurance: ['job_search_allowance', 'early_reemployment_allowance', 'reduced_income_allowance', 'training'],
};

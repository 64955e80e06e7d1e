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
import { PENSION_TYPES, SCHEME_KINDS } from '../model.js';
import type { PensionType, SchemeKind } from '../model.js';

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
      interpolate: z.enum(['linear', 'step']),
      values: yearTable,
    })
    .describe('A year table with linear interpolation between the years given (flat outside).'),
  ramp: z
    .strictObject({
      ramp: z.enum(['logistic', 'linear']),
      from: z.number().int(),
      start: z.number(),
      target: z.number(),
      years: z.number().positive(),
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
  z.strictObject({ en: oneLineText, ms: oneLineText.optional() }),
]);

/** A plain number within one of the named ranges of bounds.ts (series are checked per year later). */
const within = (b: Bounds) => z.number().min(b.min).max(b.max);
const multiplier = within(BOUNDS.multiplier);
const money = within(BOUNDS.money);

/** A multiplier on a scheme's incidence: one number for every contingency, or one each. */
const injuryRisk = z.union([
  multiplier,
  z.strictObject({
    temporary: multiplier.optional(),
    permanent: multiplier.optional(),
    fatal: multiplier.optional(),
    medical: multiplier.optional(),
  }),
]);

const group = z.strictObject({
  id: slug,
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
    }),
  age_structure: z.enum(['static', 'cohort']).default('static'),
  age_sex: tablePath.describe('CSV: sex, age, share (and entry_share for cohort groups).'),
  wage: z.strictObject({
    mean_monthly: money.describe('Mean monthly wage in the start year, in `currency`.'),
    cv: z.number().min(0).max(5).default(0).describe('Coefficient of variation of wages within an age-sex cell (lognormal).'),
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'expected a currency code such as MYR or SGD' }).optional(),
    growth: series.default('wage_growth').describe('(series) nominal wage growth; defaults to the economy\'s wage_growth.'),
    age_profile: tablePath.optional().describe('CSV: sex, age, relative (normalised so the group average is the mean).'),
  }),
  risk: z
    .strictObject({
      employment_injury: injuryRisk.default(1),
      non_employment_injury: injuryRisk.default(1),
      invalidity: multiplier.default(1),
      mortality: multiplier.default(1),
    })
    .prefault({}),
  exits: z
    .strictObject({
      withdrawal: series.default(0).describe('(series) annual withdrawal rate from the group (cohort mode only).'),
    })
    .optional(),
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
});

const contributionSpec = z.strictObject({
  employer: series.optional().describe('(series) employer rate on insurable wages.'),
  employee: series.optional().describe('(series) employee rate on insurable wages.'),
  flat_monthly: series.optional().describe('(series) a fixed amount per contributing person per month, instead of rates.'),
  flat_payer: z.enum(['employer', 'employee']).default('employee'),
});

const wageRelativity = z
  .number()
  .positive()
  .max(10)
  .default(1)
  .describe('Mean wage of claimants relative to the mean of their age-sex cell (those injured, invalid or deceased tend to earn less).');

const replacementPart = {
  replacement: series.describe('(series) replacement rate of the insurable wage.'),
  daily_minimum: series.default(0).describe('(series) minimum daily benefit at the full rate (x30 for a month).'),
  wage_relativity: wageRelativity,
};

const family = {
  spouse_share: z.number().min(0).max(1).default(0.6).describe('Spouse\'s share of the full pension when there are children.'),
  sole_survivor_share: z.number().min(0).max(1).default(1).describe('Share of the full pension paid when only a spouse, or only children, survive.'),
  child_age_limit: z.number().int().min(0).max(110).default(21),
  family: tablePath.describe('CSV: sex, age, p_spouse, spouse_age_difference, p_children, youngest_child_age.'),
};

const benefits = z.strictObject({
  temporary_disablement: z
    .strictObject({ ...replacementPart, mean_days: series.describe('(series) mean benefit days per case.') })
    .optional(),
  permanent_disablement: z
    .strictObject({
      ...replacementPart,
      lump_sum_max_degree: z.number().min(0).max(1).default(0.2).describe('Assessed loss up to which the award is a lump sum.'),
      lump_sum_share: z.number().min(0).max(1).describe('Share of permanent-disablement awards with a degree up to lump_sum_max_degree.'),
      mean_degree_lump_sum: z.number().min(0).max(1),
      mean_degree_pension: z.number().min(0).max(1),
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
    .optional(),
  constant_attendance: z
    .strictObject({
      monthly: series.describe('(series) monthly allowance.'),
      share_of_new_pensions: z.number().min(0).max(1),
    })
    .optional(),
  dependants: z.strictObject({ ...replacementPart, ...family }).optional(),
  funeral: z
    .strictObject({
      amount: money,
      by_group: z.record(z.string(), money).optional(),
      indexation: series.default(0).describe('(series) annual increase of the amounts.'),
    })
    .optional(),
  medical: z
    .strictObject({ cost_per_case: money.describe('Cost per treated case in the start year, indexed by medical_inflation.') })
    .optional(),
  invalidity_pension: z
    .strictObject({
      base_rate: z.number().min(0).max(1).default(0.5),
      increment_per_year: z.number().min(0).max(0.1).default(0.01).describe('Added per 12 months of contributions beyond the qualifying months.'),
      max_rate: z.number().min(0).max(1).default(0.65),
      minimum_monthly: series.default(0).describe('(series) minimum monthly pension.'),
      wage_relativity: wageRelativity,
    })
    .optional(),
  survivors: z.strictObject({ ...family, wage_relativity: wageRelativity }).optional(),
});
export type BenefitsConfig = z.infer<typeof benefits>;


const scheme = z.strictObject({
  id: slug,
  kind: z.enum(SCHEME_KINDS),
  label: label.optional(),
  ages: z
    .strictObject({
      min: z.number().int().min(0).max(110).default(15),
      max: z.number().int().min(0).max(110).optional().describe('Last age covered (invalidity: 59, so cover ends at 60).'),
    })
    .prefault({}),
  fund: z
    .strictObject({
      initial: within(BOUNDS.fund).default(0).describe('Fund at the end of the year before start_year.'),
      pooled_with: slug.nullable().default(null),
    })
    .prefault({}),
  ceiling: z.strictObject({
    monthly: series.describe('(series) monthly wage ceiling for contributions and benefits.'),
    indexation: z.union([z.literal('none'), series]).default('none'),
  }),
  cover: z.record(z.string(), coverEntry),
  contributions: z.strictObject({
    default: contributionSpec,
    by_group: z.record(z.string(), contributionSpec).optional(),
  }),
  incidence: tablePath.describe('CSV: sex, age, and one column per contingency of the scheme kind.'),
  incidence_trend: z
    .record(z.string(), series)
    .optional()
    .describe('(series) a time-trend factor per contingency (1 = the table as given).'),
  qualifying: z
    .strictObject({
      min_months: z.number().int().min(0).max(120).default(24),
      window_months: z.number().int().min(1).max(120).default(40),
      entry_age: z.number().min(0).max(80).default(18),
    })
    .refine((q) => q.min_months <= q.window_months, { error: 'min_months cannot exceed window_months', path: ['min_months'] })
    .prefault({}),
  benefits,
  indexation: z.strictObject({ pensions: series.default(0) }).prefault({}),
  expenses: z
    .strictObject({
      share_of_contributions: z.number().min(0).max(1).default(0),
      share_of_benefits: z.number().min(0).max(1).default(0),
      per_insured_monthly: money.default(0).describe('Cost per registered person per month in the start year, indexed to wages.'),
    })
    .prefault({}),
  beneficiaries: tablePath
    .optional()
    .describe('CSV: type, sex, age, count, monthly_amount (and optionally group): pensions in payment at the start.'),
});

const stochasticModel = z.strictObject({
  model: z.enum(['ar1', 'lognormal']),
  sd: z.number().min(0).max(10),
  phi: z.number().min(-1).max(1).optional(),
});


export const scenarioSchema = z.strictObject({
  scenario: z.strictObject({
    id: slug.describe('The report folder is reports/<id>/.'),
    title: oneLineText.min(1),
    description: text.optional(),
    extends: z.string().optional().describe('A parent scenario file; keys here override it, deep-merged.'),
  }),
  projection: z
    .strictObject({
      start_year: z.number().int().min(1900).max(2500),
      end_year: z.number().int().min(1900).max(2800),
      currency: z.string().regex(/^[A-Z]{3}$/).default('MYR'),
    })
    .refine((p) => p.end_year >= p.start_year, { error: 'end_year must not be before start_year', path: ['end_year'] })
    .refine((p) => p.end_year - p.start_year < 500, { error: 'the projection is limited to 500 years', path: ['end_year'] }),
  economy: z.strictObject({
    wage_growth: series,
    inflation: series,
    investment_return: series,
    discount_rate: series.optional().describe('(series) for present values; defaults to investment_return.'),
    medical_inflation: series.optional().describe('(series) defaults to inflation.'),
    exchange_rates: z.record(z.string().regex(/^[A-Z]{3}$/, { error: 'expected a currency code such as SGD' }), series).optional(),
  }),
  demography: z.strictObject({
    mortality: tablePath.describe('CSV: sex, age, qx (and optionally year).'),
    mortality_improvement: series.default(0).describe('(series) annual reduction of qx after the last year of the table.'),
  }),
  // Bounded: each scheme draws its charts and each group its cells (limits.ts bounds the product).
  groups: z.array(group).min(1).max(200),
  schemes: z.array(scheme).min(1).max(10),
  mortality_multipliers: z
    .strictObject(Object.fromEntries(PENSION_TYPES.map((t) => [t, multiplier.default(1)])) as Record<PensionType, z.ZodDefault<z.ZodNumber>>)
    .prefault({}),
  stochastic: z
    .strictObject({
      paths: z.number().int().min(1).max(10_000_000),
      // A 32-bit seed: every value gives its own streams (random.ts).
      seed: z.number().int().min(0).max(2 ** 32 - 1),
      investment_return: stochasticModel.optional(),
      wage_growth: stochasticModel.optional(),
      incidence: stochasticModel.optional(),
      mortality: stochasticModel.optional(),
      correlation: z
        .record(
          z.string().regex(/^(investment_return|wage_growth|incidence|mortality)__(investment_return|wage_growth|incidence|mortality)$/, {
            error: 'expected a pair of stochastic assumptions such as investment_return__wage_growth',
          }),
          z.number().min(-1).max(1),
        )
        .optional(),
    })
    .optional()
    .describe('Used by the stochastic command only.'),
  measures: z
    .strictObject({
      gap_periods: z.array(z.number().int().min(1).max(500)).max(20).default([10, 25, 50]).describe('Lengths in years of the general-average-premium periods from the start year (the whole horizon is always added).'),
      target_reserve_ratio: z.number().min(0).max(100).default(0).describe('Reserve at the end of a GAP period, in years of that year\'s benefits and expenses.'),
      scaled_premium_years: z.number().int().min(1).max(500).default(10).describe('Length of the periods of equilibrium of the scaled premium.'),
    })
    .prefault({})
    .describe('Options of the ILO financing measures.'),
  provenance: z
    .strictObject({
      tool: z.string(),
      version: z.string(),
      node: z.string(),
      seed: z.number().int().nullable().optional(),
      scenario_files: z.array(z.strictObject({ path: z.string(), sha256: z.string() })),
      data_files: z.array(z.strictObject({ path: z.string(), sha256: z.string() })),
    })
    .optional()
    .describe('Written by coverage-sim in scenario.resolved.yaml: what a report was computed from. Not used by the projection.'),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type GroupConfig = Scenario['groups'][number];
export type SchemeConfig = Scenario['schemes'][number];
export type CoverConfig = z.infer<typeof coverEntry>;
export type ContributionConfig = z.infer<typeof contributionSpec>;

/** The benefits each scheme kind can pay (methodology §4); any other is a validation error. */
export const BENEFITS_BY_KIND: Record<SchemeKind, ReadonlyArray<keyof BenefitsConfig>> = {
  employment_injury: ['temporary_disablement', 'permanent_disablement', 'constant_attendance', 'dependants', 'funeral', 'medical'],
  non_employment_injury: ['temporary_disablement', 'permanent_disablement', 'constant_attendance', 'dependants', 'funeral', 'medical'],
  invalidity: ['invalidity_pension', 'survivors', 'constant_attendance', 'funeral'],
};


export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
}

/**
 * The assumptions stage: resolve every *(series)* of a validated scenario to one value per
 * projection year and read its data tables into typed arrays. Output: one plain Assumptions
 * object the engine runs on.
 */
import type { LoadedScenario } from '../scenario/load.js';
import { BOUNDS } from '../scenario/bounds.js';
import type { Bounds } from '../scenario/bounds.js';
import { ScenarioError } from '../scenario/errors.js';
import type { KeyPath } from '../scenario/errors.js';
import type { ContributionConfig, FixedAmount, GroupConfig, SchemeConfig, Series } from '../scenario/schema.js';
import { INCIDENCE_COLUMNS, INJURY, PAYERS, PENSION_TYPES, PENSION_TYPES_BY_KIND } from '../model.js';
import { messages } from '../messages.js';
import { AGES, CELLS, FEMALE, MALE, MAX_AGE, SEX_CODES, cell } from '../engine/layout.js';
import { logSigma } from '../engine/lognormal.js';
import { ageSexColumns, tableError } from './csv.js';
import { funeralPayments } from './funeral.js';
import { buildOffset } from './offset.js';
import { buildArrears, buildEnforcement } from './enforcement.js';
import type { CsvTable } from './csv.js';
import { PendingName, resolveSeries } from './series.js';
import type { SeriesContext } from './series.js';
import { BENEFICIARY_COLUMNS, FAMILY_COLUMNS, beneficiaryStock, familyTable, mortalityByYear, shareColumns } from './tables.js';
import type {
  Assumptions,
  ContributionAssumptions,
  CoverAssumptions,
  EconomyAssumptions,
  FuneralAssumptions,
  DurationTerms,
  GroupAssumptions,
  InputFile,
  Label,
  SchemeAssumptions,
  SurvivorAssumptions,
} from './types.js';

const ECONOMY_NAMES = ['wage_growth', 'inflation', 'investment_return', 'discount_rate', 'medical_inflation'] as const;

/**
 * Where a scenario's data tables come from: files on disk (table-files.ts), or the tables a page
 * carries (the explore page, which runs this same code in a browser). `where` is the error at the
 * key that names the table, for a table that cannot be read.
 */
export interface TableSource {
  read(file: string, needed: readonly string[], optional: readonly string[], where: () => ScenarioError, maxBytes: number): { table: CsvTable; sha256: string };
}

/** What the assumptions are built from: a validated scenario, its tables' paths and its limits. */
export type ScenarioInput = Pick<LoadedScenario, 'scenario' | 'error' | 'tablePath' | 'limits'>;

export function buildAssumptions(loaded: ScenarioInput, tables: TableSource): Assumptions {
  const { scenario } = loaded;
  const startYear = scenario.projection.start_year;
  const endYear = scenario.projection.end_year;
  const years = endYear - startYear + 1;
  const inputs: InputFile[] = [];
  const tableCache = new Map<string, CsvTable>();

  const readTable = (path: KeyPath, needed: readonly string[], optional: readonly string[] = []): CsvTable => {
    const file = loaded.tablePath(path);
    let table = tableCache.get(file);
    if (!table) {
      const read = tables.read(file, needed, optional, () => loaded.error(path, ''), loaded.limits.tableBytes);
      table = read.table;
      tableCache.set(file, table);
      inputs.push({ path: file, sha256: read.sha256, keys: [] });
    }
    // A table read before (for another key, or for another projection) must have this key's columns too.
    for (const column of needed) {
      if (!table.columns.includes(column)) throw new ScenarioError({ file: table.displayPath, line: 1 }, undefined, messages.csvMissingColumn(column, needed));
    }
    inputs.find((input) => input.path === file)!.keys.push(path);
    return table;
  };

  const named = new Map<string, Float64Array>();
  const baseContext = (pending?: Set<string>): SeriesContext => ({ startYear, endYear, named, pending, error: loaded.error });
  resolveEconomy(loaded, named, baseContext);
  const context = baseContext();
  const series = (value: Series, path: KeyPath, bounds: Bounds) => resolveSeries(value, path, bounds, context);

  const economy = economyArrays(named, years);

  const improvement = series(scenario.demography.mortality_improvement, ['demography', 'mortality_improvement'], BOUNDS.improvement);
  const mortalityTable = readTable(['demography', 'mortality'], ['sex', 'age', 'qx'], ['year']);
  const mortality = mortalityByYear(mortalityTable, startYear, years, improvement);

  const groups = scenario.groups.map((g, gi) => buildGroup(g, gi, years, named, series, readTable, scenario.projection.currency, loaded));
  const groupIds = groups.map((g) => g.id);
  const schemes = scenario.schemes.map((s, si) => buildScheme(s, si, years, groupIds, series, readTable, loaded, economy.wageIndex, mortality));

  const pensionMortality = new Float64Array(PENSION_TYPES.length);
  PENSION_TYPES.forEach((type, i) => (pensionMortality[i] = scenario.mortality_multipliers[type]));

  return {
    startYear,
    endYear,
    years,
    currency: scenario.projection.currency,
    economy,
    mortality,
    groups,
    schemes,
    pensionMortality,
    capitalValueMortality: scenario.measures.capital_value_mortality,
    pensionTypes: PENSION_TYPES,
    inputs,
  };
}

/**
 * Economy series may refer to each other ("discount_rate: investment_return - 0.005"): resolve
 * those whose names are available, and repeat; a name never resolved is a cycle.
 */
function resolveEconomy(loaded: ScenarioInput, named: Map<string, Float64Array>, contextFor: (pending: Set<string>) => SeriesContext): void {
  const economy = loaded.scenario.economy;
  const todo: Array<{ name: string; value: Series; path: KeyPath; bounds: Bounds }> = [
    { name: 'wage_growth', value: economy.wage_growth, path: ['economy', 'wage_growth'], bounds: BOUNDS.growth },
    { name: 'inflation', value: economy.inflation, path: ['economy', 'inflation'], bounds: BOUNDS.growth },
    { name: 'investment_return', value: economy.investment_return, path: ['economy', 'investment_return'], bounds: BOUNDS.interest },
    { name: 'discount_rate', value: economy.discount_rate ?? 'investment_return', path: ['economy', economy.discount_rate === undefined ? 'investment_return' : 'discount_rate'], bounds: BOUNDS.interest },
    { name: 'medical_inflation', value: economy.medical_inflation ?? 'inflation', path: ['economy', economy.medical_inflation === undefined ? 'inflation' : 'medical_inflation'], bounds: BOUNDS.growth },
    ...Object.entries(economy.exchange_rates ?? {}).map(([code, value]) => ({ name: code, value, path: ['economy', 'exchange_rates', code] as KeyPath, bounds: BOUNDS.exchangeRate })),
  ];
  while (todo.length > 0) {
    const pending = new Set(todo.map((t) => t.name));
    let progressed = false;
    for (let k = 0; k < todo.length; k++) {
      const item = todo[k];
      pending.delete(item.name);
      try {
        named.set(item.name, resolveSeries(item.value, item.path, item.bounds, contextFor(pending)));
        todo.splice(k--, 1);
        progressed = true;
      } catch (e) {
        if (!(e instanceof PendingName)) throw e;
        pending.add(item.name);
      }
    }
    if (!progressed) {
      const first = todo[0];
      throw loaded.error(first.path, messages.expression(`the economy assumptions ${todo.map((t) => t.name).join(', ')} refer to each other in a cycle`));
    }
  }
}

function economyArrays(named: Map<string, Float64Array>, years: number): EconomyAssumptions {
  const get = (name: (typeof ECONOMY_NAMES)[number]) => named.get(name)!;
  return {
    wageGrowth: get('wage_growth'),
    inflation: get('inflation'),
    investmentReturn: get('investment_return'),
    discountRate: get('discount_rate'),
    medicalInflation: get('medical_inflation'),
    wageIndex: cumulativeIndex(get('wage_growth'), years),
    medicalIndex: cumulativeIndex(get('medical_inflation'), years),
  };
}

/** Π_{u=1..i} (1 + rate_u): 1 in the start year, then compounded each later year. */
export function cumulativeIndex(rate: Float64Array, years: number): Float64Array {
  const index = new Float64Array(years);
  index[0] = 1;
  for (let i = 1; i < years; i++) index[i] = index[i - 1] * (1 + rate[i]);
  return index;
}

/**
 * An amount indexed from the last year its own series sets it: a legislated step
 * (`{2025: 6000, 2030: 8000}`) holds exactly in its year, and indexation runs on from there.
 */
function indexedFrom(base: Float64Array, indexation: Float64Array): Float64Array {
  const values = new Float64Array(base);
  for (let i = 1; i < values.length; i++) values[i] = base[i] !== base[i - 1] ? base[i] : values[i - 1] * (1 + indexation[i]);
  return values;
}

/** Whether an indexation is the economy's wage growth itself: the amount then moves with a shocked wage level. */
function followsWageGrowth(indexation: Series | 'none'): boolean {
  return typeof indexation === 'string' && indexation.trim() === 'wage_growth';
}

/** A fixed amount of the law by year: its series, or `{amount, indexation}` indexed (schema.ts fixedAmount). */
function fixedAmount(value: FixedAmount, path: KeyPath, series: SeriesFn): { values: Float64Array; followsWages: boolean } {
  if (typeof value !== 'object' || !('amount' in value)) return { values: series(value, path, BOUNDS.money), followsWages: false };
  const base = series(value.amount, [...path, 'amount'], BOUNDS.money);
  const indexation = series(value.indexation, [...path, 'indexation'], BOUNDS.growth);
  return { values: indexedFrom(base, indexation), followsWages: followsWageGrowth(value.indexation) };
}

function labelOf(label: string | { en: string; ms?: string } | undefined, id: string): Label {
  if (label === undefined) return { en: id };
  return typeof label === 'string' ? { en: label } : label;
}

type SeriesFn = (value: Series, path: KeyPath, bounds: Bounds) => Float64Array;
type ReadTable = (path: KeyPath, needed: readonly string[], optional?: readonly string[]) => CsvTable;

function buildGroup(
  g: GroupConfig,
  gi: number,
  years: number,
  named: Map<string, Float64Array>,
  series: SeriesFn,
  readTable: ReadTable,
  currency: string,
  loaded: ScenarioInput,
): GroupAssumptions {
  const at = (...rest: Array<string | number>): KeyPath => ['groups', gi, ...rest];
  const cohort = g.age_structure === 'cohort';

  let population: Float64Array;
  if (g.population.series !== undefined) {
    population = series(g.population.series, at('population', 'series'), BOUNDS.headcount);
  } else {
    const growth = series(g.population.growth ?? 0, at('population', 'growth'), BOUNDS.growth);
    population = new Float64Array(years);
    population[0] = g.population.base!;
    for (let i = 1; i < years; i++) population[i] = population[i - 1] * (1 + growth[i]);
  }

  const shares = shareColumns(readTable(at('age_sex'), cohort ? ['sex', 'age', 'share', 'entry_share'] : ['sex', 'age', 'share'], ['entry_share']), cohort);
  const withdrawal = series(g.exits?.withdrawal ?? 0, at('exits', 'withdrawal'), BOUNDS.rate);

  const growth = series(g.wage.growth, at('wage', 'growth'), BOUNDS.growth);
  const meanMonthlyWage = new Float64Array(years);
  const wageCurrency = g.wage.currency ?? currency;
  const exchange = wageCurrency === currency ? null : named.get(wageCurrency);
  if (wageCurrency !== currency && !exchange) throw loaded.error(at('wage', 'currency'), messages.unknownCurrency(wageCurrency));
  let level = g.wage.mean_monthly;
  for (let i = 0; i < years; i++) {
    if (i > 0) level *= 1 + growth[i];
    meanMonthlyWage[i] = level * (exchange ? exchange[i] : 1);
  }

  const wageProfile = new Float64Array(CELLS).fill(1);
  if (g.wage.age_profile) {
    const profile = ageSexColumns(readTable(at('wage', 'age_profile'), ['sex', 'age', 'relative']), ['relative'], 'nearest', { min: 0 }).relative;
    let weighted = 0;
    for (let c = 0; c < CELLS; c++) weighted += shares.share[c] * profile[c];
    if (!(weighted > 0)) throw loaded.error(at('wage', 'age_profile'), 'the age profile is zero wherever the group has members');
    for (let c = 0; c < CELLS; c++) wageProfile[c] = profile[c] / weighted;
  }

  type InjuryRisk = number | Partial<Record<keyof typeof INJURY, number>>;
  const injuryRisk = (value: InjuryRisk) => {
    const out = new Float64Array(4);
    for (const [name, index] of Object.entries(INJURY)) out[index] = typeof value === 'number' ? value : (value[name as keyof typeof INJURY] ?? 1);
    return out;
  };
  // Employment injury: one multiplier (or set) for both causes, or {workplace, commuting}.
  const byCause = g.risk.employment_injury;
  const [workplaceRisk, commutingRisk]: InjuryRisk[] = typeof byCause === 'object' && (byCause.workplace !== undefined || byCause.commuting !== undefined)
    ? [byCause.workplace ?? 1, byCause.commuting ?? 1]
    : [byCause, byCause];

  return {
    id: g.id,
    label: labelOf(g.label, g.id),
    cohort,
    population,
    share: shares.share,
    entryShare: shares.entryShare,
    lastAge: shares.lastAge,
    withdrawal,
    meanMonthlyWage,
    paidInForeignCurrency: exchange !== null && exchange !== undefined,
    wageProfile,
    wageSigma: logSigma(g.wage.cv),
    employmentInjuryRisk: injuryRisk(workplaceRisk),
    employmentInjuryCommutingRisk: injuryRisk(commutingRisk),
    nonEmploymentInjuryRisk: injuryRisk(g.risk.non_employment_injury),
    invalidityRisk: g.risk.invalidity,
    employmentInsuranceRisk: g.risk.employment_insurance,
    mortalityRisk: g.risk.mortality,
    tenure: g.tenure ? { maxYears: g.tenure.max_years, turnover: g.tenure.turnover } : null,
    pensionsAbroad: g.pensions_abroad ?? null,
  };
}

/**
 * A group's contributions: each payer's rate, or a flat amount and each payer's share of it
 * (the shares must add up to 1 in every year: a share left over would be paid by nobody).
 */
function contributionSchedule(spec: ContributionConfig, specPath: KeyPath, years: number, startYear: number, series: SeriesFn, error: LoadedScenario['error']): ContributionAssumptions {
  const zero = () => new Float64Array(years);
  const rates = PAYERS.map((p) => (spec[p] === undefined ? zero() : series(spec[p], [...specPath, p], BOUNDS.rate)));
  const flat = spec.flat_monthly === undefined ? null : fixedAmount(spec.flat_monthly, [...specPath, 'flat_monthly'], series);
  const minimum = spec.minimum_monthly === undefined ? null : fixedAmount(spec.minimum_monthly, [...specPath, 'minimum_monthly'], series);
  const flatMonthly = flat && flat.values;
  const shares = spec.payers;
  const flatShares = PAYERS.map((p) => {
    if (shares === undefined) return p === 'employee' ? new Float64Array(years).fill(1) : zero();
    const share = shares[p];
    return share === undefined ? zero() : series(share, [...specPath, 'payers', p], BOUNDS.share);
  });
  if (flatMonthly && shares !== undefined) {
    for (let i = 0; i < years; i++) {
      const sum = flatShares.reduce((total, share) => total + share[i], 0);
      if (Math.abs(sum - 1) > 1e-9) {
        throw error([...specPath, 'payers'], messages.payerShares(sum, startYear + i));
      }
    }
  }
  return {
    rates,
    flatMonthly,
    flatShares,
    minimumMonthly: minimum && minimum.values,
    topUpPayer: PAYERS.indexOf(spec.top_up_payer),
    followsWages: { flat: flat?.followsWages ?? false, minimum: minimum?.followsWages ?? false },
  };
}

function buildScheme(
  s: SchemeConfig,
  si: number,
  years: number,
  groupIds: readonly string[],
  series: SeriesFn,
  readTable: ReadTable,
  loaded: ScenarioInput,
  wageIndex: Float64Array,
  mortality: Float64Array,
): SchemeAssumptions {
  const at = (...rest: Array<string | number>): KeyPath => ['schemes', si, ...rest];
  const startYear = loaded.scenario.projection.start_year;

  const ceilingBase = series(s.ceiling.monthly, at('ceiling', 'monthly'), BOUNDS.money);
  const ceilingMonthly = s.ceiling.indexation === 'none' ? ceilingBase : indexedFrom(ceilingBase, series(s.ceiling.indexation, at('ceiling', 'indexation'), BOUNDS.growth));

  const cover: Array<CoverAssumptions | null> = groupIds.map((id) => {
    const entry = s.cover[id];
    if (!entry) return null;
    const cat = (...rest: string[]) => at('cover', id, ...rest);
    const fromYear = entry.from ?? -Infinity;
    // Enforcement and outreach move coverage and compliance (enforcement.ts); no cover before `from`.
    const written = { coverage: series(entry.coverage, cat('coverage'), BOUNDS.share), compliance: series(entry.compliance, cat('compliance'), BOUNDS.share) };
    const enforced = entry.enforcement ? buildEnforcement(entry.enforcement, cat('enforcement'), years, series, wageIndex, written) : null;
    const coverage = enforced ? enforced.coverage : written.coverage;
    const compliance = enforced ? enforced.compliance : written.compliance;
    for (let i = 0; i < years; i++) if (startYear + i < fromYear) coverage[i] = 0;
    const spec = s.contributions.by_group?.[id] ?? s.contributions.default;
    const specPath = s.contributions.by_group?.[id] ? at('contributions', 'by_group', id) : at('contributions', 'default');
    return {
      coverage,
      compliance,
      density: entry.contribution_density === undefined ? compliance : series(entry.contribution_density, cat('contribution_density'), BOUNDS.share),
      insuredMonthlyWage: entry.insured_wage_monthly === undefined ? null : series(entry.insured_wage_monthly, cat('insured_wage_monthly'), BOUNDS.money),
      contributions: contributionSchedule(spec, specPath, years, startYear, series, loaded.error),
      claimantWageRelativity: entry.claimant_wage_relativity ?? null,
      claims: enforced?.claims ?? null,
      enforcement: enforced ? { effortCost: enforced.effortCost, perRegisteredMonthly: enforced.perRegisteredMonthly } : null,
      arrears: entry.arrears ? buildArrears(entry.arrears, cat('arrears'), series, enforced?.recovery ?? null) : null,
      offset: entry.workplace_offset ? buildOffset(entry.workplace_offset, cat('workplace_offset'), years, series, readTable, loaded.scenario.projection.currency) : null,
      fromYear,
    };
  });

  const contingencies = INCIDENCE_COLUMNS[s.kind];
  const incidenceColumns = ageSexColumns(readTable(at('incidence'), ['sex', 'age', ...contingencies]), contingencies, 'nearest', { min: 0, max: 1 });
  const incidence = contingencies.map((c) => incidenceColumns[c]);
  const commutingIncidence = s.commuting_incidence === undefined ? null : commutingPart();

  /** The commuting accidents' part of the incidence table: a part, so never above the whole. */
  function commutingPart(): Float64Array[] {
    const path = at('commuting_incidence');
    const table = readTable(path, ['sex', 'age', ...contingencies]);
    const columns = ageSexColumns(table, contingencies, 'nearest', { min: 0, max: 1 });
    const above = (k: number, c: number) => columns[contingencies[k]][c] > incidence[k][c];
    const message = (k: number, c: number, filled: boolean) =>
      messages.commutingAboveIncidence(contingencies[k], SEX_CODES[Math.floor(c / AGES)], c % AGES, columns[contingencies[k]][c], incidence[k][c], filled);
    // The file's rows first, so that an error names the line and column; then the ages between
    // and beyond them, which both tables fill from their nearest rows.
    table.rows.forEach((row, r) => {
      const c = SEX_CODES.indexOf(row.sex as (typeof SEX_CODES)[number]) * AGES + Number(row.age);
      contingencies.forEach((name, k) => {
        if (above(k, c)) throw tableError(table, r, name, message(k, c, false));
      });
    });
    for (let k = 0; k < contingencies.length; k++) for (let c = 0; c < CELLS; c++) if (above(k, c)) throw loaded.error(path, message(k, c, true));
    return contingencies.map((name) => columns[name]);
  }

  const incidenceTrend = contingencies.map((c) => {
    const trend = s.incidence_trend?.[c];
    return trend === undefined ? new Float64Array(years).fill(1) : series(trend, at('incidence_trend', c), BOUNDS.multiplier);
  });

  const b = s.benefits;
  const bat = (...rest: string[]) => at('benefits', ...rest);
  const amount = (value: FixedAmount, path: KeyPath) => fixedAmount(value, path, series);
  const replacement = (name: 'temporary_disablement' | 'permanent_disablement' | 'dependants', config: { replacement: Series; daily_minimum: FixedAmount; wage_relativity: number }) => ({
    replacement: series(config.replacement, bat(name, 'replacement'), BOUNDS.replacement),
    dailyMinimum: amount(config.daily_minimum, bat(name, 'daily_minimum')),
    wageRelativity: config.wage_relativity,
  });
  const survivors = (name: 'dependants' | 'survivors', config: SurvivorConfig): SurvivorAssumptions => ({
    spouseShare: config.spouse_share,
    soleSurvivorShare: config.sole_survivor_share,
    childAgeLimit: config.child_age_limit,
    family: familyTable(readTable(bat(name, 'family'), ['sex', 'age', ...FAMILY_COLUMNS])),
    parents: config.parents ? { share: config.parents.share, ageDifference: config.parents.age_difference, alive: parentsAlive(mortality, config.parents.age_difference) } : null,
    siblings: config.siblings ? { share: config.siblings.share, probability: config.siblings.probability, ageDifference: config.siblings.age_difference } : null,
  });

  const funeral = b.funeral && buildFuneral(b.funeral, bat('funeral'), groupIds, years, series);
  const temporary = b.temporary_disablement && replacement('temporary_disablement', b.temporary_disablement);
  const permanent = b.permanent_disablement && replacement('permanent_disablement', b.permanent_disablement);
  const dependants = b.dependants && replacement('dependants', b.dependants);
  const attendance = b.constant_attendance && amount(b.constant_attendance.monthly, bat('constant_attendance', 'monthly'));
  const invalidityMinimum = b.invalidity_pension && amount(b.invalidity_pension.minimum_monthly, bat('invalidity_pension', 'minimum_monthly'));
  const minimumOf = <T extends { dailyMinimum: { values: Float64Array } }>(r: T | undefined) => r && { ...r, dailyMinimum: r.dailyMinimum.values };

  const allowedTypes = PENSION_TYPES_BY_KIND[s.kind];
  const coveredIds = groupIds.filter((id) => s.cover[id]);
  let baseCount: Float64Array = new Float64Array(PENSION_TYPES.length * groupIds.length * CELLS);
  let baseAnnualAmount: Float64Array = new Float64Array(baseCount.length);
  if (s.beneficiaries) {
    const childAgeLimit = { dependants_children: b.dependants?.child_age_limit, survivors_children: b.survivors?.child_age_limit };
    const stock = beneficiaryStock(readTable(at('beneficiaries'), BENEFICIARY_COLUMNS, ['group']), allowedTypes, groupIds, coveredIds, groupIds.indexOf(coveredIds[0]), childAgeLimit);
    baseCount = stock.count;
    baseAnnualAmount = stock.annualAmount;
  }

  const pool = s.fund.pooled_with;
  return {
    id: s.id,
    kind: s.kind,
    label: labelOf(s.label, s.id),
    ageMin: s.ages.min,
    ageMax: s.ages.max ?? (s.kind === 'invalidity' || s.kind === 'employment_insurance' ? 59 : AGES - 1),
    initialFund: s.fund.initial,
    poolOwner: pool === null ? -1 : loaded.scenario.schemes.findIndex((o) => o.id === pool),
    ceilingMonthly,
    followsWages: {
      ceiling: followsWageGrowth(s.ceiling.indexation),
      temporaryMinimum: temporary?.dailyMinimum.followsWages ?? false,
      permanentMinimum: permanent?.dailyMinimum.followsWages ?? false,
      dependantsMinimum: dependants?.dailyMinimum.followsWages ?? false,
      attendance: attendance?.followsWages ?? false,
      invalidityMinimum: invalidityMinimum?.followsWages ?? false,
      funeralMaximum: funeral?.followsWages ?? false,
      training: b.training !== undefined && followsWageGrowth(b.training.indexation),
    },
    cover,
    incidence,
    commutingIncidence,
    incidenceTrend,
    paysNonEmploymentInjuryDeaths: s.non_employment_injury_deaths !== 'excluded',
    qualifying: {
      minMonths: s.qualifying.min_months,
      windowMonths: s.qualifying.window_months,
      entryAge: s.qualifying.entry_age,
      fullShareSinceEntry: s.qualifying.full_share_since_entry ?? null,
      reducedShareSinceEntry: s.qualifying.reduced_share_since_entry ?? null,
      maxEntryAge: s.qualifying.max_entry_age ?? Infinity,
    },
    benefits: {
      temporary: b.temporary_disablement && {
        ...minimumOf(temporary)!,
        meanDays: series(b.temporary_disablement.mean_days, bat('temporary_disablement', 'mean_days'), BOUNDS.days),
      },
      permanent: b.permanent_disablement && {
        ...minimumOf(permanent)!,
        lumpSumShare: b.permanent_disablement.lump_sum_share,
        meanDegreeLumpSum: b.permanent_disablement.mean_degree_lump_sum,
        meanDegreePension: b.permanent_disablement.mean_degree_pension,
        commutedShare: b.permanent_disablement.commuted_share,
        commutedFraction: b.permanent_disablement.commuted_fraction,
        commutation: b.permanent_disablement.commutation
          ? ageSexColumns(readTable(bat('permanent_disablement', 'commutation'), ['sex', 'age', 'factor']), ['factor'], 'nearest', { min: 0, max: 200 }).factor
          : null,
      },
      constantAttendance: b.constant_attendance && {
        monthly: attendance!.values,
        shareOfNewPensions: b.constant_attendance.share_of_new_pensions,
      },
      dependants: b.dependants && { ...minimumOf(dependants)!, ...survivors('dependants', b.dependants) },
      funeral: funeral?.assumptions,
      medical: b.medical && { costPerCase: b.medical.cost_per_case },
      education: b.education && {
        annualByAge: educationByAge(b.education),
        index: cumulativeIndex(series(b.education.indexation, bat('education', 'indexation'), BOUNDS.growth), years),
      },
      dialysis: b.dialysis && {
        patientsPerRegistered: series(b.dialysis.patients_per_registered, bat('dialysis', 'patients_per_registered'), BOUNDS.share),
        annualCost: cumulativeIndex(series(b.dialysis.indexation, bat('dialysis', 'indexation'), BOUNDS.growth), years).map((index) => index * b.dialysis!.cost_per_patient_annual),
      },
      rehabilitation: b.rehabilitation && {
        costPerCase: b.rehabilitation.cost_per_case,
        shareOfPensions: b.rehabilitation.share_of_pensions,
        shareOfTemporary: b.rehabilitation.share_of_temporary,
        pensionsAverted: b.rehabilitation.pensions_averted,
      },
      invalidity: b.invalidity_pension && {
        baseRate: b.invalidity_pension.base_rate,
        incrementPerYear: b.invalidity_pension.increment_per_year,
        maxRate: b.invalidity_pension.max_rate,
        minimumMonthly: invalidityMinimum!.values,
        reducedRate: b.invalidity_pension.reduced_rate,
        wageRelativity: b.invalidity_pension.wage_relativity,
        byDuration: b.invalidity_pension.by_duration ? durationTerms(b.invalidity_pension.by_duration) : null,
      },
      invalidityGrant: b.invalidity_grant && { minMonths: b.invalidity_grant.min_months, interest: b.invalidity_grant.interest },
      survivors: b.survivors && { ...survivors('survivors', b.survivors), wageRelativity: b.survivors.wage_relativity },
      employmentInsurance: b.job_search_allowance && {
        rates: b.job_search_allowance.rates,
        duration: b.job_search_allowance.duration.contributions.map((contributions, j) => ({ contributions, months: b.job_search_allowance!.duration.months[j] })),
        countedMonths: b.job_search_allowance.counted_months,
        reemploymentHazard: b.job_search_allowance.reemployment_hazard,
        earlyShare: b.early_reemployment_allowance?.share_of_unpaid ?? 0,
        reducedShare: b.reduced_income_allowance?.share_of_claims ?? 0,
        trainedShare: b.training?.share_of_claims ?? 0,
        trainingCost: trainingCost(b.training, bat('training', 'indexation'), years, series),
        wageRelativity: b.job_search_allowance.wage_relativity,
      },
    },
    pensionIndexation: series(s.indexation.pensions, at('indexation', 'pensions'), BOUNDS.growth),
    expenses: {
      shareOfContributions: s.expenses.share_of_contributions,
      shareOfBenefits: s.expenses.share_of_benefits,
      perInsuredMonthly: s.expenses.per_insured_monthly,
    },
    baseCount,
    baseAnnualAmount,
  };
}

/**
 * The funeral benefit by group and year: each group's maximum (its own amount or the scheme's),
 * indexed, and, where the scenario gives the actual cost, its mean grown at the cost's growth
 * (funeral.ts pays E[min(cost, maximum)]).
 */
function buildFuneral(
  config: NonNullable<SchemeConfig['benefits']['funeral']>,
  path: KeyPath,
  groupIds: readonly string[],
  years: number,
  series: SeriesFn,
): { assumptions: FuneralAssumptions; followsWages: boolean } {
  const index = cumulativeIndex(series(config.indexation, [...path, 'indexation'], BOUNDS.growth), years);
  const maximum = groupIds.map((id) => index.map((factor) => (config.by_group?.[id] ?? config.amount) * factor));
  const cost = config.actual_cost;
  let meanCost: Float64Array[] | null = null;
  if (cost) {
    const growth = cumulativeIndex(series(cost.growth, [...path, 'actual_cost', 'growth'], BOUNDS.growth), years);
    meanCost = groupIds.map((id) => growth.map((factor) => (cost.by_group?.[id] ?? cost.mean) * factor));
  }
  const costSigma = cost ? logSigma(cost.cv) : 0;
  return {
    assumptions: { maximum, meanCost, costSigma, payment: funeralPayments(maximum, meanCost, costSigma) },
    followsWages: followsWageGrowth(config.indexation),
  };
}

/** The education assistance per child's pension in payment at each age: the band's cost × the take-up. */
function educationByAge(config: NonNullable<SchemeConfig['benefits']['education']>): Float64Array {
  const byAge = new Float64Array(AGES);
  for (const band of config.by_age) for (let x = band.from; x <= band.to; x++) byAge[x] = band.annual * config.take_up;
  return byAge;
}

/** The cost per trainee (fee and days of allowance) by year, indexed from the start year. */
function trainingCost(config: SchemeConfig['benefits']['training'], path: KeyPath, years: number, series: SeriesFn): Float64Array {
  if (!config) return new Float64Array(years);
  const index = cumulativeIndex(series(config.indexation, path, BOUNDS.growth), years);
  return index.map((factor) => (config.fee_per_trainee + config.allowance_daily * config.days) * factor);
}

type SurvivorConfig = NonNullable<SchemeConfig['benefits']['survivors']>;

/**
 * P(at least one parent alive) for a deceased of each age, mothers `ageDifference` and fathers
 * four more years older, each alive from the deceased's birth on the start year's general
 * mortality (`mortality`'s first year, `[sex][age]`).
 */
function parentsAlive(mortality: Float64Array, ageDifference: number): Float64Array {
  const survival = (sex: number, from: number, years: number): number => {
    let p = 1;
    for (let k = 0; k < years; k++) {
      const age = Math.round(from) + k;
      if (age >= MAX_AGE) return 0;
      p *= 1 - mortality[cell(sex, age)];
    }
    return p;
  };
  const out = new Float64Array(AGES);
  for (let x = 0; x < AGES; x++) {
    const mother = survival(FEMALE, ageDifference, x);
    const father = survival(MALE, ageDifference + 4, x);
    out[x] = 1 - (1 - mother) * (1 - father);
  }
  return out;
}

/**
 * The duration terms of invalidity pensions: as many select years as the longest list; the
 * mortality multipliers are 1 after their list, recovery and suspension keep their last value.
 */
function durationTerms(config: { mortality: number[]; recovery: number[]; suspension: number[] }): DurationTerms {
  const durations = Math.max(config.mortality.length, config.recovery.length, config.suspension.length);
  const at = (list: number[], d: number, after: number) => (d < list.length ? list[d] : after);
  const terms: DurationTerms = { durations, mortality: new Float64Array(durations + 1), recovery: new Float64Array(durations + 1), paid: new Float64Array(durations + 1) };
  for (let d = 0; d <= durations; d++) {
    terms.mortality[d] = at(config.mortality, d, 1);
    terms.recovery[d] = at(config.recovery, d, config.recovery[config.recovery.length - 1]);
    terms.paid[d] = 1 - at(config.suspension, d, config.suspension[config.suspension.length - 1]);
  }
  return terms;
}

/**
 * Checks a schema cannot express: that ids are unique and that every reference (a group under
 * cover, a pool, a currency, a benefit for the scheme's kind) names something that exists.
 */
import type { ScenarioError } from './errors.js';
import type { LoadedScenario } from './load.js';
import { BENEFITS_BY_KIND } from './schema.js';
import { INCIDENCE_COLUMNS, PAYERS } from '../model.js';
import { messages } from '../messages.js';

export function checkReferences(loaded: LoadedScenario): ScenarioError[] {
  const { scenario, error } = loaded;
  const errors: ScenarioError[] = [];
  const groupIds = scenario.groups.map((g) => g.id);
  const schemeIds = scenario.schemes.map((s) => s.id);
  // Sets, not list searches: the checks stay linear however many groups a file lists.
  const knownGroups = new Set(groupIds);
  const firstGroup = firstIndexOf(groupIds);
  const firstScheme = firstIndexOf(schemeIds);

  scenario.groups.forEach((group, gi) => {
    if (firstGroup.get(group.id) !== gi) errors.push(error(['groups', gi, 'id'], messages.duplicateId('group', group.id)));
    if (group.exits && group.age_structure !== 'cohort') errors.push(error(['groups', gi, 'exits'], messages.exitsNeedCohort(), 'key'));
    const currency = group.wage.currency;
    if (currency && currency !== scenario.projection.currency && !scenario.economy.exchange_rates?.[currency]) {
      errors.push(error(['groups', gi, 'wage', 'currency'], messages.unknownCurrency(currency)));
    }
  });

  scenario.schemes.forEach((scheme, si) => {
    const at = (...rest: Array<string | number>) => ['schemes', si, ...rest];
    if (firstScheme.get(scheme.id) !== si) errors.push(error(at('id'), messages.duplicateId('scheme', scheme.id)));
    const covered = Object.keys(scheme.cover);
    if (covered.length === 0) errors.push(error(at('cover'), messages.groupNotCovered(scheme.id), 'key'));
    for (const id of covered) {
      if (!knownGroups.has(id)) errors.push(error(at('cover', id), messages.unknownGroup(id, groupIds), 'key'));
    }
    for (const id of Object.keys(scheme.contributions.by_group ?? {})) {
      if (!knownGroups.has(id)) errors.push(error(at('contributions', 'by_group', id), messages.unknownGroup(id, groupIds), 'key'));
    }
    const specs: Array<[Array<string | number>, typeof scheme.contributions.default]> = [[at('contributions', 'default'), scheme.contributions.default]];
    for (const [id, spec] of Object.entries(scheme.contributions.by_group ?? {})) specs.push([at('contributions', 'by_group', id), spec]);
    for (const [path, spec] of specs) {
      const hasRate = PAYERS.some((p) => spec[p] !== undefined);
      if (hasRate && spec.flat_monthly !== undefined) errors.push(error(path, messages.contributionMixed(), 'key'));
      else if (!hasRate && spec.flat_monthly === undefined) errors.push(error(path, messages.contributionNeedsPart(), 'key'));
    }
    for (const [id, entry] of Object.entries(scheme.cover)) {
      if (entry.enforcement?.response.recovery && !entry.arrears) errors.push(error(at('cover', id, 'enforcement', 'response', 'recovery'), messages.recoveryNeedsArrears(), 'key'));
    }
    for (const [id, entry] of Object.entries(scheme.cover)) {
      if (entry.workplace_offset === undefined) continue;
      if (scheme.kind !== 'employment_injury' || scheme.commuting_incidence === undefined) errors.push(error(at('cover', id, 'workplace_offset'), messages.offsetNeedsSplit(), 'key'));
      // The other law pays on the real wage, which a declared insured wage replaces in the engine.
      if (entry.insured_wage_monthly !== undefined) errors.push(error(at('cover', id, 'workplace_offset'), messages.offsetWithDeclaredWage(), 'key'));
      const currency = entry.workplace_offset.currency;
      if (currency && currency !== scenario.projection.currency && !scenario.economy.exchange_rates?.[currency]) {
        errors.push(error(at('cover', id, 'workplace_offset', 'currency'), messages.unknownCurrency(currency)));
      }
    }
    if (scheme.kind !== 'employment_insurance') {
      for (const [id, entry] of Object.entries(scheme.cover)) {
        if (entry.claimant_wage_relativity !== undefined) errors.push(error(at('cover', id, 'claimant_wage_relativity'), messages.claimantRelativityNotForKind(scheme.kind), 'key'));
      }
    }
    for (const id of Object.keys(scheme.benefits.funeral?.by_group ?? {})) {
      if (!knownGroups.has(id)) errors.push(error(at('benefits', 'funeral', 'by_group', id), messages.unknownGroup(id, groupIds), 'key'));
    }
    for (const id of Object.keys(scheme.benefits.funeral?.actual_cost?.by_group ?? {})) {
      if (!knownGroups.has(id)) errors.push(error(at('benefits', 'funeral', 'actual_cost', 'by_group', id), messages.unknownGroup(id, groupIds), 'key'));
    }
    // Education assistance goes with children's pensions: without them it would pay nothing.
    if (scheme.benefits.education && !scheme.benefits.dependants && !scheme.benefits.survivors) {
      errors.push(error(at('benefits', 'education'), messages.educationNeedsChildren(scheme.kind === 'invalidity' ? 'survivors' : 'dependants'), 'key'));
    }
    // The routes on the months since entry and the highest entry age are Act 4's invalidity rules.
    if (scheme.kind !== 'invalidity') {
      for (const key of ['full_share_since_entry', 'reduced_share_since_entry', 'max_entry_age'] as const) {
        if (scheme.qualifying[key] !== undefined) errors.push(error(at('qualifying', key), messages.invalidityRouteOnly(key, scheme.kind), 'key'));
      }
    }
    if (scheme.non_employment_injury_deaths !== undefined && scheme.kind !== 'invalidity') {
      errors.push(error(at('non_employment_injury_deaths'), messages.invalidityRouteOnly('non_employment_injury_deaths', scheme.kind), 'key'));
    }
    const allowed = BENEFITS_BY_KIND[scheme.kind];
    for (const benefit of Object.keys(scheme.benefits)) {
      if (!allowed.includes(benefit as (typeof allowed)[number])) {
        errors.push(error(at('benefits', benefit), messages.benefitNotForKind(benefit, scheme.kind, allowed), 'key'));
      }
    }
    if (scheme.benefits.survivors && !scheme.benefits.invalidity_pension) {
      errors.push(error(at('benefits', 'survivors'), messages.survivorsNeedInvalidity(), 'key'));
    }
    const contingencies = INCIDENCE_COLUMNS[scheme.kind];
    for (const name of Object.keys(scheme.incidence_trend ?? {})) {
      if (!contingencies.includes(name)) errors.push(error(at('incidence_trend', name), messages.unknownContingency(name, contingencies), 'key'));
    }
    if (scheme.commuting_incidence !== undefined && scheme.kind !== 'employment_injury') {
      errors.push(error(at('commuting_incidence'), messages.commutingNotForKind(scheme.kind), 'key'));
    }
    if (scheme.kind === 'employment_injury' && scheme.commuting_incidence === undefined) {
      scenario.groups.forEach((group, gi) => {
        if (Object.hasOwn(scheme.cover, group.id) && causesDiffer(group.risk.employment_injury)) {
          errors.push(error(['groups', gi, 'risk', 'employment_injury'], messages.riskByCauseNeedsSplit(scheme.id), 'key'));
        }
      });
    }
    const pool = scheme.fund.pooled_with;
    if (pool !== null) {
      const target = scenario.schemes.find((s) => s.id === pool);
      if (!target || target.id === scheme.id || target.fund.pooled_with !== null) {
        errors.push(error(at('fund', 'pooled_with'), messages.poolTarget(pool)));
      }
      if (scheme.fund.initial !== 0) errors.push(error(at('fund', 'initial'), messages.pooledInitial()));
    }
    if (scheme.ages.max !== undefined && scheme.ages.max < scheme.ages.min) {
      errors.push(error(at('ages', 'max'), `ages.max (${scheme.ages.max}) is below ages.min (${scheme.ages.min})`));
    }
  });
  return errors;
}

type Contingency = (typeof INCIDENCE_COLUMNS.employment_injury)[number];
type InjuryRisk = number | Partial<Record<Contingency, number>>;

/** Whether multipliers given by cause differ for some contingency (so that the split matters). */
function causesDiffer(risk: InjuryRisk | { workplace?: InjuryRisk; commuting?: InjuryRisk }): boolean {
  if (typeof risk === 'number') return false;
  const { workplace = 1, commuting = 1 } = risk as { workplace?: InjuryRisk; commuting?: InjuryRisk };
  const value = (r: InjuryRisk, c: Contingency) => (typeof r === 'number' ? r : (r[c] ?? 1));
  return INCIDENCE_COLUMNS.employment_injury.some((c) => value(workplace, c) !== value(commuting, c));
}

function firstIndexOf(ids: readonly string[]): Map<string, number> {
  const first = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!first.has(id)) first.set(id, i);
  });
  return first;
}

/**
 * Every message a user can see about their input, in one place. Each says what was expected
 * and, where it helps, how to fix it.
 */
import type { Bounds } from './scenario/bounds.js';
import { quoted } from './text/control.js';

export const messages = {
  cannotRead: (reason: string) => `cannot read the file (${reason})`,
  notRegularFile: (what: string) => `cannot read the file: it is ${what}, not a regular file`,
  fileTooLarge: (kind: 'scenario' | 'table', maxBytes: number) =>
    `the file is larger than the limit of ${formatMb(maxBytes)} MB for a ${kind === 'scenario' ? 'scenario file (with the files it extends, together)' : 'data table'} ` +
    `(raise it with ${kind === 'scenario' ? '--max-yaml-mb' : '--max-table-mb'} if you mean it)`,
  binaryFile: (kind: 'scenario' | 'table') => `the file is binary (it holds NUL bytes), not a ${kind === 'scenario' ? 'scenario in YAML' : 'CSV table'}`,
  nestedTooDeeply: () => 'the YAML is nested too deeply to be a scenario',
  duplicateKey: () => 'Map keys must be unique',
  notAScenario: (keys: readonly string[]) => `this file is not a scenario: none of its top-level keys is one of ${keys.join(', ')}`,
  fileOutsideAllowed: (path: string, what: 'data tables' | 'scenario files') =>
    `${path} is outside the project and the scenario's folder; ${what} are read only from there (name its folder with --allow-path to read it)`,
  extendsResolved: (absolute: string) => `(extends is resolved relative to the folder of the file that names it: ${absolute})`,
  patchNoParentItem: (id: string, flag: 'remove' | 'replace', parentIds: readonly string[]) =>
    `${flag}: true names ${quoted(id)}, which is not an item of the parent scenario (its items: ${parentIds.join(', ')})`,
  patchRemoveWithKeys: () => 'remove: true drops the item: give only its id beside it (other keys here would be ignored)',
  patchBothFlags: () => 'replace: true and remove: true cannot both be given: remove drops the item, replace gives it anew',
  tooManyErrors: (shown: number, more: number) => `... and ${more} more error${more === 1 ? '' : 's'} (the first ${shown} are shown)`,
  workTooLarge: (cells: number, limit: number) =>
    `the projection asks for ${formatCount(cells)} cells (years × 2 sexes × 111 ages × (groups × (schemes + 1) + schemes)), ` +
    `above the limit of ${formatCount(limit)} (raise it with --max-cells, in millions, if you mean it)`,
  pathsTooMany: (paths: number, years: number, schemes: number, limit: number) =>
    `${formatCount(paths)} paths × ${years} years × ${schemes} schemes is ${formatCount(paths * years * schemes)} path-years, above the limit of ${formatCount(limit)} ` +
    `(raise it with --max-path-years, in millions, if you mean it)`,
  commandTooLarge: (what: string, projections: number, cells: number, limit: number) =>
    `${what} needs ${formatCount(projections)} projections of ${formatCount(cells)} cells each, above the limit of ${formatCount(limit)} cells in all ` +
    `(${COMMAND_WORK_FACTOR} × --max-cells; raise --max-cells if you mean it)`,
  yamlSyntax: (detail: string) => `YAML syntax error: ${detail}`,
  notAMapping: () => 'expected a scenario: a YAML mapping with keys scenario, projection, economy, ...',
  extendsCycle: (chain: string[]) => `extends forms a cycle: ${chain.join(' -> ')}`,
  extendsTooDeep: (max: number) => `extends goes deeper than ${max} files: a chain that long is not a scenario`,
  markNeedsText: (key: string) => `${key} must be text: ${key === 'source' ? 'the id of an entry of the scenario\'s sources' : 'why the value was chosen'}`,
  assumptionTooLong: (max: number) => `an assumption is at most ${max} characters: say why in a sentence or two, and the rest in the scenario's description`,
  markControl: () => 'contains a control character (such as ESC or a direction override): provenance is printed, so it is plain text',
  rangeShape: () => 'range must be two numbers, [low, high]',
  rangeOfNumber: () => 'a range is given for a number only (a series or a text has none)',
  rangeOrder: (low: number, high: number) => `range [${low}, ${high}] must have its low end below its high end`,
  rangeExcludesValue: (value: number, low: number, high: number) => `the value ${value} is outside its own range [${low}, ${high}]`,
  unknownMarkKey: (key: string, allowed: readonly string[]) => `unknown key ${quoted(key)} beside value: a marked value has only ${allowed.join(', ')}; unknown keys are errors, never ignored`,
  defaultMarkTrue: () => 'default: true is the only form (it marks a value as coverage-sim\'s default)',
  wrapperNeedsMark: () => 'a value written {value: ...} must say where it comes from: source, assumption (or default: true)',
  wrapperInWrapper: () => 'a marked value cannot hold another marked value',
  wrapperInsideValue: () => 'a marked value {value: ...} inside a series or a list: mark the whole series or list instead',
  wrapperOfMapping: () => 'a mapping is marked by source: or assumption: among its own keys, not by {value: ...}',
  unknownSource: (id: string, suggestion: string | undefined, ids: readonly string[]) =>
    `source ${quoted(id)} is not in the scenario's sources` + (suggestion ? ` (did you mean ${quoted(suggestion)}?)` : ids.length === 0 ? ' (the scenario has no sources: add them under the top-level key sources)' : ''),
  rangeEndFails: (end: string, value: number, reason: string) => `the scenario cannot be projected with this value at ${end === 'inside' ? 'a point inside its range' : `the ${end} end of its range`} (${value}): ${reason}`,
  tooManyRanges: (max: number) => `a scenario has at most ${max} ranges (each is two more projections of a run): keep them for the assumptions that matter`,
  rangeEndRefused: (end: 'low' | 'high', value: number, reason: string) => `the ${end} end of its range, ${value}, is not a value this key accepts: ${reason}`,
  defaultMarkAlone: () => 'default: true marks coverage-sim\'s own default: it takes no source, assumption or range (write those without it)',
  defaultMarkNoDefault: () => 'default: true, but this key has no default: say where its value comes from with source or assumption',
  defaultMarkDiffers: (value: string, actual: string) => `default: true, but coverage-sim's default here is ${actual}, not ${value}: say where this value comes from with source or assumption`,
  rangeOnProjection: () => 'the projection\'s years and currency take no range: each end would be another horizon, and its premiums and ratios would not compare (project the other horizon as a scenario of its own)',
  unknownKey: (key: string, suggestion: string | undefined) =>
    `unknown key ${quoted(key)}` + (suggestion ? ` (did you mean ${quoted(suggestion)}?)` : '') + '; unknown keys are errors, never ignored',
  missingKey: (key: string) => `required key ${quoted(key)} is missing`,
  wrongType: (expected: string, received: string) => `expected ${expected}, got ${received}`,
  outOfRange: (value: number, bounds: Bounds, year?: number) =>
    `${formatNumber(value)}${year !== undefined ? ` in ${year}` : ''} is out of range: expected ${bounds.what}`,
  payerShares: (sum: number, year: number) =>
    `the payers' shares of flat_monthly add up to ${formatNumber(sum)} in ${year}: they must add up to 1 in every year (a share left over would be paid by nobody)`,
  notFinite: (year: number) => `the value in ${year} is not a finite number`,
  yearOutsideProjection: (year: number, start: number, end: number) =>
    `year ${year} is outside the projection (${start}-${end})`,
  badYearKey: (key: string) => `${quoted(key)} is not a year`,
  badSeries: () =>
    'not a valid series: expected a number, a year table such as {2025: 0.05, 2030: 0.04}, ' +
    '{interpolate: linear, values: {...}}, an expression string, or a ramp {ramp: logistic, from, start, target, years}',
  expression: (detail: string) => `cannot evaluate the expression: ${detail}`,
  expressionForbidden: (name: string) => `${quoted(name)} is not allowed in scenario expressions`,
  expressionUnknownName: (name: string, known: string[]) =>
    `unknown name ${quoted(name)} in the expression; names in scope: ${known.join(', ')}`,
  expressionNotNumber: (year: number) => `the expression does not give a number in ${year}`,
  unknownGroup: (id: string, known: string[]) => `${quoted(id)} is not a group of this scenario (groups: ${known.join(', ')})`,
  duplicateId: (what: string, id: string) => `duplicate ${what} id ${quoted(id)}`,
  commutingAboveIncidence: (column: string, sex: string, age: number, part: number, whole: number, filled: boolean) =>
    `the commuting part of ${column} at sex ${sex}, age ${age} (${part}${filled ? ', from the nearest age the file gives' : ''}) is above the scheme's incidence there (${whole}): commuting_incidence is a part of incidence`,
  commutingNotForKind: (kind: string) => `commuting_incidence applies only to employment_injury schemes, not to kind ${kind}`,
  riskByCauseNeedsSplit: (scheme: string) =>
    `the group's workplace and commuting multipliers differ, but scheme ${quoted(scheme)}, which covers it, does not split its accidents by cause: give it commuting_incidence, or one multiplier for both causes`,
  invalidityRouteOnly: (key: string, kind: string) => `${key} is a rule of the invalidity scheme (Act 4); this scheme is ${kind}`,
  educationNeedsChildren: (benefit: string) => `education assistance is paid on children's pensions: give ${benefit} too`,
  benefitNotForKind: (benefit: string, kind: string, allowed: readonly string[]) =>
    `benefit ${quoted(benefit)} does not apply to a scheme of kind ${kind} (it can pay: ${allowed.join(", ")})`,
  exitsNeedCohort: () => 'exits apply only to groups with age_structure: cohort',
  poolTarget: (id: string) => `pooled_with names ${quoted(id)}, which is not another scheme of this scenario with its own fund`,
  pooledInitial: () => 'a scheme pooled with another has no fund of its own: its fund.initial must be 0',
  unknownCurrency: (code: string) => `no exchange rate for ${code}: add it under economy.exchange_rates`,
  unknownContingency: (name: string, allowed: readonly string[]) => `${quoted(name)} is not a contingency of this scheme (${allowed.join(', ')})`,
  claimantRelativityNotForKind: (kind: string) =>
    `only employment insurance reads a group's claimant_wage_relativity; this scheme is ${kind}: set the benefit's wage_relativity instead (it would otherwise be ignored)`,
  contributionNeedsPart: () => 'give a rate for one or more payers (employer, employee, government, platform), or flat_monthly',
  contributionMixed: () => 'flat_monthly replaces rates: give one or the other, not both (a patch that turns a rate into a flat amount sets the rates to null)',
  csvMissingColumn: (column: string, needed: readonly string[]) => `missing column ${quoted(column)} (needed: ${needed.join(', ')})`,
  csvNotATable: (needed: readonly string[]) => `this file is not a table of this kind: its first line has none of the columns ${needed.join(', ')}`,
  csvTooManyRows: (max: number) => `the table has more than ${formatCount(max)} rows: no table of a scenario needs as many`,
  csvNotNumber: (cell: string) => `${quoted(cell)} is not a number`,
  csvBadSex: (cell: string) => `sex must be F or M, got ${quoted(cell)}`,
  csvBadAge: (cell: string) => `age must be an integer from 0 to 110, got ${quoted(cell)}`,
  csvBelow: (value: number, min: number) => (min === 0 ? `${value} is negative` : `${value} is below ${min}`),
  csvAbove: (value: number, max: number) => `${value} is above ${max}`,
  csvDuplicate: (what: string) => `duplicate row for ${what}`,
  csvNotWholeAge: (age: number) => `${age} is not a whole age`,
  recoveryNeedsArrears: () => 'a response of the recovery of arrears needs the group\'s arrears (cover.<group>.arrears)',
  offsetWithDeclaredWage: () => 'workplace_offset compares the other law\'s lump sum on the real wage with this scheme\'s award, and a declared insured_wage_monthly leaves the engine no real wage: give one or the other',
  offsetNeedsSplit: () => 'workplace_offset applies to workplace accidents: the scheme must be an employment_injury scheme with commuting_incidence',
  csvEmpty: () => 'the table has no data rows',
  csvSyntax: (detail: string) => `malformed CSV: ${detail}`,
  csvSharesSum: (column: string, sum: number) => `column ${quoted(column)} must sum to 1 over all rows, sums to ${formatNumber(sum)}`,
  csvUnknownType: (type: string, allowed: readonly string[]) => `type ${quoted(type)} is not a pension type of this scheme (${allowed.join(', ')})`,
  csvUnknownColumn: (column: string, allowed: readonly string[]) => `unknown column ${quoted(column)} (the table's columns: ${allowed.join(', ')})`,
  csvChildTooOld: (age: number, limit: number) => `a children's pension at age ${age} is at or above the age limit ${limit}`,
  csvUnknownGroup: (id: string) => `group ${quoted(id)} is not covered by this scheme`,
  csvYearMissing: (year: number) => `the table has no rows for ${year}, which the projection needs`,
  // Calibration targets and roll-forward series (src/assumptions/targets.ts, src/measures/calibration.ts).
  calibrationBadQuantity: (quantity: string) =>
    `${quoted(quantity)} is not a quantity the model reports (cases:<benefit>, outgo:<column>, benefits, beneficiaries, registered, contributing, coverage_share; employers and commuting_outgo are compared as n/a)`,
  calibrationBadBound: (bound: string) => `bound must be empty (a point figure) or lower (published as "more than", or part of a year), got ${quoted(bound)}`,
  calibrationBadSeriesId: (id: string) => `${quoted(id)} is not a series id: lower-case letters, digits and _`,
  calibrationNoSource: () => 'every growth step needs its source (a URL, publisher and date, or ASSUMPTION with its range)',
  calibrationUnknownSeries: (id: string, file: string, known: readonly string[]) =>
    `roll_forward names ${quoted(id)}, which is not a series of ${file} (its series: ${known.join(', ') || 'none'})`,
  calibrationNoSeries: (year: number, modelYear: number) =>
    `published for ${year}, and no roll_forward series is named to bring it to the model's ${modelYear}: not compared`,
  calibrationNoGrowth: (series: string, year: number, from: number, to: number) =>
    `series ${quoted(series)} has no growth for ${year}, needed to bring the figure from ${from} to ${to}: not compared`,
  calibrationNoScheme: (ids: readonly string[]) => `the scenario has no scheme ${ids.map(quoted).join(' or ')}`,
  calibrationNoGroup: (id: string) => `the scenario has no group ${quoted(id)}`,
  calibrationNoPopulation: (id: string) => `the potential population of ${id || 'the groups'} is zero in the model's first year`,
  calibrationUnknownColumn: (column: string) => `${quoted(column)} is neither a benefit of the detail table nor an outgo column`,
  calibrationEmployers: () => 'employers are not modelled: the model projects insured persons, not the employers who register them',
  calibrationNoSplit: (scheme: string) => `scheme ${quoted(scheme)} does not split its accidents by cause (no commuting_incidence)`,
  calibrationCommuting: () =>
    'the model splits accidents and deaths by cause (commuting_accidents, commuting_deaths) but not the benefits paid on them: pensions in payment are kept by type, not by cause',
  survivorsNeedInvalidity: () => "survivors' pensions are computed with the invalidity pension's rate and minimum: add benefits.invalidity_pension",
  notFiniteOutput: (where: string) =>
    `the projection gives a value that is not a finite number (${where}): some amounts or rates of the scenario are beyond what can be computed`,
  cannotWriteReport: (folder: string, reason: string) => `cannot write the report to ${folder} (${reason})`,
  aliases: () => 'the YAML uses too many aliases (anchors expanded more than 100 times)',
  reservedKey: (key: string) => `${quoted(key)} cannot be used as a key`,
  extendsNeedsId: () => 'a scenario that extends another needs its own scenario.id (otherwise it would write over its parent\'s report)',
  groupNotCovered: (scheme: string) => `no group is covered by scheme ${quoted(scheme)}: list at least one under cover`,
  // The command line's own arguments (src/cli/).
  missingArgument: (command: string, needs: string) => `${command} needs ${needs}`,
  usageHint: (command: string | undefined) =>
    command ? `Run coverage-sim ${command} --help for its arguments.` : 'Run coverage-sim --help for the commands.',
  allowPathNeedsFolder: () => '--allow-path needs a folder after it (one folder each time: --allow-path a --allow-path b)',
  optionGivenTwice: (flag: string) => `--${flag} is given more than once: give it once`,
  notAPositiveLimit: (flag: string, unit: string, value?: number) =>
    `--${flag}${value === undefined ? '' : ` ${value}`}: expected a positive number of ${unit}`,
  notAShard: (what: string) =>
    `not a shard of a stochastic run: ${what} (merge reads the folders stochastic --shard i/n writes, shard-<i>-of-<n> with meta.json and values.bin, or a folder holding them)`,
  mergeTooLarge: (paths: number, years: number, schemes: number, limit: number) =>
    `the shards hold ${formatCount(paths)} paths × ${years} years × ${schemes} scheme${schemes === 1 ? '' : 's'}, ${formatCount(paths * years * schemes)} path-years in all, ` +
    `above the limit of ${formatCount(limit)} (raise it with --max-path-years, in millions, if you mean it)`,
  exactTooLarge: (paths: number, cells: number, limit: number) =>
    `--exact projects every path on the engine: ${formatCount(paths)} paths and the deterministic projection, of ${formatCount(cells)} cells each, are above the limit of ${formatCount(limit)} cells in all ` +
    `(${formatCount(EXACT_WORK_FACTOR)} × --max-cells; raise --max-cells if you mean it, or leave out --exact for the fast method)`,
  // The progress bar of stochastic on a terminal (src/cli/stochastic.ts, progressBar).
  pathsProgress: (bar: string, done: number, total: number, time: string, finished: boolean) =>
    `  paths [${bar}] ${formatCount(done)}/${formatCount(total)}  ${finished ? `done in ${time}` : `${time} left`}`,
  // verify, of a report folder that may come from elsewhere (src/cli/verify.ts).
  reportFileIsLink: () => 'it is a symbolic link, which a report folder coverage-sim writes never holds: refused, and not followed',
  notAProvenance: (expected: string) => `not a provenance block coverage-sim writes: expected ${expected}`,
  recordedFileOutside: (folder: string) =>
    `outside the allowed folders (the project, the report folder and those named with --allow-path): not read; rerun with --allow-path ${folder} to check it, if you trust that folder`,
} as const;

/** A command of many projections may do this many times the work of one projection at the limit. */
export const COMMAND_WORK_FACTOR = 30;

/**
 * stochastic --exact, one projection per path, may do this many times the work of one projection
 * at the limit: the baseline (0.32 million cells) takes 31,000 paths, a projection at the limit
 * 10,000 (the path-years limit also applies).
 */
export const EXACT_WORK_FACTOR = 10_000;

function formatMb(bytes: number): string {
  return String(Number((bytes / (1024 * 1024)).toPrecision(4)));
}

function formatCount(x: number): string {
  return x.toLocaleString('en-US');
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

/**
 * What an answer depends on (methodology §9): the ranges of the register projected again at
 * each end, the conclusions that flip and where. The thresholds are checked by projecting the
 * scenario on each side of them, not against the program's own numbers. Scenario: the baseline
 * with its own ranges taken off and the ranges of each test put on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { projectScenario, registerOf } from '../../src/pipeline.js';
import { movesAnyScheme, outcomeOf, ranked } from '../../src/register/effects.js';
import { assumptionsCsv } from '../../src/report/assumptions-csv.js';
import { PROJECT, cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

/** Every `range` of a marked value removed, recursively. */
function withoutRanges(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRanges);
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (!(k === 'range' && 'value' in node)) out[k] = withoutRanges(v);
    return out;
  }
  return node;
}

const group = (s: Yaml, id: string) => s.groups.find((g: Yaml) => g.id === id);
const scheme = (s: Yaml, id: string) => s.schemes.find((g: Yaml) => g.id === id);
/** A value, whether written plain or marked. */
const plain = (x: unknown) => (x !== null && typeof x === 'object' && 'value' in x ? (x as { value: unknown }).value : x);

function baselineWith(change: (s: Yaml) => void): string {
  const s = withoutRanges(parse(readFileSync(join(PROJECT, 'scenarios', 'baseline-2025.yaml'), 'utf8'))) as Yaml;
  change(s);
  const file = join(tempDir(), 'scenario.yaml');
  writeFileSync(file, stringify(s));
  return file;
}

const invalidityRisk = (s: Yaml, value: number, range?: [number, number]) => {
  group(s, 'foreign_workers').risk.invalidity = { value, assumption: 'no published invalidity rate of foreign workers', ...(range ? { range } : {}) };
};

/** The foreign workers' benefit-to-contribution ratio under invalidity at a risk multiplier. */
function foreignInvalidityRatio(multiplier: number): number {
  const { measures } = projectScenario(baselineWith((s) => invalidityRisk(s, multiplier)));
  return measures.schemes.find((m) => m.scheme === 'invalidity')!.groups.find((g) => g.group === 'foreign_workers')!.benefitContributionRatio!;
}

/**
 * A multiplier high enough for the foreign workers' invalidity verdict to flip: counted from
 * arrival (a permit tenure), their months insured are short, and their benefits pass their
 * contributions only at about 2.5 times the baseline's 0.3 (the baseline's own range, to 1, flips nothing).
 */
const HIGH = 4;

describe('the effects of the ranges', () => {
  it('finds where foreign workers stop paying for themselves under invalidity, and the scenario on each side of it agrees', () => {
    const file = baselineWith((s) => invalidityRisk(s, 0.3, [0.3, HIGH]));
    const { effects, base } = registerOf(projectScenario(file));
    expect(effects).toHaveLength(1);
    const [effect] = effects;
    const invalidity = (o: typeof base) => o.find((x) => x.scheme === 'invalidity')!;
    const foreign = (o: typeof base) => invalidity(o).groups.find((g) => g.group === 'foreign_workers')!.ratio!;
    // The low end is the scenario itself: the same outcome.
    expect(foreign(effect.low)).toBe(foreign(base));
    expect(foreign(effect.low)).toBeLessThan(1);
    expect(foreign(effect.high)).toBeGreaterThan(1);
    const verdict = effect.verdicts.find((v) => v.kind === 'pays_for_itself' && v.scheme === 'invalidity' && v.group === 'foreign_workers')!;
    expect(verdict.holdsBelow).toBe(true);
    const t = verdict.threshold!;
    expect(t).toBeGreaterThan(0.3);
    expect(t).toBeLessThan(HIGH);
    // Bisection to 1/128 of [0.3, HIGH]: the flip lies within (HIGH − 0.3)/128 of t. One step of
    // (HIGH − 0.3)/64 to each side is past it.
    const step = (HIGH - 0.3) / 64;
    expect(foreignInvalidityRatio(t - step)).toBeLessThan(1);
    expect(foreignInvalidityRatio(t + step)).toBeGreaterThan(1);
    // The other groups' conclusions do not flip on the foreign workers' risk.
    expect(effect.verdicts.filter((v) => v.group !== undefined && v.group !== 'foreign_workers')).toEqual([]);
  });

  it('a larger initial fund lasts longer and needs a lower GAP, and an input of one scheme moves no other', () => {
    const file = baselineWith((s) => {
      const fund = scheme(s, 'invalidity').fund;
      fund.initial = { value: plain(fund.initial), assumption: 'not published', range: [7.5e9, 22.5e9] };
    });
    const result = projectScenario(file);
    const { effects, base } = registerOf(result);
    const [effect] = effects;
    const at = (o: typeof base) => o.find((x) => x.scheme === 'invalidity')!;
    // A larger fund at the start lasts longer and needs a lower level rate.
    expect(at(effect.high).depletionYear!).toBeGreaterThan(at(base).depletionYear!);
    expect(at(effect.low).depletionYear!).toBeLessThan(at(base).depletionYear!);
    expect(at(effect.high).gap!).toBeLessThan(at(effect.low).gap!);
    // The GAP is linear in the initial fund (methodology §7: π = (PV(B + E) − F₀) / PV((1 − a)S)):
    // the base lies halfway between the ends.
    expect(Math.abs((at(effect.low).gap! + at(effect.high).gap!) / 2 / at(base).gap! - 1)).toBeLessThan(1e-9);
    // Benefits and contributions do not depend on the fund: the groups' ratios stay.
    for (const o of [effect.low, effect.high]) expect(at(o).groups).toEqual(at(base).groups);
    // Nor do the other schemes' measures move, and assumptions.csv lists only the invalidity ones.
    for (const o of [effect.low, effect.high]) for (const s of o.filter((x) => x.scheme !== 'invalidity')) expect(s).toEqual(base.find((x) => x.scheme === s.scheme));
    const rows = assumptionsCsv(result.loaded.register, effects, base)
      .split('\n')
      .filter((line) => line.startsWith('schemes[invalidity].fund.initial,'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((line) => line.includes(',invalidity,,'))).toBe(true);
  });

  it('each end of a range is the whole scenario projected with that value; a value no scheme uses is not projected again', () => {
    const file = baselineWith((s) => {
      invalidityRisk(s, 0.3, [0.3, 1.0]);
      const td = scheme(s, 'employment_injury').benefits.temporary_disablement;
      td.mean_days = { value: plain(td.mean_days), assumption: 'x', range: [60, 90] };
      // The baseline has no non-employment-injury scheme: this multiplier is used by none.
      group(s, 'domestic_workers').risk.non_employment_injury = { value: 0.2, assumption: 'x', range: [0.1, 0.4] };
    });
    const result = projectScenario(file);
    const { scenario } = result.loaded;
    const entry = (name: string) => result.loaded.register.find((e) => e.name === name)!;
    expect(movesAnyScheme(scenario, entry('groups[domestic_workers].risk.non_employment_injury').path)).toBe(false);
    expect(movesAnyScheme(scenario, entry('groups[foreign_workers].risk.invalidity').path)).toBe(true);
    const { effects, base } = registerOf(result);
    const effect = (name: string) => effects.find((e) => e.entry.name === name)!;
    expect(effect('groups[domestic_workers].risk.non_employment_injury').low).toBe(base);
    // Each end, projected on its own as a scenario, gives the outcome the register reports.
    const full = (change: (s: Yaml) => void) => {
      const r = projectScenario(baselineWith(change));
      return outcomeOf(r.assumptions, r.projection, r.measures);
    };
    expect(effect('groups[foreign_workers].risk.invalidity').high).toEqual(full((s) => invalidityRisk(s, 1.0)));
    expect(effect('schemes[employment_injury].benefits.temporary_disablement.mean_days').low).toEqual(full((s) => (scheme(s, 'employment_injury').benefits.temporary_disablement.mean_days = 60)));
  });

  it('a range of whole numbers is searched over whole numbers: months of contributions are never fractional', async () => {
    // The basic fixture's invalidity scheme: from no qualifying contributions to all 40 months
    // of the window; somewhere in between a conclusion flips.
    const file = scenarioVariant('basic', (s: Yaml) => {
      s.schemes[2].qualifying = { min_months: { value: 24, assumption: 'x', range: [0, 40] }, window_months: 40 };
    });
    const out = join(tempDir(), 'report');
    const run = await cli('run', file, '--no-charts', '--out', out);
    expect(run.code, run.stderr).toBe(0);
    const flips = readFileSync(join(out, 'assumptions.csv'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('schemes[invalidity].qualifying.min_months,'))
      .map((line) => line.split(',').at(-1))
      .filter((x) => x !== '' && x !== 'inside the range');
    expect(flips.length).toBeGreaterThan(0);
    for (const x of flips) expect(Number.isInteger(Number(x)), x).toBe(true);
  });

  it('ranks first the ranges that flip a conclusion, then by the relative move of a premium', () => {
    const file = baselineWith((s) => {
      // A 1% band on a small group's mortality moves little; the employment-injury fund moves
      // that scheme's GAP by a third and flips nothing; the foreign workers' risk flips their verdict.
      group(s, 'fishers').risk.mortality = { value: 1.1, assumption: 'x', range: [1.095, 1.105] };
      const fund = scheme(s, 'employment_injury').fund;
      fund.initial = { value: plain(fund.initial), assumption: 'not published', range: [12.5e9, 37.5e9] };
      invalidityRisk(s, 0.3, [0.3, HIGH]);
    });
    const { effects } = registerOf(projectScenario(file));
    const order = ranked(effects);
    expect(order.map((e) => e.entry.name)).toEqual(['groups[foreign_workers].risk.invalidity', 'schemes[employment_injury].fund.initial', 'groups[fishers].risk.mortality']);
    expect(order[0].verdicts.length).toBeGreaterThan(0);
    expect(order[1].verdicts).toEqual([]);
    expect(order[1].gapSwing).toBeGreaterThan(10 * order[2].gapSwing);
  });
});

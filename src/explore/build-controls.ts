/**
 * The sliders of a scenario's explore page, from its resolved assumptions and its register:
 * every covered group's coverage and compliance (the level and the year it is reached), each
 * scheme's contribution rates by payer, the investment return and wage growth, each scheme's
 * initial fund, and the register's values whose ranges move the general average premium most.
 * Each slider spans the value's declared range where the register has one.
 */
import type { Assumptions, Label } from '../assumptions/types.js';
import type { LoadedScenario } from '../scenario/load.js';
import { formatKeyPath } from '../scenario/errors.js';
import type { KeyPath } from '../scenario/errors.js';
import type { RegisterEntry } from '../scenario/register.js';
import { getIn } from '../scenario/leaves.js';
import type { Effect } from '../register/effects.js';
import { PAYERS } from '../model.js';
import { keyWordLabel, payerLabel } from '../report/charts/labels.js';
import { settledYear } from './controls.js';
import type { Control, ControlTarget } from './controls.js';

/** Register values with a range offered as sliders beyond the fixed ones, the largest effects first. */
export const REGISTER_CONTROLS = 8;
/** How far ahead the year a coverage level is reached may be set. */
const LEVEL_YEARS_AHEAD = 30;

const both = (en: string, ms: string): Label => ({ en, ms });

/** A step of about a two-hundredth of the span, rounded to 1, 2 or 5 × 10^k. */
function niceStep(span: number): number {
  if (!(span > 0)) return 1;
  const raw = span / 200;
  const power = 10 ** Math.floor(Math.log10(raw));
  return clean(([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power);
}

/** A value's key in words: a group or scheme id by its name, each other part in words. */
function keyWords(name: string, labels: Map<string, Label>, lang: 'en' | 'ms'): string {
  const words = name.split('.').map((part) => {
    const item = /^(\w+)\[(.+)\]$/.exec(part);
    if (item) return labels.get(item[2])?.[lang] ?? labels.get(item[2])?.en ?? item[2];
    return labels.get(part)?.[lang] ?? labels.get(part)?.en ?? keyWordLabel(part, lang);
  });
  const first = words[0];
  return [first.charAt(0).toUpperCase() + first.slice(1), ...words.slice(1)].join(' · ');
}

/** Rates of growth, return and indexation are shown in percent; multipliers and relativities as numbers. */
const PERCENT_KEY = /(inflation|indexation|return|growth|rate|withdrawal)(\.\w+)?$/;
/** A bound or step without binary noise (0.085, not 0.08499999999999999). */
const clean = (x: number) => Number(x.toPrecision(12));

export function exploreControls(loaded: LoadedScenario, a: Assumptions, effects: readonly Effect[]): Control[] {
  const merged = loaded.merged;
  const registerAt = new Map(loaded.register.map((e) => [formatKeyPath(e.path), e] as const));
  const marked = (path: KeyPath): Pick<Control, 'source' | 'assumption' | 'range'> => {
    const e: RegisterEntry | undefined = registerAt.get(formatKeyPath(path));
    if (!e) return {};
    const source = e.source ? [e.source.citation, e.source.date].filter(Boolean).join(', ') : undefined;
    return { ...(source ? { source } : {}), ...(e.assumption ? { assumption: e.assumption } : {}), ...(e.range ? { range: e.range } : {}) };
  };
  const target = (path: KeyPath, values: ArrayLike<number>, from = a.startYear): ControlTarget => ({ path, loaded: Array.from(values), parent: getIn(merged, path), from });
  const controls: Control[] = [];
  const lastYear = Math.min(a.endYear, a.startYear + LEVEL_YEARS_AHEAD);

  // Coverage and compliance by group: one slider for every scheme that covers the group.
  a.groups.forEach((g, gi) => {
    for (const [measure, label] of [
      ['coverage', both(`Registration: ${g.label.en}`, `Pendaftaran: ${g.label.ms ?? g.label.en}`)],
      ['compliance', both(`Compliance: ${g.label.en}`, `Pematuhan: ${g.label.ms ?? g.label.en}`)],
    ] as const) {
      const targets: ControlTarget[] = [];
      a.schemes.forEach((s, si) => {
        const cover = s.cover[gi];
        if (!cover) return;
        const path: KeyPath = ['schemes', si, 'cover', g.id, measure];
        if (getIn(merged, path) === undefined && measure === 'compliance') return; // the default (1) stays
        targets.push(target(path, cover[measure], Math.max(a.startYear, cover.fromYear)));
      });
      if (targets.length === 0) continue;
      const value = Math.max(...targets.map((t) => t.loaded[t.loaded.length - 1]));
      const year = Math.max(...targets.map((t) => settledYear(t.loaded.slice(t.from - a.startYear), t.from)));
      const from = Math.min(...targets.map((t) => t.from));
      controls.push({
        id: `${measure}:${g.id}`,
        section: measure,
        how: 'level',
        label,
        unit: 'percent',
        min: 0,
        max: 1,
        step: 0.01,
        value,
        year: { min: from, max: Math.max(lastYear, year), value: year },
        targets,
        ...marked(targets[0].path),
      });
    }
  });

  // Contribution rates by payer, of each scheme's default schedule.
  a.schemes.forEach((s, si) => {
    const spec = getIn(merged, ['schemes', si, 'contributions', 'default']) as Record<string, unknown> | undefined;
    if (!spec || spec.flat_monthly !== undefined) return;
    const byGroup = (getIn(merged, ['schemes', si, 'contributions', 'by_group']) ?? {}) as Record<string, unknown>;
    const gi = s.cover.findIndex((c, k) => c && !Object.hasOwn(byGroup, a.groups[k].id));
    if (gi < 0) return;
    PAYERS.forEach((payer, j) => {
      const path: KeyPath = ['schemes', si, 'contributions', 'default', payer];
      if (spec[payer] === undefined) return;
      const rates = s.cover[gi]!.contributions.rates[j];
      const value = rates[rates.length - 1];
      const mark = marked(path);
      const [min, max] = mark.range ?? [0, Math.max(0.05, 2 * value)];
      controls.push({
        id: `rate:${s.id}:${payer}`,
        section: 'rates',
        how: 'scale',
        label: both(`${s.label.en}: ${payerLabel(payer, 'en').toLowerCase()}'s rate`, `${s.label.ms ?? s.label.en}: kadar ${payerLabel(payer, 'ms').toLowerCase()}`),
        unit: 'percent',
        min,
        max,
        step: 0.0005,
        value,
        targets: [target(path, rates)],
        ...mark,
      });
    });
  });

  // The economy: the whole path moves with the slider (its last value shown).
  for (const [name, values, label] of [
    ['investment_return', a.economy.investmentReturn, both('Investment return', 'Pulangan pelaburan')],
    ['wage_growth', a.economy.wageGrowth, both('Wage growth', 'Pertumbuhan gaji')],
  ] as const) {
    const path: KeyPath = ['economy', name];
    const value = values[values.length - 1];
    const mark = marked(path);
    const [min, max] = mark.range ?? [clean(Math.max(0, value - 0.03)), clean(value + 0.03)];
    controls.push({ id: `economy:${name}`, section: 'economy', how: 'shift', label, unit: 'percent', min, max, step: 0.001, value, targets: [target(path, values)], ...mark });
  }

  // Each scheme's initial fund.
  a.schemes.forEach((s, si) => {
    const path: KeyPath = ['schemes', si, 'fund', 'initial'];
    if (s.poolOwner !== -1 || typeof getIn(merged, path) !== 'number') return;
    const value = s.initialFund;
    const mark = marked(path);
    // A scheme that starts with no fund and no range has no scale to offer a slider on.
    if (value === 0 && !mark.range) return;
    const [min, max] = mark.range ?? [0, Math.max(1, 2 * value)];
    controls.push({
      id: `fund:${s.id}`,
      section: 'funds',
      how: 'set',
      label: both(`${s.label.en}: fund at the start`, `${s.label.ms ?? s.label.en}: dana pada permulaan`),
      unit: 'money',
      min,
      max,
      step: niceStep(max - min),
      value,
      targets: [target(path, [value])],
      ...mark,
    });
  });

  // The register's ranges that move the general average premium most, not already a slider.
  const taken = new Set(controls.flatMap((c) => c.targets.map((t) => formatKeyPath(t.path))));
  const labels = new Map<string, Label>([...a.groups.map((g) => [g.id, g.label] as const), ...a.schemes.map((s) => [s.id, s.label] as const)]);
  const ranked = effects
    .filter((e) => typeof e.entry.value === 'number' && !taken.has(formatKeyPath(e.entry.path)))
    .sort((x, y) => Math.max(y.gapSwing, y.ratioSwing) - Math.max(x.gapSwing, x.ratioSwing))
    .slice(0, REGISTER_CONTROLS);
  for (const e of ranked) {
    const [min, max] = e.entry.range;
    const value = e.entry.value as number;
    const whole = Number.isInteger(min) && Number.isInteger(max) && Number.isInteger(value);
    controls.push({
      id: `register:${e.entry.name}`,
      section: 'register',
      how: 'set',
      label: both(keyWords(e.entry.name, labels, 'en'), keyWords(e.entry.name, labels, 'ms')),
      unit: PERCENT_KEY.test(e.entry.name) && max <= 1 ? 'percent' : 'number',
      min,
      max,
      step: whole ? Math.max(1, niceStep(max - min)) : niceStep(max - min),
      value,
      targets: [target(e.entry.path, [value])],
      ...marked(e.entry.path),
    });
  }
  return controls;
}

/**
 * `assumptions.csv`: the assumption register. One row per input of the projection with its
 * provenance; an input with a plausible range has instead one row per headline measure that
 * the range moves, with the measure at the input's value and at each end of the range, and the
 * value inside the range where a conclusion flips (`none moved` when it moves none).
 */
import Papa from 'papaparse';
import { leafText } from '../scenario/leaves.js';
import type { RegisterEntry } from '../scenario/register.js';
import type { Effect, Outcome, Verdict } from '../register/effects.js';

export const ASSUMPTION_COLUMNS = [
  'key',
  'value',
  'provenance',
  'source_id',
  'citation',
  'date',
  'url',
  'assumption',
  'range_low',
  'range_high',
  'scheme',
  'group',
  'measure',
  'at_value',
  'at_low',
  'at_high',
  'flips_at',
] as const;

const rate = (x: number | null | undefined) => (x === null || x === undefined ? '' : x.toFixed(8));
const ratio = (x: number | null | undefined) => (x === null || x === undefined ? '' : x.toFixed(6));
const year = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x));

/** The headline measures of one outcome, by (scheme, group, measure). */
function measuresOf(o: Outcome): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of o) {
    out.set(`${s.scheme}||general_average_premium`, rate(s.gap));
    out.set(`${s.scheme}||legislated_level_rate`, rate(s.legislated));
    if (s.ownFund) out.set(`${s.scheme}||depletion_year`, year(s.depletionYear));
    for (const g of s.groups) out.set(`${s.scheme}|${g.group}|benefit_contribution_ratio`, ratio(g.ratio));
  }
  return out;
}

const VERDICT_MEASURE: Record<Verdict['kind'], string> = {
  financed: 'general_average_premium',
  depleted: 'depletion_year',
  pays_for_itself: 'benefit_contribution_ratio',
};

export function assumptionsCsv(register: readonly RegisterEntry[], effects: readonly Effect[], base: Outcome): string {
  const byName = new Map(effects.map((e) => [e.entry.name, e]));
  const atValue = measuresOf(base);
  const data: string[][] = [];
  for (const entry of register) {
    const head = [
      entry.name,
      leafText(entry.value),
      entry.kind,
      entry.source?.id ?? '',
      entry.source?.citation ?? '',
      entry.source?.date ?? '',
      entry.source?.url ?? '',
      entry.assumption ?? '',
      entry.range ? String(entry.range[0]) : '',
      entry.range ? String(entry.range[1]) : '',
    ];
    const effect = byName.get(entry.name);
    if (!effect) {
      data.push([...head, '', '', '', '', '', '', '']);
      continue;
    }
    const low = measuresOf(effect.low);
    const high = measuresOf(effect.high);
    const flips = new Map(effect.verdicts.map((v) => [`${v.scheme}|${v.group ?? ''}|${VERDICT_MEASURE[v.kind]}`, v.threshold === null ? 'inside the range' : String(Number(v.threshold.toPrecision(3)))]));
    // Only the measures the range moves: an input of one scheme leaves the others as they are.
    let rows = 0;
    for (const [key, value] of atValue) {
      const [scheme, group, measure] = key.split('|');
      const [l, h, flip] = [low.get(key) ?? '', high.get(key) ?? '', flips.get(key) ?? ''];
      if (l === value && h === value && flip === '') continue;
      data.push([...head, scheme, group, measure, value, l, h, flip]);
      rows++;
    }
    if (rows === 0) data.push([...head, '', '', 'none moved', '', '', '', '']);
  }
  return Papa.unparse({ fields: [...ASSUMPTION_COLUMNS], data }, { newline: '\n' }) + '\n';
}

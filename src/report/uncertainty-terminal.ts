/**
 * What `sensitivity` and `stochastic` print: per scheme, the five assumptions that move its
 * general average premium most, with the effect of each shock; and the probabilities of
 * depletion and of a low reserve and the percentiles at milestone years. In English, as the
 * run's summary.
 */
import type { SensitivityRow } from '../sensitivity/analysis.js';
import { gapEffects } from '../sensitivity/analysis.js';
import { effectLabel, shockSize } from './charts/sensitivity-charts.js';
import type { AtMilestones, MilestoneSummary } from '../stochastic/summary.js';
import { GAP_NOT_PER_PATH } from '../stochastic/summary.js';
import { grouped } from './format.js';
import { table } from './terminal.js';

const rate = (x: number | null, digits = 2) => (x === null || !Number.isFinite(x) ? 'n/a' : `${(100 * x).toFixed(digits)}%`);
/** A GAP difference in percentage points of insurable wages, signed, three decimals. */
const points = (x: number) => `${x > 0 ? '+' : x < 0 ? '-' : ' '}${Math.abs(100 * x).toFixed(3)}`;

export interface SensitivityTableInput {
  rows: readonly SensitivityRow[];
  schemes: ReadonlyArray<{ id: string; label: string }>;
  period: { from: number; to: number };
  top?: number;
}

export function sensitivityTable(input: SensitivityTableInput): string {
  const top = input.top ?? 5;
  const name = (id: string) => input.schemes.find((s) => s.id === id)?.label ?? id;
  const lines: string[] = [];
  let clampedShown = false;
  for (const s of input.schemes) {
    const { effects, base } = gapEffects(input.rows, s.id);
    lines.push(`${s.label} (${s.id}): general average premium ${input.period.from}-${input.period.to} ${rate(base)} of insurable wages`);
    if (effects.length === 0) {
      lines.push('  no assumption moves it', '');
      continue;
    }
    const shown = effects.slice(0, top);
    lines.push(`  the ${shown.length === 1 ? 'assumption' : `${shown.length} assumptions`} that move it most (effect in percentage points of insurable wages):`);
    const shocked = (d: number) => rate(base === null ? null : base + d);
    const rows = shown.map((e) => [effectLabel(e, s.id, 'en', name), shockSize(e.assumption, e.size, 'en'), points(e.low), points(e.high), shocked(e.low), shocked(e.high)]);
    lines.push(...table(['assumption', 'shock', 'low', 'high', 'premium if low', 'if high'], rows));
    if (shown.some((e) => e.lowClamped || e.highClamped)) clampedShown = true;
    lines.push('');
  }
  if (clampedShown) lines.push('* clamped: a share (coverage, compliance) already within the shock of 0% or 100% moved less than the full shock', '');
  return lines.join('\n');
}

/** Reserve ratios in years, "depleted" for a percentile among the depleted paths. */
function heldCells(x: AtMilestones | null, cut: keyof AtMilestones, pDepleted: number[] | null, format: (v: number) => string): string[] {
  return (x?.[cut] ?? []).map((v, i) => (v === null ? 'n/a' : v === 0 && (pDepleted?.[i] ?? 0) > 0 ? 'depleted' : format(v)));
}

export function stochasticTable(m: MilestoneSummary, labels: ReadonlyArray<string>): string {
  const lines: string[] = [];
  const years = m.years.map(String);
  const threshold = Number.isInteger(m.reserveThreshold) ? String(m.reserveThreshold) : m.reserveThreshold.toFixed(2);
  m.schemes.forEach((s, k) => {
    const det = s.deterministic;
    const depletion = det ? (det.depletionYear === null ? '; deterministic projection: not depleted' : `; deterministic projection: depleted ${det.depletionYear}`) : '';
    lines.push(`${labels[k]} (${s.id}): ${grouped(m.paths)} paths, seed ${m.seed}${s.ownFund ? depletion : `; pooled with ${s.pooledWith}: no fund of its own`}`);
    const by = s.depletionBy;
    if (by && by.p5 !== null) lines.push(`  on the paths: depleted ${[['p5', '5%'], ['p50', 'half'], ['p95', '95%']].filter(([q]) => by[q as keyof typeof by] !== null).map(([q, share]) => `by ${by[q as keyof typeof by]} on ${share}`).join(', ')} of them`);
    const rows: string[][] = [];
    if (s.ownFund) {
      rows.push(['P(fund depleted by the year)', ...s.pDepleted!.map((p) => rate(p, 1))]);
      rows.push([`P(reserve ratio < ${threshold} by the year)`, ...s.pBelow!.map((p) => rate(p, 1))]);
      const ratio = (v: number) => v.toFixed(2);
      for (const cut of ['p5', 'p50', 'p95'] as const) rows.push([`reserve ratio, years: ${cut}`, ...heldCells(s.reserveRatio, cut, s.pDepleted, ratio)]);
      if (det) rows.push(['reserve ratio, deterministic', ...det.reserveRatio.map((v, i) => (det.depletionYear !== null && m.years[i] >= det.depletionYear ? 'depleted' : v === null ? 'n/a' : ratio(v)))]);
    }
    for (const cut of ['p5', 'p50', 'p95'] as const) rows.push([`PAYG cost rate: ${cut}`, ...s.paygCostRate[cut].map((v) => rate(v))]);
    if (det) rows.push(['PAYG cost rate, deterministic', ...det.paygCostRate.map((v) => rate(v))]);
    lines.push(...table(['', ...years], rows));
    if (det) lines.push(`  general average premium ${det.gap.from}-${det.gap.to}: deterministic ${rate(det.gap.rate)}; percentiles not available (below)`);
    lines.push('');
  });
  if (m.schemes.some((s) => s.ownFund)) lines.push('A path counts as 0 from its fund\'s depletion on ("depleted": the percentile falls among the depleted paths).');
  lines.push(`General average premium per path: ${GAP_NOT_PER_PATH}.`, '');
  return lines.join('\n');
}

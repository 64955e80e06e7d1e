/**
 * One owner for "a value that varies by year" (scenario-format.md): every *(series)* of a
 * scenario becomes a Float64Array over the projection years, checked against its bounds.
 */
import type { Series } from '../scenario/schema.js';
import type { Bounds } from '../scenario/bounds.js';
import type { KeyPath } from '../scenario/errors.js';
import type { ScenarioError } from '../scenario/errors.js';
import { ExpressionError, compileExpression } from './expression.js';
import { messages } from '../messages.js';

export interface SeriesContext {
  readonly startYear: number;
  readonly endYear: number;
  /** Named assumptions an expression may read (the economy), one value per projection year. */
  readonly named: ReadonlyMap<string, Float64Array>;
  /** Names that exist but are not resolved yet (an expression reading one is resolved later). */
  readonly pending?: ReadonlySet<string>;
  error(path: KeyPath, message: string, at?: 'key' | 'value'): ScenarioError;
}

/** Thrown when an expression reads a named assumption that is not resolved yet. */
export class PendingName extends Error {
  constructor(readonly pendingName: string) {
    super(pendingName);
  }
}

export function resolveSeries(value: Series, path: KeyPath, bounds: Bounds, ctx: SeriesContext, timeLimitMs = EXPRESSION_TIME_LIMIT_MS): Float64Array {
  const n = ctx.endYear - ctx.startYear + 1;
  const out = new Float64Array(n);
  if (typeof value === 'number') {
    out.fill(value);
  } else if (typeof value === 'string') {
    evaluateExpression(value, path, out, ctx, timeLimitMs);
  } else if (isRamp(value)) {
    for (let i = 0; i < n; i++) out[i] = rampValue(value, ctx.startYear + i);
  } else if (isInterpolated(value)) {
    const points = yearPoints(value.values, [...path, 'values'], ctx);
    for (let i = 0; i < n; i++) out[i] = value.interpolate === 'linear' ? linearAt(points, ctx.startYear + i) : stepAt(points, ctx.startYear + i);
  } else {
    const points = yearPoints(value as Record<string, number>, path, ctx);
    for (let i = 0; i < n; i++) out[i] = stepAt(points, ctx.startYear + i);
  }
  for (let i = 0; i < n; i++) {
    const x = out[i];
    if (!Number.isFinite(x)) throw ctx.error(path, messages.notFinite(ctx.startYear + i));
    if (x < bounds.min || x > bounds.max) throw ctx.error(path, messages.outOfRange(x, bounds, typeof value === 'number' ? undefined : ctx.startYear + i));
  }
  return out;
}

/** Time an expression may take over all projection years, in milliseconds. */
export const EXPRESSION_TIME_LIMIT_MS = 1000;

function evaluateExpression(source: string, path: KeyPath, out: Float64Array, ctx: SeriesContext, timeLimitMs = EXPRESSION_TIME_LIMIT_MS): void {
  const names = ['year', 't', ...ctx.named.keys(), ...(ctx.pending ?? [])];
  let compiled;
  try {
    compiled = compileExpression(source, names);
  } catch (e) {
    if (e instanceof ExpressionError) throw ctx.error(path, messages.expression(e.message));
    throw e;
  }
  for (const name of compiled.names) if (ctx.pending?.has(name)) throw new PendingName(name);
  const scope: Record<string, number> = {};
  // Arithmetic on an allowlisted tree cannot loop, but a limit costs nothing and bounds the rest.
  const started = performance.now();
  for (let i = 0; i < out.length; i++) {
    if (performance.now() - started > timeLimitMs) throw ctx.error(path, messages.expression(`it takes longer than ${timeLimitMs} ms to evaluate`));
    scope.year = ctx.startYear + i;
    scope.t = i;
    for (const name of compiled.names) {
      const named = ctx.named.get(name);
      if (named) scope[name] = named[i];
    }
    try {
      out[i] = compiled.evaluate(scope);
    } catch (e) {
      throw ctx.error(path, messages.expression(`${(e as Error).message} (in ${ctx.startYear + i})`));
    }
  }
}

type Ramp = { ramp: 'logistic' | 'linear'; from: number; start: number; target: number; years: number };
type Interpolated = { interpolate: 'linear' | 'step'; values: Record<string, number> };

function isRamp(value: object): value is Ramp {
  return 'ramp' in value;
}

function isInterpolated(value: object): value is Interpolated {
  return 'interpolate' in value;
}

interface Point {
  year: number;
  value: number;
}

function yearPoints(table: Record<string, number>, path: KeyPath, ctx: SeriesContext): Point[] {
  const points = Object.entries(table).map(([key, value]) => ({ key, year: Number(key), value }));
  for (const p of points) {
    if (!Number.isInteger(p.year)) throw ctx.error([...path, p.key], messages.badYearKey(p.key), 'key');
    if (p.year < ctx.startYear || p.year > ctx.endYear) {
      throw ctx.error([...path, p.key], messages.yearOutsideProjection(p.year, ctx.startYear, ctx.endYear), 'key');
    }
  }
  if (points.length === 0) throw ctx.error(path, messages.badSeries());
  return points.sort((a, b) => a.year - b.year);
}

/** Held from each year given until the next; before the first year, the first value. */
function stepAt(points: Point[], year: number): number {
  let value = points[0].value;
  for (const p of points) {
    if (p.year <= year) value = p.value;
    else break;
  }
  return value;
}

/** Linear between the years given; flat before the first and after the last. */
function linearAt(points: Point[], year: number): number {
  if (year <= points[0].year) return points[0].value;
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1];
    const b = points[k];
    if (year <= b.year) return a.value + ((b.value - a.value) * (year - a.year)) / (b.year - a.year);
  }
  return points[points.length - 1].value;
}

/**
 * A take-up ramp: `start` up to year `from`, `target` from `from + years` on, and between them
 * a straight line (`linear`) or an S-curve (`logistic`, rescaled to pass exactly through both
 * ends, with 1% and 99% of the unscaled curve at the ends).
 */
export function rampValue(ramp: Ramp, year: number): number {
  const s = (year - ramp.from) / ramp.years;
  if (s <= 0) return ramp.start;
  if (s >= 1) return ramp.target;
  let f = s;
  if (ramp.ramp === 'logistic') {
    const k = 2 * Math.log(99);
    const logistic = (u: number) => 1 / (1 + Math.exp(-k * (u - 0.5)));
    const lo = logistic(0);
    const hi = logistic(1);
    f = (logistic(s) - lo) / (hi - lo);
  }
  return ramp.start + (ramp.target - ramp.start) * f;
}

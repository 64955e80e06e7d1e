/** Every *(series)* form of scenario-format.md, resolved to one value per projection year. */
import { describe, expect, it } from 'vitest';
import { rampValue, resolveSeries } from '../../src/assumptions/series.js';
import type { SeriesContext } from '../../src/assumptions/series.js';
import { BOUNDS } from '../../src/scenario/bounds.js';
import type { Bounds } from '../../src/scenario/bounds.js';
import { ScenarioError, formatKeyPath } from '../../src/scenario/errors.js';
import type { Series } from '../../src/scenario/schema.js';

const context: SeriesContext = {
  startYear: 2025,
  endYear: 2034,
  named: new Map([['wage_growth', Float64Array.from({ length: 10 }, (_, i) => 0.04 + 0.001 * i)]]),
  error: (path, message) => new ScenarioError({ file: 'test.yaml' }, formatKeyPath(path), message),
};
const resolve = (value: Series, bounds: Bounds = BOUNDS.growth) => Array.from(resolveSeries(value, ['x'], bounds, context));

describe('series', () => {
  it('a number holds every year', () => {
    expect(resolve(0.03)).toEqual(Array(10).fill(0.03));
  });

  it('a year table is a step: each value holds until the next year given', () => {
    expect(resolve({ 2025: 0.05, 2028: 0.04, 2030: 0.03 })).toEqual([0.05, 0.05, 0.05, 0.04, 0.04, 0.03, 0.03, 0.03, 0.03, 0.03]);
  });

  it('before its first year, a table takes its first value', () => {
    expect(resolve({ 2027: 0.02 }).slice(0, 3)).toEqual([0.02, 0.02, 0.02]);
  });

  it('interpolate: linear between the years given, flat outside', () => {
    const values = resolve({ interpolate: 'linear', values: { 2026: 0.05, 2031: 0.03 } });
    expect(values[0]).toBeCloseTo(0.05, 15);
    expect(values[1]).toBeCloseTo(0.05, 15);
    expect(values[3]).toBeCloseTo(0.05 - (0.02 * 2) / 5, 15);
    expect(values[6]).toBeCloseTo(0.03, 15);
    expect(values[9]).toBeCloseTo(0.03, 15);
  });

  it('an expression sees year, t and the economy by name', () => {
    const values = resolve('wage_growth - 0.01 + 0.001 * t + (year >= 2030 ? 0.005 : 0)');
    expect(values[0]).toBeCloseTo(0.03, 15);
    expect(values[4]).toBeCloseTo(0.04 + 0.004 - 0.01 + 0.004, 15);
    expect(values[5]).toBeCloseTo(0.04 + 0.005 - 0.01 + 0.005 + 0.005, 15);
  });

  it('the example of the format: 0.03 + 0.02·exp(−t/5)', () => {
    const values = resolve('0.03 + 0.02 * exp(-t / 5)');
    values.forEach((v, t) => expect(v).toBeCloseTo(0.03 + 0.02 * Math.exp(-t / 5), 15));
  });

  it('a linear ramp goes from start at `from` to target after `years`', () => {
    const values = resolve({ ramp: 'linear', from: 2026, start: 0.1, target: 0.6, years: 5 }, BOUNDS.share);
    expect(values.map((v) => Number(v.toFixed(12)))).toEqual([0.1, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.6, 0.6, 0.6]);
  });

  it('a logistic ramp is an S-curve through both ends, symmetric about its midpoint', () => {
    const ramp = { ramp: 'logistic' as const, from: 2027, start: 0.1, target: 0.6, years: 8 };
    expect(rampValue(ramp, 2027)).toBeCloseTo(0.1, 15);
    expect(rampValue(ramp, 2035)).toBeCloseTo(0.6, 15);
    expect(rampValue(ramp, 2031)).toBeCloseTo(0.35, 12);
    expect(rampValue(ramp, 2029) - 0.1).toBeCloseTo(0.6 - rampValue(ramp, 2033), 12);
    // Slow at the ends, fast in the middle.
    expect(rampValue(ramp, 2028) - rampValue(ramp, 2027)).toBeLessThan(rampValue(ramp, 2031) - rampValue(ramp, 2030));
  });

  it('a value out of range names the year', () => {
    expect(() => resolve({ interpolate: 'linear', values: { 2025: 0.5, 2034: 1.4 } }, BOUNDS.share)).toThrow(/1\.1 in 2031 is out of range: expected a share between 0 and 1/);
  });

  it('a year outside the projection is an error at that key', () => {
    expect(() => resolve({ 2020: 0.05 })).toThrow(/year 2020 is outside the projection \(2025-2034\)/);
  });

  it('an expression is stopped once it has taken longer than its time limit', () => {
    // A limit already passed before the first year: the check is in the evaluation loop.
    expect(() => resolveSeries('wage_growth * 2 + t', ['x'], BOUNDS.growth, context, -1)).toThrow(/takes longer than -1 ms to evaluate/);
    expect(resolveSeries('wage_growth * 2 + 0 * t', ['x'], BOUNDS.growth, context)[0]).toBeCloseTo(0.08, 15);
  });

  it('an expression that is not a real number in some year is an error', () => {
    expect(() => resolve('sqrt(2030 - year)')).toThrow(/does not give a real number/);
    expect(() => resolve('1 / (year - 2030)')).toThrow(/not a finite number|out of range/);
  });
});

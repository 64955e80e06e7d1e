/**
 * The expression sandbox: only arithmetic on the names in scope. Known mathjs escape routes
 * (constructor access, import, defining functions, object literals, evaluate/parse) are refused.
 */
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../src/assumptions/expression.js';

const scope = ['year', 't', 'inflation'];
const evaluate = (source: string) => compileExpression(source, scope).evaluate({ year: 2030, t: 5, inflation: 0.02 });

describe('expression sandbox', () => {
  it('evaluates arithmetic, comparisons, conditionals and elementary functions', () => {
    expect(evaluate('inflation + 0.01 * t')).toBeCloseTo(0.07, 15);
    expect(evaluate('year >= 2030 ? 1 : 0')).toBe(1);
    expect(evaluate('max(0.01, min(0.05, exp(-t / 5)))')).toBeCloseTo(0.05, 15);
    expect(evaluate('2 ^ 3 + sqrt(16) + abs(-1) + round(2.6)')).toBe(16);
  });

  const refused: Array<[string, RegExp]> = [
    ['cos.constructor("return process")', /not allowed/],
    ['[].constructor', /not allowed/],
    ['import({}, {override: true})', /"import" is not allowed/],
    ['evaluate("1 + 1")', /"evaluate" is not allowed/],
    ['parse("1")', /"parse" is not allowed/],
    ['createUnit("foo")', /"createUnit" is not allowed/],
    ['simplify("x + x")', /"simplify" is not allowed/],
    ['f(x) = x', /defining a function is not allowed/],
    ['a = 1', /assignment is not allowed/],
    ['{a: 1}', /an object literal is not allowed/],
    ['"abc"', /only numbers/],
    ['1; 2', /several statements is not allowed/],
    ['5 cm', /unknown name "cm"/],
    // Payloads from mathjs' security notes and reports: every route to a JavaScript object or
    // function is closed by the allowlist of node types and functions.
    // (mathjs cannot even parse a call of a call's result: refused as a syntax error.)
    ['[].map.constructor("return this")()', /not allowed|Value expected/],
    ['cos.constructor("return process")()', /not allowed|Value expected/],
    ['[].map.constructor("return this")', /not allowed/],
    ['f = parse', /assignment is not allowed/],
    ['x = {}; x.__proto__.polluted = 1', /not allowed/],
    ['{}["__proto__"]', /not allowed/],
    ['import({x: 1}, {override: true})', /"import" is not allowed/],
    ['resolve(x, {x: 1})', /"resolve" is not allowed/],
    ['derivative("x^2", "x")', /"derivative" is not allowed/],
    ['typed("f", {"number": 1})', /"typed" is not allowed/],
    ['unit("5 cm")', /"unit" is not allowed/],
    ['process', /unknown name "process"/],
  ];
  for (const [source, reason] of refused) {
    it(`refuses ${source}`, () => {
      expect(() => compileExpression(source, scope)).toThrow(reason);
    });
  }

  it('limits the length of an expression', () => {
    expect(() => compileExpression('1 + '.repeat(200) + '1', scope)).toThrow(/limited to 500 characters/);
  });
});

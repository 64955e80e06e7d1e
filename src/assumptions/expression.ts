/**
 * The expression form of a series, evaluated by a sandboxed mathjs instance.
 *
 * Scenario files travel by e-mail, so an expression may only be arithmetic: the parsed tree is
 * checked against an allowlist of node types and functions before it is compiled, and the
 * mathjs functions that reach beyond arithmetic (import, createUnit, evaluate, parse, simplify,
 * derivative, resolve, ...) are removed from the instance as well.
 */
import type { MathNode } from 'mathjs';
import { loadMathjs } from './mathjs-module.js';

type Parse = (expression: string) => MathNode;
let sandboxedParse: Parse | undefined;

/**
 * The sandboxed mathjs parser, loaded on first use: mathjs takes about half a second to load,
 * and most scenarios have no expression beyond a bare name (which needs no parser).
 */
function parser(): Parse {
  if (sandboxedParse) return sandboxedParse;
  const mathjs = loadMathjs();
  const math = mathjs.create(mathjs.all, {});
  const parse = math.parse;
  const disabled = (name: string) => () => {
    throw new Error(`${name} is disabled`);
  };
  math.import(
    Object.fromEntries(
      ['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'compile', 'chain', 'reviver', 'replacer'].map((n) => [
        n,
        disabled(n),
      ]),
    ),
    { override: true },
  );
  sandboxedParse = parse;
  return parse;
}

const BARE_NAME = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/** Functions an assumption may use: elementary arithmetic only. */
const ALLOWED_FUNCTIONS = new Set(['exp', 'log', 'log10', 'sqrt', 'abs', 'min', 'max', 'pow', 'floor', 'ceil', 'round', 'sign']);
const ALLOWED_CONSTANTS = new Set(['pi', 'e']);
const ALLOWED_OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', 'smaller', 'larger', 'smallerEq', 'largerEq', 'equal', 'unequal', 'and', 'or', 'not']);
export const MAX_EXPRESSION_LENGTH = 500;

export class ExpressionError extends Error {}

export interface CompiledExpression {
  /** The names the expression reads. */
  readonly names: ReadonlySet<string>;
  evaluate(scope: Readonly<Record<string, number>>): number;
}

export function compileExpression(source: string, namesInScope: readonly string[]): CompiledExpression {
  if (source.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError(`expressions are limited to ${MAX_EXPRESSION_LENGTH} characters`);
  const bare = BARE_NAME.exec(source);
  if (bare && namesInScope.includes(bare[1])) {
    // A bare name ("wage_growth") is the value of that name: no parser needed.
    const name = bare[1];
    return { names: new Set([name]), evaluate: (scope) => scope[name] };
  }
  let tree: MathNode;
  try {
    tree = parser()(source);
  } catch (e) {
    throw new ExpressionError((e as Error).message);
  }
  const names = new Set<string>();
  tree.traverse((node, _path, parent) => {
    switch (node.type) {
      case 'ConstantNode':
        if (typeof (node as unknown as { value: unknown }).value !== 'number') throw new ExpressionError('only numbers may appear as constants');
        return;
      case 'ParenthesisNode':
        return;
      case 'ConditionalNode':
        return;
      case 'OperatorNode': {
        const fn = (node as unknown as { fn: string }).fn;
        if (!ALLOWED_OPERATORS.has(fn)) throw new ExpressionError(`the operator "${(node as unknown as { op: string }).op}" is not allowed`);
        return;
      }
      case 'FunctionNode': {
        const fn = (node as unknown as { fn: MathNode }).fn;
        const name = fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : '';
        if (!ALLOWED_FUNCTIONS.has(name)) throw new ExpressionError(`"${name || fn.toString()}" is not allowed in scenario expressions (allowed: ${[...ALLOWED_FUNCTIONS].join(', ')})`);
        return;
      }
      case 'SymbolNode': {
        const name = (node as unknown as { name: string }).name;
        const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === node;
        if (isCallee) return;
        if (ALLOWED_CONSTANTS.has(name)) return;
        if (!namesInScope.includes(name)) {
          throw new ExpressionError(`unknown name "${name}"; names in scope: ${namesInScope.join(', ')}`);
        }
        names.add(name);
        return;
      }
      default:
        throw new ExpressionError(`${describeNode(node.type)} is not allowed in scenario expressions`);
    }
  });
  const compiled = tree.compile();
  return {
    names,
    evaluate(scope) {
      const result: unknown = compiled.evaluate({ ...scope });
      if (typeof result === 'boolean') return result ? 1 : 0;
      if (typeof result !== 'number') throw new ExpressionError('the expression does not give a real number');
      return result;
    },
  };
}

function describeNode(type: string): string {
  const words: Record<string, string> = {
    AccessorNode: 'property access (a.b or a["b"])',
    AssignmentNode: 'assignment',
    FunctionAssignmentNode: 'defining a function',
    ObjectNode: 'an object literal',
    ArrayNode: 'a matrix or list',
    IndexNode: 'indexing',
    BlockNode: 'several statements',
    RangeNode: 'a range',
    RelationalNode: 'a chained comparison',
  };
  return words[type] ?? type;
}

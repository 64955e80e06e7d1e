/**
 * mathjs for the explore page's bundle, in place of src/assumptions/mathjs-module.ts (the
 * bundler swaps them: a browser has no require, and the page parses its expressions up front).
 */
import * as mathjs from 'mathjs';

export function loadMathjs(): typeof import('mathjs') {
  return mathjs;
}

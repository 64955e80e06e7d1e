/**
 * mathjs, loaded when the first expression is parsed: it takes about half a second to load, and
 * most scenarios have no expression beyond a bare name. The explore page's bundle replaces this
 * module with one that imports mathjs (scripts/build-explore.mjs), as a browser has no require.
 */
import { createRequire } from 'node:module';

export function loadMathjs(): typeof import('mathjs') {
  return createRequire(import.meta.url)('mathjs') as typeof import('mathjs');
}

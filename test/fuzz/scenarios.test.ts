/** The seeded, bounded fuzz run of `npm test` (see scenarios.fuzz.ts); `npm run fuzz` runs more. */
import { describe, it } from 'vitest';
import { cyclicExtends, fuzzScenarios } from './scenarios.fuzz.js';

const runs = Number(process.env.FUZZ_RUNS ?? 250);
const seed = Number(process.env.FUZZ_SEED ?? 20261123);

describe('fuzzed scenarios', () => {
  it(`${runs} mutated scenarios end in a finite projection or a ScenarioError (seed ${seed})`, () => fuzzScenarios(runs, seed), 600_000);
  it('a cycle of extends is a ScenarioError', () => cyclicExtends());
});

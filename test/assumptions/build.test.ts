/** The assumptions stage: ceilings with steps and indexation, mortality beyond the table. */
import { describe, expect, it } from 'vitest';
import { buildAssumptions } from '../../src/assumptions/build.js';
import { tableFiles } from '../../src/assumptions/table-files.js';
import { loadScenario } from '../../src/scenario/load.js';
import { CELLS, MALE, cell } from '../../src/engine/layout.js';
import { scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const build = (change: (s: Yaml) => void) => buildAssumptions(loadScenario(scenarioVariant('cells', change)), tableFiles());

describe('the ceiling', () => {
  it('a legislated step holds in its year; indexation runs from the last step', () => {
    const a = build((s) => {
      s.projection.end_year = 2032;
      s.schemes[0].ceiling = { monthly: { 2025: 6000, 2030: 8000 }, indexation: 0.04 };
    });
    const c = a.schemes[0].ceilingMonthly;
    expect(c[0]).toBe(6000);
    expect(c[4]).toBeCloseTo(6000 * 1.04 ** 4, 9); // 2029
    expect(c[5]).toBe(8000); // 2030: the step, not 8000 indexed
    expect(c[6]).toBeCloseTo(8000 * 1.04, 9); // 2031
  });
});

describe('mortality beyond the table', () => {
  it('a projection starting after the last year of the table compounds the improvement from it', () => {
    // The flat table has no year column: its year is the start year. Here the Malaysian table
    // (2015-2100) is used with a start in 2102: q(2102) = q(2100) × (1 − 0.02)².
    const table = build((s) => {
      s.demography = { mortality: 'data/mortality/malaysia-wpp2024.csv' };
      s.projection = { start_year: 2100, end_year: 2100 };
    }).mortality;
    const later = build((s) => {
      s.demography = { mortality: 'data/mortality/malaysia-wpp2024.csv', mortality_improvement: 0.02 };
      s.projection = { start_year: 2102, end_year: 2103 };
    }).mortality;
    const at = cell(MALE, 60);
    expect(later[at]).toBeCloseTo(table[at] * 0.98 ** 2, 15);
    expect(later[CELLS + at]).toBeCloseTo(table[at] * 0.98 ** 3, 15);
  });
});

/** Cross-references a schema cannot check: each is an error at the key, with exit code 2. */
import { describe, expect, it } from 'vitest';
import { cli, scenarioVariant } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

async function rejected(change: (s: Yaml) => void): Promise<string> {
  const result = await cli('validate', scenarioVariant('basic', change));
  expect(result.code).toBe(2);
  return result.stderr;
}

describe('references', () => {
  it('a cover entry for a group that does not exist', async () => {
    expect(await rejected((s) => (s.schemes[0].cover.fisherz = { coverage: 0.5 }))).toMatch(/schemes\[0\]\.cover\.fisherz: "fisherz" is not a group of this scenario \(groups: locals, commuters\)/);
  });

  it('a benefit the scheme kind cannot pay', async () => {
    expect(await rejected((s) => (s.schemes[2].benefits.medical = { cost_per_case: 100 }))).toMatch(/schemes\[2\]\.benefits\.medical: benefit "medical" does not apply to a scheme of kind invalidity/);
  });

  it("survivors' pensions without the invalidity pension they are computed from", async () => {
    expect(await rejected((s) => delete s.schemes[2].benefits.invalidity_pension)).toMatch(/schemes\[2\]\.benefits\.survivors: .*add benefits\.invalidity_pension/);
  });

  it('a pool that names no scheme with its own fund', async () => {
    expect(await rejected((s) => (s.schemes[2].fund.pooled_with = 'nowhere'))).toMatch(/schemes\[2\]\.fund\.pooled_with: pooled_with names "nowhere"/);
  });

  it('exits for a static group', async () => {
    expect(await rejected((s) => (s.groups[1].exits = { withdrawal: 0.1 }))).toMatch(/groups\[1\]\.exits: exits apply only to groups with age_structure: cohort/);
  });

  it('duplicate group ids', async () => {
    expect(await rejected((s) => (s.groups[1].id = 'locals'))).toMatch(/groups\[1\]\.id: duplicate group id "locals"/);
  });

  it('rates and a flat contribution together', async () => {
    expect(await rejected((s) => (s.schemes[0].contributions.default.flat_monthly = 10))).toMatch(/contributions\.default: flat_monthly replaces rates/);
  });
});

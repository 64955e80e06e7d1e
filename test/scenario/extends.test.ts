/** `extends`: deep merge, list items patched by id, paths relative to the file that names them. */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { FIXTURES, cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';

const child = join(FIXTURES, 'extends', 'sub', 'child.yaml');

describe('extends', () => {
  const loaded = loadScenario(child);
  const s = loaded.scenario;

  it('keys of the child override the parent, the rest is inherited', () => {
    expect(s.scenario.id).toBe('test-child');
    expect(s.economy.investment_return).toBe(0.045);
    expect(s.economy.wage_growth).toBe(0.04);
    expect(s.projection.end_year).toBe(2060);
  });

  it('a list item with the same id is merged into the parent item key by key; new ids are appended', () => {
    expect(s.groups.map((g) => g.id)).toEqual(['locals', 'commuters', 'fishers']);
    const commuters = s.groups[1];
    expect(commuters.population.base).toBe(30000);
    expect(commuters.wage.mean_monthly).toBe(2600);
    // Merged, not replaced: the parent's risk block for commuters (fishers' fatal risk 3, mortality 1.1) holds.
    expect(commuters.risk.mortality).toBe(1.1);
    expect(commuters.risk.employment_injury).toMatchObject({ fatal: 3 });
  });

  it('replace: true replaces the parent item whole; remove: true drops it; a patch changes one key', () => {
    const patched = loadScenario(join(FIXTURES, 'extends', 'sub', 'patches.yaml')).scenario;
    expect(patched.groups.map((g) => g.id)).toEqual(['locals', 'commuters']);
    expect(patched.groups[1].population.base).toBe(25000);
    // Replaced whole: the parent's risk block is gone, so the defaults hold.
    expect(patched.groups[1].risk.mortality).toBe(1);
    expect(patched.schemes.map((x) => x.id)).toEqual(['employment_injury', 'invalidity']);
    // One key of a scheme: its sibling and every other key of the scheme are the parent's.
    expect(patched.schemes[1].contributions.default).toMatchObject({ employer: 0.005, employee: 0.006 });
    expect(patched.schemes[1].ceiling.monthly).toBe(s.schemes[2].ceiling.monthly);
  });

  it('an error in a patch item is reported in the file the user wrote, with that file\'s own indexes', async () => {
    const dir = tempDir();
    const file = join(dir, 'option.yaml');
    const parent = join(FIXTURES, 'basic', 'scenario.yaml');
    writeFileSync(file, `scenario:\n  id: o\n  title: o\n  extends: ${parent}\nschemes:\n  - id: invalidity\n    contributions:\n      default: {employer: high}\n`);
    const result = await cli('validate', file);
    expect(result.code).toBe(2);
    // invalidity is the parent's third scheme, and the option's first.
    expect(result.stderr).toMatch(/option\.yaml:8:\d+: schemes\[0\]\.contributions\.default\.employer: /);
    expect(result.stderr).not.toMatch(/schemes\[2\]/);
  });

  it('remove or replace of an id the parent does not have, or both at once, is an error at the patch', async () => {
    const dir = tempDir();
    const parent = join(FIXTURES, 'basic', 'scenario.yaml');
    const write = (name: string, item: string) => {
      const file = join(dir, name);
      writeFileSync(file, `scenario:\n  id: o\n  title: o\n  extends: ${parent}\nschemes:\n  - id: employment_injury\n    fund: {initial: 1}\n  ${item}\n`);
      return file;
    };
    const missing = await cli('validate', write('missing.yaml', '- {id: invalidty, remove: true}'), '--allow-path', dirname(parent));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.yaml:8:\d+: schemes\[1\]\.id: remove: true names "invalidty", which is not an item of the parent scenario \(its items: employment_injury, non_employment_injury, invalidity\)/);
    const both = await cli('validate', write('both.yaml', '- {id: invalidity, remove: true, replace: true}'));
    expect(both.stderr).toMatch(/both\.yaml:8:\d+: schemes\[1\]\.remove: replace: true and remove: true cannot both be given/);
    const notBoolean = await cli('validate', write('flag.yaml', '- {id: invalidity, replace: yes}'));
    expect(notBoolean.stderr).toMatch(/flag\.yaml:8:\d+: schemes\[1\]\.replace: expected true or false, got string/);
  });

  it('mappings are merged deeply: a nested key overrides, its siblings are inherited', () => {
    expect(s.economy.exchange_rates).toEqual({ SGD: 3.3 });
    expect(s.economy.medical_inflation).toBe(0.05);
    expect(s.schemes.map((x) => x.id)).toEqual(['employment_injury', 'non_employment_injury', 'invalidity']);
  });

  it('data paths are relative to the file that names them', () => {
    expect(loaded.tablePath(['groups', 0, 'age_sex'])).toBe(join(FIXTURES, 'basic', 'workers.csv'));
    expect(loaded.tablePath(['groups', 1, 'age_sex'])).toBe(join(FIXTURES, 'extends', 'sub', 'commuters.csv'));
  });

  it('an error in an inherited key is reported in the parent file', () => {
    const dir = tempDir();
    const parent = scenarioVariant('basic', (p) => {
      p.schemes[0].ceiling.monthly = -5;
    });
    const file = join(dir, 'child.yaml');
    writeFileSync(file, `scenario:\n  id: c\n  title: c\n  extends: ${parent}\n`);
    // A series' bounds are checked when it is resolved, so the scenario loads; the place of the
    // inherited key is in the parent.
    const located = loadScenario(file, { allowPaths: [dirname(parent)] }).locate(['schemes', 0, 'ceiling', 'monthly']);
    expect(located.file).toBe(parent);
    expect(located.line).toBeGreaterThan(1);
  });

  it('a cycle of extends is an error at the extends key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'scenario:\n  id: a\n  title: a\n  extends: b.yaml\n');
    writeFileSync(join(dir, 'b.yaml'), 'scenario:\n  id: b\n  title: b\n  extends: a.yaml\n');
    expect(() => loadScenario(join(dir, 'a.yaml'))).toThrow(ScenarioError);
    expect(() => loadScenario(join(dir, 'a.yaml'))).toThrow(/extends forms a cycle: .*a\.yaml -> .*b\.yaml -> .*a\.yaml/);
  });

  it('a missing parent is an error at the child\'s extends key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'scenario:\n  id: a\n  title: a\n  extends: nowhere.yaml\n');
    try {
      loadScenario(join(dir, 'a.yaml'));
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const error = e as ScenarioError;
      expect(error.line).toBe(4);
      expect(error.key).toBe('scenario.extends');
      expect(error.message).toMatch(/nowhere\.yaml: cannot read the file/);
    }
  });
});

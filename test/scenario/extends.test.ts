/** `extends`: deep merge, list items replaced by id, paths relative to the file that names them. */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { FIXTURES, scenarioVariant, tempDir } from '../helpers/scenarios.js';

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

  it('a list item with the same id replaces the parent item whole; new ids are appended', () => {
    expect(s.groups.map((g) => g.id)).toEqual(['locals', 'commuters', 'fishers']);
    const commuters = s.groups[1];
    expect(commuters.population.base).toBe(30000);
    // Replaced whole: the parent's risk block for commuters is not merged in.
    expect(commuters.risk.mortality).toBe(1);
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
    const located = loadScenario(file).locate(['schemes', 0, 'ceiling', 'monthly']);
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

/**
 * Input that once crashed or was silently taken: each is now a clear error with exit code 2 and
 * no stack trace.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, editCsv, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

async function rejected(path: string, ...argv: string[]): Promise<string> {
  const result = await cli('run', path, '--out', join(tempDir(), 'r'), ...argv);
  expect(result.code).toBe(2);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result.stderr;
}

describe('hostile input', () => {
  it('a huge amount is out of range, not an overflow', async () => {
    expect(await rejected(scenarioVariant('cells', (s: Yaml) => (s.schemes[0].fund.initial = 1e307)))).toMatch(/schemes\[0\]\.fund\.initial: 1e\+307 is too large/);
    expect(await rejected(scenarioVariant('cells', (s: Yaml) => (s.schemes[0].benefits.medical.cost_per_case = 1e305)))).toMatch(/cost_per_case: 1e\+305 is too large/);
  });

  it('qualifying conditions that cannot be met, or absurd windows', async () => {
    expect(await rejected(scenarioVariant('cells', (s: Yaml) => (s.schemes[1].qualifying = { min_months: 50, window_months: 40 })))).toMatch(/min_months cannot exceed window_months/);
    expect(await rejected(scenarioVariant('cells', (s: Yaml) => (s.schemes[1].qualifying = { window_months: 2_000_000_000 })))).toMatch(/window_months: 2000000000 is too large/);
  });

  it('an error under a group a child file replaced is reported in the child file', async () => {
    const parent = scenarioVariant('basic');
    const child = join(dirname(parent), 'child.yaml');
    writeFileSync(child, `scenario:\n  id: child\n  title: c\n  extends: scenario.yaml\ngroups:\n  - id: commuters\n    replace: true\n    population: {base: 5}\n    age_sex: workers.csv\n`);
    expect(await rejected(child)).toMatch(/child\.yaml:6:\d+: groups\[0\]\.wage: required key "wage" is missing/);
  });

  it('a scenario that extends another must have its own id', async () => {
    const parent = scenarioVariant('cells');
    const child = join(tempDir(), 'child.yaml');
    writeFileSync(child, `scenario:\n  title: no id\n  extends: ${parent}\n`);
    expect(await rejected(child)).toMatch(/child\.yaml:1:1: scenario\.id: a scenario that extends another needs its own scenario\.id/);
  });

  it('a CSV column the table does not use, and children pensions beyond the age limit', async () => {
    const extra = scenarioVariant('basic', (_s, dir) => editCsv(join(dir, 'ei-beneficiaries.csv'), (r) => r));
    const withColumn = scenarioVariant('basic', (_s, dir) => writeFileSync(join(dir, 'ei-beneficiaries.csv'), 'type,sex,age,count,monthly_amount,grp\npermanent_disablement,M,50,10,900,locals\n'));
    expect(await rejected(withColumn)).toMatch(/ei-beneficiaries\.csv:1:6: grp: unknown column "grp"/);
    const tooOld = scenarioVariant('basic', (_s, dir) => writeFileSync(join(dir, 'ei-beneficiaries.csv'), 'type,sex,age,count,monthly_amount\ndependants_children,M,25,300,600\n'));
    expect(await rejected(tooOld)).toMatch(/ei-beneficiaries\.csv:2:3: age: a children's pension at age 25 is at or above the age limit 21/);
    expect((await cli('validate', extra)).code).toBe(0);
  });

  it('a YAML alias bomb', async () => {
    const path = join(tempDir(), 'bomb.yaml');
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let k = 0; k < 8; k++) lines.push(`${String.fromCharCode(98 + k)}: &${String.fromCharCode(98 + k)} [*${String.fromCharCode(97 + k)}, *${String.fromCharCode(97 + k)}, *${String.fromCharCode(97 + k)}, *${String.fromCharCode(97 + k)}, *${String.fromCharCode(97 + k)}, *${String.fromCharCode(97 + k)}, *${String.fromCharCode(97 + k)}, *${String.fromCharCode(97 + k)}, *${String.fromCharCode(97 + k)}]`);
    writeFileSync(path, lines.join('\n') + '\n');
    expect(await rejected(path)).toMatch(/bomb\.yaml:1:1: .*too many aliases/);
  });

  it('a __proto__ key is refused where it stands', async () => {
    const path = join(tempDir(), 'proto.yaml');
    writeFileSync(path, 'scenario:\n  id: p\n  title: p\n__proto__:\n  polluted: true\n');
    expect(await rejected(path)).toMatch(/proto\.yaml:4:1: __proto__: "__proto__" cannot be used as a key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a correlation between assumptions that do not exist', async () => {
    const path = scenarioVariant('cells', (s: Yaml) => (s.stochastic = { paths: 10, seed: 1, correlation: { bogus_key: 0.5 } }));
    expect(await rejected(path)).toMatch(/stochastic\.correlation\.bogus_key: .*investment_return__wage_growth/);
  });

  it('an output folder below a file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    mkdirSync(join(dir, 'ok'));
    const result = await cli('run', scenarioVariant('cells'), '--out', join(dir, 'file', 'report'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot write the report to .*file\/report/);
  });
});

describe('file safety', () => {
  it('a data table outside the project and the scenario folder is refused unless its folder is allowed', async () => {
    const elsewhere = tempDir();
    writeFileSync(join(elsewhere, 'secret.csv'), 'sex,age,share\nM,40,1\n');
    const path = scenarioVariant('cells', (s: Yaml) => (s.groups[0].age_sex = join(elsewhere, 'secret.csv')));
    expect(await rejected(path)).toMatch(/groups\[0\]\.age_sex: .*secret\.csv is outside the project and the scenario's folder/);
    const relative = scenarioVariant('cells', (s: Yaml) => (s.groups[0].age_sex = '../../../../../../../../etc/passwd'));
    expect(await rejected(relative)).toMatch(/is outside the project and the scenario's folder/);
    const allowed = await cli('validate', path, '--allow-path', elsewhere);
    // Allowed, the table is read (and found wanting for a cohort group: no entry_share).
    expect(allowed.stderr).toMatch(/secret\.csv:1: missing column "entry_share"/);
  });
});

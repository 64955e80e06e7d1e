/**
 * Scenario files are untrusted: every file a scenario names is read only from the allowed
 * folders, only when it is a regular file within its size limit, and what it asks of the
 * machine is bounded before any work is done. Each case once read, hung, echoed or ran away.
 */
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CELLS } from '../../src/engine/layout.js';
import { CELLS_PER_GROUP_YEAR } from '../../src/scenario/limits.js';
import { PROJECT, cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

/** A child scenario in `dir` that extends `parent` (as written, resolved from `dir`). */
function child(dir: string, parent: string, name = 'child.yaml'): string {
  const path = join(dir, name);
  writeFileSync(path, `scenario:\n  id: child\n  title: child\n  extends: ${parent}\n`);
  return path;
}

async function refused(...argv: string[]): Promise<string> {
  const result = await cli('validate', ...argv);
  expect(result.code).toBe(2);
  expect(result.stdout).not.toMatch(/valid/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result.stderr;
}

const SECRET = 'root:$6$NOT-FOR-YOUR-EYES$xyz:19000:0:99999:7:::';

describe('extends reads only allowed files, and never echoes what it should not', () => {
  it('a parent outside the project and the scenario folder is refused before it is read', async () => {
    const elsewhere = tempDir();
    const secret = join(elsewhere, 'shadow');
    writeFileSync(secret, Array.from({ length: 24 }, (_, k) => `${SECRET}${k}`).join('\n') + '\n');
    const dir = tempDir();
    for (const parent of [secret, `../../../../../../../..${secret}`]) {
      const stderr = await refused(child(dir, parent));
      expect(stderr).toMatch(/child\.yaml:4:\d+: scenario\.extends: .*shadow is outside the project and the scenario's folder; scenario files are read only from there/);
      expect(stderr).not.toContain('NOT-FOR-YOUR-EYES');
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
    // Allowed by the user, it is read, and found to be no scenario: one error, still no content.
    const allowed = await refused(child(dir, secret), '--allow-path', elsewhere);
    expect(allowed).toMatch(/scenario\.extends: .*shadow:1:1: (expected a scenario: a YAML mapping|this file is not a scenario)/);
    expect(allowed).not.toContain('NOT-FOR-YOUR-EYES');
    expect(allowed.trim().split('\n')).toHaveLength(1);
  });

  it('a file that is not a scenario, even inside the folder, gives one error and none of its lines', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'compose.yaml'), 'version: "3"\nservices:\n  db:\n    password: hunter2-NOT-FOR-YOUR-EYES\n');
    const stderr = await refused(child(dir, 'compose.yaml'));
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toContain('NOT-FOR-YOUR-EYES');
    expect(stderr).toMatch(/this file is not a scenario/);
  });

  it('a symbolic link inside the folder that leads out of it is refused', async () => {
    const elsewhere = tempDir();
    writeFileSync(join(elsewhere, 'secret.yaml'), `scenario: {id: s, title: "${SECRET}"}\n`);
    const dir = tempDir();
    symlinkSync(join(elsewhere, 'secret.yaml'), join(dir, 'link.yaml'));
    expect(await refused(child(dir, 'link.yaml'))).toMatch(/link\.yaml is outside the project and the scenario's folder/);
  });

  it('a missing parent names the rule by which extends is resolved', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'baseline.yaml'), 'scenario: {id: b, title: b}\n');
    const stderr = await refused(child(dir, 'baselin.yaml'));
    expect(stderr).toMatch(/baselin\.yaml: cannot read the file \(no such file; did you mean "baseline\.yaml"\?\) \(extends is resolved relative to the folder of the file that names it: .*baselin\.yaml\)/);
  });
});

describe('only regular files of a sane size are read', () => {
  it('a FIFO, as the scenario or as its parent, is refused at once instead of waiting for a writer', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    expect(await refused(join(dir, 'pipe.yaml'))).toMatch(/pipe\.yaml: cannot read the file: it is a FIFO \(named pipe\), not a regular file/);
    expect(await refused(child(dir, 'pipe.yaml'))).toMatch(/scenario\.extends: \S*pipe\.yaml: cannot read the file: it is a FIFO/);
  }, 20_000);

  it('/dev/zero and /dev/urandom are refused at once, not read until the memory is gone', async () => {
    expect(await refused('/dev/zero')).toMatch(/\/dev\/zero: cannot read the file: it is a device, not a regular file/);
    expect(await refused('/dev/urandom')).toMatch(/it is a device/);
    // Through a link in the scenario's own folder, it is still outside the allowed folders.
    const dir = tempDir();
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    expect(await refused(child(dir, 'zero.yaml'))).toMatch(/zero\.yaml is outside the project/);
  }, 20_000);

  it('a scenario file over the size limit is refused before it is parsed; the flag raises the limit', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.yaml');
    // 1.2 MB of one long comment: cheap to parse if it were read, so only the limit refuses it.
    writeFileSync(big, `scenario: {id: big, title: big}\n#${'x'.repeat(1_200_000)}\n`);
    expect(await refused(big)).toMatch(/big\.yaml: the file is larger than the limit of 1 MB for a scenario file \(with the files it extends, together\) \(raise it with --max-yaml-mb if you mean it\)/);
    const raised = await refused(big, '--max-yaml-mb', '2');
    expect(raised).not.toMatch(/larger than the limit/);
    expect(raised).toMatch(/projection: required key "projection" is missing/);
  });

  it('a data table over its limit is refused at the key that names it', async () => {
    const path = scenarioVariant('cells');
    const stderr = await refused(path, '--max-table-mb', '0.0001');
    expect(stderr).toMatch(/scenario\.yaml:\d+:\d+: demography\.mortality: .*flat-mortality\.csv: the file is larger than the limit of 0\.0001 MB for a data table \(raise it with --max-table-mb/);
  });

  it('a binary file is not parsed as YAML or CSV', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'image.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a, 0x1a]));
    expect(await refused(join(dir, 'image.yaml'))).toMatch(/image\.yaml: the file is binary \(it holds NUL bytes\), not a scenario in YAML/);
  });

  it('a misspelt table name gets the names in its folder as a suggestion', async () => {
    const path = scenarioVariant('cells', (s: Yaml) => (s.demography.mortality = 'flat-mortalty.csv'));
    expect(await refused(path)).toMatch(/demography\.mortality: .*flat-mortalty\.csv: cannot read the file \(no such file; did you mean "flat-mortality\.csv"\?\)/);
  });

  it('a table that is no table of its kind gives one error, not its first line', async () => {
    const path = scenarioVariant('cells', (_s, dir) => writeFileSync(join(dir, 'flat-mortality.csv'), `${SECRET}\nmore\n`));
    const stderr = await refused(path);
    expect(stderr).toMatch(/flat-mortality\.csv:1: this file is not a table of this kind: its first line has none of the columns sex, age, qx/);
    expect(stderr).not.toContain('NOT-FOR-YOUR-EYES');
  });
});

describe('parsing is linear in the file, and errors are bounded', () => {
  const scenarioWith = (dir: string, name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, ['scenario:', '  id: keys', '  title: keys', 'economy:', ...lines].join('\n') + '\n');
    return path;
  };

  it('40,000 keys in one mapping are refused at once, with 20 errors shown and the rest counted', async () => {
    const dir = tempDir();
    const path = scenarioWith(dir, 'keys.yaml', Array.from({ length: 40_000 }, (_, k) => `  k${k}: 1`));
    const stderr = await refused(path);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(21);
    expect(stderr).toMatch(/keys\.yaml:5:3: economy\.k0: unknown key "k0"/);
    expect(lines[20]).toMatch(/keys\.yaml: \.\.\. and \d{5} more errors \(the first 20 are shown\)/);
  }, 20_000);

  it('a key repeated after 40,000 others is found in one pass, at the repeat', async () => {
    const dir = tempDir();
    const path = scenarioWith(dir, 'dup.yaml', [...Array.from({ length: 40_000 }, (_, k) => `  k${k}: 1`), '  k0: 2']);
    // Lines 1-4 are the header, k0 stands on line 5, its repeat after the 40,000 keys.
    expect(await refused(path)).toMatch(/dup\.yaml:40005:3: YAML syntax error: Map keys must be unique/);
    // The pairwise check this replaced took 11 s here; one pass takes a fraction of a second.
  }, 5_000);

  it('keys that only look different (1 and "1") are one key, as the scenario object holds them', async () => {
    const dir = tempDir();
    const path = scenarioWith(dir, 'same.yaml', ['  wage_growth: {2025: 0.05, "2025": 0.04}']);
    expect(await refused(path)).toMatch(/same\.yaml:5:\d+: YAML syntax error: Map keys must be unique/);
  });
});

describe('the work a scenario asks for is bounded before it is done', () => {
  it('counts the cells the engine lays out for a group and year', () => {
    expect(CELLS_PER_GROUP_YEAR).toBe(CELLS);
  });

  it('at most 200 groups and 10 schemes: each scheme draws its charts, each group its cells', async () => {
    const groups = scenarioVariant('cells', (s: Yaml) => (s.groups = Array.from({ length: 201 }, (_, k) => ({ ...structuredClone(s.groups[0]), id: `g${k}` }))));
    expect(await refused(groups)).toMatch(/groups: a list is too large: expected at most 200|groups: .* too large/);
    const schemes = scenarioVariant('cells', (s: Yaml) => (s.schemes = Array.from({ length: 11 }, (_, k) => ({ ...structuredClone(s.schemes[0]), id: `s${k}` }))));
    expect(await refused(schemes)).toMatch(/schemes: .* too large: expected at most 10/);
  });

  it('190 groups to the year 2524 are refused at validation, naming the key and the limit', async () => {
    const path = scenarioVariant('cells', (s: Yaml) => {
      s.projection.end_year = 2524;
      s.groups = Array.from({ length: 190 }, (_, k) => ({ ...structuredClone(s.groups[0]), id: `g${k}` }));
      for (const scheme of s.schemes) scheme.cover = Object.fromEntries(s.groups.map((g: Yaml) => [g.id, { coverage: 0.8, compliance: 0.9 }]));
    });
    const stderr = await refused(path);
    // 500 years × 222 × (190 groups × (2 schemes + 1) + 2 schemes).
    expect(stderr).toMatch(/projection\.end_year: the projection asks for 63,492,000 cells .* above the limit of 10,000,000 \(raise it with --max-cells/);
  }, 20_000);

  it('stochastic paths beyond the budget are refused in the scenario and on the command line', async () => {
    const path = scenarioVariant('cells', (s: Yaml) => (s.stochastic = { paths: 10_000_000, seed: 1, investment_return: { model: 'ar1', sd: 0.01, phi: 0.5 } }));
    expect(await refused(path)).toMatch(/stochastic\.paths: 10,000,000 paths × 6 years × 2 schemes is 120,000,000 path-years, above the limit of 10,000,000 \(raise it with --max-path-years/);
    const small = scenarioVariant('cells', (s: Yaml) => (s.stochastic = { paths: 10, seed: 1, investment_return: { model: 'ar1', sd: 0.01, phi: 0.5 } }));
    const result = await cli('stochastic', small, '--paths', '1000000', '--out', join(tempDir(), 'st'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--paths: paths: 1,000,000 paths × 6 years × 2 schemes is 12,000,000 path-years, above the limit/);
  });
});

describe('text that is printed holds no control characters', () => {
  it('a title with terminal escapes is refused, and the refusal prints none of them raw', async () => {
    const path = scenarioVariant('cells', (s: Yaml) => (s.scenario.title = 'ok\u001b]0;pwned\u0007\u001b[2J'));
    const stderr = await refused(path);
    expect(stderr).toMatch(/scenario\.title: contains a line break or a control character \(such as ESC or a direction override\)/);
    expect(stderr).not.toMatch(/[\u001b\u0007]/);
  });
});

describe('holes an attack on the first version found', () => {
  it('a cycle of extends through a linked folder is a cycle, and a chain is at most 16 files', async () => {
    const dir = tempDir();
    symlinkSync('.', join(dir, 'd'));
    writeFileSync(join(dir, 'a.yaml'), 'scenario:\n  id: a\n  title: a\n  extends: d/a.yaml\n');
    expect(await refused(join(dir, 'a.yaml'))).toMatch(/extends forms a cycle: .*a\.yaml -> .*d\/a\.yaml/);
    for (let k = 0; k < 20; k++) writeFileSync(join(dir, `c${k}.yaml`), `scenario:\n  id: c${k}\n  title: c\n  extends: c${k + 1}.yaml\n`);
    expect(await refused(join(dir, 'c0.yaml'))).toMatch(/extends goes deeper than 16 files/);
  });

  it('the size limit holds for a scenario and its parents together', async () => {
    const dir = tempDir();
    const padding = `#${'x'.repeat(600_000)}\n`;
    writeFileSync(join(dir, 'parent.yaml'), `scenario: {id: p, title: p}\n${padding}`);
    writeFileSync(join(dir, 'child.yaml'), `scenario:\n  id: c\n  title: c\n  extends: parent.yaml\n${padding}`);
    expect(await refused(join(dir, 'child.yaml'))).toMatch(/scenario\.extends: \S*parent\.yaml: the file is larger than the limit of 0\.4\d* MB for a scenario file \(with the files it extends, together\)/);
  });

  it('40,000 references to groups that do not exist are refused at once, 20 located', async () => {
    const path = scenarioVariant('cells', (s: Yaml) => {
      for (let k = 0; k < 40_000; k++) s.schemes[0].cover[`x${k}`] = { coverage: 1 };
    });
    const stderr = await refused(path, '--max-yaml-mb', '5');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toMatch(/schemes\[0\]\.cover\.x0: "x0" is not a group of this scenario/);
    expect(lines[20]).toMatch(/\.\.\. and 39980 more errors/);
  }, 10_000);

  it('a cell, a key or a file name is echoed on one line and cut at 40 characters', async () => {
    const long = scenarioVariant('cells', (_s, dir) => writeFileSync(join(dir, 'age40.csv'), `sex,age,share,entry_share\nM,40,${'1'.repeat(100_000)},1\n`));
    const stderr = await refused(long);
    expect(stderr).toMatch(/share: "1{40}…" is not a number/);
    expect(stderr.length).toBeLessThan(1_000);
    const fake = scenarioVariant('cells', (s: Yaml) => (s.economy['x\nok: scenario.yaml: valid'] = 1));
    const lines = (await refused(fake)).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/unknown key "x\\nok: scenario\.yaml: valid"/);
  });

  it('a title with a line break or a direction override is refused; such characters never reach the terminal', async () => {
    const broken = scenarioVariant('cells', (s: Yaml) => (s.scenario.title = 'Baseline\n\nReport written to reports/baseline'));
    expect(await refused(broken)).toMatch(/scenario\.title: contains a line break or a control character/);
    const bidi = scenarioVariant('cells', (s: Yaml) => (s.economy['cod\u202eexe.txt'] = 1));
    const stderr = await refused(bidi);
    expect(stderr).not.toMatch(/\u202e/);
    expect(stderr).toMatch(/cod\\u202eexe\.txt/);
  });

  it('a table of more rows than any scenario needs, or years outside 1900-2800, is refused', async () => {
    const rows = scenarioVariant('cells', (_s, dir) => writeFileSync(join(dir, 'age40.csv'), `sex,age,share,entry_share\n${'M,40,1,1\n'.repeat(200_000)}`));
    expect(await refused(rows)).toMatch(/age40\.csv: the table has more than 199,800 rows/);
    const years = scenarioVariant('cells', (_s, dir) => writeFileSync(join(dir, 'flat-mortality.csv'), 'year,sex,age,qx\n-9999,M,40,0.01\n-9999,F,40,0.01\n'));
    expect(await refused(years)).toMatch(/flat-mortality\.csv:2:1: year: -9999 is below 1900/);
  });

  it('did-you-mean names no file outside the allowed folders, even through a link', async () => {
    const elsewhere = tempDir();
    writeFileSync(join(elsewhere, 'shadow'), SECRET);
    const dir = tempDir();
    symlinkSync(elsewhere, join(dir, 'etc'));
    const stderr = await refused(child(dir, 'etc/shadov'));
    expect(stderr).toMatch(/is outside the project and the scenario's folder/);
    expect(stderr).not.toMatch(/did you mean/);
  });

  it('a YAML syntax error in a file that is no scenario does not quote its text', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'credentials'), '[default]\n\naws_secret_access_key = NOT-FOR-YOUR-EYES\n');
    const stderr = await refused(child(dir, 'credentials'));
    expect(stderr).not.toContain('NOT-FOR-YOUR-EYES');
    expect(stderr).toMatch(/credentials:\d+:\d+: YAML syntax error/);
  });

  it('a patch file that names an item twice, or removes one while changing it, is refused', async () => {
    const dir = tempDir();
    const parent = join(PROJECT, 'scenarios', 'baseline-2025.yaml');
    const write = (name: string, groups: string) => {
      writeFileSync(join(dir, name), `scenario:\n  id: o\n  title: o\n  extends: ${parent}\ngroups:\n${groups}`);
      return join(dir, name);
    };
    expect(await refused(write('twice.yaml', '  - {id: fishers, population: {base: 5}}\n  - {id: fishers, population: {base: 6}}\n'))).toMatch(/twice\.yaml:7:\d+: groups\[1\]\.id: duplicate item id "fishers"/);
    expect(await refused(write('both.yaml', '  - {id: fishers, remove: true, population: {base: 5}}\n'))).toMatch(/both\.yaml:6:\d+: groups\[0\]\.remove: remove: true drops the item: give only its id/);
  });

  it('a stochastic run whose response would take more projections than the budget is refused', async () => {
    const path = scenarioVariant('cells', (s: Yaml) => {
      s.projection.end_year = 2524;
      s.groups = Array.from({ length: 20 }, (_, k) => ({ ...structuredClone(s.groups[0]), id: `g${k}` }));
      for (const scheme of s.schemes) scheme.cover = Object.fromEntries(s.groups.map((g: Yaml) => [g.id, { coverage: 0.8, compliance: 0.9 }]));
      s.stochastic = { paths: 10, seed: 1, investment_return: { model: 'ar1', sd: 0.01, phi: 0.5 } };
    });
    const result = await cli('stochastic', path, '--out', join(tempDir(), 'st'));
    expect(result.code).toBe(2);
    // Six projections a year of 500 years (methodology §8), and the deterministic one.
    expect(result.stderr).toMatch(/measuring the stochastic response needs 3,001 projections of 6,882,000 cells each, above the limit of 300,000,000 cells in all/);
  });
});

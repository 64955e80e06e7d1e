/**
 * `coverage-sim verify`: a report re-run from its provenance; any change to inputs or outputs is
 * found. Report folders travel like scenarios, so a folder made by someone else is untrusted:
 * verify reads its files only as regular files (never a link, a FIFO or a device), within
 * bounds, prints no line of them, parses scenario.resolved.yaml as a scenario file, and reads
 * tables only from the project, the report folder and --allow-path, never from where the
 * report's provenance says.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { CliOutcome, Yaml } from '../helpers/scenarios.js';
import { fifo } from './hostile-files.js';

const HOSTILE = 60_000;

/** A report of the `cells` fixture, whose tables are in the project (so no --allow-path is needed). */
let good: string;

beforeAll(async () => {
  good = join(tempDir(), 'good');
  expect((await cli('run', join(FIXTURES, 'cells', 'scenario.yaml'), '--out', good, '--no-charts')).code).toBe(0);
});

/** A copy of the good report, changed by `change`. */
function reportCopy(change: (dir: string) => void = () => {}): string {
  const dir = join(tempDir(), 'report');
  mkdirSync(dir);
  for (const name of readdirSync(good)) copyFileSync(join(good, name), join(dir, name));
  change(dir);
  return dir;
}

/** Edits a report's scenario.resolved.yaml as data. */
function editResolved(dir: string, change: (resolved: Yaml) => void): void {
  const path = join(dir, 'scenario.resolved.yaml');
  const resolved = parse(readFileSync(path, 'utf8')) as Yaml;
  change(resolved);
  writeFileSync(path, stringify(resolved, { lineWidth: 0 }));
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path, 'utf8')).digest('hex');

/** A file of secrets outside every folder verify may read. */
function secretFile(text = 'SECRET-TOKEN-4f1c\nAWS_SECRET=SECRET-TOKEN-4f1c\n'): string {
  const path = join(tempDir(), 'secret.txt');
  writeFileSync(path, text);
  return path;
}

/** A refusal: bad input (exit 2) with a message, never a stack trace, nothing of `secret` shown. */
function expectRefused(result: CliOutcome, message: RegExp, secret = 'SECRET-TOKEN'): void {
  expect(result.stderr).not.toContain('internal error');
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stdout + result.stderr).not.toContain(secret);
}

describe('coverage-sim verify', () => {
  it('reproduces an untouched report exactly (exit 0)', async () => {
    const result = await cli('verify', good);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('identical: summary.csv');
    expect(result.stdout).toContain('verified: the report is reproduced exactly');
  });

  it('finds an edited output (exit 3) and names the first differing line, showing only the new run\'s', async () => {
    const out = reportCopy((dir) => {
      const summary = join(dir, 'summary.csv');
      const lines = readFileSync(summary, 'utf8').split('\n');
      lines[3] = 'EDITED-LINE,1.00';
      writeFileSync(summary, lines.join('\n'));
    });
    const ours = readFileSync(join(good, 'summary.csv'), 'utf8').split('\n')[3];
    const result = await cli('verify', out);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`different: summary.csv, from line 4\n  now: ${ours}\n`);
    expect(result.stdout).not.toContain('EDITED-LINE');
  });

  it('finds a changed data table (exit 3), in a folder named with --allow-path', async () => {
    const scenario = scenarioVariant('cells');
    const out = join(tempDir(), 'r');
    expect((await cli('run', scenario, '--out', out, '--no-charts')).code).toBe(0);
    const folder = dirname(scenario);
    expect((await cli('verify', out, '--allow-path', folder)).code).toBe(0);
    const table = join(folder, 'incidence.csv');
    writeFileSync(table, readFileSync(table, 'utf8').replace('0.01,', '0.011,'));
    const result = await cli('verify', out, '--allow-path', folder);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/changed: .*incidence\.csv/);
  });

  it('a folder that is not a report is bad input (exit 2)', async () => {
    expect((await cli('verify', tempDir())).code).toBe(2);
    expect((await cli('verify', join(tempDir(), 'nowhere'))).code).toBe(2);
  });
});

describe('verify of a report folder made by someone else', () => {
  it('a recorded CSV that is a symbolic link (to a secret, /proc/self/environ, /dev/zero) is refused, not followed', async () => {
    const secret = secretFile();
    for (const [name, target] of [['summary.csv', secret], ['measures.csv', '/proc/self/environ'], ['detail.csv', '/dev/zero'], ['summary.csv', '/etc/shadow']]) {
      const out = reportCopy((dir) => {
        rmSync(join(dir, name));
        symlinkSync(target, join(dir, name));
      });
      const result = await cli('verify', out);
      expectRefused(result, new RegExp(`${name}: it is a symbolic link, which a report folder coverage-sim writes never holds`));
      // Nothing of the environment either.
      expect(result.stdout + result.stderr).not.toMatch(/PATH=|HOME=/);
    }
  }, HOSTILE);

  it('a recorded CSV replaced by other text: its lines are never printed', async () => {
    const out = reportCopy((dir) => writeFileSync(join(dir, 'measures.csv'), readFileSync(secretFile(), 'utf8')));
    const result = await cli('verify', out);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('different: measures.csv, from line 1');
    expect(result.stdout).not.toContain('SECRET-TOKEN');
  });

  it('scenario.resolved.yaml that is a link is refused; one that is no scenario (credentials) gets one error that quotes nothing', async () => {
    const credentials = secretFile('[default]\naws_access_key_id = AKIASECRET-TOKEN\naws_secret_access_key = SECRET-TOKEN-4f1c\n');
    const linked = reportCopy((dir) => {
      rmSync(join(dir, 'scenario.resolved.yaml'));
      symlinkSync(credentials, join(dir, 'scenario.resolved.yaml'));
    });
    expectRefused(await cli('verify', linked), /scenario\.resolved\.yaml: it is a symbolic link/);
    const copied = reportCopy((dir) => copyFileSync(credentials, join(dir, 'scenario.resolved.yaml')));
    expectRefused(await cli('verify', copied), /scenario\.resolved\.yaml:\d+:\d+: /);
    const passwords = reportCopy((dir) => writeFileSync(join(dir, 'scenario.resolved.yaml'), 'root: SECRET-TOKEN-x:0:0\ndaemon: SECRET-TOKEN-y\n'));
    expectRefused(await cli('verify', passwords), /scenario\.resolved\.yaml:1:1: this file is not a scenario/);
  }, HOSTILE);

  it('scenario.resolved.yaml with 40,000 keys and a duplicate is refused as a scenario file is: exit 2, in one pass', async () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  k${i}: ${i}`).join('\n');
    const out = reportCopy((dir) => writeFileSync(join(dir, 'scenario.resolved.yaml'), `provenance:\n${keys}\n  k0: again\n`));
    expectRefused(await cli('verify', out), /scenario\.resolved\.yaml:40002:3: YAML syntax error: Map keys must be unique/);
  }, HOSTILE);

  it('a provenance block that is not one coverage-sim writes is bad input (exit 2), at its key', async () => {
    const cases: Array<[(p: Yaml) => void, RegExp]> = [
      [(p) => (p.data_files = 'data/x.csv'), /provenance\.data_files: not a provenance block coverage-sim writes/],
      [(p) => (p.data_files = [{ path: 'data/x.csv', sha256: 'not a hash' }]), /provenance\.data_files\[0\]\.sha256: not a provenance block/],
      [(p) => (p.data_files = [{ path: 42, sha256: '0'.repeat(64) }]), /provenance\.data_files\[0\]\.path: not a provenance block/],
      [(p) => (p.version = '\u001b]0;pwned\u0007'), /provenance\.version: not a provenance block/],
      [(p) => delete p.data_files, /provenance\.data_files: not a provenance block/],
    ];
    for (const [change, message] of cases) {
      const out = reportCopy((dir) => editResolved(dir, (r) => change(r.provenance)));
      expectRefused(await cli('verify', out), message);
    }
  }, HOSTILE);

  it('a table outside the project, the report folder and --allow-path is not read, even when the report names it', async () => {
    const outside = tempDir();
    const table = join(outside, 'flat-mortality.csv');
    copyFileSync(join(FIXTURES, 'cells', 'flat-mortality.csv'), table);
    const out = reportCopy((dir) =>
      editResolved(dir, (r) => {
        r.demography.mortality = table;
        const entry = (r.provenance.data_files as Array<{ path: string; sha256: string }>).find((f) => f.path.endsWith('flat-mortality.csv'))!;
        entry.path = table;
        entry.sha256 = sha256(table);
      }),
    );
    const refused = await cli('verify', out);
    expectRefused(refused, new RegExp(`provenance\\.data_files\\[\\d+\\]\\.path: ${table}: outside the allowed folders .*rerun with --allow-path ${outside} to check it`));
    // Named by the user, the folder is allowed: the report verifies.
    const allowed = await cli('verify', out, '--allow-path', outside);
    expect(allowed.stderr).toBe('');
    expect(allowed.code).toBe(0);
  }, HOSTILE);

  it('whether a file outside exists, or matches a hash, is never told', async () => {
    const outside = tempDir();
    const present = join(outside, 'present.csv');
    writeFileSync(present, 'sex,age,qx\n');
    const absent = join(outside, 'absent.csv');
    const out = reportCopy((dir) =>
      editResolved(dir, (r) => {
        r.provenance.data_files.push({ path: present, sha256: '0'.repeat(64) }, { path: absent, sha256: '0'.repeat(64) }, { path: '/etc/passwd', sha256: '0'.repeat(64) });
      }),
    );
    const result = await cli('verify', out);
    expectRefused(result, /outside the allowed folders/);
    for (const path of [present, absent, '/etc/passwd']) expect(result.stderr).toContain(`${path}: outside the allowed folders`);
    expect(result.stdout + result.stderr).not.toMatch(/missing|changed|no such file/);
  }, HOSTILE);

  it('a link in the report folder does not lead a table out of it', async () => {
    const outside = tempDir();
    copyFileSync(join(FIXTURES, 'cells', 'flat-mortality.csv'), join(outside, 'flat-mortality.csv'));
    const out = reportCopy((dir) => {
      symlinkSync(outside, join(dir, 'tables'));
      editResolved(dir, (r) => {
        const table = join(dir, 'tables', 'flat-mortality.csv');
        r.demography.mortality = table;
        const entry = (r.provenance.data_files as Array<{ path: string; sha256: string }>).find((f) => f.path.endsWith('flat-mortality.csv'))!;
        entry.path = table;
        entry.sha256 = sha256(table);
        r.provenance.data_files.push({ path: join(dir, 'tables', 'absent.csv'), sha256: '0'.repeat(64) });
      });
    });
    const result = await cli('verify', out);
    expectRefused(result, /tables\/flat-mortality\.csv: outside the allowed folders/);
    expect(result.stderr).toMatch(/tables\/absent\.csv: outside the allowed folders/);
    expect(result.stdout + result.stderr).not.toMatch(/missing|changed/);
  }, HOSTILE);

  it('a FIFO as any file of the folder is refused at once, not waited on', async () => {
    for (const name of ['measures.csv', 'scenario.resolved.yaml', 'summary.csv']) {
      let pipe: { release(): void } | undefined;
      const out = reportCopy((dir) => {
        rmSync(join(dir, name));
        pipe = fifo(join(dir, name));
      });
      try {
        expectRefused(await cli('verify', out), new RegExp(`${name.replace('.', '\\.')}: cannot read the file: it is a FIFO \\(named pipe\\), not a regular file`));
      } finally {
        pipe?.release();
      }
    }
  }, HOSTILE);
});

/**
 * The command line's own arguments: --allow-path takes one folder per use and only on the
 * commands that load scenarios; a missing positional or a bad value is a usage error (exit 2)
 * that runs nothing; every option in --help says what it is; the input limits are flags whose
 * defaults are limits.ts's; and nothing a scenario supplies reaches the terminal raw.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/scenario/limits.js';
import { loadOptionsOf } from '../../src/cli/options.js';
import { PROJECT, cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

const COMMANDS = ['run', 'calibrate', 'compare', 'sensitivity', 'stochastic', 'merge', 'watch', 'verify', 'validate', 'schema'];
const LOADING = ['run', 'calibrate', 'compare', 'sensitivity', 'stochastic', 'watch', 'validate'];
const MB = 1024 * 1024;

/** The option and positional lines of a --help text: the name and what follows it on its line. */
function optionLines(help: string): Array<{ name: string; rest: string }> {
  const lines: Array<{ name: string; rest: string }> = [];
  let inSection = false;
  for (const line of help.split('\n')) {
    if (/^(Options|Positionals):$/.test(line)) inSection = true;
    else if (/^\S/.test(line) || line === '') inSection = false;
    else if (inSection) {
      // An entry starts two spaces in; deeper lines continue the one above.
      const entry = /^ {2}(\S+)(.*)$/.exec(line);
      if (entry) lines.push({ name: entry[1], rest: entry[2] });
    }
  }
  return lines;
}

/** A scenario whose two data tables lie in two folders outside the project and its own folder. */
function scenarioWithTablesIn(a: string, b: string): string {
  return scenarioVariant('cells', (s: Yaml, dir) => {
    renameSync(join(dir, 'age40.csv'), join(a, 'age40.csv'));
    renameSync(join(dir, 'incidence.csv'), join(b, 'incidence.csv'));
    s.groups[0].age_sex = join(a, 'age40.csv');
    s.schemes[0].incidence = join(b, 'incidence.csv');
  });
}

describe('--allow-path', () => {
  it('takes one folder and leaves the scenario files that follow it alone', async () => {
    const scenario = scenarioVariant('cells');
    const result = await cli('validate', '--allow-path', tempDir(), scenario);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${scenario}: valid`);
  });

  it('is repeatable: --allow-path a --allow-path b allows both folders', async () => {
    const [a, b] = [tempDir(), tempDir()];
    const scenario = scenarioWithTablesIn(a, b);
    const one = await cli('validate', scenario, '--allow-path', a);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/incidence\.csv is outside the project/);
    const both = await cli('validate', '--allow-path', a, '--allow-path', b, scenario);
    expect(both.stderr).toBe('');
    expect(both.code).toBe(0);
  });

  it('needs a folder after it', async () => {
    const result = await cli('validate', scenarioVariant('cells'), '--allow-path');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--allow-path needs a folder');
  });

  it('is an option of the commands that load scenarios (and verify, which re-runs one) only', async () => {
    for (const command of [...LOADING, 'verify']) expect((await cli(command, '--help')).stdout, command).toContain('--allow-path');
    for (const command of ['schema', 'merge']) expect((await cli(command, '--help')).stdout, command).not.toContain('--allow-path');
    expect((await cli('--help')).stdout).not.toContain('--allow-path');
    expect((await cli('schema', '--allow-path', tempDir())).code).toBe(2);
  });
});

describe('missing or bad arguments', () => {
  it('a command without its files or folders exits 2 saying what it needs, having run nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['run'], /run needs a scenario file/],
      [['calibrate'], /calibrate needs a scenario file/],
      [['compare'], /compare needs a baseline scenario and at least one option/],
      [['compare', scenarioVariant('cells')], /compare needs a baseline scenario and at least one option/],
      [['sensitivity'], /sensitivity needs a scenario file/],
      [['stochastic'], /stochastic needs a scenario file/],
      [['watch'], /watch needs a scenario file/],
      [['verify'], /verify needs a report folder/],
      [['merge', '--out', join(tempDir(), 'merged')], /merge needs one or more shard folders/],
      [['validate'], /validate needs one or more scenario files/],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toMatch(message);
      expect(result.stderr, argv.join(' ')).toContain(`Run coverage-sim ${argv[0]} --help`);
      expect(result.stderr, argv.join(' ')).not.toContain('internal error');
      expect(result.stdout, argv.join(' ')).toBe('');
    }
  });

  it('a usage error stops the command: a bad --lang writes no report', async () => {
    const out = join(tempDir(), 'report');
    const result = await cli('run', scenarioVariant('cells'), '--out', out, '--lang', 'fr');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid values');
    expect(existsSync(out)).toBe(false);
  });

  it('the help of compare, validate and merge shows no empty default on their positionals', async () => {
    for (const command of ['compare', 'validate', 'merge']) {
      const help = (await cli(command, '--help')).stdout;
      expect(help, command).not.toContain('[default: []]');
      expect(help, command).toMatch(/Positionals:/);
    }
  });
});

describe('values of the sensitivity command', () => {
  it('a shock size that is not a number above 0 and at most 1 is refused before anything runs', async () => {
    for (const [flag, value] of [['--return-shock', 'abc'], ['--incidence-shock', '0'], ['--coverage-shock', '2']]) {
      const result = await cli('sensitivity', scenarioVariant('cells'), flag, value, '--out', join(tempDir(), 's'));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`${flag}: ${flag.slice(2)}: \\S+ is not a shock size: expected a number above 0 and at most 1`));
    }
  });

  it('--years outside the projection, or not a year, is refused', async () => {
    for (const years of ['2035,abc', '2200']) {
      const result = await cli('sensitivity', scenarioVariant('cells'), '--years', years, '--out', join(tempDir(), 's'));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--years: years: \S+ is not a year of the projection \(2025-2030\)/);
    }
  });

  it('verify takes the limits and --allow-path too, to re-run a report made under them', async () => {
    const help = await cli('verify', '--help');
    expect(help.stdout).toMatch(/--max-cells/);
    expect(help.stdout).toMatch(/--allow-path/);
  });
});

describe('run --pyramid-years', () => {
  it('draws the pyramids of the years asked, and refuses a year outside the projection before writing', async () => {
    const out = join(tempDir(), 'r');
    expect((await cli('run', scenarioVariant('cells'), '--pyramid-years', '2029', '--out', out)).code).toBe(0);
    expect(readFileSync(join(out, 'charts', 'injury-pyramid.csv'), 'utf8').split('\n')[0]).toMatch(/2029/);
    const bad = join(tempDir(), 'r');
    const result = await cli('run', scenarioVariant('cells'), '--pyramid-years', '2031', '--out', bad);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--pyramid-years: pyramid-years: 2031 is not a year of the projection \(2025-2030\)/);
    expect(existsSync(bad)).toBe(false);
  });
});

describe('--help', () => {
  it('every option and positional of every command has a description, not only a type or default', async () => {
    for (const command of [undefined, ...COMMANDS]) {
      const result = await cli(...(command ? [command, '--help'] : ['--help']));
      expect(result.code, command).toBe(0);
      const entries = optionLines(result.stdout);
      expect(entries.length, command).toBeGreaterThan(command === 'schema' || command === undefined ? 1 : 2);
      for (const { name, rest } of entries) {
        const description = rest.replace(/(\s*\[[^\]]*\])+\s*$/, '').trim();
        expect(description, `${command ?? 'coverage-sim'} ${name}`).not.toBe('');
      }
    }
  });

  it('run and calibrate say they write the charts and report.html', async () => {
    for (const command of ['run', 'calibrate']) {
      const description = (await cli(command, '--help')).stdout.split('Positionals:')[0].replace(/\s+/g, ' ');
      expect(description, command).toMatch(/reports\/<id>\/.* the charts and report\.html/);
    }
  });

  it('each shock says its unit: absolute points or relative', async () => {
    const help = (await cli('sensitivity', '--help')).stdout.replace(/\s+/g, ' ');
    for (const flag of ['return', 'wage', 'coverage', 'compliance']) expect(help).toMatch(new RegExp(`--${flag}-shock [^[]*absolute points`));
    for (const flag of ['incidence', 'mortality', 'exchange']) expect(help).toMatch(new RegExp(`--${flag}-shock [^[]*relative`));
  });
});

describe('input limits', () => {
  it('every command that loads a scenario shows the limits with the defaults of limits.ts, in MB and millions', async () => {
    const defaults = {
      'max-yaml-mb': DEFAULT_LIMITS.yamlBytes / MB,
      'max-table-mb': DEFAULT_LIMITS.tableBytes / MB,
      'max-cells': DEFAULT_LIMITS.cells / 1e6,
      'max-path-years': DEFAULT_LIMITS.pathYears / 1e6,
    };
    for (const command of LOADING) {
      const help = (await cli(command, '--help')).stdout.replace(/\s+/g, ' ');
      for (const [flag, value] of Object.entries(defaults)) expect(help, `${command} --${flag}`).toMatch(new RegExp(`--${flag} [^[]+\\[number\\] \\[default: ${value}\\]`));
    }
    expect((await cli('schema', '--help')).stdout).not.toContain('--max-');
  });

  it('a limit that is not a positive finite number, or is given twice, is a usage error', async () => {
    const scenario = scenarioVariant('cells');
    for (const bad of [['--max-cells', '0'], ['--max-cells', '-1'], ['--max-yaml-mb', 'lots'], ['--max-table-mb', 'Infinity'], ['--max-path-years', '1', '--max-path-years', '2']]) {
      const result = await cli('validate', scenario, ...bad);
      expect(result.code, bad.join(' ')).toBe(2);
      expect(result.stderr, bad.join(' ')).toContain(bad[0]);
      expect(result.stdout, bad.join(' ')).toBe('');
    }
  });

  it('the flags become LoadOptions.limits in bytes and counts', () => {
    expect(loadOptionsOf({ allowPath: ['/a'], maxYamlMb: 2, maxTableMb: 0.5, maxCells: 3, maxPathYears: 0.25 })).toEqual({
      allowPaths: ['/a'],
      limits: { yamlBytes: 2 * MB, tableBytes: MB / 2, cells: 3_000_000, pathYears: 250_000 },
    });
  });

  it('reach the loading of a scenario, also in the worker threads of compare', async () => {
    const scenario = scenarioVariant('cells');
    const tiny = ['--max-yaml-mb', '0.0001'];
    for (const argv of [['validate', scenario], ['run', scenario, '--out', join(tempDir(), 'r')], ['compare', scenario, scenario, '--out', join(tempDir(), 'c')]]) {
      const result = await cli(...argv, ...tiny);
      expect(result.code, argv[0]).toBe(2);
      expect(result.stderr, argv[0]).toMatch(/larger than the limit/);
    }
    // Worker threads load the compiled modules: through the built command.
    const threads = spawnSync(process.execPath, [join(PROJECT, 'bin', 'coverage-sim.js'), 'compare', scenario, scenario, '--jobs', '2', '--out', join(tempDir(), 'c'), ...tiny], { encoding: 'utf8' });
    expect(threads.status).toBe(2);
    expect(threads.stderr).toMatch(/larger than the limit/);
    const cells = await cli('validate', scenario, '--max-cells', '0.000001');
    expect(cells.code).toBe(2);
    expect(cells.stderr).toMatch(/--max-cells/);
  });

  it('a raised limit also holds where the run reads its baseline again (for report.html)', async () => {
    // A parent file above the default limit, and a child extending it: both read under the raised limit.
    const dir = tempDir();
    const parent = scenarioVariant('cells');
    writeFileSync(parent, `${'#'.repeat(100)}\n`.repeat(Math.ceil((DEFAULT_LIMITS.yamlBytes * 1.2) / 101)) + readFileSync(parent, 'utf8'));
    const child = join(dir, 'child.yaml');
    writeFileSync(child, `scenario:\n  id: child\n  title: A child\n  extends: ${JSON.stringify(parent)}\neconomy:\n  investment_return: 0.04\n`);
    const raised = String(Math.ceil((DEFAULT_LIMITS.yamlBytes * 2) / MB));
    const result = await cli('run', child, '--out', join(dir, 'report'), '--allow-path', join(parent, '..'), '--max-yaml-mb', raised);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'report', 'report.html'))).toBe(true);
  });
});

describe('control characters on the terminal', () => {
  const ESC = '\u001b';
  const BEL = '\u0007';
  const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

  it('a title and a key holding ESC and BEL are shown as \\x1b, never sent raw', async () => {
    const scenario = scenarioVariant('cells', (s: Yaml) => {
      s.scenario.title = `${ESC}]0;pwned${BEL}${ESC}[2J`;
      s.projection[`colour${ESC}[31m`] = 'red';
    });
    for (const command of ['validate', 'run']) {
      const result = await cli(command, scenario, ...(command === 'run' ? ['--out', join(tempDir(), 'r')] : []));
      const output = result.stdout + result.stderr;
      expect(output, command).not.toMatch(raw);
      expect(output, command).toContain('\\x1b');
      expect(result.code, command).toBe(2);
    }
    // The title alone, if accepted, is printed in the summary: escaped there too.
    const titled = scenarioVariant('cells', (s: Yaml) => (s.scenario.title = `Title ${ESC}]0;pwned${BEL}`));
    const run = await cli('run', titled, '--out', join(tempDir(), 'r'), '--no-charts');
    expect(run.stdout + run.stderr).not.toMatch(raw);
  });

  it('a file name holding control characters is shown escaped in the error', async () => {
    const result = await cli('validate', join(tempDir(), `a${ESC}[2Jb${BEL}.yaml`));
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(raw);
    expect(result.stderr).toContain('a\\x1b[2Jb\\x07.yaml');
  });

  it('JSON on stdout stays JSON: DEL and C1 characters are \\u escapes', async () => {
    const scenario = scenarioVariant('basic', (s: Yaml) => {
      s.projection.end_year = 2030;
      s.stochastic = { paths: 4, seed: 1, investment_return: { model: 'ar1', sd: 0.01 } };
    });
    const out = join(tempDir(), `odd\u009b\u007fname`);
    const result = await cli('stochastic', scenario, '--out', out, '--no-charts', '--json');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(raw);
    expect(JSON.parse(result.stdout).output).toBe(out);
  });
});

/**
 * `merge` given folders that are not shards (missing, empty, a file, a damaged or foreign
 * meta.json, no values.bin): bad input naming the folder and what is missing, exit 2, never a
 * stack trace, and nothing written. Shards may come from elsewhere: a FIFO or a device in place
 * of a file is refused at once, and the numbers of meta.json are bounded before anything is
 * allocated.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';
import { fifo } from './hostile-files.js';

const HOSTILE = 60_000;

describe('merge of folders that are not shards', () => {
  let shard: string;
  let scenario: string;

  beforeAll(async () => {
    scenario = scenarioVariant('basic', (s: Yaml) => {
      s.projection.end_year = 2030;
      s.stochastic = { paths: 6, seed: 3, investment_return: { model: 'ar1', sd: 0.02 } };
    });
    const shards = tempDir();
    expect((await cli('stochastic', scenario, '--out', shards, '--shard', '0/1', '--no-charts')).code).toBe(0);
    shard = join(shards, 'shard-0-of-1');
  });

  /** A copy of the good shard, damaged by `damage`. */
  function damagedShard(damage: (dir: string) => void): string {
    const dir = join(tempDir(), 'shard-0-of-1');
    cpSync(shard, dir, { recursive: true });
    damage(dir);
    return dir;
  }

  /** A copy of the good shard whose meta.json is changed by `change`. */
  function metaChanged(change: (meta: Yaml) => void): string {
    return damagedShard((dir) => {
      const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Yaml;
      change(meta);
      writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
    });
  }

  /** A projection of `years` years in a meta.json (the deterministic lines with it, where recorded). */
  function setYears(meta: Yaml, years: number): void {
    meta.layout.years = years;
    for (const d of meta.deterministic ?? []) for (const key of ['fundEnd', 'reserveRatio', 'paygCostRate']) d[key] = new Array(years).fill(0);
  }

  async function refused(input: string, ...expected: RegExp[]): Promise<void> {
    return refusedWith([], input, ...expected);
  }

  async function refusedWith(flags: string[], input: string, ...expected: RegExp[]): Promise<void> {
    const out = join(tempDir(), 'merged');
    const result = await cli('merge', input, '--out', out, '--no-charts', ...flags);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(input);
    for (const e of expected) expect(result.stderr).toMatch(e);
    expect(existsSync(out)).toBe(false);
  }

  it('the good shard merges (the cases below differ from it in one thing)', async () => {
    const result = await cli('merge', shard, '--out', join(tempDir(), 'merged'), '--no-charts');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('a folder that does not exist, a file, an empty folder', async () => {
    await refused(join(tempDir(), 'nowhere'), /no such folder/);
    const file = join(tempDir(), 'values.txt');
    writeFileSync(file, 'x');
    await refused(file, /a file, not a folder/);
    await refused(tempDir(), /no meta\.json and no shard-<i>-of-<n> folders/);
  });

  it('a folder holding a shard-* folder without meta.json', async () => {
    const holder = tempDir();
    mkdirSync(join(holder, 'shard-0-of-1'));
    await refused(holder, /shard-0-of-1: not a shard of a stochastic run: it has no meta\.json/);
  });

  it('a meta.json that is not JSON, or not a shard\'s', async () => {
    await refused(damagedShard((dir) => writeFileSync(join(dir, 'meta.json'), '{"scenario": "x", "see')), /meta\.json: .*not valid JSON/);
    await refused(damagedShard((dir) => writeFileSync(join(dir, 'meta.json'), '{}')), /meta\.json: .*has no valid scenario/);
    await refused(damagedShard((dir) => writeFileSync(join(dir, 'meta.json'), '[1, 2]')), /meta\.json: .*has no valid/);
    await refused(damagedShard((dir) => rmSync(join(dir, 'meta.json'))), /no meta\.json/);
  });

  it('a shard without values.bin', async () => {
    await refused(damagedShard((dir) => rmSync(join(dir, 'values.bin'))), /values\.bin: .*cannot read values\.bin \(no such file\): the shard is incomplete/);
  });

  it('a FIFO as meta.json or values.bin is refused at once, not waited on', async () => {
    for (const [name, message] of [['meta.json', /meta\.json: not a shard of a stochastic run: meta\.json: cannot read the file: it is a FIFO \(named pipe\)/], ['values.bin', /values\.bin: not a shard of a stochastic run: values\.bin is a FIFO \(named pipe\), not a regular file/]] as const) {
      let pipe: { release(): void } | undefined;
      const dir = damagedShard((d) => {
        rmSync(join(d, name));
        pipe = fifo(join(d, name));
      });
      try {
        await refused(dir, message);
      } finally {
        pipe?.release();
      }
    }
  }, HOSTILE);

  it('values.bin as a link to /dev/zero is refused before a byte is read', async () => {
    const dir = damagedShard((d) => {
      rmSync(join(d, 'values.bin'));
      symlinkSync('/dev/zero', join(d, 'values.bin'));
    });
    await refused(dir, /values\.bin is a device, not a regular file/);
  }, HOSTILE);

  it('values.bin of another size than its meta.json implies is refused', async () => {
    await refused(damagedShard((d) => appendFileSync(join(d, 'values.bin'), Buffer.alloc(8))), /holds 4328 bytes, not the 4320 of paths 0-5/);
  });

  it('a meta.json that asks for more than the path-years limit is refused before anything is allocated', async () => {
    // 10 million paths of 500 years of 3 schemes: 15 billion path-years, 600 GB of values.
    const huge = metaChanged((m) => {
      setYears(m, 500);
      m.paths = 10_000_000;
      m.to = 10_000_000;
    });
    await refused(huge, /meta\.json: the shards hold 10,000,000 paths × 500 years × 3 schemes, 15,000,000,000 path-years in all, above the limit of 10,000,000 \(raise it with --max-path-years/);
    // More years than a projection has.
    await refused(metaChanged((m) => setYears(m, 10_000)), /meta\.json: .*has no valid layout\.years: the shard is damaged/);
  }, HOSTILE);

  it('--max-path-years bounds a merge (paths × years × schemes), and raises the bound', async () => {
    // The shard: 6 paths × 6 years × 3 schemes = 108 path-years.
    await refusedWith(['--max-path-years', '0.0001'], shard, /108 path-years in all, above the limit of 100 /);
    const result = await cli('merge', shard, '--out', join(tempDir(), 'merged'), '--no-charts', '--max-path-years', '0.000108');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('meta.json is read within the limit of a scenario file (--max-yaml-mb)', async () => {
    await refusedWith(['--max-yaml-mb', '0.001'], shard, /meta\.json: .*the file is larger than the limit of 0\.001 MB/);
  });

  it('a meta.json nested too deeply, or with numbers no run has, is bad input, not a crash', async () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    await refused(damagedShard((d) => writeFileSync(join(d, 'meta.json'), readFileSync(join(d, 'meta.json'), 'utf8').replace(/}$/, `,"extra":${deep}}`))), /meta\.json: .*nested too deeply/);
    await refused(metaChanged((m) => (m.layout.schemes[2].poolOwner = 7)), /meta\.json: .*has no valid layout\.schemes/);
    await refused(metaChanged((m) => (m.model = {})), /meta\.json: .*has no valid model\./);
    await refused(metaChanged((m) => (m.provenance = { tool: 'coverage-sim' })), /meta\.json: .*has no valid provenance\./);
  }, HOSTILE);
});

describe('--shard i/n', () => {
  it('takes whole numbers 0 <= i < n <= 100,000 only', async () => {
    const scenario = scenarioVariant('basic', (s: Yaml) => {
      s.projection.end_year = 2030;
      s.stochastic = { paths: 4, seed: 3, investment_return: { model: 'ar1', sd: 0.02 } };
    });
    for (const shard of ['99999999999999999999/999999999999999999999', '0/100001', '9007199254740993/9007199254740994', '2/2', '-1/2', '1.5/2', '0x1/2', '1/0']) {
      const out = join(tempDir(), 's');
      const result = await cli('stochastic', scenario, '--out', out, `--shard=${shard}`, '--no-charts');
      expect(result.code, shard).toBe(2);
      expect(result.stderr, shard).toContain(`"${shard}" is not a shard: expected i/n with 0 <= i < n <= 100,000`);
      expect(existsSync(out), shard).toBe(false);
    }
    const ok = await cli('stochastic', scenario, '--out', join(tempDir(), 's'), '--shard', '1/2', '--no-charts');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
  }, HOSTILE);
});

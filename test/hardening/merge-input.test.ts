/**
 * `merge` given folders that are not shards (missing, empty, a file, a damaged or foreign
 * meta.json, no values.bin): bad input naming the folder and what is missing, exit 2, never a
 * stack trace, and nothing written.
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, scenarioVariant, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';

describe('merge of folders that are not shards', () => {
  let shard: string;

  beforeAll(async () => {
    const scenario = scenarioVariant('basic', (s: Yaml) => {
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

  async function refused(input: string, ...expected: RegExp[]): Promise<void> {
    const out = join(tempDir(), 'merged');
    const result = await cli('merge', input, '--out', out, '--no-charts');
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
});

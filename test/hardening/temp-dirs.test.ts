/** The tests' temporary folders are removed after each test file: a run of the suite leaves none. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.js';
import { PROJECT, tempDir } from '../helpers/scenarios.js';
import { removeTempDirs, tempDirsMade } from '../helpers/temp.js';

describe('temporary folders of the tests', () => {
  it('every folder tempDir makes, with what was written in it, is removed by removeTempDirs', () => {
    const folders = [tempDir(), tempDir('coverage-sim-fuzz-')];
    mkdirSync(join(folders[0], 'report', 'charts'), { recursive: true });
    writeFileSync(join(folders[0], 'report', 'charts', 'fund.png'), 'x');
    expect(tempDirsMade()).toEqual(expect.arrayContaining(folders));
    removeTempDirs();
    for (const folder of folders) expect(existsSync(folder), folder).toBe(false);
    expect(tempDirsMade()).toEqual([]);
  });

  it('removeTempDirs runs after every test file (a vitest setup file registers it)', () => {
    const setupFiles = [config.test?.setupFiles ?? []].flat();
    expect(setupFiles).toContain('test/helpers/remove-temp-dirs.ts');
    expect(readFileSync(join(PROJECT, 'test/helpers/remove-temp-dirs.ts'), 'utf8')).toMatch(/afterAll\(removeTempDirs\)/);
  });
});

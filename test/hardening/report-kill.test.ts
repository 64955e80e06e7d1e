/**
 * A run killed between the two renames of a report's replacement (the old report moved aside,
 * the new one not yet in place) leaves the only copy of the previous report in `.<name>.old-…`.
 * The next run puts it back instead of deleting it. The kill is simulated: the file system
 * stops obeying right after the first rename (nothing the writer does after it happens), and
 * the writer has the id of a process that has ended.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MARKER, writeReportFolder } from '../../src/report/write.js';
import { tempDir } from '../helpers/scenarios.js';

const kill = vi.hoisted(() => ({ armed: false, dead: false }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const obeyed = <A extends unknown[], R>(f: (...args: A) => R) => (...args: A): R | undefined => {
    if (kill.dead) throw Object.assign(new Error('the process was killed'), { killed: true });
    return f(...args);
  };
  const mocked = {
    ...fs,
    renameSync: (from: string, to: string) => {
      obeyed(fs.renameSync)(from, to);
      if (kill.armed && /\.old-/.test(to)) {
        kill.dead = true;
        throw Object.assign(new Error('the process was killed'), { killed: true });
      }
    },
    rmSync: obeyed(fs.rmSync),
    rmdirSync: obeyed(fs.rmdirSync),
    unlinkSync: obeyed(fs.unlinkSync),
    writeFileSync: obeyed(fs.writeFileSync),
    mkdirSync: obeyed(fs.mkdirSync),
  };
  return { ...mocked, default: mocked };
});

/** The id of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

/** Runs `write` as a process with the id `pid` killed right after it moved the old report aside. */
function killedBetweenRenames(pid: number, write: () => void): void {
  const real = process.pid;
  Object.defineProperty(process, 'pid', { value: pid, configurable: true, enumerable: true });
  kill.armed = true;
  try {
    expect(write).toThrow('the process was killed');
  } finally {
    kill.armed = false;
    kill.dead = false;
    Object.defineProperty(process, 'pid', { value: real, configurable: true, enumerable: true });
  }
}

describe('a run killed between the renames of a replacement', () => {
  it('leaves the previous report aside, which the next run puts back', () => {
    const parent = tempDir();
    const target = join(parent, 'report');
    writeReportFolder(target, new Map([['summary.csv', 'previous\n'], ['charts/a.png', 'png']]));
    killedBetweenRenames(deadPid(), () => writeReportFolder(target, new Map([['summary.csv', 'new\n']])));
    // The state the kill left: no report, the previous one aside, the new one in its temporary folder.
    const left = readdirSync(parent).sort();
    expect(left).toHaveLength(2);
    expect(left[0]).toMatch(/^\.report\.old-\d+-[0-9a-z]+$/);
    expect(left[1]).toMatch(/^\.report\.tmp-\d+-[0-9a-z]+$/);

    // Any later write into that folder: the previous report is back, the temporary folder gone.
    writeReportFolder(join(parent, 'other'), new Map([['summary.csv', 'other\n']]));
    expect(readdirSync(parent).sort()).toEqual(['other', 'report']);
    expect(readFileSync(join(target, 'summary.csv'), 'utf8')).toBe('previous\n');
    expect(readdirSync(target).sort()).toEqual([MARKER, 'charts', 'summary.csv']);
    expect(readFileSync(join(target, 'charts', 'a.png'), 'utf8')).toBe('png');
  });
});

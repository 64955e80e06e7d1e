/**
 * Report folders left half-written by a killed run: the next write into the same folder removes
 * the side folders (`.<name>.tmp-<pid>-<time>`, `.<name>.old-<pid>-<time>`) whose writer is
 * gone, and nothing else.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReportFolder } from '../../src/report/write.js';
import { tempDir } from '../helpers/scenarios.js';

/** The id of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

function folderWithFile(path: string): string {
  mkdirSync(path);
  writeFileSync(join(path, 'summary.csv'), 'half written\n');
  return path;
}

const time = (ms: number) => ms.toString(36);

describe('orphaned temporary report folders', () => {
  it('are removed on the next write when their process is gone; a live process\'s, lookalikes and files stay', async () => {
    const parent = tempDir();
    const dead = deadPid();
    const now = Date.now();
    // A live process other than this one: a child that waits until it is killed.
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const orphans = [
        folderWithFile(join(parent, `.report.tmp-${dead}-${time(now - 60_000)}`)),
        folderWithFile(join(parent, `.other-run.old-${dead}-${time(now)}`)),
        // This process's id from before it started: an earlier process that had the same id.
        folderWithFile(join(parent, `.report.tmp-${process.pid}-${time(now - 1000 * 3600 * 24 * 365)}`)),
      ];
      const kept = [
        folderWithFile(join(parent, `.report.tmp-${live.pid}-${time(now - 1000 * 3600)}`)),
        folderWithFile(join(parent, `.report.old-${live.pid}-${time(now)}`)),
        // This process's own, started after it began: possibly being written.
        folderWithFile(join(parent, `.report.tmp-${process.pid}-${time(now)}`)),
        // Not exactly our names.
        folderWithFile(join(parent, `report.tmp-${dead}-${time(now)}`)),
        folderWithFile(join(parent, `.report.tmp-${dead}`)),
        folderWithFile(join(parent, `.report.tmp-${dead}-${time(now)}.bak`)),
        folderWithFile(join(parent, `.report.new-${dead}-${time(now)}`)),
        folderWithFile(join(parent, `..tmp-${dead}-${time(now)}`)),
      ];
      // A file named like an orphan folder is not a folder of ours.
      const file = join(parent, `.report.tmp-${dead}-${time(now)}`);
      writeFileSync(file, 'not a folder\n');
      kept.push(file);

      writeReportFolder(join(parent, 'report'), new Map([['summary.csv', 'a\n']]));

      for (const path of orphans) expect(existsSync(path), path).toBe(false);
      for (const path of kept) expect(existsSync(path), path).toBe(true);
      expect(readdirSync(parent).sort()).toEqual(['report', ...kept.map((p) => p.slice(parent.length + 1))].sort());
    } finally {
      live.kill();
    }
  });

  it('a symbolic link named like an orphan is left, and so is what it points to', () => {
    const parent = tempDir();
    const target = folderWithFile(join(tempDir(), 'elsewhere'));
    const link = join(parent, `.report.tmp-${deadPid()}-${time(Date.now())}`);
    symlinkSync(target, link);
    writeReportFolder(join(parent, 'report'), new Map([['summary.csv', 'a\n']]));
    expect(existsSync(join(target, 'summary.csv'))).toBe(true);
    expect(readdirSync(parent).sort()).toEqual([link.slice(parent.length + 1), 'report'].sort());
  });
});

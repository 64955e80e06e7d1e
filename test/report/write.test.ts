/**
 * Report folders left half-written by a killed run: the next write into the same folder cleans
 * up the side folders (`.<name>.tmp-<pid>-<time>`, `.<name>.old-<pid>-<time>`) that are provably
 * its own (they hold its writing marker) and whose writer is gone, and nothing else; a replaced
 * report left aside when its replacement never arrived is put back.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKER, writeReportFolder } from '../../src/report/write.js';
import { tempDir } from '../helpers/scenarios.js';

/** The writing marker of a side folder (write.ts), named here so that the test also runs against code without one. */
const WRITING_MARKER = '.coverage-sim-writing';

/** The id of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

function thisPidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

const HOUR = 3600 * 1000;

interface Side {
  kind?: 'tmp' | 'old';
  target?: string;
  pid: number;
  started?: number;
  host?: string;
  pidNamespace?: string | null;
  /** Files in the folder besides the markers (all listed by the marker unless `unlisted`). */
  files?: string[];
  unlisted?: string[];
  /** The marker's text, when it should not be a good one; null for none. */
  markerText?: string | null;
  /** Also a report marker (as in a report moved aside to be replaced). */
  report?: boolean;
}

/** A side folder as coverage-sim writes it (a writing marker naming it), or as a test spoils it. */
function side(parent: string, s: Side): string {
  const kind = s.kind ?? 'tmp';
  const target = s.target ?? 'report';
  const started = s.started ?? Date.now();
  const path = join(parent, `.${target}.${kind}-${s.pid}-${started.toString(36)}`);
  const files = s.files ?? ['summary.csv'];
  mkdirSync(path);
  for (const name of [...files, ...(s.unlisted ?? [])]) {
    mkdirSync(join(path, name, '..'), { recursive: true });
    writeFileSync(join(path, name), `${name}\n`);
  }
  const marker = {
    tool: 'coverage-sim',
    kind,
    target,
    token: randomBytes(16).toString('hex'),
    pid: s.pid,
    host: s.host ?? hostname(),
    pidNamespace: s.pidNamespace === undefined ? thisPidNamespace() : s.pidNamespace,
    started,
    files: kind === 'tmp' ? files : [],
  };
  if (s.markerText !== null) writeFileSync(join(path, WRITING_MARKER), s.markerText ?? JSON.stringify(marker));
  if (s.report) writeFileSync(join(path, MARKER), files.join('\n') + '\n');
  return path;
}

function folderWithFile(path: string): string {
  mkdirSync(path);
  writeFileSync(join(path, 'summary.csv'), 'half written\n');
  return path;
}

const time = (ms: number) => ms.toString(36);
const write = (target: string) => writeReportFolder(target, new Map([['summary.csv', 'a\n']]));
const names = (dir: string) => readdirSync(dir).sort();

describe('orphaned temporary report folders', () => {
  it('are removed on the next write when their process is gone; a live process\'s, lookalikes and files stay', async () => {
    const parent = tempDir();
    const dead = deadPid();
    const now = Date.now();
    // A live process other than this one: a child that waits until it is killed.
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    // A report in place, whose replaced copy a killed run left aside.
    write(join(parent, 'other-run'));
    try {
      const orphans = [
        side(parent, { pid: dead, started: now - 60_000 }),
        side(parent, { pid: dead, target: 'other-run', kind: 'old', report: true }),
        side(parent, { pid: dead, files: ['summary.csv', 'charts/a.png', 'charts/a.svg'] }),
        // This process's id from before it started: an earlier process that had the same id.
        side(parent, { pid: process.pid, started: now - 1000 * 3600 * 24 * 365 }),
      ];
      const kept = [
        side(parent, { pid: live.pid!, started: now - HOUR }),
        side(parent, { pid: live.pid!, kind: 'old', report: true }),
        // This process's own, started after it began: possibly being written.
        side(parent, { pid: process.pid }),
        // Not exactly our names.
        folderWithFile(join(parent, `report.tmp-${dead}-${time(now)}`)),
        folderWithFile(join(parent, `.report.tmp-${dead}`)),
        folderWithFile(join(parent, `.report.tmp-${dead}-${time(now)}.bak`)),
        folderWithFile(join(parent, `.report.new-${dead}-${time(now)}`)),
        folderWithFile(join(parent, `..tmp-${dead}-${time(now)}`)),
      ];
      // A file named like an orphan folder is not a folder of ours.
      const file = join(parent, `.report.tmp-${dead}-${time(now - 5)}`);
      writeFileSync(file, 'not a folder\n');
      kept.push(file);

      write(join(parent, 'report'));

      for (const path of orphans) expect(existsSync(path), path).toBe(false);
      for (const path of kept) expect(existsSync(path), path).toBe(true);
      expect(names(parent)).toEqual(['other-run', 'report', ...kept.map((p) => p.slice(parent.length + 1))].sort());
    } finally {
      live.kill();
    }
  });

  it('a symbolic link named like an orphan is left, and so is what it points to', () => {
    const parent = tempDir();
    const target = side(tempDir(), { pid: deadPid() });
    const link = join(parent, target.slice(target.lastIndexOf('/') + 1));
    symlinkSync(target, link);
    write(join(parent, 'report'));
    expect(existsSync(join(target, 'summary.csv'))).toBe(true);
    expect(names(parent)).toEqual([link.slice(parent.length + 1), 'report'].sort());
  });

  it('a folder that only has our name is not ours: `.photos.old-999999-backup` is left whole', () => {
    const parent = tempDir();
    const photos = join(parent, '.photos.old-999999-backup');
    mkdirSync(photos);
    writeFileSync(join(photos, 'holiday.jpg'), 'a photo');
    write(join(parent, 'rep'));
    expect(readFileSync(join(photos, 'holiday.jpg'), 'utf8')).toBe('a photo');
  });

  it('a marker that is not ours (none, not JSON, another shape, another folder\'s, a FIFO) makes the folder not ours', () => {
    const parent = tempDir();
    const dead = deadPid();
    const now = Date.now();
    /** A side folder whose own good marker is changed by `spoil`. */
    const spoiled = (started: number, spoil: (marker: Record<string, unknown>) => string) => {
      const path = side(parent, { pid: dead, started });
      const marker = JSON.parse(readFileSync(join(path, WRITING_MARKER), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(path, WRITING_MARKER), spoil(marker));
      return path;
    };
    const kept = [
      side(parent, { pid: dead, started: now - 1, markerText: null }),
      spoiled(now - 2, () => 'not json'),
      spoiled(now - 3, (m) => JSON.stringify({ ...m, extra: 1 })),
      spoiled(now - 4, (m) => JSON.stringify({ ...m, files: 'summary.csv' })),
      spoiled(now - 5, (m) => JSON.stringify({ ...m, tool: 'other' })),
      // The marker of another folder: its target, kind, pid or time differ from this folder's name.
      spoiled(now - 6, (m) => JSON.stringify({ ...m, target: 'another' })),
      spoiled(now - 7, (m) => JSON.stringify({ ...m, kind: 'old' })),
      spoiled(now - 8, (m) => JSON.stringify({ ...m, pid: dead + 1 })),
      spoiled(now - 9, (m) => JSON.stringify({ ...m, started: now })),
    ];
    // The marker is a FIFO: never read, so it cannot block the write.
    const fifo = side(parent, { pid: dead, started: now - 10, markerText: null });
    spawnSync('mkfifo', [join(fifo, WRITING_MARKER)]);
    kept.push(fifo);
    write(join(parent, 'report'));
    for (const path of kept) expect(readdirSync(path), path).toContain('summary.csv');
    // The same folder with its marker as written is an orphan: the cases above differ in one thing.
    const good = side(parent, { pid: dead, started: now - 11 });
    write(join(parent, 'report'));
    expect(existsSync(good)).toBe(false);
  }, 30_000);

  it('a folder of ours holding a file its markers do not list is left whole', () => {
    const parent = tempDir();
    const dead = deadPid();
    const tmp = side(parent, { pid: dead, unlisted: ['notes.txt'] });
    const old = side(parent, { pid: dead, kind: 'old', report: true, unlisted: ['charts/mine.png'] });
    write(join(parent, 'report'));
    expect(readdirSync(tmp).sort()).toEqual([WRITING_MARKER, 'notes.txt', 'summary.csv']);
    expect(existsSync(join(old, 'charts', 'mine.png'))).toBe(true);
  });

  it('a writer on another host, or in another PID namespace (a container sharing the folder), is not judged by its process id', () => {
    const parent = tempDir();
    const dead = deadPid();
    const now = Date.now();
    const kept = [
      side(parent, { pid: dead, started: now, host: 'another-host' }),
      side(parent, { pid: dead, started: now - 1, pidNamespace: 'pid:[1]' }),
      side(parent, { pid: dead, started: now - 2, host: 'another-host', kind: 'old', report: true }),
    ];
    // After a day, whoever wrote it, it is an orphan.
    const stale = side(parent, { pid: dead, started: now - 25 * HOUR, host: 'another-host' });
    write(join(parent, 'report'));
    for (const path of kept) expect(existsSync(path), path).toBe(true);
    expect(existsSync(stale)).toBe(false);
  });

  it('a replaced report moved aside whose replacement never arrived is put back, not removed', () => {
    const parent = tempDir();
    const dead = deadPid();
    // What a run killed between its two renames leaves: the previous report aside, the new one
    // complete in its temporary folder, and no report.
    const old = side(parent, { pid: dead, kind: 'old', report: true, files: ['summary.csv', 'charts/a.png'] });
    side(parent, { pid: dead, files: ['summary.csv'] });
    write(join(parent, 'other'));
    expect(names(parent)).toEqual(['other', 'report']);
    expect(names(join(parent, 'report'))).toEqual([MARKER, 'charts', 'summary.csv']);
    expect(readFileSync(join(parent, 'report', 'summary.csv'), 'utf8')).toBe('summary.csv\n');
    expect(existsSync(old)).toBe(false);
    // And it is a report of ours again, which the next run replaces.
    expect(write(join(parent, 'report')).replaced).toBe(true);
    expect(readFileSync(join(parent, 'report', 'summary.csv'), 'utf8')).toBe('a\n');
  });

  it('of several replaced reports of a missing report, the newest is put back; with the report in place they are removed', () => {
    const parent = tempDir();
    const dead = deadPid();
    const now = Date.now();
    side(parent, { pid: dead, kind: 'old', report: true, started: now - 2 * HOUR, files: ['older.csv'] });
    side(parent, { pid: dead, kind: 'old', report: true, started: now - HOUR, files: ['newer.csv'] });
    write(join(parent, 'other'));
    expect(names(parent)).toEqual(['other', 'report']);
    expect(names(join(parent, 'report'))).toEqual([MARKER, 'newer.csv']);
  });

  it('a write leaves no marker of its own in the report, and replaces a report a killed run had marked', () => {
    const parent = tempDir();
    const target = join(parent, 'report');
    write(target);
    expect(names(target)).toEqual([MARKER, 'summary.csv']);
    // Killed just after marking the report it was about to move aside.
    writeFileSync(join(target, WRITING_MARKER), '{}');
    expect(write(target).replaced).toBe(true);
    expect(names(target)).toEqual([MARKER, 'summary.csv']);
    expect(names(parent)).toEqual(['report']);
  });
});

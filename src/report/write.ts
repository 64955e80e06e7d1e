/**
 * Atomic report folders: every file is written into a temporary folder beside the target,
 * which is then renamed into place, so a failed run never leaves a half-written report. A run
 * replaces only a folder this tool wrote (it holds our marker listing its files), and cleans up
 * after the runs that were killed while writing (see removeOrphans); it never deletes anything
 * it cannot prove is its own.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { ScenarioError } from '../scenario/errors.js';
import { readInputFile, exists } from '../scenario/input-file.js';
import { errorCode } from '../scenario/source.js';
import { messages } from '../messages.js';

/** In a report folder: the list of the files coverage-sim wrote there, one a line. */
export const MARKER = '.coverage-sim-report';
/**
 * In a side folder (`.<name>.tmp-…`, `.<name>.old-…`): who made it, as JSON (WritingMarker).
 * It is the first file of a temporary folder, and is written into a report just before that
 * report is moved aside to be replaced; a folder without it is never cleaned up.
 */
export const WRITING_MARKER = '.coverage-sim-writing';

/** Side folders whose writer is not known to be gone are still removed after this long. */
export const ORPHAN_AGE_MS = 24 * 3600 * 1000;

const writingMarkerSchema = z
  .object({
    tool: z.literal('coverage-sim'),
    /** tmp: a report being written; old: the report it replaces, moved aside. */
    kind: z.enum(['tmp', 'old']),
    /** The name of the report folder (in the same parent) the side folder belongs to. */
    target: z.string().min(1),
    /** Random, per write: tells this write's folders from any other's. */
    token: z.string().regex(/^[0-9a-f]{32}$/),
    pid: z.number().int().positive(),
    host: z.string(),
    /** The writer's PID namespace (Linux): a process in another container has another one. */
    pidNamespace: z.string().nullable(),
    /** When the write began, in milliseconds since the epoch (also in the folder's name). */
    started: z.number().int().nonnegative(),
    /** The files the write puts in a temporary folder (the report's, besides the markers). */
    files: z.array(z.string()),
  })
  .strict();

export type WritingMarker = z.infer<typeof writingMarkerSchema>;

export interface WriteOutcome {
  replaced: boolean;
}

export function writeReportFolder(target: string, files: ReadonlyMap<string, string | Buffer>): WriteOutcome {
  try {
    return writeAtomically(target, files);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    const code = (e as { code?: string }).code;
    if (code && /^E[A-Z]+$/.test(code)) throw new ScenarioError({ file: target }, undefined, messages.cannotWriteReport(target, errorCode(e)));
    throw e;
  }
}

function writeAtomically(target: string, files: ReadonlyMap<string, string | Buffer>): WriteOutcome {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  removeOrphans(parent);
  const existing = exists(target);
  if (existing) assertOurs(target);
  const marker: WritingMarker = {
    tool: 'coverage-sim',
    kind: 'tmp',
    target: basename(target),
    token: randomBytes(16).toString('hex'),
    pid: process.pid,
    host: hostname(),
    pidNamespace: pidNamespace(),
    started: Date.now(),
    files: [...files.keys()].sort(),
  };
  const temporary = join(parent, sideName(marker, 'tmp'));
  mkdirSync(temporary);
  const old = join(parent, sideName(marker, 'old'));
  let movedAside = false;
  try {
    // First, so that a run killed at any later point leaves a folder that says whose it is.
    writeFileSync(join(temporary, WRITING_MARKER), JSON.stringify(marker) + '\n');
    for (const [name, content] of files) {
      mkdirSync(dirname(join(temporary, name)), { recursive: true });
      writeFileSync(join(temporary, name), content);
    }
    writeFileSync(join(temporary, MARKER), marker.files.join('\n') + '\n');
    if (existing) {
      // The report to replace says whose side folder it becomes before it is one: a run killed
      // between the two renames leaves it as `.<name>.old-…`, the only copy of the last good
      // report, which a later run renames back (removeOrphans).
      writeFileSync(join(target, WRITING_MARKER), JSON.stringify({ ...marker, kind: 'old', files: [] }) + '\n');
      renameSync(target, old);
      movedAside = true;
      renameSync(temporary, target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temporary, target);
    }
  } catch (e) {
    rmSync(temporary, { recursive: true, force: true });
    // The previous report goes back where it was, without the marker of this failed write.
    if (movedAside && !exists(target)) renameQuietly(old, target);
    if (existing) removeQuietly(join(target, WRITING_MARKER));
    throw e;
  }
  // The report no longer is a side folder: the marker has served.
  removeQuietly(join(target, WRITING_MARKER));
  return { replaced: existing };
}

/**
 * The folders written beside a target: `.<name>.tmp-<pid>-<time>` while it is written and
 * `.<name>.old-<pid>-<time>` for the report it replaces, the time (the write's start) in
 * milliseconds, base 36.
 */
function sideName(marker: WritingMarker, kind: 'tmp' | 'old'): string {
  return `.${marker.target}.${kind}-${marker.pid}-${marker.started.toString(36)}`;
}

const SIDE_NAME = /^\.(.+)\.(tmp|old)-([1-9][0-9]*)-([0-9a-z]+)$/;

interface SideFolder {
  path: string;
  target: string;
  kind: 'tmp' | 'old';
  marker: WritingMarker;
}

/**
 * A run killed while writing (SIGKILL, power loss) leaves its side folders behind, and nothing
 * else would ever remove them. Each write looks, in the folder it writes into, at the folders
 * with exactly our names, and touches one only when
 * - it is a folder (not a link) holding our writing marker, valid, naming that very folder
 *   (target, kind, pid and time as in its name);
 * - its writer is gone: a process of this host (hostname and PID namespace) that no longer
 *   exists, or this process's id from before it started; or it is older than ORPHAN_AGE_MS
 *   whoever wrote it. A folder of a live process, or of another host or container, stays;
 * - it holds nothing but the files its markers list.
 * Then a temporary folder is removed, file by listed file; a replaced report (`.old-`) is
 * removed too if its report is in place, and otherwise renamed back to it: it is the last good
 * copy. A failure here never fails the write.
 */
export function removeOrphans(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const found: SideFolder[] = [];
  for (const name of names) {
    const match = SIDE_NAME.exec(name);
    if (!match) continue;
    const path = join(parent, name);
    const marker = sideMarker(path);
    if (!marker) continue;
    const [, target, kind, pid, time] = match;
    if (marker.target !== target || marker.kind !== kind || marker.pid !== Number(pid) || marker.started.toString(36) !== time) continue;
    if (!writerIsGone(marker)) continue;
    found.push({ path, target, kind: kind as 'tmp' | 'old', marker });
  }
  // The newest replaced report first: if its report is missing, it is the one put back.
  found.sort((a, b) => b.marker.started - a.marker.started);
  for (const side of found) {
    try {
      const listed = listedFiles(side);
      if (!listed) continue;
      const target = join(parent, side.target);
      if (side.kind === 'old' && !exists(target) && listed.has(MARKER)) {
        renameSync(side.path, target);
        removeQuietly(join(target, WRITING_MARKER));
      } else {
        removeListed(side.path, listed);
      }
    } catch {
      // Removed meanwhile by its owner or another run, or not ours to remove: leave it.
    }
  }
}

/** The writing marker of a side folder, when it is a real folder holding a valid one. */
function sideMarker(path: string): WritingMarker | undefined {
  try {
    // lstat: a symbolic link named like ours is not our folder, whatever it points to.
    if (!lstatSync(path).isDirectory()) return undefined;
    const text = readOwnFile(join(path, WRITING_MARKER));
    if (text === undefined) return undefined;
    const parsed = writingMarkerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What may be removed from a side folder: the files its markers list, and the markers. Undefined
 * when it holds anything else (someone put it there: the folder is left whole).
 */
function listedFiles(side: SideFolder): Set<string> | undefined {
  const listed = new Set([WRITING_MARKER, ...side.marker.files]);
  const report = readOwnFile(join(side.path, MARKER));
  if (report !== undefined) {
    listed.add(MARKER);
    for (const name of report.split('\n')) if (name) listed.add(name);
  }
  for (const name of listFiles(side.path)) if (!listed.has(name)) return undefined;
  return listed;
}

/** Removes the listed files under `dir`, then its folders once empty: never a file not listed. */
function removeListed(dir: string, listed: ReadonlySet<string>, prefix = ''): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removeListed(path, listed, name);
    else if (listed.has(name)) unlinkSync(path);
  }
  // Fails, and so leaves the folder, if anything appeared in it meanwhile.
  rmdirSync(dir);
}

/** When this process started, in milliseconds since the epoch. */
const processStart = Date.now() - process.uptime() * 1000;

function writerIsGone(marker: WritingMarker): boolean {
  if (Date.now() - marker.started > ORPHAN_AGE_MS) return true;
  // A process id means something only on its own machine and in its own PID namespace: the
  // writer may be in another container sharing this folder.
  if (marker.host !== hostname() || marker.pidNamespace !== pidNamespace()) return false;
  if (marker.pid === process.pid) return marker.started < processStart;
  try {
    process.kill(marker.pid, 0);
    return false;
  } catch (e) {
    // ESRCH: no such process. EPERM means it exists (another user's); anything else, keep it.
    return (e as { code?: string }).code === 'ESRCH';
  }
}

let namespace: string | null | undefined;

/** This process's PID namespace (`pid:[4026531836]`), or null where there is none to read. */
function pidNamespace(): string | null {
  if (namespace === undefined) {
    try {
      namespace = readlinkSync('/proc/self/ns/pid');
    } catch {
      namespace = null;
    }
  }
  return namespace;
}

/** A folder is ours to replace when our marker lists every file in it. */
function assertOurs(target: string): void {
  const refuse = (why: string) =>
    new ScenarioError({ file: target }, undefined, `the output folder already exists and ${why}; it was left untouched (choose another --out, or move it)`);
  const text = readOwnFile(join(target, MARKER));
  if (text === undefined) throw refuse('was not written by coverage-sim');
  const listed = new Set(text.split('\n').filter(Boolean));
  listed.add(MARKER);
  // Left there by a run killed just before it moved this report aside.
  listed.add(WRITING_MARKER);
  for (const name of listFiles(target)) if (!listed.has(name)) throw refuse(`holds a file coverage-sim did not write (${name})`);
}

/**
 * The text of one of our marker files, or undefined when there is none that could be ours: a
 * link, a FIFO, a device or a large file is not (it is never read, so it can neither block nor
 * fill the memory).
 */
function readOwnFile(path: string): string | undefined {
  try {
    if (!lstatSync(path).isFile()) return undefined;
    return readInputFile(path, path, 'scenario', 1024 * 1024);
  } catch {
    return undefined;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function renameQuietly(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // Left for a later run to put back (removeOrphans).
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(join(dir, entry.name), name));
    else out.push(name);
  }
  return out;
}

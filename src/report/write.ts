/**
 * Atomic report folders: every file is written into a temporary folder beside the target,
 * which is then renamed into place, so a failed run never leaves a half-written report. A run
 * replaces only a folder this tool wrote (it holds our marker listing its files), and removes
 * the temporary folders a killed run left behind (see removeOrphans); it never deletes anything
 * else.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ScenarioError } from '../scenario/errors.js';
import { errorCode } from '../scenario/source.js';
import { messages } from '../messages.js';

export const MARKER = '.coverage-sim-report';

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
  const existing = existsSync(target);
  if (existing) assertOurs(target);
  const temporary = join(parent, sideName(target, 'tmp'));
  mkdirSync(temporary);
  try {
    for (const [name, content] of files) {
      mkdirSync(dirname(join(temporary, name)), { recursive: true });
      writeFileSync(join(temporary, name), content);
    }
    writeFileSync(join(temporary, MARKER), [...files.keys()].sort().join('\n') + '\n');
    if (existing) {
      const old = join(parent, sideName(target, 'old'));
      renameSync(target, old);
      renameSync(temporary, target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temporary, target);
    }
  } catch (e) {
    rmSync(temporary, { recursive: true, force: true });
    throw e;
  }
  return { replaced: existing };
}

/**
 * The folders written beside a target: `.<name>.tmp-<pid>-<time>` while it is written and
 * `.<name>.old-<pid>-<time>` for the report it replaces, the time in milliseconds, base 36.
 */
function sideName(target: string, kind: 'tmp' | 'old'): string {
  return `.${basename(target)}.${kind}-${process.pid}-${Date.now().toString(36)}`;
}

const SIDE_NAME = /^\..+\.(?:tmp|old)-([1-9][0-9]*)-([0-9a-z]+)$/;

/**
 * A run killed while writing (SIGKILL, power loss) leaves its side folders behind, and nothing
 * else would ever remove them. Each write removes, in the folder it writes into, those whose
 * writer is gone: its process no longer exists, or it is this process's id, reused, from
 * before this process started. A folder of a live process other than this one stays, whatever
 * its age: it may be a concurrent run writing (or a reused id; it goes once that process ends).
 * Only folders with exactly our names are touched, and a failure here never fails the write.
 */
export function removeOrphans(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const match = SIDE_NAME.exec(name);
    if (!match || !writerIsGone(Number(match[1]), parseInt(match[2], 36))) continue;
    const path = join(parent, name);
    try {
      // lstat: a symbolic link named like ours is not our folder, whatever it points to.
      if (lstatSync(path).isDirectory()) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by its owner or another run, or not ours to remove: leave it.
    }
  }
}

/** When this process started, in milliseconds since the epoch. */
const processStart = Date.now() - process.uptime() * 1000;

function writerIsGone(pid: number, time: number): boolean {
  if (!Number.isSafeInteger(pid)) return false;
  if (pid === process.pid) return time < processStart;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    // ESRCH: no such process. EPERM means it exists (another user's); anything else, keep it.
    return (e as { code?: string }).code === 'ESRCH';
  }
}

/** A folder is ours to replace when our marker lists every file in it. */
function assertOurs(target: string): void {
  const marker = join(target, MARKER);
  const refuse = (why: string) =>
    new ScenarioError({ file: target }, undefined, `the output folder already exists and ${why}; it was left untouched (choose another --out, or move it)`);
  if (!existsSync(marker)) throw refuse('was not written by coverage-sim');
  const listed = new Set(readFileSync(marker, 'utf8').split('\n').filter(Boolean));
  listed.add(MARKER);
  for (const name of listFiles(target)) if (!listed.has(name)) throw refuse(`holds a file coverage-sim did not write (${name})`);
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

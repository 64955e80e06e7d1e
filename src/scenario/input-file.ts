/**
 * The one reader of every file a scenario names: the scenario itself, each file it `extends`,
 * each data table. Scenario files are untrusted, so a file is read only when it is a regular
 * file within its size limit, both checked before its content is read: a FIFO would block for
 * ever, /dev/zero would fill the memory, a 27 MB YAML file would exhaust the heap in parsing.
 * Which folders a file may come from is the caller's rule (load.ts); this module reads.
 */
import { closeSync, fstatSync, lstatSync, openSync, readSync, readdirSync, realpathSync, constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ScenarioError } from './errors.js';
import { closest } from './suggest.js';
import { messages } from '../messages.js';

export type InputKind = 'scenario' | 'table';

/** The text of a file, or a ScenarioError at `place` (the file itself when not given). */
export function readInputFile(path: string, displayPath: string, kind: InputKind, maxBytes: number): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new ScenarioError({ file: displayPath }, undefined, messages.cannotRead(errorCode(e) + suggestionFor(path, e)));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new ScenarioError({ file: displayPath }, undefined, messages.notRegularFile(whatItIs(stats)));
    if (stats.size > maxBytes) throw tooLarge(displayPath, kind, maxBytes);
    return readBounded(fd, displayPath, kind, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, never past the limit: a file may grow, and /proc files report size 0. */
function readBounded(fd: number, displayPath: string, kind: InputKind, maxBytes: number): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      throw new ScenarioError({ file: displayPath }, undefined, messages.cannotRead(errorCode(e)));
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw tooLarge(displayPath, kind, maxBytes);
    chunks.push(chunk.subarray(0, n));
  }
  const bytes = Buffer.concat(chunks, total);
  // A NUL byte never stands in YAML or CSV text: the file is binary, and its content is not echoed.
  if (bytes.includes(0)) throw new ScenarioError({ file: displayPath }, undefined, messages.binaryFile(kind));
  return bytes.toString('utf8');
}

function tooLarge(displayPath: string, kind: InputKind, maxBytes: number): ScenarioError {
  return new ScenarioError({ file: displayPath }, undefined, messages.fileTooLarge(kind, maxBytes));
}

/** What a file that is not a regular file is, in words. */
export function whatItIs(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** "; did you mean "x.csv"?" for a missing file with a close name in its folder. */
function suggestionFor(path: string, e: unknown): string {
  if ((e as { code?: string }).code !== 'ENOENT') return '';
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return '';
  }
  const near = closest(basename(path), names);
  return near ? `; did you mean "${near}"?` : '';
}

export function errorCode(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e) {
    const code = String((e as { code: unknown }).code);
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EISDIR') return 'it is a folder';
    if (code === 'EACCES') return 'permission denied';
    if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder';
    if (code === 'EEXIST') return 'a file of that name is in the way';
    if (code === 'ELOOP') return 'too many symbolic links';
    return code;
  }
  return String(e);
}

/** Whether an entry of that name exists (a link that leads nowhere does). */
export function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a path really is, links resolved, also when it does not exist: the real path of its
 * nearest existing ancestor with the rest appended (`s/etc/shadov`, with `s/etc` a link to
 * /etc, is /etc/shadov). Undefined when that cannot be known (an entry on the way is a link
 * that leads nowhere, or cannot be read): such a path counts as outside every allowed folder,
 * so whether a file outside exists is never told.
 */
export function canonical(path: string): string | undefined {
  const rest: string[] = [];
  let head = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(head), ...rest);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return undefined;
      if (code === 'ENOENT' && exists(head)) return undefined;
      const parent = dirname(head);
      if (parent === head) return undefined;
      rest.unshift(basename(head));
      head = parent;
    }
  }
}

/** Whether `path` is `folder` or lies below it (both as given: resolve them first). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Whether a path, links resolved, lies in one of the folders, links resolved. */
export function isWithin(path: string, folders: readonly string[]): boolean {
  const real = canonical(path);
  return real !== undefined && folders.some((folder) => {
    const f = canonical(folder);
    return f !== undefined && isInside(real, f);
  });
}

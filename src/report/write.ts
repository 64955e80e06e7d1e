/**
 * Atomic report folders: every file is written into a temporary folder beside the target,
 * which is then renamed into place, so a failed run never leaves a half-written report. A run
 * replaces only a folder this tool wrote (it holds our marker listing its files); it never
 * deletes anything else.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  const existing = existsSync(target);
  if (existing) assertOurs(target);
  const temporary = join(parent, `.${basename(target)}.tmp-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(temporary);
  try {
    for (const [name, content] of files) {
      mkdirSync(dirname(join(temporary, name)), { recursive: true });
      writeFileSync(join(temporary, name), content);
    }
    writeFileSync(join(temporary, MARKER), [...files.keys()].sort().join('\n') + '\n');
    if (existing) {
      const old = join(parent, `.${basename(target)}.old-${process.pid}-${Date.now().toString(36)}`);
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

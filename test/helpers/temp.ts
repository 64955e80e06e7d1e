/**
 * Temporary folders for tests. Each one is removed after its test file, by the afterAll that
 * test/helpers/remove-temp-dirs.ts (a vitest setup file) registers: a run of the suite leaves
 * nothing in the OS temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();

export function tempDir(prefix = 'coverage-sim-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes every folder tempDir made in this test file (and what the tests wrote into them). */
export function removeTempDirs(): void {
  for (const dir of made) {
    rmSync(dir, { recursive: true, force: true });
    made.delete(dir);
  }
}

/** The folders made and not yet removed (for the test of this module). */
export function tempDirsMade(): string[] {
  return [...made];
}

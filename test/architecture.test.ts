/**
 * The one-way flow of architecture.md, held by a test: the engine imports nothing from the
 * stages around it, and the stages do not import from later ones.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT } from './helpers/scenarios.js';

const SRC = join(PROJECT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.[^']+)'/g)].map((m) => relative(SRC, join(file, '..', m[1])));
}

const forbidden: Record<string, string[]> = {
  engine: ['scenario/', 'report/', 'cli/', 'pipeline'],
  assumptions: ['report/', 'cli/', 'pipeline'],
  scenario: ['assumptions/', 'engine/', 'report/', 'cli/', 'pipeline'],
  report: ['cli/'],
};

describe('architecture', () => {
  for (const [stage, banned] of Object.entries(forbidden)) {
    it(`src/${stage}/ imports nothing from ${banned.join(', ')}`, () => {
      for (const file of sources(join(SRC, stage))) {
        for (const target of importsOf(file)) {
          for (const b of banned) expect(target.startsWith(b), `${relative(SRC, file)} imports ${target}`).toBe(false);
        }
      }
    });
  }

  it('the engine does no I/O', () => {
    for (const file of sources(join(SRC, 'engine'))) {
      expect(readFileSync(file, 'utf8'), relative(SRC, file)).not.toMatch(/from 'node:(fs|path|child_process|net|http)'/);
    }
  });
});

/**
 * Every key of the scenario schema is described in the schema (`.describe`, shown by
 * `coverage-sim schema` and editors) and documented in docs/scenario-format.md, so that a new key
 * without either fails here. The walk follows _zod.def as src/scenario/issues.ts does.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scenarioSchema, series, seriesBranches } from '../../src/scenario/schema.js';

import { defOf, schemaLayers as layers } from '../../src/scenario/issues.js';

/** Shared building blocks whose description is generic, not a key's own. */
const SHARED: unknown[] = [series, ...Object.values(seriesBranches)];
const SERIES_ROOT = '(series)';

interface Key {
  path: string;
  leaf: string;
  /** The doc section: the top-level key, or SERIES_ROOT for the forms of a series. */
  section: string;
  description: string | undefined;
}

/** The key's own description: the first layer that has one, unless it is a shared block's. */
function descriptionOf(schema: unknown): string | undefined {
  for (const layer of layers(schema)) {
    if (SHARED.includes(layer)) return undefined;
    const d = z.globalRegistry.get(layer as z.ZodType)?.description;
    if (d) return d;
  }
  return undefined;
}

function collect(schema: unknown, path: string, section: string, out: Key[]): void {
  const ls = layers(schema);
  const inner = ls[ls.length - 1];
  if (SHARED.includes(inner)) return; // a series: its forms are walked once, under SERIES_ROOT
  const def = defOf(inner);
  if (!def) return;
  if (def.type === 'object') {
    for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) {
      const keyPath = path ? `${path}.${key}` : key;
      out.push({ path: keyPath, leaf: key, section: section || key, description: descriptionOf(value) });
      collect(value, keyPath, section || key, out);
    }
  } else if (def.type === 'array') collect(def.element, `${path}[]`, section, out);
  else if (def.type === 'record') collect(def.valueType, `${path}.*`, section, out);
  else if (def.type === 'union') for (const option of def.options as unknown[]) collect(option, path, section, out);
}

function allKeys(): Key[] {
  const out: Key[] = [];
  collect(scenarioSchema, '', '', out);
  for (const option of defOf(series)!.options as unknown[]) {
    const def = defOf(layers(option).at(-1));
    if (def?.type !== 'object') continue;
    for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) {
      out.push({ path: `${SERIES_ROOT}.${key}`, leaf: key, section: SERIES_ROOT, description: descriptionOf(value) });
    }
  }
  return out;
}

const doc = readFileSync(fileURLToPath(new URL('../../docs/scenario-format.md', import.meta.url)), 'utf8');

/** The lines of the section of docs/scenario-format.md that documents a top-level key. */
function sectionLines(section: string): string[] {
  const lines = doc.split('\n');
  const heading = section === SERIES_ROOT ? /^##+ Values that vary by year/ : new RegExp(`^###? \`${section}\``);
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) return [];
  const level = /^#+/.exec(lines[start])![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/**
 * A top-level key is documented by its heading; any other key when its name is a word of a
 * backticked span in a table row of its top-level key's section.
 */
function documented(key: Key): boolean {
  if (key.path === key.section) return sectionLines(key.section).length > 0; // a top-level key: its own heading
  const word = new RegExp(`(^|[^A-Za-z0-9_])${key.leaf}([^A-Za-z0-9_]|$)`);
  return sectionLines(key.section)
    .filter((l) => l.trimStart().startsWith('|'))
    .some((row) => [...row.matchAll(/`([^`]+)`/g)].some((m) => word.test(m[1])));
}

describe('every scenario key is described and documented', () => {
  const keys = allKeys();

  it('finds the keys, nested ones included', () => {
    const paths = keys.map((k) => k.path);
    expect(paths).toContain('schemes[].benefits.invalidity_pension.wage_relativity');
    expect(paths).toContain('schemes[].cover.*.coverage');
    expect(paths).toContain('groups[].label.en');
    expect(paths).toContain(`${SERIES_ROOT}.ramp`);
    expect(keys.length).toBeGreaterThan(150);
  });

  it('has a description of its own in the schema for every key', () => {
    expect(keys.filter((k) => !k.description).map((k) => k.path)).toEqual([]);
  });

  it('lists every key in a table row of its section of docs/scenario-format.md', () => {
    expect(keys.filter((k) => !documented(k)).map((k) => `${k.section}: ${k.path}`)).toEqual([]);
  });

  it('documents wage_relativity in docs/methodology.md', () => {
    const methodology = readFileSync(fileURLToPath(new URL('../../docs/methodology.md', import.meta.url)), 'utf8');
    expect(methodology).toContain('wage_relativity');
  });
});

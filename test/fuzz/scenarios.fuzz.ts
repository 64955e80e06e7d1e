/**
 * Property-based fuzzing of scenario files (fast-check): valid scenarios, mutated — keys dropped,
 * renamed or retyped, values out of range, huge, NaN strings, unicode, deep nesting, empty or
 * duplicate groups, cyclic `extends` — go through `validate` and the projection. Each case ends
 * in a projection whose every output is finite, or in a ScenarioError naming its place; never
 * an uncaught exception or an internal error.
 *
 * `npm test` runs a bounded, seeded number of cases; `npm run fuzz` many more (FUZZ_RUNS).
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { expect } from 'vitest';
import { FIXTURES, tempDir } from '../helpers/scenarios.js';
import type { Yaml } from '../helpers/scenarios.js';
import { projectScenario, reportFiles } from '../../src/pipeline.js';
import { isScenarioError } from '../../src/scenario/errors.js';
import { ProjectionError } from '../../src/engine/check.js';
import { readFileSync } from 'node:fs';

type Path = Array<string | number>;

/** Every key path of a YAML value (mappings and lists), for choosing where to mutate. */
function pathsOf(node: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(node)) return node.flatMap((child, i) => [[...prefix, i], ...pathsOf(child, [...prefix, i])]);
  if (node !== null && typeof node === 'object') return Object.entries(node).flatMap(([k, child]) => [[...prefix, k], ...pathsOf(child, [...prefix, k])]);
  return [];
}

function parentOf(root: Yaml, path: Path): Yaml | undefined {
  let node: unknown = root;
  for (const part of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Yaml)[part];
  }
  return node !== null && typeof node === 'object' ? (node as Yaml) : undefined;
}

const weirdValue = fc.oneof(
  fc.constantFrom(1e308, -1e308, -1, 0, 1.5, 1e9, 'NaN', 'Infinity', '-0', '', 'ünïcödé 数据 🚑', null, true, [], {}, '1 +', 'year / 0', 'exp(1000)'),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.constant(null).map(() => {
    let deep: unknown = 1;
    for (let k = 0; k < 60; k++) deep = { nested: deep };
    return deep;
  }),
);

type Mutation = (s: Yaml, pick: number, value: unknown, text: string) => void;

const mutations: Record<string, Mutation> = {
  drop: (s, pick) => {
    const paths = pathsOf(s);
    if (paths.length === 0) return;
    const path = paths[pick % paths.length];
    const parent = parentOf(s, path);
    if (!parent) return;
    if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
    else delete parent[path[path.length - 1]];
  },
  rename: (s, pick, _v, text) => {
    const paths = pathsOf(s).filter((p) => typeof p[p.length - 1] === 'string');
    if (paths.length === 0) return;
    const path = paths[pick % paths.length];
    const parent = parentOf(s, path);
    if (!parent || Array.isArray(parent)) return;
    const key = path[path.length - 1] as string;
    parent[key + (text || 'x')] = parent[key];
    delete parent[key];
  },
  retype: (s, pick, value) => {
    const paths = pathsOf(s);
    if (paths.length === 0) return;
    const path = paths[pick % paths.length];
    const parent = parentOf(s, path);
    if (parent) parent[path[path.length - 1]] = value;
  },
  emptyGroups: (s) => {
    s.groups = [];
  },
  duplicateIds: (s) => {
    if (Array.isArray(s.groups) && s.groups.length > 0) s.groups.push(structuredClone(s.groups[0]));
  },
  scale: (s, pick, value) => {
    // A number somewhere multiplied by a large or odd factor.
    const paths = pathsOf(s).filter((p) => typeof parentOf(s, p)?.[p[p.length - 1]] === 'number');
    if (paths.length === 0) return;
    const path = paths[pick % paths.length];
    const parent = parentOf(s, path);
    if (parent) parent[path[path.length - 1]] *= typeof value === 'number' ? value : 1e6;
  },
};

const bases = ['cells', 'basic'] as const;
const folders = Object.fromEntries(
  bases.map((name) => {
    const dir = tempDir('coverage-sim-fuzz-');
    cpSync(join(FIXTURES, name), dir, { recursive: true });
    return [name, dir];
  }),
) as Record<(typeof bases)[number], string>;
let counter = 0;

/** One case: write the mutated scenario beside its tables, project it, judge the outcome. */
function judge(file: string): void {
  try {
    const result = projectScenario(file);
    for (const [name, content] of reportFiles(result)) expect(content, name).not.toMatch(/NaN|Infinity/);
  } catch (e) {
    if (isScenarioError(e)) {
      expect(e.file.length).toBeGreaterThan(0);
      expect(e.message.length).toBeGreaterThan(0);
      return;
    }
    if (e instanceof ProjectionError) return; // reported as bad input (exit 2) by the CLI
    throw e;
  }
}

export function fuzzScenarios(runs: number, seed: number): void {
  fc.assert(
    fc.property(
      fc.constantFrom(...bases),
      fc.array(fc.tuple(fc.constantFrom(...Object.keys(mutations)), fc.nat(), weirdValue, fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 3 }),
      (base, steps) => {
        const dir = folders[base];
        const scenario = parse(readFileSync(join(dir, 'scenario.yaml'), 'utf8')) as Yaml;
        for (const [name, pick, value, text] of steps) mutations[name](scenario, pick, value, text);
        const file = join(dir, `fuzz-${counter++}.yaml`);
        writeFileSync(file, stringify(scenario));
        judge(file);
      },
    ),
    { numRuns: runs, seed },
  );
}

/** `extends` in a cycle of two files. */
export function cyclicExtends(): void {
  const dir = folders.cells;
  writeFileSync(join(dir, 'cycle-a.yaml'), 'scenario:\n  id: a\n  title: a\n  extends: cycle-b.yaml\n');
  writeFileSync(join(dir, 'cycle-b.yaml'), 'scenario:\n  id: b\n  title: b\n  extends: cycle-a.yaml\n');
  judge(join(dir, 'cycle-a.yaml'));
}

/**
 * One scenario file as parsed YAML, with positions kept so that errors can name line and column.
 */
import { Document, LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { ScenarioError, formatKeyPath } from './errors.js';
import type { KeyPath, SourcePlace } from './errors.js';
import { errorCode, readInputFile } from './input-file.js';
import { messages } from '../messages.js';

export interface SourceFile {
  /** Absolute path. */
  readonly path: string;
  /** Path as the user should read it (relative to the working directory when shorter). */
  readonly displayPath: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly data: Record<string, unknown>;
}

/** The top-level keys of a scenario: a file with none of them is not a scenario at all. */
const SCENARIO_KEYS = ['scenario', 'projection', 'economy', 'demography', 'groups', 'schemes', 'mortality_multipliers', 'stochastic', 'measures', 'provenance'];

export function readSourceFile(path: string, displayPath: string, maxBytes: number): SourceFile {
  const text = readInputFile(path, displayPath, 'scenario', maxBytes);
  const lineCounter = new LineCounter();
  // Duplicate keys are found by our own pass: the YAML library's uniqueKeys compares every
  // pair of keys, and 40,000 keys in one mapping took seconds to refuse.
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    if (e instanceof RangeError) throw new ScenarioError({ file: displayPath, line: 1, column: 1 }, undefined, messages.nestedTooDeeply());
    throw e;
  }
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    // The library quotes the offending text ("Unexpected scalar token: \"aws_secret = …\""): a file
    // that is no scenario must not be read back, so quoted text is left out; line and column say where.
    const detail = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/:?\s*"[^]*$/, '').replace(/:?\s*'[^]*$/, '');
    throw new ScenarioError({ file: displayPath, line: pos.line, column: pos.col }, undefined, messages.yamlSyntax(detail));
  }
  const duplicate = firstDuplicateKey(doc.contents);
  if (duplicate?.range) {
    const pos = lineCounter.linePos(duplicate.range[0]);
    throw new ScenarioError({ file: displayPath, line: pos.line, column: pos.col }, undefined, messages.yamlSyntax(messages.duplicateKey()));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    if (e instanceof ReferenceError) throw new ScenarioError({ file: displayPath, line: 1, column: 1 }, undefined, messages.aliases());
    if (e instanceof RangeError) throw new ScenarioError({ file: displayPath, line: 1, column: 1 }, undefined, messages.nestedTooDeeply());
    throw e;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScenarioError({ file: displayPath, line: 1, column: 1 }, undefined, messages.notAMapping());
  }
  // One error for a file that is no scenario (a password file, a compose file), never one per
  // line: its content is not the user's to read back.
  if (!Object.keys(data).some((key) => SCENARIO_KEYS.includes(key))) {
    throw new ScenarioError({ file: displayPath, line: 1, column: 1 }, undefined, messages.notAScenario(SCENARIO_KEYS));
  }
  const source = { path, displayPath, text, doc, lineCounter, data: data as Record<string, unknown> };
  const reserved = findKey(source.data, '__proto__');
  if (reserved) throw new ScenarioError(placeIn(source, reserved, 'key') ?? { file: displayPath }, formatKeyPath(reserved), messages.reservedKey('__proto__'));
  return source;
}

/** The first key that repeats one before it in the same mapping, in one pass over the document. */
function firstDuplicateKey(root: unknown): Node | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key;
        // Keys are compared as the scenario object will hold them: 1 and "1" are one key.
        const name = isScalar(key) ? String(key.value) : String(key);
        if (seen.has(name)) return key as Node;
        seen.add(name);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return undefined;
}

/**
 * Where `path` is in this file: the value's position, or the key's (`at: 'key'`).
 * Undefined when the file does not set that path.
 */
export function placeIn(file: SourceFile, path: KeyPath, at: 'key' | 'value' = 'value'): SourcePlace | undefined {
  let node: unknown = file.doc.contents;
  let keyNode: Node | undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
      if (!pair) return undefined;
      keyNode = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
      keyNode = undefined;
      if (node === undefined) return undefined;
    } else {
      return undefined;
    }
  }
  const target = (at === 'key' && keyNode) || (node as Node | null) || keyNode;
  const offset = target?.range?.[0];
  if (offset === undefined) return { file: file.displayPath };
  const pos = file.lineCounter.linePos(offset);
  return { file: file.displayPath, line: pos.line, column: pos.col };
}

/** The path of the first mapping key named `name`, anywhere in the data. */
function findKey(node: unknown, name: string, path: Array<string | number> = []): KeyPath | undefined {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const found = findKey(node[i], name, [...path, i]);
      if (found) return found;
    }
  } else if (node !== null && typeof node === 'object') {
    for (const key of Object.keys(node)) {
      if (key === name) return [...path, key];
      const found = findKey((node as Record<string, unknown>)[key], name, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

export { errorCode };

/**
 * One scenario file as parsed YAML, with positions kept so that errors can name line and column.
 */
import { readFileSync } from 'node:fs';
import { Document, LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { ScenarioError, formatKeyPath } from './errors.js';
import type { KeyPath, SourcePlace } from './errors.js';
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

export function readSourceFile(path: string, displayPath: string): SourceFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError({ file: displayPath }, undefined, messages.cannotRead(errorCode(e)));
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    const detail = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ScenarioError({ file: displayPath, line: pos.line, column: pos.col }, undefined, messages.yamlSyntax(detail));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    if (e instanceof ReferenceError) throw new ScenarioError({ file: displayPath, line: 1, column: 1 }, undefined, messages.aliases());
    throw e;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScenarioError({ file: displayPath, line: 1, column: 1 }, undefined, messages.notAMapping());
  }
  const source = { path, displayPath, text, doc, lineCounter, data: data as Record<string, unknown> };
  const reserved = findKey(source.data, '__proto__');
  if (reserved) throw new ScenarioError(placeIn(source, reserved, 'key') ?? { file: displayPath }, formatKeyPath(reserved), messages.reservedKey('__proto__'));
  return source;
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

function errorCode(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e) {
    const code = String((e as { code: unknown }).code);
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EISDIR') return 'it is a folder';
    if (code === 'EACCES') return 'permission denied';
    if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder';
    if (code === 'EEXIST') return 'a file of that name is in the way';
    return code;
  }
  return String(e);
}

export { errorCode };

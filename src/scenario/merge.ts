/**
 * `extends`: a scenario overrides its parent key by key, deep-merged. In a list of items with
 * an `id`, an item with the same id replaces the parent's item and new ids are appended; any
 * other list replaces the parent's list whole.
 */
type Json = unknown;

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function hasIds(list: unknown[]): boolean {
  return list.length > 0 && list.every((item) => isPlainObject(item) && typeof item.id === 'string');
}

export function mergeScenario(parent: Json, child: Json): Json {
  if (isPlainObject(parent) && isPlainObject(child)) {
    const out: Record<string, unknown> = { ...parent };
    for (const [key, value] of Object.entries(child)) {
      // defineProperty, not assignment: a key is data, never a prototype.
      const merged = Object.hasOwn(parent, key) ? mergeScenario(parent[key], value) : value;
      Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (Array.isArray(parent) && Array.isArray(child) && hasIds(parent) && hasIds(child)) {
    const out = parent.slice();
    for (const item of child as Array<Record<string, unknown>>) {
      const at = out.findIndex((p) => (p as Record<string, unknown>).id === item.id);
      if (at >= 0) out[at] = item;
      else out.push(item);
    }
    return out;
  }
  return child;
}

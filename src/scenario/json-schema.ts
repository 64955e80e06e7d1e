/**
 * The JSON Schema that `coverage-sim schema` prints, for editors: the schema of the plain
 * scenario with the provenance marks allowed where the loader takes them (marks.ts): a value may
 * be written `{value, source, assumption, range, default}`, and a mapping may carry `source` and
 * `assumption` among its keys.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

type JsonSchema = Record<string, unknown>;

const MARK_TEXT = { type: 'string', minLength: 1 };
const MAPPING_MARKS = {
  source: { ...MARK_TEXT, description: 'The id of an entry of sources: where the values under this mapping come from.' },
  assumption: { ...MARK_TEXT, maxLength: 500, description: 'Why the values under this mapping were chosen.' },
};

/** `{value: <the value>, source, assumption, range, default}`. */
function wrapper(value: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: {
      value,
      source: { ...MARK_TEXT, description: 'The id of an entry of sources.' },
      assumption: { ...MARK_TEXT, maxLength: 500, description: 'Why the value was chosen, where nothing published gives it.' },
      range: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description: 'Its plausible range [low, high] (numbers only).' },
      default: { const: true, description: "coverage-sim's default (scenario.resolved.yaml writes it so)." },
    },
    required: ['value'],
    // A wrapper says where its value comes from.
    anyOf: [{ required: ['source'] }, { required: ['assumption'] }, { required: ['default'] }],
    additionalProperties: false,
    description: 'A value with where it comes from (docs/scenario-format.md, "Where a value comes from").',
  };
}

/** A mapping whose keys follow a pattern (a year table, rates by currency) also takes the mark keys. */
function withMarkKeys(s: JsonSchema): JsonSchema {
  const names = s.propertyNames as JsonSchema | undefined;
  return {
    ...s,
    properties: { ...((s.properties as object | undefined) ?? {}), ...MAPPING_MARKS },
    ...(names ? { propertyNames: { anyOf: [names, { enum: Object.keys(MAPPING_MARKS) }] } } : {}),
  };
}

/** A mapping of named keys (not a series or a year table). */
const isMapping = (s: JsonSchema) => s.type === 'object' && typeof s.properties === 'object' && !('interpolate' in (s.properties as object)) && !('ramp' in (s.properties as object));
/** A record by name (cover by group, amounts by group, ...): a mapping; a year table is a series. */
const isRecord = (s: JsonSchema) =>
  s.type === 'object' && typeof s.additionalProperties === 'object' && !s.properties && (s.propertyNames as JsonSchema | undefined)?.pattern !== '^-?\\d{1,4}$';

function markable(s: JsonSchema): JsonSchema {
  if (isMapping(s)) {
    const properties = Object.fromEntries(Object.entries(s.properties as Record<string, JsonSchema>).map(([k, v]) => [k, k === 'id' ? v : markable(v)]));
    return { ...s, properties: { ...properties, ...MAPPING_MARKS } };
  }
  if (isRecord(s)) return withMarkKeys({ ...s, additionalProperties: markable(s.additionalProperties as JsonSchema) });
  if (s.type === 'array' && typeof s.items === 'object' && isMapping(s.items as JsonSchema)) return { ...s, items: markable(s.items as JsonSchema) };
  if (Array.isArray(s.anyOf)) {
    const branches = s.anyOf as JsonSchema[];
    const mappings = branches.filter((b) => isMapping(b) || isRecord(b));
    // A series written as a mapping may carry its marks among its keys, as any mapping does.
    const leaves = branches.filter((b) => !mappings.includes(b)).map((b) => (b.type === 'object' ? withMarkKeys(b) : b));
    const { anyOf: _branches, ...rest } = s;
    return { ...rest, anyOf: [...mappings.map(markable), ...leaves, ...(leaves.length > 0 ? [wrapper({ anyOf: leaves })] : [])] };
  }
  return { anyOf: [s, wrapper(s)] };
}

export function scenarioJsonSchema(): unknown {
  const plain = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const properties = plain.properties as Record<string, JsonSchema>;
  // The scenario block, the sources and the provenance describe the file: they carry no marks.
  const marked = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, ['scenario', 'sources', 'provenance'].includes(k) ? v : markable(v)]));
  return { ...plain, properties: marked };
}

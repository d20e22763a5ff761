import type { JsonSchema } from '../../../shared/documentSchema';

/**
 * A value to insert where the schema requires one, taken from the schema itself: its first
 * default snippet (snippet syntax stripped), else its first example, else its first enum value,
 * else the emptiest value of its type (required properties and minimum items filled in).
 */
export function placeholderValue(schema: JsonSchema | undefined): unknown {
  if (!schema) return '';
  const snippet = schema.defaultSnippets?.[0];
  if (snippet) return stripSnippet(snippet.body);
  if (schema.examples && schema.examples.length > 0) return schema.examples[0];
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) value[key] = placeholderValue(schema.properties?.[key]);
      return value;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => placeholderValue(schema.items));
    default:
      return '';
  }
}

/** `${1:Section title}` → `Section title`, `${1|a,b|}` → `a`, `$1` → nothing, in every string of a value. */
export function stripSnippet(value: unknown): unknown {
  if (typeof value === 'string') {
    return value
      .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
  }
  if (Array.isArray(value)) return value.map(stripSnippet);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripSnippet(v)]));
  }
  return value;
}

import { formatCount } from '../../../shared/textLength';
import { enumDescription, type JsonSchema } from '../../../shared/documentSchema';

/** "at most 500 characters", "1–50 sections": the limits of a schema node, in words. */
export function limitsOf(schema: JsonSchema, itemNoun = 'items'): string[] {
  const limits: string[] = [];
  if (schema.maxLength !== undefined) limits.push(`at most ${formatCount(schema.maxLength)} characters`);
  if (schema.minItems !== undefined && schema.maxItems !== undefined) {
    limits.push(`${formatCount(schema.minItems)}–${formatCount(schema.maxItems)} ${itemNoun}`);
  } else if (schema.maxItems !== undefined) {
    limits.push(`at most ${formatCount(schema.maxItems)} ${itemNoun}`);
  } else if (schema.minItems !== undefined) {
    limits.push(`at least ${formatCount(schema.minItems)} ${itemNoun}`);
  }
  if (schema['x-clinikapi-format'] === 'date-time') limits.push('an RFC 3339 date-time or a date');
  return limits;
}

/** Markdown documentation of a property, from the schema alone (completion and hover share it). */
export function propertyDocumentation(name: string, schema: JsonSchema, required: boolean): string {
  const lines: string[] = [];
  const kind = schema.type === 'array' ? `list of ${schema.items?.type ?? 'values'}s` : (schema.type ?? 'value');
  const facts = [kind, required ? 'required' : 'optional', ...limitsOf(schema, itemNoun(name))];
  lines.push(`**${name}** — ${facts.join(', ')}`, '');
  if (schema.description) lines.push(schema.description, '');
  if (schema.enum) {
    lines.push('Allowed values:', '');
    for (const value of schema.enum) {
      const meaning = enumDescription(schema, value);
      lines.push(`- \`${value}\`${meaning ? ` — ${meaning.replace(/^[^:]+:\s*/, '')}` : ''}`);
    }
    lines.push('');
  }
  const suggestions = schema['x-clinikapi-suggestions'];
  if (suggestions) {
    lines.push('Known values (free text is allowed too):', '');
    for (const [value, meaning] of Object.entries(suggestions)) lines.push(`- \`${value}\` — ${meaning}`);
    lines.push('');
  }
  return lines.join('\n').trim();
}

/** What one item of a list is called, in the clinician's words. */
export function itemNoun(name: string | number | undefined): string {
  switch (name) {
    case 'sections': return 'sections';
    case 'attester': return 'attesters';
    case 'event': return 'events';
    case 'category': return 'categories';
    default: return 'items';
  }
}

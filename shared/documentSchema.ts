import schemaJson from '../schemas/document-create.schema.json';

/** The subset of JSON Schema (plus VS Code's and our own annotations) that the schema uses. */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string';
  title?: string;
  description?: string;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: string[];
  enumDescriptions?: string[];
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  examples?: unknown[];
  defaultSnippets?: { label: string; description?: string; body: unknown }[];
  'x-clinikapi-format'?: 'date-time';
  'x-clinikapi-suggestions'?: Record<string, string>;
  /**
   * The string is the id of another ClinikAPI resource of this kind (REFERENCES.md), which the
   * client may read to say who or what it is. The one list of which fields are references.
   */
  'x-clinikapi-reference'?: ReferenceKind;
}

/** The kinds of resource a document's ids point at (the values of `x-clinikapi-reference`). */
export const REFERENCE_KINDS = ['patient', 'practitioner', 'encounter', 'organization', 'document'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** The one schema of the request body (schemas/document-create.schema.json). */
export const documentSchema = schemaJson as unknown as JsonSchema;

export type JsonPath = (string | number)[];

/** The schema that governs the value at `path`, or undefined where the schema says nothing. */
export function schemaAt(path: JsonPath, root: JsonSchema = documentSchema): JsonSchema | undefined {
  let current: JsonSchema | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    if (typeof segment === 'number') current = current.items;
    else current = current.properties?.[segment];
  }
  return current;
}

/** How messages name a field: the dotted path ClinikAPI uses in its 422 answers (`sections.0.title`). */
export function fieldName(path: JsonPath): string {
  return path.length === 0 ? 'The document' : path.join('.');
}

/** The description of an enum value, from `enumDescriptions`. */
export function enumDescription(schema: JsonSchema, value: string): string | undefined {
  const index = schema.enum?.indexOf(value) ?? -1;
  return index >= 0 ? schema.enumDescriptions?.[index] : undefined;
}

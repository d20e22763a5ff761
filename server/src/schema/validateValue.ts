import type { ErrorObject } from 'ajv';
import validateDocument from './generated/validateDocument';

/**
 * Validates a document value with the validator compiled from the schema at build time
 * (no schema compilation at start-up). Returns every violation.
 */
export function validateValue(value: unknown): ErrorObject[] {
  if (validateDocument(value)) return [];
  return validateDocument.errors ? [...validateDocument.errors] : [];
}

/** "/sections/0/title" → ["sections", 0, "title"]; numbers where the value is an array index. */
export function pointerToPath(pointer: string, value: unknown): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
    if (Array.isArray(current)) {
      const index = Number(key);
      path.push(index);
      current = current[index];
    } else {
      path.push(key);
      current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}

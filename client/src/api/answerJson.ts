import { serverText } from './serverText';

/** A JSON object of ClinikAPI's answer. */
export type JsonObject = Record<string, unknown>;

/** The answer's body as a JSON object, or undefined when it is not one. */
export function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** The string at `path` in the answer, made safe to log or show (serverText). */
export function stringAt(obj: JsonObject | undefined, ...path: string[]): string | undefined {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as JsonObject)[p];
  }
  return typeof cur === 'string' ? serverText(cur) : undefined;
}

/** A header of the answer, made safe to log or show (serverText). */
export function headerText(value: string | undefined): string | undefined {
  return value === undefined ? undefined : serverText(value);
}

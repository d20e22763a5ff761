import { parse, type ParseError } from 'jsonc-parser';

/** A whole-document snippet (`isFileTemplate`) from snippets/clinikdoc.code-snippets. */
export interface FileTemplate {
  name: string;
  /** Its first prefix: the document type it writes (`operative-report`), or `other-document`. */
  id: string;
  description: string;
  /** Snippet syntax (placeholders, choices, variables), ready for `SnippetString`. */
  body: string;
}

interface SnippetEntry {
  prefix?: string | string[];
  body?: string | string[];
  description?: string;
  isFileTemplate?: boolean;
}

/**
 * The templates `ClinikAPI: New Document` offers: the snippets marked `isFileTemplate`, so the
 * snippet file stays the one place a template is written.
 */
export function fileTemplates(snippetsText: string): FileTemplate[] {
  const errors: ParseError[] = [];
  // A snippets file is JSON with comments (the templates' sources are cited in one).
  const all = parse(snippetsText, errors, { allowTrailingComma: true, disallowComments: false }) as Record<string, SnippetEntry> | undefined;
  if (errors.length > 0 || !all || typeof all !== 'object') return [];
  return Object.entries(all)
    .filter(([, s]) => s && s.isFileTemplate === true && s.body !== undefined)
    .map(([name, s]) => ({
      name,
      id: (Array.isArray(s.prefix) ? s.prefix[0] : s.prefix) ?? name,
      description: s.description ?? '',
      body: Array.isArray(s.body) ? s.body.join('\n') : String(s.body),
    }));
}

/** The template `wanted` names (its id, the document type, or its name), if there is one. */
export function findTemplate(templates: FileTemplate[], wanted: unknown): FileTemplate | undefined {
  if (typeof wanted !== 'string') return undefined;
  return templates.find((t) => t.id === wanted || t.name === wanted);
}

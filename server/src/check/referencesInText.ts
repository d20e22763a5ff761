import { TextDocument } from 'vscode-languageserver-textdocument';
import { computeReferences } from '../features/references';
import { parseDocument } from '../parse/parsedDocument';
import { LANGUAGE_ID, type DocumentReference } from '../../../shared/protocol';

/**
 * The ids of other ClinikAPI resources in one text, as the editor's `clinikdoc/references`
 * answers them, for a text read once (the CLI's `--resolve`): no cache, no open document.
 */
export function referencesInText(uri: string, text: string): DocumentReference[] {
  return computeReferences(TextDocument.create(uri, LANGUAGE_ID, 1, text), parseDocument(uri, 1, text));
}

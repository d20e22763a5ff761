import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ParsedDocumentCache } from './parse/documentCache';
import { computeDiagnostics } from './features/diagnostics';

/**
 * The facade over the features: each takes the text document (and a position where needed),
 * reads the one cached parse of its version, and returns LSP types. No feature talks to the
 * connection.
 */
export class LanguageService {
  constructor(readonly cache: ParsedDocumentCache = new ParsedDocumentCache()) {}

  diagnostics(document: TextDocument): Diagnostic[] {
    return computeDiagnostics(document, this.cache.get(document));
  }

  close(uri: string): void {
    this.cache.delete(uri);
  }
}

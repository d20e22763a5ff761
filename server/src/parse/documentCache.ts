import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument, type ParsedDocument } from './parsedDocument';

/** Parses each document once per version; an instance per server (tests make their own). */
export class ParsedDocumentCache {
  private readonly entries = new Map<string, ParsedDocument>();

  get(document: TextDocument): ParsedDocument {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const parsed = parseDocument(document.uri, document.version, document.getText());
    this.entries.set(document.uri, parsed);
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}

import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, type TextEdit } from './applyEdits';
import { parseDocument, type ParsedDocument } from './parsedDocument';

/** The edits that took a document from version `from` to version `to`. */
interface EditLog {
  from: number;
  to: number;
  edits: TextEdit[];
}

/** More edits than this between two parses: parsing afresh is as cheap as replaying them. */
const MAX_LOGGED_EDITS = 256;

/**
 * Parses each document once per version; an instance per server (tests make their own).
 * Given the editor's changes (through `textDocuments`), a version that only retyped the inside of
 * string values is derived from the previous parse instead of parsing the whole text again.
 */
export class ParsedDocumentCache {
  private readonly entries = new Map<string, ParsedDocument>();
  private readonly logs = new Map<string, EditLog>();

  /**
   * @param released told how many characters of text, or of a parse of them, are no longer
   * referenced: each replaced text, each parse made afresh over an older one, each closed
   * document (for common/idleCollection.ts).
   */
  constructor(private readonly released: (chars: number) => void = () => undefined) {}

  /** For `new TextDocuments(...)`: applies each change as usual and notes where it was. */
  readonly textDocuments: TextDocumentsConfiguration<TextDocument> = {
    create: (uri, languageId, version, content) => {
      this.logs.delete(uri);
      return TextDocument.create(uri, languageId, version, content);
    },
    update: (document, changes, version) => this.update(document, changes, version),
  };

  get(document: TextDocument): ParsedDocument {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const log = this.logs.get(document.uri);
    this.logs.delete(document.uri);
    let parsed: ParsedDocument | undefined;
    if (cached && log && log.from === cached.version && log.to === document.version) {
      // The previous parse is patched in place (or spoilt): it is replaced below either way.
      this.entries.delete(document.uri);
      parsed = applyEdits(cached, log.edits, document.version, document.getText());
    }
    if (!parsed) {
      parsed = parseDocument(document.uri, document.version, document.getText());
      if (cached) this.released(cached.text.length);
    }
    this.entries.set(document.uri, parsed);
    return parsed;
  }

  delete(uri: string): void {
    const cached = this.entries.get(uri);
    // The parse, and the text the editor's document held.
    if (cached) this.released(2 * cached.text.length);
    this.entries.delete(uri);
    this.logs.delete(uri);
  }

  /**
   * Forgets the parse of every document of at least `minChars` characters (its tree, its value and
   * its edit log; the editor's text stays): the next request parses it afresh. For a quiet editor
   * (common/idleCollection.ts): a 1.3 MB document's tree is ~11 MB, kept only so that the next
   * keystroke costs a patch instead of a parse.
   */
  forgetLargeParses(minChars: number): void {
    for (const [uri, parsed] of this.entries) {
      if (parsed.text.length < minChars) continue;
      this.entries.delete(uri);
      this.logs.delete(uri);
    }
  }

  clear(): void {
    this.entries.clear();
    this.logs.clear();
  }

  private update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    const uri = document.uri;
    let log = this.logs.get(uri);
    if (!log || log.to !== document.version) log = { from: document.version, to: document.version, edits: [] };
    let logging = true;
    for (const change of changes) {
      if (logging && 'range' in change && log.edits.length < MAX_LOGGED_EDITS) {
        // Offsets as TextDocument.update computes them (a reversed range is taken the right way round).
        const a = document.offsetAt(change.range.start);
        const b = document.offsetAt(change.range.end);
        const start = Math.min(a, b);
        const end = Math.max(a, b);
        log.edits.push({ start, end, text: change.text, removed: end - start <= 256 ? document.getText().slice(start, end) : undefined });
      } else {
        logging = false;
      }
      const before = document.getText().length;
      TextDocument.update(document, [change], version);
      this.released(before);
    }
    if (logging) {
      log.to = version;
      this.logs.set(uri, log);
    } else {
      this.logs.delete(uri);
    }
    return document;
  }
}

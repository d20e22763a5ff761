import type { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ParsedDocumentCache } from './parse/documentCache';
import type { CodeAction, CodeActionContext, DocumentSymbol, FoldingRange, FormattingOptions, InlayHint, Range, SelectionRange, SelectionRangeParams, TextEdit } from 'vscode-languageserver';
import { computeCodeActions } from './features/codeActions';
import { computeFoldingRanges } from './features/folding';
import { computeFormatting } from './features/formatting';
import { computeInlayHints } from './features/inlayHints';
import { computeSelectionRanges } from './features/selectionRanges';
import { computeDocumentSymbols } from './features/symbols';
import { computeCompletion } from './features/completion';
import { computeDiagnostics } from './features/diagnostics';
import { limitDiagnostics } from './features/diagnosticLimit';
import { computeHover } from './features/hover';
import { computeReferences } from './features/references';
import { computeSubmissionCheck } from './features/submissionCheck';
import type { DocumentReference, SubmissionCheckResult } from '../../shared/protocol';

/**
 * The facade over the features: each takes the text document (and a position where needed),
 * reads the one cached parse of its version, and returns LSP types. No feature talks to the
 * connection.
 */
export class LanguageService {
  constructor(readonly cache: ParsedDocumentCache = new ParsedDocumentCache()) {}

  /**
   * Every diagnostic of the document; with a `limit`, what the editor is shown: at most that many,
   * one of them standing for the others of a kind that does not fit (features/diagnosticLimit.ts).
   */
  diagnostics(document: TextDocument, limit?: number): Diagnostic[] {
    const parsed = this.cache.get(document);
    const all = computeDiagnostics(document, parsed);
    return limit === undefined ? all : limitDiagnostics(document, parsed, all, limit);
  }

  /** Whether this version may be submitted: `clinikdoc/submissionCheck` (protocol.ts). */
  submissionCheck(document: TextDocument): Promise<SubmissionCheckResult> {
    // Through this.diagnostics: the check is exactly what the editor shows.
    const diagnostics = this.diagnostics(document);
    return computeSubmissionCheck(this.cache.get(document), diagnostics);
  }

  /** Where the ids of other resources are: `clinikdoc/references` (protocol.ts). */
  references(document: TextDocument): DocumentReference[] {
    return computeReferences(document, this.cache.get(document));
  }

  completion(document: TextDocument, position: Position): CompletionList {
    return computeCompletion(document, this.cache.get(document), position);
  }

  hover(document: TextDocument, position: Position): Hover | null {
    return computeHover(document, this.cache.get(document), position);
  }

  codeActions(document: TextDocument, context: CodeActionContext): CodeAction[] {
    return computeCodeActions(document, this.cache.get(document), context);
  }

  documentSymbols(document: TextDocument): DocumentSymbol[] {
    return computeDocumentSymbols(document, this.cache.get(document));
  }

  foldingRanges(document: TextDocument): FoldingRange[] {
    return computeFoldingRanges(document, this.cache.get(document));
  }

  selectionRanges(document: TextDocument, positions: SelectionRangeParams['positions']): SelectionRange[] {
    return computeSelectionRanges(document, this.cache.get(document), positions);
  }

  /** The whole document, or only `range`. */
  format(document: TextDocument, options: FormattingOptions, range?: Range): TextEdit[] {
    return computeFormatting(document, options, range);
  }

  inlayHints(document: TextDocument, range: Range): InlayHint[] {
    return computeInlayHints(document, this.cache.get(document), range);
  }

  close(uri: string): void {
    this.cache.delete(uri);
  }
}

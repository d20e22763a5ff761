import {
  DiagnosticSeverity,
  ErrorCodes,
  ResponseError,
  DocumentDiagnosticReportKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runSafe, runSafeAsync } from './common/runSafe';
import { DiagnosticCode, NOT_CHECKED_MESSAGE } from '../../shared/diagnosticCodes';
import { DEFAULT_DIAGNOSTICS_LIMIT, diagnosticsLimitOf } from './features/diagnosticLimit';
import { LanguageService } from './languageService';
import { DIAGNOSTIC_SOURCE, isClinikDocDocument as isClinikDoc, ReferencesRequest, SubmissionCheckRequest, type DocumentReference, type SubmissionCheckResult } from '../../shared/protocol';

const PUSH_DELAY_MS = 150;

/** What a failed check reports instead of an empty (clean-looking) list: one error, which blocks Submit. */
const NOT_CHECKED: Diagnostic[] = [
  {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    code: DiagnosticCode.NotChecked,
    source: DIAGNOSTIC_SOURCE,
    message: NOT_CHECKED_MESSAGE,
  },
];
const CHECK_FAILED: SubmissionCheckResult = { checked: false, reason: 'failed' };
const REFERENCES_FAILED = new ResponseError<undefined>(ErrorCodes.InternalError, 'ClinikDoc could not list the references of this document');

/** Maps the connection's requests to the language service's features, and nothing else. */
export function startServer(connection: Connection, service = new LanguageService()): void {
  const documents = new TextDocuments(service.cache.textDocuments);
  const log = (message: string) => connection.console.error(message);
  let pushDiagnostics = true;
  let diagnosticsLimit: number | undefined = DEFAULT_DIAGNOSTICS_LIMIT;
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  connection.onInitialize((params): InitializeResult => {
    // Clients that pull diagnostics (LSP 3.17) get them on request; the others get them pushed.
    pushDiagnostics = !params.capabilities.textDocument?.diagnostic;
    diagnosticsLimit = diagnosticsLimitOf(params.initializationOptions);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        documentSymbolProvider: { label: 'ClinikDoc' },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        inlayHintProvider: true,
        completionProvider: { triggerCharacters: ['"', ':'] },
        hoverProvider: true,
      },
      serverInfo: { name: 'clinikdoc-language-server', version: '0.1.0' },
    };
  });

  const served = (uri: string): TextDocument | undefined => {
    const document = documents.get(uri);
    return document && isClinikDoc(document) ? document : undefined;
  };

  const schedulePush = (document: TextDocument) => {
    if (!pushDiagnostics || !isClinikDoc(document)) return;
    clearTimeout(pending.get(document.uri));
    pending.set(
      document.uri,
      setTimeout(() => {
        pending.delete(document.uri);
        const current = served(document.uri);
        if (!current) return;
        const diagnostics = runSafe(log, 'diagnostics', undefined, NOT_CHECKED, () => service.diagnostics(current, diagnosticsLimit));
        if (Array.isArray(diagnostics)) void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
      }, PUSH_DELAY_MS),
    );
  };

  documents.onDidOpen((e) => schedulePush(e.document));
  documents.onDidChangeContent((e) => schedulePush(e.document));
  documents.onDidClose((e) => {
    clearTimeout(pending.get(e.document.uri));
    pending.delete(e.document.uri);
    service.close(e.document.uri);
    if (pushDiagnostics && isClinikDoc(e.document)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on((params, token): DocumentDiagnosticReport => {
    const document = served(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const items = runSafe(log, 'diagnostics', token, NOT_CHECKED, () => service.diagnostics(document, diagnosticsLimit));
    if (!Array.isArray(items)) throw items; // cancelled: answered as an error, never as an empty report
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  connection.onRequest(SubmissionCheckRequest.type, async (params, token) => {
    const document = served(params.textDocument.uri);
    if (!document) return { checked: false, reason: 'notOpen' } satisfies SubmissionCheckResult;
    if (document.version !== params.version) return { checked: false, reason: 'versionMismatch' } satisfies SubmissionCheckResult;
    const result = await runSafeAsync(log, 'submission check', token, CHECK_FAILED, () => service.submissionCheck(document));
    if (!('checked' in result)) throw result;
    return result;
  });

  connection.onRequest(ReferencesRequest.type, (params, token) => {
    const document = served(params.textDocument.uri);
    if (!document) return null;
    // A failure is an error answer, never an empty list (which would read as "no ids to check").
    const references = runSafe<DocumentReference[] | ResponseError<undefined>>(log, 'references', token, REFERENCES_FAILED, () => service.references(document));
    if (!Array.isArray(references)) throw references;
    return { version: document.version, references };
  });

  connection.onCompletion((params, token) => {
    const document = served(params.textDocument.uri);
    return document ? runSafe(log, 'completion', token, null, () => service.completion(document, params.position)) : null;
  });

  connection.onHover((params, token) => {
    const document = served(params.textDocument.uri);
    return document ? runSafe(log, 'hover', token, null, () => service.hover(document, params.position)) : null;
  });

  connection.onCodeAction((params, token) => {
    const document = served(params.textDocument.uri);
    return document ? runSafe(log, 'code actions', token, [], () => service.codeActions(document, params.context)) : [];
  });

  connection.onDocumentSymbol((params, token) => {
    const document = served(params.textDocument.uri);
    return document ? runSafe(log, 'document symbols', token, [], () => service.documentSymbols(document)) : [];
  });

  connection.onFoldingRanges((params, token) => {
    const document = served(params.textDocument.uri);
    return document ? runSafe(log, 'folding ranges', token, [], () => service.foldingRanges(document)) : [];
  });

  connection.onSelectionRanges((params, token) => {
    const document = served(params.textDocument.uri);
    return document ? runSafe(log, 'selection ranges', token, [], () => service.selectionRanges(document, params.positions)) : [];
  });

  connection.onDocumentFormatting((params, token) => {
    const document = served(params.textDocument.uri);
    return document ? runSafe(log, 'formatting', token, [], () => service.format(document, params.options)) : [];
  });

  connection.onDocumentRangeFormatting((params, token) => {
    const document = served(params.textDocument.uri);
    return document ? runSafe(log, 'range formatting', token, [], () => service.format(document, params.options, params.range)) : [];
  });

  connection.languages.inlayHint.on((params, token) => {
    const document = served(params.textDocument.uri);
    return document ? runSafe(log, 'inlay hints', token, [], () => service.inlayHints(document, params.range)) : [];
  });

  connection.onShutdown(() => {
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
    service.cache.clear();
  });

  documents.listen(connection);
  connection.listen();
}

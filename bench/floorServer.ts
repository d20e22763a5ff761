/**
 * The floor of `npm run bench`: the least any JSON language server must do, on the same
 * vscode-languageserver and Node as ours. It keeps each document's text (TextDocuments, with the
 * editor's incremental changes), runs `JSON.parse` on every change, answers a diagnostics pull
 * with an empty report (or pushes an empty list to a client that does not pull), and answers
 * completion with `[]`. Nothing else: no tree, no schema, no cache. bench/run.ts bundles it with
 * esbuild (as our server is bundled, without our code cache or lazily loaded built-ins) and runs
 * it beside ours and the peer, so every figure can be read against what cannot be avoided.
 */
import { createConnection, DocumentDiagnosticReportKind, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let pull = false;

connection.onInitialize((params) => {
  pull = params.capabilities.textDocument?.diagnostic !== undefined;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
      completionProvider: { triggerCharacters: ['"', ':'] },
    },
    serverInfo: { name: 'floor-json-server', version: '0.0.0' },
  };
});

documents.onDidChangeContent((event) => {
  try {
    JSON.parse(event.document.getText());
  } catch {
    // A syntax error: a real server would report it; the floor reports nothing either way.
  }
  if (!pull) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.languages.diagnostics.on(() => ({ kind: DocumentDiagnosticReportKind.Full, items: [] }));
connection.onCompletion(() => []);

documents.listen(connection);
connection.listen();

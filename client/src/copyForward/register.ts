import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, FILE_SUFFIX } from '../../../shared/protocol';
import { isClinikDoc } from '../editor/clinikDocDocument';
import { COPY_FORWARD_CODE } from '../patientText/copyForwardProblems';
import { CopyForwardFeed } from './copyForwardFeed';

/** Quiet time after an edit before the document is indexed and checked again. */
const EDIT_DEBOUNCE_MS = 400;
/** Quiet time after the index changed before the open documents are checked again. */
const REFRESH_DEBOUNCE_MS = 200;
/** At most this many files of a workspace are indexed. */
const MAX_FILES = 100_000;

interface CopyForwardSettings {
  enabled: boolean;
  commonPhrases: string[];
}

function readSettings(): CopyForwardSettings {
  const config = vscode.workspace.getConfiguration('clinikapi.copyForward');
  const phrases = config.get<unknown>('commonPhrases');
  return {
    enabled: config.get<boolean>('enabled') !== false,
    commonPhrases: Array.isArray(phrases) ? phrases.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [],
  };
}

/** A file of the workspace that is indexed: a ClinikDoc file in one of its folders (not a side editor, a diff, an untitled). */
function indexable(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith(FILE_SUFFIX) && vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

/**
 * Copy-forward across the workspace: one index per window of the paragraphs of every ClinikDoc file,
 * fed once per file (copyForwardFeed.ts), and an Information diagnostic on each paragraph of an open
 * document that a document of another patient also holds, naming that file. Needs no key and no
 * network; keeps hashes and offsets only, in memory.
 */
export function registerCopyForward(): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('clinikdoc-copy-forward');
  const editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let settings = readSettings();
  let feed: CopyForwardFeed | undefined;
  let watcher: vscode.Disposable | undefined;

  const refreshSoon = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, REFRESH_DEBOUNCE_MS);
  };
  const refresh = () => {
    refreshTimer = undefined;
    if (!feed) return;
    for (const document of vscode.workspace.textDocuments) {
      if (!isClinikDoc(document) || document.uri.scheme === 'clinikdoc-text') continue;
      const problems = feed.problems(document.uri.toString(), document.getText(), (other) => vscode.workspace.asRelativePath(vscode.Uri.parse(other)));
      diagnostics.set(
        document.uri,
        problems.map((p) => {
          const d = new vscode.Diagnostic(new vscode.Range(document.positionAt(p.start), document.positionAt(p.end)), p.message, vscode.DiagnosticSeverity.Information);
          d.source = DIAGNOSTIC_SOURCE;
          d.code = COPY_FORWARD_CODE;
          d.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.parse(p.otherFile), new vscode.Position(0, 0)), 'the other patient\'s document')];
          return d;
        }),
      );
    }
  };
  const fromEditor = (document: vscode.TextDocument) => {
    if (feed && isClinikDoc(document) && indexable(document.uri)) feed.fromEditor(document.uri.toString(), document.getText(), document.isDirty);
    else refreshSoon(); // not indexed (an untitled document), but checked
  };

  const start = () => {
    const current = new CopyForwardFeed({
      read: async (uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri))),
      onIndexChanged: refreshSoon,
    });
    current.index.setCheckedPhrases(settings.commonPhrases);
    feed = current;
    for (const document of vscode.workspace.textDocuments) fromEditor(document);
    const files = vscode.workspace.createFileSystemWatcher(`**/*${FILE_SUFFIX}`);
    watcher = vscode.Disposable.from(
      files,
      files.onDidCreate((uri) => void current.diskChanged(uri.toString())),
      files.onDidChange((uri) => void current.diskChanged(uri.toString())),
      files.onDidDelete((uri) => current.deleted(uri.toString())),
    );
    void vscode.workspace.findFiles(`**/*${FILE_SUFFIX}`, '**/node_modules/**', MAX_FILES).then(
      (uris) => (feed === current ? current.start(uris.filter(indexable).map((u) => u.toString())) : undefined),
      () => undefined, // no file search in this workspace: open documents are still compared
    );
  };
  const stop = () => {
    watcher?.dispose();
    watcher = undefined;
    feed = undefined;
    for (const t of editTimers.values()) clearTimeout(t);
    editTimers.clear();
    diagnostics.clear();
  };

  if (settings.enabled) start();
  return vscode.Disposable.from(
    diagnostics,
    { dispose: () => (stop(), clearTimeout(refreshTimer)) },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('clinikapi.copyForward')) return;
      const before = settings;
      settings = readSettings();
      if (settings.enabled && !before.enabled) start();
      else if (!settings.enabled && before.enabled) stop();
      feed?.index.setCheckedPhrases(settings.commonPhrases);
      refreshSoon();
    }),
    vscode.workspace.onDidOpenTextDocument(fromEditor),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!feed || e.contentChanges.length === 0 || !isClinikDoc(e.document)) return;
      const uri = e.document.uri.toString();
      clearTimeout(editTimers.get(uri));
      editTimers.set(
        uri,
        setTimeout(() => {
          editTimers.delete(uri);
          fromEditor(e.document);
        }, EDIT_DEBOUNCE_MS),
      );
    }),
    vscode.workspace.onDidSaveTextDocument(fromEditor),
    vscode.workspace.onDidCloseTextDocument((document) => {
      const uri = document.uri.toString();
      clearTimeout(editTimers.get(uri));
      editTimers.delete(uri);
      diagnostics.delete(document.uri);
      if (feed && indexable(document.uri)) void feed.closed(uri);
    }),
  );
}

import * as vscode from 'vscode';
import type { JsonPath } from '../../../shared/documentSchema';
import { DIAGNOSTIC_SOURCE } from '../../../shared/protocol';
import { CLINIKDOC_SELECTOR, isClinikDoc } from '../editor/clinikDocDocument';
import { loneSurrogateAt } from './jsonString';
import { CONFLICT_MESSAGE, SECTION_TEXT_SCHEME, SectionTextFileSystem } from './sectionTextFileSystem';
import { findSectionTexts, hasMixedLineBreaks, sectionTextAt, type SectionTextSite } from './sectionTexts';
import { overLimit, textCount } from './textCount';

export const EDIT_SECTION_TEXT_COMMAND = 'clinikapi.editSectionText';
const WRITE_BACK_ON_TYPE = 'sectionText.writeBackOnType';
const WRITE_BACK_DELAY_MS = 400;

/** The argument of `clinikapi.editSectionText` (code lenses and tests pass it; the palette does not). */
export interface EditSectionTextArgs {
  /** The JSON document (a uri or its string); default: the active editor's. */
  uri?: vscode.Uri | string;
  /** The text's path, e.g. `['sections', 1, 'text']`; default: the section at the cursor. */
  path?: JsonPath;
}

/**
 * Edit a section's text as plain text beside the JSON: the `clinikdoc-text:` file system, the
 * `ClinikAPI: Edit Section Text` command and its code lenses, the side editor's count in the
 * status bar and its diagnostics, and the optional write back while typing.
 */
export function registerSectionText(): vscode.Disposable {
  const files = new SectionTextFileSystem();
  const diagnostics = vscode.languages.createDiagnosticCollection('clinikdoc-text');
  const status = vscode.window.createStatusBarItem('clinikapi.sectionTextCount', vscode.StatusBarAlignment.Right, 101);
  status.name = 'ClinikAPI section text length';
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  const refresh = (document: vscode.TextDocument) => {
    const session = files.get(document.uri);
    if (!session) return;
    if (!document.isDirty) files.settled(session);
    const value = files.valueOf(session, document.getText());
    const problems: vscode.Diagnostic[] = [];
    const over = overLimit(value, session.ref.path);
    if (over) {
      const start = document.positionAt(Math.min(over.start, document.getText().length));
      const d = new vscode.Diagnostic(new vscode.Range(start, document.positionAt(document.getText().length)), over.message, vscode.DiagnosticSeverity.Error);
      d.code = over.code;
      d.source = over.source;
      problems.push(d);
    }
    if (session.problem) {
      const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), `Not linked to the JSON: ${session.problem} Saving here is refused until it is resolved.`, vscode.DiagnosticSeverity.Warning);
      d.source = DIAGNOSTIC_SOURCE;
      problems.push(d);
    }
    if (session.conflict) {
      const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), CONFLICT_MESSAGE, vscode.DiagnosticSeverity.Warning);
      d.source = DIAGNOSTIC_SOURCE;
      problems.push(d);
    }
    if (hasMixedLineBreaks(session.ref.value)) {
      const d = new vscode.Diagnostic(
        new vscode.Range(0, 0, 0, 0),
        'This text mixes line-break kinds (\\n, \\r\\n, \\r); saving it from here makes them all one kind.',
        vscode.DiagnosticSeverity.Information,
      );
      d.source = DIAGNOSTIC_SOURCE;
      problems.push(d);
    }
    diagnostics.set(document.uri, problems);
    updateStatus();
  };

  const updateStatus = () => {
    const document = vscode.window.activeTextEditor?.document;
    const session = document && files.get(document.uri);
    if (!document || !session) {
      status.hide();
      return;
    }
    const count = textCount(files.valueOf(session, document.getText()), session.ref.path);
    status.text = `${session.problem ? '$(debug-disconnect)' : '$(symbol-text)'} ${count.label}`;
    status.tooltip = session.problem ? `${count.tooltip}\nNot linked to the JSON: ${session.problem}` : count.tooltip;
    status.backgroundColor = count.over
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : session.problem || session.conflict
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
    status.show();
  };

  const openSide = async (args?: EditSectionTextArgs): Promise<vscode.Uri | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const given = args?.uri === undefined ? undefined : typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri;
    if (!given && editor && files.get(editor.document.uri)) return editor.document.uri; // already in a side editor
    const json = given ? await vscode.workspace.openTextDocument(given) : editor?.document;
    if (!json || !isClinikDoc(json)) {
      void vscode.window.showWarningMessage('Open a ClinikDoc document (*.clinikdoc.json) and put the cursor in a section to edit its text.');
      return undefined;
    }
    const text = json.getText();
    let site: SectionTextSite | undefined;
    if (args?.path) {
      const wanted = JSON.stringify(args.path);
      site = findSectionTexts(text).find((s) => JSON.stringify(s.path) === wanted);
      if (!site) {
        void vscode.window.showWarningMessage(`There is no section text at ${args.path.join('.')} in this document.`);
        return undefined;
      }
    } else {
      const offset = editor && editor.document === json ? json.offsetAt(editor.selection.active) : 0;
      const found = sectionTextAt(text, offset);
      if ('missing' in found) {
        void vscode.window.showWarningMessage(found.missing);
        return undefined;
      }
      site = found.site;
    }
    if (site.value === undefined) {
      void vscode.window.showWarningMessage(site.problem ?? 'This section text cannot be read.');
      return undefined;
    }
    const lone = loneSurrogateAt(site.value);
    if (lone !== undefined) {
      void vscode.window.showWarningMessage(
        `This text holds an invalid character (a lone UTF-16 surrogate, written \\u${site.value.charCodeAt(lone).toString(16)} in the JSON, at character ${lone + 1}) that a plain-text editor cannot keep: edit it in the JSON.`,
      );
      return undefined;
    }
    if (site.value.startsWith('\ufeff')) {
      void vscode.window.showWarningMessage('This text starts with an invisible byte order mark (\\ufeff) that a plain-text editor would drop: remove it in the JSON first.');
      return undefined;
    }
    const session = files.open(json.uri, text, { ...site, value: site.value });
    const side = await vscode.workspace.openTextDocument(session.uri);
    const besideColumn = editor && editor.document === json ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    await vscode.window.showTextDocument(side, { viewColumn: besideColumn, preview: false });
    refresh(side);
    return session.uri;
  };

  const writeWhileTyping = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(typingTimers.get(key));
    typingTimers.set(
      key,
      setTimeout(() => {
        typingTimers.delete(key);
        if (!document.isDirty || document.isClosed) return;
        // Saving writes back (through writeFile) and marks the side editor clean.
        document.save().then(undefined, () => refresh(document));
      }, WRITE_BACK_DELAY_MS),
    );
  };

  const codeLenses: vscode.CodeLensProvider = {
    provideCodeLenses(document) {
      return findSectionTexts(document.getText()).map((site) => {
        const position = document.positionAt(site.keyOffset);
        return new vscode.CodeLens(new vscode.Range(position, position), {
          title: 'Edit as plain text',
          tooltip: 'Open this text beside the JSON with real line breaks and quotes; saving writes it back, escaped.',
          command: EDIT_SECTION_TEXT_COMMAND,
          arguments: [{ uri: document.uri.toString(), path: site.path } satisfies EditSectionTextArgs],
        });
      });
    },
  };

  return vscode.Disposable.from(
    files,
    diagnostics,
    status,
    vscode.workspace.registerFileSystemProvider(SECTION_TEXT_SCHEME, files, { isCaseSensitive: true }),
    vscode.commands.registerCommand(EDIT_SECTION_TEXT_COMMAND, openSide),
    vscode.languages.registerCodeLensProvider(CLINIKDOC_SELECTOR, codeLenses),
    files.onDidChangeSession((session) => {
      const side = vscode.workspace.textDocuments.find((d) => d.uri.toString() === session.uri.toString());
      if (side) refresh(side);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.scheme === SECTION_TEXT_SCHEME) {
        const session = files.get(e.document.uri);
        if (!session) return;
        refresh(e.document);
        if (e.contentChanges.length > 0 && vscode.workspace.getConfiguration('clinikapi').get<boolean>(WRITE_BACK_ON_TYPE, false)) {
          writeWhileTyping(e.document);
        }
      } else if (e.contentChanges.length > 0) {
        files.trackChanges(e.document.uri, e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })), e.document.getText());
        files.scheduleSync(e.document);
      }
    }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.uri.scheme === SECTION_TEXT_SCHEME) refresh(d);
      else files.catchUp(d.uri, d.getText()); // a JSON reopened: its text may have changed on disk meanwhile
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme !== SECTION_TEXT_SCHEME) return;
      diagnostics.delete(d.uri);
      clearTimeout(typingTimers.get(d.uri.toString()));
      files.forget(d.uri);
    }),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
    new vscode.Disposable(() => {
      for (const timer of typingTimers.values()) clearTimeout(timer);
    }),
  );
}

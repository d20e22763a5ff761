import * as vscode from 'vscode';
import { CLINIKDOC_SELECTOR, isClinikDoc } from '../editor/clinikDocDocument';
import { escapeJsonString } from '../sectionText/jsonString';
import { canPasteEscaped } from './jsonStringAtCursor';

export const PASTE_ESCAPED_COMMAND = 'clinikapi.pasteEscaped';
/** Context key: the fallback keybinding (Ctrl/Cmd+V → escaped paste) is active. */
const FALLBACK_CONTEXT = 'clinikapi.pasteEscapedByKeybinding';
/** Context key: every cursor of the active clinikdoc editor is inside a JSON string. */
const IN_STRING_CONTEXT = 'clinikapi.cursorInJsonString';

const SELECTOR = CLINIKDOC_SELECTOR;

/** Whether every range is inside one JSON string each, where an escaped paste fits. */
export function rangesInStrings(document: vscode.TextDocument, ranges: readonly vscode.Range[]): boolean {
  return canPasteEscaped(
    ranges.map((r) => ({ line: document.lineAt(r.start.line).text, start: r.start.character, end: r.isSingleLine ? r.end.character : undefined })),
  );
}

// The paste API (DocumentPasteEditProvider) became stable in VS Code 1.97; this extension
// supports 1.91, whose @types/vscode do not declare it. The slice it uses, looked up at run time.
interface PasteKind {
  append(...parts: string[]): PasteKind;
}
interface PasteEditLike {
  yieldTo?: readonly PasteKind[];
}
interface PasteApi {
  register(provider: object, metadata: object): vscode.Disposable;
  Edit: new (insertText: string, title: string, kind: PasteKind) => PasteEditLike;
  textKind: PasteKind;
}

function pasteApi(): PasteApi | undefined {
  const api = vscode as unknown as {
    languages: { registerDocumentPasteEditProvider?: (selector: vscode.DocumentSelector, provider: object, metadata: object) => vscode.Disposable };
    DocumentPasteEdit?: PasteApi['Edit'];
    DocumentDropOrPasteEditKind?: { Text?: PasteKind };
  };
  const register = api.languages.registerDocumentPasteEditProvider;
  const Edit = api.DocumentPasteEdit;
  const textKind = api.DocumentDropOrPasteEditKind?.Text;
  if (!register || !Edit || !textKind) return undefined;
  return { register: (provider, metadata) => register.call(api.languages, SELECTOR, provider, metadata), Edit, textKind };
}

/**
 * Paste that escapes: pasting text inside a JSON string of a clinikdoc document inserts it
 * escaped (`\n`, `\"`, `\t` …), so the document stays valid and the value is what was copied.
 * Where VS Code has the paste API, the escaped paste is the first paste edit and the plain
 * paste is the second, one click away in the paste widget; on older VS Code, Ctrl/Cmd+V inside a
 * string runs `clinikapi.pasteEscaped` and Ctrl/Cmd+Shift+V pastes plainly.
 */
export function registerPaste(): vscode.Disposable {
  const disposables: vscode.Disposable[] = [vscode.commands.registerCommand(PASTE_ESCAPED_COMMAND, pasteEscaped)];
  const api = pasteApi();
  void vscode.commands.executeCommand('setContext', FALLBACK_CONTEXT, !api);
  if (api) {
    const escapedKind = api.textKind.append('jsonString', 'escaped');
    const plainKind = api.textKind.append('jsonString', 'unescaped');
    disposables.push(
      api.register(
        {
          async provideDocumentPasteEdits(
            document: vscode.TextDocument,
            ranges: readonly vscode.Range[],
            dataTransfer: vscode.DataTransfer,
            _context: unknown,
            token: vscode.CancellationToken,
          ) {
            if (!rangesInStrings(document, ranges)) return undefined;
            const text = await dataTransfer.get('text/plain')?.asString();
            if (!text || token.isCancellationRequested) return undefined;
            const escaped = escapeJsonString(text);
            if (escaped === text) return undefined; // nothing to escape: the ordinary paste is right
            const plain = new api.Edit(text, 'Paste as copied (unescaped)', plainKind);
            plain.yieldTo = [escapedKind];
            return [new api.Edit(escaped, 'Paste escaped for the JSON string', escapedKind), plain];
          },
        },
        { providedPasteEditKinds: [escapedKind, plainKind], pasteMimeTypes: ['text/plain'] },
      ),
    );
  } else {
    const update = (editor: vscode.TextEditor | undefined) => {
      const inString = !!editor && isClinikDoc(editor.document) && rangesInStrings(editor.document, editor.selections);
      void vscode.commands.executeCommand('setContext', IN_STRING_CONTEXT, inString);
    };
    update(vscode.window.activeTextEditor);
    disposables.push(
      vscode.window.onDidChangeActiveTextEditor(update),
      vscode.window.onDidChangeTextEditorSelection((e) => update(e.textEditor)),
    );
  }
  return vscode.Disposable.from(...disposables);
}

/**
 * `clinikapi.pasteEscaped`: pastes the clipboard (or `args.text`, for tests) into the active
 * editor, escaped where every cursor is inside a JSON string, as is elsewhere. Returns whether
 * it escaped.
 */
async function pasteEscaped(args?: { text?: string }): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const text = args?.text ?? (await vscode.env.clipboard.readText());
  const escape = rangesInStrings(editor.document, editor.selections);
  if (!escape && args?.text === undefined) {
    await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
    return false;
  }
  const insert = escape ? escapeJsonString(text) : text;
  await editor.edit((builder) => {
    for (const selection of editor.selections) builder.replace(selection, insert);
  });
  return escape;
}

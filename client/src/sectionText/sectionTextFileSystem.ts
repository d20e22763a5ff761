import * as vscode from 'vscode';
import { computeWriteBack, locateSectionText, normalizeLineBreaks, relink, sectionTextRef, sideEditorFileName, type SectionTextRef, type SectionTextSite } from './sectionTexts';
import { trackChanges, type TextChange } from './sectionTracking';

/** The scheme of the side editors: `clinikdoc-text:/<session>/<Section title> — text`. */
export const SECTION_TEXT_SCHEME = 'clinikdoc-text';

/** One side editor's link to a section text of a JSON document. */
export interface SectionTextSession {
  readonly uri: vscode.Uri;
  readonly jsonUri: vscode.Uri;
  ref: SectionTextRef;
  mtime: number;
  /** Why the text cannot be written back right now (the section is gone, the string broke …). */
  problem: string | undefined;
  /**
   * The text was changed in the JSON while the side editor had unsaved changes: saving would
   * overwrite that change, so it is refused until the side editor is reverted (or saved clean).
   */
  conflict: boolean;
}

/** Shown when a save is refused because the JSON changed meanwhile. */
export const CONFLICT_MESSAGE =
  "The text was also changed in the JSON while you edited it here. To take the JSON's version, revert this editor (File: Revert File); to keep yours, copy it, revert, and paste it back.";

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Serves each open section text as a file and writes saves back into the JSON as one edit on
 * exactly the string's range. Keeps each side editor in step with its JSON document: follows a
 * moved section, reloads a text edited in the JSON, and refuses to write when the section is
 * gone (`problem`). Never logs or shows the text itself.
 */
export class SectionTextFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly sessions = new Map<string, SectionTextSession>();
  private readonly changeFile = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  private readonly changeSession = new vscode.EventEmitter<SectionTextSession>();
  private readonly pendingSync = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per JSON document with side editors: its text as the sessions' string positions last saw it. */
  private readonly trackedTexts = new Map<string, string>();
  private counter = 0;
  readonly onDidChangeFile = this.changeFile.event;
  /** A session's link or content changed (for the status bar and diagnostics). */
  readonly onDidChangeSession = this.changeSession.event;

  /** The session of a side editor's uri. */
  get(uri: vscode.Uri): SectionTextSession | undefined {
    return uri.scheme === SECTION_TEXT_SCHEME ? this.sessions.get(uri.path) : undefined;
  }

  /** An open session on the same section, or a new one; `text` is the JSON's text `site` was read from. */
  open(jsonUri: vscode.Uri, text: string, site: SectionTextSite & { value: string }): SectionTextSession {
    for (const session of this.sessions.values()) {
      if (session.jsonUri.toString() === jsonUri.toString() && !session.problem && JSON.stringify(session.ref.path) === JSON.stringify(site.path)) {
        return session;
      }
    }
    const uri = vscode.Uri.from({ scheme: SECTION_TEXT_SCHEME, path: `/${++this.counter}/${sideEditorFileName(site)}` });
    const session: SectionTextSession = {
      uri,
      jsonUri,
      ref: sectionTextRef(site),
      mtime: Date.now(),
      problem: undefined,
      conflict: false,
    };
    // Sessions opened earlier were kept up to date with the same text (every change is tracked at once).
    if (!this.trackedTexts.has(jsonUri.toString())) this.trackedTexts.set(jsonUri.toString(), text);
    this.sessions.set(uri.path, session);
    return session;
  }

  forget(uri: vscode.Uri): void {
    const session = this.sessions.get(uri.path);
    this.sessions.delete(uri.path);
    if (session && this.sessionsOf(session.jsonUri).length === 0) this.trackedTexts.delete(session.jsonUri.toString());
  }

  /**
   * Follows every session's string through changes of its JSON document, as they happen (the
   * re-reading of the JSON is debounced, this is not): `changes` as VS Code reports them, in
   * order, and `text`, the document's text after them.
   */
  trackChanges(jsonUri: vscode.Uri, changes: readonly TextChange[], text: string): void {
    const key = jsonUri.toString();
    const before = this.trackedTexts.get(key);
    if (before === undefined) return; // no side editor on it
    // Changes that do not add up to the text (some were missed): one change of everything instead.
    const length = changes.reduce((n, c) => n + c.text.length - c.length, before.length);
    const seen = length === text.length ? changes : [{ offset: 0, length: before.length, text }];
    for (const session of this.sessionsOf(jsonUri)) trackChanges(session.ref, before, seen);
    this.trackedTexts.set(key, text);
  }

  /** Brings the sessions' positions up to `text` when it is not the text they last saw (a JSON closed and reopened). */
  catchUp(jsonUri: vscode.Uri, text: string): void {
    const before = this.trackedTexts.get(jsonUri.toString());
    if (before === undefined || before === text) return;
    this.trackChanges(jsonUri, [{ offset: 0, length: before.length, text }], text);
  }

  sessionsOf(jsonUri: vscode.Uri): SectionTextSession[] {
    const key = jsonUri.toString();
    return [...this.sessions.values()].filter((s) => s.jsonUri.toString() === key);
  }

  /** The value `text` from the side editor stands for (its line breaks made like the JSON's). */
  valueOf(session: SectionTextSession, text: string): string {
    return normalizeLineBreaks(text, session.ref.value);
  }

  /** The side editor is clean again (reverted, reloaded or saved): a conflict is resolved. */
  settled(session: SectionTextSession): void {
    if (!session.conflict) return;
    session.conflict = false;
    this.changeSession.fire(session);
  }

  /** Re-reads the JSON after it changed (debounced: one parse per burst of typing). */
  scheduleSync(document: vscode.TextDocument): void {
    const sessions = this.sessionsOf(document.uri);
    if (sessions.length === 0) return;
    const key = document.uri.toString();
    clearTimeout(this.pendingSync.get(key));
    this.pendingSync.set(
      key,
      setTimeout(() => {
        this.pendingSync.delete(key);
        this.sync(document.uri, document.getText());
      }, 100),
    );
  }

  /** Brings every session of `jsonUri` in step with the JSON's current `text`. */
  sync(jsonUri: vscode.Uri, text: string): void {
    this.catchUp(jsonUri, text);
    for (const session of this.sessionsOf(jsonUri)) {
      const located = locateSectionText(text, session.ref);
      const shown = () => JSON.stringify([session.ref.path, session.ref.title, session.ref.value, session.problem, session.conflict]);
      const before = shown();
      if (located.kind === 'missing') {
        session.problem = located.reason;
      } else {
        session.problem = undefined;
        relink(session.ref, located.site);
        if (located.kind === 'changed') {
          const side = vscode.workspace.textDocuments.find((d) => d.uri.toString() === session.uri.toString());
          if (side?.isDirty) session.conflict = true;
          session.ref.value = located.site.value;
          session.mtime = Date.now();
          // A side editor without unsaved changes reloads; one with them gets VS Code's
          // "newer on disk" choice when it is saved.
          this.changeFile.fire([{ type: vscode.FileChangeType.Changed, uri: session.uri }]);
        }
      }
      if (shown() !== before) this.changeSession.fire(session);
    }
  }

  /**
   * Writes `value` into the JSON as one WorkspaceEdit on exactly the string's range. Throws a
   * FileSystemError saying why when it cannot (the save then fails visibly, the text stays
   * unsaved).
   */
  async writeBack(session: SectionTextSession, value: string): Promise<void> {
    const json = await vscode.workspace.openTextDocument(session.jsonUri);
    const pending = this.pendingSync.get(session.jsonUri.toString());
    if (pending) {
      // Sync first so a JSON edit made a moment ago is seen, not overwritten.
      clearTimeout(pending);
      this.pendingSync.delete(session.jsonUri.toString());
      this.sync(session.jsonUri, json.getText());
    }
    this.catchUp(session.jsonUri, json.getText());
    if (session.problem) throw vscode.FileSystemError.NoPermissions(`Not saved into the JSON: ${session.problem}`);
    if (session.conflict) throw vscode.FileSystemError.NoPermissions(`Not saved into the JSON: ${CONFLICT_MESSAGE}`);
    const result = computeWriteBack(json.getText(), session.ref, value);
    if (!result.ok) {
      session.problem = result.reason;
      this.changeSession.fire(session);
      throw vscode.FileSystemError.NoPermissions(`Not saved into the JSON: ${result.reason}`);
    }
    const previous = { ...session.ref };
    // Tied to the string as it is now: the edit below is then followed like any other.
    session.ref = { ...sectionTextRef(result.site), value };
    if (result.unchanged) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(session.jsonUri, new vscode.Range(json.positionAt(result.offset), json.positionAt(result.offset + result.length)), result.newText);
    if (!(await vscode.workspace.applyEdit(edit))) {
      session.ref = previous;
      throw vscode.FileSystemError.Unavailable('Not saved into the JSON: VS Code did not apply the edit (is the JSON document read-only?).');
    }
    if (!vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === session.jsonUri.toString())) {
      // Its editor was closed: say where the text went, since nothing on screen shows it.
      const name = session.jsonUri.path.split('/').pop() ?? 'the JSON document';
      vscode.window.setStatusBarMessage(`$(check) Written into ${name} (not saved yet)`, 5000);
    }
    this.changeSession.fire(session);
  }

  // --- vscode.FileSystemProvider ---

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const session = this.get(uri);
    if (session) {
      return { type: vscode.FileType.File, ctime: 0, mtime: session.mtime, size: encoder.encode(session.ref.value).byteLength };
    }
    if (/^\/\d+\/?$/.test(uri.path) || uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const session = this.get(uri);
    if (!session) throw vscode.FileSystemError.FileNotFound(uri);
    return encoder.encode(session.ref.value);
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const session = this.get(uri);
    if (!session) throw vscode.FileSystemError.NoPermissions('This section text is no longer linked to a document: open it again from the JSON.');
    await this.writeBack(session, this.valueOf(session, decoder.decode(content)));
    session.mtime = Date.now();
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Section texts live in their JSON document.');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Section texts live in their JSON document.');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Section texts live in their JSON document.');
  }

  dispose(): void {
    for (const timer of this.pendingSync.values()) clearTimeout(timer);
    this.pendingSync.clear();
    this.trackedTexts.clear();
    this.changeFile.dispose();
    this.changeSession.dispose();
    this.sessions.clear();
  }
}

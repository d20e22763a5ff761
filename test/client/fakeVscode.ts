// A small stand-in for the `vscode` module: just the API the client uses, recording what the
// extension shows. It lets the thin VS Code layer run in plain node against the emulator; the
// real-VS-Code suite (test/e2e) covers the real thing.
/* eslint-disable @typescript-eslint/no-explicit-any */

type Listener<T> = (e: T) => unknown;

class Emitter<T> {
  private listeners = new Set<Listener<T>>();
  event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
}

export class Disposable {
  constructor(private readonly fn: () => unknown = () => undefined) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

export class Uri {
  private constructor(readonly scheme: string, readonly path: string) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static parse(value: string): Uri {
    const m = /^([a-z]+):(?:\/\/)?(.*)$/.exec(value);
    return m ? new Uri(m[1], m[2].startsWith('/') ? m[2] : `/${m[2]}`) : new Uri('file', value);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, [base.path, ...parts].join('/'));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export class Position {
  constructor(readonly line: number, readonly character: number) {}
  compareTo(other: Position): number {
    return this.line - other.line || this.character - other.character;
  }
}
export class Range {
  constructor(readonly start: Position, readonly end: Position) {}
}
export class Selection extends Range {}
export enum TextEditorRevealType {
  Default = 0,
  InCenter = 1,
  InCenterIfOutsideViewport = 2,
  AtTop = 3,
}
export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}
export class Diagnostic {
  source?: string;
  code?: string | number;
  constructor(readonly range: Range, readonly message: string, readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error) {}
}
export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}
export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}
export class ThemeColor {
  constructor(readonly id: string) {}
}
export class SnippetString {
  constructor(readonly value: string) {}
}

/** A text document over a string; `edit` replaces its text and fires a change. */
export class FakeDocument {
  version = 1;
  constructor(readonly uri: Uri, private text: string, readonly languageId = 'clinikdoc') {}
  getText(): string {
    return this.text;
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, offset);
    const lines = before.split('\n');
    return new Position(lines.length - 1, lines[lines.length - 1].length);
  }
  edit(text: string): void {
    this.text = text;
    this.version += 1;
    fake.changeDocument.fire({ document: this, contentChanges: [{ text }] });
  }
}

export interface ShownMessage {
  severity: 'info' | 'warning' | 'error';
  text: string;
  items: string[];
  modal: boolean;
}

/** What the extension did, and how the "user" answers. */
export const fake = {
  messages: [] as ShownMessage[],
  output: new Map<string, string[]>(),
  statusItems: [] as Array<{ id: string; text: string; tooltip?: string; command?: string; visible: boolean }>,
  commands: new Map<string, (...args: any[]) => any>(),
  executed: [] as string[],
  diagnostics: new Map<string, Map<string, Diagnostic[]>>(),
  progress: [] as string[],
  clipboard: '',
  /** Settings: section.key → { default, user, workspace }. */
  settings: new Map<string, { defaultValue?: unknown; globalValue?: unknown; workspaceValue?: unknown }>(),
  trusted: true,
  activeEditor: undefined as { document: FakeDocument } | undefined,
  /** Next answers of message boxes, by a regexp on their text; default: dismissed. */
  answers: [] as Array<{ match: RegExp; answer: string | undefined }>,
  inputAnswers: [] as Array<string | undefined>,
  snippets: [] as string[],
  inputValidation: [] as Array<string | undefined | null>,
  changeDocument: new Emitter<{ document: FakeDocument; contentChanges: unknown[] }>(),
  closeDocument: new Emitter<FakeDocument>(),
  reset(): void {
    this.messages.length = 0;
    this.progress.length = 0;
    this.executed.length = 0;
    this.answers.length = 0;
    this.clipboard = '';
  },
};

function answer(text: string, items: string[]): string | undefined {
  const i = fake.answers.findIndex((a) => a.match.test(text));
  if (i < 0) return undefined;
  const [a] = fake.answers.splice(i, 1);
  return a.answer !== undefined && items.includes(a.answer) ? a.answer : undefined;
}

function showMessage(severity: ShownMessage['severity']) {
  return (text: string, ...rest: any[]): Promise<string | undefined> => {
    const modal = typeof rest[0] === 'object' && rest[0] !== null && !Array.isArray(rest[0]) ? Boolean(rest.shift().modal) : false;
    const items = rest.filter((r): r is string => typeof r === 'string');
    fake.messages.push({ severity, text, items, modal });
    return Promise.resolve(answer(text, items));
  };
}

export const window = {
  createOutputChannel(name: string) {
    const lines: string[] = [];
    fake.output.set(name, lines);
    return { name, appendLine: (l: string) => lines.push(l), append: (l: string) => lines.push(l), show: () => undefined, dispose: () => undefined };
  },
  createStatusBarItem(id: string) {
    const item = { id, text: '', tooltip: undefined as string | undefined, command: undefined as string | undefined, visible: false, name: '', backgroundColor: undefined as unknown, show() { item.visible = true; }, hide() { item.visible = false; }, dispose() { item.visible = false; } };
    fake.statusItems.push(item);
    return item;
  },
  showInformationMessage: showMessage('info'),
  showWarningMessage: showMessage('warning'),
  showErrorMessage: showMessage('error'),
  async showInputBox(options: { validateInput?: (v: string) => string | undefined }) {
    const value = fake.inputAnswers.shift();
    if (value !== undefined && options.validateInput) fake.inputValidation.push(options.validateInput(value));
    return value;
  },
  async showQuickPick<T>(items: T[]) {
    return items[0];
  },
  async showTextDocument(shown: FakeDocument | Uri) {
    const document = shown instanceof FakeDocument ? shown : workspace.textDocuments.find((d) => d.uri.toString() === shown.toString());
    if (!document) throw new Error(`no such document: ${shown.toString()}`);
    const editor = {
      document,
      selection: undefined as Selection | undefined,
      revealed: [] as Range[],
      revealRange(range: Range) {
        editor.revealed.push(range);
      },
      async insertSnippet(snippet: SnippetString) {
        fake.snippets.push(snippet.value);
        return true;
      },
    };
    fake.activeEditor = editor;
    return editor;
  },
  async withProgress<T>(_options: unknown, task: (progress: { report(v: { message?: string }): void }, token: any) => Promise<T>) {
    const cancel = new Emitter<void>();
    return task({ report: (v) => void (v.message && fake.progress.push(v.message)) }, { isCancellationRequested: false, onCancellationRequested: cancel.event });
  },
  get activeTextEditor() {
    return fake.activeEditor;
  },
};

export const workspace = {
  get isTrusted() {
    return fake.trusted;
  },
  getConfiguration(section: string) {
    const full = (key: string) => `${section}.${key}`;
    return {
      get<T>(key: string, fallback?: T): T | undefined {
        const s = fake.settings.get(full(key));
        return (s?.workspaceValue ?? s?.globalValue ?? s?.defaultValue ?? fallback) as T | undefined;
      },
      inspect<T>(key: string) {
        const s = fake.settings.get(full(key));
        return s ? ({ key: full(key), ...s } as { key: string; defaultValue?: T; globalValue?: T; workspaceValue?: T }) : undefined;
      },
    };
  },
  onDidChangeTextDocument: fake.changeDocument.event,
  onDidCloseTextDocument: fake.closeDocument.event,
  textDocuments: [] as FakeDocument[],
  /** A workspace without ClinikDoc files on disk (copy-forward indexes none). */
  async findFiles(): Promise<Uri[]> {
    return [];
  },
  async openTextDocument(arg: Uri | { language?: string; content?: string }) {
    if (arg instanceof Uri) {
      const found = workspace.textDocuments.find((d) => d.uri.toString() === arg.toString());
      if (!found) throw new Error(`no such document ${arg.toString()}`);
      return found;
    }
    const doc = new FakeDocument(Uri.parse(`untitled:Untitled-${workspace.textDocuments.length + 1}`), arg.content ?? '', arg.language ?? 'plaintext');
    workspace.textDocuments.push(doc);
    return doc;
  },
  fs: {
    async readFile(uri: Uri): Promise<Uint8Array> {
      const { readFileSync } = await import('node:fs');
      return readFileSync(uri.fsPath);
    },
  },
};

export const languages = {
  createDiagnosticCollection(name: string) {
    const byUri = new Map<string, Diagnostic[]>();
    fake.diagnostics.set(name, byUri);
    return {
      name,
      set: (uri: Uri, ds: Diagnostic[]) => void byUri.set(uri.toString(), ds),
      delete: (uri: Uri) => void byUri.delete(uri.toString()),
      clear: () => byUri.clear(),
      get: (uri: Uri) => byUri.get(uri.toString()),
      dispose: () => byUri.clear(),
    };
  },
  /** The language server's diagnostics are set by the test: `fake.serverDiagnostics`. */
  getDiagnostics(uri: Uri): Diagnostic[] {
    return serverDiagnostics.get(uri.toString()) ?? [];
  },
};

export const serverDiagnostics = new Map<string, Diagnostic[]>();

export const commands = {
  registerCommand(id: string, fn: (...args: any[]) => any) {
    fake.commands.set(id, fn);
    return new Disposable(() => fake.commands.delete(id));
  },
  async executeCommand(id: string, ...args: any[]) {
    fake.executed.push(id);
    const fn = fake.commands.get(id);
    return fn ? fn(...args) : undefined;
  },
};

export enum UIKind {
  Desktop = 1,
  Web = 2,
}

export const env = {
  uiKind: UIKind.Desktop as UIKind,
  appHost: 'desktop',
  clipboard: {
    async writeText(text: string) {
      fake.clipboard = text;
    },
  },
};

export enum ExtensionMode {
  Production = 1,
  Development = 2,
  Test = 3,
}

/** A SecretStorage in memory, firing onDidChange like VS Code's. */
export class FakeSecrets {
  readonly values = new Map<string, string>();
  private readonly changed = new Emitter<{ key: string }>();
  onDidChange = this.changed.event;
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.values.set(key, value);
    this.changed.fire({ key });
  }
  async delete(key: string) {
    this.values.delete(key);
    this.changed.fire({ key });
  }
}

/**
 * Anything the client uses that this stand-in does not model (other features register file
 * systems, paste providers …) is a harmless universal stub: callable, constructible, every
 * property of it is itself, and it is not a thenable.
 */
const universal: any = new Proxy(function universalStub() {}, {
  get: (_t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : universal),
  apply: () => universal,
  construct: () => universal,
});

function tolerant<T extends object>(target: T): T {
  return new Proxy(target, {
    get: (t, p, r) => (p in t ? Reflect.get(t, p, r) : typeof p === 'symbol' || p === 'then' || p === '__esModule' ? undefined : universal),
  });
}

const api: Record<string, object> = { ...(module.exports as Record<string, object>) };
for (const ns of ['window', 'workspace', 'languages', 'commands', 'env']) api[ns] = tolerant(api[ns]);
// Through the prototype, so that bundlers' `import * as vscode` (which copies own properties onto
// an object with the same prototype) still finds the stub for what is not modelled.
Object.setPrototypeOf(api, tolerant(Object.create(null) as object));
module.exports = api;

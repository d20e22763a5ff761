import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ReferencesRequest, SERVER_DIAGNOSTIC_SOURCE, type DocumentReference, type ReferencesResult } from '../../../shared/protocol';
import { isClinikDoc } from '../editor/clinikDocDocument';
import type { KeyStore } from '../apiKey/keyStore';
import { ClinikApiReads, type ReadsState } from '../api/clinikApiReads';
import { DocumentResolutions, type DocumentResolution, type ListedReferences } from './documentResolutions';
import { documentTexts } from '../patientText/documentTexts';
import { resolvePatientTextProblems } from './patientTextProblems';
import { cacheKey, ReferenceResolver, type Resolution } from './referenceResolver';
import { environmentLabel, refusalMessage, shortLabel, stateSentence } from './referenceText';
import { readSubmissionSettings } from '../settings/submissionSettings';
import type { ConfirmationPatient } from '../submit/messages';
import type { HttpTransport } from '../api/transport';
import { readReferenceSettings, type ReferenceSettings } from './referenceSettings';

export interface ReferenceServiceDeps {
  keys: KeyStore;
  output: vscode.OutputChannel;
  userAgent: string;
  client(): BaseLanguageClient | undefined;
  /** How requests reach ClinikAPI in this extension host (node:http(s) or fetch). */
  transport: HttpTransport;
}

/** Why resolution is not running, beyond what the reads client knows. */
export type ResolutionGate = 'on' | 'untrusted' | 'disabled';

/**
 * The VS Code side of resolving ids: configures the reads client from the key (SecretStorage),
 * the user-level `clinikapi.baseUrl` and the workspace trust; follows open ClinikDoc documents;
 * shows ClinikAPI's warnings as diagnostics. The providers (hover, inlay hints, completion, quick
 * fixes) read from it. Nothing read is kept anywhere but in memory.
 */
export class ReferenceService implements vscode.Disposable {
  readonly reads: ClinikApiReads;
  readonly resolver: ReferenceResolver;
  readonly documents: DocumentResolutions;
  settings: ReferenceSettings = readReferenceSettings();
  gate: ResolutionGate = 'on';
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('clinikapi-references');
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when what is known changed: redraw inlay hints, the status bar, the preview. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private configured: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ReferenceServiceDeps) {
    this.reads = new ClinikApiReads({
      transport: deps.transport,
      log: (line) => deps.output.appendLine(line),
      userAgent: deps.userAgent,
      onStateChange: (state) => this.stateChanged(state),
    });
    this.resolver = new ReferenceResolver(this.reads);
    this.documents = new DocumentResolutions(this.resolver, (uri, result) => this.show(uri, result));
    this.subscriptions.push(
      this.diagnostics,
      this.changed,
      deps.keys.onDidChange(() => void this.configure()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.configure()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('clinikapi.baseUrl') || e.affectsConfiguration('clinikapi.references')) void this.configure();
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.track(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.track(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.documents.closed(d.uri.toString());
        this.diagnostics.delete(d.uri);
      }),
    );
    void this.configure();
  }

  /** Reads key, settings and trust again; a different key or base URL forgets everything read. */
  configure(): Promise<void> {
    this.configured = this.configured.then(async () => {
      this.settings = readReferenceSettings();
      this.gate = !vscode.workspace.isTrusted ? 'untrusted' : !this.settings.resolve ? 'disabled' : 'on';
      const key = await this.deps.keys.get();
      if (this.reads.configure(key, readSubmissionSettings().baseUrl, this.gate === 'on') || this.gate !== 'on') {
        this.resolver.clear();
        this.documents.clear();
        this.diagnostics.clear();
      }
      this.changed.fire();
      for (const d of vscode.workspace.textDocuments) this.track(d);
    });
    return this.configured;
  }

  /** Whether ids are being read now. */
  get active(): boolean {
    return this.gate === 'on' && this.reads.state.kind !== 'off';
  }

  /** The status bar tooltip's line about ids. */
  describe(): string {
    if (this.gate === 'untrusted') return 'Ids are not resolved in Restricted Mode (trust the workspace to resolve them).';
    if (this.gate === 'disabled') return 'Ids are not resolved (clinikapi.references.resolve is off).';
    const state = this.reads.state;
    return state.kind === 'ready' ? `Ids are resolved against ${environmentLabel(state.environment)} (${state.origin}).` : `Ids are not resolved: ${stateSentence(state)}`;
  }

  /**
   * The latest resolution of a document, if it is for its current version and of the ClinikAPI
   * (key, base URL) configured now: names of another origin are never shown.
   */
  current(document: vscode.TextDocument): DocumentResolution | undefined {
    const r = this.documents.get(document.uri.toString());
    return r && r.version === document.version && r.scope === this.resolver.scope ? r : undefined;
  }

  /** The server's list of references for the document's current version (not resolved), with that version's text. */
  async list(document: vscode.TextDocument): Promise<ListedReferences | undefined> {
    const client = this.deps.client();
    if (!client) return undefined;
    try {
      const result: ReferencesResult | null = await client.sendRequest(ReferencesRequest.type, { textDocument: { uri: document.uri.toString() } });
      return result && result.version === document.version ? { ...result, text: document.getText() } : undefined;
    } catch {
      return undefined;
    }
  }

  /** `{ patientId: "Jane Doe, 1990-03-15", … }` for the preview, by path; undefined when ids are not resolved. */
  labels(document: vscode.TextDocument): Record<string, string> | undefined {
    const current = this.active ? this.current(document) : undefined;
    if (!current) return undefined;
    const out: Record<string, string> = {};
    for (const r of current.references) {
      const resolution = current.resolutions.get(cacheKey(r.kind, r.id));
      if (resolution?.state === 'resolved') out[r.path] = shortLabel(resolution.resource);
      else if (resolution?.state === 'unknown') out[r.path] = `not found in ClinikAPI`;
    }
    return out;
  }

  /**
   * Who the patient id about to be sent is, read now (or from memory) against the key and base URL
   * of the submission: the confirmation names exactly the id in the body that is sent, and what in
   * `text` (the body sent) disagrees with that patient.
   */
  async confirmationPatient(patientId: string | undefined, text?: string): Promise<ConfirmationPatient | undefined> {
    if (!patientId) return undefined;
    await this.configure();
    if (this.gate === 'untrusted') return { kind: 'notResolved', why: 'ids are not resolved in Restricted Mode.' };
    if (this.gate === 'disabled') return { kind: 'notResolved', why: 'resolving ids is turned off (clinikapi.references.resolve).' };
    const resolution = await this.resolver.resolve('patient', patientId);
    if (resolution.state === 'resolved' && resolution.resource.kind === 'patient') {
      const resolved: ConfirmationPatient = { kind: 'resolved', name: resolution.resource.name, birthDate: resolution.resource.birthDate };
      if (text === undefined) return resolved;
      const texts = documentTexts(text);
      // The body's own patient only: the question names `patientId`, and the checks are about it.
      const problems = texts.patientId === patientId ? await resolvePatientTextProblems(texts, this.resolver, new Date()) : [];
      return problems.length > 0 ? { ...resolved, textWarnings: problems.map((p) => p.detail) } : resolved;
    }
    if (resolution.state === 'unknown') return { kind: 'unknown' };
    if (resolution.state === 'invalidId') return { kind: 'notResolved', why: 'it is not a ClinikAPI id.' };
    const state = this.reads.state;
    return { kind: 'notResolved', why: state.kind === 'ready' ? 'ClinikAPI did not answer.' : stateSentence(state) };
  }

  /** The reference whose string holds `position`. */
  async referenceAt(document: vscode.TextDocument, position: vscode.Position): Promise<DocumentReference | undefined> {
    const references = this.current(document)?.references ?? (await this.list(document))?.references ?? [];
    return references.find((r) => {
      const range = new vscode.Range(r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character);
      return range.contains(position);
    });
  }

  /** What is known of one id, reading it if needed (once: the resolver keeps it). */
  resolve(reference: { kind: DocumentReference['kind']; id: string }): Promise<Resolution> {
    return this.active ? this.resolver.resolve(reference.kind, reference.id) : Promise.resolve({ state: 'notResolved' });
  }

  /** Resolutions of a document's current version, keyed by kind and id. */
  resolutionOf(document: vscode.TextDocument, reference: DocumentReference): Resolution | undefined {
    return this.current(document)?.resolutions.get(cacheKey(reference.kind, reference.id));
  }

  private track(document: vscode.TextDocument): void {
    if (!isClinikDoc(document) || document.uri.scheme === 'clinikdoc-text') return;
    if (!this.active) return;
    this.documents.changed(document.uri.toString(), () => this.list(document));
  }

  private show(uri: string, result: DocumentResolution): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!document || !this.active) return;
    const warning = (range: vscode.Range, message: string, code: string) => {
      const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
      d.source = SERVER_DIAGNOSTIC_SOURCE;
      d.code = code;
      return d;
    };
    const ids = result.findings.map((f) => {
      const r = f.reference.range;
      return warning(new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), f.message, f.code);
    });
    // The text's offsets are of the version resolved: when the document has moved on, a run for the
    // new version is due (every change starts one), and it places them.
    const text = result.version === document.version
      ? result.textProblems.map((p) => warning(new vscode.Range(document.positionAt(p.start), document.positionAt(p.end)), p.message, p.code))
      : [];
    this.diagnostics.set(document.uri, [...ids, ...text]);
    this.changed.fire();
  }

  /** What ClinikAPI says about the words of the text at `offset` (the current version's), naming the patient. */
  textProblemAt(document: vscode.TextDocument, offset: number): string | undefined {
    const current = this.active ? this.current(document) : undefined;
    return current?.textProblems.find((p) => p.start <= offset && offset <= p.end)?.detail;
  }

  private stateChanged(state: ReadsState): void {
    const refusal = refusalMessage(state);
    if (refusal) {
      // Said once: reads stay off until the key changes, so this cannot repeat for the same key.
      this.diagnostics.clear();
      void vscode.window.showWarningMessage(refusal, 'Set API Key').then((picked) => {
        if (picked) void vscode.commands.executeCommand('clinikapi.setApiKey');
      });
    }
    this.changed.fire();
  }

  dispose(): void {
    this.documents.dispose();
    this.reads.dispose();
    this.resolver.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

import type { DocumentReference, ReferencesResult } from '../../../shared/protocol';
import { documentTexts } from '../patientText/documentTexts';
import { patientTextProblems, type PatientTextProblem } from './patientTextProblems';
import { findReferenceProblems, type Finding } from './referenceFindings';
import { cacheKey, type Resolution, type ReferenceResolver } from './referenceResolver';

/** What is known of one open document's references, for one version. */
export interface DocumentResolution {
  version: number;
  references: DocumentReference[];
  resolutions: Map<string, Resolution>;
  findings: Finding[];
  /** Where the text disagrees with the resolved patient (none when the listing came without the text). */
  textProblems: PatientTextProblem[];
  /** The resolver's scope (key, environment, origin) the answers are of: shown only while it is current. */
  scope: string;
}

export interface DocumentResolutionsOptions {
  /** Quiet time after the last change before anything is read: nothing is read while an id is typed. */
  debounceMs?: number;
  /** The day ages are judged on for a document without a date: now, by default. */
  today?: () => Date;
}

/** The server's list of a version's references, and that version's text (for the checks of the text). */
export type ListedReferences = NonNullable<ReferencesResult> & { text?: string };

/**
 * The references of each open document, resolved after the typing stops: `changed(uri, list)`
 * (re)starts a per-document timer; when it fires, the server's list is fetched, every distinct id
 * resolved (through the resolver's cache), the warnings computed (about the ids, and about the
 * text against the resolved patient) and `onUpdate` called. Kept in memory only, dropped on
 * `closed(uri)`.
 */
export class DocumentResolutions {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly latest = new Map<string, DocumentResolution>();
  private readonly runs = new Map<string, number>();
  private readonly debounceMs: number;
  private readonly today: () => Date;

  constructor(
    private readonly resolver: ReferenceResolver,
    private readonly onUpdate: (uri: string, result: DocumentResolution) => void,
    options: DocumentResolutionsOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 500;
    this.today = options.today ?? (() => new Date());
  }

  /** The document changed (or opened): resolve its references once typing has paused. */
  changed(uri: string, list: () => Promise<ListedReferences | null | undefined>): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri, list);
      }, this.debounceMs),
    );
  }

  /** Resolves now, without waiting (a confirmation, a command). */
  async now(uri: string, list: () => Promise<ListedReferences | null | undefined>): Promise<DocumentResolution | undefined> {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    return this.run(uri, list);
  }

  get(uri: string): DocumentResolution | undefined {
    return this.latest.get(uri);
  }

  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.latest.delete(uri);
    this.runs.delete(uri);
  }

  /**
   * Forgets every document's results (a new key or base URL); a run under way when it is called
   * resolves its document again (see `run`), the others on their next change.
   */
  clear(): void {
    this.latest.clear();
  }

  /** Whether a debounce timer is waiting (for tests and the bench). */
  get waiting(): number {
    return this.timers.size;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.latest.clear();
  }

  private async run(uri: string, list: () => Promise<ListedReferences | null | undefined>): Promise<DocumentResolution | undefined> {
    const run = (this.runs.get(uri) ?? 0) + 1;
    this.runs.set(uri, run);
    let listed: ListedReferences | null | undefined;
    try {
      listed = await list();
    } catch {
      listed = undefined; // the server could not list them: keep what was shown
    }
    if (!listed) return undefined;
    const scope = this.resolver.scope;
    const resolutions = await this.resolver.resolveAll(listed.references);
    if (this.runs.get(uri) !== run) return this.latest.get(uri); // a newer run started meanwhile
    // The base URL or key changed meanwhile: some answers may be of the old ClinikAPI, so none is
    // shown, and the document is resolved again against the one configured now.
    if (scope !== this.resolver.scope) return this.run(uri, list);
    const environment = this.resolver.reads.environment;
    const result: DocumentResolution = {
      version: listed.version,
      references: listed.references,
      resolutions,
      findings: environment ? findReferenceProblems(listed.references, resolutions, environment) : [],
      textProblems:
        environment && listed.text !== undefined
          ? patientTextProblems(documentTexts(listed.text), (kind, id) => resolutions.get(cacheKey(kind, id)), this.today())
          : [],
      scope,
    };
    this.latest.set(uri, result);
    this.onUpdate(uri, result);
    return result;
  }
}

import { CopyForwardIndex } from '../patientText/copyForward';
import { copyForwardProblems, type CopyForwardProblem } from '../patientText/copyForwardProblems';
import { documentTexts } from '../patientText/documentTexts';

export interface CopyForwardFeedOptions {
  /** A file's text as it is on disk; undefined when it cannot be read. Called once per file and content. */
  read(uri: string): Promise<string | undefined>;
  /** What the index holds changed: the open documents' problems may have too. */
  onIndexChanged?(): void;
  /** Files read at once while indexing the workspace (default 8). */
  concurrency?: number;
  /** A file longer than this (UTF-16 units) is not indexed: no clinical document is (default 2,000,000). */
  maxChars?: number;
}

/**
 * Keeps one CopyForwardIndex of a workspace's ClinikDoc files current, each file read once: at the
 * start every file the editor does not hold (`start`), then only what changed. A file the editor
 * holds is indexed from the editor's text (`fromEditor`, on open, edit and save) and never read; a
 * file changed on disk is read once (`diskChanged`), unless the editor holds it; when the editor lets
 * go of a document whose unsaved text was indexed (`closed`), the file is read once for what is on
 * disk. Plain code (no `vscode`); the index keeps hashes and offsets only (patientText/copyForward.ts).
 */
export class CopyForwardFeed {
  readonly index = new CopyForwardIndex();
  /** The files the editor holds: indexed from its text, not from disk. */
  private readonly held = new Set<string>();
  /** Held files last indexed from unsaved text. */
  private readonly unsaved = new Set<string>();
  /** Bumped by every event about a file: a read that ends after another event is stale. */
  private readonly events = new Map<string, number>();
  private readonly concurrency: number;
  private readonly maxChars: number;
  /** How many files were read from disk (for tests: each once). */
  reads = 0;

  constructor(private readonly options: CopyForwardFeedOptions) {
    this.concurrency = options.concurrency ?? 8;
    this.maxChars = options.maxChars ?? 2_000_000;
  }

  /** Indexes the workspace's files (the ones the editor holds are fed by it), a few reads at a time. */
  async start(uris: readonly string[]): Promise<void> {
    const queue = uris.filter((u) => !this.held.has(u) && !this.events.has(u));
    let next = 0;
    const worker = async () => {
      while (next < queue.length) await this.readAndIndex(queue[next++]!, false);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    if (queue.length > 0) this.options.onIndexChanged?.();
  }

  /** The editor holds `uri` with this text (opened, edited, saved); `unsaved` when it differs from disk. */
  fromEditor(uri: string, text: string, unsaved: boolean): void {
    this.bump(uri);
    this.held.add(uri);
    if (unsaved) this.unsaved.add(uri);
    else this.unsaved.delete(uri);
    this.indexText(uri, text);
    this.options.onIndexChanged?.();
  }

  /** The editor no longer holds `uri`: what is on disk is the file again (read once if the editor's text was unsaved). */
  async closed(uri: string): Promise<void> {
    this.held.delete(uri);
    if (!this.unsaved.delete(uri)) return;
    await this.readAndIndex(uri, true);
  }

  /** `uri` was created or changed on disk. The editor's events cover a file it holds. */
  async diskChanged(uri: string): Promise<void> {
    if (this.held.has(uri)) return;
    await this.readAndIndex(uri, true);
  }

  deleted(uri: string): void {
    this.bump(uri);
    this.held.delete(uri);
    this.unsaved.delete(uri);
    this.index.remove(uri);
    this.options.onIndexChanged?.();
  }

  /** The copy-forward problems of a document (indexed or not, saved or not) as its text is now. */
  problems(uri: string, text: string, label: (otherFile: string) => string): CopyForwardProblem[] {
    return copyForwardProblems(this.index, uri, documentTexts(text), label);
  }

  private async readAndIndex(uri: string, notify: boolean): Promise<void> {
    const event = this.bump(uri);
    this.reads++;
    let text: string | undefined;
    try {
      text = await this.options.read(uri);
    } catch {
      text = undefined;
    }
    if (this.events.get(uri) !== event) return; // the editor or another event came first
    if (text === undefined) this.index.remove(uri);
    else this.indexText(uri, text);
    if (notify) this.options.onIndexChanged?.();
  }

  private indexText(uri: string, text: string): void {
    if (text.length > this.maxChars) {
      this.index.remove(uri);
      return;
    }
    const texts = documentTexts(text);
    this.index.update(uri, texts.patientId, texts.segments);
  }

  private bump(uri: string): number {
    const n = (this.events.get(uri) ?? 0) + 1;
    this.events.set(uri, n);
    return n;
  }
}

/**
 * Copy-forward across a workspace: the paragraphs of one patient's document that also appear in a
 * document of another patient — the way text written about one person ends up in another's record.
 *
 * Plain code (no `vscode`, no Node built-ins). Only hashes of normalized paragraphs are kept, with
 * where each paragraph is in its file: never the text, in memory only, never written anywhere.
 */
import { BOILERPLATE_PHRASES } from './boilerplate';
import { normalizeParagraph, paragraphsOf } from './paragraphs';
import { cyrb53 } from './stringHash';

/** A piece of a document's text to index or check: usually one section's text. */
export interface CopyForwardSegment {
  /** Given back in matches (e.g. a JSON path). */
  id: string;
  text: string;
}

/** A paragraph of the checked document that a file of another patient also holds. */
export interface CopyForwardMatch {
  /** The `id` of the segment the paragraph is in. */
  segment: string;
  /** Offsets into that segment's text. */
  start: number;
  end: number;
  /** The file of another patient that holds it (the first in URI order when several do). */
  otherFile: string;
}

export interface CopyForwardOptions {
  /** Phrases never to count, on top of BOILERPLATE_PHRASES (a team's own template sentences). */
  extraBoilerplate?: readonly string[];
  /**
   * A paragraph counts when, normalized and with its boilerplate phrases taken out, at least this
   * many characters are left: 80 by default, about one full clinical sentence. One long sentence is
   * enough ("Mrs X is a 45-year-old woman with type 2 diabetes and a previous left mastectomy."
   * copied to another patient is the case to catch); short lines ("Plan: as above.") never are.
   */
  minLength?: number;
  /**
   * A paragraph that the files of this many different patients share (the checked one counted) is
   * a template, not a copy, and is not reported: 3 by default; 0 never treats one as a template.
   */
  templateAcrossPatients?: number;
}

interface HashedParagraph {
  hash: number;
  segment: string;
  start: number;
  end: number;
}

/** One indexed file: its patient, and its paragraphs' hashes and offsets in typed arrays (no text). */
interface IndexedFile {
  patientId: string;
  hashes: Float64Array;
  /** The index in `segments` of each paragraph's segment id. */
  segmentOf: Uint32Array;
  segments: string[];
  starts: Uint32Array;
  ends: Uint32Array;
}

/**
 * The index. `update` a file whenever its text or its `patientId` changes, `remove` it when it is
 * deleted or closed for good, and ask `matches` for the document being edited.
 *
 * Cost: `update` and `matches` read each text once (splitting, normalizing, one boilerplate
 * pattern and one cyrb53 per line: linear in its length, a few milliseconds for 100 KB); `matches`
 * then costs one lookup per paragraph. Memory is about 100 bytes per indexed paragraph, whatever its
 * length (8 for its hash and 12 for where it is, the rest the map entry from its hash to its file):
 * 10,000 documents of 20 paragraphs take about 20 MB. `remove` costs the file's paragraphs.
 */
export class CopyForwardIndex {
  private readonly files = new Map<string, IndexedFile>();
  /** For each hash, the file that holds it, or the files when several do. */
  private readonly holders = new Map<number, string | string[]>();
  private readonly indexedPhrases: readonly string[];
  private readonly boilerplate: RegExp | undefined;
  private checkedBoilerplate: RegExp | undefined;
  private readonly minLength: number;
  private readonly templateAcrossPatients: number;

  constructor(options: CopyForwardOptions = {}) {
    this.indexedPhrases = [...BOILERPLATE_PHRASES, ...(options.extraBoilerplate ?? [])];
    this.boilerplate = phrasePattern(this.indexedPhrases);
    this.checkedBoilerplate = this.boilerplate;
    this.minLength = options.minLength ?? 80;
    this.templateAcrossPatients = options.templateAcrossPatients ?? 3;
  }

  /**
   * More phrases that never count in the texts checked from now on (a user's own boilerplate, from
   * a setting), in place of the ones set before. They take effect at once without indexing any file
   * again: a paragraph is reported only when the checked text's own paragraph counts.
   */
  setCheckedPhrases(phrases: readonly string[]): void {
    this.checkedBoilerplate = phrases.length > 0 ? phrasePattern([...this.indexedPhrases, ...phrases]) : this.boilerplate;
  }

  /** How many files are indexed. */
  get size(): number {
    return this.files.size;
  }

  /**
   * Indexes `fileUri` as the document of `patientId` with these texts, in place of what it held.
   * A document without a patient is not indexed (nothing can be another patient's copy of it).
   */
  update(fileUri: string, patientId: string | undefined, texts: readonly CopyForwardSegment[]): void {
    this.remove(fileUri);
    if (!patientId) return;
    const paragraphs = this.hashed(texts);
    const segments = [...new Set(paragraphs.map((p) => p.segment))];
    const file: IndexedFile = {
      patientId,
      hashes: Float64Array.from(paragraphs, (p) => p.hash),
      segmentOf: Uint32Array.from(paragraphs, (p) => segments.indexOf(p.segment)),
      segments,
      starts: Uint32Array.from(paragraphs, (p) => p.start),
      ends: Uint32Array.from(paragraphs, (p) => p.end),
    };
    this.files.set(fileUri, file);
    for (const hash of file.hashes) {
      const held = this.holders.get(hash);
      if (held === undefined) this.holders.set(hash, fileUri);
      else if (typeof held === 'string') {
        if (held !== fileUri) this.holders.set(hash, [held, fileUri]);
      } else if (!held.includes(fileUri)) held.push(fileUri);
    }
  }

  /** Forgets `fileUri`. */
  remove(fileUri: string): void {
    const file = this.files.get(fileUri);
    if (!file) return;
    this.files.delete(fileUri);
    for (const hash of file.hashes) {
      const held = this.holders.get(hash);
      if (held === fileUri) this.holders.delete(hash);
      else if (Array.isArray(held)) {
        const rest = held.filter((f) => f !== fileUri);
        if (rest.length === 1) this.holders.set(hash, rest[0]!);
        else this.holders.set(hash, rest);
      }
    }
  }

  /**
   * The paragraphs of these texts (of `fileUri`, the document of `patientId`) that an indexed file
   * of another patient also holds, in order. The file itself, files of the same patient and files
   * without a patient never count; `fileUri` need not be indexed.
   */
  matches(fileUri: string, patientId: string | undefined, texts: readonly CopyForwardSegment[]): CopyForwardMatch[] {
    if (!patientId) return [];
    return this.matchesFor(fileUri, patientId, this.hashed(texts, this.checkedBoilerplate));
  }

  /**
   * `matches` for a file as it was indexed, from its hashes alone (no text): for a batch that
   * indexes every file first, then asks which of them hold another patient's paragraphs.
   */
  matchesOf(fileUri: string): CopyForwardMatch[] {
    const file = this.files.get(fileUri);
    if (!file) return [];
    const paragraphs = Array.from(file.hashes, (hash, i) => ({ hash, segment: file.segments[file.segmentOf[i]!]!, start: file.starts[i]!, end: file.ends[i]! }));
    return this.matchesFor(fileUri, file.patientId, paragraphs);
  }

  private matchesFor(fileUri: string, patientId: string, paragraphs: readonly HashedParagraph[]): CopyForwardMatch[] {
    const out: CopyForwardMatch[] = [];
    for (const p of paragraphs) {
      const held = this.holders.get(p.hash);
      if (held === undefined) continue;
      let otherFile: string | undefined;
      const patients = new Set([patientId]);
      for (const file of typeof held === 'string' ? [held] : held) {
        const pid = this.files.get(file)?.patientId;
        if (file === fileUri || pid === undefined) continue;
        patients.add(pid);
        if (pid !== patientId && (otherFile === undefined || file < otherFile)) otherFile = file;
      }
      if (otherFile === undefined) continue;
      if (this.templateAcrossPatients > 0 && patients.size >= this.templateAcrossPatients) continue;
      out.push({ segment: p.segment, start: p.start, end: p.end, otherFile });
    }
    return out;
  }

  /** The paragraphs of the texts that count, hashed (the text itself goes no further). */
  private hashed(texts: readonly CopyForwardSegment[], boilerplate = this.boilerplate): HashedParagraph[] {
    const out: HashedParagraph[] = [];
    for (const segment of texts) {
      for (const p of paragraphsOf(segment.text)) {
        if (this.substance(p.normalized, boilerplate) < this.minLength) continue;
        out.push({ hash: cyrb53(p.normalized), segment: segment.id, start: p.start, end: p.end });
      }
    }
    return out;
  }

  /** How many characters of a normalized paragraph are not boilerplate (nor the punctuation and spaces it leaves). */
  private substance(normalized: string, boilerplate: RegExp | undefined): number {
    if (normalized.length < this.minLength || !boilerplate) return normalized.length;
    const rest = normalized.replace(boilerplate, '\u0000');
    if (rest === normalized) return normalized.length;
    return rest.replace(/[\s\p{P}]*\u0000[\s\p{P}]*/gu, ' ').trim().length;
  }
}

/** One pattern matching any of the phrases, normalized, as whole words, longest first. */
function phrasePattern(phrases: readonly string[]): RegExp | undefined {
  const escaped = phrases
    .map((p) => normalizeParagraph(p).replace(/[.\s]+$/, ''))
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return escaped.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : undefined;
}

/** What a submission in flight is doing now, for the message a second Submit shows. */
export type SubmissionStage = 'checking' | 'asking' | 'sending' | 'waitingForRetry';

/** A submission that has started and not ended, as another Submit sees it. */
export interface SubmissionInFlight {
  /** The document being submitted (its URI), so the VS Code layer can reveal it. */
  readonly documentKey: string;
  /** How the user knows that document (its file name). */
  readonly label: string;
  readonly stage: SubmissionStage;
}

/** One submission's hold on its document and on the content it is about to send. */
export interface SubmissionClaim extends SubmissionInFlight {
  stage: SubmissionStage;
  /**
   * Claims the content (the SHA-256 of the bytes) this submission will send, giving up the one
   * it claimed before. Answers the other submission already sending that content, if any (then
   * nothing is claimed).
   */
  claimContent(sha256: string): SubmissionInFlight | undefined;
  /** Ends the submission: its document and content are free again. Idempotent. */
  end(): void;
}

export type BeginResult = { ok: true; claim: SubmissionClaim } | { ok: false; busy: SubmissionInFlight };

/**
 * One submission of a document at a time, and of a content at a time: creating a document is not
 * idempotent, so a second Submit while the first is checking, asking, sending or waiting out a
 * `Retry-After` must send nothing. One instance per window (extension host); what outlives the
 * window is the submission's record (record/submissionRecords.ts). Claims are taken synchronously, so two Submits
 * started in the same tick cannot both get through.
 */
export class SubmissionsInFlight {
  private readonly byDocument = new Map<string, SubmissionClaim>();
  private readonly byContent = new Map<string, SubmissionClaim>();

  /** Starts a submission of the document, or answers the one already in flight for it. */
  begin(documentKey: string, label: string): BeginResult {
    const busy = this.byDocument.get(documentKey);
    if (busy) return { ok: false, busy };
    const byContent = this.byContent;
    const byDocument = this.byDocument;
    let content: string | undefined;
    let ended = false;
    const claim: SubmissionClaim = {
      documentKey,
      label,
      stage: 'checking',
      claimContent(sha256) {
        const other = byContent.get(sha256);
        if (other && other !== claim) return other;
        if (content !== undefined && content !== sha256 && byContent.get(content) === claim) byContent.delete(content);
        content = sha256;
        byContent.set(sha256, claim);
        return undefined;
      },
      end() {
        if (ended) return;
        ended = true;
        if (byDocument.get(documentKey) === claim) byDocument.delete(documentKey);
        if (content !== undefined && byContent.get(content) === claim) byContent.delete(content);
      },
    };
    byDocument.set(documentKey, claim);
    return { ok: true, claim };
  }

  /** The submissions in flight now. */
  list(): SubmissionInFlight[] {
    return [...this.byDocument.values()];
  }
}

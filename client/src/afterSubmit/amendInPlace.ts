import { STRICT_PARSE_OPTIONS } from '../../../shared/protocol';
import { parse, type ParseError } from 'jsonc-parser';
import { amendInPlaceUpdate, unremovableFields, type DocumentBody } from './compareWithSubmitted';
import { describeFailure, readDocument, updateDocument, type DocumentUpdate, type DocumentsConnection, type UpdatableField } from '../api/documentsApi';
import type { SubmissionRecord, SubmissionRecords } from '../record/submissionRecords';

/**
 * "Amend Submitted Document", in place: `PATCH /v1/documents/{id}` with the fields of the file
 * that differ from the server's copy and `status: "amended"`. The same rules as Submit: only a
 * document the language server checked and found without errors, confirmed (naming production
 * for a live key), one request, never resent by itself — a PATCH repeated with the same body does
 * no harm, so a retry is offered, and sent only when the user says so.
 */

export interface AmendRequest {
  file: string;
  text: string;
  /** Errors the language server reports now; undefined when it could not check. */
  errorCount: number | undefined;
  /** The entry the file is linked to (its created document). */
  linked: SubmissionRecord;
  keyKind: 'test' | 'live';
  origin: string;
}

export interface AmendUi {
  /** The last question: update `id` in place, changing these fields? `live`: production. `cannotRemove`: fields a PATCH cannot take away. */
  confirmUpdate(question: { id: string; changed: UpdatableField[]; live: boolean; cannotRemove: UpdatableField[] }): Promise<boolean>;
  withProgress<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

export type AmendResult =
  | { kind: 'refused'; text: string }
  | { kind: 'declined' }
  | { kind: 'unchanged'; text: string }
  | { kind: 'updated'; id: string; changed: UpdatableField[]; text: string }
  /** Sent without a clear answer: it may have been applied. `retry` sends the same update again. */
  | { kind: 'unknown'; id: string; update: DocumentUpdate; text: string }
  | { kind: 'failed'; text: string };

export async function amendInPlace(
  conn: DocumentsConnection,
  req: AmendRequest,
  ui: AmendUi,
  history: SubmissionRecords,
  now: () => Date = () => new Date(),
): Promise<AmendResult> {
  const refusal = checkedBody(req);
  if ('text' in refusal) return { kind: 'refused', text: refusal.text };
  const id = req.linked.documentId as string;
  const read = await ui.withProgress((signal) => readDocument({ ...conn, signal }, id));
  if (read.kind === 'notFound') return { kind: 'failed', text: `${id} is not in ClinikAPI (404): it may have been deleted. Nothing was sent.` };
  if (read.kind === 'failed') return { kind: 'failed', text: `${describeFailure(read, `reading ${id}`)} Nothing was sent.` };
  const { update, changed } = amendInPlaceUpdate(refusal.body, read.value);
  if (changed.length === 0) return { kind: 'unchanged', text: `${id} in ClinikAPI already matches the file and is amended: nothing to send.` };
  const cannotRemove = unremovableFields(refusal.body, read.value);
  if (!(await ui.confirmUpdate({ id, changed, live: req.keyKind === 'live', cannotRemove }))) return { kind: 'declined' };
  return sendUpdate(conn, req, id, update, changed, ui, history, now);
}

/** Sends an update that was confirmed before (the first time, or a retry the user asked for). */
export async function sendUpdate(
  conn: DocumentsConnection,
  req: Pick<AmendRequest, 'file' | 'keyKind' | 'origin'>,
  id: string,
  update: DocumentUpdate,
  changed: UpdatableField[],
  ui: Pick<AmendUi, 'withProgress'>,
  history: SubmissionRecords,
  now: () => Date = () => new Date(),
): Promise<AmendResult> {
  const sentAt = now().toISOString();
  const result = await ui.withProgress((signal) => updateDocument({ ...conn, signal }, id, update));
  const base = { file: req.file, action: 'update' as const, claimedAt: sentAt, sentAt, origin: req.origin, keyKind: req.keyKind, documentId: id };
  if (result.kind === 'ok') {
    await history.add({ ...base, time: now().toISOString(), state: 'updated', requestId: result.requestId });
    const fields = changed.filter((f) => f !== 'status');
    return {
      kind: 'updated',
      id,
      changed,
      text: `Updated ${id} in place: status amended${fields.length ? `; ${fields.join(', ')} changed` : ''}.${result.requestId ? ` Request id: ${result.requestId}.` : ''}`,
    };
  }
  if (result.kind === 'notFound') {
    await history.add({ ...base, time: now().toISOString(), state: 'rejected', requestId: result.requestId });
    return { kind: 'failed', text: `${id} is not in ClinikAPI (404): it may have been deleted. Nothing was changed.` };
  }
  if (result.mayHaveApplied) {
    await history.add({ ...base, time: now().toISOString(), state: 'unknown', requestId: result.requestId });
    return {
      kind: 'unknown',
      id,
      update,
      text: `${describeFailure(result, `updating ${id}`, 'write')} The update may have been applied. ClinikDoc did not resend it; sending the same update again does no harm.`,
    };
  }
  await history.add({ ...base, time: now().toISOString(), state: 'rejected', requestId: result.requestId });
  return { kind: 'failed', text: `${describeFailure(result, `updating ${id}`, 'write')} Nothing was changed.` };
}

/** The file's body, or why it may not be sent (the rules of Submit). */
export function checkedBody(req: Pick<AmendRequest, 'text' | 'errorCount' | 'linked' | 'keyKind' | 'origin'>): { body: DocumentBody } | { text: string } {
  if (req.errorCount === undefined) {
    return { text: "ClinikDoc's language server could not check the document (it is not running or did not answer), so nothing was sent." };
  }
  if (req.errorCount > 0) return { text: `The document has ${req.errorCount} error${req.errorCount === 1 ? '' : 's'}; fix ${req.errorCount === 1 ? 'it' : 'them'} first. Nothing was sent.` };
  if (req.linked.keyKind !== req.keyKind || req.linked.origin !== req.origin) {
    return {
      text: `The file is linked to ${req.linked.documentId} in ${req.linked.keyKind === 'live' ? 'production' : 'the sandbox'} at ${req.linked.origin}, but your key and clinikapi.baseUrl now point ${req.keyKind === 'live' ? 'to production' : 'to the sandbox'} at ${req.origin}. Nothing was sent.`,
    };
  }
  const errors: ParseError[] = [];
  const value: unknown = parse(req.text, errors, STRICT_PARSE_OPTIONS);
  if (errors.length > 0 || value === null || typeof value !== 'object' || Array.isArray(value)) return { text: 'The document is not one JSON object. Nothing was sent.' };
  return { body: value as DocumentBody };
}

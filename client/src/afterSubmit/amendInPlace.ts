import { STRICT_PARSE_OPTIONS } from '../../../shared/protocol';
import { parse, type ParseError } from 'jsonc-parser';
import { amendInPlaceUpdate, compareWithSubmitted, differencesUpdateCannotMake, unremovableFields, type DocumentBody, type FieldComparison } from './compareWithSubmitted';
import { compositionAsBody } from './compositionAsBody';
import {
  UPDATABLE_FIELDS,
  describeFailure,
  readDocument,
  updateDocument,
  type ApiResult,
  type DocumentUpdate,
  type DocumentsConnection,
  type UpdatableField,
} from '../api/documentsApi';
import type { Composition } from '../api/composition';
import type { SubmissionRecord, SubmissionRecords } from '../record/submissionRecords';

/**
 * "Amend Submitted Document", in place: `PATCH /v1/documents/{id}` with the fields of the file
 * that differ from the server's copy and `status: "amended"`. The same rules as Submit: only a
 * document the language server checked and found without errors, confirmed (naming production
 * for a live key), one request, never resent by itself — a PATCH repeated with the same body does
 * no harm, so a retry is offered, and sent only when the user says so. A difference the update
 * cannot make (the patient, the type, the date …: fields outside the SDK's
 * `DocumentUpdateRequest`) is refused before anything is asked, naming the field and the way that
 * works: a new document.
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

/** A difference an update cannot make, as the refusal names it. */
export interface BlockingDifference {
  path: string;
  server: string | undefined;
  local: string | undefined;
}

export type AmendResult =
  | { kind: 'refused'; text: string }
  | { kind: 'declined' }
  | { kind: 'unchanged'; text: string }
  /**
   * The file differs from the server's copy in a field `PATCH` cannot take (the patient, the type
   * …): nothing was sent. The way that works is a new document (`newDocument`); `wrongPatient`
   * when it is the patient, so the one in ClinikAPI is filed under someone else.
   */
  | { kind: 'cannotUpdate'; id: string; differences: BlockingDifference[]; wrongPatient?: { server: string | undefined; local: string | undefined }; text: string }
  /** The server's copy changed between the comparison and the PATCH: nothing was sent. */
  | { kind: 'changedSinceCompared'; id: string; text: string }
  | { kind: 'updated'; id: string; changed: UpdatableField[]; text: string }
  /** Sent without a clear answer: it may have been applied. `retry` sends the same update again. */
  | { kind: 'unknown'; id: string; update: DocumentUpdate; changed: UpdatableField[]; compared: Composition; text: string }
  /** `compareAgain`: the document changed elsewhere (409), so Compare with Submitted is the next step. */
  | { kind: 'failed'; text: string; compareAgain?: boolean };

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
  const blocking = differencesUpdateCannotMake(compareWithSubmitted(refusal.body, read.value));
  if (blocking.length > 0) return cannotUpdate(id, blocking);
  const { update, changed } = amendInPlaceUpdate(refusal.body, read.value);
  if (changed.length === 0) return { kind: 'unchanged', text: `${id} in ClinikAPI already matches the file and is amended: nothing to send.` };
  const cannotRemove = unremovableFields(refusal.body, read.value);
  if (!(await ui.confirmUpdate({ id, changed, live: req.keyKind === 'live', cannotRemove }))) return { kind: 'declined' };
  return sendUpdate(conn, req, id, update, changed, read.value, ui, history, now);
}

/**
 * Sends an update that was confirmed before (the first time, or a retry the user asked for),
 * against the server's copy it was worked out from (`compared`): right before the PATCH the
 * document is read again, and if its version moved on (someone changed it meanwhile, in another
 * window or system) nothing is sent. ClinikAPI documents no If-Match, so this read is the check.
 */
export async function sendUpdate(
  conn: DocumentsConnection,
  req: Pick<AmendRequest, 'file' | 'keyKind' | 'origin'>,
  id: string,
  update: DocumentUpdate,
  changed: UpdatableField[],
  compared: Composition,
  ui: Pick<AmendUi, 'withProgress'>,
  history: SubmissionRecords,
  now: () => Date = () => new Date(),
): Promise<AmendResult> {
  const base = { file: req.file, action: 'update' as const, origin: req.origin, keyKind: req.keyKind, documentId: id };
  const sent = await ui.withProgress(async (signal) => {
    const current = await readDocument({ ...conn, signal }, id);
    if (current.kind !== 'ok') return { current };
    const moved = versionChange(compared, current.value);
    if (moved !== undefined) return { current, moved };
    const sentAt = now().toISOString();
    return { current, sentAt, result: await updateDocument({ ...conn, signal }, id, update) };
  });
  if (sent.current.kind === 'notFound') return { kind: 'failed', text: `${id} is not in ClinikAPI (404): it may have been deleted. Nothing was sent.` };
  if (sent.current.kind === 'failed') return { kind: 'failed', text: `${describeFailure(sent.current, `reading ${id} again before updating it`)} Nothing was sent.` };
  if (sent.moved !== undefined) {
    return {
      kind: 'changedSinceCompared',
      id,
      text: `${id} changed in ClinikAPI since ClinikDoc compared it with the file (${sent.moved}), so nothing was sent: the update would have overwritten that change. Compare with Submitted to see what it is now, then amend again.`,
    };
  }
  const result = sent.result as ApiResult<Composition>;
  const sentAt = sent.sentAt as string;
  if (result.kind === 'ok') {
    await history.add({ ...base, claimedAt: sentAt, sentAt, time: now().toISOString(), state: 'updated', requestId: result.requestId });
    const fields = changed.filter((f) => f !== 'status');
    return {
      kind: 'updated',
      id,
      changed,
      text: `Updated ${id} in place: status amended${fields.length ? `; ${fields.join(', ')} changed` : ''}.${result.requestId ? ` Request id: ${result.requestId}.` : ''}`,
    };
  }
  if (result.kind === 'notFound') {
    await history.add({ ...base, claimedAt: sentAt, sentAt, time: now().toISOString(), state: 'rejected', requestId: result.requestId });
    return { kind: 'failed', text: `${id} is not in ClinikAPI (404): it may have been deleted. Nothing was changed.` };
  }
  if (result.mayHaveApplied) {
    await history.add({ ...base, claimedAt: sentAt, sentAt, time: now().toISOString(), state: 'unknown', requestId: result.requestId });
    return {
      kind: 'unknown',
      id,
      update,
      changed,
      compared,
      text: `${describeFailure(result, `updating ${id}`, 'write')} The update may have been applied. ClinikDoc did not resend it; sending the same update again does no harm.`,
    };
  }
  await history.add({ ...base, claimedAt: sentAt, sentAt, time: now().toISOString(), state: 'rejected', requestId: result.requestId });
  if (result.why === 'conflict') {
    return { kind: 'failed', compareAgain: true, text: `${describeFailure(result, `updating ${id}`, 'write')} Nothing was changed. Compare with Submitted to see what it is now, then amend again.` };
  }
  return { kind: 'failed', text: `${describeFailure(result, `updating ${id}`, 'write')} Nothing was changed.` };
}

/**
 * Sends again an update whose answer was lost. If it was applied after all, the server's copy is
 * now the compared one with this update's fields: that is not a change by someone else, and the
 * update is sent again against what is there now (repeating it does no harm).
 */
export async function retryUpdate(
  conn: DocumentsConnection,
  req: Pick<AmendRequest, 'file' | 'keyKind' | 'origin'>,
  lost: Extract<AmendResult, { kind: 'unknown' }>,
  ui: Pick<AmendUi, 'withProgress'>,
  history: SubmissionRecords,
  now: () => Date = () => new Date(),
): Promise<AmendResult> {
  const current = await ui.withProgress((signal) => readDocument({ ...conn, signal }, lost.id));
  const compared = current.kind === 'ok' && appliedOnTop(lost.compared, current.value, lost.update) ? current.value : lost.compared;
  return sendUpdate(conn, req, lost.id, lost.update, lost.changed, compared, ui, history, now);
}

/** Whether `current` is `compared` with `update` applied and nothing else (one version later). */
function appliedOnTop(compared: Composition, current: Composition, update: DocumentUpdate): boolean {
  const before = compared.meta?.versionId;
  const after = current.meta?.versionId;
  if (before === undefined || after === undefined || !/^\d+$/.test(before) || Number(after) !== Number(before) + 1) return false;
  const body = { ...compositionAsBody(compared), ...update };
  return compareWithSubmitted(body, current).every((c) => c.same);
}

/** How the server's copy moved on since `compared` (its `meta.versionId`, else `meta.lastUpdated`), or undefined when it did not. */
export function versionChange(compared: Composition, current: Composition): string | undefined {
  const was = compared.meta?.versionId;
  const is = current.meta?.versionId;
  if (was !== undefined || is !== undefined) return was === is ? undefined : `version ${was ?? '(none)'} then, ${is ?? '(none)'} now`;
  const then = compared.meta?.lastUpdated;
  const nowAt = current.meta?.lastUpdated;
  if (then !== undefined || nowAt !== undefined) return then === nowAt ? undefined : `last updated ${then ?? '(unknown)'} then, ${nowAt ?? '(unknown)'} now`;
  // Neither says its version: what the comparison saw is what counts.
  return compareWithSubmitted(compositionAsBody(compared), current).every((c) => c.same) ? undefined : 'its content';
}

function cannotUpdate(id: string, blocking: FieldComparison[]): Extract<AmendResult, { kind: 'cannotUpdate' }> {
  const differences = blocking.map((c) => ({ path: c.path, server: c.server, local: c.local }));
  const patient = blocking.find((c) => c.path === 'patientId');
  const fields = [...new Set(blocking.map((c) => c.field))];
  const named = differences
    .slice(0, 3)
    .map((d) => `${d.path} differs: ${shown(d.server)} in ClinikAPI, ${shown(d.local)} in the file`)
    .join('; ');
  const more = differences.length > 3 ? ` (and ${differences.length - 3} more)` : '';
  const why = patient
    ? 'ClinikAPI cannot move a document to another patient'
    : `an update in place can change only ${UPDATABLE_FIELDS.join(', ')}, not ${fields.join(', ')}`;
  const wayOut = patient
    ? ` The way that works: submit this file as a new document for ${shown(patient.local)}. ${id} stays in ClinikAPI under ${shown(patient.server)}, with this document's content, until it is deleted there: ClinikAPI's document statuses (preliminary, final, amended) have no "entered in error", so no update can mark it as filed under the wrong patient.`
    : ` The way that works: submit this file as a new document (it can replace ${id}: Amend → File a replacement). ${id} stays in ClinikAPI as it is.`;
  return {
    kind: 'cannotUpdate',
    id,
    differences,
    wrongPatient: patient ? { server: patient.server, local: patient.local } : undefined,
    text: `${id} was not updated: ${named}${more}; ${why}. Nothing was sent.${wayOut}`,
  };
}

function shown(value: string | undefined): string {
  if (value === undefined) return '(none)';
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
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

import { findSameTitledToday } from './createdCheck';
import type { DocumentBody } from './compareWithSubmitted';
import { describeFailure, type DocumentsConnection } from '../api/documentsApi';
import { resolvedPatient, type ConfirmationPatient } from '../submit/messages';

/** `clinikapi.duplicateSearch`: before which submissions to look for the same document from today. */
export type DuplicateSearchSetting = 'liveKeys' | 'allKeys' | 'off';

export interface DuplicateQuestion {
  /** Same patient, type and title from today: `found` lists them; `unchecked` says why the search gave no answer. */
  kind: 'found' | 'unchecked';
  text: string;
}

/**
 * Before a submission: one search for the patient's documents of this type from today with the
 * same title — a colleague on another machine may have filed it. Answers the question to ask,
 * or undefined when there is none (nothing found, or the search is off for this key).
 */
export async function duplicateElsewhereQuestion(
  conn: DocumentsConnection,
  input: {
    body: DocumentBody;
    keyKind: 'test' | 'live';
    setting: DuplicateSearchSetting;
    now?: Date;
    formatTime: (iso: string) => string;
    /**
     * Who the body's patient id is (ids/referenceService.ts: the read the live
     * confirmation makes anyway, kept in memory): asked only when a question names the patient.
     */
    patient?: (patientId: string) => Promise<ConfirmationPatient | undefined>;
  },
): Promise<DuplicateQuestion | undefined> {
  if (input.setting === 'off' || (input.setting === 'liveKeys' && input.keyKind !== 'live')) return undefined;
  const result = await findSameTitledToday(conn, input.body, input.now ?? new Date());
  if (result.kind === 'cannotSearch') return undefined;
  if (result.kind === 'failed') {
    return {
      kind: 'unchecked',
      text: `ClinikDoc could not look for the same document filed today from elsewhere: ${describeFailure(result, 'searching')} Submit anyway?`,
    };
  }
  if (result.matches.length === 0) return undefined;
  const first = result.matches[0];
  const more = result.matches.length > 1 ? ` and ${result.matches.length - 1} more` : '';
  const patientId = String(input.body.patientId);
  const patient = await input.patient?.(patientId);
  // The right patient: their name where ClinikAPI told us, never a name for another id.
  const who = patient?.kind === 'resolved' ? resolvedPatient(patientId, patient) : `Patient ${patientId}`;
  return {
    kind: 'found',
    text: `${who} already has a "${String(input.body.title)}" from today${first.time ? `, ${input.formatTime(first.time)}` : ''} (${first.id}${more}): submit another?`,
  };
}

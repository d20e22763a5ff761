import { certificateProblem } from '../api/certificateErrors';
import { missingScopeText, tooManyRequestsText } from '../api/limitMessages';
import type { SubmissionOutcome } from '../api/outcome';
import type { QuotaSnapshot } from '../api/quota';
import type { SubmissionRecord } from '../record/submissionRecords';

/** Buttons a message can offer; the VS Code layer turns each into a command. */
export type MessageAction = 'copyId' | 'setApiKey' | 'openProblems' | 'showLog' | 'openSettings' | 'showSubmission' | 'fixDuplicateKey';

export interface UserMessage {
  severity: 'info' | 'warning' | 'error';
  text: string;
  actions: MessageAction[];
}

const MAY_EXIST = 'The document may have been created: check in ClinikAPI before submitting again. ClinikDoc did not resend it.';

function requestIdText(requestId: string | undefined): string {
  return requestId ? `Request id: ${requestId}.` : 'No request id was received.';
}

const UNAUTHORIZED: Record<string, string> = {
  UNAUTHORIZED: 'ClinikAPI received no API key.',
  INVALID_KEY_FORMAT: 'ClinikAPI rejected the API key: it does not have the shape of a ClinikAPI key.',
  INVALID_KEY: 'ClinikAPI does not know this API key.',
  KEY_REVOKED: 'This API key was revoked.',
  KEY_EXPIRED: 'This API key has expired.',
};

/** The notification for one outcome, in the clinician's words. Never quotes the document. */
export function describeOutcome(
  outcome: SubmissionOutcome,
  context: { timeoutSeconds: number; origin: string; retried: boolean; quota?: QuotaSnapshot },
): UserMessage {
  const rid = requestIdText(outcome.requestId);
  switch (outcome.kind) {
    case 'created':
      return { severity: 'info', text: `Document created: ${outcome.id}. ${rid}`, actions: ['copyId'] };
    case 'validationFailed': {
      const n = outcome.issues.length;
      return {
        severity: 'error',
        text: `ClinikAPI rejected the document: ${n} problem${n === 1 ? '' : 's'}, marked in the editor (source ClinikAPI). Nothing was created. ${rid}`,
        actions: ['openProblems'],
      };
    }
    case 'unauthorized':
      return {
        severity: 'error',
        text: `${UNAUTHORIZED[outcome.code ?? ''] ?? 'ClinikAPI did not accept the API key.'} Set a valid key and submit again. Nothing was created. ${rid}`,
        actions: ['setApiKey'],
      };
    case 'forbidden':
      return { severity: 'error', text: `${missingScopeText('write', outcome.code)} Nothing was created. ${rid}`, actions: ['setApiKey'] };
    case 'rateLimited':
      return {
        severity: 'warning',
        text: `${context.retried ? 'Still refused after one retry. ' : ''}${tooManyRequestsText(outcome, context.quota)} Nothing was created. ${rid}`,
        actions: [],
      };
    case 'quotaExceeded':
      return { severity: 'error', text: `${tooManyRequestsText(outcome, context.quota)} Nothing was created. ${rid}`, actions: [] };
    case 'rejected':
      return {
        severity: 'error',
        text: `ClinikAPI refused the request (${outcome.status}${outcome.code ? ` ${outcome.code}` : ''}${
          outcome.message ? `: ${outcome.message}` : ''
        }). Nothing was created. ${rid}`,
        actions: ['showLog'],
      };
    case 'redirected':
      return {
        severity: 'error',
        text: `${context.origin} answered with a redirect${outcome.status ? ` (${outcome.status})` : ''}. ClinikDoc does not follow redirects, so your key is only ever sent to clinikapi.baseUrl. ${
          outcome.mayExist
            ? `A server that redirects a submission may have acted on it before answering. ${MAY_EXIST}`
            : 'The document itself was never sent (only the browser\'s check before it was redirected), so nothing was created.'
        } Check the clinikapi.baseUrl setting. ${rid}`,
        actions: ['openSettings', 'showLog'],
      };
    case 'serverError':
      return {
        severity: 'error',
        text: `ClinikAPI failed with ${outcome.status}${outcome.code ? ` ${outcome.code}` : ''}. ${MAY_EXIST} ${rid}`,
        actions: ['showLog'],
      };
    case 'invalidResponse':
      return {
        severity: 'error',
        text: `ClinikAPI's answer (status ${outcome.status}) could not be read. ${outcome.mayExist ? MAY_EXIST : 'Nothing was created.'} ${rid}`,
        actions: ['showLog'],
      };
    case 'transportFailed': {
      if (outcome.failure === 'untrustedCertificate') {
        return {
          severity: 'error',
          text: `The certificate of ${context.origin} is not trusted (${
            certificateProblem(outcome.errorCode) ?? 'TLS refused it'
          }), so ClinikDoc stopped during the secure handshake, before sending anything: neither your key nor the document left this machine, and nothing was created. Check clinikapi.baseUrl; if it is a server you run with its own certificate (such as the emulator with --https), start VS Code with NODE_EXTRA_CA_CERTS set to that certificate.`,
          actions: ['openSettings', 'showLog'],
        };
      }
      const tail = outcome.mayExist
        ? MAY_EXIST
        : outcome.failure === 'corsRefused'
          ? 'Nothing was sent. Desktop VS Code can submit this document.'
          : 'The request did not reach ClinikAPI completely, so nothing was created.';
      const what: Record<Exclude<typeof outcome.failure, 'untrustedCertificate'>, string> = {
        timeout: `No complete answer from ClinikAPI within ${context.timeoutSeconds} s.`,
        connectionLost: 'The connection to ClinikAPI was lost before a complete answer.',
        networkError: `Could not connect to ${context.origin}.`,
        cancelled: 'Submission cancelled.',
        responseTooLarge: `ClinikAPI's answer${outcome.status ? ` (status ${outcome.status})` : ''} was larger than 1 MB and was not read.`,
        corsRefused: `The browser did not send the request to ${context.origin}: ClinikAPI does not allow requests from this page (CORS), or cannot be reached from this browser.`,
        answerUnreadable: `The browser gave no readable answer from ${context.origin}: the connection failed, or ClinikAPI's answer may not be read from this page (CORS).`,
        opaqueRedirect: `${context.origin} answered with a redirect, which ClinikDoc does not follow.`,
      };
      return {
        severity: outcome.failure === 'cancelled' && !outcome.mayExist ? 'info' : 'error',
        text: `${what[outcome.failure]} ${tail} ${rid}`,
        actions: ['showLog'],
      };
    }
  }
}

/** The question asked before submitting content that was submitted before. */
export function duplicateQuestion(record: SubmissionRecord, formatTime: (iso: string) => string = (iso) => iso): string {
  const sent = formatTime(record.sentAt ?? record.claimedAt);
  const request = record.requestId ? ` (request id ${record.requestId})` : '';
  switch (record.state) {
    case 'claimed':
      return `This exact content is being submitted right now from another VS Code window (its questions opened at ${formatTime(record.claimedAt)}). Submitting it here too would create it twice. Submit it anyway?`;
    case 'sent':
      return `This exact content was sent at ${sent}, and ClinikDoc has not seen how that submission ended (another window is sending it, or the window closed while it was under way): it may already exist in ClinikAPI. Submit it again anyway?`;
    case 'unknown':
      return `This exact content was submitted at ${sent} without a clear answer${request}: it may already exist in ClinikAPI. Run Check Whether It Was Created first, or submit it again anyway?`;
    case 'notFoundYet':
      return `This exact content was submitted at ${sent} without a clear answer${request}. A search at ${formatTime(record.checkedAt ?? record.time)} did not find it yet, which proves nothing until ${formatTime(record.settleAt ?? record.time)}: search lags behind creates, and a request cut off can still land. It may already exist in ClinikAPI. Submit it again anyway?`;
    default:
      return `This exact content was already created as ${record.documentId ?? 'a document'} at ${formatTime(record.time)}. Submitting again creates a second document. Submit anyway?`;
  }
}

/** Who the patient id of a live submission is, as ClinikAPI answered just before asking. */
export type ConfirmationPatient =
  /** `textWarnings`: where the text sent disagrees with this patient, in ClinikAPI's words (PHI: shown, never kept). */
  | { kind: 'resolved'; name: string; birthDate?: string; textWarnings?: string[] }
  | { kind: 'unknown' }
  /** No answer; `why` completes "ClinikDoc could not confirm who … is: …". */
  | { kind: 'notResolved'; why: string };

/**
 * The question asked before submitting with a live (production) key; names where it goes, and
 * the patient by name when ClinikAPI said who the id is (says plainly when it could not).
 */
export function liveQuestion(facts: { patientId?: string; title?: string; origin: string }, patient?: ConfirmationPatient): string {
  const title = `"${facts.title ?? '(no title)'}"`;
  const id = facts.patientId ?? '(no patient id)';
  const where = `ClinikAPI production at ${facts.origin} with your live key?`;
  const end = 'This creates a real clinical record.';
  if (patient?.kind === 'resolved' && facts.patientId) return `Submit ${title} for ${resolvedPatient(facts.patientId, patient)} to ${where}${textWarnings(patient.textWarnings)} ${end}`;
  const question = `Submit ${title} for patient ${id} to ${where}`;
  if (patient?.kind === 'unknown') return `${question} ClinikAPI production has no patient ${id}. ${end}`;
  if (patient?.kind === 'notResolved' && facts.patientId) return `${question} ClinikDoc could not confirm who ${id} is: ${patient.why} ${end}`;
  return `${question} ${end}`;
}

/** The text's disagreements with the patient, a few of them: one more reason to cancel. */
function textWarnings(warnings: readonly string[] | undefined): string {
  if (!warnings || warnings.length === 0) return '';
  const shown = warnings.slice(0, 3).join(' ');
  const more = warnings.length > 3 ? ` (and ${warnings.length - 3} more)` : '';
  return ` Check the text first: it may be about another patient. ${shown}${more}`;
}

/** A resolved patient as the questions name them: `Jane Doe (born 1990-03-15, pat_123)`. */
export function resolvedPatient(patientId: string, patient: Extract<ConfirmationPatient, { kind: 'resolved' }>): string {
  const who = [patient.birthDate ? `born ${patient.birthDate}` : undefined, patientId].filter(Boolean).join(', ');
  return `${patient.name || '(no name on record)'} (${who})`;
}

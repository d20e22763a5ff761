import { apiKeyKind, redactSecrets } from '../api/apiKey';
import { checkSnapshot, takeSnapshot, unchangedSince, type CheckedText, type SubmissionDocument } from './checkedText';
import { documentsEndpoint } from '../api/endpoint';
import type { HttpResult, HttpTransport } from '../api/transport';
import type { SubmissionClaim, SubmissionInFlight, SubmissionsInFlight } from './inFlight';
import { baseOf, bind, send as sendRequest } from '../api/clinikApi';
import { outcomeWord } from '../api/logLine';
import { describeOutcome, type UserMessage } from './messages';
import { classify, mayExist, type SubmissionOutcome } from '../api/outcome';
import type { QuotaSnapshot } from '../api/quota';
import { settleTime, type SettleSettings, type SubmissionRecord, type SubmissionRecords } from '../record/submissionRecords';

/** A question asked right before a live send (the search for the same document filed elsewhere): false declines. */
export type BeforeSend = (context: { text: string; keyKind: 'test' | 'live'; origin: string }) => Promise<boolean>;

export type { SubmissionDocument } from './checkedText';

/** The SDK's body limit: larger bodies are refused before anything is sent. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A `Retry-After` longer than this is not waited for automatically. */
export const DEFAULT_MAX_RETRY_WAIT_SECONDS = 60;
/** An answer never needs more than this (a 201 envelope is a few kB). */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/** How often a document that changes while it is being checked is checked again before Submit gives up. */
export const MAX_CHECK_ROUNDS = 3;

/** Everything the submission needs from the editor, gathered by the command. */
export interface SubmitRequest {
  /** The document: its text is read (with its version) and checked by the language server here, not before. */
  document: SubmissionDocument;
  /** Whether the workspace is trusted; an untrusted one cannot submit. */
  trusted: boolean;
  apiKey: string | undefined;
  baseUrl: string;
  timeoutSeconds: number;
  confirmLive: boolean;
  /** `ClinikDoc/<version>`. */
  userAgent: string;
  /** How long an unknown outcome takes to settle (clinikapi.createdCheck.*); ClinikAPI's safe defaults when absent. */
  settle?: Partial<SettleSettings>;
}

/** What the live-key confirmation names. */
export interface LiveFacts {
  patientId?: string;
  title?: string;
  /** `https://api.clinikapi.com`: where the key and the document are about to go. */
  origin: string;
  /** The text that was checked and is about to be sent, for the checks of the text against the patient. */
  text?: string;
}

export interface ProgressReporter {
  report(message: string): void;
}

/** The questions and the progress indicator, supplied by the VS Code layer (fakes in tests). */
export interface SubmitUi {
  /**
   * The same content has a record that makes Submit ask (created, found, sent or unknown, or
   * claimed by another window right now): go on?
   */
  confirmDuplicate(record: SubmissionRecord): Promise<boolean>;
  /** A live key: go on? The question names the patient id, the title and where it goes (`origin`). */
  confirmLive(facts: LiveFacts): Promise<boolean>;
  /** Runs the network part with visible progress; `signal` aborts when the user cancels. */
  withProgress<T>(task: (progress: ProgressReporter, signal: AbortSignal) => Promise<T>): Promise<T>;
}

export interface SubmitDeps {
  /** The one record per submission, shared by every window of this machine. */
  records: SubmissionRecords;
  /** This window (extension host), as its claims name it. */
  window: string;
  /** The submissions in flight in this window: one per document, and per content, at a time. */
  inFlight: SubmissionsInFlight;
  ui: SubmitUi;
  /** One line for the "ClinikAPI" output channel. */
  log(line: string): void;
  /** Sends the request: the extension host's transport (node:http(s) on the desktop, fetch in the browser). */
  post: HttpTransport;
  now?: () => Date;
  maxRetryWaitSeconds?: number;
  /**
   * Asked after the same-content question and before the live confirmation; false sends nothing.
   * The search for the same document filed today from another machine (afterSubmit/duplicateElsewhere.ts).
   */
  beforeSend?: BeforeSend;
  /** The limits the latest answer stated (api/quota.ts), for the words of a 429. */
  quota?: () => QuotaSnapshot | undefined;
}

/** Why a document was not sent at all. */
export type Refusal =
  | 'untrusted'
  | 'noKey'
  | 'badKey'
  | 'badBaseUrl'
  /** A submission of this document, or of this content, is in flight. */
  | 'inProgress'
  | 'notChecked'
  /** It kept changing while it was being checked. */
  | 'changed'
  | 'hasErrors'
  | 'duplicateKeys'
  | 'tooLarge';

export type SubmitResult =
  | {
      kind: 'refused';
      reason: Refusal;
      message: UserMessage;
      /** `inProgress`: the submission in flight (the VS Code layer can reveal its document). */
      inProgress?: SubmissionInFlight;
      /** `duplicateKeys`: the keys that occur twice, as paths, in document order. */
      duplicateKeys?: string[];
    }
  /** The user answered No to a question; nothing was sent, nothing to say. */
  | { kind: 'declined'; question: 'duplicate' | 'elsewhere' | 'live' }
  | {
      kind: 'sent';
      outcome: SubmissionOutcome;
      attempts: number;
      message: UserMessage;
      cancelledWhileWaiting?: boolean;
      /** Exactly the text sent, and when it left: for the check of an unknown outcome; kept in memory only. */
      sent: { text: string; at: Date };
      /** The submission's record, in the state its answer left it. */
      record: SubmissionRecord;
    };

/**
 * Submits one document: one submission of it at a time; refuses what must not be sent; sends
 * exactly the bytes the language server checked, of the version still in the editor; claims the
 * content in the record store (which every window shares) and reads it back before any question
 * and again right before sending, asking first about any other record of the same content; posts
 * once, retries once only after a 429 RATE_LIMITED with a Retry-After (the server did nothing); and
 * moves the record to its outcome. Every text it returns or logs is free of the key and of content.
 */
export async function submitDocument(req: SubmitRequest, deps: SubmitDeps): Promise<SubmitResult> {
  // Synchronously, before anything awaits: a second Submit started in the same moment sees this one.
  const begun = deps.inFlight.begin(req.document.key, req.document.label);
  if (!begun.ok) return inProgressRefusal(begun.busy, req.document);
  try {
    return await submitClaimed(req, deps, begun.claim);
  } finally {
    begun.claim.end();
  }
}

async function submitClaimed(req: SubmitRequest, deps: SubmitDeps, claim: SubmissionClaim): Promise<SubmitResult> {
  const secrets = [req.apiKey];
  const refuse = (reason: Refusal, text: string, actions: UserMessage['actions'] = [], extra: { duplicateKeys?: string[] } = {}): SubmitResult => ({
    kind: 'refused',
    reason,
    message: { severity: 'error', text: redactSecrets(text, secrets), actions },
    ...extra,
  });

  if (!req.trusted) {
    return refuse('untrusted', 'Submitting is disabled in an untrusted workspace. Trust the workspace to submit documents.');
  }
  if (!req.apiKey) return refuse('noKey', 'No ClinikAPI key is set. Set one, then submit again.', ['setApiKey']);
  const keyKind = apiKeyKind(req.apiKey);
  if (!keyKind) return refuse('badKey', 'The stored API key is not a ClinikAPI key (clk_test_… or clk_live_…). Set it again.', ['setApiKey']);
  const endpoint = documentsEndpoint(req.baseUrl, keyKind);
  if (!endpoint.ok) return refuse('badBaseUrl', `${endpoint.reason} Nothing was sent.`, ['openSettings']);
  const url = endpoint.url;

  const now = deps.now ?? (() => new Date());
  const maxWait = deps.maxRetryWaitSeconds ?? DEFAULT_MAX_RETRY_WAIT_SECONDS;
  const log = (line: string) => deps.log(redactSecrets(line, secrets));
  // The key and where it goes, bound now: every request of this Submit goes there with it.
  const binding = bind({ base: baseOf(url), apiKey: req.apiKey, keyKind, userAgent: req.userAgent, transport: deps.post, log, now });
  /** One POST of exactly the checked bytes, and its outcome. */
  const send = async (body: Uint8Array, signal: AbortSignal, attempt: number) => {
    let outcome: SubmissionOutcome | undefined;
    const answer = await sendRequest(
      binding,
      { method: 'POST', url, template: '/v1/documents', body, timeoutMs: req.timeoutSeconds * 1000, maxResponseBytes: MAX_RESPONSE_BYTES, signal, attempt },
      (a) => outcomeWord((outcome = classify(a.result))),
    );
    return { result: answer.result, outcome: outcome ?? classify(answer.result) };
  };
  /** Records asked about and answered Yes in this Submit, not asked about again. */
  const answeredRecords = new Set<string>();
  const answeredElsewhere = new Set<string>();
  /** Asks about the first record of this content not asked about yet; false when the user says No. */
  const confirmOthers = async (fingerprint: string, mine: string): Promise<boolean> => {
    const others = deps.records.blocking(fingerprint, now(), mine).filter((r) => !answeredRecords.has(r.key));
    if (others.length === 0) return true;
    if (!(await deps.ui.confirmDuplicate(others[0]!))) return false;
    for (const r of others) answeredRecords.add(r.key);
    return true;
  };
  let answeredLive: string | undefined;

  for (let round = 1; ; round++) {
    const changed = (): SubmitResult | undefined =>
      round >= MAX_CHECK_ROUNDS
        ? refuse(
            'changed',
            'The document kept changing while ClinikDoc checked it, so nothing was sent: what is sent must be exactly what was checked. Submit again once it has stopped changing.',
          )
        : undefined;

    // 1. The text and its version, together; its bytes; the language server's verdict on exactly those.
    claim.stage = 'checking';
    const snapshot = await takeSnapshot(req.document);
    if (snapshot.body.length > MAX_BODY_BYTES) {
      return refuse('tooLarge', `The document is ${formatBytes(snapshot.body.length)}; ClinikAPI accepts at most 1 MB. Nothing was sent.`);
    }
    const other = claim.claimContent(snapshot.sha256);
    if (other) return inProgressRefusal(other, req.document);
    const attempt = await checkSnapshot(req.document, snapshot);
    if (attempt.kind === 'changed') {
      const refusal = changed();
      if (refusal) return refusal;
      // The edit (or the language client's sync of it) is still arriving: give it a moment.
      await new Promise((resolve) => setTimeout(resolve, 50 * round));
      continue;
    }
    if (attempt.kind === 'notChecked') return refuse('notChecked', NOT_CHECKED_TEXT[attempt.reason]);
    const checked = attempt.checked;
    if (checked.errorCount > 0) {
      const n = checked.errorCount;
      return refuse('hasErrors', `The document has ${n} error${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} before submitting. Nothing was sent.`, [
        'openProblems',
      ]);
    }
    if (checked.duplicateKeys.length > 0) {
      return refuse('duplicateKeys', duplicateKeysText(checked.duplicateKeys), ['fixDuplicateKey', 'openProblems'], {
        duplicateKeys: checked.duplicateKeys,
      });
    }

    // 2. The claim: written, then read back, so that a Submit of the same content in another
    // window (which shares the store) is asked about, and asks about this one, whichever came first.
    claim.stage = 'asking';
    const fingerprint = await deps.records.fingerprint(url.origin, keyKind, checked.text);
    const mine = await deps.records.claim({ file: req.document.key, fingerprint, origin: url.origin, keyKind, window: deps.window, now: now() });
    const withdrawn = async (question: 'duplicate' | 'elsewhere' | 'live'): Promise<SubmitResult> => {
      await deps.records.withdraw(mine.key);
      return { kind: 'declined', question };
    };
    // 3. The questions, each asked once per Submit for what it is about.
    if (!(await confirmOthers(fingerprint, mine.key))) return withdrawn('duplicate');
    if (deps.beforeSend && !answeredElsewhere.has(fingerprint)) {
      if (!(await deps.beforeSend({ text: checked.text, keyKind, origin: url.origin }))) return withdrawn('elsewhere');
      answeredElsewhere.add(fingerprint);
    }
    const factsKey = JSON.stringify([checked.facts.patientId ?? null, checked.facts.title ?? null]);
    if (keyKind === 'live' && req.confirmLive && answeredLive !== factsKey) {
      if (!(await deps.ui.confirmLive({ patientId: checked.facts.patientId, title: checked.facts.title, origin: url.origin, text: checked.text }))) return withdrawn('live');
      answeredLive = factsKey;
    }
    // Read back again right before sending: another window may have claimed, sent or created the
    // same content while this one's questions were open.
    if (!(await confirmOthers(fingerprint, mine.key))) return withdrawn('duplicate');

    // 4. Sent, outcome not known yet: recorded before the request leaves, so that a reload or a
    // crash mid-request still makes the next Submit of this content ask first.
    claim.stage = 'sending';
    const sentAt = now();
    // When a search that finds nothing will prove it created nothing: known from the moment it leaves,
    // so a check of a record whose end is never seen (a window closed mid-request) keeps the same rule.
    const settleAt = settleTime(sentAt, req.timeoutSeconds, req.settle).toISOString();
    const sentRecord =
      (await deps.records.change(mine.key, 'sent', { sentAt: sentAt.toISOString(), settleAt })) ??
      // Another window's write of the store, made from an older copy, dropped the claim: it is written again.
      (await deps.records.add({ ...mine, state: 'sent', sentAt: sentAt.toISOString(), settleAt, time: sentAt.toISOString() }));
    const run = await deps.ui.withProgress((progress, signal) =>
      sendChecked(checked, { progress, signal, claim, document: req.document, url, send, log, now, maxWait }),
    );
    if (run.kind === 'changed') {
      // Nothing left: the record goes, and the next round claims again.
      await deps.records.withdraw(sentRecord.key, { sentNothing: true });
      const refusal = changed();
      if (refusal) return refusal;
      continue;
    }

    const { outcome, attempts } = run;
    const answeredAt = now().toISOString();
    const record =
      outcome.kind === 'created'
        ? await deps.records.change(sentRecord.key, 'created', { documentId: outcome.id, requestId: outcome.requestId, time: answeredAt })
        : mayExist(outcome)
          ? await deps.records.change(sentRecord.key, 'unknown', { requestId: outcome.requestId, time: answeredAt })
          : await deps.records.change(sentRecord.key, 'rejected', { requestId: outcome.requestId, time: answeredAt });
    let message = describeOutcome(outcome, { timeoutSeconds: req.timeoutSeconds, origin: url.origin, retried: attempts > 1, quota: deps.quota?.() });
    if (run.cancelledWhileWaiting) {
      message = { severity: 'info', text: 'Submission cancelled while waiting for the rate limit. Nothing was created.', actions: [] };
    }
    return {
      kind: 'sent',
      outcome,
      attempts,
      message: { ...message, text: redactSecrets(message.text, secrets) },
      cancelledWhileWaiting: run.cancelledWhileWaiting || undefined,
      sent: { text: checked.text, at: sentAt },
      record: record ?? sentRecord,
    };
  }
}

type SendRun = { kind: 'changed' } | { kind: 'done'; outcome: SubmissionOutcome; attempts: number; cancelledWhileWaiting: boolean };

interface SendContext {
  progress: ProgressReporter;
  signal: AbortSignal;
  claim: SubmissionClaim;
  document: SubmissionDocument;
  url: URL;
  send: (body: Uint8Array, signal: AbortSignal, attempt: number) => Promise<{ result: HttpResult; outcome: SubmissionOutcome }>;
  log: (line: string) => void;
  now: () => Date;
  maxWait: number;
}

/** The network part: the last look at the document, then one POST, and the one retry a 429 allows. */
async function sendChecked(checked: CheckedText, ctx: SendContext): Promise<SendRun> {
  const { progress, signal, url, log, now } = ctx;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    // The last look, with no await between it and the request: an edit made while the questions
    // or the record awaited is checked again instead of being sent unchecked. A retry sends the
    // same checked bytes: the request was already made of them.
    if (attempts === 1 && !unchangedSince(ctx.document, checked)) return { kind: 'changed' };
    ctx.claim.stage = 'sending';
    progress.report(attempts === 1 ? `Sending to ${url.origin}…` : `Sending again to ${url.origin} (the one retry)…`);
    const { outcome } = await ctx.send(checked.body, signal, attempts);
    const canRetry =
      outcome.kind === 'rateLimited' && attempts === 1 && outcome.retryAfterSeconds !== undefined && outcome.retryAfterSeconds <= ctx.maxWait;
    if (!canRetry) return { kind: 'done', outcome, attempts, cancelledWhileWaiting: false };
    const seconds = outcome.retryAfterSeconds ?? 0;
    log(`${now().toISOString()} rate limited: waiting ${seconds} s (Retry-After) before the one retry`);
    ctx.claim.stage = 'waitingForRetry';
    if (!(await countdown(seconds, progress, signal))) {
      log(`${now().toISOString()} cancelled while waiting for the rate limit; nothing was created`);
      return { kind: 'done', outcome, attempts, cancelledWhileWaiting: true };
    }
  }
}

const NOT_CHECKED_TEXT: Record<'noAnswer' | 'notOpen' | 'failed', string> = {
  noAnswer:
    "ClinikDoc's language server could not check the document (it is not running or did not answer), so nothing was sent. Reload the window, then submit again.",
  notOpen:
    "ClinikDoc's language server could not check the document: it does not have it open as a ClinikDoc document. Nothing was sent. Reopen the file, then submit again.",
  failed:
    'ClinikDoc could not check the document (its language server failed while checking it; the ClinikDoc output channel has the details), so nothing was sent.',
};

const STAGE_TEXT: Record<SubmissionInFlight['stage'], string> = {
  checking: 'being checked',
  asking: 'waiting for your answer to its question',
  sending: 'being sent',
  waitingForRetry: "waiting out ClinikAPI's rate limit before its one retry",
};

function inProgressRefusal(busy: SubmissionInFlight, document: SubmissionDocument): SubmitResult {
  const what = busy.documentKey === document.key ? 'this document' : `the same content (from ${busy.label})`;
  return {
    kind: 'refused',
    reason: 'inProgress',
    inProgress: busy,
    message: {
      severity: 'warning',
      text: `A submission of ${what} is already in progress (${STAGE_TEXT[busy.stage]}), so this Submit sent nothing: creating a document twice cannot be undone. Wait for its result.`,
      actions: ['showSubmission', 'showLog'],
    },
  };
}

/** The keys that block Submit, named; at most five, then how many more. */
function duplicateKeysText(keys: string[]): string {
  const shown = keys.slice(0, 5).map((k) => `"${k}"`).join(', ');
  const more = keys.length > 5 ? ` and ${keys.length - 5} more` : '';
  const one = keys.length === 1;
  return `The document has ${one ? 'a duplicate key' : 'duplicate keys'}: ${shown}${more}. The editor shows the first occurrence but ClinikAPI keeps only the last, so what would be sent is not what you see. Remove ${one ? 'the duplicate' : 'the duplicates'} (the quick fix does it), then submit again. Nothing was sent.`;
}

/** Waits `seconds`, showing the time left each second; resolves false if cancelled. */
function countdown(seconds: number, progress: ProgressReporter, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    let left = seconds;
    const tick = () => progress.report(`Rate limited by ClinikAPI: retrying once in ${left} s…`);
    tick();
    const interval = setInterval(() => {
      left -= 1;
      if (left <= 0) done(true);
      else tick();
    }, 1000);
    const onAbort = () => done(false);
    signal.addEventListener('abort', onAbort, { once: true });
    function done(ok: boolean) {
      clearInterval(interval);
      signal.removeEventListener('abort', onAbort);
      resolve(ok);
    }
    if (left <= 0) done(true);
  });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} kB`;
}


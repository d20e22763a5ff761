import { apiKeyKind, redactSecrets } from './apiKey';
import { readDocumentFacts } from './documentFacts';
import { documentsEndpoint } from './endpoint';
import type { HttpResult, HttpTransport } from './httpClient';
import { formatLogLine } from './logLine';
import { describeOutcome, type UserMessage } from './messages';
import { classify, mayExist, type SubmissionOutcome } from './outcome';
import type { Receipt, ReceiptStore } from './receipts';

/** The SDK's body limit: larger bodies are refused before anything is sent. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A `Retry-After` longer than this is not waited for automatically. */
export const DEFAULT_MAX_RETRY_WAIT_SECONDS = 60;
/** An answer never needs more than this (a 201 envelope is a few kB). */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** Everything the submission needs from the editor, gathered by the command. */
export interface SubmitRequest {
  /** The document exactly as the user sees it; sent byte for byte (UTF-8). */
  text: string;
  /**
   * Problems of severity Error the language server reports for the document now; undefined when
   * it could not check the document (not running or not answering).
   */
  errorCount: number | undefined;
  /** Whether the workspace is trusted; an untrusted one cannot submit. */
  trusted: boolean;
  apiKey: string | undefined;
  baseUrl: string;
  timeoutSeconds: number;
  confirmLive: boolean;
  /** `ClinikDoc/<version>`. */
  userAgent: string;
}

/** What the live-key confirmation names. */
export interface LiveFacts {
  patientId?: string;
  title?: string;
  /** `https://api.clinikapi.com`: where the key and the document are about to go. */
  origin: string;
}

export interface ProgressReporter {
  report(message: string): void;
}

/** The questions and the progress indicator, supplied by the VS Code layer (fakes in tests). */
export interface SubmitUi {
  /** Same content was submitted before (created, or with an unclear end): go on? */
  confirmDuplicate(receipt: Receipt): Promise<boolean>;
  /** A live key: go on? The question names the patient id, the title and where it goes (`origin`). */
  confirmLive(facts: LiveFacts): Promise<boolean>;
  /** Runs the network part with visible progress; `signal` aborts when the user cancels. */
  withProgress<T>(task: (progress: ProgressReporter, signal: AbortSignal) => Promise<T>): Promise<T>;
}

export interface SubmitDeps {
  receipts: ReceiptStore;
  ui: SubmitUi;
  /** One line for the "ClinikAPI" output channel. */
  log(line: string): void;
  /** Sends the request: the extension host's transport (node:http(s) on the desktop, fetch in the browser). */
  post: HttpTransport;
  now?: () => Date;
  maxRetryWaitSeconds?: number;
}

/** Why a document was not sent at all. */
export type Refusal = 'untrusted' | 'noKey' | 'badKey' | 'badBaseUrl' | 'notChecked' | 'hasErrors' | 'tooLarge' | 'notJson';

export type SubmitResult =
  | { kind: 'refused'; reason: Refusal; message: UserMessage }
  /** The user answered No to a question; nothing was sent, nothing to say. */
  | { kind: 'declined'; question: 'duplicate' | 'live' }
  | { kind: 'sent'; outcome: SubmissionOutcome; attempts: number; message: UserMessage; cancelledWhileWaiting?: boolean };

/**
 * Submits one document: refuses what must not be sent, asks what must be asked, posts once,
 * retries once only after a 429 RATE_LIMITED with a Retry-After (the server did nothing), and
 * remembers what was created. Every text it returns or logs is free of the key and of content.
 */
export async function submitDocument(req: SubmitRequest, deps: SubmitDeps): Promise<SubmitResult> {
  const secrets = [req.apiKey];
  const refuse = (reason: Refusal, text: string, actions: UserMessage['actions'] = []): SubmitResult => ({
    kind: 'refused',
    reason,
    message: { severity: 'error', text: redactSecrets(text, secrets), actions },
  });

  if (!req.trusted) {
    return refuse('untrusted', 'Submitting is disabled in an untrusted workspace. Trust the workspace to submit documents.');
  }
  if (!req.apiKey) return refuse('noKey', 'No ClinikAPI key is set. Set one, then submit again.', ['setApiKey']);
  const keyKind = apiKeyKind(req.apiKey);
  if (!keyKind) return refuse('badKey', 'The stored API key is not a ClinikAPI key (clk_test_… or clk_live_…). Set it again.', ['setApiKey']);
  const endpoint = documentsEndpoint(req.baseUrl, keyKind);
  if (!endpoint.ok) return refuse('badBaseUrl', `${endpoint.reason} Nothing was sent.`, ['openSettings']);
  if (req.errorCount === undefined) {
    return refuse(
      'notChecked',
      "ClinikDoc's language server could not check the document (it is not running or did not answer), so nothing was sent. Reload the window, then submit again.",
    );
  }
  if (req.errorCount > 0) {
    return refuse(
      'hasErrors',
      `The document has ${req.errorCount} error${req.errorCount === 1 ? '' : 's'}; fix ${req.errorCount === 1 ? 'it' : 'them'} before submitting. Nothing was sent.`,
      ['openProblems'],
    );
  }
  const body = new TextEncoder().encode(req.text);
  if (body.length > MAX_BODY_BYTES) {
    return refuse('tooLarge', `The document is ${formatBytes(body.length)}; ClinikAPI accepts at most 1 MB. Nothing was sent.`);
  }
  const facts = readDocumentFacts(req.text);
  if (!facts.ok) return refuse('notJson', `${facts.reason} Nothing was sent.`, ['openProblems']);

  const url = endpoint.url;
  const fingerprint = await deps.receipts.fingerprint(url.origin, keyKind, req.text);
  const previous = deps.receipts.find(fingerprint);
  if (previous && !(await deps.ui.confirmDuplicate(previous))) return { kind: 'declined', question: 'duplicate' };
  if (keyKind === 'live' && req.confirmLive && !(await deps.ui.confirmLive({ patientId: facts.patientId, title: facts.title, origin: url.origin }))) {
    return { kind: 'declined', question: 'live' };
  }

  const post = deps.post;
  const now = deps.now ?? (() => new Date());
  const maxWait = deps.maxRetryWaitSeconds ?? DEFAULT_MAX_RETRY_WAIT_SECONDS;
  const log = (line: string) => deps.log(redactSecrets(line, secrets));
  const headers = {
    'x-api-key': req.apiKey,
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'User-Agent': req.userAgent,
  };

  const run = await deps.ui.withProgress(async (progress, signal) => {
    let attempts = 0;
    for (;;) {
      attempts += 1;
      progress.report(attempts === 1 ? `Sending to ${url.origin}…` : `Sending again to ${url.origin} (the one retry)…`);
      const result = await post({ url, headers, body, timeoutMs: req.timeoutSeconds * 1000, maxResponseBytes: MAX_RESPONSE_BYTES, signal });
      const outcome = classify(result);
      log(formatLogLine({ time: now(), method: 'POST', url, outcome, status: statusOf(result), durationMs: result.durationMs, attempt: attempts }));
      const canRetry =
        outcome.kind === 'rateLimited' && attempts === 1 && outcome.retryAfterSeconds !== undefined && outcome.retryAfterSeconds <= maxWait;
      if (!canRetry) return { outcome, attempts, cancelledWhileWaiting: false };
      const seconds = outcome.retryAfterSeconds ?? 0;
      log(`${now().toISOString()} rate limited: waiting ${seconds} s (Retry-After) before the one retry`);
      if (!(await countdown(seconds, progress, signal))) {
        log(`${now().toISOString()} cancelled while waiting for the rate limit; nothing was created`);
        return { outcome, attempts, cancelledWhileWaiting: true };
      }
    }
  });

  const { outcome, attempts } = run;
  if (outcome.kind === 'created') {
    await deps.receipts.record(fingerprint, { id: outcome.id, time: now().toISOString(), requestId: outcome.requestId });
  } else if (mayExist(outcome)) {
    await deps.receipts.record(fingerprint, { time: now().toISOString(), requestId: outcome.requestId, uncertain: true });
  }
  let message = describeOutcome(outcome, { timeoutSeconds: req.timeoutSeconds, origin: url.origin, retried: attempts > 1 });
  if (run.cancelledWhileWaiting) {
    message = { severity: 'info', text: 'Submission cancelled while waiting for the rate limit. Nothing was created.', actions: [] };
  }
  return {
    kind: 'sent',
    outcome,
    attempts,
    message: { ...message, text: redactSecrets(message.text, secrets) },
    cancelledWhileWaiting: run.cancelledWhileWaiting || undefined,
  };
}

function statusOf(result: HttpResult): number | undefined {
  return result.kind === 'response' ? result.status : result.status;
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

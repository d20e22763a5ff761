import * as vscode from 'vscode';
import { withCancellableProgress } from '../editor/cancellableProgress';
import { formatTime } from '../editor/formatTime';
import { outcomeUnknown, type SubmissionRecord } from '../record/submissionRecords';
import { checkWhetherCreated, searchedWords, type CheckResult } from './createdCheck';
import { applyCheckResult, MAX_SEARCHES, type CheckMessage } from './resolveOutcome';
import { sameTarget } from '../api/connection';
import { resolveTarget, type DocumentLife } from './documentLife';

const seconds = (iso: string) => formatTime(iso, new Date(), { seconds: true });

/**
 * `ClinikAPI: Check Whether It Was Created`: for a submission whose outcome is unknown, one search
 * of the patient's documents of that type since it was sent, for one with the same title and
 * content, by ClinikAPI's rules (record/submissionRecords.ts): nothing found is "not found yet"
 * until the submission has settled, and ClinikDoc then looks once more by itself (at most
 * MAX_SEARCHES searches per submission). It reads only; it never resends.
 */
export function registerCheckWhetherCreated(life: DocumentLife): vscode.Disposable {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** One search for `record`, then its message; undefined when there was nothing to search with. */
  const check = async (record: SubmissionRecord, interactive: boolean): Promise<{ result: CheckResult; message: CheckMessage } | undefined> => {
    const sent = await life.sentText(record);
    if (!sent) {
      if (interactive) void vscode.window.showErrorMessage('The file of this submission cannot be opened, and the text sent is no longer in memory: ClinikDoc cannot tell what to look for.');
      return undefined;
    }
    if (!sent.exact) {
      // Looking for a file that is no longer what was sent is the user's call, never an automatic one.
      if (!interactive) return undefined;
      const go = 'Check with the File as It Is';
      const answer = await vscode.window.showWarningMessage(
        'The file has changed since it was submitted, and the text sent is no longer in memory (the window was reloaded). The check would look for the file as it is now, which may not be what was sent.',
        { modal: true },
        go,
      );
      if (answer !== go) return undefined;
    }
    let body: unknown;
    try {
      body = JSON.parse(sent.text);
    } catch {
      if (interactive) void vscode.window.showErrorMessage('The text to look for is not valid JSON.');
      return undefined;
    }
    const sentAt = new Date(record.sentAt ?? record.claimedAt);
    const result = await withCancellableProgress('ClinikAPI: checking whether it was created…', async (signal) => {
      const conn = await life.connect(signal);
      if (!conn.ok) return { kind: 'cannotSearch' as const, reason: conn.message };
      if (!sameTarget(conn, record)) {
        return {
          kind: 'cannotSearch' as const,
          reason: `It was sent to ${record.keyKind === 'live' ? 'production' : 'the sandbox'} at ${record.origin}; your key and clinikapi.baseUrl now point elsewhere.`,
        };
      }
      return checkWhetherCreated(conn.connection, { body: body as Record<string, unknown>, sentAt, knownIds: life.records.knownDocumentIds(record.key) });
    });
    const current = life.records.get(record.key) ?? record;
    const message = await applyCheckResult(result, current, { records: life.records, now: new Date(), formatTime: seconds, searched: searchedWords(body as Record<string, unknown>, sentAt) });
    if (result.kind === 'created' || (result.kind === 'none' && !message.lookAgainAt)) life.forgetSentText(record);
    if (message.lookAgainAt) schedule(record.key, message.lookAgainAt);
    return { result, message };
  };

  /** The one automatic look once the submission has settled (bounded by MAX_SEARCHES). */
  const schedule = (key: string, at: Date) => {
    clearTimeout(timers.get(key));
    const timer = setTimeout(() => {
      timers.delete(key);
      const record = life.records.get(key);
      if (!record || !outcomeUnknown(record) || (record.searches ?? 0) >= MAX_SEARCHES) return;
      // A request of ours for this file under way (a Submit, a check): look once it is done.
      if (life.isBusy(record.file)) return schedule(key, new Date(Date.now() + 5000));
      void life.exclusive(record.file, () => check(record, false)).then((done) => {
        if (done && (done.result.kind === 'created' || done.result.kind === 'none')) void show(done, record);
      });
    }, Math.max(0, at.getTime() - Date.now()) + 1000);
    timers.set(key, timer);
  };

  const show = async ({ result, message }: { result: CheckResult; message: CheckMessage }, record: SubmissionRecord) => {
    const labels = { submit: 'Submit', open: 'Open Submitted Document', copyId: 'Copy ID' } as const;
    const notify = message.severity === 'info' ? vscode.window.showInformationMessage : message.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    const picked = await notify(message.text, ...message.actions.map((a) => labels[a]));
    const file = vscode.Uri.parse(record.file);
    if (picked === labels.submit) await vscode.commands.executeCommand('clinikapi.submitDocument', file);
    else if (picked === labels.open) await vscode.commands.executeCommand('clinikapi.openSubmittedDocument', file);
    else if (picked === labels.copyId && result.kind === 'created') await vscode.env.clipboard.writeText(result.id);
  };

  const command = vscode.commands.registerCommand('clinikapi.checkWhetherCreated', async (arg?: unknown) => {
    const target = resolveTarget(life, arg);
    const record =
      target.entry && outcomeUnknown(target.entry)
        ? target.entry
        : target.file
          ? [...life.records.entries()].reverse().find((r) => r.file === target.file?.toString() && outcomeUnknown(r))
          : undefined;
    if (!record) {
      void vscode.window.showInformationMessage('No submission of this file has an unknown outcome.');
      return;
    }
    if ((record.searches ?? 0) >= MAX_SEARCHES) {
      void vscode.window.showWarningMessage(
        `ClinikDoc has already searched ${MAX_SEARCHES} times for this submission (the last at ${seconds(record.checkedAt ?? record.time)}) without settling it; it searches no more, since reads cost your quota. Look for it in ClinikAPI before submitting again.`,
      );
      return;
    }
    // The message is shown once the request is done: a notification left open holds nothing.
    const done = await life.exclusive(record.file, () => check(record, true));
    if (done) await show(done, record);
  });
  return vscode.Disposable.from(command, { dispose: () => timers.forEach((t) => clearTimeout(t)) });
}

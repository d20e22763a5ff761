import * as vscode from 'vscode';
import { withCancellableProgress } from '../editor/cancellableProgress';
import { checkWhetherCreated } from './createdCheck';
import { applyCheckResult, formatTime } from './resolveOutcome';
import { sameTarget } from '../api/connection';
import { resolveTarget, type DocumentLife } from './documentLife';

/**
 * `ClinikAPI: Check Whether It Was Created`: for a submission whose outcome is unknown, one search
 * of the patient's documents of that type since it was sent, for one with the same title and
 * content. It reads only; it never resends.
 */
export function registerCheckWhetherCreated(life: DocumentLife): vscode.Disposable {
  return vscode.commands.registerCommand('clinikapi.checkWhetherCreated', async (arg?: unknown) => {
    const target = resolveTarget(life, arg);
    const entry =
      target.entry?.outcome === 'mayExist' && target.entry.action === 'create'
        ? target.entry
        : target.file
          ? [...life.history.entries()].reverse().find((e) => e.file === target.file?.toString() && e.outcome === 'mayExist' && e.action === 'create')
          : undefined;
    if (!entry) {
      void vscode.window.showInformationMessage('No submission of this file has an unknown outcome.');
      return;
    }
    await life.exclusive(entry.file, async () => {
      const sent = await life.sentText(entry);
      if (!sent) {
        void vscode.window.showErrorMessage('The file of this submission cannot be opened, and the text sent is no longer in memory: ClinikDoc cannot tell what to look for.');
        return;
      }
      if (!sent.exact) {
        const go = 'Check with the File as It Is';
        const answer = await vscode.window.showWarningMessage(
          'The file has changed since it was submitted, and the text sent is no longer in memory (the window was reloaded). The check would look for the file as it is now, which may not be what was sent.',
          { modal: true },
          go,
        );
        if (answer !== go) return;
      }
      let body: unknown;
      try {
        body = JSON.parse(sent.text);
      } catch {
        void vscode.window.showErrorMessage('The text to look for is not valid JSON.');
        return;
      }
      const result = await withCancellableProgress('ClinikAPI: checking whether it was created…', async (signal) => {
        const conn = await life.connect(signal);
        if (!conn.ok) return { kind: 'cannotSearch' as const, reason: conn.message };
        if (!sameTarget(conn, entry)) {
          return {
            kind: 'cannotSearch' as const,
            reason: `It was sent to ${entry.keyKind === 'live' ? 'production' : 'the sandbox'} at ${entry.origin}; your key and clinikapi.baseUrl now point elsewhere.`,
          };
        }
        return checkWhetherCreated(conn.connection, {
          body: body as Record<string, unknown>,
          sentAt: new Date(entry.sentAt),
          knownIds: life.history.knownDocumentIds(entry.key),
        });
      });
      const message = await applyCheckResult(result, entry, { history: life.history, receipts: life.services.receipts }, (iso) => formatTime(iso));
      if (result.kind === 'created' || result.kind === 'none') life.forgetSentText(entry);
      const labels = { submit: 'Submit', open: 'Open Submitted Document', copyId: 'Copy ID' } as const;
      const show = message.severity === 'info' ? vscode.window.showInformationMessage : message.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
      const picked = await show(message.text, ...message.actions.map((a) => labels[a]));
      const file = vscode.Uri.parse(entry.file);
      if (picked === labels.submit) await vscode.commands.executeCommand('clinikapi.submitDocument', file);
      else if (picked === labels.open) await vscode.commands.executeCommand('clinikapi.openSubmittedDocument', file);
      else if (picked === labels.copyId && result.kind === 'created') await vscode.env.clipboard.writeText(result.id);
    });
  });
}

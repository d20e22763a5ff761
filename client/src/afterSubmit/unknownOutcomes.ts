import * as vscode from 'vscode';
import type { TooltipSource } from '../apiKey/keyStatusBar';
import { unknownOutcomesLine, type SubmissionRecords } from '../record/submissionRecords';

/** The status bar's tooltip source: another source's words (the ids' resolution), then the unknown outcomes. */
export function withUnknownOutcomes(records: SubmissionRecords, other: TooltipSource): TooltipSource & vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const subscriptions = [other.onDidChange(() => changed.fire()), records.onDidChange(() => changed.fire())];
  return {
    describe: () => [other.describe(), unknownOutcomesLine(records)].filter(Boolean).join('\n'),
    onDidChange: changed.event,
    dispose: () => {
      subscriptions.forEach((s) => s.dispose());
      changed.dispose();
    },
  };
}

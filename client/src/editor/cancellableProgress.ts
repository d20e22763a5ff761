import * as vscode from 'vscode';

/**
 * A notification with a Cancel button for a request to ClinikAPI: Cancel aborts the signal the
 * task is given (the transports stop on it); `report` shows a step in the notification.
 */
export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(controller.signal, (message) => progress.report({ message }));
      } finally {
        sub.dispose();
      }
    }),
  );
}

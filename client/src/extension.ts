import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { registerAfterSubmit } from './afterSubmit/register';
import { LatestQuota, withQuotaObserver } from './api/quota';
import { KeyStore } from './apiKey/keyStore';
import { registerApiKey } from './apiKey/register';
import { registerIds } from './ids/register';
import { startClient } from './languageServer/startClient';
import { registerNewDocument } from './newDocument/register';
import { registerPaste } from './paste/register';
import { registerPreview } from './preview/register';
import { ReceiptStore } from './record/receipts';
import type { ClientRuntime } from './runtime';
import { registerSectionText } from './sectionText/register';
import { registerSubmit } from './submit/register';
import { registerWalkthrough } from './walkthrough/register';

let client: BaseLanguageClient | undefined;

/**
 * Wiring only: one `register` per feature folder, each given what it needs. Called by the entry
 * of the host ClinikDoc runs in (node/main.ts, browser/main.ts) with what differs there.
 */
export async function activate(context: vscode.ExtensionContext, runtime: ClientRuntime): Promise<void> {
  const keys = new KeyStore(context.secrets);
  const output = vscode.window.createOutputChannel('ClinikAPI');
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  /** The limits ClinikAPI's answers state, seen on the one transport every feature is given. */
  const quota = new LatestQuota();
  const transport = withQuotaObserver(runtime.transport, (snapshot) => quota.observe(snapshot));
  /** What every feature that talks to ClinikAPI needs: the key, the log, who we are, and the host's transport. */
  const clinikApi = { keys, output, userAgent: `ClinikDoc/${version}`, transport, client: () => client };
  const receipts = new ReceiptStore(context.globalState);
  const ids = registerIds(clinikApi);
  const afterSubmit = registerAfterSubmit({
    ...clinikApi,
    receipts,
    globalState: context.globalState,
    patient: (patientId) => ids.references.confirmationPatient(patientId),
  });
  context.subscriptions.push(
    output,
    ids.disposable,
    registerApiKey(keys, ids.references, quota),
    registerNewDocument(context),
    registerPreview(ids.references),
    registerSectionText(),
    registerPaste(),
    afterSubmit.disposable,
    registerSubmit({ ...clinikApi, receipts, life: afterSubmit.life, references: ids.references, quota: () => quota.current() }),
    registerWalkthrough(context),
  );
  client = await startClient(context, runtime);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { registerAfterSubmit } from './afterSubmit/register';
import { withUnknownOutcomes } from './afterSubmit/unknownOutcomes';
import { LatestQuota, withQuotaObserver } from './api/quota';
import { KeyStore } from './apiKey/keyStore';
import { registerCopyForward } from './copyForward/register';
import { registerApiKey } from './apiKey/register';
import { registerIds } from './ids/register';
import { startClient } from './languageServer/startClient';
import { registerNewDocument } from './newDocument/register';
import { registerPaste } from './paste/register';
import { registerPreview } from './preview/register';
import { SubmissionRecords } from './record/submissionRecords';
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
  /** The one record per submission, in globalState, which every window of this machine shares. */
  const records = new SubmissionRecords(context.globalState);
  /** This window, as its claims in the records name it. */
  const window = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
  const ids = registerIds(clinikApi);
  const afterSubmit = registerAfterSubmit({
    ...clinikApi,
    records,
    patient: (patientId) => ids.references.confirmationPatient(patientId),
  });
  const tooltip = withUnknownOutcomes(records, ids.references);
  context.subscriptions.push(
    output,
    ids.disposable,
    tooltip,
    registerApiKey(keys, tooltip, quota),
    registerNewDocument(context),
    registerPreview(ids.references),
    registerSectionText(),
    registerPaste(),
    registerCopyForward(),
    afterSubmit.disposable,
    registerSubmit({ ...clinikApi, records, window, life: afterSubmit.life, references: ids.references, quota: () => quota.current() }),
    registerWalkthrough(context),
  );
  client = await startClient(context, runtime);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

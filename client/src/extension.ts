import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { registerClearApiKey } from './commands/clearApiKey';
import { registerNewDocument } from './commands/newDocument';
import { registerOpenPreview } from './commands/openPreview';
import { registerSetApiKey } from './commands/setApiKey';
import { registerSubmitDocument } from './commands/submitDocument';
import { KeyStore } from './keyStore';
import { registerEscapedPaste } from './paste/escapedPaste';
import { registerReferenceProviders } from './resolution/referenceProviders';
import { ReferenceService } from './resolution/referenceService';
import type { ClientRuntime } from './runtime';
import { registerSectionText } from './sectionText/registerSectionText';
import { ServerIssues } from './serverIssues';
import { startClient } from './startClient';
import { createKeyStatusBar } from './statusBar';
import { SubmissionsInFlight } from './submission/inFlight';
import { ReceiptStore } from './submission/receipts';
import { registerDocumentLife } from './documentLife/registerDocumentLife';

let client: BaseLanguageClient | undefined;

/**
 * Wiring only: every piece lives in its own module. Called by the entry of the host ClinikDoc runs
 * in (node/main.ts, browser/main.ts) with what differs there.
 */
export async function activate(context: vscode.ExtensionContext, runtime: ClientRuntime): Promise<void> {
  const keys = new KeyStore(context.secrets);
  const output = vscode.window.createOutputChannel('ClinikAPI');
  const serverIssues = new ServerIssues();
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const userAgent = `ClinikDoc/${version}`;
  const references = new ReferenceService({ keys, output, userAgent, client: () => client, transport: runtime.transport });
  const receipts = new ReceiptStore(context.globalState);
  const life = registerDocumentLife({
    keys,
    receipts,
    output,
    userAgent,
    client: () => client,
    globalState: context.globalState,
    transport: runtime.transport,
    patient: (patientId) => references.confirmationPatient(patientId),
  });
  context.subscriptions.push(
    output,
    serverIssues,
    references,
    registerReferenceProviders(references),
    createKeyStatusBar(keys, references),
    registerSetApiKey(keys),
    registerClearApiKey(keys),
    registerNewDocument(context),
    registerOpenPreview(references),
    registerSectionText(),
    registerEscapedPaste(),
    life.disposable,
    registerSubmitDocument({
      keys,
      receipts,
      inFlight: new SubmissionsInFlight(),
      life: life.life,
      serverIssues,
      output,
      userAgent,
      client: () => client,
      references,
      transport: runtime.transport,
    }),
  );
  client = await startClient(context, runtime);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

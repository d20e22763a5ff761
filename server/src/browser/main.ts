import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from '../server';

// The web worker started by the browser client (client/src/browser/main.ts): messages come and go
// through the worker's own postMessage.
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

startServer(createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self)));

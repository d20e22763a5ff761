import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';

// `node dist/server.js --stdio` (or --node-ipc / --socket=N): the transport is chosen from argv.
startServer(createConnection(ProposedFeatures.all));

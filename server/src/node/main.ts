import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { idleCollection } from '../common/idleCollection';
import { LanguageService } from '../languageService';
import { ParsedDocumentCache } from '../parse/documentCache';
import { startServer } from '../server';
import { runtimeCollection } from './runtimeCollection';

// `node dist/server.js --stdio` (or --node-ipc / --socket=N): the transport is chosen from argv.
// The memory a large document leaves behind is given back once the editor is quiet
// (common/idleCollection.ts).
const collection = idleCollection({ collect: runtimeCollection() });
startServer(createConnection(ProposedFeatures.all), new LanguageService(new ParsedDocumentCache(collection.released)));

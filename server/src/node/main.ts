import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { idleCollection, LARGE_DROP_CHARS } from '../common/idleCollection';
import { LanguageService } from '../languageService';
import { ParsedDocumentCache } from '../parse/documentCache';
import { startServer } from '../server';
import { runtimeCollection } from './runtimeCollection';

// `node dist/server.js --stdio` (or --node-ipc / --socket=N): the transport is chosen from argv.
// The memory a large document leaves behind is given back once the editor is quiet
// (common/idleCollection.ts), and so are the parses of large documents, made again on demand.
const collection = idleCollection({ collect: runtimeCollection(), quiet: () => cache.forgetLargeParses(LARGE_DROP_CHARS) });
const cache = new ParsedDocumentCache(collection.released);
startServer(createConnection(ProposedFeatures.all), new LanguageService(cache));

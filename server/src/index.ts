/**
 * The language server's public module, for products built on its checks without a connection
 * (the CLI, cli/): one text in, the editor's answers out. Nothing else of server/src is imported
 * from outside it (test/unit/importBoundaries.test.ts).
 */
export { checkText } from './check/checkText';
export { referencesInText } from './check/referencesInText';

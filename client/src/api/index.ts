/**
 * The ClinikAPI client's public module, for products outside the extension (the CLI, cli/):
 * plain node, no `vscode`. The extension's own features import the files of api/ directly.
 */
export { ClinikApiReads, type ReadsState } from './clinikApiReads';
export { DEFAULT_BASE_URL } from './endpoint';
export { sendRequest } from './nodeTransport';

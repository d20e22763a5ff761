// Routes `vscode` and `vscode-languageclient` (its common and /node entries) to the stand-ins of this folder, for the
// plain-node tests of the client's VS Code layer. Import this module before anything that
// requires the client, so the client's own `require('vscode')` finds the stand-in.
import Module from 'node:module';

const stubs: Record<string, string> = {
  vscode: require.resolve('./fakeVscode'),
  'vscode-languageclient': require.resolve('./fakeLanguageClient'),
  'vscode-languageclient/node': require.resolve('./fakeLanguageClient'),
};
const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request: string, ...rest: unknown[]) {
  return stubs[request] ?? resolve.call(this, request, ...rest);
};

// The bundles for VS Code for the Web: built with the same options as `npm run build`, they import
// no Node built-in (the build's plugin refuses one, and this proves the refusal works), and the
// server bundle answers an LSP `initialize` in a bare JavaScript realm with nothing of Node in it
// (no `process`, no `require`, no `Buffer`), as it must in its web worker.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { browserBuildOptions, browserEntries, browserClientEntry, clientBuildOptions, clientEntry } = require('../../scripts/browserBundles.mjs') as {
  browserEntries: Array<{ in: string; out: string; format: string }>;
  browserClientEntry: { in: string; out: string; format: string };
  clientEntry: { in: string; out: string; format: string };
  browserBuildOptions(root: string, entry: { in: string; out: string; format: string }): esbuild.BuildOptions;
  clientBuildOptions(root: string): esbuild.BuildOptions;
};

const root = join(__dirname, '..', '..');
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

async function bundle(entry: { in: string; out: string; format: string }, options = browserBuildOptions(root, entry)): Promise<{ code: string; inputs: string[] }> {
  const result = await esbuild.build({ ...options, write: false, metafile: true, sourcemap: false, logLevel: 'silent' });
  const js = result.outputFiles?.find((f) => f.path.endsWith('.js'));
  assert.ok(js, `no JavaScript output for ${entry.in}`);
  return { code: js.text, inputs: Object.keys(result.metafile?.inputs ?? {}) };
}

describe('browser bundles (VS Code for the Web)', () => {
  it('are the server for its worker and one client for both extension hosts, listed in package.json', async () => {
    assert.deepEqual(browserEntries.map((e) => e.out), ['dist/browser/server.js']);
    assert.equal(clientEntry.out, 'dist/extension.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const manifest = require('../../package.json') as { main: string; browser?: string };
    assert.equal(manifest.browser, './dist/extension.js');
    assert.equal(manifest.main, './dist/extension.js');
  });

  for (const entry of [browserClientEntry, ...browserEntries]) {
    it(`${entry.in} bundles without a Node built-in, into one file`, async () => {
      const { code, inputs } = await bundle(entry);
      assert.deepEqual(inputs.filter((i) => builtins.has(i) || /^node:/.test(i)), []);
      // The one module the client's bundle loads at run time is `vscode`, supplied by the host.
      const required = new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]));
      assert.deepEqual([...required], entry.format === 'cjs' ? ['vscode'] : []);
    });
  }

  it('a Node built-in anywhere in a browser entry fails the build, naming it', async () => {
    for (const source of ["import { basename } from 'node:path'; export const b = basename;", "import * as fs from 'fs'; export const f = fs;"]) {
      await assert.rejects(
        esbuild.build({
          ...browserBuildOptions(root, { in: 'stdin.ts', out: 'out.js', format: 'cjs' }),
          entryPoints: undefined,
          stdin: { contents: source, loader: 'ts', resolveDir: root },
          write: false,
          logLevel: 'silent',
        }),
        /is a Node built-in: it does not exist in VS Code for the Web/,
      );
    }
  });

  it('the one client bundle loads only `vscode` in the web worker host, and the Node entry only in the Node host', async () => {
    const { code } = await bundle(clientEntry, clientBuildOptions(root));
    /** Evaluates the bundle as an extension host does, and activates it with nothing behind the API. */
    const load = async (web: boolean) => {
      const required: string[] = [];
      // Any property of the stand-in API is another stand-in, callable and constructible.
      const standIn: object = new Proxy(function () {}, {
        get: (_, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : standIn),
        apply: () => standIn,
        construct: () => standIn,
      });
      const realm = vm.createContext({ console, setTimeout, clearTimeout, queueMicrotask, TextEncoder, TextDecoder, URL });
      if (web) vm.runInContext('globalThis.WorkerGlobalScope = function WorkerGlobalScope() {}', realm);
      const module = { exports: {} as { activate?: (context: unknown) => Promise<void> } };
      const requireIn = (name: string): unknown => {
        required.push(name);
        if (name === 'vscode') return standIn;
        throw new Error(`no module ${name} in this host`);
      };
      vm.runInContext(`(function (module, exports, require) {${code}\n})`, realm)(module, module.exports, requireIn);
      assert.equal(typeof module.exports.activate, 'function');
      let failure: unknown;
      try {
        await module.exports.activate!(standIn);
      } catch (error) {
        failure = error;
      }
      return { required: [...new Set(required)], failure };
    };
    const web = await load(true);
    assert.deepEqual(web.required, ['vscode'], 'the web worker host evaluates nothing but its own entry');
    assert.doesNotMatch(String(web.failure ?? ''), /no module/);
    const desktop = await load(false);
    assert.ok(desktop.required.includes('child_process') || desktop.required.includes('node:http'), `the Node entry loads Node built-ins: ${desktop.required.join(', ')}`);
  });

  it('the server bundle answers initialize in a realm without process, require or Buffer', async () => {
    const { code } = await bundle(browserEntries.find((e) => e.out === 'dist/browser/server.js')!);
    const answers: unknown[] = [];
    let deliver: ((event: { data: unknown }) => void) | undefined;
    // What a dedicated worker's global scope offers the server: postMessage in, onmessage out.
    const self = {
      set onmessage(listener: (event: { data: unknown }) => void) {
        deliver = listener;
      },
      addEventListener() {},
      postMessage: (message: unknown) => answers.push(message),
    };
    const realm = vm.createContext({ self, console, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, TextEncoder, TextDecoder });
    vm.runInContext(code, realm, { filename: 'dist/browser/server.js' });
    assert.equal(vm.runInContext('typeof process + typeof require + typeof Buffer', realm), 'undefinedundefinedundefined');
    assert.ok(deliver, 'the server listens on its worker scope');
    deliver({ data: { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } } });
    const started = Date.now();
    while (!answers.some((a) => (a as { id?: number }).id === 1) && Date.now() - started < 10_000) await new Promise((r) => setImmediate(r));
    const answer = answers.find((a) => (a as { id?: number }).id === 1) as { result?: { capabilities?: Record<string, unknown>; serverInfo?: { name?: string } } };
    assert.ok(answer, 'initialize was answered');
    assert.equal(answer.result?.serverInfo?.name, 'clinikdoc-language-server');
    assert.ok(answer.result?.capabilities?.completionProvider);
  });
});

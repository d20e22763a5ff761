// The bundles for VS Code for the Web. The language server for its own web worker is a bundle of
// its own, with no Node built-in anywhere in it: `noNodeBuiltins` fails the build on the first
// import of one. The client is one bundle for both extension hosts (client/src/main.ts): the
// web worker host evaluates only its browser entry, which is checked the same way
// (`browserClientEntry`, bundled alone, unwritten, by the build and by
// test/unit/browserBundles.test.ts), and the Node host's
// entry keeps its built-ins as `require`s that run only there. The V8 code cache and the CLI stay
// in the Node bundles.
import { builtinModules } from 'node:module';

export const browserEntries = [
  // Started by the client with `new Worker(...)`: a plain script.
  { in: 'server/src/browser/main.ts', out: 'dist/browser/server.js', format: 'iife' },
];

/** What the web worker extension host runs of the client: must bundle without a Node built-in. */
export const browserClientEntry = { in: 'client/src/browser/main.ts', out: 'dist/browser/extension.js', format: 'cjs' };

/** The one client bundle, package.json `main` and `browser`: loaded as CommonJS, `vscode` supplied by the host. */
export const clientEntry = { in: 'client/src/main.ts', out: 'dist/extension.js', format: 'cjs' };

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** An esbuild plugin that refuses every import of a Node built-in (`fs`, `node:crypto`, `path` …). */
export const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (!builtins.has(args.path) && !builtins.has(args.path.split('/')[0])) return undefined;
      return { errors: [{ text: `"${args.path}" is a Node built-in: it does not exist in VS Code for the Web (imported by ${args.importer})` }] };
    });
  },
};

/** esbuild options for one browser entry. */
export function browserBuildOptions(root, entry, { production = false } = {}) {
  return {
    absWorkingDir: root,
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: 'browser',
    format: entry.format,
    target: 'es2022',
    external: ['vscode'],
    // jsonc-parser's UMD build requires its modules dynamically, which a bundle cannot follow.
    mainFields: ['browser', 'module', 'main'],
    plugins: [noNodeBuiltins],
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
  };
}

/**
 * esbuild options for the one client bundle: resolved as for the browser (so its browser entry is
 * exactly what `browserClientEntry` checks), plus the `node` condition for the Node host's
 * entry (vscode-languageclient/node), whose Node built-ins stay external.
 */
export function clientBuildOptions(root, { production = false } = {}) {
  const options = browserBuildOptions(root, clientEntry, { production });
  return {
    ...options,
    conditions: ['node'],
    external: ['vscode', ...builtins],
    plugins: [],
  };
}

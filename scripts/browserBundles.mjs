// The two bundles for VS Code for the Web: the client for the web worker extension host and the
// language server for its own web worker. One file each, and no Node built-in anywhere in them:
// `noNodeBuiltins` fails the build on the first import of one (test/unit/browserBundles.test.ts
// bundles them again to prove it). The V8 code cache and the CLI stay in the Node bundles.
import { builtinModules } from 'node:module';

export const browserEntries = [
  // Loaded by the web worker extension host as CommonJS, with `vscode` supplied by the host.
  { in: 'client/src/browser/main.ts', out: 'dist/browser/extension.js', format: 'cjs' },
  // Started by the client with `new Worker(...)`: a plain script.
  { in: 'server/src/browser/main.ts', out: 'dist/browser/server.js', format: 'iife' },
];

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

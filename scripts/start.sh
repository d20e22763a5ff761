#!/usr/bin/env bash
# The README's main command: VS Code (code-server, in your browser) with ClinikDoc installed,
# the sample workspace open and the local ClinikAPI emulator behind it, on 127.0.0.1.
# Installs what it needs on a fresh Debian machine (apt packages as root; the npm packages;
# the code-server tool chain into ~/.cache/clinikdoc-e2e, a few minutes the first time).
#   CLINIKDOC_PORT=8080 CLINIKDOC_EMULATOR_PORT=8787 bash scripts/start.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# libkrb5-dev, python3, make, g++: code-server's native modules are built at install.
bash test/e2e/install-system-deps.sh libkrb5-dev python3 make g++
npm ci --no-audit --no-fund --loglevel=error
echo "[start] installing the code-server tool chain (cached after the first time)"
CLINIKDOC_E2E_TOOLCHAIN="$(bash test/e2e/install-toolchain.sh)"
export CLINIKDOC_E2E_TOOLCHAIN
exec node --import tsx test/e2e/launcher/start.ts

#!/usr/bin/env bash
# The test command of the README: installs what the tests need, then runs every suite.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm test

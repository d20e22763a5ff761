#!/usr/bin/env bash
# Makes sure the Debian packages named as arguments are installed: with apt-get when running as
# root (a fresh Debian machine, CI), otherwise by naming them and failing.
set -euo pipefail
missing=()
for p in "$@"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
((${#missing[@]})) || exit 0
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "[deps] apt-get install ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "[deps] these Debian packages are needed: ${missing[*]}" >&2
  echo "[deps] install them first: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

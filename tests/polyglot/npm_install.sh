#!/usr/bin/env bash
# Installs the Node client's dependencies (@grpc/grpc-js, @grpc/proto-loader)
# into <dir>/node_modules with `npm ci` from <dir>/package-lock.json (a copy
# of tools/clients/node's, made by CMake). Skipped when node_modules is
# already newer than the lock file. Needs npm and the npm registry.
# Usage: npm_install.sh <dir>
set -euo pipefail
dir=$1
stamp=$dir/node_modules/.package-lock.json
if [[ -f $stamp && $stamp -nt $dir/package-lock.json ]]; then
  echo "npm_install: $dir/node_modules is up to date"
  exit 0
fi
command -v npm >/dev/null 2>&1 ||
  { echo "npm_install: npm not found (tools/scripts/install-deps.sh installs it)" >&2; exit 1; }
cd "$dir"
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
test -f "$stamp" || { echo "npm_install: npm ci left no $stamp" >&2; exit 1; }
echo "npm_install: installed the Node client's dependencies in $dir/node_modules"

#!/usr/bin/env bash
# Installs the dependencies, builds everything and runs every test.
# Usage: tools/scripts/run-tests.sh   (BUILD_DIR overrides ./build)
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${BUILD_DIR:-build}

tools/scripts/install-deps.sh
# Warnings are errors here (SSLSTORE_WERROR), as in CI.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DSSLSTORE_WERROR=ON >/dev/null
cmake --build "$build_dir"
ctest --test-dir "$build_dir" --output-on-failure --timeout 600 -j "$(nproc)"

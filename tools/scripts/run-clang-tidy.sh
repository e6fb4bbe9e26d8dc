#!/usr/bin/env bash
# Runs clang-tidy (the checks in .clang-tidy) on every translation unit of
# ours outside tests/ and fails on any finding. Needs a configured build
# directory whose generated headers are built (compile_commands.json).
# Usage: tools/scripts/run-clang-tidy.sh [build dir, default ./build]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${1:-build}
root=$PWD
run_clang_tidy=$(command -v run-clang-tidy-14 || command -v run-clang-tidy)
# The compiler's own warnings are the build's business (GCC, -Werror); here
# clang would also see GCC-only flags (-Wno-restrict) and third-party
# warnings (RapidJSON's operators under C++20) as errors.
"$run_clang_tidy" -quiet -p "$build_dir" -j "$(nproc)" \
  -extra-arg=-Wno-unknown-warning-option -extra-arg=-Wno-error \
  "^$root/(service|sslstore_client|catalog|proto|version|tools/(sslstore-sim|gateway-cli|bench))/.*\.cc\$"

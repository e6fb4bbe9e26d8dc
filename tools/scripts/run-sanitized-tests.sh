#!/usr/bin/env bash
# Builds the whole project and its test suite with AddressSanitizer and
# UndefinedBehaviorSanitizer (clang, -O1, benchmarks left out) and runs every
# test. Any sanitizer report fails the test that triggered it, and so the run.
# Usage: tools/scripts/run-sanitized-tests.sh [ctest args...]
#        (BUILD_DIR overrides ./build-asan)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
build_dir=${BUILD_DIR:-build-asan}

tools/scripts/install-deps.sh

source tools/scripts/configure-sanitized.sh
configure_sanitized "$build_dir" \
  "-fsanitize=address,undefined -fno-sanitize-recover=undefined"

# The same options for the test listing done at build time
# (gtest_discover_tests) and for the tests. Suppressions cover third-party
# code only (tools/sanitizers/README.md).
supp=$root/tools/sanitizers
export ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1:abort_on_error=0:halt_on_error=1
export LSAN_OPTIONS=suppressions=$supp/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=suppressions=$supp/ubsan.supp:print_stacktrace=1:halt_on_error=1
cmake --build "$build_dir" -j "$(nproc)"
# Sanitized code runs 2-5x slower: the timeout is generous, tests are not
# skipped.
ctest --test-dir "$build_dir" --output-on-failure --timeout 900 \
  -j "$(nproc)" "$@"

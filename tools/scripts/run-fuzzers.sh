#!/usr/bin/env bash
# Builds the libFuzzer targets of tools/fuzz (clang, ASan + UBSan) and runs
# each for a while on a copy of its seed corpus (the repository is left
# untouched). Fails on any crash, leak, sanitizer report, timeout or
# out-of-memory; the input that triggered it is kept in
# <build dir>/fuzz-artifacts/ and the command to replay it is printed.
# Usage: tools/scripts/run-fuzzers.sh [seconds per target, default 30]
#        (BUILD_DIR overrides ./build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=${1:-30}
build_dir=${BUILD_DIR:-build-fuzz}
targets=(wbapi_json csr_pem catalog_load)

if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "usage: $0 [seconds per target]" >&2
  exit 2
fi

tools/scripts/install-deps.sh

source tools/scripts/configure-sanitized.sh
configure_sanitized "$build_dir" \
  "-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
  -DSSLSTORE_FUZZ=ON
cmake --build "$build_dir" -j "$(nproc)" --target fuzzers

artifacts=$root/$build_dir/fuzz-artifacts
mkdir -p "$artifacts"
work=$(mktemp -d "${TMPDIR:-/tmp}/sslstore-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=()
for target in "${targets[@]}"; do
  fuzzer=$build_dir/tools/fuzz/${target}_fuzzer
  corpus=$work/$target
  cp -r "tools/fuzz/corpus/$target" "$corpus"
  dict=()
  if [[ -f tools/fuzz/$target.dict ]]; then
    dict=(-dict="tools/fuzz/$target.dict")
  fi
  echo "run-fuzzers: $target for ${seconds}s"
  if "$fuzzer" "$corpus" "${dict[@]}" -max_total_time="$seconds" \
      -timeout=20 -rss_limit_mb=2048 -detect_leaks=1 -print_final_stats=1 \
      -artifact_prefix="$artifacts/$target-" >"$work/$target.log" 2>&1; then
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+[[:space:]]+DONE)' \
      "$work/$target.log" || true
  else
    tail -n 60 "$work/$target.log"
    echo "run-fuzzers: $target FAILED; replay with:" \
      "$fuzzer $artifacts/$target-<crash|leak|timeout|oom>-*" >&2
    failed+=("$target")
  fi
done

if ((${#failed[@]} > 0)); then
  echo "run-fuzzers: failed: ${failed[*]}" >&2
  exit 1
fi
echo "run-fuzzers: all ${#targets[@]} targets ran ${seconds}s each, no finding"

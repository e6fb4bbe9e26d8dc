# Sourced by run-sanitized-tests.sh and run-fuzzers.sh: configures a clang
# build with sanitizers (Debug at -O1 with line tables, frame pointers kept,
# benchmarks left out, ccache when present, the project's UBSan ignorelist).
# Usage: configure_sanitized <build dir> <-fsanitize... flags> [cmake args...]
configure_sanitized() {
  local build_dir=$1 sanitize=$2
  shift 2
  local launcher=()
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  sanitize+=" -fsanitize-ignorelist=$PWD/tools/sanitizers/ubsan-ignorelist.txt"
  cmake -S . -B "$build_dir" -G Ninja "${launcher[@]}" \
    -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS="$sanitize -fno-omit-frame-pointer" \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
    -DSSLSTORE_BUILD_BENCH=OFF -DSSLSTORE_DOTNET_TESTS=OFF \
    -DSSLSTORE_PACKAGING_TESTS=OFF "$@" >/dev/null
}

#!/usr/bin/env bash
# Runs each binary with --version and checks that it prints
# "<name> <version>", where the version is the build's version string and
# starts with the CMake project version.
# Usage: version_test.sh <project version> <version string> <binary>...
set -euo pipefail
project_version=$1
version_string=$2
shift 2

fail() { echo "FAIL: $*" >&2; exit 1; }

[[ $version_string == "$project_version" ||
   $version_string == "$project_version+"* ]] ||
  fail "version string $version_string does not start with $project_version"
for binary in "$@"; do
  name=$(basename "$binary")
  output=$("$binary" --version) || fail "$name --version exited $?"
  [[ $output == "$name $version_string" ]] ||
    fail "$name --version printed '$output', expected '$name $version_string'"
  echo "$output"
done

#!/usr/bin/env bash
# `cmake --install` into a scratch prefix: the three programs, the catalog's
# data, the example configuration and the HAProxy example are installed; no installed program
# holds a path of the source or build tree (`strings`); the installed
# connector's --check-config passes on the installed example and finds the
# installed catalog by itself (no SSLSTORE_CATALOG_DIR), reading the token
# from a systemd credentials directory; without one it names the setting.
# Usage: install_test.sh <cmake> <source dir> <build dir>
set -euo pipefail
cmake=$1
source_dir=$(realpath "$2")
build_dir=$(realpath "$3")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

prefix=$work/prefix
"$cmake" --install "$build_dir" --prefix "$prefix" >"$work/install.log" ||
  fail "cmake --install: $(cat "$work/install.log")"

for program in sslstore-connector sslstore-sim sslstore-gateway; do
  binary=$prefix/bin/$program
  [[ -x $binary ]] || fail "$binary is not installed"
  # The build tree may lie inside the source tree: both are searched.
  if leaks=$(strings "$binary" | grep -F -e "$source_dir" -e "$build_dir"); then
    fail "$program holds a build or source path: $(head -3 <<<"$leaks")"
  fi
done
catalog=$prefix/share/sslstore-connector/catalog
count=$(find "$catalog" -name '*.json' | wc -l)
expected=$(find "$source_dir/catalog/data" -name '*.json' | wc -l)
((count == expected)) ||
  fail "$count catalog files installed in $catalog, expected $expected"
config=$prefix/etc/sslstore-connector/connector.json
cmp -s "$config" "$source_dir/packaging/connector.example.json" ||
  fail "the example configuration is not installed as $config"
[[ -f $prefix/share/sslstore-connector/connector.example.json ]] ||
  fail "no share/sslstore-connector/connector.example.json"
# The HAProxy example is the file replicas_haproxy_test runs.
cmp -s "$prefix/share/doc/sslstore-connector/examples/haproxy-sslstore-connector.cfg" \
  "$source_dir/packaging/haproxy-sslstore-connector.cfg" ||
  fail "the HAProxy example is not installed under share/doc/sslstore-connector/examples"
grep -q "ExecStart=$prefix/bin/sslstore-connector --config=$prefix/etc/" \
  "$prefix/lib/systemd/system/sslstore-connector.service" ||
  fail "the unit does not run the installed program"

# The token as systemd's LoadCredential= passes it.
mkdir "$work/credentials"
echo "install-test-token" >"$work/credentials/sslstore-auth-token"
out=$(cd / && env -u SSLSTORE_CATALOG_DIR \
  CREDENTIALS_DIRECTORY="$work/credentials" \
  "$prefix/bin/sslstore-connector" --config="$config" --check-config 2>&1) ||
  fail "--check-config on the installed example failed: $out"
[[ $out == *"is valid: 1 connection(s)"*"catalog $catalog" ]] ||
  fail "unexpected --check-config output: $out"
valid=$out

if out=$(env -u SSLSTORE_CATALOG_DIR -u CREDENTIALS_DIRECTORY \
  "$prefix/bin/sslstore-connector" --config="$config" --check-config 2>&1); then
  fail "--check-config passed without a credentials directory"
fi
[[ $out == *"connections.default.auth_token_file"*CREDENTIALS_DIRECTORY* ]] ||
  fail "the missing credentials directory is not named: $out"
[[ $out != *install-test-token* ]] || fail "the token was printed: $out"
echo "installed into $prefix: 3 programs without build paths, $count catalog" \
  "files; $valid"

#!/usr/bin/env bash
# The sslstore-connector binary's configuration check and bearer tokens, as
# an operator meets them: --check-config accepts a good file and names the
# key of a bad one; a server with a token file refuses calls without the
# token (reflection, with `buf curl`), accepts them with it, and exits 0
# within five seconds of SIGTERM.
# Usage: connector_binary_security_test.sh <sslstore-connector> <buf>
set -euo pipefail
connector=$1
buf=$2
work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

token=caller-token-$RANDOM$RANDOM
printf '# tokens accepted by the connector\n%s\n' "$token" >"$work/tokens"
cat >"$work/good.json" <<JSON
{"listen_address": "127.0.0.1:0",
 "auth": {"bearer_tokens_file": "$work/tokens"},
 "limits": {"max_field_bytes": 4096},
 "shutdown_grace_seconds": 3}
JSON
out=$("$connector" --config "$work/good.json" --check-config 2>&1) ||
  fail "--check-config rejected a good file: $out"
grep -q "is valid" <<<"$out" || fail "unexpected --check-config output: $out"
grep -q "bearer tokens required" <<<"$out" || fail "auth not reported: $out"
grep -q "$token" <<<"$out" && fail "--check-config printed the token"

echo '{"tls": {"cert_file": "/no/such/cert.pem", "key_file": "/x"}}' \
  >"$work/bad.json"
if out=$("$connector" --config "$work/bad.json" --check-config 2>&1); then
  fail "--check-config accepted a missing certificate file"
fi
grep -q "tls.cert_file" <<<"$out" || fail "bad file, key not named: $out"

mkfifo "$work/out"
"$connector" --config "$work/good.json" >"$work/out" 2>"$work/err" &
server_pid=$!
exec 3<"$work/out"
read -r -t 30 first_line <&3 || fail "no start-up line: $(cat "$work/err")"
[[ $first_line =~ serving\ on\ 127\.0\.0\.1:([0-9]+) ]] ||
  fail "unexpected start-up line: $first_line"
url=http://127.0.0.1:${BASH_REMATCH[1]}
method=$url/sslstore.connector.v1.ConnectorService/ListProducts

if out=$("$buf" curl --protocol grpc --http2-prior-knowledge "$method" 2>&1)
then
  fail "a call without a token was accepted"
fi
grep -qi "unauthenticated" <<<"$out" || fail "no UNAUTHENTICATED: $out"
if "$buf" curl --protocol grpc --http2-prior-knowledge \
  -H "Authorization: Bearer wrong-$token" "$method" >/dev/null 2>&1; then
  fail "a wrong token was accepted"
fi
products=$("$buf" curl --protocol grpc --http2-prior-knowledge \
  -H "Authorization: Bearer $token" "$method")
count=$(grep -c '"code":' <<<"$products" || true)
((count >= 80)) || fail "ListProducts with the token returned $count products"

start=$(date +%s%N)
kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
((status == 0)) || fail "exit status $status after SIGTERM"
((elapsed_ms < 5000)) || fail "SIGTERM took ${elapsed_ms} ms"
grep -q "$token" "$work/err" && fail "the token reached stderr"
echo "connector binary: --check-config, bearer tokens, SIGTERM exit in" \
  "${elapsed_ms} ms"

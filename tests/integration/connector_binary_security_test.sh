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
source "$(dirname "$0")/connector_binary_lib.sh"

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

start_connector --config "$work/good.json"
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

stop_connector
((stop_ms < 5000)) || fail "SIGTERM took ${stop_ms} ms"
grep -q "$token" "$work/err" && fail "the token reached stderr"
echo "connector binary: --check-config, bearer tokens, SIGTERM exit in" \
  "${stop_ms} ms"

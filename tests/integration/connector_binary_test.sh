#!/usr/bin/env bash
# End-to-end check of the sslstore-connector binary as a user runs it:
# starts it on 127.0.0.1:0, reads the port from its first output line, lists
# services through server reflection with `buf curl` (no proto files), calls
# ListProducts, stops it with SIGTERM (exit 0), and checks that a bad config
# stops it with a message naming the key.
# Usage: connector_binary_test.sh <sslstore-connector> <buf>
set -euo pipefail
connector=$1
buf=$2
source "$(dirname "$0")/connector_binary_lib.sh"

# A bad configuration: exit status 1 and the key's path in the message.
echo '{"connections": {"default": {"sslstore_url": "https://x",
  "partner_code": "P", "auth_token": "t", "page_size": 0}}}' >"$work/bad.json"
if "$connector" --config "$work/bad.json" >"$work/bad.out" 2>&1; then
  fail "a bad config was accepted"
fi
grep -q "connections.default.page_size" "$work/bad.out" ||
  fail "bad-config message does not name the key: $(cat "$work/bad.out")"

# Start on a free port; the first stdout line says where it listens.
start_connector --listen 127.0.0.1:0

services=$("$buf" curl --protocol grpc --http2-prior-knowledge \
  --list-services "$url")
grep -qx "sslstore.connector.v1.ConnectorService" <<<"$services" ||
  fail "reflection does not list the service: $services"
grep -qx "grpc.health.v1.Health" <<<"$services" ||
  fail "reflection does not list health: $services"

products=$("$buf" curl --protocol grpc --http2-prior-knowledge \
  "$url/sslstore.connector.v1.ConnectorService/ListProducts")
count=$(grep -c '"code":' <<<"$products" || true)
((count >= 80)) || fail "ListProducts returned $count products"

stop_connector
echo "connector binary: bad config rejected, $count products over" \
  "reflection, clean SIGTERM exit"

#!/usr/bin/env bash
# SIGHUP on the sslstore-connector binary: the configuration file is read
# again and applied while serving. Checks a connection added, a bearer
# token rotated, and that a broken file keeps the configuration in force
# and logs why; the server serves throughout and stops cleanly.
# Usage: connector_reload_test.sh <sslstore-connector> <buf>
set -euo pipefail
connector=$1
buf=$2
source "$(dirname "$0")/connector_binary_lib.sh"

# Writes the configuration: bearer tokens from $work/tokens and the given
# connection names (disabled: SSL Store is never contacted).
write_config() {
  local connections="" name
  for name in "$@"; do
    connections+="${connections:+,}\"$name\": {\"sslstore_url\":
      \"https://127.0.0.1:9\", \"partner_code\": \"P\",
      \"auth_token\": \"reload-upstream-token\", \"enabled\": false}"
  done
  cat >"$work/config.json.new" <<JSON
{"listen_address": "127.0.0.1:0",
 "auth": {"bearer_tokens_file": "$work/tokens"},
 "connections": {$connections}}
JSON
  mv "$work/config.json.new" "$work/config.json"
}

# Waits until the connector's log holds `count` lines matching `pattern`
# (tail follows the file as it grows; no polling).
wait_for_log() {
  local pattern=$1 count=$2
  grep -m "$count" "$pattern" < <(timeout 30 tail --pid="$server_pid" \
    -n +1 -f "$work/err") >/dev/null ||
    fail "no $count line(s) '$pattern' in the log: $(cat "$work/err")"
}

# ListOrganizations on connection $1 with token $2: prints the gRPC code
# ("ok" when the call succeeded).
call_code() {
  local out
  if out=$("$buf" curl --protocol grpc --http2-prior-knowledge \
    -H "authorization: Bearer $2" -d "{\"connection\": {\"name\": \"$1\"}}" \
    "$url/sslstore.connector.v1.ConnectorService/ListOrganizations" 2>&1); then
    echo ok
  else
    sed -n 's/.*"code": *"\([a-z_]*\)".*/\1/p' <<<"$out" | head -1
  fi
}

expect_code() {
  local got
  got=$(call_code "$1" "$2")
  [[ $got == "$3" ]] || fail "connection $1, token $2: got '$got', want $3"
}

echo "token-one" >"$work/tokens"
write_config default
start_connector --config "$work/config.json"
expect_code default token-one failed_precondition  # disabled, as configured
expect_code second token-one not_found

# A connection added and a token rotated.
echo "token-two" >"$work/tokens"
write_config default second
kill -HUP "$server_pid"
wait_for_log '"configuration reloaded"' 1
grep -q '"added":"second"' "$work/err" || fail "the reload line names no addition"
expect_code second token-two failed_precondition
expect_code default token-one unauthenticated

# A broken file: the configuration in force stays, the log says why.
echo '{"connections": {"default": {"page_size": 0}}}' >"$work/config.json"
kill -HUP "$server_pid"
wait_for_log '"configuration reload failed; the current one stays"' 1
grep -q 'connections.default' "$work/err" || fail "the failure names no key"
expect_code second token-two failed_precondition

stop_connector
if grep -q "reload-upstream-token\|token-one\|token-two" "$work/err"; then
  fail "a token reached the log"
fi
echo "connector reload: connection added, token rotated, broken file kept" \
  "the configuration in force"

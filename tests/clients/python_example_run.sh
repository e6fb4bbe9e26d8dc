#!/usr/bin/env bash
# Runs tools/clients/python/example.py (installed wheel) under
# run_with_stack.sh --mtls --bearer-token and checks what it prints: products,
# enroll of a fresh CSR (issued at once), get, sync, an invalid enroll (its
# BadRequest and ErrorInfo details), a call without the token and one
# without the client certificate.
#
# Usage: python_example_run.sh <python> <example.py>
set -euo pipefail

python=$1
example=$2
work=$POLYGLOT_WORK_DIR/example
mkdir -p "$work"
fail() {
  echo "python_example_run: $*" >&2
  exit 1
}
tls=(--ca-file "$CONNECTOR_CA_FILE" --cert "$CONNECTOR_CLIENT_CERT_FILE"
     --key "$CONNECTOR_CLIENT_KEY_FILE")
run() {
  "$python" "$example" "${tls[@]}" \
    --token-file "$CONNECTOR_BEARER_TOKEN_FILE" "$CONNECTOR_TARGET" "$@"
}

products=$(run products)
grep -q '^positivessl ' <<<"$products" || fail "products: no positivessl"

common_name=wheel.polyglot.example.com
openssl req -new -newkey rsa:2048 -nodes -subj "/CN=$common_name" \
  -keyout "$work/key.pem" -out "$work/csr.pem" 2>/dev/null
enrolled=$(run enroll --product positivessl --csr "$work/csr.pem" \
  --param "Approver Email=admin@example.com" \
  --param "Admin Contact - Email=pki@example.com" \
  --param "Validity Period (In Days)=365")
read -r id status action <<<"$enrolled"
[[ -n $id && $status == CERTIFICATE_STATUS_ISSUED &&
   $action == ENROLLMENT_ACTION_NEW_ORDER ]] || fail "enroll printed: $enrolled"

record=$(run get "$id")
first_line=$(head -n 1 <<<"$record")
[[ $first_line == "$id CERTIFICATE_STATUS_ISSUED $common_name" ]] ||
  fail "get printed: $first_line"
grep -q -- '-----BEGIN CERTIFICATE-----' <<<"$record" || fail "get: no PEM"

synced=$(run sync)
grep -q "^$id CERTIFICATE_STATUS_ISSUED $common_name\$" <<<"$synced" ||
  fail "sync: $id not listed"
[[ $(tail -n 1 <<<"$synced") == "summary: "* ]] ||
  fail "sync: the last line is not the summary"

invalid_status=0
printf 'not a CSR\n' >"$work/bad.pem"
invalid=$(run enroll --product positivessl --csr "$work/bad.pem" 2>&1) ||
  invalid_status=$?
((invalid_status == 1)) || fail "invalid enroll: status $invalid_status"
grep -q '^INVALID_ARGUMENT: ' <<<"$invalid" || fail "invalid enroll: $invalid"
grep -q '^  reason REQUEST_INVALID (sslstore-connector.v1) ' <<<"$invalid" ||
  fail "invalid enroll: no ErrorInfo: $invalid"
grep -q '^  csr: ' <<<"$invalid" || fail "invalid enroll: no csr violation"

no_token_status=0
no_token=$("$python" "$example" "${tls[@]}" "$CONNECTOR_TARGET" products \
  2>&1) || no_token_status=$?
((no_token_status == 1)) && grep -q '^UNAUTHENTICATED: ' <<<"$no_token" ||
  fail "without the token: status $no_token_status: $no_token"

# Without the client certificate the TLS handshake fails: no call is made.
no_cert_status=0
no_cert=$("$python" "$example" --ca-file "$CONNECTOR_CA_FILE" \
  --token-file "$CONNECTOR_BEARER_TOKEN_FILE" "$CONNECTOR_TARGET" products \
  2>&1) || no_cert_status=$?
((no_cert_status == 1)) && grep -q '^UNAVAILABLE: ' <<<"$no_cert" ||
  fail "without the client certificate: status $no_cert_status: $no_cert"
echo "python_example_run: $id enrolled, read and synced"

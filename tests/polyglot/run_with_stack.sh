#!/usr/bin/env bash
# Starts the SSL Store simulator and the connector on 127.0.0.1 (port 0 for
# both), runs one client test command against them, and stops both at exit.
#
# Usage: run_with_stack.sh [--tls] [--mtls] [--bearer-token] [--seed-orders N]
#                          <sslstore-connector> <sslstore-sim> -- <command...>
#   --tls           the connector serves TLS with a certificate made here for
#                   127.0.0.1/localhost by a CA made here
#   --mtls          --tls, and the connector requires a client certificate
#                   from that CA (tls.client_ca_file)
#   --bearer-token  the connector requires `authorization: Bearer <token>`
#   --seed-orders N the simulator starts with N orders (default 23; mix
#                   active:pending:cancelled 7:2:1)
#
# The command sees (environment):
#   CONNECTOR_TARGET             127.0.0.1:<port> of the connector (gRPC)
#   CONNECTOR_CA_FILE            CA to verify the connector with (--tls only)
#   CONNECTOR_CLIENT_CERT_FILE,  client certificate and key the connector
#   CONNECTOR_CLIENT_KEY_FILE    accepts (--mtls only)
#   CONNECTOR_BEARER_TOKEN_FILE  file holding the bearer token (--bearer-token)
#   SIM_ADMIN_URL                http://127.0.0.1:<port> of the simulator's
#                                admin API (GET /admin/ground-truth, ...)
#   SIM_SEEDED_ORDERS            N
#   POLYGLOT_WORK_DIR            a scratch directory, removed at exit
# The connector's "default" connection points at the simulator (realistic
# profile, approval immediate, page size 10, the simulator's CA trusted). Exit status: the
# command's, or 1 when the stack cannot start or the connector sent the
# simulator a request member the WBAPI does not have.
set -euo pipefail

tls=false
mtls=false
bearer=false
seed_orders=23
while (($# > 0)); do
  case $1 in
    --tls) tls=true; shift ;;
    --mtls) tls=true; mtls=true; shift ;;
    --bearer-token) bearer=true; shift ;;
    --seed-orders) seed_orders=$2; shift 2 ;;
    *) break ;;
  esac
done
if (($# < 4)) || [[ $3 != -- ]]; then
  echo "usage: $0 [--tls] [--mtls] [--bearer-token] [--seed-orders N]" \
    "<sslstore-connector> <sslstore-sim> -- <command...>" >&2
  exit 2
fi
connector=$1
sim=$2
shift 3

work=$(mktemp -d "${TMPDIR:-/tmp}/sslstore-polyglot.XXXXXX")
pids=()
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "run_with_stack: $*" >&2
  for log in "$work"/*.log; do
    [[ -s $log ]] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }
  done
  exit 1
}

# wait_for_file <file> <pid> <what>: polls until <file> exists and is not
# empty; fails if <pid> exits first or after 30 s.
wait_for_file() {
  local tries
  for ((tries = 0; tries < 300; ++tries)); do
    [[ -s $1 ]] && return 0
    kill -0 "$2" 2>/dev/null || fail "$3 exited before it was ready"
    sleep 0.1
  done
  fail "$3 not ready after 30 s"
}

json_field() {
  /usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

# The simulator, with a random WBAPI token only it and the connector read.
sim_token_file=$work/sim-token
(umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$sim_token_file")
"$sim" --port 0 --admin-port 0 --state-dir "$work/sim" \
  --partner-code POLYGLOT --auth-token-file "$sim_token_file" \
  --profile realistic --approval immediate --seed-orders "$seed_orders" \
  --ready-file "$work/sim-ready.json" >"$work/sim.log" 2>&1 &
pids+=($!)
wait_for_file "$work/sim-ready.json" "${pids[-1]}" "sslstore-sim"
sim_url=$(json_field "$work/sim-ready.json" url)
sim_ca=$(json_field "$work/sim-ready.json" ca_file)
admin_url=$(json_field "$work/sim-ready.json" admin_url)

tls_section=
if $tls; then
  # A throw-away CA and a server certificate for 127.0.0.1 and localhost.
  pki=$work/pki
  mkdir -p "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=polyglot test CA" \
    -keyout "$pki/ca.key" -out "$pki/ca.pem" 2>/dev/null
  openssl req -new -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$pki/server.key" -out "$pki/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
    >"$pki/server.ext"
  openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" \
    -CAcreateserial -days 2 -extfile "$pki/server.ext" -out "$pki/server.pem" 2>/dev/null
  client_ca=
  if $mtls; then
    # A client certificate from the same CA, which the connector requires.
    openssl req -new -newkey rsa:2048 -nodes -subj "/CN=polyglot client" \
      -keyout "$pki/client.key" -out "$pki/client.csr" 2>/dev/null
    printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n' >"$pki/client.ext"
    openssl x509 -req -in "$pki/client.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" \
      -CAcreateserial -days 2 -extfile "$pki/client.ext" -out "$pki/client.pem" 2>/dev/null
    client_ca=", \"client_ca_file\": \"$pki/ca.pem\""
    export CONNECTOR_CLIENT_CERT_FILE=$pki/client.pem
    export CONNECTOR_CLIENT_KEY_FILE=$pki/client.key
  fi
  tls_section=",
  \"tls\": {\"cert_file\": \"$pki/server.pem\", \"key_file\": \"$pki/server.key\"$client_ca}"
  export CONNECTOR_CA_FILE=$pki/ca.pem
fi
auth_section=
if $bearer; then
  token_file=$work/bearer-token
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$token_file")
  auth_section=",
  \"auth\": {\"bearer_tokens_file\": \"$token_file\"}"
  export CONNECTOR_BEARER_TOKEN_FILE=$token_file
fi

cat >"$work/connector.json" <<JSON
{
  "connections": {
    "default": {
      "sslstore_url": "$sim_url",
      "partner_code": "POLYGLOT",
      "auth_token_file": "$sim_token_file",
      "ca_file": "$sim_ca",
      "page_size": 10
    }
  }$tls_section$auth_section
}
JSON

"$connector" --config "$work/connector.json" --listen 127.0.0.1:0 \
  --port_file "$work/connector-port" >"$work/connector.log" 2>&1 &
pids+=($!)
wait_for_file "$work/connector-port" "${pids[-1]}" "sslstore-connector"

CONNECTOR_TARGET=127.0.0.1:$(<"$work/connector-port")
export CONNECTOR_TARGET
export SIM_ADMIN_URL=$admin_url
export SIM_SEEDED_ORDERS=$seed_orders
export POLYGLOT_WORK_DIR=$work
status=0
"$@" || status=$?
# Under exact member names the simulator records every request member the
# WBAPI does not have; the connector must have sent none.
unknown=$(/usr/bin/python3 -c 'import json, sys, urllib.request
print(json.load(urllib.request.urlopen(sys.argv[1]))["members"])' \
  "$admin_url/admin/unknown-members")
if ((status == 0)) && [[ $unknown != "[]" ]]; then
  echo "run_with_stack: the connector sent unknown members: $unknown" >&2
  status=1
fi
if ((status != 0)); then
  echo "run_with_stack: '$*' exited with status $status" >&2
  for log in "$work/connector.log" "$work/sim.log"; do
    echo "--- $(basename "$log") (last lines)" >&2
    tail -n 20 "$log" >&2
  done
fi
exit "$status"

#!/usr/bin/env bash
# Installs the dependencies, builds the connector and the SSL Store simulator,
# starts the simulator, and runs the connector with a `default` connection
# wired to it (trusting the simulator's CA). Ctrl-C stops both.
# Usage: tools/scripts/run-connector.sh [--listen HOST:PORT]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${BUILD_DIR:-build}
listen=127.0.0.1:50051
if [[ ${1:-} == --listen && -n ${2:-} ]]; then listen=$2; fi

tools/scripts/install-deps.sh
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
targets=(sslstore-connector)
have_sim=false
if [[ -f tools/sslstore-sim/CMakeLists.txt ]]; then
  targets+=(sslstore-sim)
  have_sim=true
fi
cmake --build "$build_dir" --target "${targets[@]}"

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/sslstore-connector.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$run_dir"
}
trap cleanup EXIT INT TERM

config=$run_dir/connector.json
if $have_sim; then
  # A fresh random token for this run, kept in a file only these two read.
  token_file=$run_dir/auth-token
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$token_file")
  "$build_dir/tools/sslstore-sim/sslstore-sim" --port 0 --admin-port 0 \
    --state-dir "$run_dir/sim" --partner-code QUICKSTART \
    --auth-token-file "$token_file" --ready-file "$run_dir/sim-ready.json" &
  pids+=($!)
  for _ in $(seq 1 300); do
    [[ -s $run_dir/sim-ready.json ]] && break
    kill -0 "${pids[0]}" 2>/dev/null || { echo "simulator failed" >&2; exit 1; }
    sleep 0.1
  done
  sim_url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$run_dir/sim-ready.json")
  sim_ca=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ca_file"])' "$run_dir/sim-ready.json")
  cat >"$config" <<JSON
{
  "listen_address": "$listen",
  "connections": {
    "default": {
      "sslstore_url": "$sim_url",
      "partner_code": "QUICKSTART",
      "auth_token_file": "$token_file",
      "ca_file": "$sim_ca"
    }
  }
}
JSON
  echo "run-connector: simulator at $sim_url (CA $sim_ca)"
else
  echo "{\"listen_address\": \"$listen\"}" >"$config"
  echo "run-connector: no simulator in this build; serving the catalog only"
fi

"$build_dir/service/sslstore-connector" --config "$config" &
pids+=($!)
wait "${pids[-1]}"

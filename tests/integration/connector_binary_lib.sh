# Sourced by the connector binary tests: a work directory removed at exit
# (with the server, if one still runs), fail(), and starting and stopping
# the sslstore-connector binary in $connector.

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# Starts the connector with the given arguments (it must listen on
# 127.0.0.1:0); sets server_pid, and url from its first output line.
# Its stderr goes to $work/err.
start_connector() {
  mkfifo "$work/out"
  "$connector" "$@" >"$work/out" 2>"$work/err" &
  server_pid=$!
  exec 3<"$work/out"
  local first_line
  read -r -t 30 first_line <&3 || fail "no start-up line: $(cat "$work/err")"
  [[ $first_line =~ serving\ on\ 127\.0\.0\.1:([0-9]+) ]] ||
    fail "unexpected start-up line: $first_line"
  url=http://127.0.0.1:${BASH_REMATCH[1]}
}

# Sends SIGTERM and waits; fails unless the exit status is 0. Sets
# stop_ms to the time from the signal to the exit.
stop_connector() {
  local start status=0
  start=$(date +%s%N)
  kill -TERM "$server_pid"
  wait "$server_pid" || status=$?
  server_pid=
  stop_ms=$((($(date +%s%N) - start) / 1000000))
  ((status == 0)) || fail "exit status $status after SIGTERM"
}

#!/usr/bin/env bash
# The Python client as users get it: builds the wheel
# (tools/clients/python/build_wheel.sh), installs it into a fresh virtual
# environment over the system's grpcio and protobuf (no index, no
# dependencies fetched), type-checks the example and the installed package
# with mypy --strict, checks that mypy sees the message types (a probe with
# wrong types must fail), and runs the example against the real connector
# and simulator (run_with_stack.sh: mutual TLS, bearer token, 127.0.0.1
# port 0).
#
# Usage: python_wheel_test.sh <python> <buf> <sslstore-connector> <sslstore-sim>
set -euo pipefail

if (($# != 4)); then
  echo "usage: $0 <python> <buf> <sslstore-connector> <sslstore-sim>" >&2
  exit 2
fi
python=$1
buf=$2
connector=$3
sim=$4
here=$(cd "$(dirname "$0")" && pwd)
client_dir=$(cd "$here/../../tools/clients/python" && pwd)
stack=$(cd "$here/../polyglot" && pwd)/run_with_stack.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/sslstore-wheel-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
  echo "python_wheel_test: $*" >&2
  exit 1
}
# Nothing from the source tree or the caller's environment on the path.
unset PYTHONPATH
export PYTHONDONTWRITEBYTECODE=1

BUF=$buf PYTHON=$python "$client_dir/build_wheel.sh" "$work/dist"
wheels=("$work"/dist/*.whl)
((${#wheels[@]} == 1)) || fail "expected one wheel, got ${wheels[*]}"

"$python" -m venv --system-site-packages "$work/venv"
venv_python=$work/venv/bin/python
"$venv_python" -m pip install --quiet --no-index --no-deps "${wheels[0]}"
module=$(cd "$work" && "$venv_python" -c \
  'import sslstore_connector_client as m; print(m.__file__)')
[[ $module == "$work/venv/"* ]] || fail "imported $module, not the wheel's"
# ConnectorStub declares a type for every RPC of the service, and no other.
(cd "$work" && "$venv_python" - <<'PY') ||
  fail "ConnectorStub differs from the service"
import sys
import sslstore_connector_client as ssc
service = ssc.v1.DESCRIPTOR.services_by_name["ConnectorService"]
rpcs = {method.name for method in service.methods}
typed = set(ssc.ConnectorStub.__annotations__)
if rpcs != typed:
    sys.exit(f"untyped RPCs {sorted(rpcs - typed)}, "
             f"not RPCs {sorted(typed - rpcs)}")
PY

# mypy --strict (tools/clients/python/mypy.ini) on a copy of the example and
# on the installed package, from a directory holding nothing else.
cp "$client_dir/example.py" "$work/example.py"
mypy=("$python" -m mypy --python-executable "$venv_python"
      --config-file "$client_dir/mypy.ini" --cache-dir "$work/mypy-cache")
(cd "$work" && "${mypy[@]}" example.py) ||
  fail "mypy --strict found errors in the example"
(cd "$work" && "${mypy[@]}" -p sslstore_connector_client) ||
  fail "mypy --strict found errors in the installed package"
cat >"$work/probe.py" <<'PY'
import sslstore_connector_client as ssc

with ssc.connect("127.0.0.1:1") as client:
    number: int = client.stub.Enroll(ssc.v1.EnrollRequest()).ca_request_id
    for message in client.stub.SyncCertificates(
            ssc.v1.SyncCertificatesRequest()):
        data: bytes = message.record.common_name
info = ssc.error_info(None)
reason: int = info.reason if info else 0
PY
probe_status=0
probe=$(cd "$work" && "${mypy[@]}" probe.py 2>&1) || probe_status=$?
((probe_status == 1)) || fail "mypy on the probe: status $probe_status: $probe"
for line in 4 7 9; do
  grep -q "^probe.py:$line: error: Incompatible types in assignment" \
    <<<"$probe" || fail "mypy missed the wrong type on probe.py:$line: $probe"
done
[[ $(grep -c ': error:' <<<"$probe") == 3 ]] ||
  fail "mypy on the probe: unexpected errors: $probe"

# The example, installed, against the real binaries.
"$stack" --mtls --bearer-token "$connector" "$sim" -- \
  "$here/python_example_run.sh" "$venv_python" "$work/example.py"
echo "python_wheel_test: wheel $(basename "${wheels[0]}") installed, mypy" \
  "--strict clean, probe errors found, example ran against the stack"

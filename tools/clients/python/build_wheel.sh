#!/usr/bin/env bash
# Builds the sslstore-connector-client wheel into <out-dir>, offline.
#
# Usage: build_wheel.sh <out-dir>
#   BUF     buf (default: buf on PATH; npm @bufbuild/buf, install-deps.sh)
#   PYTHON  the Python whose setuptools and wheel build it
#           (default /usr/bin/python3: Debian's python3-setuptools, -wheel)
#
# Stages pyproject.toml and src/ in a scratch directory, adds the modules
# `buf generate` makes from proto/ (proto/buf.gen.yaml: *_pb2.py, *_pb2.pyi,
# *_pb2_grpc.py, and google.rpc from tools/google-protos), marks the
# generated packages typed (py.typed), and runs `pip wheel` with neither an
# index nor build isolation. Nothing generated lands in the source tree.
set -euo pipefail

if (($# != 1)); then
  echo "usage: $0 <out-dir>" >&2
  exit 2
fi
buf=${BUF:-buf}
python=${PYTHON:-/usr/bin/python3}
here=$(cd "$(dirname "$0")" && pwd)
proto_dir=$(cd "$here/../../../proto" && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

stage=$(mktemp -d "${TMPDIR:-/tmp}/sslstore-wheel.XXXXXX")
trap 'rm -rf "$stage"' EXIT
cp "$here/pyproject.toml" "$stage/"
cp -R "$here/src" "$stage/src"
find "$stage/src" -name __pycache__ -prune -exec rm -rf {} +

(cd "$proto_dir" && "$buf" generate --template buf.gen.yaml -o "$stage/gen")
# grpc_python_plugin writes a *_pb2_grpc.py for every file; only
# connector_service.proto has a service.
find "$stage/gen/python" -name '*_pb2_grpc.py' \
  ! -name connector_service_pb2_grpc.py -delete
cp -R "$stage/gen/python/." "$stage/src/"
# PEP 561: the generated packages are typed (the .pyi stubs).
touch "$stage/src/sslstore/connector/v1/py.typed" \
  "$stage/src/google/rpc/py.typed"

"$python" -m pip wheel --quiet --no-index --no-deps --no-build-isolation \
  --no-cache-dir --wheel-dir "$out" "$stage"

#!/usr/bin/env bash
# Rebuilds the baseline image that `buf breaking` (ctest proto_buf_breaking)
# compares the public API with: proto/baseline/v1.binpb.
#
# Updating the baseline accepts every change since the last one as the new
# contract, breaking ones included. It is a deliberate act: do it in its own
# commit, and say in CHANGELOG.md (Unreleased) what changed and why.
set -euo pipefail
cd "$(dirname "$0")/../../proto"
buf build --exclude-source-info -o baseline/v1.binpb
echo "update-proto-baseline: wrote proto/baseline/v1.binpb;" \
  "note the change in CHANGELOG.md (Unreleased)"

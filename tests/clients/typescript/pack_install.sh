#!/usr/bin/env bash
# Packs the TypeScript client as a user would get it and compiles a strict
# consumer against the tarball:
#   1. copies tools/clients/typescript (sources only: no node_modules, dist or
#      generated code) to <work>/package and runs `npm ci` there;
#   2. `npm pack` (its prepack step generates src/gen/ from
#      proto/buf.gen.typescript.yaml with buf and protoc-gen-es, then
#      compiles to dist/ with tsc);
#   3. checks the tarball's file list (dist/ with declarations, no sources,
#      no .proto) and package.json (exports, types);
#   4. installs the tarball into <work>/consumer, a scratch project with this
#      directory's package.json, and compiles client_test.ts with this
#      directory's tsconfig.json (strict, noImplicitAny, ...) to
#      <work>/consumer/dist/client_test.js, together with the README's
#      TypeScript example (its first ```ts block), compiled only.
# Needs node, npm, buf ($BUF, else buf on PATH) and the npm registry.
# Usage: pack_install.sh <package-source-dir> <proto-dir> <readme> <work-dir>
set -euo pipefail
if (($# != 4)); then
  echo "usage: $0 <package-source-dir> <proto-dir> <readme> <work-dir>" >&2
  exit 2
fi
source_dir=$(cd "$1" && pwd)
proto_dir=$(cd "$2" && pwd)
readme=$3
work=$4
test_dir=$(cd "$(dirname "$0")" && pwd)
npm_flags=(--no-audit --no-fund --loglevel=error)

fail() { echo "pack_install: $*" >&2; exit 1; }
for tool in node npm "${BUF:-buf}"; do
  command -v "$tool" >/dev/null 2>&1 ||
    fail "$tool not found (tools/scripts/install-deps.sh installs it)"
done

mkdir -p "$work"
work=$(cd "$work" && pwd)
package=$work/package
consumer=$work/consumer
rm -rf "$package" "$consumer" "$work"/*.tgz
mkdir -p "$package" "$consumer"

# 1. The package's sources.
tar -C "$source_dir" --exclude=./node_modules --exclude=./dist \
  --exclude=./src/gen --exclude='*.tgz' -cf - . | tar -C "$package" -xf -
(cd "$package" && npm ci "${npm_flags[@]}")

# 2. npm pack (prepack: generate + tsc).
(cd "$package" && SSLSTORE_PROTO_DIR=$proto_dir npm pack --pack-destination "$work" \
  "${npm_flags[@]}" >"$work/pack.out")
tarball=$work/$(tail -n 1 "$work/pack.out")
[[ -f $tarball ]] || fail "npm pack wrote no tarball (output: $(cat "$work/pack.out"))"

# 3. What the tarball holds.
tar -tzf "$tarball" | sort >"$work/files.txt"
for expected in package/package.json package/README.md package/dist/index.js \
    package/dist/index.d.ts package/dist/connect.js package/dist/details.d.ts \
    package/dist/gen/sslstore/connector/v1/connector_service_pb.js \
    package/dist/gen/sslstore/connector/v1/connector_service_pb.d.ts \
    package/dist/gen/google/rpc/error_details_pb.js; do
  grep -qx "$expected" "$work/files.txt" || fail "$expected is not in $tarball"
done
if grep -v -e '^package/package\.json$' -e '^package/README\.md$' \
    -e '^package/LICENSE$' -e '^package/dist/.*\.\(js\|d\.ts\)$' \
    "$work/files.txt" >"$work/unexpected.txt"; then
  fail "unexpected files in $tarball: $(tr '\n' ' ' <"$work/unexpected.txt")"
fi
tar -xzOf "$tarball" package/package.json | node -e '
  const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const problems = [];
  if (m.private) problems.push("private");
  if (m.types !== "./dist/index.d.ts") problems.push(`types ${m.types}`);
  const root = m.exports && m.exports["."];
  if (!root || root.types !== "./dist/index.d.ts" ||
      root.default !== "./dist/index.js") problems.push("exports[\".\"]");
  if (!Array.isArray(m.files)) problems.push("files");
  if (problems.length) {
    console.error(`pack_install: package.json: ${problems.join(", ")}`);
    process.exit(1);
  }'

# 4. A strict consumer of the tarball.
cp "$test_dir/package.json" "$test_dir/tsconfig.json" "$test_dir/client_test.ts" "$consumer/"
# The README's example, unindented (it sits in a list item).
awk '/^ *```ts$/ && !done { inside = 1; match($0, /^ */); indent = RLENGTH; next }
     inside && /^ *```$/ { inside = 0; done = 1; next }
     inside { print substr($0, indent + 1) }' "$readme" >"$consumer/readme_example.ts"
[[ -s $consumer/readme_example.ts ]] || fail "no \`\`\`ts block in $readme"
(cd "$consumer" && npm install "${npm_flags[@]}" --no-package-lock "$tarball")
(cd "$consumer" && node_modules/.bin/tsc -p tsconfig.json)
[[ -f $consumer/dist/client_test.js ]] || fail "tsc wrote no dist/client_test.js"
echo "pack_install: $(basename "$tarball") ($(wc -l <"$work/files.txt") files)" \
  "installed into $consumer; client_test.ts compiled (strict)"

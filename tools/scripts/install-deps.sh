#!/usr/bin/env bash
# Installs what the build and the tests need: Debian packages (apt-get),
# buf and google-proto-files (npm). Idempotent, and quick when everything is
# already present.
set -euo pipefail

readonly DEBIAN_PACKAGES=(
  cmake ninja-build g++ pkg-config
  libgrpc++-dev libgrpc-dev protobuf-compiler-grpc libprotobuf-dev
  protobuf-compiler grpc-proto
  libabsl-dev libboost-dev libssl-dev openssl rapidjson-dev
  libgtest-dev libgmock-dev prometheus-cpp-dev libcivetweb-dev
  ca-certificates
  clang clang-tidy libclang-rt-14-dev llvm
  python3 python3-grpcio python3-protobuf
  # The Python client's wheel (tools/clients/python), built offline and
  # type-checked: setuptools/wheel backend, pip and venv, mypy.
  python3-setuptools python3-wheel python3-pip python3-venv python3-mypy
  # The proxy test: a real HTTP proxy.
  tinyproxy
  # The replicas test: a real load balancer (HTTP/2 on both sides).
  haproxy
  # The packaging tests: strings, cpack's DEB (dpkg-shlibdeps), dpkg as
  # non-root, useradd/adduser in the postinst, systemd-analyze.
  binutils dpkg-dev fakeroot file passwd adduser systemd
)

missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

# Node.js and npm (for buf and the TypeScript client) may come from elsewhere
# than Debian's archive; only ask Debian for them when there is no npm at all.
if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi

if ((${#missing[@]} > 0)); then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v buf >/dev/null 2>&1; then
  echo "install-deps: installing buf from the npm registry"
  npm install -g --silent @bufbuild/buf >/dev/null 2>&1 ||
    npm install -g @bufbuild/buf
fi
# The current google/rpc protos (ErrorInfo, RetryInfo): the npm package
# google-proto-files, pinned by tools/google-protos/package-lock.json and
# installed into tools/google-protos/node_modules, where the build finds it.
readonly google_protos_dir="$(dirname "$0")/../google-protos"
if [[ ! -f "$google_protos_dir/node_modules/google-proto-files/google/rpc/error_details.proto" ]]; then
  echo "install-deps: installing google-proto-files from the npm registry"
  npm ci --prefix "$google_protos_dir" --no-audit --no-fund --ignore-scripts \
    >/dev/null
fi
# The TypeScript client (tools/clients/typescript) and its tests need
# Node.js 20 or newer (Debian 12's nodejs is 18: use NodeSource's or nvm's).
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if ((node_major < 20)); then
  echo "install-deps: Node.js 20 or newer is needed (found" \
    "$(node --version 2>/dev/null || echo none)); it builds and tests the" \
    "TypeScript client" >&2
  exit 1
fi
# The AnyCA Gateway plugin builds with the .NET SDK, which is not a Debian
# package; its NuGet packages are restored by the build itself.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "install-deps: the .NET SDK (dotnet, 8.0 or newer) is missing; it builds" \
    "and tests the AnyCA Gateway plugin (or configure with" \
    "-DSSLSTORE_DOTNET_TESTS=OFF)" >&2
  exit 1
fi
echo "install-deps: all dependencies present"

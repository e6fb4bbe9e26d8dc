#!/usr/bin/env bash
# Builds the AnyCA Gateway REST drop-in folders of the plugin and a zip of
# each: both contract flavours (3.3 with DCV automation for gateway 26.x,
# 3.0 for gateway 24.x/25.x), for net8.0 (gateway 25.x/26.x) and net6.0
# (gateway 24.x). Each folder holds the plugin assembly, its dependencies and
# manifest.json, and never the contract assembly (the gateway provides it).
#
# Usage: tools/anyca-gateway-plugin/package.sh [OUT_DIR]   (default: ./build/anyca-gateway-plugin)
#   USE_KEYFACTOR_PACKAGES=true builds against Keyfactor's own contract
#   package (its NuGet feed must be configured) instead of the stand-in.
# Layout: OUT_DIR/<tfm>/contract-<flavour>/SslStoreConnectorCaPlugin/
#         OUT_DIR/sslstore-connector-anyca-plugin-<version>-<tfm>-contract-<flavour>.zip
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "${1:-$here/../../build/anyca-gateway-plugin}" && cd "${1:-$here/../../build/anyca-gateway-plugin}" && pwd)
project=$here/SslStoreConnector.AnyCAPlugin/SslStoreConnector.AnyCAPlugin.csproj
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$project" | head -n 1)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
restore_args=(-p:RestoreLockedMode=true)
if [[ ${USE_KEYFACTOR_PACKAGES:-false} == true ]]; then
  restore_args=(-p:UseKeyfactorPackages=true)
fi

for flavour in 3.3 3.0; do
  dotnet restore "$project" -p:AnyCAContract="$flavour" "${restore_args[@]}" >/dev/null
  for tfm in net8.0 net6.0; do
    folder=$out/$tfm/contract-$flavour/SslStoreConnectorCaPlugin
    rm -rf "$folder"
    dotnet publish "$project" --no-restore -c Release -f "$tfm" -p:AnyCAContract="$flavour" "${restore_args[@]}" \
      -o "$folder" -nologo -v quiet >/dev/null
    rm -f "$folder"/*.pdb
    if [[ -e $folder/Keyfactor.AnyGateway.IAnyCAPlugin.dll ]]; then
      echo "package: $folder contains the contract assembly" >&2
      exit 1
    fi
    for required in manifest.json SslStoreConnector.AnyCAPlugin.dll Grpc.Net.Client.dll Google.Protobuf.dll; do
      [[ -f $folder/$required ]] || { echo "package: $folder lacks $required" >&2; exit 1; }
    done
    zip=$out/sslstore-connector-anyca-plugin-$version-$tfm-contract-$flavour.zip
    rm -f "$zip"
    (cd "$folder/.." && python3 -m zipfile -c "$zip" SslStoreConnectorCaPlugin/)
    echo "package: $folder ($(ls "$folder" | wc -l) files), $(basename "$zip")"
  done
done

#!/usr/bin/env bash
# The Debian package: cpack builds sslstore-connector_<version>_amd64.deb
# from the (already built) build tree; dpkg installs it into a scratch root
# (--root, maintainer scripts run chrootless with DPKG_ROOT, under fakeroot
# when not root), which must hold the conffile, the system user and the
# unit; `systemd-analyze verify` passes on the installed unit; the installed
# connector's --check-config passes on the installed configuration, and the
# installed connector, started against the installed simulator, answers a
# Ping through the installed sslstore-gateway.
# Usage: deb_package_test.sh <cpack> <build dir> <project version>
set -euo pipefail
cpack=$1
build_dir=$(realpath "$2")
version=$3

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
as_root=()
if [[ $(id -u) -ne 0 ]]; then as_root=(fakeroot); fi

# Build the package (cpack installs the build tree; it does not build).
(cd "$work" && "$cpack" --config "$build_dir/CPackConfig.cmake" -B "$work/out" \
  >"$work/cpack.log" 2>&1) || fail "cpack: $(cat "$work/cpack.log")"
deb=$work/out/sslstore-connector_${version}_amd64.deb
[[ -f $deb ]] || fail "no $deb: $(ls "$work/out")"
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles |
  grep -qx /etc/sslstore-connector/connector.json ||
  fail "connector.json is not a conffile"

# A scratch root with an empty dpkg database and user database.
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" \
  "$root/var/lib/dpkg/triggers" "$root/etc"
touch "$root/var/lib/dpkg/status" "$root/etc/passwd" "$root/etc/group" \
  "$root/etc/shadow" "$root/etc/gshadow"
"${as_root[@]}" dpkg --root="$root" --force-not-root --force-script-chrootless \
  --force-depends --log=/dev/null --install "$deb" >"$work/dpkg.log" 2>&1 ||
  fail "dpkg --install: $(cat "$work/dpkg.log")"
dpkg --root="$root" --status sslstore-connector >"$work/status"
grep -qx "Status: install ok installed" "$work/status" ||
  fail "not installed: $(cat "$work/status")"
grep -q "^ /etc/sslstore-connector/connector.json [0-9a-f]*$" "$work/status" ||
  fail "dpkg does not track the conffile: $(cat "$work/status")"
grep -q '^sslstore:x:[0-9]*:[0-9]*::/nonexistent:/usr/sbin/nologin$' \
  "$root/etc/passwd" || fail "postinst made no system user: $(cat "$root/etc/passwd")"

# The unit, verified against the scratch root (where its programs exist);
# verify loads the unit's default dependencies, so the host's targets are
# copied in, and checks every Exec program, so the system's kill (of
# ExecReload) is too; Debian's /bin is /usr/bin.
unit=$root/usr/lib/systemd/system/sslstore-connector.service
for setting in "ExecStartPre=/usr/bin/sslstore-connector --config=/etc/sslstore-connector/connector.json --check-config" \
  Restart=on-failure NoNewPrivileges=yes ProtectSystem=strict \
  ProtectHome=yes PrivateTmp=yes CapabilityBoundingSet= \
  SystemCallFilter=@system-service \
  LoadCredential=sslstore-auth-token:/etc/sslstore-connector/auth-token \
  'ExecReload=/bin/kill -HUP $MAINPID' RuntimeDirectory=sslstore-connector \
  RuntimeDirectoryMode=0700; do
  grep -qxF "$setting" "$unit" || fail "the unit lacks $setting"
done
cp /usr/lib/systemd/system/*.target "$root/usr/lib/systemd/system/"
cp /usr/bin/kill "$root/usr/bin/kill"
[[ -e "$root/bin" ]] || ln -s usr/bin "$root/bin"
SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --root="$root" \
  sslstore-connector.service >"$work/verify.log" 2>&1 ||
  fail "systemd-analyze verify: $(cat "$work/verify.log")"
[[ ! -s $work/verify.log ]] ||
  fail "systemd-analyze verify reported: $(cat "$work/verify.log")"

# --check-config on the installed configuration, with the token passed as
# LoadCredential= would.
mkdir "$work/credentials"
token=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
echo "$token" >"$work/credentials/sslstore-auth-token"
config=$root/etc/sslstore-connector/connector.json
out=$(env -u SSLSTORE_CATALOG_DIR CREDENTIALS_DIRECTORY="$work/credentials" \
  "$root/usr/bin/sslstore-connector" --config="$config" --check-config 2>&1) ||
  fail "--check-config on the installed configuration: $out"
[[ $out == *"catalog $root/usr/share/sslstore-connector/catalog" ]] ||
  fail "the installed catalog was not found: $out"

# The installed simulator; its banner comes after its ready file.
mkfifo "$work/sim.out"
"$root/usr/bin/sslstore-sim" --port 0 --admin-port 0 --state-dir "$work/sim" \
  --partner-code PKGTEST --auth-token-file "$work/credentials/sslstore-auth-token" \
  --ready-file "$work/sim-ready.json" >"$work/sim.out" 2>"$work/sim.err" &
pids+=($!)
exec 3<"$work/sim.out"
read -r -t 30 banner <&3 || fail "no simulator banner: $(cat "$work/sim.err")"
[[ $banner == "sslstore-sim listening" ]] || fail "simulator said: $banner"
read_ready() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
    "$work/sim-ready.json" "$1"
}
sim_url=$(read_ready url)
sim_ca=$(read_ready ca_file)

# The installed configuration pointed at the simulator: listen on port 0,
# the simulator's URL, partner code and CA.
python3 - "$config" "$work/connector.json" "$sim_url" "$sim_ca" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["listen_address"] = "127.0.0.1:0"
default = config["connections"]["default"]
default.update(sslstore_url=sys.argv[3], partner_code="PKGTEST",
               ca_file=sys.argv[4])
json.dump(config, open(sys.argv[2], "w"))
PY
mkfifo "$work/connector.out"
env -u SSLSTORE_CATALOG_DIR CREDENTIALS_DIRECTORY="$work/credentials" \
  "$root/usr/bin/sslstore-connector" --config="$work/connector.json" \
  >"$work/connector.out" 2>"$work/connector.err" &
pids+=($!)
exec 4<"$work/connector.out"
read -r -t 30 line <&4 || fail "no connector start-up line: $(cat "$work/connector.err")"
[[ $line =~ serving\ on\ 127\.0\.0\.1:([0-9]+) ]] || fail "connector said: $line"
port=${BASH_REMATCH[1]}

out=$("$root/usr/bin/sslstore-gateway" --connector="127.0.0.1:$port" \
  --connection=default --timeout=20 ping 2>&1) ||
  fail "sslstore-gateway ping: $out"
[[ $out == 'connection "default": '* && $out != *"not checked"* ]] ||
  fail "unexpected ping output: $out"
grep -q "$token" "$work/connector.err" "$work/cpack.log" "$work/dpkg.log" &&
  fail "the token reached a log"
echo "package $(basename "$deb") ($(stat -c %s "$deb") bytes) installed into" \
  "a scratch root; unit verified; installed connector answered: $out"

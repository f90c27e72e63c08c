#!/usr/bin/env bash
# Builds the .deb and proves it installs and runs on a clean Debian: a minimal bookworm root made
# with debootstrap, the package installed with apt-get (its declared Depends only, no
# Recommends), then the installed programs run inside that root:
#   1. `ones-m365 --version` (must name the version of Cargo.toml, which the package carries too)
#      and `ones-m365 validate --config` on a copy of docs/example.json;
#   2. the installed window, once, with `ONES_M365_EXIT_AFTER_FRAMES=3`, against an Xvfb that runs
#      outside the root (X clients reach it through its abstract socket), so the root holds
#      nothing but the package and what it declares — a runtime library missing from `depends`
#      (egui/winit open X11, xkbcommon, EGL and Mesa with dlopen, which ldd cannot see) fails
#      here. Skipped when this machine has no Xvfb;
#   3. the same window under `xvfb-run` inside the root, after installing xvfb and xauth there.
# Each must exit 0. The root is deleted afterwards, whatever happens.
#
# Needs root (debootstrap, chroot, mount), the network (Debian's mirror), cargo-packager
# (`cargo install cargo-packager --locked`) and a release build (the packager runs it).
# Takes a few minutes after the build: see the README. Usage:
#   scripts/verify-deb.sh [--no-package]   (--no-package: reuse the newest target/packages/*.deb)
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), KEEP_ROOT=1 keeps the root.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
started=$SECONDS
step() { echo "verify-deb: [$((SECONDS - started)) s] $*"; }

if [ "$(id -u)" != 0 ]; then
  echo "verify-deb: run as root (debootstrap, chroot and mount need it)" >&2
  exit 2
fi
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)

if [ "${1:-}" != "--no-package" ]; then
  if ! command -v cargo-packager >/dev/null; then
    echo "verify-deb: cargo-packager is missing: cargo install cargo-packager --locked" >&2
    exit 2
  fi
  step "cargo packager --release --formats deb"
  cargo packager --release --formats deb
fi
# shellcheck disable=SC2012 # our own file names
deb=$(ls -t target/packages/*.deb 2>/dev/null | head -n 1 || true)
if [ -z "$deb" ]; then
  echo "verify-deb: no .deb in target/packages" >&2
  exit 1
fi
deb_version=$(dpkg-deb -f "$deb" Version)
step "package $deb, version $deb_version, $(du -k "$deb" | cut -f1) KiB"
echo "verify-deb: declared Depends: $(dpkg-deb -f "$deb" Depends)"
if [ "$deb_version" != "$version" ]; then
  echo "verify-deb: FAIL: the package's version $deb_version is not Cargo.toml's $version" >&2
  exit 1
fi

if ! command -v debootstrap >/dev/null; then
  step "installing debootstrap"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

root=$(mktemp -d /var/tmp/verify-deb-root.XXXXXX)
chmod 755 "$root" # apt downloads as the _apt user
xvfb_pid=""
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  for mount in "$root/dev/pts" "$root/dev" "$root/proc" "$root/sys"; do
    if mountpoint -q "$mount"; then umount -l "$mount" || true; fi
  done
  if [ "${KEEP_ROOT:-}" = 1 ]; then
    echo "verify-deb: root kept in $root (unmounted)"
  else
    rm -rf --one-file-system "$root"
  fi
}
trap cleanup EXIT

step "debootstrap --variant=minbase bookworm $root"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 || {
  tail -n 30 "$root.debootstrap.log" >&2
  rm -f "$root.debootstrap.log"
  exit 1
}
rm -f "$root.debootstrap.log"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

cp "$deb" "$root/tmp/package.deb"
cp docs/example.json "$root/tmp/example.json"
step "apt-get install ./package.deb (Depends only) in the clean root"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  /tmp/package.deb | grep -E '^Setting up' || true
# shellcheck disable=SC2016 # dpkg-query's format, not the shell's
in_root dpkg-query -W -f='${Status} ${Version}\n' ones-m365-assistant

step "installed files"
in_root dpkg -L ones-m365-assistant | grep -E '^/usr/bin/.|\.desktop$|\.png$' | sed 's/^/  /'

step "ones-m365 --version"
version_line=$(in_root ones-m365 --version)
echo "  $version_line"
case "$version_line" in
  *"$version"*) ;;
  *)
    echo "verify-deb: FAIL: --version does not name $version" >&2
    exit 1
    ;;
esac

step "ones-m365 validate --config example.json"
in_root ones-m365 validate --config /tmp/example.json | sed 's/^/  /'

run_gui() { # $1: how; rest: command prefix inside the root
  local how=$1
  shift
  in_root mkdir -p /tmp/gui-config /tmp/gui-runtime
  in_root chmod 700 /tmp/gui-runtime
  if in_root env ONES_M365_CONFIG_DIR=/tmp/gui-config XDG_RUNTIME_DIR=/tmp/gui-runtime \
    ONES_M365_EXIT_AFTER_FRAMES=3 timeout 120 "$@" >"$root/tmp/gui.log" 2>&1; then
    step "the installed window rendered 3 frames and exited 0 ($how)"
  else
    local status=$?
    sed 's/^/  gui: /' "$root/tmp/gui.log" >&2
    echo "verify-deb: FAIL: the installed window exited $status ($how)" >&2
    exit 1
  fi
}

if command -v Xvfb >/dev/null; then
  display=:$((90 + RANDOM % 100))
  step "window against this machine's Xvfb on $display (the root holds only the package's Depends)"
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do
    [ -S "/tmp/.X11-unix/X${display#:}" ] && break
    sleep 0.1
  done
  run_gui "Depends only, outside Xvfb" env DISPLAY="$display" ones-m365-assistant
  kill "$xvfb_pid" 2>/dev/null || true
  wait "$xvfb_pid" 2>/dev/null || true
  xvfb_pid=""
else
  step "no Xvfb on this machine: skipping the Depends-only window check"
fi

step "installing xvfb xauth in the root"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  xvfb xauth >/dev/null
run_gui "xvfb-run inside the root" xvfb-run -a -s "-screen 0 1280x800x24" ones-m365-assistant

step "PASS: $deb ($deb_version) installs on a clean bookworm and both programs run"

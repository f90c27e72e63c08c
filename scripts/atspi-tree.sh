#!/usr/bin/env bash
# Reads the real window's accessibility tree over AT-SPI, as Orca does, on every screen — once
# with a valid integration (demo mode) and once with errors in every step — and prints per
# screen: controls / unnamed / inputs without their messages in their description.
#
#   scripts/atspi-tree.sh [--verbose] [--binary target/debug/ones-m365-assistant]
#
# Everything runs privately and is stopped at the end (by process id): an X server (Xvfb, no
# TCP), a D-Bus session bus (dbus-launch), the accessibility bus (at-spi-bus-launcher, which
# starts at-spi2-registryd), with accessibility switched on (org.a11y.Status.IsEnabled) before the
# window starts, so AccessKit publishes its tree. The reader is scripts/atspi_tree.py (pyatspi).
#
# Needs (Debian/Ubuntu): xvfb xauth xdotool at-spi2-core dbus-x11 python3-pyatspi, plus the X11/EGL
# libraries the window opens (see scripts/shot.sh). pyatspi is a system package: the script uses
# /usr/bin/python3 whatever python3 is first on PATH. Build the binary first:
#   cargo build --bin ones-m365-assistant
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
binary="$here/../target/debug/ones-m365-assistant"
verbose=()
while [ $# -gt 0 ]; do
  case "$1" in
    --verbose) verbose=(--verbose); shift ;;
    --binary) binary=${2:?}; shift 2 ;;
    *) echo "usage: scripts/atspi-tree.sh [--verbose] [--binary PATH]" >&2; exit 2 ;;
  esac
done
[ -x "$binary" ] || { echo "atspi-tree.sh: $binary not built (cargo build --bin ones-m365-assistant)" >&2; exit 2; }
python=/usr/bin/python3
"$python" -c 'import pyatspi' 2>/dev/null || { echo "atspi-tree.sh: install python3-pyatspi" >&2; exit 2; }
launcher=""
for candidate in /usr/libexec/at-spi-bus-launcher /usr/lib/at-spi2-core/at-spi-bus-launcher; do
  [ -x "$candidate" ] && launcher=$candidate && break
done
[ -n "$launcher" ] || { echo "atspi-tree.sh: install at-spi2-core" >&2; exit 2; }
command -v dbus-launch >/dev/null || { echo "atspi-tree.sh: install dbus-x11" >&2; exit 2; }
command -v xdotool >/dev/null || { echo "atspi-tree.sh: install xdotool" >&2; exit 2; }

work=$(mktemp -d)
pids=()
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  # Only what this script started, newest first, by process id.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  if [ -n "${DBUS_SESSION_BUS_PID:-}" ]; then kill "$DBUS_SESSION_BUS_PID" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkfifo "$work/display"
Xvfb -displayfd 3 -screen 0 1400x2800x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
pids+=($!)
read -r -t 15 display <"$work/display" || { echo "atspi-tree.sh: Xvfb did not start:" >&2; cat "$work/xvfb.log" >&2; exit 1; }
export DISPLAY=":$display"

# A private session bus; the accessibility bus registers on it.
eval "$(dbus-launch --sh-syntax)"
export DBUS_SESSION_BUS_ADDRESS DBUS_SESSION_BUS_PID
"$launcher" --launch-immediately >"$work/a11y-bus.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress \
    >/dev/null 2>&1 && break
  sleep 0.1
done
dbus-send --session --type=method_call --dest=org.a11y.Bus /org/a11y/bus \
  org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled variant:boolean:true

status=0
run() {
  local label=$1; shift
  local config; config=$(mktemp -d -p "$work")
  if [ "${1:-}" = "--draft" ]; then cp "$2" "$config/draft.json"; shift 2; fi
  ONES_M365_CONFIG_DIR=$config ONES_M365_LANG=en "$binary" "$@" >"$work/app.log" 2>&1 &
  local app=$!
  pids+=("$app")
  # A window tall enough that nothing is scrolled out: off-screen content is (rightly) left out
  # of the tree, and this run should count every control of the screen.
  local window; window=$(timeout 30 xdotool search --sync --pid "$app" 2>/dev/null | head -n1 || true)
  if [ -n "$window" ]; then xdotool windowsize "$window" 1400 2800 2>/dev/null || true; fi
  "$python" "$here/atspi_tree.py" --label "$label" "${verbose[@]}" || status=1
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
}

run "valid integration (demo mode)" --demo

# A draft with a problem on every screen: values that were typed count as touched, so their
# messages show at once.
cat >"$work/errors.json" <<'JSON'
{
  "include_secrets": false,
  "document": {
    "schema": "ones-m365/1",
    "name": "",
    "operator": "microsoft",
    "ones_url": "notaurl",
    "server_app": { "tenant_id": "abc", "client_id": "not-a-guid", "client_secret": "" },
    "room": { "redirect_uri": "ftp://x", "offision_policy": true, "mailboxes": ["not-an-address"] },
    "sso_app": { "client_id": "123", "client_secret": "", "redirect_uri": "" },
    "users": { "default_user_groups": [], "pager_as_card_number": false, "login_button_name": "" }
  }
}
JSON
run "with errors on every screen" --draft "$work/errors.json"
exit $status

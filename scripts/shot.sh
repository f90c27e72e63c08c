#!/usr/bin/env bash
# Screenshots one program's real window on a private X server (Xvfb).
#
#   scripts/shot.sh OUT.png [--size 1200x780] [--wait 3] [--keys "Tab Return"] -- COMMAND [ARGS...]
#
# Starts its own Xvfb (a free display chosen by the server itself, no TCP), runs COMMAND on it,
# waits --wait seconds, optionally presses --keys in the program's window (xdotool key names), saves
# the screen as OUT.png (ImageMagick `import`) and stops exactly the processes it started. When the
# program exits before the picture is taken, its output is shown and the script fails.
#
# Needs (Debian/Ubuntu package names): xvfb, xauth, imagemagick, xdotool (only with --keys), and the
# X11/EGL libraries the program opens (libx11-6 libxcursor1 libxi6 libxrandr2 libxkbcommon-x11-0
# libegl1 libgl1-mesa-dri). Missing ones are installed with apt-get (as root, or through sudo).
set -euo pipefail

usage="usage: scripts/shot.sh OUT.png [--size WxH] [--wait SECONDS] [--keys \"KEY ...\"] -- COMMAND [ARGS...]"
out=${1:?$usage}
shift
size=1200x780 wait=3 keys=""
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size=${2:?$usage}; shift 2 ;;
    --wait) wait=${2:?$usage}; shift 2 ;;
    --keys) keys=${2:?$usage}; shift 2 ;;
    --) shift; break ;;
    *) echo "shot.sh: unknown option $1" >&2; echo "$usage" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "shot.sh: no command given" >&2; echo "$usage" >&2; exit 2; }

packages=(xvfb xauth imagemagick libx11-6 libxcursor1 libxi6 libxrandr2 libxkbcommon-x11-0 libegl1
          libgl1-mesa-dri)
[ -n "$keys" ] && packages+=(xdotool)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null | grep -qx installed || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "shot.sh: installing ${missing[*]}" >&2
  as_root=""
  [ "$(id -u)" -eq 0 ] || as_root=sudo
  $as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work=$(mktemp -d)
xvfb_pid="" app_pid=""
cleanup() {
  # Only what this script started, by process id; either may have exited already.
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The server picks a free display and writes its number to fd 3 once it accepts clients.
mkfifo "$work/display"
Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
if ! read -r -t 15 number <"$work/display"; then
  echo "shot.sh: Xvfb did not start; its output:" >&2
  cat "$work/xvfb.log" >&2
  exit 1
fi
export DISPLAY=":$number"
if [ -n "${XDG_RUNTIME_DIR:-}" ]; then
  mkdir -p "$XDG_RUNTIME_DIR"
else
  # Our own, private as the specification asks; the user's own is left as it is.
  export XDG_RUNTIME_DIR=$work/runtime
  mkdir -m 0700 "$XDG_RUNTIME_DIR"
fi

"$@" >"$work/app.log" 2>&1 &
app_pid=$!
sleep "$wait"
if ! kill -0 "$app_pid" 2>/dev/null; then
  echo "shot.sh: the program exited before the picture was taken; its output:" >&2
  tail -20 "$work/app.log" >&2
  exit 1
fi
if [ -n "$keys" ]; then
  window=$(xdotool search --pid "$app_pid" 2>/dev/null | tail -1 || true)
  if [ -n "$window" ]; then xdotool windowfocus --sync "$window" 2>/dev/null || true; fi
  for key in $keys; do
    xdotool key "$key"
    sleep 0.2
  done
  sleep 1
fi
import -window root "$out"
echo "shot.sh: saved $out"

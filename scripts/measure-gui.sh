#!/usr/bin/env bash
# Measures the window the way issue "an installer's afternoon" asks, side by side with a hello-world
# eframe app built the same way (examples/hello_baseline.rs: same renderer, one heading, one focused
# text field): time from `main` to the end of the first frame, peak resident memory, and CPU use
# while idle with a focused text field (sampled 10 s, starting 8 s after start — the cursor stops
# blinking 5 s after the last input). Each app runs RUNS times (default 3) on a private Xvfb with
# software OpenGL; the medians are printed.
#
#   scripts/measure-gui.sh                 # release build (what users get)
#   PROFILE=dev scripts/measure-gui.sh     # quicker to build; slower absolute figures
#
# Needs: xvfb, libgl1-mesa-dri and the X11/EGL libraries of the README (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${PROFILE:-release}
runs=${RUNS:-3}
dir=$([ "$profile" = dev ] && echo debug || echo "$profile")

need=()
for package in xvfb xauth libx11-6 libxcursor1 libxi6 libxrandr2 libxkbcommon-x11-0 libegl1 libgl1-mesa-dri; do
  dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null | grep -qx installed || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=$(command -v sudo || true)
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

cargo build --profile "$profile" --bin ones-m365-assistant --example hello_baseline
assistant="target/$dir/ones-m365-assistant"
hello="target/$dir/examples/hello_baseline"

export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
display=:$(( 200 + RANDOM % 300 ))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
config=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$config"' EXIT
sleep 1

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure BINARY → "first_frame_ms peak_rss_kb idle_cpu_percent"
measure() {
  local log pid first start_ticks end_ticks rss
  log=$(mktemp)
  DISPLAY=$display LIBGL_ALWAYS_SOFTWARE=1 ONES_M365_REPORT_FIRST_FRAME=1 ONES_M365_LANG=en \
    ONES_M365_CONFIG_DIR="$config" "$1" 2>"$log" >/dev/null &
  pid=$!
  sleep 8
  start_ticks=$(cpu_ticks "$pid")
  sleep 10
  end_ticks=$(cpu_ticks "$pid")
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  first=$(awk '/first-frame-ms/ {print $2}' "$log")
  rm -f "$log"
  awk -v f="${first:-NaN}" -v r="$rss" -v d=$((end_ticks - start_ticks)) -v t="$ticks" \
    'BEGIN { printf "%s %s %.1f\n", f, r, 100 * d / (10 * t) }'
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

report() { # name binary
  local results
  results=$(for _ in $(seq "$runs"); do measure "$2"; done)
  printf '%-12s first frame %6s ms   peak RSS %6s MB   idle CPU %5s %%\n' "$1" \
    "$(cut -d' ' -f1 <<< "$results" | median)" \
    "$(cut -d' ' -f2 <<< "$results" | median | awk '{printf "%.0f", $1 / 1024}')" \
    "$(cut -d' ' -f3 <<< "$results" | median)"
}

echo "profile $profile, $runs runs each, software OpenGL on Xvfb"
report hello-world "$hello"
report assistant "$assistant"

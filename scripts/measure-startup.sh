#!/usr/bin/env bash
# Start-up time, memory and idle CPU of the assistant beside a hello-world eframe window built
# with the same eframe/egui, renderer and profile (examples/hello.rs: one heading, one focused text
# field) — measured the same way, in one run, on a private X server with software GL.
#
#   scripts/measure-startup.sh [--profile release|dev] [--runs 3] [--idle 10] [--default-hello]
#
# --default-hello also measures hello world built with Cargo's default release profile
# (`default-release` in Cargo.toml: opt-level 3, no LTO, 16 codegen units) — the baseline of the
# goal "≤ 1.5× a default-profile hello world"; its first build takes several minutes.
#
# Per program and run: the first frame (ms from the first line of main until the first frame was
# drawn, printed by the program itself with ONES_M365_TIMING=1), the peak resident memory (VmHWM),
# and the CPU used while idle with a text field focused (after the cursor's blink stopped: 8 s in,
# averaged over --idle seconds, from /proc/PID/stat). The assistant runs in English and in 简体中文
# (the CJK font is loaded only then). Prints medians and the ratio to hello world.
#
# The programs take turns within each run (hello, en, zh, hello, en, zh, …), so a slow minute of
# the machine falls on all of them alike. Each program prints its start-up phases (ms since the
# first line of main at the end of each phase, `timing: phase NAME MS`); their medians are shown
# after the table.
#
# CARGO_TARGET_DIR is honoured; MEASURE_NO_BUILD=1 measures the binaries already built.
# Needs: xvfb, xauth, xdotool, the X11/EGL/Mesa libraries of scripts/shot.sh; builds both programs with
# cargo (a release build takes several minutes the first time). Not a timed test: numbers depend
# on the machine and its load; compare the ratio.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
profile=release runs=3 idle=10 default_hello=0
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --idle) idle=${2:?}; shift 2 ;;
    --default-hello) default_hello=1; shift ;;
    *) echo "usage: scripts/measure-startup.sh [--profile release|dev] [--runs N] [--idle SECONDS] [--default-hello]" >&2; exit 2 ;;
  esac
done
dir=$profile
[ "$profile" = dev ] && dir=debug
target=${CARGO_TARGET_DIR:-$here/target}
if [ "${MEASURE_NO_BUILD:-0}" != 1 ]; then
  (cd "$here" && cargo build --profile "$profile" --bin ones-m365-assistant --example hello >&2)
  if [ "$default_hello" = 1 ]; then
    (cd "$here" && cargo build --profile default-release --example hello >&2)
  fi
fi
programs="hello assistant-en assistant-zh"
[ "$default_hello" = 1 ] && programs="hello-default-profile $programs"
app="$target/$dir/ones-m365-assistant"
hello="$target/$dir/examples/hello"
hello_default="$target/default-release/examples/hello"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkfifo "$work/display"
Xvfb -displayfd 3 -screen 0 1280x1000x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
pids+=($!)
read -r -t 15 display <"$work/display" || { echo "measure-startup.sh: Xvfb did not start:" >&2; cat "$work/xvfb.log" >&2; exit 1; }
export DISPLAY=":$display" LIBGL_ALWAYS_SOFTWARE=1
ticks=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# One run of NAME: prints "first_frame_ms rss_mib idle_cpu_percent"; appends its phases
# ("NAME_OF_PHASE MS" lines) to $work/NAME.phases.
measure() {
  local name=$1; shift
  local log="$work/run.log" config; config=$(mktemp -d -p "$work")
  : >"$log"
  env ONES_M365_TIMING=1 ONES_M365_CONFIG_DIR="$config" "$@" 2>"$log" >/dev/null &
  local pid=$!
  pids+=("$pid")
  local first=""
  for _ in $(seq 600); do
    first=$(sed -n 's/^timing: first-frame-ms //p' "$log" | head -n1)
    [ -n "$first" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "measure-startup.sh: $1 exited" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$first" ] || { echo "measure-startup.sh: no first frame from $1" >&2; exit 1; }
  # Give the window the keyboard focus (no window manager here), as a person's desktop does:
  # only a focused window blinks its text cursor.
  local window; window=$(timeout 30 xdotool search --sync --pid "$pid" 2>/dev/null | head -n1 || true)
  if [ -n "$window" ]; then xdotool windowfocus "$window" 2>/dev/null || true; fi
  sleep 8
  local before; before=$(cpu_ticks "$pid")
  sleep "$idle"
  local after; after=$(cpu_ticks "$pid")
  local rss_kb; rss_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  sed -n 's/^timing: phase //p' "$log" >>"$work/$name.phases"
  awk -v f="$first" -v r="$rss_kb" -v b="$before" -v a="$after" -v t="$ticks" -v s="$idle" \
    'BEGIN { printf "%d %.0f %.1f\n", f, r / 1024, (a - b) * 100 / (t * s) }'
}

# The median of the numbers on standard input; nothing for no input.
median() { sort -n | awk '{v[NR]=$1} END {if (NR) print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

for name in $programs; do : >"$work/$name"; : >"$work/$name.phases"; done
for _ in $(seq "$runs"); do
  for name in $programs; do
    case "$name" in
      hello) measure "$name" "$hello" ;;
      hello-default-profile) measure "$name" "$hello_default" ;;
      assistant-en) measure "$name" env ONES_M365_LANG=en "$app" ;;
      assistant-zh) measure "$name" env ONES_M365_LANG=zh-CN "$app" ;;
    esac >>"$work/$name"
  done
done
declare -A result
for name in $programs; do
  result[$name]="$(cut -d' ' -f1 "$work/$name" | median) $(cut -d' ' -f2 "$work/$name" | median) $(cut -d' ' -f3 "$work/$name" | median)"
done

read -r hello_first _ _ <<<"${result[hello]}"
default_first=""
[ "$default_hello" = 1 ] && read -r default_first _ _ <<<"${result[hello-default-profile]}"
echo "profile $profile, $runs runs each (medians), software GL on Xvfb, idle CPU over ${idle}s with a focused text field"
printf '%-22s %16s %8s %11s %12s %18s\n' program "first frame ms" ratio "max RSS MiB" "idle CPU %" \
  "${default_first:+ratio to default}"
for name in $programs; do
  read -r first rss cpu <<<"${result[$name]}"
  ratio=$(awk -v a="$first" -v b="$hello_first" 'BEGIN { printf "%.2f×", a / b }')
  versus_default=""
  [ -n "$default_first" ] && versus_default=$(awk -v a="$first" -v b="$default_first" 'BEGIN { printf "%.2f×", a / b }')
  printf '%-22s %16s %8s %11s %12s %18s\n' "$name" "$first" "$ratio" "$rss" "$cpu" "$versus_default"
done
echo
echo "start-up phases (median ms since the first line of main, at the end of each phase)"
for name in $programs; do
  phases=$(awk '!seen[$1]++ {print $1}' "$work/$name.phases")
  [ -n "$phases" ] || continue
  line=""
  for phase in $phases; do
    line+=" $phase $(awk -v p="$phase" '$1 == p {print $2}' "$work/$name.phases" | median)"
  done
  printf '%-22s%s\n' "$name" "$line"
done

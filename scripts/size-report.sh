#!/usr/bin/env bash
# Size of the release binaries, as the packages ship them: builds `cargo build --release --bins`,
# copies both binaries, strips the copies (the release profile strips already; stripping again
# makes a build with another profile comparable) and prints their sizes, plus the number of crates
# that appear in more than one version in this platform's dependency tree (`cargo tree -d`).
# A measurement, not a test: it never fails on a number.
#
# Usage: scripts/size-report.sh [--no-build]    (--no-build measures what target/release holds)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

if [ "${1:-}" != "--no-build" ]; then
  start=$SECONDS
  cargo build --release --bins
  echo "size-report: release build took $((SECONDS - start)) s"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
exe=""
case "$(uname -s)" in MINGW* | MSYS* | CYGWIN*) exe=".exe" ;; esac

printf '%-22s %12s %12s %9s\n' binary "bytes (file)" "stripped" "MB"
for bin in ones-m365-assistant ones-m365; do
  path="target/release/$bin$exe"
  if [ ! -f "$path" ]; then
    echo "size-report: $path is missing" >&2
    exit 1
  fi
  cp "$path" "$work/$bin$exe"
  strip "$work/$bin$exe" 2>/dev/null || true
  raw=$(wc -c <"$path")
  stripped=$(wc -c <"$work/$bin$exe")
  printf '%-22s %12d %12d %9s\n' "$bin" "$raw" "$stripped" \
    "$(awk -v b="$stripped" 'BEGIN { printf "%.1f", b / 1000000 }')"
done

duplicates=$(cargo tree -d --depth 0 -e normal 2>/dev/null | grep -v '^$' | sort -u |
  awk '{ print $1 }' | uniq -d | wc -l)
echo "crates in more than one version (cargo tree -d, this platform, normal deps): $duplicates"
echo "release profile: $(sed -n '/^\[profile.release\]/,/^\[/p' Cargo.toml | grep -v '^\[' | grep -v '^#' | grep -v '^$' | tr '\n' ' ')"

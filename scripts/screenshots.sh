#!/usr/bin/env bash
# Takes the README's screenshots from the real window under Xvfb: one per wizard screen, with
# docs/example.json loaded through a throw-away draft (never the developer's own config dir).
#
#   scripts/screenshots.sh            # writes docs/screenshots/{server,room,users,review}.png
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${SHOT:-../shared/tools/shot.sh}
cargo build --bin ones-m365-assistant
for step in Server Room Users Review; do
  dir=$(mktemp -d)
  python3 - "$step" "$dir/draft.json" <<'PY'
import json, sys
step, out = sys.argv[1], sys.argv[2]
doc = json.load(open("docs/example.json"))
json.dump({"include_secrets": True, "step": step, "document": doc}, open(out, "w"))
PY
  name=$(echo "$step" | tr 'A-Z' 'a-z')
  ONES_M365_CONFIG_DIR="$dir" "$shot" "docs/screenshots/$name.png" --size 1280x860 --wait 3 -- target/debug/ones-m365-assistant
  rm -rf "$dir"
done

#!/usr/bin/env bash
# Takes the README's screenshots from the real window under Xvfb: one per wizard screen, with
# docs/example.json loaded through a throw-away config dir (never the developer's own), plus two
# in Chinese. The Chinese ones need a CJK font (e.g. `apt-get install fonts-wqy-microhei`).
#
#   scripts/screenshots.sh            # writes docs/screenshots/*.png
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${SHOT:-../shared/tools/shot.sh}
cargo build --bin ones-m365-assistant
take() { # take STEP LANGUAGE OUT
  local dir
  dir=$(mktemp -d)
  python3 - "$1" "$dir/draft.json" <<'PY'
import json, sys
step, out = sys.argv[1], sys.argv[2]
doc = json.load(open("docs/example.json"))
json.dump({"include_secrets": True, "step": step, "document": doc}, open(out, "w"))
PY
  printf '{"language": "%s"}\n' "$2" > "$dir/preferences.json"
  ONES_M365_CONFIG_DIR="$dir" "$shot" "docs/screenshots/$3.png" --size 1200x780 --wait 3 -- target/debug/ones-m365-assistant
  rm -rf "$dir"
}
for step in Server Room Users Review; do
  take "$step" en "$(echo "$step" | tr 'A-Z' 'a-z')"
done
take Server zh-CN server-zh-CN
take Review zh-TW review-zh-TW

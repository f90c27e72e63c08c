#!/usr/bin/env bash
# Takes the README's screenshots from the real window under Xvfb: one per wizard screen, with
# docs/example.json loaded through a throw-away config dir (never the developer's own), plus two
# in Chinese. Uses the project's own scripts/shot.sh (private Xvfb + ImageMagick `import`).
#
#   scripts/screenshots.sh            # writes docs/screenshots/*.png
#
# Needs: the build prerequisites of the README, xvfb, xauth and imagemagick (scripts/shot.sh installs
# them with apt-get when missing). The Chinese pictures need no font installed: the window's own
# Chinese glyphs are embedded (src/gui/fonts.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
shot=scripts/shot.sh
cargo build --bin ones-m365-assistant
take() { # take STEP LANGUAGE OUT
  local dir
  dir=$(mktemp -d)
  # The autosaved draft the app opens with: the example document on screen STEP.
  { printf '{"include_secrets": true, "step": "%s", "document": ' "$1"
    cat docs/example.json
    printf '}\n'
  } > "$dir/draft.json"
  printf '{"language": "%s"}\n' "$2" > "$dir/preferences.json"
  ONES_M365_CONFIG_DIR="$dir" "$shot" "docs/screenshots/$3.png" --size 1200x780 --wait 3 -- target/debug/ones-m365-assistant
  rm -rf "$dir"
}
for step in Server Room Users Review; do
  take "$step" en "$(echo "$step" | tr '[:upper:]' '[:lower:]')"
done
take Server zh-CN server-zh-CN
take Review zh-TW review-zh-TW

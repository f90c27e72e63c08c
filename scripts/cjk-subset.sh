#!/usr/bin/env bash
# The window's own Chinese glyphs: a subset of Noto Sans CJK SC (Simplified) and TC (Traditional)
# holding every CJK character the program itself writes — the zh-CN and zh-TW catalogues and the
# Chinese text in src/ (the language names) — plus CJK punctuation. The Chinese window draws its
# text from these (~1 MB together, embedded in the binary, so no font file is read or mapped at
# start-up); the system's CJK font is read only when typed or loaded text needs a character the
# subset lacks. Run again after a catalogue gains a character: a test names the missing ones.
#
#   scripts/cjk-subset.sh [PATH/TO/NotoSansCJK-Regular.ttc]
#
# Needs fontTools (`pip install fonttools`, 4.x) and the Noto Sans CJK collection (Debian/Ubuntu:
# fonts-noto-cjk). Writes assets/fonts/cjk-ui-{sc,tc}.otf and assets/fonts/cjk-ui-chars.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
collection=${1:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
[ -f "$collection" ] || { echo "cjk-subset.sh: no $collection (install fonts-noto-cjk or name the .ttc)" >&2; exit 1; }
python3 - "$here" "$collection" <<'PY'
import pathlib, sys
from fontTools import subset
from fontTools.ttLib import TTCollection

here, collection = pathlib.Path(sys.argv[1]), sys.argv[2]

def is_cjk(ch):
    # The same ranges as `gui::fonts::is_cjk`.
    c = ord(ch)
    return any(lo <= c <= hi for lo, hi in [
        (0x2E80, 0x2FDF), (0x3000, 0x30FF), (0x3100, 0x31BF), (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF)])

chars = set(chr(c) for c in range(0x3000, 0x3040))   # CJK punctuation
chars |= set(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
sources = [here / "assets/locales/zh-CN.json", here / "assets/locales/zh-TW.json"]
sources += sorted((here / "src").rglob("*.rs"))
for path in sources:
    chars |= {ch for ch in path.read_text(encoding="utf-8") if is_cjk(ch)}

faces = {font["name"].getDebugName(4): font for font in TTCollection(collection).fonts}
out = here / "assets/fonts"
out.mkdir(parents=True, exist_ok=True)
for suffix, family in [("sc", "Noto Sans CJK SC"), ("tc", "Noto Sans CJK TC")]:
    font = faces[family]
    options = subset.Options()
    # fontTools' default layout features (horizontal text). The name records keep the font's
    # copyright (0) and its licence (13, 14), as the SIL Open Font License asks of every copy.
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in chars])
    subsetter.subset(font)
    font.recalcTimestamp = False  # the same bytes on every run: the subset is committed
    font.save(out / f"cjk-ui-{suffix}.otf")
(out / "cjk-ui-chars.txt").write_text("".join(sorted(chars)) + "\n", encoding="utf-8")
print(f"{len(chars)} characters", file=sys.stderr)
PY
ls -l "$here"/assets/fonts >&2

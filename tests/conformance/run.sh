#!/usr/bin/env bash
# MSAL for Python against `ones-m365 sandbox` (see msal_conformance.py). Builds the CLI, makes a
# virtual environment with msal from PyPI (kept in target/ between runs), runs the cases and
# exits non-zero when any fails. Needs python3 with venv and network access to PyPI the first
# time; the run itself talks to 127.0.0.1 only.
#
#   bash tests/conformance/run.sh            # build (debug) and run
#   ONES_M365_BIN=path/to/ones-m365 bash tests/conformance/run.sh   # use a built binary
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

if [[ -z "${ONES_M365_BIN:-}" ]]; then
  cargo build --quiet --bin ones-m365
  target="${CARGO_TARGET_DIR:-$root/target}"
  ONES_M365_BIN="$target/debug/ones-m365"
fi
[[ -x "$ONES_M365_BIN" ]] || { echo "conformance: no ones-m365 binary at $ONES_M365_BIN" >&2; exit 2; }

venv="${ONES_M365_CONFORMANCE_VENV:-${CARGO_TARGET_DIR:-$root/target}/conformance-venv}"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
# msal brings requests and PyJWT (with cryptography), which the script also uses.
if ! "$venv/bin/python" -c 'import msal, jwt, requests' 2>/dev/null; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --timeout 60 \
    'msal>=1.31,<2' 'PyJWT[crypto]>=2.8,<3'
fi

exec timeout 300 "$venv/bin/python" "$root/tests/conformance/msal_conformance.py" "$ONES_M365_BIN"

#!/usr/bin/env bash
# Install everything the call center needs on this machine, idempotently:
# Debian packages and the LiveKit server (scripts/services.sh install), and a Python 3.11 venv
# with the project and pinned dependencies (constraints.txt). Re-running skips what is done.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${CC_VENV:-$ROOT/.venv}
cd "$ROOT"

PY=${CC_PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
"$PY" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' \
  || { echo "Python 3.11 is required (found $("$PY" --version))" >&2; exit 1; }

bash scripts/services.sh install

[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
stamp="$VENV/.installed-$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "[setup] installing Python dependencies into $VENV" >&2
  "$VENV/bin/pip" install -q --upgrade pip
  "$VENV/bin/pip" install -q -c constraints.txt -e ".[test]"
  rm -f "$VENV"/.installed-*; touch "$stamp"
fi

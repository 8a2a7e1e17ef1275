#!/usr/bin/env bash
# Run the whole test suite against real services: installs what is missing, starts Postgres, Redis
# and the LiveKit server (stopping them afterwards if this script started them), then pytest.
# Extra arguments go to pytest, e.g. scripts/test.sh -m db -x
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh
if ! bash scripts/services.sh status | grep -q down; then
  started=0
else
  started=1
  bash scripts/services.sh start
fi
[ "$started" = 1 ] && trap 'bash scripts/services.sh stop' EXIT
eval "$(bash scripts/services.sh env)"
"${CC_VENV:-$ROOT/.venv}/bin/python" -m pytest "$@"

#!/usr/bin/env bash
# The whole call center on one machine: installs what is missing, starts Postgres, Redis and the
# LiveKit server, applies migrations, seeds demo data on first run, then runs the Procfile's agent
# worker, dialer worker and console under honcho. Ctrl-C stops everything it started.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${CC_VENV:-$ROOT/.venv}
cd "$ROOT"
bash scripts/setup.sh
bash scripts/services.sh start
trap 'bash scripts/services.sh stop' EXIT
eval "$(bash scripts/services.sh env)"
export PATH="$VENV/bin:$PATH" CONSOLE_PORT=${CONSOLE_PORT:-8501} DIALER_TELEPHONY=${DIALER_TELEPHONY:-simulated}
python -m callcenter.db.migrations --seed
python -m callcenter.demo
echo
echo "  Console: http://127.0.0.1:$CONSOLE_PORT   (log in as demo@example.com / Nour-clinic-2026)"
echo
honcho start -f Procfile

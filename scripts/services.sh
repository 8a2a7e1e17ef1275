#!/usr/bin/env bash
# Local services for the call center, on loopback: PostgreSQL, Redis and the LiveKit server.
#
#   scripts/services.sh install   install what is missing (Debian packages, the LiveKit server Go module)
#   scripts/services.sh start [postgres|redis|livekit ...]
#                                 install, then start whatever is not running (idempotent), health-checked
#   scripts/services.sh stop      stop all three cleanly
#   scripts/services.sh status    one line per service
#   scripts/services.sh env       print the export lines for DATABASE_URL, REDIS_URL, LIVEKIT_*
#
# State lives outside the clone in $CC_STATE_DIR (default /var/tmp/callcenter): Postgres refuses to run
# as root, so as root its data directory must be owned by, and reachable for, the postgres user.
# The LiveKit server binary is cached in $CC_CACHE_DIR (default ~/.cache/callcenter) per release tag,
# so a second run never rebuilds it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${CC_STATE_DIR:-/var/tmp/callcenter}
CACHE=${CC_CACHE_DIR:-$HOME/.cache/callcenter}
PGPORT=${CC_PG_PORT:-54329}
REDISPORT=${CC_REDIS_PORT:-63790}
LIVEKIT_VERSION=${CC_LIVEKIT_VERSION:-v1.13.5}
LIVEKIT_PORT=${CC_LIVEKIT_PORT:-7880}
LIVEKIT_API_KEY=${LIVEKIT_API_KEY:-devkey}
LIVEKIT_API_SECRET=${LIVEKIT_API_SECRET:-secret-for-local-development-only}
LIVEKIT_BIN="$CACHE/bin/livekit-server-$LIVEKIT_VERSION/server"
export PATH="/usr/local/go/bin:$PATH"

log() { printf '[services] %s\n' "$*" >&2; }
is_root() { [ "$(id -u)" = 0 ]; }
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

apt_install() {
  [ $# -gt 0 ] || return 0
  if ! is_root; then log "missing Debian packages: $* (install them with apt-get)"; exit 1; fi
  log "apt-get install $*"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

install() {
  local need=() names=" ${*:-postgres redis livekit} "
  [ -n "$(pgbin)" ] || need+=(postgresql)
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v espeak-ng >/dev/null || need+=(espeak-ng)
  command -v sox >/dev/null || need+=(sox libsox-fmt-all)
  apt_install "${need[@]}"
  if [ ! -x "$LIVEKIT_BIN" ] && [[ $names == *" livekit "* ]]; then
    command -v go >/dev/null || { log "Go is needed to build the LiveKit server"; exit 1; }
    log "building livekit-server $LIVEKIT_VERSION with go install (once; cached in $(dirname "$LIVEKIT_BIN"))"
    mkdir -p "$(dirname "$LIVEKIT_BIN")"
    GOBIN="$(dirname "$LIVEKIT_BIN")" GOFLAGS=-trimpath \
      go install "github.com/livekit/livekit-server/cmd/server@$LIVEKIT_VERSION"
  fi
}

wait_until() {  # wait_until SECONDS CMD...: poll CMD every 0.1 s
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.1
  done
}

pg_ready() { "$(pgbin)/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; }
redis_ready() { [ "$(redis-cli -h 127.0.0.1 -p "$REDISPORT" ping 2>/dev/null)" = PONG ]; }
livekit_ready() { python3 - "$LIVEKIT_PORT" 2>/dev/null <<'PY'
import sys, urllib.request
try:
    sys.exit(0 if urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=1).status == 200 else 1)
except OSError:
    sys.exit(1)
PY
}

start_postgres() {
  if pg_ready; then return 0; fi
  local data="$STATE/pg"
  mkdir -p "$STATE"; chmod 755 "$STATE"
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$data"; mkdir -p "$data"
    is_root && chown postgres: "$data"
    as_pg "$(pgbin)/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  fi
  is_root && chown -R postgres: "$data"
  as_pg "$(pgbin)/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 \
    -o "-h 127.0.0.1 -p $PGPORT -k $data -c max_connections=300 -c fsync=off" start >/dev/null
  wait_until 30 pg_ready || { log "postgres did not become ready; see $data/server.log"; exit 1; }
  log "postgres ready on 127.0.0.1:$PGPORT"
}

start_redis() {
  if redis_ready; then return 0; fi
  mkdir -p "$STATE/redis"
  redis-server --bind 127.0.0.1 --port "$REDISPORT" --save '' --appendonly no --daemonize yes \
    --dir "$STATE/redis" --pidfile "$STATE/redis/redis.pid" --logfile "$STATE/redis/redis.log"
  wait_until 15 redis_ready || { log "redis did not become ready; see $STATE/redis/redis.log"; exit 1; }
  log "redis ready on 127.0.0.1:$REDISPORT"
}

start_livekit() {
  if livekit_ready; then return 0; fi
  redis_ready || start_redis
  mkdir -p "$STATE/livekit"
  # Keys come from the environment, never from livekit.yaml.
  LIVEKIT_KEYS="$LIVEKIT_API_KEY: $LIVEKIT_API_SECRET" nohup "$LIVEKIT_BIN" \
    --config "$ROOT/livekit.yaml" --bind 127.0.0.1 --port "$LIVEKIT_PORT" --redis-host "127.0.0.1:$REDISPORT" \
    >"$STATE/livekit/server.log" 2>&1 &
  echo $! >"$STATE/livekit/server.pid"
  wait_until 30 livekit_ready || { log "livekit-server did not become ready; see $STATE/livekit/server.log"; exit 1; }
  log "livekit-server $LIVEKIT_VERSION ready on ws://127.0.0.1:$LIVEKIT_PORT"
}

stop() {
  if [ -f "$STATE/livekit/server.pid" ]; then
    kill "$(cat "$STATE/livekit/server.pid")" 2>/dev/null || true
    rm -f "$STATE/livekit/server.pid"
  fi
  redis-cli -h 127.0.0.1 -p "$REDISPORT" shutdown nosave >/dev/null 2>&1 || true
  if [ -f "$STATE/pg/postmaster.pid" ]; then
    as_pg "$(pgbin)/pg_ctl" -D "$STATE/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  log "stopped"
}

status() {
  local s
  pg_ready && s=up || s=down; echo "postgres  $s  127.0.0.1:$PGPORT"
  redis_ready && s=up || s=down; echo "redis     $s  127.0.0.1:$REDISPORT"
  livekit_ready && s=up || s=down; echo "livekit   $s  127.0.0.1:$LIVEKIT_PORT ($LIVEKIT_VERSION)"
}

print_env() {
  cat <<EOF
export DATABASE_URL=postgresql://postgres@127.0.0.1:$PGPORT/postgres
export REDIS_URL=redis://127.0.0.1:$REDISPORT/0
export LIVEKIT_URL=ws://127.0.0.1:$LIVEKIT_PORT
export LIVEKIT_API_KEY=$LIVEKIT_API_KEY
export LIVEKIT_API_SECRET=$LIVEKIT_API_SECRET
EOF
}

case "${1:-}" in
  install) install ;;
  start)
    shift
    names=("$@"); [ ${#names[@]} -gt 0 ] || names=(postgres redis livekit)
    install "${names[@]}"
    for n in "${names[@]}"; do "start_$n"; done ;;
  stop) stop ;;
  status) status ;;
  env) print_env ;;
  *) echo "usage: $0 install|start|stop|status|env" >&2; exit 2 ;;
esac

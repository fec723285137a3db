#!/usr/bin/env bash
# Load test: the production server (make serve: gunicorn + WhiteNoise + PostgreSQL pool) under
# wrk, on 127.0.0.1 only, bounded: DURATION (60s) at CONNECTIONS (50) per scenario.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/timeline_bench bench/load.sh
#
# Prints requests/s, p50/p99 latency and error counts per scenario. Exits 1 on any error.
# CHRONOLOGY_CACHE_SECONDS=0 measures the server with its response cache off.
set -uo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL=postgres://… (for example the 1M-event bench database)}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 2; }
export SECRET_KEY="${SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export HTTPS_OFF=1 ALLOWED_HOSTS=127.0.0.1,localhost
PORT="${PORT:-8765}"; DURATION="${DURATION:-60s}"; CONNECTIONS="${CONNECTIONS:-50}"
mkdir -p var
make serve BIND="127.0.0.1:$PORT" > var/load-server.log 2>&1 &
trap 'pkill -f "gunicorn timeline.wsgi.*127.0.0.1:$PORT" 2>/dev/null' EXIT
for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 1; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/" || { echo "server did not start; see var/load-server.log"; exit 2; }

actor=$(.venv/bin/python manage.py shell -v0 -c "from timeline.models import Actor; from django.db.models import Count; print(Actor.objects.annotate(n=Count('event_roles')).order_by('-n').values_list('id', flat=True)[10])")
status=0
echo "response cache: CHRONOLOGY_CACHE_SECONDS=${CHRONOLOGY_CACHE_SECONDS:-600} (0: every request renders from the database)"
printf "%-44s %10s %10s %10s %9s %9s\n" scenario "req/s" "p50" "p99" "http-err" "timeouts"
run() {
  local name="$1"; shift
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" 2>&1)
  local rps p50 p99 errors timeouts
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  # HTTP errors and broken connections are failures; timeouts are wrk giving up after 2 s
  # (the server still answers them: see var/load-server.log), reported apart.
  errors=$(awk '/Non-2xx or 3xx responses/ {n+=$NF} /Socket errors/ {gsub(",", ""); n+=$4+$6+$8} END {print n+0}' <<<"$out")
  timeouts=$(awk '/Socket errors/ {gsub(",", ""); n+=$10} END {print n+0}' <<<"$out")
  printf "%-44s %10s %10s %10s %9s %9s\n" "$name" "$rps" "$p50" "$p99" "$errors" "$timeouts"
  [ "$errors" = 0 ] || status=1
}
run "chronology, first page" "http://127.0.0.1:$PORT/"
run "htmx fragment, actor $actor + 2021" -H "HX-Request: true" -H "HX-Target: results" \
  "http://127.0.0.1:$PORT/?actor=$actor&date_from=2021"
exit $status

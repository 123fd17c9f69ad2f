#!/bin/bash
# Fuzz the served API against its own OpenAPI schema with schemathesis, once per role (docs/dev/api-fuzzing.md).
# A throwaway demo database in $FUZZ_DIR (default /tmp/jianfu-fuzz), restored before every role so that one role's
# writes do not change what the next one sees; the dev server on $PORT (default 8765). Reports in $FUZZ_DIR/reports.
#   scripts/fuzz_api.sh [ROLE ...] [-- extra `st run` options]     (default: every role below, 10 examples)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FUZZ_DIR=${FUZZ_DIR:-/tmp/jianfu-fuzz}
PORT=${PORT:-8765}
roles=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do roles+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#roles[@]} -eq 0 ] && roles=(anonymous village_a town_quzhang county_office admin)
extra=("$@")
[ ${#extra[@]} -eq 0 ] && extra=(-n 10)
export JIANFU_VAR_DIR=$FUZZ_DIR/var JIANFU_ALLOW_LOCAL_SECRETS=1 JIANFU_TASKS_IMMEDIATE=1 JIANFU_AXES_ENABLED=0
PY=$ROOT/.venv/bin/python
ST=$ROOT/.venv/bin/st
[ -x "$ST" ] || { echo "schemathesis is not installed: .venv/bin/pip install schemathesis"; exit 1; }

if [ ! -d "$FUZZ_DIR/snapshot" ]; then
  mkdir -p "$JIANFU_VAR_DIR"
  nice -n 19 "$PY" manage.py migrate --noinput -v 0
  nice -n 19 "$PY" manage.py demo_load --if-empty > /dev/null 2>&1
  for user in village_a town_quzhang county_office admin dept_housing grid_a; do
    nice -n 19 "$PY" manage.py shell -v 0 -c "
from jianfu.accounts.models import ApiToken, User
print('$user', ApiToken.issue(User.objects.get(username='$user'))[1])"
  done > "$JIANFU_VAR_DIR/tokens.txt"
  cp -a "$JIANFU_VAR_DIR" "$FUZZ_DIR/snapshot"
fi

server=""
stop() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; server=""; }
trap stop EXIT
for role in "${roles[@]}"; do
  rm -rf "$JIANFU_VAR_DIR" && cp -a "$FUZZ_DIR/snapshot" "$JIANFU_VAR_DIR"
  nice -n 19 "$PY" manage.py runserver --noreload --insecure "127.0.0.1:$PORT" > "$FUZZ_DIR/server-$role.log" 2>&1 &
  server=$!
  for _ in $(seq 60); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/schema/?format=json" && break; sleep 1; done
  auth=()
  if [ "$role" != anonymous ]; then
    auth=(-H "Authorization: Token $(awk -v r="$role" '$1 == r {print $2}' "$FUZZ_DIR/snapshot/tokens.txt")")
  fi
  mkdir -p "$FUZZ_DIR/reports/$role"
  echo "== $role"
  nice -n 19 "$ST" run "http://127.0.0.1:$PORT/api/schema/?format=json" "${auth[@]}" -w 1 --seed 4242 \
    --checks all --exclude-checks positive_data_acceptance --max-failures 500 \
    --report ndjson,junit --report-dir "$FUZZ_DIR/reports/$role" "${extra[@]}" \
    | sed -n '/= SUMMARY =/,$p' || true
  stop
done

#!/usr/bin/env bash
# Back up the database named by DATABASE_URL with pg_dump, restore it into a scratch database,
# verify the audit chain there and compare row counts table by table. Exit non-zero on any difference.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
cd "$(dirname "$0")/.."
scratch="jianfu_restore_check_$$"
dump="$(mktemp -d)/jianfu.dump"
base="${DATABASE_URL%/*}"
pg_dump --format=custom --no-owner --file="$dump" "$DATABASE_URL"
createdb -d "$base/postgres" "$scratch" 2>/dev/null || psql "$base/postgres" -qc "CREATE DATABASE $scratch"
trap 'psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $scratch" >/dev/null' EXIT
pg_restore --no-owner --dbname="$base/$scratch" "$dump"
count_rows() {
  psql "$1" -Atc "SELECT table_name FROM information_schema.tables WHERE table_schema='public' ORDER BY 1" |
    while read -r t; do echo "$t $(psql "$1" -Atc "SELECT count(*) FROM \"$t\"")"; done
}
diff <(count_rows "$DATABASE_URL") <(count_rows "$base/$scratch")
DATABASE_URL="$base/$scratch" .venv/bin/python manage.py audit_verify
echo "backup $(du -h "$dump" | cut -f1), restored and verified: row counts identical, audit chain intact"

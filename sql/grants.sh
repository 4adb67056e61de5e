#!/bin/sh
# sql/grants.sh — the app's database rights: SELECT, INSERT, UPDATE, DELETE on each of its tables, except the audit
# log, which it may only read and append to. Run after every migration: a new table needs its grant.
# Usage: sh sql/grants.sh DATABASE "'user'@'host'" [mariadb client options...]   (as a user with GRANT rights)
set -eu
db=$1; user=$2; shift 2
client() { mariadb "$@" -N -B; }
# Table by table: a database-wide grant cannot be narrowed for one table, so there must be none.
client "$@" --force -e "REVOKE ALL PRIVILEGES ON \`$db\`.* FROM $user" 2>/dev/null || true
client "$@" -e "SELECT table_name FROM information_schema.tables WHERE table_schema = '$db'" |
while read -r t; do
  case $t in
    audit_log) echo "GRANT SELECT, INSERT ON \`$db\`.\`$t\` TO $user;" ;;
    *) echo "GRANT SELECT, INSERT, UPDATE, DELETE ON \`$db\`.\`$t\` TO $user;" ;;
  esac
done | client "$@"
# Checked, not assumed: nothing lets the app change or remove a row of the audit log.
n=$(client "$@" -e "SELECT (SELECT COUNT(*) FROM information_schema.table_privileges WHERE table_schema = '$db'
    AND table_name = 'audit_log' AND privilege_type IN ('UPDATE', 'DELETE', 'DROP', 'ALTER'))
  + (SELECT COUNT(*) FROM information_schema.schema_privileges WHERE table_schema = '$db'
    AND privilege_type IN ('UPDATE', 'DELETE', 'DROP', 'ALTER'))")
[ "$n" = 0 ] || { echo "grants: something can still change the audit log of $db" >&2; exit 1; }

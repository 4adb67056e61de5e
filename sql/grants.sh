#!/bin/sh
# sql/grants.sh — the app's database rights, table by table, exactly as sql/grants.allow lists them:
# what is missing is granted, what is more is revoked, and the result is checked. Run after every
# migration: a table without a line in sql/grants.allow stops it, and so does a line for a table the
# database lacks.
# Usage: sh sql/grants.sh DATABASE "'user'@'host'" [mariadb client options...]   (as a user with GRANT rights)
set -eu
db=$1; user=$2; shift 2
allow=$(dirname "$0")/grants.allow
client() { mariadb "$@" -N -B; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# What the user holds on each table ("table PRIVILEGE" lines), and on the database or on columns.
held() {
  client "$@" -e "SELECT table_name, privilege_type FROM information_schema.table_privileges
    WHERE table_schema = '$db' AND grantee = \"$user\"" > "$tmp/held"
}
wide() {
  client "$@" -e "SELECT (SELECT COUNT(*) FROM information_schema.schema_privileges
      WHERE table_schema = '$db' AND grantee = \"$user\")
    + (SELECT COUNT(*) FROM information_schema.column_privileges
      WHERE table_schema = '$db' AND grantee = \"$user\")"
}

# The statements that take the user from what it holds to what the list says; none when they agree.
plan() {
  awk -v db="$db" -v user="$user" -v allow="$allow" '
    function fail(msg) { print "grants: " msg > "/dev/stderr"; bad = 1 }
    FILENAME == allow && !/^[ \t]*(#|$)/ {
      t = $1
      if (t in listed) fail(allow ": " t " is listed twice")
      listed[t] = 1
      if (NF == 2 && $2 == "-")
        next
      for (i = 2; i <= NF; i++) {
        if ($i !~ /^(SELECT|INSERT|UPDATE|DELETE)$/)
          fail(allow ": " t ": " $i " is not one of SELECT INSERT UPDATE DELETE")
        # The audit log is append-only, whatever the list says.
        else if (t == "audit_log" && $i !~ /^(SELECT|INSERT)$/)
          fail(allow ": the audit log may only be read and appended to, not given " $i)
        want[t, $i] = 1
      }
    }
    FILENAME == ARGV[2] && $1 != "" { table[$1] = 1 }
    FILENAME == ARGV[3] && $1 != "" { has[$1, $2] = 1 }
    END {
      for (t in table)
        if (!(t in listed))
          fail("table " t " has no line in " allow ": add one with the rights the app needs")
      for (t in listed)
        if (!(t in table))
          fail(allow " lists " t ", which database " db " does not have")
      if (bad)
        exit 1
      for (k in has)
        if (!(k in want)) {
          split(k, p, SUBSEP)
          printf "REVOKE %s ON `%s`.`%s` FROM %s;\n", p[2], db, p[1], user
        }
      for (k in want)
        if (!(k in has)) {
          split(k, p, SUBSEP)
          printf "GRANT %s ON `%s`.`%s` TO %s;\n", p[2], db, p[1], user
        }
    }' "$allow" "$tmp/tables" "$tmp/held"
}

# A database-wide grant cannot be narrowed for one table, so there must be none.
client "$@" --force -e "REVOKE ALL PRIVILEGES ON \`$db\`.* FROM $user" 2>/dev/null || true
client "$@" -e "SELECT table_name FROM information_schema.tables WHERE table_schema = '$db'" \
  > "$tmp/tables"
held "$@"
plan > "$tmp/plan"
client "$@" < "$tmp/plan"
# Checked, not assumed: after granting, nothing is left to change.
held "$@"
plan > "$tmp/plan"
[ ! -s "$tmp/plan" ] && [ "$(wide "$@")" = 0 ] ||
  { echo "grants: the rights of $user on $db still differ from $allow" >&2; exit 1; }

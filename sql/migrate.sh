#!/bin/sh
# sql/migrate.sh — apply sql/NNN_*.sql in order, once each, recording them in schema_version. Re-running is a no-op.
# Usage: sh sql/migrate.sh DATABASE [mariadb client options...]   (run from the project root; as a user with DDL rights)
set -eu
db=$1; shift
# The caller's options come first: --no-defaults, if given, must lead.
client() { mariadb "$@" --local-infile=1; }

client "$@" -e "CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  CREATE TABLE IF NOT EXISTS \`$db\`.schema_version (
    version INT UNSIGNED NOT NULL PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP) ENGINE=InnoDB"

for f in sql/[0-9][0-9][0-9]_*.sql; do
  name=$(basename "$f" .sql)
  # Leading zeros off (010 is ten, not eight); 000 is version 0.
  version=$(expr "$name" : '\([0-9]*\)' | sed 's/^0*//; s/^$/0/')
  done_already=$(client "$@" -N -B -e "SELECT COUNT(*) FROM \`$db\`.schema_version WHERE version = $version")
  [ "$done_already" = 0 ] || continue
  echo "migrate: applying $name"
  # Recorded in the same session, right after the last statement. DDL commits as it goes in MariaDB, so a
  # migration that fails halfway is not recorded and needs a hand.
  { cat "$f"; printf '\nINSERT INTO schema_version (version, name) VALUES (%s, '"'"'%s'"'"');\n' "$version" "$name"; } \
    | client "$@" "$db"
done

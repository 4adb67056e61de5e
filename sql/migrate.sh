#!/bin/sh
# sql/migrate.sh — apply sql/NNN_*.sql in order, once each, recording them in schema_version. Re-running is a no-op.
# Usage: sh sql/migrate.sh DATABASE [mariadb client options...]   (run from the project root; as a user with DDL rights)
set -eu
db=$1; shift
# The caller's options come first: --no-defaults, if given, must lead.
client() { mariadb "$@"; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# Migration $1 as it is sent to the server, which runs with local_infile off (see
# conf/mariadb-small.cnf): each LOAD DATA LOCAL INFILE becomes the rows it would load, inserted
# one by one — its @variables set first, then its columns and its SET clause, as LOAD DATA
# evaluates them. Only the form that 002_regions.sql uses is understood (fields split by commas,
# optionally in double quotes, one line a row, no backslashes); anything else stops here, before a
# statement is sent.
without_local_infile() {
  awk '
    function fail(msg) { print "migrate: " FILENAME ": " msg > "/dev/stderr"; failed = 1; exit 1 }
    function clause(re, from, to) {
      if (!match(stmt, re))
        return ""
      return substr(stmt, RSTART + from, RLENGTH - from - to)
    }
    # The fields of one CSV line into f[1..n]; returns n.
    function fields(line,    n, i, c, v, quoted) {
      n = 0
      while (1) {
        v = ""
        quoted = substr(line, 1, 1) == "\""
        if (quoted) {
          for (i = 2; i <= length(line); i++) {
            c = substr(line, i, 1)
            if (c == "\"" && substr(line, i + 1, 1) == "\"") { v = v c; i++ }
            else if (c == "\"") break
            else v = v c
          }
          if (i > length(line)) fail("an unclosed quote in " file)
          line = substr(line, i + 1)
          if (line != "" && substr(line, 1, 1) != ",") fail("text after a closing quote in " file)
        } else {
          i = index(line, ",")
          v = i ? substr(line, 1, i - 1) : line
          line = i ? substr(line, i) : ""
        }
        if (index(v, "\\")) fail("a backslash in " file ", which LOAD DATA would read as an escape")
        gsub(/\047/, "\047\047", v)
        f[++n] = v
        if (line == "") return n
        line = substr(line, 2)
      }
    }
    function load(    table, cs, skip, list, ncol, col, setc, row, line, n, i, vars, cols) {
      gsub(/[ \t\r\n]+/, " ", stmt)
      file = clause("INFILE \047[^\047]*\047", 8, 1)
      table = clause("INTO TABLE [A-Za-z0-9_]+", 11, 0)
      cs = clause("CHARACTER SET [A-Za-z0-9_]+", 14, 0)
      skip = clause("IGNORE [0-9]+ LINES", 7, 6) + 0
      list = clause("LINES \\([^)]*\\)", 7, 1)
      gsub(/^ +| +$/, "", list)
      ncol = split(list, col, " *, *")
      setc = clause("\\) SET .*;", 6, 1)
      if (file == "" || table == "" || ncol == 0 || \
          !index(stmt, "FIELDS TERMINATED BY \047,\047") || \
          (index(stmt, "ENCLOSED BY") && !index(stmt, "OPTIONALLY ENCLOSED BY \047\"\047")) || \
          (index(stmt, "LINES TERMINATED BY") && \
           !index(stmt, "LINES TERMINATED BY \047\\n\047")) || \
          index(stmt, "ESCAPED BY") || index(stmt, "STARTING BY"))
        fail("a LOAD DATA LOCAL INFILE of a form migrate.sh cannot turn into INSERTs")
      cs = cs == "" ? "" : "_" cs
      row = 0
      while ((getline line < file) > 0) {
        if (++row <= skip) continue
        if ((n = fields(line)) != ncol)
          fail(file " line " row ": " n " fields for " ncol " columns")
        vars = cols = ""
        for (i = 1; i <= n; i++)
          if (substr(col[i], 1, 1) == "@")
            vars = vars (vars == "" ? "SET " : ", ") col[i] " = " cs "\047" f[i] "\047"
          else
            cols = cols (cols == "" ? "" : ", ") col[i] " = " cs "\047" f[i] "\047"
        if (vars != "") print vars ";"
        print "INSERT INTO " table " SET " cols (setc == "" ? "" : ", " setc) ";"
      }
      if (row == 0) fail("cannot read " file)
      close(file)
    }
    loading { stmt = stmt "\n" $0; if (index($0, ";")) { loading = 0; load() } ; next }
    toupper($0) ~ /^[ \t]*LOAD DATA LOCAL INFILE/ {
      stmt = $0; loading = !index($0, ";"); if (!loading) load(); next
    }
    { print }
    END { if (!failed && loading) fail("a LOAD DATA statement without its end") }
  ' "$1"
}

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
  without_local_infile "$f" > "$tmp"
  # Recorded in the same session, right after the last statement. DDL commits as it goes in MariaDB, so a
  # migration that fails halfway is not recorded and needs a hand.
  { cat "$tmp"
    printf '\nINSERT INTO schema_version (version, name) VALUES (%s, '"'"'%s'"'"');\n' \
      "$version" "$name"
  } | client "$@" "$db"
done

#!/bin/sh
# tongxiang-setup — an installed 童享阳光's first run: its system user and directories, its secrets,
# its database, the app's MariaDB account and rights, and the migrations. Run again, it changes
# nothing and says so; after an upgrade it applies the new migrations and rights.
#
#   tongxiang-setup [mariadb client options...]   everything, as root (MariaDB's root by its socket,
#                                                 DB.Socket unless the options say otherwise)
#   tongxiang-setup --system                      only the user and directories (the package's
#                                                 postinst runs this)
#
# `make install` and the Debian package fill in the @…@ places. The database's name and the app's
# account are DB.Name and DB.User of the config; the account's password is made here, into the
# secrets file. Nothing here starts a service.
set -eu

CONF=${TX_CONF:-@CONFDIR@}
DATA=${TX_DATA:-@DATADIR@}
STATE=${TX_STATE:-@STATEDIR@}
BACKUPS=${TX_BACKUPS:-@BACKUPDIR@}
APPUSER=tongxiang
NGINX_GROUP=www-data

say() { printf 'tongxiang-setup: %s\n' "$*"; }
die() { say "$*" >&2; exit 1; }
changed=0
made() { say "$*"; changed=1; }

# The last value the HDF files give KEY, whether in blocks (DB { Name = … }) or dotted (DB.Name).
hdf_get() {
  key=$1; shift
  awk -v want="$key" '
    FNR == 1 { depth = 0 }
    /^[ \t]*(#|$)/ { next }
    /\{[ \t]*$/ {
      name = $0; sub(/^[ \t]*/, "", name); sub(/[ \t]*\{[ \t]*$/, "", name)
      stack[++depth] = name; next
    }
    /^[ \t]*\}/ { depth--; next }
    /=/ {
      k = $0; sub(/[ \t]*=.*/, "", k); sub(/^[ \t]*/, "", k)
      v = $0; sub(/^[^=]*=[ \t]*/, "", v); sub(/[ \t]*$/, "", v)
      p = ""; for (i = 1; i <= depth; i++) p = p stack[i] "."
      if (p k == want) val = v
    }
    END { print val }' "$@"
}

# The system user the app runs as: no login, no home.
system_user() {
  id -u "$APPUSER" >/dev/null 2>&1 && return 0
  adduser --quiet --system --group --no-create-home --home /nonexistent "$APPUSER"
  made "made the system user $APPUSER"
}

# DIR MODE OWNER GROUP, made when missing; an existing one is left as its administrator set it.
state_dir() {
  [ -d "$1" ] && return 0
  install -d -m "$2" -o "$3" -g "$4" "$1"
  made "made $1"
}

# Ledgers waiting for their import (the app's alone); photos, which nginx sends after the app's
# check (its group reads them); the public disclosure documents.
directories() {
  state_dir "$STATE" 0755 root root
  state_dir "$STATE/uploads" 0700 "$APPUSER" "$APPUSER"
  state_dir "$STATE/photos" 2750 "$APPUSER" "$NGINX_GROUP"
  state_dir "$STATE/disclosure" 0755 "$APPUSER" "$APPUSER"
  # Backups (tongxiang-backup.service, root's): sealed, but still no one else's to list.
  state_dir "$BACKUPS" 0700 root root
  # nginx's site logs (nginx-site.conf), kept 180 days by logrotate.d/tongxiang; nginx will not
  # start with a log directory missing.
  if [ -d /var/log/nginx ]; then
    state_dir /var/log/nginx/tongxiang 0750 "$NGINX_GROUP" adm
  fi
}

key() { od -An -tx1 -N32 /dev/urandom | tr -d ' \n'; }

# Fresh keys and the account's password, readable by the app's user alone. Never over old data:
# new keys would make every stored personal field unreadable.
secrets() {
  file=$CONF/secrets.hdf
  [ -f "$file" ] && return 0
  n=$(admin -N -B -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$db'")
  [ "$n" = 0 ] || die "$file is missing but database $db has tables: restore the file from \
its backup (its keys are the only way to read the children's personal data)"
  tmp=$(mktemp "$CONF/.secrets.XXXXXX")
  cat > "$tmp" <<EOT
# made by tongxiang-setup; back it up apart from the database: without Secrets.PiiKey the
# children's personal data cannot be read (secrets.hdf.example says what each key is)
Secrets {
  PiiKey = $(key)
  HashKey = $(key)
  MasterKey = $(key)
}
DB {
  Password = $(key)
}
EOT
  chown "$APPUSER:$APPUSER" "$tmp"
  chmod 0600 "$tmp"
  mv "$tmp" "$file"
  made "made $file (0600, $APPUSER's): back it up apart from the database"
}

# The database and its tables: the migrations not yet applied, run from the installed sql/.
migrations() {
  out=$(cd "$DATA" && sh sql/migrate.sh "$db" "$@") || { printf '%s\n' "$out" >&2; exit 1; }
  [ -z "$out" ] || made "$(printf '%s\n' "$out" | wc -l) migrations applied to $db"
}

# The app's account with the password of the secrets file.
account() {
  pw=$(hdf_get DB.Password "$CONF/secrets.hdf")
  case $pw in ''|*[!0-9a-f]*) die "DB.Password in $CONF/secrets.hdf is not the hex it made" ;; esac
  same=$(admin -N -B -e "SELECT COUNT(*) FROM mysql.user WHERE User = '$dbuser'
    AND Host = 'localhost' AND Password = PASSWORD('$pw')")
  [ "$same" = 1 ] && return 0
  admin -e "CREATE USER IF NOT EXISTS '$dbuser'@'localhost' IDENTIFIED BY '$pw';
    ALTER USER '$dbuser'@'localhost' IDENTIFIED BY '$pw'"
  made "gave the account $dbuser@localhost the password of $CONF/secrets.hdf"
}

# Exactly the rights of sql/grants.allow (sql/grants.sh), again after every migration.
rights() {
  before=$(admin -N -B -e "SHOW GRANTS FOR '$dbuser'@'localhost'" | sort)
  sh "$DATA/sql/grants.sh" "$db" "'$dbuser'@'localhost'" "$@" ||
    die "could not grant $dbuser its rights"
  after=$(admin -N -B -e "SHOW GRANTS FOR '$dbuser'@'localhost'" | sort)
  [ "$before" = "$after" ] || made "gave $dbuser@localhost the rights of sql/grants.allow"
}

[ "$(id -u)" = 0 ] || die "run me as root"
system_user
directories
if [ "${1:-}" = --system ]; then
  exit 0
fi
conf=$CONF/tongxiang.hdf
[ -f "$conf" ] || die "$conf is missing"
db=$(hdf_get DB.Name "$conf")
dbuser=$(hdf_get DB.User "$conf")
case $db$dbuser in
  ''|*[!A-Za-z0-9_]*) die "DB.Name and DB.User in $conf: letters, digits and _ only" ;;
esac
# The caller's client options (none with spaces) for every statement as MariaDB's root; without
# them, the server the app uses, by its DB.Socket.
opts="$*"
if [ -z "$opts" ]; then
  sock=$(hdf_get DB.Socket "$conf")
  set -- ${sock:+--socket=$sock}
  opts="$*"
fi
admin() { mariadb $opts "$@"; }
admin -N -B -e 'SELECT 1' >/dev/null || die "cannot reach MariaDB as its root (options: $opts)"
secrets
migrations "$@"
account
rights "$@"
if [ "$changed" = 0 ]; then
  say "everything was already in place: nothing changed"
else
  say "done. Start the app: systemctl enable --now tongxiang-app tongxiang-outbox.timer"
  if [ -z "$(hdf_get Backup.PublicKey "$conf")" ]; then
    say "backups are off: run txctl backup-keygen on another machine, put its public half in" \
        "Backup.PublicKey of $conf, then systemctl enable --now tongxiang-backup.timer"
  fi
fi

#!/bin/sh
# tests/deb/deb.sh — the Debian package (issue 15): `make deb` builds it, lintian finds no error in
# it, dpkg installs it on this machine, the installed txappd (its templates, static files and
# migrations, its tongxiang-setup) serves /healthz through nginx against a private MariaDB, and
# `dpkg --purge` leaves none of its files. Needs root (dpkg). Ends with a Check-style summary line,
# which tests/run.sh counts; a failure is a line "deb:F:step: what".
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build}
PORT=${DEB_PORT:-18092}
# The installed production site's HTTPS side (step 4).
TLS_PORT=${DEB_TLS_PORT:-$((PORT + 1))}
# The private MariaDB (conf/devctl.sh db-start), the app's socket, nginx's files and the logs.
export VAR=${DEB_VAR:-$ROOT/var/deb}
# The installed app runs as tongxiang, so its config, socket and logs must be reachable by that
# user; a checkout under a 0700 directory (mktemp -d) is not: then under /var/tmp.
reachable() {
  d=$1
  while [ ! -d "$d" ]; do d=$(dirname "$d"); done
  while [ "$d" != / ]; do
    [ "$(stat -c %A "$d" | cut -c10)" = x ] || return 1
    d=$(dirname "$d")
  done
}
reachable "$VAR" || export VAR=/var/tmp/tongxiang-deb-$PORT
SOCK=$VAR/run/mysqld.sock
CONF=/etc/tongxiang
LOG=$VAR/deb.log
checks=0; fails=0

ok() { checks=$((checks + 1)); echo "deb: ok: $1"; }
bad() { checks=$((checks + 1)); fails=$((fails + 1)); echo "deb:F:$1: $2"; }
# NAME COMMAND...: one check, the command's output in the log.
check() {
  name=$1; shift
  if "$@" >> "$LOG" 2>&1; then ok "$name"; else bad "$name" "failed: $* (see $LOG)"; fi
}
summary() {
  [ "$checks" -gt 0 ] || checks=1 fails=1
  echo "$(((checks - fails) * 100 / checks))%: Checks: $checks, Failures: $fails, Errors: 0"
}
installed() { dpkg-query -W -f='${Status}' tongxiang 2>/dev/null | grep -q 'ok installed'; }
# dpkg ARGS..., waiting up to a minute for a lock another apt or dpkg holds.
dpkg_wait() {
  n=0
  until dpkg "$@" > "$VAR/dpkg.out" 2>&1; do
    if ! grep -q 'lock' "$VAR/dpkg.out" || [ "$n" -ge 60 ]; then
      cat "$VAR/dpkg.out" >> "$LOG"; return 1
    fi
    n=$((n + 1)); sleep 1
  done
  cat "$VAR/dpkg.out" >> "$LOG"
}

stop_all() {
  [ -f "$VAR/app/app.pid" ] && kill -TERM "$(cat "$VAR/app/app.pid")" 2>/dev/null
  [ -f "$VAR/run/nginx.pid" ] && kill -QUIT "$(cat "$VAR/run/nginx.pid")" 2>/dev/null
  sh conf/devctl.sh db-stop >/dev/null 2>&1
  rm -f "$VAR/app/app.pid" "$VAR/run/nginx.pid"
}
policy=""
cleanup() {
  stop_all
  installed && dpkg --purge tongxiang >/dev/null 2>&1
  # A purge keeps the site's state and secrets; this run's own are removed here.
  [ -z "$made_state" ] || rm -rf /var/lib/tongxiang "$CONF"
  # tongxiang-setup's other directories, this run's while empty (a purge keeps them too).
  [ -z "$made_state" ] || rmdir /var/backups/tongxiang /var/log/nginx/tongxiang 2>/dev/null
  [ -z "$policy" ] || rm -f "$policy"
}
made_state=

sh conf/devctl.sh db-stop >/dev/null 2>&1
rm -rf "$VAR"
mkdir -p "$VAR/log"
: > "$LOG"

# 1. Built, and lintian-clean (warnings listed, not counted).
deb=$(make --no-print-directory -s deb BUILD="$BUILD" 2>> "$LOG" | tail -n 1)
if [ ! -f "$deb" ]; then
  bad make-deb "no package (see $LOG)"; summary; exit 1
fi
ok "make deb: $deb"
# lintian (seconds of perl) reads the package while the rest installs and runs it.
t0=$(date +%s)
(lintian "$deb" > "$VAR/lintian.out" 2>&1; echo "$(($(date +%s) - t0))" > "$VAR/lintian.s") &
lintian_pid=$!
lintian_done() {
  wait "$lintian_pid"
  grep -E '^W:' "$VAR/lintian.out" | sed 's/^/deb: lintian: /'
  if grep -qE '^E:' "$VAR/lintian.out"; then
    grep -E '^E:' "$VAR/lintian.out" | sed 's/^/deb:F:lintian: /'; checks=$((checks + 1))
    fails=$((fails + 1))
  else
    ok "lintian: no errors ($(cat "$VAR/lintian.s") s, beside the rest)"
  fi
}

if [ "$(id -u)" != 0 ]; then
  lintian_done
  bad install "installing the package needs root: the rest is not tried"; summary; exit 1
fi
# One package on the machine: a second suite running at once waits for this one's purge.
exec 9> /run/lock/tongxiang-deb-test
if ! flock -w 600 9; then
  bad lock "another run of this test has held the machine's package for 10 minutes"; summary; exit 1
fi
trap cleanup EXIT
# A left-over install of an interrupted run would hide what this one installs.
if installed; then dpkg --purge tongxiang >> "$LOG" 2>&1; fi
# A site's secrets or state on this machine are never this test's to delete.
if [ -e "$CONF/secrets.hdf" ] || [ -e /var/lib/tongxiang ]; then
  bad state "$CONF/secrets.hdf or /var/lib/tongxiang exists: a site's; not testing over it"
  summary; exit 1
fi
made_state=1
# As conf/devctl.sh's install_packages: nothing here may start a system-wide service.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  policy=/usr/sbin/policy-rc.d
  printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod 755 "$policy"
fi

# 2. Installed: the user and its directories, no secrets yet.
check "dpkg -i" dpkg_wait -i "$deb"
dpkg -L tongxiang > "$VAR/files" 2>> "$LOG"
check "the system user" id -u tongxiang
check "the uploads directory, the app's alone" \
  test "$(stat -c '%a %U' /var/lib/tongxiang/uploads 2>&1)" = "700 tongxiang"
check "no secrets before tongxiang-setup" test ! -e "$CONF/secrets.hdf"
# The units as installed: their commands exist, their lines parse (where systemd is installed).
if command -v systemd-analyze >/dev/null; then
  units=/lib/systemd/system/tongxiang
  check "the units verified by systemd-analyze" systemd-analyze verify --man=no \
    "$units-app.service" "$units-outbox.service" "$units-outbox.timer" \
    "$units-backup.service" "$units-backup.timer"
fi
check "the backups' directory, root's alone" \
  test "$(stat -c '%a %U' /var/backups/tongxiang 2>&1)" = "700 root"
# Its logs kept 180 days: the stanza installed, and logrotate reads it.
if command -v logrotate >/dev/null; then
  check "logrotate reads the site's stanza" logrotate -d /etc/logrotate.d/tongxiang
fi

# 3. The first run against a private MariaDB: secrets, database, account, rights; then again.
sh conf/devctl.sh db-start >> "$LOG" 2>&1
check "tongxiang-setup" tongxiang-setup --no-defaults --socket="$SOCK" -uroot
check "secrets.hdf 0600, the app user's" \
  test "$(stat -c '%a %U' "$CONF/secrets.hdf" 2>&1)" = "600 tongxiang"
sum=$(md5sum "$CONF/secrets.hdf" 2>/dev/null)
again=$(tongxiang-setup --no-defaults --socket="$SOCK" -uroot 2>&1)
echo "$again" >> "$LOG"
check "tongxiang-setup again changes nothing and says so" \
  test "$again" = "tongxiang-setup: everything was already in place: nothing changed"
check "the secrets kept" test "$(md5sum "$CONF/secrets.hdf" 2>/dev/null)" = "$sum"
# An upgrade (the same package again) with the config edited: the edit kept, and postinst's
# tongxiang-setup, which finds MariaDB by the config's DB.Socket, has nothing to change.
sed -i "s|^  Socket = /run/mysqld/mysqld.sock$|  Socket = $SOCK|" "$CONF/tongxiang.hdf"
check "dpkg -i again" dpkg_wait -i "$deb"
check "postinst's tongxiang-setup changed nothing" \
  grep -qx 'tongxiang-setup: everything was already in place: nothing changed' "$VAR/dpkg.out"
check "the edited config kept" grep -q "Socket = $SOCK" "$CONF/tongxiang.hdf"

# 4. The installed app as its own user, with the installed config and templates, behind the
# installed production site (examples/nginx-site.conf) over TLS with a certificate of this run's:
# its addresses, certificate, logs and app socket moved here, nothing else changed.
mkdir -p "$VAR/app" "$VAR/tls" "$VAR/acme" && chown tongxiang "$VAR/app"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost -keyout "$VAR/tls/privkey.pem" \
  -out "$VAR/tls/fullchain.pem" >> "$LOG" 2>&1
site="https://localhost:$TLS_PORT"
cat > "$VAR/deb.hdf" <<EOT
App.Socket = $VAR/app/app.sock
App.SocketGroup =
App.Workers = 1
DB.Socket = $SOCK
Site.Demo = 1
Site.URL = $site
Secrets.SandboxSeed = $(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
EOT
chmod 0644 "$VAR/deb.hdf"
args="-c $CONF/tongxiang.hdf -c $CONF/secrets.hdf -c $VAR/deb.hdf"
/usr/sbin/txctl $args sandbox-pubkey >> "$VAR/deb.hdf" 2>> "$LOG"
setsid runuser -u tongxiang -- /usr/sbin/txappd $args -c "$VAR/deb.hdf" -p "$VAR/app/app.pid" \
  < /dev/null >> "$VAR/log/app.log" 2>&1 &
n=0
until [ -S "$VAR/app/app.sock" ] || [ "$n" -ge 100 ]; do n=$((n + 1)); sleep 0.1; done
examples=/usr/share/doc/tongxiang/examples
sed -e "s|listen 80;|listen 127.0.0.1:$PORT;|; s|listen 443 ssl|listen 127.0.0.1:$TLS_PORT ssl|" \
  -e '/listen \[::\]/d; s|tongxiang\.example\.org;|localhost;|' \
  -e "s|/etc/letsencrypt/live/tongxiang.example.org/|$VAR/tls/|" \
  -e "s|/var/log/nginx/tongxiang/|$VAR/log/|; s|/var/www/letsencrypt|$VAR/acme|" \
  -e "s|snippets/tongxiang-security-headers.conf|$examples/nginx-security-headers.conf|" \
  -e "s|include fastcgi_params;|include /etc/nginx/fastcgi_params;|" \
  -e "s|unix:/run/tongxiang/app.sock|unix:$VAR/app/app.sock|" \
  "$examples/nginx-site.conf" > "$VAR/site.conf"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
mkdir -p "$VAR/nginx" "$VAR/run"
cat > "$VAR/nginx.conf" <<EOT
worker_processes 1;
pid $VAR/run/nginx.pid;
$user_line
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  client_body_temp_path $VAR/nginx/body;
  fastcgi_temp_path $VAR/nginx/fastcgi;
  include $VAR/site.conf;
}
EOT
check "nginx with the installed site on $PORT and $TLS_PORT" \
  nginx -p "$VAR/nginx" -c "$VAR/nginx.conf" -e "$VAR/log/nginx-error.log"
sleep 0.2
get() { curl -s --max-time 10 --cacert "$VAR/tls/fullchain.pem" \
  --resolve "localhost:$TLS_PORT:127.0.0.1" "$@"; }
health=$(get "$site/healthz")
check "/healthz over TLS says ok (got '$health')" test "$health" = ok
get -o "$VAR/style.css" "$site/static/style.css"
check "the installed static files served" cmp "$VAR/style.css" /usr/share/tongxiang/static/style.css
get -D "$VAR/home.h" -o /dev/null "$site/"
check "the home page from the installed templates" grep -q '^HTTP/2 200' "$VAR/home.h"
check "HSTS on it" grep -qi -e '^strict-transport-security: max-age' "$VAR/home.h"
check "a CSP on it" grep -qi '^content-security-policy: default-src' "$VAR/home.h"
to=$(curl -s --max-time 10 -o /dev/null -w '%{http_code} %{redirect_url}' \
  "http://127.0.0.1:$PORT/children?page=2")
check "plain HTTP sent to HTTPS (got '$to')" test "$to" = "301 https://localhost/children?page=2"
# A password-reset link's token never reaches the log that is kept 180 days.
get -o /dev/null "$site/reset/0123456789abcdef0123456789abcdef"
check "the access log in its format, the reset token left out" \
  grep -q '"GET /reset/\[token\] HTTP/2.0" 404' "$VAR/log/access.log"
check "no token in any log" sh -c "! grep -rq 0123456789abcdef '$VAR/log'"
stop_all

# 5. Purged: none of its files left; the site's state and secrets kept (and the database), by
# design: without Secrets.PiiKey the database's personal data could never be read again.
check "dpkg --purge" dpkg_wait --purge tongxiang
left=$(while read -r f; do
  # /etc/tongxiang stays, holding the secrets file alone.
  [ "$f" = "$CONF" ] && continue
  if [ -d "$f" ]; then case $f in *tongxiang*) echo "$f" ;; esac
  elif [ -e "$f" ] || [ -L "$f" ]; then echo "$f"; fi
done < "$VAR/files")
check "no file of the package left${left:+: $left}" test -z "$left"
check "the site's state and secrets kept" test -d /var/lib/tongxiang/photos -a -f "$CONF/secrets.hdf"
check "nothing else left in $CONF" test "$(ls -A "$CONF" 2>&1)" = secrets.hdf
lintian_done
summary

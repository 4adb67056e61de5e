#!/bin/sh
# conf/devctl.sh — a private instance of the whole stack under one directory: MariaDB, txappd and nginx.
# Used by `make run`, `make stop`, `make test` and `make bench`; nothing here touches system services.
#
#   sh conf/devctl.sh deps [bench|test|fuzz|deb] install missing Debian packages (or say how)
#   sh conf/devctl.sh run PORT          start, print the URL and logins, stop on Ctrl-C
#   sh conf/devctl.sh start PORT        start in the background (tests)
#   sh conf/devctl.sh stop              stop everything this instance started
#   sh conf/devctl.sh db-stop|db-start  stop or start only MariaDB (tests of database loss)
#   sh conf/devctl.sh app-restart       restart only txappd, with a fresh instance.hdf
#   sh conf/devctl.sh restore PORT FILE KEYFILE
#                                       a new instance from a backup (txctl restore), then started
#
# VAR (default ./var) holds the instance; BUILD (default build) the binaries; DEMO_CHILDREN the demo size;
# WORKERS, PAGE_CACHE and SLOW_MS override App.Workers, App.PageCache and App.SlowMs;
# TEST_HOOKS=1 (tests/run.sh) sets App.TestHooks.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${VAR:-$ROOT/var}
case $VAR in /*) ;; *) VAR=$ROOT/$VAR ;; esac
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
DEMO_CHILDREN=${DEMO_CHILDREN:-2000}
SOCK=$VAR/run/mysqld.sock
DBNAME=tongxiang
ADMIN="mariadb --no-defaults --socket=$SOCK -uroot"

PACKAGES="make gcc pkg-config libfcgi-dev clearsilver-dev libmariadb-dev libsodium-dev check libsubunit-dev
  libcurl4-openssl-dev libcsv-dev libseccomp-dev libgd-dev libqrencode-dev libexpat1-dev libssl-dev libjansson-dev
  openssl python3-aiosmtpd mariadb-server mariadb-client nginx"

say() { printf '%s\n' "$*"; }
die() { printf 'devctl: %s\n' "$*" >&2; exit 1; }

deps() {
  want=$PACKAGES
  # The PHP-FPM peer of /children (../shared/peer-php) is measured side by side.
  [ "${1:-}" = bench ] && want="$want wrk curl procps php8.2-fpm php8.2-mysql"
  [ "${1:-}" = fuzz ] && want="$want clang"
  # make deb: dpkg-shlibdeps computes the package's Depends.
  [ "${1:-}" = deb ] && want="$want dpkg-dev"
  # The accessibility check (tests/browser/a11y.py) drives Debian's Chromium with Selenium; axe-core
  # and html-validate come from the npm registry (tests/browser/package-lock.json), npm from
  # Debian unless the machine has one.
  if [ "${1:-}" = test ]; then
    want="$want chromium chromium-driver python3-selenium fonts-wqy-microhei"
    # the payment gateways' stubs (tests/stubs/wechat_stub.py, alipay_stub.py): their keys,
    # certificates and signatures.
    want="$want python3-cryptography"
    # tests/deb/deb.sh: the package built, checked by lintian, its installed site asked by curl,
    # its logrotate stanza read by logrotate.
    want="$want dpkg-dev lintian curl logrotate"
    command -v npm >/dev/null 2>&1 || want="$want npm"
  fi
  missing=""
  for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
  done
  [ -z "$missing" ] || install_packages "$missing"
  [ "${1:-}" != test ] || browser_tools
}

install_packages() {
  missing=$1
  [ "$(id -u)" = 0 ] || die "missing packages; run: sudo apt-get install -y$missing"
  say "devctl: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  # A policy-rc.d that says no keeps the packages from starting system-wide MariaDB and nginx: we run our own.
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod 755 "$policy"
  fi
  apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $missing >/dev/null
  rc=$?
  [ -z "$policy" ] || rm -f "$policy"
  [ "$rc" = 0 ] || die "apt-get install failed"
}

browser_tools() {
  [ -f "$ROOT/tests/browser/node_modules/axe-core/axe.min.js" ] &&
    [ -x "$ROOT/tests/browser/node_modules/.bin/html-validate" ] && return 0
  say "devctl: installing axe-core and html-validate from the npm registry"
  npm ci --prefix "$ROOT/tests/browser" --no-audit --no-fund >/dev/null || die "npm ci failed"
}

# Whether pidfile $1 names a live process whose name is $2: after a reboot a stale pid may be anyone's.
alive() {
  [ -f "$1" ] || return 1
  pid=$(cat "$1")
  kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ]
}

# Wait up to $2 tenths of a second for command $1 to succeed.
wait_for() {
  n=0
  while ! eval "$1" >/dev/null 2>&1; do
    n=$((n + 1)); [ "$n" -le "$2" ] || return 1; sleep 0.1
  done
}

stop_pid() { # pidfile process-name signal
  if alive "$1" "$2"; then
    pid=$(cat "$1"); kill "-$3" "$pid" 2>/dev/null || true
    wait_for "! kill -0 $pid" 300 || { kill -9 "$pid" 2>/dev/null || true; }
  fi
  rm -f "$1"
}

secrets() {
  key() { od -An -tx1 -N32 /dev/urandom | tr -d ' \n'; }
  # An instance made before Secrets.MasterKey existed gets one: only open forms and known browsers depend on it.
  if [ -f "$VAR/secrets.hdf" ] && ! grep -q 'MasterKey' "$VAR/secrets.hdf"; then
    printf 'Secrets.MasterKey = %s\n' "$(key)" >> "$VAR/secrets.hdf"
  fi
  [ -f "$VAR/secrets.hdf" ] && return 0
  # New keys for old data would make every stored personal field unreadable.
  [ ! -d "$VAR/db" ] || die "$VAR/secrets.hdf is missing but $VAR/db exists: restore it, or remove $VAR to start afresh"
  umask 077
  cat > "$VAR/secrets.hdf" <<EOT
# generated by conf/devctl.sh for this instance only; keep it with the data in $VAR/db
Secrets {
  PiiKey = $(key)
  HashKey = $(key)
  MasterKey = $(key)
  # the sandbox payment provider's signing key: its side, not the app's (see cgi/pay/sandbox.h)
  SandboxSeed = $(key)
}
DB {
  Password = $(key)
}
EOT
  umask 022
}

db_start() {
  mkdir -p "$VAR/run" "$VAR/log"
  alive "$VAR/run/mysqld.pid" mariadbd && return 0
  user=$(id -un)
  if [ ! -d "$VAR/db/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$VAR/db" --user="$user" --auth-root-authentication-method=socket \
      --auth-root-socket-user="$user" --skip-test-db > "$VAR/log/install-db.log" 2>&1 \
      || die "mariadb-install-db failed; see $VAR/log/install-db.log"
  fi
  # glibc's malloc as conf/mariadb-small.cnf's header asks for it (two arenas, not one a thread).
  MALLOC_ARENA_MAX=2 \
  setsid mariadbd --defaults-file="$ROOT/conf/mariadb-small.cnf" --datadir="$VAR/db" --socket="$SOCK" \
    --pid-file="$VAR/run/mysqld.pid" --log-error="$VAR/log/mariadb.log" --user="$user" \
    --innodb-buffer-pool-size="${DB_POOL:-64M}" < /dev/null > /dev/null 2>&1 &
  wait_for "$ADMIN -e 'SELECT 1'" 600 || die "MariaDB did not start; see $VAR/log/mariadb.log"
}

db_stop() { stop_pid "$VAR/run/mysqld.pid" mariadbd TERM; }

db_setup() {
  pw=$(sed -n 's/^ *Password = //p' "$VAR/secrets.hdf")
  (cd "$ROOT" && sh sql/migrate.sh "$DBNAME" --no-defaults "--socket=$SOCK" -uroot)
  $ADMIN -e "CREATE USER IF NOT EXISTS 'tx_app'@'localhost' IDENTIFIED BY '$pw';
    ALTER USER 'tx_app'@'localhost' IDENTIFIED BY '$pw';"
  (cd "$ROOT" && sh sql/grants.sh "$DBNAME" "'tx_app'@'localhost'" --no-defaults "--socket=$SOCK" -uroot) \
    || die "could not grant the app its rights"
  n=$($ADMIN -N -B -e "SELECT COUNT(*) FROM \`$DBNAME\`.children")
  if [ "$n" = 0 ]; then
    say "devctl: loading $DEMO_CHILDREN fictional children"
    "$BUILD/txctl" $(app_args) demo "$DEMO_CHILDREN"
  fi
  n=$($ADMIN -N -B -e "SELECT COUNT(*) FROM \`$DBNAME\`.donors")
  if [ "$n" = 0 ]; then
    "$BUILD/txctl" $(app_args) demo-donors
  fi
  n=$($ADMIN -N -B -e "SELECT COUNT(*) FROM \`$DBNAME\`.staff")
  if [ "$n" = 0 ]; then
    "$BUILD/txctl" $(app_args) demo-staff
  fi
}

# The app verifies sandbox notifications with the public half of Secrets.SandboxSeed, derived once.
sandbox_key() {
  [ -s "$VAR/sandbox.hdf" ] && return 0
  "$BUILD/txctl" -c "$ROOT/conf/tongxiang.hdf" -c "$VAR/instance.hdf" -c "$VAR/secrets.hdf" sandbox-pubkey \
    > "$VAR/sandbox.hdf" || die "could not derive the sandbox provider's public key"
}

# WeChat Pay's test keys (tests/stubs/wechat_stub.py is the provider, on port + 200): the merchant's
# and the platform's RSA keys, and a CA of this instance's own for the stub's HTTPS. Made once.
wechat_keys() {
  port=$1
  d=$VAR/wechat
  if [ ! -s "$d/stub.pem" ]; then
    (umask 077 && mkdir -p "$d")
    for k in merchant platform; do
      openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$d/$k.key" 2>/dev/null &&
        openssl pkey -in "$d/$k.key" -pubout -out "$d/$k.pub" || die "openssl could not make $k.key"
      od -An -tx1 -N20 /dev/urandom | tr -d ' \n' | tr a-f A-F > "$d/$k.serial"
    done
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=tongxiang-test-ca \
      -keyout "$d/ca.key" -out "$d/ca.pem" 2>/dev/null &&
    openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout "$d/stub.key" \
      -out "$d/stub.csr" 2>/dev/null &&
    printf 'subjectAltName=IP:127.0.0.1\n' > "$d/san.ext" &&
    openssl x509 -req -in "$d/stub.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
      -days 30 -extfile "$d/san.ext" -out "$d/stub.pem" 2>/dev/null || die "openssl could not make the stub's certificate"
  fi
  {
    echo "Pay.WeChat.BaseURL = https://127.0.0.1:$((port + 200))"
    echo "Pay.WeChat.CAFile = $d/ca.pem"
    echo "Pay.WeChat.MchId = 1900000109"
    echo "Pay.WeChat.AppId = wxd678efh567hg6787"
    echo "Pay.WeChat.SerialNo = $(cat "$d/merchant.serial")"
    echo "Pay.WeChat.PlatformSerial = $(cat "$d/platform.serial")"
    printf 'Pay.WeChat.PlatformKey << EOM\n%s\nEOM\n' "$(cat "$d/platform.pub")"
    printf 'Secrets.WeChat.PrivateKey << EOM\n%s\nEOM\n' "$(cat "$d/merchant.key")"
    echo "Secrets.WeChat.APIv3Key = tongxiangTestAPIv3Key0123456789A"
  } > "$VAR/wechat.hdf"
}

app_args() { echo "-c $ROOT/conf/tongxiang.hdf -c $VAR/instance.hdf -c $VAR/secrets.hdf -c $VAR/sandbox.hdf -c $VAR/wechat.hdf"; }

instance_conf() {
  cat > "$VAR/instance.hdf" <<EOT
# generated by conf/devctl.sh on every start
App.Socket = $VAR/run/app.sock
App.Templates = $ROOT/templates
App.UploadDir = $VAR/uploads
Care.PhotoDir = $VAR/photos
Disclosure.Dir = $VAR/disclosure
App.Workers = ${WORKERS:-2}
App.PageCache = ${PAGE_CACHE:-64}
App.SlowMs = ${SLOW_MS:-1000}
# nginx here runs as this same user, so the socket needs no group of its own.
App.SocketGroup =
App.SweepSeconds = ${SWEEP_SECONDS:-15}
# every test donor signs up from 127.0.0.1
Throttle.SignupsPerAddress = ${SIGNUPS_PER_ADDR:-10}
Throttle.ResetsPerAddress = ${RESETS_PER_ADDR:-10}
Import.ElsewherePerDay = ${ELSEWHERE_PER_DAY:-20}
DB.Socket = $SOCK
Site.Demo = 1
# make audit sets 1 to see a child's page as a federation that lets search engines in would
Site.IndexChildren = ${INDEX_CHILDREN:-0}
# test instances only: SIGUSR2 makes a worker try execve, to show that its seccomp filter stops it
App.TestHooks = ${TEST_HOOKS:-0}
# with the test hooks, the page data names each template had (tests/http/http_zz_templates.c)
App.TemplateNames = $VAR/template-names
# plain http on this machine: cookies without Secure, links in mail to this address
Site.Https = 0
Site.URL = http://127.0.0.1:${port:-8080}
# payers choose: the sandbox, WeChat Pay's stub (tests/stubs/wechat_stub.py, port + 200;
# wechat.hdf) or Alipay's (tests/stubs/alipay_stub.py, which http_alipay starts on port + 201;
# it writes its CA, its public key and the merchant's key pair under alipay/).
Pay.Providers = sandbox wechatpay alipay
Pay.Alipay.AppId = 2021000000000001
Pay.Alipay.Gateway = https://127.0.0.1:$((${port:-8080} + 201))/gateway.do
Pay.Alipay.PublicKeyFile = $VAR/alipay/alipay_public.pem
Pay.Alipay.CAFile = $VAR/alipay/ca.pem
Secrets.AlipayPrivateKeyFile = $VAR/alipay/app_private.pem
EOT
}

app_stop() { stop_pid "$VAR/run/app.pid" txappd TERM; }

app_start() {
  alive "$VAR/run/app.pid" txappd && return 0
  # A socket left by a crash would look like a started app.
  rm -f "$VAR/run/app.sock" "$VAR/run/app.pid"
  setsid "$BUILD/txappd" $(app_args) -p "$VAR/run/app.pid" < /dev/null >> "$VAR/log/app.log" 2>&1 &
  wait_for "test -S $VAR/run/app.sock && alive $VAR/run/app.pid txappd" 100 \
    || die "txappd did not start; see $VAR/log/app.log"
}

nginx_start() {
  port=$1
  mkdir -p "$VAR/nginx"
  # As root, nginx workers would run as nobody and could not read a checkout in a private directory.
  user_line=""
  [ "$(id -u)" = 0 ] && user_line="user root;"
  sed -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" -e "s|@PORT@|$port|g" -e "s|@USER@|$user_line|" \
    "$ROOT/conf/nginx-dev.conf.in" > "$VAR/nginx.conf"
  alive "$VAR/run/nginx.pid" nginx && return 0
  nginx -p "$VAR/nginx" -c "$VAR/nginx.conf" -e "$VAR/log/nginx-error.log" \
    || die "nginx did not start (is port $port free?); see $VAR/log/nginx-error.log"
  wait_for "alive $VAR/run/nginx.pid nginx" 100 || die "nginx did not start"
}

start() {
  port=${1:-8080}
  mkdir -p "$VAR/run" "$VAR/log"
  (umask 077 && mkdir -p "$VAR/uploads" "$VAR/photos")
  # nginx serves the disclosure documents to anyone: readable, unlike the photos.
  mkdir -p "$VAR/disclosure"
  secrets
  instance_conf
  wechat_keys "$port"
  sandbox_key
  db_start
  db_setup
  app_start
  nginx_start "$port"
}

# A new instance from a backup: its site's secrets.hdf put in VAR first (the backup does not hold
# Secrets.PiiKey), the database and directories empty; started as `start` does once restored.
restore() {
  port=$1
  [ -f "$VAR/secrets.hdf" ] ||
    die "restore: copy the backed-up site's secrets.hdf into $VAR first: the backup holds no keys"
  [ ! -d "$VAR/db" ] || die "restore: $VAR/db exists: a backup is restored into a new instance"
  mkdir -p "$VAR/run" "$VAR/log"
  (umask 077 && mkdir -p "$VAR/uploads" "$VAR/photos")
  mkdir -p "$VAR/disclosure"
  instance_conf
  wechat_keys "$port"
  sandbox_key
  db_start
  "$BUILD/txctl" $(app_args) restore "$2" "$3" || die "restore: txctl restore failed"
  start "$port"
}

stop() {
  stop_pid "$VAR/run/nginx.pid" nginx QUIT
  app_stop
  db_stop
}

run() {
  port=${1:-8080}
  trap 'say ""; say "stopping..."; stop; say "stopped."; exit 0' INT TERM
  # If starting fails half-way, stop what did start.
  trap 'stop' EXIT
  start "$port"
  cat <<EOT

  童享阳光 is running at http://127.0.0.1:$port/

  Demo data: $($ADMIN -N -B -e "SELECT COUNT(*) FROM $DBNAME.children") fictional children.
  Demo donor: demo@example.com   password: tongxiang-demo
  Back office: http://127.0.0.1:$port/admin   staff: province, enshi (恩施州), badong (巴东县),
               badong-volunteer; each with password tongxiang-demo
  Payments go to the built-in sandbox provider: no real money moves.
  Mail and SMS wait in the outbox: $BUILD/txctl $(app_args) outbox
  Logs: $VAR/log/    Stop: Ctrl-C, or 'make stop' from another terminal.

EOT
  while alive "$VAR/run/app.pid" txappd; do sleep 1; done
  say "txappd has stopped; stopping the rest."
}

cmd=${1:-}; [ $# -gt 0 ] && shift
case $cmd in
  deps) deps "$@" ;;
  run) run "$@" ;;
  start) start "$@" ;;
  stop) stop ;;
  db-stop) db_stop ;;
  db-start) db_start ;;
  restore) [ $# = 3 ] || die "usage: devctl.sh restore PORT FILE KEYFILE"; restore "$@" ;;
  app-restart) port=$(sed -n 's|^Site.URL = http://127.0.0.1:||p' "$VAR/instance.hdf"); instance_conf; app_stop; app_start ;;
  *) die "usage: devctl.sh deps|run|start|stop|restore|db-stop|db-start|app-restart" ;;
esac

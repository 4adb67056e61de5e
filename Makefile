# Makefile — builds txappd (the FastCGI app server) and txctl (the admin command), runs the unit
# tests (`make check`) and the dev and test instances. `make run` and `make test` install what is
# missing first; see README.md. `make V=1` shows the commands the build runs.

CC       ?= gcc
PORT     ?= 8080
SANITIZE ?=
# A sanitised build lives in its own directory, so switching never mixes objects.
BUILD    := build$(if $(SANITIZE),-asan)

# One line per file built, or with V=1 the commands themselves.
ifeq ($(V),1)
Q        :=
SAY      := @:
else
Q        := @
SAY      := @echo
endif

CFLAGS   += -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror \
            -I/usr/include/ClearSilver $(shell mariadb_config --cflags 2>/dev/null)
LDLIBS   += -pthread -lfcgi -lneo_cgi -lneo_cs -lneo_utl -lz \
            $(shell mariadb_config --libs 2>/dev/null) -lsodium -lcsv -lseccomp -lgd -lqrencode \
            -lcurl -lcrypto -ljansson
ifneq ($(SANITIZE),)
CFLAGS   += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
endif
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)

# The app's modules, shared by txappd, txctl and the unit tests.
# The domain core (cgi/core/): every module there; a new one needs no line here.
CORE_DOMAIN  := $(patsubst cgi/%.c,%,$(wildcard cgi/core/*.c))
CORE     := err messages log config request keys route html render db pii money labels regions \
            pagecache page session device slots passwd throttle outbox \
            pay pay/sandbox pay/wechat pay/wxcrypto pay/alipay verify \
            public/child-view scope regionsel audit login idcard multipart stash files qr \
            $(CORE_DOMAIN)
# The listing's per-worker totals (issue 14).
CORE     += countcache
# The pages, one file each, by area: what the route table in cgi/cmd.c points to.
PAGES    := $(basename $(wildcard cgi/public/ui-*.c cgi/public/gift.c cgi/donor/*.c cgi/pay/ui-*.c \
                                    cgi/admin/*.c))
APP_OBJ  := $(addprefix $(BUILD)/,$(addsuffix .o,$(CORE) $(PAGES:cgi/%=%) \
            cmd worker nav textsize syscall_filter chart))
CORE_OBJ := $(addprefix $(BUILD)/,$(addsuffix .o,$(CORE)))
UNIT     := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/check_*.c))
HTTP     := $(patsubst tests/http/%.c,$(BUILD)/tests/%,$(wildcard tests/http/http_*.c))

.PHONY: all run stop check test bench audit fuzz deps clean install deb
# Keep test objects between runs.
.SECONDARY:
all: $(BUILD)/txappd $(BUILD)/txctl

# The domain core is built with TX_CORE: ctx.h refuses it, so the core never sees the request.
$(BUILD)/core/%.o: CFLAGS += -DTX_CORE

$(BUILD)/%.o: cgi/%.c $(wildcard cgi/*.h cgi/*/*.h)
	$(Q)mkdir -p $(dir $@)
	$(SAY) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/txappd: $(APP_OBJ) $(BUILD)/main.o
	$(SAY) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# txctl: the core, and the demo data (one cgi/tools/demo*.c a part of the programme).
# The outbox's mail and SMS senders (cgi/tools/mail.c, sms.c) are txctl's alone; the app's only
# network calls are a payment provider's (cgi/pay/wechat.c, alipay.c).
TOOLS_OBJ = $(patsubst cgi/%.c,$(BUILD)/%.o,$(wildcard cgi/tools/demo*.c)) $(BUILD)/tools/txctl.o \
            $(BUILD)/tools/mail.o $(BUILD)/tools/sms.o $(BK_OBJ)
# Backups (cgi/tools/backup.h): the file's format is unit-tested, so check_backup links it too.
BK_OBJ    = $(addprefix $(BUILD)/tools/,bkstream.o bkrec.o backup.o restore.o)
# A restore refuses a backup of a newer schema than this build's highest migration.
SCHEMA_VERSION := $(shell ls sql/[0-9][0-9][0-9]_*.sql | tail -n 1 | sed 's|^sql/0*\([0-9]\)|\1|; s|_.*||')
$(BUILD)/tools/restore.o: CFLAGS += -DTX_SCHEMA_VERSION=$(SCHEMA_VERSION)
$(BUILD)/tools/restore.o: $(wildcard sql/[0-9][0-9][0-9]_*.sql)
$(BUILD)/tests/check_backup: $(BK_OBJ)
$(BUILD)/txctl: $(CORE_OBJ) $(TOOLS_OBJ)
	$(SAY) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcurl -lcrypto

$(BUILD)/tests/%.o: tests/%.c $(wildcard cgi/*.h cgi/*/*.h tests/*.h tests/*/*.h)
	$(Q)mkdir -p $(dir $@)
	$(SAY) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -Icgi -Itests -c -o $@ $<

$(BUILD)/tests/check_%: $(BUILD)/tests/unit/check_%.o $(APP_OBJ)
	$(SAY) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(CHECK_LIBS)

# The SMS gateway's request (txctl's sender) is checked on its own.
$(BUILD)/tests/check_sms: $(BUILD)/tools/sms.o
$(BUILD)/tests/check_sms: LDLIBS += -lcurl -lcrypto

# The charts' test reads each svg with a real XML parser.
$(BUILD)/tests/http_charts: LDLIBS += -lexpat -lm
$(BUILD)/tests/http_%: $(BUILD)/tests/http/http_%.o $(BUILD)/tests/http/client.o $(CORE_OBJ)
	$(SAY) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -pthread -o $@ $^ $(LDLIBS) $(CHECK_LIBS) -lcurl

$(BUILD)/tests/bench_checkout: $(BUILD)/tests/bench/bench_checkout.o $(BUILD)/tests/http/client.o \
                               $(CORE_OBJ)
	$(SAY) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -pthread -o $@ $^ $(LDLIBS) -lcurl

$(BUILD)/tests/bench_batch: $(BUILD)/tests/bench/bench_batch.o $(BUILD)/tests/http/client.o $(CORE_OBJ)
	$(SAY) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcurl

# The campaign-day mix (tests/bench/campaign.sh): threads of browsers, each its own connection.
$(BUILD)/tests/campaign: $(BUILD)/tests/bench/campaign.o $(BUILD)/tests/http/client.o $(CORE_OBJ)
	$(SAY) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -pthread -o $@ $^ $(LDLIBS) -lcurl

deps:
	@sh conf/devctl.sh deps

run: deps
	@$(MAKE) --no-print-directory all
	@sh conf/devctl.sh run $(PORT)

stop:
	@sh conf/devctl.sh stop

# The unit tests alone, the code's shape among them (check_shape: the core's layering, state
# written only by core/state.c, lines within 100 columns): seconds, and no database, nginx or app.
check: $(UNIT)
	$(Q)failed=0; for t in $(UNIT); do $$t || failed=1; done; exit $$failed

test:
	@sh conf/devctl.sh deps test
	@$(MAKE) --no-print-directory all $(UNIT) $(HTTP)
	@BUILD=$(BUILD) sh tests/run.sh

# Lighthouse on the public pages (issue 16): not part of `make test`, like the benchmarks.
audit:
	@sh conf/devctl.sh deps test
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) sh tests/audit/audit.sh

bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/tests/bench_checkout $(BUILD)/tests/campaign
	@BUILD=$(BUILD) sh tests/bench.sh

# libFuzzer (clang) over the ledger CSV parser and the form, query and multipart parsers,
# FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,build-fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(addprefix cgi/,$(addsuffix .c,$(CORE))) $(wildcard cgi/*.h)
	$(Q)mkdir -p build-fuzz
	$(SAY) "  FUZZ    $@"
	$(Q)clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
		-I/usr/include/ClearSilver $(shell mariadb_config --cflags 2>/dev/null) -Icgi \
		-o $@ $< $(addprefix cgi/,$(addsuffix .c,$(CORE))) $(LDLIBS)

fuzz:
	@sh conf/devctl.sh deps fuzz
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS)
	@sh tests/fuzz.sh $(FUZZ_SECONDS)

# `make install DESTDIR=… PREFIX=…`: the binaries, the first-run command (conf/tongxiang-setup.sh),
# the templates, static files and migrations, the config (/etc), the systemd units, logrotate's
# stanza (180 days), the examples and the manual pages.
# The files in conf/ name README's hand-made layout under /srv/tongxiang; installed, they name these
# places instead. No user, database or secret is made here: `tongxiang-setup` does that.
PREFIX     ?= /usr/local
SBINDIR    ?= $(PREFIX)/sbin
DATADIR    ?= $(PREFIX)/share/tongxiang
DOCDIR     ?= $(PREFIX)/share/doc/tongxiang
MANDIR     ?= $(PREFIX)/share/man
UNITDIR    ?= $(PREFIX)/lib/systemd/system
SYSCONFDIR ?= /etc
STATEDIR   ?= /var/lib/tongxiang
BACKUPDIR  ?= /var/backups/tongxiang
PLACES     := -e 's|/srv/tongxiang/build/|$(SBINDIR)/|g' \
              -e 's|/srv/tongxiang/templates|$(DATADIR)/templates|g' \
              -e 's,/srv/tongxiang/\(uploads\|photos\|disclosure\),$(STATEDIR)/\1,g' \
              -e 's|root /srv/tongxiang;|root $(DATADIR);|' \
              -e 's|/etc/tongxiang/|$(SYSCONFDIR)/tongxiang/|g' \
              -e 's|@CONFDIR@|$(SYSCONFDIR)/tongxiang|; s|@DATADIR@|$(DATADIR)|' \
              -e 's|@STATEDIR@|$(STATEDIR)|' \
              -e 's|/srv/backups/tongxiang|$(BACKUPDIR)|g; s|@BACKUPDIR@|$(BACKUPDIR)|'
INSTALLED  = $(addprefix $(DESTDIR),$(SBINDIR)/tongxiang-setup $(SYSCONFDIR)/tongxiang \
               $(UNITDIR) $(DOCDIR))
install: all
	$(SAY) "  INSTALL $(DESTDIR)$(PREFIX)"
	$(Q)install -d $(addprefix $(DESTDIR),$(SBINDIR) $(DATADIR)/sql/data \
		$(SYSCONFDIR)/tongxiang $(SYSCONFDIR)/logrotate.d $(UNITDIR) $(DOCDIR)/examples \
		$(MANDIR)/man8)
	$(Q)install -m 0755 $(BUILD)/txappd $(BUILD)/txctl $(DESTDIR)$(SBINDIR)/
	$(Q)sed $(PLACES) conf/tongxiang-setup.sh > $(DESTDIR)$(SBINDIR)/tongxiang-setup
	$(Q)chmod 0755 $(DESTDIR)$(SBINDIR)/tongxiang-setup
	$(Q)rm -rf $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/static
	$(Q)cp -R templates static $(DESTDIR)$(DATADIR)/
	$(Q)chmod -R u=rwX,go=rX $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/static
	$(Q)install -m 0644 sql/*.sql sql/grants.allow $(DESTDIR)$(DATADIR)/sql/
	$(Q)install -m 0644 sql/data/* $(DESTDIR)$(DATADIR)/sql/data/
	$(Q)install -m 0755 sql/*.sh $(DESTDIR)$(DATADIR)/sql/
	$(Q)sed $(PLACES) conf/tongxiang.hdf > $(DESTDIR)$(SYSCONFDIR)/tongxiang/tongxiang.hdf
	$(Q)for f in conf/systemd/*.service conf/systemd/*.timer; do \
		sed $(PLACES) $$f > $(DESTDIR)$(UNITDIR)/$${f##*/}; done
	$(Q)sed $(PLACES) conf/nginx-site.conf > $(DESTDIR)$(DOCDIR)/examples/nginx-site.conf
	$(Q)install -m 0644 conf/secrets.hdf.example conf/nginx-security-headers.conf \
		conf/mariadb-small.cnf $(DESTDIR)$(DOCDIR)/examples/
	$(Q)install -m 0644 conf/logrotate.d/tongxiang $(DESTDIR)$(SYSCONFDIR)/logrotate.d/tongxiang
	$(Q)install -m 0644 LICENSE $(DESTDIR)$(DOCDIR)/copyright
	$(Q)install -m 0644 conf/man/*.8 $(DESTDIR)$(MANDIR)/man8/
	$(Q)! grep -rl /srv/tongxiang $(INSTALLED) || \
		{ echo "install: /srv/tongxiang left in these"; exit 1; }

# `make deb`: the Debian package of this build in build/deb/ (conf/deb/build.sh).
deb:
	@sh conf/devctl.sh deps deb
	@$(MAKE) --no-print-directory all
	$(Q)BUILD=$(BUILD) sh conf/deb/build.sh

clean:
	rm -rf build build-asan build-fuzz

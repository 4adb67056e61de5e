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
            $(shell mariadb_config --libs 2>/dev/null) -lsodium -lcsv -lseccomp -lgd -lqrencode
ifneq ($(SANITIZE),)
CFLAGS   += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
endif
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)

# The app's modules, shared by txappd, txctl and the unit tests.
# The domain core (cgi/core/): every module there; a new one needs no line here.
CORE_DOMAIN  := $(patsubst cgi/%.c,%,$(wildcard cgi/core/*.c))
CORE     := err messages log config request keys route html render db pii money labels regions \
            pagecache page session device slots passwd throttle outbox pay pay/sandbox verify \
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

.PHONY: all run stop check test bench audit fuzz deps clean
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
# The outbox's mail sender (cgi/tools/mail.c) is txctl's alone: the app makes no network call.
TOOLS_OBJ = $(patsubst cgi/%.c,$(BUILD)/%.o,$(wildcard cgi/tools/demo*.c)) $(BUILD)/tools/txctl.o \
            $(BUILD)/tools/mail.o $(BK_OBJ)
# Backups (cgi/tools/backup.h): the file's format is unit-tested, so check_backup links it too.
BK_OBJ    = $(addprefix $(BUILD)/tools/,bkstream.o bkrec.o backup.o restore.o)
# A restore refuses a backup of a newer schema than this build's highest migration.
SCHEMA_VERSION := $(shell ls sql/[0-9][0-9][0-9]_*.sql | tail -n 1 | sed 's|^sql/0*\([0-9]\)|\1|; s|_.*||')
$(BUILD)/tools/restore.o: CFLAGS += -DTX_SCHEMA_VERSION=$(SCHEMA_VERSION)
$(BUILD)/tools/restore.o: $(wildcard sql/[0-9][0-9][0-9]_*.sql)
$(BUILD)/tests/check_backup: $(BK_OBJ)
$(BUILD)/txctl: $(CORE_OBJ) $(TOOLS_OBJ)
	$(SAY) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcurl

$(BUILD)/tests/%.o: tests/%.c $(wildcard cgi/*.h tests/*.h tests/*/*.h)
	$(Q)mkdir -p $(dir $@)
	$(SAY) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -Icgi -Itests -c -o $@ $<

$(BUILD)/tests/check_%: $(BUILD)/tests/unit/check_%.o $(APP_OBJ)
	$(SAY) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(CHECK_LIBS)

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

clean:
	rm -rf build build-asan build-fuzz

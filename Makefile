# tend - a weekly check-in journal for couples.  See README.md.
#
#   make                 build ./tend and libtend.a (installs missing Debian
#                        packages when run as root, else names them)
#   make check           build, then run every suite, plain and under
#                        AddressSanitizer + UndefinedBehaviorSanitizer
#   make install         PREFIX=/usr/local DESTDIR= honoured
#
# CC, CFLAGS, CPPFLAGS, LDFLAGS and PKG_CONFIG are yours: tend's own flags
# come first and never replace them.  WERROR=1 makes warnings errors.

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
INSTALL ?= install
PKG_CONFIG ?= pkg-config
CFLAGS ?= -g -O2

# Where a build goes: the sanitizer build sets its own.
B = build
TEND = tend
LIBTEND = libtend.a

BUILD_DEBS = make gcc pkgconf libsqlite3-dev libreadline-dev libcjson-dev \
	uuid-dev libunistring-dev
CHECK_DEBS = libcmocka-dev bats bats-support bats-assert expect mandoc \
	sqlite3 jq

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wmissing-prototypes \
	-Wstrict-prototypes -Wwrite-strings -Wformat=2 -Wvla
ifeq ($(WERROR),1)
WARN += -Werror
endif
ifeq ($(SANITIZE),1)
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
endif

TEND_CPPFLAGS = -D_GNU_SOURCE -Iinclude -Isrc/lib
TEND_CFLAGS = -std=c11 $(WARN) $(SAN) -MMD -MP

LIB_SRC = $(wildcard src/lib/*.c)
CLI_SRC = $(wildcard src/cli/*.c)
UNIT_SRC = $(wildcard tests/unit/test-*.c)
LIB_OBJ = $(LIB_SRC:src/%.c=$(B)/%.o)
CLI_OBJ = $(CLI_SRC:src/%.c=$(B)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

# Goals that must not install packages or probe pkg-config first.
QUIET_GOALS = clean uninstall
ifneq ($(filter-out $(QUIET_GOALS),$(or $(MAKECMDGOALS),all)),)
include $(B)/config.mk
endif

.PHONY: all check test units asan deps deps-check install uninstall clean

all: $(TEND) $(LIBTEND)

# Missing Debian packages: installed when root, else the exact command.
define need_debs
	@missing=; \
	if command -v dpkg-query >/dev/null 2>&1; then \
		for p in $(1); do \
			dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
			    grep -q ' installed$$' || missing="$$missing $$p"; \
		done; \
	fi; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing Debian packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			    apt-get install -y -qq --no-install-recommends \
			    $$missing >/dev/null || exit 1; \
		else \
			echo "tend: missing Debian packages; run:" \
			    "sudo apt-get install$$missing" >&2; \
			exit 1; \
		fi; \
	fi
endef

deps:
	$(call need_debs,$(BUILD_DEBS))

deps-check:
	$(call need_debs,$(BUILD_DEBS) $(CHECK_DEBS))

# pkg-config's readline flags carry -D_XOPEN_SOURCE=600, which would undo
# _GNU_SOURCE: only _GNU_SOURCE is defined, above.
FILTER_DEFS = sed -e 's/-D_XOPEN_SOURCE[=0-9]*//g' \
	-e 's/-D_POSIX_C_SOURCE[=0-9L]*//g'

$(B)/config.mk: Makefile
	$(call need_debs,$(BUILD_DEBS))
	@mkdir -p $(@D)
	@{ \
	echo "LIB_CFLAGS = $$($(PKG_CONFIG) --cflags sqlite3 libcjson uuid | $(FILTER_DEFS))"; \
	echo "LIB_LIBS = $$($(PKG_CONFIG) --libs sqlite3 libcjson uuid) -lunistring"; \
	echo "CLI_CFLAGS = $$($(PKG_CONFIG) --cflags readline | $(FILTER_DEFS))"; \
	echo "CLI_LIBS = $$($(PKG_CONFIG) --libs readline)"; \
	} > $@.tmp && mv $@.tmp $@

$(LIBTEND): $(LIB_OBJ)
	$(AR) rcs $@ $(LIB_OBJ)

$(TEND): $(CLI_OBJ) $(LIBTEND)
	$(CC) $(TEND_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBTEND) \
	    $(CLI_LIBS) $(LIB_LIBS)

$(B)/lib/%.o: src/lib/%.c $(B)/config.mk
	@mkdir -p $(@D)
	$(CC) $(TEND_CPPFLAGS) $(LIB_CFLAGS) $(CPPFLAGS) $(TEND_CFLAGS) \
	    $(CFLAGS) -c -o $@ $<

$(B)/cli/%.o: src/cli/%.c $(B)/config.mk
	@mkdir -p $(@D)
	$(CC) $(TEND_CPPFLAGS) $(CLI_CFLAGS) $(CPPFLAGS) $(TEND_CFLAGS) \
	    $(CFLAGS) -c -o $@ $<

$(B)/tests/test-%: tests/unit/test-%.c $(LIBTEND)
	@mkdir -p $(@D)
	$(CC) $(TEND_CPPFLAGS) $(LIB_CFLAGS) $(CPPFLAGS) $(TEND_CFLAGS) \
	    $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBTEND) $(LIB_LIBS) -lcmocka

units: $(UNIT_BIN)

# The same sources built with the sanitizers, beside the plain build.
asan:
	$(MAKE) B=build/asan TEND=build/asan/tend \
	    LIBTEND=build/asan/libtend.a SANITIZE=1 all units

check: deps-check
	$(MAKE) all units
	$(MAKE) asan
	tests/run plain:$(TEND):build/tests asan:build/asan/tend:build/asan/tests

test: check

install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 755 $(TEND) $(DESTDIR)$(BINDIR)/tend
	$(INSTALL) -m 644 man/tend.1 $(DESTDIR)$(MANDIR)/man1/tend.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tend $(DESTDIR)$(MANDIR)/man1/tend.1

clean:
	rm -rf build tend libtend.a

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# attache - build, test, eval, bench, install.
#
#   make            release build (-O2): build/attache, build/libattache.{a,so}
#   make test       installs what is missing, builds, runs unit, golden and
#                   end-to-end tests, then the same under ASan+UBSan
#   make asan       the sanitizer build in build-asan/
#   make eval       accuracy against ../shared/data (build/eval.tsv)
#   make bench      throughput and memory (build/bench.tsv)
#   make install    PREFIX=/usr/local
#
# Sources are found by wildcard: every src/<module>/*.c and *.re (re2c) is
# part of the library except src/cli/, which is the program.

CC      ?= cc
RE2C    ?= re2c
PREFIX  ?= /usr/local
BUILD   ?= build
SHARED  ?= ../shared

# libcurl: `attache fetch` (src/read/fetch.c) reads pages and feeds over HTTP(S)
PKGS     := sqlite3 libutf8proc jansson libxml-2.0 zlib libcurl
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Werror
OPT     ?= -O2 -g
CFLAGS  ?=
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(WARN) -fPIC \
           -Iinclude -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) $(CFLAGS)
LDLIBS  := $(PKG_LIBS) -lpthread -lm

LIB_C   := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
LIB_RE  := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.re)))
LIB_S   := $(sort $(wildcard src/*/*.S))
CLI_C   := $(sort $(wildcard src/cli/*.c))
LIB_OBJ := $(LIB_C:%.c=$(BUILD)/obj/%.o) $(LIB_RE:%.re=$(BUILD)/obj/%.o) \
           $(LIB_S:%.S=$(BUILD)/obj/%.o)
CLI_OBJ := $(CLI_C:%.c=$(BUILD)/obj/%.o)
UNIT_C  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_C:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_C  := $(sort $(wildcard eval/*.c bench/*.c))
TOOL_BIN := $(TOOL_C:%.c=$(BUILD)/%)
FUZZ_C  := $(sort $(wildcard fuzz/fuzz_*.c))
REPLAY_BIN := $(FUZZ_C:fuzz/fuzz_%.c=$(BUILD)/fuzz/replay_%)

.PHONY: all test test-quick asan eval bench install clean deps demo fuzz format
all: $(BUILD)/attache $(BUILD)/libattache.a $(BUILD)/libattache.so $(BUILD)/attache.1 $(TOOL_BIN)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# Embedded data (models, compiled knowledge base): src/x/y.S uses .incbin on
# files named relative to the repository root; BUILD_DIR names the build
# directory for blobs made at build time.  Add the blob as a prerequisite of
# the object in a rule of its own.
$(BUILD)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) -c -DBUILD_DIR='"$(BUILD)"' -MMD -MP $< -o $@

# re2c lexers: src/x/y.re -> build/gen/x/y.c -> build/obj/src/x/y.o
$(BUILD)/gen/%.c: src/%.re
	@mkdir -p $(dir $@)
	$(RE2C) -W --no-generation-date -o $@ $<
$(BUILD)/obj/src/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc/$(dir $*) -Wno-unused-const-variable -MMD -MP -c $< -o $@

$(BUILD)/libattache.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^
$(BUILD)/libattache.so: $(LIB_OBJ)
	$(CC) -shared -o $@ $^ $(LDLIBS)
$(BUILD)/attache: $(CLI_OBJ) $(BUILD)/libattache.a
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libattache.a $(LDLIBS)

$(BUILD)/attache.1: $(BUILD)/attache scripts/gen-man
	scripts/gen-man $(BUILD)/attache > $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/test.h $(BUILD)/libattache.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libattache.a $(LDLIBS)
$(BUILD)/fuzz/replay_%: fuzz/fuzz_%.c fuzz/replay.c $(BUILD)/libattache.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< fuzz/replay.c $(BUILD)/libattache.a $(LDLIBS)
$(BUILD)/eval/%: eval/%.c $(BUILD)/libattache.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libattache.a $(LDLIBS)
$(BUILD)/bench/%: bench/%.c $(BUILD)/libattache.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libattache.a $(LDLIBS)

# The knowledge base: tools/kbc compiles the data tables into one blob,
# which src/kb/blob.S embeds into the library with .incbin (docs/entity-linking.md).
KB_SRC  := $(wildcard $(addprefix data/,countries.tsv country-names.tsv places.tsv \
           place-names.tsv regions.tsv region-names.tsv orgs.tsv org-names.tsv persons.tsv \
           person-names.tsv person-roles.tsv projects.tsv project-names.tsv titles.tsv \
           descriptors.tsv kb-stopwords.tsv firstnames.tsv))
KBC_OBJ := $(BUILD)/obj/tools/kbc.o $(addprefix $(BUILD)/obj/src/kb/,key.o compile.o kb.o) \
           $(patsubst %.c,$(BUILD)/obj/%.o,$(sort $(wildcard src/base/*.c)))
$(BUILD)/tools/kbc: $(KBC_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)
$(BUILD)/attache.kb: $(BUILD)/tools/kbc $(KB_SRC)
	$(BUILD)/tools/kbc $@ $(KB_SRC)
$(BUILD)/obj/src/kb/blob.o: src/kb/blob.S $(BUILD)/attache.kb
	@mkdir -p $(dir $@)
	$(CC) -c -DKB_PATH='"$(BUILD)/attache.kb"' $< -o $@

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# ---- tests ------------------------------------------------------------------
deps:
	@scripts/bootstrap --quiet

test: deps
	@$(MAKE) -s --no-print-directory all $(UNIT_BIN) $(REPLAY_BIN)
	@$(MAKE) -s --no-print-directory BUILD=build-asan asan-bins
	@scripts/run-tests build build-asan

test-quick: all $(UNIT_BIN) $(REPLAY_BIN)
	@scripts/run-tests build

ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
asan:
	@$(MAKE) -s --no-print-directory BUILD=build-asan asan-bins
asan-bins:
	@$(MAKE) --no-print-directory BUILD=$(BUILD) OPT="-O1 -g $(ASAN_FLAGS)" \
	    LDFLAGS_EXTRA="$(ASAN_FLAGS)" $(BUILD)/attache $(UNIT_BIN) $(TOOL_BIN) $(REPLAY_BIN)

ifdef LDFLAGS_EXTRA
LDLIBS += $(LDFLAGS_EXTRA)
endif

# libFuzzer builds (clang): build-fuzz/fuzz_<name>; run e.g.
#   build-fuzz/fuzz_read -max_total_time=60 fuzz/corpus/read
FUZZ_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer
fuzz:
	@scripts/bootstrap --quiet --fuzz
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT="-O1 -g $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" \
	    build-fuzz/libattache.a
	@for f in $(FUZZ_C); do n=$$(basename $$f .c); \
	    echo "clang $$f -> build-fuzz/$$n"; \
	    clang $(ALL_CFLAGS) -O1 -g $(FUZZ_FLAGS) -fsanitize=fuzzer -o build-fuzz/$$n $$f \
	        build-fuzz/libattache.a $(LDLIBS) || exit 1; done

# ---- measurements -----------------------------------------------------------
eval: all
	@scripts/eval $(SHARED)
bench: all
	@scripts/bootstrap --quiet --bench
	@scripts/bench $(SHARED)

demo: all
	@scripts/demo

# ---- install ----------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/attache $(DESTDIR)$(PREFIX)/bin/attache
	install -m 644 $(BUILD)/libattache.a $(DESTDIR)$(PREFIX)/lib/libattache.a
	install -m 755 $(BUILD)/libattache.so $(DESTDIR)$(PREFIX)/lib/libattache.so
	install -m 644 include/attache.h $(DESTDIR)$(PREFIX)/include/attache.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(shell sed -n 's/^#define ATT_VERSION "\(.*\)"/\1/p' include/attache.h)|' \
	    -e "s|@LIBS@|$(PKG_LIBS) -lpthread -lm|" attache.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/attache.pc
	install -m 644 $(BUILD)/attache.1 $(DESTDIR)$(PREFIX)/share/man/man1/attache.1

format:
	clang-format -i include/*.h src/*/*.c src/*/*.h tests/unit/*.c

clean:
	rm -rf build build-asan build-fuzz

# The NER model embedded by src/annotate/ner_model.S (scripts/train-ner writes it).
$(BUILD)/obj/src/annotate/ner_model.o: data/models/ner-de.bin
$(BUILD)/obj/src/lang/sbd_model.o: data/models/sbd-de.bin

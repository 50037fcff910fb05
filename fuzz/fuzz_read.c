/*
 * fuzz_read.c - libFuzzer harness for the readers and the language layer.
 *
 * The first byte picks the format (text, JSON Lines, sniffed); the rest is
 * the input.  Every document read is annotated and written as JSON, so the
 * tokenizer, sentence splitter, language id and JSON writer are fuzzed too.
 * Built with clang -fsanitize=fuzzer by `make fuzz`; replayed over its corpus
 * by fuzz/replay.c in `make test`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "attache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const att_format fmts[] = {ATT_FMT_TEXT, ATT_FMT_JSONL, ATT_FMT_AUTO};
    att_options o = {0};
    att_ctx *ctx = NULL;
    att_reader *r = NULL;
    att_doc *doc = NULL;
    int n, guard = 0;

    if (size < 1)
        return 0;
    o.max_doc_bytes = 1 << 16;
    if (att_ctx_open(&ctx, &o))
        return 0;
    if (att_reader_open_mem(ctx, "fuzz", (const char *)data + 1, size - 1, fmts[data[0] % 3],
                            &r) == 0) {
        while ((n = att_reader_next(r, &doc)) != 0 && guard++ < 100000) {
            char *json = NULL;
            size_t len;
            if (n < 0)
                continue;
            if (att_annotate(ctx, doc) == 0 && att_doc_to_json(ctx, doc, &json, &len) == 0)
                att_free(json);
            att_doc_free(doc);
        }
        att_reader_close(r);
    }
    att_ctx_close(ctx);
    return 0;
}

/*
 * fuzz_feed.c - libFuzzer harness for the feed reader (feed.c): the input
 * is read as a feed, every item to the end, each document annotated and
 * written as JSON; the sniffer and the date converter see the bytes too.
 * Replayed over fuzz/corpus/feed by `make test`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    att_options o = {0};
    att_ctx *ctx = NULL;
    att_reader *r = NULL;
    att_doc *doc = NULL;
    char date[64], iso[40];
    int n, guard = 0;

    o.max_doc_bytes = 1 << 16;
    if (att_ctx_open(&ctx, &o))
        return 0;
    att__feed_sniff((const char *)data, size);
    memcpy(date, data, size < sizeof(date) - 1 ? size : sizeof(date) - 1);
    date[size < sizeof(date) - 1 ? size : sizeof(date) - 1] = '\0';
    att__feed_date(date, iso);
    if (att_reader_open_mem(ctx, "fuzz.rss", (const char *)data, size, ATT_FMT_FEED, &r) == 0) {
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

/*
 * fuzz_warc.c - libFuzzer harness for the WARC reader: plain and gzip
 * input, every record read to the end of the stream.  Replayed over
 * fuzz/corpus/warc by `make test`.
 */
#include <stddef.h>
#include <stdint.h>

#include "read/warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    att_ctx *ctx = NULL;
    att__warc *w = NULL;
    att__warc_rec rec;
    int rc, guard = 0;
    if (att_ctx_open(&ctx, NULL))
        return 0;
    att__warc_sniff((const char *)data, size);
    if (att__warc_open_mem(ctx, "fuzz", (const char *)data, size, &w) == 0) {
        while ((rc = att__warc_next(w, &rec)) != 0 && guard++ < 100000)
            (void)rc;
        att__warc_close(w);
    }
    att_ctx_close(ctx);
    return 0;
}

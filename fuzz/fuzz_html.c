/*
 * fuzz_html.c - libFuzzer harness for the HTML reader.
 *
 * The first byte picks what the page is said to be: read through the
 * public reader (sniffed or --format html), or handed to att__html_doc()
 * with an HTTP charset (none, utf-8, iso-8859-1, shift_jis, utf-16le, a
 * bogus label) and a URL, the way the WARC reader calls it.  The rest is
 * the page.  Every document read is annotated and written as JSON, so the
 * extractor's output is fuzzed through the whole pipeline.  The context
 * (which checks the whole knowledge base when opened) is opened once per
 * process, so libFuzzer runs hundreds of inputs a second rather than
 * tens; errors leave nothing behind on it but the message.  Built with
 * clang -fsanitize=fuzzer by `make fuzz`; replayed over fuzz/corpus/html
 * by `make test`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "read/read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void finish(att_ctx *ctx, att_doc *doc)
{
    char *json = NULL;
    size_t len;
    if (att_annotate(ctx, doc) == 0 && att_doc_to_json(ctx, doc, &json, &len) == 0)
        att_free(json);
    att_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const charsets[] = {
        NULL,       "text/html; charset=utf-8", "iso-8859-1", "text/html;charset=\"shift_jis\"",
        "utf-16le", "x-no-such-charset",
    };
    static att_ctx *ctx; /* the harness's own, for speed; the library keeps no state */
    att_options o = {0};
    att_reader *r = NULL;
    att_doc *doc = NULL;
    const char *page;
    size_t n;
    unsigned mode;

    if (size < 1)
        return 0;
    mode = data[0];
    page = (const char *)data + 1;
    n = size - 1;
    o.max_doc_bytes = 1 << 18;
    if (!ctx && att_ctx_open(&ctx, &o))
        return 0;
    if (mode < 64) {
        if (att_reader_open_mem(ctx, mode & 1 ? "fuzz.html" : "fuzz", page, n,
                                mode & 2 ? ATT_FMT_HTML : ATT_FMT_AUTO, &r) == 0) {
            int k, guard = 0;
            while ((k = att_reader_next(r, &doc)) != 0 && guard++ < 16) {
                if (k > 0)
                    finish(ctx, doc);
                doc = NULL;
            }
            att_reader_close(r);
        }
    } else if (att_reader_open_mem(ctx, "fuzz", page, n, ATT_FMT_HTML, &r) == 0) {
        if (att__html_doc(r, "fuzz", 0, page, n, charsets[mode % 6],
                          mode & 1 ? "https://example.org/2024/04/17/x.html" : NULL, &doc) == 0)
            finish(ctx, doc);
        att_reader_close(r);
    }
    return 0;
}

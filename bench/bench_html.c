/*
 * bench_html.c - throughput of the HTML reader: charset, parse, main text,
 * metadata and normalisation, without annotation.
 *
 *   bench_html [SHARED]    prints TSV rows: suite metric value unit
 *
 * The pages of SHARED/data/trafilatura-eval are decompressed into memory
 * first, so only the reader is timed; the best of three passes over all
 * pages is reported as pages/s and MB/s of HTML.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "attache.h"
#include "base/base.h"
#include "../eval/pages.h"

#define PASSES 3

typedef struct pagebuf {
    char *data;
    size_t len;
} pagebuf;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared", *url;
    char path[4096];
    json_t *gold, *item;
    json_error_t err;
    pagebuf *pages;
    size_t n = 0, bytes = 0, docs = 0;
    double best = 1e30;
    att_ctx *ctx = NULL;

    snprintf(path, sizeof(path), "%s/data/trafilatura-eval/evaldata.json", shared);
    gold = json_load_file(path, 0, &err);
    if (!gold) {
        fprintf(stderr, "bench_html: skipped: %s: %s\n", path, err.text);
        return 0;
    }
    pages = calloc(json_object_size(gold) + 1, sizeof(*pages));
    if (!pages || att_ctx_open(&ctx, NULL))
        return 1;
    json_object_foreach(gold, url, item)
    {
        const char *file = json_string_value(json_object_get(item, "file"));
        if (!file)
            continue;
        snprintf(path, sizeof(path), "%s/data/trafilatura-eval/eval/%s.gz", shared, file);
        pages[n].data = read_gz(path, &pages[n].len);
        if (!pages[n].data) {
            snprintf(path, sizeof(path), "%s/data/trafilatura-eval/cache/%s.gz", shared, file);
            pages[n].data = read_gz(path, &pages[n].len);
        }
        if (pages[n].data)
            bytes += pages[n++].len;
    }
    for (int pass = 0; pass < PASSES; pass++) {
        double t0 = now(), dt;
        docs = 0;
        for (size_t i = 0; i < n; i++) {
            att_reader *r = NULL;
            att_doc *doc = NULL;
            if (att_reader_open_mem(ctx, "page.html", pages[i].data, pages[i].len, ATT_FMT_HTML,
                                    &r))
                continue;
            if (att_reader_next(r, &doc) == 1)
                docs++;
            att_doc_free(doc);
            att_reader_close(r);
        }
        dt = now() - t0;
        if (dt < best)
            best = dt;
    }
    printf("html\tpages\t%zu\tcount\n", n);
    printf("html\tdocuments\t%zu\tcount\n", docs);
    printf("html\tpages_per_s\t%.0f\tpages/s\n", best > 0 ? (double)n / best : 0);
    printf("html\tmb_per_s\t%.1f\tMB/s\n", best > 0 ? (double)bytes / 1e6 / best : 0);
    for (size_t i = 0; i < n; i++)
        free(pages[i].data);
    free(pages);
    json_decref(gold);
    att_ctx_close(ctx);
    return 0;
}

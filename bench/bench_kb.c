/*
 * bench_kb.c - the knowledge base's costs: how long a context takes to
 * attach the embedded KB (checking every record of the blob), the blob's
 * size, and the entity matcher's throughput on the seed articles (tokens
 * and sentences made once, the entity stage run many times).
 *
 *   bench_kb [SHARED]    prints TSV rows: suite metric value unit
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "annotate/entities.h"
#include "kb/kb.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared";
    att_ctx *ctx = NULL;
    att_doc *docs[64];
    size_t ndocs = 0, bytes = 0, size = 0;
    double t0, best = 1e9;
    char path[2048];
    att_reader *r = NULL;

    for (int i = 0; i < 20; i++) {
        t0 = now();
        if (att_ctx_open(&ctx, NULL))
            return 1;
        if (now() - t0 < best)
            best = now() - t0;
        att_ctx_close(ctx);
    }
    att__kb_embedded(&size);
    printf("kb\tload_ms\t%.2f\tms\n", best * 1000);
    printf("kb\tblob_size\t%.1f\tMB\n", (double)size / 1e6);
    if (att_ctx_open(&ctx, NULL))
        return 1;
    {
        const att__kbset *set = ctx->kb;
        printf("kb\tentities\t%zu\tcount\n", set->base.nents);
        printf("kb\tnames\t%zu\tcount\n", set->base.naliases);
    }
    snprintf(path, sizeof(path), "%s/seeds", shared);
    if (att_reader_open_file(ctx, path, ATT_FMT_AUTO, &r) == 0) {
        att_doc *d;
        while (ndocs < 64 && att_reader_next(r, &d) == 1) {
            if (att_annotate(ctx, d) == 0) {
                docs[ndocs++] = d;
                bytes += d->len;
            } else {
                att_doc_free(d);
            }
        }
        att_reader_close(r);
    }
    if (ndocs == 0) {
        /* a directory reader may not exist: read the files one by one */
        static const char *const names[] = {"000_d89457b42e41811c", "001_ca982c535d62abd2",
                                            "002_53610af29d9cbfa2", "003_011d1d95fb55c242",
                                            "004_5fb6c0072c137037"};
        for (size_t i = 0; i < 5; i++) {
            att_doc *d = NULL;
            snprintf(path, sizeof(path), "%s/seeds/%s.txt", shared, names[i]);
            if (att_reader_open_file(ctx, path, ATT_FMT_AUTO, &r))
                continue;
            if (att_reader_next(r, &d) == 1 && att_annotate(ctx, d) == 0) {
                docs[ndocs++] = d;
                bytes += d->len;
            } else {
                att_doc_free(d);
            }
            att_reader_close(r);
        }
    }
    if (ndocs) {
        int rounds = 0;
        t0 = now();
        while (now() - t0 < 1.0 || rounds < 10) {
            for (size_t i = 0; i < ndocs; i++)
                att__entities_annotate(ctx, docs[i]);
            rounds++;
        }
        double secs = now() - t0;
        printf("kb\tmatch_mb_per_s\t%.2f\tMB/s\n", (double)bytes * rounds / 1e6 / secs);
        printf("kb\tmatch_docs_per_s\t%.0f\tdocs/s\n", (double)ndocs * rounds / secs);
    } else {
        fprintf(stderr, "bench_kb: skipped matching: no seeds under %s\n", shared);
    }
    for (size_t i = 0; i < ndocs; i++)
        att_doc_free(docs[i]);
    att_ctx_close(ctx);
    return 0;
}

/*
 * bench_kb.c - the knowledge base's costs: how long a context takes to
 * attach the embedded KB (checking every record of the blob), the blob's
 * size, and the entity matcher's throughput (tokens and sentences made
 * once, then the entity stage alone run over the documents again and
 * again) on two sets:
 *
 *   match_*       the seed articles (a few documents: caches stay warm)
 *   match_fang_*  the first 1,000 articles of fang-covid (German news,
 *                 ~6 MB: what `attache extract` meets), when present
 *
 * Throughput is per CPU second of this process (one core), so a busy
 * machine does not lower it; the load time is wall time, best of 20.
 *
 *   bench_kb [SHARED]    prints TSV rows: suite metric value unit
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "annotate/entities.h"
#include "kb/kb.h"

#define MAX_DOCS 1000

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of this process: the matcher's cost on one core, the same
 * whether or not other programs share the machine. */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads and annotates up to max documents of path into docs; returns how
 * many, adding their bytes to *bytes. */
static size_t load(att_ctx *ctx, const char *path, att_doc **docs, size_t max, size_t *bytes)
{
    att_reader *r = NULL;
    att_doc *d;
    size_t n = 0;
    if (att_reader_open_file(ctx, path, ATT_FMT_AUTO, &r))
        return 0;
    while (n < max && att_reader_next(r, &d) == 1) {
        if (att_annotate(ctx, d) == 0) {
            docs[n++] = d;
            *bytes += d->len;
        } else {
            att_doc_free(d);
        }
    }
    att_reader_close(r);
    return n;
}

/* Runs the entity stage over docs for at least a CPU second (and 3 rounds)
 * and prints MB/s and docs/s per CPU second under the metric prefix. */
static void run(att_ctx *ctx, att_doc **docs, size_t ndocs, size_t bytes, const char *prefix)
{
    int rounds = 0;
    double t0 = cpu(), secs;
    while (cpu() - t0 < 1.0 || rounds < 3) {
        for (size_t i = 0; i < ndocs; i++)
            att__entities_annotate(ctx, docs[i]);
        rounds++;
    }
    secs = cpu() - t0;
    printf("kb\t%s_mb_per_s\t%.2f\tMB/s\n", prefix, (double)bytes * rounds / 1e6 / secs);
    printf("kb\t%s_docs_per_s\t%.0f\tdocs/s\n", prefix, (double)ndocs * rounds / secs);
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared";
    att_ctx *ctx = NULL;
    att_doc **docs = calloc(MAX_DOCS, sizeof(*docs));
    size_t ndocs = 0, bytes = 0, size = 0;
    double t0, best = 1e9;
    char path[2048];

    if (!docs)
        return 1;
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
    ndocs = load(ctx, path, docs, 64, &bytes);
    if (ndocs == 0) {
        /* a directory reader may not exist: read the files one by one */
        static const char *const names[] = {"000_d89457b42e41811c", "001_ca982c535d62abd2",
                                            "002_53610af29d9cbfa2", "003_011d1d95fb55c242",
                                            "004_5fb6c0072c137037"};
        for (size_t i = 0; i < 5; i++) {
            snprintf(path, sizeof(path), "%s/seeds/%s.txt", shared, names[i]);
            ndocs += load(ctx, path, docs + ndocs, 1, &bytes);
        }
    }
    if (ndocs)
        run(ctx, docs, ndocs, bytes, "match");
    else
        fprintf(stderr, "bench_kb: skipped matching: no seeds under %s\n", shared);
    for (size_t i = 0; i < ndocs; i++)
        att_doc_free(docs[i]);
    bytes = 0;
    snprintf(path, sizeof(path), "%s/data/fang-covid-news/fang-covid-real-6000.jsonl", shared);
    ndocs = load(ctx, path, docs, MAX_DOCS, &bytes);
    if (ndocs)
        run(ctx, docs, ndocs, bytes, "match_fang");
    else
        fprintf(stderr, "bench_kb: skipped matching on fang-covid: %s not found\n", path);
    for (size_t i = 0; i < ndocs; i++)
        att_doc_free(docs[i]);
    free(docs);
    att_ctx_close(ctx);
    return 0;
}

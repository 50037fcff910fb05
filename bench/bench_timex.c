/*
 * bench_timex.c - throughput of the temporal tagger alone.
 *
 *   bench_timex [SHARED [N]]    prints TSV rows: suite metric value unit
 *
 * The articles of SHARED/data/fang-covid-news are read into memory first
 * with the JSON Lines reader (text and publication date, as `extract` sees
 * them, German); then only att__timex_annotate() is timed, best of three passes:
 * over all articles ("timex") and over the first N (default 500, "timex-N"),
 * the same articles the peers (dateparser_bench.py, chrono_bench.mjs) read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "annotate/timex.h"
#include "attache.h"

#define PASSES 3

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Best time of PASSES over docs[0..n); *found gets the expressions. */
static double run(att_doc **docs, size_t n, size_t *found)
{
    double best = 1e30;
    for (int pass = 0; pass < PASSES; pass++) {
        double t0 = now(), dt;
        *found = 0;
        for (size_t i = 0; i < n; i++) {
            if (att__timex_annotate(docs[i]))
                continue;
            *found += docs[i]->ntimex;
        }
        dt = now() - t0;
        if (dt < best)
            best = dt;
    }
    return best;
}

static void report(const char *suite, size_t n, size_t bytes, double secs, size_t found)
{
    printf("%s\tdocuments\t%zu\tdocs\n", suite, n);
    printf("%s\tdocs_per_s\t%.0f\tdocs/s\n", suite, secs > 0 ? (double)n / secs : 0);
    printf("%s\tmb_per_s\t%.2f\tMB/s\n", suite, secs > 0 ? (double)bytes / 1e6 / secs : 0);
    printf("%s\texpressions\t%zu\tcount\n", suite, found);
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared";
    size_t first = argc > 2 ? (size_t)atol(argv[2]) : 500;
    char path[4096], suite[32];
    att_ctx *ctx = NULL;
    att_reader *r = NULL;
    att_doc **docs = NULL, *doc;
    size_t n = 0, cap = 0, bytes = 0, bytes_first = 0, found;
    double secs;
    int rc;

    snprintf(path, sizeof(path), "%s/data/fang-covid-news/fang-covid-real-6000.jsonl", shared);
    if (att_ctx_open(&ctx, NULL))
        return 1;
    if (att_reader_open_file(ctx, path, ATT_FMT_JSONL, &r)) {
        fprintf(stderr, "bench_timex: skipped: %s\n", att_errmsg(ctx));
        att_ctx_close(ctx);
        return 0;
    }
    while ((rc = att_reader_next(r, &doc)) != 0) {
        if (rc < 0)
            continue; /* a bad line: reported by the reader, not timed */
        if (n == cap) {
            att_doc **grown = realloc(docs, (cap = cap ? 2 * cap : 1024) * sizeof(*docs));
            if (!grown)
                return 1;
            docs = grown;
        }
        /* the peers are told the language too */
        if (!doc->lang && att__doc_set(doc, &doc->lang, "de"))
            return 1;
        docs[n++] = doc;
        bytes += doc->len;
        if (n <= first)
            bytes_first += doc->len;
    }
    att_reader_close(r);
    if (first > n)
        first = n;
    secs = run(docs, n, &found);
    report("timex", n, bytes, secs, found);
    secs = run(docs, first, &found);
    snprintf(suite, sizeof(suite), "timex-%zu", first);
    report(suite, first, bytes_first, secs, found);
    for (size_t i = 0; i < n; i++)
        att_doc_free(docs[i]);
    free(docs);
    att_ctx_close(ctx);
    return 0;
}

/*
 * inputs.c - the loop ingest and extract share: every path, every file
 * under it, every document in each file, annotated and handed to a sink.
 *
 * Files are listed first (att_walk) so the progress bar knows how many
 * bytes lie ahead.  The main thread reads documents into a batch; worker
 * threads (one context each, so error messages never mix) annotate the
 * batch; the main thread then hands the documents to the sink in input
 * order, so output and ids do not depend on the number of threads.  A
 * document that fails gets one error line and the loop goes on; the counts
 * decide the exit status.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "inputs.h"

typedef struct file_list {
    char **paths;
    size_t n, cap;
    unsigned long long bytes;
} file_list;

static int add_path(const char *path, void *arg)
{
    file_list *fl = arg;
    char *p = strdup(path);
    struct stat st;
    if (!p)
        return ATT_ENOMEM;
    if (fl->n == fl->cap) {
        size_t cap = fl->cap ? fl->cap * 2 : 64;
        char **np = realloc(fl->paths, cap * sizeof(*np));
        if (!np) {
            free(p);
            return ATT_ENOMEM;
        }
        fl->paths = np;
        fl->cap = cap;
    }
    fl->paths[fl->n++] = p;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0)
        fl->bytes += (unsigned long long)st.st_size;
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(const cli_progress *p, int final)
{
    double el = now() - p->t0, rate = el > 0 ? (double)p->docs / el : 0, frac, eta;
    char bar[32];
    int fill;
    frac = p->bytes_total ? (double)p->bytes_done / (double)p->bytes_total : 0;
    if (frac > 1)
        frac = 1;
    fill = (int)(frac * 24);
    for (int i = 0; i < 24; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[24] = '\0';
    eta = frac > 0.001 ? el / frac - el : 0;
    fprintf(stderr, "\r[%s] %3.0f%%  files %zu/%zu  docs %zu  %.0f docs/s  ETA %.0fs   %s", bar,
            frac * 100, p->files_done, p->files_total, p->docs, rate, final ? 0.0 : eta,
            final ? "\n" : "");
    fflush(stderr);
}

#define BATCH_PER_THREAD 32
#define MAX_THREADS 64

typedef struct batch {
    att_doc *docs[BATCH_PER_THREAD * MAX_THREADS];
    int rc[BATCH_PER_THREAD * MAX_THREADS];
    char *err[BATCH_PER_THREAD * MAX_THREADS];
    size_t n;
    atomic_size_t next;
} batch;

typedef struct worker {
    att_ctx *ctx;
    batch *b;
    pthread_t tid;
} worker;

static void *annotate_batch(void *arg)
{
    worker *w = arg;
    batch *b = w->b;
    size_t i;
    while ((i = atomic_fetch_add(&b->next, 1)) < b->n) {
        b->rc[i] = att_annotate(w->ctx, b->docs[i]);
        if (b->rc[i])
            b->err[i] = strdup(att_errmsg(w->ctx));
    }
    return NULL;
}

static int threads_wanted(const cli *c)
{
    long n = c->aopts.threads;
    if (n <= 0)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    return n > MAX_THREADS ? MAX_THREADS : (int)n;
}

/* Annotates the batch on the workers (or inline with one), then sinks it. */
static void flush_batch(cli *c, att_ctx *ctx, batch *b, worker *ws, int nw, cli_sink sink,
                        void *arg, cli_progress *pr)
{
    atomic_store(&b->next, 0);
    if (nw <= 1 || b->n < 2) {
        ws[0].b = b;
        annotate_batch(&ws[0]);
    } else {
        int started = 0;
        for (int t = 0; t < nw; t++) {
            ws[t].b = b;
            if (pthread_create(&ws[t].tid, NULL, annotate_batch, &ws[t]) != 0)
                break;
            started++;
        }
        if (started == 0)
            annotate_batch(&ws[0]);
        for (int t = 0; t < started; t++)
            pthread_join(ws[t].tid, NULL);
    }
    for (size_t i = 0; i < b->n; i++) {
        if (b->rc[i]) {
            cli_error("%s", b->err[i] ? b->err[i] : att_strerror(b->rc[i]));
            pr->failed++;
        } else if (sink(c, ctx, b->docs[i], arg, pr)) {
            cli_error("%s", att_errmsg(ctx));
            pr->failed++;
        }
        pr->docs++;
        free(b->err[i]);
        b->err[i] = NULL;
        b->rc[i] = 0;
        att_doc_free(b->docs[i]);
    }
    b->n = 0;
}

/* The --format choices. */
static const struct {
    const char *name;
    att_format fmt;
} input_formats[] = {
    {"auto", ATT_FMT_AUTO},
    {"text", ATT_FMT_TEXT},
    {"jsonl", ATT_FMT_JSONL},
    {"html", ATT_FMT_HTML},
    {"warc", ATT_FMT_WARC},
    {"feed", ATT_FMT_FEED},
};

int cli_run_inputs(cli *c, att_ctx *ctx, cli_sink sink, void *arg, cli_progress *pr)
{
    file_list fl = {0};
    att_format fmt = ATT_FMT_AUTO;
    const char *f = cli_get(c, "format");
    int rc = CLI_OK, show = !c->quiet && isatty(STDERR_FILENO), nw, opened = 0;
    double last = 0;
    batch *b = NULL;
    worker ws[MAX_THREADS];
    size_t cap;

    if (f) {
        size_t k = 0;
        while (k < (sizeof(input_formats) / sizeof(input_formats[0])) && strcmp(f, input_formats[k].name) != 0)
            k++;
        if (k == (sizeof(input_formats) / sizeof(input_formats[0]))) {
            cli_error("--format: expected auto, text, jsonl, html, warc or feed, got '%s'", f);
            return CLI_USAGE;
        }
        fmt = input_formats[k].fmt;
    }
    memset(pr, 0, sizeof(*pr));
    pr->t0 = now();
    nw = threads_wanted(c);
    cap = (size_t)nw * BATCH_PER_THREAD;
    b = calloc(1, sizeof(*b));
    if (!b) {
        cli_error("out of memory");
        return CLI_FAILED;
    }
    for (opened = 0; opened < nw; opened++) {
        ws[opened].ctx = NULL;
        if (att_ctx_open(&ws[opened].ctx, &c->aopts)) {
            cli_error("cannot open a worker context");
            rc = CLI_FAILED;
            goto cleanup;
        }
    }
    for (int i = 0; i < c->nargs; i++) {
        int wrc = att_walk(ctx, c->args[i], add_path, &fl);
        if (wrc) {
            cli_error("%s", wrc == ATT_ENOMEM ? "out of memory" : att_errmsg(ctx));
            pr->failed++;
        }
    }
    pr->files_total = fl.n;
    pr->bytes_total = fl.bytes;
    for (size_t i = 0; i < fl.n; i++) {
        att_reader *r = NULL;
        att_doc *doc = NULL;
        struct stat st;
        int n;
        if (att_reader_open_file(ctx, fl.paths[i], fmt, &r)) {
            cli_error("%s", att_errmsg(ctx));
            pr->failed++;
            pr->files_done++;
            continue;
        }
        while ((n = att_reader_next(r, &doc)) != 0) {
            if (n < 0) {
                if (show)
                    fputc('\n', stderr);
                cli_error("%s", att_errmsg(ctx));
                pr->failed++;
                continue;
            }
            b->docs[b->n++] = doc;
            if (b->n == cap)
                flush_batch(c, ctx, b, ws, nw, sink, arg, pr);
            if (show && now() - last > 0.2) {
                last = now();
                progress(pr, 0);
            }
        }
        att_reader_close(r);
        pr->files_done++;
        if (strcmp(fl.paths[i], "-") != 0 && stat(fl.paths[i], &st) == 0)
            pr->bytes_done += (unsigned long long)st.st_size;
    }
    flush_batch(c, ctx, b, ws, nw, sink, arg, pr);
    if (show && pr->docs > 0)
        progress(pr, 1);
    pr->seconds = now() - pr->t0;
    if (pr->failed)
        rc = CLI_FAILED;
cleanup:
    for (size_t i = 0; i < fl.n; i++)
        free(fl.paths[i]);
    free(fl.paths);
    for (int t = 0; t < opened; t++)
        att_ctx_close(ws[t].ctx);
    free(b);
    return rc;
}

/*
 * inputs.c - the loop ingest and extract share: every path, every file
 * under it, every document in each file, annotated and handed to a sink.
 *
 * Files are listed first (att_walk) so the progress bar knows how many
 * bytes lie ahead.  A document that fails gets one error line and the loop
 * goes on; the counts decide the exit status.
 */
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

int cli_run_inputs(cli *c, att_ctx *ctx, cli_sink sink, void *arg, cli_progress *pr)
{
    file_list fl = {0};
    att_format fmt = ATT_FMT_AUTO;
    const char *f = cli_get(c, "format");
    int rc = CLI_OK, show = !c->quiet && isatty(STDERR_FILENO);
    double last = 0;

    if (f) {
        if (strcmp(f, "text") == 0)
            fmt = ATT_FMT_TEXT;
        else if (strcmp(f, "jsonl") == 0)
            fmt = ATT_FMT_JSONL;
        else if (strcmp(f, "auto") != 0) {
            cli_error("--format: expected auto, text or jsonl, got '%s'", f);
            return CLI_USAGE;
        }
    }
    memset(pr, 0, sizeof(*pr));
    pr->t0 = now();
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
            if (att_annotate(ctx, doc) || sink(c, ctx, doc, arg, pr)) {
                cli_error("%s", att_errmsg(ctx));
                pr->failed++;
            }
            pr->docs++;
            att_doc_free(doc);
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
    if (show && pr->docs > 0)
        progress(pr, 1);
    pr->seconds = now() - pr->t0;
    for (size_t i = 0; i < fl.n; i++)
        free(fl.paths[i]);
    free(fl.paths);
    if (pr->failed)
        rc = CLI_FAILED;
    return rc;
}

/*
 * cmd_fetch.c - `attache fetch URL...`: GET pages and feeds, annotate, store.
 *
 * Each URL is fetched with the validators the store kept from its last
 * fetch (conditional GET), so an unchanged page or feed answers 304 and
 * counts as unchanged without being read.  The answer goes through the
 * readers like a file would (att_reader_open_response): a page is one
 * document, a feed one per item; with --pages the page an item links to is
 * fetched (conditionally too) and stored beside the item.  The validators
 * are recorded only when everything read from the URL was stored, so a
 * failure is retried next time instead of hidden behind a 304.  Work runs on
 * the main thread; libcurl is set up before anything else (att_fetch_init).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

typedef struct fetch_run {
    cli *c;
    att_ctx *ctx;
    att_store *st;
    att_fetch_opts fo; /* time-outs; validators are set per URL */
    int pages;         /* --pages: also fetch each feed item's page */
    size_t added, unchanged, failed, urls;
} fetch_run;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Annotates and stores one document; returns 0 or 1 (a failure, reported). */
static int store_doc(fetch_run *fr, att_doc *doc)
{
    att_put_result res;
    if (att_annotate(fr->ctx, doc) || att_store_put(fr->st, doc, &res)) {
        cli_error("%s", att_errmsg(fr->ctx));
        fr->failed++;
        return 1;
    }
    if (res == ATT_PUT_NEW)
        fr->added++;
    else
        fr->unchanged++;
    return 0;
}

/* Fetches url and stores what it holds; depth 1 for the pages of a feed's
 * items (which are not followed further).  Counts go to fr. */
static void fetch_one(fetch_run *fr, const char *url, int depth)
{
    att_fetch_opts fo = fr->fo;
    att_response *resp = NULL;
    att_reader *r = NULL;
    att_doc *doc = NULL;
    char *etag = NULL, *lm = NULL;
    size_t failed0 = fr->failed;
    int rc, n, is_feed;

    fr->urls++;
    rc = att_store_fetched_get(fr->st, url, &etag, &lm);
    if (rc && rc != ATT_ENOTFOUND) {
        cli_error("%s", att_errmsg(fr->ctx));
        fr->failed++;
        goto cleanup;
    }
    fo.etag = etag;
    fo.last_modified = lm;
    if (att_fetch(fr->ctx, url, &fo, &resp)) {
        cli_error("%s", att_errmsg(fr->ctx));
        fr->failed++;
        goto cleanup;
    }
    if (resp->status == 304) {
        fr->unchanged++;
        if (att_store_fetched_put(fr->st, url, etag, lm, resp->status)) {
            cli_error("%s", att_errmsg(fr->ctx));
            fr->failed++;
        }
        goto cleanup;
    }
    if (att_reader_open_response(fr->ctx, resp, ATT_FMT_AUTO, &r)) {
        cli_error("%s", att_errmsg(fr->ctx));
        fr->failed++;
        goto cleanup;
    }
    is_feed = att_reader_format(r) == ATT_FMT_FEED;
    while ((n = att_reader_next(r, &doc)) != 0) {
        char *page = NULL;
        if (n < 0) {
            cli_error("%s", att_errmsg(fr->ctx));
            fr->failed++;
            continue;
        }
        if (fr->pages && depth == 0 && is_feed && att_doc_url(doc) &&
            !(page = strdup(att_doc_url(doc)))) {
            cli_error("out of memory");
            fr->failed++;
        }
        store_doc(fr, doc);
        att_doc_free(doc);
        doc = NULL;
        if (page)
            fetch_one(fr, page, depth + 1);
        free(page);
    }
    if (fr->failed == failed0 &&
        att_store_fetched_put(fr->st, url, resp->etag, resp->last_modified, resp->status)) {
        cli_error("%s", att_errmsg(fr->ctx));
        fr->failed++;
    }
cleanup:
    att_reader_close(r);
    att_response_free(resp);
    free(etag);
    free(lm);
}

/* Opens what a fetch needs (libcurl, time-outs, context, store); returns
 * CLI_OK or the exit status. */
static int fetch_open(cli *c, fetch_run *fr)
{
    long timeout;
    int rc, bad = 0;
    memset(fr, 0, sizeof(*fr));
    /* libcurl's global set-up is not thread-safe: do it before anything */
    if (att_fetch_init()) {
        cli_error("cannot start libcurl");
        return CLI_FAILED;
    }
    timeout = cli_get_long(c, "timeout", 60, &bad);
    if (bad)
        return CLI_USAGE;
    if (timeout < 1 || timeout > 86400) {
        cli_error("--timeout: expected 1 to 86400 seconds, got %ld", timeout);
        return CLI_USAGE;
    }
    fr->fo.timeout_ms = timeout * 1000;
    fr->fo.connect_timeout_ms = timeout < 10 ? timeout * 1000 : 10000;
    fr->c = c;
    fr->pages = cli_get(c, "pages") != NULL;
    if ((rc = cli_ctx_open(c, &fr->ctx)))
        return rc;
    if ((rc = cli_store_open(c, fr->ctx, 0, &fr->st))) {
        att_ctx_close(fr->ctx);
        return rc;
    }
    return CLI_OK;
}

/* Fetches every URL of urls[0..n) once, stores and commits, prints the
 * summary; returns 1 when something failed. */
static int fetch_round(fetch_run *fr, char **urls, size_t n)
{
    double t0 = now();
    fr->added = fr->unchanged = fr->failed = fr->urls = 0;
    for (size_t i = 0; i < n; i++)
        fetch_one(fr, urls[i], 0);
    if (att_store_flush(fr->st)) {
        cli_error("%s", att_errmsg(fr->ctx));
        fr->failed++;
    }
    if (!fr->c->quiet)
        fprintf(stderr, "%s: %zu new, %zu unchanged, %zu failed (%zu URLs, %.1f s)\n", fr->c->db,
                fr->added, fr->unchanged, fr->failed, fr->urls, now() - t0);
    return fr->failed > 0;
}

static int fetch_close(fetch_run *fr, int rc)
{
    if (fr->st && att_store_close(fr->st)) {
        cli_error("%s", att_errmsg(fr->ctx));
        rc = CLI_FAILED;
    }
    att_ctx_close(fr->ctx);
    return rc;
}

int cmd_fetch(cli *c)
{
    fetch_run fr;
    int rc = fetch_open(c, &fr);
    if (rc)
        return rc;
    rc = fetch_round(&fr, c->args, (size_t)c->nargs) ? CLI_FAILED : CLI_OK;
    return fetch_close(&fr, rc);
}

/* ---- watch ---------------------------------------------------------------- */

/* Set by SIGINT/SIGTERM: a watch finishes its round and stops.  The one
 * piece of process state in the program, as a signal handler needs it. */
static volatile sig_atomic_t stop_watch;

static void on_stop(int sig)
{
    (void)sig;
    stop_watch = 1;
}

/* "15m", "90s", "2h", "900" (seconds) -> seconds, or -1. */
static long parse_every(const char *v)
{
    char *end;
    long n;
    errno = 0;
    n = strtol(v, &end, 10);
    if (errno || end == v || n <= 0)
        return -1;
    if (*end == 'm' && !end[1])
        n *= 60;
    else if (*end == 'h' && !end[1])
        n *= 3600;
    else if (!(*end == '\0' || (*end == 's' && !end[1])))
        return -1;
    return n <= 7 * 86400 ? n : -1;
}

/* The URLs of a list file: one a line, blank lines and # comments skipped. */
static int read_url_list(const char *path, char ***urls, size_t *n)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    size_t cap = 0, lineno = 0;
    *urls = NULL;
    *n = 0;
    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        return CLI_FAILED;
    }
    while (fgets(line, sizeof(line), f)) {
        char *p = line, *e, *u;
        lineno++;
        while (*p == ' ' || *p == '\t')
            p++;
        e = p + strlen(p);
        while (e > p && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
            *--e = '\0';
        if (!*p || *p == '#')
            continue;
        if (!(u = strdup(p)) || (*n == cap && !(*urls = realloc(*urls, (cap = cap ? cap * 2 : 16) * sizeof(char *))))) {
            free(u);
            fclose(f);
            cli_error("out of memory");
            return CLI_FAILED;
        }
        (*urls)[(*n)++] = u;
    }
    fclose(f);
    if (*n == 0) {
        cli_error("%s: no URLs in the list (one a line, # starts a comment)", path);
        return CLI_FAILED;
    }
    return CLI_OK;
}

int cmd_watch(cli *c)
{
    fetch_run fr;
    char **urls = NULL;
    size_t n = 0;
    long every, times;
    int rc, bad = 0, failed = 0;
    const char *ev = cli_get(c, "every") ? cli_get(c, "every") : "15m";

    every = parse_every(ev);
    times = cli_get_long(c, "times", 0, &bad);
    if (bad)
        return CLI_USAGE;
    if (every < 0) {
        cli_error("--every: expected a time like 90s, 15m or 2h (up to 7 days), got '%s'", ev);
        return CLI_USAGE;
    }
    if ((rc = read_url_list(c->args[0], &urls, &n)))
        goto done;
    if ((rc = fetch_open(c, &fr)))
        goto done;
    signal(SIGINT, on_stop);
    signal(SIGTERM, on_stop);
    for (long round = 1; !stop_watch; round++) {
        failed |= fetch_round(&fr, urls, n);
        if (times > 0 && round >= times)
            break;
        /* sleep in one-second steps so a signal ends the wait */
        for (long s = 0; s < every && !stop_watch; s++)
            sleep(1);
    }
    rc = fetch_close(&fr, failed ? CLI_FAILED : CLI_OK);
done:
    for (size_t i = 0; i < n; i++)
        free(urls[i]);
    free(urls);
    return rc;
}

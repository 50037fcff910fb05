/*
 * fetch.c - GET one http(s) URL with libcurl: att_fetch(), att_response.
 *
 * Each call uses its own easy handle, so contexts on different threads never
 * share one; libcurl's global set-up runs once under pthread_once (the only
 * process-wide state, and libcurl's, not ours).  The body is gathered into
 * an att_buf capped at the context's max_doc_bytes: the write callback
 * refuses the byte that would pass it, and a Content-Length over it is
 * refused before the body arrives.  Only http and https are allowed, for
 * the request and every redirect (at most ATT_FETCH_MAX_REDIRS).
 *
 * Headers: with redirects libcurl hands over the headers of every response
 * in the chain; the validators (ETag, Last-Modified) are cleared at each
 * status line so the ones kept belong to the final answer.  Conditional
 * requests send If-None-Match / If-Modified-Since; 304 is an answer (no
 * body), any other status but 200..299 an error naming URL and status.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "../base/base.h"
#include "fetch.h"

#define DEFAULT_MAX_DOC ((size_t)64 << 20)

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT; /* written once, under curl_once */

static void curl_init_once(void)
{
    curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

int att_fetch_init(void)
{
    pthread_once(&curl_once, curl_init_once);
    return curl_init_rc == CURLE_OK ? 0 : ATT_EIO;
}

/* ---- header helpers (fetch.h) ----------------------------------------- */

int att__fetch_scheme_ok(const char *url)
{
    return url && (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0);
}

int att__fetch_header(char *out, size_t size, const char *name, const char *value)
{
    int n;
    if (!value || !*value)
        return -1;
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return -1;
    n = snprintf(out, size, "%s: %s", name, value);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

int att__fetch_header_value(const char *line, size_t n, const char *name, char *out, size_t size)
{
    size_t k = strlen(name), a, b;
    if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
        return 0;
    a = k + 1;
    b = n;
    while (b > a && (line[b - 1] == '\r' || line[b - 1] == '\n' || line[b - 1] == ' ' ||
                     line[b - 1] == '\t'))
        b--;
    while (a < b && (line[a] == ' ' || line[a] == '\t'))
        a++;
    if (a == b || b - a >= size)
        return 0;
    for (size_t i = a; i < b; i++)
        if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
            return 0;
    memcpy(out, line + a, b - a);
    out[b - a] = '\0';
    return 1;
}

/* ---- the transfer ------------------------------------------------------ */

typedef struct transfer {
    att_buf body;
    int toobig;
    char etag[ATT_FETCH_HEADER_MAX];
    char last_modified[ATT_FETCH_HEADER_MAX];
} transfer;

static size_t on_body(char *p, size_t size, size_t nmemb, void *arg)
{
    transfer *t = arg;
    size_t n = size * nmemb;
    if (att__buf_add(&t->body, p, n)) {
        t->toobig = 1;
        return 0; /* libcurl stops with CURLE_WRITE_ERROR */
    }
    return n;
}

static size_t on_header(char *p, size_t size, size_t nitems, void *arg)
{
    transfer *t = arg;
    size_t n = size * nitems;
    if (n >= 5 && strncmp(p, "HTTP/", 5) == 0) {
        /* a new response of the redirect chain: forget the last one's */
        t->etag[0] = t->last_modified[0] = '\0';
        return n;
    }
    if (!att__fetch_header_value(p, n, "ETag", t->etag, sizeof(t->etag)))
        att__fetch_header_value(p, n, "Last-Modified", t->last_modified, sizeof(t->last_modified));
    return n;
}

static char *dup_or_null(const char *s)
{
    return s && *s ? strdup(s) : NULL;
}

void att_response_free(att_response *resp)
{
    if (!resp)
        return;
    free(resp->url);
    free(resp->content_type);
    free(resp->etag);
    free(resp->last_modified);
    free(resp->body);
    free(resp);
}

static int oom(att_ctx *ctx, const char *url)
{
    return att__err(ctx, ATT_ENOMEM, "%.300s: out of memory", url);
}

int att_fetch(att_ctx *ctx, const char *url, const att_fetch_opts *opts, att_response **out)
{
    static const att_fetch_opts no_opts = {NULL, NULL, 0, 0};
    CURL *h = NULL;
    struct curl_slist *hdrs = NULL, *tmp;
    transfer t;
    att_response *resp = NULL;
    char errbuf[CURL_ERROR_SIZE] = "", line[ATT_FETCH_HEADER_MAX + 32];
    size_t maxdoc = ctx && ctx->opts.max_doc_bytes ? ctx->opts.max_doc_bytes : DEFAULT_MAX_DOC;
    const char *eff = NULL, *ctype = NULL;
    long status = 0;
    CURLcode cc;
    int rc = 0;

    memset(&t, 0, sizeof(t));
    att__buf_init(&t.body, maxdoc);
    if (!out)
        return att__err(ctx, ATT_EINVAL, "att_fetch: no output pointer");
    *out = NULL;
    if (!opts)
        opts = &no_opts;
    if (!url || !*url)
        return att__err(ctx, ATT_EINVAL, "att_fetch: no URL given");
    if (!att__fetch_scheme_ok(url))
        return att__err(ctx, ATT_EINVAL,
                        "%.300s: not fetched: only http:// and https:// URLs are allowed", url);
    if (att_fetch_init())
        return att__err(ctx, ATT_EIO, "%.300s: cannot start libcurl", url);
    if (!(h = curl_easy_init())) {
        rc = att__err(ctx, ATT_ENOMEM, "%.300s: out of memory starting libcurl", url);
        goto cleanup;
    }
    /* validators come from the database: a bad one is dropped, not sent */
    if (opts->etag && att__fetch_header(line, sizeof(line), "If-None-Match", opts->etag) == 0) {
        if (!(tmp = curl_slist_append(hdrs, line))) {
            rc = oom(ctx, url);
            goto cleanup;
        }
        hdrs = tmp;
    }
    if (opts->last_modified &&
        att__fetch_header(line, sizeof(line), "If-Modified-Since", opts->last_modified) == 0) {
        if (!(tmp = curl_slist_append(hdrs, line))) {
            rc = oom(ctx, url);
            goto cleanup;
        }
        hdrs = tmp;
    }
    if (curl_easy_setopt(h, CURLOPT_URL, url) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)ATT_FETCH_MAX_REDIRS) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                         opts->connect_timeout_ms > 0 ? opts->connect_timeout_ms
                                                      : ATT_FETCH_CONNECT_MS) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS,
                         opts->timeout_ms > 0 ? opts->timeout_ms : ATT_FETCH_TIMEOUT_MS) !=
            CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_USERAGENT, ATT_FETCH_USER_AGENT) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "") != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)maxdoc) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &t) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &t) != CURLE_OK ||
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs) != CURLE_OK) {
        rc = att__err(ctx, ATT_EIO, "%.300s: cannot set up the request", url);
        goto cleanup;
    }
    cc = curl_easy_perform(h);
    if (cc == CURLE_FILESIZE_EXCEEDED || (cc == CURLE_WRITE_ERROR && t.toobig)) {
        rc = att__err(ctx, ATT_ETOOBIG, "%.300s: more than %zu bytes; not read", url, maxdoc);
        goto cleanup;
    }
    if (cc != CURLE_OK) {
        rc = att__err(ctx, ATT_EIO, "%.300s: cannot fetch: %s%s%.200s%s", url,
                      curl_easy_strerror(cc), errbuf[0] ? " (" : "", errbuf, errbuf[0] ? ")" : "");
        goto cleanup;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
    curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ctype);
    if (status != 304 && (status < 200 || status > 299)) {
        rc = att__err(ctx, ATT_EIO, "%.300s: cannot fetch: the server answered HTTP %ld%s%.300s",
                      url, status, eff && strcmp(eff, url) != 0 ? " at " : "",
                      eff && strcmp(eff, url) != 0 ? eff : "");
        goto cleanup;
    }
    if (!(resp = calloc(1, sizeof(*resp)))) {
        rc = oom(ctx, url);
        goto cleanup;
    }
    resp->status = status;
    resp->len = status == 304 ? 0 : t.body.len;
    if (status == 304)
        att__buf_reset(&t.body);
    resp->body = att__buf_detach(&t.body, NULL);
    resp->url = strdup(eff ? eff : url);
    resp->content_type = dup_or_null(ctype);
    resp->etag = dup_or_null(t.etag);
    resp->last_modified = dup_or_null(t.last_modified);
    if (!resp->body || !resp->url || (ctype && *ctype && !resp->content_type) ||
        (t.etag[0] && !resp->etag) || (t.last_modified[0] && !resp->last_modified)) {
        rc = oom(ctx, url);
        goto cleanup;
    }
    *out = resp;
    resp = NULL;
cleanup:
    att_response_free(resp);
    curl_slist_free_all(hdrs);
    if (h)
        curl_easy_cleanup(h);
    att__buf_free(&t.body);
    return rc;
}

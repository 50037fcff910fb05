/*
 * reader.c - opening inputs, the bounded byte source, and dispatch.
 *
 * Files are pulled through r->buf in 64 KiB chunks.  Plain text needs the
 * whole input (bounded by the largest document size); JSON Lines needs one
 * line at a time, so memory stays bounded by the longest line accepted.
 * The first chunk is read at open time so the format can be sniffed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "read.h"
#include "warc.h"

#define DEFAULT_MAX_DOC ((size_t)64 << 20)

static int fill(att_reader *r)
{
    char chunk[ATT_READ_CHUNK];
    size_t n;
    if (r->eof || !r->f)
        return 0;
    /* drop what was consumed so the buffer does not grow with the file */
    if (r->pos > 0 && r->pos >= r->buf.len / 2) {
        memmove(r->buf.data, r->buf.data + r->pos, r->buf.len - r->pos);
        r->buf.len -= r->pos;
        r->consumed += r->pos;
        r->pos = 0;
    }
    n = fread(chunk, 1, sizeof(chunk), r->f);
    if (n == 0) {
        if (ferror(r->f))
            return att__err(r->ctx, ATT_EIO, "%s: read error at byte %zu: %s", r->name,
                            r->consumed + r->buf.len, strerror(errno));
        r->eof = 1;
        return 0;
    }
    if (att__buf_add(&r->buf, chunk, n))
        return att__err(r->ctx, ATT_ENOMEM, "%s: out of memory at byte %zu", r->name,
                        r->consumed + r->buf.len);
    return 1;
}

static const char *avail(att_reader *r, size_t *n)
{
    if (r->mem) {
        *n = r->memlen - r->pos;
        return r->mem + r->pos;
    }
    *n = r->buf.len - r->pos;
    return r->buf.data ? r->buf.data + r->pos : "";
}

int att__reader_line(att_reader *r, const char **line, size_t *len, size_t *offset)
{
    size_t n, scanned = 0;
    const char *p, *nl;
    int rc;
    for (;;) {
        p = avail(r, &n);
        nl = n > scanned ? memchr(p + scanned, '\n', n - scanned) : NULL;
        if (nl || r->mem || r->eof)
            break;
        if (n > r->maxdoc) {
            /* an over-long line: report it and skip to its end */
            size_t start = r->consumed + r->pos;
            r->line++;
            for (;;) {
                p = avail(r, &n);
                nl = memchr(p, '\n', n);
                if (nl) {
                    r->pos += (size_t)(nl - p) + 1;
                    break;
                }
                r->pos += n;
                if ((rc = fill(r)) <= 0) {
                    if (rc < 0)
                        return rc;
                    break;
                }
            }
            return att__err(r->ctx, ATT_ETOOBIG,
                            "%s:%zu: line at byte %zu is longer than %zu bytes; skipped", r->name,
                            r->line, start, r->maxdoc);
        }
        scanned = n;
        if ((rc = fill(r)) < 0)
            return rc;
    }
    if (n == 0)
        return 0;
    if ((nl ? (size_t)(nl - p) : n) > r->maxdoc) {
        size_t start = r->consumed + r->pos;
        r->pos += nl ? (size_t)(nl - p) + 1 : n;
        r->line++;
        return att__err(r->ctx, ATT_ETOOBIG,
                        "%s:%zu: line at byte %zu is longer than %zu bytes; skipped", r->name,
                        r->line, start, r->maxdoc);
    }
    *offset = r->consumed + r->pos;
    *line = p;
    *len = nl ? (size_t)(nl - p) : n;
    r->pos += *len + (nl ? 1 : 0);
    r->line++;
    return 1;
}

int att__reader_all(att_reader *r, const char **data, size_t *len)
{
    size_t n;
    int rc;
    while (!r->mem && !r->eof) {
        avail(r, &n);
        if (n > r->maxdoc)
            return att__err(r->ctx, ATT_ETOOBIG, "%s: more than %zu bytes; not read", r->name,
                            r->maxdoc);
        if ((rc = fill(r)) < 0)
            return rc;
    }
    *data = avail(r, &n);
    if (n > r->maxdoc)
        return att__err(r->ctx, ATT_ETOOBIG, "%s: more than %zu bytes; not read", r->name,
                        r->maxdoc);
    *len = n;
    r->pos += n;
    return 0;
}

int att__doc_from_raw(att_reader *r, const char *where, size_t base, const char *s, size_t n,
                      att_doc **out)
{
    char *norm = NULL;
    size_t nlen, bad;
    int rc;
    *out = NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\0')
            return att__err(r->ctx, ATT_EBINARY, "%s: binary data (NUL byte at byte %zu)", where,
                            base + i);
    }
    if (att__looks_binary(s, n))
        return att__err(r->ctx, ATT_EBINARY, "%s: binary data (control bytes near byte %zu)", where,
                        base);
    bad = att__utf8_invalid_at(s, n);
    if (bad != (size_t)-1)
        return att__err(r->ctx, ATT_EUTF8, "%s: invalid UTF-8 at byte %zu (0x%02x)", where,
                        base + bad, (unsigned char)s[bad]);
    if ((rc = att__text_normalize(r->ctx, s, n, &norm, &nlen)))
        return rc;
    if (nlen == 0) {
        free(norm);
        return att__err(r->ctx, ATT_EEMPTY, "%s: no text", where);
    }
    if ((rc = att__doc_new(r->ctx, norm, nlen, out)))
        return rc;
    if (att__doc_set(*out, &(*out)->source, r->name)) {
        att_doc_free(*out);
        *out = NULL;
        return att__err(r->ctx, ATT_ENOMEM, "out of memory");
    }
    return 0;
}

static int reader_new(att_ctx *ctx, const char *name, att_reader **out)
{
    att_reader *r = calloc(1, sizeof(*r));
    if (!r || !(r->name = strdup(name))) {
        free(r);
        return att__err(ctx, ATT_ENOMEM, "out of memory");
    }
    r->ctx = ctx;
    r->maxdoc = ctx && ctx->opts.max_doc_bytes ? ctx->opts.max_doc_bytes : DEFAULT_MAX_DOC;
    att__buf_init(&r->buf, r->maxdoc + 2 * ATT_READ_CHUNK);
    *out = r;
    return 0;
}

int att_reader_open_file(att_ctx *ctx, const char *path, att_format fmt, att_reader **out)
{
    att_reader *r = NULL;
    struct stat st;
    const char *p;
    size_t n;
    int rc;

    *out = NULL;
    att__err_clear(ctx);
    if (!path)
        return att__err(ctx, ATT_EINVAL, "no path given");
    if (strcmp(path, "-") != 0) {
        if (stat(path, &st) != 0)
            return att__err(ctx, ATT_EIO, "%s: %s", path, strerror(errno));
        if (S_ISDIR(st.st_mode))
            return att__err(ctx, ATT_EIO, "%s: is a directory", path);
    }
    if ((rc = reader_new(ctx, path, &r)))
        return rc;
    if (strcmp(path, "-") == 0) {
        r->f = stdin;
        free(r->name);
        r->name = strdup("<stdin>");
        if (!r->name) {
            att_reader_close(r);
            return att__err(ctx, ATT_ENOMEM, "out of memory");
        }
    } else {
        r->f = fopen(path, "rb");
        if (!r->f) {
            rc = att__err(ctx, ATT_EIO, "%s: %s", path, strerror(errno));
            att_reader_close(r);
            return rc;
        }
        r->close_f = 1;
    }
    if ((rc = fill(r)) < 0) {
        att_reader_close(r);
        return rc;
    }
    p = avail(r, &n);
    r->fmt = fmt != ATT_FMT_AUTO ? fmt : att__sniff(path, p, n);
    *out = r;
    return 0;
}

int att_reader_open_mem(att_ctx *ctx, const char *name, const char *data, size_t len,
                        att_format fmt, att_reader **out)
{
    att_reader *r = NULL;
    int rc;
    *out = NULL;
    att__err_clear(ctx);
    if (!data && len)
        return att__err(ctx, ATT_EINVAL, "no data given");
    if ((rc = reader_new(ctx, name ? name : "<memory>", &r)))
        return rc;
    r->mem = data ? data : "";
    r->memlen = len;
    r->eof = 1;
    r->fmt = fmt != ATT_FMT_AUTO ? fmt : att__sniff(r->name, r->mem, len);
    *out = r;
    return 0;
}

/* The format a Content-Type names (media type prefix, case-insensitive);
 * other types are left to sniffing. */
static const struct {
    const char *type;
    att_format fmt;
} by_content_type[] = {
    {"text/html", ATT_FMT_HTML},
    {"application/xhtml+xml", ATT_FMT_HTML},
    {"application/rss+xml", ATT_FMT_FEED},
    {"application/atom+xml", ATT_FMT_FEED},
    {"application/rdf+xml", ATT_FMT_FEED},
    {"application/xml", ATT_FMT_FEED},
    {"text/xml", ATT_FMT_FEED},
};

static att_format format_of_content_type(const char *ct)
{
    for (size_t k = 0; ct && k < ATT_ARRAY_LEN(by_content_type); k++) {
        size_t n = strlen(by_content_type[k].type);
        if (strncasecmp(ct, by_content_type[k].type, n) == 0 &&
            (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' '))
            return by_content_type[k].fmt;
    }
    return ATT_FMT_AUTO;
}

int att_reader_open_response(att_ctx *ctx, const att_response *resp, att_format fmt,
                             att_reader **out)
{
    att_reader *r = NULL;
    int rc;
    if (!out)
        return att__err(ctx, ATT_EINVAL, "att_reader_open_response: no output pointer");
    *out = NULL;
    if (!resp || !resp->url)
        return att__err(ctx, ATT_EINVAL, "att_reader_open_response: no response given");
    if (fmt == ATT_FMT_AUTO)
        fmt = format_of_content_type(resp->content_type);
    /* a feed served as HTML, or a page as XML, is read for what it is */
    if (fmt == ATT_FMT_AUTO || att__feed_sniff(resp->body, resp->len))
        fmt = att__sniff(resp->url, resp->body, resp->len);
    if ((rc = att_reader_open_mem(ctx, resp->url, resp->body, resp->len, fmt, &r)))
        return rc;
    r->url = strdup(resp->url);
    r->content_type = resp->content_type ? strdup(resp->content_type) : NULL;
    if (!r->url || (resp->content_type && !r->content_type)) {
        att_reader_close(r);
        return att__err(ctx, ATT_ENOMEM, "out of memory");
    }
    *out = r;
    return 0;
}

int att_reader_next(att_reader *r, att_doc **out)
{
    *out = NULL;
    if (!r || r->done)
        return 0;
    att__err_clear(r->ctx);
    switch (r->fmt) {
    case ATT_FMT_JSONL:
        return att__read_jsonl(r, out);
    case ATT_FMT_HTML:
        return att__read_html(r, out);
    case ATT_FMT_WARC:
        return att__read_warc(r, out);
    case ATT_FMT_FEED:
        return att__read_feed(r, out);
    case ATT_FMT_TEXT:
    default:
        return att__read_text(r, out);
    }
}

att_format att_reader_format(const att_reader *r)
{
    return r ? r->fmt : ATT_FMT_AUTO;
}

void att_reader_close(att_reader *r)
{
    if (!r)
        return;
    if (r->f && r->close_f)
        fclose(r->f);
    att__warc_close(r->warc);
    att_doc_free(r->warc_doc);
    att__feed_close(r->feed);
    att__buf_free(&r->buf);
    free(r->name);
    free(r->url);
    free(r->content_type);
    free(r);
}

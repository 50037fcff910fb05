/*
 * warc.c - WARC records out of plain or gzip-compressed crawl files.
 *
 * The file is read as one stream of uncompressed bytes: zlib's gzread for
 * files (it reads plain files as they are and concatenated gzip members,
 * one per record or one for the whole file, in a row), inflate over a
 * buffer for memory input.  Records are parsed from a bounded window of
 * that stream: the version line, the header lines up to a blank line, a
 * block of exactly Content-Length bytes, then the two line ends that close
 * the record.  Nothing is trusted: a missing version line makes the reader
 * look for the next "WARC/" line; a block cut short by the end of the file
 * or of a gzip member is reported with the record's number and offset;
 * chunked transfer coding and gzip/deflate content coding in HTTP responses
 * are undone with bounds, and a mis-chunked body is reported but what was
 * readable of it is still given out.
 */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "warc.h"

#define CHUNK 65536
#define MAX_HEADER ((size_t)1 << 16)   /* bytes of WARC or HTTP header */
#define MAX_BLOCK ((size_t)64 << 20)   /* larger blocks are skipped */
#define MAX_PAYLOAD ((size_t)64 << 20) /* after decompression */

struct att__warc {
    att_ctx *ctx;
    char *name;
    gzFile gz;                /* file input */
    const unsigned char *mem; /* memory input */
    size_t memlen, mempos;
    z_stream zs; /* memory input, gzip */
    int zinit, gzipped, zdone, ztrunc;
    att_buf buf; /* uncompressed bytes not yet consumed: [pos, len) */
    size_t pos;
    size_t consumed; /* uncompressed bytes before buf.data[0] */
    int eof;
    att_buf payload; /* the current record's decoded payload */
    att__warc_stats stats;
};

/* ---- the byte stream ----------------------------------------------------- */

static int more_mem(att__warc *w, unsigned char *out, size_t cap, size_t *got)
{
    *got = 0;
    if (!w->gzipped) {
        size_t n = w->memlen - w->mempos < cap ? w->memlen - w->mempos : cap;
        memcpy(out, w->mem + w->mempos, n);
        w->mempos += n;
        *got = n;
        return 0;
    }
    while (*got == 0 && !w->zdone) {
        int zr;
        if (w->zs.avail_in == 0) {
            if (w->mempos >= w->memlen) {
                w->ztrunc = 1; /* the input ended inside a gzip member */
                w->zdone = 1;
                break;
            }
            w->zs.next_in = (unsigned char *)(uintptr_t)(w->mem + w->mempos);
            w->zs.avail_in = (uInt)(w->memlen - w->mempos > CHUNK ? CHUNK : w->memlen - w->mempos);
            w->mempos += w->zs.avail_in;
        }
        w->zs.next_out = out;
        w->zs.avail_out = (uInt)cap;
        zr = inflate(&w->zs, Z_NO_FLUSH);
        *got = cap - w->zs.avail_out;
        if (zr == Z_STREAM_END) {
            /* another member may follow */
            size_t left = w->zs.avail_in + (w->memlen - w->mempos);
            if (left >= 2) {
                const unsigned char *p = w->zs.avail_in ? w->zs.next_in : w->mem + w->mempos;
                if (p[0] == 0x1f && p[1] == 0x8b) {
                    inflateReset(&w->zs);
                    continue;
                }
            }
            w->zdone = 1;
        } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
            return att__err(w->ctx, ATT_EFORMAT, "%s: corrupt gzip data near byte %zu: %s", w->name,
                            w->mempos, w->zs.msg ? w->zs.msg : "inflate failed");
        }
    }
    return 0;
}

/* Appends up to CHUNK more bytes to the window.  Returns 1 when bytes
 * came, 0 at the end, or a negative status. */
static int more(att__warc *w)
{
    unsigned char tmp[CHUNK];
    size_t got = 0;
    int rc;
    if (w->eof)
        return 0;
    if (w->pos > 0 && w->pos >= w->buf.len / 2) {
        memmove(w->buf.data, w->buf.data + w->pos, w->buf.len - w->pos);
        w->buf.len -= w->pos;
        w->consumed += w->pos;
        w->pos = 0;
    }
    if (w->gz) {
        int n = gzread(w->gz, tmp, sizeof(tmp));
        if (n < 0) {
            int errnum;
            const char *msg = gzerror(w->gz, &errnum);
            w->eof = 1;
            return att__err(w->ctx, ATT_EFORMAT,
                            "%s: unreadable compressed data after byte %zu: %s", w->name,
                            w->consumed + w->buf.len, msg ? msg : "gzip error");
        }
        got = (size_t)n;
    } else if ((rc = more_mem(w, tmp, sizeof(tmp), &got)) < 0) {
        w->eof = 1;
        return rc;
    }
    if (got == 0) {
        w->eof = 1;
        return 0;
    }
    if (att__buf_add(&w->buf, tmp, got))
        return att__err(w->ctx, ATT_ENOMEM, "%s: out of memory at byte %zu", w->name,
                        w->consumed + w->buf.len);
    return 1;
}

static size_t avail(const att__warc *w)
{
    return w->buf.len - w->pos;
}
static const char *at(const att__warc *w)
{
    return w->buf.data ? w->buf.data + w->pos : "";
}

/* Makes n bytes available; returns 1, 0 when the stream ends first, or <0. */
static int need(att__warc *w, size_t n)
{
    while (avail(w) < n) {
        int rc = more(w);
        if (rc <= 0)
            return rc;
    }
    return 1;
}

/* If p[i] ends a line and the next line is blank (only carriage returns:
 * some crawlers write "\r\r\n"), the offset just past that blank line;
 * else 0. */
static size_t blank_after(const char *p, size_t n, size_t i)
{
    size_t k;
    if (p[i] != '\n')
        return 0;
    for (k = i + 1; k < n && p[k] == '\r'; k++)
        ;
    return k < n && p[k] == '\n' ? k + 1 : 0;
}

/* The end of the header that starts at the window: the offset just past
 * the blank line, or 0 when there is none within MAX_HEADER bytes. */
static size_t header_end(att__warc *w)
{
    size_t scanned = 0;
    for (;;) {
        const char *p = at(w);
        size_t n = avail(w) < MAX_HEADER ? avail(w) : MAX_HEADER;
        for (size_t i = scanned; i + 1 < n; i++) {
            size_t e = blank_after(p, n, i);
            if (e)
                return e;
        }
        scanned = n > 4 ? n - 4 : 0;
        if (n >= MAX_HEADER || more(w) <= 0)
            return 0;
    }
}

/* The value of header field name in [h, h+n), copied into out. */
static int field(const char *h, size_t n, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    const char *p = h, *end = h + n;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t len = eol ? (size_t)(eol - p) : (size_t)(end - p);
        if (len > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
            const char *v = p + nl + 1, *ve = p + len;
            while (v < ve && (*v == ' ' || *v == '\t'))
                v++;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ' || ve[-1] == '\t'))
                ve--;
            if (cap) {
                size_t k = (size_t)(ve - v) < cap - 1 ? (size_t)(ve - v) : cap - 1;
                memcpy(out, v, k);
                out[k] = '\0';
            }
            return 1;
        }
        p = eol ? eol + 1 : end;
    }
    if (cap)
        out[0] = '\0';
    return 0;
}

static int parse_size(const char *s, size_t *out)
{
    size_t v = 0;
    if (!isdigit((unsigned char)*s))
        return 0;
    for (; isdigit((unsigned char)*s); s++) {
        if (v > (SIZE_MAX - 9) / 10)
            return 0;
        v = v * 10 + (size_t)(*s - '0');
    }
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s)
        return 0;
    *out = v;
    return 1;
}

/* "text/html; charset=UTF-8" -> "text/html" and "utf-8". */
static void media_type(const char *v, char *type, size_t tcap, char *charset, size_t ccap)
{
    size_t i = 0;
    const char *cs;
    while (v[i] && v[i] != ';' && v[i] != ' ' && i + 1 < tcap) {
        type[i] = (char)tolower((unsigned char)v[i]);
        i++;
    }
    type[i] = '\0';
    charset[0] = '\0';
    if ((cs = strcasestr(v, "charset=")) != NULL) {
        size_t k = 0;
        cs += 8;
        if (*cs == '"' || *cs == '\'')
            cs++;
        while (cs[k] && cs[k] != ';' && cs[k] != '"' && cs[k] != '\'' && cs[k] != ' ' &&
               k + 1 < ccap) {
            charset[k] = (char)tolower((unsigned char)cs[k]);
            k++;
        }
        charset[k] = '\0';
    }
}

/* ---- HTTP payloads --------------------------------------------------------- */

/* Undoes chunked transfer coding of s[0..n) into out.  Returns 0, or 1 when
 * the chunks were broken (what was readable is in out). */
static int dechunk(const char *s, size_t n, att_buf *out)
{
    size_t i = 0;
    while (i < n) {
        size_t size = 0, digits = 0;
        while (i < n && isxdigit((unsigned char)s[i])) {
            int d = isdigit((unsigned char)s[i]) ? s[i] - '0'
                                                 : (tolower((unsigned char)s[i]) - 'a' + 10);
            if (size > (SIZE_MAX >> 4))
                return 1;
            size = size * 16 + (size_t)d;
            i++;
            digits++;
        }
        if (!digits)
            return 1;
        while (i < n && s[i] != '\n') /* chunk extensions */
            i++;
        if (i >= n)
            return size != 0;
        i++;
        if (size == 0)
            return 0;
        if (size > n - i) {
            att__buf_add(out, s + i, n - i);
            return 1;
        }
        if (att__buf_add(out, s + i, size))
            return 1;
        i += size;
        if (i < n && s[i] == '\r')
            i++;
        if (i < n && s[i] == '\n')
            i++;
    }
    return 1; /* no closing zero-size chunk */
}

/* Inflates gzip or zlib/raw deflate data into out.  Returns 0 or 1 when the
 * data was cut off or corrupt (what inflated is in out). */
static int inflate_all(const char *s, size_t n, att_buf *out, int raw)
{
    z_stream zs;
    unsigned char tmp[CHUNK];
    int zr, bad = 0;
    memset(&zs, 0, sizeof(zs));
    if (inflateInit2(&zs, raw ? -15 : 15 + 32) != Z_OK)
        return 1;
    zs.next_in = (unsigned char *)(uintptr_t)s;
    zs.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
    do {
        zs.next_out = tmp;
        zs.avail_out = sizeof(tmp);
        zr = inflate(&zs, Z_NO_FLUSH);
        if (att__buf_add(out, tmp, sizeof(tmp) - zs.avail_out)) {
            bad = 1;
            break;
        }
        if (zr != Z_OK && zr != Z_STREAM_END) {
            bad = 1;
            break;
        }
        if (zr == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            bad = 1; /* the input ended before the stream did */
            break;
        }
    } while (zr != Z_STREAM_END);
    inflateEnd(&zs);
    return bad;
}

/* Parses the HTTP response in block[0..n) into rec and w->payload.
 * Returns 0, or 1 with a message when part of it was damaged. */
static int http_payload(att__warc *w, const char *block, size_t n, att__warc_rec *rec, char *why,
                        size_t whycap)
{
    const char *p = block, *end = block + n, *body;
    char te[64], ce[64], ct[256];
    size_t hlen = 0;
    int damaged = 0;
    att_buf tmp;

    /* the status line and headers end at a blank line */
    for (size_t i = 0; i + 1 < n && !hlen; i++)
        hlen = blank_after(p, n, i);
    if (n < 12 || strncmp(p, "HTTP/", 5) != 0 || hlen == 0) {
        snprintf(why, whycap, "no HTTP response header in the block");
        return 1;
    }
    {
        const char *sp = memchr(p, ' ', hlen);
        rec->status = sp ? atoi(sp + 1) : 0;
    }
    field(p, hlen, "Transfer-Encoding", te, sizeof(te));
    field(p, hlen, "Content-Encoding", ce, sizeof(ce));
    field(p, hlen, "Content-Type", ct, sizeof(ct));
    media_type(ct, rec->ctype, sizeof(rec->ctype), rec->charset, sizeof(rec->charset));
    body = p + hlen;
    att__buf_reset(&w->payload);
    att__buf_init(&tmp, MAX_PAYLOAD);
    if (strcasestr(te, "chunked")) {
        if (dechunk(body, (size_t)(end - body), &tmp)) {
            if (tmp.len == 0) {
                /* no chunk header at all: the crawler stored the body
                 * de-chunked and kept the header */
                if (att__buf_add(&tmp, body, (size_t)(end - body))) {
                    damaged = 1;
                    snprintf(why, whycap, "payload over %zu bytes", MAX_PAYLOAD);
                }
            } else {
                damaged = 1;
                snprintf(why, whycap, "broken chunked transfer coding");
            }
        }
    } else if (att__buf_add(&tmp, body, (size_t)(end - body))) {
        damaged = 1;
        snprintf(why, whycap, "payload over %zu bytes", MAX_PAYLOAD);
    }
    if ((strcasestr(ce, "gzip") && tmp.len >= 2 && (unsigned char)tmp.data[0] == 0x1f &&
         (unsigned char)tmp.data[1] == 0x8b) ||
        (strcasestr(ce, "deflate") && tmp.len >= 1)) {
        if (inflate_all(tmp.data, tmp.len, &w->payload, 0)) {
            if (strcasestr(ce, "deflate")) {
                /* deflate is sometimes sent raw: try once more */
                att__buf_reset(&w->payload);
                if (inflate_all(tmp.data, tmp.len, &w->payload, 1)) {
                    damaged = 1;
                    snprintf(why, whycap, "content coding %s could not be undone", ce);
                }
            } else {
                damaged = 1; /* what inflated before the damage is kept */
                snprintf(why, whycap, "gzip content cut off or corrupt");
            }
        }
    } else if (strcasestr(ce, "gzip") &&
               att__buf_add(&w->payload, tmp.data ? tmp.data : "", tmp.len)) {
        /* crawlers often store the decoded body but keep the header */
        damaged = 1;
        snprintf(why, whycap, "payload over %zu bytes", MAX_PAYLOAD);
    } else if (strcasestr(ce, "gzip")) {
        /* stored decoded: nothing to do */
    } else if (ce[0] && strcasecmp(ce, "identity") != 0) {
        damaged = 1;
        snprintf(why, whycap, "content coding '%s' is not supported", ce);
    } else if (att__buf_add(&w->payload, tmp.data ? tmp.data : "", tmp.len)) {
        damaged = 1;
        snprintf(why, whycap, "payload over %zu bytes", MAX_PAYLOAD);
    }
    att__buf_free(&tmp);
    return damaged;
}

/* ---- records --------------------------------------------------------------- */

static int is_doc_type(const char *t)
{
    return strcasecmp(t, "response") == 0 || strcasecmp(t, "resource") == 0 ||
           strcasecmp(t, "conversion") == 0;
}

/* Skips blank lines between records; when the window does not start with a
 * version line, looks for the next one.  Returns 1 at a record, 0 at the
 * end, <0 on error; *skipped gets the bytes jumped over. */
static int find_record(att__warc *w, size_t *skipped)
{
    *skipped = 0;
    for (;;) {
        int rc;
        while (avail(w) > 0 && (at(w)[0] == '\r' || at(w)[0] == '\n' || at(w)[0] == ' '))
            w->pos++;
        if ((rc = need(w, 5)) <= 0) {
            *skipped += avail(w);
            w->pos = w->buf.len;
            return rc;
        }
        if (memcmp(at(w), "WARC/", 5) == 0)
            return 1;
        /* resynchronise on the next line that starts a record */
        {
            const char *p = at(w);
            size_t n = avail(w), k;
            for (k = 1; k + 5 <= n; k++)
                if (p[k - 1] == '\n' && memcmp(p + k, "WARC/", 5) == 0)
                    break;
            if (k + 5 <= n) {
                *skipped += k;
                w->pos += k;
                return 1;
            }
            *skipped += n > 5 ? n - 5 : 0;
            w->pos += n > 5 ? n - 5 : 0;
            if ((rc = more(w)) <= 0) {
                *skipped += avail(w);
                w->pos = w->buf.len;
                return rc;
            }
        }
    }
}

int att__warc_next(att__warc *w, att__warc_rec *rec)
{
    for (;;) {
        size_t skipped, hend, clen, start;
        char hdr_type[32], v[2048], why[160] = "";
        int rc;

        att__err_clear(w->ctx);
        rc = find_record(w, &skipped);
        if (rc < 0)
            return rc;
        if (skipped > 0 && rc == 1) {
            w->stats.damaged++;
            return att__err(w->ctx, ATT_EFORMAT,
                            "%s: %zu bytes at byte %zu are no WARC record; skipped to the next",
                            w->name, skipped, w->consumed + w->pos - skipped);
        }
        if (rc == 0) {
            if (w->ztrunc || skipped > 0) {
                w->ztrunc = 0;
                w->stats.damaged++;
                return att__err(w->ctx, ATT_EFORMAT,
                                "%s: the file ends inside a compressed member "
                                "(after byte %zu of data)",
                                w->name, w->consumed + w->buf.len);
            }
            return 0;
        }
        start = w->consumed + w->pos;
        w->stats.records++;
        memset(rec, 0, sizeof(*rec));
        rec->number = w->stats.records;
        rec->offset = start;
        hend = header_end(w);
        if (hend == 0) {
            w->stats.damaged++;
            w->pos = w->buf.len;
            return att__err(w->ctx, ATT_EFORMAT,
                            "%s: record %zu at byte %zu: header not closed by a blank line",
                            w->name, rec->number, start);
        }
        field(at(w), hend, "WARC-Type", hdr_type, sizeof(hdr_type));
        if (!field(at(w), hend, "Content-Length", v, sizeof(v)) || !parse_size(v, &clen)) {
            w->stats.damaged++;
            w->pos += hend;
            return att__err(w->ctx, ATT_EFORMAT,
                            "%s: record %zu at byte %zu: no valid Content-Length", w->name,
                            rec->number, start);
        }
        snprintf(rec->type, sizeof(rec->type), "%s", hdr_type);
        field(at(w), hend, "WARC-Target-URI", v, sizeof(v));
        {
            char *u = v;
            size_t ul;
            if (*u == '<')
                u++;
            ul = strlen(u);
            if (ul && u[ul - 1] == '>')
                u[--ul] = '\0';
            snprintf(rec->uri, sizeof(rec->uri), "%s", u);
        }
        field(at(w), hend, "WARC-Date", rec->date, sizeof(rec->date));
        field(at(w), hend, "Content-Type", v, sizeof(v));
        media_type(v, rec->ctype, sizeof(rec->ctype), rec->charset, sizeof(rec->charset));
        w->pos += hend;

        /* the block */
        if (clen > MAX_BLOCK || !is_doc_type(hdr_type)) {
            /* skip it without holding it */
            size_t left = clen;
            while (left > 0) {
                size_t n = avail(w) < left ? avail(w) : left;
                w->pos += n;
                left -= n;
                if (left > 0 && (rc = more(w)) <= 0) {
                    w->stats.damaged++;
                    if (rc < 0)
                        return rc;
                    return att__err(w->ctx, ATT_EFORMAT,
                                    "%s: record %zu at byte %zu: truncated (%zu of %zu bytes)",
                                    w->name, rec->number, start, clen - left, clen);
                }
            }
            w->stats.skipped++;
            continue;
        }
        if ((rc = need(w, clen)) < 0)
            return rc;
        if (rc == 0) {
            /* the file ends inside the block: read what there is */
            snprintf(rec->note, sizeof(rec->note), "truncated (%zu of %zu bytes)", avail(w), clen);
            clen = avail(w);
            rec->partial = 1;
        }
        {
            const char *block = at(w);
            int damaged = rec->partial;
            if (strcasecmp(hdr_type, "response") == 0 &&
                strncmp(rec->ctype, "application/http", 16) == 0) {
                damaged = http_payload(w, block, clen, rec, why, sizeof(why));
            } else {
                att__buf_reset(&w->payload);
                if (att__buf_add(&w->payload, block, clen)) {
                    damaged = 1;
                    snprintf(why, sizeof(why), "payload over %zu bytes", MAX_PAYLOAD);
                }
            }
            w->pos += clen;
            rec->payload = w->payload.data ? w->payload.data : "";
            rec->payload_len = w->payload.len;
            if (!damaged && rec->payload_len == 0) {
                w->stats.skipped++; /* a redirect, an empty body: no document */
                continue;
            }
            if (rec->partial && why[0] == '\0')
                snprintf(why, sizeof(why), "%s", rec->note);
            if (damaged && rec->payload_len == 0) {
                w->stats.damaged++;
                return att__err(w->ctx, ATT_EFORMAT, "%s: record %zu (%s) at byte %zu: %s", w->name,
                                rec->number, rec->uri, start, why);
            }
            if (damaged) { /* readable in part: handed out, marked and counted */
                w->stats.damaged++;
                rec->partial = 1;
                snprintf(rec->note, sizeof(rec->note), "%s", why);
            }
        }
        w->stats.docs++;
        return 1;
    }
}

/* ---- opening ----------------------------------------------------------------- */

static int warc_new(att_ctx *ctx, const char *name, att__warc **out)
{
    att__warc *w = calloc(1, sizeof(*w));
    *out = NULL;
    if (!w || !(w->name = strdup(name))) {
        free(w);
        return att__err(ctx, ATT_ENOMEM, "out of memory");
    }
    w->ctx = ctx;
    att__buf_init(&w->buf, MAX_BLOCK + MAX_HEADER + 4 * CHUNK);
    att__buf_init(&w->payload, MAX_PAYLOAD);
    *out = w;
    return 0;
}

int att__warc_open_file(att_ctx *ctx, const char *path, att__warc **out)
{
    att__warc *w;
    int rc = warc_new(ctx, path, &w);
    *out = NULL;
    if (rc)
        return rc;
    w->gz = gzopen(path, "rb");
    if (!w->gz) {
        rc = att__err(ctx, ATT_EIO, "%s: %s", path, errno ? strerror(errno) : "cannot open");
        att__warc_close(w);
        return rc;
    }
    gzbuffer(w->gz, 1 << 17);
    *out = w;
    return 0;
}

int att__warc_open_mem(att_ctx *ctx, const char *name, const char *data, size_t len,
                       att__warc **out)
{
    att__warc *w;
    int rc = warc_new(ctx, name ? name : "<memory>", &w);
    *out = NULL;
    if (rc)
        return rc;
    w->mem = (const unsigned char *)(data ? data : "");
    w->memlen = data ? len : 0;
    w->gzipped = w->memlen >= 2 && w->mem[0] == 0x1f && w->mem[1] == 0x8b;
    if (w->gzipped) {
        if (inflateInit2(&w->zs, 15 + 32) != Z_OK) {
            att__warc_close(w);
            return att__err(ctx, ATT_ENOMEM, "%s: cannot start inflating", name);
        }
        w->zinit = 1;
    }
    *out = w;
    return 0;
}

const att__warc_stats *att__warc_stats_of(const att__warc *w)
{
    return &w->stats;
}

void att__warc_close(att__warc *w)
{
    if (!w)
        return;
    if (w->gz)
        gzclose(w->gz);
    if (w->zinit)
        inflateEnd(&w->zs);
    att__buf_free(&w->buf);
    att__buf_free(&w->payload);
    free(w->name);
    free(w);
}

int att__warc_sniff(const char *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    if (len >= 5 && memcmp(data, "WARC/", 5) == 0)
        return 1;
    if (len >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        /* peek into the first member */
        char out[16];
        z_stream zs;
        int ok = 0;
        memset(&zs, 0, sizeof(zs));
        if (inflateInit2(&zs, 15 + 32) != Z_OK)
            return 0;
        zs.next_in = (unsigned char *)(uintptr_t)data;
        zs.avail_in = (uInt)(len > 65536 ? 65536 : len);
        zs.next_out = (unsigned char *)out;
        zs.avail_out = sizeof(out);
        inflate(&zs, Z_NO_FLUSH);
        ok = sizeof(out) - zs.avail_out >= 5 && memcmp(out, "WARC/", 5) == 0;
        inflateEnd(&zs);
        return ok;
    }
    return 0;
}

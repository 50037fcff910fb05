/*
 * test_warc.c - the WARC reader on records written here: plain and gzip
 * (one member per record, or one for the file), chunked and gzip-coded
 * HTTP bodies, skipped record types, garbage between records, truncation.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "read/warc.h"
#include "test.h"

static att_ctx *ctx;

static void add_record(att_buf *b, const char *type, const char *uri, const char *ctype,
                       const char *block, size_t blen)
{
    att__buf_printf(b,
                    "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n"
                    "WARC-Date: 2025-05-10T10:00:00Z\r\nContent-Type: %s\r\n"
                    "Content-Length: %zu\r\n\r\n",
                    type, uri, ctype, blen);
    att__buf_add(b, block, blen);
    att__buf_adds(b, "\r\n\r\n");
}

static size_t gzip_into(const char *in, size_t n, char *out, size_t cap)
{
    z_stream zs;
    memset(&zs, 0, sizeof(zs));
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = (unsigned char *)(uintptr_t)in;
    zs.avail_in = (uInt)n;
    zs.next_out = (unsigned char *)out;
    zs.avail_out = (uInt)cap;
    deflate(&zs, Z_FINISH);
    deflateEnd(&zs);
    return cap - zs.avail_out;
}

static const char *HTML = "<html><head><title>Gipfel</title></head><body><p>Tokajew traf Alijew.</p></body></html>";

static void build(att_buf *b)
{
    char http[1024], gz[1024];
    size_t gl;
    int n;
    att__buf_init(b, 0);
    add_record(b, "warcinfo", "", "application/warc-fields", "software: test\r\n", 16);
    add_record(b, "request", "http://example.org/a", "application/http; msgtype=request",
               "GET /a HTTP/1.1\r\n\r\n", 19);
    /* chunked */
    n = snprintf(http, sizeof(http),
                 "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n%zx\r\n%s\r\n0\r\n\r\n",
                 strlen(HTML), HTML);
    add_record(b, "response", "<http://example.org/a>", "application/http; msgtype=response",
               http, (size_t)n);
    /* gzip content coding */
    gl = gzip_into(HTML, strlen(HTML), gz, sizeof(gz));
    n = snprintf(http, sizeof(http),
                 "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
                 "Content-Length: %zu\r\n\r\n",
                 gl);
    memcpy(http + n, gz, gl);
    add_record(b, "response", "http://example.org/b", "application/http; msgtype=response",
               http, (size_t)n + gl);
    add_record(b, "revisit", "http://example.org/a", "application/http", "", 0);
    add_record(b, "conversion", "http://example.org/c", "text/plain", "Nur Text.", 9);
}

static void read_all(att__warc *w, int *docs, int *errors, const char *first_uri)
{
    att__warc_rec rec;
    int rc;
    *docs = *errors = 0;
    while ((rc = att__warc_next(w, &rec)) != 0) {
        if (rc < 0) {
            (*errors)++;
            continue;
        }
        if (*docs == 0 && first_uri)
            CHECK_STR(rec.uri, first_uri);
        if (strcmp(rec.type, "response") == 0 && !rec.partial) {
            CHECK_STR(rec.ctype, "text/html");
            CHECK_INT(rec.status, 200);
            CHECK_INT(rec.payload_len, strlen(HTML));
            CHECK(rec.payload_len == strlen(HTML) && memcmp(rec.payload, HTML, rec.payload_len) == 0);
        }
        (*docs)++;
    }
}

TEST(plain_records)
{
    att_buf b;
    att__warc *w;
    int docs, errors;
    build(&b);
    CHECK(att__warc_sniff(b.data, b.len));
    CHECK_INT(att__warc_open_mem(ctx, "t.warc", b.data, b.len, &w), 0);
    read_all(w, &docs, &errors, "http://example.org/a");
    CHECK_INT(docs, 3);
    CHECK_INT(errors, 0);
    CHECK_INT(att__warc_stats_of(w)->records, 6);
    CHECK_INT(att__warc_stats_of(w)->skipped, 3);
    att__warc_close(w);
    att__buf_free(&b);
}

TEST(gzip_whole_file)
{
    att_buf b;
    att__warc *w;
    int docs, errors;
    char *gz;
    size_t gl;
    build(&b);
    gz = malloc(b.len + 1024);
    gl = gzip_into(b.data, b.len, gz, b.len + 1024);
    CHECK(att__warc_sniff(gz, gl));
    CHECK_INT(att__warc_open_mem(ctx, "t.warc.gz", gz, gl, &w), 0);
    read_all(w, &docs, &errors, NULL);
    CHECK_INT(docs, 3);
    CHECK_INT(errors, 0);
    att__warc_close(w);
    /* cut the compressed file short: what is readable is read, the rest
     * is reported */
    CHECK_INT(att__warc_open_mem(ctx, "t.warc.gz", gz, gl - 60, &w), 0);
    read_all(w, &docs, &errors, NULL);
    CHECK(docs >= 2);
    CHECK(errors >= 1 || att__warc_stats_of(w)->damaged >= 1);
    att__warc_close(w);
    free(gz);
    att__buf_free(&b);
}

TEST(garbage_and_truncation)
{
    att_buf b;
    att__warc *w;
    att__warc_rec rec;
    int rc;
    att__buf_init(&b, 0);
    att__buf_adds(&b, "this is no warc\nat all\n");
    add_record(&b, "resource", "http://example.org/r", "text/plain", "Hallo Welt.", 11);
    att__buf_adds(&b, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 500\r\n\r\nzu kurz");
    CHECK_INT(att__warc_open_mem(ctx, "g.warc", b.data, b.len, &w), 0);
    rc = att__warc_next(w, &rec);
    CHECK_INT(rc, ATT_EFORMAT);
    CHECK(strstr(att_errmsg(ctx), "g.warc: 23 bytes at byte 0 are no WARC record") != NULL);
    CHECK_INT(att__warc_next(w, &rec), 1);
    CHECK_STR(rec.type, "resource");
    CHECK_INT(rec.payload_len, 11);
    CHECK_INT(att__warc_next(w, &rec), 1); /* the truncated one, read in part */
    CHECK(rec.partial);
    CHECK(strstr(rec.note, "truncated (7 of 500 bytes)") != NULL);
    CHECK_INT(att__warc_next(w, &rec), 0);
    CHECK_INT(att__warc_stats_of(w)->damaged, 2);
    att__warc_close(w);
    /* a bad Content-Length */
    att__buf_reset(&b);
    att__buf_adds(&b, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 12x\r\n\r\nabc\r\n\r\n");
    CHECK_INT(att__warc_open_mem(ctx, "c.warc", b.data, b.len, &w), 0);
    CHECK_INT(att__warc_next(w, &rec), ATT_EFORMAT);
    CHECK(strstr(att_errmsg(ctx), "record 1 at byte 0: no valid Content-Length") != NULL);
    CHECK(att__warc_next(w, &rec) <= 0);
    att__warc_close(w);
    att__buf_free(&b);
}

TEST(empty_and_binary)
{
    att__warc *w;
    att__warc_rec rec;
    CHECK_INT(att__warc_open_mem(ctx, "e.warc", "", 0, &w), 0);
    CHECK_INT(att__warc_next(w, &rec), 0);
    att__warc_close(w);
    CHECK_INT(att__warc_open_mem(ctx, "z.warc.gz", "\x1f\x8b\x08\x00garbage", 12, &w), 0);
    CHECK(att__warc_next(w, &rec) <= 0);
    att__warc_close(w);
    CHECK(!att__warc_sniff("<html>", 6));
}

int main(void)
{
    att_ctx_open(&ctx, NULL);
    RUN(plain_records);
    RUN(gzip_whole_file);
    RUN(garbage_and_truncation);
    RUN(empty_and_binary);
    att_ctx_close(ctx);
    return test_summary();
}

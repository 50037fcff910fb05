/*
 * test_fetch.c - unit tests of the HTTP client (src/read/fetch.c) that need
 * no network: the request headers built from stored validators (control
 * characters refused, so no header can be smuggled in), the response
 * header values read back, the schemes refused before any connection, and
 * a closed port on 127.0.0.1 reported with the URL and libcurl's reason.
 * tests/e2e/test_fetch.sh fetches from a local server.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "attache.h"
#include "read/fetch.h"
#include "test.h"

static att_ctx *ctx;

TEST(test_request_headers)
{
    char out[64];
    CHECK_INT(att__fetch_header(out, sizeof(out), "If-None-Match", "\"abc\""), 0);
    CHECK_STR(out, "If-None-Match: \"abc\"");
    CHECK_INT(att__fetch_header(out, sizeof(out), "If-Modified-Since",
                                "Mon, 15 Apr 2024 10:00:00 GMT"),
              0);
    CHECK_STR(out, "If-Modified-Since: Mon, 15 Apr 2024 10:00:00 GMT");
    CHECK_INT(att__fetch_header(out, sizeof(out), "If-None-Match", "\"a\"\r\nCookie: x"), -1);
    CHECK_INT(att__fetch_header(out, sizeof(out), "If-None-Match", "a\nb"), -1);
    CHECK_INT(att__fetch_header(out, sizeof(out), "If-None-Match", ""), -1);
    CHECK_INT(att__fetch_header(out, sizeof(out), "If-None-Match", NULL), -1);
    CHECK_INT(att__fetch_header(out, 10, "If-None-Match", "\"abc\""), -1); /* does not fit */
}

TEST(test_response_headers)
{
    char v[32];
    const char *l1 = "ETag: \"xyz\"\r\n", *l2 = "etag:W/\"1\"  \r\n", *l3 = "ETagX: 1\r\n";
    CHECK_INT(att__fetch_header_value(l1, strlen(l1), "ETag", v, sizeof(v)), 1);
    CHECK_STR(v, "\"xyz\"");
    CHECK_INT(att__fetch_header_value(l2, strlen(l2), "ETag", v, sizeof(v)), 1);
    CHECK_STR(v, "W/\"1\"");
    CHECK_INT(att__fetch_header_value(l3, strlen(l3), "ETag", v, sizeof(v)), 0);
    CHECK_INT(att__fetch_header_value("ETag:\r\n", 7, "ETag", v, sizeof(v)), 0);
    CHECK_INT(att__fetch_header_value(l1, strlen(l1), "ETag", v, 4), 0); /* too long: dropped */
    CHECK_INT(att__fetch_header_value("ETag: a\tb\r\n", 11, "ETag", v, sizeof(v)), 0);
}

TEST(test_schemes)
{
    att_response *resp = NULL;
    CHECK_INT(att__fetch_scheme_ok("http://x/"), 1);
    CHECK_INT(att__fetch_scheme_ok("HTTPS://x/"), 1);
    CHECK_INT(att__fetch_scheme_ok("file:///etc/passwd"), 0);
    CHECK_INT(att__fetch_scheme_ok("ftp://x/"), 0);
    CHECK_INT(att__fetch_scheme_ok("httpx://x/"), 0);
    CHECK_INT(att_fetch(ctx, "file:///etc/passwd", NULL, &resp), ATT_EINVAL);
    CHECK(resp == NULL);
    CHECK(strstr(att_errmsg(ctx), "file:///etc/passwd: not fetched") != NULL);
    CHECK_INT(att_fetch(ctx, "gopher://127.0.0.1/", NULL, &resp), ATT_EINVAL);
    CHECK_INT(att_fetch(ctx, "", NULL, &resp), ATT_EINVAL);
}

TEST(test_closed_port)
{
    att_response *resp = NULL;
    struct sockaddr_in a;
    socklen_t alen = sizeof(a);
    char url[64];
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(fd >= 0);
    CHECK_INT(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    CHECK_INT(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
    close(fd); /* bound, never listened on, closed: nobody answers there */
    snprintf(url, sizeof(url), "http://127.0.0.1:%u/x", (unsigned)ntohs(a.sin_port));
    CHECK_INT(att_fetch(ctx, url, NULL, &resp), ATT_EIO);
    CHECK(resp == NULL);
    CHECK(strncmp(att_errmsg(ctx), url, strlen(url)) == 0);
    CHECK(strstr(att_errmsg(ctx), "cannot fetch: Couldn't connect to server") != NULL);
    att_response_free(NULL);
}

int main(void)
{
    if (att_fetch_init() != 0 || att_ctx_open(&ctx, NULL) != 0) {
        fprintf(stderr, "cannot start\n");
        return 1;
    }
    RUN(test_request_headers);
    RUN(test_response_headers);
    RUN(test_schemes);
    RUN(test_closed_port);
    att_ctx_close(ctx);
    return test_summary();
}

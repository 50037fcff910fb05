/*
 * fetch.h - internals of the HTTP client (fetch.c) that tests reach.
 *
 * fetch.c wraps libcurl: one easy handle per att_fetch() call (so nothing
 * is shared between threads), the body gathered into an att_buf whose
 * maximum is the context's max_doc_bytes, and the response headers the
 * store keeps for conditional GET (ETag, Last-Modified) read from the last
 * response of a redirect chain.  The small pure helpers below hold the
 * header logic, so it is tested without a network.
 */
#ifndef ATT_READ_FETCH_H
#define ATT_READ_FETCH_H

#include <stddef.h>

#define ATT_FETCH_MAX_REDIRS 5
#define ATT_FETCH_CONNECT_MS 10000L
#define ATT_FETCH_TIMEOUT_MS 60000L
#define ATT_FETCH_HEADER_MAX 1024 /* longest header value kept or sent */
#define ATT_FETCH_USER_AGENT "attache/" ATT_VERSION " (+https://example.org/attache)"

/* 1 when url starts with http:// or https:// (any case), else 0. */
int att__fetch_scheme_ok(const char *url);

/* Writes the request header "name: value" into out[size].  Returns 0, or
 * -1 when the value is empty, holds a control character (CR and LF would
 * smuggle in a header of their own: validators come from the database and
 * from servers, both hostile) or does not fit. */
int att__fetch_header(char *out, size_t size, const char *name, const char *value);

/* When the response header line[0..n) (with or without its CRLF) is the
 * header `name` (case-insensitive), writes its value without surrounding
 * blanks into out[size] and returns 1; else 0.  A value that does not fit
 * or holds control characters is not kept (returns 0). */
int att__fetch_header_value(const char *line, size_t n, const char *name, char *out, size_t size);

#endif

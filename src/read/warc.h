/*
 * warc.h - reading WARC files (ISO 28500: WARC/1.0 and 1.1, and the older
 * 0.17/0.18 that crawls still carry), plain or gzip-compressed.
 *
 * att__warc_next() hands out the records that carry a document: response
 * records (the HTTP message is parsed: status, headers, chunked transfer
 * coding and gzip/deflate content coding undone), resource records and
 * conversion records (WET text).  Request, metadata, revisit and warcinfo
 * records are skipped and counted.  A damaged record (truncated, a bad
 * Content-Length, broken chunks, a gzip member cut off) is reported with
 * its number and byte offset; whatever can be read after it is read.
 */
#ifndef ATT_WARC_H
#define ATT_WARC_H

#include "../base/base.h"

typedef struct att__warc att__warc;

typedef struct att__warc_rec {
    size_t number;       /* 1-based record number in the file */
    size_t offset;       /* byte offset of the record in the uncompressed stream */
    char type[32];       /* response, resource, conversion */
    char uri[2048];      /* WARC-Target-URI, without angle brackets */
    char date[64];       /* WARC-Date as written */
    char ctype[256];     /* media type of the payload, lower case, no parameters */
    char charset[64];    /* charset parameter of the payload's type, or "" */
    int status;          /* HTTP status code, 0 when not HTTP */
    const char *payload; /* decoded payload; valid until the next call */
    size_t payload_len;
    int partial;         /* the record was damaged: payload is what could be read */
    char note[160];      /* what was wrong, when partial */
} att__warc_rec;

typedef struct att__warc_stats {
    size_t records;  /* all records seen */
    size_t docs;     /* records handed out */
    size_t skipped;  /* request, metadata, revisit, warcinfo, other types */
    size_t damaged;  /* records reported as damaged */
} att__warc_stats;

/* Opens a WARC file (compressed or not: the gzip magic decides) or a
 * buffer the caller keeps alive.  Free with att__warc_close(). */
int att__warc_open_file(att_ctx *ctx, const char *path, att__warc **out);
int att__warc_open_mem(att_ctx *ctx, const char *name, const char *data, size_t len,
                       att__warc **out);

/* The next record that carries a document: returns 1 and fills rec, 0 at
 * the end, or a negative status for a damaged record (the message on ctx
 * names the file, record number and offset); after a damaged record the
 * caller may call again for the next one. */
int att__warc_next(att__warc *w, att__warc_rec *rec);

const att__warc_stats *att__warc_stats_of(const att__warc *w);
void att__warc_close(att__warc *w);

/* True when data starts like a WARC file or a gzip stream whose first
 * member holds one (by its first bytes only). */
int att__warc_sniff(const char *data, size_t len);

#endif

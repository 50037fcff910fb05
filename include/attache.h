/*
 * attache.h - the public C API of attache.
 *
 * attache turns news articles into dated, sourced records: entities, time
 * expressions, CAMEO events, figures and quotes, each pointing back at the
 * bytes of the article that support it.
 *
 * The flow is one way:  bytes -> reader -> att_doc -> annotators -> sink.
 *
 *   att_ctx     one per thread; holds options, the shared read-only knowledge
 *               base and the last error message.
 *   att_reader  turns one input (file, stdin, buffer) into documents.
 *   att_doc     one document: normalised UTF-8 text, metadata and the span
 *               layers the annotators add.  Offsets are byte offsets into
 *               the text, half-open [start, end).
 *   att_store   the SQLite database documents are written to and queried from.
 *   att_rows    a small table of strings a query answers with.
 *
 * Conventions (see docs/conventions.md):
 *   - every function that can fail returns an int: 0 (ATT_OK) or a negative
 *     ATT_E* code; the message is kept on the context, see att_errmsg();
 *   - the caller owns what it opens and releases it with the matching
 *     *_close / *_free, each of which accepts NULL;
 *   - pointers borrowed from an object stay valid until that object is
 *     freed, unless a function says otherwise.
 *
 * This header compiles with -std=c99 -pedantic and depends on nothing but
 * the C standard library.
 */
#ifndef ATTACHE_H
#define ATTACHE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ATT_VERSION "0.1.0"
#define ATT_VERSION_NUM 100 /* major*10000 + minor*100 + patch */

/* ---- errors ------------------------------------------------------------ */

typedef enum att_status {
    ATT_OK = 0,
    ATT_ENOMEM = -1,    /* out of memory or over a size limit */
    ATT_EINVAL = -2,    /* bad argument or usage */
    ATT_EIO = -3,       /* a file or stream could not be read or written */
    ATT_EUTF8 = -4,     /* input is not valid UTF-8 */
    ATT_EFORMAT = -5,   /* input is not in the format it claims to be */
    ATT_EEMPTY = -6,    /* input holds no text */
    ATT_EBINARY = -7,   /* input is a binary file */
    ATT_ESTORE = -8,    /* the database refused an operation */
    ATT_ENOTFOUND = -9, /* no such document or entity */
    ATT_ETOOBIG = -10   /* input exceeds a configured limit */
} att_status;

/* A short English name of a status code ("out of memory", ...); static. */
const char *att_strerror(int status);

/* ---- context ----------------------------------------------------------- */

typedef struct att_ctx att_ctx;

typedef struct att_options {
    const char *kb_extra;  /* path of a knowledge-base overlay file, or NULL */
    const char *lang_hint; /* "de", "en" or NULL to identify per document */
    int threads;           /* worker threads for batch work; 0 = cores */
    size_t max_doc_bytes;  /* larger inputs are refused; 0 = 64 MiB */
    int keep_boilerplate;  /* 1: keep web boilerplate lines in plain text */
} att_options;

/* Opens a context.  opts may be NULL for the defaults.  On failure *out is
 * NULL and the status says why.  Free it with att_ctx_close(). */
int att_ctx_open(att_ctx **out, const att_options *opts);
void att_ctx_close(att_ctx *ctx);

/* The message of the last error on this context ("" when there is none).
 * Borrowed: valid until the next call that uses the context. */
const char *att_errmsg(const att_ctx *ctx);

/* ---- documents --------------------------------------------------------- */

typedef struct att_doc att_doc;

typedef enum att_precision {
    ATT_PREC_NONE = 0,
    ATT_PREC_YEAR = 1,   /* 2024 */
    ATT_PREC_MONTH = 2,  /* 2024-04 */
    ATT_PREC_DAY = 3,    /* 2024-04-17 */
    ATT_PREC_SECOND = 4  /* 2024-04-17T10:22:00 (+ zone when known) */
} att_precision;

/* Metadata a caller can supply with raw text (att_doc_from_text).  Every
 * field may be NULL; strings are copied. */
typedef struct att_meta {
    const char *id;        /* the source's own id (kept as metadata) */
    const char *url;
    const char *title;
    const char *published; /* ISO 8601 at any precision */
    const char *lang;
    const char *source;    /* file path or other origin */
} att_meta;

/* Builds a document from UTF-8 text the caller already has (no metadata
 * lines are parsed).  The text is validated and normalised to NFC.  The
 * caller frees *out with att_doc_free(). */
int att_doc_from_text(att_ctx *ctx, const char *text, size_t len, const att_meta *meta,
                      att_doc **out);
void att_doc_free(att_doc *doc);

/* Borrowed strings, valid while the document lives; "" or NULL when unknown
 * as stated per accessor. */
const char *att_doc_id(const att_doc *doc);        /* 16 hex digits, never NULL */
const char *att_doc_text(const att_doc *doc, size_t *len);
const char *att_doc_title(const att_doc *doc);     /* NULL when none */
const char *att_doc_url(const att_doc *doc);       /* NULL when none */
const char *att_doc_source(const att_doc *doc);    /* NULL when none */
const char *att_doc_lang(const att_doc *doc);      /* "de", "en" or "und" */
const char *att_doc_published(const att_doc *doc); /* ISO 8601 or NULL */
att_precision att_doc_published_precision(const att_doc *doc);

/* ---- span layers --------------------------------------------------------- */

typedef struct att_span {
    uint32_t start, end; /* byte offsets into the document text, [start,end) */
} att_span;

typedef enum att_token_kind {
    ATT_TOK_WORD = 1,
    ATT_TOK_NUMBER,   /* 1.000,5  470  3,5 */
    ATT_TOK_ORDINAL,  /* 1.  12. (a number with its period, as in dates) */
    ATT_TOK_ABBREV,   /* z. B.  Mrd.  Dr.  u. a. */
    ATT_TOK_PUNCT,
    ATT_TOK_QUOTE,    /* „ “ » « " ‚ ‘ ' */
    ATT_TOK_URL,
    ATT_TOK_EMAIL,
    ATT_TOK_SYMBOL    /* % € $ and other signs */
} att_token_kind;

typedef struct att_token {
    uint32_t start, end;
    uint8_t kind;  /* att_token_kind */
    uint8_t flags; /* ATT_TOKF_* */
} att_token;

#define ATT_TOKF_UPPER 0x01     /* first letter is upper case */
#define ATT_TOKF_SPACE 0x02     /* followed by white space */
#define ATT_TOKF_PARA 0x04      /* last token of a paragraph */
#define ATT_TOKF_SENT_END 0x08  /* last token of a sentence */

/* Layers are filled by att_annotate(); each accessor returns the count and
 * points *out at an array that lives as long as the document. */
size_t att_doc_paragraphs(const att_doc *doc, const att_span **out);
size_t att_doc_tokens(const att_doc *doc, const att_token **out);
size_t att_doc_sentences(const att_doc *doc, const att_span **out);

/* Runs the annotators (language id, tokens, sentences, and the layers later
 * stages add) over the document, in place. */
int att_annotate(att_ctx *ctx, att_doc *doc);

/* Normalises one time expression ("im Dezember vergangenen Jahres", "last
 * Monday") as TIMEX3 against a document date dct (ISO 8601 at any
 * precision, or NULL when unknown: then what cannot be known stays X).
 * lang is "de", "en" or NULL for either.  Writes the type (DATE, TIME,
 * DURATION, SET) and value into the caller's buffers.  ATT_ENOTFOUND when
 * the text is not a time expression or names an impossible date,
 * ATT_EINVAL for empty input or a malformed dct. */
int att_time_resolve(att_ctx *ctx, const char *text, const char *lang, const char *dct,
                     char *type, size_t type_size, char *value, size_t value_size);

/* Writes the document as one JSON object (the `extract` format documented in
 * docs/extract-format.md), without a trailing newline.  *out is allocated;
 * the caller frees it with att_free(). */
int att_doc_to_json(att_ctx *ctx, const att_doc *doc, char **out, size_t *len);

/* Writes s as a JSON string (with quotes; NULL writes null) to out, escaped
 * the way every JSON attache writes is.  Returns 0 or ATT_ENOMEM/ATT_EIO. */
int att_json_fputs(FILE *out, const char *s);

/* Writes s as one CSV cell (RFC 4180: quoted when it holds a comma, quote
 * or line break, quotes doubled; NULL writes nothing) to out.  Returns 0 or
 * ATT_EIO. */
int att_csv_fputs(FILE *out, const char *s);

/* Frees memory attache allocated for the caller. */
void att_free(void *p);

/* ---- readers ------------------------------------------------------------- */

typedef struct att_reader att_reader;

typedef enum att_format {
    ATT_FMT_AUTO = 0,
    ATT_FMT_TEXT,
    ATT_FMT_JSONL,
    ATT_FMT_HTML, /* one web page: main text and metadata (docs/html.md) */
    ATT_FMT_WARC, /* a web crawl (.warc, .warc.gz): its HTML and text records */
    ATT_FMT_FEED  /* an RSS or Atom feed (.rss, .atom): one document per item (docs/feeds.md) */
} att_format;

/* Opens a reader over a file ("-" is standard input).  fmt ATT_FMT_AUTO sniffs
 * the format from the name and the first bytes.  Free with att_reader_close(). */
int att_reader_open_file(att_ctx *ctx, const char *path, att_format fmt, att_reader **out);

/* Opens a reader over a buffer the caller keeps alive until the reader is
 * closed.  name is used in messages and as the documents' source. */
int att_reader_open_mem(att_ctx *ctx, const char *name, const char *data, size_t len,
                        att_format fmt, att_reader **out);

/* Reads the next document.  Returns 1 and sets *out (the caller frees it with
 * att_doc_free) when there is one, 0 at the end, or a negative status when
 * one input failed; the message names the file and the byte offset or line.
 * After a failure the reader can go on: call again for the next document. */
int att_reader_next(att_reader *r, att_doc **out);
void att_reader_close(att_reader *r);
/* The format the reader reads (decided at open time; never ATT_FMT_AUTO). */
att_format att_reader_format(const att_reader *r);

/* Lists the files under a path: a file is itself; a directory is walked
 * recursively in sorted order, keeping files whose extension is one attache
 * reads (.txt .text .jsonl .ndjson .json .html .htm .xhtml .warc
 * .warc.gz .rss .atom); "-" is itself.  The callback
 * gets each path (borrowed for the call) and returns 0 to go on or non-zero
 * to stop (which is returned). */
typedef int (*att_path_cb)(const char *path, void *arg);
int att_walk(att_ctx *ctx, const char *path, att_path_cb cb, void *arg);

/* ---- fetching ------------------------------------------------------------ */

/* Prepares the HTTP client (libcurl's global state).  att_fetch() calls it
 * itself, guarded so it runs once, but libcurl's set-up is not thread-safe
 * on every platform: a program that fetches from threads calls this once
 * from its main thread before starting them.  Returns 0 or ATT_EIO. */
int att_fetch_init(void);

/* What att_fetch() asks beyond the URL; every field may be NULL/0. */
typedef struct att_fetch_opts {
    const char *etag;          /* sent as If-None-Match (a stored ETag) */
    const char *last_modified; /* sent as If-Modified-Since (a stored Last-Modified) */
    long connect_timeout_ms;   /* 0 = 10 s */
    long timeout_ms;           /* the whole transfer; 0 = 60 s */
} att_fetch_opts;

/* One HTTP answer.  Every field is read-only and lives until
 * att_response_free(); strings are NULL when the server sent none. */
typedef struct att_response {
    long status;              /* HTTP status: 200, or 304 (not modified, no body) */
    char *url;                /* the effective URL, after redirects; never NULL */
    char *content_type;       /* the Content-Type header */
    char *etag;               /* the ETag header */
    char *last_modified;      /* the Last-Modified header */
    char *body;               /* len bytes and a NUL; "" for 304 */
    size_t len;
} att_response;

/* GETs an http:// or https:// URL (other schemes are ATT_EINVAL), following
 * at most 5 redirects (http and https only), with the context's
 * max_doc_bytes as the size limit (ATT_ETOOBIG beyond it) and the time-outs
 * of opts.  Status 200 and 304 are answers; any other status, a time-out or
 * a network failure is ATT_EIO with a message naming the URL and the cause.
 * The caller frees *out with att_response_free(). */
int att_fetch(att_ctx *ctx, const char *url, const att_fetch_opts *opts, att_response **out);
void att_response_free(att_response *resp);

/* Opens a reader over a fetched body, like att_reader_open_mem() with the
 * effective URL as the name: ATT_FMT_AUTO decides by the Content-Type
 * (HTML, RSS/Atom/XML) and then by the bytes; a page's Content-Type charset
 * and URL reach the HTML reader, and a feed's relative links resolve
 * against its URL.  resp must outlive the reader. */
int att_reader_open_response(att_ctx *ctx, const att_response *resp, att_format fmt,
                             att_reader **out);

/* ---- store --------------------------------------------------------------- */

typedef struct att_store att_store;

#define ATT_STORE_READONLY 0x01

/* Opens (creating and migrating when needed) the SQLite database at path.
 * Close with att_store_close(), which commits a pending batch. */
int att_store_open(att_ctx *ctx, const char *path, int flags, att_store **out);
int att_store_close(att_store *st);

typedef enum att_put_result {
    ATT_PUT_NEW = 1,
    ATT_PUT_UNCHANGED = 2
} att_put_result;

/* Writes one annotated document with all its layers, whole or not at all.
 * Writes are batched into transactions; att_store_flush() commits.  *result
 * says whether the document was new (may be NULL). */
int att_store_put(att_store *st, const att_doc *doc, att_put_result *result);
int att_store_flush(att_store *st);

/* A query's answer: a table of UTF-8 strings (NULL for SQL NULL). */
typedef struct att_rows att_rows;
size_t att_rows_ncols(const att_rows *rows);
size_t att_rows_count(const att_rows *rows);
const char *att_rows_colname(const att_rows *rows, size_t col);
const char *att_rows_get(const att_rows *rows, size_t row, size_t col);
void att_rows_free(att_rows *rows);

/* Full-text search (FTS5 syntax) with highlighted snippets, best first. */
int att_store_search(att_store *st, const char *query, int limit, att_rows **out);
/* Documents, newest first. */
int att_store_docs(att_store *st, int limit, att_rows **out);
/* Counts per table, as (what, count) rows. */
int att_store_stats(att_store *st, att_rows **out);
/* One stored document by id (or unique id prefix), rebuilt as a document
 * with its stored layers.  ATT_ENOTFOUND when there is none. */
int att_store_get(att_store *st, const char *id, att_doc **out);

/* Entities across the stored documents, most mentioned first, as rows
 * (id, type, name, code, mentions, documents).  kind filters by type
 * ("person", "country"...; NULL for all).  Free *out with att_rows_free. */
int att_store_entities(att_store *st, const char *kind, int limit, att_rows **out);
/* The stored documents that mention entity id, newest first, as rows
 * (doc, published, title, source, code, mentions); free with att_rows_free. */
int att_store_entity_docs(att_store *st, const char *id, int limit, att_rows **out);
/* The entities mentioned in the same documents as entity id, by the number
 * of shared documents, as rows (id, type, name, documents). */
int att_store_entity_related(att_store *st, const char *id, int limit, att_rows **out);

/* The validators kept from the last fetch of url (att_store_fetched_put):
 * *etag and *last_modified are set to malloc'ed strings or NULL, which the
 * caller frees with att_free().  ATT_ENOTFOUND when url was never recorded. */
int att_store_fetched_get(att_store *st, const char *url, char **etag, char **last_modified);
/* Records (replacing) what a fetch of url answered: its validators (each
 * may be NULL), the HTTP status and the time now, for conditional GET. */
int att_store_fetched_put(att_store *st, const char *url, const char *etag,
                          const char *last_modified, long status);

/* ---- knowledge base ------------------------------------------------------ */

/* What a name resolves to in the context's knowledge base (the built-in one
 * and the --kb-extra overlay), best first, as rows (id, type, name, code,
 * score, matched, why): matched is the KB name that met it, why says how
 * (exact key, genitive -s, adjective ending ...) and what decided the rank.
 * date (ISO 8601 at any precision, or NULL for the newest date the KB
 * knows) picks the role in force for the code.  No match gives zero rows,
 * not an error.  Free *out with att_rows_free. */
int att_kb_lookup(att_ctx *ctx, const char *name, const char *date, att_rows **out);
/* The names of entity id (or a name that resolves to it) as rows (lang,
 * kind, form), and its dated roles as rows (role, country, code, start,
 * end, org).  ATT_ENOTFOUND when there is no such entity. */
int att_kb_names(att_ctx *ctx, const char *id, att_rows **out);
int att_kb_roles(att_ctx *ctx, const char *id, att_rows **out);
/* Reads a knowledge-base overlay file the way att_ctx_open reads
 * options.kb_extra, without opening a context: returns 0 when it is good,
 * else the status, with a message naming file:line written into msg
 * (size bytes, may be 0). */
int att_kb_check(const char *path, char *msg, size_t size);

/* ---- events ---------------------------------------------------------------- */

/* Which stored events a query or export covers; every field may be NULL/0. */
typedef struct att_event_filter {
    const char *actor;   /* either side: actor code prefix (KAZ, KAZGOV), entity id or name */
    const char *with;    /* the other side of the same events, likewise */
    const char *country; /* either side's country (first three letters of the code) */
    const char *code;    /* CAMEO code prefix (04, 042) */
    const char *root;    /* CAMEO root (two digits) */
    const char *since;   /* ISO 8601 date, inclusive, at the event date's precision */
    const char *until;   /* likewise */
    int quad;            /* QuadClass 1..4; 0 any */
    int limit;           /* at most this many; 0 all */
} att_event_filter;

/* Events with their date, code, actors, location and evidence sentence,
 * dated ones first by date.  Free *out with att_rows_free(). */
int att_store_events(att_store *st, const att_event_filter *f, att_rows **out);

typedef enum att_export_format {
    ATT_EXPORT_GDELT = 1, /* GDELT 2.0 event table: 61 tab-separated columns */
    ATT_EXPORT_JSONL,     /* one JSON object per event */
    ATT_EXPORT_CSV,       /* one CSV row per event, with a header */
    ATT_EXPORT_GRAPHML    /* the dyad network: actors, edges with counts and mean Goldstein */
} att_export_format;

/* Writes the filtered events to out in the format; for GDELT, side (may be
 * NULL) gets what GDELT has no column for, keyed by GLOBALEVENTID. */
int att_store_export(att_store *st, const att_event_filter *f, att_export_format fmt,
                     FILE *out, FILE *side);

#ifdef __cplusplus
}
#endif
#endif /* ATTACHE_H */

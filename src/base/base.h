/*
 * base.h - the small things every module of attache uses.
 *
 *   att_buf    a growable byte buffer with a hard maximum (curl's dynbuf
 *              habit): appends fail with ATT_ENOMEM instead of growing past
 *              the limit, so hostile input cannot make it eat the machine.
 *   att_arena  a bump allocator: one per document, freed in one call, so the
 *              annotators never malloc per token.
 *   errors     att__err() formats a message onto the context; library code
 *              never prints.
 *   hashing    a 64-bit string hash for document ids and hash tables.
 *   UTF-8      validation that reports the first bad byte's offset.
 *   JSON       string escaping for the writers.
 *
 * Names are att__<thing>_<verb>; nothing here is part of the public API.
 */
#ifndef ATT_BASE_H
#define ATT_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "attache.h"

#define ATT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define ATT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ATT_PRINTF(f, a)
#endif

/* ---- context internals -------------------------------------------------- */

struct att_ctx {
    att_options opts;
    char errmsg[1024];
    int errcode;
    const void *kb; /* the shared, read-only knowledge base (kb/) */
    void *ner_cache; /* the NER's word cache (annotate/ner.c), made on first use */
};

/* Records an error on ctx (which may be NULL) and returns code, so callers
 * can write `return att__err(ctx, ATT_EIO, "%s: %s", path, strerror(e));`. */
int att__err(att_ctx *ctx, int code, const char *fmt, ...) ATT_PRINTF(3, 4);
void att__err_clear(att_ctx *ctx);

/* ---- growable buffer ---------------------------------------------------- */

typedef struct att_buf {
    char *data; /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    size_t max; /* appends that would pass this fail with ATT_ENOMEM */
} att_buf;

#define ATT_BUF_DEFAULT_MAX ((size_t)1 << 30)

void att__buf_init(att_buf *b, size_t max);
void att__buf_free(att_buf *b);
void att__buf_reset(att_buf *b);
int att__buf_reserve(att_buf *b, size_t extra);
int att__buf_add(att_buf *b, const void *p, size_t n);
int att__buf_adds(att_buf *b, const char *s);
int att__buf_addc(att_buf *b, char c);
int att__buf_printf(att_buf *b, const char *fmt, ...) ATT_PRINTF(2, 3);
/* Hands the data over to the caller (who frees it with free()) and empties b. */
char *att__buf_detach(att_buf *b, size_t *len);

/* ---- arena -------------------------------------------------------------- */

typedef struct att_arena_block att_arena_block;
typedef struct att_arena {
    att_arena_block *head;
    size_t total; /* bytes handed out, for limits and stats */
} att_arena;

void att__arena_init(att_arena *a);
/* Zeroed memory, aligned for any type; NULL when out of memory. */
void *att__arena_alloc(att_arena *a, size_t n);
void *att__arena_array(att_arena *a, size_t count, size_t size);
char *att__arena_strndup(att_arena *a, const char *s, size_t n);
char *att__arena_strdup(att_arena *a, const char *s);
void att__arena_free(att_arena *a);

/* ---- growable arrays (of any element type) ------------------------------ */

/* Makes room for one more element in *items (count *n, capacity *cap),
 * doubling; returns 0 or ATT_ENOMEM (also when count*size would overflow). */
int att__grow(void **items, size_t *cap, size_t n, size_t size);
#define ATT_PUSH(arr, n, cap, val)                                                 \
    (att__grow((void **)&(arr), &(cap), (n), sizeof(*(arr))) ? ATT_ENOMEM           \
                                                             : ((arr)[(n)++] = (val), 0))

/* ---- hashing ------------------------------------------------------------ */

uint64_t att__hash64(const void *p, size_t n, uint64_t seed);
/* Writes 16 lower-case hex digits and a NUL into out[17]. */
void att__hex64(uint64_t h, char out[17]);

/* ---- UTF-8 -------------------------------------------------------------- */

/* Returns (size_t)-1 when s[0..n) is valid UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF), else the offset of the first bad byte. */
size_t att__utf8_invalid_at(const char *s, size_t n);
/* Decodes one code point at s (valid UTF-8 assumed); *adv gets its length. */
int32_t att__utf8_decode(const char *s, size_t n, size_t *adv);
/* Encodes cp into out (at least 4 bytes); returns the length. */
size_t att__utf8_encode(int32_t cp, char *out);

/* Writes the lower-case form of s[0..n) (valid UTF-8; any script, via
 * utf8proc) into out[cap], NUL-terminated and cut at a character boundary;
 * returns its length. */
size_t att__utf8_lower(const char *s, size_t n, char *out, size_t cap);

/* True when the first bytes look like a binary file (NUL bytes, many control
 * characters) rather than text. */
int att__looks_binary(const char *s, size_t n);

/* ---- hashed tables of embedded models (slots.c) ------------------------- */

typedef struct att__slot32 {
    uint32_t check; /* upper half of the key's hash; 0 = empty */
    uint32_t value;
} att__slot32;

/* The value stored for key in an open-addressed table of nslots (a power of
 * two) slots, or 0 when there is none. */
uint32_t att__slot32_find(const att__slot32 *t, uint32_t nslots, uint64_t key);

/* Does a table of bytes at offset off fit a blob of total bytes, 8-aligned? */
int att__blob_table_ok(uint32_t off, uint64_t bytes, uint32_t total);

/* ---- JSON --------------------------------------------------------------- */

/* Appends s[0..n) as a JSON string with quotes; NULL appends null. */
int att__json_str(att_buf *b, const char *s, size_t n);
int att__json_cstr(att_buf *b, const char *s);

/* ---- misc --------------------------------------------------------------- */

/* Reads a whole gzip-compressed (or plain) file into *out, NUL-terminated,
 * with a size limit on the uncompressed bytes. */
int att__read_gz_file(att_ctx *ctx, const char *path, size_t max, char **out, size_t *len);

/* Reads a whole file (or stdin for "-") into *out with a size limit. */
int att__read_file(att_ctx *ctx, const char *path, size_t max, char **out, size_t *len);

#endif

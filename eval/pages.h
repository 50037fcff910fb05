/*
 * pages.h - what the measurement tools that read the web-page sets
 * (eval_aeb, eval_trafilatura, bench_html) share: reading a gzip'd page and
 * the dev/test split.  Header-only: each tool is one program.
 */
#ifndef ATT_EVAL_PAGES_H
#define ATT_EVAL_PAGES_H

#include <stdlib.h>

#include "base/base.h"

#define MAX_PAGE ((size_t)64 << 20)

/* The bytes of a gzip'd page (malloc'd), or NULL; pages over the limit
 * (none in the sets) count as unreadable. */
static inline char *read_gz(const char *path, size_t *len)
{
    char *buf = NULL;
    if (att__read_gz_file(NULL, path, MAX_PAGE, &buf, len) != 0)
        return NULL;
    return buf;
}

/* FNV-1a of a page's name: its low bit puts the page in the dev (0) or the
 * test (1) half of a set. */
static inline unsigned fnv(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

#endif

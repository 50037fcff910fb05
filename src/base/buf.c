/*
 * buf.c - bounded growable buffers, arenas and growable arrays.
 *
 * att_buf doubles its capacity up to a hard maximum and keeps its data
 * NUL-terminated, so it can be handed to functions that want a C string.
 * att_arena hands out zeroed, aligned memory from 64 KiB blocks (larger
 * requests get a block of their own) and frees everything at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"

void att__buf_init(att_buf *b, size_t max)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->max = max ? max : ATT_BUF_DEFAULT_MAX;
}

void att__buf_free(att_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void att__buf_reset(att_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

int att__buf_reserve(att_buf *b, size_t extra)
{
    size_t need, cap;
    char *p;
    if (extra > b->max || b->len > b->max - extra)
        return ATT_ENOMEM;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    if (cap > b->max + 1)
        cap = b->max + 1;
    p = realloc(b->data, cap);
    if (!p)
        return ATT_ENOMEM;
    b->data = p;
    b->cap = cap;
    return 0;
}

int att__buf_add(att_buf *b, const void *p, size_t n)
{
    if (att__buf_reserve(b, n))
        return ATT_ENOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int att__buf_adds(att_buf *b, const char *s)
{
    return att__buf_add(b, s, strlen(s));
}

int att__buf_addc(att_buf *b, char c)
{
    return att__buf_add(b, &c, 1);
}

int att__buf_printf(att_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    char small[256];
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return ATT_EINVAL;
    if ((size_t)n < sizeof(small))
        return att__buf_add(b, small, (size_t)n);
    if (att__buf_reserve(b, (size_t)n))
        return ATT_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

char *att__buf_detach(att_buf *b, size_t *len)
{
    char *p = b->data;
    if (!p)
        p = calloc(1, 1);
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

/* ---- arena ---- */

#define ARENA_BLOCK 65536
#define ARENA_ALIGN 16

struct att_arena_block {
    att_arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char mem[];
};

void att__arena_init(att_arena *a)
{
    a->head = NULL;
    a->total = 0;
}

void *att__arena_alloc(att_arena *a, size_t n)
{
    att_arena_block *blk = a->head;
    void *p;
    if (n > SIZE_MAX - ARENA_ALIGN - sizeof(att_arena_block))
        return NULL;
    n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (n == 0)
        n = ARENA_ALIGN;
    if (!blk || blk->size - blk->used < n) {
        size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
        att_arena_block *nb = malloc(sizeof(*nb) + size);
        if (!nb)
            return NULL;
        nb->size = size;
        nb->used = 0;
        if (size == n && blk) {
            /* a big one-off: keep the current block in front for small ones */
            nb->next = blk->next;
            blk->next = nb;
        } else {
            nb->next = blk;
            a->head = nb;
        }
        blk = nb;
    }
    p = blk->mem + blk->used;
    blk->used += n;
    a->total += n;
    memset(p, 0, n);
    return p;
}

void *att__arena_array(att_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    return att__arena_alloc(a, count * size);
}

char *att__arena_strndup(att_arena *a, const char *s, size_t n)
{
    char *p = att__arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *att__arena_strdup(att_arena *a, const char *s)
{
    return s ? att__arena_strndup(a, s, strlen(s)) : NULL;
}

void att__arena_free(att_arena *a)
{
    att_arena_block *b = a->head;
    while (b) {
        att_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

int att__grow(void **items, size_t *cap, size_t n, size_t size)
{
    size_t ncap;
    void *p;
    if (n < *cap)
        return 0;
    ncap = *cap ? *cap * 2 : 16;
    if (ncap < *cap || (size && ncap > SIZE_MAX / size))
        return ATT_ENOMEM;
    p = realloc(*items, ncap * size);
    if (!p)
        return ATT_ENOMEM;
    *items = p;
    *cap = ncap;
    return 0;
}

void att_free(void *p)
{
    free(p);
}

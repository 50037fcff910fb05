/*
 * file.c - reading a whole file or standard input into memory, bounded.
 *
 * Readers work on whole inputs (articles are small); the limit keeps a
 * mistaken path to a disk image from exhausting memory, and the message
 * names the file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

#include "base.h"

int att__read_file(att_ctx *ctx, const char *path, size_t max, char **out, size_t *len)
{
    FILE *f = NULL;
    att_buf b;
    char chunk[65536];
    size_t n;
    int rc = 0, is_stdin = strcmp(path, "-") == 0;
    struct stat st;

    *out = NULL;
    *len = 0;
    att__buf_init(&b, max);
    if (!is_stdin) {
        if (stat(path, &st) != 0)
            return att__err(ctx, ATT_EIO, "%s: %s", path, strerror(errno));
        if (S_ISDIR(st.st_mode))
            return att__err(ctx, ATT_EIO, "%s: is a directory", path);
        if ((size_t)st.st_size > max)
            return att__err(ctx, ATT_ETOOBIG, "%s: %lld bytes, over the limit of %zu", path,
                            (long long)st.st_size, max);
        f = fopen(path, "rb");
        if (!f)
            return att__err(ctx, ATT_EIO, "%s: %s", path, strerror(errno));
    } else {
        f = stdin;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (att__buf_add(&b, chunk, n)) {
            rc = att__err(ctx, ATT_ETOOBIG, "%s: more than %zu bytes", path, max);
            goto cleanup;
        }
    }
    if (ferror(f)) {
        rc = att__err(ctx, ATT_EIO, "%s: read error at byte %zu: %s", path, b.len,
                      strerror(errno));
        goto cleanup;
    }
    *out = att__buf_detach(&b, len);
cleanup:
    if (f && !is_stdin)
        fclose(f);
    att__buf_free(&b);
    return rc;
}

int att__read_gz_file(att_ctx *ctx, const char *path, size_t max, char **out, size_t *len)
{
    gzFile g;
    att_buf b;
    char chunk[65536];
    int k, rc = 0;
    *out = NULL;
    *len = 0;
    g = gzopen(path, "rb");
    if (!g)
        return att__err(ctx, ATT_EIO, "%s: %s", path, strerror(errno));
    att__buf_init(&b, max);
    while ((k = gzread(g, chunk, sizeof(chunk))) > 0)
        if (att__buf_add(&b, chunk, (size_t)k)) {
            rc = att__err(ctx, ATT_ETOOBIG, "%s: more than %zu bytes", path, max);
            break;
        }
    if (rc == 0 && k < 0) {
        int errnum;
        rc = att__err(ctx, ATT_EFORMAT, "%s: %s after byte %zu", path, gzerror(g, &errnum), b.len);
    }
    gzclose(g);
    if (rc == 0)
        *out = att__buf_detach(&b, len);
    att__buf_free(&b);
    return rc;
}

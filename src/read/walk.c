/*
 * walk.c - listing the input files under a path.
 *
 * A directory is walked depth-first with its entries sorted by name (so two
 * runs see files in the same order), keeping regular files whose extension
 * is one attache reads; hidden entries (".git") are skipped.  A file named
 * on the command line is always taken, whatever its extension: the reader
 * then says whether it can read it.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "read.h"

#define WALK_MAX_DEPTH 64

static const char *const exts[] = {".txt",  ".text", ".jsonl", ".ndjson", ".json",
                                   ".html", ".htm",  ".xhtml", ".rss",    ".atom"};

static int wanted(const char *name)
{
    size_t n = strlen(name);
    if ((n > 5 && strcasecmp(name + n - 5, ".warc") == 0) ||
        (n > 8 && strcasecmp(name + n - 8, ".warc.gz") == 0))
        return 1;
    const char *dot = strrchr(name, '.');
    if (!dot)
        return 0;
    for (size_t i = 0; i < ATT_ARRAY_LEN(exts); i++)
        if (strcasecmp(dot, exts[i]) == 0)
            return 1;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(att_ctx *ctx, const char *dir, int depth, att_path_cb cb, void *arg)
{
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;

    if (depth > WALK_MAX_DEPTH)
        return att__err(ctx, ATT_EIO, "%s: directories nested deeper than %d", dir, WALK_MAX_DEPTH);
    d = opendir(dir);
    if (!d)
        return att__err(ctx, ATT_EIO, "%s: %s", dir, strerror(errno));
    while ((e = readdir(d)) != NULL) {
        char *name;
        if (e->d_name[0] == '.')
            continue;
        name = strdup(e->d_name);
        if (!name || ATT_PUSH(names, n, cap, name)) {
            free(name);
            rc = att__err(ctx, ATT_ENOMEM, "out of memory");
            goto cleanup;
        }
    }
    qsort(names, n, sizeof(*names), cmp_names);
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(len);
        struct stat st;
        if (!path) {
            rc = att__err(ctx, ATT_ENOMEM, "out of memory");
            break;
        }
        snprintf(path, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
        if (stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                rc = walk_dir(ctx, path, depth + 1, cb, arg);
            else if (S_ISREG(st.st_mode) && wanted(names[i]))
                rc = cb(path, arg);
        }
        free(path);
    }
cleanup:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return rc;
}

int att_walk(att_ctx *ctx, const char *path, att_path_cb cb, void *arg)
{
    struct stat st;
    if (strcmp(path, "-") == 0)
        return cb(path, arg);
    if (stat(path, &st) != 0)
        return att__err(ctx, ATT_EIO, "%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return walk_dir(ctx, path, 0, cb, arg);
    return cb(path, arg);
}

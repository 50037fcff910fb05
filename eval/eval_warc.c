/*
 * eval_warc.c - the WARC reader over every sample in SHARED/data/warc-samples.
 *
 *   build/eval/eval_warc SHARED [-v]
 *
 * Reads each .warc / .warc.gz file to its end and prints, per file with -v
 * and in total as TSV rows "suite metric ours reference": files, records,
 * documents handed out, records skipped by type, records reported damaged.
 * The bar is robustness: every file read to its end, nothing crashes, and
 * every damaged record is counted (the damaged samples are there on
 * purpose: truncated, mis-chunked, odd versions).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/warc.h"

static size_t files, records, docs, skipped, damaged, messages;
static int verbose;

static void read_one(att_ctx *ctx, const char *path)
{
    att__warc *w = NULL;
    att__warc_rec rec;
    int rc, guard = 0;
    if (att__warc_open_file(ctx, path, &w)) {
        fprintf(stderr, "%s\n", att_errmsg(ctx));
        return;
    }
    while ((rc = att__warc_next(w, &rec)) != 0 && guard++ < 1000000)
        if (rc < 0) {
            messages++;
            if (verbose)
                fprintf(stderr, "  %s\n", att_errmsg(ctx));
        }
    {
        const att__warc_stats *st = att__warc_stats_of(w);
        files++;
        records += st->records;
        docs += st->docs;
        skipped += st->skipped;
        damaged += st->damaged;
        if (verbose)
            fprintf(stderr, "%s: %zu records, %zu documents, %zu skipped, %zu damaged\n", path,
                    st->records, st->docs, st->skipped, st->damaged);
    }
    att__warc_close(w);
}

static void walk(att_ctx *ctx, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 1) * sizeof(*names));
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(names[j], names[i]) < 0) {
                char *t = names[i];
                names[i] = names[j];
                names[j] = t;
            }
    }
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        size_t l = strlen(names[i]);
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        if (strchr(names[i], '.') == NULL)
            walk(ctx, path);
        else if ((l > 5 && strcmp(names[i] + l - 5, ".warc") == 0) ||
                 (l > 8 && strcmp(names[i] + l - 8, ".warc.gz") == 0))
            read_one(ctx, path);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared";
    char dir[2048];
    att_ctx *ctx = NULL;
    verbose = (argc > 2 && strcmp(argv[2], "-v") == 0) || getenv("EVAL_VERBOSE");
    snprintf(dir, sizeof(dir), "%s/data/warc-samples", shared);
    {
        DIR *probe = opendir(dir);
        if (!probe) {
            fprintf(stderr, "eval_warc: skipped: %s not found\n", dir);
            return 0;
        }
        closedir(probe);
    }
    if (att_ctx_open(&ctx, NULL))
        return 1;
    walk(ctx, dir);
    printf("warc-samples\tfiles\t%zu\t\n", files);
    printf("warc-samples\trecords\t%zu\t\n", records);
    printf("warc-samples\tdocuments\t%zu\t\n", docs);
    printf("warc-samples\tskipped_by_type\t%zu\t\n", skipped);
    printf("warc-samples\tdamaged_reported\t%zu\t\n", damaged);
    att_ctx_close(ctx);
    return 0;
}

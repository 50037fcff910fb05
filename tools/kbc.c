/*
 * kbc.c - the knowledge-base compiler the build runs:
 *
 *   kbc OUT.kb FILE.tsv...
 *
 * Reads every source (the table each holds is known by its header line),
 * writes the blob to OUT.kb (through a temporary file renamed at the end,
 * so a failed build never leaves half a blob), opens it again to check it,
 * and prints one line of counts on stderr.  Rows that name an entity no
 * entity table defines are counted as warnings, not errors: the data files
 * are edited by hand and by generators at the same time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kb.h"

/* kbc builds the blob, so it has none embedded. */
const void *att__kb_embedded(size_t *size)
{
    *size = 0;
    return NULL;
}

int main(int argc, char **argv)
{
    att_ctx ctx;
    att__kbc *b = NULL;
    unsigned char *blob = NULL;
    size_t size = 0, warnings = 0;
    char tmp[4096];
    FILE *f = NULL;
    att__kb kb;
    int rc = 1;

    memset(&ctx, 0, sizeof(ctx));
    if (argc < 3) {
        fprintf(stderr, "usage: kbc OUT.kb FILE.tsv...\n");
        return 2;
    }
    if (att__kbc_new(&ctx, 0, &b))
        goto cleanup;
    for (int i = 2; i < argc; i++)
        if (att__kbc_add_file(b, argv[i]))
            goto cleanup;
    if (att__kbc_finish(b, &blob, &size, &warnings) || att__kb_open(&ctx, &kb, blob, size))
        goto cleanup;
    snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
    if (!(f = fopen(tmp, "wb")) || fwrite(blob, 1, size, f) != size || fclose(f) != 0) {
        f = NULL;
        att__err(&ctx, ATT_EIO, "%.900s: cannot write", tmp);
        goto cleanup;
    }
    f = NULL;
    if (rename(tmp, argv[1]) != 0) {
        att__err(&ctx, ATT_EIO, "%.450s: cannot rename to %.450s", tmp, argv[1]);
        goto cleanup;
    }
    fprintf(stderr,
            "kbc: %s: %zu bytes, %zu entities, %zu names, %zu keys (%zu hash slots, prefix "
            "filter %zu KB), %zu roles, %zu lexicon words, latest date %u, %zu rows skipped\n",
            argv[1], size, kb.nents, kb.naliases, kb.nkeys, kb.ntab[ATT__KT_KEY], kb.npfx[ATT__PF_ALL] * 8 / 1024,
            kb.nroles, kb.nlex, kb.hdr->latest, warnings);
    rc = 0;
cleanup:
    if (rc)
        fprintf(stderr, "kbc: %s\n", ctx.errmsg[0] ? ctx.errmsg : "failed");
    if (f)
        fclose(f);
    free(blob);
    att__kbc_free(b);
    return rc;
}

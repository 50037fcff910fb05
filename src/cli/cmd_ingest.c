/*
 * cmd_ingest.c - `attache ingest PATH...`: read, annotate, store.
 */
#include "inputs.h"

static int store_doc(cli *c, att_ctx *ctx, att_doc *doc, void *arg, cli_progress *pr)
{
    att_put_result res;
    int rc = att_store_put(arg, doc, &res);
    (void)c;
    (void)ctx;
    if (rc)
        return rc;
    if (res == ATT_PUT_NEW)
        pr->added++;
    else
        pr->unchanged++;
    return 0;
}

int cmd_ingest(cli *c)
{
    att_ctx *ctx = NULL;
    att_store *st = NULL;
    cli_progress pr;
    int rc;

    if ((rc = cli_ctx_open(c, &ctx)))
        return rc;
    if ((rc = cli_store_open(c, ctx, 0, &st)))
        goto cleanup;
    rc = cli_run_inputs(c, ctx, store_doc, st, &pr);
    if (rc == CLI_USAGE)
        goto cleanup;
    if (att_store_flush(st)) {
        cli_error("%s", att_errmsg(ctx));
        rc = CLI_FAILED;
    }
    if (!c->quiet)
        fprintf(stderr, "%s: %zu new, %zu unchanged, %zu failed (%zu files, %.1f s)\n", c->db,
                pr.added, pr.unchanged, pr.failed, pr.files_total, pr.seconds);
cleanup:
    if (st && att_store_close(st)) {
        cli_error("%s", att_errmsg(ctx));
        rc = CLI_FAILED;
    }
    att_ctx_close(ctx);
    return rc;
}

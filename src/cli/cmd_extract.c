/*
 * cmd_extract.c - `attache extract PATH...`: one JSON object per document
 * on standard output, no database.
 */
#include <stdlib.h>

#include "inputs.h"

static int print_doc(cli *c, att_ctx *ctx, att_doc *doc, void *arg, cli_progress *pr)
{
    char *json = NULL;
    size_t len;
    int rc = att_doc_to_json(ctx, doc, &json, &len);
    (void)c;
    (void)arg;
    if (rc)
        return rc;
    fwrite(json, 1, len, stdout);
    fputc('\n', stdout);
    att_free(json);
    pr->added++;
    return 0;
}

int cmd_extract(cli *c)
{
    att_ctx *ctx = NULL;
    cli_progress pr;
    int rc;
    if ((rc = cli_ctx_open(c, &ctx)))
        return rc;
    rc = cli_run_inputs(c, ctx, print_doc, NULL, &pr);
    if (!c->quiet && rc != CLI_USAGE && pr.failed)
        fprintf(stderr, "extract: %zu documents, %zu failed\n", pr.docs, pr.failed);
    att_ctx_close(ctx);
    return rc;
}

/*
 * cmd_events.c - `attache events` (the coded events, filtered) and
 * `attache export` (GDELT 2.0 rows, JSON Lines, CSV, or the dyad network as
 * GraphML).  Both read the same filter options.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int read_filter(cli *c, att_event_filter *f)
{
    int bad = 0;
    memset(f, 0, sizeof(*f));
    f->actor = cli_get(c, "actor");
    f->with = cli_get(c, "with");
    f->country = cli_get(c, "country");
    f->code = cli_get(c, "code");
    f->root = cli_get(c, "root");
    f->since = cli_get(c, "since");
    f->until = cli_get(c, "until");
    f->quad = (int)cli_get_long(c, "quad", 0, &bad);
    f->limit = (int)cli_get_long(c, "limit", 0, &bad);
    if (bad)
        return CLI_USAGE;
    if (f->quad < 0 || f->quad > 4) {
        cli_error("--quad: expected 1 (verbal cooperation) to 4 (material conflict)");
        return CLI_USAGE;
    }
    if (f->root && (strlen(f->root) != 2 || f->root[0] < '0' || f->root[0] > '2')) {
        cli_error("--root: expected two digits, 01 to 20");
        return CLI_USAGE;
    }
    return CLI_OK;
}

int cmd_events(cli *c)
{
    att_ctx *ctx = NULL;
    att_store *st = NULL;
    att_rows *rows = NULL;
    att_event_filter f;
    int rc;
    if ((rc = read_filter(c, &f)))
        return rc;
    if (!cli_get(c, "limit"))
        f.limit = c->fmt == CLI_FMT_TABLE ? 50 : 0;
    if ((rc = cli_ctx_open(c, &ctx)))
        return rc;
    if ((rc = cli_store_open(c, ctx, ATT_STORE_READONLY, &st)))
        goto cleanup;
    if (att_store_events(st, &f, &rows)) {
        cli_error("%s", att_errmsg(ctx));
        rc = CLI_FAILED;
        goto cleanup;
    }
    rc = cli_print_rows(c, rows, stdout);
cleanup:
    att_rows_free(rows);
    att_store_close(st);
    att_ctx_close(ctx);
    return rc;
}

int cmd_export(cli *c)
{
    static const struct {
        const char *name;
        att_export_format fmt;
    } formats[] = {
        {"gdelt", ATT_EXPORT_GDELT},
        {"jsonl", ATT_EXPORT_JSONL},
        {"csv", ATT_EXPORT_CSV},
        {"graphml", ATT_EXPORT_GRAPHML},
    };
    att_ctx *ctx = NULL;
    att_store *st = NULL;
    att_event_filter f;
    const char *fname = cli_get(c, "format"), *graph = cli_get(c, "graph");
    const char *outp = cli_get(c, "output"), *sidep = cli_get(c, "side");
    FILE *out = stdout, *side = NULL;
    char sidebuf[4096];
    att_export_format fmt = 0;
    int rc;

    if ((rc = read_filter(c, &f)))
        return rc;
    if (graph && strcmp(graph, "graphml") != 0) {
        cli_error("--graph: the only graph format is graphml");
        return CLI_USAGE;
    }
    if (!fname)
        fname = graph ? "graphml" : "jsonl";
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        if (strcmp(fname, formats[i].name) == 0)
            fmt = formats[i].fmt;
    if (!fmt) {
        cli_error("--format: expected gdelt, jsonl or csv, got '%s'", fname);
        return CLI_USAGE;
    }
    if ((rc = cli_ctx_open(c, &ctx)))
        return rc;
    if ((rc = cli_store_open(c, ctx, ATT_STORE_READONLY, &st)))
        goto cleanup;
    if (outp && strcmp(outp, "-") != 0 && !(out = fopen(outp, "w"))) {
        cli_error("%s: cannot write", outp);
        out = NULL;
        rc = CLI_FAILED;
        goto cleanup;
    }
    if (fmt == ATT_EXPORT_GDELT) {
        if (!sidep && outp && strcmp(outp, "-") != 0) {
            snprintf(sidebuf, sizeof(sidebuf), "%s.extra.tsv", outp);
            sidep = sidebuf;
        }
        if (sidep && !(side = fopen(sidep, "w"))) {
            cli_error("%s: cannot write", sidep);
            rc = CLI_FAILED;
            goto cleanup;
        }
    }
    if (att_store_export(st, &f, fmt, out, side)) {
        cli_error("%s", att_errmsg(ctx));
        rc = CLI_FAILED;
    }
cleanup:
    if (out && out != stdout && fclose(out) != 0) {
        cli_error("%s: write failed", outp);
        rc = CLI_FAILED;
    }
    if (side && fclose(side) != 0) {
        cli_error("%s: write failed", sidep);
        rc = CLI_FAILED;
    }
    att_store_close(st);
    att_ctx_close(ctx);
    return rc;
}

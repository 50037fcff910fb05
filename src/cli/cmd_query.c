/*
 * cmd_query.c - the read-only subcommands over the store: search, docs,
 * show, stats.  Each opens the database read-only, asks one query and
 * prints its rows in the chosen format.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef int (*query_fn)(cli *c, att_store *st, att_rows **rows);

static int limit_of(cli *c, int *limit)
{
    int bad = 0;
    *limit = (int)cli_get_long(c, "limit", 20, &bad);
    return bad ? ATT_EINVAL : 0;
}

static int run_query(cli *c, query_fn q)
{
    att_ctx *ctx = NULL;
    att_store *st = NULL;
    att_rows *rows = NULL;
    int rc;
    int limit;
    if (limit_of(c, &limit))
        return CLI_USAGE; /* before the database, so a typo is a usage error */
    if ((rc = cli_ctx_open(c, &ctx)))
        return rc;
    if ((rc = cli_store_open(c, ctx, ATT_STORE_READONLY, &st)))
        goto cleanup;
    if ((rc = q(c, st, &rows))) {
        cli_error("%s", att_errmsg(ctx));
        rc = rc == ATT_EINVAL ? CLI_USAGE : CLI_FAILED;
        goto cleanup;
    }
    rc = cli_print_rows(c, rows, stdout);
cleanup:
    att_rows_free(rows);
    att_store_close(st);
    att_ctx_close(ctx);
    return rc;
}

static int q_search(cli *c, att_store *st, att_rows **rows)
{
    int limit;
    if (limit_of(c, &limit))
        return ATT_EINVAL;
    return att_store_search(st, c->args[0], limit, rows);
}

static int q_docs(cli *c, att_store *st, att_rows **rows)
{
    int limit;
    if (limit_of(c, &limit))
        return ATT_EINVAL;
    return att_store_docs(st, limit, rows);
}

static int q_stats(cli *c, att_store *st, att_rows **rows)
{
    (void)c;
    return att_store_stats(st, rows);
}

int cmd_search(cli *c) { return run_query(c, q_search); }
int cmd_docs(cli *c) { return run_query(c, q_docs); }
int cmd_stats(cli *c) { return run_query(c, q_stats); }

int cmd_show(cli *c)
{
    att_ctx *ctx = NULL;
    att_store *st = NULL;
    att_doc *doc = NULL;
    int rc;
    if ((rc = cli_ctx_open(c, &ctx)))
        return rc;
    if ((rc = cli_store_open(c, ctx, ATT_STORE_READONLY, &st)))
        goto cleanup;
    if (att_store_get(st, c->args[0], &doc)) {
        cli_error("%s", att_errmsg(ctx));
        rc = CLI_FAILED;
        goto cleanup;
    }
    if (c->fmt == CLI_FMT_TABLE) {
        size_t len;
        const char *text = att_doc_text(doc, &len);
        const att_span *sents;
        printf("id:        %s\n", att_doc_id(doc));
        printf("title:     %s\n", att_doc_title(doc) ? att_doc_title(doc) : "");
        printf("published: %s\n", att_doc_published(doc) ? att_doc_published(doc) : "");
        printf("lang:      %s\n", att_doc_lang(doc));
        printf("url:       %s\n", att_doc_url(doc) ? att_doc_url(doc) : "");
        printf("source:    %s\n", att_doc_source(doc) ? att_doc_source(doc) : "");
        printf("sentences: %zu\n\n", att_doc_sentences(doc, &sents));
        fwrite(text, 1, len, stdout);
        fputc('\n', stdout);
    } else {
        char *json = NULL;
        size_t len;
        if (att_doc_to_json(ctx, doc, &json, &len)) {
            cli_error("%s", att_errmsg(ctx));
            rc = CLI_FAILED;
            goto cleanup;
        }
        fwrite(json, 1, len, stdout);
        fputc('\n', stdout);
        att_free(json);
    }
cleanup:
    att_doc_free(doc);
    att_store_close(st);
    att_ctx_close(ctx);
    return rc;
}

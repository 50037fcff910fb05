/*
 * cmd_entities.c - `attache entities` (the entities of the stored
 * documents with their mention and document counts) and `attache entity
 * NAME` (one entity's profile: what the name resolves to, its names, its
 * dated roles, the documents that mention it and the entities named with
 * it).  NAME is an entity id or any name the knowledge base knows; an id
 * only the store knows (a person the KB lacks) works too.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_entities(cli *c)
{
    att_ctx *ctx = NULL;
    att_store *st = NULL;
    att_rows *rows = NULL;
    int rc, bad = 0;
    long limit = cli_get_long(c, "limit", 20, &bad);
    if (bad)
        return CLI_USAGE;
    if ((rc = cli_ctx_open(c, &ctx)))
        return rc;
    if ((rc = cli_store_open(c, ctx, ATT_STORE_READONLY, &st)))
        goto cleanup;
    if (att_store_entities(st, cli_get(c, "type"), (int)limit, &rows)) {
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

/* One section of the profile: a heading on a terminal, then the rows. */
static int section(cli *c, const char *title, const att_rows *rows)
{
    if (c->fmt == CLI_FMT_TABLE)
        printf("\n%s:\n", title);
    if (!rows || att_rows_count(rows) == 0) {
        if (c->fmt == CLI_FMT_TABLE)
            printf("  (none)\n");
        return CLI_OK;
    }
    return cli_print_rows(c, rows, stdout);
}

int cmd_entity(cli *c)
{
    att_ctx *ctx = NULL;
    att_store *st = NULL;
    att_rows *hit = NULL, *names = NULL, *roles = NULL, *docs = NULL, *rel = NULL;
    const char *name = c->args[0];
    char *id = NULL;
    int rc, bad = 0;
    long limit = cli_get_long(c, "limit", 20, &bad);
    if (bad)
        return CLI_USAGE;
    if ((rc = cli_ctx_open(c, &ctx)))
        return rc;
    /* an id as given, else what the name resolves to */
    if (strchr(name, ':') == NULL) {
        if (att_kb_lookup(ctx, name, NULL, &hit)) {
            cli_error("%s", att_errmsg(ctx));
            rc = CLI_FAILED;
            goto cleanup;
        }
        if (att_rows_count(hit) == 0) {
            cli_error("entity: '%s' is not a name the knowledge base knows", name);
            rc = CLI_FAILED;
            goto cleanup;
        }
        name = att_rows_get(hit, 0, 0);
    }
    if (!(id = strdup(name))) {
        cli_error("out of memory");
        rc = CLI_FAILED;
        goto cleanup;
    }
    if (c->fmt == CLI_FMT_TABLE)
        printf("%s\n", id);
    if (att_kb_names(ctx, id, &names) == 0)
        att_kb_roles(ctx, id, &roles);
    if (cli_store_open(c, ctx, ATT_STORE_READONLY, &st) == CLI_OK) {
        if (att_store_entity_docs(st, id, (int)limit, &docs) ||
            att_store_entity_related(st, id, (int)limit, &rel)) {
            cli_error("%s", att_errmsg(ctx));
            rc = CLI_FAILED;
            goto cleanup;
        }
    }
    if (!names && !docs) {
        cli_error("entity: no entity '%s'", id);
        rc = CLI_FAILED;
        goto cleanup;
    }
    rc = section(c, "names", names) || section(c, "roles", roles) ||
                 section(c, "documents", docs) || section(c, "mentioned with", rel)
             ? CLI_FAILED
             : CLI_OK;
cleanup:
    free(id);
    att_rows_free(hit);
    att_rows_free(names);
    att_rows_free(roles);
    att_rows_free(docs);
    att_rows_free(rel);
    att_store_close(st);
    att_ctx_close(ctx);
    return rc;
}

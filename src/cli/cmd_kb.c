/*
 * cmd_kb.c - `attache kb ACTION ARG`: questions to the knowledge base.
 *
 *   lookup NAME   what NAME resolves to, best first, and why
 *   check FILE    read FILE as an overlay (--kb-extra) and report the first
 *                 error with file:line
 *
 * The actions are one table, like the commands in main.c.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int kb_lookup(cli *c, const char *arg)
{
    att_ctx *ctx = NULL;
    att_rows *rows = NULL;
    int rc;
    if ((rc = cli_ctx_open(c, &ctx)))
        return rc;
    if (att_kb_lookup(ctx, arg, cli_get(c, "date"), &rows)) {
        cli_error("%s", att_errmsg(ctx));
        rc = CLI_FAILED;
    } else if (att_rows_count(rows) == 0) {
        cli_error("kb lookup: '%s' resolves to nothing", arg);
        rc = CLI_FAILED;
    } else {
        rc = cli_print_rows(c, rows, stdout);
    }
    att_rows_free(rows);
    att_ctx_close(ctx);
    return rc;
}

static int kb_check(cli *c, const char *arg)
{
    char msg[1024];
    (void)c;
    if (att_kb_check(arg, msg, sizeof(msg))) {
        cli_error("%s", msg);
        return CLI_FAILED;
    }
    printf("%s: ok\n", arg);
    return CLI_OK;
}

static const struct {
    const char *name;
    int (*run)(cli *c, const char *arg);
} actions[] = {
    {"lookup", kb_lookup},
    {"check", kb_check},
};

int cmd_kb(cli *c)
{
    for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
        if (strcmp(actions[i].name, c->args[0]) == 0)
            return actions[i].run(c, c->args[1]);
    cli_error("kb: no action '%s' (lookup NAME, check FILE)", c->args[0]);
    return CLI_USAGE;
}

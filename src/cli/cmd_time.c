/*
 * cmd_time.c - `attache time EXPRESSION [--dct DATE]`: one time expression,
 * normalised.  A handy tool, and a test driver for the temporal tagger.
 */
#include <string.h>

#include "cli.h"

int cmd_time(cli *c)
{
    att_ctx *ctx = NULL;
    char type[16], value[64];
    const char *dct = cli_get(c, "dct");
    int rc;
    if ((rc = cli_ctx_open(c, &ctx)))
        return rc;
    rc = att_time_resolve(ctx, c->args[0], c->aopts.lang_hint, dct, type, sizeof(type), value,
                          sizeof(value));
    if (rc) {
        cli_error("%s", att_errmsg(ctx));
        att_ctx_close(ctx);
        return rc == ATT_EINVAL ? CLI_USAGE : CLI_FAILED;
    }
    if (c->fmt == CLI_FMT_JSON) {
        printf("{\"text\":\"");
        for (const char *p = c->args[0]; *p; p++) {
            if (*p == '"' || *p == '\\')
                putchar('\\');
            if ((unsigned char)*p >= 0x20)
                putchar(*p);
        }
        printf("\",\"dct\":%s%s%s,\"type\":\"%s\",\"value\":\"%s\"}\n", dct ? "\"" : "",
               dct ? dct : "null", dct ? "\"" : "", type, value);
    } else {
        printf("%s\t%s\n", type, value);
    }
    att_ctx_close(ctx);
    return CLI_OK;
}

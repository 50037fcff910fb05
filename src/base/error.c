/*
 * error.c - error codes, their names, and the message kept on the context.
 *
 * Library code reports a failure by returning a negative ATT_E* code and
 * leaving a human message on the context (libgit2's habit); only the CLI
 * decides what a user sees.
 */
#include <stdio.h>
#include <string.h>

#include "base.h"

const char *att_strerror(int status)
{
    switch (status) {
    case ATT_OK: return "ok";
    case ATT_ENOMEM: return "out of memory";
    case ATT_EINVAL: return "invalid argument";
    case ATT_EIO: return "input/output error";
    case ATT_EUTF8: return "invalid UTF-8";
    case ATT_EFORMAT: return "malformed input";
    case ATT_EEMPTY: return "empty input";
    case ATT_EBINARY: return "binary input";
    case ATT_ESTORE: return "database error";
    case ATT_ENOTFOUND: return "not found";
    case ATT_ETOOBIG: return "input too large";
    default: return "unknown error";
    }
}

int att__err(att_ctx *ctx, int code, const char *fmt, ...)
{
    if (ctx) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ctx->errmsg, sizeof(ctx->errmsg), fmt, ap);
        va_end(ap);
        ctx->errcode = code;
    }
    return code;
}

void att__err_clear(att_ctx *ctx)
{
    if (ctx) {
        ctx->errmsg[0] = '\0';
        ctx->errcode = 0;
    }
}

const char *att_errmsg(const att_ctx *ctx)
{
    return ctx ? ctx->errmsg : "no context";
}

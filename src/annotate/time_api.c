/*
 * time_api.c - the public face of the temporal tagger for a single
 * expression (what `attache time` and library users call).
 */
#include <string.h>

#include "timex.h"

int att_time_resolve(att_ctx *ctx, const char *text, const char *lang, const char *dct,
                     char *type, size_t type_size, char *value, size_t value_size)
{
    char canon[32];
    int rc;
    if (!text || !type || !value || type_size == 0 || value_size == 0)
        return att__err(ctx, ATT_EINVAL, "att_time_resolve: missing argument");
    type[0] = value[0] = '\0';
    if (!*text)
        return att__err(ctx, ATT_EINVAL, "empty time expression");
    if (att__utf8_invalid_at(text, strlen(text)) != (size_t)-1)
        return att__err(ctx, ATT_EUTF8, "the expression is not valid UTF-8");
    if (dct && *dct) {
        if (att__date_parse(dct, strlen(dct), canon) == ATT_PREC_NONE)
            return att__err(ctx, ATT_EINVAL,
                            "'%s' is not a date (expected ISO 8601: 2025, 2025-05, 2025-05-10)",
                            dct);
        dct = canon;
    } else {
        dct = NULL;
    }
    rc = att__timex_resolve(text, strlen(text), lang, dct, type, type_size, value, value_size);
    if (rc == ATT_ENOTFOUND)
        return att__err(ctx, rc,
                        "'%s' is not a time expression, or names a date that does not exist",
                        text);
    if (rc)
        return att__err(ctx, rc, "'%s': %s", text, att_strerror(rc));
    return 0;
}

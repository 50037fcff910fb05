/*
 * pipeline.c - the context and the annotator chain.
 *
 * att_annotate() runs the annotators in their fixed order; each reads the
 * layers before it and adds one:
 *
 *   language id -> tokens -> sentences -> (entities -> timex -> figures ->
 *   quotes -> events, as those stages arrive)
 *
 * The order is a table so a stage is added in one place.  The context holds
 * what the stages share read-only across threads (the knowledge base) and
 * the last error message.
 */
#include <stdlib.h>
#include <string.h>

#include "../lang/lang.h"
#include "event.h"
#include "quantity.h"
#include "quote.h"
#include "timex.h"

static int stage_langid(att_ctx *ctx, att_doc *doc)
{
    const char *hint = ctx->opts.lang_hint;
    if (hint && *hint) {
        doc->lang = strcmp(hint, "de") == 0 ? "de" : strcmp(hint, "en") == 0 ? "en" : "und";
        return 0;
    }
    if (doc->lang && (strcmp(doc->lang, "de") == 0 || strcmp(doc->lang, "en") == 0))
        return 0; /* the source said so */
    doc->lang = att__langid(doc->text, doc->len, NULL);
    return 0;
}

static int stage_tokens(att_ctx *ctx, att_doc *doc)
{
    (void)ctx;
    return att__tokenize(doc);
}

static int stage_sentences(att_ctx *ctx, att_doc *doc)
{
    (void)ctx;
    return att__split_sentences(doc);
}

static int stage_timex(att_ctx *ctx, att_doc *doc)
{
    (void)ctx;
    return att__timex_annotate(doc);
}

static int stage_figures(att_ctx *ctx, att_doc *doc)
{
    (void)ctx;
    return att__quantity_annotate(doc);
}

static int stage_quotes(att_ctx *ctx, att_doc *doc)
{
    (void)ctx;
    return att__quote_annotate(doc);
}

static int stage_events(att_ctx *ctx, att_doc *doc)
{
    (void)ctx;
    return att__event_annotate(doc);
}

static const struct {
    const char *name;
    int (*run)(att_ctx *ctx, att_doc *doc);
} stages[] = {
    {"langid", stage_langid},
    {"tokens", stage_tokens},
    {"sentences", stage_sentences},
    {"timex", stage_timex},
    {"figures", stage_figures},
    {"quotes", stage_quotes},
    {"events", stage_events},
};

int att_annotate(att_ctx *ctx, att_doc *doc)
{
    if (!ctx || !doc)
        return att__err(ctx, ATT_EINVAL, "att_annotate: no context or document");
    for (size_t i = 0; i < ATT_ARRAY_LEN(stages); i++) {
        int rc = stages[i].run(ctx, doc);
        if (rc)
            return rc == ATT_ENOMEM ? att__err(ctx, rc, "%s: out of memory in %s",
                                               doc->source ? doc->source : doc->id, stages[i].name)
                                    : rc;
    }
    return 0;
}

int att_ctx_open(att_ctx **out, const att_options *opts)
{
    att_ctx *ctx;
    *out = NULL;
    ctx = calloc(1, sizeof(*ctx));
    if (!ctx)
        return ATT_ENOMEM;
    if (opts)
        ctx->opts = *opts;
    if (ctx->opts.lang_hint && strcmp(ctx->opts.lang_hint, "de") != 0 &&
        strcmp(ctx->opts.lang_hint, "en") != 0 && strcmp(ctx->opts.lang_hint, "auto") != 0) {
        free(ctx);
        return ATT_EINVAL;
    }
    if (ctx->opts.lang_hint && strcmp(ctx->opts.lang_hint, "auto") == 0)
        ctx->opts.lang_hint = NULL;
    *out = ctx;
    return 0;
}

void att_ctx_close(att_ctx *ctx)
{
    free(ctx);
}

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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../kb/kb.h"
#include "../lang/lang.h"
#include "entities.h"
#include "event.h"
#include "names.h"
#include "ner.h"
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

static int stage_entities(att_ctx *ctx, att_doc *doc)
{
    return att__entities_annotate(ctx, doc);
}

static int stage_names(att_ctx *ctx, att_doc *doc)
{
    return att__names_annotate(ctx, doc);
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
    {"entities", stage_entities},
    {"names", stage_names},
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
    {
        /* the embedded KB (shared, read-only) and the caller's overlay */
        att__kbset *kb = NULL;
        int rc = att__kbset_open(ctx, ctx->opts.kb_extra, &kb);
        if (rc) {
            free(ctx);
            return rc;
        }
        ctx->kb = kb;
    }
    *out = ctx;
    return 0;
}

void att_ctx_close(att_ctx *ctx)
{
    if (!ctx)
        return;
    att__kbset_free((att__kbset *)(uintptr_t)ctx->kb);
    att__ner_cache_free(ctx->ner_cache);
    free(ctx);
}

int att_kb_check(const char *path, char *msg, size_t size)
{
    att_ctx tmp;
    att__kbset *kb = NULL;
    int rc;
    memset(&tmp, 0, sizeof(tmp));
    rc = att__kbset_open(&tmp, path, &kb);
    att__kbset_free(kb);
    if (msg && size)
        snprintf(msg, size, "%s", rc ? tmp.errmsg : "");
    return rc;
}

/*
 * json_out.c - a document as one `extract` JSON object.
 *
 * This is attache's public data format (docs/extract-format.md): keys in a
 * fixed order, offsets as byte offsets into "text", every layer present (as
 * [] when empty), numbers printed so they read back exactly.  Written by
 * hand into a bounded buffer because it is the hot path of `extract`.
 */
#include <stdio.h>

#include "doc.h"

static int span(att_buf *b, uint32_t s, uint32_t e)
{
    return att__buf_printf(b, "[%u,%u]", s, e);
}

static int key(att_buf *b, const char *k, int first)
{
    return att__buf_printf(b, "%s\"%s\":", first ? "" : ",", k);
}

static int actor(att_buf *b, const att_doc *doc, const att_actor *a)
{
    const char *ent = a->entity >= 0 && (size_t)a->entity < doc->nent ? doc->ents[a->entity].id
                                                                       : NULL;
    return att__buf_adds(b, "{\"entity\":") || att__json_cstr(b, ent) ||
           att__buf_adds(b, ",\"code\":") || att__json_cstr(b, a->code) ||
           att__buf_addc(b, '}');
}

static int entities(att_buf *b, const att_doc *doc)
{
    int rc = att__buf_addc(b, '[');
    for (size_t i = 0; i < doc->nent && !rc; i++) {
        const att_entity *e = &doc->ents[i];
        rc = att__buf_adds(b, i ? ",{" : "{") || key(b, "id", 1) || att__json_cstr(b, e->id) ||
             key(b, "type", 0) || att__json_cstr(b, e->type) || key(b, "name", 0) ||
             att__json_cstr(b, e->name) || key(b, "code", 0) || att__json_cstr(b, e->code) ||
             key(b, "mentions", 0) || att__buf_addc(b, '[');
        for (size_t m = 0; m < e->nmentions && !rc; m++)
            rc = (m && att__buf_addc(b, ',')) || span(b, e->mentions[m].start, e->mentions[m].end);
        rc = rc || att__buf_adds(b, "]}");
    }
    return rc || att__buf_addc(b, ']');
}

static int timexes(att_buf *b, const att_doc *doc)
{
    int rc = att__buf_addc(b, '[');
    for (size_t i = 0; i < doc->ntimex && !rc; i++) {
        const att_timex *t = &doc->timex[i];
        rc = att__buf_printf(b, "%s{\"start\":%u,\"end\":%u,\"text\":", i ? "," : "", t->start,
                             t->end) ||
             att__json_str(b, doc->text + t->start, t->end - t->start) || key(b, "type", 0) ||
             att__json_cstr(b, t->type) || key(b, "value", 0) || att__json_cstr(b, t->value) ||
             key(b, "mod", 0) || att__json_cstr(b, t->mod) || att__buf_addc(b, '}');
    }
    return rc || att__buf_addc(b, ']');
}

static int events(att_buf *b, const att_doc *doc)
{
    int rc = att__buf_addc(b, '[');
    for (size_t i = 0; i < doc->nevent && !rc; i++) {
        const att_event *e = &doc->events[i];
        rc = att__buf_adds(b, i ? ",{" : "{") || key(b, "code", 1) || att__json_cstr(b, e->code) ||
             key(b, "root", 0) || att__json_cstr(b, e->root) ||
             att__buf_printf(b, ",\"quad\":%d,\"goldstein\":%.1f", e->quad, e->goldstein) ||
             key(b, "source", 0) || actor(b, doc, &e->source) || key(b, "target", 0) ||
             actor(b, doc, &e->target) || key(b, "date", 0) || att__json_cstr(b, e->date) ||
             key(b, "location", 0) || att__json_cstr(b, e->location) || key(b, "sentence", 0) ||
             span(b, e->sentence.start, e->sentence.end) || key(b, "trigger", 0) ||
             span(b, e->trigger.start, e->trigger.end) ||
             att__buf_printf(b, ",\"confidence\":%.2f}", e->confidence);
    }
    return rc || att__buf_addc(b, ']');
}

static int facts(att_buf *b, const att_doc *doc)
{
    int rc = att__buf_addc(b, '[');
    for (size_t i = 0; i < doc->nfact && !rc; i++) {
        const att_fact *f = &doc->facts[i];
        rc = att__buf_printf(b, "%s{\"start\":%u,\"end\":%u,\"kind\":", i ? "," : "", f->start,
                             f->end) ||
             att__json_cstr(b, f->kind) || att__buf_printf(b, ",\"value\":%.17g", f->value) ||
             key(b, "unit", 0) || att__json_cstr(b, f->unit) || key(b, "period", 0) ||
             att__json_cstr(b, f->period) || key(b, "actors", 0) || att__json_cstr(b, f->actors) ||
             key(b, "text", 0) || att__json_str(b, doc->text + f->start, f->end - f->start) ||
             att__buf_addc(b, '}');
    }
    return rc || att__buf_addc(b, ']');
}

static int quotes(att_buf *b, const att_doc *doc)
{
    int rc = att__buf_addc(b, '[');
    for (size_t i = 0; i < doc->nquote && !rc; i++) {
        const att_quote *q = &doc->quotes[i];
        const char *sp = q->speaker >= 0 && (size_t)q->speaker < doc->nent
                             ? doc->ents[q->speaker].id
                             : NULL;
        rc = att__buf_printf(b, "%s{\"start\":%u,\"end\":%u,\"speaker\":", i ? "," : "", q->start,
                             q->end) ||
             att__json_cstr(b, sp) || key(b, "cue", 0) ||
             (q->cue.end > q->cue.start ? span(b, q->cue.start, q->cue.end)
                                        : att__buf_adds(b, "null")) ||
             key(b, "text", 0) || att__json_str(b, doc->text + q->start, q->end - q->start) ||
             att__buf_addc(b, '}');
    }
    return rc || att__buf_addc(b, ']');
}

int att_doc_to_json(att_ctx *ctx, const att_doc *doc, char **out, size_t *len)
{
    att_buf b;
    int rc;
    *out = NULL;
    att__buf_init(&b, 0);
    rc = att__buf_reserve(&b, doc->len * 2 + 1024) || att__buf_adds(&b, "{\"id\":") ||
         att__json_cstr(&b, doc->id) || key(&b, "source", 0) || att__json_cstr(&b, doc->source) ||
         key(&b, "url", 0) || att__json_cstr(&b, doc->url) || key(&b, "title", 0) ||
         att__json_cstr(&b, doc->title) || key(&b, "published", 0) ||
         att__json_cstr(&b, doc->published) || key(&b, "lang", 0) ||
         att__json_cstr(&b, doc->lang ? doc->lang : "und") || key(&b, "text", 0) ||
         att__json_str(&b, doc->text, doc->len) || key(&b, "sentences", 0) ||
         att__buf_addc(&b, '[');
    for (size_t i = 0; i < doc->nsent && !rc; i++)
        rc = (i && att__buf_addc(&b, ',')) || span(&b, doc->sents[i].start, doc->sents[i].end);
    rc = rc || att__buf_addc(&b, ']') || key(&b, "entities", 0) || entities(&b, doc) ||
         key(&b, "timex", 0) || timexes(&b, doc) || key(&b, "events", 0) || events(&b, doc) ||
         key(&b, "facts", 0) || facts(&b, doc) || key(&b, "quotes", 0) || quotes(&b, doc);
    if (!rc && doc->ext_id)
        rc = key(&b, "source_id", 0) || att__json_cstr(&b, doc->ext_id);
    if (!rc && doc->meta_json)
        rc = key(&b, "meta", 0) || att__buf_adds(&b, doc->meta_json);
    rc = rc || att__buf_addc(&b, '}');
    if (rc) {
        att__buf_free(&b);
        return att__err(ctx, ATT_ENOMEM, "%s: out of memory writing JSON", doc->id);
    }
    *out = att__buf_detach(&b, len);
    return 0;
}

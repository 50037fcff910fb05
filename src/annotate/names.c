/*
 * names.c - names the knowledge base does not know, from the statistical
 * tagger (ner.c), joined to the entity layer.
 *
 * Runs after the KB stage (entities.c): every PER, LOC or ORG name the
 * tagger finds that no KB mention covers becomes a mention of an entity
 * of its own (id = type + slug of the name as written, no actor code: the
 * text does not say which state it belongs to).  Persons need a first and
 * a last name; a one-word place or organisation must recur; units after
 * figures ("5 Mrd. USD") and datelines ("Berlin. ...") are no names; German
 * text only, as the model is trained on German.  Because an entity without
 * a code is no party to an event, these names add coverage of who and what
 * an article mentions without adding guessed events.
 */
#include <stdlib.h>
#include <string.h>

#include "../kb/kb.h"
#include "entities.h"
#include "names.h"
#include "ner.h"

static int covered(const att_doc *d, uint32_t a, uint32_t b)
{
    for (size_t e = 0; e < d->nent; e++)
        for (size_t m = 0; m < d->ents[e].nmentions; m++) {
            const att_span *s = &d->ents[e].mentions[m];
            if (s->start < b && a < s->end)
                return 1;
        }
    return 0;
}

/* A person's name the tagger found ("Nguyen Van Ly", "Riad Haddad") takes
 * back a word the KB read as a city: a one-word place mention inside the
 * name and not at its end goes, and a place left without mentions with
 * it.  (Countries stay: "Haiti" ends no name the tagger is sure of.) */
static void release_places(att_doc *d, uint32_t a, uint32_t b)
{
    for (size_t e = 0; e < d->nent;) {
        att_entity *ent = &d->ents[e];
        if (ent->type && strcmp(ent->type, "place") == 0) {
            for (size_t m = 0; m < ent->nmentions;) {
                const att_span *sp = &ent->mentions[m];
                if (sp->start >= a && sp->end < b &&
                    !memchr(d->text + sp->start, ' ', sp->end - sp->start)) {
                    memmove(ent->mentions + m, ent->mentions + m + 1,
                            (ent->nmentions - m - 1) * sizeof(*ent->mentions));
                    ent->nmentions--;
                } else {
                    m++;
                }
            }
            if (ent->nmentions == 0) {
                memmove(d->ents + e, d->ents + e + 1, (d->nent - e - 1) * sizeof(*d->ents));
                d->nent--;
                continue;
            }
        }
        e++;
    }
}

/* The index of the token that starts at byte a, or d->ntok. */
static size_t token_at(const att_doc *d, uint32_t a)
{
    size_t lo = 0, hi = d->ntok;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->toks[mid].start < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->ntok && d->toks[lo].start == a ? lo : d->ntok;
}

/* Is the name at tokens [t, ...) no entity: a unit after a figure ("5 Mrd.
 * USD"), or a dateline ("Berlin. Die ...", a paragraph's first word and a
 * full stop)? */
static int not_an_entity(const att_doc *d, size_t t, uint32_t end)
{
    if (t >= d->ntok)
        return 1;
    if (t > 0 && (d->toks[t - 1].kind == ATT_TOK_NUMBER || d->toks[t - 1].kind == ATT_TOK_ABBREV))
        return 1;
    if ((t == 0 || (d->toks[t - 1].flags & ATT_TOKF_PARA))) {
        size_t k = t;
        while (k < d->ntok && d->toks[k].end <= end)
            k++;
        if (k < d->ntok && d->toks[k].end - d->toks[k].start == 1 &&
            d->text[d->toks[k].start] == '.')
            return 1;
    }
    return 0;
}

static size_t words_in(const att_doc *d, uint32_t a, uint32_t b)
{
    size_t n = 0;
    for (size_t t = 0; t < d->ntok; t++)
        if (d->toks[t].start >= a && d->toks[t].end <= b && d->toks[t].kind == ATT_TOK_WORD)
            n++;
    return n;
}

/* How many of the tagger's spans read exactly like span s. */
static size_t occurrences(const att__ner_span *spans, size_t n, const att_doc *d,
                          const att__ner_span *s)
{
    size_t len = s->end - s->start, c = 0;
    for (size_t i = 0; i < n; i++)
        if (spans[i].end - spans[i].start == len &&
            memcmp(d->text + spans[i].start, d->text + s->start, len) == 0)
            c++;
    return c;
}

int att__names_annotate(att_ctx *ctx, att_doc *doc)
{
    static const char *const types[] = {NULL, "person", "place", "org"};
    static const char *const prefixes[] = {NULL, "person", "place", "org"};
    att__ner_span *spans = NULL;
    size_t n = 0;
    int rc, added = 0;
    const att__ner_model *m = att__ner_model_default();

    if (!m || !doc->lang || strcmp(doc->lang, "de") != 0 || doc->ntok == 0)
        return 0;
    /* the word cache lives on the context; without memory for it the
     * tagger runs without */
    if (ctx && !ctx->ner_cache)
        ctx->ner_cache = att__ner_cache_new();
    if ((rc = att__ner_doc(m, ctx ? ctx->ner_cache : NULL, doc, &spans, &n)))
        return rc;
    for (size_t i = 0; i < n; i++)
        if (spans[i].type == ATT__NER_PER && words_in(doc, spans[i].start, spans[i].end) >= 2)
            release_places(doc, spans[i].start, spans[i].end);
    for (size_t i = 0; i < n; i++) {
        const att__ner_span *s = &spans[i];
        char name[256], slug[200], id[220];
        size_t len = s->end - s->start;
        int k = s->type == ATT__NER_PER   ? 1
                : s->type == ATT__NER_LOC ? 2
                : s->type == ATT__NER_ORG ? 3
                                          : 0;
        if (!k || len == 0 || len >= sizeof(name) || covered(doc, s->start, s->end) ||
            not_an_entity(doc, token_at(doc, s->start), s->end))
            continue;
        /* a person needs a first and a last name; a one-word place or
         * organisation must be named twice, so one stray capitalised noun
         * ("Tarifen") is not taken for a name */
        if (words_in(doc, s->start, s->end) < 2 && (k == 1 || occurrences(spans, n, doc, s) < 2))
            continue;
        memcpy(name, doc->text + s->start, len);
        name[len] = '\0';
        if (att__kb_slug(name, slug, sizeof(slug)) == (size_t)-1 || !*slug)
            continue;
        snprintf(id, sizeof(id), "%s:%s", prefixes[k], slug);
        rc = att__entities_add(doc, id, types[k], name, NULL, s->start, s->end);
        if (rc < 0) {
            free(spans);
            return rc;
        }
        added = 1;
    }
    free(spans);
    if (added)
        att__entities_sort(doc);
    return 0;
}

/*
 * quote.c - direct quotations and who said them.
 *
 * A quotation is the text between a pair of quotation marks of one style
 * („…“, »…«, «…», “…”, "…") that holds at least MIN_WORDS words (shorter
 * ones are scare quotes and names: „Rosneft“).  Its speaker comes from the
 * speech cue next to it:
 *
 *   after it:   „…“, so Tokajew wörtlich.   „…“, sagte Putin.   "…," Costa said.
 *   before it:  Putin erklärte: „…“        Costa said: "…"
 *
 * The speaker is the person (else any actor) the entity layer found in the
 * cue; "er"/"he" stands for the last person named before the quotation.
 * The cue span runs from the speech verb to the speaker.
 */
#include <string.h>

#include "quote.h"

#define MIN_WORDS 5
#define CUE_WINDOW 8
#define WORD_MAX 64

static const char *const speech_verbs[] = {
    "so", "sagte", "sagten", "sagt", "erklärte", "erklärten", "erklärt", "betonte", "betonten",
    "meinte", "fügte", "unterstrich", "hob", "sprach", "bekräftigte", "versicherte",
    "kündigte", "warnte", "forderte", "schrieb", "teilte", "zitiert", "zufolge", "laut",
    "said", "says", "told", "added", "stated", "noted", "stressed", "wrote", "according",
    "declared", "insisted", "warned", NULL,
};

typedef struct qpair {
    const char *open, *close;
} qpair;

static const qpair pairs[] = {
    {"„", "“"}, {"»", "«"}, {"«", "»"}, {"“", "”"}, {"\"", "\""}, {"‚", "‘"},
};

static int tok_is(const att_doc *d, size_t i, const char *s)
{
    size_t n = d->toks[i].end - d->toks[i].start;
    return strlen(s) == n && memcmp(d->text + d->toks[i].start, s, n) == 0;
}

static int is_speech_verb(const att_doc *d, size_t i)
{
    char w[WORD_MAX];
    att__utf8_lower(d->text + d->toks[i].start, d->toks[i].end - d->toks[i].start, w, sizeof w);
    for (const char *const *v = speech_verbs; *v; v++)
        if (strcmp(w, *v) == 0)
            return 1;
    return 0;
}

static int is_pronoun(const att_doc *d, size_t i)
{
    return tok_is(d, i, "er") || tok_is(d, i, "Er") || tok_is(d, i, "he") ||
           tok_is(d, i, "He") || tok_is(d, i, "she") || tok_is(d, i, "She");
}

/* The entity with a mention inside [a,b) of the text, persons first; -1. */
static int actor_in(const att_doc *d, uint32_t a, uint32_t b)
{
    int best = -1, best_person = 0;
    uint32_t best_at = UINT32_MAX;
    for (size_t e = 0; e < d->nent; e++) {
        const att_entity *x = &d->ents[e];
        int person = x->type && strcmp(x->type, "person") == 0;
        for (size_t m = 0; m < x->nmentions; m++) {
            const att_span *s = &x->mentions[m];
            if (s->start < a || s->end > b)
                continue;
            if (person > best_person || (person == best_person && s->start < best_at)) {
                best = (int)e;
                best_person = person;
                best_at = s->start;
            }
        }
    }
    return best;
}

/* The last person mentioned before offset at; -1. */
static int person_before(const att_doc *d, uint32_t at)
{
    int best = -1;
    uint32_t best_at = 0;
    for (size_t e = 0; e < d->nent; e++) {
        const att_entity *x = &d->ents[e];
        if (!x->type || strcmp(x->type, "person") != 0)
            continue;
        for (size_t m = 0; m < x->nmentions; m++)
            if (x->mentions[m].end <= at && x->mentions[m].start >= best_at) {
                best = (int)e;
                best_at = x->mentions[m].start;
            }
    }
    return best;
}

/* Looks for a cue in tokens [a,b): a speech verb, then the speaker within
 * the window (either order).  Returns the speaker or -1; sets the cue. */
static int find_cue(const att_doc *d, size_t a, size_t b, att_span *cue, uint32_t quote_at)
{
    for (size_t i = a; i < b; i++) {
        size_t lo, hi;
        int sp;
        if (!is_speech_verb(d, i))
            continue;
        lo = i >= a + 3 ? i - 3 : a;
        hi = i + CUE_WINDOW < b ? i + CUE_WINDOW : b;
        sp = actor_in(d, d->toks[lo].start, d->toks[hi - 1].end);
        for (size_t k = lo; sp < 0 && k < hi; k++)
            if (is_pronoun(d, k))
                sp = person_before(d, quote_at);
        if (sp >= 0) {
            cue->start = d->toks[i < lo ? lo : i].start;
            cue->end = d->toks[hi - 1].end;
            /* end the cue at the speaker's mention when it follows the verb */
            for (size_t m = 0; m < d->ents[sp].nmentions; m++) {
                const att_span *s = &d->ents[sp].mentions[m];
                if (s->start >= d->toks[lo].start && s->end <= d->toks[hi - 1].end) {
                    if (s->start < cue->start)
                        cue->start = s->start;
                    else
                        cue->end = s->end;
                    break;
                }
            }
            return sp;
        }
    }
    return -1;
}

int att__quote_annotate(att_doc *doc)
{
    const att_doc *d = doc;
    doc->nquote = 0;
    for (size_t i = 0; i < d->ntok; i++) {
        const qpair *p = NULL;
        size_t j, words = 0;
        if (d->toks[i].kind != ATT_TOK_QUOTE && d->toks[i].kind != ATT_TOK_PUNCT)
            continue;
        for (size_t k = 0; k < ATT_ARRAY_LEN(pairs) && !p; k++)
            if (tok_is(d, i, pairs[k].open))
                p = &pairs[k];
        if (!p)
            continue;
        /* the closing mark, within the paragraph */
        for (j = i + 1; j < d->ntok; j++) {
            if (tok_is(d, j, p->close))
                break;
            if (d->toks[j].kind == ATT_TOK_WORD)
                words++;
            if (d->toks[j - 1].flags & ATT_TOKF_PARA) {
                j = d->ntok;
                break;
            }
        }
        if (j >= d->ntok || j == i + 1)
            continue;
        if (words >= MIN_WORDS) {
            att_quote q;
            size_t after_end = j + 1 + CUE_WINDOW < d->ntok ? j + 1 + CUE_WINDOW : d->ntok;
            size_t before_start = i;
            /* before it: back to the start of its sentence */
            while (before_start > 0 && i - before_start < CUE_WINDOW &&
                   !(d->toks[before_start - 1].flags & (ATT_TOKF_SENT_END | ATT_TOKF_PARA)))
                before_start--;
            memset(&q, 0, sizeof(q));
            q.start = d->toks[i + 1].start;
            q.end = d->toks[j - 1].end;
            q.speaker = -1;
            /* after the quotation, up to the end of its sentence */
            for (size_t k = j + 1; k < after_end; k++)
                if (d->toks[k - 1].flags & (ATT_TOKF_SENT_END | ATT_TOKF_PARA)) {
                    after_end = k;
                    break;
                }
            if (after_end > j + 1)
                q.speaker = find_cue(d, j + 1, after_end, &q.cue, q.start);
            /* before it: "X sagte: „…“" */
            if (q.speaker < 0 && i > 0 && tok_is(d, i - 1, ":"))
                q.speaker = find_cue(d, before_start, i - 1, &q.cue, q.start);
            if (ATT_PUSH(doc->quotes, doc->nquote, doc->cquote, q))
                return ATT_ENOMEM;
        }
        i = j;
    }
    return 0;
}

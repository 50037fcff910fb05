/*
 * event.c - the CAMEO event coder: who did what to whom, when and where.
 *
 * Native German (and English) coding over the layers before it; no parser,
 * but the cues German itself gives:
 *
 *   1. actors: the entity mentions of a sentence become actor phrases;
 *      neighbours that name one actor ("Kasachstans Präsident ... Tokajew",
 *      "seinem russischen Amtskollegen, Wladimir Putin") are joined, with a
 *      person as head; each phrase knows its governing preposition ("mit",
 *      "nach", "gegen") and whether an oblique article marks it as an
 *      object ("den", "dem", "seinem");
 *   2. triggers: words from the lexicon (data/events-de.tsv), with their
 *      companion words ("traf ... ein", "verhängte Sanktionen") anywhere in
 *      the sentence, the most specific rule winning;
 *   3. arguments by the rule's frame: the subject is the first actor phrase
 *      that is neither in a prepositional phrase nor oblique (or the
 *      antecedent of a relative pronoun or of "er"); the target is the
 *      object, the phrase after a listed preposition, a coordinated second
 *      participant, "beide Seiten" (the article's two parties), or — for
 *      rules marked `partner` — the source's counterpart in the article;
 *   4. visits yield two events (042 visitor -> host, 043 host -> visitor)
 *      and a visited country stands for its government person named in the
 *      article;
 *   5. the date is the governing time expression's value at calendar
 *      precision, else the article's occasion (its publication date, or the
 *      first day-precise date it names), none for "bislang"/"so far";
 *   6. repeated mentions of one interaction (same root, same source and
 *      target actors, same date) are merged.
 *
 * Actor codes come from the entity layer (a person's code at the document
 * date); a country adjective before "Truppen"/"Armee" makes a MIL actor.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cameo.h"
#include "event.h"
#include "timex.h"

#define MAX_NP 64
#define WORD_MAX 64

typedef struct actor_np {
    size_t t0, t1;    /* tokens [t0,t1) */
    int ent;          /* head entity, -1 none */
    int rank;         /* head kind: 4 person, 3 org, 2 country, 1 place */
    char code[16];    /* actor code */
    const char *prep; /* governing preposition, or NULL */
    int oblique;      /* marked as an object by its article */
    int coord_next;   /* joined to the next phrase by und/sowie/and */
} actor_np;

typedef struct mention {
    uint32_t start, end;
    int ent;
} mention;

typedef struct coder {
    att_doc *doc;
    int german;
    mention *ms;
    size_t nms;
    /* the article so far: the actors in order of appearance, for the
     * counterpart, "beide Seiten" and pronouns */
    struct {
        int ent;
        char code[16];
    } seen[256];
    size_t nseen;
    int last_person;  /* entity of the last person phrase, -1 none */
    int last_subject; /* entity of the last person that was a source, -1 none */
    char occasion[32];
} coder;

/* ---- small word helpers ---------------------------------------------------- */

static const char *lower_tok(const att_doc *d, size_t i, char *buf)
{
    const att_token *t = &d->toks[i];
    att__utf8_lower(d->text + t->start, t->end - t->start, buf, WORD_MAX);
    return buf;
}

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return 1;
    return 0;
}

/* Is w one of the '|'- or ','-separated words of list (prefix match when
 * prefix is set)? */
static int in_sep_list(const char *w, const char *list, int prefix)
{
    size_t wl = strlen(w);
    while (*list) {
        const char *e = list;
        size_t n;
        while (*e && *e != '|' && *e != ',')
            e++;
        n = (size_t)(e - list);
        if (n && (prefix ? wl >= n && strncmp(w, list, n) == 0 : wl == n && strncmp(w, list, n) == 0))
            return 1;
        list = *e ? e + 1 : e;
    }
    return 0;
}

static const char *const preps_de[] = {
    "mit", "nach", "in", "im", "an", "am", "auf", "gegen", "bei", "beim", "zu", "zum", "zur",
    "von", "vom", "aus", "für", "über", "zwischen", "seitens", "um", "durch", "unter", "vor",
    "with", "to", "in", "at", "on", "against", "from", "for", "by", "between", "of", "into",
    NULL,
};
static const char *const oblique_de[] = {
    "den", "dem", "einen", "einem", "seinen", "seinem", "ihren", "ihrem", "unseren",
    "unserem", "dessen", "deren", NULL,
};
/* Words that may stand inside one actor phrase between two mentions. */
static const char *const glue[] = {
    "der", "die", "das", "des", "den", "dem", "von", "aus", "seinem", "seinen", "seiner",
    "sein", "ihr", "ihrem", "ihren", ",", "the", "of", "from", "his", "her", "its", NULL,
};
static const char *const coordinators[] = {"und", "sowie", "and", NULL};
/* Determiners that may open an actor phrase. */
static const char *const determiners[] = {
    "der", "die", "das", "des", "ein", "eine", "einer", "eines", "sein", "seine", "seiner",
    "ihr", "ihre", "ihrer", "the", "a", "an", "his", "her", "its", "their", NULL,
};
/* Role nouns that may stand at the head of an actor phrase
 * ("den Außenminister von Aserbaidschan Jeyhun Bayramov"). */
static const char *const role_nouns[] = {
    "präsident", "präsidenten", "präsidentin", "außenminister", "außenministerin",
    "amtskollege", "amtskollegen", "amtskollegin", "premierminister", "premierministerin",
    "ministerpräsident", "ministerpräsidenten", "staatschef", "staatschefs", "regierungschef",
    "kanzler", "bundeskanzler", "bundeskanzlerin", "minister", "ministerin", "botschafter",
    "staatsoberhaupt", "vorsitzende", "vorsitzenden", "chef", "sprecher", "sprecherin",
    "verteidigungsminister", "gegenüber", "counterpart", "president", "minister", "prime",
    "foreign", "secretary", "chancellor", "ambassador", "king", "leader", "spokesman", NULL,
};
static const char *const relatives[] = {"der", "die", "das", "welcher", "welche", "who", "which",
                                        NULL};
static const char *const pronouns[] = {"er", "he", "she", NULL};
static const char *const both_sides[] = {"beide", "beiden", "both", NULL};
static const char *const both_heads[] = {"seiten", "länder", "staaten", "präsidenten",
                                         "außenminister", "staatschefs", "regierungen",
                                         "sides", "countries", "leaders", "presidents",
                                         "ministers", NULL};
static const char *const military_nouns[] = {
    "truppen", "streitkräfte", "armee", "soldaten", "militär", "kräfte", "einheiten",
    "troops", "forces", "army", "soldiers", "military", NULL,
};
static const char *const passive_aux[] = {"wurde", "wurden", "werden", "wird", "worden", "was",
                                          "were", NULL};
static const char *const no_occasion[] = {"bislang", "bisher", "seither", "so", NULL};

/* ---- actors ------------------------------------------------------------------ */

static int type_rank(const char *type)
{
    if (!type)
        return 0;
    if (strcmp(type, "person") == 0)
        return 4;
    if (strcmp(type, "org") == 0)
        return 3;
    if (strcmp(type, "country") == 0)
        return 2;
    if (strcmp(type, "place") == 0)
        return 1;
    return 0;
}

static int cmp_mention(const void *a, const void *b)
{
    const mention *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

static int collect_mentions(coder *c)
{
    att_doc *d = c->doc;
    size_t n = 0;
    for (size_t e = 0; e < d->nent; e++)
        n += d->ents[e].nmentions;
    c->ms = n ? malloc(n * sizeof(*c->ms)) : NULL;
    if (n && !c->ms)
        return ATT_ENOMEM;
    for (size_t e = 0; e < d->nent; e++)
        for (size_t m = 0; m < d->ents[e].nmentions; m++) {
            mention x = {d->ents[e].mentions[m].start, d->ents[e].mentions[m].end, (int)e};
            c->ms[c->nms++] = x;
        }
    qsort(c->ms, c->nms, sizeof(*c->ms), cmp_mention);
    return 0;
}

static int same_country(const char *a, const char *b)
{
    return a && b && strlen(a) >= 3 && strlen(b) >= 3 && strncmp(a, b, 3) == 0;
}

/* The token index holding byte offset off (first token ending after it). */
static size_t tok_at(const att_doc *d, size_t a, size_t b, uint32_t off)
{
    while (a < b && d->toks[a].end <= off)
        a++;
    return a;
}

static void np_from_mention(coder *c, const mention *m, size_t ta, size_t tb, actor_np *np)
{
    const att_entity *e = &c->doc->ents[m->ent];
    char w[WORD_MAX];
    memset(np, 0, sizeof(*np));
    np->t0 = tok_at(c->doc, ta, tb, m->start);
    np->t1 = tok_at(c->doc, np->t0, tb, m->end - 1) + 1;
    if (np->t1 > tb)
        np->t1 = tb;
    np->ent = m->ent;
    np->rank = type_rank(e->type);
    snprintf(np->code, sizeof(np->code), "%s", e->code ? e->code : "");
    /* "aserbaidschanische Truppen": the country's armed forces */
    if (np->rank == 2 && np->t1 < tb &&
        in_list(lower_tok(c->doc, np->t1, w), military_nouns) && strlen(np->code) == 3) {
        snprintf(np->code + 3, sizeof(np->code) - 3, "MIL");
        np->t1++;
    }
}

static int adjective_like(const char *w)
{
    size_t n = strlen(w);
    return n >= 4 && (w[n - 1] == 'e' || ((w[n - 1] == 'n' || w[n - 1] == 'r' ||
                                            w[n - 1] == 's' || w[n - 1] == 'm') &&
                                           w[n - 2] == 'e'));
}

/* Sets prep and oblique from the words before the phrase: walks back over
 * determiners, adjectives and role nouns (and "von"/"aus"/"of" after a role
 * noun) to the word that opens the phrase. */
static void np_context(coder *c, size_t ta, actor_np *np)
{
    char w[WORD_MAX], v[WORD_MAX];
    size_t i = np->t0;
    int steps = 0;
    while (i > ta && steps < 6) {
        const att_token *t = &c->doc->toks[i - 1];
        const char *lw = lower_tok(c->doc, i - 1, w);
        if ((strcmp(lw, "von") == 0 || strcmp(lw, "aus") == 0 || strcmp(lw, "of") == 0) &&
            i - 1 > ta && in_list(lower_tok(c->doc, i - 2, v), role_nouns)) {
            i--;
            steps++;
            continue;
        }
        if (in_list(lw, preps_de)) {
            for (const char *const *p = preps_de; *p; p++)
                if (strcmp(*p, lw) == 0)
                    np->prep = *p;
            return;
        }
        if (in_list(lw, oblique_de))
            np->oblique = 1;
        else if (t->kind != ATT_TOK_WORD ||
                 !(in_list(lw, determiners) || in_list(lw, role_nouns) ||
                   (!(t->flags & ATT_TOKF_UPPER) && adjective_like(lw))))
            return;
        i--;
        steps++;
    }
}

static int glue_between(coder *c, size_t a, size_t b)
{
    char w[WORD_MAX];
    if (b < a || b - a > 5)
        return 0;
    for (size_t i = a; i < b; i++) {
        const att_token *t = &c->doc->toks[i];
        const char *lw = lower_tok(c->doc, i, w);
        if (in_list(lw, glue))
            continue;
        /* titles and adjectives: "Präsident", "russischen", "Amtskollegen" */
        if (t->kind == ATT_TOK_WORD && !in_list(lw, coordinators))
            continue;
        return 0;
    }
    return 1;
}

/* Builds the actor phrases of tokens [ta,tb). */
static size_t build_nps(coder *c, size_t ta, size_t tb, actor_np *nps)
{
    const att_doc *d = c->doc;
    uint32_t sa = d->toks[ta].start, sb = d->toks[tb - 1].end;
    size_t n = 0;
    char w[WORD_MAX];
    for (size_t i = 0; i < c->nms && n < MAX_NP; i++) {
        const mention *m = &c->ms[i];
        actor_np np;
        if (m->start < sa || m->end > sb)
            continue;
        np_from_mention(c, m, ta, tb, &np);
        if (np.rank == 0 || (!np.code[0] && np.rank != 4))
            continue;
        if (n > 0) {
            actor_np *prev = &nps[n - 1];
            if (np.t0 < prev->t1)
                continue; /* overlapping mention */
            if (glue_between(c, prev->t1, np.t0) &&
                (same_country(prev->code, np.code) || !prev->code[0] || !np.code[0]) &&
                (prev->rank != np.rank || prev->rank == 4)) {
                if (np.rank > prev->rank || (np.rank == prev->rank && np.code[0])) {
                    prev->ent = np.ent;
                    prev->rank = np.rank;
                    memcpy(prev->code, np.code, sizeof(np.code));
                }
                prev->t1 = np.t1;
                continue;
            }
        }
        nps[n++] = np;
    }
    for (size_t i = 0; i < n; i++) {
        np_context(c, ta, &nps[i]);
        if (i + 1 < n && nps[i + 1].t0 == nps[i].t1 + 1 &&
            in_list(lower_tok(d, nps[i].t1, w), coordinators))
            nps[i].coord_next = 1;
    }
    /* a country with no code of its own stands for nothing; persons without
     * a code (unknown country) are dropped here */
    for (size_t i = 0; i < n;)
        if (!nps[i].code[0]) {
            memmove(nps + i, nps + i + 1, (n - i - 1) * sizeof(*nps));
            n--;
        } else {
            i++;
        }
    return n;
}

/* ---- article context ------------------------------------------------------------ */

static void remember(coder *c, const actor_np *np)
{
    if (c->nseen == ATT_ARRAY_LEN(c->seen)) {
        memmove(c->seen, c->seen + 1, (c->nseen - 1) * sizeof(c->seen[0]));
        c->nseen--;
    }
    c->seen[c->nseen].ent = np->ent;
    memcpy(c->seen[c->nseen].code, np->code, sizeof(np->code));
    c->nseen++;
    if (np->rank == 4)
        c->last_person = np->ent;
}

/* The last actor seen whose country differs from code's. */
static int counterpart(const coder *c, const char *code, int *ent, char out[16])
{
    for (size_t i = c->nseen; i-- > 0;)
        if (!same_country(c->seen[i].code, code) && strncmp(c->seen[i].code, "IGO", 3) != 0) {
            *ent = c->seen[i].ent;
            memcpy(out, c->seen[i].code, 16);
            return 1;
        }
    return 0;
}

/* The government person of country code cc the article names first. */
static int host_of(const coder *c, const char *cc, int *ent, char out[16])
{
    const att_doc *d = c->doc;
    int best = -1;
    uint32_t best_at = UINT32_MAX;
    for (size_t e = 0; e < d->nent; e++) {
        const att_entity *x = &d->ents[e];
        if (!x->code || strcmp(x->type, "person") != 0 || strlen(x->code) < 6 ||
            strncmp(x->code, cc, 3) != 0 || strcmp(x->code + 3, "GOV") != 0 || !x->nmentions)
            continue;
        if (x->mentions[0].start < best_at) {
            best_at = x->mentions[0].start;
            best = (int)e;
        }
    }
    if (best < 0)
        return 0;
    *ent = best;
    snprintf(out, 16, "%s", d->ents[best].code);
    return 1;
}

/* ---- dates ---------------------------------------------------------------------- */

static int is_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* A TIMEX3 value as an event date: calendar values as they are
 * (2024, 2024-04, 2024-04-17, 2023-FA, XXXX-09-01); a value whose year is
 * known but not its finer parts (2024-WXX-1) becomes the publication date
 * when it lies in that year, else the year; anything else: none. */
static int event_date(const att_doc *d, const char *v, char out[32])
{
    size_t n = strlen(v);
    out[0] = '\0';
    if (n == 4 && is_digits(v, 4))
        goto keep;
    if (n >= 7 && is_digits(v, 4) && v[4] == '-' && !strchr(v, 'X')) {
        if ((n == 7 && is_digits(v + 5, 2)) || (n == 10 && is_digits(v + 5, 2) && v[7] == '-' &&
                                                is_digits(v + 8, 2)) ||
            (n == 7 && (strcmp(v + 5, "SP") == 0 || strcmp(v + 5, "SU") == 0 ||
                        strcmp(v + 5, "FA") == 0 || strcmp(v + 5, "WI") == 0)))
            goto keep;
        if (n == 7 && v[5] == 'Q')
            goto keep;
    }
    if (n == 10 && strncmp(v, "XXXX-", 5) == 0 && is_digits(v + 5, 2) && v[7] == '-' &&
        is_digits(v + 8, 2))
        goto keep;
    if (n > 4 && is_digits(v, 4)) {
        if (d->published && strncmp(d->published, v, 4) == 0)
            snprintf(out, 32, "%.10s", d->published);
        else
            snprintf(out, 32, "%.4s", v);
        return 1;
    }
    return 0;
keep:
    snprintf(out, 32, "%s", v);
    return 1;
}

static void find_occasion(coder *c)
{
    const att_doc *d = c->doc;
    c->occasion[0] = '\0';
    if (d->published) {
        snprintf(c->occasion, sizeof(c->occasion), "%.10s", d->published);
        return;
    }
    for (size_t i = 0; i < d->ntimex; i++) {
        const char *v = d->timex[i].value;
        size_t n = v ? strlen(v) : 0;
        if (n == 10 && v[7] == '-' && is_digits(v + 5, 2) && is_digits(v + 8, 2) &&
            (is_digits(v, 4) || strncmp(v, "XXXX", 4) == 0)) {
            snprintf(c->occasion, sizeof(c->occasion), "%s", v);
            return;
        }
    }
}

/* ---- triggers ------------------------------------------------------------------- */

static int form_cmp(const char *lang, const char *w, const att__event_form *f)
{
    int r = strcmp(lang, f->lang);
    return r ? r : strcmp(w, f->form);
}

/* The most specific rule for token i whose companion words stand in
 * [ta,tb), or -1. */
static int match_rule(coder *c, size_t i, size_t ta, size_t tb)
{
    const char *lang = c->german ? "de" : "en";
    char w[WORD_MAX], x[WORD_MAX];
    size_t lo = 0, hi = att__event_nforms;
    int best = -1, best_spec = -1;
    lower_tok(c->doc, i, w);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (form_cmp(lang, w, &att__event_forms[mid]) > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < att__event_nforms && form_cmp(lang, w, &att__event_forms[lo]) == 0; lo++) {
        const att__event_rule *r = &att__event_rules[att__event_forms[lo].rule];
        int spec = r->with[0] != '\0';
        if (spec) {
            int found = 0;
            for (size_t k = ta; k < tb && !found; k++)
                found = k != i && in_sep_list(lower_tok(c->doc, k, x), r->with, 1);
            if (!found)
                continue;
        }
        if (spec > best_spec) {
            best = att__event_forms[lo].rule;
            best_spec = spec;
        }
    }
    return best;
}

/* ---- arguments ------------------------------------------------------------------ */

static int is_passive(coder *c, size_t ta, size_t tb)
{
    char w[WORD_MAX];
    for (size_t k = ta; k < tb; k++)
        if (in_list(lower_tok(c->doc, k, w), passive_aux))
            return 1;
    return 0;
}

/* The subject phrase for a trigger at token t, or -1; *pron is set when a
 * pronoun stands for it (then the caller uses the last person). */
static int subject_of(coder *c, const actor_np *nps, size_t n, size_t ta, size_t t, int *pron)
{
    char w[WORD_MAX];
    *pron = 0;
    /* ", der ... eingetroffen ist": the antecedent of a relative pronoun */
    for (size_t k = t; k > ta + 1; k--) {
        const char *lw = lower_tok(c->doc, k - 1, w);
        if (in_list(lw, relatives) && c->doc->toks[k - 2].kind == ATT_TOK_PUNCT) {
            for (size_t i = n; i-- > 0;)
                if (nps[i].t1 <= k - 2)
                    return (int)i;
            break;
        }
        if (c->doc->toks[k - 1].kind == ATT_TOK_PUNCT && lw[0] == ',')
            break;
    }
    for (size_t i = 0; i < n; i++)
        if (!nps[i].prep && !nps[i].oblique && (c->german || nps[i].t0 < t))
            return (int)i;
    for (size_t k = ta; k < t + 3 && k < c->doc->ntok; k++)
        if (in_list(lower_tok(c->doc, k, w), pronouns)) {
            *pron = 1;
            return -1;
        }
    return -1;
}

static int both_sides_in(coder *c, size_t ta, size_t tb)
{
    char w[WORD_MAX];
    for (size_t k = ta; k + 1 < tb; k++)
        if (in_list(lower_tok(c->doc, k, w), both_sides) &&
            in_list(lower_tok(c->doc, k + 1, w), both_heads))
            return 1;
    return 0;
}

/* The last two actors of different countries seen in the article. */
static int participants(const coder *c, int ent[2], char code[2][16])
{
    int found = 0;
    for (size_t i = c->nseen; i-- > 0 && found < 2;) {
        if (strncmp(c->seen[i].code, "IGO", 3) == 0)
            continue;
        if (found == 1 && same_country(c->seen[i].code, code[0]))
            continue;
        ent[found] = c->seen[i].ent;
        memcpy(code[found], c->seen[i].code, 16);
        found++;
    }
    if (found == 2) { /* in order of appearance */
        int te = ent[0];
        char tc[16];
        ent[0] = ent[1];
        ent[1] = te;
        memcpy(tc, code[0], 16);
        memcpy(code[0], code[1], 16);
        memcpy(code[1], tc, 16);
    }
    return found == 2;
}

/* ---- events -------------------------------------------------------------------- */

static double clamp(double x) { return x < 0.05 ? 0.05 : x > 0.95 ? 0.95 : x; }

static int add_event(coder *c, const char *code, int sent, char scode[16], int tent,
                     char tcode[16], const char *date, const char *loc, size_t s, size_t trig,
                     double conf)
{
    att_doc *d = c->doc;
    const att__cameo_code *cc = att__cameo_find(code);
    att_event ev;
    uint32_t ss = d->sents[s].start, se = d->sents[s].end;
    if (!cc || !scode[0] || !tcode[0] || same_country(scode, tcode))
        return 0;
    /* one interaction said twice is one event */
    for (size_t i = 0; i < d->nevent; i++) {
        att_event *o = &d->events[i];
        int same_src = sent >= 0 ? o->source.entity == sent : strcmp(o->source.code, scode) == 0;
        int same_tgt = tent >= 0 ? o->target.entity == tent : strcmp(o->target.code, tcode) == 0;
        if (strncmp(o->code, code, 2) == 0 && same_src && same_tgt &&
            ((!o->date && !date) || !o->date || !date || strcmp(o->date, date) == 0)) {
            if (conf > o->confidence)
                o->confidence = conf;
            return 0;
        }
    }
    memset(&ev, 0, sizeof(ev));
    ev.code = cc->code;
    ev.root = att__arena_strndup(&d->arena, code, 2);
    ev.quad = cc->quad;
    ev.goldstein = cc->goldstein;
    ev.source.entity = sent;
    ev.source.code = att__arena_strdup(&d->arena, scode);
    ev.target.entity = tent;
    ev.target.code = att__arena_strdup(&d->arena, tcode);
    ev.date = date && *date ? att__arena_strdup(&d->arena, date) : NULL;
    ev.location = loc;
    ev.sentence.start = ss;
    ev.sentence.end = se;
    ev.trigger.start = d->toks[trig].start;
    ev.trigger.end = d->toks[trig].end;
    ev.confidence = clamp(conf);
    if (!ev.root || !ev.source.code || !ev.target.code)
        return ATT_ENOMEM;
    return ATT_PUSH(d->events, d->nevent, d->cevent, ev);
}

/* Dates for an event at trigger token t: one per coordinated year ("zwei
 * Kriege 2020 und 2023"), else the governing expression, else the occasion. */
static size_t dates_for(coder *c, size_t s, size_t ta, size_t tb, size_t t, char dates[4][32])
{
    att_doc *d = c->doc;
    size_t n = 0;
    char w[WORD_MAX];
    uint32_t sa = d->sents[s].start, sb = d->sents[s].end;
    int g;
    /* several years side by side in the sentence */
    for (size_t i = 0; i < d->ntimex && n < 4; i++) {
        const att_timex *x = &d->timex[i];
        if (x->start >= sa && x->end <= sb && x->end - x->start == 4 && x->value &&
            is_digits(x->value, 4) && strlen(x->value) == 4)
            snprintf(dates[n++], 32, "%s", x->value);
    }
    if (n >= 2) {
        /* only when they are coordinated right after the trigger phrase */
        int coord = 0;
        for (size_t k = ta; k < tb; k++)
            coord |= in_list(lower_tok(d, k, w), coordinators) && k > 0 &&
                     d->toks[k - 1].kind == ATT_TOK_NUMBER && k + 1 < tb &&
                     d->toks[k + 1].kind == ATT_TOK_NUMBER;
        if (coord)
            return n;
    }
    n = 0;
    g = att__timex_governing(d, d->toks[t].start, d->toks[t].end);
    if (g >= 0 && d->timex[g].value) {
        if (event_date(d, d->timex[g].value, dates[0]))
            return 1;
        dates[0][0] = '\0';
        return 1;
    }
    for (size_t k = ta; k < tb; k++)
        if (in_list(lower_tok(d, k, w), no_occasion) && strcmp(w, "so") != 0) {
            dates[0][0] = '\0';
            return 1;
        }
    snprintf(dates[0], 32, "%s", c->occasion);
    return 1;
}

static const char *location_of(coder *c, const actor_np *nps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (nps[i].rank == 1 && nps[i].prep &&
            (strcmp(nps[i].prep, "in") == 0 || strcmp(nps[i].prep, "im") == 0))
            return c->doc->ents[nps[i].ent].id;
    return NULL;
}

static int code_sentence(coder *c, size_t s, size_t ta, size_t tb)
{
    actor_np nps[MAX_NP];
    size_t n = build_nps(c, ta, tb, nps);
    const char *loc = location_of(c, nps, n);
    int rc = 0;

    for (size_t t = ta; t < tb; t++) {
        int r, si, ti = -1, pron, sent = -1, tent = -1;
        char scode[16] = "", tcode[16] = "", dates[4][32];
        const att__event_rule *rule;
        size_t nd;
        double conf = 0.5;
        if (c->doc->toks[t].kind != ATT_TOK_WORD || (r = match_rule(c, t, ta, tb)) < 0)
            continue;
        rule = &att__event_rules[r];

        /* source */
        si = subject_of(c, nps, n, ta, t, &pron);
        if (rule->frame == ATT_EVFR_SYM && both_sides_in(c, ta, tb)) {
            int pe[2];
            char pc[2][16];
            if (participants(c, pe, pc)) {
                sent = pe[0];
                tent = pe[1];
                memcpy(scode, pc[0], 16);
                memcpy(tcode, pc[1], 16);
                conf = 0.6;
            }
        } else if (si >= 0) {
            sent = nps[si].ent;
            memcpy(scode, nps[si].code, 16);
            conf += 0.15;
        } else if (pron && (c->last_subject >= 0 || c->last_person >= 0)) {
            sent = c->last_subject >= 0 ? c->last_subject : c->last_person;
            snprintf(scode, 16, "%s", c->doc->ents[sent].code ? c->doc->ents[sent].code : "");
            conf += 0.05;
        } else if (rule->frame == ATT_EVFR_SYM || is_passive(c, ta, tb)) {
            int pe[2];
            char pc[2][16];
            if (participants(c, pe, pc)) {
                sent = pe[0];
                tent = pe[1];
                memcpy(scode, pc[0], 16);
                memcpy(tcode, pc[1], 16);
            }
        }

        /* target */
        if (!tcode[0]) {
            if (rule->frame == ATT_EVFR_SYM && si >= 0 && nps[si].coord_next &&
                (size_t)si + 1 < n) {
                ti = si + 1;
            } else if (rule->frame == ATT_EVFR_SP) {
                for (size_t i = 0; i < n && ti < 0; i++)
                    if ((int)i != si && nps[i].prep && in_sep_list(nps[i].prep, rule->preps, 0))
                        ti = (int)i;
            }
            if (ti < 0 && rule->frame != ATT_EVFR_SP) {
                for (size_t i = 0; i < n && ti < 0; i++)
                    if ((int)i != si && !same_country(nps[i].code, scode) &&
                        (nps[i].rank > 1 || (rule->flags & ATT_EVF_VISIT)))
                        ti = (int)i;
            }
            if (ti >= 0) {
                tent = nps[ti].ent;
                memcpy(tcode, nps[ti].code, 16);
                conf += 0.15;
            } else if ((rule->flags & ATT_EVF_PARTNER) && scode[0] &&
                       counterpart(c, scode, &tent, tcode)) {
                conf -= 0.1;
            }
        }
        /* a visited country or place stands for its government */
        if ((rule->flags & ATT_EVF_VISIT) && tcode[0] && strlen(tcode) == 3) {
            int he;
            char hc[16];
            if (host_of(c, tcode, &he, hc)) {
                tent = he;
                memcpy(tcode, hc, 16);
            }
        }
        if (sent >= 0 && type_rank(c->doc->ents[sent].type) == 4)
            c->last_subject = sent;
        nd = dates_for(c, s, ta, tb, t, dates);
        for (size_t k = 0; k < nd && !rc; k++) {
            const char *date = dates[k][0] ? dates[k] : NULL;
            rc = add_event(c, rule->code, sent, scode, tent, tcode, date, loc, s, t, conf);
            if (!rc && (rule->flags & ATT_EVF_VISIT))
                rc = add_event(c, "043", tent, tcode, sent, scode, date, loc, s, t, conf - 0.1);
            if (!rc && (rule->flags & ATT_EVF_HOST))
                rc = add_event(c, "042", tent, tcode, sent, scode, date, loc, s, t, conf - 0.1);
        }
        if (rc)
            break;
    }
    for (size_t i = 0; i < n; i++)
        remember(c, &nps[i]);
    return rc;
}

int att__event_annotate(att_doc *doc)
{
    coder c;
    size_t t = 0;
    int rc = 0;
    doc->nevent = 0;
    if (doc->nent == 0 || doc->nsent == 0)
        return 0;
    memset(&c, 0, sizeof(c));
    c.doc = doc;
    c.german = !doc->lang || strcmp(doc->lang, "en") != 0;
    c.last_person = -1;
    c.last_subject = -1;
    if ((rc = collect_mentions(&c)))
        return rc;
    find_occasion(&c);
    for (size_t s = 0; s < doc->nsent && !rc; s++) {
        size_t a, b;
        while (t < doc->ntok && doc->toks[t].start < doc->sents[s].start)
            t++;
        a = t;
        while (t < doc->ntok && doc->toks[t].end <= doc->sents[s].end)
            t++;
        b = t;
        if (b > a)
            rc = code_sentence(&c, s, a, b);
    }
    free(c.ms);
    return rc;
}

const att__cameo_code *att__cameo_find(const char *code)
{
    size_t lo = 0, hi = att__cameo_ncodes;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int r = strcmp(code, att__cameo_codes[mid].code);
        if (r == 0)
            return &att__cameo_codes[mid];
        if (r > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

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
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lang/lang.h"
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
    int office;       /* an office compound ("UN-Generalsekretär"): a name may follow */
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
    char focus[4];   /* the country the article is about (most mentioned), or "" */
    int pair_ent[2]; /* the parties of the last interaction coded */
    char pair_code[2][16];
    unsigned char explicit_date[1024]; /* per event: dated by its own expression */
    size_t form_first[257];            /* trigger forms by first byte (index_forms) */
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
        if ((*list)[0] == w[0] && strcmp(w, *list) == 0)
            return 1;
    return 0;
}

/* Is w one of the '|'- or ','-separated words of list?  An entry ending in
 * '*' matches every word it begins. */
static int in_sep_list(const char *w, const char *list)
{
    size_t wl = strlen(w);
    while (*list) {
        const char *e = list;
        size_t n;
        while (*e && *e != '|' && *e != ',')
            e++;
        n = (size_t)(e - list);
        if (n && list[n - 1] == '*' ? wl >= n - 1 && strncmp(w, list, n - 1) == 0
                                    : wl == n && strncmp(w, list, n) == 0)
            return 1;
        list = *e ? e + 1 : e;
    }
    return 0;
}

static const char *const preps_de[] = {
    "mit",      "nach",    "in",  "im",    "an",    "am",  "auf",     "gegen", "bei",
    "beim",     "zu",      "zum", "zur",   "von",   "vom", "aus",     "für",   "über",
    "zwischen", "seitens", "um",  "durch", "unter", "vor", "als",     "wie",   "as",
    "like",     "with",    "to",  "in",    "at",    "on",  "against", "from",  "for",
    "by",       "between", "of",  "into",  NULL,
};
static const char *const oblique_de[] = {
    "den",   "dem",     "einen",   "einem",  "seinen", "seinem", "ihren",
    "ihrem", "unseren", "unserem", "dessen", "deren",  NULL,
};
/* Words that may stand inside one actor phrase between two mentions. */
static const char *const glue[] = {
    "der",    "die",    "das",    "des",  "den", "dem",   "von",   "aus",
    "seinem", "seinen", "seiner", "sein", "ihr", "ihrem", "ihren", ",",
    "the",    "of",     "from",   "his",  "her", "its",   NULL,
};
static const char *const coordinators[] = {"und", "sowie", "and", NULL};
/* Determiners that may open an actor phrase. */
static const char *const determiners[] = {
    "der", "die",  "das",   "des", "ein", "eine", "einer", "eines", "sein", "seine", "seiner",
    "ihr", "ihre", "ihrer", "the", "a",   "an",   "his",   "her",   "its",  "their", NULL,
};
/* Role nouns that may stand at the head of an actor phrase
 * ("den Außenminister von Aserbaidschan Jeyhun Bayramov"). */
static const char *const role_nouns[] = {
    "präsident",
    "präsidenten",
    "präsidentin",
    "außenminister",
    "außenministerin",
    "amtskollege",
    "amtskollegen",
    "amtskollegin",
    "kollege",
    "kollegen",
    "kollegin",
    "premierminister",
    "premierministerin",
    "ministerpräsident",
    "ministerpräsidenten",
    "staatschef",
    "staatschefs",
    "regierungschef",
    "kanzler",
    "bundeskanzler",
    "bundeskanzlerin",
    "minister",
    "ministerin",
    "botschafter",
    "staatsoberhaupt",
    "vorsitzende",
    "vorsitzenden",
    "chef",
    "sprecher",
    "sprecherin",
    "verteidigungsminister",
    "gegenüber",
    "counterpart",
    "ko-vorsitzende",
    "ko-vorsitzender",
    "ko-vorsitzenden",
    "mitglied",
    "mitglieder",
    "regierung",
    "regierungen",
    "führung",
    "president",
    "minister",
    "prime",
    "foreign",
    "secretary",
    "chancellor",
    "ambassador",
    "king",
    "leader",
    "spokesman",
    NULL,
};
/* Words that open a subordinate or relative clause after a comma. */
static const char *const subordinators[] = {
    "dass",    "ob",      "weil",   "wenn",    "als",      "da",      "damit", "während",
    "nachdem", "obwohl",  "sodass", "bevor",   "seit",     "seitdem", "indem", "wobei",
    "wo",      "der",     "die",    "das",     "dem",      "den",     "denen", "deren",
    "dessen",  "welcher", "welche", "welches", "that",     "which",   "who",   "whom",
    "while",   "because", "when",   "after",   "although", "whereas", NULL,
};
static const char *const relatives[] = {"der",    "die", "das",   "welcher",
                                        "welche", "who", "which", NULL};
static const char *const pronouns[] = {"er", "he", "she", NULL};
/* German subject pronouns ("sie kritisierten Luftangriffe" is a verb). */
static const char *const subject_pronouns[] = {
    "ich", "du", "er", "sie", "es", "wir", "ihr", "man", NULL,
};
static const char *const both_sides[] = {"beide", "beiden", "beider", "both", "two", NULL};
static const char *const delegations[] = {"delegationen", "delegations", NULL};
static const char *const both_heads[] = {
    "seiten", "länder",    "staaten", "präsidenten", "außenminister", "staatschefs", "regierungen",
    "sides",  "countries", "leaders", "presidents",  "ministers",     NULL};
static const char *const passive_aux[] = {"wurde",  "wurden", "werden", "wird",
                                          "worden", "was",    "were",   NULL};
static const char *const no_occasion[] = {"bislang", "bisher", "seither", "so", NULL};
/* Words that make what follows in the clause intended or denied rather
 * than done: such triggers are coded only for root 03 (intent), as the
 * guidelines ask for events that happened. */
static const char *const irrealis[] = {
    "nicht",   "kein",   "keine",  "keinen",       "nie",    "niemals", "wollen",     "will",
    "soll",    "sollen", "möchte", "möchten",      "könnte", "könnten", "würde",      "würden",
    "werde",   "plant",  "planen", "beabsichtigt", "droht",  "drohte",  "not",        "never",
    "no",      "would",  "wants",  "want",         "wanted", "plans",   "plan",       "planned",
    "intends", "intend", "could",  "might",        "may",    "should",  "threatened", "threatens",
    "shall",   "n't",    NULL,
};

/* Words before a time expression that make it the edge of a span. */
static const char *const span_words[] = {"seit", "bis", "ab", "since", "until", "till", NULL};

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

/* Does an entity mention start at byte off (c->ms is sorted by start)? */
static int mention_at(const coder *c, uint32_t off)
{
    size_t lo = 0, hi = c->nms;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->ms[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->nms && c->ms[lo].start == off;
}

static int same_country(const char *a, const char *b)
{
    return a && b && strlen(a) >= 3 && strlen(b) >= 3 && strncmp(a, b, 3) == 0;
}

/* Two actors of one country that are still two parties: the state (its
 * government, forces, police, courts) and those who fight or oppose it. */
static int domestic(const char *a, const char *b)
{
    static const char *const state[] = {"GOV", "MIL", "COP", "JUD", "LEG", NULL};
    static const char *const against[] = {"REB", "OPP", NULL};
    if (strlen(a) < 6 || strlen(b) < 6)
        return 0;
    return (in_list(a + 3, state) && in_list(b + 3, against)) ||
           (in_list(b + 3, state) && in_list(a + 3, against));
}

/* Are the two codes one party (one country, and not state against its
 * rebels or opposition)? */
static int one_party(const char *a, const char *b)
{
    return same_country(a, b) && !domestic(a, b);
}

/* The token index holding byte offset off (first token ending after it). */
static size_t tok_at(const att_doc *d, size_t a, size_t b, uint32_t off)
{
    while (a < b && d->toks[a].end <= off)
        a++;
    return a;
}

/* The agent code of a word (data/agents.tsv), or NULL. */
static const char *agent_of_word(const coder *c, const char *w)
{
    const char *lang = c->german ? "de" : "en";
    size_t lo = 0, hi = att__event_nagents;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const att__event_agent *a = &att__event_agents[mid];
        int r = strcmp(lang, a->lang);
        if (r == 0)
            r = strcmp(w, a->word);
        if (r == 0)
            return a->agent;
        if (r > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
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
    /* "aserbaidschanische Truppen", "Syrian rebels": an agent of the
     * country (data/agents.tsv) */
    if (np->rank == 2 && np->t1 < tb && strlen(np->code) == 3) {
        const char *agent = agent_of_word(c, lower_tok(c->doc, np->t1, w));
        if (agent) {
            snprintf(np->code + 3, sizeof(np->code) - 3, "%s", agent);
            np->t1++;
        }
    }
}

/* Heads of compounds that name an office holder of the country or
 * organisation before the hyphen ("UN-Generalsekretär", "EU-Sprecher"). */
static const char *const compound_heads[] = {
    "generalsekretär", "generalsekretärin", "chef",
    "chefin",          "sprecher",          "sprecherin",
    "gesandter",       "gesandte",          "sondergesandter",
    "sondergesandte",  "botschafter",       "botschafterin",
    "vertreter",       "vertreterin",       "beauftragte",
    "beauftragter",    "vorsitzende",       "vorsitzender",
    "kommissar",       "kommissarin",       NULL,
};

/* A name before a hyphen in a compound whose rest is an agent noun or a
 * role noun ("US-Regierung", "russisch-" is no name): the phrase is that
 * agent of the country (US-Truppen -> USAMIL) or its government, and an
 * organisation's compound is the organisation (Nato-Truppen). */
static int compound_actor(coder *c, const mention *m, size_t t, actor_np *np)
{
    const att_token *tk = &c->doc->toks[t];
    char rest[WORD_MAX];
    const char *agent;
    size_t n;
    if (c->doc->text[m->end] != '-' || m->end + 1 >= tk->end)
        return 0;
    n = tk->end - (m->end + 1);
    if (n + 1 > sizeof(rest))
        return 0;
    for (size_t k = 0; k < n; k++)
        rest[k] = (char)tolower((unsigned char)c->doc->text[m->end + 1 + k]);
    rest[n] = '\0';
    agent = agent_of_word(c, rest);
    if (!agent && (in_list(rest, role_nouns) || in_list(rest, compound_heads))) {
        agent = "GOV";
        np->office = 1;
    }
    if (!agent)
        return 0;
    if (np->rank == 2 && strlen(np->code) == 3)
        snprintf(np->code + 3, sizeof(np->code) - 3, "%s", agent);
    else if (np->rank != 3)
        return 0;
    return 1;
}

static int adjective_like(const char *w)
{
    size_t n = strlen(w);
    return n >= 4 && (w[n - 1] == 'e' ||
                      ((w[n - 1] == 'n' || w[n - 1] == 'r' || w[n - 1] == 's' || w[n - 1] == 'm') &&
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
        /* ", den Präsident X ... unterzeichnet hatte": a relative pronoun
         * after a comma opens the clause; it is no article of the phrase */
        if (i - 1 > ta && c->doc->toks[i - 2].kind == ATT_TOK_PUNCT &&
            c->doc->text[c->doc->toks[i - 2].start] == ',' && in_list(lw, subordinators))
            return;
        if (in_list(lw, oblique_de))
            np->oblique = 1;
        else if (t->kind != ATT_TOK_WORD ||
                 !(in_list(lw, determiners) || in_list(lw, role_nouns) ||
                   (!(t->flags & ATT_TOKF_UPPER) && adjective_like(lw)) ||
                   /* an apposition's head noun: "von der Hilfsorganisation
                    * Ärzte ohne Grenzen" */
                   ((t->flags & ATT_TOKF_UPPER) && i - 1 == np->t0 - 1 && i >= ta + 2 &&
                    (in_list(lower_tok(c->doc, i - 2, v), determiners) || in_list(v, oblique_de)))))
            return;
        i--;
        steps++;
    }
}

/* Do tokens [a,b) only join two mentions into one actor phrase: articles,
 * role nouns, adjectives, "von", an apposition's comma? */
static int glue_between(coder *c, size_t a, size_t b)
{
    char w[WORD_MAX];
    if (b < a || b - a > 5)
        return 0;
    for (size_t i = a; i < b; i++) {
        const att_token *t = &c->doc->toks[i];
        const char *lw = lower_tok(c->doc, i, w);
        if (in_list(lw, glue) || in_list(lw, determiners) || in_list(lw, role_nouns))
            continue;
        if (t->kind == ATT_TOK_WORD && !(t->flags & ATT_TOKF_UPPER) && adjective_like(lw) &&
            !in_list(lw, coordinators))
            continue;
        return 0;
    }
    return 1;
}

static int host_of(const coder *c, const char *cc, int *ent, char out[16]);

/* Builds the actor phrases of tokens [ta,tb). */
/* The country the article is about: the one its countries and places
 * name most often (at least twice), so that "die Rebellen", "die Armee" of
 * an article about Yemen are Yemen's. */
static void find_focus(coder *c)
{
    const att_doc *d = c->doc;
    char best[4] = "";
    size_t bestn = 1;
    for (size_t i = 0; i < d->nent; i++) {
        const att_entity *e = &d->ents[i];
        size_t n = 0;
        if (!e->code || strlen(e->code) < 3 || !e->type ||
            (strcmp(e->type, "country") != 0 && strcmp(e->type, "place") != 0) ||
            strncmp(e->code, "IGO", 3) == 0)
            continue;
        for (size_t j = 0; j < d->nent; j++)
            if (d->ents[j].code && d->ents[j].type &&
                (strcmp(d->ents[j].type, "country") == 0 ||
                 strcmp(d->ents[j].type, "place") == 0) &&
                strncmp(d->ents[j].code, e->code, 3) == 0)
                n += d->ents[j].nmentions;
        if (n > bestn) {
            bestn = n;
            memcpy(best, e->code, 3);
            best[3] = '\0';
        }
    }
    memcpy(c->focus, best, sizeof(best));
}

/* Words after an agent noun that lead to its owner or its seat. */
static const char *const owner_words[] = {"in", "im", "aus", "von", "vom", "seines", "ihres", NULL};

/* Agent nouns that stand alone for the focus country's side ("die
 * Rebellen", "der Armee", "die islamistischen Milizen", "Regierungstruppen"):
 * an article names its own country's parties without repeating it. */
static const char *bare_agent(coder *c, size_t ta, size_t k)
{
    char w[WORD_MAX];
    const char *agent;
    size_t j = k;
    if (!c->german || !c->focus[0] || !(c->doc->toks[k].flags & ATT_TOKF_UPPER) || k == ta)
        return NULL;
    agent = agent_of_word(c, lower_tok(c->doc, k, w));
    if (!agent || strcmp(agent, "DIP") == 0 || strcmp(agent, "CVL") == 0 ||
        strcmp(agent, "BUS") == 0 || strcmp(agent, "EDU") == 0 || strcmp(agent, "REF") == 0 ||
        strcmp(agent, "MED") == 0 || strcmp(agent, "LAB") == 0)
        return NULL;
    /* an article (with adjectives between) or a preposition before it */
    while (j > ta && c->doc->toks[j - 1].kind == ATT_TOK_WORD &&
           !(c->doc->toks[j - 1].flags & ATT_TOKF_UPPER) &&
           adjective_like(lower_tok(c->doc, j - 1, w)) && !in_list(w, determiners))
        j--;
    if (j == ta || c->doc->toks[j - 1].kind != ATT_TOK_WORD)
        return NULL;
    lower_tok(c->doc, j - 1, w);
    if (!in_list(w, determiners) && !in_list(w, oblique_de) && !in_list(w, preps_de) &&
        strcmp(w, "den") != 0 && strcmp(w, "dem") != 0 && strcmp(w, "des") != 0)
        return NULL;
    return agent;
}

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
        /* "UN-Klimakonferenz", "Kasachstanreise": a name inside a compound
         * only modifies it; but "US-Regierung", "Nato-Truppen",
         * "UN-Generalsekretär" name an actor of it */
        if (m->end < d->toks[np.t1 - 1].end && m->end > d->toks[np.t1 - 1].start &&
            d->text[m->end] != '\'' && strncmp(d->text + m->end, "’", 3) != 0 &&
            !compound_actor(c, m, np.t1 - 1, &np))
            continue;
        /* "die Präsidenten Kasachstans", "Armeniens Regierung": a country's
         * office holder is its government (the person, when the article
         * names one) */
        if (np.rank == 2 && strlen(np.code) == 3 &&
            ((np.t0 > ta && in_list(lower_tok(d, np.t0 - 1, w), role_nouns)) ||
             (np.t1 < tb && in_list(lower_tok(d, np.t1, w), role_nouns)))) {
            int he;
            char hc[16];
            if (host_of(c, np.code, &he, hc)) {
                np.ent = he;
                np.rank = 4;
                memcpy(np.code, hc, 16);
            } else {
                snprintf(np.code + 3, sizeof(np.code) - 3, "GOV");
            }
        }
        if (n > 0) {
            actor_np *prev = &nps[n - 1];
            if (np.t0 < prev->t1)
                continue; /* overlapping mention */
            /* "UN-Generalsekretär Ban Ki-moon": the person in that office,
             * acting for it */
            if (prev->office && np.rank == 4 && np.t0 == prev->t1) {
                prev->ent = np.ent;
                prev->rank = 4;
                prev->t1 = np.t1;
                prev->office = 0;
                continue;
            }
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
    /* agent nouns without a country of their own */
    for (size_t k = ta; k < tb && n < MAX_NP; k++) {
        const char *agent;
        size_t at = 0;
        actor_np np;
        while (at < n && nps[at].t1 <= k)
            at++;
        if ((at < n && nps[at].t0 <= k) || (at > 0 && nps[at - 1].t1 > k) ||
            !(agent = bare_agent(c, ta, k)))
            continue;
        /* "die Regierung in Astana", "die Armee Syriens", "das Ministerium
         * des Landes": the words after it say whose it is */
        if (k + 1 < tb &&
            (in_list(lower_tok(d, k + 1, w), owner_words) || (at < n && nps[at].t0 <= k + 3)))
            continue;
        memset(&np, 0, sizeof(np));
        np.t0 = k;
        np.t1 = k + 1;
        np.ent = -1;
        np.rank = 2;
        snprintf(np.code, sizeof(np.code), "%s%s", c->focus, agent);
        memmove(nps + at + 1, nps + at, (n - at) * sizeof(*nps));
        nps[at] = np;
        n++;
    }
    for (size_t i = 0; i < n; i++) {
        np_context(c, ta, &nps[i]);
        /* "X und Y", "X and his counterpart Y" */
        if (i + 1 < n && nps[i].t1 < tb && in_list(lower_tok(d, nps[i].t1, w), coordinators) &&
            (nps[i + 1].t0 == nps[i].t1 + 1 ||
             (nps[i + 1].t0 == nps[i].t1 + 2 &&
              in_list(lower_tok(d, nps[i].t1 + 1, w), determiners))))
            nps[i].coord_next = 1;
    }
    /* "zwischen Aserbaidschan und Armenien": the second shares the first's
     * preposition and case; "die Präsidenten Kasachstans und Turkmenistans"
     * the first's role; "armenische sowie azerische Truppen" the second's */
    for (size_t i = 0; i + 1 < n; i++)
        if (nps[i].coord_next) {
            if (!nps[i + 1].prep) {
                nps[i + 1].prep = nps[i].prep;
                nps[i + 1].oblique |= nps[i].oblique;
            }
            if (nps[i].rank == 4 && nps[i + 1].rank == 2 && strlen(nps[i + 1].code) == 3 &&
                strcmp(nps[i].code + 3, "GOV") == 0) {
                int he;
                char hc[16];
                if (host_of(c, nps[i + 1].code, &he, hc)) {
                    nps[i + 1].ent = he;
                    nps[i + 1].rank = 4;
                    memcpy(nps[i + 1].code, hc, 16);
                }
            }
        }
    for (size_t i = n; i-- > 1;)
        if (nps[i - 1].coord_next && nps[i].rank == 2 && strlen(nps[i].code) == 6 &&
            strlen(nps[i - 1].code) == 3 && nps[i - 1].rank == 2)
            snprintf(nps[i - 1].code + 3, sizeof(nps[i - 1].code) - 3, "%s", nps[i].code + 3);
    /* "das Außenministerium in Baku", "the government in Moscow": an agent
     * noun located in a place is that place's country's agent */
    for (size_t i = 0; i < n; i++) {
        size_t a = nps[i].t0;
        const char *agent;
        if (nps[i].rank != 1 || strlen(nps[i].code) != 3 || a < ta + 2 ||
            (strcmp(lower_tok(d, a - 1, w), "in") != 0 && strcmp(w, "im") != 0))
            continue;
        /* an embassy in a capital belongs to another state */
        if ((agent = agent_of_word(c, lower_tok(d, a - 2, w))) == NULL || strcmp(agent, "DIP") == 0)
            continue;
        snprintf(nps[i].code + 3, sizeof(nps[i].code) - 3, "%s", agent);
        nps[i].rank = 2;
        nps[i].t0 = a - 2;
        nps[i].prep = NULL;
        nps[i].oblique = 0;
        np_context(c, ta, &nps[i]);
    }
    /* who is only cited ("laut TASS", "TASS zufolge") and news media are
     * not parties; nor is what has no actor code */
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(nps[i].code);
        if ((len >= 6 && strcmp(nps[i].code + len - 3, "MED") == 0) ||
            (nps[i].t1 < tb && strcmp(lower_tok(d, nps[i].t1, w), "zufolge") == 0) ||
            (nps[i].t0 > ta && strcmp(lower_tok(d, nps[i].t0 - 1, w), "laut") == 0))
            nps[i].code[0] = '\0';
    }
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
    if (np->rank <= 1)
        return; /* places are where things happen, not parties */
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
    /* a government's counterpart is a government: prefer the last
     * government actor of another country, else the last actor at all */
    int gov = strlen(code) >= 6 && strcmp(code + 3, "GOV") == 0;
    for (int pass = gov ? 0 : 1; pass < 2; pass++)
        for (size_t i = c->nseen; i-- > 0;) {
            const char *sc = c->seen[i].code;
            if (same_country(sc, code) || strncmp(sc, "IGO", 3) == 0)
                continue;
            if (pass == 0 && !(strlen(sc) >= 6 && strcmp(sc + 3, "GOV") == 0))
                continue;
            *ent = c->seen[i].ent;
            memcpy(out, sc, 16);
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
        if ((n == 7 && is_digits(v + 5, 2)) ||
            (n == 10 && is_digits(v + 5, 2) && v[7] == '-' && is_digits(v + 8, 2)) ||
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

/* form_first[b] .. form_first[b+1]: the forms of the document's language
 * that start with byte b (the forms are sorted by language, then bytes). */
static void index_forms(coder *c)
{
    const char *lang = c->german ? "de" : "en";
    size_t i = 0, n = att__event_nforms;
    while (i < n && strcmp(att__event_forms[i].lang, lang) < 0)
        i++;
    for (int b = 0; b <= 256; b++) {
        while (i < n && strcmp(att__event_forms[i].lang, lang) == 0 &&
               (unsigned char)att__event_forms[i].form[0] < b)
            i++;
        c->form_first[b] = i;
    }
}

/* Separable verb particles ("sagte ... zu", "kündigte ... an").  As a
 * companion word a particle counts only where German puts it: after the
 * finite verb, closing its clause (before punctuation, the sentence's end or
 * a coordinating conjunction), so the "zu" of "zu helfen" or "nehme zu, dass"
 * does not turn "sagte" into a promise. */
static const char *const particles[] = {
    "ab",  "an",  "auf",  "aus",   "bei",  "dar", "ein", "fest", "fort",   "her",      "hin",
    "los", "mit", "nach", "statt", "teil", "vor", "weg", "zu",   "zurück", "zusammen", NULL,
};
/* Conjunctions that may open the next main clause after a particle. */
static const char *const clause_links[] = {"und", "oder", "sowie", "aber", "doch", NULL};

static int particle_at(coder *c, size_t i, size_t k, size_t tb)
{
    char w[WORD_MAX];
    const att_token *nx;
    if (k < i)
        return 0;
    if (k + 1 >= tb)
        return 1;
    nx = &c->doc->toks[k + 1];
    return nx->kind == ATT_TOK_PUNCT || in_list(lower_tok(c->doc, k + 1, w), clause_links);
}

/* Are the companion words of a rule there?  "a|b" needs one of them in
 * [ta,tb) besides token i; "!a|!b" needs none of them ("Todesopfer
 * forderte" is no demand). */
static int companions_ok(coder *c, const char *with, size_t i, size_t ta, size_t tb)
{
    char x[WORD_MAX], pos[256] = "", neg[256] = "";
    size_t np = 0, nn = 0;
    const char *p = with;
    /* split into the wanted and the unwanted words */
    while (*p) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        int bang = p[0] == '!';
        char *dst = bang ? neg : pos;
        size_t *dn = bang ? &nn : &np;
        if (bang) {
            p++;
            len--;
        }
        if (*dn + len + 2 < sizeof(pos)) {
            if (*dn)
                dst[(*dn)++] = '|';
            memcpy(dst + *dn, p, len);
            *dn += len;
            dst[*dn] = '\0';
        }
        p += len;
        if (*p == '|')
            p++;
    }
    for (size_t k = ta; k < tb; k++) {
        if (k == i)
            continue;
        lower_tok(c->doc, k, x);
        if (nn && in_sep_list(x, neg))
            return 0;
    }
    if (!np)
        return 1;
    for (size_t k = ta; k < tb; k++)
        if (k != i && in_sep_list(lower_tok(c->doc, k, x), pos) &&
            (!c->german || !in_list(x, particles) || particle_at(c, i, k, tb)))
            return 1;
    return 0;
}

/* The most specific rule for token i whose companion words stand in
 * [ta,tb), or -1. */
static int match_rule(coder *c, size_t i, size_t ta, size_t tb)
{
    char w[WORD_MAX];
    size_t lo, hi;
    unsigned char b;
    int best = -1, best_spec = -1;
    const att_token *t = &c->doc->toks[i];
    /* the first byte decides the range of forms to search (built per
     * document for its language), so most words cost no comparison */
    b = (unsigned char)c->doc->text[t->start];
    if (b < 0x80)
        b = (unsigned char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
    else if (b == 0xC3)
        b = 0xC3; /* ä ö ü ß ... share their lead byte with Ä Ö Ü */
    lo = c->form_first[b];
    hi = c->form_first[b + 1];
    if (lo == hi)
        return -1;
    lower_tok(c->doc, i, w);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(w, att__event_forms[mid].form) > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < c->form_first[b + 1] && strcmp(w, att__event_forms[lo].form) == 0; lo++) {
        const att__event_rule *r = &att__event_rules[att__event_forms[lo].rule];
        int spec = r->with[0] != '\0' && r->with[0] != '!';
        if (r->with[0] && !companions_ok(c, r->with, i, ta, tb))
            continue;
        if (spec > best_spec) {
            best = att__event_forms[lo].rule;
            best_spec = spec;
        }
    }
    return best;
}

/* ---- clauses and arguments ------------------------------------------------------ */

/* Verbs that open the speech tag after a report (", erklärte Kerry in
 * Washington"): the speaker is not a party to what is reported. */
static const char *const speech_tags[] = {
    "sagte",       "sagten",      "sagt",     "erklärte", "erklärten", "erklärt",   "betonte",
    "betonten",    "betont",      "hieß",     "heißt",    "schrieb",   "schrieben", "berichtete",
    "berichteten", "meldete",     "meldeten", "fügte",    "ergänzte",  "ergänzten", "teilte",
    "teilten",     "unterstrich", "meinte",   "meinten",  "zitierte",  NULL,
};

/* Is token k a clause boundary: ";", a dash, or a comma before a
 * subordinating word or relative pronoun? */
static int clause_break(coder *c, size_t k, size_t tb)
{
    char w[WORD_MAX];
    const att_token *t = &c->doc->toks[k];
    const char *lw = lower_tok(c->doc, k, w);
    /* a dash ends a clause (and the dateline "Astana, 12. März (Kazinform) –")
     * whether the tokenizer calls it punctuation or a symbol */
    if (strcmp(lw, ";") == 0 || strcmp(lw, "–") == 0 || strcmp(lw, "—") == 0)
        return 1;
    if (t->kind != ATT_TOK_PUNCT && !(t->kind == ATT_TOK_WORD && !c->german))
        return 0;
    /* English "said that X ...": a clause without a comma */
    if (!c->german && t->kind == ATT_TOK_WORD && strcmp(lw, "that") == 0 && k > 0 &&
        c->doc->toks[k - 1].kind == ATT_TOK_WORD && !(c->doc->toks[k - 1].flags & ATT_TOKF_UPPER) &&
        !in_list(lower_tok(c->doc, k - 1, w), preps_de) && !in_list(w, determiners))
        return 1;
    if (strcmp(lw, ",") != 0 || k + 1 >= tb)
        return 0;
    lw = lower_tok(c->doc, k + 1, w);
    if (in_list(lw, subordinators) || (c->german && in_list(lw, speech_tags)))
        return 1;
    /* ", in denen", ", mit dem": a preposition and a relative pronoun */
    return k + 2 < tb && in_list(lw, preps_de) &&
           in_list(lower_tok(c->doc, k + 2, w), subordinators);
}

/* The clause of token t: [*ca, *cb). */
static void clause_of(coder *c, size_t ta, size_t tb, size_t t, size_t *ca, size_t *cb)
{
    size_t a = t, b = t + 1;
    while (a > ta && !clause_break(c, a - 1, tb))
        a--;
    while (b < tb && !clause_break(c, b, tb))
        b++;
    *ca = a;
    *cb = b;
}

static int np_in(const actor_np *np, size_t ca, size_t cb)
{
    return np->t0 >= ca && np->t1 <= cb;
}

static int is_passive(coder *c, size_t ca, size_t t)
{
    char w[WORD_MAX];
    for (size_t k = ca; k < t; k++)
        if (in_list(lower_tok(c->doc, k, w), passive_aux))
            return 1;
    return 0;
}

/* The first subject-like phrase (not in a prepositional phrase, not
 * oblique) of [ca,cb), in English before the trigger; -1. */
static int first_nominative(coder *c, const actor_np *nps, size_t n, size_t ca, size_t cb, size_t t)
{
    for (size_t i = 0; i < n; i++)
        if (np_in(&nps[i], ca, cb) && !nps[i].prep && !nps[i].oblique &&
            (c->german || nps[i].t0 < t))
            return (int)i;
    return -1;
}

/* Sentence adverbs that may open a German main clause before the verb. */
static const char *const openers[] = {
    "heute",        "gestern", "morgen",   "dann",        "danach",       "nun",        "jetzt",
    "zudem",        "später",  "damals",   "zuvor",       "anschließend", "inzwischen", "bereits",
    "schon",        "auch",    "so",       "hier",        "dort",         "deshalb",    "daher",
    "trotzdem",     "dennoch", "außerdem", "ebenfalls",   "erneut",       "zunächst",   "zuletzt",
    "kürzlich",     "bisher",  "seither",  "indes",       "indessen",     "allerdings", "zugleich",
    "gleichzeitig", "ebenso",  "vielmehr", "stattdessen", "darauf",       "daraufhin",  "dabei",
    NULL,
};

/* Are tokens [ca,t) a noun phrase without an actor, standing before the
 * verb at t: an optional nominative article, lower-case adjectives and a
 * capitalised noun that is no sentence adverb? */
static int v2_noun_subject(coder *c, const actor_np *nps, size_t n, size_t ca, size_t t)
{
    char w[WORD_MAX];
    size_t k = ca;
    const att_token *head = &c->doc->toks[t - 1];
    for (size_t i = 0; i < n; i++)
        if (nps[i].t0 < t && nps[i].t1 > ca)
            return 0;
    if (head->kind != ATT_TOK_WORD || !(head->flags & ATT_TOKF_UPPER) ||
        in_list(lower_tok(c->doc, t - 1, w), openers) || in_list(w, pronouns) ||
        in_list(w, subject_pronouns))
        return 0;
    if (k < t - 1) {
        lower_tok(c->doc, k, w);
        if (strcmp(w, "die") != 0 && strcmp(w, "der") != 0 && strcmp(w, "das") != 0 &&
            strcmp(w, "ein") != 0 && strcmp(w, "eine") != 0)
            return 0; /* "Den Präsidenten empfing ...": an object first */
        k++;
    }
    for (; k < t - 1; k++) {
        const att_token *tk = &c->doc->toks[k];
        if (tk->kind != ATT_TOK_WORD || (tk->flags & ATT_TOKF_UPPER) ||
            !adjective_like(lower_tok(c->doc, k, w)))
            return 0;
    }
    return 1;
}

/* The subject phrase for a trigger at token t in clause [ca,cb), or -1;
 * *pron is set when a pronoun stands for it (the caller then takes the
 * last person that acted). */
static int subject_of(coder *c, const actor_np *nps, size_t n, size_t ta, size_t ca, size_t cb,
                      size_t t, int *pron)
{
    char w[WORD_MAX];
    int s;
    *pron = 0;
    /* a relative clause: ", der ... eingetroffen ist" — the antecedent ends
     * right before the comma, else it is the main clause's subject */
    if (ca > ta && c->doc->toks[ca - 1].kind == ATT_TOK_PUNCT &&
        c->doc->text[c->doc->toks[ca - 1].start] == ',' &&
        in_list(lower_tok(c->doc, ca, w), relatives)) {
        size_t comma = ca - 1, pa, pb;
        for (size_t i = n; i-- > 0;)
            if (nps[i].t1 == comma)
                return (int)i;
        clause_of(c, ta, ca, comma - (comma > ta ? 1 : 0), &pa, &pb);
        s = first_nominative(c, nps, n, pa, pb, comma);
        if (s >= 0)
            return s;
    }
    /* "Er sagte Ägypten Unterstützung zu", "In Kairo traf er Shukri": a
     * pronoun next to the verb is the subject, not a bare name after it */
    if (c->german && ((t == ca + 1 && in_list(lower_tok(c->doc, ca, w), pronouns)) ||
                      (t + 1 < cb && in_list(lower_tok(c->doc, t + 1, w), pronouns)))) {
        *pron = 1;
        return -1;
    }
    /* German main clauses put the finite verb second: when the trigger
     * follows a first constituent that is a noun phrase naming no actor
     * ("Stealth-Jagdflugzeuge besuchen Litauen"), that phrase is the
     * subject, and the clause has no acting party */
    if (c->german && t > ca && t <= ca + 3 && v2_noun_subject(c, nps, n, ca, t))
        return -1;
    /* "Der Minister rief ... auf": a role noun with the definite article
     * and no name opening the clause takes up the last person named */
    if (c->german && ca + 2 < cb && ca + 1 < t &&
        (strcmp(lower_tok(c->doc, ca, w), "der") == 0 || strcmp(w, "die") == 0) &&
        in_list(lower_tok(c->doc, ca + 1, w), role_nouns)) {
        int named = 0;
        for (size_t i = 0; i < n; i++)
            named |= nps[i].t0 <= ca + 2 && nps[i].t1 > ca;
        if (!named) {
            *pron = 1;
            return -1;
        }
    }
    s = first_nominative(c, nps, n, ca, cb, t);
    if (s >= 0)
        return s;
    for (size_t k = ca; k < cb && k < t + 3; k++)
        if (in_list(lower_tok(c->doc, k, w), pronouns)) {
            *pron = 1;
            return -1;
        }
    return -1;
}

static int both_sides_in(coder *c, size_t ta, size_t tb)
{
    char w[WORD_MAX];
    for (size_t k = ta; k + 1 < tb; k++) {
        if (in_list(lower_tok(c->doc, k, w), both_sides) &&
            in_list(lower_tok(c->doc, k + 1, w), both_heads))
            return 1;
        /* "die Delegationen", "the delegations": those of both parties */
        if ((strcmp(w, "die") == 0 || strcmp(w, "the") == 0) &&
            in_list(lower_tok(c->doc, k + 1, w), delegations))
            return 1;
    }
    return 0;
}

/* The article's two parties: those of the last interaction coded, else the
 * last two actors of different countries seen. */
static int participants(const coder *c, int ent[2], char code[2][16])
{
    int found = 0;
    if (c->pair_code[0][0] && c->pair_code[1][0]) {
        for (int k = 0; k < 2; k++) {
            ent[k] = c->pair_ent[k];
            memcpy(code[k], c->pair_code[k], 16);
        }
        return 1;
    }
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

/* The phrase after one of the rule's prepositions in [ca,cb): governed by
 * it directly, or standing within a few words after it when no other
 * preposition governs the phrase ("an die von Russland geführte OVKS"). */
static int pp_target(coder *c, const actor_np *nps, size_t n, size_t ca, size_t cb, int si,
                     const char *preps)
{
    char w[WORD_MAX];
    for (size_t i = 0; i < n; i++) {
        if ((int)i == si || !np_in(&nps[i], ca, cb))
            continue;
        if (nps[i].prep) {
            if (in_sep_list(nps[i].prep, preps))
                return (int)i;
            continue;
        }
        for (size_t k = nps[i].t0, steps = 0; k > ca && steps < 6; k--, steps++) {
            const att_token *t = &c->doc->toks[k - 1];
            if (t->kind == ATT_TOK_PUNCT)
                break;
            if (in_sep_list(lower_tok(c->doc, k - 1, w), preps))
                return (int)i;
        }
    }
    return -1;
}

/* The object: a phrase of [ca,cb) that is not in a prepositional phrase,
 * after the trigger first, else (German verb-final clauses) before it.  In
 * English the object follows the verb closely. */
#define EN_OBJECT_REACH 4

static int object_of(const coder *c, const actor_np *nps, size_t n, size_t ca, size_t cb, int si,
                     size_t t, const char *scode)
{
    for (int pass = 0; pass < (c->german ? 2 : 1); pass++)
        for (size_t i = 0; i < n; i++) {
            /* a place as a direct object stands for its state ("warnte
             * Moskau"); places in prepositional phrases are locations */
            if ((int)i == si || !np_in(&nps[i], ca, cb) || nps[i].prep ||
                one_party(nps[i].code, scode))
                continue;
            if (!c->german && nps[i].t0 > t + EN_OBJECT_REACH)
                continue;
            if (pass == 0 ? nps[i].t0 > t : nps[i].t1 <= t)
                return (int)i;
        }
    return -1;
}

/* An actor of another country than scode in [ca,cb), in a prepositional
 * phrase that does not say where ("in", "nach", "aus") or in what role
 * ("als", "wie"); -1. */
static int clause_actor(const actor_np *nps, size_t n, size_t ca, size_t cb, int si,
                        const char *scode)
{
    static const char *const not_parties[] = {"in", "im",   "nach", "aus",  "als", "wie",
                                              "as", "like", "to",   "into", NULL};
    for (size_t i = 0; i < n; i++)
        if ((int)i != si && np_in(&nps[i], ca, cb) && nps[i].rank >= 2 &&
            !one_party(nps[i].code, scode) && (!nps[i].prep || !in_list(nps[i].prep, not_parties)))
            return (int)i;
    return -1;
}

/* The actor that owns the noun at token t: a phrase ending right before it
 * ("Russlands Krieg", "russischen Angriffe") or a genitive right after it
 * ("des Krieges Russlands"); -1. */
static int noun_owner(coder *c, const actor_np *nps, size_t n, size_t t)
{
    char w[WORD_MAX];
    for (size_t i = 0; i < n; i++) {
        if (nps[i].t1 == t ||
            (nps[i].t1 + 1 == t && c->doc->toks[t - 1].kind == ATT_TOK_WORD &&
             adjective_like(lower_tok(c->doc, t - 1, w)) && !in_list(w, determiners)))
            return (int)i;
        if (nps[i].t0 == t + 1 && !nps[i].prep)
            return (int)i;
    }
    return -1;
}

/* The agent of a passive clause: "durch X", "von X", "seitens X", "by X". */
static int agent_of(const actor_np *nps, size_t n, size_t ca, size_t cb)
{
    for (size_t i = 0; i < n; i++)
        if (np_in(&nps[i], ca, cb) && nps[i].prep &&
            (strcmp(nps[i].prep, "durch") == 0 || strcmp(nps[i].prep, "seitens") == 0 ||
             strcmp(nps[i].prep, "von") == 0 || strcmp(nps[i].prep, "vom") == 0 ||
             strcmp(nps[i].prep, "by") == 0))
            return (int)i;
    return -1;
}

/* ---- events -------------------------------------------------------------------- */

static double clamp(double x)
{
    return x < 0.05 ? 0.05 : x > 0.95 ? 0.95 : x;
}

static int is_person(const att_doc *d, int e)
{
    return e >= 0 && (size_t)e < d->nent && d->ents[e].type &&
           strcmp(d->ents[e].type, "person") == 0;
}

static int add_event(coder *c, const char *code, int sent, char scode[16], int tent, char tcode[16],
                     const char *date, int explicit, const char *loc, size_t s, size_t trig,
                     double conf)
{
    att_doc *d = c->doc;
    const att__cameo_code *cc = att__cameo_find(code);
    att_event ev;
    uint32_t ss = d->sents[s].start, se = d->sents[s].end;
    if (!cc || !scode[0] || !tcode[0] || one_party(scode, tcode))
        return 0;
    /* one interaction said twice is one event: same root, same actors on
     * each side (an actor known only by its code matches any of its
     * country), same date */
    for (size_t i = 0; i < d->nevent && i < ATT_ARRAY_LEN(c->explicit_date); i++) {
        att_event *o = &d->events[i];
        if (strncmp(o->code, code, 2) != 0 || !same_country(o->source.code, scode) ||
            !same_country(o->target.code, tcode) || strncmp(o->source.code, "IGO", 3) == 0 ||
            !((!o->date && !date) || (o->date && date && strcmp(o->date, date) == 0) || !o->date ||
              !date))
            continue;
        if ((sent >= 0 && o->source.entity >= 0 && sent != o->source.entity) ||
            (tent >= 0 && o->target.entity >= 0 && tent != o->target.entity))
            continue;
        /* keep the most specific actors and the first date */
        if (sent >= 0 &&
            (o->source.entity < 0 || (is_person(d, sent) && !is_person(d, o->source.entity)))) {
            o->source.entity = sent;
            o->source.code = att__arena_strdup(&d->arena, scode);
        }
        if (tent >= 0 &&
            (o->target.entity < 0 || (is_person(d, tent) && !is_person(d, o->target.entity)))) {
            o->target.entity = tent;
            o->target.code = att__arena_strdup(&d->arena, tcode);
        }
        if (!o->date && date)
            o->date = att__arena_strdup(&d->arena, date);
        /* talks during a visit are the visit: a visit's code wins over a
         * meeting's (040 -> 042/043) */
        if ((strcmp(code, "042") == 0 || strcmp(code, "043") == 0) && strcmp(o->code, "042") != 0 &&
            strcmp(o->code, "043") != 0) {
            o->code = cc->code;
            o->quad = cc->quad;
            o->goldstein = cc->goldstein;
        }
        /* the evidence is the mention that says most: a place, an explicit
         * date, a named target (of the code kept: a thanks merged into a
         * signing does not become its evidence) */
        if (strcmp(o->code, cc->code) == 0 &&
            ((loc && !o->location) || (explicit && !c->explicit_date[i]))) {
            o->sentence.start = ss;
            o->sentence.end = se;
            o->trigger.start = d->toks[trig].start;
            o->trigger.end = d->toks[trig].end;
            if (loc)
                o->location = loc;
            c->explicit_date[i] |= (unsigned char)explicit;
        }
        if (conf > o->confidence)
            o->confidence = clamp(conf);
        c->pair_ent[0] = o->source.entity;
        c->pair_ent[1] = o->target.entity;
        snprintf(c->pair_code[0], 16, "%s", o->source.code ? o->source.code : "");
        snprintf(c->pair_code[1], 16, "%s", o->target.code ? o->target.code : "");
        return o->source.code && o->target.code ? 0 : ATT_ENOMEM;
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
    if (d->nevent < ATT_ARRAY_LEN(c->explicit_date))
        c->explicit_date[d->nevent] = (unsigned char)explicit;
    c->pair_ent[0] = sent;
    c->pair_ent[1] = tent;
    memcpy(c->pair_code[0], scode, 16);
    memcpy(c->pair_code[1], tcode, 16);
    return ATT_PUSH(d->events, d->nevent, d->cevent, ev);
}

/* The time expression that dates an event at token t: a DATE or TIME of
 * its sentence that is not the start or end of a span ("seit 2020", "bis
 * 2025"), one in the trigger's clause [ka,kb) first, else the nearest; -1. */
static int governing(coder *c, size_t s, uint32_t ka, uint32_t kb, size_t t)
{
    const att_doc *d = c->doc;
    uint32_t sa = d->sents[s].start, sb = d->sents[s].end, at = d->toks[t].start;
    int best = -1, best_in = 0;
    uint32_t best_dist = UINT32_MAX;
    char w[WORD_MAX];
    for (size_t i = 0; i < d->ntimex; i++) {
        const att_timex *x = &d->timex[i];
        uint32_t dist;
        int in;
        size_t k;
        if (x->start < sa || x->end > sb || !x->value || !x->type ||
            (strcmp(x->type, "DATE") != 0 && strcmp(x->type, "TIME") != 0))
            continue;
        for (k = 0; k < d->ntok && d->toks[k].start < x->start; k++)
            ;
        {
            /* "seit Ausbruch des Krieges 2020": a span word a few words back */
            int edge = 0;
            for (size_t j = k, steps = 0; j > 0 && steps < 6 && !edge; j--, steps++) {
                if (d->toks[j - 1].kind == ATT_TOK_PUNCT)
                    break;
                edge = in_list(lower_tok(d, j - 1, w), span_words);
            }
            if (edge)
                continue;
        }
        in = x->start >= ka && x->end <= kb;
        dist = x->start > at ? x->start - at : at - x->start;
        if ((in && !best_in) || (in == best_in && dist < best_dist)) {
            best = (int)i;
            best_in = in;
            best_dist = dist;
        }
    }
    return best;
}

/* Dates for an event at trigger token t in clause [ca,cb): one per
 * coordinated year ("zwei Kriege 2020 und 2023"), else the time expression
 * governing the trigger when it stands in the clause, else the occasion
 * (none for what has happened "bislang"). */
/* Does a date value ("2026", "2025-04", "2025-03-20") lie after the
 * document's publication date, compared at the coarser of the two
 * precisions? */
static int after_publication(const att_doc *d, const char *value)
{
    size_t n;
    if (!value || !d->published || !isdigit((unsigned char)value[0]) ||
        !isdigit((unsigned char)d->published[0]))
        return 0;
    n = strlen(value) < strlen(d->published) ? strlen(value) : strlen(d->published);
    if (n > 10)
        n = 10;
    return strncmp(value, d->published, n) > 0;
}

static size_t dates_for(coder *c, size_t s, size_t ca, size_t cb, size_t t, int intent,
                        char dates[4][32], int *explicit)
{
    att_doc *d = c->doc;
    size_t n = 0;
    char w[WORD_MAX];
    uint32_t sa = d->sents[s].start, sb = d->sents[s].end;
    uint32_t ka = d->toks[ca].start, kb = d->toks[cb - 1].end;
    while (ca > 0 && d->toks[ca - 1].start >= sa)
        ca--; /* coordinated years may stand anywhere in the sentence */
    int g, coord = 0;
    for (size_t i = 0; i < d->ntimex && n < 4; i++) {
        const att_timex *x = &d->timex[i];
        if (x->start >= sa && x->end <= sb && x->end - x->start == 4 && x->value &&
            strlen(x->value) == 4 && is_digits(x->value, 4))
            snprintf(dates[n++], 32, "%s", x->value);
    }
    for (size_t k = ca > 0 ? ca : 1; k + 1 < d->ntok && d->toks[k + 1].end <= sb; k++)
        coord |= in_list(lower_tok(d, k, w), coordinators) &&
                 d->toks[k - 1].kind == ATT_TOK_NUMBER && d->toks[k + 1].kind == ATT_TOK_NUMBER;
    *explicit = 1;
    if (n >= 2 && coord)
        return n;
    g = governing(c, s, ka, kb, t);
    /* an intention is dated when it is stated, not when it is to happen */
    if (g >= 0 && intent && c->occasion[0] && d->timex[g].value &&
        strncmp(d->timex[g].value, c->occasion, 4) > 0)
        g = -1;
    /* what happened cannot have happened after the article was written
     * ("thanked him and invited him to visit next year") */
    if (g >= 0 && !intent && after_publication(d, d->timex[g].value))
        g = -1;
    if (g >= 0) {
        if (!event_date(d, d->timex[g].value, dates[0]))
            dates[0][0] = '\0';
        return 1;
    }
    *explicit = 0;
    for (size_t k = ca; k < cb; k++)
        if (in_list(lower_tok(d, k, w), no_occasion) && strcmp(w, "so") != 0) {
            dates[0][0] = '\0';
            return 1;
        }
    snprintf(dates[0], 32, "%s", c->occasion);
    return 1;
}

/* Where the events of sentence [ta,tb) happen: the first place named after
 * "in" (a few words back: "in Armeniens Hauptstadt Jerewan"). */
static const char *location_of(coder *c, size_t ta, size_t tb)
{
    const att_doc *d = c->doc;
    char w[WORD_MAX];
    for (size_t i = 0; i < c->nms; i++) {
        const mention *m = &c->ms[i];
        size_t k;
        if (m->start < d->toks[ta].start || m->end > d->toks[tb - 1].end ||
            type_rank(d->ents[m->ent].type) != 1)
            continue;
        k = tok_at(d, ta, tb, m->start);
        for (size_t steps = 0; k > ta && steps < 4; k--, steps++) {
            const char *lw = lower_tok(d, k - 1, w);
            if (strcmp(lw, "in") == 0 || strcmp(lw, "im") == 0)
                return d->ents[m->ent].id;
            if (d->toks[k - 1].kind == ATT_TOK_PUNCT)
                break;
        }
    }
    return NULL;
}

/* Does a word of negation, modality or future stand in [ca,t)? */
static int irrealis_before(coder *c, size_t ca, size_t t)
{
    char w[WORD_MAX];
    for (size_t k = ca; k < t; k++)
        if (in_list(lower_tok(c->doc, k, w), irrealis))
            return 1;
    /* English future: "will" (German "will" is "wants", listed above) */
    for (size_t k = ca; k < t && !c->german; k++)
        if (strcmp(lower_tok(c->doc, k, w), "will") == 0)
            return 1;
    return 0;
}

/* Is the trigger, or the verb of its light-verb phrase, a zu-infinitive
 * ("kündigte an, eine Botschaft zu eröffnen", "to attack"): something
 * intended, not done? */
static int infinitive(coder *c, const att__event_rule *rule, size_t ca, size_t cb, size_t t)
{
    char w[WORD_MAX], x[WORD_MAX];
    for (size_t k = ca; k + 1 < cb; k++) {
        const char *lw = lower_tok(c->doc, k, w);
        if (strcmp(lw, "zu") != 0 && strcmp(lw, "to") != 0)
            continue;
        if (k + 1 == t)
            return 1;
        if (rule->with[0] && rule->with[0] != '!' &&
            in_sep_list(lower_tok(c->doc, k + 1, x), rule->with))
            return 1;
    }
    return 0;
}

/* Words before an attributive participle: articles, and prepositions
 * fused with one ("im besetzten Westjordanland"). */
static const char *const np_openers[] = {
    "der",    "die",    "das",    "des",   "den",    "dem",    "ein",    "eine",
    "einer",  "eines",  "einen",  "einem", "im",     "am",     "vom",    "zum",
    "zur",    "beim",   "ins",    "ans",   "aufs",   "kein",   "keine",  "keinen",
    "keinem", "keiner", "dieser", "diese", "diesem", "diesen", "dieses", "jener",
    "jene",   "jenem",  "jenen",  "sein",  "seine",  "seinem", "seinen", "seiner",
    "ihr",    "ihre",   "ihrem",  "ihren", "ihrer",  NULL,
};

/* Does the word end like an inflected adjective (-e, -en, -em, -er, -es)? */
static int adjective_ending(const char *w)
{
    size_t n = strlen(w);
    return (n > 3 && w[n - 1] == 'e') ||
           (n > 4 && w[n - 2] == 'e' && strchr("nmrs", w[n - 1]) != NULL);
}

/* Is the lower-case trigger at t a participle used as an adjective, before
 * its noun: "im besetzten Westjordanland", "mit international scharf
 * kritisierten Luftangriffen"?  Its form ends like an adjective, a noun
 * follows (after more adjectives), and before it stands an article or
 * fused preposition, or a lower-case adverb (not a subject pronoun) while
 * the noun after it names no actor ("Truppen besetzten Kiew" stays a verb:
 * a noun stands before it). */
static int attributive_participle(coder *c, size_t t, size_t ta, size_t tb)
{
    char w[WORD_MAX], p[WORD_MAX];
    const att_token *tk = &c->doc->toks[t];
    size_t k = t + 1;
    int opener;
    if (!c->german || t <= ta || (tk->flags & ATT_TOKF_UPPER) ||
        !adjective_ending(lower_tok(c->doc, t, w)))
        return 0;
    while (k < tb && c->doc->toks[k].kind == ATT_TOK_WORD &&
           !(c->doc->toks[k].flags & ATT_TOKF_UPPER) && adjective_ending(lower_tok(c->doc, k, w)))
        k++;
    if (k >= tb || c->doc->toks[k].kind != ATT_TOK_WORD ||
        !(c->doc->toks[k].flags & ATT_TOKF_UPPER))
        return 0;
    if (c->doc->toks[t - 1].kind != ATT_TOK_WORD)
        return 0;
    lower_tok(c->doc, t - 1, p);
    opener = in_list(p, np_openers);
    if (opener)
        return 1;
    if ((c->doc->toks[t - 1].flags & ATT_TOKF_UPPER) || in_list(p, subject_pronouns))
        return 0;
    return !mention_at(c, c->doc->toks[k].start);
}

/* Is the trigger at t an attributive participle ("die von Armenien
 * unterstützte Republik")? */
static int attributive(coder *c, const actor_np *nps, size_t n, size_t t, size_t tb)
{
    for (size_t i = 0; i < n; i++)
        if (nps[i].t1 == t && nps[i].prep &&
            (strcmp(nps[i].prep, "von") == 0 || strcmp(nps[i].prep, "vom") == 0) && t + 1 < tb &&
            c->doc->toks[t + 1].kind == ATT_TOK_WORD)
            return 1;
    return 0;
}

/* The second of two coordinated phrases under "zwischen"/"between" that
 * follows the trigger at t closely, or -1. */
static int between_pair(const actor_np *nps, size_t n, size_t t, size_t cb)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (nps[i].t0 > t && nps[i].t0 <= t + 3 && nps[i + 1].t1 <= cb && nps[i].coord_next &&
            nps[i].prep &&
            (strcmp(nps[i].prep, "zwischen") == 0 || strcmp(nps[i].prep, "between") == 0))
            return (int)i + 1;
    return -1;
}

static int code_sentence(coder *c, size_t s, size_t ta, size_t tb)
{
    actor_np nps[MAX_NP];
    size_t n = build_nps(c, ta, tb, nps);
    const char *loc = location_of(c, ta, tb);
    int rc = 0;

    for (size_t t = ta; t < tb; t++) {
        int r, si, ti = -1, pron, sent = -1, tent = -1, passive, explicit = 0, owned = 0;
        char scode[16] = "", tcode[16] = "", dates[4][32];
        const att__event_rule *rule;
        size_t nd, ca, cb;
        double conf = 0.5;
        if (c->doc->toks[t].kind != ATT_TOK_WORD || (r = match_rule(c, t, ta, tb)) < 0 ||
            attributive(c, nps, n, t, tb) || attributive_participle(c, t, ta, tb))
            continue;
        rule = &att__event_rules[r];
        clause_of(c, ta, tb, t, &ca, &cb);
        if (strncmp(rule->code, "03", 2) != 0 &&
            (irrealis_before(c, ca, t) || infinitive(c, rule, ca, cb, t)))
            continue;
        passive = is_passive(c, ca, t);

        /* source (and, for two parties named together, the target); a German
         * noun like "Krieg" or "Angriff" belongs to the actor next to it
         * ("Russlands Krieg", "der Angriff Aserbaidschans"), not to the
         * sentence's subject */
        if (c->german && rule->frame != ATT_EVFR_SP && t > ta &&
            (c->doc->toks[t].flags & ATT_TOKF_UPPER) && !(rule->flags & ATT_EVF_VISIT) &&
            (!rule->with[0] || strcmp(rule->code, "15") >= 0)) {
            si = noun_owner(c, nps, n, t);
            pron = 0;
            if (si < 0 && (rule->frame != ATT_EVFR_SYM || strcmp(rule->code, "15") >= 0))
                continue;
            if (si >= 0) {
                owned = 1;
                goto have_source;
            }
        }
        /* "das Treffen zwischen Kerry und Lawrow": the two parties */
        if ((rule->frame == ATT_EVFR_SYM || (c->doc->toks[t].flags & ATT_TOKF_UPPER)) &&
            (ti = between_pair(nps, n, t, cb)) > 0) {
            si = ti - 1;
            pron = 0;
            goto have_source;
        }
        ti = -1;
        si = passive ? agent_of(nps, n, ca, cb) : subject_of(c, nps, n, ta, ca, cb, t, &pron);
    have_source:
        if (passive)
            pron = 0;
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
        } else if (passive && rule->frame != ATT_EVFR_SP && strcmp(rule->code, "09") < 0) {
            /* a passive without its agent: the article's two parties, for
             * cooperation only; who attacked, arrested or accused whom is
             * not guessed ("Zudem wurde ein Passant getötet") */
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
        if (!tcode[0] && scode[0]) {
            /* (ti is set already for the second party under "zwischen") */
            if (ti < 0 && rule->frame == ATT_EVFR_SYM && si >= 0 && nps[si].coord_next &&
                (size_t)si + 1 < n)
                ti = si + 1;
            else if (ti < 0 && rule->frame == ATT_EVFR_SP)
                ti = pp_target(c, nps, n, ca, cb, si, rule->preps);
            /* an owned noun ("die russischen Angriffe auf X") takes its
             * target from its preposition, not from the clause around it
             * ("Die Türkei bezeichnete die russischen Angriffe als ...") */
            if (ti < 0 && owned)
                ti = pp_target(c, nps, n, ca, cb, si, "auf,gegen,mit,zwischen,on,against,with");
            /* "met with X", "traf X": the other frame's place as a fallback */
            if (ti < 0 && rule->frame == ATT_EVFR_SYM && !owned)
                ti = pp_target(c, nps, n, ca, cb, si, "mit,with");
            /* German nouns (capitalised inside the sentence: "Besuche der
             * Präsidenten") take their parties from prepositions only */
            if (ti < 0 && !owned &&
                (rule->frame != ATT_EVFR_SP || !c->german || t == ta ||
                 !(c->doc->toks[t].flags & ATT_TOKF_UPPER)))
                ti = object_of(c, nps, n, ca, cb, si, t, scode);
            /* no object: an actor of another country named in the clause
             * ("lobte die Fortschritte im Dialog zwischen X und Y") */
            if (ti < 0 && !owned && rule->frame != ATT_EVFR_SP && c->german)
                ti = clause_actor(nps, n, ca, cb, si, scode);
            if (ti >= 0) {
                tent = nps[ti].ent;
                memcpy(tcode, nps[ti].code, 16);
                conf += 0.15;
            } else if ((rule->flags & ATT_EVF_PARTNER) && counterpart(c, scode, &tent, tcode)) {
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
        nd = dates_for(c, s, ca, cb, t, strncmp(rule->code, "03", 2) == 0, dates, &explicit);
        for (size_t k = 0; k < nd && !rc; k++) {
            const char *date = dates[k][0] ? dates[k] : NULL;
            rc =
                add_event(c, rule->code, sent, scode, tent, tcode, date, explicit, loc, s, t, conf);
            if (!rc && (rule->flags & ATT_EVF_VISIT))
                rc = add_event(c, "043", tent, tcode, sent, scode, date, explicit, loc, s, t,
                               conf - 0.1);
            if (!rc && (rule->flags & ATT_EVF_HOST))
                rc = add_event(c, "042", tent, tcode, sent, scode, date, explicit, loc, s, t,
                               conf - 0.1);
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
    if (doc->lang && strcmp(doc->lang, "und") == 0)
        c.german = strcmp(att__langid_lean(doc->text, doc->len), "en") != 0;
    c.last_person = -1;
    c.last_subject = -1;
    if ((rc = collect_mentions(&c)))
        return rc;
    find_occasion(&c);
    find_focus(&c);
    index_forms(&c);
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

/*
 * entities.c - the entity annotator: names the knowledge base knows,
 * descriptors that refer back to them, and persons the KB does not know.
 *
 * Three passes over "pieces" (word tokens, split at inner hyphens so
 * "UN-Klimakonferenz" is UN + Klimakonferenz), in text order:
 *
 *   1. names: at each piece the longest run of up to MAX_RUN pieces whose
 *      key (kb/key.c) or stem key is a KB name; else one piece with a
 *      German genitive -s, an adjective ending (-e -en -er -es -em on an
 *      adjective stem) or a closed compound that starts with a country
 *      ("Kasachstanreise").  Case, stop-word and small-place rules keep
 *      ordinary words out; among the entities one name can mean, the
 *      highest score wins (type, population, role in force at the
 *      document date, already named in the document).
 *   2. titles and descriptors: "Präsident X" gives X's role and country;
 *      a title followed by unknown capitalised words (first name, or two
 *      words) is a new person; "das Staatsoberhaupt", "der aserbaidschanische
 *      Außenminister", "der Gast", "sein Gegenüber", "Hauptstadt
 *      Aserbaidschans" resolve to an entity the text or the KB makes clear.
 *   3. surnames of the new persons, later in the text.
 *
 * Codes are taken at the document date (its publication date at its
 * precision, else the newest date the KB knows).  Mentions and strings live
 * in the document's arena; the working state (pieces, keys, per-entity
 * counts) lives in a scratch arena freed at the end.
 *
 * Speed (docs/entity-linking.md, "How it stays fast"): every piece is keyed
 * and looked up in the lexicon once (a repeated word copies its first
 * occurrence), spans grow from short to long while the KB's prefix filter
 * says a key may go on, spans that start in lower case and the fallbacks
 * probe small indexes, and a fallback that found no key for a word is not
 * tried for its repeats.  None of it changes what is found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../kb/kb.h"
#include "entities.h"
#include "timex.h"

#define MAX_RUN 8           /* pieces in one name */
#define PIECE_KEY 96        /* bytes of one piece's fold or key */
#define SMALL_PLACE 100000  /* places below this population need evidence */
#define LARGE_PLACE 1000000 /* places this large may be matched by a folded spelling */
#define MAX_CANDS 64

typedef struct piece {
    uint32_t start, end;
    uint32_t sent;
    uint8_t upper;            /* first letter upper case */
    uint8_t lower;            /* first letter lower case */
    uint8_t brk;              /* a non-word token (or sentence start) comes before it */
    uint8_t hyph_next;        /* joined to the next piece by a hyphen */
    uint8_t covered;          /* inside a name match */
    int ent;                  /* local entity index of the match starting here, -1 */
    uint8_t match_len;        /* pieces of that match */
    uint8_t adj;              /* the match is an adjective (country/region) */
    uint8_t gen;              /* the match is a name with a genitive -s */
    uint8_t abbr;             /* from an abbreviation token ("Mio.", "Dr.") */
    uint8_t flen, klen, slen; /* bytes of fold, key and stem key (< PIECE_KEY) */
    uint8_t lexf;             /* flags of the fold's lexicon slot (ATT__SF_*), 0 = none */
    uint8_t no_end, no_cpd;   /* first of its bytes: the endings / compound fallback
                                 found no key at all (pass 1 skips them for repeats) */
    uint32_t same;            /* the first piece with the same bytes (itself if new) */
    const att__kb_slot *lx;   /* that slot in st->kb, or NULL */
    const char *fold, *key, *stem;
    uint64_t hf, hk, hs; /* their hashes (att__kb_hash) */
} piece;

/* One entity of this document as the annotator sees it. */
typedef struct lent {
    const att__kb *kb; /* NULL for a person the KB does not know */
    long idx;          /* entity index in kb */
    int doc;           /* index into doc->ents */
    int type;
    const char *country;     /* ISO alpha-3 or NULL */
    const char *role;        /* role in force at the document date, or NULL */
    const char *surname_key; /* new persons: key of the last name */
    int nment;
    uint32_t first, last; /* first and last mention start */
    int by_name;          /* named in full (not only a surname) */
} lent;

typedef struct cand {
    const att__kb *kb;
    long ent;
    const att__kb_alias *alias;
    int stem;
} cand;

/* A string's slots in the key indexes of the overlay ([0]) and the base
 * ([1]) KB; NULL where the KB lacks it. */
typedef struct hit {
    const att__kb_slot *s[2];
} hit;

typedef struct state {
    att_ctx *ctx;
    att_doc *doc;
    const att__kbset *set;
    const att__kb *kbs[2]; /* overlay, base (NULL when absent): lookup order */
    att_arena scratch;
    piece *p;
    size_t np;
    lent *e;
    size_t ne, ce;
    uint32_t date;
    const att__kb *kb; /* the base KB (or the overlay when there is none) */
    /* pieces refused only because a rule-made surname came before the full
     * name ("Kerry und Lawrow" in a headline, "John Kerry" below): tried
     * again once the whole text has been read (retry_surnames) */
    struct deferred {
        size_t i[64];
        size_t n;
    } * deferred;
} state;

/* ---- words the rules look at --------------------------------------------- */

static const char *const determiners[] = {
    "der",    "die",    "das", "den",  "dem",   "des",   "sein",   "seine",   "seinen", "seinem",
    "seines", "seiner", "ihr", "ihre", "ihren", "ihrem", "ihres",  "ihrer",   "dessen", "deren",
    "the",    "his",    "her", "its",  "their", "unser", "unsere", "unseren",
};
static const char *const place_preps[] = {
    "in",    "nach",     "aus",  "bei",  "von", "nahe", "vor",  "durch",
    "gegen", "zwischen", "from", "near", "to",  "at",   "into",
}; /* not im/ins/beim/vom: those contract an article and precede nouns */
/* Nouns before the name of a building or an estate. */
static const char *const buildings[] = {
    "schloss", "palais",  "palast",    "hotel",  "kloster", "villa",
    "stadion", "kaserne", "gefängnis", "palace", "castle",
};
/* Endings of German common nouns, which an unknown person's surname does
 * not have ("als Ko-Vorsitzender", "Frau Regierung"). */
static const char *const noun_endings[] = {
    "ung", "heit", "keit", "schaft", "tion", "ismus", "ender", "itat", "ierung", "nahme", "ment",
};
static const char *const adj_endings[] = {"en", "em", "er", "es", "e"};

static int in_list(const char *const *list, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], w) == 0)
            return 1;
    return 0;
}
#define IN(list, w) in_list(list, ATT_ARRAY_LEN(list), w)

/* ---- the entity layer ------------------------------------------------------ */

static int push_mention(att_doc *doc, att_entity *e, uint32_t start, uint32_t end)
{
    size_t n = e->nmentions;
    for (size_t i = 0; i < n; i++)
        if (e->mentions[i].start == start && e->mentions[i].end == end)
            return 0;
    /* capacity is implicit: 4, then the next power of two */
    if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
        size_t cap = n < 4 ? 4 : n * 2;
        att_span *m = att__arena_array(&doc->arena, cap, sizeof(att_span));
        if (!m)
            return ATT_ENOMEM;
        if (n)
            memcpy(m, e->mentions, n * sizeof(att_span));
        e->mentions = m;
    }
    e->mentions[n].start = start;
    e->mentions[n].end = end;
    e->nmentions = n + 1;
    return 0;
}

int att__entities_add(att_doc *doc, const char *id, const char *type, const char *name,
                      const char *code, uint32_t start, uint32_t end)
{
    size_t i;
    if (!id || !*id || start > end || end > doc->len)
        return ATT_EINVAL;
    for (i = 0; i < doc->nent; i++)
        if (strcmp(doc->ents[i].id, id) == 0)
            break;
    if (i == doc->nent) {
        att_entity e;
        memset(&e, 0, sizeof(e));
        if (!(e.id = att__arena_strdup(&doc->arena, id)) ||
            (type && !(e.type = att__arena_strdup(&doc->arena, type))) ||
            (name && !(e.name = att__arena_strdup(&doc->arena, name))) ||
            (code && *code && !(e.code = att__arena_strdup(&doc->arena, code))) ||
            ATT_PUSH(doc->ents, doc->nent, doc->cent, e))
            return ATT_ENOMEM;
    } else if (!doc->ents[i].code && code && *code) {
        if (!(doc->ents[i].code = att__arena_strdup(&doc->arena, code)))
            return ATT_ENOMEM;
    }
    if (push_mention(doc, &doc->ents[i], start, end))
        return ATT_ENOMEM;
    return (int)i;
}

static int cmp_span(const void *a, const void *b)
{
    const att_span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

void att__entities_sort(att_doc *doc)
{
    for (size_t i = 0; i < doc->nent; i++)
        if (doc->ents[i].nmentions > 1)
            qsort(doc->ents[i].mentions, doc->ents[i].nmentions, sizeof(att_span), cmp_span);
}

/* ---- document date ----------------------------------------------------------- */

/* The latest year from 1990 up to `latest` that the text names as a
 * number of its own ("2015", "28.4.2016"), or 0. */
static unsigned latest_year_named(const att_doc *doc, unsigned latest)
{
    unsigned best = 0;
    for (size_t i = 0; i < doc->ntok; i++) {
        const att_token *t = &doc->toks[i];
        const char *s = doc->text + t->start;
        size_t n = t->end - t->start;
        unsigned y = 0;
        if (t->kind != ATT_TOK_NUMBER || n < 4)
            continue;
        /* "2015", or the year closing a date written as one number */
        if (n > 4 && (s[n - 5] == '.' || s[n - 5] == '/' || s[n - 5] == '-'))
            s += n - 4;
        else if (n != 4)
            continue;
        for (int k = 0; k < 4; k++)
            y = s[k] >= '0' && s[k] <= '9' ? y * 10 + (unsigned)(s[k] - '0') : 100000;
        if (y >= 1990 && y <= latest && y > best)
            best = y;
    }
    return best;
}

/* The date the KB's dated roles are read at: the publication date; without
 * one, the middle of the latest year the article names (a news story names
 * its own year more than any later one), else the KB's newest date. */
static uint32_t doc_date(const att_doc *doc, const att__kb *kb)
{
    uint32_t d;
    if (!doc->published) {
        uint32_t latest = kb->hdr->latest ? kb->hdr->latest : 20250101;
        unsigned y = latest_year_named(doc, latest / 10000);
        if (y && y < latest / 10000)
            return y * 10000 + 701;
        return latest;
    }
    d = att__kb_date(doc->published, strlen(doc->published), 0);
    if (!d)
        return kb->hdr->latest;
    if (doc->prec == ATT_PREC_YEAR)
        return d / 10000 * 10000 + 701;
    if (doc->prec == ATT_PREC_MONTH)
        return d / 100 * 100 + 15;
    return d;
}

/* ---- local entities ---------------------------------------------------------- */

/* The base KB's entity for an overlay stub (same id), else itself. */
static void canonical(const state *st, const att__kb **kb, long *idx)
{
    if (*kb == &st->set->overlay && st->set->has_base && ((*kb)->ents[*idx].flags & ATT__EF_STUB)) {
        long b = att__kb_find_id(&st->set->base, (*kb)->str + (*kb)->ents[*idx].id);
        if (b >= 0) {
            *kb = &st->set->base;
            *idx = b;
        }
    }
}

static long find_local(const state *st, const att__kb *kb, long idx)
{
    for (size_t i = 0; i < st->ne; i++)
        if (st->e[i].kb == kb && st->e[i].idx == idx)
            return (long)i;
    return -1;
}

static const char *ent_country(const att__kb *kb, long idx)
{
    const att__kb_ent *e = &kb->ents[idx];
    if (e->type == ATT__ET_COUNTRY)
        return kb->str + e->country;
    return e->country ? kb->str + e->country : NULL;
}

/* Adds a mention of KB entity (kb, idx) and returns its local index. */
/* The role of entity idx whose term lies nearest to date (yyyymmdd), or
 * NULL when it has none. */
static const att__kb_role *nearest_role(const att__kb *kb, long idx, uint32_t date)
{
    const att__kb_role *best = NULL;
    uint32_t bestd = UINT32_MAX;
    for (uint32_t i = 0; i < kb->ents[idx].nrole; i++) {
        const att__kb_role *r = &kb->roles[kb->ents[idx].role0 + i];
        uint32_t dist = r->start > date           ? r->start - date
                        : r->end && r->end < date ? date - r->end
                                                  : 0;
        if (dist < bestd) {
            best = r;
            bestd = dist;
        }
    }
    return best;
}

static long mention_kb(state *st, const att__kb *kb, long idx, uint32_t start, uint32_t end,
                       int by_name)
{
    long li;
    canonical(st, &kb, &idx);
    li = find_local(st, kb, idx);
    if (li < 0) {
        const att__kb_ent *e = &kb->ents[idx];
        const att__kb_role *r = att__kb_role_at(kb, (uint32_t)idx, st->date);
        const char *code = att__kb_code_at(kb, (uint32_t)idx, st->date);
        lent le;
        /* an undated article's date is a guess: a person out of office
         * then is taken in the office nearest to it */
        if (!r && !st->doc->published && (r = nearest_role(kb, idx, st->date)) != NULL && r->code)
            code = kb->str + r->code;
        int di = att__entities_add(st->doc, kb->str + e->id, att__kb_type_name(e->type),
                                   kb->str + e->name, code, start, end);
        if (di < 0)
            return di;
        memset(&le, 0, sizeof(le));
        le.kb = kb;
        le.idx = idx;
        le.doc = di;
        le.type = e->type;
        le.country = ent_country(kb, idx);
        le.role = r ? kb->str + r->role : NULL;
        le.first = start;
        if (ATT_PUSH(st->e, st->ne, st->ce, le))
            return ATT_ENOMEM;
        li = (long)st->ne - 1;
    } else if (att__entities_add(st->doc, st->doc->ents[st->e[li].doc].id, NULL, NULL, NULL, start,
                                 end) < 0) {
        return ATT_ENOMEM;
    }
    st->e[li].nment++;
    st->e[li].last = start;
    st->e[li].by_name |= by_name;
    return li;
}

/* Adds a mention of a person the KB does not know. */
static long mention_new(state *st, const char *name, const char *country, const char *code,
                        const char *surname_key, uint32_t start, uint32_t end)
{
    char id[160], slug[140];
    long li;
    lent le;
    int di;
    if (att__kb_slug(name, slug, sizeof(slug)) == (size_t)-1 || !*slug)
        return ATT_EINVAL; /* not a name we can make an id of: skipped */
    snprintf(id, sizeof(id), "person:%s", slug);
    for (size_t i = 0; i < st->ne; i++)
        if (!st->e[i].kb && strcmp(st->doc->ents[st->e[i].doc].id, id) == 0) {
            li = (long)i;
            if (att__entities_add(st->doc, id, NULL, NULL, code, start, end) < 0)
                return ATT_ENOMEM;
            st->e[li].nment++;
            st->e[li].last = start;
            return li;
        }
    if ((di = att__entities_add(st->doc, id, "person", name, code, start, end)) < 0)
        return di;
    memset(&le, 0, sizeof(le));
    le.idx = -1;
    le.doc = di;
    le.type = ATT__ET_PERSON;
    le.country = country ? att__arena_strdup(&st->scratch, country) : NULL;
    le.surname_key = surname_key;
    le.nment = 1;
    le.first = le.last = start;
    le.by_name = 1;
    if (ATT_PUSH(st->e, st->ne, st->ce, le))
        return ATT_ENOMEM;
    return (long)st->ne - 1;
}

/* ---- pieces ------------------------------------------------------------------ */

static int is_hyphen(const char *s, size_t at, size_t n, size_t *len)
{
    if (s[at] == '-') {
        *len = 1;
        return 1;
    }
    if (at + 3 <= n && (unsigned char)s[at] == 0xE2 && (unsigned char)s[at + 1] == 0x80 &&
        ((unsigned char)s[at + 2] == 0x90 || (unsigned char)s[at + 2] == 0x91)) {
        *len = 3;
        return 1;
    }
    return 0;
}

static int first_upper(const char *s, size_t n, int *lower)
{
    size_t adv = 1;
    int32_t cp = att__utf8_decode(s, n, &adv);
    *lower = 0;
    if (cp < 0)
        return 0;
    if (cp < 0x80) {
        *lower = cp >= 'a' && cp <= 'z';
        return cp >= 'A' && cp <= 'Z';
    }
    *lower = utf8proc_islower(cp);
    return utf8proc_isupper(cp);
}

/* The first piece with the same bytes as text[a, b), found through memo
 * (open addressing over piece index + 1, nmemo a power of two), or -1 after
 * entering piece np as the first.  Half the words of an article are
 * repeats ("die", "und", its names), so their fold, key and lexicon slot
 * are copied, not computed. */
static long memo_find(const state *st, uint32_t *memo, size_t nmemo, size_t a, size_t b)
{
    const char *t = st->doc->text;
    size_t h = (size_t)att__kb_hash(t + a, b - a) & (nmemo - 1);
    while (memo[h]) {
        const piece *q = &st->p[memo[h] - 1];
        if (q->end - q->start == b - a && memcmp(t + q->start, t + a, b - a) == 0)
            return (long)memo[h] - 1;
        h = (h + 1) & (nmemo - 1);
    }
    memo[h] = (uint32_t)st->np + 1;
    return -1;
}

/* Splits the word tokens into pieces and computes each piece's fold, key
 * and stem key (in the scratch arena) and their hashes, asking the CPU to
 * fetch the slots pass 1 and the lexicon look-ups will read; then looks up
 * each fold in the lexicon.  The pieces array is malloc'ed (and not
 * zeroed: each piece is set when made), freed with the state. */
static int make_pieces(state *st)
{
    const att_doc *doc = st->doc;
    size_t sent = 0, cap = doc->ntok * 2 + 1, nmemo = 16;
    uint32_t *memo;
    int brk = 1;
    while (nmemo < cap * 2)
        nmemo <<= 1;
    if (cap > SIZE_MAX / sizeof(piece) || !(st->p = malloc(cap * sizeof(piece))) ||
        !(memo = att__arena_array(&st->scratch, nmemo, sizeof(uint32_t))))
        return ATT_ENOMEM;
    for (size_t t = 0; t < doc->ntok; t++) {
        const att_token *tk = &doc->toks[t];
        while (sent < doc->nsent && doc->sents[sent].end <= tk->start)
            sent++, brk = 1;
        if (tk->kind != ATT_TOK_WORD && tk->kind != ATT_TOK_ABBREV) {
            brk = 1;
            continue;
        }
        size_t a = tk->start;
        while (a < tk->end) {
            size_t b = a, hl = 0;
            while (b < tk->end &&
                   !(b > a && tk->kind == ATT_TOK_WORD && is_hyphen(doc->text, b, tk->end, &hl)))
                b++;
            if (st->np + 1 >= cap)
                return ATT_ENOMEM;
            long same = memo_find(st, memo, nmemo, a, b);
            piece *pc = &st->p[st->np];
            char buf[PIECE_KEY], *str;
            int lower;
            size_t fl;
            if (same >= 0)
                *pc = st->p[same]; /* fold, key, stem, hashes, case, lexicon slot */
            else
                memset(pc, 0, sizeof(*pc));
            pc->start = (uint32_t)a;
            pc->end = (uint32_t)b;
            pc->sent = (uint32_t)sent;
            pc->brk = (uint8_t)brk;
            pc->ent = -1;
            pc->hyph_next = b < tk->end;
            pc->abbr = tk->kind == ATT_TOK_ABBREV;
            pc->same = same >= 0 ? (uint32_t)same : (uint32_t)st->np;
            st->np++;
            brk = 0;
            a = b < tk->end ? b + hl : b;
            if (same >= 0)
                continue;
            pc->upper = (uint8_t)first_upper(doc->text + pc->start, pc->end - pc->start, &lower);
            pc->lower = (uint8_t)lower;
            fl = att__kb_fold(doc->text + pc->start, pc->end - pc->start, buf, sizeof(buf));
            if (fl == (size_t)-1)
                fl = 0, buf[0] = '\0';
            /* fold, key and stem key in one block: each is at most as
             * long as the one before */
            if (!(str = att__arena_alloc(&st->scratch, 3 * fl + 3)))
                return ATT_ENOMEM;
            memcpy(str, buf, fl + 1);
            pc->fold = str;
            pc->flen = (uint8_t)fl;
            pc->hf = att__kb_hash(buf, fl);
            att__kb_prefetch(st->kb, ATT__KT_LEX, pc->hf);
            str += fl + 1;
            fl = att__kb_fold_to_key(buf, fl);
            memcpy(str, buf, fl + 1);
            pc->key = str;
            pc->klen = (uint8_t)fl;
            pc->hk = att__kb_hash(buf, fl);
            str += fl + 1;
            fl = att__kb_stem(buf, fl);
            memcpy(str, buf, fl + 1);
            pc->stem = str;
            pc->slen = (uint8_t)fl;
            pc->hs = att__kb_hash(buf, fl);
            for (int k = 0; k < 2; k++)
                if (st->kbs[k]) {
                    att__kb_prefetch(st->kbs[k], pc->upper ? ATT__KT_KEY : ATT__KT_LOW, pc->hk);
                    att__kb_prefetch_prefix(st->kbs[k], pc->upper ? ATT__PF_ALL : ATT__PF_LOW,
                                            pc->hs);
                }
        }
        if (tk->flags & ATT_TOKF_SENT_END)
            brk = 1;
    }
    for (size_t i = 0; i < st->np; i++) { /* the lexicon slots, prefetched above */
        piece *pc = &st->p[i];
        if (pc->same != i) {
            pc->lx = st->p[pc->same].lx;
            pc->lexf = st->p[pc->same].lexf;
        } else if (pc->flen) {
            pc->lx = att__kb_slot_find(st->kb, ATT__KT_LEX, pc->fold, pc->flen, pc->hf);
            pc->lexf = pc->lx ? pc->lx->flags : 0;
        }
    }
    return 0;
}

/* How many pieces from i on can form one name: same sentence, no
 * punctuation between them. */
static size_t run_len(const state *st, size_t i)
{
    size_t n = 1;
    while (n < MAX_RUN && i + n < st->np && !st->p[i + n].brk && st->p[i + n].sent == st->p[i].sent)
        n++;
    return n;
}

/* Joins the keys (or folds) of pieces [i, i+n) with spaces into buf. */
static size_t join(const state *st, size_t i, size_t n, int folds, char *buf, size_t size)
{
    size_t len = 0;
    for (size_t k = 0; k < n; k++) {
        const char *s = folds ? st->p[i + k].fold : st->p[i + k].key;
        size_t l = folds ? st->p[i + k].flen : st->p[i + k].klen;
        if (!l)
            return (size_t)-1;
        if (len + l + 2 > size)
            return (size_t)-1;
        if (k)
            buf[len++] = ' ';
        memcpy(buf + len, s, l);
        len += l;
    }
    buf[len] = '\0';
    return len;
}

static int is_stop(const state *st, const char *fold)
{
    size_t lo, hi;
    return att__kb_find_lex(st->kb, fold, strlen(fold), ATT__LX_STOP, &lo, &hi);
}

/* Is piece i's fold a lexicon word of class cls?  (Looked up once, in
 * make_pieces.) */
static int piece_lex(const state *st, size_t i, int cls)
{
    return (st->p[i].lexf & ATT__SF_CLASS(cls)) != 0;
}

static int prev_is(const state *st, size_t i, const char *const *list, size_t n)
{
    return i > 0 && st->p[i - 1].sent == st->p[i].sent && st->p[i - 1].lower &&
           in_list(list, n, st->p[i - 1].fold);
}

static int country_named(const state *st, const char *country)
{
    if (!country)
        return 0;
    for (size_t i = 0; i < st->ne; i++)
        if (st->e[i].type == ATT__ET_COUNTRY && st->e[i].country &&
            strcmp(st->e[i].country, country) == 0)
            return 1;
    return 0;
}

static int title_before(const state *st, size_t i)
{
    const piece *p;
    size_t lo, hi;
    if (i == 0 || st->p[i - 1].sent != st->p[i].sent)
        return 0;
    if (piece_lex(st, i - 1, ATT__LX_TITLE))
        return 1;
    /* a compound ending in a title: "Palästinenserpräsident Abbas" */
    p = &st->p[i - 1];
    for (size_t k = 3; st->kb && p->upper && k + 5 <= p->flen; k++)
        if (att__kb_find_lex(st->kb, p->fold + k, p->flen - k, ATT__LX_TITLE, &lo, &hi))
            return 1;
    return 0;
}

enum { HOW_EXACT, HOW_STEM, HOW_GENITIVE, HOW_ADJ, HOW_COMPOUND };

/* May alias a name the pieces [i, i+n) (matched how)? */
/* Has the article named the entity of alias a in full already? */
static int named_before(const state *st, const att__kb *kb, const att__kb_alias *a)
{
    const att__kb *ckb = kb;
    long idx = (long)a->ent, li;
    if (a->kind != ATT__AK_SURNAME)
        return 0;
    canonical(st, &ckb, &idx);
    li = find_local(st, ckb, idx);
    return li >= 0 && st->e[li].by_name;
}

/* Is piece i (less its genitive -s when genitive) spelled as fold? */
static int spelled_as(const state *st, size_t i, int genitive, const char *fold)
{
    const piece *p = &st->p[i];
    size_t n = p->flen - (genitive && p->flen > 1 ? 1 : 0);
    return strlen(fold) == n && memcmp(p->fold, fold, n) == 0;
}

static int alias_ok(const state *st, const att__kb *kb, const att__kb_alias *a, size_t i, size_t n,
                    int how)
{
    const piece *p = &st->p[i];
    const att__kb_ent *e = &kb->ents[a->ent];
    char buf[ATT__KB_MAXKEY];
    int single = n == 1;

    if (how == HOW_ADJ && a->kind != ATT__AK_ADJECTIVE)
        return 0;
    if (how == HOW_GENITIVE &&
        (a->kind == ATT__AK_ADJECTIVE || a->kind == ATT__AK_ACRONYM || a->kind == ATT__AK_DEMONYM))
        return 0;
    if (how == HOW_COMPOUND && (e->type != ATT__ET_COUNTRY || a->kind != ATT__AK_NAME))
        return 0;
    if (a->flags & ATT__AF_CASE) { /* acronyms: as written */
        size_t fl = strlen(kb->str + a->form);
        if (how != HOW_EXACT)
            return 0;
        return p[n - 1].end - p->start == fl &&
               memcmp(st->doc->text + p->start, kb->str + a->form, fl) == 0;
    }
    if (!(a->flags & ATT__AF_LOWER) && !p->upper)
        return 0; /* names are capitalised; only adjective stems may be lower case */
    if (single && p->flen < 3 && !named_before(st, kb, a))
        return 0; /* two letters only for a family name after the full name ("Xi") */
    if (a->flags & ATT__AF_WEAK) {
        /* GeoNames alternate names: the exact spelling and more evidence */
        if (how != HOW_EXACT || join(st, i, n, 1, buf, sizeof(buf)) == (size_t)-1 ||
            strcmp(buf, kb->str + a->fold) != 0)
            return 0;
        if (single && e->population < 10 * SMALL_PLACE &&
            !prev_is(st, i, place_preps, ATT_ARRAY_LEN(place_preps)))
            return 0;
    }
    /* a word that reaches a place only through key folding ("Mann" -> Man,
     * "Tschechen" -> Chechen) is most likely a word of the language: a
     * place below a million people needs its spelling, or a preposition
     * of place or its country named */
    if (single && (how == HOW_EXACT || how == HOW_GENITIVE) && e->type == ATT__ET_PLACE &&
        e->kind != ATT__PK_CAPITAL && e->population < LARGE_PLACE &&
        !spelled_as(st, i, how == HOW_GENITIVE, kb->str + a->fold) &&
        !prev_is(st, i, place_preps, ATT_ARRAY_LEN(place_preps)) &&
        !country_named(st, ent_country(kb, (long)a->ent)))
        return 0;
    /* "Schloss Bellevue", "Hotel Ritz": the name of a building, not a city */
    if (single && e->type == ATT__ET_PLACE && e->kind != ATT__PK_CAPITAL && i > 0 &&
        st->p[i - 1].sent == st->p[i].sent &&
        in_list(buildings, ATT_ARRAY_LEN(buildings), st->p[i - 1].fold))
        return 0;
    if (single && how != HOW_COMPOUND && e->type != ATT__ET_COUNTRY &&
        piece_lex(st, i, ATT__LX_STOP) && !prev_is(st, i, place_preps, ATT_ARRAY_LEN(place_preps)))
        return 0;
    if (single && e->type == ATT__ET_PLACE && e->kind != ATT__PK_REGION &&
        e->kind != ATT__PK_CAPITAL && e->population < SMALL_PLACE && a->kind != ATT__AK_ADJECTIVE &&
        !prev_is(st, i, place_preps, ATT_ARRAY_LEN(place_preps)) &&
        !country_named(st, ent_country(kb, (long)a->ent)))
        return 0;
    if (a->kind == ATT__AK_SURNAME && (a->flags & ATT__AF_RULE)) {
        /* a surname made by rule: only after the full name or a title */
        const att__kb *ckb = kb;
        long idx = (long)a->ent;
        canonical(st, &ckb, &idx);
        long li = find_local(st, ckb, idx);
        if (!(li >= 0 && st->e[li].by_name) && !title_before(st, i)) {
            struct deferred *d = st->deferred;
            if (d && n == 1 && d->n < ATT_ARRAY_LEN(d->i) && (!d->n || d->i[d->n - 1] != i))
                d->i[d->n++] = i;
            return 0;
        }
    }
    return 1;
}

static int score(const state *st, const cand *c)
{
    const att__kb *kb = c->kb;
    const att__kb_ent *e = &kb->ents[c->ent];
    const att__kb *ckb = kb;
    long idx = c->ent, li;
    int s = 0;
    static const int type_score[ATT__ET_COUNT] = {0, 100, 60, 80, 90, 85, 85};
    s += type_score[e->type < ATT__ET_COUNT ? e->type : 0];
    if (e->type == ATT__ET_PLACE) {
        uint32_t p = e->population;
        s += e->kind == ATT__PK_CAPITAL ? 25 : e->kind == ATT__PK_REGION ? 15 : 0;
        while (p >= 10 && s < 200) {
            p /= 10;
            s += 3;
        }
        if (country_named(st, ent_country(kb, c->ent)))
            s += 15;
    }
    if (e->type == ATT__ET_PERSON) {
        const att__kb_role *r = att__kb_role_at(kb, (uint32_t)c->ent, st->date);
        if (r)
            s += 30 + 2 * att__kb_role_rank(kb->str + r->role);
        else if (e->nrole)
            s += 5;
        /* of two namesakes, the one whose country the article names */
        if (country_named(st, ent_country(kb, c->ent)))
            s += 15;
    }
    canonical(st, &ckb, &idx);
    if ((li = find_local(st, ckb, idx)) >= 0)
        s += st->e[li].by_name ? 60 : 40;
    if (!(c->alias->flags & ATT__AF_WEAK))
        s += 10;
    if (c->alias->flags & ATT__AF_RULE)
        s -= 20;
    if (!c->stem)
        s += 5;
    if (c->kb == &st->set->overlay)
        s += 8;
    return s;
}

/* The slots of key[0..kl) (hash h) in key index t of both KBs. */
static void probe2(const state *st, int t, const char *key, size_t kl, uint64_t h, hit *out)
{
    for (int k = 0; k < 2; k++)
        out->s[k] = st->kbs[k] ? att__kb_slot_find(st->kbs[k], t, key, kl, h) : NULL;
}

/* May the stem key with hash h go on with another word of a key of
 * prefix filter f in either KB? */
static int maybe_prefix(const state *st, int f, uint64_t h)
{
    for (int k = 0; k < 2; k++)
        if (st->kbs[k] && att__kb_prefix(st->kbs[k], f, h))
            return 1;
    return 0;
}

/* Collects the acceptable candidates of a key found in both KBs: its
 * exact entries, or (stem_ok) its stem entries. */
static size_t collect(const state *st, const hit *h, int stem_ok, size_t i, size_t n, int how,
                      cand *out, size_t max)
{
    size_t nc = 0;
    for (int k = 0; k < 2; k++) {
        const att__kb *kb = st->kbs[k];
        const att__kb_slot *s = h->s[k];
        if (!kb || !s || !(s->flags & (stem_ok ? ATT__SF_STEM : ATT__SF_EXACT)))
            continue;
        for (size_t j = s->first; j < (size_t)s->first + s->count && nc < max; j++) {
            int stem = (kb->keys[j].flags & ATT__KEYF_STEM) != 0;
            const att__kb_alias *a = &kb->aliases[kb->keys[j].alias];
            if (stem != stem_ok)
                continue;
            if (!alias_ok(st, kb, a, i, n, how))
                continue;
            out[nc].kb = kb;
            out[nc].ent = (long)a->ent;
            out[nc].alias = a;
            out[nc].stem = stem;
            nc++;
        }
    }
    return nc;
}

/* Collects the acceptable candidates for key in both KBs; the fallbacks
 * look in the small index that holds every key they can accept (t). */
static size_t lookup(const state *st, int t, const char *key, size_t kl, int stem_ok, size_t i,
                     size_t n, int how, cand *out, size_t max, int *seen)
{
    hit h;
    probe2(st, t, key, kl, att__kb_hash(key, kl), &h);
    *seen |= h.s[0] != NULL || h.s[1] != NULL;
    return collect(st, &h, stem_ok, i, n, how, out, max);
}

static size_t best_of(const state *st, const cand *c, size_t nc)
{
    size_t best = 0;
    int bs = -1000;
    for (size_t k = 0; k < nc; k++) {
        int s = score(st, &c[k]);
        if (s > bs) {
            bs = s;
            best = k;
        }
    }
    return best;
}

/* Tries a single piece with an ending cut off (genitive -s, adjective
 * endings).  Returns the number of candidates; *seen is set when a key it
 * tried is in a KB at all (when not, no context will ever accept one, and
 * the same word later need not be tried: it depends on the bytes alone). */
static size_t try_endings(const state *st, size_t i, cand *c, size_t max, int *how, int *seen)
{
    const piece *p = &st->p[i];
    size_t fl = p->flen;
    char buf[PIECE_KEY];
    size_t nc;
    if (fl < 4 || fl >= sizeof(buf))
        return 0;
    if (p->upper && p->fold[fl - 1] == 's') {
        memcpy(buf, p->fold, fl - 1);
        size_t kl = att__kb_fold_to_key(buf, fl - 1);
        if ((nc = lookup(st, ATT__KT_KEY, buf, kl, 0, i, 1, HOW_GENITIVE, c, max, seen)) > 0) {
            *how = HOW_GENITIVE;
            return nc;
        }
    }
    for (size_t e = 0; e < ATT_ARRAY_LEN(adj_endings); e++) {
        size_t el = strlen(adj_endings[e]);
        if (fl <= el + 3 || memcmp(p->fold + fl - el, adj_endings[e], el) != 0)
            continue;
        memcpy(buf, p->fold, fl - el);
        size_t kl = att__kb_fold_to_key(buf, fl - el);
        if ((nc = lookup(st, ATT__KT_ADJ, buf, kl, 0, i, 1, HOW_ADJ, c, max, seen)) > 0) {
            *how = HOW_ADJ;
            return nc;
        }
    }
    return 0;
}

/* "Kasachstanreise": a capitalised piece that starts with a country name
 * and goes on with a lower-case noun of four letters or more.  *seen as
 * for try_endings. */
static size_t try_compound(const state *st, size_t i, cand *c, size_t max, uint32_t *cut, int *seen)
{
    const piece *p = &st->p[i];
    const char *s = st->doc->text + p->start;
    size_t n = p->end - p->start, ends[PIECE_KEY + 1];
    char buf[PIECE_KEY], fold[PIECE_KEY];
    if (!p->upper || n < 9 || n >= PIECE_KEY)
        return 0;
    att__kb_fold_ends(s, n, fold, sizeof(fold), ends);
    for (size_t k = n - 4; k >= 4; k--) {
        size_t kl, nc;
        if (s[k] < 'a' || s[k] > 'z' || (unsigned char)s[k - 1] < 'a')
            continue;
        if (ends[k] != (size_t)-1) { /* the key of s[0..k) from the fold of s */
            if (ends[k] < 5)
                continue; /* a key is never longer than its fold */
            memcpy(buf, fold, ends[k]);
            kl = att__kb_fold_to_key(buf, ends[k]);
        } else {
            kl = att__kb_keyof(s, k, buf, sizeof(buf));
        }
        if (kl == (size_t)-1 || kl < 5)
            continue;
        if ((nc = lookup(st, ATT__KT_CPD, buf, kl, 0, i, 1, HOW_COMPOUND, c, max, seen)) > 0) {
            *cut = (uint32_t)k;
            return nc;
        }
    }
    return 0;
}

/* "Berlin. Die ..." / "Moskau (dpa) -": a place opening a paragraph and
 * followed by a period or a bracket is the dateline of a news agency, not
 * something the article is about. */
static int dateline(const state *st, size_t i, size_t n, const att__kb *kb, long ent)
{
    const char *t = st->doc->text;
    uint32_t a = st->p[i].start, z = st->p[i + n - 1].end;
    if (kb->ents[ent].type != ATT__ET_PLACE || (a > 0 && t[a - 1] != '\n'))
        return 0;
    return z < st->doc->len &&
           (t[z] == '.' || t[z] == '/' || (t[z] == ' ' && z + 1 < st->doc->len && t[z + 1] == '('));
}

/* "US-Dollar": a hyphenated compound the stop list names as a whole. */
static int stop_compound(const state *st, size_t i)
{
    char buf[ATT__KB_MAXKEY];
    size_t n = 1;
    while (i + n - 1 < st->np && st->p[i + n - 1].hyph_next && n < 4)
        n++;
    if (n < 2 || join(st, i, n, 1, buf, sizeof(buf)) == (size_t)-1)
        return 0;
    return is_stop(st, buf);
}

/* Pass 1: names.  At piece i the span grows from one piece to MAX_RUN,
 * looking up each length's key and (two pieces or more) stem key, and
 * stops as soon as the KBs' prefix filters say no key goes on; then the
 * longest length with an acceptable candidate wins, exact before stem, as
 * if every length had been tried from the longest down.  A span whose
 * first piece is not capitalised can only be a name written in lower case
 * (alias_ok), so it looks in the small index and filter of those. */
static int pass_names(state *st)
{
    cand c[MAX_CANDS];
    char kbuf[ATT__KB_MAXKEY], sbuf[ATT__KB_MAXKEY];
    hit ex[MAX_RUN + 1], sm[MAX_RUN + 1];
    size_t i = 0;
    while (i < st->np) {
        size_t maxn = run_len(st, i), n, top = 0, nc = 0, kl = 0, sl = 0;
        int how = HOW_EXACT, up = st->p[i].upper;
        int t = up ? ATT__KT_KEY : ATT__KT_LOW, f = up ? ATT__PF_ALL : ATT__PF_LOW;
        uint32_t end = 0;
        if (!st->p[i].klen) {
            i++;
            continue;
        }
        for (n = 1; n <= maxn; n++) {
            const piece *q = &st->p[i + n - 1];
            uint64_t hs;
            if (!q->klen || kl + q->klen + 2 > sizeof(kbuf))
                break; /* what join() refuses */
            if (n > 1) {
                kbuf[kl++] = ' ';
                sbuf[sl++] = ' ';
            }
            memcpy(kbuf + kl, q->key, q->klen);
            kl += q->klen;
            memcpy(sbuf + sl, q->stem, q->slen);
            sl += q->slen;
            probe2(st, t, kbuf, kl, n == 1 ? q->hk : att__kb_hash(kbuf, kl), &ex[n]);
            top = n;
            if (n == 1 && maxn == 1)
                break;
            hs = n == 1 ? q->hs : att__kb_hash(sbuf, sl);
            if (n >= 2)
                probe2(st, t, sbuf, sl, hs, &sm[n]);
            if (n == maxn || !maybe_prefix(st, f, hs))
                break;
        }
        for (n = top; n >= 1; n--) {
            how = HOW_EXACT;
            nc = collect(st, &ex[n], 0, i, n, HOW_EXACT, c, MAX_CANDS);
            if (!nc && n >= 2) {
                nc = collect(st, &sm[n], 1, i, n, HOW_STEM, c, MAX_CANDS);
                how = HOW_STEM;
            }
            if (nc)
                break;
        }
        if (!nc && !st->p[st->p[i].same].no_end) {
            int seen = 0;
            n = 1;
            nc = try_endings(st, i, c, MAX_CANDS, &how, &seen);
            st->p[st->p[i].same].no_end = !seen;
        }
        if (!nc && !st->p[st->p[i].same].no_cpd) {
            int seen = 0;
            n = 1;
            if ((nc = try_compound(st, i, c, MAX_CANDS, &end, &seen)) > 0)
                how = HOW_COMPOUND;
            st->p[st->p[i].same].no_cpd = !seen;
        }
        if (!nc) {
            i++;
            continue;
        }
        {
            size_t b = best_of(st, c, nc);
            uint32_t s0 = st->p[i].start, s1 = st->p[i + n - 1].end;
            long li;
            if (dateline(st, i, n, c[b].kb, c[b].ent) || stop_compound(st, i)) {
                i += n;
                continue;
            }
            if (how == HOW_COMPOUND)
                s1 = s0 + end;
            li = mention_kb(st, c[b].kb, c[b].ent, s0, s1, c[b].alias->kind != ATT__AK_SURNAME);
            if (li < 0)
                return (int)li;
            st->p[i].ent = (int)li;
            st->p[i].match_len = (uint8_t)n;
            st->p[i].adj = c[b].alias->kind == ATT__AK_ADJECTIVE;
            st->p[i].gen = how == HOW_GENITIVE || c[b].alias->kind == ATT__AK_INFLECTED;
            for (size_t k = 0; k < n; k++)
                st->p[i + k].covered = 1;
            /* "UN-Klimakonferenz": the first part of a hyphenated name is
             * an organisation or country of its own */
            if (n >= 2 && st->p[i].hyph_next) {
                size_t n1 = collect(st, &ex[1], 0, i, 1, HOW_EXACT, c, MAX_CANDS);
                if (n1) {
                    size_t b1 = best_of(st, c, n1);
                    int t1 = c[b1].kb->ents[c[b1].ent].type;
                    if ((t1 == ATT__ET_ORG || t1 == ATT__ET_COUNTRY) &&
                        mention_kb(st, c[b1].kb, c[b1].ent, st->p[i].start, st->p[i].end, 1) ==
                            ATT_ENOMEM)
                        return ATT_ENOMEM;
                }
            }
            i += n;
        }
    }
    return 0;
}

/* The deferred surnames again, now that every full name is known: a piece
 * still uncovered takes the person it names when the article names that
 * person in full somewhere. */
static int retry_surnames(state *st)
{
    struct deferred *d = st->deferred;
    cand c[MAX_CANDS];
    hit ex;
    st->deferred = NULL; /* no deferring while retrying */
    for (size_t k = 0; d && k < d->n; k++) {
        size_t i = d->i[k], nc;
        const piece *q = &st->p[i];
        long li;
        if (q->covered || !q->klen || !q->upper)
            continue;
        probe2(st, ATT__KT_KEY, q->key, q->klen, q->hk, &ex);
        nc = collect(st, &ex, 0, i, 1, HOW_EXACT, c, MAX_CANDS);
        if (!nc)
            continue;
        {
            size_t b = best_of(st, c, nc);
            if (c[b].alias->kind != ATT__AK_SURNAME)
                continue;
            li = mention_kb(st, c[b].kb, c[b].ent, q->start, q->end, 0);
            if (li < 0)
                return (int)li;
            st->p[i].ent = (int)li;
            st->p[i].match_len = 1;
            st->p[i].covered = 1;
        }
    }
    st->deferred = d;
    return 0;
}

/* ---- pass 2: titles and descriptors ------------------------------------------- */

/* Roles whose title marks a person (not a body such as "Regierung"). */
static const char *const person_roles[] = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "interior_minister",
    "finance_minister",
    "economy_minister",
    "energy_minister",
    "minister",
    "ambassador",
    "counterpart",
    "spokesperson",
    "vice_president",
    "deputy_head_of_government",
    "secretary_general",
    "commission_president",
    "high_representative",
    "monarch",
    "supreme_leader",
    "central_banker",
    "mayor",
    "governor",
    "legislator",
};

/* Mentions of local entity li that start before pos: how many, and the
 * start of the last one. */
static int before(const state *st, size_t li, uint32_t pos, uint32_t *last)
{
    const att_entity *e = &st->doc->ents[st->e[li].doc];
    int n = 0;
    *last = 0;
    for (size_t m = 0; m < e->nmentions; m++)
        if (e->mentions[m].start < pos) {
            n++;
            if (e->mentions[m].start >= *last)
                *last = e->mentions[m].start;
        }
    return n;
}

/* The country a matched piece names: a country (by name, genitive or
 * adjective), or NULL. */
static const char *piece_country(const state *st, size_t i)
{
    const piece *p = &st->p[i];
    if (p->ent < 0 || st->e[p->ent].type != ATT__ET_COUNTRY)
        return NULL;
    return st->e[p->ent].country;
}

/* The person a counterpart/guest descriptor at pos refers to: among the
 * persons named before it, not one named earlier in the same sentence and
 * not the document's main person (most mentions so far), the latest. */
static long resolve_other(const state *st, size_t t, uint32_t pos)
{
    uint32_t sstart = st->doc->sents[st->p[t].sent].start;
    long main = -1, best = -1;
    int mainn = 0, cands = 0;
    uint32_t bestlast = 0;
    for (size_t k = 0; k < st->ne; k++) {
        uint32_t last;
        int n;
        if (st->e[k].type != ATT__ET_PERSON || (n = before(st, k, pos, &last)) == 0)
            continue;
        if (last >= sstart)
            continue;
        cands++;
        if (n > mainn) {
            mainn = n;
            main = (long)k;
        }
    }
    for (size_t k = 0; k < st->ne; k++) {
        uint32_t last;
        if (st->e[k].type != ATT__ET_PERSON || before(st, k, pos, &last) == 0 || last >= sstart)
            continue;
        if (cands > 1 && (long)k == main)
            continue;
        if (best < 0 || last > bestlast) {
            best = (long)k;
            bestlast = last;
        }
    }
    return best;
}

/* A person of country for "seinem russischen Amtskollegen": one named in
 * the same sentence (the nearest), else the latest named before. */
static long resolve_country(const state *st, size_t t, const char *country)
{
    const att_span *sent = &st->doc->sents[st->p[t].sent];
    uint32_t pos = st->p[t].start, bestd = UINT32_MAX;
    long best = -1;
    for (size_t k = 0; k < st->ne; k++) {
        const lent *e = &st->e[k];
        const att_entity *de = &st->doc->ents[e->doc];
        if (e->type != ATT__ET_PERSON || !e->country || strcmp(e->country, country) != 0)
            continue;
        for (size_t m = 0; m < de->nmentions; m++) {
            uint32_t a = de->mentions[m].start, d;
            if (a >= sent->start && a < sent->end)
                d = a > pos ? a - pos : pos - a;
            else if (a < pos)
                d = 100000 + (pos - a);
            else
                continue;
            if (d < bestd) {
                bestd = d;
                best = (long)k;
            }
        }
    }
    return best;
}

/* The most recent person before pos holding role (and in country, when
 * given) at the document date. */
static long resolve_role(const state *st, const char *role, const char *country, uint32_t pos)
{
    long best = -1;
    uint32_t bestlast = 0;
    for (size_t k = 0; k < st->ne; k++) {
        uint32_t last;
        const lent *e = &st->e[k];
        if (e->type != ATT__ET_PERSON || !e->role || strcmp(e->role, role) != 0)
            continue;
        if (country && (!e->country || strcmp(e->country, country) != 0))
            continue;
        if (before(st, k, pos, &last) == 0)
            continue;
        if (best < 0 || last > bestlast) {
            best = (long)k;
            bestlast = last;
        }
    }
    return best;
}

static int set_code(state *st, long li, const char *country, const char *agent)
{
    att_entity *e = &st->doc->ents[st->e[li].doc];
    char code[32];
    if (!country || !agent || !*agent || strcmp(agent, "IGO") == 0 || st->e[li].role)
        return 0;
    if (e->code && strlen(e->code) > 3)
        return 0; /* already a role code */
    snprintf(code, sizeof(code), "%s%s", country, agent);
    return (e->code = att__arena_strdup(&st->doc->arena, code)) ? 0 : ATT_ENOMEM;
}

/* The longest lexicon word of class cls made of up to three pieces from
 * t on: *n pieces, *out its first record.  Grows from the piece's own
 * slot while the index says a longer fold begins with the pieces so far. */
static int lex_at(const state *st, size_t t, int cls, size_t *n, const att__kb_lex **out)
{
    char buf[ATT__KB_MAXKEY];
    const att__kb_slot *s = st->p[t].lx, *bs = NULL;
    size_t maxn, len, lo, hi, best = 0;
    if (!s)
        return 0; /* most words: not even the start of a lexicon word */
    maxn = run_len(st, t);
    if (maxn > 3)
        maxn = 3;
    if (s->flags & ATT__SF_CLASS(cls)) {
        bs = s;
        best = 1;
    }
    len = st->p[t].flen;
    memcpy(buf, st->p[t].fold, len);
    for (size_t k = 2; k <= maxn && (s->flags & ATT__SF_PREFIX); k++) {
        const piece *q = &st->p[t + k - 1];
        if (!q->flen || len + q->flen + 2 > sizeof(buf))
            break;
        buf[len++] = ' ';
        memcpy(buf + len, q->fold, q->flen);
        len += q->flen;
        if (!(s = att__kb_slot_find(st->kb, ATT__KT_LEX, buf, len, att__kb_hash(buf, len))))
            break;
        if (s->flags & ATT__SF_CLASS(cls)) {
            bs = s;
            best = k;
        }
    }
    if (!bs || !att__kb_lex_range(st->kb, bs, cls, &lo, &hi))
        return 0;
    *n = best;
    *out = &st->kb->lex[lo];
    return 1;
}

static int is_first_name(const state *st, size_t i)
{
    return st->p[i].upper && piece_lex(st, i, ATT__LX_FIRST);
}

/* Is w (folded) a weekday name in the time-expression lexicon? */
static int is_weekday(const char *w)
{
    unsigned char b = (unsigned char)w[0];
    for (size_t i = att__timex_lex_first[b]; i < att__timex_lex_first[b + 1]; i++) {
        int r = strcmp(att__timex_lex[i].form, w);
        if (r == 0)
            return att__timex_lex[i].cls == ATT_TXC_WDAY;
        if (r > 0)
            break;
    }
    return 0;
}

/* A capitalised piece that can be part of an unknown person's name. */
static int name_word(const state *st, size_t i, size_t first)
{
    const piece *p = &st->p[i];
    size_t lo, hi, n;
    const att__kb_lex *lx;
    if (!p->upper || p->covered || p->abbr || p->sent != st->p[first].sent ||
        (i > first && p->brk) || p->flen < 2 || piece_lex(st, i, ATT__LX_STOP))
        return 0;
    if (lex_at(st, i, ATT__LX_TITLE, &n, &lx) || lex_at(st, i, ATT__LX_DESCR, &n, &lx))
        return 0;
    if (is_weekday(p->fold))
        return 0; /* "Bashar Assad Tuesday": a date, not a name */
    for (size_t k = 0; k < ATT_ARRAY_LEN(noun_endings); k++) {
        size_t fl = p->flen, el = strlen(noun_endings[k]);
        if (fl > el + 2 && strcmp(p->fold + fl - el, noun_endings[k]) == 0)
            return 0;
    }
    (void)lo;
    (void)hi;
    return 1;
}

/* Adds an unknown person named by pieces [i, i+k). */
static long new_person(state *st, size_t i, size_t k, const char *country, const char *agent)
{
    char name[256], code[32];
    size_t len = 0;
    uint32_t s0 = st->p[i].start, s1 = st->p[i + k - 1].end;
    const char *text = st->doc->text;
    if (s1 - s0 >= sizeof(name))
        return ATT_EINVAL;
    memcpy(name, text + s0, s1 - s0);
    len = s1 - s0;
    name[len] = '\0';
    code[0] = '\0';
    if (country && agent && *agent && strcmp(agent, "IGO") != 0)
        snprintf(code, sizeof(code), "%s%s", country, agent);
    else if (country)
        snprintf(code, sizeof(code), "%s", country);
    for (size_t q = 0; q < k; q++)
        st->p[i + q].covered = 1;
    return mention_new(st, name, country, code[0] ? code : NULL, st->p[i + k - 1].key, s0, s1);
}

static int pass_titles(state *st)
{
    for (size_t t = 0; t < st->np; t++) {
        const att__kb_lex *lx = NULL;
        size_t tn = 0, after, d0 = t;
        const char *country = NULL, *role, *agent;
        int det = 0, descr = 0;
        long li = -1;

        if (st->p[t].covered)
            continue;
        if (lex_at(st, t, ATT__LX_TITLE, &tn, &lx))
            descr = 0;
        else if (lex_at(st, t, ATT__LX_DESCR, &tn, &lx))
            descr = 1;
        else
            continue;
        role = st->kb->str + lx->a;
        agent = descr ? "" : st->kb->str + lx->b;
        after = t + tn;
        /* country before: adjective or genitive name ("kasachischen
         * Amtskollegen", "Kasachstans Präsident") */
        if (t > 0 && st->p[t - 1].sent == st->p[t].sent && !st->p[t].brk) {
            size_t q = t - 1;
            while (q > 0 && st->p[q].ent < 0 && st->p[q].covered)
                q--;
            if ((country = piece_country(st, q)) != NULL && (st->p[q].adj || st->p[q].gen))
                d0 = q;
            else
                country = NULL;
        }
        /* country after: "Präsident Kasachstans", "Außenminister von Aserbaidschan" */
        if (!country && after < st->np && st->p[after].sent == st->p[t].sent) {
            if (st->p[after].gen && piece_country(st, after)) {
                country = piece_country(st, after);
                after += st->p[after].match_len;
            } else if (after + 1 < st->np &&
                       (strcmp(st->p[after].fold, "von") == 0 ||
                        strcmp(st->p[after].fold, "of") == 0) &&
                       piece_country(st, after + 1) && st->p[after + 1].sent == st->p[t].sent) {
                country = piece_country(st, after + 1);
                after += 1 + st->p[after + 1].match_len;
            }
        }
        if (d0 > 0 && st->p[d0 - 1].sent == st->p[t].sent && IN(determiners, st->p[d0 - 1].fold)) {
            det = 1;
            d0--;
        }
        if (descr && strcmp(role, "capital") == 0) {
            const att__kb *kb = NULL;
            long c = -1, cap;
            for (size_t q = 0; q < st->ne && c < 0; q++)
                if (st->e[q].type == ATT__ET_COUNTRY && country &&
                    strcmp(st->e[q].country, country) == 0 && st->e[q].kb) {
                    kb = st->e[q].kb;
                    c = st->e[q].idx;
                }
            if (c < 0 || !kb->ents[c].capital)
                continue;
            if ((cap = att__kb_find_id(kb, kb->str + kb->ents[c].capital)) < 0)
                continue;
            {
                uint32_t a = st->p[t].start < st->p[d0].start ? st->p[t].start : st->p[d0].start;
                uint32_t z = st->p[after - 1].end;
                if (mention_kb(st, kb, cap, a, z, 0) < 0)
                    return ATT_ENOMEM;
            }
            continue;
        }
        /* a name follows: the title describes that person */
        if (after < st->np && st->p[after].sent == st->p[t].sent && !st->p[after].brk) {
            size_t q = after;
            if (st->p[q].ent < 0 && !st->p[q].covered && q + 1 < st->np && st->p[q + 1].ent >= 0 &&
                !st->p[q + 1].brk && st->p[q].upper)
                q++; /* an unknown first name before a known surname */
            if (st->p[q].ent >= 0 && st->e[st->p[q].ent].type == ATT__ET_PERSON) {
                if (!descr && set_code(st, st->p[q].ent, country, agent))
                    return ATT_ENOMEM;
                continue;
            }
            if (!descr && st->p[after].ent < 0) {
                size_t k = 0;
                while (k < 3 && after + k < st->np && name_word(st, after + k, after))
                    k++;
                if (k >= 2 && (is_first_name(st, after) || IN(person_roles, role))) {
                    if (new_person(st, after, k, country, agent) == ATT_ENOMEM)
                        return ATT_ENOMEM;
                    continue;
                }
            }
        }
        if (!det)
            continue;
        if (strcmp(st->p[d0].fold, "die") == 0 && lx->gender == 'm')
            continue; /* a plural ("die Außenminister") */
        {
            uint32_t pos = st->p[t].start;
            if (descr && strcmp(role, "host") == 0)
                continue;
            if (!descr && strcmp(role, "counterpart") == 0 && country) {
                li = resolve_country(st, t, country);
            } else if ((descr && strcmp(role, "guest") == 0) ||
                       (!descr && strcmp(role, "counterpart") == 0)) {
                li = resolve_other(st, t, pos);
            } else if (!descr) {
                li = resolve_role(st, role, country, pos);
                if (li < 0 && country && st->kb) {
                    long h = att__kb_holder(st->kb, country, role, st->date);
                    if (h >= 0) {
                        if (mention_kb(st, st->kb, h, st->p[d0].start, st->p[t + tn - 1].end, 0) <
                            0)
                            return ATT_ENOMEM;
                        continue;
                    }
                }
            }
            if (li >= 0) {
                const att_entity *e = &st->doc->ents[st->e[li].doc];
                if (att__entities_add(st->doc, e->id, NULL, NULL, NULL, st->p[d0].start,
                                      st->p[t + tn - 1].end) < 0)
                    return ATT_ENOMEM;
                st->e[li].nment++;
            }
        }
    }
    return 0;
}

/* Persons without a title: a known first name and a capitalised word the
 * KB does not know ("Murat Nurtleu"). */
static int pass_first_names(state *st)
{
    for (size_t i = 0; i + 1 < st->np; i++) {
        size_t k = 1;
        if (st->p[i].covered || st->p[i].hyph_next || st->p[i].abbr || st->p[i].flen < 3 ||
            !is_first_name(st, i) || piece_lex(st, i, ATT__LX_STOP))
            continue;
        if (i > 0 && !st->p[i].brk && st->p[i - 1].upper && !st->p[i - 1].covered &&
            st->p[i - 1].sent == st->p[i].sent)
            continue; /* inside a longer run of capitalised words */
        while (k < 3 && i + k < st->np && name_word(st, i + k, i) && !is_first_name(st, i + k))
            k++;
        if (k < 2 || (i + k < st->np && !st->p[i + k].brk && st->p[i + k].upper &&
                      st->p[i + k].sent == st->p[i].sent))
            continue;
        if (new_person(st, i, k, NULL, NULL) == ATT_ENOMEM)
            return ATT_ENOMEM;
        i += k - 1;
    }
    return 0;
}

/* ---- pass 3: surnames of new persons ----------------------------------------- */

static int pass_surnames(state *st)
{
    for (size_t i = 0; i < st->np; i++) {
        const piece *p = &st->p[i];
        size_t kl = p->klen;
        if (p->covered || !p->upper || !kl)
            continue;
        for (size_t k = 0; k < st->ne; k++) {
            const char *sk = st->e[k].surname_key;
            size_t sl;
            if (!sk || st->e[k].first >= p->start)
                continue;
            sl = strlen(sk);
            if ((kl == sl || (kl == sl + 1 && p->key[sl] == 's')) && memcmp(p->key, sk, sl) == 0) {
                if (att__entities_add(st->doc, st->doc->ents[st->e[k].doc].id, NULL, NULL, NULL,
                                      p->start, p->end) < 0)
                    return ATT_ENOMEM;
                break;
            }
        }
    }
    return 0;
}

/* ---- the stage ------------------------------------------------------------------ */

int att__entities_annotate(att_ctx *ctx, att_doc *doc)
{
    state st;
    struct deferred deferred;
    int rc;
    const att__kbset *set = ctx ? ctx->kb : NULL;
    if (!set || (!set->has_base && !set->has_overlay) || doc->ntok == 0)
        return 0;
    memset(&st, 0, sizeof(st));
    st.ctx = ctx;
    st.doc = doc;
    st.set = set;
    st.kb = set->has_base ? &set->base : &set->overlay;
    st.kbs[0] = set->has_overlay ? &set->overlay : NULL;
    st.kbs[1] = set->has_base ? &set->base : NULL;
    att__arena_init(&st.scratch);
    st.date = doc_date(doc, st.kb);
    deferred.n = 0;
    st.deferred = &deferred;
    doc->nent = 0;
    if ((rc = make_pieces(&st)) || (rc = pass_names(&st)) || (rc = retry_surnames(&st)) ||
        (rc = pass_titles(&st)) || (rc = pass_first_names(&st)) || (rc = pass_surnames(&st)))
        goto cleanup;
    att__entities_sort(doc);
cleanup:
    free(st.e);
    free(st.p);
    att__arena_free(&st.scratch);
    return rc < 0 ? rc : 0;
}

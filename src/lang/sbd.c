/*
 * sbd.c - the sentence-boundary model: blob access, word keys, the
 * features of a gap and its score (see sbd.h for the model layout).
 *
 * For the gap after token i the features look at five tokens: the one
 * before (P = i-1), the left one (L = i), the right one (R = i+1: a
 * capitalised word or abbreviation or a number; i+2 after an opening quote
 * Q glued to a word) and the one after it (N).  Each gets a small view: the
 * key of its case-folded form, its lexicon value (what the unlabelled corpus
 * says about the word: lower-case share inside sentences, share before a
 * full stop, share of capitalised uses at a start, after an article, before
 * a comma, in second place), the hash of its last three folded bytes and a
 * shape (lower, Capital, CAPS, number, quote, bracket ...).  Features are
 * the template id mixed with a value hash: single views, conjunctions (L's
 * full-stop share with R's lower-case share, N in second place: "Parkplätze
 * sind"), the sentence so far (its length, how many lower-case words, a
 * verb in second place) and the history (did the last sentences end without
 * a mark).  Lexicon and weight probes are prefetched first: they miss the
 * cache, and a gap costs about 55 of them.  Every probe is bounded by the
 * table size, every scan by LOOKBACK; the model is never written.
 */
#include <string.h>

#include "sbd.h"

#define LOOKBACK 48 /* tokens of the sentence so far that features read */
#define MAXFOLD 64  /* bytes of a form that count */

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* ---- hashing and words ----------------------------------------------------- */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* Folds s[0..n) into buf (at most MAXFOLD bytes) and returns the length:
 * ASCII capitals and the Latin-1 capitals À..Þ (UTF-8 C3 80..9E, not ×)
 * become lower case; everything else is kept as it is. */
static size_t fold(const char *s, size_t n, unsigned char *buf)
{
    if (n > MAXFOLD)
        n = MAXFOLD;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (k > 0 && buf[k - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
            c = (unsigned char)(c + 0x20);
        buf[k] = c;
    }
    return n;
}

static uint64_t hash_bytes(const unsigned char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t k = 0; k < n; k++)
        h = (h ^ s[k]) * 0x100000001b3ULL;
    h = mix64(h ^ (uint64_t)n);
    return h ? h : 1;
}

uint64_t att__sbd_word_key(const char *s, size_t n)
{
    unsigned char buf[MAXFOLD];
    n = fold(s, n, buf);
    return hash_bytes(buf, n);
}

unsigned att__sbd_ratio_bucket(double num, double den)
{
    static const double edges[] = {0.0, 0.01, 0.03, 0.1, 0.25, 0.5, 0.75, 0.9, 0.97, 0.99};
    double r;
    unsigned b = 1;
    if (den <= 0)
        return 0;
    r = num / den;
    if (r <= 0)
        return 1;
    for (size_t k = 1; k < ATT_ARRAY_LEN(edges); k++)
        if (r >= edges[k])
            b = (unsigned)k + 1;
    return b;
}

/* ---- the model ------------------------------------------------------------- */

static int pow2_or_zero(uint32_t x)
{
    return (x & (x - 1)) == 0;
}

const att__sbd_model *att__sbd_model_from_blob(const void *blob, size_t len)
{
    const att__sbd_model *m = blob;
    if (!blob || ((uintptr_t)blob & 7) || len < sizeof(*m))
        return NULL;
    if (memcmp(m->magic, ATT__SBD_MAGIC, 8) != 0 || m->version != ATT__SBD_VERSION ||
        m->byte_order != 0x01020304u || m->total > len || !pow2_or_zero(m->feat_slots) ||
        !pow2_or_zero(m->lex_slots) || m->threshold != m->threshold ||
        !(m->wscale >= 0 && m->wscale < 1))
        return NULL;
    if (!att__blob_table_ok(m->off_feat, (uint64_t)m->feat_slots * sizeof(att__sbd_feat_slot), m->total) ||
        !att__blob_table_ok(m->off_lex, (uint64_t)m->lex_slots * sizeof(att__sbd_lex_slot), m->total))
        return NULL;
    return m;
}

/* The embedded blob (sbd_model.S). */
extern const unsigned char att__sbd_blob[];
extern const uint64_t att__sbd_blob_size;

const att__sbd_model *att__sbd_model_default(void)
{
    return att__sbd_model_from_blob(att__sbd_blob, (size_t)att__sbd_blob_size);
}

static const void *at(const att__sbd_model *m, uint32_t off)
{
    return (const char *)m + off;
}

uint32_t att__sbd_lex_find(const att__sbd_model *m, uint64_t key)
{
    if (!m || !m->lex_slots)
        return 0;
    return att__slot32_find(at(m, m->off_lex), m->lex_slots, key);
}

float att__sbd_score(const att__sbd_model *m, const uint32_t *feats, size_t n)
{
    const att__sbd_feat_slot *t;
    uint32_t mask, home[ATT__SBD_MAXF];
    int32_t s = 0;
    if (!m || !m->feat_slots)
        return 0;
    t = at(m, m->off_feat);
    mask = m->feat_slots - 1;
    if (n > ATT__SBD_MAXF)
        n = ATT__SBD_MAXF;
    /* the probes miss the cache: ask for all the lines first */
    for (size_t f = 0; f < n; f++) {
        home[f] = ATT__SBD_FEAT_HOME(feats[f], mask);
        PREFETCH(&t[home[f]]);
    }
    for (size_t f = 0; f < n; f++) {
        uint16_t check = ATT__SBD_FEAT_CHECK(feats[f]);
        for (uint32_t k = home[f], probes = 0; probes < m->feat_slots;
             k = (k + 1) & mask, probes++) {
            if (t[k].check == check) {
                s += t[k].w;
                break;
            }
            if (t[k].check == 0)
                break;
        }
    }
    return (float)s * m->wscale;
}

/* ---- the gap and its features ---------------------------------------------- */

enum shape {
    SH_NONE = 0, /* outside the paragraph */
    SH_LOWER,
    SH_CAP,
    SH_CAPS, /* all capitals: STELLT DIE */
    SH_DIGITWORD,
    SH_NUMBER,
    SH_ORDINAL,
    SH_ABBREV,
    SH_PUNCT,
    SH_QUOTE,
    SH_URL,
    SH_SYMBOL
};

static int is_word_upper(const att_token *t)
{
    return t->kind == ATT_TOK_WORD && (t->flags & ATT_TOKF_UPPER);
}

/* True for a punctuation token with . ! ? or … in it. */
static int is_mark(const att_doc *doc, const att_token *p)
{
    if (p->kind != ATT_TOK_PUNCT)
        return 0;
    for (uint32_t k = p->start; k < p->end; k++) {
        unsigned char c = (unsigned char)doc->text[k];
        if (c == '.' || c == '!' || c == '?' ||
            (c == 0xE2 && k + 2 < p->end && (unsigned char)doc->text[k + 1] == 0x80 &&
             (unsigned char)doc->text[k + 2] == 0xA6))
            return 1;
    }
    return 0;
}

static int is_closer(const att_doc *doc, const att_token *t)
{
    return t->kind == ATT_TOK_QUOTE || (t->kind == ATT_TOK_PUNCT && t->end - t->start == 1 &&
                                        (doc->text[t->start] == ')' || doc->text[t->start] == ']'));
}

/* True when the closers before token i (at least one) follow a sentence-
 * final mark ("gut.“", "(So.)"): the rules decide there, never the model. */
static int after_mark(const att_doc *doc, size_t i)
{
    while (i > 0 && is_closer(doc, &doc->toks[i - 1]))
        i--;
    return i > 0 && is_mark(doc, &doc->toks[i - 1]);
}

/* The index of the token that opens the next sentence if one starts after
 * token i: token i + 1 when it is a capitalised word or abbreviation (Dr.)
 * or a number, i + 2 when an opening quote glued to a capitalised word comes
 * first; 0 when none of these. */
static size_t right_word(const att_doc *doc, size_t i, size_t hi)
{
    const att_token *r;
    if (i + 1 >= hi || i + 1 >= doc->ntok)
        return 0;
    r = &doc->toks[i + 1];
    if (is_word_upper(r) || r->kind == ATT_TOK_NUMBER ||
        (r->kind == ATT_TOK_ABBREV && (r->flags & ATT_TOKF_UPPER)))
        return i + 1;
    if (r->kind == ATT_TOK_QUOTE && i + 2 < hi && is_word_upper(&doc->toks[i + 2]) &&
        doc->toks[i + 2].start == r->end)
        return i + 2;
    return 0;
}

int att__sbd_candidate(const att_doc *doc, size_t i, size_t hi)
{
    const att_token *l;
    if (!right_word(doc, i, hi) || !(doc->toks[i].flags & ATT_TOKF_SPACE))
        return 0;
    l = &doc->toks[i];
    switch (l->kind) {
    case ATT_TOK_WORD:
    case ATT_TOK_NUMBER:
    case ATT_TOK_SYMBOL:
    case ATT_TOK_URL:
    case ATT_TOK_EMAIL:
        return 1;
    case ATT_TOK_QUOTE: /* a closing quote: glued to what it closes */
        return i > 0 && doc->toks[i - 1].end == l->start && !after_mark(doc, i + 1);
    case ATT_TOK_PUNCT: {
        char c = doc->text[l->start];
        if (l->end - l->start != 1)
            return 0;
        return c == '(' || ((c == ')' || c == ']') && !after_mark(doc, i + 1)); /* :( :) */
    }
    default:
        return 0;
    }
}

typedef struct tview {
    uint64_t key; /* folded form; 0 outside the paragraph */
    uint32_t lex; /* lexicon value, 0 when unknown */
    uint64_t suf; /* hash of the last three folded bytes (words) */
    unsigned shape;
    unsigned fine;   /* shape, and for marks their first byte */
    unsigned lookup; /* the lexicon has something to say */
} tview;

static void view(const att__sbd_model *m, const att_doc *doc, size_t i, int inside, tview *v)
{
    const att_token *t;
    unsigned char buf[MAXFOLD];
    size_t n;
    memset(v, 0, sizeof(*v));
    if (!inside)
        return;
    t = &doc->toks[i];
    n = fold(doc->text + t->start, t->end - t->start, buf);
    switch (t->kind) {
    case ATT_TOK_WORD: {
        const unsigned char *w = (const unsigned char *)doc->text + t->start;
        unsigned char last = w[t->end - t->start - 1];
        if (!(t->flags & ATT_TOKF_UPPER))
            v->shape = (w[0] >= '0' && w[0] <= '9') ? SH_DIGITWORD : SH_LOWER;
        else if (t->end - t->start >= 2 && last >= 'A' && last <= 'Z')
            v->shape = SH_CAPS;
        else
            v->shape = SH_CAP;
        v->suf = hash_bytes(buf + (n > 3 ? n - 3 : 0), n > 3 ? 3 : n);
        break;
    }
    case ATT_TOK_NUMBER:
        v->shape = SH_NUMBER;
        break;
    case ATT_TOK_ORDINAL:
        v->shape = SH_ORDINAL;
        break;
    case ATT_TOK_ABBREV:
        v->shape = SH_ABBREV;
        break;
    case ATT_TOK_PUNCT:
        v->shape = SH_PUNCT;
        break;
    case ATT_TOK_QUOTE:
        v->shape = SH_QUOTE;
        break;
    case ATT_TOK_URL:
    case ATT_TOK_EMAIL:
        v->shape = SH_URL;
        break;
    default:
        v->shape = SH_SYMBOL;
        break;
    }
    v->fine = v->shape;
    if (v->shape >= SH_PUNCT && n)
        v->fine |= (unsigned)buf[0] << 8;
    if (v->shape == SH_NUMBER || v->shape == SH_ORDINAL || v->shape == SH_URL) {
        v->key = mix64(0x51ed270b27ULL + v->shape); /* numbers alike */
        return;
    }
    v->key = hash_bytes(buf, n);
    /* what the corpus says about the case of a word does not hold for one
     * written in capitals (SEHR LAUT); the lexicon is read by look_up() */
    v->lookup = v->shape != SH_CAPS;
    if (v->lookup && m && m->lex_slots)
        PREFETCH((const att__sbd_lex_slot *)at(m, m->off_lex) + (v->key & (m->lex_slots - 1)));
}

static void look_up(const att__sbd_model *m, tview *v)
{
    if (v->lookup)
        v->lex = att__sbd_lex_find(m, v->key);
}

/* Feature templates. */
enum {
    T_BIAS = 1,
    T_RW,
    T_RSUF,
    T_RLR,
    T_RST,
    T_RFQ,
    T_RSH,
    T_NW,
    T_NSH,
    T_NLR,
    T_LW,
    T_LSUF,
    T_LEND,
    T_LLR,
    T_LSH,
    T_PW,
    T_PSH,
    T_LEN,
    T_LOWS,
    T_LEND_RLR,
    T_LSH_RSH,
    T_LLR_RLR,
    T_LEN_RLR,
    T_LEND_RST,
    T_PSH_LSH,
    T_LEND_LEN,
    T_RW_NSH,
    T_LW_RLR,
    T_RUNK_SUF,
    T_LUNK_SUF,
    T_RQ,
    T_RQ_LSH,
    T_RW_NW,
    T_PW_LW,
    T_RART,
    T_RCOM,
    T_LART,
    T_LCOM,
    T_LCOM_RART,
    T_LEND_LCOM,
    T_NART,
    T_H1,
    T_H4,
    T_H4_RLR,
    T_H4_LEND,
    T_NSEC,
    T_NSEC_RLR,
    T_NSEC_LEND,
    T_S2,
    T_S2_LEND
};

static uint32_t fkey(unsigned tmpl, uint64_t v)
{
    uint64_t h = mix64(v * 0x9E3779B97F4A7C15ULL + tmpl);
    uint32_t k = (uint32_t)(h ^ (h >> 32));
    return k ? k : 1;
}

/* The key a word contributes as itself: its form when the lexicon knows it,
 * otherwise only that it is unknown (its shape and suffix say the rest). */
static uint64_t ident(const tview *v)
{
    return v->lex ? v->key : 0x0DDC0FFEEULL + v->shape;
}

static unsigned len_bucket(size_t n)
{
    static const size_t edges[] = {1, 2, 3, 4, 5, 7, 10, 15, 25, 40};
    unsigned b = 0;
    for (size_t k = 0; k < ATT_ARRAY_LEN(edges); k++)
        if (n >= edges[k])
            b = (unsigned)k + 1;
    return b;
}

int att__sbd_marked_end(const att_doc *doc, size_t k)
{
    const att_token *t = &doc->toks[k];
    return t->kind == ATT_TOK_ABBREV || t->kind == ATT_TOK_ORDINAL || is_mark(doc, t) ||
           (is_closer(doc, t) && after_mark(doc, k + 1));
}

size_t att__sbd_features(const att__sbd_model *m, const att_doc *doc, const att__sbd_gap *g,
                         uint32_t *feats)
{
    size_t i = g->i, first = g->first, hi = g->hi;
    unsigned h1 = g->hist & 1, h4 = 0, s2 = 0;
    tview P, L, R, N, Q;
    size_t n = 0, len = i >= first ? i - first + 1 : 1, lows = 0, r = right_word(doc, i, hi);
    unsigned lb;

    if (!r)
        r = i + 1; /* not a candidate: features of whatever follows */
    view(m, doc, i - 1, i > first, &P);
    view(m, doc, i, 1, &L);
    view(m, doc, r, r < hi, &R);
    view(m, doc, r + 1, r + 1 < hi, &N);
    view(m, doc, i + 1, r > i + 1, &Q); /* the opening quote, if any */
    /* a finite verb in second place: the sentence so far has a clause */
    for (size_t k = first + 1; k <= first + 2 && k < i; k++) {
        tview V;
        if (doc->toks[k].kind != ATT_TOK_WORD || (doc->toks[k].flags & ATT_TOKF_UPPER))
            continue;
        view(m, doc, k, 1, &V);
        look_up(m, &V);
        if (ATT__SBD_LEX_SECOND(V.lex) > s2)
            s2 = ATT__SBD_LEX_SECOND(V.lex);
    }
    look_up(m, &P);
    look_up(m, &L);
    look_up(m, &R);
    look_up(m, &N);
    look_up(m, &Q);
    for (size_t k = i + 1, seen = 0; k > first && seen < LOOKBACK && lows < 3; k--, seen++) {
        const att_token *t = &doc->toks[k - 1];
        if (t->kind == ATT_TOK_WORD && !(t->flags & ATT_TOKF_UPPER))
            lows++;
    }
    for (unsigned k = 0; k < 4; k++)
        h4 += (g->hist >> k) & 1;
    lb = len_bucket(len);

#define F(tmpl, v) feats[n++] = fkey(tmpl, (uint64_t)(v))
    F(T_BIAS, 0);
    F(T_RW, ident(&R));
    F(T_RSUF, R.suf);
    F(T_RLR, ATT__SBD_LEX_LOWER(R.lex));
    F(T_RST, ATT__SBD_LEX_START(R.lex));
    F(T_RFQ, ATT__SBD_LEX_FREQ(R.lex));
    F(T_RSH, R.fine);
    F(T_NW, ident(&N));
    F(T_NSH, N.fine);
    F(T_NLR, ATT__SBD_LEX_LOWER(N.lex));
    F(T_LW, ident(&L));
    F(T_LSUF, L.suf);
    F(T_LEND, ATT__SBD_LEX_END(L.lex));
    F(T_LLR, ATT__SBD_LEX_LOWER(L.lex));
    F(T_LSH, L.fine);
    F(T_PW, ident(&P));
    F(T_PSH, P.fine);
    F(T_LEN, lb);
    F(T_LOWS, lows);
    F(T_LEND_RLR, ATT__SBD_LEX_END(L.lex) * 16 + ATT__SBD_LEX_LOWER(R.lex));
    F(T_LSH_RSH, L.fine * 16 + R.shape);
    F(T_LLR_RLR, ATT__SBD_LEX_LOWER(L.lex) * 16 + ATT__SBD_LEX_LOWER(R.lex));
    F(T_LEN_RLR, lb * 16 + ATT__SBD_LEX_LOWER(R.lex));
    F(T_LEND_RST, ATT__SBD_LEX_END(L.lex) * 16 + ATT__SBD_LEX_START(R.lex));
    F(T_PSH_LSH, (uint64_t)P.fine * 65536 + L.fine);
    F(T_LEND_LEN, ATT__SBD_LEX_END(L.lex) * 16 + lb);
    F(T_RW_NSH, ident(&R) ^ mix64(N.fine));
    F(T_LW_RLR, ident(&L) ^ mix64(ATT__SBD_LEX_LOWER(R.lex) + 99));
    F(T_RART, ATT__SBD_LEX_ART(R.lex));
    F(T_RCOM, ATT__SBD_LEX_COMMA(R.lex));
    F(T_LART, ATT__SBD_LEX_ART(L.lex));
    F(T_LCOM, ATT__SBD_LEX_COMMA(L.lex));
    F(T_NART, ATT__SBD_LEX_ART(N.lex));
    F(T_LCOM_RART, ATT__SBD_LEX_COMMA(L.lex) * 16 + ATT__SBD_LEX_ART(R.lex));
    F(T_LEND_LCOM, ATT__SBD_LEX_END(L.lex) * 16 + ATT__SBD_LEX_COMMA(L.lex));
    F(T_RW_NW, ident(&R) ^ mix64(ident(&N) + 7));
    F(T_PW_LW, ident(&P) ^ mix64(ident(&L) + 11));
    F(T_NSEC, ATT__SBD_LEX_SECOND(N.lex));
    F(T_NSEC_RLR, ATT__SBD_LEX_SECOND(N.lex) * 16 + ATT__SBD_LEX_LOWER(R.lex));
    F(T_NSEC_LEND, ATT__SBD_LEX_SECOND(N.lex) * 16 + ATT__SBD_LEX_END(L.lex));
    F(T_S2, s2);
    F(T_S2_LEND, s2 * 16 + ATT__SBD_LEX_END(L.lex));
    F(T_H1, h1);
    F(T_H4, h4);
    F(T_H4_RLR, h4 * 16 + ATT__SBD_LEX_LOWER(R.lex));
    F(T_H4_LEND, h4 * 16 + ATT__SBD_LEX_END(L.lex));
    F(T_RQ, Q.fine);
    if (Q.fine)
        F(T_RQ_LSH, (uint64_t)Q.fine * 65536 + L.fine);
    if (!R.lex)
        F(T_RUNK_SUF, R.suf);
    if (!L.lex)
        F(T_LUNK_SUF, L.suf);
#undef F
    return n;
}

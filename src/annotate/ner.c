/*
 * ner.c - the statistical named-entity tagger: model access, features,
 * Viterbi, and the document front end (see ner.h for the model layout).
 *
 * Per token the tagger builds a small view (lower-cased form, word shape,
 * lexicon flags, word class and corpus profile, prefix/suffix boundaries)
 * for a block of tokens plus a context margin, then emits hashed features:
 * template id mixed with the hash of the value.  Feature hashes index the
 * model's open-addressing table; each hit adds one int16 row (one weight
 * per tag) to the token's scores.  Viterbi then picks the best tag sequence
 * that obeys BIO.  att__ner_doc() tags a document sentence by sentence and
 * then makes the tags consistent across it (att__ner_consistency).
 *
 * Invariants: the model is never written; every table probe is bounded by
 * the table size; token bytes are read only within [tok, tok + len) and may
 * be any bytes (invalid UTF-8 counts as one symbol per byte); work memory is
 * bounded per call (WINDOW tokens at a time; DOC_MAXNAMES names per document).
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ner.h"

#define NL ATT__NER_NLABELS

#define WINDOW 256 /* tokens decoded at a time */
#define BLOCK 64   /* tokens whose views are built at a time */
#define MARGIN 3   /* context tokens on each side a feature may look at */

const char *att__ner_type_name(unsigned type)
{
    static const char *const names[] = {"", "PER", "LOC", "ORG", "OTH"};
    return type < ATT_ARRAY_LEN(names) ? names[type] : "";
}

/* ---- hashing --------------------------------------------------------------- */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

#define FNV_INIT 0xcbf29ce484222325ULL

static uint64_t fnv_add(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 0x100000001b3ULL;
    return h;
}

uint64_t att__ner_lex_key(const char *const *toks, const size_t *lens, size_t n)
{
    uint64_t h = FNV_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            h = fnv_add(h, " ", 1);
        h = fnv_add(h, toks[i], lens[i]);
    }
    h = mix64(h ^ (uint64_t)n);
    return h ? h : 1;
}

/* ---- the model ------------------------------------------------------------- */

static int pow2_or_zero(uint32_t x)
{
    return (x & (x - 1)) == 0;
}

const att__ner_model *att__ner_model_from_blob(const void *blob, size_t len)
{
    const att__ner_model *m = blob;
    if (!blob || ((uintptr_t)blob & 7) || len < sizeof(*m))
        return NULL;
    if (memcmp(m->magic, ATT__NER_MAGIC, 8) != 0 || m->version != ATT__NER_VERSION ||
        m->nlabels != NL || m->byte_order != 0x01020304u || m->total > len ||
        !pow2_or_zero(m->feat_slots) || !pow2_or_zero(m->lex_slots) || m->nrows > m->feat_slots)
        return NULL;
    if (!att__blob_table_ok(m->off_trans, (uint64_t)(NL + 1) * NL * sizeof(float), m->total) ||
        !att__blob_table_ok(m->off_feat, (uint64_t)m->feat_slots * sizeof(att__ner_feat_slot),
                            m->total) ||
        !att__blob_table_ok(m->off_w, (uint64_t)m->nrows * NL * sizeof(int16_t), m->total) ||
        !att__blob_table_ok(m->off_lex, (uint64_t)m->lex_slots * sizeof(att__ner_lex_slot),
                            m->total))
        return NULL;
    return m;
}

/* The embedded blob (ner_model.S). */
extern const unsigned char att__ner_blob[];
extern const uint64_t att__ner_blob_size;

const att__ner_model *att__ner_model_default(void)
{
    return att__ner_model_from_blob(att__ner_blob, (size_t)att__ner_blob_size);
}

static const void *at(const att__ner_model *m, uint32_t off)
{
    return (const char *)m + off;
}

uint32_t att__ner_lex_find(const att__ner_model *m, uint64_t key)
{
    if (!m || !m->lex_slots)
        return 0;
    return att__slot32_find(at(m, m->off_lex), m->lex_slots, key);
}

static const int16_t *feat_row(const att__ner_model *m, uint32_t key)
{
    const att__ner_feat_slot *t = at(m, m->off_feat);
    uint32_t mask = m->feat_slots - 1;
    for (uint32_t i = (key * 0x9e3779b1u) & mask, probes = 0; probes < m->feat_slots;
         i = (i + 1) & mask, probes++) {
        if (t[i].key == key)
            return t[i].row < m->nrows ? (const int16_t *)at(m, m->off_w) + (size_t)t[i].row * NL
                                       : NULL;
        if (t[i].key == 0)
            return NULL;
    }
    return NULL;
}

/* ---- token views ----------------------------------------------------------- */

typedef struct tokview {
    char low[ATT__NER_MAXTOK + 8]; /* lower-cased, cut at a character boundary */
    size_t lowlen;
    uint8_t cpoff[12]; /* byte offsets in low of the first 6 and last 6 code points */
    uint8_t ncp;       /* code points in low (capped at 255) */
    uint64_t hexact, hlow, hshape, hsshape;
    uint32_t lex, cluster;
    uint32_t prof;                          /* corpus profile + 1, or 0 (see ner.h) */
    uint32_t hyph_first_lex, hyph_last_lex; /* lexicon flags of a hyphenated word's parts */
    uint64_t hyph_last_low;                 /* hash of its lower-cased last part */
    uint8_t cap, allcap, digit, alpha, hyphen, period, lenb;
} tokview;

/* Decodes one code point of s[0..n); invalid bytes are -1 of length 1. */
static int32_t next_cp(const char *s, size_t n, size_t *adv)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
    if (r <= 0) {
        *adv = 1;
        return -1;
    }
    *adv = (size_t)r;
    return cp;
}

static uint32_t lex_flags1(const att__ner_model *m, const char *s, size_t n, uint32_t *cluster,
                           uint32_t *prof)
{
    uint64_t key = att__ner_lex_key(&s, &n, 1);
    uint32_t v = att__ner_lex_find(m, key);
    if (prof)
        *prof = att__ner_lex_find(m, key ^ ATT__NER_PROFILE_SALT);
    if (cluster)
        *cluster = ATT__LEX_CLUSTER(v);
    return ATT__LEX_FLAGS(v) & ~(uint32_t)ATT__LEX_PREFIX;
}

static void view_token(const att__ner_model *m, const char *s, size_t n, tokview *v)
{
    char shape[16], sshape[8];
    size_t nshape = 0, nsshape = 0, i = 0, ncp = 0, first_hyph = (size_t)-1, last_hyph = 0;
    uint8_t ends[ATT__NER_MAXTOK];
    int nupper = 0, nletter = 0, cut = 0;
    memset(v, 0, sizeof(*v));
    v->hexact = mix64(fnv_add(FNV_INIT, s, n < 4 * ATT__NER_MAXTOK ? n : 4 * ATT__NER_MAXTOK));
    while (i < n) {
        size_t adv;
        int32_t cp = next_cp(s + i, n - i, &adv);
        char cls = '.';
        if (cp >= 0) {
            utf8proc_category_t cat = utf8proc_category(cp);
            if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) {
                cls = 'X';
                nupper++;
                nletter++;
            } else if (cat >= UTF8PROC_CATEGORY_LL && cat <= UTF8PROC_CATEGORY_LO) {
                cls = 'x';
                nletter++;
            } else if (cat == UTF8PROC_CATEGORY_ND) {
                cls = 'd';
                v->digit = 1;
            } else if (cp == '-') {
                cls = '-';
                v->hyphen = 1;
                if (first_hyph == (size_t)-1)
                    first_hyph = i;
                last_hyph = i;
            } else if (cp == '.') {
                cls = '.';
                v->period = 1;
            } else {
                cls = '#';
            }
        }
        if (i == 0)
            v->cap = cls == 'X';
        if (nshape < sizeof shape)
            shape[nshape++] = cls;
        if (nsshape == 0 || (sshape[nsshape - 1] != cls && nsshape < sizeof sshape))
            sshape[nsshape++] = cls;
        /* lower-cased copy, cut at a character boundary */
        if (!cut) {
            char enc[4];
            size_t el;
            if (cp >= 0) {
                el = (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)enc);
            } else {
                enc[0] = s[i];
                el = 1;
            }
            if (el > 0 && v->lowlen + el <= ATT__NER_MAXTOK) {
                memcpy(v->low + v->lowlen, enc, el);
                v->lowlen += el;
                ends[ncp++] = (uint8_t)v->lowlen; /* ncp <= ATT__NER_MAXTOK */
            } else {
                cut = 1;
            }
        }
        i += adv;
    }
    v->ncp = (uint8_t)ncp;
    {
        size_t k = ncp;
        for (size_t j = 0; j < 6; j++) { /* ends of the first 6 code points */
            v->cpoff[j] = j < k ? ends[j] : (uint8_t)v->lowlen;
        }
        for (size_t j = 0; j < 6; j++) { /* starts of the last 6 code points */
            size_t back = j + 1; /* suffix of back code points starts after ends[k-back-1] */
            v->cpoff[6 + j] = back < k ? ends[k - back - 1] : 0;
        }
    }
    v->allcap = nletter >= 2 && nupper == nletter;
    v->alpha = nletter > 0;
    v->lenb = (uint8_t)(ncp <= 1 ? 1 : ncp <= 3 ? 2 : ncp <= 6 ? 3 : ncp <= 10 ? 4 : 5);
    v->hlow = mix64(fnv_add(FNV_INIT, v->low, v->lowlen));
    v->hshape = mix64(fnv_add(FNV_INIT ^ 1, shape, nshape) ^ (nshape == sizeof shape));
    v->hsshape = mix64(fnv_add(FNV_INIT ^ 2, sshape, nsshape));
    v->lex = lex_flags1(m, s, n, &v->cluster, &v->prof);
    if (first_hyph != (size_t)-1 && first_hyph > 0 && last_hyph + 1 < n) {
        const char *last = s + last_hyph + 1;
        size_t nlast = n - last_hyph - 1;
        size_t lp = v->lowlen;
        v->hyph_first_lex = lex_flags1(m, s, first_hyph, NULL, NULL);
        v->hyph_last_lex = lex_flags1(m, last, nlast, NULL, NULL);
        /* the lower-cased last part (of the lowered copy, which may be cut) */
        while (lp > 0 && v->low[lp - 1] != '-')
            lp--;
        v->hyph_last_low = lp > 0 ? mix64(fnv_add(FNV_INIT ^ 3, v->low + lp, v->lowlen - lp)) : 0;
    }
}

/* ---- suffix cues ------------------------------------------------------------ */

/* Lower-case endings that mark organisations and places in German compounds
 * (Landesbank, Bauernverband, Rothenburg, Musterstraße).  A feature fires
 * with the cue's index when the word is longer than the cue. */
#define CUE(s)                                                                                     \
    {                                                                                              \
        s, sizeof(s) - 1                                                                           \
    }
static const struct {
    const char *s;
    size_t n;
} suffix_cues[] = {
    /* ORG */
    CUE("bank"),
    CUE("verband"),
    CUE("partei"),
    CUE("verein"),
    CUE("gesellschaft"),
    CUE("institut"),
    CUE("universität"),
    CUE("ministerium"),
    CUE("amt"),
    CUE("gericht"),
    CUE("werke"),
    CUE("gruppe"),
    CUE("konzern"),
    CUE("stiftung"),
    CUE("kommission"),
    CUE("rat"),
    CUE("bund"),
    CUE("akademie"),
    CUE("hochschule"),
    CUE("schule"),
    CUE("klinik"),
    CUE("kirche"),
    CUE("agentur"),
    CUE("zeitung"),
    CUE("versicherung"),
    CUE("bahn"),
    CUE("holding"),
    CUE("club"),
    CUE("theater"),
    CUE("orchester"),
    /* LOC */
    CUE("stadt"),
    CUE("dorf"),
    CUE("burg"),
    CUE("berg"),
    CUE("hausen"),
    CUE("heim"),
    CUE("ingen"),
    CUE("furt"),
    CUE("straße"),
    CUE("strasse"),
    CUE("platz"),
    CUE("see"),
    CUE("tal"),
    CUE("land"),
    CUE("kirchen"),
    CUE("feld"),
    CUE("bach"),
    CUE("brück"),
    CUE("brücken"),
    CUE("hafen"),
    CUE("gasse"),
    CUE("weg"),
    CUE("allee"),
    CUE("insel"),
    CUE("gebirge"),
    CUE("kreis"),
    CUE("wald"),
    CUE("au"),
    CUE("ow"),
    CUE("itz"),
    CUE("stedt"),
    CUE("leben"),
    CUE("rode"),
    CUE("hof"),
    CUE("ufer"),
    CUE("markt"),
};
#undef CUE

static int suffix_cue(const tokview *v)
{
    for (size_t c = 0; c < ATT_ARRAY_LEN(suffix_cues); c++) {
        size_t k = suffix_cues[c].n;
        if (v->lowlen > k + 2 && memcmp(v->low + v->lowlen - k, suffix_cues[c].s, k) == 0)
            return (int)c + 1;
    }
    return 0;
}

/* ---- features -------------------------------------------------------------- */

enum tmpl {
    T_BIAS = 1,
    T_W,
    T_LOW,
    T_PRE,
    T_SUF,
    T_SHAPE,
    T_SSHAPE,
    T_CAPPOS,
    T_LEN,
    T_LOWM1,
    T_LOWP1,
    T_LOWM2,
    T_LOWP2,
    T_BIM,
    T_BIP,
    T_SSH3,
    T_LEX0,
    T_LEXM1,
    T_LEXP1,
    T_LEXM2,
    T_MGAZ,
    T_CLU0,
    T_CLUM1,
    T_CLUP1,
    T_HFIRST,
    T_HLAST,
    T_HLASTLOW,
    T_SCUE,
    T_LOWM1CAP,
    T_CLUBI,
    T_LEX0CAP,
    T_SHM1,
    T_SHP1,
    T_NOLEX,
    T_PROF,
    T_PROFM1,
    T_PROFP1
};

typedef struct fbuf {
    uint32_t *f;
    uint8_t n;
} fbuf;

static void emit(fbuf *b, unsigned tmpl, uint64_t val)
{
    uint64_t h;
    uint32_t k;
    if (b->n >= ATT__NER_MAXF)
        return;
    h = mix64(val ^ ((uint64_t)tmpl * 0x9e3779b97f4a7c15ULL));
    k = (uint32_t)(h >> 32);
    b->f[b->n++] = k ? k : 1;
}

static uint64_t pair(uint64_t a, uint64_t b)
{
    return mix64(a * 31 + mix64(b + 0x1234567));
}

static void emit_flags(fbuf *b, unsigned tmpl, uint32_t flags)
{
    for (unsigned bit = 1; bit < ATT__LEX_NFLAGS; bit++)
        if (flags & (1u << bit))
            emit(b, tmpl, bit);
}

#define NONE_HASH 0x5bd1e995ULL /* the value of a context position outside the sentence */

/* Longest multi-token lexicon match starting at s: length (>= 2) or 0. */
static size_t lex_match(const att__ner_model *m, const char *const *toks, const size_t *lens,
                        size_t n, size_t s, uint32_t *flags)
{
    uint64_t h = FNV_INIT;
    size_t best = 0;
    *flags = 0;
    for (size_t k = 1; k <= ATT__NER_LEX_MAXLEN && s + k <= n; k++) {
        uint32_t v;
        uint64_t key;
        if (k > 1)
            h = fnv_add(h, " ", 1);
        h = fnv_add(h, toks[s + k - 1], lens[s + k - 1]);
        key = mix64(h ^ (uint64_t)k);
        v = att__ner_lex_find(m, key ? key : 1);
        if (!ATT__LEX_FLAGS(v))
            break;
        if (k >= 2 && (ATT__LEX_FLAGS(v) & ~(uint32_t)ATT__LEX_PREFIX)) {
            best = k;
            *flags = ATT__LEX_FLAGS(v) & ~(uint32_t)ATT__LEX_PREFIX;
        }
        if (!(v & ATT__LEX_PREFIX))
            break;
    }
    return best;
}

/* What the context features of a neighbour read: a token view reduced. */
typedef struct tokctx {
    uint64_t hlow, hsshape;
    uint32_t lex, cluster;
    uint8_t cap;
} tokctx;

static void ctx_of(const tokview *v, tokctx *c)
{
    c->hlow = v->hlow;
    c->hsshape = v->hsshape;
    c->lex = v->lex;
    c->cluster = v->cluster;
    c->cap = v->cap;
}

/* The features of a token alone (and whether it opens the sentence). */
static void unigram_feats(const tokview *v, int first, fbuf *fb)
{
    int cue;
    emit(fb, T_BIAS, 0);
    emit(fb, T_W, v->hexact);
    emit(fb, T_LOW, v->hlow);
    for (unsigned k = 1; k <= 4 && k < v->ncp; k++)
        emit(fb, T_PRE, pair(k, fnv_add(FNV_INIT, v->low, v->cpoff[k - 1])));
    for (unsigned k = 1; k <= 5 && k < v->ncp; k++) {
        size_t st = v->cpoff[6 + k - 1];
        emit(fb, T_SUF, pair(k, fnv_add(FNV_INIT, v->low + st, v->lowlen - st)));
    }
    emit(fb, T_SHAPE, v->hshape);
    emit(fb, T_SSHAPE, v->hsshape);
    emit(fb, T_CAPPOS, (uint64_t)first * 8 + v->cap * 4 + v->allcap * 2 + v->alpha);
    emit(fb, T_LEN, v->lenb);
    emit_flags(fb, T_LEX0, v->lex);
    if (!v->lex && v->cap)
        emit(fb, T_NOLEX, (uint64_t)first);
    for (unsigned bit = 1; bit < ATT__LEX_NFLAGS; bit++)
        if (v->lex & (1u << bit))
            emit(fb, T_LEX0CAP, pair(bit, (uint64_t)first * 2 + v->cap));
    if (v->cluster)
        emit(fb, T_CLU0, v->cluster);
    if (v->hyph_last_low) {
        emit_flags(fb, T_HFIRST, v->hyph_first_lex);
        emit_flags(fb, T_HLAST, v->hyph_last_lex);
        emit(fb, T_HLASTLOW, v->hyph_last_low);
    }
    if (v->prof) {
        uint32_t code = v->prof - 1;
        for (unsigned k = 0; k < 4; k++)
            emit(fb, T_PROF, pair(k, (code >> (2 * k)) & 3));
        emit(fb, T_PROF, pair(4, code >> 8));
    } else if (v->cap) {
        emit(fb, T_PROF, 5);
    }
    cue = suffix_cue(v);
    if (cue)
        emit(fb, T_SCUE, pair((uint64_t)cue, v->cap));
}

/* The features of a token in its context: its neighbours (NULL outside the
 * sentence) and the multi-token lexicon match over it. */
static void context_feats(const tokctx *v, const tokctx *p1, const tokctx *p2, const tokctx *n1,
                          const tokctx *n2, uint8_t mpos, uint32_t mflags, fbuf *fb)
{
    uint64_t lm1 = p1 ? p1->hlow : NONE_HASH, lp1 = n1 ? n1->hlow : NONE_HASH;
    emit(fb, T_LOWM1, lm1);
    emit(fb, T_LOWP1, lp1);
    emit(fb, T_LOWM2, p2 ? p2->hlow : NONE_HASH);
    emit(fb, T_LOWP2, n2 ? n2->hlow : NONE_HASH);
    emit(fb, T_BIM, pair(lm1, v->hlow));
    emit(fb, T_BIP, pair(v->hlow, lp1));
    emit(fb, T_SSH3,
         pair(pair(p1 ? p1->hsshape : NONE_HASH, v->hsshape), n1 ? n1->hsshape : NONE_HASH));
    emit(fb, T_SHM1, pair(p1 ? p1->hsshape : NONE_HASH, v->hsshape));
    emit(fb, T_SHP1, pair(v->hsshape, n1 ? n1->hsshape : NONE_HASH));
    emit(fb, T_LOWM1CAP, pair(lm1, v->cap));
    if (p1)
        emit_flags(fb, T_LEXM1, p1->lex);
    if (n1)
        emit_flags(fb, T_LEXP1, n1->lex);
    if (p2)
        emit_flags(fb, T_LEXM2, p2->lex);
    if (mpos)
        for (unsigned bit = 1; bit < ATT__LEX_NFLAGS; bit++)
            if (mflags & (1u << bit))
                emit(fb, T_MGAZ, pair(bit, mpos));
    if (v->cluster)
        emit(fb, T_CLUBI, pair(p1 ? p1->cluster : 0xffff, v->cluster));
    emit(fb, T_CLUM1, p1 ? p1->cluster : 0xffff);
    emit(fb, T_CLUP1, n1 ? n1->cluster : 0xffff);
}

/* The multi-token lexicon matches covering tokens [blk,end) (leftmost
 * longest): mpos 1 begins one, 2 is inside; mflags their lexicon flags. */
static void gazetteer(const att__ner_model *m, const char *const *toks, const size_t *lens,
                      size_t n, size_t blk, size_t end, uint8_t *mpos, uint32_t *mflags)
{
    size_t mlo = blk >= ATT__NER_LEX_MAXLEN - 1 ? blk - (ATT__NER_LEX_MAXLEN - 1) : 0;
    memset(mpos, 0, (end - blk) * sizeof(*mpos));
    memset(mflags, 0, (end - blk) * sizeof(*mflags));
    for (size_t s = mlo; s < end;) {
        uint32_t fl;
        size_t k = lex_match(m, toks, lens, n, s, &fl);
        if (k == 0) {
            s++;
            continue;
        }
        for (size_t j = s; j < s + k; j++)
            if (j >= blk && j < end) {
                mpos[j - blk] = j == s ? 1 : 2;
                mflags[j - blk] = fl;
            }
        s += k;
    }
}

int att__ner_features(const att__ner_model *m, const char *const *toks, const size_t *lens,
                      size_t n, size_t a, size_t b, uint32_t *feats, uint8_t *nf)
{
    tokview views[BLOCK + 2 * MARGIN];
    tokctx cx[BLOCK + 2 * MARGIN];
    uint32_t mflags[BLOCK];
    uint8_t mpos[BLOCK]; /* 0 none, 1 begin, 2 inside of a multi-token match */
    if (!m || a > b || b > n || (b > a && (!toks || !lens || !feats || !nf)))
        return ATT_EINVAL;
    for (size_t blk = a; blk < b; blk += BLOCK) {
        size_t end = blk + BLOCK < b ? blk + BLOCK : b;
        size_t lo = blk >= MARGIN ? blk - MARGIN : 0;
        size_t hi = end + MARGIN < n ? end + MARGIN : n;
        for (size_t i = lo; i < hi; i++) {
            view_token(m, toks[i], lens[i], &views[i - lo]);
            ctx_of(&views[i - lo], &cx[i - lo]);
        }
        gazetteer(m, toks, lens, n, blk, end, mpos, mflags);
        for (size_t i = blk; i < end; i++) {
            fbuf fb = {feats + (i - a) * ATT__NER_MAXF, 0};
            unigram_feats(&views[i - lo], i == 0, &fb);
            context_feats(&cx[i - lo], i >= 1 ? &cx[i - 1 - lo] : NULL,
                          i >= 2 ? &cx[i - 2 - lo] : NULL, i + 1 < n ? &cx[i + 1 - lo] : NULL,
                          i + 2 < n ? &cx[i + 2 - lo] : NULL, mpos[i - blk], mflags[i - blk], &fb);
            nf[i - a] = fb.n;
        }
    }
    return 0;
}

/* ---- Viterbi --------------------------------------------------------------- */

/* May tag y follow tag p (p == NL: sentence start)? */
static int allowed(unsigned p, unsigned y)
{
    if (y == 0 || ATT__NER_TAG_IS_B(y))
        return 1;
    return p != NL && p != 0 && ATT__NER_TAG_TYPE(p) == ATT__NER_TAG_TYPE(y);
}

void att__ner_viterbi(const float *emit_s, size_t n, const float *trans, uint8_t *work,
                      uint8_t *out)
{
    float prev[NL], cur[NL];
    if (n == 0)
        return;
    for (unsigned y = 0; y < NL; y++)
        prev[y] = allowed(NL, y) ? trans[NL * NL + y] + emit_s[y] : -1e30f;
    for (size_t t = 1; t < n; t++) {
        for (unsigned y = 0; y < NL; y++) {
            float best = -3e30f;
            unsigned arg = 0;
            for (unsigned p = 0; p < NL; p++) {
                float s;
                if (!allowed(p, y))
                    continue;
                s = prev[p] + trans[p * NL + y];
                if (s > best) {
                    best = s;
                    arg = p;
                }
            }
            cur[y] = best + emit_s[t * NL + y];
            work[t * NL + y] = (uint8_t)arg;
        }
        memcpy(prev, cur, sizeof prev);
    }
    {
        unsigned y = 0;
        for (unsigned k = 1; k < NL; k++)
            if (prev[k] > prev[y])
                y = k;
        for (size_t t = n; t-- > 0;) {
            out[t] = (uint8_t)y;
            if (t)
                y = work[t * NL + y];
        }
    }
}

/* ---- tagging --------------------------------------------------------------- */

typedef struct work {
    tokctx cx[WINDOW + 4]; /* the cached path: tokens [a-2, b+2) */
    int32_t uni[WINDOW + 4][NL];
    uint8_t mpos[WINDOW];
    uint32_t mflags[WINDOW];
    uint32_t feats[WINDOW * ATT__NER_MAXF];
    uint32_t rows[WINDOW * ATT__NER_MAXF]; /* weight row of each feature in turn, or UINT32_MAX */
    uint8_t nf[WINDOW];
    float emit[WINDOW * NL];
    uint8_t back[WINDOW * NL];
} work;

/* The weight rows of a window's features.  The tables are megabytes and
 * nearly every feature is a cache miss, so the lookups are software
 * pipelined: while feature j is probed, the home slot of feature j + AHEAD
 * is already being fetched, and each row found is prefetched for the
 * scoring loop. */
#define AHEAD 16
static void find_rows(const att__ner_model *m, work *w, size_t ntok)
{
    const att__ner_feat_slot *t = at(m, m->off_feat);
    const int16_t *weights = at(m, m->off_w);
    uint32_t mask = m->feat_slots - 1;
    size_t nflat = 0;
    /* the features of the window, flat, in w->rows for now */
    for (size_t i = 0; i < ntok; i++)
        for (unsigned k = 0; k < w->nf[i]; k++)
            w->rows[nflat++] = w->feats[i * ATT__NER_MAXF + k];
    for (size_t j = 0; j < nflat; j++) {
        const int16_t *row;
        if (j + AHEAD < nflat)
            __builtin_prefetch(&t[(w->rows[j + AHEAD] * 0x9e3779b1u) & mask]);
        row = feat_row(m, w->rows[j]);
        if (row)
            __builtin_prefetch(row);
        w->rows[j] = row ? (uint32_t)((row - weights) / NL) : UINT32_MAX;
    }
}
#undef AHEAD

static int tag_window(const att__ner_model *m, const char *const *toks, const size_t *lens,
                      size_t n, uint8_t *tags, work *w)
{
    const float *trans = at(m, m->off_trans);
    const int16_t *weights = at(m, m->off_w);
    for (size_t a = 0; a < n; a += WINDOW) {
        size_t b = a + WINDOW < n ? a + WINDOW : n;
        int rc = att__ner_features(m, toks, lens, n, a, b, w->feats, w->nf);
        if (rc)
            return rc;
        if (m->feat_slots)
            find_rows(m, w, b - a);
        for (size_t i = a, j = 0; i < b; i++) {
            int32_t acc[NL] = {0};
            if (m->feat_slots)
                for (unsigned k = 0; k < w->nf[i - a]; k++, j++) {
                    const int16_t *row;
                    if (w->rows[j] == UINT32_MAX)
                        continue;
                    row = weights + (size_t)w->rows[j] * NL;
                    for (unsigned y = 0; y < NL; y++)
                        acc[y] += row[y];
                }
            for (unsigned y = 0; y < NL; y++)
                w->emit[(i - a) * NL + y] = (float)acc[y] * m->wscale;
        }
        att__ner_viterbi(w->emit, b - a, trans, w->back, tags + a);
    }
    return 0;
}

/* ---- the word cache ---------------------------------------------------------- */

/* Most of a token's features depend on the word alone (and on whether it
 * opens its sentence), and running text repeats its words: the cache keeps,
 * per word, what its neighbours read of it and the summed weights of those
 * features.  Direct-mapped; a slot holds the word's bytes, so a collision
 * only costs a recomputation.  The tags are the same with or without it. */
#define CACHE_SLOTS 16384
#define CACHE_MAXTOK 30

typedef struct centry {
    uint8_t len, first, used;
    char bytes[CACHE_MAXTOK];
    tokctx cx;
    int32_t uni[NL];
} centry;

struct att__ner_cache {
    const att__ner_model *m;
    centry e[CACHE_SLOTS];
};

att__ner_cache *att__ner_cache_new(void)
{
    return calloc(1, sizeof(att__ner_cache));
}

void att__ner_cache_free(att__ner_cache *c)
{
    free(c);
}

/* What token s[0..n) contributes alone: *cx for its neighbours, uni the
 * summed weights of its own features. */
static void word_entry(const att__ner_model *m, att__ner_cache *c, const char *s, size_t n,
                       int first, tokctx *cx, int32_t *uni)
{
    centry *e = NULL;
    tokview v;
    uint32_t feats[ATT__NER_MAXF];
    fbuf fb = {feats, 0};
    if (n <= CACHE_MAXTOK) {
        uint64_t h = mix64(fnv_add(FNV_INIT, s, n) ^ (uint64_t)first);
        e = &c->e[h & (CACHE_SLOTS - 1)];
        if (e->used && e->len == n && e->first == first && memcmp(e->bytes, s, n) == 0) {
            *cx = e->cx;
            memcpy(uni, e->uni, sizeof(e->uni));
            return;
        }
    }
    view_token(m, s, n, &v);
    ctx_of(&v, cx);
    unigram_feats(&v, first, &fb);
    memset(uni, 0, NL * sizeof(*uni));
    for (unsigned k = 0; k < fb.n && m->feat_slots; k++) {
        const int16_t *row = feat_row(m, feats[k]);
        if (row)
            for (unsigned y = 0; y < NL; y++)
                uni[y] += row[y];
    }
    if (e) {
        e->used = 1;
        e->len = (uint8_t)n;
        e->first = (uint8_t)first;
        memcpy(e->bytes, s, n);
        e->cx = *cx;
        memcpy(e->uni, uni, sizeof(e->uni));
    }
}

/* tag_window() through the cache. */
static int tag_window_cached(const att__ner_model *m, att__ner_cache *c, const char *const *toks,
                             const size_t *lens, size_t n, uint8_t *tags, work *w)
{
    const float *trans = at(m, m->off_trans);
    const int16_t *weights = at(m, m->off_w);
    if (c->m != m) {
        memset(c->e, 0, sizeof(c->e));
        c->m = m;
    }
    for (size_t a = 0; a < n; a += WINDOW) {
        size_t b = a + WINDOW < n ? a + WINDOW : n;
        size_t lo = a >= 2 ? a - 2 : 0, hi = b + 2 < n ? b + 2 : n;
        for (size_t i = lo; i < hi; i++)
            word_entry(m, c, toks[i], lens[i], i == 0, &w->cx[i - lo], w->uni[i - lo]);
        gazetteer(m, toks, lens, n, a, b, w->mpos, w->mflags);
        for (size_t i = a; i < b; i++) {
            fbuf fb = {w->feats + (i - a) * ATT__NER_MAXF, 0};
            context_feats(&w->cx[i - lo], i >= 1 ? &w->cx[i - 1 - lo] : NULL,
                          i >= 2 ? &w->cx[i - 2 - lo] : NULL, i + 1 < n ? &w->cx[i + 1 - lo] : NULL,
                          i + 2 < n ? &w->cx[i + 2 - lo] : NULL, w->mpos[i - a], w->mflags[i - a],
                          &fb);
            w->nf[i - a] = fb.n;
        }
        if (m->feat_slots)
            find_rows(m, w, b - a);
        for (size_t i = a, j = 0; i < b; i++) {
            int32_t acc[NL];
            memcpy(acc, w->uni[i - lo], sizeof(acc));
            if (m->feat_slots)
                for (unsigned k = 0; k < w->nf[i - a]; k++, j++)
                    if (w->rows[j] != UINT32_MAX)
                        for (unsigned y = 0; y < NL; y++)
                            acc[y] += weights[(size_t)w->rows[j] * NL + y];
            for (unsigned y = 0; y < NL; y++)
                w->emit[(i - a) * NL + y] = (float)acc[y] * m->wscale;
        }
        att__ner_viterbi(w->emit, b - a, trans, w->back, tags + a);
    }
    return 0;
}

int att__ner_tag_tokens(const att__ner_model *m, const char *const *toks, const size_t *lens,
                        size_t n, uint8_t *tags_out)
{
    work *w;
    int rc;
    if (!m || (n && (!toks || !lens || !tags_out)))
        return ATT_EINVAL;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!toks[i] && lens[i])
            return ATT_EINVAL;
    w = malloc(sizeof(*w));
    if (!w)
        return ATT_ENOMEM;
    rc = tag_window(m, toks, lens, n, tags_out, w);
    free(w);
    return rc;
}

/* ---- the document front end ------------------------------------------------ */

#define DOC_MAXNAMES 1024 /* names the consistency pass looks at */

typedef struct docname {
    size_t start, len; /* tokens */
    unsigned type;
} docname;

static int same_tokens(const char *const *toks, const size_t *lens, size_t a, size_t b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (lens[a + k] != lens[b + k] || memcmp(toks[a + k], toks[b + k], lens[a + k]) != 0)
            return 0;
    return 1;
}

static int upper_initial(const char *s, size_t n)
{
    size_t adv;
    int32_t cp = n ? next_cp(s, n, &adv) : -1;
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* See ner.h.  Names of PER, LOC and ORG only; at most DOC_MAXNAMES of
 * them are looked at, so the work is bounded by n * DOC_MAXNAMES. */
int att__ner_consistency(const char *const *toks, const size_t *lens, const uint8_t *sstart,
                         uint8_t *tags, size_t n)
{
    size_t nn = 0;
    docname *nm;
    if (n == 0)
        return 0;
    if (!toks || !lens || !sstart || !tags)
        return ATT_EINVAL;
    nm = malloc(DOC_MAXNAMES * sizeof(*nm));
    if (!nm)
        return ATT_ENOMEM;
    for (size_t i = 0; i < n && nn < DOC_MAXNAMES;) {
        unsigned type = ATT__NER_TAG_TYPE(tags[i]);
        size_t j = i + 1;
        if (!tags[i]) {
            i++;
            continue;
        }
        while (j < n && !sstart[j] && tags[j] == ATT__NER_I(type))
            j++;
        if (type >= ATT__NER_PER && type <= ATT__NER_ORG)
            nm[nn++] = (docname){i, j - i, type};
        i = j;
    }
    /* one type per name */
    for (size_t a = 0; a < nn; a++) {
        unsigned votes[ATT__NER_ORG + 1] = {0}, best = nm[a].type;
        for (size_t b = 0; b < nn; b++)
            if (nm[b].len == nm[a].len &&
                same_tokens(toks, lens, nm[a].start, nm[b].start, nm[a].len))
                votes[nm[b].type]++;
        for (unsigned t = ATT__NER_PER; t <= ATT__NER_ORG; t++)
            if (votes[t] > votes[best])
                best = t;
        if (best != nm[a].type) {
            nm[a].type = best;
            tags[nm[a].start] = ATT__NER_B(best);
            for (size_t k = 1; k < nm[a].len; k++)
                tags[nm[a].start + k] = ATT__NER_I(best);
        }
    }
    /* untagged capitalised occurrences of one-token names and surnames */
    for (size_t i = 0; i < n; i++) {
        unsigned type = 0;
        int clash = 0;
        if (tags[i] || sstart[i] || lens[i] < 2 || !upper_initial(toks[i], lens[i]))
            continue;
        for (size_t a = 0; a < nn && !clash; a++) {
            size_t w = nm[a].start + nm[a].len - 1; /* the one token, or the surname */
            if (nm[a].len > 1 && nm[a].type != ATT__NER_PER)
                continue;
            if (lens[w] != lens[i] || memcmp(toks[w], toks[i], lens[i]) != 0)
                continue;
            if (type && type != nm[a].type)
                clash = 1;
            type = nm[a].type;
        }
        if (type && !clash)
            tags[i] = ATT__NER_B(type);
    }
    free(nm);
    return 0;
}

int att__ner_doc(const att__ner_model *m, att__ner_cache *cache, const att_doc *doc,
                 att__ner_span **spans, size_t *nspans)
{
    const char **toks = NULL;
    size_t *lens = NULL;
    uint8_t *tags = NULL, *sstart = NULL;
    att__ner_span *out = NULL;
    size_t nout = 0, cout = 0, n;
    work *w = NULL;
    int rc = 0;
    if (spans)
        *spans = NULL;
    if (nspans)
        *nspans = 0;
    if (!m || !doc || !spans || !nspans)
        return ATT_EINVAL;
    n = doc->ntok;
    if (n == 0)
        return 0;
    toks = malloc(n * sizeof(*toks));
    lens = malloc(n * sizeof(*lens));
    tags = malloc(n);
    sstart = calloc(n, 1);
    w = malloc(sizeof(*w));
    if (!toks || !lens || !tags || !sstart || !w) {
        rc = ATT_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        const att_token *t = &doc->toks[i];
        if (t->start > t->end || t->end > doc->len) {
            rc = ATT_EINVAL;
            goto cleanup;
        }
        toks[i] = doc->text + t->start;
        lens[i] = t->end - t->start;
    }
    for (size_t s = 0; s < n;) {
        size_t e = s;
        while (e + 1 < n && !(doc->toks[e].flags & (ATT_TOKF_SENT_END | ATT_TOKF_PARA)))
            e++;
        e++; /* sentence [s, e) */
        sstart[s] = 1;
        rc = cache ? tag_window_cached(m, cache, toks + s, lens + s, e - s, tags + s, w)
                   : tag_window(m, toks + s, lens + s, e - s, tags + s, w);
        if (rc)
            goto cleanup;
        s = e;
    }
    rc = att__ner_consistency(toks, lens, sstart, tags, n);
    if (rc)
        goto cleanup;
    for (size_t i = 0; i < n;) {
        unsigned type = ATT__NER_TAG_TYPE(tags[i]);
        size_t j = i + 1;
        if (tags[i] == 0) {
            i++;
            continue;
        }
        while (j < n && !sstart[j] && tags[j] == ATT__NER_I(type))
            j++;
        if (type >= ATT__NER_PER && type <= ATT__NER_ORG) {
            att__ner_span sp = {doc->toks[i].start, doc->toks[j - 1].end, (uint8_t)type};
            if (ATT_PUSH(out, nout, cout, sp)) {
                rc = ATT_ENOMEM;
                goto cleanup;
            }
        }
        i = j;
    }
    *spans = out;
    *nspans = nout;
    out = NULL;
cleanup:
    free(out);
    free(toks);
    free(lens);
    free(tags);
    free(sstart);
    free(w);
    return rc;
}

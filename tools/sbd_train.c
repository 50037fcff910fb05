/*
 * sbd_train.c - trains the sentence-boundary model of src/lang/sbd.h by
 * self-supervision on unlabelled German text (scripts/train-sbd).
 *
 *   sbd_train [--jsonl FILE]... [--csv FILE]... [--epochs N] [--delete P]
 *             [--holdout K] [--seed S] --out MODEL
 *   sbd_train --set-threshold T MODEL
 *
 * Input: news articles as JSON Lines (fields "header" and "article", FANG-
 * COVID) or as CSV (category;'text' with '' for a quote, 10kGNAD).
 * 1. Each article (its header a paragraph of its own) is normalised,
 *    tokenized and split by the punctuation rules alone (no model, no
 *    capitalised-starter rule).  Its words feed the lexicon counts: how
 *    often a folded form is written in lower case inside a sentence, how
 *    often it stands right before a sentence-final mark, how often its
 *    capitalised uses start a sentence.  Forms seen at least MINCOUNT times
 *    are kept, as hashes (att__sbd_word_key), with their buckets.  The
 *    examples of an article see the lexicon of the other half of the
 *    corpus (articles alternate), so a word's statistics never include the
 *    use being classified, as they will not at run time; the model gets
 *    the lexicon of the whole corpus.
 * 2. Training text: the article's sentences joined with one space (its
 *    paragraphs too, as the UD evaluation joins sentences), where each
 *    sentence that ends in a plain "." "!" or "?" before a capitalised word
 *    (or an opening quote and one) loses that mark with probability P (a fixed pseudo-random
 * stream). Every gap att__sbd_candidate() accepts is an example; it is positive when a sentence of
 * the rule split ended there.  Features come from att__sbd_features() over a lexicon-only model,
 * with the sentence so far starting at the previous true boundary.
 * 3. Logistic regression with AdaGrad, examples in a fixed pseudo-random
 *    order per epoch; every K-th article (--holdout) is kept out and scored
 *    (precision, recall, F1 of restored boundaries at thresholds -1..3).
 * 4. The weights (|w| >= a small epsilon, quantised to int16) and the
 *    lexicon are written as the blob of sbd.h with threshold 0;
 *    scripts/train-sbd then tunes the threshold on UD German GSD dev and
 *    stores it with --set-threshold.
 * Deterministic: no clocks, no addresses in hashes, fixed seeds.  A tool,
 * not library code: it prints and exits on errors.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "attache.h"
#include "base/base.h"
#include "lang/lang.h"
#include "lang/sbd.h"

#define MINCOUNT 3      /* lexicon: forms seen at least this often */
#define WEIGHT_EPS 1e-4 /* weights smaller than this are dropped */

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "sbd_train: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static char *read_all(const char *path, size_t *len)
{
    char *buf = NULL;
    if (att__read_file(NULL, path, ATT_BUF_DEFAULT_MAX, &buf, len) != 0)
        return NULL;
    return buf ? buf : xcalloc(1, 1); /* an empty file is "" */
}

static uint32_t pow2_at_least(uint64_t n)
{
    uint32_t p = 1;
    while (p < n)
        p <<= 1;
    return p;
}

static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double rng_unit(uint64_t *s)
{
    return (double)(rng_next(s) >> 11) / 9007199254740992.0;
}

/* ---- the corpus: articles as texts ------------------------------------------ */

typedef struct corpus {
    char **texts;
    size_t n, cap;
} corpus;

static void corpus_add(corpus *c, char *text)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 1024;
        c->texts = xrealloc(c->texts, c->cap * sizeof(*c->texts));
    }
    c->texts[c->n++] = text;
}

/* FANG-COVID JSON Lines: the header and each line of the article, as
 * paragraphs. */
static void read_jsonl(corpus *c, const char *path)
{
    size_t len;
    char *buf = read_all(path, &len), *line, *next;
    if (!buf)
        die("%s: %s", path, strerror(errno));
    for (line = buf; line && *line; line = next) {
        json_t *j, *h, *a;
        json_error_t jerr;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (!(j = json_loads(line, 0, &jerr)))
            continue;
        h = json_object_get(j, "header");
        a = json_object_get(j, "article");
        if (json_is_string(a)) {
            size_t hl = json_is_string(h) ? json_string_length(h) : 0;
            size_t al = json_string_length(a);
            char *t = xcalloc(hl + al + 3, 1);
            if (hl) {
                memcpy(t, json_string_value(h), hl);
                memcpy(t + hl, "\n\n", 2);
                hl += 2;
            }
            /* each line of the article is a paragraph */
            for (const char *q = json_string_value(a), *e = q + al; q < e; q++) {
                if (*q == '\n') {
                    t = xrealloc(t, hl + (size_t)(e - q) + 4);
                    t[hl++] = '\n';
                }
                t[hl++] = *q;
            }
            t[hl] = '\0';
            corpus_add(c, t);
        }
        json_decref(j);
    }
    free(buf);
}

/* 10kGNAD CSV: category;text, the text either to the end of the line or
 * in single quotes with '' standing for one quote. */
static void read_csv(corpus *c, const char *path)
{
    size_t len;
    char *buf = read_all(path, &len);
    if (!buf)
        die("%s: %s", path, strerror(errno));
    for (size_t p = 0; p < len;) {
        char *t;
        size_t n = 0;
        while (p < len && buf[p] != ';' && buf[p] != '\n')
            p++;
        if (p >= len || buf[p] != ';') {
            p++;
            continue;
        }
        p++;
        t = xcalloc(len - p + 1, 1);
        if (p < len && buf[p] == '\'') {
            for (p++; p < len; t[n++] = buf[p++]) {
                if (buf[p] != '\'')
                    continue;
                if (p + 1 < len && buf[p + 1] == '\'') {
                    p++;
                    continue;
                }
                p++;
                break;
            }
        } else {
            while (p < len && buf[p] != '\n')
                t[n++] = buf[p++];
        }
        while (p < len && buf[p] != '\n')
            p++;
        p++;
        corpus_add(c, t);
    }
    free(buf);
}

/* ---- the lexicon under construction ------------------------------------------ */

typedef struct wstat {
    uint64_t key;
    uint32_t total, mid_lower, mid_upper, end, cap, cap_start, art, comma, second;
} wstat;

typedef struct lexmap {
    wstat *s;
    size_t n, cap; /* cap a power of two */
} lexmap;

static wstat *lex_get(lexmap *m, uint64_t key)
{
    size_t mask, k;
    if (2 * (m->n + 1) > m->cap) {
        lexmap g = {xcalloc(m->cap ? 2 * m->cap : 1 << 16, sizeof(wstat)), 0,
                    m->cap ? 2 * m->cap : 1 << 16};
        for (size_t i = 0; i < m->cap; i++)
            if (m->s[i].key)
                *lex_get(&g, m->s[i].key) = m->s[i];
        free(m->s);
        *m = g;
    }
    mask = m->cap - 1;
    for (k = key & mask; m->s[k].key && m->s[k].key != key; k = (k + 1) & mask)
        ;
    if (!m->s[k].key) {
        m->s[k].key = key;
        m->n++;
    }
    return &m->s[k];
}

static int terminal_mark(const att_doc *doc, const att_token *t)
{
    size_t n = t->end - t->start;
    char c = doc->text[t->start];
    return t->kind == ATT_TOK_PUNCT && n == 1 && (c == '.' || c == '!' || c == '?');
}

/* Splits doc by the punctuation rules alone. */
static void rule_split(att_doc *doc)
{
    att__split_cfg cfg = {NULL, 0, 0, 0};
    if (att__split_sentences_cfg(doc, &cfg))
        die("out of memory");
}

/* True for a token that is an article (der, die, das, ein ... any case). */
static int is_article(const att_doc *doc, const att_token *t)
{
    static const char *const arts[] = {"der", "die",  "das",   "dem",   "den",   "des",
                                       "ein", "eine", "einem", "einen", "einer", "eines"};
    size_t n = t->end - t->start;
    char buf[8];
    if (t->kind != ATT_TOK_WORD || n >= sizeof(buf))
        return 0;
    for (size_t k = 0; k < n; k++) {
        char c = doc->text[t->start + k];
        buf[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    for (size_t k = 0; k < ATT_ARRAY_LEN(arts); k++)
        if (strlen(arts[k]) == n && memcmp(arts[k], buf, n) == 0)
            return 1;
    return 0;
}

static void count_words(lexmap *m, att_doc *doc)
{
    int start = 1;
    size_t pos = 0; /* of token i in its sentence */
    for (size_t i = 0; i < doc->ntok; i++, pos = start ? 0 : pos + 1) {
        const att_token *t = &doc->toks[i], *p = i ? &doc->toks[i - 1] : NULL;
        int cap = (t->flags & ATT_TOKF_UPPER) != 0;
        wstat *w;
        if (t->kind != ATT_TOK_NUMBER && t->kind != ATT_TOK_ORDINAL && t->kind != ATT_TOK_URL) {
            w = lex_get(m, att__sbd_word_key(doc->text + t->start, t->end - t->start));
            w->total++;
            if (i + 1 < doc->ntok && (doc->toks[i + 1].flags & ATT_TOKF_SENT_END) &&
                terminal_mark(doc, &doc->toks[i + 1]))
                w->end++;
            if (i + 1 < doc->ntok && doc->toks[i + 1].kind == ATT_TOK_PUNCT &&
                doc->text[doc->toks[i + 1].start] == ',')
                w->comma++;
            if (p && !start && is_article(doc, p))
                w->art++;
            if (pos == 1)
                w->second++;
            if (t->kind == ATT_TOK_WORD) {
                if (cap) {
                    w->cap++;
                    if (start)
                        w->cap_start++;
                }
                /* inside a sentence: after a word, number or comma */
                if (!start && p &&
                    (p->kind == ATT_TOK_WORD || p->kind == ATT_TOK_NUMBER ||
                     (p->kind == ATT_TOK_PUNCT && doc->text[p->start] == ','))) {
                    if (cap)
                        w->mid_upper++;
                    else
                        w->mid_lower++;
                }
            }
        }
        start = (t->flags & (ATT_TOKF_SENT_END | ATT_TOKF_PARA)) != 0;
    }
}

static unsigned log2_bucket(uint32_t n)
{
    unsigned b = 0;
    while (n > 1 && b < 15) {
        n >>= 1;
        b++;
    }
    return b;
}

static uint32_t lex_value(const wstat *w, uint32_t scale)
{
    uint32_t v = ATT__SBD_LEX_KNOWN;
    v |= att__sbd_ratio_bucket(w->mid_lower, (double)w->mid_lower + w->mid_upper);
    v |= att__sbd_ratio_bucket(w->end, w->total) << 4;
    v |= att__sbd_ratio_bucket(w->cap_start, w->cap) << 8;
    v |= log2_bucket(w->total * scale) << 12;
    v |= att__sbd_ratio_bucket(w->art, w->total) << 16;
    v |= att__sbd_ratio_bucket(w->comma, w->total) << 20;
    v |= att__sbd_ratio_bucket(w->second, w->total) << 24;
    return v;
}

/* ---- the blob ------------------------------------------------------------------ */

/* A model blob with the lexicon and a feature table of feat_slots slots
 * (filled by the caller); 8-byte aligned, zeroed.  The counts of lm are
 * multiplied by scale (2 for a lexicon of half the corpus). */
static att__sbd_model *blob_new(const lexmap *lm, uint32_t scale, uint32_t feat_slots, size_t *size)
{
    size_t nlex = 0;
    uint32_t lex_slots;
    att__sbd_model *m;
    att__sbd_lex_slot *ls;
    size_t total;
    for (size_t i = 0; i < lm->cap; i++)
        if (lm->s[i].key && lm->s[i].total * scale >= MINCOUNT)
            nlex++;
    lex_slots = pow2_at_least(nlex * 10 / 7 + 1); /* at most 70 % full */
    total = sizeof(att__sbd_model) + (size_t)feat_slots * sizeof(att__sbd_feat_slot) +
            (size_t)lex_slots * sizeof(att__sbd_lex_slot);
    if (total > UINT32_MAX)
        die("model too big");
    m = xcalloc(1, total);
    memcpy(m->magic, ATT__SBD_MAGIC, 8);
    m->version = ATT__SBD_VERSION;
    m->byte_order = 0x01020304u;
    m->feat_slots = feat_slots;
    m->lex_slots = lex_slots;
    m->threshold = 0;
    m->off_feat = (uint32_t)sizeof(att__sbd_model);
    m->off_lex = m->off_feat + (uint32_t)(feat_slots * sizeof(att__sbd_feat_slot));
    m->total = (uint32_t)total;
    ls = (att__sbd_lex_slot *)((char *)m + m->off_lex);
    for (size_t i = 0; i < lm->cap; i++) {
        const wstat *w = &lm->s[i];
        uint32_t check, k, mask = lex_slots - 1;
        if (!w->key || w->total * scale < MINCOUNT)
            continue;
        check = (uint32_t)(w->key >> 32);
        check = check ? check : 1;
        for (k = (uint32_t)w->key & mask; ls[k].check; k = (k + 1) & mask)
            ;
        ls[k].check = check;
        ls[k].value = lex_value(w, scale);
    }
    *size = total;
    return m;
}

/* ---- examples ------------------------------------------------------------------- */

typedef struct examples {
    uint32_t *feats; /* ATT__SBD_MAXF per example */
    uint8_t *nf, *label, *held;
    size_t n, cap;
} examples;

static void ex_add(examples *e, const uint32_t *f, size_t nf, int label, int held)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 1 << 16;
        e->feats = xrealloc(e->feats, e->cap * ATT__SBD_MAXF * sizeof(uint32_t));
        e->nf = xrealloc(e->nf, e->cap);
        e->label = xrealloc(e->label, e->cap);
        e->held = xrealloc(e->held, e->cap);
    }
    memcpy(e->feats + e->n * ATT__SBD_MAXF, f, nf * sizeof(uint32_t));
    e->nf[e->n] = (uint8_t)nf;
    e->label[e->n] = (uint8_t)label;
    e->held[e->n] = (uint8_t)held;
    e->n++;
}

typedef struct textbuf {
    char *s;
    size_t n, cap;
} textbuf;

static void tb_add(textbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* True when token i may open a sentence the model looks for (as sbd.c's
 * right_word): a capitalised word or abbreviation, a number, an opening
 * quote glued to a capitalised word. */
static int opens(const att_doc *doc, size_t i)
{
    const att_token *t = i < doc->ntok ? &doc->toks[i] : NULL;
    if (t && t->kind == ATT_TOK_QUOTE && i + 1 < doc->ntok && doc->toks[i + 1].start == t->end)
        t = &doc->toks[i + 1];
    return t &&
           ((t->kind == ATT_TOK_WORD && (t->flags & ATT_TOKF_UPPER)) ||
            (t == &doc->toks[i] && (t->kind == ATT_TOK_NUMBER ||
                                    (t->kind == ATT_TOK_ABBREV && (t->flags & ATT_TOKF_UPPER)))));
}

#define NATURAL 0x80000000u /* ends[]: a sentence that had no final mark */

/* True for a punctuation token with . ! ? or … in it. */
static int final_mark(const att_doc *doc, const att_token *t)
{
    if (t->kind != ATT_TOK_PUNCT)
        return 0;
    for (uint32_t k = t->start; k < t->end; k++)
        if (strchr(".!?", doc->text[k]) || ((unsigned char)doc->text[k] == 0xE2 && k + 2 < t->end &&
                                            (unsigned char)doc->text[k + 2] == 0xA6))
            return 1;
    return 0;
}

#define UNSURE 0x40000000u /* ends[]: not sure that a sentence ends there */

/* How the training text is made from a rule-split article. */
typedef struct gen {
    double pdel;  /* share of sentence-final marks deleted */
    double pcap;  /* share of sentences with one lower-case word capitalised */
    double pcaps; /* share of sentences with a run of 1-3 words in capitals */
    double pdrop; /* share of "Ich bin ..." sentences that lose the pronoun */
    int vary;     /* pdel per article: uniform in [0, 2 pdel] (at most 1) */
} gen;

/* Upper-cases the first letter of the word s[0..n), or all its letters:
 * ASCII and the Latin-1 small letters (UTF-8 C3 A0..BE, not the sign ÷),
 * which keeps the length and the normal form. */
static void upcase(char *s, size_t n, int all)
{
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 'a' && c <= 'z')
            s[k] = (char)(c - 32);
        else if (c == 0xC3 && k + 1 < n && (unsigned char)s[k + 1] >= 0xA0 &&
                 (unsigned char)s[k + 1] <= 0xBE && (unsigned char)s[k + 1] != 0xB7) {
            s[k + 1] = (char)((unsigned char)s[k + 1] - 0x20);
            k++;
        }
        if (!all)
            break;
    }
}

static int lower_word(const att_doc *doc, size_t i)
{
    const att_token *t = &doc->toks[i];
    return t->kind == ATT_TOK_WORD && !(t->flags & ATT_TOKF_UPPER);
}

/* Web-text noise in the copy of sentence first..last at out: a lower-case
 * word capitalised ("Centro ist Wunderbar"), a run of words in capitals
 * ("ist SEHR LAUT").  Sentence starts stay as they are. */
static void add_noise(const att_doc *doc, size_t first, size_t last, char *out, const gen *g,
                      uint64_t *rng)
{
    size_t n = last - first + 1, base = doc->toks[first].start;
    if (n > 2 && rng_unit(rng) < g->pcap) {
        size_t j = first + 1 + (size_t)(rng_next(rng) % (n - 1));
        for (size_t tries = 0; tries < n && !lower_word(doc, j); tries++)
            j = j < last ? j + 1 : first + 1;
        if (lower_word(doc, j))
            upcase(out + doc->toks[j].start - base, doc->toks[j].end - doc->toks[j].start, 0);
    }
    if (n > 2 && rng_unit(rng) < g->pcaps) {
        size_t j = first + (size_t)(rng_next(rng) % n), run = 1 + (size_t)(rng_next(rng) % 3);
        for (; j <= last && run; j++, run--)
            if (doc->toks[j].kind == ATT_TOK_WORD)
                upcase(out + doc->toks[j].start - base, doc->toks[j].end - doc->toks[j].start, 1);
    }
}

/* What kind of end the sentence first..i (copied up to last) has: a plain
 * one (0), a paragraph without a final mark of its own such as a title
 * (NATURAL), or a paragraph end that may well be in the middle of a
 * sentence: the next paragraph goes on in lower case, or this one is long
 * or ends in a comma, colon or dash (NATURAL | UNSURE; no example). */
static uint32_t end_kind(const att_doc *doc, size_t first, size_t i, size_t last)
{
    const att_token *t = &doc->toks[i];
    if (last != i || final_mark(doc, t))
        return 0;
    if (i - first + 1 > 12 || (i + 1 < doc->ntok && lower_word(doc, i + 1)) ||
        (t->kind == ATT_TOK_PUNCT && strchr(",:;-", doc->text[t->start])) ||
        (t->kind == ATT_TOK_PUNCT && (unsigned char)doc->text[t->start] == 0xE2))
        return NATURAL | UNSURE;
    return NATURAL;
}

/* True when a sentence starts at token i with a personal pronoun and a
 * lower-case word (Ich bin, Wir waren, Es gibt, Er hat). */
static int pronoun_start(const att_doc *doc, size_t i, size_t last)
{
    static const char *const pron[] = {"Ich", "Wir", "Es", "Er"};
    const att_token *t = &doc->toks[i];
    if (i + 3 > last || !lower_word(doc, i + 1))
        return 0;
    for (size_t k = 0; k < ATT_ARRAY_LEN(pron); k++)
        if (t->end - t->start == strlen(pron[k]) &&
            memcmp(doc->text + t->start, pron[k], t->end - t->start) == 0)
            return 1;
    return 0;
}

/* Builds the training text of a rule-split document into b: sentences
 * joined by one space, some final marks deleted, some noise added, some
 * subject pronouns dropped as in reviews ("Bin langjähriger Kunde"); the
 * end offsets of the true sentences go into ends[]. */
static size_t make_text(const att_doc *doc, const gen *g, uint64_t *rng, textbuf *b,
                        uint32_t **ends, size_t *cends)
{
    size_t first = 0, ne = 0;
    b->n = 0;
    for (size_t i = 0; i < doc->ntok; i++) {
        const att_token *t = &doc->toks[i];
        size_t last = i, at;
        if (!(t->flags & (ATT_TOKF_SENT_END | ATT_TOKF_PARA)) && i + 1 < doc->ntok)
            continue;
        /* sentence first..i: drop a plain final mark before a capitalised
         * word (or the like: opens) */
        if (i > first && terminal_mark(doc, t) && doc->toks[i - 1].end == t->start &&
            doc->toks[i - 1].kind == ATT_TOK_WORD && opens(doc, i + 1) && rng_unit(rng) < g->pdel)
            last = i - 1;
        if (b->n)
            tb_add(b, " ", 1);
        at = b->n;
        if (pronoun_start(doc, first, last) && rng_unit(rng) < g->pdrop) {
            first++;
            tb_add(b, doc->text + doc->toks[first].start,
                   doc->toks[last].end - doc->toks[first].start);
            upcase(b->s + at, doc->toks[first].end - doc->toks[first].start, 0);
        } else {
            tb_add(b, doc->text + doc->toks[first].start,
                   doc->toks[last].end - doc->toks[first].start);
        }
        add_noise(doc, first, last, b->s + at, g, rng);
        if (ne == *cends) {
            *cends = *cends ? 2 * *cends : 256;
            *ends = xrealloc(*ends, *cends * sizeof(**ends));
        }
        (*ends)[ne++] = (uint32_t)b->n | end_kind(doc, first, i, last);
        first = i + 1;
    }
    return ne;
}

static void add_examples(examples *ex, const att__sbd_model *lexm, const char *text, const gen *g,
                         int title_weight, uint64_t *rng, int held, textbuf *b, uint32_t **ends,
                         size_t *cends, size_t *stats)
{
    att_doc *doc = NULL, *mod = NULL;
    size_t ne, e = 0;
    uint32_t feats[ATT__SBD_MAXF];
    att__sbd_gap gap = {0, 0, 0, 0};

    if (att_doc_from_text(NULL, text, strlen(text), NULL, &doc) || att__tokenize(doc))
        goto cleanup;
    rule_split(doc);
    {
        /* the share of deleted marks varies from article to article, as
         * from careful to careless writers */
        gen local = *g;
        if (g->vary)
            local.pdel = fmin(1.0, 2 * g->pdel * rng_unit(rng));
        ne = make_text(doc, &local, rng, b, ends, cends);
    }
    if (!ne || att_doc_from_text(NULL, b->s, b->n, NULL, &mod) || mod->len != b->n ||
        memcmp(mod->text, b->s, b->n) != 0) {
        stats[0]++; /* normalisation changed the text: skipped */
        goto cleanup;
    }
    mod->lang = "de";
    if (att__tokenize(mod))
        goto cleanup;
    gap.hi = mod->ntok;
    for (size_t i = 0; i < mod->ntok; i++) {
        uint32_t end = mod->toks[i].end;
        int label;
        while (e < ne && ((*ends)[e] & ~(NATURAL | UNSURE)) < end)
            e++;
        label = e < ne && ((*ends)[e] & ~(NATURAL | UNSURE)) == end;
        if (label && ((*ends)[e] & UNSURE)) {
            gap.first = i + 1;
            gap.hist = (gap.hist << 1 | 1) & 15u;
            continue;
        }
        if (att__sbd_candidate(mod, i, mod->ntok)) {
            size_t nf;
            gap.i = i;
            nf = att__sbd_features(lexm, mod, &gap, feats);
            int natural = label && ((*ends)[e] & NATURAL);
            for (int w = 0; w < (natural ? title_weight : 1); w++)
                ex_add(ex, feats, nf, label, held);
            stats[1 + label]++;
            stats[3] += natural;
        }
        if (label) {
            gap.first = i + 1;
            gap.hist = (gap.hist << 1 | !att__sbd_marked_end(mod, i)) & 15u;
        }
    }
cleanup:
    att_doc_free(doc);
    att_doc_free(mod);
}

/* ---- logistic regression ----------------------------------------------------------- */

typedef struct weights {
    uint32_t *keys;
    float *w, *g2;
    size_t n, cap;
} weights;

static size_t w_slot(weights *W, uint32_t key, int add)
{
    size_t mask = W->cap - 1, k;
    if (add && 2 * (W->n + 1) > W->cap) {
        weights g = {xcalloc(2 * W->cap, 4), xcalloc(2 * W->cap, 4), xcalloc(2 * W->cap, 4), 0,
                     2 * W->cap};
        for (size_t i = 0; i < W->cap; i++)
            if (W->keys[i]) {
                size_t s = w_slot(&g, W->keys[i], 1);
                g.w[s] = W->w[i];
                g.g2[s] = W->g2[i];
            }
        free(W->keys);
        free(W->w);
        free(W->g2);
        *W = g;
        mask = W->cap - 1;
    }
    for (k = (key * 0x9e3779b1u) & mask; W->keys[k] && W->keys[k] != key; k = (k + 1) & mask)
        ;
    if (!W->keys[k]) {
        if (!add)
            return SIZE_MAX;
        W->keys[k] = key;
        W->n++;
    }
    return k;
}

static double w_score(weights *W, const uint32_t *f, size_t nf)
{
    double s = 0;
    for (size_t k = 0; k < nf; k++) {
        size_t slot = w_slot(W, f[k], 0);
        if (slot != SIZE_MAX)
            s += W->w[slot];
    }
    return s;
}

static void report(const char *what, const examples *ex, weights *W, int held, double thr)
{
    size_t tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < ex->n; i++) {
        int pred;
        if (ex->held[i] != held)
            continue;
        pred = w_score(W, ex->feats + i * ATT__SBD_MAXF, ex->nf[i]) >= thr;
        tp += pred && ex->label[i];
        fp += pred && !ex->label[i];
        fn += !pred && ex->label[i];
    }
    {
        double p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
        double r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
        printf("%s\tthreshold\t%g\tprecision\t%.4f\trecall\t%.4f\tf1\t%.4f\n", what, thr, p, r,
               p + r > 0 ? 2 * p * r / (p + r) : 0);
    }
}

static void train(const examples *ex, weights *W, int epochs, double eta, double l2)
{
    size_t *order = xcalloc(ex->n, sizeof(size_t)), n = 0;
    uint64_t rng = 12345;
    for (size_t i = 0; i < ex->n; i++)
        if (!ex->held[i])
            order[n++] = i;
    for (int ep = 0; ep < epochs; ep++) {
        double loss = 0;
        for (size_t i = n; i > 1; i--) {
            size_t j = (size_t)(rng_next(&rng) % i), t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        for (size_t q = 0; q < n; q++) {
            size_t i = order[q];
            const uint32_t *f = ex->feats + i * ATT__SBD_MAXF;
            size_t slots[ATT__SBD_MAXF];
            double s = 0, p, g;
            for (size_t k = 0; k < ex->nf[i]; k++) {
                slots[k] = w_slot(W, f[k], 0); /* rare features are not in W */
                if (slots[k] != SIZE_MAX)
                    s += W->w[slots[k]];
            }
            p = 1.0 / (1.0 + exp(-s));
            g = p - ex->label[i];
            loss += ex->label[i] ? -log(p + 1e-12) : -log(1 - p + 1e-12);
            for (size_t k = 0; k < ex->nf[i]; k++) {
                size_t sl = slots[k];
                if (sl == SIZE_MAX)
                    continue;
                double gk = g + l2 * W->w[sl];
                W->g2[sl] += (float)(gk * gk);
                W->w[sl] -= (float)(eta * gk / sqrt(W->g2[sl] + 1e-8));
            }
        }
        printf("epoch\t%d\tloss\t%.5f\tfeatures\t%zu\n", ep + 1, loss / (double)(n ? n : 1), W->n);
        fflush(stdout);
    }
    free(order);
}

/* ---- main ---------------------------------------------------------------------------- */

static void set_threshold(const char *path, float thr)
{
    size_t len;
    char *buf = read_all(path, &len);
    att__sbd_model *m = (att__sbd_model *)buf;
    FILE *f;
    if (!buf || !att__sbd_model_from_blob(buf, len))
        die("%s: not a model", path);
    m->threshold = thr;
    if (!(f = fopen(path, "wb")) || fwrite(buf, 1, len, f) != len || fclose(f))
        die("%s: cannot write", path);
    free(buf);
}

static void usage(void)
{
    fprintf(stderr, "usage: sbd_train [--jsonl FILE]... [--csv FILE]... [--epochs N] [--delete P] "
                    "[--cap P] [--caps P] [--drop P] [--vary 0|1] "
                    "[--holdout K] [--seed S] --out MODEL\n"
                    "       sbd_train --set-threshold T MODEL\n");
    exit(2);
}

int main(int argc, char **argv)
{
    corpus c = {0};
    lexmap lm = {0}, half[2] = {{0}, {0}};
    examples ex = {0};
    weights W = {0};
    textbuf b = {0};
    uint32_t *ends = NULL;
    size_t cends = 0, stats[4] = {0}, size;
    const char *out = NULL;
    int epochs = 4, holdout = 0, minfeat = 5, title_weight = 1;
    double eta = 0.1, l2 = 0;
    gen g = {0.5, 0.0, 0.01, 0.3, 1};
    uint64_t seed = 1;
    att__sbd_model *lexm[2], *m;

    for (int a = 1; a < argc; a++) {
        const char *o = argv[a];
        if (!strcmp(o, "--set-threshold") && a + 2 < argc) {
            set_threshold(argv[a + 2], (float)atof(argv[a + 1]));
            return 0;
        }
        if (a + 1 >= argc)
            usage();
        if (!strcmp(o, "--jsonl"))
            read_jsonl(&c, argv[++a]);
        else if (!strcmp(o, "--csv"))
            read_csv(&c, argv[++a]);
        else if (!strcmp(o, "--epochs"))
            epochs = atoi(argv[++a]);
        else if (!strcmp(o, "--delete"))
            g.pdel = atof(argv[++a]);
        else if (!strcmp(o, "--cap"))
            g.pcap = atof(argv[++a]);
        else if (!strcmp(o, "--vary"))
            g.vary = atoi(argv[++a]);
        else if (!strcmp(o, "--drop"))
            g.pdrop = atof(argv[++a]);
        else if (!strcmp(o, "--caps"))
            g.pcaps = atof(argv[++a]);
        else if (!strcmp(o, "--holdout"))
            holdout = atoi(argv[++a]);
        else if (!strcmp(o, "--seed"))
            seed = strtoull(argv[++a], NULL, 10);
        else if (!strcmp(o, "--eta"))
            eta = atof(argv[++a]);
        else if (!strcmp(o, "--title-weight"))
            title_weight = atoi(argv[++a]);
        else if (!strcmp(o, "--minfeat"))
            minfeat = atoi(argv[++a]);
        else if (!strcmp(o, "--l2"))
            l2 = atof(argv[++a]);
        else if (!strcmp(o, "--out"))
            out = argv[++a];
        else
            usage();
    }
    if (!out || !c.n)
        usage();
    printf("articles\t%zu\n", c.n);

    /* 1. the lexicon */
    for (size_t i = 0; i < c.n; i++) {
        att_doc *doc = NULL;
        if (att_doc_from_text(NULL, c.texts[i], strlen(c.texts[i]), NULL, &doc) ||
            att__tokenize(doc)) {
            att_doc_free(doc);
            continue;
        }
        rule_split(doc);
        count_words(&lm, doc);
        count_words(&half[i % 2], doc);
        att_doc_free(doc);
    }
    lexm[0] = blob_new(&half[0], 2, 0, &size);
    lexm[1] = blob_new(&half[1], 2, 0, &size);

    /* 2. examples */
    for (size_t i = 0; i < c.n; i++) {
        uint64_t rng = seed * 1000003u + i;
        add_examples(&ex, lexm[1 - i % 2], c.texts[i], &g, title_weight, &rng,
                     holdout > 0 && i % (size_t)holdout == 0, &b, &ends, &cends, stats);
    }
    printf("examples\t%zu\tpositive\t%zu\t(titles\t%zu)\tnegative\t%zu\tskipped_articles\t%zu\n",
           ex.n, stats[2], stats[3], stats[1], stats[0]);

    /* 3. training, on the features seen in at least minfeat training examples */
    {
        weights cnt = {xcalloc(1 << 20, 4), xcalloc(1 << 20, 4), xcalloc(1 << 20, 4), 0, 1 << 20};
        for (size_t i = 0; i < ex.n; i++)
            for (size_t k = 0; !ex.held[i] && k < ex.nf[i]; k++) {
                size_t sl = w_slot(&cnt, ex.feats[i * ATT__SBD_MAXF + k], 1);
                cnt.w[sl] += 1;
            }
        W.cap = 1 << 16;
        W.keys = xcalloc(W.cap, 4);
        W.w = xcalloc(W.cap, 4);
        W.g2 = xcalloc(W.cap, 4);
        for (size_t i = 0; i < cnt.cap; i++)
            if (cnt.keys[i] && cnt.w[i] >= (float)minfeat)
                w_slot(&W, cnt.keys[i], 1);
        printf("features\t%zu\tkept\t%zu\n", cnt.n, W.n);
        free(cnt.keys);
        free(cnt.w);
        free(cnt.g2);
    }
    train(&ex, &W, epochs, eta, l2);
    report("train", &ex, &W, 0, 0);
    for (int k = 0; holdout > 0 && k < 9; k++)
        report("heldout", &ex, &W, 1, -1 + 0.5 * k);

    /* 4. the blob */
    {
        size_t nw = 0;
        att__sbd_feat_slot *fs;
        uint32_t slots, mask;
        FILE *f;
        float wmax = 0;
        for (size_t i = 0; i < W.cap; i++)
            if (W.keys[i] && fabsf(W.w[i]) > wmax)
                wmax = fabsf(W.w[i]);
        for (size_t i = 0; i < W.cap; i++)
            nw += W.keys[i] && fabsf(W.w[i]) >= WEIGHT_EPS && fabsf(W.w[i]) * 32767 >= wmax;
        slots = pow2_at_least(nw * 2 + 1); /* at most half full: misses end soon */
        mask = slots - 1;
        m = blob_new(&lm, 1, slots, &size);
        m->wscale = wmax > 0 ? wmax / 32767 : 0;
        fs = (att__sbd_feat_slot *)((char *)m + m->off_feat);
        for (size_t i = 0; i < W.cap; i++) {
            uint32_t k;
            if (!W.keys[i] || fabsf(W.w[i]) < WEIGHT_EPS || fabsf(W.w[i]) * 32767 < wmax)
                continue;
            for (k = ATT__SBD_FEAT_HOME(W.keys[i], mask); fs[k].check; k = (k + 1) & mask)
                ;
            fs[k].check = ATT__SBD_FEAT_CHECK(W.keys[i]);
            fs[k].w = (int16_t)lrintf(W.w[i] / m->wscale);
        }
        if (!(f = fopen(out, "wb")) || fwrite(m, 1, size, f) != size || fclose(f))
            die("%s: cannot write", out);
        printf("model\t%s\t%zu bytes\tweights\t%zu\tlexicon\t%u slots\n", out, size, nw,
               m->lex_slots);
    }
    for (size_t i = 0; i < c.n; i++)
        free(c.texts[i]);
    free(c.texts);
    free(lm.s);
    free(ex.feats);
    free(ex.nf);
    free(ex.label);
    free(ex.held);
    free(W.keys);
    free(W.w);
    free(W.g2);
    free(b.s);
    free(ends);
    free(lexm[0]);
    free(lexm[1]);
    free(half[0].s);
    free(half[1].s);
    free(m);
    return 0;
}

/*
 * ner_clusters.c - what the NER trainer learns from unlabeled news: the
 * corpus is tokenized by attache's own tokenizer and sentence splitter (the
 * ones att__ner_doc() sees) into a stream of word ids; the exchange
 * algorithm (Martin, Liermann and Ney 1998) groups the most frequent words
 * into classes by their class-bigram likelihood; simple context counts give
 * lexicons of surname-like words (after a first name), place-like words
 * (after in/nach/aus) and capitalised forms of lower-case words.
 *
 * Deterministic: words are ordered by frequency, then bytes; the initial
 * classes are round robin; words move in a fixed order.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "attache.h"
#include "lang/lang.h"
#include "ner_train.h"

/* ---- the unlabeled corpus: word classes ---------------------------------------- */

/* The corpus (a JSON Lines file with "article" and "header" fields) is cut
 * into tokens by attache's own tokenizer, the same one att__ner_doc() sees.
 * Word classes: the exchange algorithm maximises the class-bigram
 * likelihood sum f(N(c1,c2)) - sum f(N(c1,.)) - sum f(N(.,c2)), f(x) = x log x,
 * moving one word at a time to its best class; words below the frequency
 * cut share one fixed class, sentence boundaries another. */

static uint32_t vocab_id(vocab *v, const char *s, size_t n)
{
    size_t i;
    uint64_t h = att__ner_lex_key(&s, &n, 1);
    if (2 * (v->n + 1) > v->scap) {
        size_t cap = v->scap ? 2 * v->scap : 1 << 16;
        uint32_t *sl = att__nt_calloc(cap, sizeof(*sl));
        for (size_t k = 0; k < v->n; k++) {
            const char *w = v->word[k];
            size_t j = (size_t)att__ner_lex_key(&w, &v->len[k], 1) & (cap - 1);
            while (sl[j])
                j = (j + 1) & (cap - 1);
            sl[j] = (uint32_t)k + 1;
        }
        free(v->slots);
        v->slots = sl;
        v->scap = cap;
    }
    i = (size_t)h & (v->scap - 1);
    while (v->slots[i]) {
        uint32_t id = v->slots[i] - 1;
        if (v->len[id] == n && memcmp(v->word[id], s, n) == 0)
            return id;
        i = (i + 1) & (v->scap - 1);
    }
    if (v->n == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 1 << 16;
        v->word = att__nt_realloc(v->word, v->cap * sizeof(*v->word));
        v->len = att__nt_realloc(v->len, v->cap * sizeof(*v->len));
        v->count = att__nt_realloc(v->count, v->cap * sizeof(*v->count));
        v->nonini = att__nt_realloc(v->nonini, v->cap * sizeof(*v->nonini));
    }
    v->word[v->n] = att__nt_strndup(s, n);
    v->len[v->n] = n;
    v->count[v->n] = 0;
    v->nonini[v->n] = 0;
    v->slots[i] = (uint32_t)v->n + 1;
    return (uint32_t)v->n++;
}

int att__nt_vocab_find(vocab *v, const char *s, size_t n)
{
    size_t i = (size_t)att__ner_lex_key(&s, &n, 1) & (v->scap - 1);
    while (v->slots[i]) {
        uint32_t id = v->slots[i] - 1;
        if (v->len[id] == n && memcmp(v->word[id], s, n) == 0)
            return (int)id;
        i = (i + 1) & (v->scap - 1);
    }
    return -1;
}

/* Appends the tokens of one text (a headline or an article) to the stream,
 * BOUNDARY after every sentence. */
static void add_text(corpus *cp, const char *s, size_t len)
{
    att_ctx ctx = {0}; /* only for error messages; the pipeline is not needed */
    att_doc *doc = NULL;
    const att_token *toks;
    const char *text;
    size_t nt;
    vocab *v = &cp->v;
    if (att_doc_from_text(&ctx, s, len, NULL, &doc) || att__tokenize(doc) ||
        att__split_sentences(doc)) {
        att_doc_free(doc);
        return;
    }
    text = att_doc_text(doc, NULL);
    nt = att_doc_tokens(doc, &toks);
    for (size_t i = 0; i < nt; i++) {
        uint32_t id = vocab_id(v, text + toks[i].start, toks[i].end - toks[i].start);
        int initial = cp->nst == 0 || cp->st[cp->nst - 1] == BOUNDARY;
        if (cp->nst + 2 > cp->cap) {
            cp->cap = cp->cap ? 2 * cp->cap : 1 << 20;
            cp->st = att__nt_realloc(cp->st, cp->cap * sizeof(*cp->st));
        }
        cp->st[cp->nst++] = id;
        v->count[id]++;
        if (!initial)
            v->nonini[id]++;
        if (toks[i].flags & (ATT_TOKF_SENT_END | ATT_TOKF_PARA) || i + 1 == nt)
            cp->st[cp->nst++] = BOUNDARY;
    }
    att_doc_free(doc);
}

/* 10kGNAD: one article a line, "category;'text'", a quote inside the text
 * doubled.  Unquotes in place; returns the text or NULL. */
static char *csv_text(char *line, size_t *len)
{
    char *p = strchr(line, ';'), *w, *r;
    if (!p || p[1] != '\'')
        return NULL;
    w = r = p + 2;
    for (; *r; r++) {
        if (*r == '\'') {
            if (r[1] != '\'')
                break;
            r++;
        }
        *w++ = *r;
    }
    *len = (size_t)(w - (p + 2));
    return p + 2;
}

void att__nt_read_corpus(corpus *cp, const char *path)
{
    size_t len, plen = strlen(path);
    char *buf = att__nt_read_all(path, &len), *line, *next;
    int csv = plen > 4 && strcmp(path + plen - 4, ".csv") == 0;
    if (!buf)
        att__nt_die("%s: %s", path, strerror(errno));
    for (line = buf; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (csv) {
            size_t tl;
            char *t = csv_text(line, &tl);
            if (t)
                add_text(cp, t, tl);
        } else {
            json_error_t jerr;
            json_t *j = json_loads(line, 0, &jerr);
            if (!j)
                continue;
            for (int fld = 0; fld < 2; fld++) {
                json_t *t = json_object_get(j, fld ? "article" : "header");
                if (json_is_string(t))
                    add_text(cp, json_string_value(t), json_string_length(t));
            }
            json_decref(j);
        }
    }
    free(buf);
}

/* Starts with an upper-case letter (ASCII, Latin-1, Latin Extended-A)? */
int att__nt_is_upper_start(const char *w)
{
    const unsigned char *p = (const unsigned char *)w;
    if (p[0] >= 'A' && p[0] <= 'Z')
        return 1;
    if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97)
        return 1;
    if (p[0] == 0xC4 || p[0] == 0xC5) /* even code points of Latin Extended-A: roughly */
        return (((p[0] & 1) << 6 | (p[1] & 0x3F)) & 1) == 0;
    return 0;
}

static double xlogx(double x)
{
    return x > 0 ? x * log(x) : 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Words by falling frequency, ties by byte order (deterministic). */
typedef struct wfreq {
    uint64_t count;
    const char *word;
    uint32_t id;
} wfreq;

static int cmp_freq(const void *a, const void *b)
{
    const wfreq *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->word, y->word);
}

#define MAX_CLUSTER_WORDS 40000
#define MIN_CLUSTER_COUNT 3
#define CLUSTER_PASSES 4

void att__nt_add_clusters(lexmap *lx, corpus *cp, unsigned K)
{
    vocab v = cp->v;
    size_t nst = cp->nst, V = 0, nb = 0, U, C = K + 2;
    uint32_t *st = cp->st, *byfreq, *unit_of, *cls;
    uint64_t *bg;
    size_t *soff, *poff;
    uint32_t *sto, *pfrom;
    uint64_t *scnt, *pcnt, *nl, *nr;
    double *N, *Nl, *Nr, *ns, *np;
    uint32_t *nzs, *nzp;
    size_t nfunc = 0;
    fprintf(stderr, "ner_train: corpus of %zu tokens, %zu types\n", nst, v.n);
    byfreq = att__nt_calloc(v.n, sizeof(*byfreq));
    {
        wfreq *wf = att__nt_calloc(v.n, sizeof(*wf));
        for (size_t i = 0; i < v.n; i++)
            wf[i] = (wfreq){v.count[i], v.word[i], (uint32_t)i};
        qsort(wf, v.n, sizeof(*wf), cmp_freq);
        for (size_t i = 0; i < v.n; i++)
            byfreq[i] = wf[i].id;
        free(wf);
    }
    unit_of = att__nt_calloc(v.n, sizeof(*unit_of));
    for (size_t i = 0; i < v.n; i++) {
        uint32_t id = byfreq[i];
        if (V < MAX_CLUSTER_WORDS && v.count[id] >= MIN_CLUSTER_COUNT)
            unit_of[id] = (uint32_t)V++;
        else
            unit_of[id] = 0xfffffffeu;
    }
    U = V + 2; /* V: rare words, V + 1: boundary */
    for (size_t i = 0; i < v.n; i++)
        if (unit_of[i] == 0xfffffffeu)
            unit_of[i] = (uint32_t)V;
    /* bigrams of units, counted by sorting */
    bg = att__nt_calloc(nst, sizeof(*bg));
    for (size_t i = 0; i + 1 < nst; i++) {
        uint32_t a = st[i] == BOUNDARY ? (uint32_t)V + 1 : unit_of[st[i]];
        uint32_t b = st[i + 1] == BOUNDARY ? (uint32_t)V + 1 : unit_of[st[i + 1]];
        if (a == V + 1 && b == V + 1)
            continue;
        bg[nb++] = (uint64_t)a << 32 | b;
    }
    qsort(bg, nb, sizeof(*bg), cmp_u64);
    soff = att__nt_calloc(U + 1, sizeof(*soff));
    poff = att__nt_calloc(U + 1, sizeof(*poff));
    {
        size_t nu = 0;
        for (size_t i = 0; i < nb; i++)
            if (i == 0 || bg[i] != bg[i - 1]) {
                soff[(bg[i] >> 32) + 1]++;
                poff[(bg[i] & 0xffffffffu) + 1]++;
                nu++;
            }
        for (size_t u = 0; u < U; u++) {
            soff[u + 1] += soff[u];
            poff[u + 1] += poff[u];
        }
        sto = att__nt_calloc(nu, sizeof(*sto));
        scnt = att__nt_calloc(nu, sizeof(*scnt));
        pfrom = att__nt_calloc(nu, sizeof(*pfrom));
        pcnt = att__nt_calloc(nu, sizeof(*pcnt));
        {
            size_t *sfill = att__nt_calloc(U, sizeof(*sfill)),
                   *pfill = att__nt_calloc(U, sizeof(*pfill));
            for (size_t i = 0; i < nb;) {
                size_t j = i;
                uint32_t a = (uint32_t)(bg[i] >> 32), b = (uint32_t)(bg[i] & 0xffffffffu);
                while (j < nb && bg[j] == bg[i])
                    j++;
                sto[soff[a] + sfill[a]] = b;
                scnt[soff[a] + sfill[a]++] = j - i;
                pfrom[poff[b] + pfill[b]] = a;
                pcnt[poff[b] + pfill[b]++] = j - i;
                i = j;
            }
            free(sfill);
            free(pfill);
        }
    }
    free(bg);
    /* initial classes: round robin by frequency; fixed classes for the rest */
    cls = att__nt_calloc(U, sizeof(*cls));
    for (size_t u = 0; u < V; u++)
        cls[u] = (uint32_t)(u % K);
    cls[V] = K;
    cls[V + 1] = K + 1;
    nl = att__nt_calloc(U, sizeof(*nl));
    nr = att__nt_calloc(U, sizeof(*nr));
    N = att__nt_calloc(C * C, sizeof(*N));
    Nl = att__nt_calloc(C, sizeof(*Nl));
    Nr = att__nt_calloc(C, sizeof(*Nr));
    for (size_t a = 0; a < U; a++)
        for (size_t k = soff[a]; k < soff[a + 1]; k++) {
            N[cls[a] * C + cls[sto[k]]] += (double)scnt[k];
            nl[a] += scnt[k];
            nr[sto[k]] += scnt[k];
        }
    for (size_t u = 0; u < U; u++) {
        Nl[cls[u]] += (double)nl[u];
        Nr[cls[u]] += (double)nr[u];
    }
    ns = att__nt_calloc(C, sizeof(*ns));
    np = att__nt_calloc(C, sizeof(*np));
    nzs = att__nt_calloc(C, sizeof(*nzs));
    nzp = att__nt_calloc(C, sizeof(*nzp));
    for (unsigned pass = 0; pass < CLUSTER_PASSES; pass++) {
        size_t moved = 0;
        for (size_t w = 0; w < V; w++) {
            size_t nnzs = 0, nnzp = 0;
            double self = 0, best = -1e300;
            uint32_t a = cls[w], bk = a;
            for (size_t k = soff[w]; k < soff[w + 1]; k++) {
                uint32_t c = cls[sto[k]];
                if (sto[k] == w) {
                    self = (double)scnt[k];
                    continue;
                }
                if (ns[c] == 0)
                    nzs[nnzs++] = c;
                ns[c] += (double)scnt[k];
            }
            for (size_t k = poff[w]; k < poff[w + 1]; k++) {
                uint32_t c = cls[pfrom[k]];
                if (pfrom[k] == w)
                    continue;
                if (np[c] == 0)
                    nzp[nnzp++] = c;
                np[c] += (double)pcnt[k];
            }
            for (size_t i = 0; i < nnzs; i++)
                N[a * C + nzs[i]] -= ns[nzs[i]];
            for (size_t i = 0; i < nnzp; i++)
                N[nzp[i] * C + a] -= np[nzp[i]];
            N[a * C + a] -= self;
            Nl[a] -= (double)nl[w];
            Nr[a] -= (double)nr[w];
            for (uint32_t k = 0; k < K; k++) {
                double d = 0;
                for (size_t i = 0; i < nnzs; i++) {
                    uint32_t c = nzs[i];
                    if (c != k)
                        d += xlogx(N[k * C + c] + ns[c]) - xlogx(N[k * C + c]);
                }
                for (size_t i = 0; i < nnzp; i++) {
                    uint32_t c = nzp[i];
                    if (c != k)
                        d += xlogx(N[c * C + k] + np[c]) - xlogx(N[c * C + k]);
                }
                d += xlogx(N[k * C + k] + ns[k] + np[k] + self) - xlogx(N[k * C + k]);
                d -= xlogx(Nl[k] + (double)nl[w]) - xlogx(Nl[k]);
                d -= xlogx(Nr[k] + (double)nr[w]) - xlogx(Nr[k]);
                if (d > best + 1e-9 || (k == a && d >= best - 1e-9)) {
                    best = d;
                    bk = k;
                }
            }
            for (size_t i = 0; i < nnzs; i++)
                N[bk * C + nzs[i]] += ns[nzs[i]];
            for (size_t i = 0; i < nnzp; i++)
                N[nzp[i] * C + bk] += np[nzp[i]];
            N[bk * C + bk] += self;
            Nl[bk] += (double)nl[w];
            Nr[bk] += (double)nr[w];
            moved += bk != a;
            cls[w] = bk;
            for (size_t i = 0; i < nnzs; i++)
                ns[nzs[i]] = 0;
            for (size_t i = 0; i < nnzp; i++)
                np[nzp[i]] = 0;
        }
        fprintf(stderr, "ner_train: clustering pass %u: %zu of %zu words moved\n", pass + 1, moved,
                V);
    }
    /* contexts: after a known first name; right after in/nach/aus */
    {
        uint32_t *after_first = att__nt_calloc(v.n, sizeof(uint32_t)),
                 *after_in = att__nt_calloc(v.n, 4);
        int id_in = att__nt_vocab_find(&v, "in", 2), id_nach = att__nt_vocab_find(&v, "nach", 4),
            id_aus = att__nt_vocab_find(&v, "aus", 3);
        uint8_t *first = att__nt_calloc(v.n, 1);
        size_t nper = 0, nloc = 0;
        for (size_t i = 0; i < v.n; i++) {
            const char *w = v.word[i];
            size_t sl = att__nt_lex_slot(lx, att__ner_lex_key(&w, &v.len[i], 1));
            first[i] = lx->keys[sl] && (lx->flags[sl] & (ATT__LEX_FIRST_M | ATT__LEX_FIRST_F));
        }
        for (size_t i = 1; i < nst; i++) {
            uint32_t a = st[i - 1], b = st[i];
            if (a == BOUNDARY || b == BOUNDARY || !att__nt_is_upper_start(v.word[b]))
                continue;
            if (first[a] && att__nt_is_upper_start(v.word[a]))
                after_first[b]++;
            if ((int)a == id_in || (int)a == id_nach || (int)a == id_aus)
                after_in[b]++;
        }
        for (size_t i = 0; i < v.n; i++) {
            const char *w = v.word[i];
            if (v.count[i] < 3)
                continue;
            if (after_first[i] >= 2 && 4 * after_first[i] >= v.count[i]) {
                att__nt_lex_put(lx, att__ner_lex_key(&w, &v.len[i], 1), ATT__LEX_CORP_SURNAME, 0);
                nper++;
            }
            if (after_in[i] >= 2 && 5 * after_in[i] >= v.count[i]) {
                att__nt_lex_put(lx, att__ner_lex_key(&w, &v.len[i], 1), ATT__LEX_CORP_PLACE, 0);
                nloc++;
            }
        }
        fprintf(stderr, "ner_train: corpus lexicons: %zu surname-like, %zu place-like words\n",
                nper, nloc);
        free(after_first);
        free(after_in);
        free(first);
    }
    /* into the lexicon: class + 1 for clustered words; FUNC for capitalised
     * forms of words that are mostly written lower case */
    for (size_t i = 0; i < v.n; i++) {
        const char *w = v.word[i];
        size_t n = v.len[i];
        if (unit_of[i] < V)
            att__nt_lex_put(lx, att__ner_lex_key(&w, &n, 1), 0, cls[unit_of[i]] + 1);
        if (n >= 1 && w[0] >= 'A' && w[0] <= 'Z') {
            char low[256];
            int j;
            if (n >= sizeof low)
                continue;
            memcpy(low, w, n);
            low[0] = (char)(w[0] - 'A' + 'a');
            j = att__nt_vocab_find(&v, low, n);
            if (j >= 0 && v.count[j] >= 10 && 5 * v.nonini[i] < v.count[j]) {
                att__nt_lex_put(lx, att__ner_lex_key(&w, &n, 1), ATT__LEX_FUNC, 0);
                nfunc++;
            }
        }
    }
    fprintf(stderr, "ner_train: %zu words in %u classes, %zu function-word forms\n", V, K, nfunc);
    free(byfreq);
    free(unit_of);
    free(cls);
    free(soff);
    free(poff);
    free(sto);
    free(scnt);
    free(pfrom);
    free(pcnt);
    free(nl);
    free(nr);
    free(N);
    free(Nl);
    free(Nr);
    free(ns);
    free(np);
    free(nzs);
    free(nzp);
}

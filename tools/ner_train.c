/*
 * ner_train.c - trains the NER model of src/annotate/ner.h (scripts/train-ner).
 *
 *   ner_train --data DIR [--unlabeled FILE]... [--profiles] [--iters N]
 *             [--clusters K] [--prune Q] [--seeds N] [--errors FILE]
 *             (--cv K | --out MODEL) GERMEVAL.tsv
 *
 * 1. The lexicon (ner_lexicon.c, ner_clusters.c, ner_mine.c): gazetteers
 *    from the TSV files in DIR, cue lists, and from the unlabeled corpus
 *    word classes, corpus lexicons and mined organisation names.  Keys are
 *    hashes of token sequences (att__ner_lex_key): no text in the model.
 * 2. Features: att__ner_features() of the library over a lexicon-only
 *    model, so the tagger sees exactly the features the trainer saw.
 * 3. The averaged structured perceptron (Collins 2002) with Viterbi under
 *    the BIO constraint, sentences in a fixed pseudo-random order per epoch.
 * 4. --profiles (needs a corpus): a second stage.  First-stage taggers tag
 *    the corpus and give each frequent word a profile (ner_selftrain.c);
 *    the sentences of fold g get the profiles of a tagger trained without
 *    fold g (and, in cross-validation, without the held-out fold), so the
 *    second stage learns how far to trust profiles of unseen text.  The
 *    written model carries the profiles of a tagger trained on all of dev.
 * 5. --cv K: K-fold cross-validation (sentence i in fold i % K), printing
 *    the chunk F1 of PER/LOC/ORG after every epoch, summed over --seeds
 *    shuffles; --errors FILE lists the misses and false hits of the last
 *    epoch.  --out: train on everything, quantise the averaged weights to
 *    int16, drop rows that round to small values, write the blob.
 * Deterministic: no clocks, no addresses in hashes, fixed seeds.  Labels:
 * outer GermEval tags; PER/LOC/ORG/OTH are learned, the -deriv and -part
 * variants are O.  A tool, not library code: it prints and exits on errors.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner_train.h"

/* ---- GermEval ---------------------------------------------------------------- */

typedef struct sent {
    size_t n;
    const char **tok;
    size_t *len;
    uint8_t *gold;
    uint32_t *rows; /* feature rows of token t: rows[off[t] .. off[t+1]) */
    size_t *off;
} sent;

static uint8_t map_tag(const char *t)
{
    static const char *const types[] = {"PER", "LOC", "ORG", "OTH"};
    if ((t[0] != 'B' && t[0] != 'I') || t[1] != '-')
        return 0;
    for (unsigned k = 0; k < 4; k++)
        if (strcmp(t + 2, types[k]) == 0)
            return t[0] == 'B' ? ATT__NER_B(k + 1) : ATT__NER_I(k + 1);
    return 0; /* -deriv, -part */
}

static sent *read_germeval(const char *path, size_t *nsent, char **keep)
{
    size_t len, ns = 0, cs = 0;
    char *buf = att__nt_read_all(path, &len), *line, *next;
    sent *ss = NULL, cur = {0};
    size_t ccap = 0;
    if (!buf)
        att__nt_die("%s: %s", path, strerror(errno));
    for (line = buf;; line = next) {
        char *f[6];
        size_t nf = 0;
        int end = !line || !*line;
        next = end ? NULL : strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (end || line[0] == '\0' || line[0] == '#') {
            if (cur.n) {
                if (ns == cs) {
                    cs = cs ? 2 * cs : 1024;
                    ss = att__nt_realloc(ss, cs * sizeof(*ss));
                }
                ss[ns++] = cur;
                memset(&cur, 0, sizeof cur);
                ccap = 0;
            }
            if (end || !next)
                break;
            continue;
        }
        for (char *p = line;;) {
            char *t = strchr(p, '\t');
            if (nf < 6)
                f[nf++] = p;
            if (!t)
                break;
            *t = '\0';
            p = t + 1;
        }
        if (nf < 3)
            att__nt_die("%s: a token line with %zu fields", path, nf);
        if (cur.n == ccap) {
            ccap = ccap ? 2 * ccap : 32;
            cur.tok = att__nt_realloc(cur.tok, ccap * sizeof(*cur.tok));
            cur.len = att__nt_realloc(cur.len, ccap * sizeof(*cur.len));
            cur.gold = att__nt_realloc(cur.gold, ccap);
        }
        cur.tok[cur.n] = f[1];
        cur.len[cur.n] = strlen(f[1]);
        cur.gold[cur.n] = map_tag(f[2]);
        cur.n++;
    }
    *nsent = ns;
    *keep = buf;
    return ss;
}

/* ---- features -> rows ---------------------------------------------------------- */

/* Feature hash -> weight row, shared by every model of one run. */
typedef struct fmap {
    uint32_t *keys, *rows;
    size_t n, cap;
} fmap;

typedef struct run {
    sent *ss; /* the sentences with first-stage (plain lexicon) features */
    size_t ns;
    fmap fm;
    uint32_t *rowkeys; /* feature hash of each row */
    size_t kcap;
    float *emit;
    uint8_t *back, *pred;
} run;

static uint32_t fmap_get(run *r, uint32_t key)
{
    fmap *m = &r->fm;
    size_t i;
    if (2 * (m->n + 1) > m->cap) {
        fmap big = {att__nt_calloc(m->cap ? 2 * m->cap : 1 << 16, 4),
                    att__nt_calloc(m->cap ? 2 * m->cap : 1 << 16, 4), 0,
                    m->cap ? 2 * m->cap : 1 << 16};
        for (size_t k = 0; k < m->cap; k++)
            if (m->keys[k]) {
                size_t j = (m->keys[k] * 0x9e3779b1u) & (big.cap - 1);
                while (big.keys[j])
                    j = (j + 1) & (big.cap - 1);
                big.keys[j] = m->keys[k];
                big.rows[j] = m->rows[k];
                big.n++;
            }
        free(m->keys);
        free(m->rows);
        *m = big;
    }
    i = (key * 0x9e3779b1u) & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & (m->cap - 1);
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->rows[i] = (uint32_t)m->n++;
        if (m->rows[i] >= r->kcap) {
            r->kcap = r->kcap ? 2 * r->kcap : 1 << 16;
            r->rowkeys = att__nt_realloc(r->rowkeys, r->kcap * sizeof(*r->rowkeys));
        }
        r->rowkeys[m->rows[i]] = key;
    }
    return m->rows[i];
}

/* Computes the feature rows of sentences ss[idx[k]], k < n (ss[0..n) when
 * idx is NULL) with the lexicon lx, replacing their old rows. */
static void extract(run *r, const lexmap *lx, sent *ss, const size_t *idx, size_t n)
{
    size_t len, cap = 0;
    unsigned char *blob = att__nt_write_blob(lx, NULL, NULL, NULL, 0, 1.0f, &len);
    const att__ner_model *lexm = att__ner_model_from_blob(blob, len);
    uint32_t *feats = NULL;
    uint8_t *nf = NULL;
    if (!lexm)
        att__nt_die("lexicon blob is malformed");
    for (size_t k0 = 0; k0 < n; k0++) {
        sent *x = &ss[idx ? idx[k0] : k0];
        size_t tot = 0;
        if (x->n > cap) {
            cap = x->n;
            feats = att__nt_realloc(feats, cap * ATT__NER_MAXF * sizeof(*feats));
            nf = att__nt_realloc(nf, cap);
        }
        if (att__ner_features(lexm, x->tok, x->len, x->n, 0, x->n, feats, nf))
            att__nt_die("features failed");
        for (size_t t = 0; t < x->n; t++)
            tot += nf[t];
        free(x->rows);
        free(x->off);
        x->rows = att__nt_calloc(tot, sizeof(*x->rows));
        x->off = att__nt_calloc(x->n + 1, sizeof(*x->off));
        tot = 0;
        for (size_t t = 0; t < x->n; t++) {
            x->off[t] = tot;
            for (unsigned k = 0; k < nf[t]; k++)
                x->rows[tot++] = fmap_get(r, feats[t * ATT__NER_MAXF + k]);
        }
        x->off[x->n] = tot;
    }
    free(feats);
    free(nf);
    free(blob);
}

/* ---- the averaged perceptron ------------------------------------------------------ */

typedef struct percep {
    size_t nrows;
    float *w, *u; /* weights and c-weighted update sums, nrows * NL */
    float t[(NL + 1) * NL], tu[(NL + 1) * NL];
    double c;
} percep;

static void decode(const float *w, const float *trans, const sent *x, float *emit, uint8_t *back,
                   uint8_t *out)
{
    for (size_t t = 0; t < x->n; t++) {
        float *e = emit + t * NL;
        memset(e, 0, NL * sizeof(float));
        for (size_t k = x->off[t]; k < x->off[t + 1]; k++) {
            const float *row = w + (size_t)x->rows[k] * NL;
            for (unsigned y = 0; y < NL; y++)
                e[y] += row[y];
        }
    }
    att__ner_viterbi(emit, x->n, trans, back, out);
}

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void train_epoch(percep *p, sent *ss, const size_t *order, size_t n, unsigned epoch,
                        float *emit, uint8_t *back, uint8_t *pred)
{
    size_t *perm = att__nt_calloc(n, sizeof(*perm));
    uint64_t seed = 0x9e3779b97f4a7c15ULL ^ (epoch + 1) * 0x2545f4914f6cdd1dULL;
    memcpy(perm, order, n * sizeof(*perm));
    for (size_t i = n; i > 1; i--) { /* Fisher-Yates */
        size_t j = (size_t)(rng_next(&seed) % i);
        size_t tmp = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = tmp;
    }
    for (size_t i = 0; i < n; i++) {
        const sent *x = &ss[perm[i]];
        decode(p->w, p->t, x, emit, back, pred);
        for (size_t t = 0; t < x->n; t++) {
            unsigned g = x->gold[t], y = pred[t];
            unsigned gp = t ? x->gold[t - 1] : NL, yp = t ? pred[t - 1] : NL;
            if (g != y)
                for (size_t k = x->off[t]; k < x->off[t + 1]; k++) {
                    size_t r = (size_t)x->rows[k] * NL;
                    p->w[r + g] += 1;
                    p->u[r + g] += (float)p->c;
                    p->w[r + y] -= 1;
                    p->u[r + y] -= (float)p->c;
                }
            if (g != y || gp != yp) {
                p->t[gp * NL + g] += 1;
                p->tu[gp * NL + g] += (float)p->c;
                p->t[yp * NL + y] -= 1;
                p->tu[yp * NL + y] -= (float)p->c;
            }
        }
        p->c += 1;
    }
    free(perm);
}

/* The averaged weights w - u / c. */
static void average(const percep *p, float *aw, float *at)
{
    for (size_t i = 0; i < p->nrows * NL; i++)
        aw[i] = p->w[i] - p->u[i] / (float)p->c;
    for (size_t i = 0; i < (NL + 1) * NL; i++)
        at[i] = p->t[i] - p->tu[i] / (float)p->c;
}

/* ---- scoring ----------------------------------------------------------------------- */

typedef struct score {
    long tp[5], fp[5], fn[5];
} score;

/* Chunks of PER, LOC, ORG as (start, end, type); BIO read CoNLL-style. */
static size_t chunks(const uint8_t *tags, size_t n, size_t (*out)[3])
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        unsigned type = ATT__NER_TAG_TYPE(tags[i]);
        size_t j = i + 1;
        if (!tags[i]) {
            i++;
            continue;
        }
        while (j < n && tags[j] == ATT__NER_I(type))
            j++;
        if (type <= ATT__NER_ORG) {
            out[k][0] = i;
            out[k][1] = j;
            out[k][2] = type;
            k++;
        }
        i = j;
    }
    return k;
}

static void score_sent(score *sc, const uint8_t *gold, const uint8_t *pred, size_t n)
{
    size_t(*g)[3] = att__nt_calloc(n, sizeof(*g)), (*p)[3] = att__nt_calloc(n, sizeof(*p));
    size_t ng = chunks(gold, n, g), np = chunks(pred, n, p);
    for (size_t i = 0; i < np; i++) {
        int hit = 0;
        for (size_t j = 0; j < ng; j++)
            if (g[j][0] == p[i][0] && g[j][1] == p[i][1] && g[j][2] == p[i][2])
                hit = 1;
        if (hit)
            sc->tp[p[i][2]]++;
        else
            sc->fp[p[i][2]]++;
    }
    for (size_t j = 0; j < ng; j++) {
        int hit = 0;
        for (size_t i = 0; i < np; i++)
            if (g[j][0] == p[i][0] && g[j][1] == p[i][1] && g[j][2] == p[i][2])
                hit = 1;
        if (!hit)
            sc->fn[g[j][2]]++;
    }
    free(g);
    free(p);
}

/* Writes the missed (FN) and spurious (FP) chunks of one sentence, each
 * with its type, its tokens and the sentence, one per line. */
static void dump_errors(FILE *f, const sent *x, const uint8_t *pred)
{
    static const char *const names[] = {"", "PER", "LOC", "ORG"};
    size_t(*g)[3] = att__nt_calloc(x->n, sizeof(*g)), (*p)[3] = att__nt_calloc(x->n, sizeof(*p));
    size_t ng = chunks(x->gold, x->n, g), np = chunks(pred, x->n, p);
    for (int pass = 0; pass < 2; pass++) {
        size_t(*a)[3] = pass ? p : g, (*b)[3] = pass ? g : p, na = pass ? np : ng,
        nb = pass ? ng : np;
        for (size_t i = 0; i < na; i++) {
            int hit = 0;
            for (size_t j = 0; j < nb; j++)
                hit |= memcmp(a[i], b[j], sizeof a[i]) == 0;
            if (hit)
                continue;
            fprintf(f, "%s\t%s\t", pass ? "FP" : "FN", names[a[i][2]]);
            for (size_t t = a[i][0]; t < a[i][1]; t++)
                fprintf(f, "%s%.*s", t > a[i][0] ? " " : "", (int)x->len[t], x->tok[t]);
            fprintf(f, "\t");
            for (size_t t = 0; t < x->n; t++)
                fprintf(f, "%s%.*s", t ? " " : "", (int)x->len[t], x->tok[t]);
            fprintf(f, "\n");
        }
    }
    free(g);
    free(p);
}

static void prf(long tp, long fp, long fn, double *P, double *R, double *F)
{
    *P = tp + fp ? (double)tp / (double)(tp + fp) : 0;
    *R = tp + fn ? (double)tp / (double)(tp + fn) : 0;
    *F = *P + *R > 0 ? 2 * *P * *R / (*P + *R) : 0;
}

static void print_score(const char *what, const score *sc)
{
    static const char *const names[] = {"", "PER", "LOC", "ORG"};
    long T = 0, Fp = 0, Fn = 0;
    double P, R, F;
    for (unsigned k = 1; k <= 3; k++) {
        prf(sc->tp[k], sc->fp[k], sc->fn[k], &P, &R, &F);
        printf("%s\t%s\t%.4f\t%.4f\t%.4f\n", what, names[k], P, R, F);
        T += sc->tp[k];
        Fp += sc->fp[k];
        Fn += sc->fn[k];
    }
    prf(T, Fp, Fn, &P, &R, &F);
    printf("%s\toverall\t%.4f\t%.4f\t%.4f\n", what, P, R, F);
}

/* ---- training runs ------------------------------------------------------------------ */

static percep percep_new(size_t nrows)
{
    percep p = {nrows,
                att__nt_calloc(nrows * NL, sizeof(float)),
                att__nt_calloc(nrows * NL, sizeof(float)),
                {0},
                {0},
                1};
    return p;
}

/* Trains on ss[order[k]], k < no; epoch e shuffles with seed e + seed0. */
static percep train(run *r, sent *ss, const size_t *order, size_t no, unsigned iters,
                    unsigned seed0)
{
    percep p = percep_new(r->fm.n);
    for (unsigned e = 0; e < iters; e++)
        train_epoch(&p, ss, order, no, e + seed0, r->emit, r->back, r->pred);
    return p;
}

/* The model blob of the averaged weights of p: int16 with one scale, rows
 * whose largest weight is at most prune steps dropped. */
static unsigned char *build_model(const run *r, const lexmap *lx, const percep *p, unsigned prune,
                                  size_t *blen, uint32_t *nrows_out)
{
    float *aw = att__nt_calloc(p->nrows * NL, sizeof(float)), at_[(NL + 1) * NL], maxabs = 0, scale;
    int16_t *q = att__nt_calloc(p->nrows * NL, sizeof(int16_t));
    uint32_t *keys = att__nt_calloc(p->nrows, sizeof(uint32_t)), nrows = 0;
    unsigned char *blob;
    average(p, aw, at_);
    for (size_t i = 0; i < p->nrows * NL; i++)
        if (fabsf(aw[i]) > maxabs)
            maxabs = fabsf(aw[i]);
    scale = maxabs > 0 ? maxabs / 32000.0f : 1.0f;
    for (size_t k = 0; k < p->nrows; k++) {
        int16_t row[NL];
        int keep_row = 0;
        for (unsigned y = 0; y < NL; y++) {
            long v = lroundf(aw[k * NL + y] / scale);
            row[y] = (int16_t)v;
            if (labs(v) > (long)prune)
                keep_row = 1;
        }
        if (!keep_row)
            continue;
        memcpy(q + (size_t)nrows * NL, row, sizeof row);
        keys[nrows++] = r->rowkeys[k];
    }
    blob = att__nt_write_blob(lx, at_, keys, q, nrows, scale, blen);
    if (!att__ner_model_from_blob(blob, *blen))
        att__nt_die("model blob is malformed");
    *nrows_out = nrows;
    free(aw);
    free(q);
    free(keys);
    return blob;
}

/* The sentences s with s % k != skip1 and != skip2 (skip = k: none). */
static size_t select_folds(size_t ns, unsigned k, unsigned skip1, unsigned skip2, size_t *order)
{
    size_t no = 0;
    for (size_t s = 0; s < ns; s++)
        if (s % k != skip1 && s % k != skip2)
            order[no++] = s;
    return no;
}

/* Into out: lexicon lx plus the corpus profiles of a first-stage tagger
 * trained on the plain features of r->ss[order[..no)]. */
static void profiled_lexicon(run *r, const lexmap *lx, const corpus *cp, const size_t *order,
                             size_t no, unsigned iters, lexmap *out)
{
    percep p = train(r, r->ss, order, no, iters, 0);
    size_t blen;
    uint32_t nrows;
    unsigned char *blob = build_model(r, lx, &p, 1, &blen, &nrows);
    att__nt_lex_copy(out, lx);
    att__nt_add_profiles(out, att__ner_model_from_blob(blob, blen), cp);
    free(blob);
    free(p.w);
    free(p.u);
}

/* Second-stage features by jackknife: the sentences of fold g (g != heldout)
 * get profiles from a tagger trained without folds g and heldout; those of
 * fold heldout (if heldout < k) from one trained without it alone. */
static void jackknife(run *r, const lexmap *lx, const corpus *cp, sent *st2, unsigned k,
                      unsigned heldout, unsigned iters)
{
    size_t *order = att__nt_calloc(r->ns, sizeof(*order)),
           *idx = att__nt_calloc(r->ns, sizeof(*idx));
    for (unsigned g = 0; g < k; g++) {
        lexmap plx;
        size_t no = select_folds(r->ns, k, g, heldout, order), ni = 0;
        for (size_t s = g; s < r->ns; s += k)
            idx[ni++] = s;
        profiled_lexicon(r, lx, cp, order, no, iters, &plx);
        extract(r, &plx, st2, idx, ni);
        att__nt_lex_free(&plx);
    }
    free(order);
    free(idx);
}

/* ---- main ---------------------------------------------------------------------------- */

static void usage(void)
{
    fprintf(stderr, "usage: ner_train --data DIR [--unlabeled FILE]... [--profiles] [--iters N] "
                    "[--clusters K] [--prune Q] [--seeds N] [--errors FILE] "
                    "(--cv K | --out MODEL) GERMEVAL.tsv\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *data = "data", *unlab[8], *errpath = NULL, *out = NULL, *input = NULL;
    unsigned iters = 12, cv = 0, seeds = 1, nclusters = 256, prune = 1, profiles = 0;
    lexmap lx = {0};
    corpus cp;
    size_t nunlab = 0, maxn = 0;
    sent *ss; /* the sentences with the features the final model is trained on */
    char *keep;
    run r;
    memset(&r, 0, sizeof r);
    memset(&cp, 0, sizeof cp);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
            data = argv[++i];
        else if (strcmp(argv[i], "--errors") == 0 && i + 1 < argc)
            errpath = argv[++i];
        else if (strcmp(argv[i], "--unlabeled") == 0 && i + 1 < argc && nunlab < 8)
            unlab[nunlab++] = argv[++i];
        else if (strcmp(argv[i], "--profiles") == 0)
            profiles = 1;
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--iters") == 0 && i + 1 < argc)
            iters = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--seeds") == 0 && i + 1 < argc)
            seeds = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--cv") == 0 && i + 1 < argc)
            cv = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--clusters") == 0 && i + 1 < argc)
            nclusters = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--prune") == 0 && i + 1 < argc)
            prune = (unsigned)atoi(argv[++i]);
        else if (argv[i][0] != '-' && !input)
            input = argv[i];
        else
            usage();
    }
    if (!input || (!out && cv < 2) || iters == 0 || seeds == 0 || (profiles && !nunlab) ||
        nclusters >= (1u << (32 - ATT__LEX_CLUSTER_SHIFT)) - 1)
        usage();

    att__nt_build_gazetteers(&lx, data);
    if (nunlab) {
        for (size_t u = 0; u < nunlab; u++)
            att__nt_read_corpus(&cp, unlab[u]);
        fprintf(stderr, "ner_train: corpus of %zu tokens, %zu types\n", cp.nst, cp.v.n);
        if (nclusters > 0)
            att__nt_add_clusters(&lx, &cp, nclusters);
        att__nt_mine_orgs(&lx, &cp);
    }
    fprintf(stderr, "ner_train: lexicon of %zu keys\n", lx.n);
    r.ss = read_germeval(input, &r.ns, &keep);
    extract(&r, &lx, r.ss, NULL, r.ns);
    for (size_t s = 0; s < r.ns; s++)
        if (r.ss[s].n > maxn)
            maxn = r.ss[s].n;
    r.emit = att__nt_calloc(maxn * NL, sizeof(float));
    r.back = att__nt_calloc(maxn * NL, 1);
    r.pred = att__nt_calloc(maxn, 1);
    ss = r.ss;
    if (profiles) { /* second-stage copies: the same sentences, their own rows */
        ss = att__nt_calloc(r.ns, sizeof(*ss));
        for (size_t s = 0; s < r.ns; s++) {
            ss[s] = r.ss[s];
            ss[s].rows = NULL;
            ss[s].off = NULL;
        }
    }

    if (cv >= 2) {
        FILE *errf = errpath ? fopen(errpath, "w") : NULL;
        score *per_epoch = att__nt_calloc(iters, sizeof(*per_epoch));
        float *aw = NULL, at_[(NL + 1) * NL];
        size_t *order = att__nt_calloc(r.ns, sizeof(*order));
        if (errpath && !errf)
            att__nt_die("%s: cannot write", errpath);
        for (unsigned fold = 0; fold < cv; fold++) {
            size_t no = select_folds(r.ns, cv, fold, cv, order);
            if (profiles)
                jackknife(&r, &lx, &cp, ss, cv, fold, iters);
            aw = att__nt_realloc(aw, r.fm.n * NL * sizeof(float));
            for (unsigned rep = 0; rep < seeds; rep++) {
                percep p = percep_new(r.fm.n);
                for (unsigned e = 0; e < iters; e++) {
                    train_epoch(&p, ss, order, no, e + 1000 * rep, r.emit, r.back, r.pred);
                    average(&p, aw, at_);
                    for (size_t s = fold; s < r.ns; s += cv) {
                        decode(aw, at_, &ss[s], r.emit, r.back, r.pred);
                        score_sent(&per_epoch[e], ss[s].gold, r.pred, ss[s].n);
                        if (errf && e + 1 == iters && rep == 0)
                            dump_errors(errf, &ss[s], r.pred);
                    }
                }
                free(p.w);
                free(p.u);
            }
        }
        for (unsigned e = 0; e < iters; e++) {
            char what[32];
            snprintf(what, sizeof what, "cv%u-iter%u", cv, e + 1);
            print_score(what, &per_epoch[e]);
        }
        free(per_epoch);
        free(aw);
        free(order);
        if (errf && fclose(errf) != 0)
            att__nt_die("%s: cannot write", errpath);
    } else {
        size_t *order = att__nt_calloc(r.ns, sizeof(*order)), blen;
        uint32_t nrows;
        percep p;
        unsigned char *blob;
        lexmap final_lx;
        FILE *f;
        score sc = {{0}, {0}, {0}};
        for (size_t s = 0; s < r.ns; s++)
            order[s] = s;
        if (profiles) {
            jackknife(&r, &lx, &cp, ss, 5, 5, iters);
            profiled_lexicon(&r, &lx, &cp, order, r.ns, iters, &final_lx);
        } else {
            att__nt_lex_copy(&final_lx, &lx);
        }
        p = train(&r, ss, order, r.ns, iters, 0);
        blob = build_model(&r, &final_lx, &p, prune, &blen, &nrows);
        f = fopen(out, "wb");
        if (!f || fwrite(blob, 1, blen, f) != blen || fclose(f) != 0)
            att__nt_die("%s: cannot write", out);
        /* training-set score of the written model, as a sanity check */
        {
            const att__ner_model *m = att__ner_model_from_blob(blob, blen);
            for (size_t s = 0; s < r.ns; s++) {
                if (att__ner_tag_tokens(m, r.ss[s].tok, r.ss[s].len, r.ss[s].n, r.pred))
                    att__nt_die("tagging failed");
                score_sent(&sc, r.ss[s].gold, r.pred, r.ss[s].n);
            }
            print_score("train", &sc);
        }
        printf("model\trows\t%u\tof\t%zu\n", nrows, r.fm.n);
        printf("model\tlexicon\t%zu\n", final_lx.n);
        printf("model\tbytes\t%zu\n", blen);
        free(blob);
        free(order);
        free(p.w);
        free(p.u);
        att__nt_lex_free(&final_lx);
    }
    return 0;
}

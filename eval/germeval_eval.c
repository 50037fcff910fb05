/*
 * germeval_eval.c - accuracy of the NER tagger (src/annotate/ner.c) on the
 * GermEval 2014 test split.
 *
 *   build/eval/germeval_eval [-v] ../shared/data/germeval2014/NER-de-test.tsv
 *
 * -v lists every missed (FN) and spurious (FP) name on standard error.
 *
 * The gold tokens are tagged as given (att__ner_tag_tokens, one sentence at
 * a time), so tokenisation errors do not count.  Scoring is CoNLL style on
 * outer chunks: a name counts when its first token, last token and type
 * match exactly.  Only the base classes PER, LOC and ORG are scored; gold
 * OTH, the -deriv and -part variants (deutsche = LOCderiv, EU-Staaten =
 * LOCpart) and inner (nested) chunks are ignored, and so are predicted OTH
 * chunks.  "overall" is the micro average over PER, LOC and ORG.
 *
 * Prints TSV rows "germeval2014 <metric> <ours> <reference>"; the reference
 * column is empty because no published system was scored this way (the
 * 2014 task's official metric also counts OTH, the variants and inner
 * chunks; see docs/ner.md).  Throughput goes to standard error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "annotate/ner.h"

#define MAXTOK 4096 /* tokens per sentence; longer ones are cut (none are in the data) */

typedef struct counts {
    long tp[4], fp[4], fn[4];
} counts;

/* Outer gold type of a tag: ATT__NER_PER/LOC/ORG for B-/I- of the base
 * classes, ATT__NER_OTH for everything else that is not O (never scored). */
static unsigned gold_type(const char *t, int *is_b)
{
    *is_b = t[0] == 'B';
    if ((t[0] != 'B' && t[0] != 'I') || t[1] != '-')
        return 0;
    if (strcmp(t + 2, "PER") == 0)
        return ATT__NER_PER;
    if (strcmp(t + 2, "LOC") == 0)
        return ATT__NER_LOC;
    if (strcmp(t + 2, "ORG") == 0)
        return ATT__NER_ORG;
    return ATT__NER_OTH;
}

/* Chunks (start, end, type) of a tag sequence given as types and B flags:
 * a chunk starts at B, or at I whose type differs from the token before. */
static size_t chunks(const unsigned *type, const int *isb, size_t n, size_t (*out)[3])
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        if (!type[i]) {
            i++;
            continue;
        }
        while (j < n && type[j] == type[i] && !isb[j])
            j++;
        if (type[i] <= ATT__NER_ORG) {
            out[k][0] = i;
            out[k][1] = j;
            out[k][2] = type[i];
            k++;
        }
        i = j;
    }
    return k;
}

static int verbose;

static void show(const char *what, const size_t *ch, const char *const *toks, const size_t *lens)
{
    static const char *const names[] = {"", "PER", "LOC", "ORG"};
    fprintf(stderr, "%s\t%s\t", what, names[ch[2]]);
    for (size_t i = ch[0]; i < ch[1]; i++)
        fprintf(stderr, "%s%.*s", i > ch[0] ? " " : "", (int)lens[i], toks[i]);
    fprintf(stderr, "\n");
}

static void score(counts *c, const unsigned *gt, const int *gb, const unsigned *pt,
                  const int *pb, size_t n, const char *const *toks, const size_t *lens)
{
    static size_t g[MAXTOK][3], p[MAXTOK][3];
    size_t ng = chunks(gt, gb, n, g), np = chunks(pt, pb, n, p);
    for (size_t i = 0; i < np; i++) {
        int hit = 0;
        for (size_t j = 0; j < ng && !hit; j++)
            hit = memcmp(g[j], p[i], sizeof g[j]) == 0;
        if (hit) {
            c->tp[p[i][2]]++;
        } else {
            c->fp[p[i][2]]++;
            if (verbose)
                show("FP", p[i], toks, lens);
        }
    }
    for (size_t j = 0; j < ng; j++) {
        int hit = 0;
        for (size_t i = 0; i < np && !hit; i++)
            hit = memcmp(g[j], p[i], sizeof g[j]) == 0;
        if (!hit) {
            c->fn[g[j][2]]++;
            if (verbose)
                show("FN", g[j], toks, lens);
        }
    }
}

static void row(const char *metric, double v)
{
    printf("germeval2014\t%s\t%.4f\t\n", metric, v);
}

int main(int argc, char **argv)
{
    static const char *toks[MAXTOK];
    static size_t lens[MAXTOK];
    static unsigned gt[MAXTOK], pt[MAXTOK];
    static int gb[MAXTOK], pb[MAXTOK];
    static uint8_t tags[MAXTOK];
    static const char *const names[] = {"", "per", "loc", "org"};
    const att__ner_model *m = att__ner_model_default();
    FILE *f;
    char *line = NULL, *buf = NULL;
    size_t cap = 0, n = 0, nsent = 0, ntok = 0, bytes = 0, bufcap = 0, buflen = 0;
    double secs = 0;
    counts c;
    long T = 0, FP = 0, FN = 0;
    memset(&c, 0, sizeof c);
    if (argc == 3 && strcmp(argv[1], "-v") == 0) {
        verbose = 1;
        argv++;
        argc--;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: germeval_eval [-v] NER-de-test.tsv\n");
        return 2;
    }
    if (!m) {
        fprintf(stderr, "germeval_eval: the embedded NER model is missing or malformed\n");
        return 1;
    }
    f = fopen(argv[1], "r");
    if (!f) {
        fprintf(stderr, "germeval_eval: %s: cannot open\n", argv[1]);
        return 1;
    }
    for (;;) {
        ssize_t r = getline(&line, &cap, f);
        int end = r < 0;
        if (!end && r > 0 && line[r - 1] == '\n')
            line[--r] = '\0';
        if (end || line[0] == '\0' || line[0] == '#') {
            if (n) { /* tag the sentence */
                struct timespec t0, t1;
                size_t off = 0;
                for (size_t i = 0; i < n; i++) { /* pointers into buf, now stable */
                    toks[i] = buf + off;
                    off += lens[i] + 1;
                }
                clock_gettime(CLOCK_MONOTONIC, &t0);
                if (att__ner_tag_tokens(m, toks, lens, n, tags) != 0) {
                    fprintf(stderr, "germeval_eval: tagging failed\n");
                    return 1;
                }
                clock_gettime(CLOCK_MONOTONIC, &t1);
                secs += (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
                for (size_t i = 0; i < n; i++) {
                    pt[i] = ATT__NER_TAG_TYPE(tags[i]);
                    pb[i] = ATT__NER_TAG_IS_B(tags[i]);
                    bytes += lens[i] + 1;
                }
                score(&c, gt, gb, pt, pb, n, toks, lens);
                nsent++;
                ntok += n;
                n = 0;
                buflen = 0;
            }
            if (end)
                break;
            continue;
        }
        {
            char *fld[4] = {NULL, NULL, NULL, NULL};
            size_t nf = 0;
            for (char *p = line; p && nf < 4;) {
                fld[nf++] = p;
                p = strchr(p, '\t');
                if (p)
                    *p++ = '\0';
            }
            if (nf < 3) {
                fprintf(stderr, "germeval_eval: %s: a token line with %zu fields\n", argv[1], nf);
                return 1;
            }
            if (n == MAXTOK)
                continue;
            lens[n] = strlen(fld[1]);
            if (buflen + lens[n] + 1 > bufcap) {
                bufcap = 2 * (buflen + lens[n] + 1) + 4096;
                buf = realloc(buf, bufcap);
                if (!buf) {
                    fprintf(stderr, "germeval_eval: out of memory\n");
                    return 1;
                }
            }
            memcpy(buf + buflen, fld[1], lens[n] + 1);
            buflen += lens[n] + 1;
            gt[n] = gold_type(fld[2], &gb[n]);
            n++;
        }
    }
    fclose(f);
    free(line);
    free(buf);
    for (unsigned k = 1; k <= 3; k++) {
        double P = c.tp[k] + c.fp[k] ? (double)c.tp[k] / (double)(c.tp[k] + c.fp[k]) : 0;
        double R = c.tp[k] + c.fn[k] ? (double)c.tp[k] / (double)(c.tp[k] + c.fn[k]) : 0;
        char name[32];
        snprintf(name, sizeof name, "precision_%s", names[k]);
        row(name, P);
        snprintf(name, sizeof name, "recall_%s", names[k]);
        row(name, R);
        snprintf(name, sizeof name, "f1_%s", names[k]);
        row(name, P + R > 0 ? 2 * P * R / (P + R) : 0);
        T += c.tp[k];
        FP += c.fp[k];
        FN += c.fn[k];
    }
    {
        double P = T + FP ? (double)T / (double)(T + FP) : 0;
        double R = T + FN ? (double)T / (double)(T + FN) : 0;
        row("precision_overall", P);
        row("recall_overall", R);
        row("f1_overall", P + R > 0 ? 2 * P * R / (P + R) : 0);
    }
    fprintf(stderr, "germeval_eval: %zu sentences, %zu tokens, %.1f MB/s, %.0f tokens/s\n", nsent,
            ntok, secs > 0 ? (double)bytes / secs / 1e6 : 0, secs > 0 ? (double)ntok / secs : 0);
    return 0;
}

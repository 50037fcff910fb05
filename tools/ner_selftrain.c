/*
 * ner_selftrain.c - corpus profiles of words for the NER lexicon: a tagger
 * trained on GermEval tags every sentence of the unlabeled news corpus,
 * and each word that occurs at least PROFILE_MIN times gets the share of
 * its occurrences tagged as part of a PER, LOC, ORG and OTH name, in four
 * levels, and a frequency bucket (layout in src/annotate/ner.h,
 * ATT__NER_PROFILE_SALT).  The features built on these profiles let the
 * final tagger see how a word behaves across many contexts, not only the
 * one in front of it.
 *
 * The trainer (ner_train.c) uses profiles made by taggers that never saw
 * the sentences whose features they feed (a jackknife over the folds), so
 * the weights learned for them are those of unseen text.  Deterministic:
 * corpus order, fixed thresholds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner_train.h"

#define PROFILE_MIN 3        /* occurrences a word needs for a profile */
#define MAX_SENT_TOKENS 4096 /* longer corpus sentences are cut (none are) */

static unsigned level(uint64_t k, uint64_t n)
{
    if (k == 0)
        return 0;
    if (5 * k < n)
        return 1;
    if (5 * k < 3 * n)
        return 2;
    return 3;
}

static unsigned freq_bucket(uint64_t n)
{
    return n < 10 ? 0 : n < 50 ? 1 : n < 200 ? 2 : 3;
}

void att__nt_add_profiles(lexmap *lx, const att__ner_model *m, const corpus *cp)
{
    const vocab *v = &cp->v;
    uint32_t(*cnt)[4] = att__nt_calloc(v->n, sizeof(*cnt));
    const char **toks = att__nt_calloc(MAX_SENT_TOKENS, sizeof(*toks));
    size_t *lens = att__nt_calloc(MAX_SENT_TOKENS, sizeof(*lens)), nprof = 0;
    uint8_t *tags = att__nt_calloc(MAX_SENT_TOKENS, 1);
    for (size_t i = 0; i < cp->nst;) {
        size_t j = i, n;
        while (j < cp->nst && cp->st[j] != BOUNDARY)
            j++;
        n = j - i < MAX_SENT_TOKENS ? j - i : MAX_SENT_TOKENS;
        for (size_t k = 0; k < n; k++) {
            toks[k] = v->word[cp->st[i + k]];
            lens[k] = v->len[cp->st[i + k]];
        }
        if (att__ner_tag_tokens(m, toks, lens, n, tags))
            att__nt_die("tagging the corpus failed");
        for (size_t k = 0; k < n; k++) {
            unsigned type = ATT__NER_TAG_TYPE(tags[k]);
            if (type >= ATT__NER_PER && type <= ATT__NER_OTH)
                cnt[cp->st[i + k]][type - 1]++;
        }
        i = j + 1;
    }
    for (size_t w = 0; w < v->n; w++) {
        uint64_t n = v->count[w];
        const char *word = v->word[w];
        uint32_t code;
        if (n < PROFILE_MIN)
            continue;
        code = level(cnt[w][0], n) | level(cnt[w][1], n) << 2 | level(cnt[w][2], n) << 4 |
               level(cnt[w][3], n) << 6 | freq_bucket(n) << 8;
        att__nt_lex_put(lx, att__ner_lex_key(&word, &v->len[w], 1) ^ ATT__NER_PROFILE_SALT,
                        code + 1, 0);
        nprof++;
    }
    fprintf(stderr, "ner_train: %zu word profiles\n", nprof);
    free(cnt);
    free(toks);
    free(lens);
    free(tags);
}

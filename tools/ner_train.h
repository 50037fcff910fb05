/*
 * ner_train.h - what the files of the NER trainer share (tools/ner_*.c,
 * built by scripts/train-ner into build/tools/ner_train; never part of the
 * library, so errors end the program through att__nt_die()).
 *
 *   ner_lexicon.c   allocation helpers, the lexicon under construction
 *                   (hashed token sequences -> flags and word class), the
 *                   gazetteers from data/ and the cue lists, the blob writer
 *   ner_clusters.c  the unlabeled corpus: tokenizing it with attache's own
 *                   tokenizer, word classes (exchange algorithm) and the
 *                   lexicons mined from it
 *   ner_train.c     GermEval reading, the averaged perceptron, cross-
 *                   validation, scoring and main()
 *
 * Everything is deterministic: no clocks, no addresses in hashes, fixed
 * seeds, ties broken by byte order.
 */
#ifndef ATT_NER_TRAIN_H
#define ATT_NER_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "annotate/ner.h"

#define NL ATT__NER_NLABELS

/* ---- helpers (ner_lexicon.c) ---- */

/* Prints "ner_train: <message>" and exits with status 1. */
void att__nt_die(const char *fmt, ...);
/* calloc/realloc/strndup that die when memory runs out (n == 0 is fine). */
void *att__nt_calloc(size_t n, size_t size);
void *att__nt_realloc(void *p, size_t n);
char *att__nt_strndup(const char *s, size_t n);
/* The whole file, NUL-terminated (caller frees), or NULL with errno set. */
char *att__nt_read_all(const char *path, size_t *len);

/* ---- the lexicon under construction (ner_lexicon.c) ---- */

typedef struct lexmap {
    uint64_t *keys;
    uint32_t *flags, *cluster;
    size_t n, cap; /* cap a power of two */
} lexmap;

/* The slot of key (empty or holding key). */
size_t att__nt_lex_slot(const lexmap *lx, uint64_t key);
/* ORs flags into key's entry and sets its word class when cluster != 0. */
void att__nt_lex_put(lexmap *lx, uint64_t key, uint32_t flags, uint32_t cluster);
/* Adds a form (tokens split at spaces) with flags; its proper prefixes get
 * ATT__LEX_PREFIX.  Forms outside Latin script are skipped. */
void att__nt_lex_add_form(lexmap *lx, const char *form, uint32_t flags);
/* Gazetteers from the TSV files of dir and the cue lists. */
void att__nt_build_gazetteers(lexmap *lx, const char *dir);
/* Regions from GeoNames' admin1 table (regionInfo.tsv) into lx. */
void att__nt_add_admin1(lexmap *lx, const char *path);
/* The model blob: trans may be NULL (zeros), nrows 0 for a lexicon-only
 * model; keys[r] is the feature hash of the quantised weight row r of q.
 * Returns a malloc'ed blob of *len bytes. */
unsigned char *att__nt_write_blob(const lexmap *lx, const float *trans, const uint32_t *keys,
                                  const int16_t *q, uint32_t nrows, float wscale, size_t *len);

/* ---- the unlabeled corpus (ner_clusters.c) ---- */

typedef struct vocab {
    char **word;
    size_t *len;
    uint64_t *count, *nonini; /* occurrences; those not opening a sentence */
    size_t n, cap;
    uint32_t *slots; /* id + 1, 0 = empty */
    size_t scap;
} vocab;

typedef struct corpus {
    vocab v;
    uint32_t *st; /* word ids, BOUNDARY between sentences */
    size_t nst, cap;
} corpus;

#define BOUNDARY 0xffffffffu /* between sentences in corpus.st */

/* The id of word s[0..n) or -1. */
int att__nt_vocab_find(vocab *v, const char *s, size_t n);
/* Tokenizes a corpus and appends it to cp as word ids with BOUNDARY after
 * every sentence: JSON Lines with "header" and "article" fields, or (a name
 * ending in .csv) 10kGNAD's "category;'text'" lines. */
void att__nt_read_corpus(corpus *cp, const char *path);
/* Starts with an upper-case letter (ASCII, Latin-1, Latin Extended-A)? */
int att__nt_is_upper_start(const char *w);
/* Word classes (K of them) and the corpus lexicons into lx. */
void att__nt_add_clusters(lexmap *lx, corpus *cp, unsigned K);

/* ---- lexicons mined from the corpus (ner_mine.c) ---- */

/* Organisation-like names (ATT__LEX_CORP_ORG, _ORG2) into lx. */
void att__nt_mine_orgs(lexmap *lx, corpus *cp);

/* ---- corpus profiles (ner_selftrain.c) ---- */

/* Tags the corpus with model m and adds the words' profiles to lx. */
void att__nt_add_profiles(lexmap *lx, const att__ner_model *m, const corpus *cp);
/* A deep copy of src into dst (dst's old contents are not freed). */
void att__nt_lex_copy(lexmap *dst, const lexmap *src);
void att__nt_lex_free(lexmap *lx);

#endif

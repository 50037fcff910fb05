/*
 * ner.h - the statistical named-entity tagger for German (PER, LOC, ORG).
 *
 * A linear-chain model over BIO tags (O, B/I-PER, B/I-LOC, B/I-ORG and
 * B/I-OTH, which is learned but never reported) trained with the averaged
 * structured perceptron (tools/ner_train.c, scripts/train-ner) and decoded
 * with Viterbi under the BIO constraint (I-X only after B-X or I-X).  It
 * complements the knowledge base: it finds names the KB does not know.
 *
 * The model is one immutable binary blob used in place, without parsing:
 * a header (att__ner_model), transition scores, an open-addressing table of
 * hashed feature keys with one int16 weight row each, and an open-addressing
 * lexicon (gazetteers from the data/ TSV files, first names, cue words, word
 * clusters, mined organisation names, corpus profiles of words) keyed by
 * hashes of token sequences.  The default model is
 * data/models/ner-de.bin, embedded by src/annotate/ner_model.S; nothing is
 * global or mutable, so any number of threads can tag with it at once.
 *
 * Features (ner.c, att__ner_features) are hashed strings of templates over
 * a token window; the trainer calls the same function, so training and
 * tagging can never disagree.  See docs/ner.md.
 */
#ifndef ATT_NER_H
#define ATT_NER_H

#include "../doc/doc.h"

/* ---- tags ---------------------------------------------------------------- */

enum att__ner_type { ATT__NER_NONE = 0, ATT__NER_PER, ATT__NER_LOC, ATT__NER_ORG, ATT__NER_OTH };

/* Tag t: 0 = O; otherwise type (t + 1) / 2, B when t is odd, I when even. */
#define ATT__NER_NLABELS 9
#define ATT__NER_TAG_TYPE(t) ((unsigned)((t) + 1) / 2)
#define ATT__NER_TAG_IS_B(t) (((t)&1) == 1)
#define ATT__NER_B(type) ((uint8_t)(2 * (type)-1))
#define ATT__NER_I(type) ((uint8_t)(2 * (type)))

/* "PER", "LOC", "ORG", "OTH" or "" (static). */
const char *att__ner_type_name(unsigned type);

/* ---- the model blob -------------------------------------------------------- */

#define ATT__NER_MAGIC "ATTNER\0\1"
#define ATT__NER_VERSION 2u

/* The header at the start of the blob; offsets are bytes from its start.
 * All integers little-endian (the blob is only used on the host that the
 * trainer's byte order matches; att__ner_model_check() refuses others). */
typedef struct att__ner_model {
    char magic[8];
    uint32_t version;
    uint32_t nlabels;    /* ATT__NER_NLABELS */
    uint32_t feat_slots; /* power of two, or 0: no weights */
    uint32_t nrows;      /* weight rows */
    uint32_t lex_slots;  /* power of two, or 0: no lexicon */
    uint32_t byte_order; /* 0x01020304 as written by the host */
    float wscale;        /* weight = int16 * wscale */
    uint32_t off_trans;  /* float[(nlabels + 1) * nlabels]; row nlabels = start */
    uint32_t off_feat;   /* att__ner_feat_slot[feat_slots] */
    uint32_t off_w;      /* int16_t[nrows * nlabels] */
    uint32_t off_lex;    /* att__ner_lex_slot[lex_slots] */
    uint32_t total;      /* size of the whole blob */
    uint32_t reserved[2];
} att__ner_model;

typedef struct att__ner_feat_slot {
    uint32_t key; /* 0 = empty */
    uint32_t row;
} att__ner_feat_slot;

/* A lexicon slot: the slot index comes from the low bits of the 64-bit
 * key, the high 32 bits are kept as a check (0 = empty slot; a key whose
 * high half is 0 is stored as 1).  value = ATT__LEX_* flags in the low
 * ATT__LEX_NFLAGS bits, the word class + 1 (0 = none) above them. */
typedef att__slot32 att__ner_lex_slot; /* value: see below */

#define ATT__LEX_CLUSTER_SHIFT 22
#define ATT__LEX_FLAGS(v) ((v) & ((1u << ATT__LEX_CLUSTER_SHIFT) - 1))
#define ATT__LEX_CLUSTER(v) ((v) >> ATT__LEX_CLUSTER_SHIFT)

/* Lexicon flags: what a token sequence (exact case) is known as. */
enum {
    ATT__LEX_PREFIX = 1u << 0,        /* a proper prefix of a longer entry */
    ATT__LEX_FIRST_M = 1u << 1,       /* male first name */
    ATT__LEX_FIRST_F = 1u << 2,       /* female first name */
    ATT__LEX_FIRST_DE = 1u << 3,      /* first name common in DE/AT/CH */
    ATT__LEX_COUNTRY = 1u << 4,       /* country name (any form) */
    ATT__LEX_CADJ = 1u << 5,          /* country adjective / demonym */
    ATT__LEX_PLACE_BIG = 1u << 6,     /* capital, admin seat or >= 100,000 people */
    ATT__LEX_PLACE = 1u << 7,         /* any city >= 15,000 people */
    ATT__LEX_REGION = 1u << 8,        /* region, sea, area */
    ATT__LEX_ORG = 1u << 9,           /* organisation name or acronym */
    ATT__LEX_PERSON = 1u << 10,       /* full person name */
    ATT__LEX_SURNAME = 1u << 11,      /* surname of a known person */
    ATT__LEX_TITLE = 1u << 12,        /* role noun or title (Präsident, Minister) */
    ATT__LEX_PERCUE = 1u << 13,       /* Herr, Frau, Dr., sagte ... */
    ATT__LEX_ORGCUE = 1u << 14,       /* GmbH, AG, Partei, Verband ... */
    ATT__LEX_LOCCUE = 1u << 15,       /* Straße, Platz, Kreis ... */
    ATT__LEX_LOCPREP = 1u << 16,      /* in, nach, aus, bei ... */
    ATT__LEX_FUNC = 1u << 17,         /* frequent lower-case word seen capitalised */
    ATT__LEX_CORP_SURNAME = 1u << 18, /* often after a first name in the unlabeled corpus */
    ATT__LEX_CORP_PLACE = 1u << 19,   /* often right after in/nach/aus there */
    ATT__LEX_CORP_ORG = 1u << 20,     /* named like an organisation there (see ner_mine.c) */
    ATT__LEX_CORP_ORG2 = 1u << 21,    /* ... often (strong evidence) */
    ATT__LEX_NFLAGS = 22
};

/* A word's corpus profile: how often a tagger trained on GermEval tagged
 * it as part of each kind of name in the unlabeled news corpus
 * (tools/ner_selftrain.c).  Kept in the lexicon under the word's key XOR
 * ATT__NER_PROFILE_SALT; value = 1 + code, code = level(PER) | level(LOC) << 2
 * | level(ORG) << 4 | level(OTH) << 6 | frequency bucket << 8, a level
 * being 0 (never), 1 (< 20 %), 2 (< 60 %) or 3 (>= 60 % of occurrences). */
#define ATT__NER_PROFILE_SALT 0x6a09e667f3bcc909ULL

/* The hash the lexicon uses for a sequence of n tokens (joined by one
 * space); the trainer builds keys with it. */
uint64_t att__ner_lex_key(const char *const *toks, const size_t *lens, size_t n);

/* Checks that blob[0..len) is a well-formed model (magic, version, byte
 * order, every table inside the blob, sizes powers of two, alignment) and
 * returns it viewed as a model, or NULL.  The blob must be 8-byte aligned
 * and outlive every use of the model. */
const att__ner_model *att__ner_model_from_blob(const void *blob, size_t len);

/* The model embedded in the library (data/models/ner-de.bin), or NULL when
 * it is malformed.  Static, immutable and shared by all threads. */
const att__ner_model *att__ner_model_default(void);

/* The lexicon value of a token sequence (see att__ner_lex_slot), or 0. */
uint32_t att__ner_lex_find(const att__ner_model *m, uint64_t key);

/* ---- features -------------------------------------------------------------- */

/* At most this many features per token. */
#define ATT__NER_MAXF 96
/* Longest lexicon entry, in tokens. */
#define ATT__NER_LEX_MAXLEN 6
/* Tokens longer than this many bytes are seen as their first bytes. */
#define ATT__NER_MAXTOK 64

/* Computes the hashed features (never 0) of tokens [a, b) of a sentence of
 * n tokens into feats[(i - a) * ATT__NER_MAXF + k], k < nf[i - a].  Tokens
 * outside [a, b) are read as context.  m supplies the lexicon (its weights
 * are not used, so the trainer passes a lexicon-only model).  Returns 0 or
 * ATT_EINVAL. */
int att__ner_features(const att__ner_model *m, const char *const *toks, const size_t *lens,
                      size_t n, size_t a, size_t b, uint32_t *feats, uint8_t *nf);

/* ---- tagging --------------------------------------------------------------- */

/* Tags one sentence of n pre-tokenised tokens (toks[i] is lens[i] bytes of
 * UTF-8, need not be NUL-terminated; invalid bytes are tolerated) writing one
 * tag per token (see above) into tags_out.  Sentences longer than a few
 * hundred tokens are decoded in windows (each window starts afresh), so
 * memory stays bounded.
 * n == 0 is fine.  Returns 0, ATT_EINVAL or ATT_ENOMEM. */
int att__ner_tag_tokens(const att__ner_model *m, const char *const *toks, const size_t *lens,
                        size_t n, uint8_t *tags_out);

/* Viterbi under the BIO constraint: emit[t * nlabels + y] are the token
 * scores, trans[(nlabels + 1) * nlabels] the transition scores (row nlabels
 * = sentence start); writes the best tags into out.  work holds
 * n * nlabels bytes of back-pointers. */
void att__ner_viterbi(const float *emit, size_t n, const float *trans, uint8_t *work, uint8_t *out);

typedef struct att__ner_span {
    uint32_t start, end; /* byte offsets into the document text, [start, end) */
    uint8_t type;        /* ATT__NER_PER, ATT__NER_LOC or ATT__NER_ORG */
} att__ner_span;

/* Makes the tags[0..n) of a whole document (BIO, sentence by sentence;
 * sstart[i] != 0 where a sentence starts) consistent, the way a reader takes
 * them: a name written alike is the same kind of name throughout (the
 * majority type of its tagged occurrences wins; a tie changes nothing), and
 * a one-token name, or the surname that ends a person's name, is tagged
 * wherever else it stands capitalised inside a sentence but was left
 * untagged ("Olaf Scholz ... sagte Scholz am Montag").  PER, LOC and ORG
 * names only.  Returns 0, ATT_EINVAL or ATT_ENOMEM. */
int att__ner_consistency(const char *const *toks, const size_t *lens, const uint8_t *sstart,
                         uint8_t *tags, size_t n);

/* A cache of what the tagger computes for a word alone, to reuse across
 * the documents one context tags (one context per thread: not shared).
 * att__ner_cache_new() returns NULL when out of memory. */
typedef struct att__ner_cache att__ner_cache;
att__ner_cache *att__ner_cache_new(void);
void att__ner_cache_free(att__ner_cache *c);

/* Tags every sentence of a tokenized document (doc->toks; sentences end at
 * tokens flagged ATT_TOKF_SENT_END or ATT_TOKF_PARA), makes the tags
 * consistent across the document (att__ner_consistency) and returns the
 * PER, LOC and ORG names found, in text order, as a malloc'ed array the caller
 * frees with free() (*spans is NULL when *nspans is 0).  The document is
 * not changed.  cache may be NULL; the tags are the same either way.  Returns 0, ATT_EINVAL or ATT_ENOMEM. */
int att__ner_doc(const att__ner_model *m, att__ner_cache *cache, const att_doc *doc,
                 att__ner_span **spans, size_t *nspans);

#endif

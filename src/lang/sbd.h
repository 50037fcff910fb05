/*
 * sbd.h - the statistical sentence-boundary model: decides whether a
 * sentence ends at a gap between two tokens that has no sentence-final
 * punctuation ("Super Service Komme gerne wieder").
 *
 * The punctuation rules of sentence.c stay in charge where a full stop,
 * question or exclamation mark decides; the model is asked only at gaps
 * without one (German text only), and only when the next token is a
 * capitalised word (att__sbd_candidate).  It is a binary logistic
 * regression over hashed features of the tokens around the gap (their
 * forms, case, word-list statistics, the length of the sentence so far),
 * trained by self-supervision on unlabelled news text: tools/sbd_train.c
 * deletes the final punctuation of a share of the sentences the rules find
 * and learns to restore those boundaries (scripts/train-sbd).
 *
 * The model is one immutable blob used in place: a header (att__sbd_model),
 * an open-addressing table of hashed features with one int16 weight each,
 * and an open-addressing word lexicon keyed by 64-bit hashes of
 * case-folded token forms (no text) whose value packs what the unlabelled
 * corpus says about the word: how often it is written in lower case inside
 * a sentence, how often it ends or starts one, how frequent it is.  The
 * default model is data/models/sbd-de.bin, embedded by sbd_model.S; nothing
 * is global or mutable.  The trainer calls att__sbd_features() too, so
 * training and use see the same features.  See docs/tokenizer.md.
 */
#ifndef ATT_SBD_H
#define ATT_SBD_H

#include "../doc/doc.h"

#define ATT__SBD_MAGIC "ATTSBD\0\1"
#define ATT__SBD_VERSION 1u

/* The header at the start of the blob; offsets are bytes from its start,
 * integers in host byte order (byte_order must read 0x01020304). */
typedef struct att__sbd_model {
    char magic[8];
    uint32_t version;
    uint32_t byte_order; /* 0x01020304 as written by the host */
    uint32_t feat_slots; /* power of two, or 0: no weights */
    uint32_t lex_slots;  /* power of two, or 0: no lexicon */
    float threshold;     /* a boundary when the score (log-odds) reaches it */
    float wscale;        /* weight = int16 * wscale */
    uint32_t off_feat;   /* att__sbd_feat_slot[feat_slots] */
    uint32_t off_lex;    /* att__sbd_lex_slot[lex_slots] */
    uint32_t total;      /* size of the whole blob */
    uint32_t reserved;
} att__sbd_model;

/* A feature slot: the slot index comes from the whole 32-bit feature
 * (att__sbd_feat_home), its high 16 bits are kept as a check (0 = empty
 * slot; a high half of 0 is stored as 1).  Four bytes a slot keep the table
 * small enough for the cache: it is probed about 45 times a gap. */
typedef struct att__sbd_feat_slot {
    uint16_t check;
    int16_t w;
} att__sbd_feat_slot;

#define ATT__SBD_FEAT_CHECK(f) ((uint16_t)((f) >> 16 ? (f) >> 16 : 1))
#define ATT__SBD_FEAT_HOME(f, mask) (((f)*0x9e3779b1u) & (mask))

/* A lexicon slot: index from the low bits of the 64-bit word key, the high
 * 32 bits kept as a check (0 = empty; a high half of 0 is stored as 1). */
typedef att__slot32 att__sbd_lex_slot; /* value: see below */

/* Lexicon value fields: 4-bit buckets (att__sbd_ratio_bucket; a count for
 * FREQ) and a flag that makes every known word's value non-zero. */
#define ATT__SBD_LEX_LOWER(v) ((v)&15u)            /* lower-case share inside sentences */
#define ATT__SBD_LEX_END(v) (((v) >> 4) & 15u)     /* share of uses before a full stop */
#define ATT__SBD_LEX_START(v) (((v) >> 8) & 15u)   /* share of capitalised uses at a start */
#define ATT__SBD_LEX_FREQ(v) (((v) >> 12) & 15u)   /* log2 of the count, capped */
#define ATT__SBD_LEX_ART(v) (((v) >> 16) & 15u)    /* share of uses after an article */
#define ATT__SBD_LEX_COMMA(v) (((v) >> 20) & 15u)  /* share of uses before a comma */
#define ATT__SBD_LEX_SECOND(v) (((v) >> 24) & 15u) /* share of uses as a sentence's 2nd token */
#define ATT__SBD_LEX_KNOWN (1u << 31)

/* The bucket (1..10) of a ratio num/den; 0 when den is 0. */
unsigned att__sbd_ratio_bucket(double num, double den);

/* The 64-bit key of a token form: its bytes case-folded (ASCII and the
 * Latin-1 capitals, so Über and über agree) and hashed; never 0.  Forms
 * longer than 64 bytes are keyed by their first 64. */
uint64_t att__sbd_word_key(const char *s, size_t n);

/* Checks that blob[0..len) is a well-formed model and returns it, or NULL.
 * The blob must be 8-byte aligned and outlive every use of the model. */
const att__sbd_model *att__sbd_model_from_blob(const void *blob, size_t len);

/* The model embedded in the library (data/models/sbd-de.bin), or NULL when
 * it is empty or malformed.  Static, immutable, shared by all threads. */
const att__sbd_model *att__sbd_model_default(void);

/* The lexicon value of a word key, or 0. */
uint32_t att__sbd_lex_find(const att__sbd_model *m, uint64_t key);

/* True when the gap after token i (of a paragraph whose tokens end before
 * hi) is one the model decides: token i, followed by white space, is a
 * word, number, symbol, a closing quote or bracket not after a final mark,
 * or an emoticon's bracket; the next token is a capitalised word (or an
 * opening quote glued to one), a capitalised abbreviation or a number. */
int att__sbd_candidate(const att_doc *doc, size_t i, size_t hi);

/* At most this many features per gap (att__sbd_features makes 50 or fewer). */
#define ATT__SBD_MAXF 56

/* A gap the model looks at. */
typedef struct att__sbd_gap {
    size_t i;      /* the gap after token i */
    size_t first;  /* the first token of the sentence so far */
    size_t hi;     /* the end of the paragraph's tokens (exclusive) */
    unsigned hist; /* the last sentence ends before it, newest in bit 0: 1 when that
                    * sentence ended without a final mark (att__sbd_marked_end) */
} att__sbd_gap;

/* True when a sentence that ends with token k ends with a mark: . ! ? …,
 * a closing quote or bracket after one, or an abbreviation. */
int att__sbd_marked_end(const att_doc *doc, size_t k);

/* Computes the features (never 0) of a gap into feats[ATT__SBD_MAXF] and
 * returns how many.  m supplies the lexicon (its weights are not used). */
size_t att__sbd_features(const att__sbd_model *m, const att_doc *doc, const att__sbd_gap *g,
                         uint32_t *feats);

/* The model's score (log-odds of a boundary) for a feature set. */
float att__sbd_score(const att__sbd_model *m, const uint32_t *feats, size_t n);

/* How the splitter decides (sentence.c). */
typedef struct att__split_cfg {
    const att__sbd_model *model; /* NULL: no model */
    float threshold;             /* with a model: a boundary when score >= threshold */
    int starters;                /* without a model: rule 8, capitalised function words */
    float informal_drop;         /* > 0: how much lower the threshold is in informal text */
} att__split_cfg;

/* How much lower the threshold is where the model finds the text informal:
 * where it ended at least 3 sentences within 75 sentences on either side
 * (reviews and comments drop full stops again and again; tuned on UD German
 * GSD dev). */
#define ATT__SBD_INFORMAL_DROP 1.0f

/* Splits the tokenized document into sentences (doc->sents) as cfg says;
 * att__split_sentences() is this with the default model, its threshold and
 * ATT__SBD_INFORMAL_DROP (or, when there is none, rule 8). */
int att__split_sentences_cfg(att_doc *doc, const att__split_cfg *cfg);

#endif

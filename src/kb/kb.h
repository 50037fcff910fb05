/*
 * kb.h - the knowledge base: entities, dated roles, names and the lexicons
 * the entity annotator needs, in one immutable, position-independent blob.
 *
 *   key.c      name keys: casefold, diacritics, Cyrillic -> Latin, phonetic
 *              folding (Tokajew = Tokayev = Токаев), and the stem key that
 *              makes German inflected multi-word names meet.
 *   compile.c  TSV sources (the data tables, or one --kb-extra overlay file) ->
 *              a builder -> the blob (att__kb_compile*).
 *   kb.c       opening a blob (checks every offset once, so lookups need
 *              no checks), lookups by key, by id, dated roles, lexicons.
 *
 * Blob layout (docs/entity-linking.md): a header (magic, version, size,
 * section table) followed by sections, every reference a 32-bit offset or
 * index relative to the blob, so the bytes can be embedded (blob.S),
 * mmap'ed or malloc'ed alike and shared read-only by every thread.
 *
 *   STR    string pool, NUL-terminated UTF-8; offset 0 is ""
 *   ENT    entities sorted by id
 *   ROLE   dated roles sorted by entity, then start
 *   ALIAS  names sorted by entity
 *   KEY    (key, alias) pairs sorted by key: exact keys and stem keys
 *   LEX    word lexicons (titles, descriptors, stop words, first names),
 *          sorted by (key, class)
 *   PFX    Bloom filter over the stem keys of the word-prefixes of
 *          multi-word keys: the matcher grows a span of words from short to
 *          long and stops as soon as no key can go on (att__kb_prefix)
 *   PFXL   the same over the keys with a name a span that starts with a
 *          lower-case word can match (ATT__AF_LOWER or ATT__AF_CASE)
 *   HKEY   hash index (att__kb_slot: open addressing, a 32-bit fingerprint
 *          per slot so a probe compares no string unless it matches) over
 *          the distinct keys -> their KEY range
 *   HLOW   the same over the keys of PFXL,
 *   HADJ   over the keys that have an adjective name, and
 *   HCPD   over the keys of country names: most words of a text are lower
 *          case, and the matcher's fallbacks (an ending cut off, a closed
 *          compound) accept few names, so these probes go to small tables
 *          that stay in cache instead of the large one
 *   HLEX   hash index over the distinct lexicon folds and their
 *          word-prefixes -> LEX range, a bit per class, a prefix bit
 *
 * The hash of a string everywhere is att__kb_hash(s, n): its low 32 bits
 * pick the slot (multiply-shift onto any table size), its high 32 bits are
 * the fingerprint, and the Bloom filter takes two bit positions from it, so
 * the matcher hashes each candidate string once.
 */
#ifndef ATT_KB_H
#define ATT_KB_H

#include "../base/base.h"

#define ATT__KB_MAGIC "ATTKB\r\n\032"
#define ATT__KB_VERSION 3
#define ATT__KB_MAXKEY 256 /* bytes of one name key, NUL included */

enum { ATT__KB_STR, ATT__KB_ENT, ATT__KB_ROLE, ATT__KB_ALIAS, ATT__KB_KEY, ATT__KB_LEX,
       ATT__KB_PFX, ATT__KB_PFXL, ATT__KB_HKEY, ATT__KB_HLOW, ATT__KB_HADJ, ATT__KB_HCPD,
       ATT__KB_HLEX, ATT__KB_NSEC };

/* The prefix filters, in section order from ATT__KB_PFX on: over all
 * keys, and over the keys a span starting with a lower-case word can
 * match (those with an adjective stem or an acronym as written). */
enum { ATT__PF_ALL, ATT__PF_LOW, ATT__PF_COUNT };
/* The hash indexes, in section order from ATT__KB_HKEY on. */
enum { ATT__KT_KEY, ATT__KT_LOW, ATT__KT_ADJ, ATT__KT_CPD, ATT__KT_LEX, ATT__KT_COUNT };

typedef enum att__etype {
    ATT__ET_NONE = 0,
    ATT__ET_COUNTRY,
    ATT__ET_PLACE,
    ATT__ET_PERSON,
    ATT__ET_ORG,
    ATT__ET_PROJECT,
    ATT__ET_EVENT,
    ATT__ET_COUNT
} att__etype;

/* Kind of a place (and of other entities where the source says). */
enum { ATT__PK_NONE = 0, ATT__PK_CAPITAL, ATT__PK_ADMIN, ATT__PK_CITY, ATT__PK_REGION };

/* Entity flags. */
#define ATT__EF_STUB 0x01 /* overlay row naming an entity of the base KB */

typedef struct att__kb_ent {
    uint32_t id, name, code, country, capital; /* STR offsets (0 = none) */
    uint32_t role0, nrole;                       /* ROLE range */
    uint32_t alias0, nalias;                     /* ALIAS range */
    uint32_t population;
    int32_t lat, lon;   /* degrees x 1e5; ATT__KB_NOCOORD when unknown */
    uint32_t geonameid; /* GeoNames id, 0 = none */
    uint8_t type, kind, flags, pad;
} att__kb_ent;

#define ATT__KB_NOCOORD INT32_MIN

typedef struct att__kb_role {
    uint32_t ent;                             /* ENT index */
    uint32_t country, role, code, org;        /* STR offsets */
    uint32_t start, end; /* yyyymmdd; 0 = unknown start / still in office */
} att__kb_role;

/* Alias kinds, as in the kind column of the names files. */
typedef enum att__akind {
    ATT__AK_NAME = 0,
    ATT__AK_VARIANT,
    ATT__AK_FORMER,
    ATT__AK_INFLECTED,
    ATT__AK_ACRONYM,
    ATT__AK_ADJECTIVE,
    ATT__AK_DEMONYM,
    ATT__AK_SURNAME,
    ATT__AK_COUNT
} att__akind;

/* Alias flags. */
#define ATT__AF_WEAK 0x01    /* GeoNames alternate name of unknown language */
#define ATT__AF_RULE 0x02    /* made by a rule (surname = last word), not curated */
#define ATT__AF_CASE 0x04    /* match the written form case-sensitively */
#define ATT__AF_LOWER 0x08   /* the form starts lower case (adjective stems) */

typedef struct att__kb_alias {
    uint32_t ent;  /* ENT index */
    uint32_t form; /* STR: as written in the source */
    uint32_t fold; /* STR: casefolded, no marks, transliterated (exact check) */
    uint8_t kind, flags, nwords;
    char lang[3]; /* "de", "en", "ru", "und" -> "un" */
    uint8_t pad[2];
} att__kb_alias;

#define ATT__KEYF_STEM 0x01 /* the entry is the alias's stem key */

typedef struct att__kb_key {
    uint32_t key;   /* STR */
    uint32_t alias; /* ALIAS index */
    uint32_t flags;
} att__kb_key;

/* Lexicon classes. */
typedef enum att__lclass {
    ATT__LX_TITLE = 1, /* a = role, b = agent (GOV, MIL, IGO...) */
    ATT__LX_DESCR,     /* a = relation (capital, guest, host) */
    ATT__LX_STOP,      /* a word that is never a name on its own */
    ATT__LX_FIRST,     /* a first name; a = gender */
    ATT__LX_COUNT
} att__lclass;

typedef struct att__kb_lex {
    uint32_t key;  /* STR: the fold (not the phonetic key) of form */
    uint32_t form; /* STR */
    uint32_t a, b; /* STR, by class */
    uint8_t cls, nwords, gender, pad;
} att__kb_lex;

/* One slot of a hash index (HKEY HADJ HCPD over name keys, HLEX over
 * lexicon folds): open addressing with linear probing; 16 bytes, so a
 * probe sequence reads one or two cache lines and a miss compares no
 * string. */
typedef struct att__kb_slot {
    uint32_t fp;    /* high 32 bits of the string's hash */
    uint32_t str;   /* STR offset; the string is str[0..len) (a prefix slot
                       shares the bytes of a longer string: no NUL at len) */
    uint32_t first; /* first KEY (or, in HLEX, LEX) record of the string */
    uint16_t count; /* records from first on (0: only a prefix) */
    uint8_t len;    /* bytes of the string */
    uint8_t flags;  /* ATT__SF_*; 0 = empty slot */
} att__kb_slot;

#define ATT__SF_EXACT 0x01  /* key indexes: some record is an exact key */
#define ATT__SF_STEM 0x02   /* key indexes: some record is a stem key */
#define ATT__SF_PREFIX 0x80 /* HLEX: the fold + ' ' begins a longer fold */
/* HLEX: bit (1 << class) when some LEX record of that class has the fold */
#define ATT__SF_CLASS(cls) (1u << (cls))

typedef struct att__kb_header {
    char magic[8];
    uint32_t version;
    uint32_t size;   /* whole blob, bytes */
    uint32_t latest; /* yyyymmdd: newest date any role names */
    uint32_t nents;
    struct {
        uint32_t off, count; /* count in records (bytes for STR) */
    } sec[ATT__KB_NSEC];
} att__kb_header;

/* An opened blob: pointers into the bytes, checked once by att__kb_open. */
typedef struct att__kb {
    const unsigned char *base;
    size_t size;
    const att__kb_header *hdr;
    const char *str;
    size_t nstr;
    const att__kb_ent *ents;
    size_t nents;
    const att__kb_role *roles;
    size_t nroles;
    const att__kb_alias *aliases;
    size_t naliases;
    const att__kb_key *keys;
    size_t nkeys;
    const att__kb_lex *lex;
    size_t nlex;
    const uint64_t *pfx[ATT__PF_COUNT]; /* prefix filters (ATT__PF_*) */
    size_t npfx[ATT__PF_COUNT];         /* their 64-bit words, a power of two */
    const att__kb_slot *tab[ATT__KT_COUNT]; /* hash indexes (ATT__KT_*) */
    size_t ntab[ATT__KT_COUNT];             /* their slots */
    void *owned; /* malloc'ed bytes to free with the kb, or NULL */
} att__kb;

/* The knowledge bases a context reads: the built-in blob and an optional
 * overlay; lookups ask the overlay first.  Owned by the context. */
typedef struct att__kbset {
    att__kb base;
    att__kb overlay;
    int has_base, has_overlay;
} att__kbset;

/* ---- keys (key.c) ------------------------------------------------------- */

/* Writes the fold of s[0..n) into out (casefold, marks stripped, Cyrillic
 * transliterated, words separated by one space); returns its length, or
 * (size_t)-1 when it does not fit in size bytes. */
size_t att__kb_fold(const char *s, size_t n, char *out, size_t size);
/* att__kb_fold that also writes to ends[0..n] the length of the fold of
 * s[0..i) at each character boundary i, (size_t)-1 where i is inside a
 * character or the fold of s[0..i) would not fit: so the fold of every
 * prefix is known from one pass ("Kasachstanreise" -> "kasachstan"). */
size_t att__kb_fold_ends(const char *s, size_t n, char *out, size_t size, size_t *ends);
/* The phonetic key: the fold, then per word the folding rules of
 * docs/entity-linking.md.  Same return convention. */
size_t att__kb_keyof(const char *s, size_t n, char *out, size_t size);
/* Turns a fold (in place) into its key; returns the new length. */
size_t att__kb_fold_to_key(char *s, size_t n);
/* Turns a key (in place) into its stem key: German inflection endings cut
 * from every word.  Returns the new length. */
size_t att__kb_stem(char *s, size_t n);
/* Writes the slug of a name ("Kassym-Jomart Tokayev" ->
 * "kassym-jomart-tokayev") into out; returns its length or (size_t)-1. */
size_t att__kb_slug(const char *s, char *out, size_t size);
/* yyyymmdd of an ISO date at any precision; missing month/day give
 * 01 (start) or the end of the period (end = 1); 0 when s is empty/bad. */
uint32_t att__kb_date(const char *s, size_t n, int end);

/* ---- compiling (compile.c) -------------------------------------------- */

typedef struct att__kbc att__kbc; /* a builder */

int att__kbc_new(att_ctx *ctx, int overlay, att__kbc **out);
void att__kbc_free(att__kbc *b);
/* Reads one TSV source; the table it holds is known by its header line.
 * Errors name path:line. */
int att__kbc_add_file(att__kbc *b, const char *path);
int att__kbc_add_mem(att__kbc *b, const char *name, const char *data, size_t len);
/* Builds the blob; *out is malloc'ed (free()), *size its length.  *warnings
 * (may be NULL) gets the number of rows skipped (unknown entity ids...). */
int att__kbc_finish(att__kbc *b, unsigned char **out, size_t *size, size_t *warnings);

/* ---- reading (kb.c) ----------------------------------------------------- */

/* Checks a blob and fills kb (which borrows the bytes).  ATT_EFORMAT with a
 * message when anything is out of bounds. */
int att__kb_open(att_ctx *ctx, att__kb *kb, const void *data, size_t size);
void att__kb_close(att__kb *kb);

/* The blob embedded in the library (blob.S), or NULL in a build without
 * one; *size gets its length. */
const void *att__kb_embedded(size_t *size);

/* Loads the built-in KB and the overlay file named in the options into a
 * set owned by the caller (att__kbset_free). */
int att__kbset_open(att_ctx *ctx, const char *overlay, att__kbset **out);
void att__kbset_free(att__kbset *set);

static inline const char *att__kb_str(const att__kb *kb, uint32_t off)
{
    return kb->str + off;
}

/* The hash every index of the blob uses (see the top of this file): a
 * multiply per 8 bytes read in little-endian order (so a blob hashes the
 * same on every machine), then the splitmix64 finaliser, so the low and
 * the high 32 bits both depend on every input bit.  Inline: the matcher
 * hashes several short strings per word. */
static inline uint64_t att__kb_hash(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)n * 0xff51afd7ed558ccdULL), w;
    for (; n >= 8; n -= 8, p += 8) {
        w = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
            (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
            (uint64_t)p[7] << 56;
        h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
        h ^= h >> 31;
    }
    for (w = 0; n > 0; n--)
        w = w << 8 | p[n - 1];
    h ^= w;
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}
/* The slot of s[0..n) (h = att__kb_hash(s, n)) in hash index t (ATT__KT_*),
 * or NULL. */
const att__kb_slot *att__kb_slot_find(const att__kb *kb, int t, const char *s, size_t n,
                                      uint64_t h);
/* Where in index t the probe for hash h starts: for a prefetch. */
static inline const att__kb_slot *att__kb_slot_start(const att__kb *kb, int t, uint64_t h)
{
    return kb->tab[t] + (((uint64_t)(uint32_t)h * kb->ntab[t]) >> 32);
}
#if defined(__GNUC__) || defined(__clang__)
#define ATT__PREFETCH(p) __builtin_prefetch(p)
#else
#define ATT__PREFETCH(p) ((void)(p))
#endif
/* Asks the CPU to fetch the first slot of a probe for h in index t and,
 * for the key index, the prefix filter's words for h: the matcher
 * computes every piece's hashes first, so their cache misses overlap. */
static inline void att__kb_prefetch(const att__kb *kb, int t, uint64_t h)
{
    if (kb->ntab[t])
        ATT__PREFETCH(att__kb_slot_start(kb, t, h));
}
static inline void att__kb_prefetch_prefix(const att__kb *kb, int f, uint64_t h)
{
    uint64_t bits = (uint64_t)kb->npfx[f] * 64 - 1;
    ATT__PREFETCH(&kb->pfx[f][(h & bits) >> 6]);
    ATT__PREFETCH(&kb->pfx[f][((h >> 32) & bits) >> 6]);
}
/* May the stem key s (hash h) followed by ' ' begin a multi-word key of
 * filter f?  0 means certainly not; 1 means perhaps (a Bloom filter with
 * 16 bits a prefix: ~1.5 % false). */
static inline int att__kb_prefix(const att__kb *kb, int f, uint64_t h)
{
    const uint64_t *w = kb->pfx[f];
    uint64_t bits = (uint64_t)kb->npfx[f] * 64 - 1, a = h & bits, b = (h >> 32) & bits;
    return (w[a >> 6] >> (a & 63) & 1) && (w[b >> 6] >> (b & 63) & 1);
}
/* Range [*lo, *hi) of KEY entries whose key equals key (exact bytes). */
int att__kb_find_key(const att__kb *kb, const char *key, size_t n, size_t *lo, size_t *hi);
/* The LEX range of class cls inside a lexicon slot (NULL allowed). */
int att__kb_lex_range(const att__kb *kb, const att__kb_slot *s, int cls, size_t *lo, size_t *hi);
/* Index of the entity with this id, or -1. */
long att__kb_find_id(const att__kb *kb, const char *id);
/* Lexicon entries of a class whose fold equals fold; range into kb->lex. */
int att__kb_find_lex(const att__kb *kb, const char *fold, size_t n, int cls, size_t *lo,
                     size_t *hi);
/* The role of entity e in force at date (yyyymmdd): the highest-ranking
 * one (head of state, of government, foreign minister, other), or NULL. */
const att__kb_role *att__kb_role_at(const att__kb *kb, uint32_t e, uint32_t date);
/* The CAMEO code of entity e at date: its role's code, else its own code,
 * else its country's.  Borrowed from the blob; NULL when none. */
const char *att__kb_code_at(const att__kb *kb, uint32_t e, uint32_t date);
/* The entity holding role in country at date (first found), or -1. */
long att__kb_holder(const att__kb *kb, const char *country, const char *role, uint32_t date);
/* Rank of a role name: higher = more senior (used to pick and to score). */
int att__kb_role_rank(const char *role);

const char *att__kb_type_name(int type);

#endif

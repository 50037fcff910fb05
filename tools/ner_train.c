/*
 * ner_train.c - trains the NER model of src/annotate/ner.h (scripts/train-ner).
 *
 *   ner_train --data DIR [--unlabeled FILE.jsonl] [--iters N] [--clusters K]
 *             [--prune Q] (--cv K | --out MODEL) GERMEVAL.tsv
 *
 * 1. The lexicon: gazetteers from the knowledge-base TSV files in DIR
 *    (countries, places, regions, organisations, persons, titles), first
 *    names (DIR/firstnames.tsv), the cue-word lists below and, when an
 *    unlabeled corpus is given, distributional word classes (the exchange
 *    algorithm over class bigrams, Martin/Liermann/Ney 1998), flags for
 *    capitalised forms of mostly lower-case words, for words that often
 *    follow a first name and for words that often follow in/nach/aus.  Keys
 *    are hashes of token sequences (att__ner_lex_key): no text in the model.
 * 2. Features: att__ner_features() of the library, over a lexicon-only model,
 *    so the tagger sees exactly the features the trainer saw.
 * 3. The averaged structured perceptron (Collins 2002) with Viterbi under the
 *    BIO constraint, sentences in a fixed pseudo-random order per epoch.
 * 4. --cv K: K-fold cross-validation (sentence i in fold i % K), printing the
 *    chunk F1 of PER/LOC/ORG after every epoch; --out: train on everything,
 *    quantise the averaged weights to int16, drop rows that round to small
 *    values, write the blob.
 * Deterministic: no clocks, no addresses in hashes, fixed seeds.  Labels:
 * outer GermEval tags; PER/LOC/ORG/OTH are learned, the -deriv and -part
 * variants are O.  A tool, not library code: it prints and exits on errors.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "annotate/ner.h"
#include "lang/lang.h"
#include "attache.h"

#define NL ATT__NER_NLABELS

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "ner_train: ");
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

static char *xstrndup(const char *s, size_t n)
{
    char *p = xcalloc(n + 1, 1);
    memcpy(p, s, n);
    return p;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0, r;
    if (!f)
        return NULL;
    do {
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 1 << 20;
            buf = xrealloc(buf, cap + 1);
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
    } while (r > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static uint32_t pow2_at_least(uint64_t n)
{
    uint32_t p = 1;
    while (p < n)
        p <<= 1;
    return p;
}

/* ---- the lexicon under construction ---------------------------------------- */

typedef struct lexmap {
    uint64_t *keys;
    uint32_t *flags, *cluster;
    size_t n, cap; /* cap a power of two */
} lexmap;

static size_t lex_slot(const lexmap *lx, uint64_t key)
{
    size_t i = (size_t)key & (lx->cap - 1);
    while (lx->keys[i] && lx->keys[i] != key)
        i = (i + 1) & (lx->cap - 1);
    return i;
}

static void lex_put(lexmap *lx, uint64_t key, uint32_t flags, uint32_t cluster)
{
    size_t i;
    if (2 * (lx->n + 1) > lx->cap) {
        lexmap big = {xcalloc(lx->cap ? 2 * lx->cap : 1024, 8),
                      xcalloc(lx->cap ? 2 * lx->cap : 1024, 4),
                      xcalloc(lx->cap ? 2 * lx->cap : 1024, 4), 0, lx->cap ? 2 * lx->cap : 1024};
        for (size_t k = 0; k < lx->cap; k++)
            if (lx->keys[k]) {
                size_t j = lex_slot(&big, lx->keys[k]);
                big.keys[j] = lx->keys[k];
                big.flags[j] = lx->flags[k];
                big.cluster[j] = lx->cluster[k];
                big.n++;
            }
        free(lx->keys);
        free(lx->flags);
        free(lx->cluster);
        *lx = big;
    }
    i = lex_slot(lx, key);
    if (!lx->keys[i]) {
        lx->keys[i] = key;
        lx->n++;
    }
    lx->flags[i] |= flags;
    if (cluster)
        lx->cluster[i] = cluster;
}

/* Only forms in Latin script (up to U+024F) and common punctuation. */
static int latin_form(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p >= 0x80) {
            /* two-byte sequences C2..C9 cover U+0080..U+024F */
            if (*p < 0xC2 || *p > 0xC9)
                return 0;
            p += 2;
            continue;
        }
        p++;
    }
    return 1;
}

/* Adds a form (tokens split at spaces) with flags; proper prefixes get
 * ATT__LEX_PREFIX. */
static void lex_add_form(lexmap *lx, const char *form, uint32_t flags)
{
    const char *toks[ATT__NER_LEX_MAXLEN];
    size_t lens[ATT__NER_LEX_MAXLEN], n = 0;
    const char *p = form;
    if (!*form || !latin_form(form))
        return;
    while (*p) {
        const char *q;
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        q = p;
        while (*q && *q != ' ')
            q++;
        if (n == ATT__NER_LEX_MAXLEN)
            return;
        toks[n] = p;
        lens[n++] = (size_t)(q - p);
        p = q;
    }
    if (n == 0)
        return;
    for (size_t k = 1; k < n; k++)
        lex_put(lx, att__ner_lex_key(toks, lens, k), ATT__LEX_PREFIX, 0);
    lex_put(lx, att__ner_lex_key(toks, lens, n), flags, 0);
}

/* A name and, when it is one token not ending in s, ß, x or z, its German
 * genitive (Portugals, Erfurts, Bhuttos). */
static void lex_add_name(lexmap *lx, const char *form, uint32_t flags)
{
    size_t n = strlen(form);
    char buf[256];
    lex_add_form(lx, form, flags);
    if (n == 0 || n + 2 > sizeof buf || strchr(form, ' ') || strchr("sxzSXZ.", form[n - 1]) ||
        (n >= 2 && memcmp(form + n - 2, "ß", 2) == 0))
        return;
    memcpy(buf, form, n);
    buf[n] = 's';
    buf[n + 1] = '\0';
    lex_add_form(lx, buf, flags);
}

/* German adjective stems (kasachisch) get their endings, lower and upper. */
static void lex_add_adjective(lexmap *lx, const char *stem, uint32_t flags)
{
    static const char *const ends[] = {"", "e", "en", "er", "es", "em"};
    char buf[256];
    for (size_t e = 0; e < ATT_ARRAY_LEN(ends); e++) {
        if (snprintf(buf, sizeof buf, "%s%s", stem, ends[e]) >= (int)sizeof buf)
            return;
        lex_add_form(lx, buf, flags);
        if (buf[0] >= 'a' && buf[0] <= 'z') {
            buf[0] = (char)(buf[0] - 'a' + 'A');
            lex_add_form(lx, buf, flags);
        }
    }
}

/* ---- TSV files of data/ ------------------------------------------------------ */

typedef void (*row_fn)(void *arg, char **f, size_t nf, const int *col);

/* Reads a TSV file with '#' comments and a header line; col[i] is the index
 * of the column named names[i] (-1 when absent).  A missing file is skipped
 * (the -extra files are optional) unless required. */
static void read_tsv(const char *dir, const char *file, int required, const char *const *names,
                     size_t nnames, row_fn fn, void *arg)
{
    char path[4096], *buf, *line, *next;
    size_t len;
    int col[16], have_header = 0;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    buf = read_all(path, &len);
    if (!buf) {
        if (required)
            die("%s: %s", path, strerror(errno));
        return;
    }
    for (line = buf; line && *line; line = next) {
        char *f[32];
        size_t nf = 0;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (*line == '#' || *line == '\0')
            continue;
        for (char *p = line;;) {
            char *t = strchr(p, '\t');
            if (nf < 32)
                f[nf++] = p;
            if (!t)
                break;
            *t = '\0';
            p = t + 1;
        }
        {
            size_t l = strlen(f[nf - 1]);
            if (l && f[nf - 1][l - 1] == '\r')
                f[nf - 1][l - 1] = '\0';
        }
        if (!have_header) {
            for (size_t i = 0; i < nnames; i++) {
                col[i] = -1;
                for (size_t k = 0; k < nf; k++)
                    if (strcmp(f[k], names[i]) == 0)
                        col[i] = (int)k;
                if (col[i] < 0)
                    die("%s: no column %s", path, names[i]);
            }
            have_header = 1;
            continue;
        }
        {
            int ok = 1;
            for (size_t i = 0; i < nnames; i++)
                if ((size_t)col[i] >= nf)
                    ok = 0;
            if (ok)
                fn(arg, f, nf, col);
        }
    }
    free(buf);
}

/* place id -> big? (a small string set) */
typedef struct strset {
    char **s;
    size_t n, cap;
} strset;

static size_t str_slot(const strset *ss, const char *s)
{
    size_t i = (size_t)att__ner_lex_key(&s, &(size_t){strlen(s)}, 1) & (ss->cap - 1);
    while (ss->s[i] && strcmp(ss->s[i], s) != 0)
        i = (i + 1) & (ss->cap - 1);
    return i;
}

static void strset_add(strset *ss, const char *s)
{
    if (2 * (ss->n + 1) > ss->cap) {
        strset big = {xcalloc(ss->cap ? 2 * ss->cap : 1024, sizeof(char *)), 0,
                      ss->cap ? 2 * ss->cap : 1024};
        for (size_t k = 0; k < ss->cap; k++)
            if (ss->s[k]) {
                big.s[str_slot(&big, ss->s[k])] = ss->s[k];
                big.n++;
            }
        free(ss->s);
        *ss = big;
    }
    {
        size_t i = str_slot(ss, s);
        if (!ss->s[i]) {
            ss->s[i] = xstrndup(s, strlen(s));
            ss->n++;
        }
    }
}

static int strset_has(const strset *ss, const char *s)
{
    return ss->cap && ss->s[str_slot(ss, s)] != NULL;
}

static void strset_free(strset *ss)
{
    for (size_t k = 0; k < ss->cap; k++)
        free(ss->s[k]);
    free(ss->s);
}

typedef struct build_ctx {
    lexmap *lx;
    strset big; /* ids of big places */
    uint32_t name_flag, adj_flag;
} build_ctx;

static void row_place(void *arg, char **f, size_t nf, const int *col)
{
    build_ctx *b = arg;
    long pop = atol(f[col[2]]);
    if (f[col[0]][0] && (strcmp(f[col[1]], "capital") == 0 || pop >= 100000))
        strset_add(&b->big, f[col[0]]);
}

static int skip_lang(const char *lang)
{
    return strcmp(lang, "ru") == 0 || strcmp(lang, "uk") == 0;
}

static void row_place_name(void *arg, char **f, size_t nf, const int *col)
{
    build_ctx *b = arg;
    int big = strset_has(&b->big, f[col[0]]);
    if (skip_lang(f[col[1]]))
        return;
    lex_add_name(b->lx, f[col[2]], ATT__LEX_PLACE | (big ? ATT__LEX_PLACE_BIG : 0));
}

/* country, region, org and person alias files: entity lang form kind */
static void row_alias(void *arg, char **f, size_t nf, const int *col)
{
    build_ctx *b = arg;
    const char *lang = f[col[1]], *form = f[col[2]], *kind = f[col[3]];
    if (skip_lang(lang))
        return;
    if (strcmp(kind, "adjective") == 0 || strcmp(kind, "demonym") == 0) {
        if (!b->adj_flag)
            return;
        if (strcmp(kind, "adjective") == 0 && strcmp(lang, "de") == 0)
            lex_add_adjective(b->lx, form, b->adj_flag);
        else
            lex_add_form(b->lx, form, b->adj_flag);
    } else if (strcmp(kind, "surname") == 0) {
        lex_add_name(b->lx, form, ATT__LEX_SURNAME);
    } else {
        lex_add_name(b->lx, form, b->name_flag);
    }
}

static void row_title(void *arg, char **f, size_t nf, const int *col)
{
    build_ctx *b = arg;
    if (strcmp(f[col[0]], "de") == 0 || strcmp(f[col[0]], "en") == 0)
        lex_add_form(b->lx, f[col[1]], ATT__LEX_TITLE);
}

static void row_firstname(void *arg, char **f, size_t nf, const int *col)
{
    build_ctx *b = arg;
    const char *g = f[col[1]], *c = f[col[2]];
    uint32_t fl = 0;
    char name[256];
    if (strchr(g, 'M') || strcmp(g, "?") == 0)
        fl |= ATT__LEX_FIRST_M;
    if (strchr(g, 'F') || strcmp(g, "?") == 0)
        fl |= ATT__LEX_FIRST_F;
    if (strstr(c, "DE") || strstr(c, "AT") || strstr(c, "CH"))
        fl |= ATT__LEX_FIRST_DE;
    lex_add_form(b->lx, f[col[0]], fl);
    /* two-part names also as two tokens (Abdel Aziz) */
    if (strchr(f[col[0]], '-') && strlen(f[col[0]]) < sizeof name) {
        strcpy(name, f[col[0]]);
        for (char *p = name; *p; p++)
            if (*p == '-')
                *p = ' ';
        lex_add_form(b->lx, name, fl);
    }
}

/* Cue words (hand-curated; exact case). */
static const char *const per_cues[] = {
    "Herr", "Herrn", "Frau", "Dr.", "Prof.", "Professor", "Professorin", "sagte", "sagt",
    "meinte", "erklärte", "betonte", "so", "Sir", "Mr.", "Mrs.", "Ms.", "Papst", "König",
    "Königin", "Kaiser", "Kaiserin", "Graf", "Gräfin", "Fürst", "Prinz", "Prinzessin",
    "Sohn", "Tochter", "Vater", "Mutter", "Bruder", "Schwester", "Witwe", "Ehefrau",
    "Ehemann", "Trainer", "Regisseur", "Regisseurin", "Autor", "Autorin", "Schauspieler",
    "Schauspielerin", "Sänger", "Sängerin", "Maler", "Komponist", "Dichter",
    "Schriftsteller", "Schriftstellerin", "Architekt", "Bischof", "Pfarrer", "Kardinal",
    "Heilige", "Heiligen", "St.", "Kollege", "Kollegin", "Chef", "Chefin", "Sprecher",
    "Sprecherin", "Bürgermeister", "Bürgermeisterin", "Landrat", "Abgeordnete",
    "Abgeordneten", "Stürmer", "Torwart", "Spieler", "Spielerin", "Gitarrist", "Sängers",
    "Künstler", "Künstlerin", "Fotograf", "Journalist", "Journalistin", "Anwalt",
};
static const char *const org_cues[] = {
    "GmbH", "AG", "KG", "OHG", "SE", "e.V.", "eV", "e.", "V.", "Ltd.", "Ltd", "Inc.", "Inc",
    "Co.", "Corp.", "LLC", "plc", "FC", "SV", "VfB", "VfL", "TSV", "SC", "SpVgg", "TuS",
    "Partei", "Verband", "Verein", "Universität", "Bank", "Stiftung", "Institut",
    "Gesellschaft", "Ministerium", "Gruppe", "Konzern", "Holding", "Club", "Klub",
    "Kommission", "Rat", "Bund", "Akademie", "Hochschule", "Gericht", "Amt", "Zeitung",
    "Agentur", "Versicherung", "Union", "Werke", "Industries", "Group", "University",
    "Company", "Association", "Council", "Party", "Records", "Airlines", "Motors",
    "Bundestag", "Bundesrat", "Landtag", "Senat", "Regierung", "Polizei", "Armee",
    "Bundeswehr", "Fraktion", "Gewerkschaft", "Museum", "Theater", "Orchester", "Band",
    "Kirche", "Schule", "Gymnasium", "Klinik", "Krankenhaus", "Sender", "Verlag",
};
static const char *const loc_cues[] = {
    "Straße", "Strasse", "Platz", "Allee", "Weg", "Gasse", "Kreis", "Landkreis", "Bezirk",
    "Provinz", "Region", "Bundesland", "Kanton", "Stadt", "Gemeinde", "Insel", "See", "Fluss",
    "Berg", "Tal", "Gebirge", "Bucht", "Meer", "Ozean", "Küste", "Bad", "Sankt", "Neu",
    "City", "County", "River", "Lake", "Mount", "Island", "Street", "Bay", "Republik",
    "Königreich", "Staat", "Bundesstaat", "Hauptstadt", "Ort", "Dorf", "Stadtteil",
    "Ortsteil", "Landeshauptstadt", "Kreisstadt", "Metropole", "Nähe",
};
static const char *const loc_preps[] = {
    "in", "im", "nach", "aus", "bei", "von", "vom", "nahe", "zwischen", "durch", "über",
    "gen", "Richtung", "In", "Im", "Nach", "Aus", "Bei", "Von", "Vom", "nördlich",
    "südlich", "östlich", "westlich", "an", "am", "um", "bis",
};

static void lex_add_list(lexmap *lx, const char *const *l, size_t n, uint32_t flags)
{
    for (size_t i = 0; i < n; i++)
        lex_add_form(lx, l[i], flags);
}

static void build_gazetteers(lexmap *lx, const char *dir)
{
    static const char *const alias_cols[] = {"entity", "lang", "form", "kind"};
    static const char *const place_cols[] = {"id", "kind", "population"};
    static const char *const title_cols[] = {"lang", "form"};
    static const char *const fn_cols[] = {"name", "gender", "countries"};
    build_ctx b = {lx, {0}, 0, 0};
    read_tsv(dir, "places.tsv", 1, place_cols, 3, row_place, &b);
    read_tsv(dir, "places-extra.tsv", 0, place_cols, 3, row_place, &b);
    read_tsv(dir, "place-names.tsv", 1, alias_cols, 4, row_place_name, &b);
    read_tsv(dir, "place-names-extra.tsv", 0, alias_cols, 4, row_place_name, &b);
    b.name_flag = ATT__LEX_COUNTRY;
    b.adj_flag = ATT__LEX_CADJ;
    read_tsv(dir, "country-names.tsv", 1, alias_cols, 4, row_alias, &b);
    read_tsv(dir, "country-names-extra.tsv", 0, alias_cols, 4, row_alias, &b);
    b.name_flag = ATT__LEX_REGION;
    read_tsv(dir, "region-names.tsv", 0, alias_cols, 4, row_alias, &b);
    b.name_flag = ATT__LEX_ORG;
    b.adj_flag = 0;
    read_tsv(dir, "org-names.tsv", 1, alias_cols, 4, row_alias, &b);
    b.name_flag = ATT__LEX_PERSON;
    read_tsv(dir, "person-names.tsv", 1, alias_cols, 4, row_alias, &b);
    read_tsv(dir, "person-names-extra.tsv", 0, alias_cols, 4, row_alias, &b);
    read_tsv(dir, "titles.tsv", 1, title_cols, 2, row_title, &b);
    read_tsv(dir, "firstnames.tsv", 1, fn_cols, 3, row_firstname, &b);
    lex_add_list(lx, per_cues, ATT_ARRAY_LEN(per_cues), ATT__LEX_PERCUE);
    lex_add_list(lx, org_cues, ATT_ARRAY_LEN(org_cues), ATT__LEX_ORGCUE);
    lex_add_list(lx, loc_cues, ATT_ARRAY_LEN(loc_cues), ATT__LEX_LOCCUE);
    lex_add_list(lx, loc_preps, ATT_ARRAY_LEN(loc_preps), ATT__LEX_LOCPREP);
    strset_free(&b.big);
}

/* ---- the unlabeled corpus: word classes ---------------------------------------- */

/* The corpus (a JSON Lines file with "article" and "header" fields) is cut
 * into tokens by attache's own tokenizer, the same one att__ner_doc() sees.
 * Word classes: the exchange algorithm maximises the class-bigram
 * likelihood sum f(N(c1,c2)) - sum f(N(c1,.)) - sum f(N(.,c2)), f(x) = x log x,
 * moving one word at a time to its best class; words below the frequency
 * cut share one fixed class, sentence boundaries another. */

typedef struct vocab {
    char **word;
    size_t *len;
    uint64_t *count, *nonini; /* occurrences; those not opening a sentence */
    size_t n, cap;
    uint32_t *slots; /* id + 1, 0 = empty */
    size_t scap;
} vocab;

static uint32_t vocab_id(vocab *v, const char *s, size_t n)
{
    size_t i;
    uint64_t h = att__ner_lex_key(&s, &n, 1);
    if (2 * (v->n + 1) > v->scap) {
        size_t cap = v->scap ? 2 * v->scap : 1 << 16;
        uint32_t *sl = xcalloc(cap, sizeof(*sl));
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
        v->word = xrealloc(v->word, v->cap * sizeof(*v->word));
        v->len = xrealloc(v->len, v->cap * sizeof(*v->len));
        v->count = xrealloc(v->count, v->cap * sizeof(*v->count));
        v->nonini = xrealloc(v->nonini, v->cap * sizeof(*v->nonini));
    }
    v->word[v->n] = xstrndup(s, n);
    v->len[v->n] = n;
    v->count[v->n] = 0;
    v->nonini[v->n] = 0;
    v->slots[i] = (uint32_t)v->n + 1;
    return (uint32_t)v->n++;
}

static int vocab_find(vocab *v, const char *s, size_t n)
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

#define BOUNDARY 0xffffffffu

/* Tokenizes the corpus into a stream of word ids (BOUNDARY between
 * sentences). */
static uint32_t *read_corpus(const char *path, vocab *v, size_t *nstream)
{
    size_t len, n = 0, cap = 0;
    char *buf = read_all(path, &len), *line, *next;
    uint32_t *st = NULL;
    att_ctx ctx = {0}; /* only for error messages; the pipeline is not needed */
    if (!buf)
        die("%s: %s", path, strerror(errno));
    for (line = buf; line && *line; line = next) {
        json_t *j;
        json_error_t jerr;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        j = json_loads(line, 0, &jerr);
        if (!j)
            continue;
        for (int fld = 0; fld < 2; fld++) {
            json_t *t = json_object_get(j, fld ? "article" : "header");
            att_doc *doc = NULL;
            const att_token *toks;
            size_t nt;
            const char *text;
            if (!json_is_string(t))
                continue;
            if (att_doc_from_text(&ctx, json_string_value(t), json_string_length(t), NULL, &doc) ||
                att__tokenize(doc) || att__split_sentences(doc)) {
                att_doc_free(doc);
                continue;
            }
            text = att_doc_text(doc, NULL);
            nt = att_doc_tokens(doc, &toks);
            for (size_t i = 0; i < nt; i++) {
                uint32_t id = vocab_id(v, text + toks[i].start, toks[i].end - toks[i].start);
                int initial = n == 0 || st[n - 1] == BOUNDARY;
                if (n + 2 > cap) {
                    cap = cap ? 2 * cap : 1 << 20;
                    st = xrealloc(st, cap * sizeof(*st));
                }
                st[n++] = id;
                v->count[id]++;
                if (!initial)
                    v->nonini[id]++;
                if (toks[i].flags & (ATT_TOKF_SENT_END | ATT_TOKF_PARA) || i + 1 == nt)
                    st[n++] = BOUNDARY;
            }
            att_doc_free(doc);
        }
        json_decref(j);
    }
    free(buf);
    *nstream = n;
    return st;
}

/* Starts with an upper-case letter (ASCII, Latin-1, Latin Extended-A)? */
static int is_upper_start(const char *w)
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

static const vocab *sort_vocab; /* for the comparison below only (tool code) */
static int cmp_freq(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (sort_vocab->count[x] != sort_vocab->count[y])
        return sort_vocab->count[x] > sort_vocab->count[y] ? -1 : 1;
    return strcmp(sort_vocab->word[x], sort_vocab->word[y]);
}

#define MAX_CLUSTER_WORDS 40000
#define MIN_CLUSTER_COUNT 3
#define CLUSTER_PASSES 4

typedef struct corpus {
    vocab v;
    uint32_t *st; /* word ids, BOUNDARY between sentences */
    size_t nst;
} corpus;

static void add_clusters(lexmap *lx, corpus *cp, unsigned K)
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
    byfreq = xcalloc(v.n, sizeof(*byfreq));
    for (size_t i = 0; i < v.n; i++)
        byfreq[i] = (uint32_t)i;
    sort_vocab = &v;
    qsort(byfreq, v.n, sizeof(*byfreq), cmp_freq);
    unit_of = xcalloc(v.n, sizeof(*unit_of));
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
    bg = xcalloc(nst, sizeof(*bg));
    for (size_t i = 0; i + 1 < nst; i++) {
        uint32_t a = st[i] == BOUNDARY ? (uint32_t)V + 1 : unit_of[st[i]];
        uint32_t b = st[i + 1] == BOUNDARY ? (uint32_t)V + 1 : unit_of[st[i + 1]];
        if (a == V + 1 && b == V + 1)
            continue;
        bg[nb++] = (uint64_t)a << 32 | b;
    }
    qsort(bg, nb, sizeof(*bg), cmp_u64);
    soff = xcalloc(U + 1, sizeof(*soff));
    poff = xcalloc(U + 1, sizeof(*poff));
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
        sto = xcalloc(nu, sizeof(*sto));
        scnt = xcalloc(nu, sizeof(*scnt));
        pfrom = xcalloc(nu, sizeof(*pfrom));
        pcnt = xcalloc(nu, sizeof(*pcnt));
        {
            size_t *sfill = xcalloc(U, sizeof(*sfill)), *pfill = xcalloc(U, sizeof(*pfill));
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
    cls = xcalloc(U, sizeof(*cls));
    for (size_t u = 0; u < V; u++)
        cls[u] = (uint32_t)(u % K);
    cls[V] = K;
    cls[V + 1] = K + 1;
    nl = xcalloc(U, sizeof(*nl));
    nr = xcalloc(U, sizeof(*nr));
    N = xcalloc(C * C, sizeof(*N));
    Nl = xcalloc(C, sizeof(*Nl));
    Nr = xcalloc(C, sizeof(*Nr));
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
    ns = xcalloc(C, sizeof(*ns));
    np = xcalloc(C, sizeof(*np));
    nzs = xcalloc(C, sizeof(*nzs));
    nzp = xcalloc(C, sizeof(*nzp));
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
        fprintf(stderr, "ner_train: clustering pass %u: %zu of %zu words moved\n", pass + 1,
                moved, V);
    }
    /* contexts: after a known first name; right after in/nach/aus */
    {
        uint32_t *after_first = xcalloc(v.n, sizeof(uint32_t)), *after_in = xcalloc(v.n, 4);
        int id_in = vocab_find(&v, "in", 2), id_nach = vocab_find(&v, "nach", 4),
            id_aus = vocab_find(&v, "aus", 3);
        uint8_t *first = xcalloc(v.n, 1);
        size_t nper = 0, nloc = 0;
        for (size_t i = 0; i < v.n; i++) {
            const char *w = v.word[i];
            size_t sl = lex_slot(lx, att__ner_lex_key(&w, &v.len[i], 1));
            first[i] = lx->keys[sl] && (lx->flags[sl] & (ATT__LEX_FIRST_M | ATT__LEX_FIRST_F));
        }
        for (size_t i = 1; i < nst; i++) {
            uint32_t a = st[i - 1], b = st[i];
            if (a == BOUNDARY || b == BOUNDARY || !is_upper_start(v.word[b]))
                continue;
            if (first[a] && is_upper_start(v.word[a]))
                after_first[b]++;
            if ((int)a == id_in || (int)a == id_nach || (int)a == id_aus)
                after_in[b]++;
        }
        for (size_t i = 0; i < v.n; i++) {
            const char *w = v.word[i];
            if (v.count[i] < 3)
                continue;
            if (after_first[i] >= 2 && 4 * after_first[i] >= v.count[i]) {
                lex_put(lx, att__ner_lex_key(&w, &v.len[i], 1), ATT__LEX_CORP_SURNAME, 0);
                nper++;
            }
            if (after_in[i] >= 2 && 5 * after_in[i] >= v.count[i]) {
                lex_put(lx, att__ner_lex_key(&w, &v.len[i], 1), ATT__LEX_CORP_PLACE, 0);
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
            lex_put(lx, att__ner_lex_key(&w, &n, 1), 0, cls[unit_of[i]] + 1);
        if (n >= 1 && w[0] >= 'A' && w[0] <= 'Z') {
            char low[256];
            int j;
            if (n >= sizeof low)
                continue;
            memcpy(low, w, n);
            low[0] = (char)(w[0] - 'A' + 'a');
            j = vocab_find(&v, low, n);
            if (j >= 0 && v.count[j] >= 10 && 5 * v.nonini[i] < v.count[j]) {
                lex_put(lx, att__ner_lex_key(&w, &n, 1), ATT__LEX_FUNC, 0);
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

/* ---- writing the blob ------------------------------------------------------- */

typedef struct wbuf {
    unsigned char *p;
    size_t n, cap;
} wbuf;

static size_t wb_reserve(wbuf *w, size_t bytes)
{
    size_t off = (w->n + 7) & ~(size_t)7;
    if (off + bytes > w->cap) {
        size_t cap = w->cap ? w->cap : 4096;
        while (cap < off + bytes)
            cap *= 2;
        w->p = xrealloc(w->p, cap);
        memset(w->p + w->cap, 0, cap - w->cap);
        w->cap = cap;
    }
    w->n = off + bytes;
    return off;
}

/* Writes the model: trans may be NULL (zeros), nrows 0 for lexicon only.
 * keys[r] is the feature hash of weight row r (already quantised in q). */
static unsigned char *write_blob(const lexmap *lx, const float *trans, const uint32_t *keys,
                                 const int16_t *q, uint32_t nrows, float wscale, size_t *len)
{
    wbuf w = {0};
    att__ner_model h;
    uint32_t fslots = nrows ? pow2_at_least((uint64_t)nrows * 2) : 0;
    uint32_t lslots = lx->n ? pow2_at_least((uint64_t)lx->n * 4 / 3 + 1) : 0; /* load <= 3/4 */
    memset(&h, 0, sizeof h);
    memcpy(h.magic, ATT__NER_MAGIC, 8);
    h.version = ATT__NER_VERSION;
    h.nlabels = NL;
    h.feat_slots = fslots;
    h.nrows = nrows;
    h.lex_slots = lslots;
    h.byte_order = 0x01020304u;
    h.wscale = wscale;
    wb_reserve(&w, sizeof h);
    h.off_trans = (uint32_t)wb_reserve(&w, (NL + 1) * NL * sizeof(float));
    if (trans)
        memcpy(w.p + h.off_trans, trans, (NL + 1) * NL * sizeof(float));
    h.off_feat = (uint32_t)wb_reserve(&w, (size_t)fslots * sizeof(att__ner_feat_slot));
    for (uint32_t r = 0; r < nrows; r++) {
        att__ner_feat_slot *t = (att__ner_feat_slot *)(w.p + h.off_feat);
        uint32_t mask = fslots - 1, i = (keys[r] * 0x9e3779b1u) & mask;
        while (t[i].key)
            i = (i + 1) & mask;
        t[i].key = keys[r];
        t[i].row = r;
    }
    h.off_w = (uint32_t)wb_reserve(&w, (size_t)nrows * NL * sizeof(int16_t));
    if (nrows)
        memcpy(w.p + h.off_w, q, (size_t)nrows * NL * sizeof(int16_t));
    h.off_lex = (uint32_t)wb_reserve(&w, (size_t)lslots * sizeof(att__ner_lex_slot));
    for (size_t k = 0; k < lx->cap; k++) {
        att__ner_lex_slot *t = (att__ner_lex_slot *)(w.p + h.off_lex);
        uint32_t mask = lslots - 1, i;
        if (!lx->keys[k])
            continue;
        i = (uint32_t)lx->keys[k] & mask;
        while (t[i].check)
            i = (i + 1) & mask;
        t[i].check = (uint32_t)(lx->keys[k] >> 32) ? (uint32_t)(lx->keys[k] >> 32) : 1;
        t[i].value = lx->flags[k] | lx->cluster[k] << ATT__LEX_CLUSTER_SHIFT;
    }
    h.total = (uint32_t)w.n;
    memcpy(w.p, &h, sizeof h);
    *len = w.n;
    return w.p;
}

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
    char *buf = read_all(path, &len), *line, *next;
    sent *ss = NULL, cur = {0};
    size_t ccap = 0;
    if (!buf)
        die("%s: %s", path, strerror(errno));
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
                    ss = xrealloc(ss, cs * sizeof(*ss));
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
            die("%s: a token line with %zu fields", path, nf);
        if (cur.n == ccap) {
            ccap = ccap ? 2 * ccap : 32;
            cur.tok = xrealloc(cur.tok, ccap * sizeof(*cur.tok));
            cur.len = xrealloc(cur.len, ccap * sizeof(*cur.len));
            cur.gold = xrealloc(cur.gold, ccap);
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

typedef struct fmap {
    uint32_t *keys, *rows;
    size_t n, cap;
} fmap;

static uint32_t fmap_get(fmap *m, uint32_t key)
{
    size_t i;
    if (2 * (m->n + 1) > m->cap) {
        fmap big = {xcalloc(m->cap ? 2 * m->cap : 1 << 16, 4),
                    xcalloc(m->cap ? 2 * m->cap : 1 << 16, 4), 0, m->cap ? 2 * m->cap : 1 << 16};
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
    }
    return m->rows[i];
}

static void extract_all(const att__ner_model *lexm, sent *ss, size_t ns, fmap *fm,
                        uint32_t **rowkeys)
{
    uint32_t *feats = NULL;
    uint8_t *nf = NULL;
    size_t cap = 0, kcap = 0;
    for (size_t s = 0; s < ns; s++) {
        sent *x = &ss[s];
        size_t tot = 0;
        if (x->n > cap) {
            cap = x->n;
            feats = xrealloc(feats, cap * ATT__NER_MAXF * sizeof(*feats));
            nf = xrealloc(nf, cap);
        }
        if (att__ner_features(lexm, x->tok, x->len, x->n, 0, x->n, feats, nf))
            die("features failed");
        for (size_t t = 0; t < x->n; t++)
            tot += nf[t];
        x->rows = xcalloc(tot, sizeof(*x->rows));
        x->off = xcalloc(x->n + 1, sizeof(*x->off));
        tot = 0;
        for (size_t t = 0; t < x->n; t++) {
            x->off[t] = tot;
            for (unsigned k = 0; k < nf[t]; k++) {
                uint32_t key = feats[t * ATT__NER_MAXF + k];
                uint32_t r = fmap_get(fm, key);
                if (r >= kcap) {
                    kcap = kcap ? 2 * kcap : 1 << 16;
                    *rowkeys = xrealloc(*rowkeys, kcap * sizeof(**rowkeys));
                }
                (*rowkeys)[r] = key;
                x->rows[tot++] = r;
            }
        }
        x->off[x->n] = tot;
    }
    free(feats);
    free(nf);
}

/* ---- the averaged perceptron ------------------------------------------------------ */

typedef struct percep {
    size_t nrows;
    float *w, *u;          /* weights and c-weighted update sums, nrows * NL */
    float t[(NL + 1) * NL], tu[(NL + 1) * NL];
    double c;
} percep;

static void decode(const float *w, const float *trans, const sent *x, float *emit,
                   uint8_t *back, uint8_t *out)
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
    size_t *perm = xcalloc(n, sizeof(*perm));
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
    size_t(*g)[3] = xcalloc(n, sizeof(*g)), (*p)[3] = xcalloc(n, sizeof(*p));
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

typedef struct run {
    sent *ss;
    size_t ns;
    fmap fm;
    uint32_t *rowkeys;
    float *emit;
    uint8_t *back, *pred;
} run;

/* (Re)computes every sentence's feature rows with lexicon lx. */
static void prepare(run *r, const lexmap *lx)
{
    size_t len;
    unsigned char *blob = write_blob(lx, NULL, NULL, NULL, 0, 1.0f, &len);
    const att__ner_model *m = att__ner_model_from_blob(blob, len);
    if (!m)
        die("lexicon blob is malformed");
    for (size_t s = 0; s < r->ns; s++) {
        free(r->ss[s].rows);
        free(r->ss[s].off);
    }
    free(r->fm.keys);
    free(r->fm.rows);
    memset(&r->fm, 0, sizeof r->fm);
    extract_all(m, r->ss, r->ns, &r->fm, &r->rowkeys);
    free(blob);
}

static percep train(run *r, const size_t *order, size_t no, unsigned iters)
{
    percep p = {r->fm.n, xcalloc(r->fm.n * NL, sizeof(float)), xcalloc(r->fm.n * NL, sizeof(float)),
                {0}, {0}, 1};
    for (unsigned e = 0; e < iters; e++)
        train_epoch(&p, r->ss, order, no, e, r->emit, r->back, r->pred);
    return p;
}

/* The model blob of the averaged weights of p: int16 with one scale, rows
 * whose largest weight is at most prune steps dropped. */
static unsigned char *build_model(const run *r, const lexmap *lx, const percep *p, unsigned prune,
                                  size_t *blen, uint32_t *nrows_out)
{
    float *aw = xcalloc(p->nrows * NL, sizeof(float)), at_[(NL + 1) * NL], maxabs = 0, scale;
    int16_t *q = xcalloc(p->nrows * NL, sizeof(int16_t));
    uint32_t *keys = xcalloc(p->nrows, sizeof(uint32_t)), nrows = 0;
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
    blob = write_blob(lx, at_, keys, q, nrows, scale, blen);
    if (!att__ner_model_from_blob(blob, *blen))
        die("model blob is malformed");
    *nrows_out = nrows;
    free(aw);
    free(q);
    free(keys);
    return blob;
}

/* ---- main ---------------------------------------------------------------------------- */

static void usage(void)
{
    fprintf(stderr, "usage: ner_train --data DIR [--unlabeled FILE.jsonl] [--iters N] "
                    "[--clusters K] [--prune Q] (--cv K | --out MODEL) "
                    "GERMEVAL.tsv\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *data = "data", *unlab = NULL, *out = NULL, *input = NULL;
    unsigned iters = 12, cv = 0, nclusters = 256, prune = 1;
    lexmap lx = {0};
    corpus cp = {{0}, NULL, 0};
    size_t maxn = 0;
    char *keep;
    run r;
    memset(&r, 0, sizeof r);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
            data = argv[++i];
        else if (strcmp(argv[i], "--unlabeled") == 0 && i + 1 < argc)
            unlab = argv[++i];
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--iters") == 0 && i + 1 < argc)
            iters = (unsigned)atoi(argv[++i]);
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
    if (!input || (!out && cv < 2) || iters == 0 ||
        nclusters >= (1u << (32 - ATT__LEX_CLUSTER_SHIFT)) - 1)
        usage();

    build_gazetteers(&lx, data);
    if (unlab) {
        cp.st = read_corpus(unlab, &cp.v, &cp.nst);
        fprintf(stderr, "ner_train: corpus of %zu tokens, %zu types\n", cp.nst, cp.v.n);
        if (nclusters > 0)
            add_clusters(&lx, &cp, nclusters);
    }
    fprintf(stderr, "ner_train: lexicon of %zu keys\n", lx.n);
    r.ss = read_germeval(input, &r.ns, &keep);
    prepare(&r, &lx);
    for (size_t s = 0; s < r.ns; s++)
        if (r.ss[s].n > maxn)
            maxn = r.ss[s].n;
    r.emit = xcalloc(maxn * NL, sizeof(float));
    r.back = xcalloc(maxn * NL, 1);
    r.pred = xcalloc(maxn, 1);

    if (cv >= 2) {
        score *per_epoch = xcalloc(iters, sizeof(*per_epoch));
        float *aw = NULL, at_[(NL + 1) * NL];
        for (unsigned fold = 0; fold < cv; fold++) {
            size_t *order = xcalloc(r.ns, sizeof(*order)), no = 0;
            percep p;
            for (size_t s = 0; s < r.ns; s++)
                if (s % cv != fold)
                    order[no++] = s;
            p = (percep){r.fm.n, xcalloc(r.fm.n * NL, sizeof(float)),
                         xcalloc(r.fm.n * NL, sizeof(float)), {0}, {0}, 1};
            aw = xrealloc(aw, r.fm.n * NL * sizeof(float));
            for (unsigned e = 0; e < iters; e++) {
                train_epoch(&p, r.ss, order, no, e, r.emit, r.back, r.pred);
                average(&p, aw, at_);
                for (size_t s = fold; s < r.ns; s += cv) {
                    decode(aw, at_, &r.ss[s], r.emit, r.back, r.pred);
                    score_sent(&per_epoch[e], r.ss[s].gold, r.pred, r.ss[s].n);
                }
            }
            free(p.w);
            free(p.u);
            free(order);
        }
        for (unsigned e = 0; e < iters; e++) {
            char what[32];
            snprintf(what, sizeof what, "cv%u-iter%u", cv, e + 1);
            print_score(what, &per_epoch[e]);
        }
        free(per_epoch);
        free(aw);
    } else {
        size_t *order = xcalloc(r.ns, sizeof(*order)), blen;
        uint32_t nrows;
        percep p;
        unsigned char *blob;
        FILE *f;
        score sc = {{0}, {0}, {0}};
        for (size_t s = 0; s < r.ns; s++)
            order[s] = s;
        p = train(&r, order, r.ns, iters);
        blob = build_model(&r, &lx, &p, prune, &blen, &nrows);
        f = fopen(out, "wb");
        if (!f || fwrite(blob, 1, blen, f) != blen || fclose(f) != 0)
            die("%s: cannot write", out);
        /* training-set score of the written model, as a sanity check */
        {
            const att__ner_model *m = att__ner_model_from_blob(blob, blen);
            for (size_t s = 0; s < r.ns; s++) {
                if (att__ner_tag_tokens(m, r.ss[s].tok, r.ss[s].len, r.ss[s].n, r.pred))
                    die("tagging failed");
                score_sent(&sc, r.ss[s].gold, r.pred, r.ss[s].n);
            }
            print_score("train", &sc);
        }
        printf("model\trows\t%u\tof\t%zu\n", nrows, r.fm.n);
        printf("model\tlexicon\t%zu\n", lx.n);
        printf("model\tbytes\t%zu\n", blen);
        free(blob);
        free(order);
        free(p.w);
        free(p.u);
    }
    return 0;
}

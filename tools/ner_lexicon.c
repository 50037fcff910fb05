/*
 * ner_lexicon.c - the lexicon of the NER model as the trainer builds it:
 * an open-addressing map from 64-bit hashes of token sequences
 * (att__ner_lex_key) to flags (ATT__LEX_*) and a word class, filled from
 * the knowledge-base TSV files of data/ (countries, places, regions,
 * organisations, persons, titles), data/firstnames.tsv and the hand-curated
 * cue lists below; and the writer of the model blob (src/annotate/ner.h).
 *
 * Only hashes and flags reach the blob, never text.  Forms outside Latin
 * script are skipped (their tokens cannot match German text anyway); a
 * multi-token form also marks its proper prefixes (ATT__LEX_PREFIX) so the
 * tagger can stop a longest-match scan early.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "ner_train.h"

void att__nt_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "ner_train: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

void *att__nt_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        att__nt_die("out of memory");
    return p;
}

void *att__nt_realloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        att__nt_die("out of memory");
    return p;
}

char *att__nt_strndup(const char *s, size_t n)
{
    char *p = att__nt_calloc(n + 1, 1);
    memcpy(p, s, n);
    return p;
}

char *att__nt_read_all(const char *path, size_t *len)
{
    char *buf = NULL;
    if (att__read_file(NULL, path, ATT_BUF_DEFAULT_MAX, &buf, len) != 0)
        return NULL;
    return buf ? buf : att__nt_calloc(1, 1); /* an empty file is "" */
}

static uint32_t pow2_at_least(uint64_t n)
{
    uint32_t p = 1;
    while (p < n)
        p <<= 1;
    return p;
}

/* ---- the lexicon under construction ---------------------------------------- */

size_t att__nt_lex_slot(const lexmap *lx, uint64_t key)
{
    size_t i = (size_t)key & (lx->cap - 1);
    while (lx->keys[i] && lx->keys[i] != key)
        i = (i + 1) & (lx->cap - 1);
    return i;
}

void att__nt_lex_put(lexmap *lx, uint64_t key, uint32_t flags, uint32_t cluster)
{
    size_t i;
    if (2 * (lx->n + 1) > lx->cap) {
        lexmap big = {att__nt_calloc(lx->cap ? 2 * lx->cap : 1024, 8),
                      att__nt_calloc(lx->cap ? 2 * lx->cap : 1024, 4),
                      att__nt_calloc(lx->cap ? 2 * lx->cap : 1024, 4), 0,
                      lx->cap ? 2 * lx->cap : 1024};
        for (size_t k = 0; k < lx->cap; k++)
            if (lx->keys[k]) {
                size_t j = att__nt_lex_slot(&big, lx->keys[k]);
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
    i = att__nt_lex_slot(lx, key);
    if (!lx->keys[i]) {
        lx->keys[i] = key;
        lx->n++;
    }
    lx->flags[i] |= flags;
    if (cluster)
        lx->cluster[i] = cluster;
}

void att__nt_lex_copy(lexmap *dst, const lexmap *src)
{
    dst->n = src->n;
    dst->cap = src->cap;
    dst->keys = att__nt_calloc(src->cap, sizeof(*dst->keys));
    dst->flags = att__nt_calloc(src->cap, sizeof(*dst->flags));
    dst->cluster = att__nt_calloc(src->cap, sizeof(*dst->cluster));
    if (src->cap) {
        memcpy(dst->keys, src->keys, src->cap * sizeof(*dst->keys));
        memcpy(dst->flags, src->flags, src->cap * sizeof(*dst->flags));
        memcpy(dst->cluster, src->cluster, src->cap * sizeof(*dst->cluster));
    }
}

void att__nt_lex_free(lexmap *lx)
{
    free(lx->keys);
    free(lx->flags);
    free(lx->cluster);
    memset(lx, 0, sizeof(*lx));
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
void att__nt_lex_add_form(lexmap *lx, const char *form, uint32_t flags)
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
        att__nt_lex_put(lx, att__ner_lex_key(toks, lens, k), ATT__LEX_PREFIX, 0);
    att__nt_lex_put(lx, att__ner_lex_key(toks, lens, n), flags, 0);
}

/* A name and, when it is one token not ending in s, ß, x or z, its German
 * genitive (Portugals, Erfurts, Bhuttos). */
static void lex_add_name(lexmap *lx, const char *form, uint32_t flags)
{
    size_t n = strlen(form);
    char buf[256];
    att__nt_lex_add_form(lx, form, flags);
    if (n == 0 || n + 2 > sizeof buf || strchr(form, ' ') || strchr("sxzSXZ.", form[n - 1]) ||
        (n >= 2 && memcmp(form + n - 2, "ß", 2) == 0))
        return;
    memcpy(buf, form, n);
    buf[n] = 's';
    buf[n + 1] = '\0';
    att__nt_lex_add_form(lx, buf, flags);
}

/* German adjective stems (kasachisch) get their endings, lower and upper. */
static void lex_add_adjective(lexmap *lx, const char *stem, uint32_t flags)
{
    static const char *const ends[] = {"", "e", "en", "er", "es", "em"};
    char buf[256];
    for (size_t e = 0; e < ATT_ARRAY_LEN(ends); e++) {
        if (snprintf(buf, sizeof buf, "%s%s", stem, ends[e]) >= (int)sizeof buf)
            return;
        att__nt_lex_add_form(lx, buf, flags);
        if (buf[0] >= 'a' && buf[0] <= 'z') {
            buf[0] = (char)(buf[0] - 'a' + 'A');
            att__nt_lex_add_form(lx, buf, flags);
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
    buf = att__nt_read_all(path, &len);
    if (!buf) {
        if (required)
            att__nt_die("%s: %s", path, strerror(errno));
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
                    att__nt_die("%s: no column %s", path, names[i]);
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
        strset big = {att__nt_calloc(ss->cap ? 2 * ss->cap : 1024, sizeof(char *)), 0,
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
            ss->s[i] = att__nt_strndup(s, strlen(s));
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
            att__nt_lex_add_form(b->lx, form, b->adj_flag);
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
        att__nt_lex_add_form(b->lx, f[col[1]], ATT__LEX_TITLE);
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
    att__nt_lex_add_form(b->lx, f[col[0]], fl);
    /* two-part names also as two tokens (Abdel Aziz) */
    if (strchr(f[col[0]], '-') && strlen(f[col[0]]) < sizeof name) {
        strcpy(name, f[col[0]]);
        for (char *p = name; *p; p++)
            if (*p == '-')
                *p = ' ';
        att__nt_lex_add_form(b->lx, name, fl);
    }
}

/* data/ner-names.tsv: type (ORG, LOC, PER) and form.  A person's full name
 * also gives its last token as a surname. */
static void row_nername(void *arg, char **f, size_t nf, const int *col)
{
    build_ctx *b = arg;
    const char *type = f[col[0]], *form = f[col[1]], *last = strrchr(form, ' ');
    if (strcmp(type, "ORG") == 0) {
        lex_add_name(b->lx, form, ATT__LEX_ORG);
    } else if (strcmp(type, "LOC") == 0) {
        lex_add_name(b->lx, form, ATT__LEX_REGION);
    } else if (strcmp(type, "PER") == 0) {
        lex_add_name(b->lx, form, last ? ATT__LEX_PERSON : ATT__LEX_SURNAME);
        if (last && last[1] >= 'A' && last[1] <= 'Z' && !strchr(last, '.'))
            lex_add_name(b->lx, last + 1, ATT__LEX_SURNAME);
    }
}

/* GeoNames admin1CodesASCII (regionInfo.tsv): "CC.code", name, ascii name.
 * Both names become regions, also without a trailing " Province",
 * " Region", " Governorate" or " Oblast". */
void att__nt_add_admin1(lexmap *lx, const char *path)
{
    static const char *const tails[] = {" Province", " Region", " Governorate", " Oblast",
                                        " District", " County", " State"};
    size_t len;
    char *buf = att__nt_read_all(path, &len), *line, *next;
    if (!buf)
        att__nt_die("%s: %s", path, strerror(errno));
    for (line = buf; line && *line; line = next) {
        char *f[4];
        size_t nf = 0;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (*line == '#')
            continue;
        for (char *p = line; p && nf < 4;) {
            f[nf++] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        for (size_t k = 1; k < 3 && k < nf; k++) {
            size_t n = strlen(f[k]);
            lex_add_name(lx, f[k], ATT__LEX_REGION);
            for (size_t t = 0; t < ATT_ARRAY_LEN(tails); t++) {
                size_t tl = strlen(tails[t]);
                if (n > tl && strcmp(f[k] + n - tl, tails[t]) == 0) {
                    f[k][n - tl] = '\0';
                    lex_add_name(lx, f[k], ATT__LEX_REGION);
                    break;
                }
            }
        }
    }
    free(buf);
}

/* Cue words (hand-curated; exact case). */
static const char *const per_cues[] = {
    "Herr",
    "Herrn",
    "Frau",
    "Dr.",
    "Prof.",
    "Professor",
    "Professorin",
    "sagte",
    "sagt",
    "meinte",
    "erklärte",
    "betonte",
    "so",
    "Sir",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Papst",
    "König",
    "Königin",
    "Kaiser",
    "Kaiserin",
    "Graf",
    "Gräfin",
    "Fürst",
    "Prinz",
    "Prinzessin",
    "Sohn",
    "Tochter",
    "Vater",
    "Mutter",
    "Bruder",
    "Schwester",
    "Witwe",
    "Ehefrau",
    "Ehemann",
    "Trainer",
    "Regisseur",
    "Regisseurin",
    "Autor",
    "Autorin",
    "Schauspieler",
    "Schauspielerin",
    "Sänger",
    "Sängerin",
    "Maler",
    "Komponist",
    "Dichter",
    "Schriftsteller",
    "Schriftstellerin",
    "Architekt",
    "Bischof",
    "Pfarrer",
    "Kardinal",
    "Heilige",
    "Heiligen",
    "St.",
    "Kollege",
    "Kollegin",
    "Chef",
    "Chefin",
    "Sprecher",
    "Sprecherin",
    "Bürgermeister",
    "Bürgermeisterin",
    "Landrat",
    "Abgeordnete",
    "Abgeordneten",
    "Stürmer",
    "Torwart",
    "Spieler",
    "Spielerin",
    "Gitarrist",
    "Sängers",
    "Künstler",
    "Künstlerin",
    "Fotograf",
    "Journalist",
    "Journalistin",
    "Anwalt",
};
static const char *const org_cues[] = {
    "GmbH",         "AG",          "KG",           "OHG",         "SE",           "e.V.",
    "eV",           "e.",          "V.",           "Ltd.",        "Ltd",          "Inc.",
    "Inc",          "Co.",         "Corp.",        "LLC",         "plc",          "FC",
    "SV",           "VfB",         "VfL",          "TSV",         "SC",           "SpVgg",
    "TuS",          "Partei",      "Verband",      "Verein",      "Universität",  "Bank",
    "Stiftung",     "Institut",    "Gesellschaft", "Ministerium", "Gruppe",       "Konzern",
    "Holding",      "Club",        "Klub",         "Kommission",  "Rat",          "Bund",
    "Akademie",     "Hochschule",  "Gericht",      "Amt",         "Zeitung",      "Agentur",
    "Versicherung", "Union",       "Werke",        "Industries",  "Group",        "University",
    "Company",      "Association", "Council",      "Party",       "Records",      "Airlines",
    "Motors",       "Bundestag",   "Bundesrat",    "Landtag",     "Senat",        "Regierung",
    "Polizei",      "Armee",       "Bundeswehr",   "Fraktion",    "Gewerkschaft", "Museum",
    "Theater",      "Orchester",   "Band",         "Kirche",      "Schule",       "Gymnasium",
    "Klinik",       "Krankenhaus", "Sender",       "Verlag",
};
static const char *const loc_cues[] = {
    "Straße",     "Strasse",
    "Platz",      "Allee",
    "Weg",        "Gasse",
    "Kreis",      "Landkreis",
    "Bezirk",     "Provinz",
    "Region",     "Bundesland",
    "Kanton",     "Stadt",
    "Gemeinde",   "Insel",
    "See",        "Fluss",
    "Berg",       "Tal",
    "Gebirge",    "Bucht",
    "Meer",       "Ozean",
    "Küste",      "Bad",
    "Sankt",      "Neu",
    "City",       "County",
    "River",      "Lake",
    "Mount",      "Island",
    "Street",     "Bay",
    "Republik",   "Königreich",
    "Staat",      "Bundesstaat",
    "Hauptstadt", "Ort",
    "Dorf",       "Stadtteil",
    "Ortsteil",   "Landeshauptstadt",
    "Kreisstadt", "Metropole",
    "Nähe",
};
static const char *const loc_preps[] = {
    "in",      "im",       "nach",     "aus",  "bei", "von",      "vom",
    "nahe",    "zwischen", "durch",    "über", "gen", "Richtung", "In",
    "Im",      "Nach",     "Aus",      "Bei",  "Von", "Vom",      "nördlich",
    "südlich", "östlich",  "westlich", "an",   "am",  "um",       "bis",
};

static void lex_add_list(lexmap *lx, const char *const *l, size_t n, uint32_t flags)
{
    for (size_t i = 0; i < n; i++)
        att__nt_lex_add_form(lx, l[i], flags);
}

void att__nt_build_gazetteers(lexmap *lx, const char *dir)
{
    static const char *const alias_cols[] = {"entity", "lang", "form", "kind"};
    static const char *const place_cols[] = {"id", "kind", "population"};
    static const char *const title_cols[] = {"lang", "form"};
    static const char *const fn_cols[] = {"name", "gender", "countries"};
    static const char *const nn_cols[] = {"type", "form"};
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
    read_tsv(dir, "ner-names.tsv", 1, nn_cols, 2, row_nername, &b);
    lex_add_list(lx, per_cues, ATT_ARRAY_LEN(per_cues), ATT__LEX_PERCUE);
    lex_add_list(lx, org_cues, ATT_ARRAY_LEN(org_cues), ATT__LEX_ORGCUE);
    lex_add_list(lx, loc_cues, ATT_ARRAY_LEN(loc_cues), ATT__LEX_LOCCUE);
    lex_add_list(lx, loc_preps, ATT_ARRAY_LEN(loc_preps), ATT__LEX_LOCPREP);
    strset_free(&b.big);
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
        w->p = att__nt_realloc(w->p, cap);
        memset(w->p + w->cap, 0, cap - w->cap);
        w->cap = cap;
    }
    w->n = off + bytes;
    return off;
}

/* Writes the model: trans may be NULL (zeros), nrows 0 for lexicon only.
 * keys[r] is the feature hash of weight row r (already quantised in q). */
unsigned char *att__nt_write_blob(const lexmap *lx, const float *trans, const uint32_t *keys,
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

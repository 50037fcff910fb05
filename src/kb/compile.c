/*
 * compile.c - the KB compiler: TSV sources -> builder -> blob.
 *
 * Every source is a TSV file with a header line and '#' comments.  The
 * table a file holds is known from its header's column names, so columns
 * may be reordered or added without touching this code:
 *
 *   id, name, ...             entities (countries, places, regions, orgs,
 *                             persons, projects; the type is the id's
 *                             prefix; optional columns iso3 cameo code
 *                             country capital kind population aliases)
 *   entity, lang, form, kind  names (kind name variant former inflected
 *                             acronym adjective demonym surname; drop skips)
 *   entity, role, start       dated roles (country cameo end org)
 *   lang, form, role, agent   titles (role nouns: Präsident, Außenminister)
 *   lang, form, relation      descriptors (Gast, Hauptstadt)
 *   stopword                  words that are never a name on their own
 *   firstname                 first names (gender)
 *
 * The same code reads the build's data tables (tools/kbc.c) and a user's
 * overlay file at run time; in an overlay, rows may name entities of the
 * base KB (they become stubs that lookups resolve by id).  Strings are
 * interned into one pool; att__kbc_finish() sorts, builds the keys, the
 * hash indexes (all keys, and the small ones the matcher's lower-case words
 * and fallbacks probe; the lexicon with its word-prefixes) and the prefix
 * filters, and writes the blob laid out as kb.h describes.
 */
#include <stdlib.h>
#include <string.h>

#include "kb.h"

#define KBC_MAX_COLS 24
#define KBC_POOL_MAX ((size_t)1 << 30)

typedef struct bent {
    uint32_t id, name, code, country, capital, population, geonameid;
    int32_t lat, lon;
    uint8_t type, kind, flags;
} bent;

typedef struct balias {
    uint32_t ent; /* entity id string while reading; index after resolve */
    uint32_t form, fold;
    uint8_t kind, flags, nwords;
    char lang[3];
} balias;

typedef struct brole {
    uint32_t ent, country, role, code, org, start, end;
} brole;

typedef enum table_kind {
    TK_NONE = 0,
    TK_ENTITY,
    TK_NAMES,
    TK_ROLES,
    TK_TITLES,
    TK_DESCR,
    TK_STOP,
    TK_FIRST
} table_kind;

struct att__kbc {
    att_ctx *ctx;
    int overlay;
    att_buf pool;
    uint32_t *intern; /* open addressing: pool offset + 1, 0 = empty */
    size_t nintern, cintern;
    bent *ents;
    size_t nents, cents;
    uint32_t *entmap; /* open addressing over id offsets -> entity index + 1 */
    size_t centmap;
    balias *aliases;
    size_t naliases, caliases;
    brole *roles;
    size_t nroles, croles;
    att__kb_lex *lex;
    size_t nlex, clex;
    uint32_t latest;
    size_t warnings;
    /* the file being read */
    const char *path;
    size_t line;
    table_kind tk;
    int col[32]; /* column index per field name (enum below), -1 = absent */
};

/* Field names the tables use; col[] is indexed by these. */
static const char *const fields[] = {
    "id",        "name",       "iso3",    "cameo",  "code",   "country",   "capital",
    "kind",      "population", "aliases", "entity", "lang",   "form",      "role",
    "start",     "end",        "org",     "agent",  "gender", "relation",  "stopword",
    "firstname", "src",        "type",    "lat",    "lon",    "geonameid",
};
enum {
    F_ID,
    F_NAME,
    F_ISO3,
    F_CAMEO,
    F_CODE,
    F_COUNTRY,
    F_CAPITAL,
    F_KIND,
    F_POP,
    F_ALIASES,
    F_ENTITY,
    F_LANG,
    F_FORM,
    F_ROLE,
    F_START,
    F_END,
    F_ORG,
    F_AGENT,
    F_GENDER,
    F_RELATION,
    F_STOP,
    F_FIRST,
    F_SRC,
    F_TYPE,
    F_LAT,
    F_LON,
    F_GEONAMEID,
    F_COUNT
};

static const struct {
    const char *prefix;
    int type;
} type_prefixes[] = {
    {"country:", ATT__ET_COUNTRY}, {"place:", ATT__ET_PLACE},     {"person:", ATT__ET_PERSON},
    {"org:", ATT__ET_ORG},         {"project:", ATT__ET_PROJECT}, {"event:", ATT__ET_EVENT},
};

static const char *const akind_names[ATT__AK_COUNT] = {
    "name", "variant", "former", "inflected", "acronym", "adjective", "demonym", "surname",
};

static const struct {
    const char *name;
    int kind;
} place_kinds[] = {
    {"capital", ATT__PK_CAPITAL}, {"admin", ATT__PK_ADMIN}, {"city", ATT__PK_CITY},
    {"region", ATT__PK_REGION},   {"sea", ATT__PK_REGION},  {"area", ATT__PK_REGION},
};

/* ---- string pool ---------------------------------------------------------- */

static uint64_t hs(const char *s, size_t n)
{
    return att__hash64(s, n, 0x6b62);
}

static int intern_grow(att__kbc *b)
{
    size_t nc = b->cintern ? b->cintern * 2 : 1 << 16;
    uint32_t *t = calloc(nc, sizeof(*t));
    if (!t)
        return ATT_ENOMEM;
    for (size_t i = 0; i < b->cintern; i++) {
        uint32_t v = b->intern[i];
        if (!v)
            continue;
        const char *s = b->pool.data + v - 1;
        size_t h = (size_t)hs(s, strlen(s)) & (nc - 1);
        while (t[h])
            h = (h + 1) & (nc - 1);
        t[h] = v;
    }
    free(b->intern);
    b->intern = t;
    b->cintern = nc;
    return 0;
}

/* Interns s[0..n) and returns its pool offset (0 for ""), or UINT32_MAX
 * when out of memory. */
static uint32_t intern(att__kbc *b, const char *s, size_t n)
{
    size_t h;
    if (n == 0)
        return 0;
    if ((b->nintern + 1) * 2 > b->cintern && intern_grow(b))
        return UINT32_MAX;
    h = (size_t)hs(s, n) & (b->cintern - 1);
    while (b->intern[h]) {
        const char *p = b->pool.data + b->intern[h] - 1;
        if (strncmp(p, s, n) == 0 && p[n] == '\0')
            return b->intern[h] - 1;
        h = (h + 1) & (b->cintern - 1);
    }
    if (b->pool.len > UINT32_MAX - n - 2)
        return UINT32_MAX;
    uint32_t off = (uint32_t)b->pool.len;
    if (att__buf_add(&b->pool, s, n) || att__buf_addc(&b->pool, '\0'))
        return UINT32_MAX;
    b->intern[h] = off + 1;
    b->nintern++;
    return off;
}

static const char *S(const att__kbc *b, uint32_t off)
{
    return b->pool.data + off;
}

/* ---- builder --------------------------------------------------------------- */

int att__kbc_new(att_ctx *ctx, int overlay, att__kbc **out)
{
    att__kbc *b = calloc(1, sizeof(*b));
    *out = NULL;
    if (!b)
        return att__err(ctx, ATT_ENOMEM, "out of memory");
    b->ctx = ctx;
    b->overlay = overlay;
    att__buf_init(&b->pool, KBC_POOL_MAX);
    if (att__buf_addc(&b->pool, '\0')) { /* offset 0 = "" */
        att__kbc_free(b);
        return att__err(ctx, ATT_ENOMEM, "out of memory");
    }
    *out = b;
    return 0;
}

void att__kbc_free(att__kbc *b)
{
    if (!b)
        return;
    att__buf_free(&b->pool);
    free(b->intern);
    free(b->ents);
    free(b->entmap);
    free(b->aliases);
    free(b->roles);
    free(b->lex);
    free(b);
}

static int oom(att__kbc *b)
{
    return att__err(b->ctx, ATT_ENOMEM, "%s:%zu: out of memory", b->path, b->line);
}

static int entmap_put(att__kbc *b, uint32_t id, size_t idx);

static int entmap_grow(att__kbc *b)
{
    size_t nc = b->centmap ? b->centmap * 2 : 1 << 12;
    uint32_t *old = b->entmap;
    size_t oc = b->centmap;
    if (!(b->entmap = calloc(nc, sizeof(uint32_t)))) {
        b->entmap = old;
        return ATT_ENOMEM;
    }
    b->centmap = nc;
    for (size_t i = 0; i < oc; i++)
        if (old[i])
            entmap_put(b, b->ents[old[i] - 1].id, old[i] - 1);
    free(old);
    return 0;
}

static int entmap_put(att__kbc *b, uint32_t id, size_t idx)
{
    size_t h = (size_t)(id * 2654435761u) & (b->centmap - 1);
    while (b->entmap[h])
        h = (h + 1) & (b->centmap - 1);
    b->entmap[h] = (uint32_t)idx + 1;
    return 0;
}

static long entmap_get(const att__kbc *b, uint32_t id)
{
    if (!b->centmap)
        return -1;
    size_t h = (size_t)(id * 2654435761u) & (b->centmap - 1);
    while (b->entmap[h]) {
        if (b->ents[b->entmap[h] - 1].id == id)
            return (long)b->entmap[h] - 1;
        h = (h + 1) & (b->centmap - 1);
    }
    return -1;
}

static int type_of_id(const char *id)
{
    for (size_t i = 0; i < ATT_ARRAY_LEN(type_prefixes); i++)
        if (strncmp(id, type_prefixes[i].prefix, strlen(type_prefixes[i].prefix)) == 0)
            return type_prefixes[i].type;
    return ATT__ET_NONE;
}

/* The entity with this id, created (empty) when new. */
static bent *entity(att__kbc *b, uint32_t id)
{
    long i = entmap_get(b, id);
    bent e;
    if (i >= 0)
        return &b->ents[i];
    if ((b->nents + 1) * 2 > b->centmap && entmap_grow(b))
        return NULL;
    memset(&e, 0, sizeof(e));
    e.id = id;
    e.lat = e.lon = ATT__KB_NOCOORD;
    e.type = (uint8_t)type_of_id(S(b, id));
    if (ATT_PUSH(b->ents, b->nents, b->cents, e))
        return NULL;
    entmap_put(b, id, b->nents - 1);
    return &b->ents[b->nents - 1];
}

/* ---- reading rows ---------------------------------------------------------- */

typedef struct row_t {
    const char *f[KBC_MAX_COLS];
    size_t n[KBC_MAX_COLS];
    int nf;
} row_t;

static void fld(const att__kbc *b, const row_t *r, int field, const char **s, size_t *n)
{
    int c = b->col[field];
    if (c < 0 || c >= r->nf) {
        *s = "";
        *n = 0;
        return;
    }
    *s = r->f[c];
    *n = r->n[c];
}

static uint32_t fstr(att__kbc *b, const row_t *r, int field)
{
    const char *s;
    size_t n;
    fld(b, r, field, &s, &n);
    return intern(b, s, n);
}

static int has(const att__kbc *b, int field)
{
    return b->col[field] >= 0;
}

static int read_header(att__kbc *b, const row_t *r)
{
    for (int i = 0; i < F_COUNT; i++)
        b->col[i] = -1;
    for (int c = 0; c < r->nf; c++)
        for (int i = 0; i < F_COUNT; i++)
            if (strlen(fields[i]) == r->n[c] && memcmp(fields[i], r->f[c], r->n[c]) == 0)
                b->col[i] = c;
    if (has(b, F_STOP))
        b->tk = TK_STOP;
    else if (has(b, F_FIRST) || (has(b, F_NAME) && has(b, F_GENDER) && !has(b, F_ID)))
        b->tk = TK_FIRST;
    else if (has(b, F_ENTITY) && has(b, F_FORM))
        b->tk = TK_NAMES;
    else if (has(b, F_ENTITY) && has(b, F_ROLE))
        b->tk = TK_ROLES;
    else if (has(b, F_FORM) && has(b, F_ROLE) && has(b, F_AGENT))
        b->tk = TK_TITLES;
    else if (has(b, F_FORM) && has(b, F_RELATION))
        b->tk = TK_DESCR;
    else if (has(b, F_ID) && has(b, F_NAME))
        b->tk = TK_ENTITY;
    else
        return att__err(b->ctx, ATT_EFORMAT,
                        "%s:%zu: unknown table: expected a header line naming its columns "
                        "(id/name, entity/lang/form/kind, entity/role/start, lang/form/role/"
                        "agent, lang/form/relation, stopword or firstname)",
                        b->path, b->line);
    return 0;
}

static void set_if(uint32_t *dst, uint32_t v)
{
    if (v)
        *dst = v;
}

/* A decimal count ("368650"); digits up to the first other character. */
static uint32_t field_u32(const char *s, size_t n)
{
    unsigned long long v = 0;
    for (size_t i = 0; i < n && s[i] >= '0' && s[i] <= '9' && v <= UINT32_MAX; i++)
        v = v * 10 + (unsigned)(s[i] - '0');
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* A coordinate in decimal degrees ("-8.396") as degrees x 1e5, rounded;
 * ATT__KB_NOCOORD when empty, malformed or beyond +-max. */
static int32_t field_coord(const char *s, size_t n, int max)
{
    long long whole = 0, frac = 0, scale = 1;
    size_t i = 0;
    int neg = 0, digits = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    for (; i < n && s[i] >= '0' && s[i] <= '9' && whole <= 1000; i++, digits++)
        whole = whole * 10 + (s[i] - '0');
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
            if (scale < 1000000) {
                frac = frac * 10 + (s[i] - '0');
                scale *= 10;
            }
    if (!digits || i != n)
        return ATT__KB_NOCOORD;
    {
        long long e5 = whole * 100000 + (frac * 100000 * 10 / scale + 5) / 10;
        if (e5 > (long long)max * 100000)
            return ATT__KB_NOCOORD;
        return (int32_t)(neg ? -e5 : e5);
    }
}

static int row_entity(att__kbc *b, const row_t *r)
{
    uint32_t id = fstr(b, r, F_ID), v;
    const char *s;
    size_t n;
    bent *e;
    if (!id)
        return 0; /* rows without an id (partial curation rows) are skipped */
    if (type_of_id(S(b, id)) == ATT__ET_NONE)
        return att__err(b->ctx, ATT_EFORMAT,
                        "%s:%zu: id '%s' has no known type prefix (country: place: person: "
                        "org: project: event:)",
                        b->path, b->line, S(b, id));
    if (!(e = entity(b, id)))
        return oom(b);
    set_if(&e->name, fstr(b, r, F_NAME));
    if (has(b, F_ISO3))
        set_if(&e->country, fstr(b, r, F_ISO3));
    else
        set_if(&e->country, fstr(b, r, F_COUNTRY));
    set_if(&e->code, fstr(b, r, F_CAMEO));
    set_if(&e->code, fstr(b, r, F_CODE));
    set_if(&e->capital, fstr(b, r, F_CAPITAL));
    fld(b, r, F_TYPE, &s, &n);
    if (n == 5 && memcmp(s, "event", 5) == 0)
        e->type = ATT__ET_EVENT;
    fld(b, r, F_POP, &s, &n);
    if (n)
        e->population = field_u32(s, n);
    fld(b, r, F_GEONAMEID, &s, &n);
    if (n)
        e->geonameid = field_u32(s, n);
    {
        int32_t lat, lon;
        fld(b, r, F_LAT, &s, &n);
        lat = field_coord(s, n, 90);
        fld(b, r, F_LON, &s, &n);
        lon = field_coord(s, n, 180);
        if (lat != ATT__KB_NOCOORD && lon != ATT__KB_NOCOORD) {
            e->lat = lat;
            e->lon = lon;
        }
    }
    fld(b, r, F_KIND, &s, &n);
    for (size_t i = 0; i < ATT_ARRAY_LEN(place_kinds); i++)
        if (strlen(place_kinds[i].name) == n && memcmp(place_kinds[i].name, s, n) == 0)
            e->kind = (uint8_t)place_kinds[i].kind;
    if (e->type == ATT__ET_PLACE && !e->kind && !has(b, F_POP))
        e->kind = ATT__PK_REGION; /* regions.tsv: areas, seas */
    if (e->name == UINT32_MAX || e->country == UINT32_MAX || e->code == UINT32_MAX ||
        e->capital == UINT32_MAX)
        return oom(b);
    /* the overlay's aliases column: '|'-separated variants */
    fld(b, r, F_ALIASES, &s, &n);
    while (n) {
        size_t k = 0;
        balias a;
        while (k < n && s[k] != '|')
            k++;
        memset(&a, 0, sizeof(a));
        a.ent = id;
        a.kind = ATT__AK_VARIANT;
        memcpy(a.lang, "un", 3);
        if (k && ((v = intern(b, s, k)) == UINT32_MAX || (a.form = v, 0) ||
                  ATT_PUSH(b->aliases, b->naliases, b->caliases, a)))
            return oom(b);
        s += k < n ? k + 1 : k;
        n -= k < n ? k + 1 : k;
    }
    return 0;
}

static int row_name(att__kbc *b, const row_t *r)
{
    balias a;
    const char *s, *src;
    size_t n, srcn;
    memset(&a, 0, sizeof(a));
    fld(b, r, F_KIND, &s, &n);
    if (n == 4 && memcmp(s, "drop", 4) == 0)
        return 0;
    a.kind = ATT__AK_VARIANT;
    for (int k = 0; k < ATT__AK_COUNT; k++)
        if (strlen(akind_names[k]) == n && memcmp(akind_names[k], s, n) == 0)
            a.kind = (uint8_t)k;
    a.ent = fstr(b, r, F_ENTITY);
    a.form = fstr(b, r, F_FORM);
    if (a.ent == UINT32_MAX || a.form == UINT32_MAX)
        return oom(b);
    if (!a.ent || !a.form)
        return 0;
    fld(b, r, F_LANG, &s, &n);
    a.lang[0] = n > 0 ? s[0] : 'u';
    a.lang[1] = n > 1 ? s[1] : 'n';
    fld(b, r, F_SRC, &src, &srcn);
    if (srcn == 8 && memcmp(src, "geonames", 8) == 0 && n == 3 && memcmp(s, "und", 3) == 0)
        a.flags |= ATT__AF_WEAK;
    if (srcn == 4 && memcmp(src, "rule", 4) == 0 && a.kind == ATT__AK_SURNAME)
        a.flags |= ATT__AF_RULE;
    if (a.kind == ATT__AK_ACRONYM)
        a.flags |= ATT__AF_CASE;
    return ATT_PUSH(b->aliases, b->naliases, b->caliases, a) ? oom(b) : 0;
}

static int row_role(att__kbc *b, const row_t *r)
{
    brole ro;
    const char *s;
    size_t n;
    memset(&ro, 0, sizeof(ro));
    ro.ent = fstr(b, r, F_ENTITY);
    ro.country = fstr(b, r, F_COUNTRY);
    ro.role = fstr(b, r, F_ROLE);
    ro.code = fstr(b, r, F_CAMEO);
    if (!ro.code)
        ro.code = fstr(b, r, F_CODE);
    ro.org = fstr(b, r, F_ORG);
    if (ro.ent == UINT32_MAX || ro.country == UINT32_MAX || ro.role == UINT32_MAX ||
        ro.code == UINT32_MAX || ro.org == UINT32_MAX)
        return oom(b);
    if (!ro.ent)
        return 0;
    fld(b, r, F_START, &s, &n);
    ro.start = att__kb_date(s, n, 0);
    if (n && !ro.start)
        return att__err(b->ctx, ATT_EFORMAT, "%s:%zu: start '%.*s' is not an ISO date", b->path,
                        b->line, (int)n, s);
    fld(b, r, F_END, &s, &n);
    ro.end = att__kb_date(s, n, 1);
    if (n && !ro.end)
        return att__err(b->ctx, ATT_EFORMAT, "%s:%zu: end '%.*s' is not an ISO date", b->path,
                        b->line, (int)n, s);
    if (ro.start > b->latest)
        b->latest = ro.start;
    if (ro.end && ro.end > b->latest && ro.end < 30000000)
        b->latest = ro.end;
    return ATT_PUSH(b->roles, b->nroles, b->croles, ro) ? oom(b) : 0;
}

static int row_lex(att__kbc *b, const row_t *r, int cls)
{
    att__kb_lex l;
    const char *s;
    size_t n, fl;
    char fold[ATT__KB_MAXKEY];
    memset(&l, 0, sizeof(l));
    l.cls = (uint8_t)cls;
    fld(b, r,
        cls == ATT__LX_STOP    ? F_STOP
        : cls == ATT__LX_FIRST ? (has(b, F_FIRST) ? F_FIRST : F_NAME)
                               : F_FORM,
        &s, &n);
    if (!n)
        return 0;
    if ((fl = att__kb_fold(s, n, fold, sizeof(fold))) == (size_t)-1 || fl == 0)
        return 0;
    l.form = intern(b, s, n);
    l.key = intern(b, fold, fl);
    l.nwords = 1;
    for (size_t i = 0; i < fl; i++)
        l.nwords = (uint8_t)(l.nwords + (fold[i] == ' '));
    if (cls == ATT__LX_TITLE) {
        l.a = fstr(b, r, F_ROLE);
        l.b = fstr(b, r, F_AGENT);
    } else if (cls == ATT__LX_DESCR) {
        l.a = fstr(b, r, F_RELATION);
    }
    fld(b, r, F_GENDER, &s, &n);
    l.gender = n ? (uint8_t)s[0] : 0;
    if (l.form == UINT32_MAX || l.key == UINT32_MAX || l.a == UINT32_MAX || l.b == UINT32_MAX)
        return oom(b);
    return ATT_PUSH(b->lex, b->nlex, b->clex, l) ? oom(b) : 0;
}

static int add_row(att__kbc *b, const row_t *r)
{
    switch (b->tk) {
    case TK_ENTITY:
        return row_entity(b, r);
    case TK_NAMES:
        return row_name(b, r);
    case TK_ROLES:
        return row_role(b, r);
    case TK_TITLES:
        return row_lex(b, r, ATT__LX_TITLE);
    case TK_DESCR:
        return row_lex(b, r, ATT__LX_DESCR);
    case TK_STOP:
        return row_lex(b, r, ATT__LX_STOP);
    case TK_FIRST:
        return row_lex(b, r, ATT__LX_FIRST);
    default:
        return 0;
    }
}

/* A line made only of column names starts a new table (an overlay file
 * may hold several, each under its own header). */
static int is_header(const row_t *r)
{
    if (r->nf < 2)
        return 0;
    for (int c = 0; c < r->nf; c++) {
        int known = 0;
        for (int i = 0; i < F_COUNT && !known; i++)
            known = strlen(fields[i]) == r->n[c] && memcmp(fields[i], r->f[c], r->n[c]) == 0;
        if (!known && !(r->n[c] == 9 && memcmp(r->f[c], "countries", 9) == 0) &&
            !(r->n[c] == 6 && memcmp(r->f[c], "isonum", 6) == 0) &&
            !(r->n[c] == 3 && memcmp(r->f[c], "qid", 3) == 0) &&
            !(r->n[c] == 4 && memcmp(r->f[c], "iso2", 4) == 0))
            return 0;
    }
    return 1;
}

/* Splits line s[0..n) at tabs, trimming blanks around each field. */
static void split(const char *s, size_t n, row_t *r)
{
    size_t i = 0;
    r->nf = 0;
    while (r->nf < KBC_MAX_COLS) {
        size_t e = i;
        while (e < n && s[e] != '\t')
            e++;
        size_t a = i, z = e;
        while (a < z && (s[a] == ' ' || s[a] == '\r'))
            a++;
        while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\r'))
            z--;
        r->f[r->nf] = s + a;
        r->n[r->nf++] = z - a;
        if (e >= n)
            break;
        i = e + 1;
    }
}

int att__kbc_add_mem(att__kbc *b, const char *name, const char *data, size_t len)
{
    size_t i = 0;
    int rc = 0;
    b->path = name;
    b->line = 0;
    b->tk = TK_NONE;
    if (att__utf8_invalid_at(data, len) != (size_t)-1)
        return att__err(b->ctx, ATT_EUTF8, "%s: invalid UTF-8 at byte %zu", name,
                        att__utf8_invalid_at(data, len));
    while (i < len && !rc) {
        size_t e = i;
        row_t r;
        while (e < len && data[e] != '\n')
            e++;
        b->line++;
        if (e > i && data[i] != '#' && !(e - i == 1 && data[i] == '\r')) {
            split(data + i, e - i, &r);
            rc = b->tk == TK_NONE || is_header(&r) ? read_header(b, &r) : add_row(b, &r);
        }
        i = e + 1;
    }
    return rc;
}

int att__kbc_add_file(att__kbc *b, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    int rc = att__read_file(b->ctx, path, (size_t)1 << 28, &data, &len);
    if (rc)
        return rc;
    rc = att__kbc_add_mem(b, path, data, len);
    free(data);
    return rc;
}

/* ---- finishing -------------------------------------------------------------- */

/* qsort has no context argument, so every sort works on records that carry
 * pointers to their strings (the pool does not move while they live). */
typedef struct sitem {
    const char *s;
    uint32_t a, b, c, idx;
} sitem;

/* Orders by a, then s, then b, then c. */
static int cmp_item(const void *x, const void *y)
{
    const sitem *p = x, *q = y;
    int d;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if ((d = strcmp(p->s, q->s)) != 0)
        return d;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    if (p->c != q->c)
        return p->c < q->c ? -1 : 1;
    return p->idx < q->idx ? -1 : p->idx > q->idx;
}

static int cmp_role(const void *x, const void *y)
{
    const brole *a = x, *c = y;
    if (a->ent != c->ent)
        return a->ent < c->ent ? -1 : 1;
    return a->start < c->start ? -1 : a->start > c->start;
}

/* Sorts n records of size sz in place by the items made for them. */
static int sort_by(void *recs, size_t n, size_t sz, sitem *items)
{
    unsigned char *tmp;
    qsort(items, n, sizeof(sitem), cmp_item);
    if (!(tmp = malloc(n * sz + 1)))
        return ATT_ENOMEM;
    for (size_t i = 0; i < n; i++)
        memcpy(tmp + i * sz, (unsigned char *)recs + (size_t)items[i].idx * sz, sz);
    memcpy(recs, tmp, n * sz);
    free(tmp);
    return 0;
}

/* Resolves an entity id offset to its index; in an overlay an unknown id
 * becomes a stub.  Returns -1 for a base row naming an unknown entity. */
static long resolve(att__kbc *b, uint32_t id)
{
    long i = entmap_get(b, id);
    if (i >= 0 || !b->overlay)
        return i;
    if (type_of_id(S(b, id)) == ATT__ET_NONE)
        return -1;
    bent *e = entity(b, id);
    if (!e)
        return -2;
    e->flags |= ATT__EF_STUB;
    return (long)(e - b->ents);
}

static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

/* ---- hash indexes ------------------------------------------------------------ */

/* A string an index will hold: where it is in the pool, its records and
 * flags.  The same string may be added twice (a lexicon fold that is also
 * the prefix of another); index_build merges the two. */
typedef struct ientry {
    uint32_t str, first, count;
    uint8_t len, flags;
} ientry;

typedef struct ilist {
    ientry *v;
    size_t n, cap;
} ilist;

static int ilist_add(ilist *l, uint32_t str, size_t len, uint32_t first, size_t count,
                     unsigned flags)
{
    ientry e;
    if (len == 0 || len > 255 || count > UINT16_MAX || !flags)
        return ATT_ETOOBIG;
    e.str = str;
    e.len = (uint8_t)len;
    e.first = first;
    e.count = (uint32_t)count;
    e.flags = (uint8_t)flags;
    return ATT_PUSH(l->v, l->n, l->cap, e) ? ATT_ENOMEM : 0;
}

static size_t slot_of(uint64_t h, size_t n)
{
    return (size_t)(((uint64_t)(uint32_t)h * n) >> 32);
}

/* The Bloom filter over the stem keys of the word-prefixes of the keys in
 * l (after index_build): 16 bits a prefix, two bits set for each. */
static int prefix_filter(const att__kbc *b, const ilist *l, uint64_t **out, size_t *nout)
{
    char buf[ATT__KB_MAXKEY];
    size_t n = 1, nprefix = 0;
    uint64_t *w, bits;
    for (size_t i = 0; i < l->n; i++)
        for (size_t q = 0; q < l->v[i].len; q++)
            nprefix += S(b, l->v[i].str)[q] == ' ';
    while (n * 64 < nprefix * 16)
        n <<= 1;
    if (!(w = calloc(n, sizeof(uint64_t))))
        return ATT_ENOMEM;
    bits = (uint64_t)n * 64 - 1;
    for (size_t i = 0; i < l->n; i++) {
        const char *k = S(b, l->v[i].str);
        for (size_t q = 0; q < l->v[i].len; q++) {
            uint64_t h, x, y;
            if (k[q] != ' ')
                continue;
            memcpy(buf, k, q);
            h = att__kb_hash(buf, att__kb_stem(buf, q));
            x = h & bits;
            y = (h >> 32) & bits;
            w[x >> 6] |= (uint64_t)1 << (x & 63);
            w[y >> 6] |= (uint64_t)1 << (y & 63);
        }
    }
    *out = w;
    *nout = n;
    return 0;
}

/* Merges the entries with equal strings and lays them out in a table of
 * open addressing (about 60 % full; see probe() in kb.c).  *out is
 * malloc'ed. */
static int index_build(const att__kbc *b, ilist *l, att__kb_slot **out, size_t *nout)
{
    uint32_t *tmp = NULL;
    att__kb_slot *t = NULL;
    size_t ntmp = 16, n = 0;
    int rc = ATT_ENOMEM;
    *out = NULL;
    *nout = 0;
    while (ntmp < l->n * 2)
        ntmp <<= 1;
    if (!(tmp = calloc(ntmp, sizeof(*tmp))))
        goto cleanup;
    for (size_t i = 0; i < l->n; i++) { /* merge duplicates into the first */
        ientry *e = &l->v[i];
        const char *s = S(b, e->str);
        size_t h = (size_t)att__kb_hash(s, e->len) & (ntmp - 1);
        while (tmp[h]) {
            ientry *o = &l->v[tmp[h] - 1];
            if (o->len == e->len && memcmp(S(b, o->str), s, e->len) == 0)
                break;
            h = (h + 1) & (ntmp - 1);
        }
        if (!tmp[h]) {
            l->v[n++] = *e;
            tmp[h] = (uint32_t)n;
            continue;
        }
        {
            ientry *o = &l->v[tmp[h] - 1];
            o->flags |= e->flags;
            if (e->count) {
                o->first = e->first;
                o->count = e->count;
            }
        }
    }
    l->n = n;
    *nout = n + n * 2 / 3 + 1;
    if (!(t = calloc(*nout, sizeof(*t))))
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        const ientry *e = &l->v[i];
        uint64_t h = att__kb_hash(S(b, e->str), e->len);
        size_t k = slot_of(h, *nout);
        while (t[k].flags)
            k = k + 1 == *nout ? 0 : k + 1;
        t[k].fp = (uint32_t)(h >> 32);
        t[k].str = e->str;
        t[k].first = e->first;
        t[k].count = (uint16_t)e->count;
        t[k].len = e->len;
        t[k].flags = e->flags;
    }
    *out = t;
    t = NULL;
    rc = 0;
cleanup:
    free(tmp);
    free(t);
    if (rc)
        *nout = 0;
    return rc;
}

int att__kbc_finish(att__kbc *b, unsigned char **out, size_t *size, size_t *warnings)
{
    att__kb_key *keys = NULL;
    size_t nkeys = 0, ckeys = 0, ntab[ATT__KT_COUNT] = {0}, npfx[ATT__PF_COUNT] = {0};
    att__kb_slot *tab[ATT__KT_COUNT] = {NULL};
    uint64_t *pfx[ATT__PF_COUNT] = {NULL};
    uint32_t *remap = NULL;
    ilist il[ATT__KT_COUNT] = {{NULL, 0, 0}};
    sitem *items = NULL;
    unsigned char *blob = NULL;
    char buf[ATT__KB_MAXKEY];
    att__kb_header hdr;
    int rc = 0;
    size_t j;

    *out = NULL;
    *size = 0;
    b->path = "<kb>";
    b->line = 0;
    /* 1. canonical names are aliases too; overlay stubs for unknown ids */
    for (size_t i = 0, n = b->nents; i < n; i++) {
        balias a;
        if (!b->ents[i].name)
            continue;
        memset(&a, 0, sizeof(a));
        a.ent = b->ents[i].id;
        a.form = b->ents[i].name;
        a.kind = ATT__AK_NAME;
        memcpy(a.lang, "en", 3);
        if (ATT_PUSH(b->aliases, b->naliases, b->caliases, a)) {
            rc = oom(b);
            goto cleanup;
        }
    }
    for (size_t i = 0; i < b->naliases; i++) {
        long e = resolve(b, b->aliases[i].ent);
        if (e == -2) {
            rc = oom(b);
            goto cleanup;
        }
        b->aliases[i].ent = e < 0 ? UINT32_MAX : (uint32_t)e;
        if (e < 0)
            b->warnings++;
    }
    for (size_t i = 0; i < b->nroles; i++) {
        long e = resolve(b, b->roles[i].ent);
        if (e == -2) {
            rc = oom(b);
            goto cleanup;
        }
        b->roles[i].ent = e < 0 ? UINT32_MAX : (uint32_t)e;
        if (e < 0)
            b->warnings++;
    }
    /* 2. entities sorted by id; indices remapped */
    if (b->nents > UINT32_MAX / 2 || b->naliases > UINT32_MAX / 4) {
        rc = att__err(b->ctx, ATT_ETOOBIG, "knowledge base too large");
        goto cleanup;
    }
    if (!(items = malloc((b->nents + b->naliases + b->nlex + 1) * sizeof(sitem))) ||
        !(remap = malloc((b->nents + 1) * sizeof(uint32_t)))) {
        rc = oom(b);
        goto cleanup;
    }
    for (size_t i = 0; i < b->nents; i++)
        items[i] = (sitem){S(b, b->ents[i].id), 0, 0, 0, (uint32_t)i};
    qsort(items, b->nents, sizeof(sitem), cmp_item);
    for (size_t i = 0; i < b->nents; i++)
        remap[items[i].idx] = (uint32_t)i;
    if (sort_by(b->ents, b->nents, sizeof(bent), items)) {
        rc = oom(b);
        goto cleanup;
    }
    for (size_t i = 0; i < b->naliases; i++)
        if (b->aliases[i].ent != UINT32_MAX)
            b->aliases[i].ent = remap[b->aliases[i].ent];
    for (size_t i = 0; i < b->nroles; i++)
        if (b->roles[i].ent != UINT32_MAX)
            b->roles[i].ent = remap[b->roles[i].ent];
    /* 3. aliases: drop unresolved, sort by entity, one per (entity, form) */
    j = 0;
    for (size_t i = 0; i < b->naliases; i++)
        if (b->aliases[i].ent != UINT32_MAX)
            b->aliases[j++] = b->aliases[i];
    b->naliases = j;
    for (size_t i = 0; i < b->naliases; i++) {
        const balias *a = &b->aliases[i];
        items[i] = (sitem){S(b, a->form), a->ent, a->flags, a->kind, (uint32_t)i};
    }
    if (b->naliases && sort_by(b->aliases, b->naliases, sizeof(balias), items)) {
        rc = oom(b);
        goto cleanup;
    }
    j = 0;
    for (size_t i = 0; i < b->naliases; i++) {
        if (j && b->aliases[j - 1].ent == b->aliases[i].ent &&
            b->aliases[j - 1].form == b->aliases[i].form)
            continue;
        b->aliases[j++] = b->aliases[i];
    }
    b->naliases = j;
    /* 4. folds and keys */
    for (size_t i = 0; i < b->naliases; i++) {
        balias *a = &b->aliases[i];
        const char *form = S(b, a->form);
        size_t fl = att__kb_fold(form, strlen(form), buf, sizeof(buf)), kl;
        att__kb_key k;
        unsigned char c0 = (unsigned char)form[0];
        if (fl == (size_t)-1 || fl == 0)
            continue;
        if (c0 >= 'a' && c0 <= 'z')
            a->flags |= ATT__AF_LOWER;
        if (c0 >= 0xC3 && c0 < 0xC4 && (unsigned char)form[1] >= 0xA0) /* à..ÿ */
            a->flags |= ATT__AF_LOWER;
        if ((a->fold = intern(b, buf, fl)) == UINT32_MAX) {
            rc = oom(b);
            goto cleanup;
        }
        kl = att__kb_fold_to_key(buf, fl);
        a->nwords = 1;
        for (size_t q = 0; q < kl; q++)
            a->nwords = (uint8_t)(a->nwords + (buf[q] == ' ' && a->nwords < 255));
        memset(&k, 0, sizeof(k));
        k.alias = (uint32_t)i;
        if ((k.key = intern(b, buf, kl)) == UINT32_MAX || ATT_PUSH(keys, nkeys, ckeys, k)) {
            rc = oom(b);
            goto cleanup;
        }
        if (a->nwords >= 2) {
            size_t sl = att__kb_stem(buf, kl);
            k.flags = ATT__KEYF_STEM;
            if ((k.key = intern(b, buf, sl)) == UINT32_MAX || ATT_PUSH(keys, nkeys, ckeys, k)) {
                rc = oom(b);
                goto cleanup;
            }
        }
    }
    {
        sitem *ki = malloc((nkeys + 1) * sizeof(sitem));
        if (!ki) {
            rc = oom(b);
            goto cleanup;
        }
        for (size_t i = 0; i < nkeys; i++)
            ki[i] = (sitem){S(b, keys[i].key), 0, keys[i].alias, keys[i].flags, (uint32_t)i};
        rc = sort_by(keys, nkeys, sizeof(*keys), ki);
        free(ki);
        if (rc) {
            rc = oom(b);
            goto cleanup;
        }
    }
    /* 5. hash indexes over distinct keys (all; those a lower-case word can
     * match; those of adjectives; those of country names), the prefix
     * filters */
    for (size_t i = 0; i < nkeys; i = j) {
        unsigned flags = 0, adj = 0, cpd = 0, low = 0;
        size_t kl = strlen(S(b, keys[i].key));
        for (j = i; j < nkeys && keys[j].key == keys[i].key; j++) {
            const balias *a = &b->aliases[keys[j].alias];
            low |= (a->flags & (ATT__AF_LOWER | ATT__AF_CASE)) != 0;
            if (keys[j].flags & ATT__KEYF_STEM) {
                flags |= ATT__SF_STEM;
                continue;
            }
            flags |= ATT__SF_EXACT;
            adj |= a->kind == ATT__AK_ADJECTIVE;
            cpd |= a->kind == ATT__AK_NAME && b->ents[a->ent].type == ATT__ET_COUNTRY;
        }
        rc = ilist_add(&il[ATT__KT_KEY], keys[i].key, kl, (uint32_t)i, j - i, flags);
        if (!rc && low)
            rc = ilist_add(&il[ATT__KT_LOW], keys[i].key, kl, (uint32_t)i, j - i, flags);
        if (!rc && adj)
            rc = ilist_add(&il[ATT__KT_ADJ], keys[i].key, kl, (uint32_t)i, j - i, flags);
        if (!rc && cpd)
            rc = ilist_add(&il[ATT__KT_CPD], keys[i].key, kl, (uint32_t)i, j - i, flags);
        if (rc) {
            rc = att__err(b->ctx, rc, "knowledge base: key '%s' too long or too common",
                          S(b, keys[i].key));
            goto cleanup;
        }
    }
    for (int t = ATT__KT_KEY; t <= ATT__KT_CPD; t++)
        if ((rc = index_build(b, &il[t], &tab[t], &ntab[t]))) {
            rc = oom(b);
            goto cleanup;
        }
    for (int f = 0; f < ATT__PF_COUNT; f++)
        if ((rc = prefix_filter(b, &il[f == ATT__PF_ALL ? ATT__KT_KEY : ATT__KT_LOW], &pfx[f],
                                &npfx[f]))) {
            rc = oom(b);
            goto cleanup;
        }
    /* 6. roles, lexicon */
    j = 0;
    for (size_t i = 0; i < b->nroles; i++)
        if (b->roles[i].ent != UINT32_MAX)
            b->roles[j++] = b->roles[i];
    b->nroles = j;
    if (b->nroles)
        qsort(b->roles, b->nroles, sizeof(brole), cmp_role);
    for (size_t i = 0; i < b->nlex; i++)
        items[i] = (sitem){S(b, b->lex[i].key), 0, b->lex[i].cls, 0, (uint32_t)i};
    if (b->nlex && sort_by(b->lex, b->nlex, sizeof(att__kb_lex), items)) {
        rc = oom(b);
        goto cleanup;
    }
    for (size_t i = 0; i < b->nlex; i = j) { /* each fold, then its word-prefixes */
        unsigned flags = 0;
        const char *k = S(b, b->lex[i].key);
        size_t kl = strlen(k);
        for (j = i; j < b->nlex && b->lex[j].key == b->lex[i].key; j++)
            flags |= ATT__SF_CLASS(b->lex[j].cls);
        rc = ilist_add(&il[ATT__KT_LEX], b->lex[i].key, kl, (uint32_t)i, j - i, flags);
        for (size_t q = 0; q < kl && !rc; q++)
            if (k[q] == ' ')
                rc = ilist_add(&il[ATT__KT_LEX], b->lex[i].key, q, 0, 0, ATT__SF_PREFIX);
        if (rc) {
            rc =
                att__err(b->ctx, rc, "knowledge base: lexicon word '%s' too long or too common", k);
            goto cleanup;
        }
    }
    if ((rc = index_build(b, &il[ATT__KT_LEX], &tab[ATT__KT_LEX], &ntab[ATT__KT_LEX]))) {
        rc = oom(b);
        goto cleanup;
    }
    /* 7. the blob */
    {
        size_t off[ATT__KB_NSEC], cnt[ATT__KB_NSEC], esz[ATT__KB_NSEC], total;
        cnt[ATT__KB_STR] = b->pool.len;
        esz[ATT__KB_STR] = 1;
        cnt[ATT__KB_ENT] = b->nents;
        esz[ATT__KB_ENT] = sizeof(att__kb_ent);
        cnt[ATT__KB_ROLE] = b->nroles;
        esz[ATT__KB_ROLE] = sizeof(att__kb_role);
        cnt[ATT__KB_ALIAS] = b->naliases;
        esz[ATT__KB_ALIAS] = sizeof(att__kb_alias);
        cnt[ATT__KB_KEY] = nkeys;
        esz[ATT__KB_KEY] = sizeof(att__kb_key);
        cnt[ATT__KB_LEX] = b->nlex;
        esz[ATT__KB_LEX] = sizeof(att__kb_lex);
        for (int f = 0; f < ATT__PF_COUNT; f++) {
            cnt[ATT__KB_PFX + f] = npfx[f];
            esz[ATT__KB_PFX + f] = sizeof(uint64_t);
        }
        for (int t = 0; t < ATT__KT_COUNT; t++) {
            cnt[ATT__KB_HKEY + t] = ntab[t];
            esz[ATT__KB_HKEY + t] = sizeof(att__kb_slot);
        }
        total = align8(sizeof(hdr));
        for (int s = 0; s < ATT__KB_NSEC; s++) {
            off[s] = total;
            total = align8(total + cnt[s] * esz[s]);
        }
        if (total > UINT32_MAX) {
            rc = att__err(b->ctx, ATT_ETOOBIG, "knowledge base blob over 4 GiB");
            goto cleanup;
        }
        if (!(blob = calloc(1, total))) {
            rc = oom(b);
            goto cleanup;
        }
        memset(&hdr, 0, sizeof(hdr));
        memcpy(hdr.magic, ATT__KB_MAGIC, 8);
        hdr.version = ATT__KB_VERSION;
        hdr.size = (uint32_t)total;
        hdr.latest = b->latest;
        hdr.nents = (uint32_t)b->nents;
        for (int s = 0; s < ATT__KB_NSEC; s++) {
            hdr.sec[s].off = (uint32_t)off[s];
            hdr.sec[s].count = (uint32_t)cnt[s];
        }
        memcpy(blob, &hdr, sizeof(hdr));
        memcpy(blob + off[ATT__KB_STR], b->pool.data, b->pool.len);
        {
            att__kb_ent *E = (att__kb_ent *)(void *)(blob + off[ATT__KB_ENT]);
            att__kb_role *R = (att__kb_role *)(void *)(blob + off[ATT__KB_ROLE]);
            att__kb_alias *A = (att__kb_alias *)(void *)(blob + off[ATT__KB_ALIAS]);
            for (size_t i = 0; i < b->nents; i++) {
                const bent *e = &b->ents[i];
                E[i].id = e->id;
                E[i].name = e->name;
                E[i].code = e->code;
                E[i].country = e->country;
                E[i].capital = e->capital;
                E[i].population = e->population;
                E[i].lat = e->lat;
                E[i].lon = e->lon;
                E[i].geonameid = e->geonameid;
                E[i].type = e->type;
                E[i].kind = e->kind;
                E[i].flags = e->flags;
            }
            for (size_t i = 0; i < b->nroles; i++) {
                const brole *r = &b->roles[i];
                R[i].ent = r->ent;
                R[i].country = r->country;
                R[i].role = r->role;
                R[i].code = r->code;
                R[i].org = r->org;
                R[i].start = r->start;
                R[i].end = r->end;
                if (E[r->ent].nrole == 0)
                    E[r->ent].role0 = (uint32_t)i;
                E[r->ent].nrole++;
            }
            for (size_t i = 0; i < b->naliases; i++) {
                const balias *a = &b->aliases[i];
                A[i].ent = a->ent;
                A[i].form = a->form;
                A[i].fold = a->fold;
                A[i].kind = a->kind;
                A[i].flags = a->flags;
                A[i].nwords = a->nwords;
                memcpy(A[i].lang, a->lang, 3);
                if (E[a->ent].nalias == 0)
                    E[a->ent].alias0 = (uint32_t)i;
                E[a->ent].nalias++;
            }
        }
        if (nkeys)
            memcpy(blob + off[ATT__KB_KEY], keys, nkeys * sizeof(*keys));
        for (int f = 0; f < ATT__PF_COUNT; f++)
            memcpy(blob + off[ATT__KB_PFX + f], pfx[f], npfx[f] * sizeof(uint64_t));
        if (b->nlex)
            memcpy(blob + off[ATT__KB_LEX], b->lex, b->nlex * sizeof(att__kb_lex));
        for (int t = 0; t < ATT__KT_COUNT; t++)
            if (ntab[t])
                memcpy(blob + off[ATT__KB_HKEY + t], tab[t], ntab[t] * sizeof(att__kb_slot));
        *out = blob;
        *size = total;
        blob = NULL;
    }
    if (warnings)
        *warnings = b->warnings;
cleanup:
    free(items);
    free(blob);
    free(keys);
    for (int t = 0; t < ATT__KT_COUNT; t++) {
        free(tab[t]);
        free(il[t].v);
    }
    for (int f = 0; f < ATT__PF_COUNT; f++)
        free(pfx[f]);
    free(remap);
    return rc;
}

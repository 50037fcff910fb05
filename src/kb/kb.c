/*
 * kb.c - reading the knowledge-base blob: opening, lookups, dated roles.
 *
 * att__kb_open() checks the header and every offset and index in the blob
 * once (sections inside the blob, strings inside the pool and terminated,
 * entity/alias/role references in range), so the lookups after it need no
 * checks and a damaged or hostile overlay cannot make them read out of
 * bounds.  Nothing here writes to the blob; one opened KB is shared by any
 * number of threads.
 *
 * The set (att__kbset) a context holds is the embedded blob plus an
 * optional overlay compiled at att_ctx_open from --kb-extra.
 */
#include <stdlib.h>
#include <string.h>

#include "kb.h"

static int bad(att_ctx *ctx, const char *what)
{
    return att__err(ctx, ATT_EFORMAT, "knowledge base: %s", what);
}

static int str_ok(const att__kb *kb, uint32_t off)
{
    return off < kb->nstr;
}

int att__kb_open(att_ctx *ctx, att__kb *kb, const void *data, size_t size)
{
    const unsigned char *p = data;
    const att__kb_header *h = data;
    static const size_t esz[ATT__KB_NSEC] = {
        1, sizeof(att__kb_ent), sizeof(att__kb_role), sizeof(att__kb_alias),
        sizeof(att__kb_key), sizeof(uint32_t), sizeof(att__kb_lex),
    };
    memset(kb, 0, sizeof(*kb));
    if (!data || size < sizeof(*h) || ((uintptr_t)data & 7) != 0)
        return bad(ctx, "blob missing, too short or misaligned");
    if (memcmp(h->magic, ATT__KB_MAGIC, 8) != 0)
        return bad(ctx, "not a knowledge-base blob (bad magic)");
    if (h->version != ATT__KB_VERSION)
        return att__err(ctx, ATT_EFORMAT, "knowledge base: version %u, this program reads %u",
                        h->version, ATT__KB_VERSION);
    if (h->size > size)
        return bad(ctx, "blob truncated");
    for (int s = 0; s < ATT__KB_NSEC; s++) {
        uint64_t end = (uint64_t)h->sec[s].off + (uint64_t)h->sec[s].count * esz[s];
        if (end > h->size || (h->sec[s].off & 3) != 0)
            return bad(ctx, "section out of bounds");
    }
    kb->base = p;
    kb->size = h->size;
    kb->hdr = h;
    kb->str = (const char *)(p + h->sec[ATT__KB_STR].off);
    kb->nstr = h->sec[ATT__KB_STR].count;
    kb->ents = (const att__kb_ent *)(const void *)(p + h->sec[ATT__KB_ENT].off);
    kb->nents = h->sec[ATT__KB_ENT].count;
    kb->roles = (const att__kb_role *)(const void *)(p + h->sec[ATT__KB_ROLE].off);
    kb->nroles = h->sec[ATT__KB_ROLE].count;
    kb->aliases = (const att__kb_alias *)(const void *)(p + h->sec[ATT__KB_ALIAS].off);
    kb->naliases = h->sec[ATT__KB_ALIAS].count;
    kb->keys = (const att__kb_key *)(const void *)(p + h->sec[ATT__KB_KEY].off);
    kb->nkeys = h->sec[ATT__KB_KEY].count;
    kb->hash = (const uint32_t *)(const void *)(p + h->sec[ATT__KB_HASH].off);
    kb->nhash = h->sec[ATT__KB_HASH].count;
    kb->lex = (const att__kb_lex *)(const void *)(p + h->sec[ATT__KB_LEX].off);
    kb->nlex = h->sec[ATT__KB_LEX].count;
    if (kb->nstr == 0 || kb->str[kb->nstr - 1] != '\0' || kb->str[0] != '\0')
        return bad(ctx, "string pool not terminated");
    if (kb->nhash == 0 || (kb->nhash & (kb->nhash - 1)) != 0)
        return bad(ctx, "hash index size is not a power of two");
    for (size_t i = 0; i < kb->nents; i++) {
        const att__kb_ent *e = &kb->ents[i];
        if (!str_ok(kb, e->id) || !str_ok(kb, e->name) || !str_ok(kb, e->code) ||
            !str_ok(kb, e->country) || !str_ok(kb, e->capital) ||
            (uint64_t)e->role0 + e->nrole > kb->nroles ||
            (uint64_t)e->alias0 + e->nalias > kb->naliases || e->type >= ATT__ET_COUNT)
            return bad(ctx, "entity record out of bounds");
    }
    for (size_t i = 0; i < kb->nroles; i++) {
        const att__kb_role *r = &kb->roles[i];
        if (r->ent >= kb->nents || !str_ok(kb, r->country) || !str_ok(kb, r->role) ||
            !str_ok(kb, r->code) || !str_ok(kb, r->org))
            return bad(ctx, "role record out of bounds");
    }
    for (size_t i = 0; i < kb->naliases; i++) {
        const att__kb_alias *a = &kb->aliases[i];
        if (a->ent >= kb->nents || !str_ok(kb, a->form) || !str_ok(kb, a->fold) ||
            a->kind >= ATT__AK_COUNT || a->lang[2] != '\0')
            return bad(ctx, "alias record out of bounds");
    }
    for (size_t i = 0; i < kb->nkeys; i++)
        if (!str_ok(kb, kb->keys[i].key) || kb->keys[i].alias >= kb->naliases)
            return bad(ctx, "key record out of bounds");
    for (size_t i = 0; i < kb->nhash; i++)
        if (kb->hash[i] > kb->nkeys)
            return bad(ctx, "hash slot out of bounds");
    for (size_t i = 0; i < kb->nlex; i++) {
        const att__kb_lex *l = &kb->lex[i];
        if (!str_ok(kb, l->key) || !str_ok(kb, l->form) || !str_ok(kb, l->a) ||
            !str_ok(kb, l->b) || l->cls >= ATT__LX_COUNT)
            return bad(ctx, "lexicon record out of bounds");
    }
    return 0;
}

void att__kb_close(att__kb *kb)
{
    if (!kb)
        return;
    free(kb->owned);
    memset(kb, 0, sizeof(*kb));
}

int att__kb_find_key(const att__kb *kb, const char *key, size_t n, size_t *lo, size_t *hi)
{
    size_t h, mask;
    *lo = *hi = 0;
    if (!kb->nhash || !kb->nkeys)
        return 0;
    mask = kb->nhash - 1;
    h = (size_t)att__hash64(key, n, 0) & mask;
    for (size_t probes = 0; probes < kb->nhash && kb->hash[h]; probes++) {
        size_t i = kb->hash[h] - 1;
        const char *k = kb->str + kb->keys[i].key;
        if (strncmp(k, key, n) == 0 && k[n] == '\0') {
            size_t e = i + 1;
            while (e < kb->nkeys && kb->keys[e].key == kb->keys[i].key)
                e++;
            *lo = i;
            *hi = e;
            return 1;
        }
        h = (h + 1) & mask;
    }
    return 0;
}

long att__kb_find_id(const att__kb *kb, const char *id)
{
    size_t lo = 0, hi = kb->nents;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int d = strcmp(kb->str + kb->ents[mid].id, id);
        if (d == 0)
            return (long)mid;
        if (d < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static int lexcmp(const att__kb *kb, size_t i, const char *fold, size_t n, int cls)
{
    const char *k = kb->str + kb->lex[i].key;
    int d = strncmp(k, fold, n);
    if (d == 0 && k[n] != '\0')
        d = 1;
    if (d == 0)
        d = (int)kb->lex[i].cls - cls;
    return d;
}

int att__kb_find_lex(const att__kb *kb, const char *fold, size_t n, int cls, size_t *lo,
                     size_t *hi)
{
    size_t a = 0, b = kb->nlex;
    while (a < b) { /* first entry >= (fold, cls) */
        size_t mid = a + (b - a) / 2;
        if (lexcmp(kb, mid, fold, n, cls) < 0)
            a = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    b = a;
    while (b < kb->nlex && lexcmp(kb, b, fold, n, cls) == 0)
        b++;
    *hi = b;
    return *hi > *lo;
}

/* Roles by seniority; the rank also breaks ties between persons. */
static const struct {
    const char *role;
    int rank;
} role_ranks[] = {
    {"head_of_state", 6},  {"monarch", 6},          {"supreme_leader", 6},
    {"head_of_government", 5}, {"foreign_minister", 4}, {"secretary_general", 4},
    {"defence_minister", 3}, {"vice_president", 3},   {"deputy_head_of_government", 3},
    {"commission_president", 4}, {"high_representative", 3},
};

int att__kb_role_rank(const char *role)
{
    for (size_t i = 0; i < ATT_ARRAY_LEN(role_ranks); i++)
        if (strcmp(role_ranks[i].role, role) == 0)
            return role_ranks[i].rank;
    return 1;
}

static int in_force(const att__kb_role *r, uint32_t date)
{
    return (r->start == 0 || r->start <= date) && (r->end == 0 || date <= r->end);
}

const att__kb_role *att__kb_role_at(const att__kb *kb, uint32_t e, uint32_t date)
{
    const att__kb_role *best = NULL;
    int brank = 0;
    if (e >= kb->nents)
        return NULL;
    for (uint32_t i = 0; i < kb->ents[e].nrole; i++) {
        const att__kb_role *r = &kb->roles[kb->ents[e].role0 + i];
        int rank;
        if (!in_force(r, date))
            continue;
        rank = att__kb_role_rank(kb->str + r->role);
        if (rank > brank || (rank == brank && best && r->start > best->start)) {
            best = r;
            brank = rank;
        }
    }
    return best;
}

const char *att__kb_code_at(const att__kb *kb, uint32_t e, uint32_t date)
{
    const att__kb_role *r;
    const att__kb_ent *ent;
    if (e >= kb->nents)
        return NULL;
    ent = &kb->ents[e];
    if ((r = att__kb_role_at(kb, e, date)) != NULL && r->code)
        return kb->str + r->code;
    if (ent->code)
        return kb->str + ent->code;
    if (ent->country && (ent->type == ATT__ET_PERSON ||
                         (ent->type == ATT__ET_PLACE && ent->kind != ATT__PK_REGION))) {
        /* a place's or a role-less person's code is the country's */
        char id[16];
        long c;
        if (strlen(kb->str + ent->country) < 4) {
            memcpy(id, "country:", 8);
            strcpy(id + 8, kb->str + ent->country);
            if ((c = att__kb_find_id(kb, id)) >= 0 && kb->ents[c].code)
                return kb->str + kb->ents[c].code;
            return kb->str + ent->country;
        }
    }
    return NULL;
}

long att__kb_holder(const att__kb *kb, const char *country, const char *role, uint32_t date)
{
    long best = -1;
    uint32_t bstart = 0;
    for (size_t i = 0; i < kb->nroles; i++) {
        const att__kb_role *r = &kb->roles[i];
        if (strcmp(kb->str + r->role, role) != 0 || strcmp(kb->str + r->country, country) != 0 ||
            !in_force(r, date))
            continue;
        if (best < 0 || r->start > bstart) {
            best = (long)r->ent;
            bstart = r->start;
        }
    }
    return best;
}

static const char *const type_names[ATT__ET_COUNT] = {
    "", "country", "place", "person", "org", "project", "event",
};

const char *att__kb_type_name(int type)
{
    return type > 0 && type < ATT__ET_COUNT ? type_names[type] : "";
}

/* ---- the set a context holds --------------------------------------------- */

int att__kbset_open(att_ctx *ctx, const char *overlay, att__kbset **out)
{
    att__kbset *set = calloc(1, sizeof(*set));
    att__kbc *b = NULL;
    unsigned char *blob = NULL;
    size_t size = 0, esize = 0;
    const void *emb;
    int rc = 0;

    *out = NULL;
    if (!set)
        return att__err(ctx, ATT_ENOMEM, "out of memory");
    emb = att__kb_embedded(&esize);
    if (emb && esize) {
        if ((rc = att__kb_open(ctx, &set->base, emb, esize)))
            goto cleanup;
        set->has_base = 1;
    }
    if (overlay && *overlay) {
        if ((rc = att__kbc_new(ctx, 1, &b)) || (rc = att__kbc_add_file(b, overlay)) ||
            (rc = att__kbc_finish(b, &blob, &size, NULL)))
            goto cleanup;
        if ((rc = att__kb_open(ctx, &set->overlay, blob, size)))
            goto cleanup;
        set->overlay.owned = blob;
        blob = NULL;
        set->has_overlay = 1;
    }
    *out = set;
    set = NULL;
cleanup:
    att__kbc_free(b);
    free(blob);
    att__kbset_free(set);
    return rc;
}

void att__kbset_free(att__kbset *set)
{
    if (!set)
        return;
    att__kb_close(&set->overlay);
    free(set);
}

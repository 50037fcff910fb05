/*
 * kb.c - reading the knowledge-base blob: opening, lookups, dated roles.
 *
 * att__kb_open() checks the header and every offset and index in the blob
 * once (sections inside the blob, strings inside the pool and terminated,
 * entity/alias/role references in range), so the lookups after it need no
 * checks and a damaged or hostile overlay cannot make them read out of
 * bounds.  Nothing here writes to the blob; one opened KB is shared by any
 * number of threads.  A hash index is probed from the slot the low half of
 * the string's hash picks, comparing the fingerprint (high half) and the
 * length before any bytes, until an empty slot (att__kb_open checks that
 * every index has one).
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

/* Is any used slot's string or record range outside the blob?  An empty
 * table is fine; a full one is not (a probe must reach an empty slot). */
static int slots_bad(const att__kb *kb, const att__kb_slot *t, size_t n, size_t nrec)
{
    uint64_t str = 0, rec = 0; /* the largest ends: one test at the end */
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        const att__kb_slot *s = &t[i];
        uint64_t a = (uint64_t)s->str + s->len, b = (uint64_t)s->first + s->count;
        if (!s->flags)
            continue;
        used++;
        str = a > str ? a : str;
        rec = b > rec ? b : rec;
    }
    return str >= kb->nstr || rec > nrec || (n && used == n);
}

int att__kb_open(att_ctx *ctx, att__kb *kb, const void *data, size_t size)
{
    const unsigned char *p = data;
    const att__kb_header *h = data;
    static const size_t esz[ATT__KB_NSEC] = {
        1, sizeof(att__kb_ent), sizeof(att__kb_role), sizeof(att__kb_alias),
        sizeof(att__kb_key), sizeof(att__kb_lex), sizeof(uint64_t), sizeof(uint64_t),
        sizeof(att__kb_slot), sizeof(att__kb_slot), sizeof(att__kb_slot), sizeof(att__kb_slot),
        sizeof(att__kb_slot),
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
        if (end > h->size || (h->sec[s].off & 7) != 0)
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
    kb->lex = (const att__kb_lex *)(const void *)(p + h->sec[ATT__KB_LEX].off);
    kb->nlex = h->sec[ATT__KB_LEX].count;
    for (int f = 0; f < ATT__PF_COUNT; f++) {
        kb->pfx[f] = (const uint64_t *)(const void *)(p + h->sec[ATT__KB_PFX + f].off);
        kb->npfx[f] = h->sec[ATT__KB_PFX + f].count;
        if (kb->npfx[f] == 0 || (kb->npfx[f] & (kb->npfx[f] - 1)) != 0)
            return bad(ctx, "prefix filter size is not a power of two");
    }
    for (int t = 0; t < ATT__KT_COUNT; t++) {
        kb->tab[t] = (const att__kb_slot *)(const void *)(p + h->sec[ATT__KB_HKEY + t].off);
        kb->ntab[t] = h->sec[ATT__KB_HKEY + t].count;
    }
    if (kb->nstr == 0 || kb->str[kb->nstr - 1] != '\0' || kb->str[0] != '\0')
        return bad(ctx, "string pool not terminated");
    if ((kb->nkeys && !kb->ntab[ATT__KT_KEY]) || (kb->nlex && !kb->ntab[ATT__KT_LEX]))
        return bad(ctx, "hash index missing");
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
    for (int t = 0; t < ATT__KT_COUNT; t++)
        if (slots_bad(kb, kb->tab[t], kb->ntab[t], t == ATT__KT_LEX ? kb->nlex : kb->nkeys))
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

/* Linear probing from the slot the low 32 bits of h pick (multiply-shift,
 * so the table needs no power-of-two size); the loop ends at an empty slot,
 * which att__kb_open made sure exists. */
static const att__kb_slot *probe(const att__kb *kb, const att__kb_slot *t, size_t n,
                                 const char *s, size_t len, uint64_t h)
{
    uint32_t fp = (uint32_t)(h >> 32);
    size_t i;
    if (!n || len > 255)
        return NULL;
    i = (size_t)(((uint64_t)(uint32_t)h * n) >> 32);
    for (;;) {
        const att__kb_slot *x = &t[i];
        if (!x->flags)
            return NULL;
        if (x->fp == fp && x->len == len && memcmp(kb->str + x->str, s, len) == 0)
            return x;
        if (++i == n)
            i = 0;
    }
}

const att__kb_slot *att__kb_slot_find(const att__kb *kb, int t, const char *s, size_t n,
                                      uint64_t h)
{
    return probe(kb, kb->tab[t], kb->ntab[t], s, n, h);
}

int att__kb_find_key(const att__kb *kb, const char *key, size_t n, size_t *lo, size_t *hi)
{
    const att__kb_slot *s = att__kb_slot_find(kb, ATT__KT_KEY, key, n, att__kb_hash(key, n));
    *lo = *hi = 0;
    if (!s || !s->count)
        return 0;
    *lo = s->first;
    *hi = (size_t)s->first + s->count;
    return 1;
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

int att__kb_lex_range(const att__kb *kb, const att__kb_slot *s, int cls, size_t *lo, size_t *hi)
{
    size_t a, b;
    *lo = *hi = 0;
    if (!s || cls <= 0 || cls >= 8 || !(s->flags & ATT__SF_CLASS(cls)))
        return 0;
    a = s->first;
    b = a + s->count;
    while (a < b && kb->lex[a].cls != cls) /* records of a fold are sorted by class */
        a++;
    *lo = a;
    while (a < b && kb->lex[a].cls == cls)
        a++;
    *hi = a;
    return *hi > *lo;
}

int att__kb_find_lex(const att__kb *kb, const char *fold, size_t n, int cls, size_t *lo,
                     size_t *hi)
{
    return att__kb_lex_range(kb, att__kb_slot_find(kb, ATT__KT_LEX, fold, n, att__kb_hash(fold, n)),
                             cls, lo, hi);
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

/*
 * query_entities.c - the entity queries: over the store (entities with
 * their counts, the documents of one entity, the entities named with it)
 * and over the knowledge base (what a name resolves to and why, an
 * entity's names and dated roles).
 *
 * Both kinds answer with att_rows so the CLI and the server print them like
 * any other query; the KB ones build their rows by hand (rows_new,
 * rows_add) from kb/ lookups instead of from SQL, which is why they live
 * here, next to the att_rows type, rather than in kb/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../kb/kb.h"
#include "store.h"

/* ---- store queries ------------------------------------------------------------ */

int att_store_entities(att_store *st, const char *kind, int limit, att_rows **out)
{
    char sql[640];
    const char *params[1] = {kind};
    if (!out)
        return att__err(st ? st->ctx : NULL, ATT_EINVAL, "att_store_entities: no output pointer");
    *out = NULL;
    if (!st)
        return ATT_EINVAL;
    snprintf(sql, sizeof(sql),
             "SELECT e.id AS id, e.type AS type, e.name AS name,"
             " (SELECT d.code FROM doc_entities d WHERE d.entity_id = e.id"
             "   GROUP BY d.code ORDER BY count(*) DESC, d.code LIMIT 1) AS code,"
             " (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions,"
             " (SELECT count(*) FROM doc_entities d WHERE d.entity_id = e.id) AS documents"
             " FROM entities e WHERE (?1 IS NULL OR e.type = ?1)"
             " ORDER BY documents DESC, mentions DESC, e.id LIMIT %d",
             limit > 0 ? limit : -1);
    return att__store_rows(st, sql, params, 1, out);
}

int att_store_entity_docs(att_store *st, const char *id, int limit, att_rows **out)
{
    char sql[512];
    const char *params[1] = {id};
    if (!out)
        return att__err(st ? st->ctx : NULL, ATT_EINVAL, "att_store_entity_docs: no output");
    *out = NULL;
    if (!st || !id)
        return ATT_EINVAL;
    snprintf(sql, sizeof(sql),
             "SELECT d.id AS doc, d.published AS published, d.title AS title,"
             " d.source AS source, de.code AS code,"
             " (SELECT count(*) FROM mentions m WHERE m.doc_id = d.id AND m.entity_id = ?1)"
             "   AS mentions"
             " FROM doc_entities de JOIN documents d ON d.id = de.doc_id"
             " WHERE de.entity_id = ?1"
             " ORDER BY d.published DESC NULLS LAST, d.docno DESC LIMIT %d",
             limit > 0 ? limit : -1);
    return att__store_rows(st, sql, params, 1, out);
}

int att_store_entity_related(att_store *st, const char *id, int limit, att_rows **out)
{
    char sql[512];
    const char *params[1] = {id};
    if (!out)
        return att__err(st ? st->ctx : NULL, ATT_EINVAL, "att_store_entity_related: no output");
    *out = NULL;
    if (!st || !id)
        return ATT_EINVAL;
    snprintf(sql, sizeof(sql),
             "SELECT e.id AS id, e.type AS type, e.name AS name,"
             " count(DISTINCT b.doc_id) AS documents"
             " FROM doc_entities a JOIN doc_entities b ON b.doc_id = a.doc_id"
             " JOIN entities e ON e.id = b.entity_id"
             " WHERE a.entity_id = ?1 AND b.entity_id <> ?1"
             " GROUP BY e.id ORDER BY documents DESC, e.id LIMIT %d",
             limit > 0 ? limit : -1);
    return att__store_rows(st, sql, params, 1, out);
}

/* ---- rows built by hand ---------------------------------------------------------- */

static int rows_new(att_rows **out, const char *const *cols, size_t n)
{
    att_rows *r = calloc(1, sizeof(*r));
    *out = NULL;
    if (!r || !(r->colnames = calloc(n, sizeof(char *)))) {
        free(r);
        return ATT_ENOMEM;
    }
    r->ncols = n;
    for (size_t i = 0; i < n; i++)
        if (!(r->colnames[i] = strdup(cols[i]))) {
            att_rows_free(r);
            return ATT_ENOMEM;
        }
    *out = r;
    return 0;
}

static int rows_add(att_rows *r, const char *const *cells)
{
    size_t n = r->nrows * r->ncols;
    if (n + r->ncols > r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16 * r->ncols;
        char **c;
        if (cap > SIZE_MAX / sizeof(char *) || !(c = realloc(r->cells, cap * sizeof(char *))))
            return ATT_ENOMEM;
        r->cells = c;
        r->cap = cap;
    }
    for (size_t i = 0; i < r->ncols; i++)
        r->cells[n + i] = NULL;
    r->nrows++;
    for (size_t i = 0; i < r->ncols; i++)
        if (cells[i] && !(r->cells[n + i] = strdup(cells[i])))
            return ATT_ENOMEM;
    return 0;
}

/* ---- knowledge-base lookups ----------------------------------------------------- */

static const char *const akind[ATT__AK_COUNT] = {
    "name", "variant", "former", "inflected", "acronym", "adjective", "demonym", "surname",
};

typedef struct hit {
    const att__kb *kb;
    long ent;
    const att__kb_alias *alias;
    const char *how;
    int score;
} hit;

static int prior(const att__kb *kb, long ent, uint32_t date, const char *how, char *why,
                 size_t size)
{
    const att__kb_ent *e = &kb->ents[ent];
    static const int type_score[ATT__ET_COUNT] = {0, 100, 60, 80, 90, 85, 85};
    int s = type_score[e->type < ATT__ET_COUNT ? e->type : 0];
    const att__kb_role *r = NULL;
    if (e->type == ATT__ET_PLACE) {
        uint32_t p = e->population;
        s += e->kind == ATT__PK_CAPITAL ? 25 : e->kind == ATT__PK_REGION ? 15 : 0;
        while (p >= 10) {
            p /= 10;
            s += 3;
        }
    }
    if (e->type == ATT__ET_PERSON && (r = att__kb_role_at(kb, (uint32_t)ent, date)) != NULL)
        s += 30 + 2 * att__kb_role_rank(kb->str + r->role);
    if (strcmp(how, "exact key") != 0)
        s -= 5;
    snprintf(why, size, "%s; %s%s%s%s", how, att__kb_type_name(e->type),
             r ? ", in office as " : "", r ? kb->str + r->role : "",
             e->type == ATT__ET_PLACE && e->population ? ", populous" : "");
    return s;
}

static int cmp_hit(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->score != y->score)
        return y->score - x->score;
    return strcmp(x->kb->str + x->kb->ents[x->ent].id, y->kb->str + y->kb->ents[y->ent].id);
}

static int collect(const att__kb *kb, const char *key, size_t kl, int stem, const char *how,
                   hit **hits, size_t *n, size_t *cap)
{
    size_t lo, hi;
    if (!att__kb_find_key(kb, key, kl, &lo, &hi))
        return 0;
    for (size_t j = lo; j < hi; j++) {
        const att__kb_alias *a = &kb->aliases[kb->keys[j].alias];
        int is_stem = (kb->keys[j].flags & ATT__KEYF_STEM) != 0;
        hit h;
        if (is_stem != stem)
            continue;
        if (strcmp(how, "adjective ending") == 0 && a->kind != ATT__AK_ADJECTIVE)
            continue;
        if (strcmp(how, "genitive -s") == 0 && a->kind == ATT__AK_ADJECTIVE)
            continue;
        h.kb = kb;
        h.ent = (long)a->ent;
        h.alias = a;
        h.how = how;
        h.score = 0;
        if (ATT_PUSH(*hits, *n, *cap, h))
            return ATT_ENOMEM;
    }
    return 0;
}

static const att__kbset *kbset(att_ctx *ctx)
{
    return ctx ? (const att__kbset *)ctx->kb : NULL;
}

int att_kb_lookup(att_ctx *ctx, const char *name, const char *date, att_rows **out)
{
    static const char *const cols[] = {"id", "type", "name", "code", "score", "matched", "why"};
    static const char *const endings[] = {"en", "em", "er", "es", "e"};
    const att__kbset *set = kbset(ctx);
    const att__kb *kbs[2];
    char fold[ATT__KB_MAXKEY], key[ATT__KB_MAXKEY];
    hit *hits = NULL;
    size_t nh = 0, ch = 0, fl, kl;
    uint32_t d;
    att_rows *r = NULL;
    int rc = 0;

    if (!out)
        return att__err(ctx, ATT_EINVAL, "att_kb_lookup: no output pointer");
    *out = NULL;
    if (!set || !name)
        return att__err(ctx, ATT_EINVAL, "att_kb_lookup: no knowledge base or name");
    kbs[0] = set->has_overlay ? &set->overlay : NULL;
    kbs[1] = set->has_base ? &set->base : NULL;
    d = date && *date ? att__kb_date(date, strlen(date), 0) : 0;
    if (!d)
        d = set->has_base ? set->base.hdr->latest : 20250101;
    fl = att__kb_fold(name, strlen(name), fold, sizeof(fold));
    if (fl == (size_t)-1)
        return att__err(ctx, ATT_EINVAL, "name too long: %.40s...", name);
    memcpy(key, fold, fl + 1);
    kl = att__kb_fold_to_key(key, fl);
    for (int k = 0; k < 2 && !rc; k++) {
        if (!kbs[k])
            continue;
        rc = collect(kbs[k], key, kl, 0, "exact key", &hits, &nh, &ch);
        if (!rc && strchr(key, ' ')) {
            char stem[ATT__KB_MAXKEY];
            memcpy(stem, key, kl + 1);
            size_t sl = att__kb_stem(stem, kl);
            rc = collect(kbs[k], stem, sl, 1, "inflected words (stem key)", &hits, &nh, &ch);
        }
    }
    /* with an ending cut off, as the annotator does */
    if (!rc && nh == 0 && fl > 4 && fold[fl - 1] == 's') {
        char t[ATT__KB_MAXKEY];
        memcpy(t, fold, fl - 1);
        t[fl - 1] = '\0';
        size_t tl = att__kb_fold_to_key(t, fl - 1);
        for (int k = 0; k < 2 && !rc; k++)
            if (kbs[k])
                rc = collect(kbs[k], t, tl, 0, "genitive -s", &hits, &nh, &ch);
    }
    for (size_t e = 0; !rc && nh == 0 && e < ATT_ARRAY_LEN(endings); e++) {
        size_t el = strlen(endings[e]);
        char t[ATT__KB_MAXKEY];
        if (fl <= el + 3 || memcmp(fold + fl - el, endings[e], el) != 0)
            continue;
        memcpy(t, fold, fl - el);
        t[fl - el] = '\0';
        size_t tl = att__kb_fold_to_key(t, fl - el);
        for (int k = 0; k < 2 && !rc; k++)
            if (kbs[k])
                rc = collect(kbs[k], t, tl, 0, "adjective ending", &hits, &nh, &ch);
    }
    if (rc)
        goto cleanup;
    /* stubs of the overlay are the base's entities */
    for (size_t i = 0; i < nh; i++) {
        if ((hits[i].kb->ents[hits[i].ent].flags & ATT__EF_STUB) && set->has_base) {
            long b = att__kb_find_id(&set->base, hits[i].kb->str + hits[i].kb->ents[hits[i].ent].id);
            if (b >= 0) {
                hits[i].kb = &set->base;
                hits[i].ent = b;
            }
        }
    }
    if ((rc = rows_new(&r, cols, ATT_ARRAY_LEN(cols))))
        goto cleanup;
    {
        char why[200];
        for (size_t i = 0; i < nh; i++)
            hits[i].score = prior(hits[i].kb, hits[i].ent, d, hits[i].how, why, sizeof(why));
        if (nh)
            qsort(hits, nh, sizeof(hit), cmp_hit);
        for (size_t i = 0; i < nh && !rc; i++) {
            const att__kb *kb = hits[i].kb;
            const att__kb_ent *e = &kb->ents[hits[i].ent];
            char score[16], matched[300];
            const char *cells[7];
            int dup = 0;
            for (size_t j = 0; j < i; j++)
                dup |= hits[j].kb == kb && hits[j].ent == hits[i].ent;
            if (dup)
                continue;
            prior(kb, hits[i].ent, d, hits[i].how, why, sizeof(why));
            snprintf(score, sizeof(score), "%d", hits[i].score);
            snprintf(matched, sizeof(matched), "%s (%s, %s%s)", kb->str + hits[i].alias->form,
                     hits[i].alias->lang, akind[hits[i].alias->kind],
                     hits[i].alias->flags & ATT__AF_WEAK ? ", GeoNames" : "");
            cells[0] = kb->str + e->id;
            cells[1] = att__kb_type_name(e->type);
            cells[2] = kb->str + e->name;
            cells[3] = att__kb_code_at(kb, (uint32_t)hits[i].ent, d);
            cells[4] = score;
            cells[5] = matched;
            cells[6] = why;
            rc = rows_add(r, cells);
        }
    }
    if (!rc) {
        *out = r;
        r = NULL;
    }
cleanup:
    if (rc == ATT_ENOMEM)
        att__err(ctx, rc, "out of memory looking up a name");
    att_rows_free(r);
    free(hits);
    return rc;
}

/* The KB and index of entity id, or of the best match of a name. */
static int find_entity(att_ctx *ctx, const char *id, const att__kb **kb, long *idx)
{
    const att__kbset *set = kbset(ctx);
    att_rows *r = NULL;
    int rc;
    *kb = NULL;
    *idx = -1;
    if (!set || !id)
        return att__err(ctx, ATT_EINVAL, "no knowledge base or id");
    if (set->has_base && (*idx = att__kb_find_id(&set->base, id)) >= 0) {
        *kb = &set->base;
        return 0;
    }
    if (set->has_overlay && (*idx = att__kb_find_id(&set->overlay, id)) >= 0) {
        *kb = &set->overlay;
        return 0;
    }
    if ((rc = att_kb_lookup(ctx, id, NULL, &r)))
        return rc;
    if (att_rows_count(r) > 0) {
        const char *best = att_rows_get(r, 0, 0);
        if (set->has_base && (*idx = att__kb_find_id(&set->base, best)) >= 0)
            *kb = &set->base;
        else if (set->has_overlay && (*idx = att__kb_find_id(&set->overlay, best)) >= 0)
            *kb = &set->overlay;
    }
    att_rows_free(r);
    if (!*kb)
        return att__err(ctx, ATT_ENOTFOUND, "no entity '%s' in the knowledge base", id);
    return 0;
}

int att_kb_names(att_ctx *ctx, const char *id, att_rows **out)
{
    static const char *const cols[] = {"lang", "kind", "form"};
    const att__kb *kb;
    long e;
    att_rows *r = NULL;
    int rc;
    if (!out)
        return att__err(ctx, ATT_EINVAL, "att_kb_names: no output pointer");
    *out = NULL;
    if ((rc = find_entity(ctx, id, &kb, &e)) || (rc = rows_new(&r, cols, 3)))
        return rc;
    for (uint32_t i = 0; i < kb->ents[e].nalias && !rc; i++) {
        const att__kb_alias *a = &kb->aliases[kb->ents[e].alias0 + i];
        const char *cells[3] = {a->lang, akind[a->kind], kb->str + a->form};
        if (a->flags & ATT__AF_WEAK)
            continue; /* GeoNames spellings: many, and not what a reader wants */
        rc = rows_add(r, cells);
    }
    if (rc) {
        att_rows_free(r);
        return att__err(ctx, ATT_ENOMEM, "out of memory");
    }
    *out = r;
    return 0;
}

static void date_str(uint32_t d, char out[16])
{
    if (!d)
        out[0] = '\0';
    else
        snprintf(out, 16, "%04u-%02u-%02u", (unsigned)(d / 10000 % 10000),
                 (unsigned)(d / 100 % 100), (unsigned)(d % 100));
}

int att_kb_roles(att_ctx *ctx, const char *id, att_rows **out)
{
    static const char *const cols[] = {"role", "country", "code", "start", "end", "org"};
    const att__kb *kb;
    long e;
    att_rows *r = NULL;
    int rc;
    if (!out)
        return att__err(ctx, ATT_EINVAL, "att_kb_roles: no output pointer");
    *out = NULL;
    if ((rc = find_entity(ctx, id, &kb, &e)) || (rc = rows_new(&r, cols, 6)))
        return rc;
    for (uint32_t i = 0; i < kb->ents[e].nrole && !rc; i++) {
        const att__kb_role *ro = &kb->roles[kb->ents[e].role0 + i];
        char s[16], t[16];
        date_str(ro->start, s);
        date_str(ro->end, t);
        const char *cells[6] = {kb->str + ro->role, kb->str + ro->country, kb->str + ro->code,
                                s, t, kb->str + ro->org};
        rc = rows_add(r, cells);
    }
    if (rc) {
        att_rows_free(r);
        return att__err(ctx, ATT_ENOMEM, "out of memory");
    }
    *out = r;
    return 0;
}

/*
 * test_kb.c - the knowledge base: name keys (every transliteration pair
 * the entity-linking issue lists), the compiler and blob checks, lookups,
 * the overlay, and the dated codes of the heads of state and government of
 * eight countries on two dates, read from the embedded KB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kb.h"
#include "test.h"

static const char *key(const char *s, char *buf, size_t n)
{
    size_t l = att__kb_keyof(s, strlen(s), buf, n);
    return l == (size_t)-1 ? "(too long)" : buf;
}

/* Each row: spellings of one name that must share a key. */
static const char *const same[][4] = {
    {"Tokajew", "Tokayev", "Tokaev", "Токаев"},
    {"Alijew", "Aliyev", "Əliyev", "Алиев"},
    {"Paschinjan", "Pashinyan", "Пашинян", NULL},
    {"Berdimuhamedow", "Berdimuhamedov", "Berdymukhammedov", NULL},
    {"Nasarbajew", "Nazarbayev", "Назарбаев", NULL},
    {"Lawrow", "Lavrov", "Лавров", NULL},
    {"Aserbaidschan", "aserbaidschan", "ASERBAIDSCHAN", NULL},
    {"Füzuli", "Fuzuli", "Füzuli", NULL},
    {"Straße", "Strasse", NULL, NULL},
};

TEST(keys_meet)
{
    char a[ATT__KB_MAXKEY], b[ATT__KB_MAXKEY];
    for (size_t i = 0; i < ATT_ARRAY_LEN(same); i++)
        for (int k = 1; k < 4 && same[i][k]; k++)
            CHECK_STR(key(same[i][k], b, sizeof(b)), key(same[i][0], a, sizeof(a)));
    CHECK_STR(key("Tokajew", a, sizeof(a)), "tokaev");
    CHECK_STR(key("Kassym-Schomart  Tokajew", a, sizeof(a)), "kasim shomart tokaev");
}

TEST(keys_keep_apart)
{
    char a[ATT__KB_MAXKEY], b[ATT__KB_MAXKEY];
    CHECK(strcmp(key("Wien", a, sizeof(a)), key("Wein", b, sizeof(b))) != 0);
    CHECK(strcmp(key("Essen", a, sizeof(a)), key("Esse", b, sizeof(b))) != 0);
    CHECK(strcmp(key("Baki", a, sizeof(a)), key("Bakı", b, sizeof(b))) == 0);
    CHECK_INT(att__kb_keyof("x", 1, a, 1), (long long)(size_t)-1); /* no room */
}

TEST(stem_keys)
{
    char a[ATT__KB_MAXKEY], b[ATT__KB_MAXKEY];
    size_t la = att__kb_keyof("Kaspischen Meeres", 17, a, sizeof(a));
    size_t lb = att__kb_keyof("Kaspisches Meer", 15, b, sizeof(b));
    att__kb_stem(a, la);
    att__kb_stem(b, lb);
    CHECK_STR(a, b);
    la = att__kb_keyof("Vereinten Nationen", 18, a, sizeof(a));
    lb = att__kb_keyof("Vereinte Nationen", 17, b, sizeof(b));
    att__kb_stem(a, la);
    att__kb_stem(b, lb);
    CHECK_STR(a, b);
}

/* The fold of every prefix of a string is a prefix of its fold, and
 * att__kb_fold_ends says where (the compound matcher relies on it). */
TEST(fold_of_prefixes)
{
    static const char *const s[] = {
        "Kasachstanreise", "Außenministerin", "Toka-jew's Straße", "Щучинск-Reise",
        "Ǝliyev.Q", "xÃ", "½ﬃ Ölpreis", "a..b''c  d", "",
    };
    char f[32], p[32];
    size_t ends[64];
    for (size_t i = 0; i < ATT_ARRAY_LEN(s); i++) {
        size_t n = strlen(s[i]), fl = att__kb_fold_ends(s[i], n, f, sizeof(f), ends);
        CHECK_INT(fl, att__kb_fold(s[i], n, p, sizeof(p)));
        for (size_t k = 0; k <= n; k++) {
            size_t pl = att__kb_fold(s[i], k, p, sizeof(p));
            if (ends[k] == (size_t)-1)
                continue; /* inside a character */
            CHECK_INT(ends[k], pl);
            CHECK(memcmp(f, p, pl) == 0);
        }
    }
    /* a fold that outgrows its buffer: prefixes that fit still count */
    CHECK_INT(att__kb_fold_ends("Kasachstanreise", 15, f, 8, ends), (long long)(size_t)-1);
    CHECK_INT(ends[5], 5);
    CHECK_INT(ends[15], (long long)(size_t)-1);
}

TEST(slugs_and_dates)
{
    char s[64];
    att__kb_slug("Kassym-Jomart Tokayev", s, sizeof(s));
    CHECK_STR(s, "kassym-jomart-tokayev");
    att__kb_slug("Füzuli", s, sizeof(s));
    CHECK_STR(s, "fuzuli");
    CHECK_INT(att__kb_date("2024-04", 7, 0), 20240401);
    CHECK_INT(att__kb_date("2024-04", 7, 1), 20240431);
    CHECK_INT(att__kb_date("2024", 4, 1), 20241231);
    CHECK_INT(att__kb_date("", 0, 0), 0);
}

static const char overlay[] = "# an overlay\n"
                              "id\ttype\tname\tcode\tcountry\taliases\n"
                              "person:erika-musterfrau\tperson\tErika Musterfrau\tDEUGOV\tDEU\t"
                              "Musterfrau|Frau Musterfrau\n"
                              "\n"
                              "entity\tlang\tform\tkind\n"
                              "country:KAZ\tde\tKasachenland\tvariant\n";

TEST(compile_overlay)
{
    att_ctx ctx;
    att__kbc *b = NULL;
    unsigned char *blob = NULL;
    size_t size = 0, lo, hi;
    att__kb kb;
    memset(&ctx, 0, sizeof(ctx));
    CHECK_INT(att__kbc_new(&ctx, 1, &b), 0);
    CHECK_INT(att__kbc_add_mem(b, "overlay.tsv", overlay, sizeof(overlay) - 1), 0);
    CHECK_INT(att__kbc_finish(b, &blob, &size, NULL), 0);
    att__kbc_free(b);
    CHECK_INT(att__kb_open(&ctx, &kb, blob, size), 0);
    CHECK(att__kb_find_id(&kb, "person:erika-musterfrau") >= 0);
    CHECK(att__kb_find_id(&kb, "country:KAZ") >= 0); /* a stub */
    CHECK(att__kb_find_key(&kb, "musterfrau", 10, &lo, &hi));
    CHECK(att__kb_find_key(&kb, "kasachenland", 12, &lo, &hi));
    CHECK(!att__kb_find_key(&kb, "kasachenlan", 11, &lo, &hi));
    /* "Frau Musterfrau": its first word may go on, "Musterfrau" may not */
    CHECK(att__kb_prefix(&kb, ATT__PF_ALL, att__kb_hash("frau", 4)));
    CHECK(att__kb_find_key(&kb, "frau musterfrau", 15, &lo, &hi) && hi - lo == 2); /* = stem */
    /* no lower-case name: the lower-case index is empty */
    CHECK(!att__kb_slot_find(&kb, ATT__KT_LOW, "musterfrau", 10, att__kb_hash("musterfrau", 10)));
    /* a damaged blob is refused, not trusted */
    if (size > 200) {
        unsigned char *bad = malloc(size);
        memcpy(bad, blob, size);
        ((att__kb_header *)(void *)bad)->sec[ATT__KB_ENT].count = 0x7fffffff;
        CHECK_INT(att__kb_open(&ctx, &kb, bad, size), ATT_EFORMAT);
        memcpy(bad, blob, size);
        bad[0] = 'X';
        CHECK_INT(att__kb_open(&ctx, &kb, bad, size), ATT_EFORMAT);
        /* a hash slot whose string lies outside the pool */
        memcpy(bad, blob, size);
        {
            const att__kb_header *h = (const att__kb_header *)(const void *)bad;
            att__kb_slot *t = (att__kb_slot *)(void *)(bad + h->sec[ATT__KB_HKEY].off);
            size_t k = 0;
            while (k < h->sec[ATT__KB_HKEY].count && !t[k].flags)
                k++;
            CHECK(k < h->sec[ATT__KB_HKEY].count);
            if (k < h->sec[ATT__KB_HKEY].count) {
                t[k].str = h->sec[ATT__KB_STR].count;
                CHECK_INT(att__kb_open(&ctx, &kb, bad, size), ATT_EFORMAT);
            }
        }
        free(bad);
    }
    free(blob);
}

TEST(bad_overlay_names_line)
{
    char msg[512];
    FILE *f = fopen("test_kb_bad.tsv", "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("# comment\nid\tname\nnonsense:x\tX\n", f);
    fclose(f);
    CHECK(att_kb_check("test_kb_bad.tsv", msg, sizeof(msg)) == ATT_EFORMAT);
    CHECK(strstr(msg, "test_kb_bad.tsv:3") != NULL);
    remove("test_kb_bad.tsv");
    CHECK(att_kb_check("/nonexistent/kb.tsv", msg, sizeof(msg)) != 0);
}

/* Heads of state and government, checked by hand against the record. */
static const struct {
    const char *country, *role, *date, *id;
} heads[] = {
    {"KAZ", "head_of_state", "2010-01-01", "person:nursultan-nazarbayev"},
    {"KAZ", "head_of_government", "2010-01-01", "person:karim-massimov"},
    {"KAZ", "head_of_state", "2025-01-01", "person:kassym-jomart-tokayev"},
    {"KAZ", "head_of_government", "2025-01-01", "person:olzhas-bektenov"},
    {"AZE", "head_of_state", "2010-01-01", "person:ilham-aliyev"},
    {"AZE", "head_of_government", "2010-01-01", "person:artur-rasizade"},
    {"AZE", "head_of_state", "2025-01-01", "person:ilham-aliyev"},
    {"AZE", "head_of_government", "2025-01-01", "person:ali-asadov"},
    {"TKM", "head_of_state", "2010-01-01", "person:gurbanguly-berdimuhamedow"},
    {"TKM", "head_of_state", "2025-01-01", "person:serdar-berdimuhamedow"},
    {"RUS", "head_of_state", "2010-01-01", "person:dmitry-medvedev"},
    {"RUS", "head_of_government", "2010-01-01", "person:vladimir-putin"},
    {"RUS", "head_of_state", "2025-01-01", "person:vladimir-putin"},
    {"RUS", "head_of_government", "2025-01-01", "person:mikhail-mishustin"},
    {"ARM", "head_of_state", "2010-01-01", "person:serzh-sargsyan"},
    {"ARM", "head_of_government", "2010-01-01", "person:tigran-sargsyan"},
    {"ARM", "head_of_state", "2025-01-01", "person:vahagn-khachaturyan"},
    {"ARM", "head_of_government", "2025-01-01", "person:nikol-pashinyan"},
    {"GEO", "head_of_state", "2010-01-01", "person:mikheil-saakashvili"},
    {"GEO", "head_of_government", "2010-01-01", "person:nika-gilauri"},
    {"GEO", "head_of_state", "2025-01-01", "person:mikheil-kavelashvili"},
    {"GEO", "head_of_government", "2025-01-01", "person:irakli-kobakhidze"},
    {"TUR", "head_of_state", "2010-01-01", "person:abdullah-gul"},
    {"TUR", "head_of_government", "2010-01-01", "person:recep-tayyip-erdogan"},
    {"TUR", "head_of_state", "2025-01-01", "person:recep-tayyip-erdogan"},
    {"UZB", "head_of_state", "2010-01-01", "person:islam-karimov"},
    {"UZB", "head_of_government", "2010-01-01", "person:shavkat-mirziyoyev"},
    {"UZB", "head_of_state", "2025-01-01", "person:shavkat-mirziyoyev"},
    {"UZB", "head_of_government", "2025-01-01", "person:abdulla-aripov"},
};

/* The built-in KB of a new context (*ctx to close), or NULL. */
static const att__kb *builtin_kb(att_ctx **ctx)
{
    const att__kbset *set;
    *ctx = NULL;
    CHECK_INT(att_ctx_open(ctx, NULL), 0);
    if (!*ctx)
        return NULL;
    set = (*ctx)->kb;
    CHECK(set && set->has_base);
    return set && set->has_base ? &set->base : NULL;
}

TEST(coordinates)
{
    att_ctx *ctx;
    const att__kb *kb = builtin_kb(&ctx);
    if (kb) {
        long astana = att__kb_find_id(kb, "place:astana");
        long kaz = att__kb_find_id(kb, "country:KAZ");
        long baku = att__kb_find_id(kb, "place:baku");
        CHECK(astana >= 0 && kaz >= 0 && baku >= 0);
        if (astana >= 0 && kaz >= 0 && baku >= 0) {
            /* GeoNames: Astana 51.18N 71.45E; Baku 40.38N 49.89E */
            CHECK(kb->ents[astana].lat > 5110000 && kb->ents[astana].lat < 5125000);
            CHECK(kb->ents[astana].lon > 7140000 && kb->ents[astana].lon < 7150000);
            CHECK(kb->ents[astana].geonameid != 0);
            CHECK(kb->ents[baku].lat > 4030000 && kb->ents[baku].lon > 4980000);
            CHECK(kb->ents[kaz].lat == ATT__KB_NOCOORD); /* countries: no point */
        }
    }
    att_ctx_close(ctx);
}

TEST(dated_codes)
{
    att_ctx *ctx;
    const att__kb *kb = builtin_kb(&ctx);
    for (size_t i = 0; kb && i < ATT_ARRAY_LEN(heads); i++) {
        uint32_t d = att__kb_date(heads[i].date, 10, 0);
        long want = att__kb_find_id(kb, heads[i].id), got;
        char code[8];
        if (want < 0) {
            fprintf(stderr, "  missing from the KB: %s\n", heads[i].id);
            CHECK(want >= 0);
            continue;
        }
        got = att__kb_holder(kb, heads[i].country, heads[i].role, d);
        if (got != want)
            fprintf(stderr, "  %s %s %s: got %s\n", heads[i].country, heads[i].role, heads[i].date,
                    got >= 0 ? kb->str + kb->ents[got].id : "nobody");
        CHECK(got == want);
        snprintf(code, sizeof(code), "%sGOV", heads[i].country);
        CHECK_STR(att__kb_code_at(kb, (uint32_t)want, d), code);
    }
    /* out of office: the country's code (Heydar Aliyev in 2025) */
    if (kb) {
        long h = att__kb_find_id(kb, "person:heydar-aliyev");
        CHECK(h >= 0);
        if (h >= 0)
            CHECK_STR(att__kb_code_at(kb, (uint32_t)h, 20250101), "AZE");
    }
    att_ctx_close(ctx);
}

/* The lexicon index: a word of each class, a multi-word title reached
 * through its prefix, and words it does not hold. */
TEST(lexicon)
{
    att_ctx *ctx = NULL;
    const att__kbset *set;
    const att__kb *kb;
    const att__kb_slot *s;
    size_t lo, hi;
    CHECK_INT(att_ctx_open(&ctx, NULL), 0);
    set = ctx ? ctx->kb : NULL;
    if (!set || !set->has_base) {
        att_ctx_close(ctx);
        return;
    }
    kb = &set->base;
    CHECK(att__kb_find_lex(kb, "prasident", 9, ATT__LX_TITLE, &lo, &hi));
    CHECK(lo < hi && kb->lex[lo].cls == ATT__LX_TITLE);
    CHECK(att__kb_find_lex(kb, "essen", 5, ATT__LX_STOP, &lo, &hi));
    CHECK(!att__kb_find_lex(kb, "essen", 5, ATT__LX_TITLE, &lo, &hi));
    CHECK(!att__kb_find_lex(kb, "qwertz", 6, ATT__LX_STOP, &lo, &hi));
    s = att__kb_slot_find(kb, ATT__KT_LEX, "stellvertretender", 17,
                          att__kb_hash("stellvertretender", 17));
    CHECK(s && (s->flags & ATT__SF_PREFIX));
    CHECK(att__kb_find_lex(kb, "stellvertretender ministerprasident", 35, ATT__LX_TITLE, &lo, &hi));
    att_ctx_close(ctx);
}

static const char *best(att_ctx *ctx, const char *name, att_rows **rows)
{
    att_rows_free(*rows);
    *rows = NULL;
    if (att_kb_lookup(ctx, name, NULL, rows) || att_rows_count(*rows) == 0)
        return "(none)";
    return att_rows_get(*rows, 0, 0);
}

TEST(lookups)
{
    att_ctx *ctx = NULL;
    att_rows *rows = NULL;
    static const char *const tokayev[] = {"Tokajew", "Tokayev", "Токаев", "Tokajews",
                                          "Kassym-Schomart Tokajew"};
    CHECK_INT(att_ctx_open(&ctx, NULL), 0);
    if (!ctx)
        return;
    for (size_t i = 0; i < ATT_ARRAY_LEN(tokayev); i++)
        CHECK_STR(best(ctx, tokayev[i], &rows), "person:kassym-jomart-tokayev");
    CHECK_STR(best(ctx, "Kasachstan", &rows), "country:KAZ");
    CHECK_STR(best(ctx, "kasachischen", &rows), "country:KAZ");
    CHECK_STR(best(ctx, "Paschinjan", &rows), "person:nikol-pashinyan");
    CHECK_STR(best(ctx, "Lawrow", &rows), "person:sergey-lavrov");
    CHECK_STR(best(ctx, "Vereinten Nationen", &rows), "org:united-nations");
    CHECK_STR(best(ctx, "Qwertzuiopü", &rows), "(none)");
    att_rows_free(rows);
    rows = NULL;
    CHECK_INT(att_kb_names(ctx, "person:kassym-jomart-tokayev", &rows), 0);
    CHECK(att_rows_count(rows) > 3);
    att_rows_free(rows);
    rows = NULL;
    CHECK_INT(att_kb_roles(ctx, "Tokajew", &rows), 0);
    CHECK(att_rows_count(rows) >= 3);
    att_rows_free(rows);
    rows = NULL;
    CHECK_INT(att_kb_names(ctx, "country:XXX", &rows), ATT_ENOTFOUND);
    att_ctx_close(ctx);
}

int main(void)
{
    RUN(keys_meet);
    RUN(keys_keep_apart);
    RUN(stem_keys);
    RUN(fold_of_prefixes);
    RUN(slugs_and_dates);
    RUN(lexicon);
    RUN(compile_overlay);
    RUN(bad_overlay_names_line);
    RUN(coordinates);
    RUN(dated_codes);
    RUN(lookups);
    return test_summary();
}

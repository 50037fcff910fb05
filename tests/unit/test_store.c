/*
 * test_store.c - unit tests of the SQLite store (src/store/).
 *
 * Each test works in a fresh temporary directory: it opens a database,
 * writes documents built with att_doc_from_text (layers added by hand, since
 * the annotators are tested elsewhere), and checks what comes back through
 * the public API: idempotent puts, batching, search on German compounds,
 * id prefixes, read-only and damaged files, reopening, the rollback of one
 * failed document inside a batch, and refusing a newer schema.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attache.h"
#include "store/store.h"
#include "test.h"

static char tmpdir[64];
static att_ctx *ctx;

static const char *path_in_tmp(const char *name)
{
    static char buf[256];
    snprintf(buf, sizeof(buf), "%s/%s", tmpdir, name);
    return buf;
}

static att_doc *mkdoc(const char *text, const char *title, const char *published)
{
    att_meta m = {0};
    att_doc *doc = NULL;
    m.title = title;
    m.published = published;
    m.lang = "de";
    m.source = "test";
    if (att_doc_from_text(ctx, text, strlen(text), &m, &doc) != 0)
        fprintf(stderr, "att_doc_from_text: %s\n", att_errmsg(ctx));
    return doc;
}

/* Puts a document and frees it; returns the status, *res the result. */
static int put_text(att_store *st, const char *text, const char *title, const char *published,
                    att_put_result *res)
{
    att_doc *doc = mkdoc(text, title, published);
    int rc = doc ? att_store_put(st, doc, res) : -100;
    att_doc_free(doc);
    return rc;
}

static long stat_count(att_store *st, const char *what)
{
    att_rows *rows = NULL;
    long n = -1;
    if (att_store_stats(st, &rows) != 0)
        return -1;
    for (size_t i = 0; i < att_rows_count(rows); i++)
        if (strcmp(att_rows_get(rows, i, 0), what) == 0)
            n = atol(att_rows_get(rows, i, 1));
    att_rows_free(rows);
    return n;
}

static size_t search_count(att_store *st, const char *q)
{
    att_rows *rows = NULL;
    size_t n;
    if (att_store_search(st, q, 10, &rows) != 0)
        return (size_t)-1;
    n = att_rows_count(rows);
    att_rows_free(rows);
    return n;
}

static const char *DE_TEXT =
    "Berlin, 17. April 2024. Der Glasfaserkabel-Highway zwischen Europa und Asien "
    "soll durch Kasachstan führen.\n\n"
    "In München sagte der Minister, das Projekt sei \"ein Meilenstein\".";
static const char *EN_TEXT = "Astana, April 2024. Kazakhstan and Azerbaijan signed a deal on "
                             "a Trans-Caspian fibre-optic cable.";

TEST(test_put_is_idempotent)
{
    att_store *st = NULL;
    att_put_result res = 0;

    CHECK_INT(att_store_open(ctx, path_in_tmp("idem.db"), 0, &st), 0);
    CHECK_INT(put_text(st, DE_TEXT, "Glasfaser", "2024-04-17", &res), 0);
    CHECK_INT(res, ATT_PUT_NEW);
    /* the same text again, even with other line ends, is the same document */
    CHECK_INT(put_text(st, DE_TEXT, "Glasfaser", "2024-04-17", &res), 0);
    CHECK_INT(res, ATT_PUT_UNCHANGED);
    CHECK_INT(att_store_flush(st), 0);
    CHECK_INT(put_text(st, DE_TEXT, "Another title", NULL, &res), 0);
    CHECK_INT(res, ATT_PUT_UNCHANGED);
    CHECK_INT(put_text(st, EN_TEXT, "Cable", "2024-04", NULL), 0);
    CHECK_INT(stat_count(st, "documents"), 2);
    CHECK_INT(stat_count(st, "paragraphs"), 3);
    CHECK(stat_count(st, "bytes") > 0);
    CHECK_INT(att_store_close(st), 0);
}

TEST(test_search)
{
    att_store *st = NULL;
    att_rows *rows = NULL;

    CHECK_INT(att_store_open(ctx, path_in_tmp("search.db"), 0, &st), 0);
    CHECK_INT(put_text(st, DE_TEXT, "Glasfaser durch Kasachstan", "2024-04-17", NULL), 0);
    CHECK_INT(put_text(st, EN_TEXT, "Cable deal", "2024-04", NULL), 0);
    /* searching sees the pending batch of the same connection */
    CHECK_INT(att_store_search(st, "Glasfaserkabel", 10, &rows), 0);
    CHECK_INT(att_rows_count(rows), 1);
    CHECK_INT(att_rows_ncols(rows), 5);
    CHECK_STR(att_rows_colname(rows, 4), "source");
    CHECK_STR(att_rows_colname(rows, 0), "id");
    CHECK_STR(att_rows_colname(rows, 3), "snippet");
    CHECK_STR(att_rows_get(rows, 0, 1), "Glasfaser durch Kasachstan");
    CHECK_STR(att_rows_get(rows, 0, 2), "2024-04-17");
    CHECK(att_rows_get(rows, 0, 3) && strstr(att_rows_get(rows, 0, 3), "«Glasfaserkabel»"));
    CHECK(att_rows_get(rows, 5, 0) == NULL);
    CHECK(att_rows_get(rows, 0, 9) == NULL);
    att_rows_free(rows);
    rows = NULL;

    CHECK_INT(search_count(st, "Glasfaser*"), 1);     /* a compound's prefix */
    CHECK_INT(search_count(st, "glasfaserkabel"), 1); /* case */
    CHECK_INT(search_count(st, "Munchen"), 1);        /* diacritics */
    CHECK_INT(search_count(st, "\"Glasfaserkabel-Highway\""), 1);
    CHECK_INT(search_count(st, "Kasachstan OR Kazakhstan"), 2);
    CHECK_INT(search_count(st, "title:Kasachstan"), 1);
    CHECK_INT(search_count(st, "Seidenstraße"), 0);

    /* malformed queries are the caller's error, with a message */
    CHECK_INT(att_store_search(st, "\"unterminated", 10, &rows), ATT_EINVAL);
    CHECK(rows == NULL);
    CHECK(strstr(att_errmsg(ctx), "FTS5") != NULL);
    CHECK_INT(att_store_search(st, "", 10, &rows), ATT_EINVAL);
    /* words that are not FTS5 syntax are searched as written */
    CHECK_INT(search_count(st, "Glasfaserkabel-Highway"), 1);
    CHECK_INT(search_count(st, "nosuchcolumn:x"), 0);
    CHECK_INT(search_count(st, "*"), 0);
    CHECK_INT(att_store_search(st, "AND AND", 10, &rows), 0);
    att_rows_free(rows);
    rows = NULL;
    /* the store still works afterwards */
    CHECK_INT(search_count(st, "Astana"), 1);
    CHECK_INT(att_store_close(st), 0);
}

TEST(test_docs_order)
{
    att_store *st = NULL;
    att_rows *rows = NULL;

    CHECK_INT(att_store_open(ctx, path_in_tmp("order.db"), 0, &st), 0);
    CHECK_INT(put_text(st, "Undated text.", "none", NULL, NULL), 0);
    CHECK_INT(put_text(st, "Old text.", "old", "2023", NULL), 0);
    CHECK_INT(put_text(st, "New text.", "new", "2024-04-17T10:22:00Z", NULL), 0);
    CHECK_INT(put_text(st, "Middle text.", "mid", "2024-04", NULL), 0);
    CHECK_INT(att_store_docs(st, 0, &rows), 0);
    CHECK_INT(att_rows_count(rows), 4);
    CHECK_STR(att_rows_colname(rows, 5), "chars");
    CHECK_STR(att_rows_get(rows, 0, 3), "new");
    CHECK_STR(att_rows_get(rows, 1, 3), "mid");
    CHECK_STR(att_rows_get(rows, 2, 3), "old");
    CHECK_STR(att_rows_get(rows, 3, 3), "none");
    CHECK(att_rows_get(rows, 3, 1) == NULL);
    CHECK_STR(att_rows_get(rows, 0, 2), "de");
    CHECK_STR(att_rows_get(rows, 0, 5), "9");
    att_rows_free(rows);
    CHECK_INT(att_store_docs(st, 2, &rows), 0);
    CHECK_INT(att_rows_count(rows), 2);
    att_rows_free(rows);
    CHECK_INT(att_store_close(st), 0);
}

/* Adds one of every later layer to doc, by hand. */
static int add_layers(att_doc *doc, int bad_event)
{
    att_entity e = {0};
    att_timex t = {0};
    att_event ev = {0};
    att_fact f = {0};
    att_quote q = {0};
    att_span *m = att__arena_array(&doc->arena, 2, sizeof(att_span));
    if (!m)
        return -1;
    m[0].start = 0;
    m[0].end = 6;
    m[1].start = 10;
    m[1].end = 16;
    e.id = "place:berlin";
    e.type = "place";
    e.name = "Berlin";
    e.code = "DEU";
    e.mentions = m;
    e.nmentions = 2;
    if (ATT_PUSH(doc->ents, doc->nent, doc->cent, e))
        return -1;
    e.id = "country:KAZ";
    e.type = "country";
    e.name = "Kazakhstan";
    e.code = "KAZ";
    e.mentions = NULL;
    e.nmentions = 0;
    if (ATT_PUSH(doc->ents, doc->nent, doc->cent, e))
        return -1;
    t.start = 8;
    t.end = 22;
    t.type = "DATE";
    t.value = "2024-04-17";
    if (ATT_PUSH(doc->timex, doc->ntimex, doc->ctimex, t))
        return -1;
    ev.code = bad_event ? NULL : "0311";
    ev.root = "03";
    ev.quad = 1;
    ev.goldstein = 5.2;
    ev.source.entity = 1;
    ev.source.code = "KAZ";
    ev.target.entity = -1;
    ev.target.code = "EUR";
    ev.date = "2024-04-17";
    ev.location = "place:berlin";
    ev.sentence.start = 0;
    ev.sentence.end = 20;
    ev.trigger.start = 12;
    ev.trigger.end = 16;
    ev.confidence = 0.75;
    if (ATT_PUSH(doc->events, doc->nevent, doc->cevent, ev))
        return -1;
    f.start = 1;
    f.end = 5;
    f.kind = "money";
    f.value = 4.5e9;
    f.unit = "EUR";
    if (ATT_PUSH(doc->facts, doc->nfact, doc->cfact, f))
        return -1;
    q.start = 30;
    q.end = 40;
    q.speaker = 0;
    q.cue.start = 20;
    q.cue.end = 25;
    if (ATT_PUSH(doc->quotes, doc->nquote, doc->cquote, q))
        return -1;
    return 0;
}

TEST(test_get_roundtrip)
{
    att_store *st = NULL;
    att_doc *doc = mkdoc(DE_TEXT, "Glasfaser", "2024-04-17T10:22:00+02:00"), *got = NULL;
    att_span s1 = {0, 20}, s2 = {21, 40};
    const att_span *paras;
    char prefix[8];

    CHECK(doc != NULL);
    if (!doc)
        return;
    CHECK_INT(ATT_PUSH(doc->sents, doc->nsent, doc->csent, s1), 0);
    CHECK_INT(ATT_PUSH(doc->sents, doc->nsent, doc->csent, s2), 0);
    CHECK_INT(add_layers(doc, 0), 0);
    doc->meta_json = strdup("{\"section\":\"Wirtschaft\"}");
    CHECK_INT(att_store_open(ctx, path_in_tmp("get.db"), 0, &st), 0);
    CHECK_INT(att_store_put(st, doc, NULL), 0);
    CHECK_INT(att_store_flush(st), 0);

    memcpy(prefix, doc->id, 6);
    prefix[6] = '\0';
    prefix[0] = (char)(prefix[0] >= 'a' ? prefix[0] - 32 : prefix[0]); /* any case */
    CHECK_INT(att_store_get(st, prefix, &got), 0);
    CHECK(got != NULL);
    if (got) {
        CHECK_STR(att_doc_id(got), doc->id);
        CHECK_INT(got->len, doc->len);
        CHECK(memcmp(att_doc_text(got, NULL), doc->text, doc->len) == 0);
        CHECK_STR(att_doc_title(got), "Glasfaser");
        CHECK_STR(att_doc_published(got), "2024-04-17T10:22:00+02:00");
        CHECK_INT(att_doc_published_precision(got), ATT_PREC_SECOND);
        CHECK_STR(att_doc_lang(got), "de");
        CHECK_STR(att_doc_source(got), "test");
        CHECK(att_doc_url(got) == NULL);
        CHECK_STR(got->meta_json, "{\"section\":\"Wirtschaft\"}");
        CHECK_INT(att_doc_paragraphs(got, &paras), doc->npara);
        CHECK_INT(paras[1].start, doc->paras[1].start);
        CHECK_INT(got->nsent, 2);
        CHECK_INT(got->sents[1].end, 40);
        CHECK_INT(got->nent, 2);
        CHECK_STR(got->ents[0].id, "place:berlin");
        CHECK_STR(got->ents[1].code, "KAZ");
        CHECK_INT(got->ents[0].nmentions, 2);
        CHECK_INT(got->ents[0].mentions[1].start, 10);
        CHECK_INT(got->ents[1].nmentions, 0);
        CHECK_INT(got->ntimex, 1);
        CHECK_STR(got->timex[0].value, "2024-04-17");
        CHECK_INT(got->nevent, 1);
        CHECK_STR(got->events[0].code, "0311");
        CHECK_INT(got->events[0].source.entity, 1);
        CHECK_INT(got->events[0].target.entity, -1);
        CHECK_STR(got->events[0].target.code, "EUR");
        CHECK_INT(got->events[0].trigger.end, 16);
        CHECK(got->events[0].confidence == 0.75);
        CHECK_INT(got->nfact, 1);
        CHECK(got->facts[0].value == 4.5e9);
        CHECK(got->facts[0].period == NULL);
        CHECK_INT(got->nquote, 1);
        CHECK_INT(got->quotes[0].speaker, 0);
        CHECK_INT(got->quotes[0].cue.end, 25);
    }
    att_doc_free(got);
    got = NULL;
    CHECK_INT(stat_count(st, "entities"), 2);
    CHECK_INT(stat_count(st, "mentions"), 2);
    CHECK_INT(stat_count(st, "events"), 1);
    CHECK_INT(stat_count(st, "sentences"), 2);

    CHECK_INT(att_store_get(st, "0000000000000000", &got), ATT_ENOTFOUND);
    CHECK(got == NULL);
    CHECK_INT(att_store_get(st, "not-an-id", &got), ATT_ENOTFOUND);
    CHECK_INT(att_store_get(st, "", &got), ATT_ENOTFOUND);
    CHECK_INT(att_store_get(st, "0123456789abcdef0", &got), ATT_ENOTFOUND);
    att_doc_free(doc);
    CHECK_INT(att_store_close(st), 0);
}

TEST(test_ambiguous_prefix)
{
    att_store *st = NULL;
    att_doc *got = NULL;
    att_rows *rows = NULL;
    char text[64], prefix[2] = "";

    CHECK_INT(att_store_open(ctx, path_in_tmp("prefix.db"), 0, &st), 0);
    /* 17 ids over 16 first digits: two of them share one */
    for (int i = 0; i < 17; i++) {
        snprintf(text, sizeof(text), "Document number %d.", i);
        CHECK_INT(put_text(st, text, NULL, NULL, NULL), 0);
    }
    CHECK_INT(att__store_rows(st,
                              "SELECT substr(id, 1, 1) FROM documents GROUP BY 1"
                              " HAVING count(*) > 1 LIMIT 1",
                              NULL, 0, &rows),
              0);
    CHECK_INT(att_rows_count(rows), 1);
    if (att_rows_count(rows) == 1)
        prefix[0] = att_rows_get(rows, 0, 0)[0];
    att_rows_free(rows);
    CHECK_INT(att_store_get(st, prefix, &got), ATT_EINVAL);
    CHECK(got == NULL);
    CHECK(strstr(att_errmsg(ctx), "ambiguous") != NULL);
    CHECK_INT(att_store_close(st), 0);
}

TEST(test_readonly)
{
    att_store *st = NULL, *ro = NULL;
    const char *path = path_in_tmp("missing.db");

    CHECK_INT(att_store_open(ctx, path, ATT_STORE_READONLY, &st), ATT_ENOTFOUND);
    CHECK(st == NULL);
    CHECK(strstr(att_errmsg(ctx), "missing.db") != NULL);
    CHECK(access(path, F_OK) != 0); /* not created */

    path = path_in_tmp("ro.db");
    CHECK_INT(att_store_open(ctx, path, 0, &st), 0);
    CHECK_INT(put_text(st, EN_TEXT, "Cable", NULL, NULL), 0);
    CHECK_INT(att_store_close(st), 0);
    CHECK_INT(att_store_open(ctx, path, ATT_STORE_READONLY, &ro), 0);
    CHECK_INT(stat_count(ro, "documents"), 1);
    CHECK_INT(search_count(ro, "fibre"), 1);
    CHECK_INT(put_text(ro, DE_TEXT, NULL, NULL, NULL), ATT_EINVAL);
    CHECK(strstr(att_errmsg(ctx), "read-only") != NULL);
    CHECK_INT(att_store_close(ro), 0);
}

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, n, f);
        fclose(f);
    }
}

TEST(test_damaged_and_foreign_files)
{
    att_store *st = NULL;
    char junk[8192];
    sqlite3 *db = NULL;
    const char *path;

    for (size_t i = 0; i < sizeof(junk); i++)
        junk[i] = (char)("not a database at all\n"[i % 22]);
    path = path_in_tmp("junk.db");
    write_file(path, junk, sizeof(junk));
    CHECK(att_store_open(ctx, path, 0, &st) < 0);
    CHECK(st == NULL);
    CHECK(strstr(att_errmsg(ctx), "junk.db") != NULL);
    CHECK(att_store_open(ctx, path, ATT_STORE_READONLY, &st) < 0);
    CHECK(st == NULL);

    /* a real SQLite file whose header is then damaged */
    path = path_in_tmp("damaged.db");
    CHECK_INT(att_store_open(ctx, path, 0, &st), 0);
    CHECK_INT(put_text(st, DE_TEXT, NULL, NULL, NULL), 0);
    CHECK_INT(att_store_close(st), 0);
    st = NULL;
    {
        FILE *f = fopen(path, "r+b");
        CHECK(f != NULL);
        if (f) {
            fwrite("garbage garbage!", 1, 16, f);
            fclose(f);
        }
    }
    CHECK(att_store_open(ctx, path, 0, &st) < 0);
    CHECK(st == NULL);

    /* damaged pages inside: whatever works or fails, nothing crashes */
    path = path_in_tmp("inner.db");
    CHECK_INT(att_store_open(ctx, path, 0, &st), 0);
    for (int i = 0; i < 40; i++) {
        char text[256];
        snprintf(text, sizeof(text), "%s Nummer %d.", DE_TEXT, i);
        CHECK_INT(put_text(st, text, "t", NULL, NULL), 0);
    }
    CHECK_INT(att_store_close(st), 0);
    st = NULL;
    {
        FILE *f = fopen(path, "r+b");
        CHECK(f != NULL);
        if (f) {
            for (long off = 4096; off < 4096 * 40; off += 4096 * 3) {
                fseek(f, off + 100, SEEK_SET);
                fwrite(junk, 1, 1500, f);
            }
            fclose(f);
        }
    }
    if (att_store_open(ctx, path, 0, &st) == 0) {
        att_rows *rows = NULL;
        att_doc *got = NULL;
        if (att_store_search(st, "Glasfaserkabel", 50, &rows) == 0)
            att_rows_free(rows);
        if (att_store_docs(st, 50, &rows) == 0) {
            for (size_t i = 0; i < att_rows_count(rows); i++) {
                const char *id = att_rows_get(rows, i, 0);
                if (id && att_store_get(st, id, &got) == 0)
                    att_doc_free(got);
                got = NULL;
            }
            att_rows_free(rows);
        }
        CHECK(stat_count(st, "documents") <= 40);
        att_store_close(st);
        st = NULL;
    }

    /* another program's database is not ours to migrate */
    path = path_in_tmp("other.db");
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    CHECK_INT(att_store_open(ctx, path, 0, &st), ATT_EFORMAT);
    CHECK(strstr(att_errmsg(ctx), "not an attache database") != NULL);

    /* an empty file is a new database when writable */
    path = path_in_tmp("empty.db");
    write_file(path, "", 0);
    CHECK_INT(att_store_open(ctx, path, ATT_STORE_READONLY, &st), ATT_EFORMAT);
    CHECK_INT(att_store_open(ctx, path, 0, &st), 0);
    CHECK_INT(att_store_close(st), 0);

    CHECK(att_store_open(ctx, NULL, 0, &st) == ATT_EINVAL);
    CHECK_INT(att_store_close(NULL), 0);
    att_rows_free(NULL);
}

TEST(test_reopen_and_schema_version)
{
    att_store *st = NULL;
    att_rows *rows = NULL;
    sqlite3 *db = NULL;
    const char *path = path_in_tmp("reopen.db");

    CHECK_INT(att_store_open(ctx, path, 0, &st), 0);
    CHECK_INT(put_text(st, DE_TEXT, NULL, NULL, NULL), 0);
    CHECK_INT(put_text(st, EN_TEXT, NULL, NULL, NULL), 0);
    CHECK_INT(att_store_close(st), 0); /* commits the pending batch */
    CHECK_INT(att_store_open(ctx, path, 0, &st), 0);
    CHECK_INT(stat_count(st, "documents"), 2);
    CHECK_INT(search_count(st, "Glasfaserkabel"), 1);
    CHECK_INT(
        att__store_rows(st, "SELECT value FROM meta WHERE key = 'schema_version'", NULL, 0, &rows),
        0);
    CHECK_INT(att_rows_count(rows), 1);
    if (att_rows_count(rows) == 1)
        CHECK_INT(atoi(att_rows_get(rows, 0, 0)), ATT_SCHEMA_VERSION);
    att_rows_free(rows);
    CHECK_INT(att_store_close(st), 0);

    /* a database from a newer program is refused, not guessed at */
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    st = NULL;
    CHECK_INT(att_store_open(ctx, path, 0, &st), ATT_ESTORE);
    CHECK(st == NULL);
    CHECK(strstr(att_errmsg(ctx), "newer") != NULL);
    CHECK_INT(att_store_open(ctx, path, ATT_STORE_READONLY, &st), ATT_ESTORE);
}

/* A version-1 database (the schema before the fetched table) is migrated
 * to the current version on a writable open, keeping its documents; the
 * fetched table then records and returns validators. */
TEST(test_migrate_v1_and_fetched)
{
    att_store *st = NULL;
    sqlite3 *db = NULL;
    char *etag = NULL, *lm = NULL;
    const char *path = path_in_tmp("v1.db");

    CHECK_INT(att_store_open(ctx, path, 0, &st), 0);
    CHECK_INT(put_text(st, DE_TEXT, NULL, NULL, NULL), 0);
    CHECK_INT(att_store_close(st), 0);
    /* make it what attache 0.1.0 wrote: schema 1, no fetched table */
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db,
                           "DROP TABLE fetched; PRAGMA user_version = 1;"
                           " UPDATE meta SET value = '1' WHERE key = 'schema_version'",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
    st = NULL;
    /* read-only: too old, and not upgraded behind the user's back */
    CHECK_INT(att_store_open(ctx, path, ATT_STORE_READONLY, &st), ATT_ESTORE);
    CHECK(strstr(att_errmsg(ctx), "older") != NULL);
    CHECK_INT(att_store_open(ctx, path, 0, &st), 0);
    CHECK_INT(stat_count(st, "documents"), 1);
    CHECK_INT(att_store_fetched_get(st, "https://example.org/a", &etag, &lm), ATT_ENOTFOUND);
    CHECK_INT(att_store_fetched_put(st, "https://example.org/a", "\"abc\"", NULL, 200), 0);
    CHECK_INT(att_store_fetched_get(st, "https://example.org/a", &etag, &lm), 0);
    CHECK_STR(etag, "\"abc\"");
    CHECK(lm == NULL);
    att_free(etag);
    att_free(lm);
    etag = lm = NULL;
    /* a record replaces the last one */
    CHECK_INT(att_store_fetched_put(st, "https://example.org/a", NULL,
                                    "Mon, 15 Apr 2024 10:00:00 GMT", 304),
              0);
    CHECK_INT(att_store_fetched_get(st, "https://example.org/a", &etag, &lm), 0);
    CHECK(etag == NULL);
    CHECK_STR(lm, "Mon, 15 Apr 2024 10:00:00 GMT");
    att_free(etag);
    att_free(lm);
    CHECK_INT(att_store_close(st), 0);
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    {
        sqlite3_stmt *q = NULL;
        CHECK_INT(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL), SQLITE_OK);
        CHECK_INT(sqlite3_step(q), SQLITE_ROW);
        CHECK_INT(sqlite3_column_int(q, 0), ATT_SCHEMA_VERSION);
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
}

TEST(test_failed_doc_rolls_back_alone)
{
    att_store *st = NULL;
    att_doc *bad = mkdoc("Ein Satz über Zwiebelkuchen und Federweißer.", "bad", NULL);
    att_doc *fixed = mkdoc("Ein Satz über Zwiebelkuchen und Federweißer.", "bad", NULL);
    att_doc *got = NULL;
    att_put_result res = 0;
    char id[17];

    CHECK(bad && fixed);
    if (!bad || !fixed)
        return;
    snprintf(id, sizeof(id), "%s", bad->id);
    CHECK_INT(add_layers(bad, 1), 0); /* an event without a code */
    CHECK_INT(add_layers(fixed, 0), 0);
    CHECK_INT(att_store_open(ctx, path_in_tmp("rollback.db"), 0, &st), 0);
    CHECK_INT(put_text(st, DE_TEXT, NULL, NULL, &res), 0);
    CHECK_INT(att_store_put(st, bad, &res), ATT_ESTORE);
    CHECK(strstr(att_errmsg(ctx), "events.code") != NULL);
    CHECK_INT(put_text(st, EN_TEXT, NULL, NULL, &res), 0);
    CHECK_INT(res, ATT_PUT_NEW);
    CHECK_INT(att_store_flush(st), 0);
    CHECK_INT(stat_count(st, "documents"), 2);
    CHECK_INT(stat_count(st, "entities"), 0);
    CHECK_INT(stat_count(st, "timex"), 0);
    CHECK_INT(search_count(st, "Zwiebelkuchen"), 0);
    CHECK_INT(att_store_get(st, id, &got), ATT_ENOTFOUND);

    /* nothing of the failed attempt is left to block the good one */
    CHECK_INT(att_store_put(st, fixed, &res), 0);
    CHECK_INT(res, ATT_PUT_NEW);
    CHECK_INT(att_store_flush(st), 0);
    CHECK_INT(search_count(st, "Zwiebelkuchen"), 1);
    CHECK_INT(stat_count(st, "events"), 1);

    /* a span outside the text is refused before anything is written */
    {
        att_doc *d = mkdoc("Kurz.", NULL, NULL);
        att_span sp = {2, 99};
        CHECK(d != NULL);
        if (d) {
            CHECK_INT(ATT_PUSH(d->sents, d->nsent, d->csent, sp), 0);
            CHECK_INT(att_store_put(st, d, &res), ATT_EINVAL);
            CHECK(strstr(att_errmsg(ctx), "sentence 0") != NULL);
            att_doc_free(d);
        }
    }
    CHECK_INT(att_store_close(st), 0);
    att_doc_free(bad);
    att_doc_free(fixed);
}

TEST(test_batches_commit)
{
    att_store *st = NULL, *ro = NULL;
    const char *path = path_in_tmp("batch.db");
    char text[64];
    int n = ATT_STORE_BATCH + 44;

    CHECK_INT(att_store_open(ctx, path, 0, &st), 0);
    CHECK_INT(att_store_open(ctx, path, ATT_STORE_READONLY, &ro), 0);
    for (int i = 0; i < n; i++) {
        snprintf(text, sizeof(text), "Meldung Nummer %d aus Astana.", i);
        CHECK_INT(put_text(st, text, NULL, NULL, NULL), 0);
    }
    /* another connection sees the committed batch, not the pending one */
    CHECK_INT(stat_count(ro, "documents"), ATT_STORE_BATCH);
    CHECK_INT(stat_count(st, "documents"), n);
    CHECK_INT(att_store_flush(st), 0);
    CHECK_INT(att_store_flush(st), 0);
    CHECK_INT(stat_count(ro, "documents"), n);
    CHECK_INT(att_store_close(ro), 0);
    CHECK_INT(att_store_close(st), 0);
}

static void remove_tmp(void)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof(tmpdir), "%s/att-store-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    if (att_ctx_open(&ctx, NULL) != 0) {
        fprintf(stderr, "att_ctx_open failed\n");
        return 1;
    }
    RUN(test_put_is_idempotent);
    RUN(test_search);
    RUN(test_docs_order);
    RUN(test_get_roundtrip);
    RUN(test_ambiguous_prefix);
    RUN(test_readonly);
    RUN(test_damaged_and_foreign_files);
    RUN(test_reopen_and_schema_version);
    RUN(test_migrate_v1_and_fetched);
    RUN(test_failed_doc_rolls_back_alone);
    RUN(test_batches_commit);
    att_ctx_close(ctx);
    remove_tmp();
    return test_summary();
}

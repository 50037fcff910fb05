/*
 * query.c - reading the store: att_rows, search, listing, counts, and
 * rebuilding a stored document.
 *
 * Every query answers with an att_rows: a table of malloc'ed UTF-8 strings
 * (NULL for SQL NULL) with column names, filled by collect() from one
 * prepared statement, so the CLI and the server print any query the same
 * way.  att_store_get() is the exception: it rebuilds an att_doc from the
 * documents row (through att__doc_new, so the text is hashed again and must
 * give the stored id) and from the layer tables, checking every stored span
 * against the text, so a damaged database is reported, not trusted.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* ---- att_rows ----------------------------------------------------------- */

size_t att_rows_ncols(const att_rows *rows)
{
    return rows ? rows->ncols : 0;
}
size_t att_rows_count(const att_rows *rows)
{
    return rows ? rows->nrows : 0;
}

const char *att_rows_colname(const att_rows *rows, size_t col)
{
    return rows && col < rows->ncols ? rows->colnames[col] : NULL;
}

const char *att_rows_get(const att_rows *rows, size_t row, size_t col)
{
    if (!rows || row >= rows->nrows || col >= rows->ncols)
        return NULL;
    return rows->cells[row * rows->ncols + col];
}

void att_rows_free(att_rows *rows)
{
    if (!rows)
        return;
    for (size_t i = 0; i < rows->ncols; i++)
        free(rows->colnames[i]);
    for (size_t i = 0; i < rows->nrows * rows->ncols; i++)
        free(rows->cells[i]);
    free(rows->colnames);
    free(rows->cells);
    free(rows);
}

static char *dup_bytes(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* Steps s to the end, collecting its rows.  Returns 0, ATT_ENOMEM (message
 * set), or ATT_ESTORE with the SQLite code in *src and no message, so the
 * caller can word it while s (and with it sqlite3_errmsg) is still alive. */
static int collect(att_store *st, sqlite3_stmt *s, att_rows **out, int *src)
{
    att_rows *r = NULL;
    int rc = 0, step;
    size_t nc = (size_t)sqlite3_column_count(s);

    *out = NULL;
    *src = SQLITE_OK;
    if (!(r = calloc(1, sizeof(*r))) || (nc && !(r->colnames = calloc(nc, sizeof(char *))))) {
        rc = ATT_ENOMEM;
        goto cleanup;
    }
    r->ncols = nc;
    for (size_t c = 0; c < nc; c++) {
        const char *name = sqlite3_column_name(s, (int)c);
        if (!name || !(r->colnames[c] = dup_bytes(name, strlen(name)))) {
            rc = ATT_ENOMEM;
            goto cleanup;
        }
    }
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        size_t n = r->nrows * nc;
        if (nc == 0)
            continue;
        if (n + nc > r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 16 * nc;
            char **cells;
            if (cap < n + nc || cap > SIZE_MAX / sizeof(char *)) {
                rc = ATT_ENOMEM;
                goto cleanup;
            }
            if (!(cells = realloc(r->cells, cap * sizeof(char *)))) {
                rc = ATT_ENOMEM;
                goto cleanup;
            }
            r->cells = cells;
            r->cap = cap;
        }
        for (size_t c = 0; c < nc; c++)
            r->cells[n + c] = NULL;
        r->nrows++; /* from here on cleanup frees this row's cells */
        for (size_t c = 0; c < nc; c++) {
            const unsigned char *v = sqlite3_column_text(s, (int)c);
            if (!v && sqlite3_column_type(s, (int)c) == SQLITE_NULL)
                continue;
            if (!v || !(r->cells[n + c] =
                            dup_bytes((const char *)v, (size_t)sqlite3_column_bytes(s, (int)c)))) {
                rc = ATT_ENOMEM;
                goto cleanup;
            }
        }
    }
    if (step != SQLITE_DONE) {
        *src = step;
        rc = ATT_ESTORE;
        goto cleanup;
    }
    *out = r;
    r = NULL;
cleanup:
    if (rc == ATT_ENOMEM)
        att__err(st->ctx, rc, "%s: out of memory reading query results", st->path);
    att_rows_free(r);
    return rc;
}

static int prepare(att_store *st, const char *sql, sqlite3_stmt **s)
{
    *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, s, NULL) != SQLITE_OK)
        return att__store_err(st, "cannot prepare a query");
    return 0;
}

int att__store_rows(att_store *st, const char *sql, const char *const *params, int nparams,
                    att_rows **out)
{
    sqlite3_stmt *s = NULL;
    int rc, src;

    *out = NULL;
    if ((rc = prepare(st, sql, &s)))
        goto cleanup;
    for (int i = 0; i < nparams; i++) {
        if (params[i])
            sqlite3_bind_text(s, i + 1, params[i], -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(s, i + 1);
    }
    rc = collect(st, s, out, &src);
    if (rc == ATT_ESTORE)
        att__store_err(st, "query failed");
cleanup:
    sqlite3_finalize(s);
    return rc;
}

static int bad_store(att_store *st)
{
    if (!st)
        return ATT_EINVAL;
    return 0;
}

/* ---- search, listing, counts ---------------------------------------------- */

/* The user's words as FTS5 strings: each blank-separated word in double
 * quotes, so "COP29-Veranstaltung" or "U.S." is searched as the words it is
 * made of instead of being read as query syntax. */
static char *quote_words(const char *q)
{
    size_t n = strlen(q);
    char *out = malloc(n * 3 + 3), *o = out;
    int in = 0;
    if (!out)
        return NULL;
    for (const char *p = q; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n') {
            if (in)
                *o++ = '"';
            in = 0;
            *o++ = ' ';
            continue;
        }
        if (!in)
            *o++ = '"';
        in = 1;
        if (*p == '"')
            *o++ = '"';
        *o++ = *p;
    }
    if (in)
        *o++ = '"';
    *o = '\0';
    return out;
}

int att_store_search(att_store *st, const char *query, int limit, att_rows **out)
{
    sqlite3_stmt *s = NULL;
    char sql[512], *quoted = NULL;
    int rc, src;

    if (!out)
        return att__err(st ? st->ctx : NULL, ATT_EINVAL, "att_store_search: no output pointer");
    *out = NULL;
    if ((rc = bad_store(st)))
        return rc;
    if (!query || !*query)
        return att__err(st->ctx, ATT_EINVAL, "empty search query");
    /* Title hits weigh twice as much as body hits; the snippet comes from
     * whichever column matches best. */
    snprintf(sql, sizeof(sql),
             "SELECT d.id AS id, d.title AS title, d.published AS published,"
             " snippet(docs_fts, -1, '\xc2\xab', '\xc2\xbb', '\xe2\x80\xa6', 16) AS snippet,"
             " d.source AS source"
             " FROM docs_fts JOIN documents d ON d.docno = docs_fts.rowid"
             " WHERE docs_fts MATCH ?1"
             " ORDER BY bm25(docs_fts, 2.0, 1.0), d.docno LIMIT %d",
             limit > 0 ? limit : -1);
    if ((rc = prepare(st, sql, &s)))
        goto cleanup;
    sqlite3_bind_text(s, 1, query, -1, SQLITE_STATIC);
    rc = collect(st, s, out, &src);
    if (rc == ATT_ESTORE && src == SQLITE_ERROR && !strchr(query, '"') &&
        (quoted = quote_words(query)) != NULL) {
        /* Not FTS5 syntax: search the words as they are written. */
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, quoted, -1, SQLITE_STATIC);
        rc = collect(st, s, out, &src);
    }
    if (rc == ATT_ESTORE && src == SQLITE_ERROR) {
        /* The SQL is fixed, so a plain SQL error is the user's query. */
        rc = att__err(st->ctx, ATT_EINVAL,
                      "search query \"%s\" is not valid FTS5 syntax (%s); put words with "
                      "hyphens or other punctuation in double quotes",
                      query, sqlite3_errmsg(st->db));
    } else if (rc == ATT_ESTORE) {
        att__store_err(st, "search failed");
    }
cleanup:
    sqlite3_finalize(s);
    free(quoted);
    return rc;
}

int att_store_docs(att_store *st, int limit, att_rows **out)
{
    char sql[384];
    int rc;

    if (!out)
        return att__err(st ? st->ctx : NULL, ATT_EINVAL, "att_store_docs: no output pointer");
    *out = NULL;
    if ((rc = bad_store(st)))
        return rc;
    /* Index documents_published read backwards gives exactly this order. */
    snprintf(sql, sizeof(sql),
             "SELECT id, published, lang, title, source, length(text) AS chars"
             " FROM documents"
             " ORDER BY published DESC NULLS LAST, ingested_at DESC, docno DESC LIMIT %d",
             limit > 0 ? limit : -1);
    return att__store_rows(st, sql, NULL, 0, out);
}

int att_store_stats(att_store *st, att_rows **out)
{
    static const char sql[] =
        "SELECT 'documents' AS what, count(*) AS count FROM documents"
        " UNION ALL SELECT 'paragraphs', count(*) FROM paragraphs"
        " UNION ALL SELECT 'sentences', count(*) FROM sentences"
        " UNION ALL SELECT 'entities', count(*) FROM entities"
        " UNION ALL SELECT 'mentions', count(*) FROM mentions"
        " UNION ALL SELECT 'timex', count(*) FROM timex"
        " UNION ALL SELECT 'events', count(*) FROM events"
        " UNION ALL SELECT 'facts', count(*) FROM facts"
        " UNION ALL SELECT 'quotes', count(*) FROM quotes"
        " UNION ALL SELECT 'bytes', (SELECT page_count FROM pragma_page_count())"
        "                        * (SELECT page_size FROM pragma_page_size())";
    int rc;

    if (!out)
        return att__err(st ? st->ctx : NULL, ATT_EINVAL, "att_store_stats: no output pointer");
    *out = NULL;
    if ((rc = bad_store(st)))
        return rc;
    return att__store_rows(st, sql, NULL, 0, out);
}

/* ---- rebuilding a document -------------------------------------------------- */

/* A text column copied into the document's arena; NULL stays NULL.  Sets
 * *oom when the copy fails. */
static const char *col_str(att_doc *doc, sqlite3_stmt *s, int i, int *oom)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    char *p;
    if (!v)
        return NULL;
    p = att__arena_strndup(&doc->arena, (const char *)v, (size_t)sqlite3_column_bytes(s, i));
    if (!p)
        *oom = 1;
    return p;
}

/* Reads columns i, i+1 as a span of doc; 0 when it lies inside the text. */
static int col_span(const att_doc *doc, sqlite3_stmt *s, int i, att_span *sp)
{
    sqlite3_int64 a = sqlite3_column_int64(s, i), b = sqlite3_column_int64(s, i + 1);
    if (a < 0 || a > b || (sqlite3_uint64)b > doc->len)
        return -1;
    sp->start = (uint32_t)a;
    sp->end = (uint32_t)b;
    return 0;
}

static int corrupt(att_store *st, const char *id, const char *what)
{
    return att__err(st->ctx, ATT_ESTORE, "%s: document %s: stored %s is damaged", st->path, id,
                    what);
}

static int oom(att_store *st)
{
    return att__err(st->ctx, ATT_ENOMEM, "%s: out of memory rebuilding a document", st->path);
}

/* Prepares sql with ?1 bound to the document id. */
static int prep_doc(att_store *st, const char *sql, const att_doc *doc, sqlite3_stmt **s)
{
    int rc = prepare(st, sql, s);
    if (!rc)
        sqlite3_bind_text(*s, 1, doc->id, -1, SQLITE_STATIC);
    return rc;
}

static int step_err(att_store *st, int src)
{
    return src == SQLITE_DONE ? 0 : att__store_err(st, "cannot read a stored document");
}

static int load_spans(att_store *st, att_doc *doc, const char *sql, att_span **arr, size_t *n,
                      size_t *cap, const char *what)
{
    sqlite3_stmt *s = NULL;
    int rc, src;
    att_span sp;

    *n = 0;
    if ((rc = prep_doc(st, sql, doc, &s)))
        goto cleanup;
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        if (col_span(doc, s, 0, &sp)) {
            rc = corrupt(st, doc->id, what);
            goto cleanup;
        }
        if (ATT_PUSH(*arr, *n, *cap, sp)) {
            rc = oom(st);
            goto cleanup;
        }
    }
    rc = step_err(st, src);
cleanup:
    sqlite3_finalize(s);
    return rc;
}

static int entity_index(const att_doc *doc, const char *id)
{
    if (!id)
        return -1;
    for (size_t i = 0; i < doc->nent; i++)
        if (strcmp(doc->ents[i].id, id) == 0)
            return (int)i;
    return -1;
}

static int load_entities(att_store *st, att_doc *doc)
{
    sqlite3_stmt *s = NULL;
    int rc, src, nomem = 0;
    att_span *spans = NULL;
    int *owner = NULL;
    size_t nspan = 0, cspan = 0, cowner = 0, nowner = 0;

    if ((rc = prep_doc(st,
                       "SELECT de.entity_id, e.type, e.name, de.code FROM doc_entities de"
                       " JOIN entities e ON e.id = de.entity_id"
                       " WHERE de.doc_id = ?1 ORDER BY de.idx",
                       doc, &s)))
        goto cleanup;
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        att_entity e = {0};
        e.id = col_str(doc, s, 0, &nomem);
        e.type = col_str(doc, s, 1, &nomem);
        e.name = col_str(doc, s, 2, &nomem);
        e.code = col_str(doc, s, 3, &nomem);
        if (nomem || ATT_PUSH(doc->ents, doc->nent, doc->cent, e)) {
            rc = oom(st);
            goto cleanup;
        }
    }
    if ((rc = step_err(st, src)))
        goto cleanup;
    sqlite3_finalize(s);
    s = NULL;

    /* Mentions: collected first, then handed to their entities as arena
     * arrays (att_doc_free frees the arena, not per-entity arrays). */
    if ((rc = prep_doc(st,
                       "SELECT entity_id, start, \"end\" FROM mentions WHERE doc_id = ?1"
                       " ORDER BY rowid",
                       doc, &s)))
        goto cleanup;
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        att_span sp;
        int e = entity_index(doc, (const char *)sqlite3_column_text(s, 0));
        if (e < 0 || col_span(doc, s, 1, &sp)) {
            rc = corrupt(st, doc->id, "mention");
            goto cleanup;
        }
        if (ATT_PUSH(spans, nspan, cspan, sp) || ATT_PUSH(owner, nowner, cowner, e)) {
            rc = oom(st);
            goto cleanup;
        }
        doc->ents[e].nmentions++;
    }
    if ((rc = step_err(st, src)))
        goto cleanup;
    for (size_t i = 0; i < doc->nent; i++) {
        att_entity *e = &doc->ents[i];
        size_t k = 0;
        if (!e->nmentions)
            continue;
        if (!(e->mentions = att__arena_array(&doc->arena, e->nmentions, sizeof(att_span)))) {
            rc = oom(st);
            goto cleanup;
        }
        for (size_t j = 0; j < nspan; j++)
            if (owner[j] == (int)i)
                e->mentions[k++] = spans[j];
    }
cleanup:
    sqlite3_finalize(s);
    free(spans);
    free(owner);
    return rc;
}

/* A row reader for load_layer(): turns the current row of s into one item
 * of a layer of doc.  Returns 0, ROW_CORRUPT when the row's spans do not fit
 * the text, or ATT_ENOMEM; sets *nomem when a string could not be copied. */
#define ROW_CORRUPT 1
typedef int (*row_reader)(att_doc *doc, sqlite3_stmt *s, int *nomem);

/* Reads every row sql gives for doc into a layer, one row_reader call a
 * row; what names the layer in a corruption message. */
static int load_layer(att_store *st, att_doc *doc, const char *sql, const char *what,
                      row_reader read_row)
{
    sqlite3_stmt *s = NULL;
    int rc, src = SQLITE_DONE, nomem = 0;

    if ((rc = prep_doc(st, sql, doc, &s)))
        goto cleanup;
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        rc = read_row(doc, s, &nomem);
        if (rc == ROW_CORRUPT) {
            rc = corrupt(st, doc->id, what);
            goto cleanup;
        }
        if (rc || nomem) {
            rc = oom(st);
            goto cleanup;
        }
    }
    rc = step_err(st, src);
cleanup:
    sqlite3_finalize(s);
    return rc;
}

static int timex_row(att_doc *doc, sqlite3_stmt *s, int *nomem)
{
    att_timex t = {0};
    att_span sp;
    if (col_span(doc, s, 0, &sp))
        return ROW_CORRUPT;
    t.start = sp.start;
    t.end = sp.end;
    t.type = col_str(doc, s, 2, nomem);
    t.value = col_str(doc, s, 3, nomem);
    t.mod = col_str(doc, s, 4, nomem);
    return ATT_PUSH(doc->timex, doc->ntimex, doc->ctimex, t);
}

static int event_row(att_doc *doc, sqlite3_stmt *s, int *nomem)
{
    att_event ev = {0};
    ev.code = col_str(doc, s, 0, nomem);
    ev.root = col_str(doc, s, 1, nomem);
    ev.quad = sqlite3_column_int(s, 2);
    ev.goldstein = sqlite3_column_double(s, 3);
    ev.source.entity = entity_index(doc, (const char *)sqlite3_column_text(s, 4));
    ev.source.code = col_str(doc, s, 5, nomem);
    ev.target.entity = entity_index(doc, (const char *)sqlite3_column_text(s, 6));
    ev.target.code = col_str(doc, s, 7, nomem);
    ev.date = col_str(doc, s, 8, nomem);
    ev.location = col_str(doc, s, 9, nomem);
    if (col_span(doc, s, 10, &ev.sentence) || col_span(doc, s, 12, &ev.trigger))
        return ROW_CORRUPT;
    ev.confidence = sqlite3_column_double(s, 14);
    return ATT_PUSH(doc->events, doc->nevent, doc->cevent, ev);
}

static int fact_row(att_doc *doc, sqlite3_stmt *s, int *nomem)
{
    att_fact f = {0};
    att_span sp;
    if (col_span(doc, s, 0, &sp))
        return ROW_CORRUPT;
    f.start = sp.start;
    f.end = sp.end;
    f.kind = col_str(doc, s, 2, nomem);
    f.value = sqlite3_column_double(s, 3);
    f.unit = col_str(doc, s, 4, nomem);
    f.period = col_str(doc, s, 5, nomem);
    f.actors = col_str(doc, s, 6, nomem);
    return ATT_PUSH(doc->facts, doc->nfact, doc->cfact, f);
}

static int quote_row(att_doc *doc, sqlite3_stmt *s, int *nomem)
{
    att_quote q = {0};
    att_span sp;
    (void)nomem;
    if (col_span(doc, s, 0, &sp) || col_span(doc, s, 3, &q.cue))
        return ROW_CORRUPT;
    q.start = sp.start;
    q.end = sp.end;
    q.speaker = entity_index(doc, (const char *)sqlite3_column_text(s, 2));
    return ATT_PUSH(doc->quotes, doc->nquote, doc->cquote, q);
}

/* The stored layers after the entities, in the order of the pipeline. */
static int load_annotations(att_store *st, att_doc *doc)
{
    static const struct {
        const char *sql, *what;
        row_reader read_row;
    } layers[] = {
        {"SELECT start, \"end\", type, value, mod FROM timex WHERE doc_id = ?1 ORDER BY rowid",
         "time expression", timex_row},
        {"SELECT code, root, quad, goldstein, source_entity, source_code, target_entity,"
         " target_code, date, location, sent_start, sent_end, trig_start, trig_end,"
         " confidence FROM events WHERE doc_id = ?1 ORDER BY idx",
         "event", event_row},
        {"SELECT start, \"end\", kind, value, unit, period, actors FROM facts"
         " WHERE doc_id = ?1 ORDER BY rowid",
         "fact", fact_row},
        {"SELECT start, \"end\", speaker_entity, cue_start, cue_end FROM quotes"
         " WHERE doc_id = ?1 ORDER BY rowid",
         "quote", quote_row},
    };
    for (size_t i = 0; i < ATT_ARRAY_LEN(layers); i++) {
        int rc = load_layer(st, doc, layers[i].sql, layers[i].what, layers[i].read_row);
        if (rc)
            return rc;
    }
    return 0;
}

/* Resolves an id or id prefix to one full id (out[17]). */
static int resolve_id(att_store *st, const char *id, char out[17])
{
    sqlite3_stmt *s = NULL;
    char prefix[17];
    char list[6 * 18 + 16] = "";
    size_t n = strlen(id);
    int rc = 0, src, count = 0;

    if (n == 0 || n > 16)
        return att__err(st->ctx, ATT_ENOTFOUND,
                        "no document \"%s\": an id is 16 hex digits (or a prefix of one)", id);
    for (size_t i = 0; i < n; i++) {
        if (!isxdigit((unsigned char)id[i]))
            return att__err(st->ctx, ATT_ENOTFOUND,
                            "no document \"%s\": an id is 16 hex digits (or a prefix of one)", id);
        prefix[i] = (char)tolower((unsigned char)id[i]);
    }
    prefix[n] = '\0';
    /* Ids are lower-case hex, so every id starting with the prefix sorts in
     * [prefix, prefix || 'g'): one index range scan. */
    if ((rc = prepare(st,
                      "SELECT id FROM documents WHERE id >= ?1 AND id < ?1 || 'g'"
                      " ORDER BY id LIMIT 6",
                      &s)))
        goto cleanup;
    sqlite3_bind_text(s, 1, prefix, -1, SQLITE_STATIC);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(s, 0);
        if (count == 0)
            snprintf(out, 17, "%s", v ? v : "");
        if (count < 5) {
            size_t len = strlen(list);
            snprintf(list + len, sizeof(list) - len, "%s%s", count ? ", " : "", v ? v : "");
        }
        count++;
    }
    if ((rc = step_err(st, src)))
        goto cleanup;
    if (count == 0)
        rc = att__err(st->ctx, ATT_ENOTFOUND, "%s: no document with id %s%s", st->path, prefix,
                      n < 16 ? "..." : "");
    else if (count > 1)
        rc = att__err(st->ctx, ATT_EINVAL,
                      "%s: document id prefix %s is ambiguous: it matches %s%s; give more digits",
                      st->path, prefix, list, count > 5 ? " and more" : "");
cleanup:
    sqlite3_finalize(s);
    return rc;
}

int att_store_get(att_store *st, const char *id, att_doc **out)
{
    sqlite3_stmt *s = NULL;
    att_doc *doc = NULL;
    char full[17];
    char *text = NULL;
    const char *stored_id;
    size_t len;
    int rc, src, nomem = 0;

    if (!out)
        return att__err(st ? st->ctx : NULL, ATT_EINVAL, "att_store_get: no output pointer");
    *out = NULL;
    if ((rc = bad_store(st)))
        return rc;
    if (!id)
        return att__err(st->ctx, ATT_EINVAL, "att_store_get: no id given");
    if ((rc = resolve_id(st, id, full)))
        return rc;
    if ((rc = prepare(st,
                      "SELECT id, ext_id, url, title, published, precision, lang, source, text,"
                      " meta FROM documents WHERE id = ?1",
                      &s)))
        goto cleanup;
    sqlite3_bind_text(s, 1, full, -1, SQLITE_STATIC);
    if ((src = sqlite3_step(s)) != SQLITE_ROW) {
        rc = src == SQLITE_DONE
                 ? att__err(st->ctx, ATT_ENOTFOUND, "%s: no document with id %s", st->path, full)
                 : step_err(st, src);
        goto cleanup;
    }
    len = (size_t)sqlite3_column_bytes(s, 8);
    {
        const char *t = (const char *)sqlite3_column_text(s, 8);
        if (!t && sqlite3_column_type(s, 8) != SQLITE_NULL) {
            rc = oom(st);
            goto cleanup;
        }
        if (!(text = dup_bytes(t ? t : "", len))) {
            rc = oom(st);
            goto cleanup;
        }
    }
    rc = att__doc_new(st->ctx, text, len, &doc); /* takes text, even on failure */
    text = NULL;
    if (rc)
        goto cleanup;
    stored_id = (const char *)sqlite3_column_text(s, 0);
    if (!stored_id || strcmp(stored_id, doc->id) != 0) {
        rc = att__err(st->ctx, ATT_ESTORE,
                      "%s: document %s: its stored text hashes to %s; the database is damaged "
                      "or was written by an incompatible version",
                      st->path, full, doc->id);
        goto cleanup;
    }
    doc->ext_id = col_str(doc, s, 1, &nomem);
    doc->url = col_str(doc, s, 2, &nomem);
    doc->title = col_str(doc, s, 3, &nomem);
    doc->published = col_str(doc, s, 4, &nomem);
    doc->prec = (att_precision)sqlite3_column_int(s, 5);
    if (doc->prec < ATT_PREC_NONE || doc->prec > ATT_PREC_SECOND)
        doc->prec = ATT_PREC_NONE;
    if (sqlite3_column_type(s, 6) != SQLITE_NULL)
        doc->lang = col_str(doc, s, 6, &nomem);
    doc->source = col_str(doc, s, 7, &nomem);
    if (sqlite3_column_type(s, 9) != SQLITE_NULL) {
        const char *m = (const char *)sqlite3_column_text(s, 9);
        if (!m || !(doc->meta_json = dup_bytes(m, (size_t)sqlite3_column_bytes(s, 9))))
            nomem = 1;
    }
    if (nomem) {
        rc = oom(st);
        goto cleanup;
    }
    sqlite3_finalize(s);
    s = NULL;

    /* The stored paragraphs replace the ones att__doc_new found: a reader
     * (HTML, say) may have set them differently. */
    if ((rc = load_spans(st, doc,
                         "SELECT start, \"end\" FROM paragraphs WHERE doc_id = ?1 ORDER BY idx",
                         &doc->paras, &doc->npara, &doc->cpara, "paragraph")) ||
        (rc = load_spans(st, doc,
                         "SELECT start, \"end\" FROM sentences WHERE doc_id = ?1 ORDER BY idx",
                         &doc->sents, &doc->nsent, &doc->csent, "sentence")) ||
        (rc = load_entities(st, doc)) || (rc = load_annotations(st, doc)))
        goto cleanup;
    *out = doc;
    doc = NULL;
cleanup:
    sqlite3_finalize(s);
    free(text);
    att_doc_free(doc);
    return rc;
}

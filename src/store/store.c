/*
 * store.c - opening and closing the SQLite store, and batched writes.
 *
 * att_store_put() writes one document with all its layers.  Documents are
 * grouped into batches of ATT_STORE_BATCH per transaction (one fsync per
 * batch, not per document); inside the batch each document gets its own
 * SAVEPOINT, so a document that fails rolls back alone and the batch goes
 * on.  A document whose id (the hash of its text) is already stored is not
 * touched: putting it again reports ATT_PUT_UNCHANGED.
 *
 * The write statements are one table (write_sql[], indexed by
 * att__store_stmt), prepared on the first put and reused.  Everything a
 * document carries is checked before the first row is written, so bad spans
 * are reported with the layer and index rather than as an SQL error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store.h"

static const char *const write_sql[ATT__ST_COUNT] = {
    [ATT__ST_EXISTS] = "SELECT 1 FROM documents WHERE id = ?1",
    [ATT__ST_DOC] = "INSERT INTO documents(id, ext_id, url, title, published, precision, lang,"
                    " source, text, meta) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [ATT__ST_PARA] = "INSERT INTO paragraphs(doc_id, idx, start, \"end\") VALUES (?1, ?2, ?3, ?4)",
    [ATT__ST_SENT] = "INSERT INTO sentences(doc_id, idx, start, \"end\") VALUES (?1, ?2, ?3, ?4)",
    /* The newest knowledge base wins for type and name; the code kept here
     * is a default, the one valid at a document's date is in doc_entities. */
    [ATT__ST_ENTITY] = "INSERT INTO entities(id, type, name, code) VALUES (?1, ?2, ?3, ?4)"
                       " ON CONFLICT(id) DO UPDATE SET"
                       "  type = coalesce(excluded.type, type),"
                       "  name = coalesce(excluded.name, name),"
                       "  code = coalesce(code, excluded.code)"
                       " WHERE excluded.type IS NOT type OR excluded.name IS NOT name"
                       "  OR (code IS NULL AND excluded.code IS NOT NULL)",
    [ATT__ST_DOC_ENTITY] = "INSERT INTO doc_entities(doc_id, idx, entity_id, code)"
                           " VALUES (?1, ?2, ?3, ?4)",
    [ATT__ST_MENTION] = "INSERT INTO mentions(doc_id, entity_id, start, \"end\")"
                        " VALUES (?1, ?2, ?3, ?4)",
    [ATT__ST_TIMEX] = "INSERT INTO timex(doc_id, start, \"end\", type, value, mod)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [ATT__ST_EVENT] = "INSERT INTO events(doc_id, idx, code, root, quad, goldstein,"
                      " source_entity, source_code, target_entity, target_code, date, location,"
                      " sent_start, sent_end, trig_start, trig_end, confidence) VALUES"
                      " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                      " ?17)",
    [ATT__ST_FACT] = "INSERT INTO facts(doc_id, start, \"end\", kind, value, unit, period, actors)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [ATT__ST_QUOTE] = "INSERT INTO quotes(doc_id, start, \"end\", speaker_entity, cue_start,"
                      " cue_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
};

/* ---- opening and closing ------------------------------------------------ */

static int exec(att_store *st, const char *sql, const char *what)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return att__store_err(st, what);
    return 0;
}

int att_store_open(att_ctx *ctx, const char *path, int flags, att_store **out)
{
    att_store *st = NULL;
    struct stat sb;
    int rc = 0, oflags;

    if (!out)
        return att__err(ctx, ATT_EINVAL, "att_store_open: no output pointer");
    *out = NULL;
    if (!path || !*path)
        return att__err(ctx, ATT_EINVAL, "att_store_open: no database path given");
    if ((flags & ATT_STORE_READONLY) && strcmp(path, ":memory:") != 0 && stat(path, &sb) != 0) {
        if (errno == ENOENT)
            return att__err(ctx, ATT_ENOTFOUND,
                            "%s: no such database (opened read-only, so it is not created)", path);
        return att__err(ctx, ATT_EIO, "%s: %s", path, strerror(errno));
    }
    st = calloc(1, sizeof(*st));
    if (!st || !(st->path = strdup(path))) {
        rc = att__err(ctx, ATT_ENOMEM, "out of memory");
        goto cleanup;
    }
    st->ctx = ctx;
    st->flags = flags;
    oflags = (flags & ATT_STORE_READONLY) ? SQLITE_OPEN_READONLY
                                          : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
        rc = st->db ? att__store_err(st, "cannot open the database")
                    : att__err(ctx, ATT_ENOMEM, "%s: out of memory opening the database", path);
        goto cleanup;
    }
    sqlite3_busy_timeout(st->db, ATT_STORE_BUSY_MS);
    /* Opening is lazy: this first read is where a file that is not a
     * database (or is damaged) shows. */
    if ((rc = exec(st, "SELECT count(*) FROM sqlite_schema", "cannot read the database")) ||
        (rc = exec(st, "PRAGMA foreign_keys = ON", "cannot enable foreign keys")))
        goto cleanup;
    /* WAL lets readers (the server) go on while the writer commits;
     * synchronous=NORMAL is durable across application crashes and costs one
     * fsync per checkpoint instead of per commit.  The journal mode is
     * persistent, so a read-only connection leaves it alone. */
    if (!(flags & ATT_STORE_READONLY) &&
        ((rc = exec(st, "PRAGMA journal_mode = WAL", "cannot switch to WAL mode")) ||
         (rc = exec(st, "PRAGMA synchronous = NORMAL", "cannot set synchronous mode"))))
        goto cleanup;
    if ((rc = att__store_migrate(st)))
        goto cleanup;
    *out = st;
    st = NULL;
cleanup:
    if (st) {
        sqlite3_close(st->db);
        free(st->path);
        free(st);
    }
    return rc;
}

int att_store_flush(att_store *st)
{
    int rc = 0;
    if (!st || !st->in_txn)
        return 0;
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        char what[96];
        snprintf(what, sizeof(what), "cannot commit a batch of %d documents (none was stored)",
                 st->batch_docs);
        rc = att__store_err(st, what);
        if (!sqlite3_get_autocommit(st->db))
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    }
    st->in_txn = 0;
    st->batch_docs = 0;
    return rc;
}

int att_store_close(att_store *st)
{
    int rc;
    if (!st)
        return 0;
    rc = att_store_flush(st);
    for (size_t i = 0; i < ATT__ST_COUNT; i++)
        sqlite3_finalize(st->stmt[i]);
    /* Every statement is finalized, so sqlite3_close cannot be busy. */
    if (sqlite3_close(st->db) != SQLITE_OK && !rc)
        rc = att__store_err(st, "cannot close the database");
    free(st->path);
    free(st);
    return rc;
}

/* ---- checking a document before writing it ------------------------------ */

static int bad_span(att_store *st, const att_doc *doc, const char *layer, size_t i, uint32_t a,
                    uint32_t b)
{
    return att__err(st->ctx, ATT_EINVAL,
                    "%s: document %s: %s %zu has span [%u,%u) outside its text of %zu bytes",
                    st->path, doc->id, layer, i, (unsigned)a, (unsigned)b, doc->len);
}

#define SPAN_OK(a, b) ((a) <= (b) && (size_t)(b) <= doc->len)

static int bad_entity(att_store *st, const att_doc *doc, const char *layer, size_t i, int ent)
{
    return att__err(st->ctx, ATT_EINVAL,
                    "%s: document %s: %s %zu refers to entity %d, but the document has %zu",
                    st->path, doc->id, layer, i, ent, doc->nent);
}

#define ENTITY_OK(e) ((e) >= -1 && ((e) < 0 || (size_t)(e) < doc->nent))

static int check_doc(att_store *st, const att_doc *doc)
{
    if (!doc->text)
        return att__err(st->ctx, ATT_EINVAL, "%s: document %s has no text", st->path, doc->id);
    for (size_t i = 0; i < doc->npara; i++)
        if (!SPAN_OK(doc->paras[i].start, doc->paras[i].end))
            return bad_span(st, doc, "paragraph", i, doc->paras[i].start, doc->paras[i].end);
    for (size_t i = 0; i < doc->nsent; i++)
        if (!SPAN_OK(doc->sents[i].start, doc->sents[i].end))
            return bad_span(st, doc, "sentence", i, doc->sents[i].start, doc->sents[i].end);
    for (size_t i = 0; i < doc->nent; i++) {
        const att_entity *e = &doc->ents[i];
        if (!e->id || !*e->id)
            return att__err(st->ctx, ATT_EINVAL, "%s: document %s: entity %zu has no id", st->path,
                            doc->id, i);
        for (size_t k = 0; k < e->nmentions; k++)
            if (!SPAN_OK(e->mentions[k].start, e->mentions[k].end))
                return bad_span(st, doc, "mention", k, e->mentions[k].start, e->mentions[k].end);
    }
    for (size_t i = 0; i < doc->ntimex; i++)
        if (!SPAN_OK(doc->timex[i].start, doc->timex[i].end))
            return bad_span(st, doc, "timex", i, doc->timex[i].start, doc->timex[i].end);
    for (size_t i = 0; i < doc->nevent; i++) {
        const att_event *ev = &doc->events[i];
        if (!SPAN_OK(ev->sentence.start, ev->sentence.end))
            return bad_span(st, doc, "event sentence", i, ev->sentence.start, ev->sentence.end);
        if (!SPAN_OK(ev->trigger.start, ev->trigger.end))
            return bad_span(st, doc, "event trigger", i, ev->trigger.start, ev->trigger.end);
        if (!ENTITY_OK(ev->source.entity))
            return bad_entity(st, doc, "event source of event", i, ev->source.entity);
        if (!ENTITY_OK(ev->target.entity))
            return bad_entity(st, doc, "event target of event", i, ev->target.entity);
    }
    for (size_t i = 0; i < doc->nfact; i++)
        if (!SPAN_OK(doc->facts[i].start, doc->facts[i].end))
            return bad_span(st, doc, "fact", i, doc->facts[i].start, doc->facts[i].end);
    for (size_t i = 0; i < doc->nquote; i++) {
        const att_quote *q = &doc->quotes[i];
        if (!SPAN_OK(q->start, q->end))
            return bad_span(st, doc, "quote", i, q->start, q->end);
        if (!SPAN_OK(q->cue.start, q->cue.end))
            return bad_span(st, doc, "quote cue", i, q->cue.start, q->cue.end);
        if (!ENTITY_OK(q->speaker))
            return bad_entity(st, doc, "speaker of quote", i, q->speaker);
    }
    return 0;
}

/* ---- writing -------------------------------------------------------------- */

static int prepare_all(att_store *st)
{
    for (size_t i = 0; i < ATT__ST_COUNT; i++) {
        if (st->stmt[i])
            continue;
        if (sqlite3_prepare_v3(st->db, write_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &st->stmt[i],
                               NULL) != SQLITE_OK)
            return att__store_err(st, "cannot prepare the write statements");
    }
    return 0;
}

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static const char *entity_id(const att_doc *doc, int ent)
{
    return ent >= 0 ? doc->ents[ent].id : NULL;
}

/* Runs a bound insert and readies it for the next use. */
static int step(att_store *st, const att_doc *doc, att__store_stmt which, const char *what)
{
    sqlite3_stmt *s = st->stmt[which];
    int rc = 0;
    if (sqlite3_step(s) != SQLITE_DONE) {
        char buf[96];
        snprintf(buf, sizeof(buf), "document %s: cannot write %s", doc->id, what);
        rc = att__store_err(st, buf);
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc;
}

static int put_spans(att_store *st, const att_doc *doc, att__store_stmt which, const att_span *sp,
                     size_t n, const char *what)
{
    sqlite3_stmt *s = st->stmt[which];
    int rc;
    for (size_t i = 0; i < n; i++) {
        bind_str(s, 1, doc->id);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(s, 3, sp[i].start);
        sqlite3_bind_int64(s, 4, sp[i].end);
        if ((rc = step(st, doc, which, what)))
            return rc;
    }
    return 0;
}

static int put_entities(att_store *st, const att_doc *doc)
{
    int rc;
    for (size_t i = 0; i < doc->nent; i++) {
        const att_entity *e = &doc->ents[i];
        sqlite3_stmt *s = st->stmt[ATT__ST_ENTITY];
        bind_str(s, 1, e->id);
        bind_str(s, 2, e->type);
        bind_str(s, 3, e->name);
        bind_str(s, 4, e->code);
        if ((rc = step(st, doc, ATT__ST_ENTITY, "an entity")))
            return rc;
        s = st->stmt[ATT__ST_DOC_ENTITY];
        bind_str(s, 1, doc->id);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        bind_str(s, 3, e->id);
        bind_str(s, 4, e->code);
        if ((rc = step(st, doc, ATT__ST_DOC_ENTITY, "an entity of the document")))
            return rc;
        s = st->stmt[ATT__ST_MENTION];
        for (size_t k = 0; k < e->nmentions; k++) {
            bind_str(s, 1, doc->id);
            bind_str(s, 2, e->id);
            sqlite3_bind_int64(s, 3, e->mentions[k].start);
            sqlite3_bind_int64(s, 4, e->mentions[k].end);
            if ((rc = step(st, doc, ATT__ST_MENTION, "a mention")))
                return rc;
        }
    }
    return 0;
}

static int put_layers(att_store *st, const att_doc *doc)
{
    sqlite3_stmt *s;
    int rc;

    s = st->stmt[ATT__ST_TIMEX];
    for (size_t i = 0; i < doc->ntimex; i++) {
        const att_timex *t = &doc->timex[i];
        bind_str(s, 1, doc->id);
        sqlite3_bind_int64(s, 2, t->start);
        sqlite3_bind_int64(s, 3, t->end);
        bind_str(s, 4, t->type);
        bind_str(s, 5, t->value);
        bind_str(s, 6, t->mod);
        if ((rc = step(st, doc, ATT__ST_TIMEX, "a time expression")))
            return rc;
    }
    s = st->stmt[ATT__ST_EVENT];
    for (size_t i = 0; i < doc->nevent; i++) {
        const att_event *ev = &doc->events[i];
        bind_str(s, 1, doc->id);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        bind_str(s, 3, ev->code);
        bind_str(s, 4, ev->root);
        sqlite3_bind_int(s, 5, ev->quad);
        sqlite3_bind_double(s, 6, ev->goldstein);
        bind_str(s, 7, entity_id(doc, ev->source.entity));
        bind_str(s, 8, ev->source.code);
        bind_str(s, 9, entity_id(doc, ev->target.entity));
        bind_str(s, 10, ev->target.code);
        bind_str(s, 11, ev->date);
        bind_str(s, 12, ev->location);
        sqlite3_bind_int64(s, 13, ev->sentence.start);
        sqlite3_bind_int64(s, 14, ev->sentence.end);
        sqlite3_bind_int64(s, 15, ev->trigger.start);
        sqlite3_bind_int64(s, 16, ev->trigger.end);
        sqlite3_bind_double(s, 17, ev->confidence);
        if ((rc = step(st, doc, ATT__ST_EVENT, "an event")))
            return rc;
    }
    s = st->stmt[ATT__ST_FACT];
    for (size_t i = 0; i < doc->nfact; i++) {
        const att_fact *f = &doc->facts[i];
        bind_str(s, 1, doc->id);
        sqlite3_bind_int64(s, 2, f->start);
        sqlite3_bind_int64(s, 3, f->end);
        bind_str(s, 4, f->kind);
        sqlite3_bind_double(s, 5, f->value);
        bind_str(s, 6, f->unit);
        bind_str(s, 7, f->period);
        bind_str(s, 8, f->actors);
        if ((rc = step(st, doc, ATT__ST_FACT, "a fact")))
            return rc;
    }
    s = st->stmt[ATT__ST_QUOTE];
    for (size_t i = 0; i < doc->nquote; i++) {
        const att_quote *q = &doc->quotes[i];
        bind_str(s, 1, doc->id);
        sqlite3_bind_int64(s, 2, q->start);
        sqlite3_bind_int64(s, 3, q->end);
        bind_str(s, 4, entity_id(doc, q->speaker));
        sqlite3_bind_int64(s, 5, q->cue.start);
        sqlite3_bind_int64(s, 6, q->cue.end);
        if ((rc = step(st, doc, ATT__ST_QUOTE, "a quote")))
            return rc;
    }
    return 0;
}

static int put_doc(att_store *st, const att_doc *doc)
{
    sqlite3_stmt *s = st->stmt[ATT__ST_DOC];
    int rc;

    bind_str(s, 1, doc->id);
    bind_str(s, 2, doc->ext_id);
    bind_str(s, 3, doc->url);
    bind_str(s, 4, doc->title);
    bind_str(s, 5, doc->published);
    sqlite3_bind_int(s, 6, (int)doc->prec);
    bind_str(s, 7, doc->lang);
    bind_str(s, 8, doc->source);
    sqlite3_bind_text64(s, 9, doc->text, doc->len, SQLITE_STATIC, SQLITE_UTF8);
    bind_str(s, 10, doc->meta_json);
    if ((rc = step(st, doc, ATT__ST_DOC, "the document")) ||
        (rc = put_spans(st, doc, ATT__ST_PARA, doc->paras, doc->npara, "a paragraph")) ||
        (rc = put_spans(st, doc, ATT__ST_SENT, doc->sents, doc->nsent, "a sentence")) ||
        (rc = put_entities(st, doc)) || (rc = put_layers(st, doc)))
        return rc;
    return 0;
}

/* 1 when a document with this id is stored (or pending in the batch). */
static int doc_exists(att_store *st, const att_doc *doc, int *exists)
{
    sqlite3_stmt *s = st->stmt[ATT__ST_EXISTS];
    int src, rc = 0;
    bind_str(s, 1, doc->id);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        *exists = 1;
    else if (src == SQLITE_DONE)
        *exists = 0;
    else
        rc = att__store_err(st, "cannot look up a document");
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc;
}

/* After a failed document: undo its rows, keep the batch.  When SQLite has
 * already rolled the whole transaction back (disk full, I/O error), the
 * batch is gone and the message says so. */
static int undo_doc(att_store *st, int rc, int in_savepoint)
{
    if (!sqlite3_get_autocommit(st->db)) {
        if (!in_savepoint)
            return rc;
        if (sqlite3_exec(st->db, "ROLLBACK TO att_doc; RELEASE att_doc", NULL, NULL, NULL) ==
            SQLITE_OK)
            return rc;
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    }
    if (st->batch_docs > 0) {
        char msg[sizeof(st->ctx->errmsg)];
        snprintf(msg, sizeof(msg), "%s", att_errmsg(st->ctx));
        att__err(st->ctx, rc,
                 "%s; the transaction was rolled back with the %d earlier documents of its "
                 "batch, which are not stored",
                 msg, st->batch_docs);
    }
    st->in_txn = 0;
    st->batch_docs = 0;
    return rc;
}

int att_store_put(att_store *st, const att_doc *doc, att_put_result *result)
{
    int rc, exists = 0;

    if (!st || !doc)
        return att__err(st ? st->ctx : NULL, ATT_EINVAL, "att_store_put: no store or document");
    if (st->flags & ATT_STORE_READONLY)
        return att__err(st->ctx, ATT_EINVAL, "%s: the store was opened read-only", st->path);
    if ((rc = check_doc(st, doc)) || (rc = prepare_all(st)))
        return rc;
    if ((rc = doc_exists(st, doc, &exists)))
        return rc;
    if (!exists && !st->in_txn) {
        if ((rc = exec(st, "BEGIN IMMEDIATE", "cannot start a transaction")))
            return rc;
        st->in_txn = 1;
        st->batch_docs = 0;
        /* Another process may have written it before the lock was ours. */
        if ((rc = doc_exists(st, doc, &exists)))
            return rc;
    }
    if (exists) {
        if (result)
            *result = ATT_PUT_UNCHANGED;
        return 0;
    }
    if ((rc = exec(st, "SAVEPOINT att_doc", "cannot start a savepoint")))
        return undo_doc(st, rc, 0);
    if ((rc = put_doc(st, doc)) || (rc = exec(st, "RELEASE att_doc", "cannot release a savepoint")))
        return undo_doc(st, rc, 1);
    st->batch_docs++;
    if (st->batch_docs >= ATT_STORE_BATCH && (rc = att_store_flush(st)))
        return rc;
    if (result)
        *result = ATT_PUT_NEW;
    return 0;
}

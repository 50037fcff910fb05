/*
 * schema.c - the store's tables and the migrations that build them.
 *
 * The schema is an ordered table of SQL steps: migrations[i] takes a
 * database from version i to version i + 1, so version N is reached from
 * any older one by running the steps after it, in one transaction, and the
 * version is kept both in PRAGMA user_version (cheap to read) and in the
 * meta table (readable by people).  PRAGMA application_id marks the file as
 * attache's, so another program's SQLite database is never "migrated".
 *
 * Rules for changing it: never edit a step that has shipped; append a new
 * step and raise ATT_SCHEMA_VERSION.  A database newer than the program is
 * refused rather than read with the wrong assumptions.  docs/store.md
 * describes every table.
 */
#include <stdio.h>
#include <string.h>

#include "store.h"

/* Version 0 -> 1: the first schema.  Column names "start" and "end" follow
 * the span convention ([start,end) byte offsets); END is an SQL keyword, so
 * it is always quoted. */
static const char schema_v1[] =
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT"
    ") WITHOUT ROWID;"

    /* docno is the stable integer key the FTS5 index maps to (an INTEGER
     * PRIMARY KEY survives VACUUM, a bare rowid may not); id is the public
     * identity, the hash of the normalised text. */
    "CREATE TABLE documents ("
    "  docno INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  ext_id TEXT,"
    "  url TEXT,"
    "  title TEXT,"
    "  published TEXT,"
    "  precision INTEGER NOT NULL DEFAULT 0,"
    "  lang TEXT,"
    "  source TEXT,"
    "  text TEXT NOT NULL,"
    "  meta TEXT,"
    "  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
    ");"
    "CREATE INDEX documents_published ON documents(published, ingested_at);"

    "CREATE TABLE paragraphs ("
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  \"end\" INTEGER NOT NULL,"
    "  PRIMARY KEY (doc_id, idx),"
    "  CHECK (0 <= start AND start <= \"end\")"
    ") WITHOUT ROWID;"

    "CREATE TABLE sentences ("
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  \"end\" INTEGER NOT NULL,"
    "  PRIMARY KEY (doc_id, idx),"
    "  CHECK (0 <= start AND start <= \"end\")"
    ") WITHOUT ROWID;"

    /* One row per entity across all documents: the knowledge base's view. */
    "CREATE TABLE entities ("
    "  id TEXT PRIMARY KEY,"
    "  type TEXT,"
    "  name TEXT,"
    "  code TEXT"
    ") WITHOUT ROWID;"

    /* The entity layer of one document, in its order (events and quotes
     * refer to entities by that index) with the actor code at that
     * document's date, which can differ from one document to the next. */
    "CREATE TABLE doc_entities ("
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  entity_id TEXT NOT NULL REFERENCES entities(id),"
    "  code TEXT,"
    "  PRIMARY KEY (doc_id, idx)"
    ") WITHOUT ROWID;"
    "CREATE INDEX doc_entities_entity ON doc_entities(entity_id);"

    "CREATE TABLE mentions ("
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  entity_id TEXT NOT NULL REFERENCES entities(id),"
    "  start INTEGER NOT NULL,"
    "  \"end\" INTEGER NOT NULL,"
    "  CHECK (0 <= start AND start <= \"end\")"
    ");"
    "CREATE INDEX mentions_doc ON mentions(doc_id);"
    "CREATE INDEX mentions_entity ON mentions(entity_id, doc_id);"

    "CREATE TABLE timex ("
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  start INTEGER NOT NULL,"
    "  \"end\" INTEGER NOT NULL,"
    "  type TEXT,"
    "  value TEXT,"
    "  mod TEXT,"
    "  CHECK (0 <= start AND start <= \"end\")"
    ");"
    "CREATE INDEX timex_doc ON timex(doc_id);"

    "CREATE TABLE events ("
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  code TEXT NOT NULL,"
    "  root TEXT,"
    "  quad INTEGER,"
    "  goldstein REAL,"
    "  source_entity TEXT REFERENCES entities(id),"
    "  source_code TEXT,"
    "  target_entity TEXT REFERENCES entities(id),"
    "  target_code TEXT,"
    "  date TEXT,"
    "  location TEXT,"
    "  sent_start INTEGER,"
    "  sent_end INTEGER,"
    "  trig_start INTEGER,"
    "  trig_end INTEGER,"
    "  confidence REAL,"
    "  PRIMARY KEY (doc_id, idx)"
    ") WITHOUT ROWID;"
    "CREATE INDEX events_date ON events(date);"
    "CREATE INDEX events_code ON events(code, date);"
    "CREATE INDEX events_root ON events(root, date);"
    "CREATE INDEX events_source ON events(source_code, date);"
    "CREATE INDEX events_target ON events(target_code, date);"

    "CREATE TABLE facts ("
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  start INTEGER NOT NULL,"
    "  \"end\" INTEGER NOT NULL,"
    "  kind TEXT,"
    "  value REAL,"
    "  unit TEXT,"
    "  period TEXT,"
    "  actors TEXT,"
    "  CHECK (0 <= start AND start <= \"end\")"
    ");"
    "CREATE INDEX facts_doc ON facts(doc_id);"

    "CREATE TABLE quotes ("
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  start INTEGER NOT NULL,"
    "  \"end\" INTEGER NOT NULL,"
    "  speaker_entity TEXT REFERENCES entities(id),"
    "  cue_start INTEGER,"
    "  cue_end INTEGER,"
    "  CHECK (0 <= start AND start <= \"end\")"
    ");"
    "CREATE INDEX quotes_doc ON quotes(doc_id);"
    "CREATE INDEX quotes_speaker ON quotes(speaker_entity);"

    /* Full text of title and body.  External content: the text is stored
     * once, in documents, and the triggers keep the index in step inside the
     * same transaction.  unicode61 splits at hyphens, so the compound
     * "Glasfaserkabel-Highway" is found by "Glasfaserkabel"; remove_diacritics
     * 2 folds accents, so "munchen" finds "München" and "Sao" finds "São". */
    "CREATE VIRTUAL TABLE docs_fts USING fts5("
    "  title, text,"
    "  content='documents', content_rowid='docno',"
    "  tokenize='unicode61 remove_diacritics 2'"
    ");"
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN"
    "  INSERT INTO docs_fts(rowid, title, text) VALUES (new.docno, new.title, new.text);"
    "END;"
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
    "  INSERT INTO docs_fts(docs_fts, rowid, title, text)"
    "    VALUES ('delete', old.docno, old.title, old.text);"
    "END;"
    "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN"
    "  INSERT INTO docs_fts(docs_fts, rowid, title, text)"
    "    VALUES ('delete', old.docno, old.title, old.text);"
    "  INSERT INTO docs_fts(rowid, title, text) VALUES (new.docno, new.title, new.text);"
    "END;";

/* Version 1 -> 2: what `attache fetch` last heard from each URL, so the
 * next fetch can ask "only if changed" (If-None-Match, If-Modified-Since).
 * fetched_at is UTC ISO 8601; status the HTTP status of that answer. */
static const char schema_v2[] =
    "CREATE TABLE fetched ("
    "  url TEXT PRIMARY KEY,"
    "  etag TEXT,"
    "  last_modified TEXT,"
    "  fetched_at TEXT,"
    "  status INTEGER"
    ") WITHOUT ROWID;";

/* migrations[i] takes the schema from version i to i + 1. */
static const char *const migrations[] = {
    schema_v1,
    schema_v2,
};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == ATT_SCHEMA_VERSION,
               "one migration step per schema version");

int att__store_err(att_store *st, const char *what)
{
    return att__err(st->ctx, ATT_ESTORE, "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

/* Reads a one-integer PRAGMA or query. */
static int query_int(att_store *st, const char *sql, long long *val)
{
    sqlite3_stmt *s = NULL;
    int rc = 0, src;

    *val = 0;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        rc = att__store_err(st, "cannot read the database");
        goto cleanup;
    }
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        *val = sqlite3_column_int64(s, 0);
    else if (src != SQLITE_DONE)
        rc = att__store_err(st, "cannot read the database");
cleanup:
    sqlite3_finalize(s);
    return rc;
}

/* What the file is: its schema version, or why it is not ours. */
static int read_version(att_store *st, long long *version, int *empty)
{
    long long app, nobj;
    int rc;

    *empty = 0;
    if ((rc = query_int(st, "PRAGMA application_id", &app)) ||
        (rc = query_int(st, "PRAGMA user_version", version)) ||
        (rc = query_int(st, "SELECT count(*) FROM sqlite_schema", &nobj)))
        return rc;
    if (app == 0 && nobj == 0) {
        *empty = 1;
        return 0;
    }
    if (app != ATT_STORE_APP_ID)
        return att__err(st->ctx, ATT_EFORMAT,
                        "%s: not an attache database (it is another program's SQLite "
                        "database, application_id %lld)",
                        st->path, app);
    if (*version > ATT_SCHEMA_VERSION)
        return att__err(st->ctx, ATT_ESTORE,
                        "%s: database schema version %lld is newer than this program "
                        "supports (%d); use a newer attache",
                        st->path, *version, ATT_SCHEMA_VERSION);
    return 0;
}

/* Runs the steps from `from` to ATT_SCHEMA_VERSION inside the caller's
 * transaction and records the new version. */
static int apply_steps(att_store *st, long long from)
{
    char sql[512];
    char what[64];

    for (long long v = from; v < ATT_SCHEMA_VERSION; v++) {
        snprintf(what, sizeof(what), "migrating the schema to version %lld", v + 1);
        if (sqlite3_exec(st->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK)
            return att__store_err(st, what);
    }
    snprintf(sql, sizeof(sql),
             "PRAGMA application_id = %d;"
             "PRAGMA user_version = %d;"
             "INSERT INTO meta(key, value) VALUES"
             "  ('application', 'attache'),"
             "  ('schema_version', '%d'),"
             "  ('written_by', '" ATT_VERSION "')"
             "  ON CONFLICT(key) DO UPDATE SET value = excluded.value;"
             "INSERT INTO meta(key, value)"
             "  VALUES ('created_at', strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now'))"
             "  ON CONFLICT(key) DO NOTHING;",
             ATT_STORE_APP_ID, ATT_SCHEMA_VERSION, ATT_SCHEMA_VERSION);
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return att__store_err(st, "recording the schema version");
    return 0;
}

int att__store_migrate(att_store *st)
{
    long long version = 0;
    int empty = 0, rc, in_txn = 0;

    if ((rc = read_version(st, &version, &empty)))
        return rc;
    if (st->flags & ATT_STORE_READONLY) {
        if (empty)
            return att__err(st->ctx, ATT_EFORMAT,
                            "%s: not an attache database (it is empty; open it writable "
                            "once to create it)",
                            st->path);
        if (version < ATT_SCHEMA_VERSION)
            return att__err(st->ctx, ATT_ESTORE,
                            "%s: database schema version %lld is older than this program's "
                            "(%d); open it writable once to upgrade it",
                            st->path, version, ATT_SCHEMA_VERSION);
        return 0;
    }
    if (!empty && version == ATT_SCHEMA_VERSION)
        return 0;

    /* BEGIN IMMEDIATE takes the write lock first, then the version is read
     * again: another process may have migrated while this one waited. */
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        rc = att__store_err(st, "cannot start the schema migration");
        goto cleanup;
    }
    in_txn = 1;
    if ((rc = read_version(st, &version, &empty)))
        goto cleanup;
    if (empty)
        version = 0;
    if (version < ATT_SCHEMA_VERSION && (rc = apply_steps(st, version)))
        goto cleanup;
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        rc = att__store_err(st, "cannot commit the schema migration");
        goto cleanup;
    }
    in_txn = 0;
cleanup:
    if (in_txn)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

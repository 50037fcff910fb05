/*
 * store.h - internals of the SQLite store shared by its files.
 *
 * The public functions (att_store_*, att_rows_*) are declared in attache.h;
 * schema.c holds the schema and migrations, store.c opening, closing and the
 * batched writes, query.c the reads and att_rows, fetched.c what `fetch`
 * last heard from each URL.  See docs/store.md for the tables.
 *
 * Invariants: a document row exists only together with all its layer rows
 * (each document is written inside its own SAVEPOINT); in_txn is 1 exactly
 * while a batch transaction opened by att_store_put() is pending; stmt[] holds
 * the write statements, prepared on the first put and reused until close.
 */
#ifndef ATT_STORE_H
#define ATT_STORE_H

#include <sqlite3.h>

#include "../doc/doc.h"

#define ATT_STORE_BATCH 256         /* documents per transaction */
#define ATT_STORE_BUSY_MS 10000     /* how long to wait for another writer */
#define ATT_STORE_APP_ID 0x41545443 /* PRAGMA application_id: "ATTC" */

/* Current schema version (PRAGMA user_version); schema.c has one migration
 * step per version. */
#define ATT_SCHEMA_VERSION 2

/* The reused write statements, in the order of store.c's table of SQL. */
typedef enum att__store_stmt {
    ATT__ST_EXISTS,
    ATT__ST_DOC,
    ATT__ST_PARA,
    ATT__ST_SENT,
    ATT__ST_ENTITY,
    ATT__ST_DOC_ENTITY,
    ATT__ST_MENTION,
    ATT__ST_TIMEX,
    ATT__ST_EVENT,
    ATT__ST_FACT,
    ATT__ST_QUOTE,
    ATT__ST_COUNT
} att__store_stmt;

struct att_store {
    att_ctx *ctx;
    sqlite3 *db;
    char *path;
    int flags;      /* ATT_STORE_* as given to att_store_open */
    int in_txn;     /* a batch transaction is open */
    int batch_docs; /* documents written in it */
    sqlite3_stmt *stmt[ATT__ST_COUNT];
};

/* Checks that the database is attache's and at a version this program
 * knows.  A writable store is created or migrated to ATT_SCHEMA_VERSION in
 * one transaction; a read-only one must already be at that version. */
int att__store_migrate(att_store *st);

/* Records the SQLite error of st->db as `<path>: <what>: <sqlite message>`
 * and returns ATT_ESTORE. */
int att__store_err(att_store *st, const char *what);

/* Rows, built by the queries. */
struct att_rows {
    size_t ncols, nrows, cap;
    char **colnames; /* ncols */
    char **cells;    /* nrows * ncols, NULL for SQL NULL */
};

/* Runs sql with nparams text parameters (a NULL entry binds SQL NULL) and
 * collects every row into *out, which the caller frees with att_rows_free. */
int att__store_rows(att_store *st, const char *sql, const char *const *params, int nparams,
                    att_rows **out);

#endif

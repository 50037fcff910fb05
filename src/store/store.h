/*
 * store.h - internals of the SQLite store shared by its files.
 *
 * The public functions (att_store_*, att_rows_*) are declared in attache.h;
 * schema.c holds the schema and migrations, store.c the writes, query.c the
 * reads.  See docs/store.md for the tables.
 */
#ifndef ATT_STORE_H
#define ATT_STORE_H

#include <sqlite3.h>

#include "../doc/doc.h"

#define ATT_STORE_BATCH 256 /* documents per transaction */

struct att_store {
    att_ctx *ctx;
    sqlite3 *db;
    char *path;
    int flags;
    int in_txn;     /* a batch transaction is open */
    int batch_docs; /* documents written in it */
    sqlite3_stmt *st_exists, *st_doc, *st_para, *st_sent, *st_fts;
};

/* Creates or migrates the schema to the current version. */
int att__store_migrate(att_store *st);
/* Current schema version. */
#define ATT_SCHEMA_VERSION 1

/* Rows, built by the queries. */
struct att_rows {
    size_t ncols, nrows, cap;
    char **colnames; /* ncols */
    char **cells;    /* nrows * ncols, NULL for SQL NULL */
};

/* Runs sql with the given text parameters (NULL-terminated list is not
 * used: nparams says how many) and collects every row. */
int att__store_rows(att_store *st, const char *sql, const char *const *params, int nparams,
                    att_rows **out);

#endif

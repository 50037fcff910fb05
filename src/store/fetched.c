/*
 * fetched.c - the fetched table: what the last GET of each URL answered.
 *
 * `attache fetch` reads the validators (ETag, Last-Modified) kept for a URL
 * before asking for it again, and records the new ones (with the time and
 * the HTTP status) once what it fetched is stored, so an unchanged page or
 * feed costs one 304 and no parsing.  One row per URL (the address asked
 * for, not the one redirects led to), replaced on every record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

int att_store_fetched_get(att_store *st, const char *url, char **etag, char **last_modified)
{
    static const char sql[] = "SELECT etag, last_modified FROM fetched WHERE url = ?1";
    const char *params[1];
    att_rows *rows = NULL;
    const char *e, *lm;
    int rc;

    if (!st || !url || !etag || !last_modified)
        return att__err(st ? st->ctx : NULL, ATT_EINVAL, "att_store_fetched_get: bad arguments");
    *etag = *last_modified = NULL;
    params[0] = url;
    if ((rc = att__store_rows(st, sql, params, 1, &rows)))
        goto cleanup;
    if (att_rows_count(rows) == 0) {
        rc = att__err(st->ctx, ATT_ENOTFOUND, "%.300s: never fetched", url);
        goto cleanup;
    }
    e = att_rows_get(rows, 0, 0);
    lm = att_rows_get(rows, 0, 1);
    if ((e && !(*etag = strdup(e))) || (lm && !(*last_modified = strdup(lm)))) {
        free(*etag);
        *etag = NULL;
        rc = att__err(st->ctx, ATT_ENOMEM, "out of memory");
    }
cleanup:
    att_rows_free(rows);
    return rc;
}

int att_store_fetched_put(att_store *st, const char *url, const char *etag,
                          const char *last_modified, long status)
{
    static const char sql[] =
        "INSERT INTO fetched(url, etag, last_modified, fetched_at, status)"
        " VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?4)"
        " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag,"
        "  last_modified = excluded.last_modified, fetched_at = excluded.fetched_at,"
        "  status = excluded.status";
    sqlite3_stmt *s = NULL;
    int rc = 0;

    if (!st || !url)
        return att__err(st ? st->ctx : NULL, ATT_EINVAL, "att_store_fetched_put: bad arguments");
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK ||
        sqlite3_bind_text(s, 1, url, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
        sqlite3_bind_text(s, 2, etag, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
        sqlite3_bind_text(s, 3, last_modified, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
        sqlite3_bind_int64(s, 4, (sqlite3_int64)status) != SQLITE_OK ||
        sqlite3_step(s) != SQLITE_DONE) {
        rc = att__store_err(st, "cannot record a fetch");
        goto cleanup;
    }
cleanup:
    sqlite3_finalize(s);
    return rc;
}

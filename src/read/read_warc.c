/*
 * read_warc.c - a web crawl as documents: the WARC reader (warc.c) hands
 * out records, this file turns each HTML or text record into a document.
 *
 * HTML pages go through the HTML reader (html.c) with the HTTP
 * Content-Type and the record's target URI; plain-text records (WET
 * conversions, text/plain responses) through the plain-text path.  Other
 * media (images, scripts, PDFs) are skipped.  A record damaged in transit
 * is reported first (one error line with its number and byte offset) and,
 * when part of it could be read, that part comes as the next document.
 */
#include <string.h>

#include "read.h"
#include "warc.h"

static int is_html(const char *ctype)
{
    return strcmp(ctype, "text/html") == 0 || strcmp(ctype, "application/xhtml+xml") == 0;
}

static int is_text(const char *ctype)
{
    return strcmp(ctype, "text/plain") == 0;
}

/* The document of the record the WARC reader holds. */
static int record_doc(att_reader *r, const att__warc_rec *rec, att_doc **out)
{
    char where[512], ctype[400];
    int rc;
    snprintf(where, sizeof(where), "%.200s: record %zu (%.280s)", r->name, rec->number,
             rec->uri[0] ? rec->uri : rec->type);
    if (is_html(rec->ctype)) {
        snprintf(ctype, sizeof(ctype), "%s%s%s", rec->ctype, rec->charset[0] ? "; charset=" : "",
                 rec->charset);
        rc = att__html_doc(r, where, rec->offset, rec->payload, rec->payload_len, ctype,
                           rec->uri[0] ? rec->uri : NULL, out);
    } else {
        rc = att__doc_from_raw(r, where, rec->offset, rec->payload, rec->payload_len, out);
    }
    if (rc == 0 && *out && !(*out)->url && rec->uri[0] &&
        att__doc_set(*out, &(*out)->url, rec->uri)) {
        att_doc_free(*out);
        *out = NULL;
        return att__err(r->ctx, ATT_ENOMEM, "out of memory");
    }
    return rc;
}

int att__read_warc(att_reader *r, att_doc **out)
{
    att__warc_rec rec;
    int rc;
    *out = NULL;
    if (!r->warc) {
        /* the WARC reader reads the file itself (gzip aware) */
        if (r->mem) {
            rc = att__warc_open_mem(r->ctx, r->name, r->mem, r->memlen, &r->warc);
        } else if (r->f == stdin) {
            /* standard input cannot be reopened: hold it (bounded) */
            const char *data;
            size_t len;
            rc = att__reader_all(r, &data, &len);
            if (rc == 0)
                rc = att__warc_open_mem(r->ctx, r->name, data, len, &r->warc);
        } else {
            rc = att__warc_open_file(r->ctx, r->name, &r->warc);
        }
        if (rc) {
            r->done = 1;
            return rc;
        }
    }
    if (r->warc_doc) {
        /* the readable part of the damaged record reported last time */
        *out = r->warc_doc;
        r->warc_doc = NULL;
        return 1;
    }
    for (;;) {
        rc = att__warc_next(r->warc, &rec);
        if (rc == 0) {
            r->done = 1;
            return 0;
        }
        if (rc < 0)
            return rc;
        if (!is_html(rec.ctype) && !is_text(rec.ctype) &&
            !(rec.ctype[0] == '\0' && strcmp(rec.type, "conversion") == 0))
            continue; /* images, scripts, PDFs: not articles */
        rc = record_doc(r, &rec, out);
        if (rc == ATT_EEMPTY) {
            att__err_clear(r->ctx);
            continue; /* a page without text is no document */
        }
        if (rc < 0)
            return rc;
        if (rec.partial) {
            /* say what was damaged now; the readable part comes next */
            r->warc_doc = *out;
            *out = NULL;
            return att__err(r->ctx, ATT_EFORMAT,
                            "%s: record %zu (%s) at byte %zu: %s; the readable part is read",
                            r->name, rec.number, rec.uri, rec.offset, rec.note);
        }
        return 1;
    }
}

/*
 * read.h - internals of the readers.
 *
 * A reader owns one input and hands out documents one at a time.  Input is
 * pulled through a small bounded line buffer, so a 30 GB JSON Lines file is
 * read in constant memory and a single over-long line is reported and
 * skipped rather than swallowed.
 *
 *   reader.c  opening, the buffered byte source, dispatch, raw -> document
 *   text.c    plain text: the whole input is one document; leading
 *             metadata lines ("Date: 2025-10-24", " date 2024-04") and a
 *             short first line that is a title
 *   jsonl.c   JSON Lines: one article per line
 *   html*.c   HTML: one page, its main text and metadata (html.h)
 *   feed.c    RSS and Atom feeds: one document per item
 *   sniff.c   which format an input is
 *   walk.c    which files lie under a path
 *   fetch.c   GET over http(s) with libcurl (fetch.h); reader.c reads the answer
 */
#ifndef ATT_READ_H
#define ATT_READ_H

#include <stdio.h>

#include "../doc/doc.h"

#define ATT_READ_CHUNK 65536

struct att_reader {
    att_ctx *ctx;
    char *name;        /* file name for messages and doc->source */
    FILE *f;           /* NULL for memory readers */
    int close_f;       /* f is ours to fclose */
    att_buf buf;       /* bytes read from f and not yet consumed */
    const char *mem;   /* memory reader: the caller's bytes */
    size_t memlen;
    size_t pos;        /* next unconsumed byte in buf (or mem) */
    size_t consumed;   /* bytes of the input before buf[0] (for offsets) */
    int eof;           /* f has no more bytes */
    size_t line;       /* lines handed out so far (JSON Lines) */
    size_t maxdoc;     /* largest document accepted */
    att_format fmt;
    int done;
    struct att__warc *warc; /* WARC input (warc.c) */
    att_doc *warc_doc;      /* the readable part of a damaged record just reported */
    struct att__feed *feed; /* feed input (feed.c): the parsed tree and the next item */
    char *url;              /* fetched input: its address (HTML page URL, feed base), or NULL */
    char *content_type;     /* fetched input: the HTTP Content-Type, or NULL */
};

/* The next line (without its "\n") of the input.  Returns 1 and sets
 * the line, its length and its offset (of its first byte in the input) when
 * there is one, 0 at the end, or ATT_ETOOBIG (the line is skipped) / ATT_EIO. */
int att__reader_line(att_reader *r, const char **line, size_t *len, size_t *offset);
/* The whole rest of the input.  Returns 0 and sets data and len, or an error. */
int att__reader_all(att_reader *r, const char **data, size_t *len);

/* Plain text: the whole input is one document. */
int att__read_text(att_reader *r, att_doc **out);
/* JSON Lines: the next line's record. */
int att__read_jsonl(att_reader *r, att_doc **out);
/* WARC: the next document of the crawl (read.c dispatches here). */
int att__read_warc(att_reader *r, att_doc **out);
/* Feeds (RSS 0.9x/1.0/2.0, Atom): the next item's document (feed.c). */
int att__read_feed(att_reader *r, att_doc **out);
void att__feed_close(struct att__feed *f);
/* Is this the start of a feed (an rss, feed or rdf:RDF root element)? */
int att__feed_sniff(const char *data, size_t len);
/* A feed's date (ISO 8601 or RFC 822) as canonical ISO 8601 in out; 0
 * when it is not a date. */
int att__feed_date(const char *s, char out[40]);
/* HTML: the whole input is one web page. */
int att__read_html(att_reader *r, att_doc **out);
/* One web page s[0..n) to a document (html.c): content_type is the HTTP
 * Content-Type header's value or just its charset label (it wins over the
 * page's own declaration unless the bytes are valid UTF-8) and url the
 * page's address (a date in its path is a last resort for the publication
 * date), both may be NULL.  Messages
 * name `where` and byte offsets from base. */
int att__html_doc(att_reader *r, const char *where, size_t base, const char *s, size_t n,
                  const char *content_type, const char *url, att_doc **out);
/* Decides the format from the name and the first bytes. */
att_format att__sniff(const char *name, const char *data, size_t len);

/* Drops web boilerplate lines from s[0..n) (boiler.c), writing the kept
 * text to a malloc'ed *out.  *flags gets ATT_BOILER_* bits. */
#define ATT_BOILER_DROPPED 0x01 /* something was dropped */
#define ATT_BOILER_TAIL 0x02    /* a page tail (teasers, notices) was cut */
#define ATT_BOILER_CAPTION 0x04 /* an early line lost an image or wire credit */
int att__boiler_clean(const char *s, size_t n, char **out, size_t *outlen, int *flags);

/* Builds a document from raw bytes of the input: refuses binary content and
 * invalid UTF-8 (naming `where` and the byte offset base+i), normalises,
 * and sets doc->source to the reader's name. */
int att__doc_from_raw(att_reader *r, const char *where, size_t base, const char *s, size_t n,
                      att_doc **out);

#endif

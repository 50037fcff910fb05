/*
 * read.h - internals of the readers.
 *
 * A reader owns one input's bytes and hands out documents one at a time.
 * text.c reads plain text (with leading metadata lines), jsonl.c JSON Lines,
 * sniff.c decides which, walk.c lists the files under a path.
 */
#ifndef ATT_READ_H
#define ATT_READ_H

#include "../doc/doc.h"

struct att_reader {
    att_ctx *ctx;
    char *name;        /* file name for messages and doc->source */
    char *owned;       /* the bytes, when the reader read them */
    const char *data;  /* the bytes */
    size_t len;
    size_t pos;        /* next byte to read */
    size_t line;       /* 1-based line of pos (JSON Lines) */
    att_format fmt;
    int done;
};

/* Plain text: the whole input is one document. */
int att__read_text(att_reader *r, att_doc **out);
/* JSON Lines: the next line's record. */
int att__read_jsonl(att_reader *r, att_doc **out);
/* Decides the format from the name and the first bytes. */
att_format att__sniff(const char *name, const char *data, size_t len);

/* Builds a document from raw reader bytes: checks for binary content and
 * invalid UTF-8 (naming where = "file" or "file:line" and the byte offset
 * relative to base), normalises, and sets source. */
int att__doc_from_raw(att_reader *r, const char *where, size_t base, const char *s, size_t n,
                      att_doc **out);

#endif

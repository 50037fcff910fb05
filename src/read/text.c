/*
 * text.c - the plain-text reader.
 *
 * The whole input is one article.  Text scraped from the web often starts
 * with a header the scraper wrote: metadata lines ("Date: 2025-10-24",
 * "Datum: 24.10.2025", " date 2024-04 <first sentence>") and a headline
 * followed by a blank line.  Those lines become metadata and leave the text;
 * a metadata key with no value ("Date:") is dropped.  Only the first few
 * lines are looked at: further down, "Date:" is article text.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read.h"

#define HEADER_LINES 8 /* lines (blank ones included) that may hold a header */
#define TITLE_MAX 200  /* bytes: longer first lines are body text */

typedef enum { KEY_NONE, KEY_DATE, KEY_TITLE, KEY_URL, KEY_LANG, KEY_SOURCE, KEY_AUTHOR } key_kind;

static const struct {
    const char *name;
    key_kind kind;
} meta_keys[] = {
    {"date", KEY_DATE},      {"datum", KEY_DATE},
    {"published", KEY_DATE}, {"veröffentlicht", KEY_DATE},
    {"title", KEY_TITLE},    {"titel", KEY_TITLE},
    {"url", KEY_URL},        {"link", KEY_URL},
    {"lang", KEY_LANG},      {"language", KEY_LANG},
    {"sprache", KEY_LANG},   {"source", KEY_SOURCE},
    {"quelle", KEY_SOURCE},  {"author", KEY_AUTHOR},
    {"autor", KEY_AUTHOR},
};

typedef struct line {
    size_t start, end; /* [start,end) without the line end */
} line;

static int is_blank(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Recognises "key: value" or "key <date>" at s[a..b).  Returns the key kind
 * and sets the value span; *rest gets where article text resumes on the
 * same line (b when the whole line is metadata). */
static key_kind meta_line(const char *s, size_t a, size_t b, size_t *va, size_t *vb, size_t *rest)
{
    size_t i = a, k;
    while (i < b && (s[i] == ' ' || s[i] == '\t'))
        i++;
    k = i;
    while (i < b && (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80))
        i++;
    for (size_t m = 0; m < ATT_ARRAY_LEN(meta_keys); m++) {
        size_t len = strlen(meta_keys[m].name);
        if (i - k != len || strncasecmp(s + k, meta_keys[m].name, len) != 0)
            continue;
        if (i < b && s[i] == ':') {
            i++;
            while (i < b && (s[i] == ' ' || s[i] == '\t'))
                i++;
            *va = i;
            *vb = b;
            *rest = b;
            return meta_keys[m].kind;
        }
        /* "date 2024-04 text...": a date key, blank, a date token */
        if (meta_keys[m].kind == KEY_DATE && i < b && (s[i] == ' ' || s[i] == '\t')) {
            char tmp[32];
            size_t d = i, e;
            while (d < b && (s[d] == ' ' || s[d] == '\t'))
                d++;
            e = d;
            while (e < b && !isspace((unsigned char)s[e]))
                e++;
            if (e > d && att__date_parse(s + d, e - d, tmp) != ATT_PREC_NONE) {
                *va = d;
                *vb = e;
                while (e < b && (s[e] == ' ' || s[e] == '\t'))
                    e++;
                *rest = e;
                return KEY_DATE;
            }
        }
        return KEY_NONE;
    }
    return KEY_NONE;
}

static int looks_like_title(const char *s, size_t a, size_t b)
{
    char last;
    if (b - a > TITLE_MAX)
        return 0;
    last = s[b - 1];
    return last != '.' && last != ',' && last != ';' && last != ':';
}

static int set_meta(att_doc *doc, key_kind kind, const char *v, size_t n)
{
    char tmp[512];
    if (n == 0)
        return 0; /* "Date:" with nothing after it is dropped */
    if (n >= sizeof(tmp))
        n = sizeof(tmp) - 1;
    memcpy(tmp, v, n);
    tmp[n] = '\0';
    switch (kind) {
    case KEY_DATE:
        return att__doc_set_published(doc, v, n);
    case KEY_TITLE:
        return att__doc_set(doc, &doc->title, tmp);
    case KEY_URL:
        return att__doc_set(doc, &doc->url, tmp);
    case KEY_LANG:
        for (char *p = tmp; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        return att__doc_set(doc, &doc->lang, tmp);
    default:
        return 0;
    }
}

/* After an image caption that lost its credit, the page's headline is the
 * next paragraph when it is one short line: take it out of the text as the
 * title (press-wire texts put the caption first). */
static void caption_title(char *t, size_t *len, char **title)
{
    char *p = strstr(t, "\n\n"), *e;
    size_t a, b;
    if (!p)
        return;
    a = (size_t)(p - t) + 2;
    while (a < *len && t[a] == '\n')
        a++;
    e = memchr(t + a, '\n', *len - a);
    b = e ? (size_t)(e - t) : *len;
    if (b == a || !e || b + 1 >= *len || t[b + 1] != '\n' || !looks_like_title(t, a, b))
        return;
    *title = malloc(b - a + 1);
    if (!*title)
        return;
    memcpy(*title, t + a, b - a);
    (*title)[b - a] = '\0';
    memmove(t + a, t + b + 2, *len - (b + 2));
    *len -= b + 2 - a;
    t[*len] = '\0';
}

int att__read_text(att_reader *r, att_doc **out)
{
    const char *s;
    size_t n, pos = 0, body, nlines = 0;
    line lines[HEADER_LINES];
    struct {
        key_kind kind;
        size_t a, b;
    } metas[HEADER_LINES];
    size_t nmeta = 0, title_a = 0, title_b = 0;
    char *title_buf = NULL;
    int rc, have_title = 0;
    att_doc *doc = NULL;

    *out = NULL;
    r->done = 1;
    if ((rc = att__reader_all(r, &s, &n)))
        return rc;
    if (n == 0 || is_blank(s, 0, n))
        return att__err(r->ctx, ATT_EEMPTY, "%s: empty file", r->name);
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    /* refuse binary and broken input before looking at lines, with offsets
     * that count from the start of the file */
    for (size_t i = 0; i < n && i < 4096; i++)
        if (s[i] == '\0')
            return att__err(r->ctx, ATT_EBINARY, "%s: binary file (NUL byte at byte %zu)", r->name,
                            i);
    {
        size_t bad = att__utf8_invalid_at(s, n);
        if (bad != (size_t)-1)
            return att__err(r->ctx, ATT_EUTF8, "%s: invalid UTF-8 at byte %zu (0x%02x)", r->name,
                            bad, (unsigned char)s[bad]);
    }

    /* the first lines */
    while (nlines < HEADER_LINES && pos < n) {
        const char *nl = memchr(s + pos, '\n', n - pos);
        size_t e = nl ? (size_t)(nl - s) : n, b = e;
        if (b > pos && s[b - 1] == '\r')
            b--;
        lines[nlines].start = pos;
        lines[nlines].end = b;
        nlines++;
        pos = nl ? e + 1 : n;
    }

    /* header: metadata lines and a title, in any order, then the body */
    body = nlines ? lines[0].start : 0;
    for (size_t i = 0; i < nlines; i++) {
        size_t a = lines[i].start, b = lines[i].end, va, vb, rest;
        key_kind k;
        if (is_blank(s, a, b)) {
            body = i + 1 < nlines ? lines[i + 1].start : pos;
            continue;
        }
        k = meta_line(s, a, b, &va, &vb, &rest);
        if (k != KEY_NONE) {
            metas[nmeta].kind = k;
            metas[nmeta].a = va;
            metas[nmeta].b = vb;
            nmeta++;
            if (rest < b) { /* article text goes on after the date */
                body = rest;
                break;
            }
            body = i + 1 < nlines ? lines[i + 1].start : pos;
            continue;
        }
        if (!have_title && i + 1 < nlines && is_blank(s, lines[i + 1].start, lines[i + 1].end) &&
            looks_like_title(s, a, b)) {
            have_title = 1;
            title_a = a;
            title_b = b;
            body = lines[i + 1].start;
            continue;
        }
        body = a;
        break;
    }
    if (is_blank(s, body, n))
        return att__err(r->ctx, ATT_EEMPTY, "%s: no article text after the header", r->name);

    if (r->ctx && r->ctx->opts.keep_boilerplate) {
        rc = att__doc_from_raw(r, r->name, body, s + body, n - body, &doc);
    } else {
        char *clean = NULL;
        size_t clen;
        int bflags;
        if (att__boiler_clean(s + body, n - body, &clean, &clen, &bflags))
            return att__err(r->ctx, ATT_ENOMEM, "out of memory");
        if (!have_title && (bflags & ATT_BOILER_CAPTION))
            caption_title(clean, &clen, &title_buf);
        if (is_blank(clean, 0, clen)) {
            free(clean);
            free(title_buf);
            return att__err(r->ctx, ATT_EEMPTY, "%s: no article text, only page boilerplate",
                            r->name);
        }
        rc = att__doc_from_raw(r, r->name, body, clean, clen, &doc);
        free(clean);
    }
    if (rc) {
        free(title_buf);
        return rc;
    }
    if (title_buf && !have_title) {
        if (att__doc_set(doc, &doc->title, title_buf)) {
            free(title_buf);
            goto nomem;
        }
    }
    free(title_buf);
    for (size_t m = 0; m < nmeta; m++)
        if (set_meta(doc, metas[m].kind, s + metas[m].a, metas[m].b - metas[m].a))
            goto nomem;
    if (have_title && !doc->title) {
        char *t = att__arena_strndup(&doc->arena, s + title_a, title_b - title_a);
        if (!t)
            goto nomem;
        while (*t == ' ' || *t == '\t')
            t++;
        doc->title = t;
    }
    *out = doc;
    return 1;
nomem:
    att_doc_free(doc);
    return att__err(r->ctx, ATT_ENOMEM, "out of memory");
}

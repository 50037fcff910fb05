/*
 * text.c - the plain-text reader.
 *
 * The whole input is one article.  Text scraped from the web often starts
 * with a header the scraper wrote: metadata lines ("Date: 2025-10-24",
 * "Datum: 24.10.2025", " date 2024-04 <first sentence>") and a headline
 * followed by a blank line, sometimes below the site's navigation ("Startseite",
 * "Politik", breadcrumbs), which is dropped.  Those lines become metadata and leave the text;
 * a metadata key with no value ("Date:") is dropped.  Only the first few
 * lines are looked at: further down, "Date:" is article text.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read.h"

#define HEADER_LINES 12 /* lines (blank ones included) that may hold a header */
#define NAV_MAX 32      /* bytes: a navigation line is short */
#define TITLE_MAX 200   /* bytes: longer first lines are body text */

typedef enum {
    KEY_NONE,
    KEY_DATE,
    KEY_TITLE,
    KEY_URL,
    KEY_LANG,
    KEY_SOURCE,
    KEY_AUTHOR,
    KEY_SKIP /* page furniture of the header: dropped */
} key_kind;

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
    {"autor", KEY_AUTHOR},   {"lesezeit", KEY_SKIP},
    {"lesedauer", KEY_SKIP},
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

/* Is s[a..b) a line of site navigation the scraper kept above the
 * headline: one or two words without sentence punctuation or digits
 * ("Startseite", "Politik", "Welt"), or a breadcrumb trail of short items
 * ("Startseite › Politik › Ausland")? */
static int nav_line(const char *s, size_t a, size_t b)
{
    size_t words = 0, seps = 0, run = 0;
    int in = 0;
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    if (a == b)
        return 0;
    for (size_t i = a; i < b; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (strchr(".,:;!?\"()", ch) || isdigit(ch))
            return 0;
        if (ch == '>' || ch == '|' || ch == '/' ||
            (ch == 0xE2 && i + 2 < b && (unsigned char)s[i + 1] == 0x80 &&
             (unsigned char)s[i + 2] == 0xBA)) {
            seps++; /* > | / › */
            run = 0;
            in = 0;
            continue;
        }
        if (ch == ' ' || ch == '\t') {
            in = 0;
            continue;
        }
        if (!in)
            words++;
        in = 1;
        if (++run > 24)
            return 0;
    }
    return seps ? words <= 4 * (seps + 1) : (words <= 2 && b - a <= NAV_MAX);
}

/* Is s[a..b) a date standing alone, perhaps with a time: "12.03.2025 |
 * 14:35", "2025-03-12 14:35 Uhr", "12.03.2025, 14:35"?  Sets the date's
 * span. */
static int date_line(const char *s, size_t a, size_t b, size_t *va, size_t *vb)
{
    char tmp[32];
    size_t e;
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    e = a;
    while (e < b && !isspace((unsigned char)s[e]) && s[e] != '|' && s[e] != ',')
        e++;
    if (e == a || att__date_parse(s + a, e - a, tmp) < ATT_PREC_DAY)
        return 0;
    *va = a;
    *vb = e;
    /* what may follow: separators, a clock time, "Uhr" */
    for (size_t i = e; i < b; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (isdigit(ch) || ch == ':' || ch == '|' || ch == ',' || ch == ' ' || ch == '\t' ||
            ch == '-')
            continue;
        if (b - i >= 3 && strncasecmp(s + i, "uhr", 3) == 0) {
            i += 2;
            continue;
        }
        return 0;
    }
    return 1;
}

/* A date of one to three words at s[i..b) ("14. März 2025", "March 14,
 * 2025", "12.03.2025"; words end at a blank or a character of stops), to
 * the day: sets *e after it. */
static int date_at(const char *s, size_t i, size_t b, const char *stops, size_t *e)
{
    char tmp[32];
    size_t k = i;
    for (int words = 0; words < 3 && k < b; words++) {
        while (k < b && s[k] == ' ')
            k++;
        while (k < b && s[k] != ' ' && !strchr(stops, s[k]))
            k++;
        if (att__date_parse(s + i, k - i, tmp) >= ATT_PREC_DAY) {
            *e = k;
            return 1;
        }
    }
    return 0;
}

static int has_digit(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (isdigit((unsigned char)s[i]))
            return 1;
    return 0;
}

/* Is s[a..b) a byline ("By Aida Haidar in International on 14 March 2025",
 * "Von Max Muster | 12.03.2025")?  Sets the span of a date in it, or an
 * empty span. */
static int byline(const char *s, size_t a, size_t b, size_t *va, size_t *vb)
{
    size_t e;
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    if (b - a > 160 || !(strncmp(s + a, "By ", 3) == 0 || strncmp(s + a, "Von ", 4) == 0))
        return 0;
    if (memchr(s + a, '.', b - a) && !has_digit(s, a, b))
        return 0; /* "Von Moskau aus ... ." is a sentence */
    *va = *vb = a;
    for (size_t i = a; i < b; i++)
        if ((i == a || s[i - 1] == ' ' || s[i - 1] == '|') && date_at(s, i, b, "|", &e)) {
            *va = i;
            *vb = e;
            return 1;
        }
    return 1;
}

/* A news dateline opening the article with its date: "Astana, 5. Juni 2025
 * – ...", "Baku, 12.03.2025 (Trend) – ...".  Sets the date's span. */
static int dateline_date(const char *s, size_t a, size_t b, size_t *va, size_t *vb)
{
    size_t i = a, start, e, k;
    if (b - a > 400)
        b = a + 400;
    if (i >= b || !(isupper((unsigned char)s[i]) || (unsigned char)s[i] >= 0xC3))
        return 0;
    while (i < b && s[i] != ',' && s[i] != '.' && i - a < 40)
        i++;
    if (i + 2 >= b || s[i] != ',' || s[i + 1] != ' ')
        return 0;
    start = i + 2;
    /* the date ("5. Juni 2025", "June 5, 2025"), the agency ("(Kazinform)")
     * and the dash or colon that ends a dateline */
    if (!date_at(s, start, b, "(", &e))
        return 0;
    k = e;
    while (k < b && s[k] == ' ')
        k++;
    if (k < b && s[k] == '(') {
        while (k < b && s[k] != ')')
            k++;
        k++;
        while (k < b && s[k] == ' ')
            k++;
    }
    if (k < b && (s[k] == '-' || s[k] == ':' ||
                  (k + 3 <= b && (strncmp(s + k, "\xe2\x80\x93", 3) == 0 ||
                                  strncmp(s + k, "\xe2\x80\x94", 3) == 0)))) {
        *va = start;
        *vb = e;
        return 1;
    }
    return 0;
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
        if (k == KEY_NONE && date_line(s, a, b, &va, &vb)) {
            k = KEY_DATE;
            rest = b;
        }
        if (k == KEY_NONE && i > 0 && byline(s, a, b, &va, &vb)) {
            k = va < vb ? KEY_DATE : KEY_SKIP;
            rest = b;
        }
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
        /* navigation above the headline, before any header line */
        if (!have_title && nmeta == 0 && i + 1 < nlines && nav_line(s, a, b) &&
            !is_blank(s, lines[i + 1].start, lines[i + 1].end)) {
            body = lines[i + 1].start;
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
    /* no date in the header: the dateline's ("Astana, 5. Juni 2025 – ...") */
    {
        int dated = 0;
        size_t va, vb, le = body;
        for (size_t m = 0; m < nmeta; m++)
            dated |= metas[m].kind == KEY_DATE && metas[m].b > metas[m].a;
        while (le < n && s[le] != '\n')
            le++;
        if (!dated && nmeta < HEADER_LINES && dateline_date(s, body, le, &va, &vb)) {
            metas[nmeta].kind = KEY_DATE;
            metas[nmeta].a = va;
            metas[nmeta].b = vb;
            nmeta++;
        }
    }

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

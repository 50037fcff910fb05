/*
 * doc.c - building documents, their metadata and the public accessors.
 *
 * att__text_normalize() defines what "the normalised text" of an article is,
 * and with it the document id (the hash of that text): two copies of one
 * article that differ only in line ends, trailing blanks, blank-line runs or
 * Unicode composition get the same id and are stored once.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "doc.h"

/* True when NFC cannot change s: every character is ASCII, in U+0080..U+02FF
 * (Latin, stable under NFC), or common punctuation and currency signs. */
static int nfc_fast(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if (c < 0x80)
            continue;
        if (c >= 0xC2 && c <= 0xCB && i + 1 < n) {
            i += 1;
            continue;
        }
        if (c == 0xE2 && i + 2 < n &&
            ((s[i + 1] == 0x80 && s[i + 2] >= 0x82) || s[i + 1] == 0x82)) {
            i += 2;
            continue;
        }
        return 0;
    }
    return 1;
}

/* Length of the white-space character that ends s[a..b), or 0: ASCII
 * blanks, no-break space, the typographic spaces U+2000..U+200A, narrow
 * no-break space and the ideographic space. */
static size_t trailing_space(const char *str, size_t a, size_t b)
{
    const unsigned char *s = (const unsigned char *)str;
    if (b <= a)
        return 0;
    if (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\f' || s[b - 1] == '\v')
        return 1;
    if (b - a >= 2 && s[b - 2] == 0xC2 && s[b - 1] == 0xA0)
        return 2;
    if (b - a >= 3 && s[b - 3] == 0xE2 && s[b - 2] == 0x80 &&
        (s[b - 1] <= 0x8A || s[b - 1] == 0xAF))
        return 3;
    if (b - a >= 3 && s[b - 3] == 0xE3 && s[b - 2] == 0x80 && s[b - 1] == 0x80)
        return 3;
    return 0;
}

int att__text_normalize(att_ctx *ctx, const char *src, size_t n, char **out, size_t *outlen)
{
    utf8proc_uint8_t *nfc = NULL;
    const char *s = src;
    char *dst;
    size_t j = 0, blank = 0, linestart;
    int started = 0;

    *out = NULL;
    *outlen = 0;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF) {
        s += 3;
        n -= 3;
    }
    if (!nfc_fast((const unsigned char *)s, n)) {
        utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &nfc,
                                          UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (r < 0)
            return att__err(ctx, ATT_EUTF8, "%s", utf8proc_errmsg(r));
        s = (const char *)nfc;
        n = (size_t)r;
    }
    dst = malloc(n + 1);
    if (!dst) {
        free(nfc);
        return att__err(ctx, ATT_ENOMEM, "out of memory normalising %zu bytes", n);
    }
    /* Copy line by line: CR LF / CR -> LF, cut trailing blanks, fold blank
     * lines so paragraphs are separated by exactly one empty line. */
    linestart = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '\n' && s[i] != '\r')
            continue;
        size_t a = linestart, b = i, w;
        while ((w = trailing_space(s, a, b)) > 0)
            b -= w;
        if (b == a) {
            blank++;
        } else {
            if (started)
                dst[j++] = '\n';
            if (started && blank)
                dst[j++] = '\n';
            memcpy(dst + j, s + a, b - a);
            j += b - a;
            started = 1;
            blank = 0;
        }
        if (i < n && s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
            i++;
        linestart = i + 1;
    }
    dst[j] = '\0';
    free(nfc);
    *out = dst;
    *outlen = j;
    return 0;
}

static int find_paragraphs(att_doc *doc)
{
    size_t start = 0;
    const char *t = doc->text;
    for (size_t i = 0; i + 1 <= doc->len; i++) {
        if (i + 1 < doc->len && t[i] == '\n' && t[i + 1] == '\n') {
            att_span sp = {(uint32_t)start, (uint32_t)i};
            if (ATT_PUSH(doc->paras, doc->npara, doc->cpara, sp))
                return ATT_ENOMEM;
            start = i + 2;
            i++;
        }
    }
    if (start < doc->len) {
        att_span sp = {(uint32_t)start, (uint32_t)doc->len};
        if (ATT_PUSH(doc->paras, doc->npara, doc->cpara, sp))
            return ATT_ENOMEM;
    }
    return 0;
}

int att__doc_new(att_ctx *ctx, char *text, size_t len, att_doc **out)
{
    att_doc *doc;
    *out = NULL;
    if (len > UINT32_MAX - 1) {
        free(text);
        return att__err(ctx, ATT_ETOOBIG, "document of %zu bytes is over 4 GiB", len);
    }
    doc = calloc(1, sizeof(*doc));
    if (!doc) {
        free(text);
        return att__err(ctx, ATT_ENOMEM, "out of memory");
    }
    att__arena_init(&doc->arena);
    doc->text = text;
    doc->len = len;
    att__hex64(att__hash64(text, len, 0), doc->id);
    doc->lang = "und";
    if (find_paragraphs(doc)) {
        att_doc_free(doc);
        return att__err(ctx, ATT_ENOMEM, "out of memory");
    }
    *out = doc;
    return 0;
}

int att__doc_set(att_doc *doc, const char **field, const char *s)
{
    if (!s || !*s) {
        *field = NULL;
        return 0;
    }
    *field = att__arena_strdup(&doc->arena, s);
    return *field ? 0 : ATT_ENOMEM;
}

static int digits(const char *s, size_t n, size_t at, size_t k, int *val)
{
    int v = 0;
    if (at + k > n)
        return 0;
    for (size_t i = at; i < at + k; i++) {
        if (!isdigit((unsigned char)s[i]))
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *val = v;
    return 1;
}

/* Month names of German and English dates, full and abbreviated (lower
 * case; a trailing period is dropped before the lookup). */
static const struct {
    const char *name;
    int month;
} month_names[] = {
    {"januar", 1},   {"jänner", 1},    {"january", 1},  {"jan", 1},       {"februar", 2},
    {"feber", 2},    {"february", 2},  {"feb", 2},      {"märz", 3},      {"maerz", 3},
    {"march", 3},    {"mär", 3},       {"mar", 3},      {"april", 4},     {"apr", 4},
    {"mai", 5},      {"may", 5},       {"juni", 6},     {"june", 6},      {"jun", 6},
    {"juli", 7},     {"july", 7},      {"jul", 7},      {"august", 8},    {"aug", 8},
    {"september", 9}, {"sept", 9},     {"sep", 9},      {"oktober", 10},  {"october", 10},
    {"okt", 10},     {"oct", 10},      {"november", 11}, {"nov", 11},     {"dezember", 12},
    {"december", 12}, {"dez", 12},     {"dec", 12},
};

int att__month_name(const char *w, size_t n)
{
    char low[16];
    size_t k = 0;
    if (n && w[n - 1] == '.')
        n--;
    if (n == 0 || n >= sizeof(low))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)w[i];
        /* ASCII to lower case; "Ä" (C3 84) to "ä" (C3 A4) */
        if (ch == 0xC3 && i + 1 < n && (unsigned char)w[i + 1] == 0x84) {
            low[k++] = (char)0xC3;
            low[k++] = (char)0xA4;
            i++;
            continue;
        }
        low[k++] = (char)tolower(ch);
    }
    low[k] = '\0';
    for (size_t i = 0; i < sizeof(month_names) / sizeof(month_names[0]); i++)
        if (strcmp(low, month_names[i].name) == 0)
            return month_names[i].month;
    return 0;
}

/* A number of 1..digits digits that is all of w[0..n) (a trailing period
 * allowed when dot), else -1. */
static int small_number(const char *w, size_t n, size_t maxd, int dot)
{
    int v = 0;
    if (dot && n && w[n - 1] == '.')
        n--;
    if (n == 0 || n > maxd)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)w[i]))
            return -1;
        v = v * 10 + (w[i] - '0');
    }
    return v;
}

/* Dates written with words or short numbers: "14. März 2025", "14 March
 * 2025", "March 14, 2025", "März 2025", "1.4.2025". */
static att_precision date_words(const char *s, size_t n, char out[32])
{
    const char *w[4];
    size_t wl[4], nw = 0, i = 0;
    int d = 0, mo = 0, y = -1;
    while (i < n && nw < 4) {
        while (i < n && (isspace((unsigned char)s[i]) || s[i] == ','))
            i++;
        if (i >= n)
            break;
        w[nw] = s + i;
        while (i < n && !isspace((unsigned char)s[i]) && s[i] != ',')
            i++;
        wl[nw] = (size_t)(s + i - w[nw]);
        nw++;
    }
    if (i < n)
        return ATT_PREC_NONE;
    if (nw == 1) { /* 1.4.2025 */
        int a = -1, b = -1;
        const char *p1 = memchr(w[0], '.', wl[0]), *p2;
        if (!p1 || !(p2 = memchr(p1 + 1, '.', wl[0] - (size_t)(p1 + 1 - w[0]))))
            return ATT_PREC_NONE;
        a = small_number(w[0], (size_t)(p1 - w[0]), 2, 0);
        b = small_number(p1 + 1, (size_t)(p2 - p1 - 1), 2, 0);
        y = small_number(p2 + 1, wl[0] - (size_t)(p2 + 1 - w[0]), 4, 0);
        d = a;
        mo = b;
    } else if (nw == 3 && (d = small_number(w[0], wl[0], 2, 1)) > 0 &&
               (mo = att__month_name(w[1], wl[1])) > 0) {
        y = small_number(w[2], wl[2], 4, 0); /* 14. März 2025, 14 March 2025 */
    } else if (nw == 3 && (mo = att__month_name(w[0], wl[0])) > 0) {
        d = small_number(w[1], wl[1], 2, 1); /* March 14, 2025 */
        y = small_number(w[2], wl[2], 4, 0);
    } else if (nw == 2 && (mo = att__month_name(w[0], wl[0])) > 0) {
        y = small_number(w[1], wl[1], 4, 0); /* März 2025 */
        if (y >= 1000 && y <= 9999) {
            snprintf(out, 32, "%04d-%02d", y, mo);
            return ATT_PREC_MONTH;
        }
        return ATT_PREC_NONE;
    } else {
        return ATT_PREC_NONE;
    }
    if (y < 1000 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31)
        return ATT_PREC_NONE;
    snprintf(out, 32, "%04d-%02d-%02d", y, mo, d);
    return ATT_PREC_DAY;
}

att_precision att__date_parse(const char *s, size_t n, char out[32])
{
    int y, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    size_t i;
    att_precision p;
    out[0] = '\0';
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if ((p = date_words(s, n, out)) != ATT_PREC_NONE)
        return p;
    /* 17.04.2024 */
    if (n == 10 && s[2] == '.' && s[5] == '.' && digits(s, n, 0, 2, &d) &&
        digits(s, n, 3, 2, &mo) && digits(s, n, 6, 4, &y)) {
        if (mo < 1 || mo > 12 || d < 1 || d > 31)
            return ATT_PREC_NONE;
        snprintf(out, 32, "%04d-%02d-%02d", y, mo, d);
        return ATT_PREC_DAY;
    }
    if (!digits(s, n, 0, 4, &y) || y < 1000)
        return ATT_PREC_NONE;
    i = 4;
    p = ATT_PREC_YEAR;
    if (i < n && s[i] == '-') {
        if (!digits(s, n, i + 1, 2, &mo) || mo < 1 || mo > 12)
            return ATT_PREC_NONE;
        i += 3;
        p = ATT_PREC_MONTH;
        if (i < n && s[i] == '-') {
            if (!digits(s, n, i + 1, 2, &d) || d < 1 || d > 31)
                return ATT_PREC_NONE;
            i += 3;
            p = ATT_PREC_DAY;
            if (i < n && (s[i] == 'T' || s[i] == ' ') && digits(s, n, i + 1, 2, &h) && i + 3 < n &&
                s[i + 3] == ':' && digits(s, n, i + 4, 2, &mi)) {
                i += 6;
                if (i < n && s[i] == ':' && digits(s, n, i + 1, 2, &se))
                    i += 3;
                while (i < n && (s[i] == '.' || isdigit((unsigned char)s[i])))
                    i++; /* fractions of a second are dropped */
                if (h > 23 || mi > 59 || se > 60)
                    return ATT_PREC_NONE;
                p = ATT_PREC_SECOND;
            }
        }
    }
    if (p == ATT_PREC_SECOND) {
        const char *zone = "";
        char zbuf[8] = "";
        if (i < n && s[i] == 'Z') {
            zone = "Z";
            i++;
        } else if (i + 6 <= n && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
            int zh, zm;
            if (digits(s, n, i + 1, 2, &zh) && digits(s, n, i + 4, 2, &zm)) {
                snprintf(zbuf, sizeof(zbuf), "%c%02u:%02u", s[i], (unsigned)zh % 100u,
                         (unsigned)zm % 100u);
                zone = zbuf;
                i += 6;
            }
        }
        if (i != n)
            return ATT_PREC_NONE;
        snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02u%s", (unsigned)y % 10000u,
                 (unsigned)mo % 100u, (unsigned)d % 100u, (unsigned)h % 100u, (unsigned)mi % 100u,
                 (unsigned)se % 100u, zone);
        return p;
    }
    if (i != n)
        return ATT_PREC_NONE;
    if (p == ATT_PREC_YEAR)
        snprintf(out, 32, "%04d", y);
    else if (p == ATT_PREC_MONTH)
        snprintf(out, 32, "%04d-%02d", y, mo);
    else
        snprintf(out, 32, "%04d-%02d-%02d", y, mo, d);
    return p;
}

int att__doc_set_published(att_doc *doc, const char *s, size_t n)
{
    char buf[32];
    att_precision p = att__date_parse(s, n, buf);
    if (p == ATT_PREC_NONE)
        return 0;
    doc->prec = p;
    return att__doc_set(doc, &doc->published, buf);
}

int att_doc_from_text(att_ctx *ctx, const char *text, size_t len, const att_meta *meta,
                      att_doc **out)
{
    char *norm = NULL;
    size_t nlen, bad;
    att_doc *doc = NULL;
    int rc;

    *out = NULL;
    if (!text)
        return att__err(ctx, ATT_EINVAL, "no text given");
    bad = att__utf8_invalid_at(text, len);
    if (bad != (size_t)-1)
        return att__err(ctx, ATT_EUTF8, "%s: invalid UTF-8 at byte %zu",
                        meta && meta->source ? meta->source : "<text>", bad);
    if ((rc = att__text_normalize(ctx, text, len, &norm, &nlen)))
        return rc;
    if ((rc = att__doc_new(ctx, norm, nlen, &doc)))
        return rc;
    if (meta) {
        if (att__doc_set(doc, &doc->ext_id, meta->id) || att__doc_set(doc, &doc->url, meta->url) ||
            att__doc_set(doc, &doc->title, meta->title) ||
            att__doc_set(doc, &doc->source, meta->source) ||
            (meta->published &&
             att__doc_set_published(doc, meta->published, strlen(meta->published))) ||
            (meta->lang && att__doc_set(doc, &doc->lang, meta->lang))) {
            att_doc_free(doc);
            return att__err(ctx, ATT_ENOMEM, "out of memory");
        }
        if (!doc->lang)
            doc->lang = "und";
    }
    *out = doc;
    return 0;
}

void att_doc_free(att_doc *doc)
{
    if (!doc)
        return;
    free(doc->text);
    free(doc->meta_json);
    free(doc->paras);
    free(doc->toks);
    free(doc->sents);
    free(doc->ents);
    free(doc->timex);
    free(doc->events);
    free(doc->facts);
    free(doc->quotes);
    att__arena_free(&doc->arena);
    free(doc);
}

const char *att_doc_id(const att_doc *doc)
{
    return doc->id;
}
const char *att_doc_text(const att_doc *doc, size_t *len)
{
    if (len)
        *len = doc->len;
    return doc->text;
}
const char *att_doc_title(const att_doc *doc)
{
    return doc->title;
}
const char *att_doc_url(const att_doc *doc)
{
    return doc->url;
}
const char *att_doc_source(const att_doc *doc)
{
    return doc->source;
}
const char *att_doc_lang(const att_doc *doc)
{
    return doc->lang ? doc->lang : "und";
}
const char *att_doc_published(const att_doc *doc)
{
    return doc->published;
}
att_precision att_doc_published_precision(const att_doc *doc)
{
    return doc->prec;
}

size_t att_doc_paragraphs(const att_doc *doc, const att_span **out)
{
    *out = doc->paras;
    return doc->npara;
}
size_t att_doc_tokens(const att_doc *doc, const att_token **out)
{
    *out = doc->toks;
    return doc->ntok;
}
size_t att_doc_sentences(const att_doc *doc, const att_span **out)
{
    *out = doc->sents;
    return doc->nsent;
}

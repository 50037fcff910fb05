/*
 * html_meta.c - what a page says about itself: title, publication date,
 * author, canonical URL, site name, language, description.
 *
 * One walk over the tree collects candidates from every place pages put
 * them: <meta name|property|itemprop=... content=...>, <link rel=canonical>,
 * <title>, <h1> and post-title headings, JSON-LD blocks (schema.org
 * Article, NewsArticle, BlogPosting ... and their @graph), microdata
 * (itemprop=datePublished, itemprop=author), <time datetime>, rel=author
 * links, and visible date lines and bylines (by class).  Each field takes
 * the candidate of the best rank, where the rank of a source is one table
 * (meta_keys) or the R_* constants; a date in the URL path is the last
 * resort for the publication date.  The title is the exception: what the
 * page shows wins over what it declares, so the one <h1> (unless it is the
 * site's name) comes first, then a post-title heading, then the declared
 * titles, then <title> without the site's name.  Authors are narrowed to
 * the name ("Von ...", "View all posts by ..." cut; URLs and handles
 * refused); character references left in attribute values are decoded.
 *
 * Dates in any of the forms pages use (ISO 8601 with or without a colon in
 * the zone, 17.04.2024, 17. April 2024, April 17, 2024, RFC 822) become
 * ISO 8601 that att__date_parse reads (att__html_date).
 */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

#define JSONLD_MAX ((size_t)1 << 20) /* larger JSON-LD blocks are not parsed */
#define JSON_DEPTH 8

enum field { M_TITLE, M_DATE, M_AUTHOR, M_URL, M_SITE, M_LANG, M_DESC, M_COUNT };

/* Sources, best first within each field (lower rank wins). */
static const struct {
    const char *key; /* <meta> name, property or itemprop, lower case */
    enum field field;
    int rank;
} meta_keys[] = {
    {"og:title", M_TITLE, 10},
    {"twitter:title", M_TITLE, 12},
    {"dc.title", M_TITLE, 14},
    {"headline", M_TITLE, 11},
    {"article:published_time", M_DATE, 10},
    {"og:article:published_time", M_DATE, 10},
    {"article:published", M_DATE, 11},
    {"datepublished", M_DATE, 11},
    {"publishdate", M_DATE, 12},
    {"publish-date", M_DATE, 12},
    {"publish_date", M_DATE, 12},
    {"pubdate", M_DATE, 12},
    {"date", M_DATE, 13},
    {"dc.date", M_DATE, 13},
    {"dc.date.issued", M_DATE, 13},
    {"dc.date.created", M_DATE, 14},
    {"dcterms.date", M_DATE, 13},
    {"dcterms.created", M_DATE, 14},
    {"dcterms.issued", M_DATE, 13},
    {"sailthru.date", M_DATE, 14},
    {"parsely-pub-date", M_DATE, 12},
    {"article.published", M_DATE, 12},
    {"date-published", M_DATE, 12},
    {"created", M_DATE, 15},
    {"datecreated", M_DATE, 15},
    {"og:published_time", M_DATE, 11},
    {"release_date", M_DATE, 15},
    {"last-modified", M_DATE, 30},
    {"article:modified_time", M_DATE, 31},
    {"og:updated_time", M_DATE, 32},
    {"datemodified", M_DATE, 31},
    {"author", M_AUTHOR, 10},
    {"dc.creator", M_AUTHOR, 11},
    {"dcterms.creator", M_AUTHOR, 11},
    {"article:author", M_AUTHOR, 12},
    {"parsely-author", M_AUTHOR, 11},
    {"sailthru.author", M_AUTHOR, 11},
    {"byl", M_AUTHOR, 12},
    {"twitter:creator", M_AUTHOR, 30},
    {"og:url", M_URL, 12},
    {"og:site_name", M_SITE, 10},
    {"application-name", M_SITE, 14},
    {"publisher", M_SITE, 15},
    {"content-language", M_LANG, 12},
    {"language", M_LANG, 13},
    {"dc.language", M_LANG, 13},
    {"og:locale", M_LANG, 14},
    {"description", M_DESC, 10},
    {"og:description", M_DESC, 11},
    {"twitter:description", M_DESC, 12},
};

/* Ranks of the other sources. */
#define R_JSONLD 5       /* an Article's JSON-LD */
#define R_JSONLD_PAGE 20 /* a WebPage's JSON-LD */
#define R_CANONICAL 10
#define R_HTML_LANG 10
#define R_MICRODATA 15
#define R_TIME_PUB 16 /* <time pubdate> or class publish */
#define R_TIME 35     /* the first <time datetime> */
#define R_REL_AUTHOR 20
#define R_BYLINE 40

typedef struct cand {
    char val[M_COUNT][1024];
    int rank[M_COUNT]; /* 0: none yet */
    char tag_title[512], h1[512], entry_title[512];
    int nh1; /* <h1> elements in the body that are not the site's name */
    char src_date[24];
} cand;

/* Copies src into dst[max], cut at a character boundary. */
static void copy_str(char *dst, size_t max, const char *src)
{
    size_t n = strlen(src);
    if (n >= max) {
        n = max - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Copies s[0..n) (valid UTF-8) into out[max], decoding the character
 * references pages double-escape into attribute values, and cut at a
 * character boundary. */
static void decode_refs(const char *s, size_t n, char *out, size_t max)
{
    size_t j = 0;
    for (size_t i = 0; i < n;) {
        char buf[4];
        const char *p = s + i;
        size_t len, used = att__html_char_ref(s + i, n - i, 1, &p, &len, buf);
        if (!used) {
            unsigned char c = (unsigned char)s[i];
            p = s + i;
            len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (len > n - i)
                len = n - i;
            used = len;
        }
        if (j + len >= max)
            break;
        memcpy(out + j, p, len);
        j += len;
        i += used;
    }
    out[j] = '\0';
}

/* Words before a name in a byline. */
static const char *const byline_prefixes[] = {
    "view all posts by",
    "zeige alle beiträge von",
    "alle beiträge von",
    "alle artikel von",
    "mehr artikel von",
    "posted by",
    "written by",
    "geschrieben von",
    "verfasst von",
    "ein beitrag von",
    "ein artikel von",
    "autor:",
    "autorin:",
    "author:",
    "autor/in:",
    "by",
    "von",
    "par",
    "por",
    "di",
};

/* Narrows an author value s[*a..*n) to the name: drops byline words and
 * what follows a line break or a "|"; returns 0 when what is left is not
 * a name (a URL, a @handle, an e-mail address, a date, too long). */
static int author_name(const char *s, size_t *a, size_t *n)
{
    size_t i = *a, e = *n, digits = 0;
    for (size_t k = 0; k < ATT_ARRAY_LEN(byline_prefixes); k++) {
        size_t m = strlen(byline_prefixes[k]);
        if (e - i > m && strncasecmp(s + i, byline_prefixes[k], m) == 0 &&
            (byline_prefixes[k][m - 1] == ':' || s[i + m] == ' ')) {
            i += m;
            while (i < e && s[i] == ' ')
                i++;
            break;
        }
    }
    for (size_t k = i; k < e; k++)
        if (s[k] == '\n' || s[k] == '|' ||
            (s[k] == ' ' && k + 2 < e && s[k + 1] == '-' && s[k + 2] == ' ')) {
            e = k;
            break;
        }
    while (e > i && (s[e - 1] == ' ' || s[e - 1] == ',' || s[e - 1] == ':'))
        e--;
    if (e - i < 2 || e - i > 80 || strncmp(s + i, "http", 4) == 0 || s[i] == '@' ||
        memchr(s + i, '@', e - i) || memchr(s + i, '/', e - i))
        return 0;
    for (size_t k = i; k < e; k++)
        digits += isdigit((unsigned char)s[k]) != 0;
    if (digits >= 2)
        return 0;
    *a = i;
    *n = e;
    return 1;
}

static void offer(cand *c, enum field f, int rank, const char *v, size_t n, const char *src)
{
    size_t a = 0;
    if (!v)
        return;
    while (a < n && isspace((unsigned char)v[a]))
        a++;
    while (n > a && isspace((unsigned char)v[n - 1]))
        n--;
    if (n == a || (c->rank[f] && c->rank[f] <= rank))
        return;
    if (f == M_AUTHOR && !author_name(v, &a, &n))
        return;
    if (f == M_DATE) {
        char iso[40];
        if (!att__html_date(v + a, n - a, iso))
            return;
        copy_str(c->val[f], sizeof(c->val[f]), iso);
        copy_str(c->src_date, sizeof(c->src_date), src ? src : "");
    } else {
        decode_refs(v + a, n - a, c->val[f], sizeof(c->val[f]));
    }
    c->rank[f] = rank;
}

static void offer_s(cand *c, enum field f, int rank, const char *v, const char *src)
{
    if (v)
        offer(c, f, rank, v, strlen(v), src);
}

/* ---- dates ---------------------------------------------------------------- */

/* A month name at s (the letters there, and a period after them). */
static int month_at(const char *s, size_t n, size_t *len)
{
    size_t k = 0;
    int m;
    while (k < n && k < 15 && (isalpha((unsigned char)s[k]) || (unsigned char)s[k] >= 0x80))
        k++;
    if (k < 3 || (m = att__month_name(s, k)) == 0)
        return 0;
    *len = k < n && s[k] == '.' ? k + 1 : k;
    return m;
}

static int num_at(const char *s, size_t n, size_t *len, size_t maxd)
{
    int v = 0;
    size_t k = 0;
    while (k < n && k < maxd && isdigit((unsigned char)s[k]))
        v = v * 10 + (s[k++] - '0');
    *len = k;
    return k ? v : -1;
}

/* Fields of dates already checked, as the printf width expects them. */
#define U4(x) ((unsigned)(x) % 10000u)
#define U2(x) ((unsigned)(x) % 100u)

static int valid_ymd(int y, int m, int d)
{
    return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* ISO 8601 at s: "2024-04-17", "2024-04-17T10:22", "2024-04-17 10:22:00.000+0200". */
static int iso_at(const char *s, size_t n, char out[40])
{
    size_t k, i = 0;
    int y, m, d, hh, mm, ss = 0;
    char zone[8] = "";
    if ((y = num_at(s, n, &k, 4)) < 0 || k != 4 || k >= n || (s[k] != '-' && s[k] != '/'))
        return 0;
    i = 5;
    if ((m = num_at(s + i, n - i, &k, 2)) < 0 || k != 2 || i + 2 >= n || s[i + 2] != s[4])
        return 0;
    i += 3;
    if ((d = num_at(s + i, n - i, &k, 2)) < 0 || k != 2 || !valid_ymd(y, m, d))
        return 0;
    i += 2;
    if (i + 5 < n && (s[i] == 'T' || s[i] == ' ') &&
        (hh = num_at(s + i + 1, n - i - 1, &k, 2)) >= 0 && k == 2 && s[i + 3] == ':' &&
        (mm = num_at(s + i + 4, n - i - 4, &k, 2)) >= 0 && k == 2 && hh < 24 && mm < 60) {
        i += 6;
        if (i + 2 < n && s[i] == ':' && num_at(s + i + 1, n - i - 1, &k, 2) >= 0 && k == 2) {
            ss = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
            i += 3;
        }
        while (i < n && (s[i] == '.' || isdigit((unsigned char)s[i])))
            i++;
        if (i < n && s[i] == 'Z') {
            strcpy(zone, "Z");
        } else if (i + 4 < n && (s[i] == '+' || s[i] == '-') && isdigit((unsigned char)s[i + 1]) &&
                   isdigit((unsigned char)s[i + 2])) {
            size_t j = i + 3 + (s[i + 3] == ':');
            if (j + 1 < n && isdigit((unsigned char)s[j]) && isdigit((unsigned char)s[j + 1]))
                snprintf(zone, sizeof(zone), "%c%c%c:%c%c", s[i], s[i + 1], s[i + 2], s[j],
                         s[j + 1]);
        }
        if (ss > 59)
            ss = 59;
        snprintf(out, 40, "%04u-%02u-%02uT%02u:%02u:%02u%s", U4(y), U2(m), U2(d), U2(hh), U2(mm),
                 U2(ss), zone);
        return 1;
    }
    snprintf(out, 40, "%04u-%02u-%02u", U4(y), U2(m), U2(d));
    return 1;
}

/* "17.04.2024", "17. April 2024", "17 Apr 2024", "April 17, 2024" at s. */
static int text_date_at(const char *s, size_t n, char out[40])
{
    size_t k, i;
    int d, m, y;
    if ((d = num_at(s, n, &k, 2)) > 0) {
        i = k;
        if (i < n && s[i] == '.' && i + 1 < n && isdigit((unsigned char)s[i + 1])) {
            /* 17.04.2024 or 17.4.2024 */
            if ((m = num_at(s + i + 1, n - i - 1, &k, 2)) < 0 || i + 1 + k >= n ||
                s[i + 1 + k] != '.')
                return 0;
            i += 2 + k;
            if ((y = num_at(s + i, n - i, &k, 4)) < 0 || k != 4 || !valid_ymd(y, m, d))
                return 0;
            snprintf(out, 40, "%04u-%02u-%02u", U4(y), U2(m), U2(d));
            return 1;
        }
        if (i < n && s[i] == '.')
            i++;
        while (i < n && s[i] == ' ')
            i++;
        if ((m = month_at(s + i, n - i, &k)) == 0)
            return 0;
        i += k;
        while (i < n && (s[i] == ' ' || s[i] == ','))
            i++;
        if ((y = num_at(s + i, n - i, &k, 4)) < 0 || k != 4 || !valid_ymd(y, m, d))
            return 0;
        snprintf(out, 40, "%04u-%02u-%02u", U4(y), U2(m), U2(d));
        return 1;
    }
    if ((m = month_at(s, n, &k)) > 0) {
        i = k;
        while (i < n && s[i] == ' ')
            i++;
        if ((d = num_at(s + i, n - i, &k, 2)) < 0)
            return 0;
        i += k;
        if (i + 1 < n && (strncmp(s + i, "st", 2) == 0 || strncmp(s + i, "nd", 2) == 0 ||
                          strncmp(s + i, "rd", 2) == 0 || strncmp(s + i, "th", 2) == 0))
            i += 2;
        while (i < n && (s[i] == ' ' || s[i] == ','))
            i++;
        if ((y = num_at(s + i, n - i, &k, 4)) < 0 || k != 4 || !valid_ymd(y, m, d))
            return 0;
        snprintf(out, 40, "%04u-%02u-%02u", U4(y), U2(m), U2(d));
        return 1;
    }
    return 0;
}

int att__html_date(const char *s, size_t n, char out[40])
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && isalnum((unsigned char)s[i - 1]))
            continue; /* dates start at a word boundary */
        if (iso_at(s + i, n - i, out) || text_date_at(s + i, n - i, out))
            return 1;
    }
    return 0;
}

/* A date in a URL's path: /2023/11/01/, /2023-11-01, /20231101/. */
static int url_date(const char *u, char out[40])
{
    size_t n = strlen(u);
    const char *p = strstr(u, "://");
    size_t i = p ? (size_t)(p - u) + 3 : 0;
    while (i < n && u[i] != '/')
        i++; /* skip the host */
    for (; i + 8 <= n; i++) {
        int y, m, d = 1;
        size_t k;
        char sep;
        if (u[i] != '/' && u[i] != '-' && u[i] != '_')
            continue;
        if ((y = num_at(u + i + 1, n - i - 1, &k, 8)) < 0)
            continue;
        if (k == 8) { /* 20231101 */
            d = y % 100;
            m = (y / 100) % 100;
            y /= 10000;
            if (valid_ymd(y, m, d) && (i + 9 >= n || !isalnum((unsigned char)u[i + 9]))) {
                snprintf(out, 40, "%04u-%02u-%02u", U4(y), U2(m), U2(d));
                return 1;
            }
            continue;
        }
        if (k != 4 || i + 8 > n)
            continue;
        sep = u[i + 5];
        if (sep != '/' && sep != '-' && sep != '_')
            continue;
        if ((m = num_at(u + i + 6, n - i - 6, &k, 2)) < 1 || k != 2)
            continue;
        if (i + 8 < n && u[i + 8] == sep && num_at(u + i + 9, n - i - 9, &k, 2) > 0 && k == 2) {
            d = (u[i + 9] - '0') * 10 + (u[i + 10] - '0');
            if (valid_ymd(y, m, d)) {
                snprintf(out, 40, "%04u-%02u-%02u", U4(y), U2(m), U2(d));
                return 1;
            }
        }
        if (valid_ymd(y, m, 1)) {
            snprintf(out, 40, "%04u-%02u", U4(y), U2(m));
            return 1;
        }
    }
    return 0;
}

/* ---- JSON-LD ----------------------------------------------------------------- */

static const char *const article_types[] = {
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "report",
    "scholarlyarticle",
    "techarticle",
    "liveblogposting",
    "socialmediaposting",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "review",
    "posting",
    "discussionforumposting",
};

static int type_is(json_t *t, int *page)
{
    json_t *v;
    size_t i;
    if (json_is_array(t)) {
        json_array_foreach(t, i, v) if (type_is(v, page)) return 1;
        return 0;
    }
    if (!json_is_string(t))
        return 0;
    for (size_t k = 0; k < ATT_ARRAY_LEN(article_types); k++)
        if (strcasecmp(json_string_value(t), article_types[k]) == 0)
            return 1;
    if (strcasecmp(json_string_value(t), "webpage") == 0 ||
        strcasecmp(json_string_value(t), "itempage") == 0)
        *page = 1;
    return 0;
}

/* The name(s) in an author value: "X", {"name": "X"}, [{"name": ...}, ...],
 * joined by "; ". */
static void author_names(json_t *a, char *out, size_t max, int depth)
{
    size_t i;
    json_t *v;
    if (depth > 3)
        return;
    if (json_is_string(a)) {
        size_t n = strlen(out);
        if (strncmp(json_string_value(a), "http", 4) == 0)
            return;
        snprintf(out + n, max - n, "%s%s", n ? "; " : "", json_string_value(a));
    } else if (json_is_object(a)) {
        author_names(json_object_get(a, "name"), out, max, depth + 1);
    } else if (json_is_array(a)) {
        json_array_foreach(a, i, v) author_names(v, out, max, depth + 1);
    }
}

static void jsonld_object(json_t *o, cand *c, int depth)
{
    int page = 0, art;
    json_t *v;
    const char *k;
    size_t i;
    if (depth > JSON_DEPTH)
        return;
    if (json_is_array(o)) {
        json_array_foreach(o, i, v) jsonld_object(v, c, depth + 1);
        return;
    }
    if (!json_is_object(o))
        return;
    art = type_is(json_object_get(o, "@type"), &page);
    if (art || page) {
        int r = art ? R_JSONLD : R_JSONLD_PAGE;
        json_t *pub = json_object_get(o, "publisher");
        char names[512] = "";
        if (art)
            offer_s(c, M_TITLE, r, json_string_value(json_object_get(o, "headline")), NULL);
        offer_s(c, M_DATE, r, json_string_value(json_object_get(o, "datePublished")), "json-ld");
        offer_s(c, M_DATE, r + 20, json_string_value(json_object_get(o, "dateCreated")), "json-ld");
        author_names(json_object_get(o, "author"), names, sizeof(names), 0);
        offer_s(c, M_AUTHOR, r, names, NULL);
        if (json_is_object(pub))
            offer_s(c, M_SITE, r + 5, json_string_value(json_object_get(pub, "name")), NULL);
        offer_s(c, M_LANG, r + 10, json_string_value(json_object_get(o, "inLanguage")), NULL);
    }
    json_object_foreach(o, k, v) if (json_is_array(v) || json_is_object(v))
        jsonld_object(v, c, depth + 1);
}

static void jsonld(const char *s, size_t n, cand *c)
{
    json_error_t err;
    json_t *root;
    if (n > JSONLD_MAX)
        return;
    root = json_loadb(s, n, JSON_DECODE_ANY, &err);
    if (!root)
        return;
    jsonld_object(root, c, 0);
    json_decref(root);
}

/* ---- the walk --------------------------------------------------------------- */

static int has_word(const char *v, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = v; p && (p = strstr(p, w)) != NULL; p += n)
        if ((p == v || !isalnum((unsigned char)p[-1])) && !isalnum((unsigned char)p[n]))
            return 1;
    return 0;
}

/* Class names of a post's own headline, and of a site's name. */
static const char *const title_classes[] = {"entry-title", "post-title",     "article-title",
                                            "headline",    "article__title", "post__title",
                                            "posttitle",   "entrytitle"};
static const char *const date_classes[] = {"date",       "posted",    "published",    "byline",
                                           "entry-meta", "post-meta", "article-meta", "timestamp",
                                           "meta-info",  "postmeta",  "datum"};
static const char *const author_classes[] = {"author", "byline", "autor", "vcard", "fn"};
static const char *const author_not[] = {"author-bio",   "author-box",         "authorbox",
                                         "about-author", "author-description", "author-avatar",
                                         "comment"};
static const char *const site_classes[] = {"site-title",  "site-name", "logo",      "brand",
                                           "blog-title",  "blogname",  "blog-name", "masthead",
                                           "site-header", "branding"};

#define HAS_ANY(v, words) has_any(v, words, ATT_ARRAY_LEN(words))
#define HAS_ANY_LOW(low, words) has_any_low(low, words, ATT_ARRAY_LEN(words))

/* v, lower case, into low[256] (cut). */
static void lower_into(const char *v, char low[256])
{
    size_t k = 0;
    for (; v[k] && k + 1 < 256; k++)
        low[k] = (char)tolower((unsigned char)v[k]);
    low[k] = '\0';
}

/* Does the lower-case low hold one of words? */
static int has_any_low(const char *low, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(low, words[i]))
            return 1;
    return 0;
}

/* A value lower-cased on first use. */
typedef struct lazy_lower {
    char low[256];
    int done;
} lazy_lower;

static const char *lowered(lazy_lower *l, const char *v)
{
    if (!l->done) {
        lower_into(v, l->low);
        l->done = 1;
    }
    return l->low;
}

static int has_any(const char *v, const char *const *words, size_t n)
{
    char low[256];
    lower_into(v, low);
    return has_any_low(low, words, n);
}

/* Is this <h1> the site's name rather than the page's headline: in a
 * <header> outside any <article> or <main>, or with a class or id (its own
 * or an ancestor's, three levels up) that says logo or site title? */
static int site_heading(const att__hnode *h)
{
    int depth = 0, in_header = 0;
    for (const att__hnode *n = h; n && n->name; n = n->parent, depth++) {
        const char *nm = n->name, *v;
        if (strcmp(nm, "article") == 0 || strcmp(nm, "main") == 0)
            return 0;
        if (strcmp(nm, "header") == 0)
            in_header = 1;
        if (depth <= 3 &&
            (((v = att__html_attr(n, ATT_HA_CLASS)) != NULL && HAS_ANY(v, site_classes)) ||
             ((v = att__html_attr(n, ATT_HA_ID)) != NULL && HAS_ANY(v, site_classes))))
            return 1;
    }
    return in_header;
}

/* Is the element's name s?  The first letters are compared inline: most
 * elements differ there. */
static int named(const char *name, const char *s)
{
    return name[0] == s[0] && strcmp(name, s) == 0;
}

static void element(const att__hnode *el, cand *c, int *in_body)
{
    const char *name = el->name, *v, *content, *cls = att__html_attr(el, ATT_HA_CLASS);
    char text[1024];
    lazy_lower low = {0};
    if (named(name, "html")) {
        offer_s(c, M_LANG, R_HTML_LANG, att__html_attr(el, ATT_HA_LANG), NULL);
        offer_s(c, M_LANG, R_HTML_LANG + 1, att__html_attr(el, ATT_HA_XML_LANG), NULL);
    } else if (named(name, "body")) {
        *in_body = 1;
    } else if (named(name, "title") && !c->tag_title[0] && !*in_body) {
        att__html_node_text(el, c->tag_title, sizeof(c->tag_title));
    } else if (named(name, "meta")) {
        content = att__html_attr(el, ATT_HA_CONTENT);
        if (!content)
            return;
        for (int k = 0; k < 3; k++) {
            static const unsigned keys[] = {ATT_HA_NAME, ATT_HA_PROPERTY, ATT_HA_ITEMPROP};
            char low[64];
            size_t n;
            v = att__html_attr(el, keys[k]);
            if (!v)
                continue;
            n = strlen(v);
            if (n >= sizeof(low))
                continue;
            for (size_t i = 0; i <= n; i++)
                low[i] = (char)tolower((unsigned char)v[i]);
            for (size_t i = 0; i < ATT_ARRAY_LEN(meta_keys); i++)
                if (strcmp(low, meta_keys[i].key) == 0)
                    offer_s(c, meta_keys[i].field, meta_keys[i].rank, content, meta_keys[i].key);
        }
        v = att__html_attr(el, ATT_HA_HTTP_EQUIV);
        if (v && strcasecmp(v, "content-language") == 0)
            offer_s(c, M_LANG, 12, content, NULL);
    } else if (named(name, "link")) {
        v = att__html_attr(el, ATT_HA_REL);
        if (v && strcasecmp(v, "canonical") == 0)
            offer_s(c, M_URL, R_CANONICAL, att__html_attr(el, ATT_HA_HREF), NULL);
    } else if (named(name, "script")) {
        v = att__html_attr(el, ATT_HA_TYPE);
        if (v && strcasecmp(v, "application/ld+json") == 0 && el->children && !el->children->name)
            jsonld(el->children->text, el->children->len, c);
    } else if (named(name, "h1")) {
        if (!site_heading(el)) {
            if (!c->h1[0])
                att__html_node_text(el, c->h1, sizeof(c->h1));
            c->nh1++;
        }
    } else if (named(name, "time")) {
        v = att__html_attr(el, ATT_HA_DATETIME);
        if (!v) {
            att__html_node_text(el, text, sizeof(text));
            v = text;
        }
        if (att__html_attr(el, ATT_HA_PUBDATE) ||
            (cls && (strstr(cls, "publish") || strstr(cls, "entry-date"))))
            offer_s(c, M_DATE, R_TIME_PUB, v, "time-pubdate");
        else
            offer_s(c, M_DATE, R_TIME, v, "time");
    }
    if (!c->rank[M_AUTHOR] || c->rank[M_AUTHOR] > R_BYLINE) {
        if (cls && HAS_ANY_LOW(lowered(&low, cls), author_classes) &&
            !HAS_ANY_LOW(lowered(&low, cls), author_not)) {
            att__html_node_text(el, text, sizeof(text));
            offer_s(c, M_AUTHOR, R_BYLINE, text, NULL);
        }
    }
    if (!c->rank[M_DATE] || c->rank[M_DATE] > R_BYLINE) {
        /* a visible date line: <span class="date">, <div class="entry-meta">,
         * <abbr class="published" title="..."> */
        if (cls && HAS_ANY_LOW(lowered(&low, cls), date_classes)) {
            v = named(name, "abbr") ? att__html_attr(el, ATT_HA_TITLE) : NULL;
            if (!v) {
                att__html_node_text(el, text, sizeof(text));
                v = strlen(text) <= 160 ? text : NULL;
            }
            offer_s(c, M_DATE, R_BYLINE, v, "date-line");
        }
    }
    if (!c->entry_title[0] && name[0] == 'h' && name[1] >= '1' && name[1] <= '3' && !name[2] &&
        cls && HAS_ANY_LOW(lowered(&low, cls), title_classes))
        att__html_node_text(el, c->entry_title, sizeof(c->entry_title));
    if ((v = att__html_attr(el, ATT_HA_ITEMPROP)) != NULL && !named(name, "meta")) {
        if (strcasecmp(v, "datePublished") == 0) {
            content = att__html_attr(el, ATT_HA_CONTENT);
            if (!content)
                content = att__html_attr(el, ATT_HA_DATETIME);
            if (!content) {
                att__html_node_text(el, text, sizeof(text));
                content = text;
            }
            offer_s(c, M_DATE, R_MICRODATA, content, "microdata");
        } else if (strcasecmp(v, "author") == 0 || strcasecmp(v, "creator") == 0) {
            content = att__html_attr(el, ATT_HA_CONTENT);
            if (!content) {
                att__html_node_text(el, text, sizeof(text));
                content = text;
            }
            if (strlen(content) < 100)
                offer_s(c, M_AUTHOR, R_MICRODATA, content, NULL);
        }
    }
    if (named(name, "a") && (v = att__html_attr(el, ATT_HA_REL)) != NULL && has_word(v, "author")) {
        att__html_node_text(el, text, sizeof(text));
        if (strlen(text) < 80)
            offer_s(c, M_AUTHOR, R_REL_AUTHOR, text, NULL);
    }
}

/* Cuts a site name off a <title>: "Headline | Site", "Site - Headline". */
static void clean_title(const char *t, const char *site, const char *h1, char *out, size_t max)
{
    static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " // "};
    size_t n = strlen(t);
    copy_str(out, max, t);
    if (h1[0] && strstr(t, h1) && strlen(h1) * 3 >= n) {
        copy_str(out, max, h1);
        return;
    }
    for (size_t k = 0; k < ATT_ARRAY_LEN(seps); k++) {
        const char *p = NULL, *q = t;
        size_t sl = strlen(seps[k]);
        while ((q = strstr(q, seps[k])) != NULL) {
            p = q;
            q += sl;
        }
        if (!p)
            continue;
        /* the last part is the site when it is shorter, or names it */
        {
            size_t head = (size_t)(p - t), tail = n - head - sl;
            if ((site[0] && strncasecmp(p + sl, site, strlen(site)) == 0) || tail < head) {
                if (head < max) {
                    memcpy(out, t, head);
                    out[head] = '\0';
                }
                return;
            }
            if (site[0] && strncasecmp(t, site, strlen(site)) == 0 && tail < max) {
                copy_str(out, max, p + sl);
                return;
            }
        }
    }
}

/* Is h the site's name: the og:site_name, or the shorter side of a
 * <title> like "Site » Headline"? */
static int is_site_name(const char *h, const char *tag_title, const char *site)
{
    static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " // "};
    size_t hn = strlen(h), tn = strlen(tag_title);
    if (site[0] && strcasecmp(h, site) == 0)
        return 1;
    for (size_t k = 0; k < ATT_ARRAY_LEN(seps); k++) {
        const char *p = strstr(tag_title, seps[k]);
        size_t sl = strlen(seps[k]);
        if (!p)
            continue;
        /* "Site » Headline" or "Headline | Site" with h the site side */
        if ((size_t)(p - tag_title) == hn && strncasecmp(tag_title, h, hn) == 0 &&
            tn - hn - sl > hn / 2)
            return 1;
        p = tag_title + tn - hn;
        if (tn > hn + sl && strcasecmp(p, h) == 0 && memcmp(p - sl, seps[k], sl) == 0)
            return 1;
    }
    return 0;
}

void att__html_meta_read(const att__htree *t, const char *page_url, att__html_meta *m)
{
    cand *c = calloc(1, sizeof(*c));
    const att__hnode *root = t ? t->root : NULL, *n = root;
    int in_body = 0;
    memset(m, 0, sizeof(*m));
    if (!c)
        return;
    while (n) {
        if (n->name)
            element(n, c, &in_body);
        if (n->name && n->children) {
            n = n->children;
            continue;
        }
        while (n != root && !n->next)
            n = n->parent;
        if (n == root)
            break;
        n = n->next;
    }
    /* title: the one headline the page shows, unless it is the site's name,
     * else the post's headline, else what the page declares */
    if (c->nh1 == 1 && is_site_name(c->h1, c->tag_title, c->val[M_SITE]))
        c->nh1 = 0;
    if (c->nh1 == 1 && strlen(c->h1) >= 3 && strlen(c->h1) < 300) {
        copy_str(m->title, sizeof(m->title), c->h1);
    } else if (c->entry_title[0]) {
        copy_str(m->title, sizeof(m->title), c->entry_title);
    } else if (c->rank[M_TITLE]) {
        const char *site = c->val[M_SITE];
        char t[512];
        clean_title(c->val[M_TITLE], site, "", t, sizeof(t));
        copy_str(m->title, sizeof(m->title), t);
    } else if (c->tag_title[0]) {
        clean_title(c->tag_title, c->val[M_SITE], c->h1, m->title, sizeof(m->title));
    } else if (c->h1[0]) {
        copy_str(m->title, sizeof(m->title), c->h1);
    }
    /* date */
    if (c->rank[M_DATE]) {
        copy_str(m->published, sizeof(m->published), c->val[M_DATE]);
        copy_str(m->date_source, sizeof(m->date_source), c->src_date);
    } else if (page_url && url_date(page_url, m->published)) {
        snprintf(m->date_source, sizeof(m->date_source), "url");
    } else if (c->val[M_URL][0] && url_date(c->val[M_URL], m->published)) {
        snprintf(m->date_source, sizeof(m->date_source), "url");
    }
    copy_str(m->author, sizeof(m->author), c->val[M_AUTHOR]);
    copy_str(m->url, sizeof(m->url), c->val[M_URL]);
    copy_str(m->sitename, sizeof(m->sitename), c->val[M_SITE]);
    copy_str(m->description, sizeof(m->description), c->val[M_DESC]);
    /* language: the primary subtag, lower case */
    {
        const char *l = c->val[M_LANG];
        size_t k = 0;
        while (l[k] && isalpha((unsigned char)l[k]) && k < 3 && k + 1 < sizeof(m->lang)) {
            m->lang[k] = (char)tolower((unsigned char)l[k]);
            k++;
        }
        m->lang[k < 2 ? 0 : k] = '\0';
    }
    free(c);
}

/*
 * feed.c - news feeds as documents: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and
 * Atom 1.0.  Each item (RSS) or entry (Atom) becomes one document.
 *
 *   bytes --libxml2 (recover, no network, no entity loading)--> tree
 *         --> items in document order --> title, link, date, text, lang
 *
 * The whole feed is parsed on the first call (bounded by the reader's
 * largest document size) and items are handed out one per call after it.
 * Elements are matched by local name and namespace class (item_fields[],
 * best rank first), so an undeclared prefix ("content:encoded" without its
 * xmlns) still counts.  HTML content (content:encoded, escaped description,
 * Atom type="html"/"xhtml") goes through the HTML reader (att__html_doc)
 * with the item's link; plain text through att__doc_from_raw.  An item
 * without text becomes its title; one with neither is skipped.  RFC 822
 * dates are rewritten as ISO 8601 before att__date_parse sees them.
 * Entities declared in a DTD are never loaded or expanded.  A malformed
 * feed is reported first (file:line:column from libxml2), then whatever
 * items could be read follow.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#include "read.h"

#define FEED_PARSE_OPTS                                                                            \
    (XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR |               \
     XML_PARSE_NOCDATA)
#define FEED_MAX_DEPTH 64    /* nesting followed when collecting an element's text */
#define FEED_MAX_INLINE 2048 /* title, link and date are cut here */

struct att__feed {
    xmlDocPtr doc;
    xmlNodePtr next;   /* the next node to look at */
    xmlNodePtr resume; /* where to go on after a channel's children */
    char lang[8];      /* the channel's <language>, primary subtag */
    size_t item;       /* items seen so far */
};

/* ---- namespaces and the item's fields ------------------------------------ */

enum ns_class { NS_OTHER, NS_CORE, NS_DC, NS_CONTENT };

static const struct {
    const char *href;
    const char *prefix; /* an undeclared prefix of the same meaning */
    enum ns_class cls;
} namespaces[] = {
    {"http://www.w3.org/2005/Atom", NULL, NS_CORE},
    {"http://purl.org/rss/1.0/", NULL, NS_CORE},
    {"http://my.netscape.com/rdf/simple/0.9/", NULL, NS_CORE},
    {"http://backend.userland.com/rss2", NULL, NS_CORE},
    {"http://purl.org/dc/elements/1.1/", "dc", NS_DC},
    {"http://purl.org/rss/1.0/modules/content/", "content", NS_CONTENT},
};

enum field { F_TITLE, F_LINK, F_DATE, F_TEXT };

/* Per field, best first: the first usable element of the first entry wins. */
static const struct {
    enum ns_class ns;
    const char *name;
    enum field field;
} item_fields[] = {
    {NS_CORE, "title", F_TITLE},    {NS_DC, "title", F_TITLE},
    {NS_CORE, "link", F_LINK},      {NS_CORE, "guid", F_LINK},
    {NS_CORE, "id", F_LINK},        {NS_CORE, "pubDate", F_DATE},
    {NS_CORE, "published", F_DATE}, {NS_CORE, "issued", F_DATE},
    {NS_DC, "date", F_DATE},        {NS_CORE, "updated", F_DATE},
    {NS_CORE, "modified", F_DATE},  {NS_CONTENT, "encoded", F_TEXT},
    {NS_CORE, "content", F_TEXT},   {NS_CORE, "description", F_TEXT},
    {NS_CORE, "summary", F_TEXT},   {NS_DC, "description", F_TEXT},
};

/* The element's local name and namespace class. */
static enum ns_class classify(xmlNodePtr n, const char **local)
{
    const char *name = (const char *)n->name, *colon = strchr(name, ':');
    *local = name;
    if (!n->ns || !n->ns->href) {
        if (!colon)
            return NS_CORE;
        /* recovered from an undeclared prefix: the prefix stays in the name */
        *local = colon + 1;
        for (size_t i = 0; i < ATT_ARRAY_LEN(namespaces); i++)
            if (namespaces[i].prefix && strlen(namespaces[i].prefix) == (size_t)(colon - name) &&
                strncmp(name, namespaces[i].prefix, (size_t)(colon - name)) == 0)
                return namespaces[i].cls;
        return NS_OTHER;
    }
    for (size_t i = 0; i < ATT_ARRAY_LEN(namespaces); i++)
        if (strcmp((const char *)n->ns->href, namespaces[i].href) == 0)
            return namespaces[i].cls;
    return NS_OTHER;
}

static int is_elem(xmlNodePtr n, enum ns_class cls, const char *name)
{
    const char *local;
    return n && n->type == XML_ELEMENT_NODE && classify(n, &local) == cls &&
           strcmp(local, name) == 0;
}

static const char *attr(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

/* The text of an element: its text and CDATA descendants (entity
 * references are not followed), appended to b. */
static int node_text(xmlNodePtr n, int depth, att_buf *b)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            if (att__buf_adds(b, (const char *)c->content))
                return ATT_ENOMEM;
        } else if (c->type == XML_ELEMENT_NODE && depth < FEED_MAX_DEPTH) {
            if (node_text(c, depth + 1, b))
                return ATT_ENOMEM;
        }
    }
    return 0;
}

/* One line of text (title, link, date): white space folded, cut at size. */
static void inline_text(xmlNodePtr n, char *out, size_t size)
{
    att_buf b;
    size_t k = 0;
    int space = 0;
    att__buf_init(&b, FEED_MAX_INLINE * 4);
    node_text(n, 0, &b); /* a cut-off text is still a text */
    for (size_t i = 0; i < b.len && k + 1 < size; i++) {
        if (isspace((unsigned char)b.data[i])) {
            space = k > 0;
            continue;
        }
        if (space && k + 2 < size)
            out[k++] = ' ';
        space = 0;
        out[k++] = b.data[i];
    }
    /* never end inside a UTF-8 sequence */
    while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0xC0)
        k--;
    out[k] = '\0';
    att__buf_free(&b);
}

static int is_http(const char *s)
{
    return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

/* The link an element gives, resolved against xml:base; "" when none. */
static void link_of(xmlDocPtr doc, xmlNodePtr n, const char *local, char *out, size_t size)
{
    const char *href = attr(n, "href"), *rel = attr(n, "rel");
    char raw[FEED_MAX_INLINE];
    out[0] = '\0';
    if (strcmp(local, "link") == 0 && href) {
        if (rel && strcmp(rel, "alternate") != 0)
            return; /* replies, enclosure, self, edit */
        snprintf(raw, sizeof(raw), "%s", href);
    } else {
        inline_text(n, raw, sizeof(raw));
        if (strcmp(local, "guid") == 0) {
            const char *perma = attr(n, "isPermaLink");
            if ((perma && strcmp(perma, "false") == 0) || !is_http(raw))
                return;
        } else if (strcmp(local, "id") == 0 && !is_http(raw)) {
            return;
        }
    }
    if (!raw[0])
        return;
    if (!is_http(raw)) {
        xmlChar *base = xmlNodeGetBase(doc, n);
        xmlChar *abs = base ? xmlBuildURI((const xmlChar *)raw, base) : NULL;
        if (abs && is_http((const char *)abs))
            snprintf(out, size, "%s", (const char *)abs);
        xmlFree(abs);
        xmlFree(base);
        return;
    }
    snprintf(out, size, "%s", raw);
}

/* ---- dates ----------------------------------------------------------------- */

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};

/* Zone names RFC 822 allows, and the ones German feeds use; minutes east. */
static const struct {
    const char *name;
    int minutes;
} zones[] = {
    {"GMT", 0},       {"UT", 0},        {"UTC", 0},       {"Z", 0},
    {"EST", -5 * 60}, {"EDT", -4 * 60}, {"CST", -6 * 60}, {"CDT", -5 * 60},
    {"MST", -7 * 60}, {"MDT", -6 * 60}, {"PST", -8 * 60}, {"PDT", -7 * 60},
    {"CET", 60},      {"CEST", 120},    {"MEZ", 60},      {"MESZ", 120},
};

static int num(const char **p, int maxd)
{
    int v = 0, k = 0;
    while (k < maxd && isdigit((unsigned char)**p)) {
        v = v * 10 + (**p - '0');
        (*p)++;
        k++;
    }
    return k ? v : -1;
}

static void skip_ws(const char **p)
{
    while (**p == ' ' || **p == '\t' || **p == ',')
        (*p)++;
}

/* "Thu, 01 Jan 2004 19:48:21 GMT" as ISO 8601; 0 when it is not one. */
static int rfc822_to_iso(const char *s, char out[40])
{
    const char *p = s;
    int d, m = 0, y, hh = -1, mm = 0, ss = 0, zone = 0, has_zone = 0;
    char word[8];
    size_t k;
    skip_ws(&p);
    if (isalpha((unsigned char)*p)) { /* the day name */
        while (isalpha((unsigned char)*p))
            p++;
        skip_ws(&p);
    }
    if ((d = num(&p, 2)) < 1 || d > 31)
        return 0;
    skip_ws(&p);
    for (k = 0; isalpha((unsigned char)p[k]) && k + 1 < sizeof(word); k++)
        word[k] = (char)tolower((unsigned char)p[k]);
    word[k] = '\0';
    if (k < 3)
        return 0;
    for (size_t i = 0; i < ATT_ARRAY_LEN(month_names); i++)
        if (strncmp(word, month_names[i], 3) == 0)
            m = (int)i + 1;
    if (!m)
        return 0;
    while (isalpha((unsigned char)*p))
        p++;
    skip_ws(&p);
    {
        const char *y0 = p;
        if ((y = num(&p, 4)) < 0)
            return 0;
        if (p - y0 == 2)
            y += y < 50 ? 2000 : 1900;
        else if (p - y0 != 4)
            return 0;
    }
    skip_ws(&p);
    if (isdigit((unsigned char)*p)) {
        if ((hh = num(&p, 2)) < 0 || hh > 23 || *p++ != ':' || (mm = num(&p, 2)) < 0 || mm > 59)
            return 0;
        if (*p == ':' && ((void)p++, (ss = num(&p, 2)) < 0 || ss > 60))
            return 0;
        skip_ws(&p);
        if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1])) {
            int sign = *p == '-' ? -1 : 1, z;
            p++;
            if ((z = num(&p, 4)) < 0)
                return 0;
            zone = sign * ((z / 100) * 60 + z % 100);
            has_zone = 1;
        } else {
            for (k = 0; isalpha((unsigned char)p[k]) && k + 1 < sizeof(word); k++)
                word[k] = (char)toupper((unsigned char)p[k]);
            word[k] = '\0';
            for (size_t i = 0; i < ATT_ARRAY_LEN(zones); i++)
                if (strcmp(word, zones[i].name) == 0) {
                    zone = zones[i].minutes;
                    has_zone = 1;
                }
        }
    }
    if (hh < 0) {
        snprintf(out, 40, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
                 (unsigned)d % 100u);
        return 1;
    }
    if (ss > 59)
        ss = 59;
    {
        char zbuf[8] = "";
        int az = zone < 0 ? -zone : zone;
        if (has_zone && zone == 0)
            strcpy(zbuf, "Z");
        else if (has_zone)
            snprintf(zbuf, sizeof(zbuf), "%c%02u:%02u", zone < 0 ? '-' : '+',
                     (unsigned)(az / 60) % 100u, (unsigned)(az % 60) % 100u);
        snprintf(out, 40, "%04u-%02u-%02uT%02u:%02u:%02u%s", (unsigned)y % 10000u,
                 (unsigned)m % 100u, (unsigned)d % 100u, (unsigned)hh % 100u, (unsigned)mm % 100u,
                 (unsigned)ss % 100u, zbuf);
    }
    return 1;
}

int att__feed_date(const char *s, char out[40])
{
    char canon[32];
    out[0] = '\0';
    if (att__date_parse(s, strlen(s), canon) != ATT_PREC_NONE) {
        snprintf(out, 40, "%s", canon);
        return 1;
    }
    if (rfc822_to_iso(s, out) && att__date_parse(out, strlen(out), canon) != ATT_PREC_NONE) {
        snprintf(out, 40, "%s", canon);
        return 1;
    }
    out[0] = '\0';
    return 0;
}

/* ---- one item ---------------------------------------------------------------- */

static void primary_lang(const char *l, char out[8])
{
    size_t k = 0;
    while (l && isalpha((unsigned char)l[k]) && k < 3) {
        out[k] = (char)tolower((unsigned char)l[k]);
        k++;
    }
    out[k < 2 ? 0 : k] = '\0';
}

/* Is this text HTML markup rather than plain text? */
static int looks_markup(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] == '<' && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!'))
            return 1;
        if (s[i] == '&' && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '#'))
            return 1;
    }
    return 0;
}

/* The item's text into b; *html says whether it is markup. */
static int item_text(xmlNodePtr n, att_buf *b, int *html)
{
    const char *type = attr(n, "type");
    int children = 0;
    for (xmlNodePtr c = n->children; c; c = c->next)
        children |= c->type == XML_ELEMENT_NODE;
    if (children) {
        /* inline XHTML (Atom type="xhtml", or unescaped HTML in RSS) */
        xmlBufferPtr xb = xmlBufferCreate();
        int rc = 0;
        if (!xb)
            return ATT_ENOMEM;
        for (xmlNodePtr c = n->children; c && !rc; c = c->next)
            if (xmlNodeDump(xb, n->doc, c, 0, 0) < 0 ||
                att__buf_add(b, xmlBufferContent(xb), (size_t)xmlBufferLength(xb)))
                rc = ATT_ENOMEM;
            else
                xmlBufferEmpty(xb);
        xmlBufferFree(xb);
        *html = 1;
        return rc;
    }
    if (node_text(n, 0, b))
        return ATT_ENOMEM;
    if (type && (strcasecmp(type, "text") == 0 || strcasecmp(type, "text/plain") == 0))
        *html = 0;
    else if (type && (strcasecmp(type, "html") == 0 || strcasecmp(type, "text/html") == 0))
        *html = 1;
    else
        *html = looks_markup(b->data ? b->data : "", b->len);
    return 0;
}

/* Sets the fields a feed knows better than the page it links to. */
static int item_fields_set(att_doc *doc, const char *title, const char *link, const char *date,
                           const char *lang)
{
    if (title[0] && att__doc_set(doc, &doc->title, title))
        return ATT_ENOMEM;
    if (link[0] && att__doc_set(doc, &doc->url, link))
        return ATT_ENOMEM;
    if (date[0] && att__doc_set_published(doc, date, strlen(date)))
        return ATT_ENOMEM;
    if (lang[0] && att__doc_set(doc, &doc->lang, lang))
        return ATT_ENOMEM;
    return 0;
}

/* The document of one item; ATT_EEMPTY when it has neither text nor title. */
static int item_doc(att_reader *r, struct att__feed *f, xmlNodePtr item, att_doc **out)
{
    xmlNodePtr hit[ATT_ARRAY_LEN(item_fields)] = {0};
    char title[FEED_MAX_INLINE], link[FEED_MAX_INLINE], date[40] = "", where[600], lang[8];
    att_buf text;
    int rc = 0, html = 0;
    xmlChar *xl;

    *out = NULL;
    title[0] = link[0] = '\0';
    att__buf_init(&text, r->maxdoc);
    for (xmlNodePtr c = item->children; c; c = c->next) {
        const char *local;
        enum ns_class cls;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        cls = classify(c, &local);
        for (size_t i = 0; i < ATT_ARRAY_LEN(item_fields); i++) {
            if (hit[i] || item_fields[i].ns != cls || strcmp(item_fields[i].name, local) != 0)
                continue;
            if (item_fields[i].field == F_LINK) {
                char tmp[FEED_MAX_INLINE];
                link_of(f->doc, c, local, tmp, sizeof(tmp));
                if (!tmp[0])
                    continue;
            }
            hit[i] = c;
        }
    }
    for (size_t i = 0; i < ATT_ARRAY_LEN(item_fields); i++) {
        char tmp[FEED_MAX_INLINE];
        if (!hit[i])
            continue;
        switch (item_fields[i].field) {
        case F_TITLE:
            if (!title[0])
                inline_text(hit[i], title, sizeof(title));
            break;
        case F_LINK:
            if (!link[0])
                link_of(f->doc, hit[i], item_fields[i].name, link, sizeof(link));
            break;
        case F_DATE:
            if (!date[0]) {
                inline_text(hit[i], tmp, sizeof(tmp));
                att__feed_date(tmp, date);
            }
            break;
        case F_TEXT:
            if (text.len == 0) {
                att__buf_reset(&text);
                if ((rc = item_text(hit[i], &text, &html)))
                    goto cleanup;
            }
            break;
        }
    }
    if (!link[0]) { /* RSS 1.0: the item's rdf:about */
        const char *about = attr(item, "about");
        if (about && is_http(about))
            snprintf(link, sizeof(link), "%s", about);
    }
    xl = xmlNodeGetLang(item);
    primary_lang(xl ? (const char *)xl : f->lang, lang);
    xmlFree(xl);
    snprintf(where, sizeof(where), "%.200s: item %zu%s%.300s%s", r->name, f->item,
             link[0] ? " (" : "", link, link[0] ? ")" : "");
    rc = ATT_EEMPTY;
    if (text.len > 0 && html)
        rc = att__html_doc(r, where, 0, text.data, text.len, "text/html; charset=UTF-8",
                           link[0] ? link : NULL, out);
    else if (text.len > 0)
        rc = att__doc_from_raw(r, where, 0, text.data, text.len, out);
    if (rc == ATT_EEMPTY && title[0]) {
        /* no text (or none left once boilerplate went): the title is the text */
        att__err_clear(r->ctx);
        rc = att__doc_from_raw(r, where, 0, title, strlen(title), out);
    }
    if (rc)
        goto cleanup;
    if (item_fields_set(*out, title, link, date, lang)) {
        att_doc_free(*out);
        *out = NULL;
        rc = att__err(r->ctx, ATT_ENOMEM, "out of memory");
    }
cleanup:
    att__buf_free(&text);
    return rc;
}

/* ---- the feed ------------------------------------------------------------------ */

static int is_item(xmlNodePtr n)
{
    return is_elem(n, NS_CORE, "item") || is_elem(n, NS_CORE, "entry");
}

static int is_channel(xmlNodePtr n)
{
    return is_elem(n, NS_CORE, "channel");
}

/* The channel's language, from <language>, <dc:language> or xml:lang. */
static void channel_lang(struct att__feed *f, xmlNodePtr root)
{
    xmlChar *xl = xmlNodeGetLang(root);
    if (xl) {
        primary_lang((const char *)xl, f->lang);
        xmlFree(xl);
    }
    for (xmlNodePtr c = root->children; c && !f->lang[0]; c = c->next) {
        if (is_channel(c))
            channel_lang(f, c);
        else if (is_elem(c, NS_CORE, "language") || is_elem(c, NS_DC, "language")) {
            char tmp[32];
            inline_text(c, tmp, sizeof(tmp));
            primary_lang(tmp, f->lang);
        }
    }
}

/* The feed's own address (Atom rel="self"/"alternate", RSS <link>): the
 * base relative item links are resolved against when there is no xml:base. */
static void feed_base(struct att__feed *f, xmlNodePtr root)
{
    char self[FEED_MAX_INLINE] = "", alt[FEED_MAX_INLINE] = "";
    xmlNodePtr scope[2] = {root, NULL};
    for (xmlNodePtr c = root->children; c; c = c->next)
        if (is_channel(c))
            scope[1] = c;
    for (size_t k = 0; k < 2 && scope[k]; k++) {
        for (xmlNodePtr c = scope[k]->children; c; c = c->next) {
            const char *href, *rel;
            if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "link") != 0)
                continue;
            href = attr(c, "href");
            rel = attr(c, "rel");
            if (href && rel && strcmp(rel, "self") == 0 && is_http(href) && !self[0])
                snprintf(self, sizeof(self), "%s", href);
            else if (href && (!rel || strcmp(rel, "alternate") == 0) && is_http(href) && !alt[0])
                snprintf(alt, sizeof(alt), "%s", href);
            else if (!href && !alt[0]) {
                inline_text(c, alt, sizeof(alt));
                if (!is_http(alt))
                    alt[0] = '\0';
            }
        }
    }
    if ((self[0] || alt[0]) && !f->doc->URL)
        f->doc->URL = xmlStrdup((const xmlChar *)(self[0] ? self : alt));
}

/* Where libxml2 stopped liking the feed: "line L, column C: message". */
static void parse_error(xmlParserCtxtPtr pc, size_t skipped_lines, char *out, size_t size)
{
    xmlErrorPtr e = xmlCtxtGetLastError(pc);
    char msg[200] = "not well-formed";
    size_t k;
    if (e && e->message) {
        snprintf(msg, sizeof(msg), "%s", e->message);
        k = strlen(msg);
        while (k > 0 && (msg[k - 1] == '\n' || msg[k - 1] == ' '))
            msg[--k] = '\0';
    }
    snprintf(out, size, "line %zu, column %d: %s",
             (e ? (size_t)(e->line > 0 ? e->line : 1) : 1) + skipped_lines, e ? e->int2 : 0, msg);
}

static int feed_open(att_reader *r, struct att__feed **out)
{
    struct att__feed *f = NULL;
    xmlParserCtxtPtr pc = NULL;
    xmlNodePtr root;
    const char *s;
    size_t n, lines = 0;
    int rc, bad = 0;
    char msg[300];

    *out = NULL;
    if ((rc = att__reader_all(r, &s, &n)))
        return rc;
    /* blank lines before the XML declaration (common in captured feeds) */
    while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
        lines += *s == '\n';
        s++, n--;
    }
    if (n == 0)
        return att__err(r->ctx, ATT_EEMPTY, "%s: empty file", r->name);
    if (n > (size_t)INT32_MAX)
        return att__err(r->ctx, ATT_ETOOBIG, "%s: too large for the XML parser", r->name);
    f = calloc(1, sizeof(*f));
    xmlInitParser();
    pc = xmlNewParserCtxt();
    if (!f || !pc) {
        rc = att__err(r->ctx, ATT_ENOMEM, "out of memory");
        goto cleanup;
    }
    /* a fetched feed's address is the base of its relative links */
    f->doc = xmlCtxtReadMemory(pc, s, (int)n, r->url, NULL, FEED_PARSE_OPTS);
    bad = !pc->wellFormed || !pc->nsWellFormed;
    if (bad)
        parse_error(pc, lines, msg, sizeof(msg));
    root = f->doc ? xmlDocGetRootElement(f->doc) : NULL;
    if (!root) {
        rc = att__err(r->ctx, ATT_EFORMAT, "%s: not a feed: %s", r->name,
                      bad ? msg : "no element found");
        goto cleanup;
    }
    if (!is_elem(root, NS_CORE, "rss") && !is_elem(root, NS_CORE, "feed") &&
        strcmp((const char *)root->name, "RDF") != 0 &&
        strcmp((const char *)root->name, "rdf:RDF") != 0) {
        rc = att__err(r->ctx, ATT_EFORMAT,
                      "%s: not a feed: the root element is <%.60s>, not rss, feed or rdf:RDF",
                      r->name, (const char *)root->name);
        goto cleanup;
    }
    channel_lang(f, root);
    feed_base(f, root);
    f->next = root->children;
    *out = f;
    f = NULL;
    if (bad)
        rc = att__err(r->ctx, ATT_EFORMAT, "%s: malformed feed at %s; the readable items are read",
                      r->name, msg);
cleanup:
    if (pc)
        xmlFreeParserCtxt(pc);
    att__feed_close(f);
    return rc;
}

void att__feed_close(struct att__feed *f)
{
    if (!f)
        return;
    if (f->doc)
        xmlFreeDoc(f->doc);
    free(f);
}

int att__read_feed(att_reader *r, att_doc **out)
{
    struct att__feed *f;
    int rc;
    *out = NULL;
    if (!r->feed) {
        rc = feed_open(r, &r->feed);
        if (!r->feed) {
            r->done = 1;
            return rc;
        }
        if (rc)
            return rc; /* malformed: said now, the items come next */
    }
    f = r->feed;
    for (;;) {
        xmlNodePtr n = f->next;
        if (!n && f->resume) {
            n = f->resume;
            f->resume = NULL;
        }
        if (!n) {
            r->done = 1;
            return 0;
        }
        f->next = n->next;
        if (is_channel(n) && !f->resume) {
            f->resume = n->next;
            f->next = n->children;
            continue;
        }
        if (!is_item(n))
            continue;
        f->item++;
        rc = item_doc(r, f, n, out);
        if (rc == ATT_EEMPTY) {
            att__err_clear(r->ctx);
            continue; /* an item without text or title is no document */
        }
        return rc < 0 ? rc : 1;
    }
}

/* ---- sniffing ------------------------------------------------------------------ */

int att__feed_sniff(const char *data, size_t len)
{
    static const char *const roots[] = {"<rss", "<feed", "<rdf:RDF"};
    char ascii[4096];
    size_t n = 0, i = 0, step = 1;
    /* UTF-16: look at every other byte */
    if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                     ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))) {
        i = (unsigned char)data[0] == 0xFF ? 2 : 3;
        step = 2;
    } else if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        i = 3;
    }
    for (; i < len && n + 1 < sizeof(ascii); i += step)
        ascii[n++] = data[i];
    ascii[n] = '\0';
    i = 0;
    for (;;) {
        while (i < n && isspace((unsigned char)ascii[i]))
            i++;
        if (i >= n || ascii[i] != '<')
            return 0;
        if (strncmp(ascii + i, "<?", 2) == 0 || strncmp(ascii + i, "<!DOCTYPE", 9) == 0) {
            const char *e = strchr(ascii + i, '>');
            if (!e)
                return 0;
            i = (size_t)(e - ascii) + 1;
        } else if (strncmp(ascii + i, "<!--", 4) == 0) {
            const char *e = strstr(ascii + i + 4, "-->");
            if (!e)
                return 0;
            i = (size_t)(e - ascii) + 3;
        } else {
            break;
        }
    }
    for (size_t k = 0; k < ATT_ARRAY_LEN(roots); k++) {
        size_t m = strlen(roots[k]);
        char c = ascii[i + m < n ? i + m : n];
        if (i + m <= n && strncmp(ascii + i, roots[k], m) == 0 &&
            (c == ' ' || c == '>' || c == '\t' || c == '\r' || c == '\n' || c == '/'))
            return 1;
    }
    return 0;
}

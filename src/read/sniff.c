/*
 * sniff.c - deciding an input's format from its name and first bytes.
 *
 * The name wins when its extension is one we know; otherwise content
 * decides: an rss, feed or rdf:RDF root element (after the XML
 * declaration and comments) means a feed; a first non-blank byte '{' means JSON Lines; a first '<'
 * with a doctype, <html>, <head> or <body> tag in the first KiB means HTML; anything else is read
 * as text (and refused there if it is binary).
 */
#include <string.h>
#include <strings.h>

#include "read.h"
#include "warc.h"

static const struct {
    const char *ext;
    att_format fmt;
} by_ext[] = {
    {".jsonl", ATT_FMT_JSONL}, {".ndjson", ATT_FMT_JSONL}, {".txt", ATT_FMT_TEXT},
    {".text", ATT_FMT_TEXT},   {".md", ATT_FMT_TEXT},      {".html", ATT_FMT_HTML},
    {".htm", ATT_FMT_HTML},    {".xhtml", ATT_FMT_HTML},   {".shtml", ATT_FMT_HTML},
    {".rss", ATT_FMT_FEED},    {".atom", ATT_FMT_FEED},
};

/* Tags that make a document starting with '<' HTML. */
static const char *const html_marks[] = {"<!doctype html", "<html", "<head", "<body"};

static int looks_html(const char *s, size_t n)
{
    if (n > 1024)
        n = 1024;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '<')
            continue;
        for (size_t k = 0; k < ATT_ARRAY_LEN(html_marks); k++) {
            size_t m = strlen(html_marks[k]);
            if (i + m <= n && strncasecmp(s + i, html_marks[k], m) == 0)
                return 1;
        }
    }
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

att_format att__sniff(const char *name, const char *data, size_t len)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    size_t i = 0;
    if (name && (ends_with(name, ".warc") || ends_with(name, ".warc.gz")))
        return ATT_FMT_WARC;
    if (att__warc_sniff(data, len))
        return ATT_FMT_WARC;
    if (dot) {
        for (size_t k = 0; k < ATT_ARRAY_LEN(by_ext); k++)
            if (strcasecmp(dot, by_ext[k].ext) == 0)
                return by_ext[k].fmt;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (att__feed_sniff(data, len))
        return ATT_FMT_FEED; /* also a .xml file with an rss, feed or rdf:RDF root */
    if (name && ends_with(name, ".xml") && i < len && data[i] == '<')
        return ATT_FMT_FEED; /* other XML: the feed reader says what it is not */
    if (i < len && data[i] == '{')
        return ATT_FMT_JSONL;
    if (i < len && data[i] == '<' && looks_html(data + i, len - i))
        return ATT_FMT_HTML;
    return ATT_FMT_TEXT;
}

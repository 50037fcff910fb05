/*
 * html.c - the HTML reader: one web page becomes one document.
 *
 *   bytes --charset--> UTF-8 --html_parse.c--> tree --+--> main text --boiler.c--> doc text
 *                                                     +--> metadata ---------------> doc fields
 *
 * The page's encoding is decided and decoded here first (html_charset.c),
 * so the parser always reads valid UTF-8: the text can never come out in a
 * different encoding than was decided.  The parser (html_parse.c) reads
 * any byte soup into a tree and never touches the network; a page is
 * bounded by the reader's largest document size.  The main text (html_extract.c) goes
 * through the plain-text boilerplate filter (boiler.c) as a last pass, then
 * the usual normalisation (att__doc_from_raw).  Metadata (html_meta.c)
 * fills title, url, published and lang; author, site name, description,
 * canonical URL and charset go to doc->meta_json.
 *
 * att__html_doc() is the entry for readers of other containers (WARC):
 * they pass the HTTP Content-Type and the page's URL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

/* boiler.c's tail rule costs lines x tail labels; past this many lines
 * (no article has them) the text goes without that last filter. */
#define BOILER_MAX_LINES 5000

static size_t count_lines(const att_buf *b)
{
    size_t n = 0;
    for (const char *p = b->data; p && (p = memchr(p, '\n', b->len - (size_t)(p - b->data))); p++)
        n++;
    return n;
}

/* meta_json: the fields that have no place on att_doc. */
static int meta_json(const att__html_meta *m, const char *charset, char **out)
{
    att_buf b;
    int rc = 0, n = 0;
    const struct {
        const char *key, *val;
    } f[] = {
        {"author", m->author}, {"sitename", m->sitename}, {"description", m->description},
        {"canonical", m->url}, {"charset", charset},      {"date_source", m->date_source},
    };
    att__buf_init(&b, (size_t)1 << 16);
    rc = att__buf_addc(&b, '{');
    for (size_t i = 0; i < ATT_ARRAY_LEN(f) && !rc; i++) {
        if (!f[i].val || !f[i].val[0])
            continue;
        rc = (n++ ? att__buf_addc(&b, ',') : 0) || att__json_cstr(&b, f[i].key) ||
             att__buf_addc(&b, ':') || att__json_cstr(&b, f[i].val);
    }
    if (!rc)
        rc = att__buf_addc(&b, '}');
    if (rc) {
        att__buf_free(&b);
        return ATT_ENOMEM;
    }
    *out = att__buf_detach(&b, NULL);
    return *out ? 0 : ATT_ENOMEM;
}

/* Sets the document's fields from the page's metadata. */
static int set_fields(att_doc *doc, const att__html_meta *m, const char *url, const char *charset)
{
    if (m->title[0] && att__doc_set(doc, &doc->title, m->title))
        return ATT_ENOMEM;
    if (strncmp(m->url, "http://", 7) == 0 || strncmp(m->url, "https://", 8) == 0) {
        if (att__doc_set(doc, &doc->url, m->url))
            return ATT_ENOMEM;
    } else if (strncmp(m->url, "//", 2) == 0) {
        /* scheme-relative: the page's own scheme, else https */
        char abs[sizeof(m->url) + 8];
        snprintf(abs, sizeof(abs), "%s%s",
                 url && strncmp(url, "http:", 5) == 0 ? "http:" : "https:", m->url);
        if (att__doc_set(doc, &doc->url, abs))
            return ATT_ENOMEM;
    } else if (url && att__doc_set(doc, &doc->url, url)) {
        return ATT_ENOMEM;
    }
    if (m->published[0] && att__doc_set_published(doc, m->published, strlen(m->published)))
        return ATT_ENOMEM;
    if (m->lang[0] && att__doc_set(doc, &doc->lang, m->lang))
        return ATT_ENOMEM;
    return meta_json(m, charset, &doc->meta_json);
}

int att__html_doc(att_reader *r, const char *where, size_t base, const char *s, size_t n,
                  const char *content_type, const char *url, att_doc **out)
{
    char charset[ATT_CHARSET_MAX];
    size_t bom, limit = r->maxdoc, plen;
    const char *page;
    att_buf utf8, text;
    att__htree tree = {0};
    att__html_meta *meta = NULL;
    att__html_stats st;
    char *clean = NULL;
    size_t clen;
    int rc = 0, bflags, valid;

    *out = NULL;
    att__buf_init(&utf8, limit < (size_t)1 << 30 ? 3 * limit + 64 : ATT_BUF_DEFAULT_MAX);
    att__buf_init(&text, limit);
    if (n == 0) {
        rc = att__err(r->ctx, ATT_EEMPTY, "%s: empty file", where);
        goto cleanup;
    }
    valid = att__html_charset(s, n, content_type, charset, &bom);
    if (strncmp(charset, "UTF-16", 6) != 0) {
        /* NUL bytes in a page that is not UTF-16 mean it is not text */
        const char *z = memchr(s, '\0', n < 4096 ? n : 4096);
        if (z) {
            rc = att__err(r->ctx, ATT_EBINARY, "%s: binary data, not HTML (NUL byte at byte %zu)",
                          where, base + (size_t)(z - s));
            goto cleanup;
        }
    }
    if (att__html_utf8_page(s + bom, n - bom, charset, valid, &utf8, &page, &plen)) {
        rc = att__err(r->ctx, ATT_ETOOBIG, "%s: more than %zu bytes once decoded from %s", where,
                      utf8.max, charset);
        goto cleanup;
    }
    if (plen > (size_t)INT32_MAX) {
        rc = att__err(r->ctx, ATT_ETOOBIG, "%s: too large for the HTML parser", where);
        goto cleanup;
    }
    if (att__html_parse(page, plen, &tree)) {
        rc = att__err(r->ctx, ATT_ENOMEM, "%s: out of memory parsing the page", where);
        goto cleanup;
    }
    meta = calloc(1, sizeof(*meta));
    if (!meta) {
        rc = att__err(r->ctx, ATT_ENOMEM, "out of memory");
        goto cleanup;
    }
    att__html_meta_read(&tree, url, meta);
    /* a page whose text is all under a hidden element (an unclosed
     * aria-hidden flyout swallows the rest) is read with hidden text */
    if (att__html_extract(tree.root, meta->title, 0, &text, &st) ||
        (text.len == 0 &&
         att__html_extract(tree.root, meta->title, ATT_HTML_SHOW_HIDDEN, &text, &st))) {
        rc = att__err(r->ctx, ATT_ENOMEM, "%s: out of memory extracting the text", where);
        goto cleanup;
    }
    if (text.len == 0) {
        rc = att__err(r->ctx, ATT_EEMPTY, "%s: no text in the page (%zu bytes, %zu elements)",
                      where, n, st.elements);
        goto cleanup;
    }
    if ((r->ctx && r->ctx->opts.keep_boilerplate) || count_lines(&text) > BOILER_MAX_LINES) {
        rc = att__doc_from_raw(r, where, base, text.data, text.len, out);
    } else {
        if (att__boiler_clean(text.data, text.len, &clean, &clen, &bflags)) {
            rc = att__err(r->ctx, ATT_ENOMEM, "out of memory");
            goto cleanup;
        }
        rc = att__doc_from_raw(r, where, base, clean, clen, out);
    }
    if (rc == ATT_EEMPTY)
        rc = att__err(r->ctx, ATT_EEMPTY, "%s: no article text, only page boilerplate", where);
    if (rc)
        goto cleanup;
    if (set_fields(*out, meta, url, charset)) {
        att_doc_free(*out);
        *out = NULL;
        rc = att__err(r->ctx, ATT_ENOMEM, "out of memory");
    }
cleanup:
    free(clean);
    free(meta);
    att__html_tree_free(&tree);
    att__buf_free(&utf8);
    att__buf_free(&text);
    return rc;
}

int att__read_html(att_reader *r, att_doc **out)
{
    const char *s;
    size_t n;
    int rc;
    *out = NULL;
    r->done = 1;
    if ((rc = att__reader_all(r, &s, &n)))
        return rc;
    rc = att__html_doc(r, r->name, 0, s, n, r->content_type, r->url, out);
    return rc ? rc : 1;
}

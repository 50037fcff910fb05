/*
 * test_feed.c - the feed reader on feeds written here: RSS 2.0 with
 * content:encoded and RFC 822 dates, Atom with inline XHTML and relative
 * links, RSS 1.0 (RDF) with dc:date, guid permalinks, items without text,
 * malformed and truncated feeds, external entities, sniffing and dates.
 */
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "test.h"

static att_ctx *ctx;

/* Reads every document of a feed in memory; returns how many, counting
 * errors into *errors and keeping the first error message in err. */
static size_t read_all(const char *name, const char *feed, att_doc **docs, size_t max, int *errors,
                       char *err, size_t errsize)
{
    att_reader *r = NULL;
    att_doc *d = NULL;
    size_t n = 0;
    int rc, guard = 0;
    *errors = 0;
    if (err)
        err[0] = '\0';
    if (att_reader_open_mem(ctx, name, feed, strlen(feed), ATT_FMT_AUTO, &r))
        return 0;
    while ((rc = att_reader_next(r, &d)) != 0 && guard++ < 1000) {
        if (rc < 0) {
            if (err && !(*errors))
                snprintf(err, errsize, "%s", att_errmsg(ctx));
            (*errors)++;
            continue;
        }
        if (n < max)
            docs[n++] = d;
        else
            att_doc_free(d);
    }
    att_reader_close(r);
    return n;
}

static void free_all(att_doc **docs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        att_doc_free(docs[i]);
}

static const char *RSS2 =
    "\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n"
    "<channel><title>Nachrichten</title><link>https://example.de/</link>\n"
    "<language>de-DE</language>\n"
    "<item><title>  Gipfel\n in Astana </title><link>https://example.de/gipfel</link>\n"
    "<pubDate>Wed, 17 Apr 2024 10:22:00 +0200</pubDate>\n"
    "<description>Kurz.</description>\n"
    "<content:encoded><![CDATA[<p>Tokajew empfing Alijew in Astana.</p>"
    "<p>Beide Seiten unterzeichneten Abkommen.</p>]]></content:encoded></item>\n"
    "<item><title>Nur ein Titel</title><guid isPermaLink=\"true\">https://example.de/t</guid>"
    "<pubDate>Thu, 18 Apr 2024 08:00:00 GMT</pubDate></item>\n"
    "<item><guid isPermaLink=\"false\">abc</guid></item>\n"
    "<item><title>Schlicht</title><guid isPermaLink=\"false\">https://example.de/no</guid>"
    "<description>Ein Text ohne Markup und mit 3 &lt; 4.</description></item>\n"
    "</channel></rss>\n";

TEST(rss2_items)
{
    att_doc *d[8];
    int errors;
    size_t n = read_all("n.rss", RSS2, d, 8, &errors, NULL, 0);
    CHECK_INT(errors, 0);
    CHECK_INT(n, 3);
    if (n < 3)
        goto cleanup;
    CHECK_STR(att_doc_title(d[0]), "Gipfel in Astana");
    CHECK_STR(att_doc_url(d[0]), "https://example.de/gipfel");
    CHECK_STR(att_doc_published(d[0]), "2024-04-17T10:22:00+02:00");
    CHECK_STR(att_doc_lang(d[0]), "de");
    CHECK_STR(att_doc_source(d[0]), "n.rss");
    CHECK(strstr(att_doc_text(d[0], NULL), "Tokajew empfing Alijew") != NULL);
    CHECK(strstr(att_doc_text(d[0], NULL), "<p>") == NULL);
    /* no text: the title is the text; a permalink guid is the link */
    CHECK_STR(att_doc_text(d[1], NULL), "Nur ein Titel");
    CHECK_STR(att_doc_url(d[1]), "https://example.de/t");
    CHECK_STR(att_doc_published(d[1]), "2024-04-18T08:00:00Z");
    /* a guid that is no permalink is no link; plain text stays as it is */
    CHECK(att_doc_url(d[2]) == NULL);
    CHECK_STR(att_doc_text(d[2], NULL), "Ein Text ohne Markup und mit 3 < 4.");
cleanup:
    free_all(d, n);
}

static const char *ATOM =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
    "<title>Wire</title><link rel=\"self\" href=\"https://wire.example.org/feed.atom\"/>\n"
    "<entry><title type=\"text\">Talks in Baku</title>\n"
    "<link rel=\"replies\" href=\"https://wire.example.org/c/1\"/>\n"
    "<link href=\"/2024/05/talks\"/>\n"
    "<updated>2024-05-02T09:00:00Z</updated><published>2024-05-01</published>\n"
    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
    "<p>The ministers met in <b>Baku</b> on Wednesday.</p></div></content></entry>\n"
    "<entry xml:lang=\"de\"><title>Gespräche</title><link href=\"https://wire.example.org/de/1\"/>"
    "<summary type=\"html\">&lt;p&gt;Die Minister trafen sich in Baku.&lt;/p&gt;</summary>"
    "</entry>\n"
    "<entry><author><name>Nobody</name></author></entry>\n"
    "</feed>\n";

TEST(atom_entries)
{
    att_doc *d[8];
    int errors;
    size_t n = read_all("w.atom", ATOM, d, 8, &errors, NULL, 0);
    CHECK_INT(errors, 0);
    CHECK_INT(n, 2);
    if (n < 2)
        goto cleanup;
    CHECK_STR(att_doc_title(d[0]), "Talks in Baku");
    CHECK_STR(att_doc_url(d[0]), "https://wire.example.org/2024/05/talks");
    CHECK_STR(att_doc_published(d[0]), "2024-05-01");
    CHECK_INT(att_doc_published_precision(d[0]), ATT_PREC_DAY);
    CHECK_STR(att_doc_lang(d[0]), "en");
    CHECK_STR(att_doc_text(d[0], NULL), "The ministers met in Baku on Wednesday.");
    CHECK_STR(att_doc_lang(d[1]), "de");
    CHECK_STR(att_doc_text(d[1], NULL), "Die Minister trafen sich in Baku.");
cleanup:
    free_all(d, n);
}

static const char *RDF =
    "<?xml version=\"1.0\"?>\n"
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
    "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
    "<channel rdf:about=\"https://n.example.org/\"><title>N</title><dc:language>en</dc:language>"
    "</channel>\n"
    "<item rdf:about=\"https://n.example.org/1\"><title>Election called</title>"
    "<dc:date>2023-12-31T10:14:55Z</dc:date>"
    "<description>Parliament was dissolved on Friday.</description></item>\n"
    "</rdf:RDF>\n";

TEST(rdf_items)
{
    att_doc *d[4];
    int errors;
    size_t n = read_all("n.xml", RDF, d, 4, &errors, NULL, 0);
    CHECK_INT(errors, 0);
    CHECK_INT(n, 1);
    if (n < 1)
        goto cleanup;
    CHECK_STR(att_doc_url(d[0]), "https://n.example.org/1");
    CHECK_STR(att_doc_published(d[0]), "2023-12-31T10:14:55Z");
    CHECK_STR(att_doc_lang(d[0]), "en");
    CHECK_STR(att_doc_text(d[0], NULL), "Parliament was dissolved on Friday.");
cleanup:
    free_all(d, n);
}

TEST(malformed_feeds)
{
    att_doc *d[4];
    char err[512];
    int errors;
    size_t n;
    /* truncated after the first item: the error, then the item */
    n = read_all("cut.rss",
                 "<rss version=\"2.0\"><channel>\n<item><title>One</title>"
                 "<description>First item text.</description></item>\n<item><title>Tw",
                 d, 4, &errors, err, sizeof(err));
    CHECK_INT(errors, 1);
    CHECK(n >= 1);
    CHECK(strstr(err, "cut.rss: malformed feed at line 3, column") != NULL);
    if (n >= 1)
        CHECK_STR(att_doc_text(d[0], NULL), "First item text.");
    free_all(d, n);
    /* an undeclared prefix is an error, its element still read */
    n = read_all("ns.rss",
                 "<rss><channel><item><content:encoded>&lt;p&gt;Body.&lt;/p&gt;"
                 "</content:encoded><dc:date>2024-01-02</dc:date></item></channel></rss>",
                 d, 4, &errors, err, sizeof(err));
    CHECK_INT(errors, 1);
    CHECK(strstr(err, "line 1, column") != NULL);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_STR(att_doc_text(d[0], NULL), "Body.");
        CHECK_STR(att_doc_published(d[0]), "2024-01-02");
    }
    free_all(d, n);
    /* not a feed at all */
    n = read_all("x.xml", "<?xml version=\"1.0\"?><urlset><url/></urlset>", d, 4, &errors, err,
                 sizeof(err));
    CHECK_INT(n, 0);
    CHECK_INT(errors, 1);
    CHECK(strstr(err, "root element is <urlset>") != NULL);
    /* empty */
    n = read_all("e.rss", "  \n", d, 4, &errors, err, sizeof(err));
    CHECK_INT(n, 0);
    CHECK_INT(errors, 1);
}

TEST(entities_not_loaded)
{
    att_doc *d[4];
    int errors;
    size_t n = read_all("ent.rss",
                        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
                        "<!ENTITY ext SYSTEM \"file:///etc/passwd\">\n"
                        "<!ENTITY a \"aaaaaaaaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
                        "]>\n<rss><channel><item><title>T</title>"
                        "<description>Start &ext; &b; end.</description></item></channel></rss>",
                        d, 4, &errors, NULL, 0);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK(strstr(att_doc_text(d[0], NULL), "root:") == NULL);
        CHECK(strstr(att_doc_text(d[0], NULL), "aaaa") == NULL);
    }
    free_all(d, n);
}

TEST(sniffing)
{
    CHECK_INT(att__sniff("a.rss", "x", 1), ATT_FMT_FEED);
    CHECK_INT(att__sniff("a.atom", "x", 1), ATT_FMT_FEED);
    CHECK_INT(att__sniff("a.xml", RDF, strlen(RDF)), ATT_FMT_FEED);
    CHECK_INT(att__sniff("-", RSS2, strlen(RSS2)), ATT_FMT_FEED);
    CHECK_INT(att__sniff("-", ATOM, strlen(ATOM)), ATT_FMT_FEED);
    CHECK(att__feed_sniff("<!-- c --><?pi x?>\n<feed>", 25));
    CHECK(!att__feed_sniff("<feedback>", 10));
    CHECK(!att__feed_sniff("<html><rss>", 11));
    CHECK(!att__feed_sniff("<!-- open", 9));
    CHECK(att__feed_sniff("\xFF\xFE<\0r\0s\0s\0>\0", 12));
    CHECK_INT(att__sniff("-", "<html><body>x</body></html>", 27), ATT_FMT_HTML);
}

TEST(dates)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"},
        {"Mon, 16 Oct 2017 15:10:00 +0000", "2017-10-16T15:10:00Z"},
        {"Wed, 17 Apr 2024 10:22:00 +0200", "2024-04-17T10:22:00+02:00"},
        {"17 Apr 2024 10:22 EDT", "2024-04-17T10:22:00-04:00"},
        {"Fri, 3 May 2024 07:05:00 MESZ", "2024-05-03T07:05:00+02:00"},
        {"3 May 24", "2024-05-03"},
        {"2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z"},
        {"2024-05-01", "2024-05-01"},
        {"1518478934", ""},
        {"Thu, 32 Jan 2004", ""},
        {"Tue, 17 Foo 2017 12:17:00 +0000", ""},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char out[40];
        int ok = att__feed_date(cases[i].in, out);
        CHECK_INT(ok, cases[i].out[0] != '\0');
        CHECK_STR(out, cases[i].out);
    }
}

int main(void)
{
    if (att_ctx_open(&ctx, NULL)) {
        fprintf(stderr, "cannot open a context\n");
        return 1;
    }
    RUN(rss2_items);
    RUN(atom_entries);
    RUN(rdf_items);
    RUN(malformed_feeds);
    RUN(entities_not_loaded);
    RUN(sniffing);
    RUN(dates);
    att_ctx_close(ctx);
    return test_summary();
}

/*
 * test_html.c - unit tests of the HTML reader: charset detection and
 * decoding, main-text extraction (what is dropped, what is kept, in which
 * order), metadata, dates, sniffing, errors with file and byte position,
 * and hostile structure (deep nesting, huge pages of links).
 */
#include <stdlib.h>
#include <string.h>

#include "attache.h"
#include "read/html.h"
#include "test.h"

static att_ctx *ctx;

static int read_html(const char *name, const char *s, size_t n, att_doc **doc)
{
    att_reader *r;
    int rc = att_reader_open_mem(ctx, name, s, n, ATT_FMT_AUTO, &r);
    if (rc)
        return rc;
    rc = att_reader_next(r, doc);
    att_reader_close(r);
    return rc;
}

static att_doc *page(const char *s)
{
    att_doc *d = NULL;
    if (read_html("t.html", s, strlen(s), &d) != 1)
        fprintf(stderr, "  page: %s\n", att_errmsg(ctx));
    return d;
}

static int has(const att_doc *d, const char *s)
{
    return d && strstr(att_doc_text(d, NULL), s) != NULL;
}

static const char *meta_of(const att_doc *d)
{
    return d && d->meta_json ? d->meta_json : "";
}

/* A small news page with the usual furniture around the article. */
static const char news[] =
    "<!DOCTYPE html><html lang=\"de-DE\"><head><meta charset=\"utf-8\">"
    "<title>Gipfel in Astana | Beispielzeitung</title>"
    "<meta property=\"article:published_time\" content=\"2024-04-17T10:22:00+0200\">"
    "<meta name=\"author\" content=\"Erika Muster\">"
    "<meta property=\"og:site_name\" content=\"Beispielzeitung\">"
    "<link rel=\"canonical\" href=\"https://example.org/politik/gipfel\">"
    "</head><body>"
    "<nav class=\"main-nav\"><ul><li><a href=\"/\">Startseite</a></li>"
    "<li><a href=\"/politik\">Politik</a></li><li><a href=\"/wirtschaft\">Wirtschaft</a></li>"
    "</ul></nav>"
    "<div class=\"cookie-notice\"><p>Diese Seite nutzt Cookies, um Ihnen das beste Erlebnis "
    "zu bieten. Mit der Nutzung stimmen Sie dem zu.</p></div>"
    "<main><article class=\"post\"><h1>Gipfel in Astana</h1>"
    "<p class=\"byline\">Von Erika Muster</p>"
    "<div class=\"entry-content\">"
    "<p>Die Präsidenten Kasachstans und Usbekistans trafen sich am Mittwoch in Astana, um "
    "über Handel, Wasser und Verkehr zu sprechen.</p>"
    "<h2>Ein Abkommen über den Fluss</h2>"
    "<p>Beide Seiten unterzeichneten ein Abkommen über die gemeinsame Nutzung des "
    "Syr-Darja, wie das Außenministerium in Astana am Abend mitteilte.</p>"
    "<ul><li>Weizen</li><li>Erdgas</li></ul>"
    "<blockquote>„Wir sind Nachbarn und bleiben es“, sagte der Präsident nach dem Treffen "
    "vor Journalisten.</blockquote>"
    "<p>Das nächste Treffen ist für den Herbst in Taschkent geplant, hieß es aus "
    "Delegationskreisen.</p>"
    "</div>"
    "<div class=\"share-buttons\"><a href=\"#\">Facebook</a> <a href=\"#\">Twitter</a></div>"
    "</article></main>"
    "<aside class=\"sidebar\"><h3>Meistgelesen</h3><ul>"
    "<li><a href=\"/a\">Ein anderer Artikel über etwas ganz anderes</a></li>"
    "<li><a href=\"/b\">Noch ein Artikel</a></li></ul></aside>"
    "<div id=\"comments\" class=\"comments-area\"><h3>3 Kommentare</h3>"
    "<p>Leser123 schrieb: Das ist ein sehr langer Kommentar, der nicht zum Artikel gehört, "
    "aber viel Text und sogar Kommas hat, und er geht immer weiter.</p></div>"
    "<footer><p>Impressum | Datenschutz | Kontakt</p></footer>"
    "</body></html>";

TEST(news_main_text)
{
    att_doc *d = page(news);
    CHECK(d != NULL);
    CHECK(has(d, "Die Präsidenten Kasachstans"));
    CHECK(has(d, "Ein Abkommen über den Fluss"));
    CHECK(has(d, "Weizen"));
    CHECK(has(d, "„Wir sind Nachbarn und bleiben es“"));
    CHECK(has(d, "Das nächste Treffen"));
    CHECK(!has(d, "Startseite"));
    CHECK(!has(d, "Cookies"));
    CHECK(!has(d, "Facebook"));
    CHECK(!has(d, "Meistgelesen"));
    CHECK(!has(d, "Kommentar"));
    CHECK(!has(d, "Impressum"));
    att_doc_free(d);
}

TEST(news_paragraphs_in_order)
{
    att_doc *d = page(news);
    const char *t = d ? att_doc_text(d, NULL) : "";
    const char *a = strstr(t, "Die Präsidenten"), *b = strstr(t, "Ein Abkommen"),
               *c = strstr(t, "Beide Seiten"), *e = strstr(t, "Das nächste");
    CHECK(a && b && c && e && a < b && b < c && c < e);
    /* blocks are paragraphs: separated by one blank line */
    CHECK(strstr(t, "sprechen.\n\nEin Abkommen über den Fluss\n\nBeide Seiten") != NULL);
    CHECK(strstr(t, "Weizen\n\nErdgas") != NULL);
    att_doc_free(d);
}

TEST(news_headline_is_the_title)
{
    /* the headline is the title, not a paragraph of the text (as in text.c) */
    att_doc *d = page(news);
    CHECK(d && strncmp(att_doc_text(d, NULL), "Die Präsidenten", 16) == 0);
    CHECK_STR(att_doc_title(d), "Gipfel in Astana");
    att_doc_free(d);
}

TEST(news_metadata)
{
    att_doc *d = page(news);
    CHECK_STR(att_doc_title(d), "Gipfel in Astana");
    CHECK_STR(att_doc_published(d), "2024-04-17T10:22:00+02:00");
    CHECK_INT(att_doc_published_precision(d), ATT_PREC_SECOND);
    CHECK_STR(att_doc_url(d), "https://example.org/politik/gipfel");
    CHECK_STR(d ? d->lang : NULL, "de");
    CHECK(strstr(meta_of(d), "\"author\":\"Erika Muster\"") != NULL);
    CHECK(strstr(meta_of(d), "\"sitename\":\"Beispielzeitung\"") != NULL);
    CHECK(strstr(meta_of(d), "\"charset\":\"UTF-8\"") != NULL);
    att_doc_free(d);
}

TEST(jsonld_metadata)
{
    att_doc *d =
        page("<html><head><title>Seite</title><script type=\"application/ld+json\">"
             "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebPage\","
             "\"datePublished\":\"2019-01-01\"},{\"@type\":[\"NewsArticle\"],\"headline\":"
             "\"Die Schlagzeile\",\"datePublished\":\"2019-02-04T05:06:07Z\",\"author\":[{\"name\":"
             "\"Anna A\"},{\"name\":\"Bert B\"}],\"inLanguage\":\"en-GB\"}]}</script></head><body>"
             "<p>A paragraph of text that is long enough to count as the main text of the page, "
             "with commas, too.</p></body></html>");
    CHECK_STR(att_doc_title(d), "Die Schlagzeile");
    CHECK_STR(att_doc_published(d), "2019-02-04T05:06:07Z");
    CHECK(strstr(meta_of(d), "\"author\":\"Anna A; Bert B\"") != NULL);
    CHECK_STR(d ? d->lang : NULL, "en");
    att_doc_free(d);
}

TEST(title_without_site_and_date_in_url)
{
    att_doc *d = NULL;
    att_reader *r = NULL;
    const char *s = "<html><head><title>Ein Bericht aus Baku - Nachrichten</title></head>"
                    "<body><h1>Ein Bericht aus Baku</h1><p>Ein Absatz, der lang genug ist, um "
                    "als Haupttext zu gelten, mit einem Komma.</p></body></html>";
    CHECK_INT(att_reader_open_mem(ctx, "u.html", s, strlen(s), ATT_FMT_HTML, &r), 0);
    CHECK_INT(att__html_doc(r, "u.html", 0, s, strlen(s), NULL,
                            "https://example.org/2023/11/01/bericht/", &d),
              0);
    CHECK_STR(att_doc_title(d), "Ein Bericht aus Baku");
    CHECK_STR(att_doc_published(d), "2023-11-01");
    CHECK(strstr(meta_of(d), "\"date_source\":\"url\"") != NULL);
    att_doc_free(d);
    att_reader_close(r);
}

TEST(time_element_date)
{
    att_doc *d = page("<html><body><p class=\"meta\"><time datetime=\"2022-05-03T08:00\">3. Mai"
                      "</time></p><p>Ein Absatz, der lang genug ist, um als Haupttext zu "
                      "gelten, mit einem Komma.</p></body></html>");
    CHECK_STR(att_doc_published(d), "2022-05-03T08:00:00");
    att_doc_free(d);
}

TEST(dates_in_text)
{
    char out[40];
    CHECK(att__html_date("17.04.2024", 10, out) && strcmp(out, "2024-04-17") == 0);
    CHECK(att__html_date("am 3. März 2021 um", 18, out) && strcmp(out, "2021-03-03") == 0);
    CHECK(att__html_date("April 17th, 2024", 16, out) && strcmp(out, "2024-04-17") == 0);
    CHECK(att__html_date("Wed, 17 Apr 2024 10:00:00 GMT", 29, out) &&
          strcmp(out, "2024-04-17") == 0);
    CHECK(att__html_date("2024-04-17T10:22:00.000+0530", 28, out) &&
          strcmp(out, "2024-04-17T10:22:00+05:30") == 0);
    CHECK(att__html_date("2024/04/17", 10, out) && strcmp(out, "2024-04-17") == 0);
    CHECK(!att__html_date("2024-13-45", 10, out));
    CHECK(!att__html_date("Version 12.04.1", 15, out));
    CHECK(!att__html_date("", 0, out));
}

TEST(tail_markers_and_credits)
{
    att_doc *d = page(
        "<html><body><article><div class=\"entry-content\"><p>Der erste Absatz des Artikels ist "
        "lang genug, um als Text zu gelten, und er hat ein Komma.</p><p>Foto: dpa / Max "
        "Muster</p><p>Der zweite Absatz des Artikels ist ebenso lang genug, um als Text zu "
        "gelten.</p><p>Der dritte Absatz schließt den Artikel ab, mit einem Satz über das, was "
        "als Nächstes geschehen soll, und mit einem Zitat.</p><p>Lesen Sie auch:</p><p>Ein "
        "anderer Bericht, kurz angerissen.</p></div></article></body></html>");
    CHECK(has(d, "Der erste Absatz"));
    CHECK(has(d, "Der zweite Absatz"));
    CHECK(!has(d, "Foto: dpa"));
    CHECK(!has(d, "Lesen Sie auch"));
    CHECK(!has(d, "Ein anderer Bericht"));
    att_doc_free(d);
}

TEST(long_captions_and_markers_that_read_like_text)
{
    /* a caption long enough to pass for a paragraph, a tail marker made of
     * function words: both go; a wire service's long copyright line stays */
    att_doc *d = page(
        "<html><body><article><div class=\"entry-content\"><p>Der erste Absatz des Artikels ist "
        "lang genug, um als Text zu gelten, und er hat ein Komma.</p><p>Der Sieger kam nach der "
        "Finalrunde mit dem Pokal zu den Fans. | \xC2\xA9 Augusta National/Getty Images</p><p>Das "
        "Hermelin ist im Winter mit seinem weißen Fell gut getarnt. (mlharing / "
        "iStock.com)</p><p>Der "
        "zweite Absatz des Artikels ist ebenso lang genug, um als Text zu gelten.</p><p>Der "
        "dritte Absatz schließt den Artikel ab, mit einem Satz über das, was als Nächstes "
        "geschehen soll.</p><p>\xC2\xA9 2019 Associated Press. All Rights Reserved. This material "
        "may not be published, broadcast, rewritten, or redistributed.</p><p>Lesen Sie auch die "
        "folgenden Beiträge:</p><p>Ein anderer Bericht, kurz angerissen.</p></div></article>"
        "</body></html>");
    CHECK(has(d, "Der erste Absatz"));
    CHECK(has(d, "Der dritte Absatz"));
    CHECK(!has(d, "Getty Images"));
    CHECK(!has(d, "iStock"));
    CHECK(has(d, "Associated Press. All Rights Reserved."));
    CHECK(!has(d, "Lesen Sie auch"));
    CHECK(!has(d, "Ein anderer Bericht"));
    att_doc_free(d);
}

TEST(bylines)
{
    att_doc *d = page("<html><head><meta name=\"author\" content=\"https://example.org/me\">"
                      "</head><body><article><p class=\"byline\">Von Erika Muster</p><p>Ein "
                      "Absatz, der lang genug ist, um als Haupttext zu gelten, mit einem Komma."
                      "</p></article></body></html>");
    CHECK(strstr(meta_of(d), "\"author\":\"Erika Muster\"") != NULL);
    CHECK(!has(d, "Von Erika Muster"));
    att_doc_free(d);
}

TEST(charset_detection)
{
    char cs[ATT_CHARSET_MAX];
    size_t bom;
    att__html_charset("\xEF\xBB\xBF<p>x</p>", 11, NULL, cs, &bom);
    CHECK_STR(cs, "UTF-8");
    CHECK_INT(bom, 3);
    att__html_charset("\xFF\xFE<\0p\0", 6, NULL, cs, &bom);
    CHECK_STR(cs, "UTF-16LE");
    CHECK_INT(bom, 2);
    /* valid UTF-8 wins over a Latin-1 declaration */
    att__html_charset("<meta charset=iso-8859-1><p>Gr\xC3\xBC\xC3\x9F"
                      "e</p>",
                      38, NULL, cs, &bom);
    CHECK_STR(cs, "UTF-8");
    att__html_charset("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                      "charset=ISO-8859-2\"><p>\xB1</p>",
                      76, NULL, cs, &bom);
    CHECK_STR(cs, "ISO-8859-2");
    /* the HTTP header beats the page's declaration */
    att__html_charset("<meta charset=iso-8859-2><p>\xE4</p>", 33, "text/html; charset=KOI8-R", cs,
                      &bom);
    CHECK_STR(cs, "KOI8-R");
    att__html_charset("<p>\xE4</p>", 8, "windows-1251", cs, &bom);
    CHECK_STR(cs, "WINDOWS-1251");
    /* nothing declared, not UTF-8: windows-1252 */
    att__html_charset("<p>Gr\xFC\xDF"
                      "e</p>",
                      11, NULL, cs, &bom);
    CHECK_STR(cs, "WINDOWS-1252");
    /* declared UTF-8, but the bytes are Latin-1 throughout */
    att__html_charset("<meta charset=\"utf-8\"><p>\xE4\xF6\xFC \xDF</p>", 33, NULL, cs, &bom);
    CHECK_STR(cs, "WINDOWS-1252");
}

TEST(charset_decoding)
{
    att_buf b;
    att__buf_init(&b, 1 << 20);
    CHECK_INT(att__html_to_utf8("\x80 \xE4\x9F\x81", 5, "WINDOWS-1252", &b), 0);
    CHECK_STR(b.data, "€ äŸ\xC2\x81");
    att__buf_reset(&b);
    CHECK_INT(att__html_to_utf8("a\xFF"
                                "b\0c",
                                5, "UTF-8", &b),
              0);
    CHECK_STR(b.data, "a\xEF\xBF\xBD"
                      "b\xEF\xBF\xBD"
                      "c");
    att__buf_reset(&b);
    CHECK_INT(att__html_to_utf8("\xB1\xE6", 2, "ISO-8859-2", &b), 0);
    CHECK_STR(b.data, "ąć");
    att__buf_reset(&b);
    CHECK_INT(att__html_to_utf8("\x82\xA0\xFF", 3, "SHIFT_JIS", &b), 0);
    CHECK(strncmp(b.data, "あ", 3) == 0); /* and the bad byte became U+FFFD */
    CHECK(strstr(b.data, "\xEF\xBF\xBD") != NULL);
    att__buf_free(&b);
}

TEST(windows1252_page)
{
    static const char s[] = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Gr\xFC\xDF"
                            "e aus K\xF6ln \x96 5 \x80 f\xFCr die Stra\xDF"
                            "e, und ein "
                            "Absatz, der lang genug ist.</p></body></html>";
    att_doc *d = NULL;
    CHECK_INT(read_html("w.html", s, sizeof(s) - 1, &d), 1);
    CHECK(has(d, "Grüße aus Köln – 5 € für die Straße"));
    CHECK(strstr(meta_of(d), "\"charset\":\"WINDOWS-1252\"") != NULL);
    att_doc_free(d);
}

TEST(utf16_page)
{
    /* "<p>Grüße, ein Absatz in UTF-16.</p>" with a byte-order mark */
    static const char s[] = "\xFF\xFE<\0p\0>\0G\0r\0\xFC\0\xDF\0"
                            "e\0,\0 \0U\0T\0F\0-\0"
                            "1\0"
                            "6\0.\0<\0/\0p\0>\0";
    att_doc *d = NULL;
    CHECK_INT(read_html("u16.html", s, sizeof(s) - 1, &d), 1);
    CHECK_STR(d ? att_doc_text(d, NULL) : NULL, "Grüße, UTF-16.");
    att_doc_free(d);
}

TEST(whitespace_breaks_and_pre)
{
    /* between two paragraphs of the article, so that all of it is kept */
    att_doc *d = page("<html><body><article><p>Der erste Absatz des Artikels ist lang genug, "
                      "um als Text zu gelten, und er hat ein Komma.</p>"
                      "<div>Erste   Zeile\n  mit <b>fett</b>er Schrift<br>"
                      "zweite&nbsp;Zeile<br><br>Neuer Absatz mit&shy;Trenn&#8203;zeichen.</div>"
                      "<pre>int a  =  1;\n\treturn a;</pre><script>var x='<p>nie</p>';</script>"
                      "<style>p{}</style><div style=\"display: none\">versteckt</div>"
                      "<p hidden>auch versteckt</p><p>Der letzte Absatz des Artikels ist ebenso "
                      "lang genug, um als Text zu gelten, mit Komma.</p></article></body></html>");
    CHECK(has(d, "Erste Zeile mit fetter Schrift\nzweite Zeile\n\nNeuer Absatz mitTrennzeichen."));
    CHECK(has(d, "int a  =  1;\n\treturn a;"));
    CHECK(!has(d, "nie"));
    CHECK(!has(d, "versteckt"));
    att_doc_free(d);
}

TEST(layout_table_and_noscript)
{
    att_doc *d = page("<html><body><noscript><div id=\"nojs\"></noscript><table><tr><td>"
                      "<a href=\"/\">Home</a><br><a href=\"/b\">Archiv</a></td><td><p>Der Inhalt "
                      "steht in einer Tabellenzelle, wie auf alten Seiten üblich, und er ist "
                      "lang genug.</p><p>Ein zweiter Absatz derselben Zelle mit weiterem Text "
                      "und einem Komma.</p></td></tr></table></body></html>");
    CHECK(has(d, "Der Inhalt steht in einer Tabellenzelle"));
    CHECK(has(d, "Ein zweiter Absatz"));
    CHECK(!has(d, "Archiv"));
    att_doc_free(d);
}

TEST(hidden_wrapper_fallback)
{
    /* an unclosed aria-hidden flyout swallows the page: read it anyway */
    att_doc *d = page("<html><body><div class=\"flyout\" aria-hidden=\"true\"><div>"
                      "<p>Der Artikel steht hier, lang genug, um als Text zu gelten, mit Komma."
                      "</p></body></html>");
    CHECK(has(d, "Der Artikel steht hier"));
    att_doc_free(d);
}

TEST(sniffing)
{
    CHECK_INT(att__sniff("a.html", "x", 1), ATT_FMT_HTML);
    CHECK_INT(att__sniff("a.HTM", "x", 1), ATT_FMT_HTML);
    CHECK_INT(att__sniff("-", "\xEF\xBB\xBF  <!DOCTYPE html><html>", 27), ATT_FMT_HTML);
    CHECK_INT(att__sniff("-", "<html><body>", 12), ATT_FMT_HTML);
    CHECK_INT(att__sniff("-", "<b>fett</b> ist kein HTML-Dokument", 34), ATT_FMT_TEXT);
}

TEST(errors_name_file_and_byte)
{
    static const char nul[] = "<html><body><p>Text\0mit NUL</p></body></html>";
    att_doc *d = NULL;
    CHECK_INT(read_html("bin.html", nul, sizeof(nul) - 1, &d), ATT_EBINARY);
    CHECK(strstr(att_errmsg(ctx), "bin.html") != NULL);
    CHECK(strstr(att_errmsg(ctx), "byte 19") != NULL);
    CHECK_INT(read_html("e.html", "", 0, &d), ATT_EEMPTY);
    CHECK(strstr(att_errmsg(ctx), "e.html") != NULL);
    CHECK_INT(
        read_html("n.html", "<html><head><title>T</title></head><body></body></html>", 55, &d),
        ATT_EEMPTY);
    CHECK(strstr(att_errmsg(ctx), "n.html: no text") != NULL);
    CHECK(d == NULL);
}

TEST(hostile_structure)
{
    size_t depth = 50000, n = 0;
    char *s = malloc(depth * 11 + 200);
    att_doc *d = NULL;
    n += (size_t)sprintf(s, "<html><body>");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(s + n, "<div>");
    n += (size_t)sprintf(s + n, "<p>Ganz unten ein Absatz mit genug Text, damit er zählt.</p>");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(s + n, "</div>");
    CHECK_INT(read_html("deep.html", s, n, &d), 1);
    CHECK(has(d, "Ganz unten ein Absatz"));
    att_doc_free(d);
    d = NULL;
    /* a page of nothing but links: kept as it is the only text, not a crash */
    n = (size_t)sprintf(s, "<html><body><ul>");
    for (size_t i = 0; i < 2000; i++)
        n += (size_t)sprintf(s + n, "<li><a href=\"/%zu\">Link %zu</a></li>", i, i);
    CHECK(read_html("links.html", s, n, &d) != 0);
    att_doc_free(d);
    free(s);
}

int main(void)
{
    if (att_ctx_open(&ctx, NULL)) {
        fprintf(stderr, "cannot open a context\n");
        return 1;
    }
    RUN(news_main_text);
    RUN(news_paragraphs_in_order);
    RUN(news_headline_is_the_title);
    RUN(news_metadata);
    RUN(jsonld_metadata);
    RUN(title_without_site_and_date_in_url);
    RUN(time_element_date);
    RUN(dates_in_text);
    RUN(tail_markers_and_credits);
    RUN(long_captions_and_markers_that_read_like_text);
    RUN(bylines);
    RUN(charset_detection);
    RUN(charset_decoding);
    RUN(windows1252_page);
    RUN(utf16_page);
    RUN(whitespace_breaks_and_pre);
    RUN(layout_table_and_noscript);
    RUN(hidden_wrapper_fallback);
    RUN(sniffing);
    RUN(errors_name_file_and_byte);
    RUN(hostile_structure);
    att_ctx_close(ctx);
    return test_summary();
}

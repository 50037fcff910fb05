/*
 * test_read.c - unit tests of the readers: plain-text headers and titles,
 * JSON Lines fields and errors, format sniffing, bounded lines.
 */
#include <stdlib.h>
#include <string.h>

#include "attache.h"
#include "read/read.h"
#include "test.h"

static att_ctx *ctx;

static int read_one(const char *name, const char *s, att_format fmt, att_doc **doc)
{
    att_reader *r;
    int rc = att_reader_open_mem(ctx, name, s, strlen(s), fmt, &r);
    if (rc)
        return rc;
    rc = att_reader_next(r, doc);
    att_reader_close(r);
    return rc;
}

TEST(text_header_date_prefix)
{
    att_doc *d = NULL;
    size_t n;
    CHECK_INT(read_one("004.txt", " date 2024-04 Seit Ausbruch des Krieges.\n\nZweiter Absatz.",
                       ATT_FMT_AUTO, &d),
              1);
    CHECK_STR(att_doc_published(d), "2024-04");
    CHECK(strncmp(att_doc_text(d, &n), "Seit Ausbruch", 13) == 0);
    CHECK(att_doc_title(d) == NULL);
    att_doc_free(d);
}

TEST(text_title_and_empty_date)
{
    att_doc *d = NULL;
    CHECK_INT(read_one("a.txt", "Strategische Partnerschaft\n\nDate:\n\nAserbaidschan misst.\n",
                       ATT_FMT_TEXT, &d),
              1);
    CHECK_STR(att_doc_title(d), "Strategische Partnerschaft");
    CHECK_STR(att_doc_text(d, NULL), "Aserbaidschan misst.");
    CHECK(att_doc_published(d) == NULL);
    att_doc_free(d);
}

TEST(text_metadata_lines)
{
    att_doc *d = NULL;
    CHECK_INT(read_one("b.txt",
                       "Titel der Meldung\n\nDatum: 24.10.2025\nURL: https://example.org/x\n\n"
                       "Text. Date: bleibt hier.",
                       ATT_FMT_TEXT, &d),
              1);
    CHECK_STR(att_doc_published(d), "2025-10-24");
    CHECK_STR(att_doc_url(d), "https://example.org/x");
    CHECK_STR(att_doc_title(d), "Titel der Meldung");
    CHECK_STR(att_doc_text(d, NULL), "Text. Date: bleibt hier.");
    att_doc_free(d);
}

TEST(text_navigation_above_the_headline)
{
    att_doc *d = NULL;
    CHECK_INT(read_one("c.txt",
                       "Startseite\nPolitik › Ausland\nWelt\nTokajew empfängt Mirsijojew\n\n"
                       "Datum: 12.03.2025\n\nAstana – Der Präsident empfing den Gast.\n",
                       ATT_FMT_TEXT, &d), 1);
    CHECK_STR(att_doc_title(d), "Tokajew empfängt Mirsijojew");
    CHECK_STR(att_doc_published(d), "2025-03-12");
    CHECK_STR(att_doc_text(d, NULL), "Astana – Der Präsident empfing den Gast.");
    att_doc_free(d);
    /* a date standing alone with its time, and the reading time */
    CHECK_INT(read_one("e.txt",
                       "Neue Bahnstrecke\n\n12.03.2025 | 14:35\nLesezeit: 3 Min.\n\n"
                       "Astana – Die Strecke ist eröffnet.\n",
                       ATT_FMT_TEXT, &d), 1);
    CHECK_STR(att_doc_published(d), "2025-03-12");
    CHECK_STR(att_doc_text(d, NULL), "Astana – Die Strecke ist eröffnet.");
    att_doc_free(d);
    /* a byline with the date */
    CHECK_INT(read_one("f.txt",
                       "Tokayev meets Mirziyoyev\n\nBy Aida Haidar in International on 14 March "
                       "2025\n\nTASHKENT – The two presidents met.\n",
                       ATT_FMT_TEXT, &d), 1);
    CHECK_STR(att_doc_published(d), "2025-03-14");
    CHECK_STR(att_doc_text(d, NULL), "TASHKENT – The two presidents met.");
    att_doc_free(d);
    /* no date in the header: the dateline's; a source line at the end goes */
    CHECK_INT(read_one("g.txt",
                       "Neues Abkommen\n\nAstana, 5. Juni 2025 (Kazinform) – Die Minister "
                       "unterzeichneten das Abkommen.\n\nQuelle: Kazinform\n",
                       ATT_FMT_TEXT, &d), 1);
    CHECK_STR(att_doc_published(d), "2025-06-05");
    CHECK_STR(att_doc_text(d, NULL),
              "Astana, 5. Juni 2025 (Kazinform) – Die Minister unterzeichneten das Abkommen.");
    att_doc_free(d);
    /* a one-line article is not navigation */
    CHECK_INT(read_one("d.txt", "Kurzmeldung\n", ATT_FMT_TEXT, &d), 1);
    CHECK_STR(att_doc_text(d, NULL), "Kurzmeldung");
    att_doc_free(d);
}

TEST(text_long_first_line_is_not_a_title)
{
    att_doc *d = NULL;
    CHECK_INT(read_one("c.txt", "Der Präsident empfing den Minister.\n\nZweiter Absatz.",
                       ATT_FMT_TEXT, &d),
              1);
    CHECK(att_doc_title(d) == NULL);
    att_doc_free(d);
}

TEST(text_errors)
{
    att_doc *d = NULL;
    CHECK_INT(read_one("e.txt", "", ATT_FMT_TEXT, &d), ATT_EEMPTY);
    CHECK(strstr(att_errmsg(ctx), "e.txt: empty file") != NULL);
    CHECK_INT(read_one("f.txt", "  \n\n \n", ATT_FMT_TEXT, &d), ATT_EEMPTY);
    CHECK_INT(read_one("g.txt", "abc\xe2\x82", ATT_FMT_TEXT, &d), ATT_EUTF8);
    CHECK(strstr(att_errmsg(ctx), "g.txt: invalid UTF-8 at byte 3") != NULL);
    CHECK_INT(read_one("h.txt", "Date: 2024-01-01\n", ATT_FMT_TEXT, &d), ATT_EEMPTY);
    CHECK(d == NULL);
}

TEST(jsonl_records_and_errors)
{
    const char *s = "{\"id\":7,\"title\":\"A\",\"date\":\"2025-01-02\",\"lang\":\"DE\",\"text\":"
                    "\"Eins.\",\"x\":1}\n"
                    "\n"
                    "{\"title\":\"B\",\"text\":\"Zwei\n"
                    "[1,2]\n"
                    "{\"title\":\"C\"}\n"
                    "{\"header\":\"D\",\"article\":\"Vier.\"}";
    att_reader *r;
    att_doc *d;
    CHECK_INT(att_reader_open_mem(ctx, "f.jsonl", s, strlen(s), ATT_FMT_AUTO, &r), 0);
    CHECK_INT(att_reader_next(r, &d), 1);
    CHECK_STR(att_doc_title(d), "A");
    CHECK_STR(att_doc_lang(d), "de");
    CHECK_STR(att_doc_published(d), "2025-01-02");
    CHECK_STR(d->ext_id, "7");
    CHECK_STR(d->meta_json, "{\"x\":1}");
    att_doc_free(d);
    CHECK_INT(att_reader_next(r, &d), ATT_EFORMAT);
    CHECK(strstr(att_errmsg(ctx), "f.jsonl:3:") != NULL);
    CHECK_INT(att_reader_next(r, &d), ATT_EFORMAT);
    CHECK(strstr(att_errmsg(ctx), "f.jsonl:4: expected a JSON object") != NULL);
    CHECK_INT(att_reader_next(r, &d), ATT_EFORMAT);
    CHECK(strstr(att_errmsg(ctx), "f.jsonl:5: no article text") != NULL);
    CHECK_INT(att_reader_next(r, &d), 1);
    CHECK_STR(att_doc_title(d), "D");
    att_doc_free(d);
    CHECK_INT(att_reader_next(r, &d), 0);
    att_reader_close(r);
}

TEST(jsonl_long_line_is_skipped)
{
    att_options o = {0};
    att_ctx *small;
    att_reader *r;
    att_doc *d;
    char *s = malloc(5000);
    o.max_doc_bytes = 100;
    CHECK_INT(att_ctx_open(&small, &o), 0);
    strcpy(s, "{\"text\":\"");
    memset(s + 9, 'a', 3000);
    strcpy(s + 3009, "\"}\n{\"text\":\"kurz\"}\n");
    /* through a file, so the bounded line buffer is what is tested */
    FILE *f = fopen("/tmp/att_test_long.jsonl", "w");
    fputs(s, f);
    fclose(f);
    CHECK_INT(att_reader_open_file(small, "/tmp/att_test_long.jsonl", ATT_FMT_AUTO, &r), 0);
    CHECK_INT(att_reader_next(r, &d), ATT_ETOOBIG);
    CHECK(strstr(att_errmsg(small), ":1: line at byte 0 is longer than 100 bytes") != NULL);
    CHECK_INT(att_reader_next(r, &d), 1);
    CHECK_STR(att_doc_text(d, NULL), "kurz");
    att_doc_free(d);
    CHECK_INT(att_reader_next(r, &d), 0);
    att_reader_close(r);
    att_ctx_close(small);
    remove("/tmp/att_test_long.jsonl");
    free(s);
}

TEST(sniffing)
{
    CHECK_INT(att__sniff("a.jsonl", "x", 1), ATT_FMT_JSONL);
    CHECK_INT(att__sniff("a.TXT", "{", 1), ATT_FMT_TEXT);
    CHECK_INT(att__sniff("-", "  {\"a\":1}", 9), ATT_FMT_JSONL);
    CHECK_INT(att__sniff("noext", "Hallo", 5), ATT_FMT_TEXT);
}

TEST(boiler_cookie_notes)
{
    static const char text[] = "Der Artikel beginnt hier.\n\nWas sind Cookies? Cookies sind "
                               "kleine Dateien.\n\nWir respektieren deine Privatsphäre und "
                               "fragen dich.\n\nDer Artikel endet hier.";
    char *out = NULL;
    size_t len;
    int flags;
    CHECK_INT(att__boiler_clean(text, sizeof(text) - 1, &out, &len, &flags), 0);
    CHECK(out && strstr(out, "Der Artikel beginnt hier.") &&
          strstr(out, "Der Artikel endet hier."));
    CHECK(out && !strstr(out, "Cookies") && !strstr(out, "Privatsphäre"));
    free(out);
}

int main(void)
{
    att_ctx_open(&ctx, NULL);
    RUN(text_header_date_prefix);
    RUN(text_title_and_empty_date);
    RUN(text_metadata_lines);
    RUN(text_navigation_above_the_headline);
    RUN(text_long_first_line_is_not_a_title);
    RUN(text_errors);
    RUN(jsonl_records_and_errors);
    RUN(jsonl_long_line_is_skipped);
    RUN(sniffing);
    RUN(boiler_cookie_notes);
    att_ctx_close(ctx);
    return test_summary();
}

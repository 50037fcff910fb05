/*
 * test_timex.c - unit tests of the temporal tagger (src/annotate/timex*.c).
 *
 *   - every example of the "Time expressions" issue through
 *     att__timex_resolve(), with the DCT it names;
 *   - KRAUTS's conventions where they cost the event coder nothing (lists
 *     of days, clock times of habits, "vor fünf Jahren" as a duration plus
 *     a non-consuming date), the context an expression is read in (the day
 *     or year just named, the clause's tense, "heute"), holidays;
 *   - the seed articles' expressions in running text, and no false alarm on
 *     the seed texts (tests/unit reads /work/shared/seeds when present: each
 *     expression found there must be in the list of real ones below);
 *   - words that only look like dates (so, die, mit, Maier, um 20 Prozent,
 *     der 30. Jahrestag);
 *   - calendar arithmetic, the governing expression, hostile input;
 *   - the generated lexicon (src/annotate/timex_lex.c) is up to date with
 *     data/timex-*.tsv (FNV-1a digest, as scripts/gen-timex-lex writes it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotate/timex.h"
#include "annotate/timex_int.h" /* att__tx_lex_find */
#include "test.h"

/* resolve text with lang/dct; checks type and value */
static int rs(const char *text, const char *lang, const char *dct, const char *type,
              const char *value, int line)
{
    char t[32], v[64];
    int rc = att__timex_resolve(text, strlen(text), lang, dct, t, sizeof t, v, sizeof v);
    if (rc != 0 || strcmp(t, type) != 0 || strcmp(v, value) != 0) {
        fprintf(stderr, "  test_timex.c:%d: \"%s\" (dct %s) -> %d %s %s, expected %s %s\n", line,
                text, dct ? dct : "-", rc, t, v, type, value);
        return 0;
    }
    return 1;
}
#define RS(text, lang, dct, type, value) CHECK(rs(text, lang, dct, type, value, __LINE__))

static int rs_status(const char *text, const char *dct)
{
    char t[32], v[64];
    return att__timex_resolve(text, strlen(text), "de", dct, t, sizeof t, v, sizeof v);
}

/* A document with the timex layer filled. */
static att_doc *tag(const char *text, const char *lang, const char *dct)
{
    att_doc *doc = NULL;
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    if (!copy)
        return NULL;
    memcpy(copy, text, n + 1);
    if (att__doc_new(NULL, copy, n, &doc))
        return NULL;
    if (att__doc_set(doc, &doc->lang, lang) || att__doc_set(doc, &doc->published, dct) ||
        att__timex_annotate(doc)) {
        att_doc_free(doc);
        return NULL;
    }
    return doc;
}

/* Is there an expression with exactly this text and value? */
static int has(const att_doc *doc, const char *span, const char *value)
{
    for (size_t i = 0; doc && i < doc->ntimex; i++) {
        const att_timex *t = &doc->timex[i];
        if (t->end - t->start == strlen(span) &&
            !memcmp(doc->text + t->start, span, strlen(span)) &&
            (!value || !strcmp(t->value, value)))
            return 1;
    }
    return 0;
}

/* tag text with lang "de" and dct; is there an expression span = value? */
static int tagged(const char *text, const char *dct, const char *span, const char *value, int line)
{
    att_doc *doc = tag(text, "de", dct);
    int ok = has(doc, span, value);
    if (!ok) {
        fprintf(stderr, "  test_timex.c:%d: \"%s\" (dct %s): no [%s] = %s; got", line, text,
                dct ? dct : "-", span, value ? value : "*");
        for (size_t i = 0; doc && i < doc->ntimex; i++)
            fprintf(stderr, " [%.*s]=%s", (int)(doc->timex[i].end - doc->timex[i].start),
                    doc->text + doc->timex[i].start, doc->timex[i].value);
        fputc('\n', stderr);
    }
    att_doc_free(doc);
    return ok;
}
#define TAGGED(text, dct, span, value) CHECK(tagged(text, dct, span, value, __LINE__))

TEST(issue_examples_de)
{
    const char *d = "2025-05-10"; /* a Saturday in ISO week 19 */
    RS("12. Dezember 2023", "de", d, "DATE", "2023-12-12");
    RS("am 12. Dezember 2023", "de", d, "DATE", "2023-12-12");
    RS("am 1. September", "de", NULL, "DATE", "XXXX-09-01");
    RS("1.9.2023", "de", d, "DATE", "2023-09-01");
    RS("2023-09-01", "de", d, "DATE", "2023-09-01");
    RS("am Montag", "de", d, "DATE", "2025-05-05");
    RS("am kommenden Montag", "de", d, "DATE", "2025-05-12");
    RS("im Dezember", "de", "2024-04", "DATE", "2024-12");
    RS("Mitte März", "de", "2024-04", "DATE", "2024-03");
    RS("im Herbst vergangenen Jahres", "de", "2024-04", "DATE", "2023-FA");
    RS("im ersten Quartal 2024", "de", d, "DATE", "2024-Q1");
    RS("im ersten Halbjahr", "de", "2024-04", "DATE", "2024-H1");
    RS("Anfang der Woche", "de", d, "DATE", "2025-W19");
    RS("im Jahr 2024", "de", d, "DATE", "2024");
    RS("2020", "de", d, "DATE", "2020");
    RS("in den 1990er Jahren", "de", d, "DATE", "199");
    RS("Ende 2023", "de", d, "DATE", "2023");
    RS("im Dezember vergangenen Jahres", "de", d, "DATE", "2024-12");
    RS("im November letzten Jahres", "de", d, "DATE", "2024-11");
    RS("vor einem Monat", "de", "2024-04", "DATE", "2024-03");
    RS("in drei Tagen", "de", d, "DATE", "2025-05-13");
    RS("heute", "de", d, "DATE", "2025-05-10");
    RS("gestern", "de", d, "DATE", "2025-05-09");
    RS("morgen", "de", d, "DATE", "2025-05-11");
    RS("vorgestern", "de", d, "DATE", "2025-05-08");
    RS("übermorgen", "de", d, "DATE", "2025-05-12");
    RS("derzeit", "de", d, "DATE", "PRESENT_REF");
    RS("jetzt", "de", d, "DATE", "PRESENT_REF");
    RS("damals", "de", d, "DATE", "PAST_REF");
    RS("künftig", "de", d, "DATE", "FUTURE_REF");
    RS("um 14 Uhr", "de", d, "TIME", "2025-05-10T14:00");
    RS("14:30 Uhr", "de", d, "TIME", "2025-05-10T14:30");
    RS("am Abend", "de", d, "TIME", "2025-05-10TEV");
    RS("drei Jahre", "de", d, "DURATION", "P3Y");
    RS("drei Stunden", "de", d, "DURATION", "PT3H");
    RS("seit 2019", "de", d, "DATE", "2019");
    RS("in den letzten zehn Jahren", "de", d, "DURATION", "P10Y");
    RS("in den ersten acht Monaten des Jahres 2025", "de", d, "DATE", "2025");
    RS("jährlich", "de", d, "SET", "P1Y");
    RS("jeden Montag", "de", d, "SET", "XXXX-WXX-1");
    RS("im Sommer 2014", "de", d, "DATE", "2014-SU");
    RS("im Frühjahr", "de", d, "DATE", "2025-SP");
    RS("im Winter", "de", d, "DATE", "2025-WI");
}

TEST(issue_examples_en)
{
    const char *d = "2025-05-10";
    RS("September 1, 2023", "en", d, "DATE", "2023-09-01");
    RS("Dec. 12", "en", "2024-12-20", "DATE", "2024-12-12");
    RS("last year", "en", d, "DATE", "2024");
    RS("two years ago", "en", d, "DATE", "2023");
    RS("next week", "en", d, "DATE", "2025-W20");
    RS("yesterday", "en", d, "DATE", "2025-05-09");
    RS("the 1990s", "en", d, "DATE", "199");
    RS("weekly", "en", d, "SET", "P1W");
    RS("every Monday", "en", d, "SET", "XXXX-WXX-1");
    RS("in the first quarter of 2024", "en", d, "DATE", "2024-Q1");
    RS("at 3 p.m.", "en", d, "TIME", "2025-05-10T15:00");
    RS("ten years", "en", d, "DURATION", "P10Y");
    RS("now", "en", d, "DATE", "PRESENT_REF");
    RS("mid-March", "en", "2024-04-20", "DATE", "2024-03");
    RS("early 2024", "en", d, "DATE", "2024");
    /* "und": German first, then English */
    RS("im Dezember vergangenen Jahres", NULL, "2025-05-10", "DATE", "2024-12");
    RS("last Monday", "und", d, "DATE", "2025-05-05");
}

/* "vor einem Monat" in running text: the duration KRAUTS annotates and the
 * date the event coder needs, as TimeML's non-consuming TIMEX3 (an empty
 * span where the phrase starts, before the duration). */
TEST(ago_in_text)
{
    const char *text = "Vor einem Monat ratifizierten die Parlamente das Abkommen.";
    att_doc *doc = tag(text, "de", "2024-04");
    CHECK(doc && doc->ntimex == 2);
    if (doc && doc->ntimex == 2) {
        CHECK(doc->timex[0].start == 0 && doc->timex[0].end == 0);
        CHECK_STR(doc->timex[0].type, "DATE");
        CHECK_STR(doc->timex[0].value, "2024-03");
        CHECK(has(doc, "einem Monat", "P1M"));
        CHECK_STR(doc->timex[1].type, "DURATION");
        uint32_t verb = (uint32_t)(strstr(text, "ratifizierten") - text);
        CHECK_INT(att__timex_governing(doc, verb, verb + 13), 0);
    }
    att_doc_free(doc);
    TAGGED("Das war vor gut zwei Jahren.", "2024-04", "gut zwei Jahren", "P2Y");
    TAGGED("In einem Jahr, am 23. Oktober 2016, wird gewählt.", "2015-10-27", "einem Jahr", "P1Y");
    /* English keeps TimeBank's one DATE */
    att_doc *en = tag("Two years ago the treaty was signed.", "en", "2025-05-10");
    CHECK(has(en, "Two years ago", "2023"));
    att_doc_free(en);
}

TEST(seed_expressions)
{
    const char *d = "2025-05-10";
    /* 000 */
    RS("Anfang der Woche", "de", d, "DATE", "2025-W19");
    RS("im Dezember vergangenen Jahres", "de", d, "DATE", "2024-12");
    RS("im November letzten Jahres", "de", d, "DATE", "2024-11");
    /* 002 */
    RS("am 12. Dezember 2023", "de", d, "DATE", "2023-12-12");
    /* 003: no DCT */
    RS("Am 1. September", "de", NULL, "DATE", "XXXX-09-01");
    RS("Im vergangenen Jahr", "de", NULL, "DATE", "XXXX");
    RS("in den ersten sechs Monaten dieses Jahres", "de", NULL, "DATE", "XXXX-H1");
    /* 004, DCT 2024-04 */
    RS("am Montag", "de", "2024-04", "DATE", "2024-WXX-1");
    RS("Mitte März", "de", "2024-04", "DATE", "2024-03");
    RS("vor einem Monat", "de", "2024-04", "DATE", "2024-03");
    RS("im Herbst vergangenen Jahres", "de", "2024-04", "DATE", "2023-FA");
    RS("2023", "de", "2024-04", "DATE", "2023");
    RS("Wochen zuvor", "de", "2024-04", "DATE", "PAST_REF");
    /* 001 */
    RS("im Jahr 2024", "de", d, "DATE", "2024");
    RS("in den ersten acht Monaten des Jahres 2025", "de", d, "DATE", "2025");
}

TEST(mods_and_ranges)
{
    att_doc *doc = tag("Er kam Anfang der Woche. Mitte März war er dort. Das Fest ist vom 3. bis "
                       "5. Mai. Am 15. März 2020 um 14 Uhr begann es.",
                       "de", "2025-05-10");
    const char **mods = NULL;
    size_t nm = 0;
    CHECK(doc != NULL);
    CHECK(has(doc, "Anfang der Woche", "2025-W19"));
    CHECK(has(doc, "Mitte März", NULL));
    CHECK(has(doc, "3", "2025-05-03")); /* a bare day: the number (KRAUTS) */
    CHECK(has(doc, "5. Mai", "2025-05-05"));
    CHECK(has(doc, "15. März 2020", "2020-03-15"));
    CHECK(has(doc, "14 Uhr", "2020-03-15T14:00"));
    CHECK(att__timex_annotate_mods(doc, &mods, &nm) == 0);
    CHECK_INT(nm, doc->ntimex);
    CHECK(nm >= 2 && mods[0] && !strcmp(mods[0], "START"));
    CHECK(nm >= 2 && mods[1] && !strcmp(mods[1], "MID"));
    free(mods);
    att_doc_free(doc);
}

/* KRAUTS conventions where they do not cost the event coder its dates
 * (docs/timex.md, "Decisions"). */
TEST(krauts_conventions)
{
    const char *d = "2014-10-20"; /* a Monday */
    /* lists of days: each bare day is the number alone, month from the last */
    TAGGED("Die Sitzungen sind am 11., 18. und 25. März 2015.", d, "11", "2015-03-11");
    TAGGED("Die Sitzungen sind am 11., 18. und 25. März 2015.", d, "18", "2015-03-18");
    TAGGED("Wahlen am 16. und 17. sowie am 23. und 24. Jänner 2010.", d, "17", "2010-01-17");
    /* clock times that hold for no one day */
    TAGGED("Termine: am 3., 4. und 5. Oktober, jeweils 20 Uhr.", d, "20 Uhr", "T20:00");
    TAGGED("Karten gibt es wochentags von 14 bis 18 Uhr.", d, "14", "T14:00");
    TAGGED("Karten gibt es wochentags von 14 bis 18 Uhr.", d, "18 Uhr", "T18:00");
    TAGGED("Termin: 25. und 26. August von 10-18 Uhr.", d, "18 Uhr", "T18:00");
    /* vague counts after vor/in: a duration without the preposition */
    TAGGED("Vor wenigen Tagen wurde der Kalender vorgestellt.", d, "wenigen Tagen", "PXD");
    TAGGED("Er ist seit Jahren im Amt.", d, "Jahren", "PXY");
    /* minutes later: a clock time nobody can tell */
    TAGGED("Drei Minuten später war alles vorbei.", d, "Drei Minuten später", "XXXX-XX-XXTXX:XX");
    /* ranges of counts: the first count takes the unit */
    TAGGED("Das dauert höchstens sechs bis acht Monate.", d, "sechs", "P6M");
    /* the century of "Hälfte des 15. Jahrhunderts"; a match's half is none */
    TAGGED("Er schrieb über die erste Hälfte des 15. Jahrhunderts.", d,
           "die erste Hälfte des 15. Jahrhunderts", "14");
    att_doc *doc = tag("Vier Minuten waren in der zweiten Hälfte gespielt.", "de", d);
    CHECK(has(doc, "Vier Minuten", "PT4M") && doc->ntimex == 1);
    att_doc_free(doc);
    /* periods across two years; South Tyrolean quarters */
    TAGGED("In der Saison 2014/15 wurde er Meister.", d, "der Saison 2014/15", "XXXX-XX-XX");
    TAGGED("Bis zum dritten Trimester 2009 sanken die Exporte.", d, "dritten Trimester 2009",
           "2009-Q3");
    TAGGED("Noch in der Nacht des 14. August kam er.", d, "Nacht des 14. August", "2014-08-14TNI");
    TAGGED("Wir zählen 200 Patienten am Tag.", d, "Tag", "P1D");
    TAGGED("Das Treffen findet alle zwei Jahre statt.", d, "alle zwei Jahre", "P2Y");
    TAGGED("Insbesondere während der Sommermonate ist viel Verkehr.", d, "der Sommermonate",
           "2014-SU");
    TAGGED("Nach diesem strengen Winter war es schön.", "2014-03-13", "diesem strengen Winter",
           "2014-WI");
    TAGGED("Er lebte von 1898-1976 in Berlin.", d, "1898", "1898");
    TAGGED("Außer im Juli und August ist offen.", d, "August", "2014-08");
    TAGGED("Er hat drei Jahre später gewonnen. In den schweren Jahren half er.", d,
           "den schweren Jahren", "PXY");
    TAGGED("Erst 1991 erhielt er den Status. Zwei Jahre später wurde er Chef.", d,
           "Zwei Jahre später", "1993");
    TAGGED("Am 3. Mai kam er. Drei Tage später ging er.", d, "Drei Tage später", "2014-05-06");
    TAGGED("Die Welt von gestern ist vorbei.", d, "gestern", "PAST_REF");
}

/* What the text around an expression tells: the day just named, the year
 * just named, the tense of the clause, habits. */
TEST(context_anchoring)
{
    const char *d = "2014-10-20"; /* a Monday */
    TAGGED("Es geschah am Dienstag in Bozen. Er trainierte am Nachmittag.", d, "Nachmittag",
           "2014-10-14TAF");
    TAGGED("Am Freitag gewann er. Am Tag zuvor war er Zweiter, sein Sieg vom Vortag zählt.", d,
           "Vortag", "2014-10-16");
    TAGGED("In einem Jahr, am 23. Oktober 2016, wird gewählt. An diesem Tag wird alles anders.", d,
           "diesem Tag", "2016-10-23");
    TAGGED("In der Nacht zum Montag fielen Schüsse. Gegen 23 Uhr eröffneten sie das Feuer.", d,
           "23 Uhr", "2014-10-19T23:00");
    TAGGED("Im März 1992 verlor sie die Nase, im April brachte man sie weg.", d, "April",
           "1992-04");
    TAGGED("Der Lehrgang soll im Frühjahr 2015 starten. Die Information steht im April an.", d,
           "April", "2015-04");
    TAGGED("Erst 1991 erhielt er den Status. Ab Ende des Jahres stand die Statue im Park.", d,
           "Ende des Jahres", "1991");
    /* a year alone in the sentence before does not carry over to a month */
    TAGGED("Im Jahr 2013 wurden 6 Millionen Tonnen transportiert. Mitte Januar unterzeichneten "
           "sie einen Vertrag.",
           "2014-01-28", "Mitte Januar", "2014-01");
    /* the clause's tense: "vier weitere sollen bis Ende Juni folgen" */
    TAGGED("Am Montag wurden drei Übergänge geöffnet, vier weitere sollen bis Ende Juni folgen.",
           "2025-04-29", "Ende Juni", "2025-06");
    TAGGED("Denn die Synode sprach sich am Samstag dafür aus, dass ein Rat gewählt wird.",
           "2015-10-27", "Samstag", "2015-10-24");
    /* heute: the day, or nowadays */
    TAGGED("Bozen (lu). Heute läuft die Frist aus.", d, "Heute", "2014-10-20");
    TAGGED("Heute Filmclub 20 Uhr.", d, "Heute", "2014-10-20");
    TAGGED("Davon zehrt Deutschland auch heute noch.", d, "heute", "PRESENT_REF");
    TAGGED("Die Beziehungen basieren heute auf 170 Abkommen.", d, "heute", "PRESENT_REF");
    TAGGED("Die Grenzen, wie wir heute wissen, waren offen.", d, "heute", "PRESENT_REF");
    TAGGED("Heute würde er die Kamera am Brenner aufstellen.", d, "Heute", "PRESENT_REF");
    /* parts of a day, relative */
    TAGGED("In der vergangenen Nacht brannte es.", d, "der vergangenen Nacht", "2014-10-19TNI");
    TAGGED("Am Abend zuvor war er da.", d, "Abend zuvor", "2014-10-19TEV");
}

/* Seasons and months by the news tense, the DCT's own day, "tags darauf". */
TEST(news_anchoring)
{
    /* a past-tense clause names a season that has not begun at the DCT: last year's */
    TAGGED("Der Kurs zog wieder an, im Frühjahr erst langsam, im Herbst stieg er stark.",
           "2021-01-07", "Herbst", "2020-FA");
    TAGGED("Seit dem Sommer ist er im Amt.", "2010-03-18", "dem Sommer", "2009-SU");
    /* a future-tense one names a season that is over: next year's */
    TAGGED("Im Frühjahr soll der Bau beginnen.", "2010-10-07", "Frühjahr", "2011-SP");
    /* a season that is under way or still to come stays in the DCT's year */
    TAGGED("Im Herbst stieg der Kurs.", "2020-09-01", "Herbst", "2020-FA");
    TAGGED("Nach diesem strengen Winter war es eine gute Sache.", "2014-03-13",
           "diesem strengen Winter", "2014-WI");
    /* letzten/nächsten Sommer: the nearest one on that side of the DCT */
    RS("letzten Sommer", "de", "2010-10-07", "DATE", "2010-SU");
    RS("letzten Sommer", "de", "2010-03-18", "DATE", "2009-SU");
    RS("nächsten Frühling", "de", "2010-02-07", "DATE", "2010-SP");
    RS("nächsten Frühling", "de", "2010-10-07", "DATE", "2011-SP");
    /* "bis/ab" + month: a limit from the time of writing on, whatever the tense */
    TAGGED("Vergangene Woche wurde der Notstand bis Oktober verlängert.", "2020-08-05", "Oktober",
           "2020-10");
    TAGGED("Die Regel wurde ab Ende November verschärft.", "2020-08-05", "Ende November",
           "2020-11");
    /* the DCT's day named as such */
    TAGGED("Bereits am heutigen Dienstag empfing er Macron.", "2020-09-01", "heutigen Dienstag",
           "2020-09-01");
    TAGGED("Am heutigen Tag wird gewählt.", "2020-09-01", "heutigen Tag", "2020-09-01");
    /* seit/bis/ab before a weekday or month say which way it lies */
    TAGGED("Die Ausstellung läuft noch bis Sonntag.", "2010-03-18", "Sonntag", "2010-03-21");
    TAGGED("Seit Montag wird gestreikt.", "2010-03-18", "Montag", "2010-03-15");
    TAGGED("Seit Oktober wird gestreikt.", "2010-03-18", "Oktober", "2009-10");
    TAGGED("Er blieb bis Sonntag.", "2010-03-18", "Sonntag", "2010-03-14");
    /* im Jahr darauf / zuvor: the year just named, moved */
    TAGGED("Er kam 1990 nach Berlin, im Jahr danach heiratete er.", "2010-03-18", "Jahr danach",
           "1991");
    /* a weekday of a named week */
    TAGGED("Er plant von Freitag kommender Woche an wieder Kundgebungen.", "2020-06-11",
           "Freitag kommender Woche", "2020-06-19");
    TAGGED("Am Montag der vergangenen Woche kam er.", "2020-06-11", "Montag der vergangenen Woche",
           "2020-06-01");
    /* tags darauf / tags zuvor: the day after or before the one just named */
    TAGGED("Am 3. März trat er an. Tags darauf trat er zurück.", "2020-09-01", "Tags darauf",
           "2020-03-04");
    TAGGED("Am 3. März trat er an. Tags zuvor war er gewählt worden.", "2020-09-01", "Tags zuvor",
           "2020-03-02");
}

/* Holidays, named days, parts of a period in one word. */
TEST(holidays)
{
    const char *d = "2014-10-20";
    TAGGED("Ostern 2015 fiel auf den 5. April.", d, "Ostern 2015", "2015-04-05");
    TAGGED("Am Pfingstmontag 2015 war frei.", d, "Pfingstmontag 2015", "2015-05-25");
    TAGGED("Fronleichnam 2016 wird gefeiert.", d, "Fronleichnam 2016", "2016-05-26");
    TAGGED("Drei Tage vor dem Heiligen Abend spielten sie.", "2014-12-22", "Heiligen Abend",
           "2014-12-24");
    TAGGED("Weihnachten feiern wir zu Hause.", d, "Weihnachten", "2014-12-25");
    TAGGED("Bis Jahresende soll es fertig sein.", d, "Jahresende", "2014");
    TAGGED("Im Spätsommer 2013 wurde gebaut.", d, "Spätsommer 2013", "2013-SU");
    RS("Christmas Eve", "en", d, "DATE", "2014-12-24");
    RS("Karfreitag 2024", "de", NULL, "DATE", "2024-03-29");
    RS("Ostern", "de", NULL, "DATE", "XXXX-XX-XX");
    att_doc *doc = tag("Bis Jahresende, zur Monatsmitte.", "de", d);
    const char **mods = NULL;
    size_t nm = 0;
    CHECK(doc && att__timex_annotate_mods(doc, &mods, &nm) == 0 && nm == 2);
    CHECK(nm == 2 && mods[0] && !strcmp(mods[0], "END") && mods[1] && !strcmp(mods[1], "MID"));
    free(mods);
    att_doc_free(doc);
}

TEST(errors)
{
    CHECK_INT(rs_status("", "2025-05-10"), ATT_EINVAL);
    CHECK_INT(rs_status("   ", "2025-05-10"), ATT_EINVAL);
    CHECK_INT(rs_status("31. Februar", "2025-05-10"), ATT_ENOTFOUND);
    CHECK_INT(rs_status("30.2.2023", "2025-05-10"), ATT_ENOTFOUND);
    CHECK_INT(rs_status("Kartoffelsalat", "2025-05-10"), ATT_ENOTFOUND);
    CHECK_INT(rs_status("Maibaum", "2025-05-10"), ATT_ENOTFOUND);
    CHECK_INT(rs_status("im Dezember und Kartoffeln", "2025-05-10"), ATT_ENOTFOUND);
    char t[8], v[8];
    CHECK_INT(att__timex_resolve(NULL, 0, "de", NULL, t, sizeof t, v, sizeof v), ATT_EINVAL);
    CHECK_INT(att__timex_resolve("heute", 5, "de", NULL, NULL, 0, v, sizeof v), ATT_EINVAL);
    RS("29. Februar 2024", "de", NULL, "DATE", "2024-02-29");
}

TEST(no_false_alarms)
{
    att_doc *doc = tag("Das ist gut, so Tokajew. Die Zahl stieg um 20 Prozent. Herr Maier stellte "
                       "den Maibaum auf. Der 30. Jahrestag mit Gästen. Friedrich März sprach. "
                       "Die 2000 Menschen kamen, 1500 Euro fehlten. Er ist 22 Jahre alt. "
                       "Das Spiel endete 0:13. Der Strom erreicht 2000 bis 3000 Grad. "
                       "Jungbürger ab 16 Jahren dürfen wählen. Der 16 Jahre jüngere Crosby kam. "
                       "Kinder zwischen sechs und elf Jahren spielten. Sie glänzte im "
                       "Winter-Biathlon. Alle Teilnehmer treffen sich. Es kamen mehr als "
                       "1500 Gäste, mindestens 2000 wollten kommen. Die Zahl sank von 2000 "
                       "auf 1800. Das sagte er der Bild am Sonntag und der Welt am Sonntag.",
                       "de", "2025-05-10");
    CHECK(doc != NULL);
    for (size_t i = 0; doc && i < doc->ntimex; i++)
        fprintf(stderr, "  unexpected: %.*s\n", (int)(doc->timex[i].end - doc->timex[i].start),
                doc->text + doc->timex[i].start);
    CHECK_INT(doc ? doc->ntimex : 1, 0);
    att_doc_free(doc);
}

/* The seed articles: every expression found must be one of these. */
static const char *const seed_ok[] = {
    "Anfang der Woche",
    "Dezember vergangenen Jahres",
    "November letzten Jahres",
    "Zukunft",
    "heute",
    "Jahr 2024",
    "den ersten acht Monaten des Jahres 2025",
    "sechs Monaten",
    "nächsten Jahr",
    "kommenden Jahr",
    "12. Dezember 2023",
    "1. September",
    "vergangenen Jahr",
    "den ersten sechs Monaten dieses Jahres",
    "2020",
    "Wochen zuvor",
    "Montag",
    "Mitte März",
    "weniger Wochen",
    "jahrzehntelange",
    "Herbst vergangenen Jahres",
    "2023",
    "einem Monat",
    "Bis heute",
};

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else {
            buf[n] = '\0';
        }
    }
    fclose(f);
    return buf;
}

TEST(seed_texts)
{
    static const struct {
        const char *file, *dct;
        const char *must[4];
    } seeds[] = {
        {"000_d89457b42e41811c.txt",
         "2025-05-10",
         {"Anfang der Woche", "Dezember vergangenen Jahres", "November letzten Jahres", NULL}},
        {"001_ca982c535d62abd2.txt",
         NULL,
         {"Jahr 2024", "den ersten acht Monaten des Jahres 2025"}},
        {"002_53610af29d9cbfa2.txt", NULL, {"12. Dezember 2023"}},
        {"003_011d1d95fb55c242.txt",
         NULL,
         {"1. September", "vergangenen Jahr", "den ersten sechs Monaten dieses Jahres"}},
        {"004_5fb6c0072c137037.txt",
         "2024-04",
         {"Montag", "Mitte März", "einem Monat", "Herbst vergangenen Jahres"}},
    };
    char path[512];
    for (size_t s = 0; s < ATT_ARRAY_LEN(seeds); s++) {
        snprintf(path, sizeof path, "/work/shared/seeds/%s", seeds[s].file);
        char *text = slurp(path);
        if (!text) {
            snprintf(path, sizeof path, "../shared/seeds/%s", seeds[s].file);
            text = slurp(path);
        }
        if (!text)
            continue; /* seeds not present: nothing to check */
        att_doc *doc = tag(text, "de", seeds[s].dct);
        free(text);
        CHECK(doc != NULL);
        if (!doc)
            continue;
        for (size_t i = 0; i < doc->ntimex; i++) {
            const att_timex *t = &doc->timex[i];
            int ok = 0;
            if (t->start == t->end) { /* the date of "vor einem Monat": before "einem Monat" */
                CHECK(i + 1 < doc->ntimex && doc->timex[i + 1].start > t->start &&
                      !strcmp(t->type, "DATE"));
                continue;
            }
            for (size_t k = 0; k < ATT_ARRAY_LEN(seed_ok); k++)
                ok |= t->end - t->start == strlen(seed_ok[k]) &&
                      !memcmp(doc->text + t->start, seed_ok[k], strlen(seed_ok[k]));
            if (!ok)
                fprintf(stderr, "  %s: false alarm \"%.*s\"\n", seeds[s].file,
                        (int)(t->end - t->start), doc->text + t->start);
            CHECK(ok);
        }
        for (size_t k = 0; k < 4 && seeds[s].must[k]; k++) {
            if (!has(doc, seeds[s].must[k], NULL))
                fprintf(stderr, "  %s: missed \"%s\"\n", seeds[s].file, seeds[s].must[k]);
            CHECK(has(doc, seeds[s].must[k], NULL));
        }
        att_doc_free(doc);
    }
}

TEST(calendar)
{
    int wy, w, y, m, d;
    att__tx_isoweek(2025, 5, 10, &wy, &w);
    CHECK_INT(wy, 2025);
    CHECK_INT(w, 19);
    att__tx_isoweek(2021, 1, 1, &wy, &w); /* Friday: week 53 of 2020 */
    CHECK_INT(wy, 2020);
    CHECK_INT(w, 53);
    CHECK_INT(att__tx_wday(2025, 5, 10), 6);
    att__tx_civil(att__tx_days(2024, 3, 1) - 1, &y, &m, &d);
    CHECK(y == 2024 && m == 2 && d == 29);
    CHECK_INT(att__tx_mdays(1900, 2), 28);
    CHECK_INT(att__tx_mdays(2000, 2), 29);
    RS("vor drei Tagen", "de", "2025-01-02", "DATE", "2024-12-30");
    RS("gestern", "de", "2024-04", "DATE", "2024-04-XX");
}

TEST(governing)
{
    att_doc *doc =
        tag("Am 3. Mai traf er Putin, der am 5. Mai abreiste. Dann sprach er.", "de", "2025-05-10");
    CHECK(doc != NULL);
    if (doc) {
        const char *t = doc->text;
        uint32_t traf = (uint32_t)(strstr(t, "traf") - t),
                 ab = (uint32_t)(strstr(t, "abreiste") - t);
        uint32_t sprach = (uint32_t)(strstr(t, "sprach") - t);
        int g1 = att__timex_governing(doc, traf, traf + 4);
        int g2 = att__timex_governing(doc, ab, ab + 8);
        CHECK(g1 >= 0 && !strcmp(doc->timex[g1].value, "2025-05-03"));
        CHECK(g2 >= 0 && !strcmp(doc->timex[g2].value, "2025-05-05"));
        /* no sentences split: the paragraph is the scope, the nearest wins */
        CHECK(att__timex_governing(doc, sprach, sprach + 6) >= 0);
        CHECK_INT(att__timex_governing(doc, 5, 2), -1);
    }
    att_doc_free(doc);
}

TEST(hostile_input)
{
    /* every byte value, long runs, numbers at the limits: must not crash */
    char buf[70000];
    unsigned seed = 12345;
    for (size_t i = 0; i < sizeof buf - 1; i++) {
        seed = seed * 1103515245u + 12345u;
        static const char alphabet[] = "0123456789.:-/ MaiJahrUhr\n\xc3\xa4\xe2\x80\x93";
        buf[i] =
            (seed >> 16) % 3 ? alphabet[(seed >> 8) % (sizeof alphabet - 1)] : (char)(seed >> 8);
    }
    buf[sizeof buf - 1] = '\0';
    att_doc *doc = tag(buf, "und", "2025-05-10");
    CHECK(doc != NULL);
    for (size_t i = 0; doc && i < doc->ntimex; i++) /* empty: a non-consuming date */
        CHECK(doc->timex[i].start <= doc->timex[i].end && doc->timex[i].end <= doc->len &&
              (i == 0 || doc->timex[i].start >= doc->timex[i - 1].end));
    att_doc_free(doc);
    CHECK_INT(rs_status("99999999999999999999 Jahre", NULL), ATT_ENOTFOUND);
    RS("12345 Jahre", "de", NULL, "DURATION", "P12345Y");
    CHECK_INT(rs_status("32.13.2023", NULL), ATT_ENOTFOUND);
    CHECK_INT(rs_status("Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag "
                        "Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag "
                        "Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag "
                        "Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag Tag",
                        NULL),
              ATT_ENOTFOUND);
}

/* FNV-1a over both TSVs, as scripts/gen-timex-lex computes it. */
TEST(lexicon_up_to_date)
{
    static const char *const files[] = {"data/timex-de.tsv", "data/timex-en.tsv"};
    uint64_t h = 0xcbf29ce484222325ull;
    char hex[17];
    for (size_t f = 0; f < 2; f++) {
        char *s = slurp(files[f]);
        if (!s) {
            fprintf(stderr, "  %s not found (run from the repository root); skipped\n", files[f]);
            return;
        }
        for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
            h ^= *p;
            h *= 0x100000001b3ull;
        }
        free(s);
    }
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
    if (strcmp(hex, att__timex_lex_digest) != 0)
        fprintf(stderr, "  src/annotate/timex_lex.c is stale: run scripts/gen-timex-lex\n");
    CHECK_STR(hex, att__timex_lex_digest);
    /* sorted, so the binary search finds every form; the hash table finds
     * each form's first row, and no word that is not there */
    for (size_t i = 1; i < att__timex_nlex; i++)
        CHECK(strcmp(att__timex_lex[i - 1].form, att__timex_lex[i].form) <= 0);
    for (size_t i = 0; i < att__timex_nlex; i++) {
        int r = att__tx_lex_find(att__timex_lex[i].form);
        CHECK(r >= 0 && (size_t)r <= i && !strcmp(att__timex_lex[r].form, att__timex_lex[i].form) &&
              (r == 0 || strcmp(att__timex_lex[r - 1].form, att__timex_lex[i].form) != 0));
    }
    CHECK_INT(att__tx_lex_find("kartoffelsalat"), -1);
    CHECK_INT(att__tx_lex_find(""), -1);
}

int main(void)
{
    RUN(issue_examples_de);
    RUN(issue_examples_en);
    RUN(seed_expressions);
    RUN(ago_in_text);
    RUN(mods_and_ranges);
    RUN(krauts_conventions);
    RUN(context_anchoring);
    RUN(news_anchoring);
    RUN(holidays);
    RUN(errors);
    RUN(no_false_alarms);
    RUN(seed_texts);
    RUN(calendar);
    RUN(governing);
    RUN(hostile_input);
    RUN(lexicon_up_to_date);
    return test_summary();
}

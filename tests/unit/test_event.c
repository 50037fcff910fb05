/*
 * test_event.c - the event coder, the quotation finder and the figures
 * layer on short texts, with the entity layer set by hand (so these tests
 * do not depend on the knowledge base).
 */
#include <stdlib.h>
#include <string.h>

#include "annotate/event.h"
#include "annotate/quantity.h"
#include "annotate/quote.h"
#include "annotate/timex.h"
#include "doc/doc.h"
#include "lang/lang.h"
#include "test.h"

/* Adds an entity with a mention at every occurrence of each '|'-separated
 * surface form. */
static void ent(att_doc *d, const char *id, const char *type, const char *code,
                const char *surfaces)
{
    att_entity e;
    char buf[256];
    memset(&e, 0, sizeof(e));
    e.id = att__arena_strdup(&d->arena, id);
    e.type = type;
    e.name = e.id;
    e.code = code;
    e.mentions = att__arena_array(&d->arena, 16, sizeof(att_span));
    snprintf(buf, sizeof(buf), "%s", surfaces);
    for (char *s = strtok(buf, "|"); s; s = strtok(NULL, "|")) {
        const char *p = d->text;
        size_t n = strlen(s);
        while ((p = strstr(p, s)) != NULL && e.nmentions < 16) {
            e.mentions[e.nmentions].start = (uint32_t)(p - d->text);
            e.mentions[e.nmentions].end = (uint32_t)(p - d->text + n);
            e.nmentions++;
            p += n;
        }
    }
    ATT_PUSH(d->ents, d->nent, d->cent, e);
}

static att_doc *mk(const char *text, const char *lang, const char *dct)
{
    att_doc *d = NULL;
    att_meta m = {0};
    m.lang = lang;
    m.published = dct;
    att_doc_from_text(NULL, text, strlen(text), &m, &d);
    att__tokenize(d);
    att__split_sentences(d);
    att__timex_annotate(d);
    return d;
}

static void run(att_doc *d)
{
    att__quantity_annotate(d);
    att__quote_annotate(d);
    att__event_annotate(d);
}

static int has_event(const att_doc *d, const char *code, const char *src, const char *tgt,
                     const char *date)
{
    for (size_t i = 0; i < d->nevent; i++) {
        const att_event *e = &d->events[i];
        if (strcmp(e->code, code) == 0 && strcmp(e->source.code, src) == 0 &&
            strcmp(e->target.code, tgt) == 0 &&
            (date ? e->date && strcmp(e->date, date) == 0 : e->date == NULL))
            return 1;
    }
    return 0;
}

static void dump(const att_doc *d)
{
    for (size_t i = 0; i < d->nevent; i++)
        fprintf(stderr, "    event %s %s -> %s date %s\n", d->events[i].code,
                d->events[i].source.code, d->events[i].target.code,
                d->events[i].date ? d->events[i].date : "-");
}

TEST(visit_and_host)
{
    att_doc *d = mk("Kasachstans Präsident Tokajew empfing am Montag den Außenminister von "
                    "Aserbaidschan Bayramov, der zu einem offiziellen Besuch in Astana "
                    "eingetroffen ist.",
                    "de", "2025-05-10");
    ent(d, "country:KAZ", "country", "KAZ", "Kasachstans");
    ent(d, "person:tokayev", "person", "KAZGOV", "Tokajew");
    ent(d, "country:AZE", "country", "AZE", "Aserbaidschan");
    ent(d, "person:bayramov", "person", "AZEGOV", "Bayramov");
    ent(d, "place:astana", "place", "KAZ", "Astana");
    run(d);
    CHECK(has_event(d, "043", "KAZGOV", "AZEGOV", "2025-05-05"));
    CHECK(has_event(d, "042", "AZEGOV", "KAZGOV", "2025-05-05"));
    CHECK_INT(d->nevent, 2); /* the arrival is the same visit */
    if (d->nevent != 2)
        dump(d);
    CHECK(d->events[0].goldstein > 2.0 && d->events[0].quad == 1);
    att_doc_free(d);
}

TEST(travel_to_country_means_its_government)
{
    att_doc *d = mk("Am 1. September reiste Alijew zu einem offiziellen Besuch nach Russland. "
                    "Mit seinem russischen Amtskollegen, Wladimir Putin, traf er sich in Sotschi.",
                    "de", NULL);
    ent(d, "person:aliyev", "person", "AZEGOV", "Alijew");
    ent(d, "country:RUS", "country", "RUS", "Russland|russischen");
    ent(d, "person:putin", "person", "RUSGOV", "Wladimir Putin");
    run(d);
    CHECK(has_event(d, "042", "AZEGOV", "RUSGOV", "XXXX-09-01"));
    CHECK(has_event(d, "043", "RUSGOV", "AZEGOV", "XXXX-09-01"));
    CHECK_INT(d->nevent, 2); /* the meeting in Sochi is part of the visit */
    if (d->nevent != 2)
        dump(d);
    att_doc_free(d);
}

TEST(sanctions_and_fighting)
{
    att_doc *d = mk("Die EU verhängte am Montag Sanktionen gegen Russland. "
                    "Vorangegangen waren zwei Kriege 2020 und 2023, in denen sich "
                    "aserbaidschanische Truppen und armenische Truppen gegenüberstanden.",
                    "de", "2024-04");
    ent(d, "org:eu", "org", "IGOEUREEC", "EU");
    ent(d, "country:RUS", "country", "RUS", "Russland");
    ent(d, "country:AZE", "country", "AZE", "aserbaidschanische");
    ent(d, "country:ARM", "country", "ARM", "armenische");
    run(d);
    CHECK(has_event(d, "163", "IGOEUREEC", "RUS", "2024-04"));
    CHECK(has_event(d, "190", "AZEMIL", "ARMMIL", "2020"));
    CHECK(has_event(d, "190", "AZEMIL", "ARMMIL", "2023"));
    if (d->nevent != 3)
        dump(d);
    att_doc_free(d);
}

TEST(english_meeting)
{
    att_doc *d = mk("President Tokayev met Uzbek President Mirziyoyev in Tashkent on Monday. "
                    "He praised Uzbekistan for its reforms.",
                    "en", "2025-11-25");
    ent(d, "person:tokayev", "person", "KAZGOV", "Tokayev");
    ent(d, "country:UZB", "country", "UZB", "Uzbek|Uzbekistan");
    ent(d, "person:mirziyoyev", "person", "UZBGOV", "Mirziyoyev");
    ent(d, "place:tashkent", "place", "UZB", "Tashkent");
    run(d);
    CHECK(has_event(d, "040", "KAZGOV", "UZBGOV", "2025-11-24"));
    CHECK(has_event(d, "051", "KAZGOV", "UZB", "2025-11-25"));
    if (d->nevent != 2)
        dump(d);
    att_doc_free(d);
}

TEST(english_visits)
{
    /* one short sentence of names: the language id says "und", the
     * function words say English */
    att_doc *d = mk("Kazakh President Tokayev paid a state visit to Uzbekistan on Monday.", "und",
                    "2025-03-14");
    ent(d, "country:KAZ", "country", "KAZ", "Kazakh");
    ent(d, "person:tokayev", "person", "KAZGOV", "Tokayev");
    ent(d, "country:UZB", "country", "UZB", "Uzbekistan");
    run(d);
    CHECK(has_event(d, "042", "KAZGOV", "UZB", "2025-03-10"));
    CHECK(has_event(d, "043", "UZB", "KAZGOV", "2025-03-10"));
    if (d->nevent != 2)
        dump(d);
    att_doc_free(d);
}

TEST(quotes_with_speaker)
{
    att_doc *d = mk("„Die Beziehungen zu Aserbaidschan sind für uns sehr wichtig“, so Tokajew "
                    "wörtlich. Putin erklärte: „Das sind sehr gute Indikatoren für uns.“ "
                    "Die Firma „Rosneft“ schwieg.",
                    "de", NULL);
    ent(d, "person:tokayev", "person", "KAZGOV", "Tokajew");
    ent(d, "person:putin", "person", "RUSGOV", "Putin");
    ent(d, "country:AZE", "country", "AZE", "Aserbaidschan");
    run(d);
    CHECK_INT(d->nquote, 2);
    if (d->nquote == 2) {
        CHECK_STR(d->ents[d->quotes[0].speaker].id, "person:tokayev");
        CHECK(d->quotes[1].speaker >= 0 &&
              strcmp(d->ents[d->quotes[1].speaker].id, "person:putin") == 0);
        CHECK(strncmp(d->text + d->quotes[0].start, "Die Beziehungen", 15) == 0);
    }
    att_doc_free(d);
}

TEST(agents_modality_and_owners)
{
    att_doc *d = mk("Das Außenministerium in Baku forderte die armenische Führung auf, die "
                    "Grenze zu öffnen. Eriwan will Aserbaidschan nicht angreifen. Russlands Krieg "
                    "gegen die Ukraine dauert an. Am Flughafen wurde Tokajew von Alijew begrüßt.",
                    "de", "2025-04-22");
    ent(d, "place:baku", "place", "AZE", "Baku");
    ent(d, "country:ARM", "country", "ARM", "armenische");
    ent(d, "place:yerevan", "place", "ARM", "Eriwan");
    ent(d, "country:AZE", "country", "AZE", "Aserbaidschan");
    ent(d, "country:RUS", "country", "RUS", "Russlands");
    ent(d, "country:UKR", "country", "UKR", "Ukraine");
    ent(d, "person:tokayev", "person", "KAZGOV", "Tokajew");
    ent(d, "person:aliyev", "person", "AZEGOV", "Alijew");
    run(d);
    CHECK(has_event(d, "020", "AZEGOV", "ARMGOV", "2025-04-22")); /* the ministry in Baku */
    CHECK(!has_event(d, "190", "ARM", "AZE", "2025-04-22"));      /* "will nicht angreifen" */
    CHECK(has_event(d, "190", "RUS", "UKR", "2025-04-22"));       /* "Russlands Krieg" */
    CHECK(has_event(d, "051", "AZEGOV", "KAZGOV", "2025-04-22")); /* passive, "von Alijew" */
    if (d->nevent != 3)
        dump(d);
    CHECK_INT(d->nevent, 3);
    att_doc_free(d);
}

TEST(particles_and_participles)
{
    /* "zu" of an infinitive is no particle; "sagte ... zu." is a promise */
    att_doc *d = mk("Die Gefahr für Russland nehme zu, sagte Lawrow über Syrien. "
                    "Russland unterstützt Syrien mit international scharf kritisierten Angriffen. "
                    "Lawrow sagte Syrien Unterstützung zu.",
                    "de", "2016-01-10");
    ent(d, "person:lavrov", "person", "RUSGOV", "Lawrow");
    ent(d, "country:RUS", "country", "RUS", "Russland");
    ent(d, "country:SYR", "country", "SYR", "Syrien");
    run(d);
    CHECK(has_event(d, "030", "RUSGOV", "SYR", "2016-01-10"));
    CHECK(has_event(d, "051", "RUS", "SYR", "2016-01-10"));
    CHECK_INT(d->nevent, 2); /* no 030 from "nehme zu", no 111 from "kritisierten" */
    if (d->nevent != 2)
        dump(d);
    att_doc_free(d);
}

TEST(compounds_and_bare_agents)
{
    att_doc *d = mk("Im Jemen kämpft die Armee seit Monaten. Kim warf der US-Regierung vor, "
                    "einen Angriff vorzubereiten. Im Jemen griffen die Rebellen am Montag die "
                    "Armee an.",
                    "de", "2016-01-10");
    ent(d, "country:YEM", "country", "YEM", "Jemen");
    ent(d, "person:kim", "person", "PRKGOV", "Kim");
    ent(d, "country:USA", "country", "USA", "US");
    run(d);
    CHECK(has_event(d, "112", "PRKGOV", "USAGOV", "2016-01-10"));

    CHECK(has_event(d, "190", "YEMREB", "YEMMIL", "2016-01-04"));
    if (d->nevent != 2)
        dump(d);
    att_doc_free(d);
    /* an office compound and the name after it are one actor */
    d = mk("UN-Generalsekretär Ban kritisierte Syrien.", "de", "2016-01-10");
    ent(d, "org:un", "org", "IGOUNO", "UN");
    ent(d, "person:ban", "person", "KOR", "Ban");
    ent(d, "country:SYR", "country", "SYR", "Syrien");
    run(d);
    CHECK(has_event(d, "111", "IGOUNO", "SYR", "2016-01-10"));
    CHECK_INT(d->nevent, 1);
    if (d->nevent != 1)
        dump(d);
    att_doc_free(d);
}

TEST(parties_between)
{
    att_doc *d = mk("Beratungen gehen nach dem Treffen zwischen Kerry und Lawrow in Wien weiter.",
                    "de", "2016-01-10");
    ent(d, "person:kerry", "person", "USAGOV", "Kerry");
    ent(d, "person:lavrov", "person", "RUSGOV", "Lawrow");
    ent(d, "place:vienna", "place", "AUT", "Wien");
    run(d);
    CHECK(has_event(d, "040", "USAGOV", "RUSGOV", "2016-01-10"));
    if (d->nevent != 1)
        dump(d);
    att_doc_free(d);
}

TEST(dateline_is_no_antecedent)
{
    att_doc *d = mk("Astana, 12. März (Kazinform) – Der Präsident Kasachstans Tokajew hat den "
                    "Präsidenten Usbekistans Mirsijojew empfangen.",
                    "de", "2025-03-12");
    ent(d, "place:astana", "place", "KAZ", "Astana");
    ent(d, "country:KAZ", "country", "KAZ", "Kasachstans");
    ent(d, "person:tokayev", "person", "KAZGOV", "Tokajew");
    ent(d, "country:UZB", "country", "UZB", "Usbekistans");
    ent(d, "person:mirziyoyev", "person", "UZBGOV", "Mirsijojew");
    run(d);
    CHECK(has_event(d, "043", "KAZGOV", "UZBGOV", "2025-03-12"));
    CHECK(has_event(d, "042", "UZBGOV", "KAZGOV", "2025-03-12"));
    if (d->nevent != 2)
        dump(d);
    att_doc_free(d);
}

TEST(no_event_dated_after_the_article)
{
    att_doc *d = mk("Tokajew dankte Mirsijojew und lud ihn ein, im nächsten Jahr Astana zu "
                    "besuchen.",
                    "de", "2025-03-14");
    ent(d, "person:tokayev", "person", "KAZGOV", "Tokajew");
    ent(d, "person:mirziyoyev", "person", "UZBGOV", "Mirsijojew");
    ent(d, "place:astana", "place", "KAZ", "Astana");
    run(d);
    CHECK(has_event(d, "051", "KAZGOV", "UZBGOV", "2025-03-14"));
    if (!has_event(d, "051", "KAZGOV", "UZBGOV", "2025-03-14"))
        dump(d);
    att_doc_free(d);
}

TEST(pronoun_subject_and_apposition)
{
    att_doc *d = mk("Kerry traf Sisi in Kairo. Er sagte Ägypten Unterstützung zu. Die Klinik wird "
                    "von der Hilfsorganisation MSF unterstützt.",
                    "de", "2015-08-02");
    ent(d, "person:kerry", "person", "USAGOV", "Kerry");
    ent(d, "person:sisi", "person", "EGYGOV", "Sisi");
    ent(d, "place:cairo", "place", "EGY", "Kairo");
    ent(d, "country:EGY", "country", "EGY", "Ägypten");
    ent(d, "org:msf", "org", "NGOHLHMSF", "MSF");
    run(d);
    CHECK(has_event(d, "030", "USAGOV", "EGY", "2015-08-02"));
    CHECK(!has_event(d, "030", "EGY", "USAGOV", "2015-08-02"));
    CHECK(!has_event(d, "051", "USAGOV", "EGYGOV", "2015-08-02")); /* MSF is the agent */
    att_doc_free(d);
    /* the pronoun after the verb is the subject: "In Kairo traf er ..." */
    d = mk("Kerry ist in Ägypten. In Kairo traf er seinen Kollegen Sameh Shukri.", "de",
           "2015-08-02");
    ent(d, "person:kerry", "person", "USAGOV", "Kerry");
    ent(d, "person:shukri", "person", "EGYGOV", "Sameh Shukri");
    ent(d, "place:cairo", "place", "EGY", "Kairo");
    ent(d, "country:EGY", "country", "EGY", "Ägypten");
    run(d);
    CHECK(has_event(d, "040", "USAGOV", "EGYGOV", "2015-08-02"));
    CHECK(!has_event(d, "040", "EGYGOV", "USAGOV", "2015-08-02"));
    att_doc_free(d);
    d = mk("Kerry traf Sisi in Kairo. Er sagte Ägypten Unterstützung zu. Die Klinik wird "
           "von der Hilfsorganisation MSF unterstützt.",
           "de", "2015-08-02");
    ent(d, "person:kerry", "person", "USAGOV", "Kerry");
    ent(d, "person:sisi", "person", "EGYGOV", "Sisi");
    ent(d, "place:cairo", "place", "EGY", "Kairo");
    ent(d, "country:EGY", "country", "EGY", "Ägypten");
    ent(d, "org:msf", "org", "NGOHLHMSF", "MSF");
    run(d);
    CHECK_INT(d->nevent, 2);
    if (d->nevent != 2)
        dump(d);
    att_doc_free(d);
}

TEST(calling_it_illegal_is_criticism)
{
    att_doc *d = mk("Die Türkei bezeichnete die russischen Angriffe als Provokation. Russland "
                    "nannte die Reise eine lange geplante Visite.",
                    "de", "2016-02-16");
    ent(d, "country:TUR", "country", "TUR", "Türkei");
    ent(d, "country:RUS", "country", "RUS", "russischen|Russland");
    run(d);
    CHECK(has_event(d, "111", "TUR", "RUS", "2016-02-16"));
    CHECK_INT(d->nevent, 1); /* "nannte" without a word of blame is no criticism */
    if (d->nevent != 1)
        dump(d);
    att_doc_free(d);
}

TEST(speaker_is_no_party)
{
    att_doc *d = mk("Die Truppen Syriens griffen Krankenhäuser an, erklärte Kerry in Washington.",
                    "de", "2016-01-10");
    ent(d, "country:SYR", "country", "SYR", "Syriens");
    ent(d, "person:kerry", "person", "USAGOV", "Kerry");
    ent(d, "place:washington", "place", "USA", "Washington");
    run(d);
    CHECK_INT(d->nevent, 0);
    if (d->nevent)
        dump(d);
    att_doc_free(d);
}

static int has_fact(const att_doc *d, const char *kind, double value, const char *unit)
{
    for (size_t i = 0; i < d->nfact; i++)
        if (strcmp(d->facts[i].kind, kind) == 0 && d->facts[i].value == value &&
            strcmp(d->facts[i].unit, unit) == 0)
            return 1;
    return 0;
}

TEST(figures_of_people)
{
    att_doc *d = mk("Im Jemen wurden mehr als 6400 Menschen getötet, 2,8 Millionen Menschen "
                    "flüchteten. Bei dem Angriff wurden zwei Zivilisten verletzt. 300 Menschen "
                    "demonstrierten in Sanaa.",
                    "de", "2016-01-10");
    run(d);
    CHECK(has_fact(d, "count", 6400, "deaths"));
    CHECK(has_fact(d, "count", 2.8e6, "refugees"));
    CHECK(has_fact(d, "count", 2, "injured"));
    CHECK_INT((int)d->nfact, 3); /* people who only demonstrated are no figure */
    att_doc_free(d);
}

TEST(no_actors_no_events)
{
    att_doc *d = mk("Die Präsidenten trafen sich und unterzeichneten Abkommen.", "de", NULL);
    run(d);
    CHECK_INT(d->nevent, 0);
    att_doc_free(d);
}

TEST(lexicon_is_current)
{
    /* the generated tables match their TSV sources */
    int rc = system("cd ../.. 2>/dev/null; test -x scripts/gen-events-lex || exit 0; "
                    "command -v python3 >/dev/null || exit 0; scripts/gen-events-lex --check && "
                    "scripts/gen-cameo --check");
    CHECK_INT(rc, 0);
}

int main(void)
{
    RUN(visit_and_host);
    RUN(travel_to_country_means_its_government);
    RUN(sanctions_and_fighting);
    RUN(english_meeting);
    RUN(english_visits);
    RUN(quotes_with_speaker);
    RUN(agents_modality_and_owners);
    RUN(particles_and_participles);
    RUN(compounds_and_bare_agents);
    RUN(parties_between);
    RUN(dateline_is_no_antecedent);
    RUN(no_event_dated_after_the_article);
    RUN(pronoun_subject_and_apposition);
    RUN(calling_it_illegal_is_criticism);
    RUN(speaker_is_no_party);
    RUN(figures_of_people);
    RUN(no_actors_no_events);
    RUN(lexicon_is_current);
    return test_summary();
}

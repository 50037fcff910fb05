/*
 * test_names.c - names the KB lacks, from the statistical tagger, in the
 * entity layer: persons with a first and a last name come in, units after
 * figures and datelines do not, KB names are not doubled.
 */
#include <string.h>

#include "attache.h"
#include "doc/doc.h"
#include "test.h"

static att_ctx *ctx;

static att_doc *annotate(const char *text)
{
    att_doc *d = NULL;
    att_meta m = {0};
    m.lang = "de";
    if (att_doc_from_text(ctx, text, strlen(text), &m, &d) || att_annotate(ctx, d)) {
        att_doc_free(d);
        return NULL;
    }
    return d;
}

static int has(const att_doc *d, const char *id)
{
    for (size_t i = 0; i < d->nent; i++)
        if (strcmp(d->ents[i].id, id) == 0)
            return 1;
    return 0;
}

TEST(unknown_person_joins_the_layer)
{
    att_doc *d = annotate("Die Ökonomin Gerlinde Wassermeyer sprach am Montag in Rostock über die "
                          "Lage. Wassermeyer warnte vor höheren Zinsen.");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK(has(d, "person:gerlinde-wassermeyer"));
    CHECK(has(d, "place:rostock")); /* from the KB, once */
    for (size_t i = 0; i < d->nent; i++)
        if (strcmp(d->ents[i].id, "person:gerlinde-wassermeyer") == 0)
            CHECK(d->ents[i].code == NULL); /* no state named: no actor code */
    att_doc_free(d);
}

TEST(no_units_or_datelines)
{
    att_doc *d = annotate("Berlin. Das Land kaufte Waffen für mehr als 5 Mrd. USD aus Russland.");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK(!has(d, "org:usd"));
    CHECK(!has(d, "place:berlin"));
    att_doc_free(d);
}

TEST(a_name_takes_back_a_city)
{
    att_doc *d = annotate("Hanoi – Vor dem Besuch ist der Priester Nguyen Van Ly aus dem Gefängnis "
                          "entlassen worden. Obama empfing ihn in Schloss Bellevue.");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK(has(d, "place:hanoi"));
    CHECK(!has(d, "place:van"));      /* the city in Turkey */
    CHECK(!has(d, "place:bellevue")); /* the city in Washington state */
    att_doc_free(d);
}

int main(void)
{
    att_ctx_open(&ctx, NULL);
    RUN(unknown_person_joins_the_layer);
    RUN(no_units_or_datelines);
    RUN(a_name_takes_back_a_city);
    att_ctx_close(ctx);
    return test_summary();
}

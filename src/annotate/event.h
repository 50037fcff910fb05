/*
 * event.h - the CAMEO event coder (event.c) and its trigger lexicon
 * (event_lex.c, generated from data/events-{de,en}.tsv by
 * scripts/gen-events-lex).
 */
#ifndef ATT_EVENT_H
#define ATT_EVENT_H

#include "../doc/doc.h"

typedef enum att__event_frame {
    ATT_EVFR_SO,  /* source = subject, target = the other actor */
    ATT_EVFR_SP,  /* target after one of the prepositions */
    ATT_EVFR_SYM  /* two participants */
} att__event_frame;

#define ATT_EVF_VISIT 0x01   /* a visit: also 043 host -> visitor; target is the host */
#define ATT_EVF_HOST 0x02    /* hosting: also 042 object -> subject */
#define ATT_EVF_PARTNER 0x04 /* no target in the clause: the source's counterpart */

typedef struct att__event_rule {
    const char *lang;  /* "de", "en" */
    const char *with;  /* companion words that must stand in the clause, '|'-separated */
    const char *code;  /* CAMEO code */
    att__event_frame frame;
    const char *preps; /* SP: comma-separated prepositions */
    int flags;
} att__event_rule;

typedef struct att__event_form {
    const char *lang;
    const char *form; /* lower case; a trailing '*' matches any ending */
    int rule;
} att__event_form;

typedef struct att__event_agent {
    const char *lang;
    const char *word;  /* lower case */
    const char *agent; /* three-letter CAMEO role: MIL, GOV, JUD ... */
} att__event_agent;

extern const att__event_agent att__event_agents[];
extern const size_t att__event_nagents;
extern const att__event_rule att__event_rules[];
extern const size_t att__event_nrules;
extern const att__event_form att__event_forms[];
extern const size_t att__event_nforms;

/* Fills doc->events from the entity, timex, and quote layers. */
int att__event_annotate(att_doc *doc);

#endif

/*
 * doc.h - the document: normalised text, metadata and span layers.
 *
 * A reader fills the text and metadata (att__doc_new); each annotator adds
 * exactly one layer of spans that point into the text and never copies it.
 * Strings and layer arrays a document owns live in its arena or in arrays
 * freed by att_doc_free(), so one call releases everything.
 *
 * Invariants: text is valid NFC UTF-8 with "\n" line ends and "\n\n"
 * between paragraphs; every span satisfies start <= end <= len; id is the
 * hash of the text and does not change once set.
 */
#ifndef ATT_DOC_H
#define ATT_DOC_H

#include "../base/base.h"

/* Later layers.  Their shapes follow the `extract` JSON format
 * (docs/extract-format.md). */
typedef struct att_entity {
    const char *id;   /* "country:KAZ", "person:kassym-jomart-tokayev" */
    const char *type; /* country, place, person, org, project, event */
    const char *name; /* canonical (English Wikipedia) name */
    const char *code; /* CAMEO actor code at the document date, or NULL */
    att_span *mentions;
    size_t nmentions;
} att_entity;

typedef struct att_timex {
    uint32_t start, end;
    const char *type;  /* DATE, TIME, DURATION, SET */
    const char *value; /* TIMEX3 value */
    const char *mod;   /* TIMEX3 mod: START, MID, END, APPROX, LESS_THAN,
                          MORE_THAN; NULL for none (static strings) */
} att_timex;

typedef struct att_actor {
    int entity;       /* index into the entity layer, or -1 */
    const char *code; /* CAMEO actor code, or NULL */
} att_actor;

typedef struct att_event {
    const char *code; /* CAMEO event code, 3-4 digits */
    const char *root; /* first two digits */
    int quad;         /* QuadClass 1-4 */
    double goldstein;
    att_actor source, target;
    const char *date;     /* ISO 8601 at its precision, or NULL */
    const char *location; /* entity id of the place, or NULL */
    att_span sentence, trigger;
    double confidence;
} att_event;

typedef struct att_fact {
    uint32_t start, end;
    const char *kind;   /* trade_volume, growth, count, money */
    double value;
    const char *unit;   /* ISO 4217 code, "percent" or the counted noun */
    const char *period; /* ISO 8601 / TIMEX3 value, or NULL */
    const char *actors; /* comma-separated CAMEO codes, or NULL */
} att_fact;

typedef struct att_quote {
    uint32_t start, end; /* the quoted words, without the marks */
    int speaker;         /* index into the entity layer, or -1 */
    att_span cue;        /* the speech verb or "so X" that names the speaker */
} att_quote;

struct att_doc {
    att_arena arena;
    char id[17];
    char *text;
    size_t len;
    const char *ext_id, *url, *title, *source, *published, *lang;
    att_precision prec;
    char *meta_json; /* other fields of a JSON Lines record, as a JSON object */

    att_span *paras;
    size_t npara, cpara;
    att_token *toks;
    size_t ntok, ctok;
    att_span *sents;
    size_t nsent, csent;

    att_entity *ents;
    size_t nent, cent;
    att_timex *timex;
    size_t ntimex, ctimex;
    att_event *events;
    size_t nevent, cevent;
    att_fact *facts;
    size_t nfact, cfact;
    att_quote *quotes;
    size_t nquote, cquote;
};

/* Makes a document that takes ownership of text (malloc'ed, NUL-terminated,
 * already valid NFC UTF-8 with normalised line ends), sets its id and finds
 * its paragraphs.  On failure text is freed. */
int att__doc_new(att_ctx *ctx, char *text, size_t len, att_doc **out);

/* Copies s into the document's arena and stores it in *field ("" -> NULL). */
int att__doc_set(att_doc *doc, const char **field, const char *s);

/* Parses an ISO 8601 date or date-time at any precision ("2024", "2024-04",
 * "2024-04-17", "2024-04-17T10:22:00+02:00", also "17.04.2024") into its
 * canonical form (written to out[32]) and precision; ATT_PREC_NONE when it
 * is not a date. */
att_precision att__date_parse(const char *s, size_t n, char out[32]);

/* The month (1-12) a German or English month name or abbreviation w[0..n)
 * names ("März", "Jänner", "Sept.", "december"; any case, a trailing
 * period allowed), else 0. */
int att__month_name(const char *w, size_t n);

/* Sets the publication date from free text; returns 0 and leaves it unset
 * when the text is not a date. */
int att__doc_set_published(att_doc *doc, const char *s, size_t n);

/* Normalises raw UTF-8 (already validated) into the document text form:
 * BOM dropped, CR LF and CR to LF, NFC, trailing spaces cut, runs of blank
 * lines folded to one, no leading or trailing blank lines.  The result is
 * malloc'ed into *out. */
int att__text_normalize(att_ctx *ctx, const char *s, size_t n, char **out, size_t *outlen);

#endif

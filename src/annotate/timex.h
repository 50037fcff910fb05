/*
 * timex.h - the temporal tagger: finds German and English time expressions
 * in a document and normalises them to TIMEX3 (type DATE, TIME, DURATION,
 * SET; values like 2024-12, 2025-W17, 2023-FA, P10Y, PRESENT_REF).
 *
 *   timex.c        segments, tokens, the lexicon look-up, sentences and
 *                  the tense of each clause, the document layer, resolve
 *   timex_rules.c  the grammar of calendar points and the rule table
 *   timex_span.c   the grammar of clock times, durations and sets
 *   timex_int.h    what those three share (private)
 *   timex_date.c   calendar arithmetic, anchoring against the document
 *                  creation time (DCT) and the TIMEX3 value writer
 *   timex_govern.c the expression that governs a clause
 *   timex_lex.c    GENERATED from data/timex-{de,en}.tsv by
 *                  scripts/gen-timex-lex: the sorted word table
 *
 * Relative expressions are anchored to the DCT (doc->published, any ISO
 * 8601 precision); what the DCT cannot tell stays X ("XXXX-09-01").  See
 * docs/timex.md for the grammar, the anchoring rules and the decisions
 * (durations versus dates, extents without prepositions).
 */
#ifndef ATT_TIMEX_H
#define ATT_TIMEX_H

#include "../doc/doc.h"

/* ---- the tagger ---------------------------------------------------------- */

/* Fills doc->timex (replacing any) from doc->text, anchored at
 * doc->published, with the rules of doc->lang ("de", "en"; anything else:
 * both).  Spans are byte offsets into doc->text, in text order and not
 * overlapping; type and value strings live in the document's arena.  An
 * empty span (start == end) is a non-consuming DATE, TimeML's way to write
 * the date of "vor fünf Jahren" next to the DURATION "fünf Jahren" that
 * follows it (docs/timex.md, "Decisions"). */
int att__timex_annotate(att_doc *doc);

/* The same, and when mods is not NULL it also hands over the TIMEX3 mod of
 * each expression ("START", "MID", "END", "APPROX", "LESS_THAN",
 * "MORE_THAN"; static strings, NULL for none) as a malloc'ed array parallel
 * to doc->timex, *nmods long; the caller frees it with free().  (struct
 * att_timex has no mod field yet.) */
int att__timex_annotate_mods(att_doc *doc, const char ***mods, size_t *nmods);

/* Normalises one expression (e.g. "im Dezember vergangenen Jahres") as if it
 * stood alone in a document of language lang (NULL or "und": German, then
 * English) written at dct (ISO 8601 at any precision, or NULL: unknown).
 * The whole of text[0..len) must be one time expression, optionally with a
 * leading preposition.  Writes the type and the value (NUL-terminated,
 * truncated to the sizes) and returns 0; ATT_EINVAL for empty input or a
 * NULL buffer, ATT_ENOTFOUND when the text is not (only) a time expression
 * or names an impossible date ("31. Februar"). */
int att__timex_resolve(const char *text, size_t len, const char *lang, const char *dct,
                       char *type_out, size_t type_size, char *value_out, size_t value_size);

/* The index into doc->timex of the time expression that governs the clause
 * of the span [start,end), or -1.  Only DATE and TIME expressions in the same
 * sentence (doc->sents; a paragraph when there are none) count; one in the
 * same clause wins over one behind a clause boundary (a comma followed by a
 * conjunction or relative pronoun), then the nearest one wins, a preceding
 * one on a tie. */
int att__timex_governing(const att_doc *doc, uint32_t start, uint32_t end);

/* ---- the lexicon (timex_lex.c, generated) -------------------------------- */

typedef enum att_txclass {
    ATT_TXC_MONTH,     /* januar: 1..12 */
    ATT_TXC_MONTHABBR, /* jan (followed by a period): 1..12 */
    ATT_TXC_WDAY,      /* montag: 1..7, Monday = 1 */
    ATT_TXC_WDAYS,     /* montags: every Monday */
    ATT_TXC_SEASON,    /* 1 SP, 2 SU, 3 FA, 4 WI */
    ATT_TXC_POD,       /* part of day: 1 MO, 2 MI, 3 AF, 4 EV, 5 NI */
    ATT_TXC_PODADV,    /* abends: as POD */
    ATT_TXC_UNIT,      /* unit code (ATT_TXU_*), + 100 for a plural form */
    ATT_TXC_UNITLANG,  /* jahrelang: a vague duration of that unit */
    ATT_TXC_NUM,       /* number word; -1 for vague (einige, several) */
    ATT_TXC_HALF,      /* eineinhalb: value in halves */
    ATT_TXC_ORD,       /* erste: ordinal */
    ATT_TXC_REL,       /* vergangene -1, diese 0, nächste +1 */
    ATT_TXC_MOD,       /* 1 START, 2 MID, 3 END */
    ATT_TXC_QUANT,     /* 1 APPROX, 2 LESS_THAN, 3 MORE_THAN */
    ATT_TXC_DEIC,      /* heute 0, gestern -1; 10 = tonight */
    ATT_TXC_RELU,      /* vorjahr: unit * 10 + offset + 5 */
    ATT_TXC_REF,       /* 1 PRESENT_REF, 2 PAST_REF, 3 FUTURE_REF */
    ATT_TXC_SETW,      /* täglich: unit of the period */
    ATT_TXC_EVERY,     /* jeden, every */
    ATT_TXC_PREP,      /* 1 am/on 2 im/in 3 um/at 4 seit 5 bis 6 von 7 gegen */
    ATT_TXC_AGO,       /* vor (a count follows) */
    ATT_TXC_AFTER,     /* zuvor -1, später +1, ago -1 (after a count) */
    ATT_TXC_UHR,       /* Uhr, o'clock */
    ATT_TXC_ART,       /* der, die, das, the */
    ATT_TXC_TPAST,     /* a past-tense cue: wurde, war, said */
    ATT_TXC_TFUT,      /* a future cue: wird, soll, will */
    ATT_TXC_PER,       /* pro, je, per */
    ATT_TXC_ONCE,      /* einmal 1, zweimal 2 */
    ATT_TXC_HALFW,     /* Hälfte */
    ATT_TXC_OF,        /* of */
    ATT_TXC_DECADEW,   /* sechziger: the decade, 196 */
    ATT_TXC_COUNT,     /* Euro, Menschen: a number before it is no year */
    ATT_TXC_HABIT,     /* jeweils, wochentags: a clock time after it has no date */
    ATT_TXC_HOLIDAY,   /* Weihnachten: MMDD, or 2000 + days from Easter Sunday */
    ATT_TXC_PERIOD,    /* Saison, Amtsperiode: "der Saison 2014/15" */
    ATT_TXC_MODUNIT    /* Jahresende: mod * 100 + unit, or + 50 + season */
} att_txclass;

enum {
    ATT_TXU_S = 1,
    ATT_TXU_MIN,
    ATT_TXU_H,
    ATT_TXU_D,
    ATT_TXU_W,
    ATT_TXU_WE,
    ATT_TXU_M,
    ATT_TXU_Q,
    ATT_TXU_HALFYEAR,
    ATT_TXU_Y,
    ATT_TXU_DE,
    ATT_TXU_CE
};

typedef struct att__timex_lexent {
    const char *form;  /* lower case UTF-8 */
    unsigned char cls; /* att_txclass */
    short value;
    unsigned char langs; /* 1 de, 2 en */
} att__timex_lexent;

extern const att__timex_lexent att__timex_lex[];
extern const size_t att__timex_nlex;
/* rows [first[b], first[b+1]) are the forms starting with byte b */
extern const unsigned short att__timex_lex_first[257];
/* 1 + the first row of a form at FNV-1a-32(form) & (nhash - 1), probing on;
 * 0: not there */
extern const unsigned short att__timex_lex_hash[];
extern const size_t att__timex_lex_nhash;
extern const char att__timex_lex_digest[]; /* FNV-1a of the TSVs, 16 hex */

/* ---- calendar and values (timex_date.c) ---------------------------------- */

/* A point or period on the calendar, partly known.  y < 0 means the year is
 * unknown (XXXX); m, d, week, sub = 0 mean unknown or not part of it. */
typedef enum att_txgran {
    ATT_TXG_YEAR = 1,
    ATT_TXG_MONTH,
    ATT_TXG_DAY,
    ATT_TXG_WEEK,
    ATT_TXG_WEEKEND,
    ATT_TXG_WDAY, /* a weekday of an unknown week: 2024-WXX-1 */
    ATT_TXG_SEASON,
    ATT_TXG_QUARTER,
    ATT_TXG_HALF,
    ATT_TXG_DECADE,
    ATT_TXG_CENTURY
} att_txgran;

typedef struct att__txdate {
    int gran;          /* att_txgran */
    int y, m, d, week; /* week: ISO week (its year in y) */
    int sub;           /* season 1-4, quarter 1-4, half 1-2, weekday 1-7 */
    int decade;        /* 199 for the 1990s; century 19 for the 1900s */
    int hour, min;     /* hour >= 0 makes it a TIME */
    int pod;           /* part of day 1..5 (TIME without a clock time) */
} att__txdate;

/* The DCT, parsed. */
typedef struct att__txdct {
    int y, m, d; /* 0 when unknown (y 0: no DCT at all) */
} att__txdct;

void att__txdct_parse(att__txdct *dct, const char *iso);
int att__tx_days(int y, int m, int d); /* days since 1970-01-01 */
void att__tx_civil(int days, int *y, int *m, int *d);
int att__tx_wday(int y, int m, int d); /* 1 = Monday */
void att__tx_isoweek(int y, int m, int d, int *wy, int *w);
int att__tx_mdays(int y, int m);            /* days in the month */
void att__tx_easter(int y, int *m, int *d); /* Easter Sunday (Gregorian) */

/* The DCT as a date of its precision, shifted by n units (ATT_TXU_*):
 * returns 0 and fills *out, with X (0 / -1) for what the DCT cannot tell. */
void att__tx_shift(const att__txdct *dct, int unit, int n, att__txdate *out);

/* Writes the duration of halves/2 units (ATT_TXU_*; halves < 0: vague, "PXY")
 * as a TIMEX3 value: P3Y, PT1.5H, P10Y for a decade, P6M for a half-year. */
void att__tx_duration(char *out, size_t size, int unit, int halves);

/* Writes the TIMEX3 value of d into out[size]. */
void att__tx_format(const att__txdate *d, char *out, size_t size);

#endif

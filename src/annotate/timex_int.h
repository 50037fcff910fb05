/*
 * timex_int.h - what the two halves of the temporal tagger share (private to
 * src/annotate/timex*.c; the module's interface is timex.h).
 *
 *   timex.c        the text side: segments, tokens, the lexicon look-up,
 *                  sentences and their tense, the document layer (which
 *                  expression wins, what context it leaves for the next
 *                  one), att__timex_resolve
 *   timex_rules.c  the grammar of calendar points (dates, weeks, months,
 *                  seasons, years, decades, holidays), the rule table and
 *                  att__tx_match_at(), which tries every rule
 *   timex_span.c   the grammar of clock times, parts of day, durations and
 *                  sets
 *
 * A rule only reads the tokens [0,n) of its tx_ctx and the context the
 * document layer keeps there (the last day-precision date, the last year
 * the text named); it never writes the context.  The small token tests are
 * static inline here because every rule calls them at every token.
 */
#ifndef ATT_TIMEX_INT_H
#define ATT_TIMEX_INT_H

#include "timex.h"

#include <string.h>

#define TX_SEGMAX 16384 /* bytes per segment; a token never crosses a cut */
#define TX_WORDMAX 32   /* longer words are not in the lexicon */
#define TX_MAXLEX 4     /* lexicon rows one form may have */

enum { TK_WORD = 1, TK_NUM, TK_PUNCT };
enum { TT_DATE = 1, TT_TIME, TT_DUR, TT_SET };
enum { MOD_NONE, MOD_START, MOD_MID, MOD_END, MOD_APPROX, MOD_LESS, MOD_MORE };

typedef struct tx_tok {
    uint32_t start, end;
    uint8_t kind;
    uint8_t upper; /* first letter upper case */
    int8_t tense;  /* of its sentence: -1 past, 1 future, 0 unknown */
    uint8_t nlex;  /* lexicon rows of the word (language-filtered) */
    uint16_t lex[TX_MAXLEX];
    int num;              /* value of a number (capped) */
    uint8_t ndig;         /* digits of a number */
    uint32_t sent;        /* sentence number inside the segment */
    char low[TX_WORDMAX]; /* lower-cased word or the punctuation byte(s) */
} tx_tok;

typedef struct tx_ctx {
    const char *text;
    tx_tok *t;
    size_t n;
    int langs; /* 1 de, 2 en, 3 both */
    att__txdct dct;
    att__txdate ref; /* last day-precision date, for clock times */
    int has_ref;
    int ref_list;      /* it closed a list of days: times after it are generic */
    int ref_night;     /* it followed "Nacht zum": evening hours are the day before */
    uint32_t ref_sent; /* the sentence it was in */
    int yref;          /* the last year written out, 0 after a DCT-anchored one */
    int yref_fine;     /* it came with a month, season or day ("März 1992") */
    uint32_t yref_sent;
    int standalone;     /* att__timex_resolve: no sentence around the words */
    const char ***mods; /* the caller's mod array, or NULL */
    size_t *nmods, cmods;
} tx_ctx;

typedef struct tx_match {
    size_t b, e;   /* extent in tokens [b,e) */
    int type;      /* TT_* */
    att__txdate d; /* the value when lit is empty */
    char lit[32];  /* a literal value: P3Y, PRESENT_REF, XXXX-WXX-1 */
    int mod;
    int bad;     /* an impossible date: no match, but say so */
    int list;    /* a bare day of a list ("am 3., 4. und 5. Mai") */
    int derived; /* anchored at tx_ctx.ref ("Vortag"): not a new ref */
    /* "vor fünf Jahren": when dur is set, the match is the duration dur over
     * tokens [db,e) and the date d it leads to, a non-consuming expression
     * (an empty span at token b), as TimeML writes it */
    size_t db;
    char dur[16];
} tx_match;

/* ---- tokens ---------------------------------------------------------------- */

/* The lexicon row of form w (the first of its rows), or -1. */
int att__tx_lex_find(const char *w);

/* Is token i a word of class cls?  Stores its value in *val (may be NULL). */
static inline int tx_is(const tx_ctx *c, size_t i, int cls, int *val)
{
    if (i >= c->n || c->t[i].kind != TK_WORD)
        return 0;
    for (int j = 0; j < c->t[i].nlex; j++) {
        const att__timex_lexent *e = &att__timex_lex[c->t[i].lex[j]];
        if (e->cls == cls) {
            if (val)
                *val = e->value;
            return 1;
        }
    }
    return 0;
}

static inline int tx_word(const tx_ctx *c, size_t i, const char *w)
{
    return i < c->n && c->t[i].kind == TK_WORD && strcmp(c->t[i].low, w) == 0;
}

static inline int tx_punct(const tx_ctx *c, size_t i, char ch)
{
    return i < c->n && c->t[i].kind == TK_PUNCT && c->t[i].low[0] == ch && !c->t[i].low[1];
}

/* Token i and i+1 touch (no space between). */
static inline int tx_adj(const tx_ctx *c, size_t i)
{
    return i + 1 < c->n && c->t[i].end == c->t[i + 1].start;
}

static inline int tx_num(const tx_ctx *c, size_t i, int mindig, int maxdig)
{
    return i < c->n && c->t[i].kind == TK_NUM && c->t[i].ndig >= mindig && c->t[i].ndig <= maxdig;
}

static inline void tx_date0(att__txdate *d, int gran)
{
    memset(d, 0, sizeof *d);
    d->gran = gran;
    d->y = -1;
    d->hour = -1;
}

/* The preposition before token i (ATT_TXC_PREP value), or 0. */
static inline int tx_prep(const tx_ctx *c, size_t i)
{
    int v = 0;
    if (i > 0 && tx_is(c, i - 1, ATT_TXC_PREP, &v))
        return v;
    return 0;
}

/* Does the date the text has just named (c->ref) hold for token i: named in
 * its sentence or the one before ("Es geschah am Dienstag. Er trainierte am
 * Nachmittag")? */
static inline int tx_ref_ok(const tx_ctx *c, size_t i)
{
    return c->has_ref && i < c->n &&
           (c->ref_sent == c->t[i].sent || c->ref_sent + 1 == c->t[i].sent);
}

/* ---- the grammar (timex_rules.c, timex_span.c) ------------------------------- */

/* Could w start with a weekday name (a compound like "mittwochabend")? */
int att__tx_wday_prefix(const char *w);

/* Tries every rule at token i; returns the end of the longest match (0: none)
 * and fills *best. */
size_t att__tx_match_at(const tx_ctx *c, size_t i, tx_match *best);

/* Helpers of timex_rules.c that timex_span.c shares: the number of a count
 * (digits, a number word, "eineinhalb"; tokens used, its value in halves in
 * *halves, -2 when vague); the year the text has just named for token i or
 * -1 (anaphor: "des Jahres", which points back by itself); the weekday of
 * token i (1-7, 0: none; a part of day of a compound in *pod); a day and
 * month at token i ("14. August 2015"). */
size_t att__tx_count(const tx_ctx *c, size_t i, int *halves);
int att__tx_text_year(const tx_ctx *c, size_t i, int anaphor);
int att__tx_wday_word(const tx_ctx *c, size_t i, int *pod);
size_t att__tx_day_month(const tx_ctx *c, size_t i, tx_match *m);

/* The rules of timex_span.c (r(c, i, m) as in timex_rules.c): durations,
 * vague "jahrelang" durations, sets, clock times, parts of day. */
size_t att__tx_r_duration(const tx_ctx *c, size_t i, tx_match *m);
size_t att__tx_r_unitlang(const tx_ctx *c, size_t i, tx_match *m);
size_t att__tx_r_set(const tx_ctx *c, size_t i, tx_match *m);
size_t att__tx_r_time(const tx_ctx *c, size_t i, tx_match *m);
size_t att__tx_r_pod(const tx_ctx *c, size_t i, tx_match *m);

#endif

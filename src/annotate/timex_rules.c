/*
 * timex_rules.c - the temporal tagger's grammar of calendar points
 * (timex_int.h): dates, weekdays, weeks, months, seasons, quarters, years,
 * decades, centuries, holidays, the words for now and then; and the rule
 * table, which also lists the rules of timex_span.c (clock times, parts of
 * day, durations, sets).
 *
 * Each rule is one function r(c, i, m) that tries to match at token i and
 * returns the end of its extent (0: no match); att__tx_match_at() tries them
 * all, the longest match winning (the first rule on a tie).  A rule may
 * look back at the tokens before i for a cue (a preposition, "jeden") and
 * may move m->b when a cue is or is not part of the extent.  It fills either
 * a calendar value (att__txdate, written by timex_date.c) or a literal
 * (P3Y, PRESENT_REF).
 *
 * Invariants: a rule reads only tokens [0,n) and never writes the context;
 * extents leave prepositions out (TimeML), except where the preposition
 * makes the meaning ("vor einem Monat"); relative values are anchored at the
 * DCT, anaphoric ones ("am selben Tag", "Ende des Jahres" after "1991") at
 * what the text has just named; the tense of the clause (token.tense)
 * chooses between the last and the next weekday, month or day.
 * docs/timex.md lists the rules with examples.
 */
#include "timex_int.h"

#include <stdio.h>
#include <string.h>

/* ---- helpers the rules share ---------------------------------------------- */

/* The year the text itself has just named for token i ("im März 1992 …,
 * im April"; "Der Lehrgang soll im Frühjahr 2015 starten.  … im April"), or
 * -1.  It counts in its own sentence; in the next one only when it came with
 * a month, season or day ("im Jahr 2024 wurden … transportiert.  … als die
 * Präsidenten Mitte Januar …" is this January), or for "des Jahres", which
 * points back at a year by itself ("Erst 1991 … Ab Ende des Jahres"). */
int att__tx_text_year(const tx_ctx *c, size_t i, int anaphor)
{
    if (c->yref <= 0 || c->standalone || i >= c->n)
        return -1;
    if (c->yref_sent == c->t[i].sent ||
        (c->yref_sent + 1 == c->t[i].sent && (anaphor || c->yref_fine)))
        return c->yref;
    return -1;
}

/* The year a month (and day) without one most likely belongs to: the one
 * the text has just named, else the DCT's, moved back or on a year when the
 * clause's tense says the date lies on the other side of the DCT. */
static int tx_guess_year(const tx_ctx *c, size_t i, int m, int d)
{
    int y = att__tx_text_year(c, i, 0);
    if (y > 0)
        return y;
    if (c->dct.y <= 0)
        return -1;
    int tense = c->t[i].tense;
    if (!c->dct.m)
        return c->dct.y;
    /* "bis Oktober", "ab Mai" set a limit from the time of writing on, also in
     * a past-tense clause: "Vergangene Woche wurde der Notstand bis Oktober
     * verlängert" */
    size_t p = i > 0 && tx_is(c, i - 1, ATT_TXC_MOD, NULL) ? i - 1 : i;
    if (tense < 0 && p > 0 && (tx_word(c, p - 1, "bis") || tx_word(c, p - 1, "ab")))
        tense = 0;
    if (tx_prep(c, p) == 4) /* "seit Oktober" looks back */
        tense = -1;
    /* months between the DCT and the date in the DCT's year (days break ties) */
    int diff = (m - c->dct.m) * 2 + (d && c->dct.d ? (d > c->dct.d) - (d < c->dct.d) : 0);
    if (tense < 0)
        return diff > 2 ? c->dct.y - 1 : c->dct.y;
    if (tense > 0)
        return diff < -2 ? c->dct.y + 1 : c->dct.y;
    if (diff > 18) /* more than nine months ahead: last year's */
        return c->dct.y - 1;
    if (diff < -18)
        return c->dct.y + 1;
    return c->dct.y;
}

/* The months a season begins and ends in (SP SU FA; winter runs into the
 * next year). */
static const int tx_season_first[] = {0, 3, 6, 9, 12}, tx_season_last[] = {0, 5, 8, 11, 14};

/* The year of a season named without one: the year the text has just
 * named, else the DCT's -- moved back a year when a past-tense clause (or
 * "seit dem Frühjahr") names a spring, summer or autumn that has not begun
 * at the DCT ("Im Herbst stieg der Kurs" written in January), on a year
 * when a future-tense one names one that is over ("im Frühjahr soll … "
 * written in October).  Winter is never moved: KRAUTS writes the winter a
 * January lies in with January's year (2014-WI for "diesem Winter" in March
 * 2014), so both the last and the next winter are the DCT's year.  (Moving
 * by the tense whenever the season lies on the other side of the DCT, as
 * for months, cost more than it gained on the development set: "wenn du im
 * Sommer … einsteigen möchtest" in a sentence with "haben".) */
static int tx_season_year(const tx_ctx *c, size_t i, int season)
{
    int y = att__tx_text_year(c, i, 0);
    if (y > 0)
        return y;
    if (c->dct.y <= 0)
        return -1;
    if (!c->dct.m || season < 1 || season > 3 || i >= c->n)
        return c->dct.y;
    int tense = c->t[i].tense;
    if (tx_prep(c, i) == 4 ||
        (i > 1 && tx_is(c, i - 1, ATT_TXC_ART, NULL) && tx_prep(c, i - 1) == 4))
        tense = -1; /* seit dem Sommer */
    if (tense < 0 && c->dct.m < tx_season_first[season])
        return c->dct.y - 1;
    if (tense > 0 && c->dct.m > tx_season_last[season])
        return c->dct.y + 1;
    return c->dct.y;
}

/* A year after a month or season: "2023", "vergangenen Jahres", "des
 * Jahres 2025", "dieses Jahres", "des Vorjahres", "of last year".  Returns
 * the tokens used (0: none) and the year (-1 when the DCT cannot tell). */
static size_t tx_yearspec(const tx_ctx *c, size_t i, int *year)
{
    int v = 0, u = 0;
    size_t j = i;
    if (tx_num(c, j, 4, 4) && c->t[j].num >= 1000 && c->t[j].num <= 2099) {
        *year = c->t[j].num;
        return 1;
    }
    if (tx_is(c, j, ATT_TXC_OF, NULL)) {
        size_t k = tx_yearspec(c, j + 1, year);
        return k ? k + 1 : 0;
    }
    if (tx_is(c, j, ATT_TXC_ART, NULL))
        j++;
    if (tx_is(c, j, ATT_TXC_RELU, &v) && v / 10 == ATT_TXU_Y) {
        *year = c->dct.y > 0 ? c->dct.y + v % 10 - 5 : -1;
        return j + 1 - i;
    }
    int rel = 0, has_rel = tx_is(c, j, ATT_TXC_REL, &rel);
    if (has_rel)
        j++;
    if (tx_is(c, j, ATT_TXC_UNIT, &u) && u == ATT_TXU_Y && (has_rel || j > i)) {
        if (!has_rel && tx_num(c, j + 1, 4, 4)) {
            *year = c->t[j + 1].num;
            return j + 2 - i;
        }
        *year = c->dct.y > 0 ? c->dct.y + rel : -1;
        if (!has_rel && att__tx_text_year(c, i, 1) > 0) /* "Ende des Jahres" */
            *year = att__tx_text_year(c, i, 1);
        return j + 1 - i;
    }
    return 0;
}

static int tx_valid_day(int y, int m, int d)
{
    return m >= 1 && m <= 12 && d >= 1 &&
           d <= (y > 0    ? att__tx_mdays(y, m)
                 : m == 2 ? 29
                          : att__tx_mdays(2001, m));
}

static int tx_month_at(const tx_ctx *c, size_t i, size_t *used)
{
    int m = 0;
    if (tx_is(c, i, ATT_TXC_MONTH, &m) && c->t[i].upper) {
        *used = 1;
        return m;
    }
    if (tx_is(c, i, ATT_TXC_MONTHABBR, &m) && c->t[i].upper && tx_punct(c, i + 1, '.')) {
        *used = 2;
        return m;
    }
    return 0;
}

/* English ordinal suffixes glued to a number: 1st 2nd 3rd 4th. */
static int tx_ordsuffix(const tx_ctx *c, size_t i)
{
    return i < c->n && c->t[i].kind == TK_WORD && c->t[i - 1].end == c->t[i].start &&
           (!strcmp(c->t[i].low, "st") || !strcmp(c->t[i].low, "nd") ||
            !strcmp(c->t[i].low, "rd") || !strcmp(c->t[i].low, "th"));
}

/* Number of a count: digits, a number word or a half ("eineinhalb").
 * Returns tokens used; *halves gets the value in halves (-2: vague). */
size_t att__tx_count(const tx_ctx *c, size_t i, int *halves)
{
    int v = 0;
    if (tx_num(c, i, 1, 5)) {
        /* not the tail of 1.000 or 1,5 */
        if (i >= 2 && c->t[i - 2].kind == TK_NUM && tx_adj(c, i - 2) && tx_adj(c, i - 1) &&
            (tx_punct(c, i - 1, '.') || tx_punct(c, i - 1, ',')))
            return 0;
        if ((tx_punct(c, i + 1, '.') || tx_punct(c, i + 1, ',')) && tx_adj(c, i) &&
            tx_num(c, i + 2, 1, 3) && tx_adj(c, i + 1))
            return 0;
        *halves = c->t[i].num * 2;
        return 1;
    }
    if (tx_is(c, i, ATT_TXC_NUM, &v)) {
        *halves = v < 0 ? -2 : v * 2;
        return 1;
    }
    if (tx_is(c, i, ATT_TXC_HALF, &v)) {
        *halves = v;
        return 1;
    }
    return 0;
}

/* ---- the rules ------------------------------------------------------------- */

/* Each rule tries to match at token i and returns the end of its extent
 * (0: no match).  m is zeroed with b = i before each call. */
typedef size_t (*tx_rule_fn)(const tx_ctx *c, size_t i, tx_match *m);

/* m is the day mo/d of year y, or of the year the text implies when y is 0
 * ("am 1. September"); an impossible day ("31. Februar") marks it bad. */
static void day_date(const tx_ctx *c, size_t i, tx_match *m, int y, int mo, int d)
{
    tx_date0(&m->d, ATT_TXG_DAY);
    m->d.y = y ? y : tx_guess_year(c, i, mo, d);
    m->d.m = mo, m->d.d = d;
    if (!tx_valid_day(m->d.y, mo, d))
        m->bad = 1;
}

/* 2023-09-01, 1.9.2023, 01.09.23, 9/1/2023 (English: month first) */
static size_t r_numeric_date(const tx_ctx *c, size_t i, tx_match *m)
{
    int y, mo, d;
    if (tx_num(c, i, 4, 4) && tx_punct(c, i + 1, '-') && tx_num(c, i + 2, 1, 2) &&
        tx_punct(c, i + 3, '-') && tx_num(c, i + 4, 1, 2) && tx_adj(c, i) && tx_adj(c, i + 1) &&
        tx_adj(c, i + 2) && tx_adj(c, i + 3)) {
        y = c->t[i].num, mo = c->t[i + 2].num, d = c->t[i + 4].num;
    } else if (tx_num(c, i, 1, 2) && tx_num(c, i + 2, 1, 2) && tx_adj(c, i) && tx_adj(c, i + 1) &&
               tx_adj(c, i + 2) && tx_adj(c, i + 3) &&
               ((tx_punct(c, i + 1, '.') && tx_punct(c, i + 3, '.')) ||
                (tx_punct(c, i + 1, '/') && tx_punct(c, i + 3, '/'))) &&
               (tx_num(c, i + 4, 4, 4) || tx_num(c, i + 4, 2, 2))) {
        int a = c->t[i].num, b = c->t[i + 2].num;
        y = c->t[i + 4].num;
        if (c->t[i + 4].ndig == 2)
            y += y < 50 ? 2000 : 1900;
        if (tx_punct(c, i + 1, '/') && c->langs == 2)
            mo = a, d = b;
        else
            d = a, mo = b;
    } else {
        return 0;
    }
    if (tx_adj(c, i + 4) && c->t[i + 5].kind != TK_PUNCT)
        return 0;
    tx_date0(&m->d, ATT_TXG_DAY);
    m->d.y = y, m->d.m = mo, m->d.d = d;
    if (y < 1000 || !tx_valid_day(y, mo, d))
        m->bad = 1;
    return i + 5;
}

/* 12. Dezember 2023, 1. September, 1st of September, 12 December 2023 */
size_t att__tx_day_month(const tx_ctx *c, size_t i, tx_match *m)
{
    size_t j = i + 1, used = 0;
    int mo, y = 0;
    if (!tx_num(c, i, 1, 2))
        return 0;
    if (tx_punct(c, j, '.') && tx_adj(c, i))
        j++;
    else if (tx_ordsuffix(c, j))
        j++;
    else if (c->langs == 1)
        return 0;
    if (tx_is(c, j, ATT_TXC_OF, NULL))
        j++;
    mo = tx_month_at(c, j, &used);
    if (!mo)
        return 0;
    j += used;
    int d = c->t[i].num;
    size_t k = tx_yearspec(c, j, &y);
    if (tx_punct(c, j, ',') && tx_num(c, j + 1, 4, 4)) /* 1 September, 2023 */
        k = tx_yearspec(c, j + 1, &y) + 1;
    day_date(c, i, m, k ? y : 0, mo, d);
    return j + k;
}

/* September 1, 2023; Dec. 12; Mai 2014; im Dezember; im Dezember vergangenen
 * Jahres.  A month name alone needs a cue before it (a preposition, a
 * modifier) or a year after it: "August" and "März" are also names. */
static size_t r_month(const tx_ctx *c, size_t i, tx_match *m)
{
    size_t used = 0, j;
    int y = 0, mo = tx_month_at(c, i, &used);
    if (!mo)
        return 0;
    j = i + used;
    if (tx_num(c, j, 1, 2) && c->langs != 1 &&
        (!tx_adj(c, j) || tx_punct(c, j + 1, ',') || tx_ordsuffix(c, j + 1))) {
        int d = c->t[j].num;
        j++;
        if (tx_ordsuffix(c, j))
            j++;
        size_t k = 0;
        if (tx_punct(c, j, ',') && tx_num(c, j + 1, 4, 4))
            k = 1 + tx_yearspec(c, j + 1, &y);
        else
            k = tx_yearspec(c, j, &y);
        day_date(c, i, m, k ? y : 0, mo, d);
        return j + k;
    }
    size_t k = tx_yearspec(c, j, &y);
    size_t u2 = 0;
    int cue =
        tx_prep(c, i) ||
        (i > 0 && (tx_is(c, i - 1, ATT_TXC_MOD, NULL) || tx_is(c, i - 1, ATT_TXC_REL, NULL))) ||
        (i > 1 && tx_punct(c, i - 1, '-') && tx_is(c, i - 2, ATT_TXC_MOD, NULL)) ||
        /* "im Juli und August": the second month has the first's cue */
        (i > 1 &&
         (tx_word(c, i - 1, "und") || tx_word(c, i - 1, "oder") || tx_word(c, i - 1, "bis") ||
          tx_punct(c, i - 1, '-') || tx_punct(c, i - 1, ',')) &&
         tx_month_at(c, i - 2, &u2));
    if (!k && !cue)
        return 0;
    if (!k && used == 2) /* "im Jan." alone is too thin */
        return 0;
    tx_date0(&m->d, ATT_TXG_MONTH);
    m->d.y = k ? y : tx_guess_year(c, i, mo, 0);
    m->d.m = mo;
    return j + k;
}

/* Weekdays: Montag, Donnerstag, 18. Dezember, Mittwochabend, Monday night.
 * Anchored by the tense: past (and unknown) -> the last such day up to the
 * DCT, future -> the next one after it. */
/* Could w start with a weekday name (mo di mi do fr sa so, mon tue ...)? */
int att__tx_wday_prefix(const char *w)
{
    static const char pre[][3] = {"mo", "di", "mi", "do", "fr", "sa", "so", "tu", "we", "th", "su"};
    for (size_t k = 0; k < ATT_ARRAY_LEN(pre); k++)
        if (w[0] == pre[k][0] && w[1] == pre[k][1])
            return 1;
    return 0;
}

int att__tx_wday_word(const tx_ctx *c, size_t i, int *pod)
{
    int wd = 0;
    *pod = 0;
    if (i >= c->n || c->t[i].kind != TK_WORD || !c->t[i].upper)
        return 0;
    if (tx_is(c, i, ATT_TXC_WDAY, &wd))
        return wd;
    /* compounds: Mittwochabend, Donnerstagnachmittag */
    const char *w = c->t[i].low;
    size_t len = strlen(w);
    if (!att__tx_wday_prefix(w))
        return 0;
    for (size_t p = 5; p + 4 <= len && p < 12; p++) {
        char head[TX_WORDMAX];
        memcpy(head, w, p);
        head[p] = '\0';
        int hi = att__tx_lex_find(head);
        if (hi < 0 || att__timex_lex[hi].cls != ATT_TXC_WDAY)
            continue;
        int pi = att__tx_lex_find(w + p);
        for (int q = pi;
             q >= 0 && (size_t)q < att__timex_nlex && !strcmp(att__timex_lex[q].form, w + p); q++) {
            if (att__timex_lex[q].cls == ATT_TXC_POD) {
                *pod = att__timex_lex[q].value;
                return att__timex_lex[hi].value;
            }
        }
    }
    return 0;
}

static void tx_wday_resolve(const tx_ctx *c, int wd, int dir, att__txdate *d)
{
    tx_date0(d, ATT_TXG_WDAY);
    d->sub = wd;
    if (!c->dct.d) {
        d->y = c->dct.y > 0 ? c->dct.y : -1;
        return;
    }
    int cur = att__tx_wday(c->dct.y, c->dct.m, c->dct.d);
    int off;
    if (dir > 0)
        off = ((wd - cur) % 7 + 7) % 7;
    else
        off = -(((cur - wd) % 7 + 7) % 7);
    if (dir > 1 && off == 0) /* "kommenden Montag" on a Monday */
        off = 7;
    if (dir < -1 && off == 0) /* "vergangenen Montag" on a Monday */
        off = -7;
    d->gran = ATT_TXG_DAY;
    att__tx_civil(att__tx_days(c->dct.y, c->dct.m, c->dct.d) + off, &d->y, &d->m, &d->d);
}

static int tx_anaphoric(const tx_ctx *c, size_t k);

/* Which way a weekday named at token i lies from the DCT: 1 the next one, -1
 * the last one.  The clause's tense decides (no tense: the last one, news
 * report what happened), except that "seit Montag" always looks back and
 * "bis Freitag", "ab Montag" look ahead unless the clause is in the past. */
static int tx_wday_dir(const tx_ctx *c, size_t i)
{
    int p = tx_prep(c, i), tense = c->t[i].tense;
    if (p == 4)
        return -1;
    if (tense == 0 && i > 0 && (tx_word(c, i - 1, "bis") || tx_word(c, i - 1, "ab")))
        return 1;
    return tense > 0 ? 1 : -1;
}

static size_t r_weekday(const tx_ctx *c, size_t i, tx_match *m)
{
    int pod = 0, wd = att__tx_wday_word(c, i, &pod);
    size_t j = i + 1;
    if (!wd)
        return 0;
    if (i > 0 && tx_is(c, i - 1, ATT_TXC_EVERY, NULL))
        return 0;
    if (wd == 7 && i > 1 && tx_word(c, i - 1, "am") && c->t[i - 2].upper &&
        (tx_word(c, i - 2, "bild") || tx_word(c, i - 2, "welt")))
        return 0; /* the papers "Bild am Sonntag", "Welt am Sonntag" */
    /* Donnerstag, 18. Dezember (2014) */
    size_t k = j;
    if (tx_punct(c, k, ','))
        k++;
    if (!pod) {
        tx_match dm;
        memset(&dm, 0, sizeof dm);
        size_t e = att__tx_day_month(c, k, &dm);
        if (!e && c->langs != 1)
            e = r_month(c, k, &dm);
        if (e && dm.d.gran == ATT_TXG_DAY) {
            m->d = dm.d;
            m->bad = dm.bad;
            return e;
        }
    }
    int p2 = 0;
    if (!pod && tx_is(c, j, ATT_TXC_POD, &p2) && !tx_is(c, j, ATT_TXC_DEIC, NULL)) {
        pod = p2;
        j++;
    }
    /* "Freitag kommender Woche", "am Dienstag dieser Woche", "Montag der
     * vergangenen Woche": that weekday of the week the DCT's is moved to */
    size_t q = tx_is(c, j, ATT_TXC_ART, NULL) ? j + 1 : j;
    int rel = 0, u = 0;
    if (c->dct.d && tx_is(c, q, ATT_TXC_REL, &rel) && rel >= -2 && rel <= 2 &&
        tx_anaphoric(c, q) != 1 && tx_is(c, q + 1, ATT_TXC_UNIT, &u) && u == ATT_TXU_W) {
        int days = att__tx_days(c->dct.y, c->dct.m, c->dct.d);
        days += 7 * rel + wd - att__tx_wday(c->dct.y, c->dct.m, c->dct.d);
        tx_date0(&m->d, ATT_TXG_DAY);
        att__tx_civil(days, &m->d.y, &m->d.m, &m->d.d);
        m->d.pod = pod;
        return q + 2;
    }
    tx_wday_resolve(c, wd, tx_wday_dir(c, i), &m->d);
    m->d.pod = pod;
    return j;
}

/* Is token k an inflected German adjective the lexicon does not know
 * ("strengen", "harte")? */
static int tx_adjective(const tx_ctx *c, size_t k)
{
    if (k >= c->n || c->t[k].kind != TK_WORD || c->t[k].upper || c->t[k].nlex || c->langs == 2)
        return 0;
    size_t l = strlen(c->t[k].low);
    const char *w = c->t[k].low;
    return l >= 4 && (w[l - 1] == 'e' || (w[l - 2] == 'e' && strchr("nmrs", w[l - 1])));
}

/* Does the relative word at k point back into the text rather than at the
 * DCT?  1: only into the text ("selben", "gleichen", "vorherigen"); 2: into
 * the text when it has just named a day, else at the DCT ("diesem",
 * "nächsten", "folgenden"); 0: at the DCT ("vergangenen"). */
static int tx_anaphoric(const tx_ctx *c, size_t k)
{
    static const char *const text[] = {"selbe",    "demselbe", "denselbe", "derselbe",
                                       "desselbe", "gleiche",  "jene",     "vorherige"};
    static const char *const both[] = {"dies", "folgende", "nächste"};
    for (size_t s = 0; s < ATT_ARRAY_LEN(text); s++)
        if (!strncmp(c->t[k].low, text[s], strlen(text[s])))
            return 1;
    for (size_t s = 0; s < ATT_ARRAY_LEN(both); s++)
        if (!strncmp(c->t[k].low, both[s], strlen(both[s])))
            return 2;
    return 0;
}

/* vergangenen Freitag, kommenden Montag, letzte Woche, nächstes Jahr, diesen
 * Sommer, im vergangenen Jahr; with a plural: den vergangenen Jahren (PXY),
 * den nächsten Jahren (FUTURE_REF); with a count: den letzten zehn Jahren. */
static size_t r_relative(const tx_ctx *c, size_t i, tx_match *m)
{
    size_t j = i;
    int rel = 0, u = 0, v = 0, halves = 0, art = 0;
    if (tx_is(c, j, ATT_TXC_ART, NULL)) {
        j++;
        art = 1;
    }
    if (art && tx_adjective(c, j) && tx_is(c, j + 1, ATT_TXC_UNIT, &u) && u >= 100 + ATT_TXU_D &&
        u != 100 + ATT_TXU_WE && !tx_is(c, j + 2, ATT_TXC_AFTER, NULL) &&
        !(i > 0 && tx_is(c, i - 1, ATT_TXC_MOD, NULL))) {
        /* "in den schweren Jahren", "die kalten Monate": a vague duration */
        m->type = TT_DUR;
        att__tx_duration(m->lit, sizeof m->lit, u - 100, -2);
        return j + 2;
    }
    if (!tx_is(c, j, ATT_TXC_REL, &rel))
        return 0;
    if (art && i > 0 && tx_is(c, i - 1, ATT_TXC_MOD, NULL))
        return 0; /* "Ende des vergangenen Jahres": r_mod */
    j++;
    if (tx_adjective(c, j) && ((tx_is(c, j + 1, ATT_TXC_SEASON, NULL) && c->t[j + 1].upper) ||
                               (tx_is(c, j + 1, ATT_TXC_UNIT, &u) && u < 100)))
        j++; /* "nach diesem strengen Winter" */
    int pod = 0, wd = att__tx_wday_word(c, j, &pod);
    if (wd) {
        tx_wday_resolve(c, wd, rel > 0 ? 2 : rel < 0 ? -2 : (c->t[j].tense > 0 ? 1 : -1), &m->d);
        if ((rel > 1 || rel < -1) && m->d.gran == ATT_TXG_DAY) /* übernächsten Montag */
            att__tx_civil(att__tx_days(m->d.y, m->d.m, m->d.d) + (rel > 0 ? 7 : -7), &m->d.y,
                          &m->d.m, &m->d.d);
        m->d.pod = pod;
        return j + 1;
    }
    if (tx_is(c, j, ATT_TXC_POD, &pod) && c->t[j].upper && rel >= -1 && rel <= 1) {
        /* "in der vergangenen Nacht", "am nächsten Morgen", "am selben Abend":
         * a part of the day the text has just named, or of the DCT's */
        int an = tx_anaphoric(c, j - 1);
        if (an && tx_ref_ok(c, i)) {
            m->d = c->ref;
            m->derived = 1;
            att__tx_civil(att__tx_days(c->ref.y, c->ref.m, c->ref.d) + rel, &m->d.y, &m->d.m,
                          &m->d.d);
        } else if (an == 1) {
            return 0;
        } else {
            att__tx_shift(&c->dct, ATT_TXU_D, pod == 5 ? (rel < 0 ? -1 : 0) : rel, &m->d);
        }
        m->d.pod = pod;
        return j + 1;
    }
    size_t used = 0;
    int mo = tx_month_at(c, j, &used);
    if (mo) {
        tx_date0(&m->d, ATT_TXG_MONTH);
        m->d.m = mo;
        if (c->dct.y > 0)
            m->d.y = c->dct.y + (rel < 0   ? (c->dct.m && mo >= c->dct.m ? -1 : 0)
                                 : rel > 0 ? (c->dct.m && mo <= c->dct.m ? 1 : 0)
                                           : 0);
        return j + used;
    }
    if (tx_is(c, j, ATT_TXC_SEASON, &v) && c->t[j].upper) {
        tx_date0(&m->d, ATT_TXG_SEASON);
        m->d.sub = v;
        m->d.y = c->dct.y > 0 ? c->dct.y + rel : -1;
        /* "letzten Sommer" in October is this year's, "nächsten Sommer" in
         * February too (winter: see tx_season_year) */
        if (c->dct.y > 0 && c->dct.m && v < 4) {
            if (rel == -1 && c->dct.m > tx_season_last[v])
                m->d.y = c->dct.y;
            if (rel == 1 && c->dct.m < tx_season_first[v])
                m->d.y = c->dct.y;
        }
        return j + 1;
    }
    size_t k = att__tx_count(c, j, &halves);
    if (k && tx_is(c, j + k, ATT_TXC_UNIT, &u) && u > 100) {
        m->type = TT_DUR;
        att__tx_duration(m->lit, sizeof m->lit, u - 100, halves);
        return j + k + 1;
    }
    if (!tx_is(c, j, ATT_TXC_UNIT, &u))
        return 0;
    if (u > 100) {
        u -= 100;
        if (u < ATT_TXU_D)
            return 0;
        if (rel > 0) {
            snprintf(m->lit, sizeof m->lit, "FUTURE_REF");
        } else {
            m->type = TT_DUR;
            att__tx_duration(m->lit, sizeof m->lit, u, -2);
        }
        return j + 1;
    }
    if (u < ATT_TXU_D || u == ATT_TXU_HALFYEAR)
        return 0;
    if (u == ATT_TXU_D && tx_anaphoric(c, j - 1)) {
        /* "an diesem Tag", "am selben Tag", "am folgenden Tag": the day the
         * text has just named (else today, tomorrow, or none for "selben") */
        if (tx_ref_ok(c, i)) {
            m->d = c->ref;
            m->derived = 1;
            att__tx_civil(att__tx_days(c->ref.y, c->ref.m, c->ref.d) + rel, &m->d.y, &m->d.m,
                          &m->d.d);
            return j + 1;
        }
        if (tx_anaphoric(c, j - 1) == 1)
            return 0;
    }
    att__tx_shift(&c->dct, u, rel, &m->d);
    return j + 1;
}

/* Is "heute" at token i "nowadays" (PRESENT_REF) rather than the DCT's day?
 * Nowadays: "bis heute", "die Jugend von heute", "wie wir heute wissen",
 * "heute noch", and in a sentence with a subjunctive ("Heute würde er…") or
 * a word for the past ("damals … heute").  The day: with a clock time or a
 * part of day in the sentence ("Heute Filmclub 20 Uhr"), with a past or
 * future cue in the clause, or opening the sentence ("Heute läuft die Frist
 * aus"; but "Heute ist Deutschland…", a state, is nowadays).  A present-tense
 * statement otherwise ("Die Beziehungen basieren heute auf…") is nowadays. */
static int tx_nowadays(const tx_ctx *c, size_t i)
{
    static const char *const before[] = {"bis", "von", "wir", "man"};
    static const char *const subj[] = {"würde", "würden", "wäre", "wären", "könnte", "könnten"};
    static const char *const state[] = {"ist",    "sind",    "gibt",  "gilt",   "lebt", "leben",
                                        "gehört", "gehören", "zählt", "zählen", "kennt"};
    uint32_t sent = c->t[i].sent;
    int day = 0, ref = 0;
    for (size_t k = 0; i > 0 && k < ATT_ARRAY_LEN(before); k++)
        if (tx_word(c, i - 1, before[k]))
            return 1;
    if (tx_word(c, i + 1, "noch"))
        return 1;
    for (size_t k = i; k > 0 && c->t[k - 1].sent == sent; k--) {
        ref |= tx_is(c, k - 1, ATT_TXC_REF, &(int){0}) && !tx_word(c, k - 1, "jetzt") &&
               !tx_word(c, k - 1, "derzeit");
        for (size_t w = 0; w < ATT_ARRAY_LEN(subj); w++)
            ref |= tx_word(c, k - 1, subj[w]);
    }
    for (size_t k = i + 1; k < c->n && c->t[k].sent == sent; k++) {
        day |= tx_is(c, k, ATT_TXC_UHR, NULL) || tx_is(c, k, ATT_TXC_POD, NULL);
        for (size_t w = 0; w < ATT_ARRAY_LEN(subj); w++)
            ref |= tx_word(c, k, subj[w]);
    }
    if (ref)
        return 1;
    if (day || c->t[i].tense != 0)
        return 0;
    if (i == 0 || c->t[i - 1].sent != sent) { /* opening the sentence */
        for (size_t w = 0; w < ATT_ARRAY_LEN(state); w++)
            if (tx_word(c, i + 1, state[w]))
                return 1; /* "Heute ist Deutschland ein anderes Land" */
        return 0;
    }
    return 1;
}

/* heute, gestern, morgen, übermorgen (+ Abend); heuer, Vorjahr, Vortag */
static size_t r_deictic(const tx_ctx *c, size_t i, tx_match *m)
{
    int v = 0, pod = 0;
    size_t j = i + 1;
    if (tx_is(c, i, ATT_TXC_RELU, &v)) {
        int unit = v / 10, off = v % 10 - 5, after = 0;
        if (tx_word(c, i, "tags")) { /* tags darauf, tags zuvor: as Vortag */
            if (!tx_is(c, i + 1, ATT_TXC_AFTER, &after) || tx_word(c, i + 1, "früher"))
                return 0;
            off = after;
            j++;
        }
        if (unit == ATT_TXU_D && c->has_ref) { /* Vortag: of the date just named */
            m->d = c->ref;
            m->derived = 1;
            att__tx_civil(att__tx_days(c->ref.y, c->ref.m, c->ref.d) + off, &m->d.y, &m->d.m,
                          &m->d.d);
            return j;
        }
        att__tx_shift(&c->dct, unit, off, &m->d);
        return j;
    }
    if (!tx_is(c, i, ATT_TXC_DEIC, &v))
        return 0;
    if (tx_word(c, i, "morgen")) {
        /* "am Morgen", "heute Morgen", "Montag Morgen": the part of day */
        if (tx_prep(c, i) == 1 ||
            (i > 0 && (tx_is(c, i - 1, ATT_TXC_DEIC, NULL) || tx_is(c, i - 1, ATT_TXC_ART, NULL))))
            return 0;
        if (c->t[i].upper && i > 0 && c->t[i - 1].kind == TK_WORD)
            return 0;
    }
    if (i > 0 && tx_word(c, i - 1, "von") && (v == -1 || v == 1) &&
        !tx_is(c, i + 1, ATT_TXC_POD, NULL)) {
        /* "die Welt von gestern", "die Stadt von morgen" */
        snprintf(m->lit, sizeof m->lit, "%s", v < 0 ? "PAST_REF" : "FUTURE_REF");
        return j;
    }
    if (v == 10) { /* tonight */
        att__tx_shift(&c->dct, ATT_TXU_D, 0, &m->d);
        m->d.pod = 5;
        return j;
    }
    if (tx_is(c, j, ATT_TXC_POD, &pod)) {
        j++;
    } else {
        pod = 0;
    }
    if (v == 0 && !pod && (!c->dct.d || (!c->standalone && tx_nowadays(c, i)))) {
        snprintf(m->lit, sizeof m->lit, "PRESENT_REF");
        return j;
    }
    att__tx_shift(&c->dct, ATT_TXU_D, v, &m->d);
    m->d.pod = pod;
    return j;
}

/* jetzt, derzeit (PRESENT_REF), damals, kürzlich, vor kurzem (PAST_REF),
 * künftig, in Zukunft (FUTURE_REF), recently, now */
static size_t r_ref(const tx_ctx *c, size_t i, tx_match *m)
{
    static const char *const refs[] = {"", "PRESENT_REF", "PAST_REF", "FUTURE_REF"};
    int v = 0;
    size_t j = i;
    if (tx_is(c, j, ATT_TXC_AGO, NULL) && tx_word(c, j + 1, "kurzem")) {
        snprintf(m->lit, sizeof m->lit, "PAST_REF");
        return j + 2;
    }
    if (!tx_is(c, j, ATT_TXC_REF, &v) || v < 1 || v > 3)
        return 0;
    int pod = 0, u = 0;
    if (!strncmp(c->t[j].low, "heutig", 6) && c->dct.d &&
        (att__tx_wday_word(c, j + 1, &pod) ||
         (tx_is(c, j + 1, ATT_TXC_UNIT, &u) && u == ATT_TXU_D))) {
        /* "am heutigen Dienstag", "am heutigen Tag": the DCT's day */
        att__tx_shift(&c->dct, ATT_TXU_D, 0, &m->d);
        m->d.pod = pod;
        return j + 2;
    }
    if (tx_word(c, j, "kurzem") ||
        (tx_word(c, j, "früher") &&
         (tx_word(c, j + 1, "als") || (j + 1 < c->n && c->t[j + 1].upper) ||
          tx_word(c, j + 1, "oder") || tx_is(c, j + 1, ATT_TXC_ART, NULL))))
        return 0;
    if (tx_word(c, j, "now") && i > 0 && tx_word(c, i - 1, "right") == 0 &&
        tx_is(c, i + 1, ATT_TXC_ART, NULL))
        return 0; /* "now the ..." as a discourse word stays */
    snprintf(m->lit, sizeof m->lit, "%s", refs[v]);
    return j + 1;
}

/* Do the words around the number at token i say it counts something:
 * "mindestens 2000", "mehr als 1500", "von 2000 auf 1800", "2000 davon"? */
static int tx_count_words(const tx_ctx *c, size_t i)
{
    static const char *const before[] = {"mindestens", "höchstens", "maximal",   "weitere",
                                         "davon",      "darunter",  "insgesamt", "resolution",
                                         "nummer",     "nr"};
    for (size_t k = 0; i > 0 && k < ATT_ARRAY_LEN(before); k++)
        if (tx_word(c, i - 1, before[k]))
            return 1;
    if (i > 1 && tx_word(c, i - 1, "als") &&
        (tx_word(c, i - 2, "mehr") || tx_word(c, i - 2, "weniger")))
        return 1;
    if (tx_word(c, i + 1, "davon") || (tx_word(c, i + 1, "auf") && tx_num(c, i + 2, 1, 6)) ||
        (i > 1 && tx_word(c, i - 1, "auf") && tx_num(c, i - 2, 1, 6)))
        return 1; /* "von 2000 auf 1800" */
    return 0;
}

/* Years: 2020, im Jahr 2024, das Jahr 2010.  A bare number needs to look
 * like a year: 1900..2099 not followed by a counted noun, or 1000..1899 after
 * a year cue ("seit 1848", "im Jahr 1230"). */
static size_t r_year(const tx_ctx *c, size_t i, tx_match *m)
{
    size_t j = i;
    int u = 0;
    if (tx_is(c, j, ATT_TXC_ART, NULL) && tx_is(c, j + 1, ATT_TXC_UNIT, &u) && u == ATT_TXU_Y &&
        tx_num(c, j + 2, 4, 4)) {
        j += 2;
    } else if (tx_is(c, j, ATT_TXC_UNIT, &u) && u == ATT_TXU_Y && tx_num(c, j + 1, 4, 4)) {
        j += 1;
    } else if (!tx_num(c, j, 4, 4)) {
        return 0;
    }
    int y = c->t[j].num;
    int cue = j > i || tx_prep(c, i) || (i > 0 && tx_is(c, i - 1, ATT_TXC_MOD, NULL));
    if ((j > 1 && tx_adj(c, j - 1) && c->t[j - 1].kind == TK_PUNCT && tx_num(c, j - 2, 4, 4)) ||
        (tx_adj(c, j) && tx_adj(c, j + 1) && tx_num(c, j + 2, 4, 4)))
        cue = 1; /* 1898-1976 */
    if (y < 1000 || y > 2099 || (y < 1900 && !cue))
        return 0;
    /* part of a bigger number or a date: 2.020, 2020-21, 2020/21; but
     * 2005/2010 and 1898-1976 are two years */
    if (j > 1 && tx_adj(c, j - 1) && c->t[j - 1].kind == TK_PUNCT &&
        strchr(".,:/-", c->t[j - 1].low[0]) &&
        !(strchr("/-", c->t[j - 1].low[0]) && tx_num(c, j - 2, 4, 4) && tx_adj(c, j - 2)))
        return 0;
    if (tx_adj(c, j) && j + 1 < c->n &&
        (c->t[j + 1].kind == TK_NUM ||
         (c->t[j + 1].kind == TK_PUNCT && strchr(".,:/-%", c->t[j + 1].low[0]) && j + 2 < c->n &&
          c->t[j + 2].kind == TK_NUM && tx_adj(c, j + 1) &&
          !(strchr("/-", c->t[j + 1].low[0]) && tx_num(c, j + 2, 4, 4)))))
        return 0;
    if (tx_adj(c, j) && j + 1 < c->n && c->t[j + 1].kind == TK_WORD)
        return 0; /* 1990er, 2020s: r_decade */
    if (j == i && tx_count_words(c, i))
        return 0;
    if (j == i &&
        (tx_is(c, j + 1, ATT_TXC_COUNT, NULL) ||
         ((tx_word(c, j + 1, "bis") || tx_word(c, j + 1, "und") || tx_punct(c, j + 1, '-')) &&
          tx_num(c, j + 2, 1, 6) && tx_is(c, j + 3, ATT_TXC_COUNT, NULL))))
        return 0; /* "von 2000 bis 3000 Grad", "bis 2000 Euro" */
    if (j == i && !cue && j + 1 < c->n) {
        const tx_tok *nx = &c->t[j + 1];
        if (nx->kind == TK_PUNCT && (strchr("%$", nx->low[0]) || (unsigned char)nx->low[0] >= 0x80))
            return 0;
        if (tx_is(c, j + 1, ATT_TXC_COUNT, NULL))
            return 0; /* 2000 Menschen, 1500 Euro */
        if (nx->kind == TK_WORD && nx->upper && y % 100 == 0 &&
            !tx_is(c, j + 1, ATT_TXC_MONTH, NULL))
            return 0; /* 2000 Flüchtlinge */
        if (i > 0 && tx_is(c, i - 1, ATT_TXC_QUANT, NULL))
            return 0; /* rund 2000 */
    }
    tx_date0(&m->d, ATT_TXG_YEAR);
    m->d.y = y;
    return j + 1;
}

/* Decades and centuries: den 1990er Jahren, die 80er, the 1990s,
 * des 15. Jahrhunderts, the 20th century. */
static size_t r_decade(const tx_ctx *c, size_t i, tx_match *m)
{
    size_t j = i;
    int u = 0;
    if (tx_is(c, j, ATT_TXC_ART, NULL))
        j++;
    int dw = 0;
    if (tx_is(c, j, ATT_TXC_DECADEW, &dw)) { /* die Sechzigerjahre, the sixties */
        size_t k = j + 1;
        if (c->langs != 2 && !c->t[j].upper &&
            !(tx_is(c, k, ATT_TXC_UNIT, &u) && u == 100 + ATT_TXU_Y))
            return 0;
        if (tx_is(c, k, ATT_TXC_UNIT, &u) && u == 100 + ATT_TXU_Y)
            k++;
        tx_date0(&m->d, ATT_TXG_DECADE);
        m->d.decade = dw;
        return k;
    }
    if (!tx_num(c, j, 1, 4))
        return 0;
    int v = c->t[j].num, nd = c->t[j].ndig;
    if (tx_adj(c, j) && j + 1 < c->n && c->t[j + 1].kind == TK_WORD &&
        (!strcmp(c->t[j + 1].low, "er") || !strcmp(c->t[j + 1].low, "s")) && (nd == 4 || nd == 2) &&
        v % 10 == 0) {
        size_t k = j + 2;
        if (tx_punct(c, k, '-') && tx_adj(c, k - 1))
            k++;
        if (tx_is(c, k, ATT_TXC_UNIT, &u) && u == 100 + ATT_TXU_Y)
            k++;
        else if (k > j + 2)
            k--;
        tx_date0(&m->d, ATT_TXG_DECADE);
        m->d.decade = nd == 4 ? v / 10 : 190 + v / 10;
        return k;
    }
    size_t k = j + 1;
    if (tx_punct(c, k, '.') && tx_adj(c, j))
        k++;
    else if (tx_ordsuffix(c, k))
        k++;
    else
        return 0;
    if (nd > 2 || v < 1 || v > 21)
        return 0;
    if (tx_is(c, k, ATT_TXC_UNIT, &u) && u == ATT_TXU_CE) {
        tx_date0(&m->d, ATT_TXG_CENTURY);
        m->d.decade = v - 1;
        return k + 1;
    }
    return 0;
}

/* Anfang/Mitte/Ende + a period: Mitte März, Ende 2023, Anfang der Woche,
 * Ende des Jahres, Ende vergangenen Jahres, early 2024, the end of March. */
static size_t r_mod(const tx_ctx *c, size_t i, tx_match *m)
{
    static const int mods[] = {MOD_NONE, MOD_START, MOD_MID, MOD_END};
    size_t j = i;
    int v = 0, u = 0, y = 0, rel = 0;
    if (tx_is(c, j, ATT_TXC_ART, NULL) && c->langs != 1)
        j++;
    if (!tx_is(c, j, ATT_TXC_MOD, &v) || v < 1 || v > 3)
        return 0;
    if (c->t[j].kind == TK_WORD && c->langs == 1 && !c->t[j].upper && !tx_word(c, j, "anfangs"))
        return 0;
    j++;
    if (tx_punct(c, j, '-') && tx_adj(c, j - 1))
        j++;
    if (tx_is(c, j, ATT_TXC_OF, NULL))
        j++;
    size_t b = j;
    tx_match sub;
    memset(&sub, 0, sizeof sub);
    size_t e = 0;
    if ((e = r_month(c, j, &sub)) || (e = r_year(c, j, &sub)) || (e = r_decade(c, j, &sub))) {
        /* the period with its own year */
    } else if (tx_is(c, j, ATT_TXC_SEASON, &u)) {
        size_t k = tx_yearspec(c, j + 1, &y);
        tx_date0(&sub.d, ATT_TXG_SEASON);
        sub.d.sub = u;
        sub.d.y = k ? y : tx_season_year(c, j, u);
        e = j + 1 + k;
    } else if ((e = tx_yearspec(c, j, &y)) != 0) {
        tx_date0(&sub.d, ATT_TXG_YEAR);
        sub.d.y = y;
        e += j;
    } else {
        /* der Woche, des Monats, dieser Woche, nächster Woche */
        size_t k = j;
        rel = 0;
        if (tx_is(c, k, ATT_TXC_ART, NULL))
            k++;
        if (tx_is(c, k, ATT_TXC_REL, &rel))
            k++;
        if (!tx_is(c, k, ATT_TXC_UNIT, &u) ||
            (u != ATT_TXU_W && u != ATT_TXU_M && u != ATT_TXU_D) || k == j)
            return 0;
        att__tx_shift(&c->dct, u, rel, &sub.d);
        e = k + 1;
    }
    if (sub.bad || sub.lit[0] || e <= b)
        return 0;
    m->d = sub.d;
    m->mod = mods[v];
    return e;
}

/* Quarters and halves: im ersten Quartal (2024), der zweiten Jahreshälfte,
 * der ersten Hälfte des Jahres, the first half of 2024, Q1 2024; and the
 * first N months of a year (docs/timex.md: Q1/H1 for 3/6, else the year
 * with mod START). */
static size_t r_part(const tx_ctx *c, size_t i, tx_match *m)
{
    size_t j = i;
    int ord = 0, u = 0, y = 0, halves = 0;
    if (tx_is(c, j, ATT_TXC_ART, NULL))
        j++;
    if (j < c->n && c->t[j].kind == TK_WORD && c->t[j].low[0] == 'q' && c->t[j].low[1] >= '1' &&
        c->t[j].low[1] <= '4' && !c->t[j].low[2]) {
        size_t k = tx_yearspec(c, j + 1, &y);
        if (!k)
            return 0;
        tx_date0(&m->d, ATT_TXG_QUARTER);
        m->d.sub = c->t[j].low[1] - '0';
        m->d.y = y;
        return j + 1 + k;
    }
    if (tx_num(c, j, 1, 1) && tx_punct(c, j + 1, '.') && tx_adj(c, j)) {
        ord = c->t[j].num;
        j += 2;
    } else if (tx_is(c, j, ATT_TXC_ORD, &ord)) {
        j++;
    } else {
        return 0;
    }
    size_t k = j;
    if (att__tx_count(c, k, &halves) && tx_is(c, k + 1, ATT_TXC_UNIT, &u) && u == 100 + ATT_TXU_M &&
        ord == 1 && halves > 0) {
        k += 2;
        size_t ys = tx_yearspec(c, k, &y);
        if (!ys)
            y = c->dct.y > 0 ? c->dct.y : -1;
        int n = halves / 2;
        tx_date0(&m->d, n == 3 ? ATT_TXG_QUARTER : n == 6 ? ATT_TXG_HALF : ATT_TXG_YEAR);
        m->d.y = y;
        m->d.sub = 1;
        if (n != 3 && n != 6)
            m->mod = MOD_START;
        return k + ys;
    }
    int gran = 0, maxo = 0;
    if (tx_is(c, k, ATT_TXC_UNIT, &u) && u == ATT_TXU_Q)
        gran = ATT_TXG_QUARTER, maxo = 4;
    else if (tx_is(c, k, ATT_TXC_UNIT, &u) && u == ATT_TXU_HALFYEAR)
        gran = ATT_TXG_HALF, maxo = 2;
    else if (tx_is(c, k, ATT_TXC_HALFW, NULL) || tx_word(c, k, "half"))
        gran = ATT_TXG_HALF, maxo = 2;
    else if (tx_word(c, k, "quarter"))
        gran = ATT_TXG_QUARTER, maxo = 4;
    if (!gran || ord < 1 || ord > maxo)
        return 0;
    int word = !tx_is(c, k, ATT_TXC_UNIT, NULL); /* "Hälfte", "half" */
    k++;
    size_t ys = tx_yearspec(c, k, &y);
    if (!ys && word) {
        /* "der ersten Hälfte des 15. Jahrhunderts": the century (KRAUTS);
         * without a period "in der zweiten Hälfte" is a match's half */
        tx_match per;
        memset(&per, 0, sizeof per);
        size_t e = r_decade(c, tx_is(c, k, ATT_TXC_OF, NULL) ? k + 1 : k, &per);
        if (!e || per.bad)
            return 0;
        m->d = per.d;
        return e;
    }
    if (!ys)
        y = c->dct.y > 0 ? c->dct.y : -1;
    tx_date0(&m->d, gran);
    m->d.y = y;
    m->d.sub = ord;
    return k + ys;
}

/* Is token k a separator inside a list of days ("," "und" "bis" "sowie am")? */
static int tx_list_sep(const tx_ctx *c, size_t k)
{
    static const char *const seps[] = {"und", "bis", "sowie", "oder", "bzw", "am", "vom", "zum"};
    if (k >= c->n)
        return 0;
    if (c->t[k].kind == TK_PUNCT)
        return tx_punct(c, k, ',') || tx_punct(c, k, '-') || !strcmp(c->t[k].low, "\xe2\x80\x93");
    for (size_t s = 0; s < ATT_ARRAY_LEN(seps); s++)
        if (!strcmp(c->t[k].low, seps[s]))
            return 1;
    return 0;
}

/* Lists and ranges of days: "3. bis 5. Mai", "10. und 11. Februar", "11., 18.
 * und 25. März", "16. und 17. sowie am 23. und 24. Jänner".  Each bare day
 * takes month and year from the day-month that closes the list (matched on
 * its own afterwards); its extent is the number alone, as KRAUTS has it. */
static size_t r_day_range(const tx_ctx *c, size_t i, tx_match *m)
{
    if (!tx_num(c, i, 1, 2) || !tx_punct(c, i + 1, '.') || !tx_adj(c, i))
        return 0;
    if (i > 0 && tx_adj(c, i - 1) && c->t[i - 1].kind == TK_PUNCT)
        return 0; /* the tail of 1.9. or 2.3.4. */
    size_t j = i + 2;
    for (int hop = 0; hop < 16; hop++) {
        size_t k = j;
        int real = 0;
        while (k < j + 3 && tx_list_sep(c, k)) {
            real |= !tx_word(c, k, "am") && !tx_word(c, k, "vom") && !tx_word(c, k, "zum");
            k++;
        }
        if (!real)
            return 0;
        tx_match last;
        memset(&last, 0, sizeof last);
        if (att__tx_day_month(c, k, &last)) {
            if (last.bad)
                return 0;
            tx_date0(&m->d, ATT_TXG_DAY);
            m->d.y = last.d.y;
            m->d.m = last.d.m;
            m->d.d = c->t[i].num;
            m->list = 1;
            if (!tx_valid_day(m->d.y, m->d.m, m->d.d))
                m->bad = 1;
            return i + 1;
        }
        if (!tx_num(c, k, 1, 2) || !tx_punct(c, k + 1, '.') || !tx_adj(c, k))
            return 0;
        j = k + 2;
    }
    return 0;
}

/* Seasons: im Herbst vergangenen Jahres, Sommer 2014, im Frühjahr, während
 * der Sommermonate, den ganzen Sommer über.  Not "Winter-Biathlon". */
static size_t r_season(const tx_ctx *c, size_t i, tx_match *m)
{
    int v = 0, y = 0;
    if (!tx_is(c, i, ATT_TXC_SEASON, &v) || (!c->t[i].upper && c->langs == 1))
        return 0;
    if (tx_punct(c, i + 1, '-') && tx_adj(c, i) && tx_adj(c, i + 1) && c->t[i + 2].kind == TK_WORD)
        return 0; /* a compound: Winter-Biathlon, Sommer-Camp */
    size_t k = tx_yearspec(c, i + 1, &y);
    int p = tx_prep(c, i), cue = p == 2 || p == 4 || p == 6 || (i > 0 && tx_word(c, i - 1, "this"));
    if (!cue && i > 1 && tx_is(c, i - 1, ATT_TXC_ART, NULL) && c->t[i - 2].kind == TK_WORD &&
        (tx_is(c, i - 2, ATT_TXC_PREP, NULL) || tx_word(c, i - 2, "während") ||
         tx_word(c, i - 2, "über") || tx_word(c, i - 2, "für") || tx_word(c, i - 2, "durch"))) {
        cue = 1; /* während der Sommermonate: the article belongs to it (KRAUTS) */
        m->b = i - 1;
    }
    if (!cue && i > 1 && (tx_word(c, i - 1, "ganzen") || tx_word(c, i - 1, "gesamten")) &&
        tx_is(c, i - 2, ATT_TXC_ART, NULL))
        cue = 1; /* den ganzen Sommer (über) */
    if (!k && !cue)
        return 0;
    tx_date0(&m->d, ATT_TXG_SEASON);
    m->d.sub = v;
    m->d.y = k ? y : tx_season_year(c, i, v);
    return i + 1 + k;
}

/* The value of the holiday named by the tokens at i (the longest name of
 * up to three words: "Heiligen Abend", "New Year's Day"): MMDD, or 2000 +
 * days after Easter Sunday; 0 for none.  *used gets its tokens. */
static int tx_holiday_at(const tx_ctx *c, size_t i, size_t *used)
{
    for (size_t len = 3; len >= 1; len--) {
        char key[3 * TX_WORDMAX + 3];
        size_t o = 0;
        if (i + len > c->n)
            continue;
        for (size_t k = i; k < i + len; k++) {
            size_t l = strlen(c->t[k].low);
            if (c->t[k].kind != TK_WORD || (k > i && !c->t[k].low[0]))
                break;
            if (k > i)
                key[o++] = ' ';
            memcpy(key + o, c->t[k].low, l);
            o += l;
            key[o] = '\0';
            if (k + 1 == i + len) {
                int r = att__tx_lex_find(key);
                for (size_t q = r < 0 ? att__timex_nlex : (size_t)r;
                     q < att__timex_nlex && !strcmp(att__timex_lex[q].form, key); q++) {
                    const att__timex_lexent *e = &att__timex_lex[q];
                    if (e->cls == ATT_TXC_HOLIDAY && e->value && (e->langs & c->langs)) {
                        *used = len;
                        return e->value;
                    }
                }
            }
        }
    }
    return 0;
}

/* Holidays and named days: Weihnachten, Heiligen Abend, Ostern 2015,
 * Pfingstmontag, Fronleichnam, Christmas Eve.  The year: one written after
 * it, else the one the text has just named or the DCT's, moved by the tense
 * like a month's.  (KRAUTS writes XXXX-XX-XX for these; the date itself is
 * what an event needs.) */
static size_t r_holiday(const tx_ctx *c, size_t i, tx_match *m)
{
    size_t used = 0;
    int y = 0;
    if (!tx_is(c, i, ATT_TXC_HOLIDAY, NULL) || !c->t[i].upper)
        return 0;
    int v = tx_holiday_at(c, i, &used);
    if (!v)
        return 0;
    size_t k = tx_yearspec(c, i + used, &y);
    int mo = v / 100, d = v % 100;
    if (v >= 1900) { /* from Easter: placed in the DCT's year to guess the year */
        int by = c->dct.y > 0 ? c->dct.y : 2001;
        att__tx_easter(by, &mo, &d);
        att__tx_civil(att__tx_days(by, mo, d) + v - 2000, &by, &mo, &d);
    }
    if (!k)
        y = tx_guess_year(c, i, mo, d);
    tx_date0(&m->d, ATT_TXG_DAY);
    m->d.y = y;
    if (v >= 1900 && y > 0) {
        att__tx_easter(y, &mo, &d);
        att__tx_civil(att__tx_days(y, mo, d) + v - 2000, &m->d.y, &mo, &d);
    }
    if (v < 1900 || y > 0) {
        m->d.m = mo;
        m->d.d = d;
    }
    return i + used + k;
}

/* Periods named by two years: "der Saison 2014/15", "die Amtsperiode
 * 2010/15", "im Schuljahr 2014/2015".  TIMEX3 has no value for a span
 * across two years; KRAUTS writes XXXX-XX-XX and keeps the article. */
static size_t r_period(const tx_ctx *c, size_t i, tx_match *m)
{
    size_t j = i;
    if (tx_is(c, j, ATT_TXC_ART, NULL))
        j++;
    if (!tx_is(c, j, ATT_TXC_PERIOD, NULL) || !(c->t[j].upper || c->langs == 2) ||
        !tx_num(c, j + 1, 4, 4) || !tx_adj(c, j + 1) || !tx_punct(c, j + 2, '/') ||
        !tx_adj(c, j + 2) || !(tx_num(c, j + 3, 2, 2) || tx_num(c, j + 3, 4, 4)))
        return 0;
    tx_date0(&m->d, ATT_TXG_DAY);
    return j + 4;
}

/* A part of a period in one word: "bis Jahresende", "zu Jahresbeginn
 * 2015", "zur Monatsmitte", "im Spätsommer": the period (the DCT's, or the
 * year the text has just named) with mod START, MID or END. */
static size_t r_modunit(const tx_ctx *c, size_t i, tx_match *m)
{
    static const int mods[] = {MOD_NONE, MOD_START, MOD_MID, MOD_END};
    int v = 0, y = 0;
    if (!tx_is(c, i, ATT_TXC_MODUNIT, &v) || !c->t[i].upper || v / 100 < 1 || v / 100 > 3)
        return 0;
    int code = v % 100;
    size_t k = 0;
    if (code > 50) {
        k = tx_yearspec(c, i + 1, &y);
        tx_date0(&m->d, ATT_TXG_SEASON);
        m->d.sub = code - 50;
        m->d.y = k ? y : tx_season_year(c, i, code - 50);
    } else if (code == ATT_TXU_Y) {
        k = tx_yearspec(c, i + 1, &y);
        att__tx_shift(&c->dct, ATT_TXU_Y, 0, &m->d);
        if (k)
            m->d.y = y;
        else if (att__tx_text_year(c, i, 1) > 0)
            m->d.y = att__tx_text_year(c, i, 1);
    } else {
        att__tx_shift(&c->dct, code, 0, &m->d);
    }
    m->mod = mods[v / 100];
    return i + 1 + k;
}

/* am Wochenende: the DCT's weekend */
static size_t r_weekend(const tx_ctx *c, size_t i, tx_match *m)
{
    int u = 0;
    if (!tx_is(c, i, ATT_TXC_UNIT, &u) || u != ATT_TXU_WE ||
        !(tx_prep(c, i) == 1 || tx_prep(c, i) == 5))
        return 0;
    att__tx_shift(&c->dct, ATT_TXU_WE, 0, &m->d); /* KRAUTS: the DCT's week */
    return i + 1;
}

typedef struct tx_rule {
    const char *name;
    tx_rule_fn fn;
} tx_rule;

/* Every rule is tried at every token; the longest match wins, the first rule
 * on a tie.  Order thus only matters for equal lengths. */
static const tx_rule tx_rules[] = {
    {"numeric-date", r_numeric_date},
    {"day-month", att__tx_day_month},
    {"day-range", r_day_range},
    {"month", r_month},
    {"weekday", r_weekday},
    {"part", r_part},
    {"mod", r_mod},
    {"relative", r_relative},
    {"decade", r_decade},
    {"year", r_year},
    {"season", r_season},
    {"time", att__tx_r_time},
    {"deictic", r_deictic},
    {"ref", r_ref},
    {"set", att__tx_r_set},
    {"duration", att__tx_r_duration},
    {"unitlang", att__tx_r_unitlang},
    {"pod", att__tx_r_pod},
    {"weekend", r_weekend},
    {"holiday", r_holiday},
    {"period", r_period},
    {"modunit", r_modunit},
};

size_t att__tx_match_at(const tx_ctx *c, size_t i, tx_match *best)
{
    size_t best_e = 0;
    for (size_t r = 0; r < ATT_ARRAY_LEN(tx_rules); r++) {
        tx_match m;
        memset(&m, 0, sizeof m);
        m.b = i;
        m.type = TT_DATE;
        size_t e = tx_rules[r].fn(c, i, &m);
        if (e > i && e <= c->n && e > best_e) {
            m.e = e;
            *best = m;
            best_e = e;
        }
    }
    return best_e;
}

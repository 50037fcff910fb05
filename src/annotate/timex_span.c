/*
 * timex_span.c - the temporal tagger's grammar for what is not a calendar
 * point (timex_int.h): clock times and parts of day, durations, sets.
 *
 * Same contract as the rules in timex_rules.c, which lists these in its rule
 * table: r(c, i, m) tries to match at token i and returns the end of the
 * extent (0: none), filling m.  Clock times and parts of day take the date
 * the text has just named (tx_ctx.ref, this sentence or the one before) or
 * the DCT's day; a clock time after a habit ("jeweils 20 Uhr", "wochentags
 * von 14 bis 18 Uhr") or a list of days holds for no one day and is written
 * T20:00, as KRAUTS does.  Durations are counts of a unit ("drei Jahre",
 * PXY for a vague count); with "vor"/"in" or "ago" they become dates
 * shifted from the DCT ("vor einem Monat" = 2024-03, docs/timex.md
 * "Decisions"); counted from the day or year the text has just named with
 * "später"/"zuvor" ("drei Tage später").  Ages are no durations.
 */
#include "timex_int.h"

#include <stdio.h>
#include <string.h>

/* Is the count of years at [i,j) an age: "22 Jahre alt", "16 Jahre alte",
 * "der 16 Jahre jüngere", "mit 16 Jahren", "ab 16 Jahren", "im Alter von 50
 * Jahren", "aged 40"? */
static int tx_age(const tx_ctx *c, size_t i, size_t j)
{
    static const char *const after[] = {"alt", "old", "\xc3\xa4lter", "j\xc3\xbcnger"};
    static const char *const before[] = {"mit", "ab", "aged"};
    if (j < c->n && c->t[j].kind == TK_WORD && strlen(c->t[j].low) <= 10)
        for (size_t k = 0; k < ATT_ARRAY_LEN(after); k++)
            if (!strncmp(c->t[j].low, after[k], strlen(after[k])))
                return 1;
    for (size_t k = 0; i > 0 && k < ATT_ARRAY_LEN(before); k++)
        if (tx_word(c, i - 1, before[k]))
            return 1;
    /* "Kinder zwischen sechs und elf Jahren" (a duration would be "Jahre") */
    if (j > 0 && tx_word(c, j - 1, "jahren") &&
        ((i > 0 && tx_word(c, i - 1, "zwischen")) ||
         (i > 2 && tx_word(c, i - 1, "und") && tx_word(c, i - 3, "zwischen"))))
        return 1;
    return i > 1 && tx_word(c, i - 1, "von") && tx_word(c, i - 2, "alter");
}

/* Durations: drei Jahre, 30 Tagen, eineinhalb Stunden, mehrere Jahre, etwa
 * einem Jahrzehnt; vor einem Monat / two years ago / in drei Tagen are
 * dates (shifted from the DCT); Wochen zuvor is PAST_REF. */
size_t att__tx_r_duration(const tx_ctx *c, size_t i, tx_match *m)
{
    size_t j = i;
    int q = 0, halves = 0, u = 0, after = 0, ago = 0, future = 0;
    if (tx_is(c, j, ATT_TXC_AGO, NULL)) {
        ago = 1;
        j++;
    } else if (tx_word(c, j, "in") && !tx_is(c, j + 1, ATT_TXC_ART, NULL)) {
        future = 1;
        j++;
    }
    if (tx_is(c, j, ATT_TXC_QUANT, &q))
        j++;
    size_t k = att__tx_count(c, j, &halves);
    if (!k) {
        /* "am Tag zuvor", "am Tag danach": the date just named, moved */
        if (!ago && !future && !q && tx_is(c, j, ATT_TXC_UNIT, &u) && u == ATT_TXU_D &&
            tx_is(c, j + 1, ATT_TXC_AFTER, &after) && c->langs != 2 && c->has_ref) {
            m->d = c->ref;
            m->derived = 1;
            att__tx_civil(att__tx_days(c->ref.y, c->ref.m, c->ref.d) + after, &m->d.y, &m->d.m,
                          &m->d.d);
            return j + 2;
        }
        /* "im Jahr darauf", "im Jahr zuvor": the year just named, moved */
        if (!ago && !future && !q && tx_is(c, j, ATT_TXC_UNIT, &u) && u == ATT_TXU_Y &&
            tx_is(c, j + 1, ATT_TXC_AFTER, &after) && !tx_word(c, j + 1, "früher") &&
            c->langs != 2 && att__tx_text_year(c, j, 1) > 0) {
            tx_date0(&m->d, ATT_TXG_YEAR);
            m->d.y = att__tx_text_year(c, j, 1) + after;
            m->derived = 1;
            return j + 2;
        }
        /* "Wochen zuvor", "Jahre später" */
        if (!ago && !future && !q && tx_is(c, j, ATT_TXC_UNIT, &u) && u > 100 &&
            tx_is(c, j + 1, ATT_TXC_AFTER, &after) && c->langs != 2) {
            snprintf(m->lit, sizeof m->lit, "%s", after < 0 ? "PAST_REF" : "FUTURE_REF");
            return j + 2;
        }
        /* "seit Jahren", "vor Monaten", "über die Jahre": a vague duration
         * without the preposition */
        if (!future && !q && c->langs != 2) {
            size_t b = ago ? j : i, k2 = b;
            if (tx_is(c, k2, ATT_TXC_ART, NULL) && !ago)
                k2++;
            if (tx_is(c, k2, ATT_TXC_UNIT, &u) && u > 100 + ATT_TXU_D - 1 &&
                u != 100 + ATT_TXU_WE && !tx_is(c, k2 + 1, ATT_TXC_AFTER, NULL) && b > 0 &&
                (tx_word(c, b - 1, "seit") || tx_word(c, b - 1, "vor") ||
                 tx_word(c, b - 1, "über") || tx_word(c, b - 1, "nach"))) {
                m->b = b;
                m->type = TT_DUR;
                att__tx_duration(m->lit, sizeof m->lit, u - 100, -2);
                return k2 + 1;
            }
        }
        return 0;
    }
    j += k;
    if (!ago && !future && halves > 0 && !tx_is(c, j, ATT_TXC_UNIT, NULL)) {
        /* "sechs bis acht Monate", "zwischen zwei und fünf Jahren": the first
         * count takes the unit of the second (KRAUTS: two expressions) */
        int h2 = 0;
        size_t k2;
        if ((tx_word(c, j, "bis") || tx_word(c, j, "oder") || tx_punct(c, j, '-') ||
             (tx_word(c, j, "und") && i > 0 && tx_word(c, i - 1, "zwischen"))) &&
            (k2 = att__tx_count(c, j + 1, &h2)) != 0 && h2 > halves &&
            tx_is(c, j + 1 + k2, ATT_TXC_UNIT, &u) && u > 100 && !tx_age(c, i, j + 2 + k2)) {
            m->type = TT_DUR;
            att__tx_duration(m->lit, sizeof m->lit, u - 100, halves);
            return j;
        }
        return 0;
    }
    if (!tx_is(c, j, ATT_TXC_UNIT, &u))
        return 0;
    int unit = u % 100;
    if (halves != 2 && halves > 0 && u < 100 && unit != ATT_TXU_Y && c->t[j - 1].kind != TK_NUM &&
        !tx_is(c, j - 1, ATT_TXC_HALF, NULL))
        return 0; /* "zwei Tag" is not German; "drei Jahr" neither */
    if (halves == -2 && u < 100)
        return 0;
    j++;
    /* ages: "22 Jahre alt", "16 Jahre alte", "mit 16 Jahren", "im Alter von 50 Jahren" */
    if (unit == ATT_TXU_Y && !ago && !future && tx_age(c, i, j))
        return 0;
    if (tx_is(c, j, ATT_TXC_AFTER, &after) && !ago && !future && unit < ATT_TXU_D &&
        !tx_word(c, j, "ago")) {
        /* "drei Minuten später": a clock time nobody can tell (KRAUTS) */
        m->type = TT_TIME;
        snprintf(m->lit, sizeof m->lit, "XXXX-XX-XXTXX:XX");
        return j + 1;
    }
    if (tx_is(c, j, ATT_TXC_AFTER, &after) && !ago && !future && halves > 0 && halves % 2 == 0 &&
        !tx_word(c, j, "ago") && (unit == ATT_TXU_D || unit == ATT_TXU_Y)) {
        /* "drei Tage später", "zwei Jahre zuvor": counted from the day or
         * year the text has just named, when it has named one */
        int n = halves / 2 * (after < 0 ? -1 : 1);
        if (unit == ATT_TXU_D && tx_ref_ok(c, i)) {
            m->d = c->ref;
            m->derived = 1;
            att__tx_civil(att__tx_days(c->ref.y, c->ref.m, c->ref.d) + n, &m->d.y, &m->d.m,
                          &m->d.d);
            return j + 1;
        }
        if (unit == ATT_TXU_Y && att__tx_text_year(c, i, 1) > 0) {
            tx_date0(&m->d, ATT_TXG_YEAR);
            m->d.y = att__tx_text_year(c, i, 1) + n;
            m->derived = 1;
            return j + 1;
        }
    }
    if (tx_is(c, j, ATT_TXC_AFTER, &after) && !ago && !future) {
        if (c->langs == 2 || tx_word(c, j, "ago")) {
            ago = after < 0;
            future = after > 0;
        } else {
            snprintf(m->lit, sizeof m->lit, "%s", after < 0 ? "PAST_REF" : "FUTURE_REF");
            return j + 1;
        }
        j++;
    }
    if (ago || future) {
        if (halves < 0 && j > i && c->langs != 2 && (tx_word(c, i, "vor") || tx_word(c, i, "in"))) {
            /* "vor wenigen Tagen": KRAUTS has a vague duration "wenigen
             * Tagen"; a PAST_REF would date no event either */
            m->b = i + 1;
            m->type = TT_DUR;
            att__tx_duration(m->lit, sizeof m->lit, unit, -2);
            return j;
        }
        if (halves < 0) {
            snprintf(m->lit, sizeof m->lit, "%s", ago ? "PAST_REF" : "FUTURE_REF");
            return j;
        }
        if (halves % 2 || unit < ATT_TXU_D)
            return 0;
        int n = halves / 2 * (ago ? -1 : 1);
        if (unit == ATT_TXU_DE || unit == ATT_TXU_CE)
            att__tx_shift(&c->dct, ATT_TXU_Y, n * (unit == ATT_TXU_DE ? 10 : 100), &m->d);
        else if (unit == ATT_TXU_HALFYEAR)
            att__tx_shift(&c->dct, ATT_TXU_M, n * 6, &m->d);
        else
            att__tx_shift(&c->dct, unit, n, &m->d);
        if (c->langs != 2 && (tx_word(c, i, "vor") || tx_word(c, i, "in"))) {
            /* "vor fünf Jahren" as TimeML (KRAUTS) has it: the duration "fünf
             * Jahren" P5Y, and the date it leads to (2009) as a non-consuming
             * expression, which the event coder dates events with */
            m->db = i + 1;
            att__tx_duration(m->dur, sizeof m->dur, unit, halves);
            m->mod = q == 1 ? MOD_APPROX : q == 2 ? MOD_LESS : q == 3 ? MOD_MORE : MOD_NONE;
        }
        return j;
    }
    m->type = TT_DUR;
    att__tx_duration(m->lit, sizeof m->lit, unit, halves);
    m->mod = q == 1 ? MOD_APPROX : q == 2 ? MOD_LESS : q == 3 ? MOD_MORE : MOD_NONE;
    return j;
}

/* jahrelang, wochenlange: vague durations */
size_t att__tx_r_unitlang(const tx_ctx *c, size_t i, tx_match *m)
{
    int u = 0;
    if (!tx_is(c, i, ATT_TXC_UNITLANG, &u))
        return 0;
    m->type = TT_DUR;
    att__tx_duration(m->lit, sizeof m->lit, u, -2);
    return i + 1;
}

/* Sets: täglich, jährlich, montags, jeden Montag, jede Woche, jeden zweiten
 * Donnerstag, einmal im Monat, pro Jahr, every two weeks, weekly. */
size_t att__tx_r_set(const tx_ctx *c, size_t i, tx_match *m)
{
    int v = 0, u = 0, ord = 0, halves = 0;
    size_t j = i;
    m->type = TT_SET;
    if (tx_is(c, j, ATT_TXC_SETW, &v)) {
        att__tx_duration(m->lit, sizeof m->lit, v, 2);
        return j + 1;
    }
    if (tx_is(c, j, ATT_TXC_WDAYS, &v) && c->t[j].upper) {
        snprintf(m->lit, sizeof m->lit, "XXXX-WXX-%d", v);
        return j + 1;
    }
    if (tx_is(c, j, ATT_TXC_PER, NULL) && att__tx_count(c, j + 1, &halves) && halves > 2 &&
        halves % 2 == 0 && tx_is(c, j + 2, ATT_TXC_UNIT, &u) && u > 100) {
        att__tx_duration(m->lit, sizeof m->lit, u - 100, halves); /* je zwei Wochen */
        return j + 3;
    }
    if (tx_word(c, j, "im") && tx_is(c, j + 1, ATT_TXC_UNIT, &u) &&
        (u == ATT_TXU_M || u == ATT_TXU_Y) &&
        (j + 2 >= c->n || (c->t[j + 2].kind == TK_PUNCT && c->t[j + 2].low[0] != '-') ||
         (c->t[j + 2].kind == TK_WORD && !c->t[j + 2].upper && !c->t[j + 2].nlex &&
          strcmp(c->t[j + 2].low, "darauf") != 0))) {
        att__tx_duration(m->lit, sizeof m->lit, u, 2); /* 300 Euro im Monat */
        return j + 2;
    }
    if (tx_word(c, j, "am") && tx_is(c, j + 1, ATT_TXC_UNIT, &u) && u == ATT_TXU_D &&
        (j + 2 >= c->n || c->t[j + 2].kind == TK_PUNCT || tx_word(c, j + 2, "und"))) {
        /* "200 Patienten am Tag": a rate after a count */
        for (size_t k = j; k > 0 && k + 4 > j; k--)
            if (c->t[k - 1].kind == TK_NUM || tx_is(c, k - 1, ATT_TXC_NUM, NULL)) {
                m->b = j + 1;
                att__tx_duration(m->lit, sizeof m->lit, u, 2);
                return j + 2;
            }
        return 0;
    }
    if (tx_is(c, j, ATT_TXC_ONCE, NULL) || tx_is(c, j, ATT_TXC_PER, NULL)) {
        size_t k = j + 1;
        if (tx_word(c, k, "im") || tx_word(c, k, "pro") || tx_word(c, k, "a") ||
            tx_word(c, k, "per"))
            k++;
        if (k == j + 1 && tx_is(c, j, ATT_TXC_ONCE, NULL))
            return 0;
        if (tx_is(c, k, ATT_TXC_UNIT, &u) && u < 100 && u >= ATT_TXU_H) {
            att__tx_duration(m->lit, sizeof m->lit, u, 2);
            return k + 1;
        }
        return 0;
    }
    if (!tx_is(c, j, ATT_TXC_EVERY, NULL))
        return 0;
    j++;
    if (tx_is(c, j, ATT_TXC_ORD, &ord))
        j++;
    else if (att__tx_count(c, j, &halves) && halves > 2 && halves % 2 == 0 &&
             tx_is(c, j + 1, ATT_TXC_UNIT, &u) && u > 100) {
        att__tx_duration(m->lit, sizeof m->lit, u - 100, halves);
        return j + 2;
    }
    int pod = 0, wd = att__tx_wday_word(c, j, &pod);
    if (wd) {
        if (pod)
            snprintf(m->lit, sizeof m->lit, "XXXX-WXX-%d-T%s", wd,
                     (const char *[]){"", "MO", "MI", "AF", "EV", "NI"}[pod]);
        else
            snprintf(m->lit, sizeof m->lit, "XXXX-WXX-%d", wd);
        return j + 1;
    }
    if (tx_is(c, j, ATT_TXC_UNIT, &u) && u < 100) {
        att__tx_duration(m->lit, sizeof m->lit, u, ord > 1 ? ord * 2 : 2);
        return j + 1;
    }
    return 0;
}

/* Does a clock time at token i hold for no one day (KRAUTS writes T20:00)?
 * It does when the date before it was a list of days ("am 3., 4. und 5.
 * Oktober, jeweils 20 Uhr") or a habit or example stands shortly before it
 * in the sentence ("wochentags von 14 bis 18 Uhr", "täglich", "jeden
 * Montag", "beispielsweise von 10 bis 15 Uhr"). */
static int tx_generic_time(const tx_ctx *c, size_t i)
{
    if (c->standalone)
        return 0;
    if (c->ref_list && tx_ref_ok(c, i) && c->ref_sent == c->t[i].sent)
        return 1;
    for (size_t k = i, steps = 0; k > 0 && steps < 8; k--, steps++) {
        const tx_tok *t = &c->t[k - 1];
        if (t->sent != c->t[i].sent)
            break;
        if (tx_is(c, k - 1, ATT_TXC_HABIT, NULL) || tx_is(c, k - 1, ATT_TXC_SETW, NULL) ||
            (tx_is(c, k - 1, ATT_TXC_EVERY, NULL) && !tx_word(c, k - 1, "alle")) ||
            tx_is(c, k - 1, ATT_TXC_WDAYS, NULL))
            return 1;
    }
    return 0;
}

/* Clock times: 14 Uhr, 14:30 Uhr, 17.30 Uhr, um 14.30, 3 p.m., 15:45;
 * "von 14 bis 18 Uhr" gives the 14 its Uhr. */
size_t att__tx_r_time(const tx_ctx *c, size_t i, tx_match *m)
{
    size_t j = i;
    int h, mi = 0, have_min = 0, sep = 0;
    if (!tx_num(c, j, 1, 2))
        return 0;
    if (j > 0 && tx_adj(c, j - 1) && c->t[j - 1].kind == TK_PUNCT &&
        strchr(".,:", c->t[j - 1].low[0]))
        return 0;
    h = c->t[j].num;
    j++;
    if ((tx_punct(c, j, ':') || tx_punct(c, j, '.')) && tx_adj(c, j - 1) && tx_adj(c, j) &&
        tx_num(c, j + 1, 2, 2)) {
        sep = c->t[j].low[0];
        mi = c->t[j + 1].num;
        have_min = 1;
        j += 2;
    }
    if (h > 24 || mi > 59)
        return 0;
    int pm = -1;
    if (tx_is(c, j, ATT_TXC_UHR, NULL)) {
        j++;
    } else if ((tx_word(c, j, "pm") || tx_word(c, j, "am")) && c->langs != 1) {
        pm = tx_word(c, j, "pm");
        j++;
    } else if ((tx_word(c, j, "p") || tx_word(c, j, "a")) && tx_punct(c, j + 1, '.') &&
               tx_word(c, j + 2, "m") && tx_punct(c, j + 3, '.')) {
        pm = tx_word(c, j, "p");
        j += 4;
    } else {
        /* 14 bis 18 Uhr */
        size_t k = j;
        if ((tx_word(c, k, "bis") || tx_punct(c, k, '-') || tx_word(c, k, "und") ||
             tx_word(c, k, "to")) &&
            tx_num(c, k + 1, 1, 2)) {
            size_t e = k + 2;
            if ((tx_punct(c, e, ':') || tx_punct(c, e, '.')) && tx_num(c, e + 1, 2, 2))
                e += 2;
            if (!tx_is(c, e, ATT_TXC_UHR, NULL) || c->t[k + 1].num > 24)
                return 0;
        } else if (!have_min ||
                   !(tx_prep(c, i) == 3 || tx_prep(c, i) == 5 || tx_prep(c, i) == 6 ||
                     tx_prep(c, i) == 7) ||
                   (sep == ':' && h == 0)) {
            return 0;
        } else if (j < c->n && (c->t[j].kind == TK_NUM ||
                                (c->t[j].kind == TK_WORD &&
                                 (tx_word(c, j, "euro") || tx_word(c, j, "prozent"))) ||
                                (c->t[j].kind == TK_PUNCT && strchr("%:.", c->t[j].low[0]) &&
                                 tx_adj(c, j - 1)))) {
            return 0;
        }
    }
    if (pm == 1 && h < 12)
        h += 12;
    if (pm == 0 && h == 12)
        h = 0;
    m->derived = 1;
    m->type = TT_TIME;
    if (tx_generic_time(c, i)) {
        snprintf(m->lit, sizeof m->lit, "T%02d:%02d", h, mi);
        return j;
    }
    if (tx_ref_ok(c, i)) {
        m->d = c->ref;
        m->d.gran = ATT_TXG_DAY;
        if (c->ref_night && h >= 12) /* "in der Nacht zum Montag … gegen 23 Uhr" */
            att__tx_civil(att__tx_days(c->ref.y, c->ref.m, c->ref.d) - 1, &m->d.y, &m->d.m,
                          &m->d.d);
    } else {
        att__tx_shift(&c->dct, ATT_TXU_D, 0, &m->d);
    }
    m->d.hour = h;
    m->d.min = mi;
    m->d.pod = 0;
    m->type = TT_TIME;
    return j;
}

/* Parts of day: am Abend, in der Nacht, abends, am Nachmittag */
size_t att__tx_r_pod(const tx_ctx *c, size_t i, tx_match *m)
{
    int v = 0;
    if (tx_is(c, i, ATT_TXC_POD, &v) && c->t[i].upper &&
        (tx_word(c, i + 1, "des") || tx_word(c, i + 1, "vom"))) {
        /* "in der Nacht des 14. August": that day's night */
        tx_match day;
        memset(&day, 0, sizeof day);
        size_t e = att__tx_day_month(c, i + 2, &day);
        if (e && !day.bad) {
            m->d = day.d;
            m->d.pod = v;
            return e;
        }
    }
    if (tx_is(c, i, ATT_TXC_POD, &v) && c->t[i].upper &&
        (tx_word(c, i + 1, "auf") || tx_word(c, i + 1, "zum")) &&
        (tx_num(c, i + 2, 1, 2) || tx_num(c, i + 3, 1, 2) ||
         att__tx_wday_word(c, i + 2, &(int){0}) || att__tx_wday_word(c, i + 3, &(int){0})))
        return 0; /* "in der Nacht auf den 28. Juli": the date says it */
    if (tx_is(c, i, ATT_TXC_PODADV, &v)) {
        /* "abends" alone */
    } else if (tx_is(c, i, ATT_TXC_POD, &v) && c->t[i].upper &&
               (tx_prep(c, i) == 1 || tx_prep(c, i) == 7 ||
                (i > 1 && tx_word(c, i - 1, "der") && tx_word(c, i - 2, "in")))) {
        /* "am Abend", "in der Nacht" */
    } else if (tx_is(c, i, ATT_TXC_POD, &v) && c->langs != 1 && i > 1 && tx_word(c, i - 1, "the") &&
               tx_prep(c, i - 1)) {
        /* "in the morning" */
    } else {
        return 0;
    }
    m->derived = 1;
    if (tx_ref_ok(c, i))
        m->d = c->ref, m->d.gran = ATT_TXG_DAY;
    else
        att__tx_shift(&c->dct, ATT_TXU_D, 0, &m->d);
    m->d.pod = v;
    m->d.hour = -1;
    int after = 0;
    if (tx_is(c, i + 1, ATT_TXC_AFTER, &after) && !tx_word(c, i + 1, "ago") && m->d.d) {
        /* "am Abend zuvor", "am Morgen danach" */
        att__tx_civil(att__tx_days(m->d.y, m->d.m, m->d.d) + after, &m->d.y, &m->d.m, &m->d.d);
        return i + 2;
    }
    return i + 1;
}

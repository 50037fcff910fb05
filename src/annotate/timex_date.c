/*
 * timex_date.c - calendar arithmetic and TIMEX3 values for the temporal
 * tagger (timex.h).
 *
 * Dates are counted in days since 1970-01-01 with the proleptic Gregorian
 * civil-from-days algorithm (exact for any int year we accept, 1..9999), so
 * "vor drei Tagen" across a month or year end needs no special case.  Weeks
 * are ISO 8601 weeks (Monday first, week 1 holds the year's first Thursday).
 *
 * Anchoring: att__tx_shift() moves the DCT by n units at the DCT's own
 * precision and leaves X for what the DCT does not tell (a DCT of 2024-04
 * gives "vor einem Monat" = 2024-03 but "gestern" = 2024-04-XX), which is
 * the rule docs/timex.md states for every relative expression.
 */
#include "timex.h"

#include <stdio.h>
#include <string.h>

int att__tx_days(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void att__tx_civil(int z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int att__tx_wday(int y, int m, int d)
{
    int z = att__tx_days(y, m, d); /* 1970-01-01 was a Thursday (4) */
    int w = ((z % 7) + 7 + 3) % 7; /* 0 = Monday */
    return w + 1;
}

void att__tx_isoweek(int y, int m, int d, int *wy, int *w)
{
    int z = att__tx_days(y, m, d);
    int thursday = z - (att__tx_wday(y, m, d) - 1) + 3;
    int ty, tm, td;
    att__tx_civil(thursday, &ty, &tm, &td);
    *wy = ty;
    *w = (thursday - att__tx_days(ty, 1, 1)) / 7 + 1;
}

int att__tx_mdays(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return len[m - 1];
}

void att__tx_easter(int y, int *m, int *d)
{
    /* the anonymous Gregorian algorithm (Meeus/Jones/Butcher) */
    int a = y % 19, b = y / 100, c = y % 100, dd = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - dd - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int mm = (a + 11 * h + 22 * l) / 451;
    *m = (h + l - 7 * mm + 114) / 31;
    *d = (h + l - 7 * mm + 114) % 31 + 1;
}

void att__txdct_parse(att__txdct *dct, const char *iso)
{
    memset(dct, 0, sizeof *dct);
    if (!iso)
        return;
    char canon[32];
    att_precision p = att__date_parse(iso, strlen(iso), canon);
    int y = 0, m = 0, d = 0;
    if (p == ATT_PREC_NONE)
        return;
    if (sscanf(canon, "%4d-%2d-%2d", &y, &m, &d) < 1 || y < 1 || y > 9999)
        return;
    dct->y = y;
    if (p >= ATT_PREC_MONTH && m >= 1 && m <= 12) {
        dct->m = m;
        if (p >= ATT_PREC_DAY && d >= 1 && d <= att__tx_mdays(y, m))
            dct->d = d;
    }
}

static void tx_init(att__txdate *o, int gran)
{
    memset(o, 0, sizeof *o);
    o->gran = gran;
    o->y = -1;
    o->hour = -1;
}

void att__tx_shift(const att__txdct *dct, int unit, int n, att__txdate *o)
{
    int known_y = dct->y > 0;
    switch (unit) {
    case ATT_TXU_Y:
        tx_init(o, ATT_TXG_YEAR);
        if (known_y)
            o->y = dct->y + n;
        return;
    case ATT_TXU_DE:
        tx_init(o, ATT_TXG_DECADE);
        o->decade = known_y ? dct->y / 10 + n : -1;
        return;
    case ATT_TXU_CE:
        tx_init(o, ATT_TXG_CENTURY);
        o->decade = known_y ? dct->y / 100 + n : -1;
        return;
    case ATT_TXU_M:
        tx_init(o, ATT_TXG_MONTH);
        if (dct->m) {
            int k = dct->y * 12 + (dct->m - 1) + n;
            o->y = k / 12;
            o->m = k % 12 + 1;
        } else if (known_y && n == 0) {
            o->y = dct->y;
        }
        return;
    case ATT_TXU_Q:
    case ATT_TXU_HALFYEAR: {
        int per = unit == ATT_TXU_Q ? 3 : 6;
        int cnt = 12 / per;
        tx_init(o, unit == ATT_TXU_Q ? ATT_TXG_QUARTER : ATT_TXG_HALF);
        if (dct->m) {
            int k = dct->y * cnt + (dct->m - 1) / per + n;
            o->y = k / cnt;
            o->sub = k % cnt + 1;
        } else if (known_y && n == 0) {
            o->y = dct->y;
        }
        return;
    }
    case ATT_TXU_W:
    case ATT_TXU_WE:
        tx_init(o, unit == ATT_TXU_W ? ATT_TXG_WEEK : ATT_TXG_WEEKEND);
        if (dct->d) {
            int y, m, d;
            att__tx_civil(att__tx_days(dct->y, dct->m, dct->d) + 7 * n, &y, &m, &d);
            att__tx_isoweek(y, m, d, &o->y, &o->week);
        } else if (known_y) {
            o->y = dct->y;
        }
        return;
    default: /* days, and the clock units, which land on a day */
        tx_init(o, ATT_TXG_DAY);
        if (dct->d) {
            int mul = unit == ATT_TXU_D ? 1 : 0;
            att__tx_civil(att__tx_days(dct->y, dct->m, dct->d) + mul * n, &o->y, &o->m, &o->d);
        } else if (known_y) {
            o->y = dct->y;
            o->m = dct->m;
        }
        return;
    }
}

static const char *const tx_seasons[] = {"XX", "SP", "SU", "FA", "WI"};
static const char *const tx_pods[] = {"", "MO", "MI", "AF", "EV", "NI"};

void att__tx_format(const att__txdate *t, char *out, size_t size)
{
    char y[8], m[4], d[4];
    size_t n;
    if (size == 0)
        return;
    if (t->y >= 0 && t->y <= 9999)
        snprintf(y, sizeof y, "%04d", t->y);
    else
        memcpy(y, "XXXX", 5);
    if (t->m >= 1 && t->m <= 12)
        snprintf(m, sizeof m, "%02d", t->m);
    else
        memcpy(m, "XX", 3);
    if (t->d >= 1 && t->d <= 31)
        snprintf(d, sizeof d, "%02d", t->d);
    else
        memcpy(d, "XX", 3);
    switch (t->gran) {
    case ATT_TXG_YEAR:
        snprintf(out, size, "%s", y);
        break;
    case ATT_TXG_MONTH:
        snprintf(out, size, "%s-%s", y, m);
        break;
    case ATT_TXG_WEEK:
    case ATT_TXG_WEEKEND:
        if (t->week >= 1 && t->week <= 53)
            snprintf(out, size, "%s-W%02d%s", y, t->week, t->gran == ATT_TXG_WEEKEND ? "-WE" : "");
        else
            snprintf(out, size, "%s-WXX%s", y, t->gran == ATT_TXG_WEEKEND ? "-WE" : "");
        break;
    case ATT_TXG_WDAY:
        snprintf(out, size, "%s-WXX-%d", y, t->sub >= 1 && t->sub <= 7 ? t->sub : 1);
        break;
    case ATT_TXG_SEASON:
        snprintf(out, size, "%s-%s", y, tx_seasons[t->sub >= 1 && t->sub <= 4 ? t->sub : 0]);
        break;
    case ATT_TXG_QUARTER:
        if (t->sub >= 1 && t->sub <= 4)
            snprintf(out, size, "%s-Q%d", y, t->sub);
        else
            snprintf(out, size, "%s-QX", y);
        break;
    case ATT_TXG_HALF:
        if (t->sub >= 1 && t->sub <= 2)
            snprintf(out, size, "%s-H%d", y, t->sub);
        else
            snprintf(out, size, "%s-HX", y);
        break;
    case ATT_TXG_DECADE:
        if (t->decade >= 0 && t->decade <= 999)
            snprintf(out, size, "%03d", t->decade);
        else
            snprintf(out, size, "XXX");
        break;
    case ATT_TXG_CENTURY:
        if (t->decade >= 0 && t->decade <= 99)
            snprintf(out, size, "%02d", t->decade);
        else
            snprintf(out, size, "XX");
        break;
    default:
        snprintf(out, size, "%s-%s-%s", y, m, d);
        break;
    }
    n = strlen(out);
    if (t->hour >= 0 && t->hour <= 24 && n < size)
        snprintf(out + n, size - n, "T%02d:%02d", t->hour, t->min >= 0 && t->min < 60 ? t->min : 0);
    else if (t->pod >= 1 && t->pod <= 5 && n < size)
        snprintf(out + n, size - n, "T%s", tx_pods[t->pod]);
}

/* ---- durations ------------------------------------------------------------ */

typedef struct tx_unitfmt {
    const char *pre; /* P or PT */
    const char *code;
    int mul;
} tx_unitfmt;

static const tx_unitfmt tx_units[] = {
    [ATT_TXU_S] = {"PT", "S", 1},       [ATT_TXU_MIN] = {"PT", "M", 1},
    [ATT_TXU_H] = {"PT", "H", 1},       [ATT_TXU_D] = {"P", "D", 1},
    [ATT_TXU_W] = {"P", "W", 1},        [ATT_TXU_WE] = {"P", "WE", 1},
    [ATT_TXU_M] = {"P", "M", 1},        [ATT_TXU_Q] = {"P", "Q", 1},
    [ATT_TXU_HALFYEAR] = {"P", "M", 6}, [ATT_TXU_Y] = {"P", "Y", 1},
    [ATT_TXU_DE] = {"P", "Y", 10},      [ATT_TXU_CE] = {"P", "Y", 100},
};

void att__tx_duration(char *out, size_t size, int unit, int halves)
{
    const tx_unitfmt *f = &tx_units[unit >= ATT_TXU_S && unit <= ATT_TXU_CE ? unit : ATT_TXU_D];
    if (halves < 0) {
        snprintf(out, size, "%sX%s", f->pre,
                 unit == ATT_TXU_DE   ? "DE"
                 : unit == ATT_TXU_CE ? "CE"
                                      : f->code);
    } else if (halves % 2 && f->mul == 1) {
        snprintf(out, size, "%s%d.5%s", f->pre, halves / 2, f->code);
    } else {
        snprintf(out, size, "%s%d%s", f->pre, halves * f->mul / 2, f->code);
    }
}

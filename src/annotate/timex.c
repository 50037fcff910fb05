/*
 * timex.c - the temporal tagger's grammar: German and English time
 * expressions found over a small token stream and normalised to TIMEX3.
 *
 * Structure.  The text is cut into segments (lines, at most TX_SEGMAX bytes,
 * cut at a space) because no expression crosses a line.  Each segment is
 * tokenised into words, numbers and punctuation (tx_tok); every word is
 * looked up once in the generated lexicon (timex_lex.c, binary search).
 * Then, at each token, every rule of tx_rules[] is tried and the longest
 * match wins; scanning resumes behind it.  A rule reads the tokens, may look
 * at the token before it for a cue (a preposition, "jeden"), and fills one
 * tx_match: an extent [b,e) plus either a calendar value (att__txdate,
 * written by timex_date.c) or a literal value (P3Y, PRESENT_REF).
 *
 * Invariants: a rule never reads outside [0,n) of the segment's tokens;
 * extents leave out prepositions (TimeML), except "vor"/"in" where the
 * preposition makes the meaning ("vor einem Monat"); relative values are
 * anchored at the DCT, clock times at the last day-precision date of the
 * same sentence or the DCT.  att__timex_governing() is in timex_govern.c.  The tense of the sentence (lexicon TPAST/TFUT cues)
 * chooses between the last and the next weekday, month or day.
 */
#include "timex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TX_SEGMAX 16384 /* bytes per segment; a token never crosses a cut */
#define TX_WORDMAX 32   /* longer words are not in the lexicon */
#define TX_MAXLEX 4     /* lexicon rows one form may have */

enum { TK_WORD = 1, TK_NUM, TK_PUNCT };
enum { TT_DATE = 1, TT_TIME, TT_DUR, TT_SET };
enum { MOD_NONE, MOD_START, MOD_MID, MOD_END, MOD_APPROX, MOD_LESS, MOD_MORE };

static const char *const tx_types[] = {"", "DATE", "TIME", "DURATION", "SET"};
static const char *const tx_mods[] = {NULL,     "START",     "MID",      "END",
                                      "APPROX", "LESS_THAN", "MORE_THAN"};

typedef struct tx_tok {
    uint32_t start, end;
    uint8_t kind;
    uint8_t upper;   /* first letter upper case */
    int8_t tense;    /* of its sentence: -1 past, 1 future, 0 unknown */
    uint8_t nlex;    /* lexicon rows of the word (language-filtered) */
    uint16_t lex[TX_MAXLEX];
    int num;         /* value of a number (capped) */
    uint8_t ndig;    /* digits of a number */
    uint32_t sent;   /* sentence number inside the segment */
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
    uint32_t ref_sent; /* the sentence it was in */
    int standalone;    /* att__timex_resolve: no sentence around the words */
    const char ***mods; /* the caller's mod array, or NULL */
    size_t *nmods, cmods;
} tx_ctx;

typedef struct tx_match {
    size_t b, e;     /* extent in tokens [b,e) */
    int type;        /* TT_* */
    att__txdate d;   /* the value when lit is empty */
    char lit[32];    /* a literal value: P3Y, PRESENT_REF, XXXX-WXX-1 */
    int mod;
    int bad;         /* an impossible date: no match, but say so */
} tx_match;

/* ---- tokens and the lexicon ---------------------------------------------- */

static int tx_lex_find(const char *w)
{
    unsigned char b = (unsigned char)w[0];
    size_t lo = att__timex_lex_first[b], hi = att__timex_lex_first[b + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(att__timex_lex[mid].form, w);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < att__timex_nlex && strcmp(att__timex_lex[lo].form, w) == 0)
        return (int)lo;
    return -1;
}

static void tx_lookup(tx_tok *k, int langs)
{
    int i = tx_lex_find(k->low);
    k->nlex = 0;
    if (i < 0)
        return;
    for (size_t j = (size_t)i; j < att__timex_nlex && k->nlex < TX_MAXLEX; j++) {
        if (strcmp(att__timex_lex[j].form, k->low) != 0)
            break;
        if (att__timex_lex[j].langs & langs)
            k->lex[k->nlex++] = (uint16_t)j;
    }
}

/* Is token i a word of class cls?  Stores its value in *val (may be NULL). */
static int tx_is(const tx_ctx *c, size_t i, int cls, int *val)
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

static int tx_word(const tx_ctx *c, size_t i, const char *w)
{
    return i < c->n && c->t[i].kind == TK_WORD && strcmp(c->t[i].low, w) == 0;
}

static int tx_punct(const tx_ctx *c, size_t i, char ch)
{
    return i < c->n && c->t[i].kind == TK_PUNCT && c->t[i].low[0] == ch && !c->t[i].low[1];
}

/* Token i and i+1 touch (no space between). */
static int tx_adj(const tx_ctx *c, size_t i)
{
    return i + 1 < c->n && c->t[i].end == c->t[i + 1].start;
}

static int tx_num(const tx_ctx *c, size_t i, int mindig, int maxdig)
{
    return i < c->n && c->t[i].kind == TK_NUM && c->t[i].ndig >= mindig &&
           c->t[i].ndig <= maxdig;
}

/* A byte that belongs to a word: ASCII letters and digits, and every byte of
 * a non-ASCII character except the punctuation and spaces tx_special knows. */
static int tx_special(const unsigned char *s, size_t n, size_t *len)
{
    /* U+00A0 no-break space, U+00AB/BB guillemets, U+2000..U+206F punctuation */
    if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xA0 || s[1] == 0xAB || s[1] == 0xBB)) {
        *len = 2;
        return s[1] == 0xA0 ? 1 : 2;
    }
    if (n >= 3 && s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81)) {
        *len = 3;
        return (s[1] == 0x80 && (s[2] <= 0x8B || s[2] == 0xAF)) ? 1 : 2;
    }
    return 0;
}

static int tx_isalpha(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
}

/* Lower-cases ASCII and the German upper-case umlauts into out[TX_WORDMAX];
 * returns 0 when the word is too long to be in the lexicon. */
static int tx_lower(const unsigned char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = s[i];
        if (o + 1 >= TX_WORDMAX) {
            out[0] = '\0';
            return 0;
        }
        if (ch >= 'A' && ch <= 'Z')
            ch = (unsigned char)(ch + 32);
        else if (ch == 0xC3 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9E &&
                 s[i + 1] != 0x97) {
            out[o++] = (char)ch;
            ch = (unsigned char)(s[++i] + 0x20);
        }
        out[o++] = (char)ch;
    }
    out[o] = '\0';
    return 1;
}

/* Tokenises text[0..len) into c->t (capacity cap); returns the count. */
static size_t tx_tokenize(tx_ctx *c, const char *text, size_t base, size_t len, size_t cap)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, n = 0;
    while (i < len && n < cap) {
        size_t sl = 0;
        int sp = tx_special(s + i, len - i, &sl);
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || sp == 1) {
            i += sp == 1 ? sl : 1;
            continue;
        }
        tx_tok *k = &c->t[n];
        memset(k, 0, offsetof(tx_tok, low) + 1);
        k->start = (uint32_t)(base + i);
        if (s[i] >= '0' && s[i] <= '9') {
            size_t j = i;
            long v = 0;
            while (j < len && s[j] >= '0' && s[j] <= '9') {
                if (v < 100000000)
                    v = v * 10 + (s[j] - '0');
                j++;
            }
            k->kind = TK_NUM;
            k->num = (int)v;
            k->ndig = (uint8_t)(j - i > 255 ? 255 : j - i);
            i = j;
        } else if (tx_isalpha(s[i]) && !sp) {
            size_t j = i;
            while (j < len) {
                size_t l2 = 0;
                if (tx_special(s + j, len - j, &l2))
                    break;
                if (tx_isalpha(s[j]) || (s[j] >= '0' && s[j] <= '9'))
                    j++;
                else if (s[j] == '\'' && j + 1 < len && tx_isalpha(s[j + 1]) && j > i)
                    j++;
                else
                    break;
            }
            k->kind = TK_WORD;
            k->upper = (s[i] >= 'A' && s[i] <= 'Z') ||
                       (s[i] == 0xC3 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9E);
            if (tx_lower(s + i, j - i, k->low))
                tx_lookup(k, c->langs);
            i = j;
        } else {
            size_t l = sp ? sl : 1;
            if (!sp && s[i] >= 0x80) /* a stray continuation byte */
                l = 1;
            k->kind = TK_PUNCT;
            memcpy(k->low, s + i, l);
            k->low[l] = '\0';
            i += l;
        }
        k->end = (uint32_t)(base + i);
        n++;
    }
    return n;
}

/* Sentences inside the segment: a . ! ? after a word, followed by an upper
 * case word.  Sets each token's tense from the TPAST / TFUT cues in it. */
static void tx_tenses(tx_ctx *c)
{
    size_t a = 0;
    uint32_t nsent = 0;
    for (size_t i = 0; i <= c->n; i++) {
        int end = i == c->n;
        if (!end && c->t[i].kind == TK_PUNCT &&
            (c->t[i].low[0] == '.' || c->t[i].low[0] == '!' || c->t[i].low[0] == '?') &&
            i > 0 && c->t[i - 1].kind == TK_WORD && i + 1 < c->n && c->t[i + 1].upper)
            end = 1;
        if (!end)
            continue;
        size_t e = i < c->n ? i + 1 : i;
        int past = 0, fut = 0;
        for (size_t j = a; j < e; j++) {
            past += tx_is(c, j, ATT_TXC_TPAST, NULL);
            fut += tx_is(c, j, ATT_TXC_TFUT, NULL);
        }
        int tense = past ? -1 : fut ? 1 : 0;
        for (size_t j = a; j < e; j++) {
            c->t[j].tense = (int8_t)tense;
            c->t[j].sent = nsent;
        }
        nsent++;
        a = e;
    }
}

/* ---- helpers the rules share ---------------------------------------------- */

static void tx_date0(att__txdate *d, int gran)
{
    memset(d, 0, sizeof *d);
    d->gran = gran;
    d->y = -1;
    d->hour = -1;
}

static int tx_prep(const tx_ctx *c, size_t i)
{
    int v = 0;
    if (i > 0 && tx_is(c, i - 1, ATT_TXC_PREP, &v))
        return v;
    return 0;
}

/* The year a month (and day) without one most likely belongs to: the DCT's,
 * moved back or on a year when the sentence's tense says the date lies on
 * the other side of the DCT. */
static int tx_guess_year(const tx_ctx *c, size_t i, int m, int d)
{
    if (c->dct.y <= 0)
        return -1;
    int tense = c->t[i].tense;
    if (!c->dct.m)
        return c->dct.y;
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
        return j + 1 - i;
    }
    return 0;
}

static int tx_valid_day(int y, int m, int d)
{
    return m >= 1 && m <= 12 && d >= 1 && d <= (y > 0 ? att__tx_mdays(y, m) : m == 2 ? 29
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
static size_t tx_count(const tx_ctx *c, size_t i, int *halves)
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
static size_t r_day_month(const tx_ctx *c, size_t i, tx_match *m)
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
    tx_date0(&m->d, ATT_TXG_DAY);
    m->d.y = k ? y : tx_guess_year(c, i, mo, d);
    m->d.m = mo, m->d.d = d;
    if (!tx_valid_day(m->d.y, mo, d))
        m->bad = 1;
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
        tx_date0(&m->d, ATT_TXG_DAY);
        m->d.y = k ? y : tx_guess_year(c, i, mo, d);
        m->d.m = mo, m->d.d = d;
        if (!tx_valid_day(m->d.y, mo, d))
            m->bad = 1;
        return j + k;
    }
    size_t k = tx_yearspec(c, j, &y);
    int cue = tx_prep(c, i) || (i > 0 && (tx_is(c, i - 1, ATT_TXC_MOD, NULL) ||
                                          tx_is(c, i - 1, ATT_TXC_REL, NULL))) ||
              (i > 1 && tx_punct(c, i - 1, '-') && tx_is(c, i - 2, ATT_TXC_MOD, NULL));
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
static int tx_wday_prefix(const char *w)
{
    static const char pre[][3] = {"mo", "di", "mi", "do", "fr", "sa", "so", "tu", "we", "th", "su"};
    for (size_t k = 0; k < ATT_ARRAY_LEN(pre); k++)
        if (w[0] == pre[k][0] && w[1] == pre[k][1])
            return 1;
    return 0;
}

static int tx_wday_word(const tx_ctx *c, size_t i, int *pod)
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
    if (!tx_wday_prefix(w))
        return 0;
    for (size_t p = 5; p + 4 <= len && p < 12; p++) {
        char head[TX_WORDMAX];
        memcpy(head, w, p);
        head[p] = '\0';
        int hi = tx_lex_find(head);
        if (hi < 0 || att__timex_lex[hi].cls != ATT_TXC_WDAY)
            continue;
        int pi = tx_lex_find(w + p);
        for (int q = pi; q >= 0 && (size_t)q < att__timex_nlex &&
                         !strcmp(att__timex_lex[q].form, w + p);
             q++) {
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

static size_t r_weekday(const tx_ctx *c, size_t i, tx_match *m)
{
    int pod = 0, wd = tx_wday_word(c, i, &pod);
    size_t j = i + 1;
    if (!wd)
        return 0;
    if (i > 0 && tx_is(c, i - 1, ATT_TXC_EVERY, NULL))
        return 0;
    /* Donnerstag, 18. Dezember (2014) */
    size_t k = j;
    if (tx_punct(c, k, ','))
        k++;
    if (!pod) {
        tx_match dm;
        memset(&dm, 0, sizeof dm);
        size_t e = r_day_month(c, k, &dm);
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
    tx_wday_resolve(c, wd, c->t[i].tense > 0 ? 1 : -1, &m->d);
    m->d.pod = pod;
    return j;
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
    if (!tx_is(c, j, ATT_TXC_REL, &rel))
        return 0;
    if (art && i > 0 && tx_is(c, i - 1, ATT_TXC_MOD, NULL))
        return 0; /* "Ende des vergangenen Jahres": r_mod */
    j++;
    int pod = 0, wd = tx_wday_word(c, j, &pod);
    if (wd) {
        tx_wday_resolve(c, wd, rel > 0 ? 2 : rel < 0 ? -2 : (c->t[j].tense > 0 ? 1 : -1), &m->d);
        m->d.pod = pod;
        return j + 1;
    }
    size_t used = 0;
    int mo = tx_month_at(c, j, &used);
    if (mo) {
        tx_date0(&m->d, ATT_TXG_MONTH);
        m->d.m = mo;
        if (c->dct.y > 0)
            m->d.y = c->dct.y + (rel < 0 ? (c->dct.m && mo >= c->dct.m ? -1 : 0)
                                 : rel > 0 ? (c->dct.m && mo <= c->dct.m ? 1 : 0) : 0);
        return j + used;
    }
    if (tx_is(c, j, ATT_TXC_SEASON, &v) && c->t[j].upper) {
        tx_date0(&m->d, ATT_TXG_SEASON);
        m->d.sub = v;
        m->d.y = c->dct.y > 0 ? c->dct.y + rel : -1;
        return j + 1;
    }
    size_t k = tx_count(c, j, &halves);
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
    att__tx_shift(&c->dct, u, rel, &m->d);
    return j + 1;
}

/* heute, gestern, morgen, übermorgen (+ Abend); heuer, Vorjahr, Vortag */
static size_t r_deictic(const tx_ctx *c, size_t i, tx_match *m)
{
    int v = 0, pod = 0;
    size_t j = i + 1;
    if (tx_is(c, i, ATT_TXC_RELU, &v)) {
        int unit = v / 10, off = v % 10 - 5;
        if (unit == ATT_TXU_D && c->has_ref) { /* Vortag: of the date just named */
            m->d = c->ref;
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
        if (tx_prep(c, i) == 1 || (i > 0 && (tx_is(c, i - 1, ATT_TXC_DEIC, NULL) ||
                                             tx_is(c, i - 1, ATT_TXC_ART, NULL))))
            return 0;
        if (c->t[i].upper && i > 0 && c->t[i - 1].kind == TK_WORD)
            return 0;
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
    /* "heute" in a sentence without tense cues is mostly "nowadays" */
    if (v == 0 && !pod && (!c->dct.d || (c->t[i].tense == 0 && !c->standalone))) {
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
    if (tx_word(c, j, "kurzem") || (tx_word(c, j, "früher") && (tx_word(c, j + 1, "als") ||
                                                                 (j + 1 < c->n && c->t[j + 1].upper) ||
                                                                 tx_word(c, j + 1, "oder") ||
                                                                 tx_is(c, j + 1, ATT_TXC_ART, NULL))))
        return 0;
    if (tx_word(c, j, "now") && i > 0 && tx_word(c, i - 1, "right") == 0 &&
        tx_is(c, i + 1, ATT_TXC_ART, NULL))
        return 0; /* "now the ..." as a discourse word stays */
    snprintf(m->lit, sizeof m->lit, "%s", refs[v]);
    return j + 1;
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
         (c->t[j + 1].kind == TK_PUNCT && strchr(".,:/-%", c->t[j + 1].low[0]) &&
          j + 2 < c->n && c->t[j + 2].kind == TK_NUM && tx_adj(c, j + 1) &&
          !(strchr("/-", c->t[j + 1].low[0]) && tx_num(c, j + 2, 4, 4)))))
        return 0;
    if ((j > 1 && tx_adj(c, j - 1) && c->t[j - 1].kind == TK_PUNCT && tx_num(c, j - 2, 4, 4)) ||
        (tx_adj(c, j) && tx_adj(c, j + 1) && tx_num(c, j + 2, 4, 4)))
        cue = 1; /* 1898-1976 */
    if (tx_adj(c, j) && j + 1 < c->n && c->t[j + 1].kind == TK_WORD)
        return 0; /* 1990er, 2020s: r_decade */
    if (j == i && !cue && j + 1 < c->n) {
        const tx_tok *nx = &c->t[j + 1];
        if (nx->kind == TK_PUNCT && (strchr("%$", nx->low[0]) || (unsigned char)nx->low[0] >= 0x80))
            return 0;
        if (tx_is(c, j + 1, ATT_TXC_COUNT, NULL))
            return 0; /* 2000 Menschen, 1500 Euro */
        if (nx->kind == TK_WORD && nx->upper && y % 100 == 0 && !tx_is(c, j + 1, ATT_TXC_MONTH, NULL))
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
        if (c->langs != 2 && !c->t[j].upper && !(tx_is(c, k, ATT_TXC_UNIT, &u) && u == 100 + ATT_TXU_Y))
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
        (!strcmp(c->t[j + 1].low, "er") || !strcmp(c->t[j + 1].low, "s")) &&
        (nd == 4 || nd == 2) && v % 10 == 0) {
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
        sub.d.y = k ? y : (c->dct.y > 0 ? c->dct.y : -1);
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
        if (!tx_is(c, k, ATT_TXC_UNIT, &u) || (u != ATT_TXU_W && u != ATT_TXU_M && u != ATT_TXU_D) ||
            k == j)
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
    if (j < c->n && c->t[j].kind == TK_WORD && c->t[j].low[0] == 'q' &&
        c->t[j].low[1] >= '1' && c->t[j].low[1] <= '4' && !c->t[j].low[2]) {
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
    if (tx_count(c, k, &halves) && tx_is(c, k + 1, ATT_TXC_UNIT, &u) && u == 100 + ATT_TXU_M &&
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
    k++;
    size_t ys = tx_yearspec(c, k, &y);
    if (!ys)
        y = c->dct.y > 0 ? c->dct.y : -1;
    tx_date0(&m->d, gran);
    m->d.y = y;
    m->d.sub = ord;
    return k + ys;
}

/* Durations: drei Jahre, 30 Tagen, eineinhalb Stunden, mehrere Jahre, etwa
 * einem Jahrzehnt; vor einem Monat / two years ago / in drei Tagen are
 * dates (shifted from the DCT); Wochen zuvor is PAST_REF. */
static size_t r_duration(const tx_ctx *c, size_t i, tx_match *m)
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
    size_t k = tx_count(c, j, &halves);
    if (!k) {
        /* "am Tag zuvor", "am Tag danach": the date just named, moved */
        if (!ago && !future && !q && tx_is(c, j, ATT_TXC_UNIT, &u) && u == ATT_TXU_D &&
            tx_is(c, j + 1, ATT_TXC_AFTER, &after) && c->langs != 2 && c->has_ref) {
            m->d = c->ref;
            att__tx_civil(att__tx_days(c->ref.y, c->ref.m, c->ref.d) + after, &m->d.y, &m->d.m,
                          &m->d.d);
            return j + 2;
        }
        /* "Wochen zuvor", "Jahre später" */
        if (!ago && !future && !q && tx_is(c, j, ATT_TXC_UNIT, &u) && u > 100 &&
            tx_is(c, j + 1, ATT_TXC_AFTER, &after) && c->langs != 2) {
            snprintf(m->lit, sizeof m->lit, "%s", after < 0 ? "PAST_REF" : "FUTURE_REF");
            return j + 2;
        }
        return 0;
    }
    j += k;
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
    if (unit == ATT_TXU_Y && !ago && !future &&
        ((j < c->n && c->t[j].kind == TK_WORD &&
          (!strncmp(c->t[j].low, "alt", 3) || !strcmp(c->t[j].low, "old") ||
           !strcmp(c->t[j].low, "\xc3\xa4lter") || !strcmp(c->t[j].low, "j\xc3\xbcnger")) &&
          strlen(c->t[j].low) <= 6) ||
         (i > 0 && (tx_word(c, i - 1, "mit") || tx_word(c, i - 1, "aged") ||
                    (tx_word(c, i - 1, "von") && i > 1 && tx_word(c, i - 2, "alter"))))))
        return 0;
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
        if (halves < 0) {
            snprintf(m->lit, sizeof m->lit, "%s", ago ? "PAST_REF" : "FUTURE_REF");
            return j;
        }
        if (halves % 2 || unit < ATT_TXU_D)
            return 0;
        int n = halves / 2 * (ago ? -1 : 1);
        if (unit == ATT_TXU_DE || unit == ATT_TXU_CE || unit == ATT_TXU_HALFYEAR) {
            int mul = unit == ATT_TXU_DE ? 10 : unit == ATT_TXU_CE ? 100 : 0;
            if (!mul) {
                att__tx_shift(&c->dct, ATT_TXU_M, n * 6, &m->d);
                return j;
            }
            att__tx_shift(&c->dct, ATT_TXU_Y, n * mul, &m->d);
            return j;
        }
        att__tx_shift(&c->dct, unit, n, &m->d);
        return j;
    }
    m->type = TT_DUR;
    att__tx_duration(m->lit, sizeof m->lit, unit, halves);
    m->mod = q == 1 ? MOD_APPROX : q == 2 ? MOD_LESS : q == 3 ? MOD_MORE : MOD_NONE;
    return j;
}

/* jahrelang, wochenlange: vague durations */
static size_t r_unitlang(const tx_ctx *c, size_t i, tx_match *m)
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
static size_t r_set(const tx_ctx *c, size_t i, tx_match *m)
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
    if (tx_is(c, j, ATT_TXC_PER, NULL) && tx_count(c, j + 1, &halves) && halves > 2 &&
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
    if (tx_is(c, j, ATT_TXC_ONCE, NULL) || tx_is(c, j, ATT_TXC_PER, NULL)) {
        size_t k = j + 1;
        if (tx_word(c, k, "im") || tx_word(c, k, "pro") || tx_word(c, k, "a") || tx_word(c, k, "per"))
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
    else if (tx_count(c, j, &halves) && halves > 2 && halves % 2 == 0 &&
             tx_is(c, j + 1, ATT_TXC_UNIT, &u) && u > 100) {
        att__tx_duration(m->lit, sizeof m->lit, u - 100, halves);
        return j + 2;
    }
    int pod = 0, wd = tx_wday_word(c, j, &pod);
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

/* Clock times: 14 Uhr, 14:30 Uhr, 17.30 Uhr, um 14.30, 3 p.m., 15:45;
 * "von 14 bis 18 Uhr" gives the 14 its Uhr. */
static size_t r_time(const tx_ctx *c, size_t i, tx_match *m)
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
        } else if (!have_min || !(tx_prep(c, i) == 3 || tx_prep(c, i) == 5 ||
                                  tx_prep(c, i) == 6 || tx_prep(c, i) == 7) || (sep == ':' && h == 0)) {
            return 0;
        } else if (j < c->n && (c->t[j].kind == TK_NUM ||
                                (c->t[j].kind == TK_WORD && (tx_word(c, j, "euro") ||
                                                             tx_word(c, j, "prozent"))) ||
                                (c->t[j].kind == TK_PUNCT && strchr("%:.", c->t[j].low[0]) &&
                                 tx_adj(c, j - 1)))) {
            return 0;
        }
    }
    if (pm == 1 && h < 12)
        h += 12;
    if (pm == 0 && h == 12)
        h = 0;
    if (c->has_ref && c->ref_sent == c->t[i].sent) {
        m->d = c->ref;
        m->d.gran = ATT_TXG_DAY;
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
static size_t r_pod(const tx_ctx *c, size_t i, tx_match *m)
{
    int v = 0;
    if (tx_is(c, i, ATT_TXC_PODADV, &v)) {
        /* "abends" alone */
    } else if (tx_is(c, i, ATT_TXC_POD, &v) && c->t[i].upper &&
               (tx_prep(c, i) == 1 || tx_prep(c, i) == 7 ||
                (i > 1 && tx_word(c, i - 1, "der") && tx_word(c, i - 2, "in")))) {
        /* "am Abend", "in der Nacht" */
    } else if (tx_is(c, i, ATT_TXC_POD, &v) && c->langs != 1 &&
               i > 1 && tx_word(c, i - 1, "the") && tx_prep(c, i - 1)) {
        /* "in the morning" */
    } else {
        return 0;
    }
    if (c->has_ref && c->ref_sent == c->t[i].sent)
        m->d = c->ref, m->d.gran = ATT_TXG_DAY;
    else
        att__tx_shift(&c->dct, ATT_TXU_D, 0, &m->d);
    m->d.pod = v;
    m->d.hour = -1;
    return i + 1;
}

/* Day ranges: "3. bis 5. Mai", "3. und 4. Oktober": the first day takes its
 * month from the second (the second is matched on its own afterwards). */
static size_t r_day_range(const tx_ctx *c, size_t i, tx_match *m)
{
    if (!tx_num(c, i, 1, 2) || !tx_punct(c, i + 1, '.') || !tx_adj(c, i))
        return 0;
    size_t j = i + 2;
    if (!(tx_word(c, j, "bis") || tx_word(c, j, "und") || tx_punct(c, j, '-') ||
          tx_punct(c, j, ',') || (j < c->n && !strcmp(c->t[j].low, "\xe2\x80\x93"))))
        return 0;
    tx_match second;
    memset(&second, 0, sizeof second);
    size_t e = r_day_month(c, j + 1, &second);
    if (!e) {
        if (tx_punct(c, j, ',') || tx_word(c, j, "und"))
            e = r_day_range(c, j + 1, &second);
        if (!e)
            return 0;
    }
    if (second.bad)
        return 0;
    tx_date0(&m->d, ATT_TXG_DAY);
    m->d.y = second.d.y;
    m->d.m = second.d.m;
    m->d.d = c->t[i].num;
    if (!tx_valid_day(m->d.y, m->d.m, m->d.d))
        m->bad = 1;
    return i + 2;
}

/* Seasons: im Herbst vergangenen Jahres, Sommer 2014, im Frühjahr */
static size_t r_season(const tx_ctx *c, size_t i, tx_match *m)
{
    int v = 0, y = 0;
    if (!tx_is(c, i, ATT_TXC_SEASON, &v) || (!c->t[i].upper && c->langs == 1))
        return 0;
    size_t k = tx_yearspec(c, i + 1, &y);
    if (!k && !(tx_prep(c, i) == 2 || tx_prep(c, i) == 4 || tx_prep(c, i) == 6 ||
                (i > 0 && tx_word(c, i - 1, "this"))))
        return 0;
    tx_date0(&m->d, ATT_TXG_SEASON);
    m->d.sub = v;
    m->d.y = k ? y : (c->dct.y > 0 ? c->dct.y : -1);
    return i + 1 + k;
}

/* am Wochenende: the DCT's weekend */
static size_t r_weekend(const tx_ctx *c, size_t i, tx_match *m)
{
    int u = 0;
    if (!tx_is(c, i, ATT_TXC_UNIT, &u) || u != ATT_TXU_WE || !(tx_prep(c, i) == 1 || tx_prep(c, i) == 5))
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
    {"numeric-date", r_numeric_date}, {"day-month", r_day_month}, {"day-range", r_day_range},
    {"month", r_month},               {"weekday", r_weekday},     {"part", r_part},
    {"mod", r_mod},                   {"relative", r_relative},   {"decade", r_decade},
    {"year", r_year},                 {"season", r_season},       {"time", r_time},
    {"deictic", r_deictic},           {"ref", r_ref},             {"set", r_set},
    {"duration", r_duration},         {"unitlang", r_unitlang},   {"pod", r_pod},
    {"weekend", r_weekend},
};

/* Tries every rule at i; returns the end of the best match (0: none). */
static size_t tx_match_at(const tx_ctx *c, size_t i, tx_match *best)
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

static void tx_value(const tx_match *m, char *type, size_t tsize, char *val, size_t vsize)
{
    int t = m->type;
    if (m->lit[0]) {
        snprintf(val, vsize, "%s", m->lit);
    } else {
        att__tx_format(&m->d, val, vsize);
        if (t == TT_DATE && (m->d.hour >= 0 || m->d.pod))
            t = TT_TIME;
    }
    snprintf(type, tsize, "%s", tx_types[t]);
}

static int tx_langs(const char *lang)
{
    if (lang && !strcmp(lang, "de"))
        return 1;
    if (lang && !strcmp(lang, "en"))
        return 2;
    return 3;
}

/* ---- the document layer ---------------------------------------------------- */

static int tx_emit(att_doc *doc, tx_ctx *c, const tx_match *m)
{
    char type[16], val[48];
    const char *mod = tx_mods[m->mod >= 0 && m->mod <= MOD_MORE ? m->mod : 0];
    size_t vl, ml;
    att_timex tx;
    tx_value(m, type, sizeof type, val, sizeof val);
    vl = strlen(val);
    ml = mod ? strlen(mod) : 0;
    char *vm = att__arena_strndup(&doc->arena, val, vl);
    if (!vm)
        return ATT_ENOMEM;
    (void)ml;
    if (c->mods && ATT_PUSH(*c->mods, *c->nmods, c->cmods, mod))
        return ATT_ENOMEM;
    tx.start = c->t[m->b].start;
    tx.end = c->t[m->e - 1].end;
    tx.type = att__arena_strdup(&doc->arena, type);
    tx.value = vm;
    tx.mod = mod;
    if (!tx.type)
        return ATT_ENOMEM;
    return ATT_PUSH(doc->timex, doc->ntimex, doc->ctimex, tx);
}

static int tx_run(tx_ctx *c, att_doc *doc)
{
    c->has_ref = 0;
    for (size_t i = 0; i < c->n;) {
        tx_match m;
        const tx_tok *k = &c->t[i];
        /* only numbers, lexicon words, weekday compounds and Q1 start a match */
        if (k->kind == TK_PUNCT ||
            (k->kind == TK_WORD && !k->nlex &&
             !(k->upper && k->end - k->start >= 8 && tx_wday_prefix(k->low)) &&
             !(k->low[0] == 'q' && k->low[1] >= '1' && k->low[1] <= '4'))) {
            i++;
            continue;
        }
        size_t e = tx_match_at(c, i, &m);
        if (!e) {
            i++;
            continue;
        }
        if (!m.bad) {
            int rc = tx_emit(doc, c, &m);
            if (rc)
                return rc;
            if (!m.lit[0] && m.d.gran == ATT_TXG_DAY && m.d.d) {
                c->ref = m.d;
                c->ref.hour = -1;
                c->ref.pod = 0;
                c->has_ref = 1;
                c->ref_sent = c->t[m.b].sent;
            }
        }
        i = e;
    }
    return 0;
}

int att__timex_annotate(att_doc *doc)
{
    return att__timex_annotate_mods(doc, NULL, NULL);
}

int att__timex_annotate_mods(att_doc *doc, const char ***mods, size_t *nmods)
{
    tx_ctx c;
    int rc = 0;
    size_t nm = 0;
    if (!doc || (!doc->text && doc->len))
        return ATT_EINVAL;
    memset(&c, 0, sizeof c);
    doc->ntimex = 0;
    if (mods) {
        *mods = NULL;
        c.mods = mods;
        c.nmods = nmods ? nmods : &nm;
        *c.nmods = 0;
    }
    c.text = doc->text;
    c.langs = tx_langs(doc->lang);
    att__txdct_parse(&c.dct, doc->published);
    c.t = malloc(sizeof(tx_tok) * TX_SEGMAX);
    if (!c.t)
        return ATT_ENOMEM;
    size_t pos = 0;
    while (pos < doc->len) {
        size_t end = pos;
        while (end < doc->len && doc->text[end] != '\n' && end - pos < TX_SEGMAX)
            end++;
        if (end - pos >= TX_SEGMAX) { /* cut at the last space */
            size_t cut = end;
            while (cut > pos + TX_SEGMAX / 2 && doc->text[cut - 1] != ' ')
                cut--;
            end = cut > pos + TX_SEGMAX / 2 ? cut : end;
        }
        c.n = tx_tokenize(&c, doc->text + pos, pos, end - pos, TX_SEGMAX);
        tx_tenses(&c);
        rc = tx_run(&c, doc);
        if (rc)
            break;
        pos = end < doc->len && doc->text[end] == '\n' ? end + 1 : end;
    }
    free(c.t);
    return rc;
}

/* ---- one expression ---------------------------------------------------------- */

static int tx_resolve_langs(const char *text, size_t len, int langs, const char *dct, char *type_out,
                            size_t tsize, char *value_out, size_t vsize)
{
    tx_ctx c;
    tx_tok toks[64];
    memset(&c, 0, sizeof c);
    c.t = toks;
    c.text = text;
    c.langs = langs;
    c.standalone = 1;
    att__txdct_parse(&c.dct, dct);
    c.n = tx_tokenize(&c, text, 0, len, ATT_ARRAY_LEN(toks));
    if (c.n == 0 || c.n == ATT_ARRAY_LEN(toks))
        return ATT_ENOTFOUND;
    tx_tenses(&c);
    for (size_t i = 0; i < c.n && i < 3; i++) {
        tx_match m;
        size_t e = tx_match_at(&c, i, &m);
        if (e == c.n || (e && e + 1 == c.n && c.t[e].kind == TK_PUNCT)) {
            if (m.bad)
                return ATT_ENOTFOUND;
            tx_value(&m, type_out, tsize, value_out, vsize);
            return 0;
        }
        /* only a preposition or an article may stand before the expression */
        if (!(c.t[i].kind == TK_WORD && (tx_is(&c, i, ATT_TXC_PREP, NULL) ||
                                         tx_is(&c, i, ATT_TXC_ART, NULL))))
            break;
    }
    return ATT_ENOTFOUND;
}

int att__timex_resolve(const char *text, size_t len, const char *lang, const char *dct,
                       char *type_out, size_t type_size, char *value_out, size_t value_size)
{
    if (!text || !type_out || !value_out || type_size == 0 || value_size == 0)
        return ATT_EINVAL;
    type_out[0] = value_out[0] = '\0';
    while (len && (*text == ' ' || *text == '\t' || *text == '\n')) {
        text++;
        len--;
    }
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\n'))
        len--;
    if (len == 0)
        return ATT_EINVAL;
    int langs = tx_langs(lang);
    if (langs != 3)
        return tx_resolve_langs(text, len, langs, dct, type_out, type_size, value_out, value_size);
    int rc = tx_resolve_langs(text, len, 1, dct, type_out, type_size, value_out, value_size);
    if (rc == ATT_ENOTFOUND)
        rc = tx_resolve_langs(text, len, 2, dct, type_out, type_size, value_out, value_size);
    return rc;
}

/*
 * key.c - name keys: how the KB and the matcher compare names.
 *
 * Three levels, each built on the one before (docs/entity-linking.md):
 *
 *   fold  casefold, marks stripped (utf8proc), a few letters that do not
 *         decompose (ə ı ł ø æ ...), Cyrillic -> Latin by a table; '.' and
 *         apostrophes vanish, any other non-letter separates words.
 *         "Kassym-Schomart Tokajew" -> "kassym schomart tokajew".
 *   key   the fold with per-word phonetic rules so German, English and
 *         transliterated spellings meet: tsch->ch, dsch/dzh->j, sch->sh,
 *         kh->h, ck->k, ph->f, q->k, j->y, w->v, z->s, then y between vowels
 *         vanishes and y before a consonant is i, doubled letters fold.
 *         Tokajew, Tokayev, Tokaev, Токаев -> "tokaev".
 *   stem  the key with German inflection endings (letters e n s r m) cut
 *         from each word while it is longer than three bytes; used only for
 *         names of two words or more ("Kaspischen Meeres" = "Kaspisches
 *         Meer").
 *
 * All functions write into caller buffers and never allocate.
 */
#include <string.h>
#include <utf8proc.h>

#include "kb.h"

/* Cyrillic (lower case, U+0430..U+045F) to Latin, roughly BGN/PCGN without
 * diacritics; the phonetic rules do the rest. */
static const char *const cyr[0x60] = {
    "a",  "b", "v",  "g",    "d",  "e",  "zh", "z", "i",  "y",  "k",  "l",  "m",  "n", "o", "p",
    "r",  "s", "t",  "u",    "f",  "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
    "e",  "e", "dj", "g",    "ye", "z",  "i",  "yi", "j",  "l",  "n",  "c",  "k",  "i", "u", "dzh",
    "",   "",  "",   "",     "",   "",   "",   "",  "",   "",   "",   "",   "",   "",  "",  "",
    "",   "",  "",   "",     "",   "",   "",   "",  "",   "",   "",   "",   "",   "",  "",  "",
    "",   "",  "",   "",     "",   "",   "",   "",  "",   "",   "",   "",   "",   "",  "",  "",
};

/* Letters outside Cyrillic that utf8proc does not decompose to ASCII. */
static const struct {
    int32_t cp;
    const char *to;
} special[] = {
    {0x00DF, "ss"}, {0x00E6, "ae"}, {0x00F0, "d"},  {0x00F8, "o"},  {0x00FE, "th"},
    {0x0111, "d"},  {0x0127, "h"},  {0x0131, "i"},  {0x0142, "l"},  {0x014B, "n"},
    {0x0153, "oe"}, {0x0167, "t"},  {0x0259, "a"},  {0x018F, "a"},  {0x04D9, "a"},
    {0x04D8, "a"},  {0x0493, "g"},  {0x0492, "g"},  {0x049B, "k"},  {0x049A, "k"},
    {0x04A3, "n"},  {0x04A2, "n"},  {0x04E9, "o"},  {0x04E8, "o"},  {0x04B1, "u"},
    {0x04B0, "u"},  {0x04AF, "u"},  {0x04AE, "u"},  {0x04BB, "h"},  {0x04BA, "h"},
    {0x0491, "g"},  {0x0490, "g"},  {0x045E, "u"},  {0x040E, "u"},
};

typedef struct out_t {
    char *p;
    size_t n, size;
    int sep; /* a separator is pending */
    int bad;
} out_t;

static void put(out_t *o, const char *s, size_t n)
{
    if (!n)
        return;
    if (o->sep && o->n) {
        if (o->n + 1 >= o->size) {
            o->bad = 1;
            return;
        }
        o->p[o->n++] = ' ';
    }
    o->sep = 0;
    if (o->n + n >= o->size) {
        o->bad = 1;
        return;
    }
    memcpy(o->p + o->n, s, n);
    o->n += n;
}

static const char *special_of(int32_t cp)
{
    for (size_t i = 0; i < ATT_ARRAY_LEN(special); i++)
        if (special[i].cp == cp)
            return special[i].to;
    return NULL;
}

static void put_cp(out_t *o, int32_t cp)
{
    const char *sp;
    if (cp < 0x80) {
        char c = (char)cp;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            put(o, &c, 1);
        else if (c != '.' && c != '\'')
            o->sep = 1;
        return;
    }
    if (cp == 0x2019 || cp == 0x02BC || cp == 0x02BB || cp == 0x00B4 || cp == 0x00AD ||
        cp == 0x200D || cp == 0x2018)
        return; /* apostrophes, soft hyphen, joiner: inside the word */
    if ((sp = special_of(cp)) != NULL) {
        put(o, sp, strlen(sp));
        return;
    }
    if (cp >= 0x400 && cp < 0x530) {
        int32_t lo = utf8proc_tolower(cp);
        if (lo >= 0x430 && lo < 0x490) {
            const char *t = cyr[lo - 0x430]; /* а..я, then ѐ..џ at 0x20 */
            if (*t)
                put(o, t, strlen(t));
            return;
        }
        if ((sp = special_of(lo)) != NULL) {
            put(o, sp, strlen(sp));
            return;
        }
    }
    {
        utf8proc_int32_t buf[8];
        int bc = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(
            cp, buf, 8,
            (utf8proc_option_t)(UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                UTF8PROC_COMPAT),
            &bc);
        if (k < 0 || k > 8) {
            o->sep = 1;
            return;
        }
        for (utf8proc_ssize_t i = 0; i < k; i++) {
            int32_t c = buf[i];
            utf8proc_category_t cat = utf8proc_category(c);
            if (c < 0x80) {
                put_cp(o, c);
            } else if ((sp = special_of(c)) != NULL) {
                put(o, sp, strlen(sp));
            } else if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
                char enc[4];
                put(o, enc, att__utf8_encode(c, enc));
            } else if (cat == UTF8PROC_CATEGORY_ND) {
                char enc[4];
                put(o, enc, att__utf8_encode(c, enc));
            } else if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) {
                /* a mark that survived: drop */
            } else {
                o->sep = 1;
            }
        }
    }
}

/* put() of one ASCII byte, inline: most of every text is ASCII. */
static void put1(out_t *o, char c)
{
    if (o->sep && o->n) {
        if (o->n + 1 >= o->size) {
            o->bad = 1;
            return;
        }
        o->p[o->n++] = ' ';
    }
    o->sep = 0;
    if (o->n + 1 >= o->size) {
        o->bad = 1;
        return;
    }
    o->p[o->n++] = c;
}

/* Folds s[0..n) into o.  With ends (n + 1 entries), ends[i] is the length
 * of the fold of s[0..i) for every character boundary i the fold passed
 * before it outgrew its buffer, (size_t)-1 elsewhere: the fold reads
 * characters one by one and never looks ahead, and a pending separator is
 * written only before the next letter, so the fold of a prefix is a prefix
 * of the fold. */
static void fold_run(out_t *o, const char *s, size_t n, size_t *ends)
{
    size_t i = 0;
    if (ends)
        for (size_t k = 0; k <= n; k++)
            ends[k] = (size_t)-1;
    while (i < n && !o->bad) {
        unsigned char c = (unsigned char)s[i];
        if (ends)
            ends[i] = o->n;
        if (c < 0x80) { /* what put_cp does for ASCII */
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                put1(o, (char)c);
            else if (c != '.' && c != '\'')
                o->sep = 1;
            i++;
        } else {
            size_t adv = 1;
            int32_t cp = att__utf8_decode(s + i, n - i, &adv);
            if (adv == 0)
                adv = 1;
            if (cp < 0)
                o->sep = 1;
            else
                put_cp(o, cp);
            i += adv;
        }
    }
    if (ends && !o->bad && i == n)
        ends[n] = o->n;
}

size_t att__kb_fold(const char *s, size_t n, char *out, size_t size)
{
    out_t o = {out, 0, size, 0, 0};
    if (size == 0)
        return (size_t)-1;
    fold_run(&o, s, n, NULL);
    if (o.bad)
        return (size_t)-1;
    out[o.n] = '\0';
    return o.n;
}

size_t att__kb_fold_ends(const char *s, size_t n, char *out, size_t size, size_t *ends)
{
    out_t o = {out, 0, size, 0, 0};
    if (size == 0) {
        for (size_t k = 0; k <= n; k++)
            ends[k] = (size_t)-1;
        return (size_t)-1;
    }
    fold_run(&o, s, n, ends);
    if (o.bad)
        return (size_t)-1;
    out[o.n] = '\0';
    return o.n;
}

static int vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* The substitutions of step 1, longest first at each position, with the
 * lengths of from and to (the strings inline, so the word loop follows no
 * pointer and calls no strlen).  Entries with the same first letter are
 * next to each other: subst_first() finds them. */
static const struct {
    char from[5], to[3];
    unsigned char fl, tl;
} subst[] = {
    {"tsch", "ch", 4, 2}, {"dsch", "J", 4, 1}, {"dzh", "J", 3, 1}, {"sch", "sh", 3, 2},
    {"kh", "h", 2, 1},    {"ck", "k", 2, 1},   {"ph", "f", 2, 1},  {"q", "k", 1, 1},
    {"j", "y", 1, 1},     {"w", "v", 1, 1},    {"z", "s", 1, 1},
};

/* The first entry of subst[] that starts with c, or -1: most letters start
 * none, and the key of every word of every text goes through this. */
static int subst_first(unsigned char c)
{
    switch (c) {
    case 't': return 0;
    case 'd': return 1;
    case 's': return 3;
    case 'k': return 4;
    case 'c': return 5;
    case 'p': return 6;
    case 'q': return 7;
    case 'j': return 8;
    case 'w': return 9;
    case 'z': return 10;
    default: return -1;
    }
}

/* Does w[0..n) begin with the substitution's from? */
static int subst_at(const char *w, size_t n, const char *from, size_t fl)
{
    if (fl > n)
        return 0;
    for (size_t k = 0; k < fl; k++)
        if (w[k] != from[k])
            return 0;
    return 1;
}

/* Folds one word w[0..n) in place; returns its new length (never longer:
 * every substitution is at most as long as what it replaces).  Two passes
 * over the word, writing behind the reading position:
 *
 *   1. the substitutions, left to right ('J' marks a j from dsch/dzh so
 *      that the j -> y rule does not see it);
 *   2. 'J' -> 'j', then y between vowels vanishes and y before a consonant
 *      or at the end is the vowel i (looking at the next letter of pass 1
 *      and the last letter written), and a letter equal to the last letter
 *      written folds: doubled letters fold after the y rule, and the last
 *      letter the y rule passed on is always the last one written, so the
 *      two rules share one pass. */
static size_t key_word(char *w, size_t n)
{
    size_t i = 0, j = 0;
    while (i < n) {
        int k = subst_first((unsigned char)w[i]);
        for (; k >= 0 && k < (int)ATT_ARRAY_LEN(subst) && subst[k].from[0] == w[i]; k++)
            if (subst_at(w + i, n - i, subst[k].from, subst[k].fl))
                break;
        if (k >= 0 && k < (int)ATT_ARRAY_LEN(subst) && subst[k].from[0] == w[i]) {
            for (size_t q = 0; q < subst[k].tl; q++)
                w[j + q] = subst[k].to[q];
            j += subst[k].tl;
            i += subst[k].fl;
        } else {
            w[j++] = w[i++];
        }
    }
    n = j;
    for (i = 0, j = 0; i < n; i++) {
        char c = w[i] == 'J' ? 'j' : w[i];
        if (c == 'y') {
            int pv = j > 0 && vowel(w[j - 1]);
            int nv = i + 1 < n && vowel(w[i + 1]);
            if (pv && nv)
                continue;
            if (!nv && !(i + 1 < n && w[i + 1] == 'y'))
                c = 'i';
        }
        if (j > 0 && w[j - 1] == c && (unsigned char)c < 0x80)
            continue;
        w[j++] = c;
    }
    return j;
}

size_t att__kb_fold_to_key(char *s, size_t n)
{
    size_t i = 0, j = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != ' ')
            e++;
        size_t wl = key_word(s + i, e - i);
        if (j && wl)
            s[j++] = ' ';
        memmove(s + j, s + i, wl);
        j += wl;
        i = e + 1;
    }
    s[j] = '\0';
    return j;
}

size_t att__kb_keyof(const char *s, size_t n, char *out, size_t size)
{
    size_t len = att__kb_fold(s, n, out, size);
    if (len == (size_t)-1)
        return len;
    return att__kb_fold_to_key(out, len);
}

static int inflection(char c)
{
    return c == 'e' || c == 'n' || c == 's' || c == 'r' || c == 'm';
}

size_t att__kb_stem(char *s, size_t n)
{
    size_t i = 0, j = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != ' ')
            e++;
        size_t wl = e - i;
        while (wl > 3 && inflection(s[i + wl - 1]))
            wl--;
        if (j)
            s[j++] = ' ';
        memmove(s + j, s + i, wl);
        j += wl;
        i = e + 1;
    }
    s[j] = '\0';
    return j;
}

size_t att__kb_slug(const char *s, char *out, size_t size)
{
    size_t n = att__kb_fold(s, strlen(s), out, size);
    if (n == (size_t)-1)
        return n;
    for (size_t i = 0; i < n; i++)
        if (out[i] == ' ')
            out[i] = '-';
    return n;
}

static int num(const char *s, size_t n, size_t at, size_t k)
{
    int v = 0;
    if (at + k > n)
        return -1;
    for (size_t i = at; i < at + k; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

uint32_t att__kb_date(const char *s, size_t n, int end)
{
    int y = num(s, n, 0, 4), m = -1, d = -1;
    if (y < 0)
        return 0;
    if (n >= 7 && s[4] == '-')
        m = num(s, n, 5, 2);
    if (m > 0 && n >= 10 && s[7] == '-')
        d = num(s, n, 8, 2);
    if (m < 1 || m > 12)
        return (uint32_t)(y * 10000 + (end ? 1231 : 101));
    if (d < 1 || d > 31)
        return (uint32_t)(y * 10000 + m * 100 + (end ? 31 : 1));
    return (uint32_t)(y * 10000 + m * 100 + d);
}

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

size_t att__kb_fold(const char *s, size_t n, char *out, size_t size)
{
    out_t o = {out, 0, size, 0, 0};
    size_t i = 0;
    if (size == 0)
        return (size_t)-1;
    while (i < n && !o.bad) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            put_cp(&o, c);
            i++;
        } else {
            size_t adv = 1;
            int32_t cp = att__utf8_decode(s + i, n - i, &adv);
            if (adv == 0)
                adv = 1;
            if (cp < 0)
                o.sep = 1;
            else
                put_cp(&o, cp);
            i += adv;
        }
    }
    if (o.bad)
        return (size_t)-1;
    out[o.n] = '\0';
    return o.n;
}

static int vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* The substitutions of step 1, longest first at each position. */
static const struct {
    const char *from, *to;
} subst[] = {
    {"tsch", "ch"}, {"dsch", "J"}, {"dzh", "J"}, {"sch", "sh"}, {"kh", "h"},
    {"ck", "k"},    {"ph", "f"},   {"q", "k"},   {"j", "y"},    {"w", "v"},
    {"z", "s"},
};

/* Folds one word w[0..n) in place; returns its new length (never longer:
 * every substitution is at most as long as what it replaces). */
static size_t key_word(char *w, size_t n)
{
    size_t i = 0, j = 0;
    /* step 1: substitutions, left to right */
    while (i < n) {
        size_t k;
        for (k = 0; k < ATT_ARRAY_LEN(subst); k++) {
            size_t fl = strlen(subst[k].from);
            if (i + fl <= n && memcmp(w + i, subst[k].from, fl) == 0) {
                size_t tl = strlen(subst[k].to);
                memmove(w + j, subst[k].to, tl);
                j += tl;
                i += fl;
                break;
            }
        }
        if (k == ATT_ARRAY_LEN(subst))
            w[j++] = w[i++];
    }
    for (i = 0; i < j; i++)
        if (w[i] == 'J')
            w[i] = 'j';
    n = j;
    /* step 2: y between vowels vanishes, y before a consonant or at the end
     * is the vowel i */
    for (i = 0, j = 0; i < n; i++) {
        char c = w[i];
        if (c == 'y') {
            int pv = j > 0 && vowel(w[j - 1]);
            int nv = i + 1 < n && vowel(w[i + 1]);
            if (pv && nv)
                continue;
            if (!nv && !(i + 1 < n && w[i + 1] == 'y'))
                c = 'i';
        }
        w[j++] = c;
    }
    n = j;
    /* step 3: doubled letters fold */
    for (i = 0, j = 0; i < n; i++) {
        if (j > 0 && w[j - 1] == w[i] && (unsigned char)w[i] < 0x80)
            continue;
        w[j++] = w[i];
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

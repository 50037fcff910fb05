/*
 * tokenize.re - the tokenizer for German and English news text (re2c).
 *
 * Two stages.  A re2c DFA (lex_raw, UTF-8 mode, no YYFILL, sentinel with a
 * limit check so embedded NULs are safe) cuts the text into raw pieces:
 * words (letters/digits, inner hyphens and apostrophes), numbers (digit
 * groups joined by . or ,), dotted initialisms (U.S., z.B.), URLs, e-mail
 * addresses, domains, quotes, punctuation runs, symbols and white space.
 * Then att__tokenize() looks at the context the DFA cannot see:
 *   - a word followed by "." becomes one ABBREV token when the word is in
 *     the abbreviation table (ABBREVS below, German and English) or is a
 *     single capital letter (an initial); "z. B.", "u. a." ... (MULTI) are
 *     one token with the inner space;
 *   - a number of 1-3 digits followed by "." becomes an ORDINAL when the
 *     next word is lower case, a month, a digit or an ordinal noun, when a
 *     determiner or preposition comes before it, or when it opens a line;
 *   - URLs lose trailing punctuation ("see https://x.org/a).").
 * Every rule consumes at least one byte, so the scanner always advances;
 * invalid bytes (never in a valid document) become one-byte SYMBOLs.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lang.h"

/*!re2c re2c:encoding:utf8 = 1; */

enum raw_kind {
    R_END = 0,
    R_SPACE,   /* white space, sets ATT_TOKF_SPACE on the token before */
    R_SKIP,    /* control and format characters: no token */
    R_WORD,
    R_NUMBER,
    R_INITIALS, /* U.S.  z.B.  e.V. */
    R_URL,
    R_DOMAIN,
    R_EMAIL,
    R_QUOTE,
    R_PUNCT,
    R_SYMBOL
};

/* Scans one raw piece at *pcur (before lim; *lim must be readable and is
 * the sentinel) and advances *pcur past it. */
static int lex_raw(const unsigned char **pcur, const unsigned char *lim)
{
    const unsigned char *cur = *pcur, *mar = cur;
    int k;
    /*!re2c
        re2c:define:YYCTYPE = "unsigned char";
        re2c:define:YYCURSOR = cur;
        re2c:define:YYMARKER = mar;
        re2c:define:YYLIMIT = lim;
        re2c:yyfill:enable = 0;
        re2c:eof = 0;

        // Letters: Latin, Greek, Cyrillic and the other alphabets and
        // syllabaries; punctuation, symbols and emoji blocks are left out.
        L = [a-zA-Z\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF]
          | [\u0370-\u037D\u037F-\u0386\u0388-\u0557\u0560-\u0588\u0591-\u05BD]
          | [\u05BF\u05C1\u05C2\u05C4-\u05F2\u0600-\u060B\u0610-\u061A]
          | [\u0620-\u0669\u066E-\u06D3\u06D5-\u0963\u0966-\u1FFF]
          | [\u2C00-\u2DFF\u3040-\uD7FF\uF900-\uFDFF\uFE70-\uFEFE\uFF21-\uFF3A]
          | [\uFF41-\uFF5A\uFF66-\uFFDC\U00010000-\U0001EFFF\U00020000-\U0003FFFF];
        A = [a-zA-Z];
        D = [0-9];
        J = [\u00AD\u200B-\u200D\u2060];     // soft hyphen, zero-width joiners
        H = [\-\u2010\u2011];                // hyphens inside compounds
        AP = ['\u2019];                      // apostrophes inside words
        C = L | D | J;
        seg = C+ (AP L+)*;
        lseg = (D | J)* L (C | AP L)*;
        dseg = D+;
        word = (dseg H)* lseg (H seg)*;
        number = D+ ([.,] D+)*;
        initials = L "." (L "."?)* L ".";
        tld = "de" | "com" | "org" | "net" | "at" | "ch" | "eu" | "uk" | "io" | "info"
            | "gov" | "edu" | "kz" | "ru" | "fr" | "it" | "es" | "nl" | "int" | "tv";
        domain = ([a-z0-9]+ ("-" [a-z0-9]+)* ".")+ tld;
        urlc = [^\x00-\x20\x7F<>"{}|\\^`\u00A0\u201C\u201D\u201E\u00AB\u00BB\u2018\u2019];
        url = ("http" "s"? | "ftp") "://" urlc+ | "www." urlc+;
        email = [A-Za-z0-9_%+\-] [A-Za-z0-9._%+\-]* "@" [A-Za-z0-9\-]+ ("." [A-Za-z0-9\-]+)+;
        space = [ \t\n\r\v\f\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000];
        ctrl = [\x00-\x08\x0E-\x1F\x7F-\x9F\u200E\u200F\u202A-\u202E\u2061-\u206F\uFEFF\uFFF0-\uFFFF];
        quote = ["'`\u00AB\u00BB\u2018-\u201F\u2039\u203A\u300C-\u300F\uFF02\uFF07] | "``" | "''";
        sentp = [.!?\u2026\u203C\u2047-\u2049]+;
        punct = [,;:()[\]{}/\\\u00A1\u00A7\u00B6\u00B7\u00BF\u2010-\u2015\u2020-\u2025\u2027]
              | [\u2030-\u2038\u203B\u203D-\u2046\u204A-\u205E\u3001-\u3003\u3008-\u3011\uFF01]
              | [\uFF0C\uFF0E\uFF1A\uFF1B\uFF1F\u037E\u0387\u0589\u05BE\u05C0\u05C3\u05F3\u05F4]
              | [\u060C\u060D\u061B\u061F\u066A-\u066D\u06D4\u0964\u0965]
              | "-"+;
        any = [\x00-\U0010FFFF];

        $        { k = R_END; goto done; }
        space+   { k = R_SPACE; goto done; }
        ctrl+    { k = R_SKIP; goto done; }
        J+       { k = R_SKIP; goto done; }
        number   { k = R_NUMBER; goto done; }
        word     { k = R_WORD; goto done; }
        initials { k = R_INITIALS; goto done; }
        domain   { k = R_DOMAIN; goto done; }
        url      { k = R_URL; goto done; }
        email    { k = R_EMAIL; goto done; }
        quote    { k = R_QUOTE; goto done; }
        sentp    { k = R_PUNCT; goto done; }
        punct    { k = R_PUNCT; goto done; }
        any      { k = R_SYMBOL; goto done; }
        *        { k = R_SYMBOL; goto done; } // a stray byte (never in valid text)
    */
done:
    *pcur = cur;
    return k;
}

/* ---- the abbreviation table ---------------------------------------------- */

/* Abbreviations written with a final period, German and English, sorted in
 * strcmp order (checked by a unit test).  Words that could also end a
 * sentence ("usw.", "Inc.", "Mio.") are here too: the sentence splitter
 * decides with its own class list (sentence.c). */
static const char *const ABBREVS[] = {
    "Abb",   "Abg",   "Abk",    "Abs",    "Abschn", "Abt",   "Adm",   "Adr",   "Anh",
    "Anl",   "Anm",   "Apr",    "Art",    "Aufl",   "Aug",   "Ave",   "Az",    "Bd",
    "Bde",   "Bearb", "Best",   "Betr",   "Bez",    "Bhf",   "Blvd",  "Bros",  "Bsp",
    "Capt",  "Chr",   "Cmdr",   "Co",     "Col",    "Corp",  "Cpl",   "Dec",   "Dez",
    "Di",    "Dipl",  "Dir",    "Do",     "Dr",     "Dres",  "Dtzd",  "Feb",   "Febr",
    "Fr",    "Fri",   "Ft",     "Gebr",   "Gen",    "Ges",   "Gov",   "Hbf",   "Hg",
    "Hon",   "Hr",    "Hrn",    "Hrsg",   "Inc",    "Ing",   "Inh",   "Jan",   "Jh",
    "Jhd",   "Jr",    "Jul",    "Jun",    "Kap",    "Kfm",   "Kfz",   "Kl",    "Kt",
    "Lfg",   "Lt",    "Ltd",    "Maj",    "Mi",     "Mio",   "Mo",    "Mon",   "Mr",
    "Mrd",   "Mrs",   "Ms",     "Mt",     "MwSt",   "Mwst",  "Mär",   "Nachf", "Nov",
    "Nr",    "Nrn",   "Oct",    "Okt",    "Pf",     "Pfd",   "Ph",    "Pkt",   "Pl",
    "Pres",  "Prof",  "Prov",   "Rd",     "Reg",    "Rep",   "Rev",   "Sa",    "Sat",
    "Sek",   "Sen",   "Sep",    "Sept",   "Sgt",    "Sr",    "St",    "Std",   "Str",
    "Sun",   "Supt",  "Tab",    "Tel",    "Thu",    "Thurs", "Tsd",   "Tue",   "Tues",
    "Verf",  "Verl",  "Vol",    "Vors",   "Wed",    "Whg",   "Ziff",  "al",    "allg",
    "approx", "betr", "bspw",   "bzgl",   "bzw",    "ca",    "cf",    "dept",  "dgl",
    "dt",    "ebd",   "eigtl",  "engl",   "entspr", "est",   "etc",   "ev",    "evtl",
    "exkl",  "fig",   "frz",    "geb",    "gegr",   "gem",   "gesch", "gest",  "ggf",
    "ggü",   "hg",    "inkl",   "insb",   "jew",    "jun",   "kath",  "lfd",   "lt",
    "max",   "min",   "mtl",    "näml",   "orig",   "pp",    "rd",    "resp",  "sen",
    "sog",   "stellv", "stv",   "teilw",  "tsd",    "ugs",   "urspr", "usf",   "usw",
    "vgl",   "vol",   "vorm",   "vs",     "zit",    "zul",   "zus",   "zzgl",  "österr",
};

/* Abbreviations of several parts written with a space ("z. B."); each
 * string lists the parts without periods, separated by one space. */
static const char *const MULTI[] = {
    "a D",   "d h",   "d i",   "i A",   "i d R", "i e",   "m E",   "n Chr", "o g", "o ä",
    "s o",   "s u",   "u a",   "u ä",   "u Ä",   "u U",   "u v m", "u zw",  "v a", "v Chr",
    "v l n r", "z B", "z T",   "z Zt",  "z Hd",
};

static int cmp_abbrev(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

/* True when s[0..n) (n < 16) followed by a period is a known abbreviation;
 * a capitalised word is also tried with its first letter in lower case
 * ("Vgl." at the start of a sentence). */
static int is_abbrev(const char *s, size_t n)
{
    char key[16];
    if (n == 0 || n >= sizeof(key))
        return 0;
    memcpy(key, s, n);
    key[n] = '\0';
    if (bsearch(key, ABBREVS, ATT_ARRAY_LEN(ABBREVS), sizeof(ABBREVS[0]), cmp_abbrev))
        return 1;
    if (key[0] >= 'A' && key[0] <= 'Z') {
        key[0] = (char)(key[0] - 'A' + 'a');
        return bsearch(key, ABBREVS, ATT_ARRAY_LEN(ABBREVS), sizeof(ABBREVS[0]), cmp_abbrev) !=
               NULL;
    }
    return 0;
}

/* Tries the MULTI table at t[at..): returns the end of the whole
 * abbreviation (after its last period) or 0.  Parts are separated by a
 * period and at most one space, which is how they are written in print. */
static size_t match_multi(const char *t, size_t len, size_t at)
{
    for (size_t m = 0; m < ATT_ARRAY_LEN(MULTI); m++) {
        const char *p = MULTI[m];
        size_t i = at;
        int ok = 1;
        while (*p && ok) {
            size_t plen = strcspn(p, " ");
            /* the first letter may be capitalised at a sentence start */
            if (i + plen >= len || t[i + plen] != '.' ||
                (i == at ? (t[i] | 0x20) != p[0] || memcmp(t + i + 1, p + 1, plen - 1) != 0
                         : memcmp(t + i, p, plen) != 0)) {
                ok = 0;
                break;
            }
            i += plen + 1;
            p += plen;
            if (*p == ' ') {
                p++;
                if (i < len && t[i] == ' ')
                    i++;
            }
        }
        /* the last part must not go on as a word: "z. Bsp." is not "z. B." */
        if (ok && !(i < len && ((unsigned char)t[i] >= 0x80 || (t[i] >= 'a' && t[i] <= 'z') ||
                                (t[i] >= 'A' && t[i] <= 'Z'))))
            return i;
    }
    return 0;
}

/* ---- ordinals ------------------------------------------------------------ */

/* Months (German, Austrian, English, with their short forms) and nouns that
 * usually follow an ordinal ("im 19. Jahrhundert", "zum 3. Mal"). */
static const char *const ORD_NEXT[] = {
    "Advent",  "Apr",      "April",      "Aug",     "August",   "Auflage",   "Ausgabe",
    "Bundesliga", "Dez",   "Dezember",   "Etage",   "Feb",      "Februar",   "Geburtstag",
    "Halbjahr", "Jahrestag", "Jahrhundert", "Jahrhunderts", "Jahrtausend", "Jan", "Januar",
    "Jul",     "Juli",     "Jun",        "Juni",    "Jänner",   "Kapitel",   "Klasse",
    "Kongress", "Liga",    "Lesung",     "Mai",     "Mal",      "Mär",       "März",
    "Nov",     "November", "Okt",        "Oktober", "Parteitag", "Platz",    "Quartal",
    "Rang",    "Runde",    "Sep",        "Sept",    "September", "Semester", "Sitzung",
    "Spieltag", "Stock",   "Stockwerk",  "Todestag", "Weltkrieg", "Wahlperiode",
};

/* Words after which "3." is an ordinal even before a capitalised noun. */
static const char *const ORD_PREV[] = {
    "Am",     "Ab",    "Bis",    "Das",   "Dem",    "Den",    "Der",    "Des",   "Die",
    "Im",     "Seit",  "Vom",    "Zum",   "Zur",    "ab",     "am",     "auf",   "bis",
    "beim",   "das",   "dem",    "den",   "der",    "des",    "die",    "diese", "diesem",
    "diesen", "dieser", "dieses", "ein",  "eine",   "einem",  "einen",  "einer", "eines",
    "für",    "ihr",   "ihre",   "ihrem", "ihren",  "ihrer",  "ihres",  "im",    "ins",
    "jede",   "jedem", "jeden",  "jeder", "jedes",  "nach",   "sein",   "seine", "seinem",
    "seinen", "seiner", "seines", "seit", "unser",  "unsere", "unserem", "unseren", "vom",
    "von",    "vor",   "zum",    "zur",
};

static int in_list(const char *const *list, size_t n, const char *s, size_t len)
{
    char key[32];
    if (len == 0 || len >= sizeof(key))
        return 0;
    memcpy(key, s, len);
    key[len] = '\0';
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], key) == 0)
            return 1;
    return 0;
}

/* The code point at t[i] (i < len) and its length; 0 for non-letters. */
static int32_t cp_at(const char *t, size_t len, size_t i, size_t *adv)
{
    return att__utf8_decode(t + i, len - i, adv);
}

static int is_upper_cp(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

static int is_lower_cp(int32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* Decides whether the number t[s..e) followed by "." at e is an ordinal.
 * prev is the previous token (or NULL). */
static int is_ordinal(const char *t, size_t len, size_t s, size_t e, const att_token *prev)
{
    size_t i = e + 1, adv, we;
    int32_t c;
    int digits = 0, dots = 0;

    for (size_t k = s; k < e; k++) {
        if (t[k] >= '0' && t[k] <= '9')
            digits++;
        else
            dots++;
    }
    /* 3, 12, 101 and dates without the year (12.3.) */
    if (dots > 1 || (dots == 0 && digits > 3) || (dots == 1 && digits > 4))
        return 0;
    if (dots == 1) {
        const char *d = memchr(t + s, '.', e - s);
        if (!d || d - (t + s) > 2 || (size_t)(t + e - d - 1) > 2)
            return 0;
    }
    /* a list item at the start of a line or after a sentence: "1. Einleitung" */
    if (s == 0 || t[s - 1] == '\n' || !prev)
        return 1;
    if (prev->kind == ATT_TOK_PUNCT && prev->end - prev->start == 1 &&
        (t[prev->start] == '.' || t[prev->start] == '!' || t[prev->start] == '?' ||
         t[prev->start] == ')'))
        return 1;
    if (i < len && t[i] != ' ')
        return 0; /* "3.Liga" or "3.\n": leave it to the splitter */
    while (i < len && t[i] == ' ')
        i++;
    if (i >= len || t[i] == '\n')
        return 0;
    if (t[i] >= '0' && t[i] <= '9')
        return dots == 0 && digits <= 2; /* "1. 2. 3." but not "2024. 5" */
    c = cp_at(t, len, i, &adv);
    if (is_lower_cp(c))
        return 1;
    if (!is_upper_cp(c))
        return 0;
    we = i;
    while (we < len) {
        c = cp_at(t, len, we, &adv);
        if (!(is_upper_cp(c) || is_lower_cp(c)))
            break;
        we += adv;
    }
    if (in_list(ORD_NEXT, ATT_ARRAY_LEN(ORD_NEXT), t + i, we - i))
        return 1;
    if (prev && prev->kind == ATT_TOK_WORD &&
        in_list(ORD_PREV, ATT_ARRAY_LEN(ORD_PREV), t + prev->start, prev->end - prev->start))
        return 1;
    return 0;
}

/* ---- the main loop ------------------------------------------------------- */

/* Cuts trailing punctuation off a URL that belongs to the sentence; keeps
 * a ")" that closes a "(" inside the URL (Wikipedia links). */
static size_t url_trim(const char *t, size_t s, size_t e)
{
    while (e > s) {
        unsigned char c = (unsigned char)t[e - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'') {
            e--;
        } else if (c == ')' || c == ']') {
            char open = c == ')' ? '(' : '[';
            long depth = 0;
            for (size_t i = s; i < e; i++)
                depth += t[i] == open ? 1 : t[i] == (char)c ? -1 : 0;
            if (depth >= 0)
                break; /* balanced: the bracket is part of the URL */
            e--;
        } else {
            break;
        }
    }
    return e;
}

/* True when the first letter of t[s..e) is upper case (utf8proc decides
 * outside ASCII). */
static int first_upper(const char *t, size_t s, size_t e)
{
    size_t i = s, adv;
    while (i < e) {
        unsigned char b = (unsigned char)t[i];
        if (b < 0x80) {
            if (b >= 'A' && b <= 'Z')
                return 1;
            if (b >= 'a' && b <= 'z')
                return 0;
            i++;
            continue;
        }
        int32_t c = att__utf8_decode(t + i, e - i, &adv);
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
            return 1;
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
            return 0;
        i += adv ? adv : 1;
    }
    return 0;
}

static int single_capital(const char *t, size_t s, size_t e)
{
    size_t adv;
    int32_t c = att__utf8_decode(t + s, e - s, &adv);
    return adv == e - s && is_upper_cp(c);
}

int att__tokenize(att_doc *doc)
{
    const char *t = doc->text;
    size_t len = doc->len, p = 0;
    const unsigned char *base = (const unsigned char *)t, *lim = base + len;

    doc->ntok = 0;
    if (!t)
        return 0;
    for (;;) {
        const unsigned char *cur = base + p;
        int k = lex_raw(&cur, lim);
        size_t s = p, e = (size_t)(cur - base);
        att_token tok;

        if (k == R_END || e <= s)
            break;
        p = e;
        if (k == R_SPACE) {
            if (doc->ntok)
                doc->toks[doc->ntok - 1].flags |= ATT_TOKF_SPACE;
            continue;
        }
        if (k == R_SKIP)
            continue;
        tok.kind = ATT_TOK_SYMBOL;
        switch (k) {
        case R_WORD:
            tok.kind = ATT_TOK_WORD;
            if (e < len && t[e] == '.') {
                size_t m = match_multi(t, len, s);
                if (m) {
                    e = m;
                    tok.kind = ATT_TOK_ABBREV;
                } else if (is_abbrev(t + s, e - s) || single_capital(t, s, e)) {
                    e++;
                    tok.kind = ATT_TOK_ABBREV;
                }
            }
            break;
        case R_INITIALS:
            tok.kind = ATT_TOK_ABBREV;
            break;
        case R_NUMBER:
            tok.kind = ATT_TOK_NUMBER;
            if (e < len && t[e] == '.' && !(e + 1 < len && t[e + 1] == '.') &&
                is_ordinal(t, len, s, e, doc->ntok ? &doc->toks[doc->ntok - 1] : NULL)) {
                e++;
                tok.kind = ATT_TOK_ORDINAL;
            }
            break;
        case R_URL:
        case R_DOMAIN:
            tok.kind = ATT_TOK_URL;
            e = url_trim(t, s, e);
            break;
        case R_EMAIL:
            tok.kind = ATT_TOK_EMAIL;
            break;
        case R_QUOTE:
            tok.kind = ATT_TOK_QUOTE;
            break;
        case R_PUNCT:
            tok.kind = ATT_TOK_PUNCT;
            break;
        default:
            tok.kind = ATT_TOK_SYMBOL;
            break;
        }
        p = e;
        tok.start = (uint32_t)s;
        tok.end = (uint32_t)e;
        tok.flags = first_upper(t, s, e) ? ATT_TOKF_UPPER : 0;
        if (ATT_PUSH(doc->toks, doc->ntok, doc->ctok, tok))
            return ATT_ENOMEM;
    }

    /* the last token of each paragraph */
    for (size_t i = 0, pi = 0; i < doc->ntok && pi < doc->npara; i++) {
        while (pi < doc->npara && doc->paras[pi].end <= doc->toks[i].start)
            pi++;
        if (pi >= doc->npara)
            break;
        if (i + 1 == doc->ntok || doc->toks[i + 1].start >= doc->paras[pi].end)
            doc->toks[i].flags |= ATT_TOKF_PARA;
    }
    return 0;
}

/*
 * boiler.c - dropping web boilerplate from text that was extracted elsewhere.
 *
 * Plain text scraped from news sites still carries the page around the
 * article: share bars ("Teilen", "Facebook", "Gefällt dir's? Dann teil's
 * doch!"), image credits ("Photo: Kremlin.ru", "Die Verwendung dieses
 * Bildes ..."), teaser lists for other articles after a "Related" or
 * "Weitere Artikel" line, cookie notices and job advertisements.  Anything
 * coded from those lines would be a false event, so they go before the text
 * becomes a document.
 *
 * The classifier works on lines and is deliberately conservative:
 *   1. a line that is exactly a known share/navigation label is dropped;
 *   2. a line that starts with a credit or source prefix ("Foto:", "Photo:",
 *      "Quelle:", "Autor:") and is short is dropped;
 *   3. a known in-line marker ("/ Weiterer Text über ots", "Wir verwenden
 *      Cookies", "Senden Sie Ihren Lebenslauf") cuts the line from the
 *      start of the sentence that holds it;
 *   4. a tail marker ("Related", "Weitere Artikel", "Siehe auch", "Teilen",
 *      ...) cuts everything after it, but only when what follows looks like
 *      a page's tail: no line after it is a long article paragraph that the
 *      other rules keep (teasers are short lines and snippets ending in
 *      "..." or "…").
 * The phrase tables below are the lexicon; they list page furniture, never
 * sentences of particular articles.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read.h"

/* Lines that are page furniture when they stand alone (compared without
 * case, trailing ':' and blanks). */
static const char *const lone_labels[] = {
    "teilen",
    "share",
    "share this",
    "artikel teilen",
    "beitrag teilen",
    "drucken",
    "print",
    "e-mail",
    "email",
    "mail",
    "facebook",
    "linkedin",
    "whatsapp",
    "threads",
    "x",
    "twitter",
    "telegram",
    "xing",
    "pinterest",
    "reddit",
    "instagram",
    "youtube",
    "tiktok",
    "vk",
    "weitere artikel",
    "related",
    "related posts",
    "related articles",
    "beliebte",
    "beliebt",
    "meistgelesen",
    "most read",
    "popular",
    "siehe auch",
    "see also",
    "lesen sie auch",
    "auch interessant",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "read more",
    "weiterlesen",
    "mehr lesen",
    "mehr",
    "zurück",
    "back",
    "kommentare",
    "comments",
    "tags",
    "schlagwörter",
    "anzeige",
    "werbung",
    "advertisement",
    "newsletter",
    "abonnieren",
    "subscribe",
    "spot_img",
    "spot_imgspot_img",
    "top-themen",
    "ähnliche artikel",
    "empfehlungen",
    "teilen sie diesen artikel",
    "artikel teilen",
    "link kopieren",
    "copy link",
    "nach oben",
    "to top",
    "inhaltsverzeichnis",
    "externer inhalt",
};

/* Labels after which the rest of a page is usually not the article. */
static const char *const tail_labels[] = {
    "teilen",           "share",          "weitere artikel",
    "related",          "related posts",  "related articles",
    "beliebte",         "meistgelesen",   "most read",
    "siehe auch",       "see also",       "lesen sie auch",
    "auch interessant", "mehr zum thema", "das könnte sie auch interessieren",
    "kommentare",       "comments",       "ähnliche artikel",
    "empfehlungen",     "top-themen",
};

/* Prefixes of short credit lines. */
static const char *const credit_prefixes[] = {
    "photo:",    "foto:",       "fotos:",      "bild:",        "bilder:",    "image:",  "picture:",
    "credit:",   "bildquelle:", "bildrechte:", "quelle foto:", "titelbild:", "©",       "(c)",
    "copyright", "quelle:",     "source:",     "sources:",     "autor:",     "author:",
};

/* Phrases whose sentence, and everything after it on the line, is not the
 * article: press-wire credits, cookie notices, job advertisements, share
 * prompts. */
static const char *const cut_markers[] = {
    "/ Weiterer Text über ots",
    "Weiterer Text über ots",
    "Die Verwendung dieses Bildes",
    "Veröffentlichung ausschließlich mit Bildrechte",
    "Original-Content von",
    "Wir verwenden Cookies",
    "Diese Website verwendet Cookies",
    "Diese Webseite verwendet Cookies",
    "We use cookies",
    "This website uses cookies",
    "Senden Sie Ihren Lebenslauf",
    "Bewerbungsschreiben",
    "Bewerben Sie sich",
    "Send your CV",
    "Apply now",
    "Gefällt dir’s?",
    "Gefällt dir's?",
    "Gefällt Ihnen dieser Artikel",
    "Dann teil’s doch",
    "Dann teil's doch",
    "Teilen Sie diesen Artikel",
    "Share this article",
    "in unserer Datenschutzerklärung",
    "Was sind Cookies?",
    "Wir respektieren deine Privatsphäre",
    "Wir respektieren Ihre Privatsphäre",
};

#define SHORT_LINE_WORDS 16
#define LABEL_MAX 64

typedef struct bline {
    size_t a, b;   /* the line without its "\n" */
    size_t keep_b; /* where the kept part ends (a..keep_b); a == keep_b drops it */
} bline;

static int is_space_at(const char *s, size_t i, size_t n, size_t *w)
{
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        *w = 1;
        return 1;
    }
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { /* no-break space */
        *w = 2;
        return 1;
    }
    return 0;
}

static void trim(const char *s, size_t *a, size_t *b)
{
    size_t w;
    while (*a < *b && is_space_at(s, *a, *b, &w))
        *a += w;
    while (*b > *a) {
        if ((unsigned char)s[*b - 1] == 0xA0 && *b - *a >= 2 && (unsigned char)s[*b - 2] == 0xC2)
            *b -= 2;
        else if (is_space_at(s, *b - 1, *b, &w))
            *b -= 1;
        else
            break;
    }
}

/* The line as a lower-case label (ASCII folding; other bytes kept), without
 * a trailing ':' — or 0 when it is too long to be a label. */
static int label_of(const char *s, size_t a, size_t b, char out[LABEL_MAX])
{
    size_t n;
    trim(s, &a, &b);
    while (b > a && (s[b - 1] == ':' || s[b - 1] == '.'))
        b--;
    n = b - a;
    if (n == 0 || n >= LABEL_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)s[a + i]);
    out[n] = '\0';
    /* "Ä" and "Ö" are two bytes in UTF-8; fold the two the tables use */
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)out[i] == 0xC3 &&
            ((unsigned char)out[i + 1] == 0x84 || (unsigned char)out[i + 1] == 0x96))
            out[i + 1] = (char)((unsigned char)out[i + 1] + 0x20);
    return 1;
}

static int in_table(const char *label, const char *const *table, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(label, table[i]) == 0)
            return 1;
    return 0;
}

static size_t count_words(const char *s, size_t a, size_t b)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = a; i < b; i++) {
        if (s[i] == ' ' || s[i] == '\t')
            in = 0;
        else if (!in) {
            in = 1;
            w++;
        }
    }
    return w;
}

static int ends_with(const char *s, size_t a, size_t b, const char *suffix)
{
    size_t n = strlen(suffix);
    return b - a >= n && memcmp(s + b - n, suffix, n) == 0;
}

static const char *find_in(const char *s, size_t a, size_t b, const char *needle)
{
    size_t n = strlen(needle);
    const char *p = s + a, *end = s + b;
    /* memchr finds the candidates: the lines are long, the needles many */
    while (n <= (size_t)(end - p) && (p = memchr(p, needle[0], (size_t)(end - p) - n + 1))) {
        if (memcmp(p, needle, n) == 0)
            return p;
        p++;
    }
    return NULL;
}

/* Start of the sentence holding position p (after the last ". ", "! ",
 * "? " or " / " before it on the line), or the line start. */
static size_t sentence_start(const char *s, size_t a, size_t p)
{
    for (size_t i = p; i > a + 1; i--) {
        char c = s[i - 2];
        if (s[i - 1] == ' ' && (c == '.' || c == '!' || c == '?' || c == '/'))
            return i - 1;
    }
    return a;
}

/* Rules 1-3 on one line: sets keep_b; returns 1 when the line is kept whole. */
static int classify(const char *s, bline *l)
{
    char label[LABEL_MAX];
    size_t a = l->a, b = l->b, words;
    trim(s, &a, &b);
    l->keep_b = l->b;
    if (a == b)
        return 1; /* blank lines are the paragraph structure */
    if (label_of(s, a, b, label) &&
        (in_table(label, lone_labels, ATT_ARRAY_LEN(lone_labels)) || strlen(label) == 1)) {
        l->keep_b = l->a;
        return 0;
    }
    words = count_words(s, a, b);
    for (size_t i = 0; i < ATT_ARRAY_LEN(credit_prefixes); i++) {
        size_t n = strlen(credit_prefixes[i]);
        if (words <= 8 && b - a >= n && strncasecmp(s + a, credit_prefixes[i], n) == 0) {
            l->keep_b = l->a;
            return 0;
        }
    }
    for (size_t i = 0; i < ATT_ARRAY_LEN(cut_markers); i++) {
        const char *m = find_in(s, a, b, cut_markers[i]);
        if (m) {
            size_t cut = sentence_start(s, a, (size_t)(m - s));
            while (cut > l->a && (s[cut - 1] == ' ' || s[cut - 1] == '/'))
                cut--;
            if (cut < l->keep_b)
                l->keep_b = cut;
        }
    }
    return l->keep_b == l->b;
}

/* Is line k a long line of article text that the other rules keep (not a
 * teaser's title or snippet, not a line a notice was cut from)? */
static int long_kept_line(const char *s, const bline *l)
{
    size_t a = l->a, b = l->keep_b;
    if (b < l->b)
        return 0; /* a notice or advertisement was cut from it */
    trim(s, &a, &b);
    if (a == b || ends_with(s, a, b, "...") || ends_with(s, a, b, "…"))
        return 0; /* blank, or a teaser's snippet */
    return count_words(s, a, b) > SHORT_LINE_WORDS;
}

int att__boiler_clean(const char *s, size_t n, char **out, size_t *outlen, int *flags)
{
    bline *lines = NULL;
    size_t nl = 0, cap = 0, pos = 0, tail = (size_t)-1, j = 0;
    char *dst;

    *out = NULL;
    *outlen = 0;
    *flags = 0;
    while (pos <= n) {
        const char *nlp = pos < n ? memchr(s + pos, '\n', n - pos) : NULL;
        size_t e = nlp ? (size_t)(nlp - s) : n;
        bline l = {pos, e, e};
        if (ATT_PUSH(lines, nl, cap, l)) {
            free(lines);
            return ATT_ENOMEM;
        }
        if (!nlp)
            break;
        pos = e + 1;
    }
    for (size_t i = 0; i < nl; i++) {
        char label[LABEL_MAX];
        int whole = classify(s, &lines[i]);
        if (!whole && i < 3 && lines[i].keep_b > lines[i].a)
            *flags |= ATT_BOILER_CAPTION; /* an early line lost its credit part */
        if (tail == (size_t)-1 && label_of(s, lines[i].a, lines[i].b, label) &&
            in_table(label, tail_labels, ATT_ARRAY_LEN(tail_labels)) && i > 0)
            tail = i;
    }
    /* rule 4: the first tail label after which nothing looks like article,
     * i.e. after the last long article line (one pass, so hostile pages
     * with thousands of labels cost linear time) */
    if (tail != (size_t)-1) {
        size_t last_long = (size_t)-1;
        for (size_t k = nl; k-- > tail;)
            if (long_kept_line(s, &lines[k])) {
                last_long = k;
                break;
            }
        for (size_t i = tail; i < nl; i++) {
            char label[LABEL_MAX];
            if (!label_of(s, lines[i].a, lines[i].b, label) ||
                !in_table(label, tail_labels, ATT_ARRAY_LEN(tail_labels)))
                continue;
            if (last_long == (size_t)-1 || last_long <= i) {
                for (size_t k = i; k < nl; k++)
                    lines[k].keep_b = lines[k].a;
                *flags |= ATT_BOILER_TAIL;
                break;
            }
        }
    }
    dst = malloc(n + 1);
    if (!dst) {
        free(lines);
        return ATT_ENOMEM;
    }
    for (size_t i = 0; i < nl; i++) {
        size_t a = lines[i].a, b = lines[i].keep_b;
        int dropped = b == a && lines[i].b > lines[i].a;
        if (dropped) {
            *flags |= ATT_BOILER_DROPPED;
            continue; /* the line goes, its neighbours' blank lines stay */
        }
        if (b < lines[i].b)
            *flags |= ATT_BOILER_DROPPED;
        memcpy(dst + j, s + a, b - a);
        j += b - a;
        if (i + 1 < nl)
            dst[j++] = '\n';
    }
    dst[j] = '\0';
    free(lines);
    *out = dst;
    *outlen = j;
    return 0;
}

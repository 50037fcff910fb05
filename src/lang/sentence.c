/*
 * sentence.c - the sentence splitter: tokens in, sentence spans out.
 *
 * It walks the tokens of one paragraph at a time (a paragraph always ends
 * a sentence, so sentences never cross one) and asks after each token
 * whether a sentence ends there:
 *   - "?", "!", "." and "..." end one when the next token does not go on in
 *     lower case or with , ; : ) -- closing quotes and brackets glued to the
 *     mark belong to the sentence they close (wichtig.“ Danach);
 *   - ORDINAL tokens (am 1. September) never end one: the tokenizer already
 *     decided that their period is not a full stop;
 *   - ABBREV tokens end one only when the abbreviation is of the kind that
 *     can close a sentence (usw., Inc., Mio., U.S.: END_ABBREVS) and the
 *     next word is a capitalised function word (Die, Er, The, ...);
 *   - a line break inside a paragraph ends a sentence after a line without
 *     final punctuation when the next line starts a list item, or when the
 *     next line's first word would have fit on the line (so the line is a
 *     title or an item, not hard-wrapped text), unless the next line starts
 *     in lower case or the line ends with a comma or hyphen;
 *   - an emoticon or emoji before a capital ends one (Super ;-) Wir ...);
 *   - in German text only, a colon before a capitalised full clause ends
 *     one after a clause of five words or more ("... ist klar: Der
 *     Präsident tritt zurück"), not before speech (a verb of saying before
 *     it, a quote or Konjunktiv I after it) or a list (colon_ends);
 *   - in German text only, a semicolon before a capitalised function word
 *     (Die, Er, Ich: DE_STARTERS) ends one;
 *   - in German text only, at a gap without final punctuation before a
 *     capitalised word (not inside a noun phrase: "der grosse Raum"), the
 *     boundary model (sbd.h, trained on news text
 *     whose full stops were deleted) decides: reviews and comments often
 *     omit the full stop ("Super Service Komme gerne wieder").  Without a
 *     model, a capitalised pronoun or article that cannot start anything
 *     but a sentence (Ich, Wir, Der, ...) after a plain word starts one.
 *     Where the model ended many sentences (3 within 75 on either side),
 *     the text is informal and a second pass decides again with a lower
 *     threshold (informal_at, att__split_sentences_cfg).
 * The invariant: every token belongs to exactly one sentence; sentences are
 * in order and each last token carries ATT_TOKF_SENT_END.
 */
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "sbd.h"

/* Abbreviations after which a sentence may end. */
static const char *const END_ABBREVS[] = {
    "Chr.",    "Co.",    "Corp.",  "Inc.",     "Jh.",  "Jhd.", "Jr.",    "Ltd.", "Mio.",  "Mrd.",
    "Sr.",     "Tsd.",   "U.K.",   "U.N.",     "U.S.", "US.",  "al.",    "etc.", "o. ä.", "o.ä.",
    "u. a.",   "u. ä.",  "u. Ä.",  "u. v. m.", "u.a.", "u.ä.", "u.v.m.", "usf.", "usw.",  "v. Chr.",
    "n. Chr.", "v.Chr.", "n.Chr.", "bzw.",     "Std.", "min.", "max.",   "tsd.",
};

/* Function words that, capitalised after a full stop, show a new sentence
 * (lower case forms; German and English). */
static const char *const STARTERS[] = {
    "a",       "aber",     "after", "als",    "also",  "am",      "an",       "and",     "auch",
    "auf",     "außerdem", "bei",   "before", "but",   "da",      "dabei",    "dadurch", "daher",
    "damit",   "danach",   "dann",  "das",    "dazu",  "dem",     "den",      "denn",    "der",
    "deshalb", "des",      "die",   "dies",   "diese", "diesem",  "diesen",   "dieser",  "dieses",
    "doch",    "dort",     "ein",   "eine",   "einem", "einen",   "einer",    "er",      "es",
    "for",     "für",      "he",    "her",    "his",   "however", "i",        "ich",     "if",
    "im",      "in",       "it",    "its",    "jetzt", "laut",    "man",      "mit",     "nach",
    "nun",     "on",       "our",   "she",    "sie",   "so",      "that",     "the",     "their",
    "then",    "there",    "these", "they",   "this",  "those",   "trotzdem", "unter",   "vor",
    "we",      "wenn",     "what",  "when",   "while", "wie",     "wir",      "with",    "zudem",
    "zum",     "zur",
};

/* German closed-class words (lower case) that, capitalised in the middle
 * of a line after a plain word, can only start a sentence: articles,
 * pronouns (not the formal Sie/Ihr), conjunctions, adverbs, prepositions
 * and auxiliaries.  Nouns that share a spelling (Würde, Gut) are left out. */
static const char *const DE_STARTERS[] = {
    "ab",     "aber",      "absolut", "alle",   "allerdings", "alles",    "also",  "am",
    "an",     "ansonsten", "auch",    "auf",    "aus",        "außerdem", "bei",   "beim",
    "bin",    "bis",       "bitte",   "da",     "dabei",      "dadurch",  "daher", "damit",
    "danach", "dann",      "das",     "dass",   "dazu",       "dein",     "deine", "dem",
    "den",    "denn",      "dennoch", "der",    "deshalb",    "des",      "die",   "dies",
    "diese",  "diesem",    "diesen",  "dieser", "dieses",     "doch",     "dort",  "du",
    "durch",  "ein",       "eine",    "einem",  "einen",      "einer",    "eines", "einfach",
    "er",     "es",        "etwas",   "für",    "ganz",       "gab",      "gegen", "gerne",
    "gibt",   "habe",      "haben",   "hat",    "hatte",      "hatten",   "heute", "hier",
    "ich",    "im",        "immer",   "in",     "insgesamt",  "ist",      "jede",  "jeder",
    "jedes",  "jetzt",     "kann",    "kein",   "keine",      "leider",   "man",   "mein",
    "meine",  "mit",       "muss",    "nach",   "natürlich",  "nicht",    "noch",  "nun",
    "nur",    "ob",        "obwohl",  "oder",   "ohne",       "schon",    "sehr",  "seit",
    "sind",   "so",        "soll",    "sollte", "trotzdem",   "um",       "und",   "uns",
    "unser",  "unsere",    "unter",   "viele",  "vielleicht", "vom",      "von",   "vor",
    "war",    "waren",     "weil",    "wenn",   "wie",        "wir",      "wird",  "wirklich",
    "wurde",  "wurden",    "zudem",   "zum",    "zur",        "zu",       "über",
};

/* Words no German sentence ends with (prepositions, conjunctions,
 * articles): "in Der Pate", "wie Die Kräfte" name a work, not a new
 * sentence. */
static const char *const DE_NO_END[] = {
    "als",  "am",    "an",      "auf", "aus",   "bei",   "bzw",      "das",   "dass",  "dem",
    "den",  "der",   "des",     "die", "durch", "ein",   "eine",     "einem", "einen", "einer",
    "für",  "gegen", "im",      "in",  "laut",  "mit",   "nach",     "ob",    "ohne",  "oder",
    "seit", "sowie", "trotz",   "um",  "und",   "unter", "von",      "vor",   "weil",  "wegen",
    "wenn", "wie",   "während", "zu",  "zum",   "zur",   "zwischen", "über",
};

typedef struct splitter {
    att_doc *doc;
    int de; /* German rules on */
    const att__split_cfg *cfg;
    unsigned hist; /* the last sentence ends inside paragraphs: 1 = without a mark */
    float threshold; /* the model's threshold */
    /* the first pass records where the model ended sentences (offsets, in
     * order); the second lowers the threshold where they are dense */
    uint32_t *ends;
    size_t nends, cends;
    const att_span *sents1; /* the first pass's sentences, and their count */
    size_t nsents1;
    float lowered;
} splitter;

static int tok_is(const att_doc *doc, const att_token *t, const char *s)
{
    size_t n = strlen(s);
    return t->end - t->start == n && memcmp(doc->text + t->start, s, n) == 0;
}

static int in_set(const char *const *set, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (len && set[i][0] == s[0] && strlen(set[i]) == len && memcmp(set[i], s, len) == 0)
            return 1;
    return 0;
}

/* Lower-cases an ASCII or Latin-1-range word into buf; 0 when too long. */
static size_t fold_word(const char *s, size_t n, char *buf, size_t cap)
{
    if (n >= cap)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    /* Ä Ö Ü (C3 84, C3 96, C3 9C) -> ä ö ü */
    if (n >= 2 && (unsigned char)buf[0] == 0xC3 &&
        ((unsigned char)buf[1] == 0x84 || (unsigned char)buf[1] == 0x96 ||
         (unsigned char)buf[1] == 0x9C))
        buf[1] = (char)((unsigned char)buf[1] + 0x20);
    buf[n] = '\0';
    return n;
}

/* True when word token t, case-folded, is in set[0..nset). */
static int word_in(const att_doc *doc, const att_token *t, const char *const *set, size_t nset)
{
    char buf[32];
    size_t n = fold_word(doc->text + t->start, t->end - t->start, buf, sizeof(buf));
    return n && in_set(set, nset, buf, n);
}

#define WORD_IN(doc, t, set) word_in(doc, t, set, ATT_ARRAY_LEN(set))

static int is_starter(const att_doc *doc, const att_token *t)
{
    return t->kind == ATT_TOK_WORD && (t->flags & ATT_TOKF_UPPER) && WORD_IN(doc, t, STARTERS);
}

/* The first byte of a token's text. */
static unsigned char first_byte(const att_doc *doc, const att_token *t)
{
    return (unsigned char)doc->text[t->start];
}

/* True when a token continues the sentence before it: a lower-case word or
 * a mark that cannot open a sentence. */
static int continues(const att_doc *doc, const att_token *t)
{
    unsigned char c = first_byte(doc, t);
    switch (t->kind) {
    case ATT_TOK_WORD:
    case ATT_TOK_ABBREV:
        return !(t->flags & ATT_TOKF_UPPER) && !(c >= '0' && c <= '9');
    case ATT_TOK_PUNCT:
        /* a dash glued to the next word opens a line of dialogue: "-Wie" */
        if (c == '-')
            return (t->flags & ATT_TOKF_SPACE) != 0;
        return c == ',' || c == ';' || c == ':' || c == ')' || c == ']' || c == '.' || c == '?' ||
               c == '!' || c == '/';
    default:
        return 0;
    }
}

/* True when a token opens a sentence after an abbreviation that can end
 * one: a capitalised function word, or an opening quote before a capital. */
static int opens_after_abbrev(const att_doc *doc, const att_token *t, const att_token *next)
{
    if (is_starter(doc, t))
        return 1;
    if (t->kind == ATT_TOK_QUOTE && next && (next->flags & ATT_TOKF_UPPER) && next->start == t->end)
        return 1;
    return 0;
}

static int has_terminal(const att_doc *doc, const att_token *t, int *question)
{
    int term = 0;
    *question = 0;
    if (t->kind != ATT_TOK_PUNCT)
        return 0;
    for (uint32_t i = t->start; i < t->end; i++) {
        unsigned char c = (unsigned char)doc->text[i];
        if (c == '.')
            term = 1;
        else if (c == '?' || c == '!')
            term = *question = 1;
        else if (c == 0xE2 && i + 2 < t->end &&
                 (((unsigned char)doc->text[i + 1] == 0x80 &&
                   ((unsigned char)doc->text[i + 2] == 0xA6 ||
                    (unsigned char)doc->text[i + 2] == 0xBC)) ||
                  ((unsigned char)doc->text[i + 1] == 0x81 &&
                   (unsigned char)doc->text[i + 2] >= 0x87 &&
                   (unsigned char)doc->text[i + 2] <= 0x89)))
            term = 1; /* … ‼ ⁇ ⁈ ⁉ */
    }
    return term;
}

static int is_closer(const att_doc *doc, const att_token *t)
{
    if (t->kind == ATT_TOK_QUOTE)
        return 1;
    return t->kind == ATT_TOK_PUNCT && (tok_is(doc, t, ")") || tok_is(doc, t, "]"));
}

/* True when a newline lies between two tokens. */
static int newline_between(const att_doc *doc, const att_token *a, const att_token *b)
{
    return memchr(doc->text + a->end, '\n', b->start - a->end) != NULL;
}

/* The start of the line holding offset at, and its end (the newline). */
static size_t line_len_at(const att_doc *doc, size_t at)
{
    size_t s = at, e = at;
    while (s > 0 && doc->text[s - 1] != '\n')
        s--;
    while (e < doc->len && doc->text[e] != '\n')
        e++;
    return e - s;
}

static int is_bullet(const att_doc *doc, const att_token *t)
{
    static const char *const bullets[] = {
        "-", "*", "\xE2\x80\xA2", "\xE2\x80\x93", "\xC2\xB7", "\xE2\x80\x94", "\xE2\x96\xAA", "+"};
    if (t->kind == ATT_TOK_ORDINAL)
        return 1;
    for (size_t i = 0; i < ATT_ARRAY_LEN(bullets); i++)
        if (tok_is(doc, t, bullets[i]))
            return 1;
    return 0;
}

/* True for a word in capitals (DIE VERANSTALTER: shouting, not a sentence
 * start): two letters or more and no ASCII lower-case one (CSU-Chef is not). */
static int shouted(const att_doc *doc, const att_token *t)
{
    const char *w = doc->text + t->start;
    size_t n = t->end - t->start;
    if (n < 2 || !(w[1] >= 'A' && w[1] <= 'Z'))
        return 0;
    for (size_t k = 2; k < n; k++)
        if (w[k] >= 'a' && w[k] <= 'z')
            return 0;
    return 1;
}

/* True for a capitalised (not all-caps) German closed-class word. */
static int de_starter(const att_doc *doc, const att_token *t)
{
    return !shouted(doc, t) && WORD_IN(doc, t, DE_STARTERS);
}

/* Articles and determiners (lower case forms): after one, a lower-case word
 * and a capitalised one make a noun phrase ("der grosse Aufenthaltsraum"). */
static const char *const DE_ARTICLES[] = {
    "das",    "dem",    "den",     "der",     "des",     "die",    "diese",  "diesem", "diesen",
    "dieser", "dieses", "ein",     "eine",    "einem",   "einen",  "einer",  "eines",  "jede",
    "jedem",  "jeden",  "jeder",   "jedes",   "kein",    "keine",  "keinem", "keinen", "keiner",
    "keines", "mein",   "meine",   "meinem",  "meinen",  "meiner", "seine",  "seinem", "seinen",
    "seiner", "unsere", "unserem", "unseren", "unserer",
};

/* True when the gap after token i lies inside a noun phrase: an article
 * (not a relative pronoun, which follows a comma), then the lower-case word
 * i; the capitalised word after it is the phrase's noun. */
static int in_noun_phrase(const att_doc *doc, size_t i, size_t first)
{
    const att_token *l = &doc->toks[i], *a;
    if (i <= first || l->kind != ATT_TOK_WORD || (l->flags & ATT_TOKF_UPPER))
        return 0;
    a = &doc->toks[i - 1];
    if (a->kind != ATT_TOK_WORD || !WORD_IN(doc, a, DE_ARTICLES))
        return 0;
    return !(i - 1 > first && doc->toks[i - 2].kind == ATT_TOK_PUNCT);
}

/* Verbs of saying (lower case forms): speech follows a colon after them and
 * belongs to their sentence ("Er sagte am Montag: Das ..."). */
static const char *const DE_SAYING[] = {
    "antwortete", "antwortet", "berichtete", "berichtet",  "betont",      "betonte", "betonten",
    "ergänzt",    "ergänzte",  "erklärt",    "erklärte",   "erklärten",   "fordert", "forderte",
    "fragt",      "fragte",    "gesagt",     "kritisiert", "kritisierte", "meint",   "meinte",
    "meinten",    "mitteilte", "notierte",   "sagt",       "sagte",       "sagten",  "schreibt",
    "schrieb",    "versprach", "verspricht", "warnt",      "warnte",      "äußert",  "äußerte",
};

/* Last words before a colon that announce what follows: particles of verbs
 * of saying (räumte ein, fügte hinzu, fährt fort) and words such as
 * "folgt", "lautet", "heißt". */
static const char *const DE_ANNOUNCE[] = {
    "bedeutet",  "besagt", "ein",  "fest",  "folgende", "folgenden",
    "folgendes", "folgt",  "fort", "heißt", "hinzu",    "lautet",
    "lautete",   "mit",    "so",   "weil",  "zu",
};

/* Verbs in the subjunctive of reported speech (Konjunktiv I, and the
 * "hätte" that stands in for it): a clause after a colon with one of them
 * reports what the clause before said ("wies die Darstellung zurück:
 * Aserbaidschanische Truppen hätten zuerst geschossen"). */
static const char *const DE_REPORTED[] = {
    "dürfe", "gebe", "habe",  "hätte", "hätten", "könne",
    "müsse", "sei",  "seien", "solle", "werde",  "wolle",
};

/* German writes a capital after a colon when a full sentence follows
 * ("Die Lage ist klar: Der Präsident tritt zurück"); UD German GSD ends a
 * sentence there, and so does this rule when both sides are clauses of
 * their own: at least five words with two in lower case before the colon
 * (not a lead-in such as "Fazit:" or "Fest steht:"), none of them a verb
 * of saying and the last not a word that announces (speech follows); after it a capitalised word
 * (not a quote: speech), not followed within two tokens by a comma, semicolon or slash (a list:
 * "Äpfel, Birnen") and followed within three tokens by a lower-case word (a clause, not a name),
 * and no verb of reported speech among its first twelve tokens before a final mark (DE_REPORTED).
 */
static int colon_ends(const att_doc *doc, size_t i, size_t first, size_t hi)
{
    const att_token *t = &doc->toks[i], *p;
    size_t words = 0, lows = 0, k;
    int clause = 0;

    if (!tok_is(doc, t, ":") || !(t->flags & ATT_TOKF_SPACE) || i == first || i + 2 >= hi)
        return 0;
    p = &doc->toks[i - 1];
    if (p->kind != ATT_TOK_WORD && p->kind != ATT_TOK_NUMBER && !is_closer(doc, p))
        return 0;
    for (k = first; k < i; k++) {
        const att_token *w = &doc->toks[k];
        if (w->kind != ATT_TOK_WORD)
            continue;
        words++;
        if (w->flags & ATT_TOKF_UPPER)
            continue;
        lows++;
        if (WORD_IN(doc, w, DE_SAYING) || (w == p && WORD_IN(doc, w, DE_ANNOUNCE)))
            return 0;
    }
    if (words < 5 || lows < 2)
        return 0;
    if (doc->toks[i + 1].kind != ATT_TOK_WORD || !(doc->toks[i + 1].flags & ATT_TOKF_UPPER) ||
        shouted(doc, &doc->toks[i + 1]))
        return 0;
    for (k = i + 2; k < hi && k <= i + 12; k++) {
        const att_token *r = &doc->toks[k];
        int question;
        if (k <= i + 3 && (tok_is(doc, r, ",") || tok_is(doc, r, ";") || tok_is(doc, r, "/")))
            return 0;
        if (has_terminal(doc, r, &question))
            break;
        if (r->kind != ATT_TOK_WORD || (r->flags & ATT_TOKF_UPPER))
            continue;
        clause |= k <= i + 4;
        if (WORD_IN(doc, r, DE_REPORTED))
            return 0;
    }
    return clause;
}

/* Emoticons written with ASCII signs. */
static const char *const EMOTICONS[] = {
    ":-)", ":)", ";-)", ";)",  ":-(", ":(", ":-D", ":D", ";-D", ";D", ":-P", ":P",  ":-p", ":p",
    ";-P", ";P", ":'(", ":-/", ":-*", ":*", "=)",  "=D", "xD",  "XD", "^^",  "^_^", "<3",
};

/* True when an emoticon or an emoji ends with token t: one of EMOTICONS,
 * standing after white space, a final mark or the sentence start, or one
 * spaced out after a word (": ("), or a pictograph (U+2600..U+27BF, U+1F300 and up). */
static int emoticon_ends(const att_doc *doc, size_t first, size_t i)
{
    const att_token *t = &doc->toks[i];
    const unsigned char *w = (const unsigned char *)doc->text + t->start;
    unsigned char last = w[t->end - t->start - 1];
    if (t->kind == ATT_TOK_WORD && last != 'D' && last != 'P' && last != 'p')
        return 0; /* the common case; words end only xD, :D, :P */
    if (t->kind == ATT_TOK_SYMBOL && t->end - t->start >= 3 &&
        ((w[0] == 0xF0 && w[1] == 0x9F && w[2] >= 0x8C) ||
         (w[0] == 0xE2 && (w[1] == 0x98 || w[1] == 0x99 || w[1] == 0x9A || w[1] == 0x9B ||
                           w[1] == 0x9C || w[1] == 0x9D || w[1] == 0x9E))))
        return 1;
    if (!strchr(")(DPp/*^3", last))
        return 0;
    /* spaced out after a word: "Zigarettenstummel: (" (a lone bracket) */
    if (t->kind == ATT_TOK_PUNCT && t->end - t->start == 1 && (last == '(' || last == ')') &&
        i > first + 1 && doc->toks[i - 1].end + 1 == t->start &&
        doc->text[doc->toks[i - 1].end] == ' ' &&
        (tok_is(doc, &doc->toks[i - 1], ":") || tok_is(doc, &doc->toks[i - 1], ";")) &&
        doc->toks[i - 2].end == doc->toks[i - 1].start && doc->toks[i - 2].kind == ATT_TOK_WORD)
        return 1;
    for (size_t e = 0; e < ATT_ARRAY_LEN(EMOTICONS); e++) {
        size_t n = strlen(EMOTICONS[e]), at;
        unsigned char before;
        if (t->end - doc->toks[first].start < n ||
            memcmp(doc->text + t->end - n, EMOTICONS[e], n) != 0)
            continue;
        at = t->end - n;
        if (at == doc->toks[first].start)
            return 1;
        before = (unsigned char)doc->text[at - 1];
        if (before == ' ' || before == '\n' || before == '.' || before == '!' || before == '?')
            return 1;
    }
    return 0;
}

/* Informal text: where the model ended at least INFORMAL_ENDS sentences
 * among the INFORMAL_WINDOW sentences on either side of a gap (first pass),
 * the gap is decided again with the threshold lowered by cfg->informal_drop.
 * A writer who leaves out full stops does so again (reviews, comments,
 * chat), and a page can hold both (an article and its comments); edited
 * news, where the model ends a sentence only at a stray heading, keeps the
 * strict threshold. */
#define INFORMAL_ENDS 3
#define INFORMAL_WINDOW 75

/* The index of the first offset in a[0..n) that is >= x. */
static size_t lower_bound(const uint32_t *a, size_t n, uint32_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* True when the first pass found INFORMAL_ENDS model ends or more within
 * INFORMAL_WINDOW sentences of offset at. */
static int informal_at(const splitter *sp, uint32_t at)
{
    size_t lo = 0, hi = sp->nsents1, s, a, b;
    while (lo < hi) { /* the first-pass sentence holding at */
        size_t mid = lo + (hi - lo) / 2;
        if (sp->sents1[mid].end < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    s = lo < sp->nsents1 ? lo : sp->nsents1 - 1;
    a = s > INFORMAL_WINDOW ? s - INFORMAL_WINDOW : 0;
    b = s + INFORMAL_WINDOW < sp->nsents1 ? s + INFORMAL_WINDOW : sp->nsents1 - 1;
    return lower_bound(sp->ends, sp->nends, sp->sents1[b].end + 1) -
               lower_bound(sp->ends, sp->nends, sp->sents1[a].start) >=
           INFORMAL_ENDS;
}

/* Decides whether a sentence ends after token i (of the paragraph's tokens
 * lo..hi, exclusive; the current sentence starts at token first); returns
 * the index of the sentence's last token (after closing quotes) or -1. */
static long boundary_after(splitter *sp, size_t i, size_t first, size_t hi, size_t maxline)
{
    const att_doc *doc = sp->doc;
    const att_token *t = &doc->toks[i], *n;
    size_t k = i;
    int question;

    if (i + 1 < hi && (t->flags & ATT_TOKF_SPACE) && emoticon_ends(doc, first, i)) {
        /* "Kann ich nur empfehlen ;-) So eben war ich": a capital after an
         * emoticon starts a sentence */
        n = &doc->toks[i + 1];
        if ((n->kind == ATT_TOK_WORD && (n->flags & ATT_TOKF_UPPER) && !shouted(doc, n)) ||
            (n->kind == ATT_TOK_QUOTE && i + 2 < hi && doc->toks[i + 2].kind == ATT_TOK_WORD &&
             (doc->toks[i + 2].flags & ATT_TOKF_UPPER)))
            return (long)i;
    }
    if (has_terminal(doc, t, &question)) {
        while (
            k + 1 < hi && is_closer(doc, &doc->toks[k + 1]) &&
            !(doc->toks[k].flags & ATT_TOKF_SPACE) &&
            !(k + 2 < hi && doc->toks[k + 2].start == doc->toks[k + 1].end &&
              (doc->toks[k + 2].kind == ATT_TOK_WORD || doc->toks[k + 2].kind == ATT_TOK_NUMBER)))
            k++;
        if (k + 1 >= hi)
            return (long)k;
        n = &doc->toks[k + 1];
        if (continues(doc, n))
            return -1;
        /* "Was?“, fragte er" was handled by continues(); "?" and "!" need
         * nothing more, and neither does a full stop. */
        return (long)k;
    }
    if (t->kind == ATT_TOK_ABBREV) {
        while (k + 1 < hi && is_closer(doc, &doc->toks[k + 1]) &&
               !(doc->toks[k].flags & ATT_TOKF_SPACE))
            k++;
        if (k + 1 >= hi)
            return (long)k;
        if (in_set(END_ABBREVS, ATT_ARRAY_LEN(END_ABBREVS), doc->text + t->start,
                   t->end - t->start) ||
            k > i) {
            n = &doc->toks[k + 1];
            if (opens_after_abbrev(doc, n, k + 2 < hi ? &doc->toks[k + 2] : NULL))
                return (long)k;
        }
        k = i;
    }
    if (i + 1 >= hi)
        return (long)i;
    n = &doc->toks[i + 1];
    if (newline_between(doc, t, n)) {
        if (is_bullet(doc, n))
            return (long)i;
        if (continues(doc, n) || (t->kind == ATT_TOK_PUNCT && !is_closer(doc, t)))
            return -1;
        if (t->kind == ATT_TOK_WORD && doc->text[t->end - 1] == '-')
            return -1;
        /* Hard-wrapped text: the next line's first word would not have fit
         * on this line.  A title or list item leaves room for it. */
        size_t ll = line_len_at(doc, t->start), nw = n->end - n->start;
        if (maxline < 40 || (ll + 1 + nw) * 10 < maxline * 9)
            return (long)i;
        return -1;
    }
    if (sp->de && colon_ends(doc, i, first, hi))
        return (long)i;
    /* German goes on in lower case after a semicolon (only nouns and names
     * are capitalised): "haben; Die Tierversuche" starts a sentence */
    if (sp->de && tok_is(doc, t, ";") && (t->flags & ATT_TOKF_SPACE) && n->kind == ATT_TOK_WORD &&
        (n->flags & ATT_TOKF_UPPER) && de_starter(doc, n))
        return (long)i;
    if (sp->de && sp->cfg->model) {
        uint32_t feats[ATT__SBD_MAXF];
        att__sbd_gap g;
        size_t nf;
        float score;
        if (!att__sbd_candidate(doc, i, hi) || in_noun_phrase(doc, i, first))
            return -1;
        g.i = i;
        g.first = first;
        g.hi = hi;
        g.hist = sp->hist;
        nf = att__sbd_features(sp->cfg->model, doc, &g, feats);
        score = att__sbd_score(sp->cfg->model, feats, nf);
        if (score >= sp->threshold) {
            if (!sp->sents1 && ATT_PUSH(sp->ends, sp->nends, sp->cends, t->end))
                return -2;
            return (long)i;
        }
        return sp->sents1 && score >= sp->lowered && informal_at(sp, t->end) ? (long)i : -1;
    }
    if (sp->de && sp->cfg->starters && n->kind == ATT_TOK_WORD && (n->flags & ATT_TOKF_UPPER) &&
        (t->kind == ATT_TOK_WORD || t->kind == ATT_TOK_NUMBER) && de_starter(doc, n)) {
        if (WORD_IN(doc, t, DE_NO_END))
            return -1;
        /* not inside a run of capitalised words (titles, names) */
        if ((t->flags & ATT_TOKF_UPPER) && i > 0 && (doc->toks[i - 1].flags & ATT_TOKF_UPPER) &&
            doc->toks[i - 1].kind == ATT_TOK_WORD)
            return -1;
        return (long)i;
    }
    return -1;
}

static int push_sentence(att_doc *doc, size_t first, size_t last)
{
    att_span s = {doc->toks[first].start, doc->toks[last].end};
    doc->toks[last].flags |= ATT_TOKF_SENT_END;
    return ATT_PUSH(doc->sents, doc->nsent, doc->csent, s);
}

int att__split_sentences(att_doc *doc)
{
    att__split_cfg cfg;
    cfg.model = att__sbd_model_default();
    cfg.threshold = cfg.model ? cfg.model->threshold : 0;
    cfg.starters = 1;
    cfg.informal_drop = ATT__SBD_INFORMAL_DROP;
    return att__split_sentences_cfg(doc, &cfg);
}

/* One pass over the document with sp's settings. */
static int split_pass(splitter *sp)
{
    att_doc *doc = sp->doc;
    size_t i = 0;

    doc->nsent = 0;
    sp->hist = 0;
    for (size_t j = 0; j < doc->ntok; j++)
        doc->toks[j].flags &= (uint8_t)~ATT_TOKF_SENT_END;

    while (i < doc->ntok) {
        /* the paragraph's tokens: up to and including the PARA-flagged one */
        size_t hi = i, maxline = 0, first = i;
        while (hi < doc->ntok && !(doc->toks[hi].flags & ATT_TOKF_PARA))
            hi++;
        hi = hi < doc->ntok ? hi + 1 : doc->ntok;
        if (hi - i > 1 && memchr(doc->text + doc->toks[i].start, '\n',
                                 doc->toks[hi - 1].start - doc->toks[i].start)) {
            for (size_t a = doc->toks[i].start; a < doc->toks[hi - 1].end;) {
                size_t l = line_len_at(doc, a);
                if (l > maxline)
                    maxline = l;
                const char *nl = memchr(doc->text + a, '\n', doc->toks[hi - 1].end - a);
                if (!nl)
                    break;
                a = (size_t)(nl - doc->text) + 1;
            }
        }
        for (size_t j = i; j < hi; j++) {
            long k = boundary_after(sp, j, first, hi, maxline);
            if (k == -2)
                return ATT_ENOMEM;
            if (k < 0)
                continue;
            if (push_sentence(doc, first, (size_t)k))
                return ATT_ENOMEM;
            if ((size_t)k + 1 < hi)
                sp->hist = (sp->hist << 1 | !att__sbd_marked_end(doc, (size_t)k)) & 15u;
            j = (size_t)k;
            first = j + 1;
        }
        if (first < hi && push_sentence(doc, first, hi - 1))
            return ATT_ENOMEM;
        i = hi;
    }
    return 0;
}

int att__split_sentences_cfg(att_doc *doc, const att__split_cfg *cfg)
{
    splitter sp;
    att_span *first = NULL;
    int rc;

    memset(&sp, 0, sizeof(sp));
    sp.doc = doc;
    sp.cfg = cfg;
    sp.threshold = cfg->threshold;
    sp.de = doc->lang && strcmp(doc->lang, "de") == 0;
    rc = split_pass(&sp);
    if (rc == 0 && cfg->model && cfg->informal_drop > 0 && sp.nends >= INFORMAL_ENDS) {
        if (!(first = malloc(doc->nsent * sizeof(*first)))) {
            rc = ATT_ENOMEM;
            goto cleanup;
        }
        memcpy(first, doc->sents, doc->nsent * sizeof(*first));
        sp.sents1 = first;
        sp.nsents1 = doc->nsent;
        sp.lowered = cfg->threshold - cfg->informal_drop;
        rc = split_pass(&sp);
    }
cleanup:
    free(first);
    free(sp.ends);
    return rc;
}

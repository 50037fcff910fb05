/*
 * quantity.c - the figures an article reports: money, trade volumes,
 * growth rates and counts of things ("470 Millionen US-Dollar im Jahr
 * 2024", "um 34 Prozent", "rund 170 Abkommen", "$4.4 billion").
 *
 * Works on tokens, one sentence at a time:
 *   1. a number (digits in the document language's notation, or a number
 *      word) possibly preceded by a hedge ("rund", "mehr als") and followed
 *      by a scale word ("Millionen", "Mrd.", "billion");
 *   2. a unit next to it: a currency (symbol, code or name, before or
 *      after), a percent sign or word, or a counted noun from the lexicon;
 *   3. the kind from the clause around it: money in a sentence about trade
 *      is a trade volume; a percentage with a verb or noun of change is
 *      growth (negative for a decline); other percentages are not reported;
 *      a count needs a noun from the lexicon (agreements, deaths, ...);
 *   4. the period from the time expression governing the clause, and the
 *      actors from the country mentions of the sentence (else of the
 *      document).
 * Numbers that are dates ("am 1. September", "2024") are not figures.  The
 * tables below are the lexicon; values are plain numbers, units ISO 4217
 * codes, "percent" or the English plural of the counted noun.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quantity.h"
#include "timex.h"

typedef struct word_value {
    const char *word;
    double value;
} word_value;

typedef struct word_unit {
    const char *word;
    const char *unit;
} word_unit;

static const word_value scale_words[] = {
    {"tausend", 1e3},   {"tsd.", 1e3},       {"thousand", 1e3},  {"million", 1e6},
    {"millionen", 1e6}, {"mio.", 1e6},       {"mio", 1e6},       {"millions", 1e6},
    {"m", 1e6},         {"mn", 1e6},         {"milliarde", 1e9}, {"milliarden", 1e9},
    {"mrd.", 1e9},      {"mrd", 1e9},        {"billion", 1e9},   {"billions", 1e9},
    {"bn", 1e9},        {"billionen", 1e12}, {"trillion", 1e12}, {"trillions", 1e12},
};

static const word_value number_words[] = {
    {"zwei", 2},    {"drei", 3},     {"vier", 4},     {"fünf", 5},      {"sechs", 6},
    {"sieben", 7},  {"acht", 8},     {"neun", 9},     {"zehn", 10},     {"elf", 11},
    {"zwölf", 12},  {"zwanzig", 20}, {"dreißig", 30}, {"hundert", 100}, {"dutzend", 12},
    {"two", 2},     {"three", 3},    {"four", 4},     {"five", 5},      {"six", 6},
    {"seven", 7},   {"eight", 8},    {"nine", 9},     {"ten", 10},      {"eleven", 11},
    {"twelve", 12}, {"twenty", 20},  {"thirty", 30},  {"hundred", 100}, {"dozen", 12},
};

/* Currency names, codes and signs -> ISO 4217. */
static const word_unit currencies[] = {
    {"us-dollar", "USD"}, {"dollar", "USD"},  {"dollars", "USD"},  {"usd", "USD"},
    {"$", "USD"},         {"euro", "EUR"},    {"euros", "EUR"},    {"eur", "EUR"},
    {"€", "EUR"},         {"rubel", "RUB"},   {"rubles", "RUB"},   {"roubles", "RUB"},
    {"rub", "RUB"},       {"manat", "AZN"},   {"azn", "AZN"},      {"tenge", "KZT"},
    {"kzt", "KZT"},       {"pfund", "GBP"},   {"pounds", "GBP"},   {"gbp", "GBP"},
    {"£", "GBP"},         {"yuan", "CNY"},    {"renminbi", "CNY"}, {"cny", "CNY"},
    {"lira", "TRY"},      {"try", "TRY"},     {"yen", "JPY"},      {"jpy", "JPY"},
    {"franken", "CHF"},   {"chf", "CHF"},     {"dram", "AMD"},     {"amd", "AMD"},
    {"lari", "GEL"},      {"gel", "GEL"},     {"somoni", "TJS"},   {"tjs", "TJS"},
    {"hrywnja", "UAH"},   {"hryvnia", "UAH"}, {"uah", "UAH"},      {"rial", "IRR"},
    {"irr", "IRR"},       {"rupien", "INR"},  {"rupees", "INR"},   {"inr", "INR"},
    {"kgs", "KGS"},       {"uzs", "UZS"},     {"sum", "UZS"},      {"won", "KRW"},
};

/* Counted nouns (German and English, plural and singular) -> unit. */
static const word_unit count_nouns[] = {
    {"abkommen", "agreements"},
    {"vereinbarungen", "agreements"},
    {"vereinbarung", "agreements"},
    {"agreements", "agreements"},
    {"agreement", "agreements"},
    {"verträge", "treaties"},
    {"vertrag", "treaties"},
    {"treaties", "treaties"},
    {"dokumente", "documents"},
    {"dokument", "documents"},
    {"documents", "documents"},
    {"memoranden", "memoranda"},
    {"memoranda", "memoranda"},
    {"memorandums", "memoranda"},
    {"absichtserklärungen", "memoranda"},
    {"deals", "deals"},
    {"tote", "deaths"},
    {"todesopfer", "deaths"},
    {"menschenleben", "deaths"},
    {"deaths", "deaths"},
    {"dead", "deaths"},
    {"verletzte", "injured"},
    {"injured", "injured"},
    {"wounded", "injured"},
    {"flüchtlinge", "refugees"},
    {"refugees", "refugees"},
    {"soldaten", "soldiers"},
    {"soldiers", "soldiers"},
    {"troops", "soldiers"},
    {"gefangene", "prisoners"},
    {"prisoners", "prisoners"},
    {"geiseln", "hostages"},
    {"hostages", "hostages"},
};

/* Nouns for people, counted by their fate (fate_of). */
static const char *const person_nouns[] = {
    "menschen",  "personen", "zivilisten", "kinder",    "frauen",   "männer",
    "einwohner", "people",   "persons",    "civilians", "children",
};

/* Word prefixes after a count of people that say what happened to them. */
static const word_unit fates[] = {
    {"getötet", "deaths"},      {"tot", "deaths"},         {"starben", "deaths"},
    {"ums", "deaths"},          {"umgekommen", "deaths"},  {"gestorben", "deaths"},
    {"ermordet", "deaths"},     {"killed", "deaths"},      {"died", "deaths"},
    {"dead", "deaths"},         {"verletzt", "injured"},   {"verwundet", "injured"},
    {"injured", "injured"},     {"wounded", "injured"},    {"flohen", "refugees"},
    {"flüchteten", "refugees"}, {"geflohen", "refugees"},  {"vertrieben", "refugees"},
    {"fled", "refugees"},       {"displaced", "refugees"},
};

static int in_words(const char *const *list, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], w) == 0)
            return 1;
    return 0;
}

/* Words before a number that hedge it; they join the figure's span. */
static const char *const hedges[] = {
    "rund", "etwa",  "ungefähr", "circa",         "ca.",    "knapp",  "fast",
    "fast", "über",  "mehr",     "weniger",       "bis",    "nahezu", "annähernd",
    "gut",  "about", "around",   "nearly",        "almost", "over",   "more",
    "less", "some",  "roughly",  "approximately", "up",
};

/* Word prefixes that make a sentence about trade between states. */
static const char *const trade_cues[] = {
    "handel", "außenhandel", "warenumsatz", "warenaustausch", "handelsumsatz", "trade", "turnover",
};

/* Word prefixes of change; the second table marks a decline. */
static const char *const growth_cues[] = {
    "wuchs",      "wachs",    "gewachsen",  "stieg",   "steig",    "gestiegen", "zunahm",
    "zugenommen", "zunehmen", "erhöht",     "erhöhte", "anstieg",  "zuwachs",   "plus",
    "grew",       "grow",     "rose",       "rise",    "increase", "up",        "gain",
    "jump",       "surge",    "sank",       "sink",    "gesunken", "fiel",      "gefallen",
    "rückgang",   "abnahm",   "abgenommen", "minus",   "fell",     "fall",      "declin",
    "drop",       "decrease", "down",
};
#define DECLINE_FROM 23 /* growth_cues[DECLINE_FROM..] mark a decline */

static int tok_eq(const att_doc *d, const att_token *t, const char *w)
{
    size_t n = t->end - t->start;
    return strlen(w) == n && strncasecmp(d->text + t->start, w, n) == 0;
}

/* Lower-cases a token (ASCII and the German umlauts) into out. */
static const char *tok_lower(const att_doc *d, const att_token *t, char *out, size_t cap)
{
    size_t n = t->end - t->start;
    if (n >= cap)
        n = cap - 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)d->text[t->start + i];
        out[i] = (char)tolower(c);
        /* Ä Ö Ü (C3 84, C3 96, C3 9C) -> ä ö ü */
        if (c == 0xC3 && i + 1 < n) {
            unsigned char c2 = (unsigned char)d->text[t->start + i + 1];
            out[i + 1] = (char)(c2 == 0x84 || c2 == 0x96 || c2 == 0x9C ? c2 + 0x20 : c2);
            i++;
        }
    }
    out[n] = '\0';
    return out;
}

/* The unit of a count of people from the words after it, up to the end of
 * the clause (a comma) or six words: "deaths", "injured", "refugees", or
 * NULL. */
static const char *fate_of(const att_doc *d, size_t k, size_t sb)
{
    char w[64];
    for (size_t n = 0; k < sb && n < 6; k++, n++) {
        const att_token *t = &d->toks[k];
        if (t->kind == ATT_TOK_PUNCT)
            break;
        tok_lower(d, t, w, sizeof(w));
        for (size_t i = 0; i < ATT_ARRAY_LEN(fates); i++)
            if (strcmp(w, fates[i].word) == 0)
                return fates[i].unit;
    }
    return NULL;
}

static int lookup_value(const word_value *tab, size_t n, const char *w, double *v)
{
    for (size_t i = 0; i < n; i++)
        if (tab[i].word[0] == w[0] && strcmp(tab[i].word, w) == 0) {
            *v = tab[i].value;
            return 1;
        }
    return 0;
}

static const char *lookup_unit(const word_unit *tab, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (tab[i].word[0] == w[0] && strcmp(tab[i].word, w) == 0)
            return tab[i].unit;
    return NULL;
}

/* Parses a digit token in German (1.000,5) or English (1,000.5) notation. */
static int parse_number(const char *s, size_t n, int german, double *out)
{
    char buf[64];
    size_t j = 0, groups = 0, digits_after = 0;
    char thou = german ? '.' : ',', dec = german ? ',' : '.';
    int seen_dec = 0;
    if (n == 0 || n >= sizeof(buf))
        return 0;
    /* "4.4" in German text is a decimal point, not a thousands separator */
    for (size_t i = 0; i < n; i++)
        if (s[i] == thou) {
            size_t k = i + 1, run = 0;
            while (k < n && isdigit((unsigned char)s[k]))
                k++, run++;
            if (run != 3) {
                char t = thou;
                thou = dec;
                dec = t;
            }
            break;
        }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (isdigit((unsigned char)c)) {
            buf[j++] = c;
            if (seen_dec)
                digits_after++;
        } else if (c == thou && !seen_dec) {
            groups++;
        } else if (c == dec && !seen_dec) {
            buf[j++] = '.';
            seen_dec = 1;
        } else {
            return 0;
        }
    }
    buf[j] = '\0';
    *out = strtod(buf, NULL);
    return 1;
}

static int is_year_like(const att_doc *d, const att_token *t)
{
    size_t n = t->end - t->start;
    const char *s = d->text + t->start;
    if (n != 4)
        return 0;
    for (size_t i = 0; i < 4; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return (s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0');
}

/* Is any token of [a,b) a cue from the table (by prefix)?  Returns the index
 * of the cue found, or -1. */
static int find_cue(const att_doc *d, size_t a, size_t b, const char *const *cues, size_t n)
{
    for (size_t i = a; i < b; i++) {
        char w[64];
        if (d->toks[i].kind != ATT_TOK_WORD)
            continue;
        tok_lower(d, &d->toks[i], w, sizeof(w));
        for (size_t k = 0; k < n; k++) {
            size_t len = strlen(cues[k]);
            /* short cues ("up", "plus") must be the whole word */
            if (len <= 4 ? strcmp(w, cues[k]) == 0 : strncmp(w, cues[k], len) == 0)
                return (int)k;
        }
    }
    return -1;
}

/* The tokens of the clause around token i: up to a comma, semicolon or
 * dash (or the sentence's end) on both sides. */
static void clause_of(const att_doc *d, size_t sa, size_t sb, size_t i, size_t *ca, size_t *cb)
{
    size_t a = i, b = i + 1;
    while (a > sa) {
        const att_token *t = &d->toks[a - 1];
        if (t->kind == ATT_TOK_PUNCT &&
            (tok_eq(d, t, ",") || tok_eq(d, t, ";") || tok_eq(d, t, "–") || tok_eq(d, t, "-")))
            break;
        a--;
    }
    while (b < sb) {
        const att_token *t = &d->toks[b];
        if (t->kind == ATT_TOK_PUNCT &&
            (tok_eq(d, t, ",") || tok_eq(d, t, ";") || tok_eq(d, t, "–") || tok_eq(d, t, "-")))
            break;
        b++;
    }
    *ca = a;
    *cb = b;
}

/* The comma-separated country codes of the entities mentioned in [a,b) of
 * the text, at most two, in the arena; NULL when there are none. */
static const char *actors_in(att_doc *d, uint32_t a, uint32_t b)
{
    const char *codes[2] = {NULL, NULL};
    int n = 0;
    char buf[16];
    for (size_t e = 0; e < d->nent && n < 2; e++) {
        const att_entity *ent = &d->ents[e];
        if (!ent->code || strlen(ent->code) < 3 ||
            (strcmp(ent->type, "country") != 0 && strcmp(ent->type, "person") != 0))
            continue;
        for (size_t m = 0; m < ent->nmentions; m++) {
            if (ent->mentions[m].start >= a && ent->mentions[m].end <= b) {
                int dup = 0;
                for (int k = 0; k < n; k++)
                    dup |= strncmp(codes[k], ent->code, 3) == 0;
                if (!dup)
                    codes[n++] = ent->code;
                break;
            }
        }
    }
    if (n == 0)
        return NULL;
    if (n == 2 && strncmp(codes[0], codes[1], 3) > 0) {
        const char *t = codes[0];
        codes[0] = codes[1];
        codes[1] = t;
    }
    if (n == 1)
        snprintf(buf, sizeof(buf), "%.3s", codes[0]);
    else
        snprintf(buf, sizeof(buf), "%.3s,%.3s", codes[0], codes[1]);
    return att__arena_strdup(&d->arena, buf);
}

static int add_fact(att_doc *d, uint32_t start, uint32_t end, const char *kind, double value,
                    const char *unit, uint32_t sa, uint32_t sb)
{
    att_fact f;
    int tx;
    /* the same figure twice in one sentence is said once ("um 34 Prozent -
     * sogar über 34 Prozent") */
    for (size_t i = 0; i < d->nfact; i++) {
        const att_fact *o = &d->facts[i];
        if (o->start >= sa && o->end <= sb && strcmp(o->kind, kind) == 0 &&
            strcmp(o->unit, unit) == 0 && fabs(o->value - value) <= fabs(value) * 1e-9)
            return 0;
    }
    memset(&f, 0, sizeof(f));
    f.start = start;
    f.end = end;
    f.kind = kind;
    f.value = value;
    f.unit = unit;
    tx = d->ntimex ? att__timex_governing(d, start, end) : -1;
    /* a period is a date or a span of dates, not "now" or "the past" */
    f.period = tx >= 0 && !strstr(d->timex[tx].value, "_REF") ? d->timex[tx].value : NULL;
    f.actors = actors_in(d, sa, sb);
    return ATT_PUSH(d->facts, d->nfact, d->cfact, f);
}

static int sentence_figures(att_doc *d, size_t sa, size_t sb, int german)
{
    for (size_t i = sa; i < sb; i++) {
        const att_token *t = &d->toks[i];
        char w[64];
        double v, scale;
        const char *unit = NULL, *kind = NULL;
        size_t j = i + 1, first = i, last;
        int rc;

        if (t->kind == ATT_TOK_NUMBER) {
            if (!parse_number(d->text + t->start, t->end - t->start, german, &v))
                continue;
        } else if (t->kind == ATT_TOK_WORD && (i == sa || !(t->flags & ATT_TOKF_UPPER)) &&
                   t->end - t->start <= 8) {
            /* number words are short and lower case but at a sentence start */
            if (!lookup_value(number_words, ATT_ARRAY_LEN(number_words),
                              tok_lower(d, t, w, sizeof(w)), &v))
                continue;
        } else {
            continue;
        }
        if (j < sb && d->toks[j].kind != ATT_TOK_PUNCT &&
            lookup_value(scale_words, ATT_ARRAY_LEN(scale_words),
                         tok_lower(d, &d->toks[j], w, sizeof(w)), &scale)) {
            v *= scale;
            j++;
        }
        /* the unit: a currency before ("$4.4", "US$ 3") or after, a
         * percent, or a counted noun (one adjective may stand between) */
        if (i > sa &&
            (d->toks[i - 1].kind == ATT_TOK_SYMBOL || d->toks[i - 1].kind == ATT_TOK_WORD) &&
            (unit = lookup_unit(currencies, ATT_ARRAY_LEN(currencies),
                                tok_lower(d, &d->toks[i - 1], w, sizeof(w)))) != NULL) {
            first = i - 1;
            if (first > sa && tok_eq(d, &d->toks[first - 1], "US"))
                first--;
            kind = "money";
            last = j;
        } else if (j < sb &&
                   (unit = lookup_unit(currencies, ATT_ARRAY_LEN(currencies),
                                       tok_lower(d, &d->toks[j], w, sizeof(w)))) != NULL) {
            kind = "money";
            last = j + 1;
        } else if (j < sb && (tok_eq(d, &d->toks[j], "%") || tok_eq(d, &d->toks[j], "Prozent") ||
                              tok_eq(d, &d->toks[j], "percent") ||
                              (tok_eq(d, &d->toks[j], "per") && j + 1 < sb &&
                               tok_eq(d, &d->toks[j + 1], "cent")))) {
            unit = "percent";
            kind = "growth";
            last = j + (tok_eq(d, &d->toks[j], "per") ? 2 : 1);
        } else {
            size_t k = j;
            if (k < sb && is_year_like(d, t))
                continue;
            if (k < sb &&
                (unit = lookup_unit(count_nouns, ATT_ARRAY_LEN(count_nouns),
                                    tok_lower(d, &d->toks[k], w, sizeof(w)))) == NULL &&
                k + 1 < sb && d->toks[k].kind == ATT_TOK_WORD &&
                !(d->toks[k].flags & ATT_TOKF_UPPER))
                k++, unit = lookup_unit(count_nouns, ATT_ARRAY_LEN(count_nouns),
                                        tok_lower(d, &d->toks[k], w, sizeof(w)));
            /* "20 Menschen getötet", "2,8 Millionen Menschen flüchteten":
             * people are counted by what happened to them */
            if (!unit && k < sb &&
                in_words(person_nouns, ATT_ARRAY_LEN(person_nouns),
                         tok_lower(d, &d->toks[k], w, sizeof(w))))
                unit = fate_of(d, k + 1, sb);
            if (!unit || v != floor(v) || v < 1)
                continue;
            kind = "count";
            last = k + 1;
        }
        /* hedges before the number join the span */
        while (first > sa && d->toks[first - 1].kind == ATT_TOK_WORD &&
               in_words(hedges, ATT_ARRAY_LEN(hedges),
                        tok_lower(d, &d->toks[first - 1], w, sizeof(w))))
            first--;
        if (strcmp(kind, "money") == 0) {
            if (find_cue(d, sa, sb, trade_cues, ATT_ARRAY_LEN(trade_cues)) >= 0)
                kind = "trade_volume";
        } else if (strcmp(kind, "growth") == 0) {
            size_t ca, cb;
            int cue;
            clause_of(d, sa, sb, i, &ca, &cb);
            cue = find_cue(d, ca, cb, growth_cues, ATT_ARRAY_LEN(growth_cues));
            if (cue < 0)
                continue; /* a share, not a change: not reported */
            if (cue >= DECLINE_FROM)
                v = -v;
        }
        rc = add_fact(d, d->toks[first].start, d->toks[last - 1].end, kind, v, unit,
                      d->toks[sa].start, d->toks[sb - 1].end);
        if (rc)
            return rc;
        i = last - 1;
    }
    return 0;
}

int att__quantity_annotate(att_doc *doc)
{
    int german = !doc->lang || strcmp(doc->lang, "en") != 0;
    size_t t = 0;
    doc->nfact = 0;
    for (size_t s = 0; s < doc->nsent; s++) {
        size_t a, b;
        while (t < doc->ntok && doc->toks[t].start < doc->sents[s].start)
            t++;
        a = t;
        while (t < doc->ntok && doc->toks[t].end <= doc->sents[s].end)
            t++;
        b = t;
        if (b > a) {
            int rc = sentence_figures(doc, a, b, german);
            if (rc)
                return rc;
        }
    }
    return 0;
}

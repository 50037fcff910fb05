/*
 * timex.c - the temporal tagger's text side (timex.h, timex_int.h): cuts a
 * document into segments, tokenises them, looks every word up in the
 * lexicon, gives each token the tense of its clause, runs the grammar
 * (timex_rules.c) over the tokens and turns matches into the timex layer.
 *
 * Structure.  The text is cut into segments (lines, at most TX_SEGMAX bytes,
 * cut at a space) because no expression crosses a line.  Each segment is
 * tokenised into words, numbers and punctuation (tx_tokenize); every word is
 * looked up once in the generated lexicon (timex_lex.c, first-byte index and
 * binary search).  tx_run() then tries the grammar at each token that can
 * start an expression, keeps the longest match, emits it and resumes behind
 * it, keeping in tx_ctx what later expressions are read against: the day
 * the text has just named (clock times, "Vortag", "am selben Tag"), whether
 * it closed a list of days or followed "Nacht zum", and the year the text
 * has just written out ("im März 1992 …, im April").
 *
 * Invariants: spans are byte offsets into doc->text, in order and not
 * overlapping, start < end except for the non-consuming date of "vor fünf
 * Jahren" (start == end, right before its duration); type and value strings
 * live in the document's arena; the mods array, when asked for, stays
 * parallel to doc->timex.  att__timex_resolve() runs the
 * same grammar over one expression.  att__timex_governing() is in
 * timex_govern.c.
 */
#include "timex_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const tx_types[] = {"", "DATE", "TIME", "DURATION", "SET"};
static const char *const tx_mods[] = {NULL,     "START",     "MID",      "END",
                                      "APPROX", "LESS_THAN", "MORE_THAN"};

/* ---- tokens and the lexicon ---------------------------------------------- */

int att__tx_lex_find(const char *w)
{
    uint32_t h = 0x811C9DC5u;
    for (const unsigned char *p = (const unsigned char *)w; *p; p++)
        h = (h ^ *p) * 0x01000193u;
    for (size_t k = h & (att__timex_lex_nhash - 1), n = 0; n < att__timex_lex_nhash;
         k = (k + 1) & (att__timex_lex_nhash - 1), n++) {
        unsigned r = att__timex_lex_hash[k];
        if (!r)
            return -1;
        if (strcmp(att__timex_lex[r - 1].form, w) == 0)
            return (int)r - 1;
    }
    return -1;
}

static void tx_lookup(tx_tok *k, int langs)
{
    int i = att__tx_lex_find(k->low);
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

/* Does a period after token i (a word) not end a sentence ("Dr.", "St.")? */
static int tx_abbrev(const tx_tok *t)
{
    static const char *const abbr[] = {"abs", "bzw",  "ca",  "dr",  "etc", "evtl", "ggf",
                                       "hl",  "inkl", "jh",  "mio", "mrd", "nr",   "prof",
                                       "sog", "st",   "usw", "vgl", "z"};
    for (size_t k = 0; k < ATT_ARRAY_LEN(abbr); k++)
        if (!strcmp(t->low, abbr[k]))
            return 1;
    return 0;
}

/* Where a clause ends inside a sentence: , ; : ( ) and a dash between
 * spaces. */
static int tx_clause_end(const tx_ctx *c, size_t i)
{
    const tx_tok *t = &c->t[i];
    if (t->kind != TK_PUNCT)
        return 0;
    if (strchr(",;:()", t->low[0]) && !t->low[1])
        return 1;
    return (!strcmp(t->low, "-") || !strcmp(t->low, "\xe2\x80\x93")) && i > 0 && i + 1 < c->n &&
           c->t[i - 1].end < t->start && t->end < c->t[i + 1].start;
}

/* The tense of tokens [a,e) from their cues (in t->tense): -1 past, 1
 * future, 0 no cue (past wins). */
static int tx_tense_of(const tx_ctx *c, size_t a, size_t e)
{
    int fut = 0;
    for (size_t j = a; j < e; j++) {
        if (c->t[j].tense < 0)
            return -1;
        fut |= c->t[j].tense > 0;
    }
    return fut;
}

/* Sentences inside the segment: a . ! ? after a word (not an abbreviation)
 * or a closing bracket or quote, followed by an upper case word.  Each token
 * gets the tense of its clause (TPAST / TFUT cues between clause ends), or
 * of its sentence when its clause has no cue: "Er sagte, am Montag werde
 * entschieden" puts Monday in the future. */
static void tx_tenses(tx_ctx *c)
{
    size_t a = 0;
    uint32_t nsent = 0;
    for (size_t i = 0; i < c->n; i++) /* first each token's own cue */
        c->t[i].tense = (int8_t)(tx_is(c, i, ATT_TXC_TPAST, NULL)  ? -1
                                 : tx_is(c, i, ATT_TXC_TFUT, NULL) ? 1
                                                                   : 0);
    for (size_t i = 0; i <= c->n; i++) {
        int end = i == c->n;
        if (!end && c->t[i].kind == TK_PUNCT &&
            (c->t[i].low[0] == '.' || c->t[i].low[0] == '!' || c->t[i].low[0] == '?') && i > 0 &&
            ((c->t[i - 1].kind == TK_WORD && !tx_abbrev(&c->t[i - 1])) ||
             (c->t[i - 1].kind == TK_PUNCT && strchr(")\"", c->t[i - 1].low[0]))) &&
            i + 1 < c->n && c->t[i + 1].upper)
            end = 1;
        if (!end)
            continue;
        size_t e = i < c->n ? i + 1 : i;
        int stense = tx_tense_of(c, a, e);
        for (size_t ca = a; ca < e;) {
            size_t ce = ca;
            while (ce < e && !tx_clause_end(c, ce))
                ce++;
            if (ce < e)
                ce++;
            int ctense = tx_tense_of(c, ca, ce);
            for (size_t j = ca; j < ce; j++) {
                c->t[j].tense = (int8_t)(ctense ? ctense : stense);
                c->t[j].sent = nsent;
            }
            ca = ce;
        }
        nsent++;
        a = e;
    }
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

static int tx_push(att_doc *doc, tx_ctx *c, uint32_t start, uint32_t end, const char *type,
                   const char *val, const char *mod)
{
    att_timex tx;
    if (c->mods && ATT_PUSH(*c->mods, *c->nmods, c->cmods, mod))
        return ATT_ENOMEM;
    tx.start = start;
    tx.end = end;
    tx.type = att__arena_strdup(&doc->arena, type);
    tx.value = att__arena_strdup(&doc->arena, val);
    tx.mod = mod;
    if (!tx.type || !tx.value)
        return ATT_ENOMEM;
    return ATT_PUSH(doc->timex, doc->ntimex, doc->ctimex, tx);
}

/* Emits match m: one expression, or for "vor fünf Jahren" (m->dur) the
 * non-consuming date (an empty span where the phrase starts) followed by
 * the duration. */
static int tx_emit(att_doc *doc, tx_ctx *c, const tx_match *m)
{
    char type[16], val[48];
    const char *mod = tx_mods[m->mod >= 0 && m->mod <= MOD_MORE ? m->mod : 0];
    uint32_t start = c->t[m->b].start, end = c->t[m->e - 1].end;
    tx_value(m, type, sizeof type, val, sizeof val);
    if (!m->dur[0])
        return tx_push(doc, c, start, end, type, val, mod);
    int rc = tx_push(doc, c, start, start, type, val, NULL);
    return rc ? rc : tx_push(doc, c, c->t[m->db].start, end, tx_types[TT_DUR], m->dur, mod);
}

/* Can word k open an expression?  Not when all its lexicon rows are cues
 * read from elsewhere: tense verbs, habits, counted nouns, "Uhr", "zuvor",
 * "of".  (The ~100 tense verbs would otherwise cost every rule a try.) */
static int tx_starts(const tx_tok *k)
{
    for (int j = 0; j < k->nlex; j++) {
        switch (att__timex_lex[k->lex[j]].cls) {
        case ATT_TXC_TPAST:
        case ATT_TXC_TFUT:
        case ATT_TXC_HABIT:
        case ATT_TXC_COUNT:
        case ATT_TXC_UHR:
        case ATT_TXC_AFTER:
        case ATT_TXC_OF:
            break;
        default:
            return 1;
        }
    }
    return 0;
}

/* Does the date at token b follow "Nacht zum" / "Nacht auf (den)": the
 * night before it, so that "gegen 23 Uhr" after it is the evening before? */
static int tx_night_before(const tx_ctx *c, size_t b)
{
    int v = 0;
    size_t k = b;
    if (k > 0 && tx_is(c, k - 1, ATT_TXC_ART, NULL))
        k--;
    if (k < 2 || !(tx_word(c, k - 1, "zum") || tx_word(c, k - 1, "auf")))
        return 0;
    return tx_is(c, k - 2, ATT_TXC_POD, &v) && v == 5;
}

/* Keeps c->yref: the year the text has written out last ("im März 1992"),
 * forgotten after an expression anchored at the DCT ("im laufenden Jahr",
 * "gestern", "derzeit"), which brings the reader back to the present. */
static void tx_track_year(tx_ctx *c, const tx_match *m)
{
    if (m->lit[0]) {
        if (!strcmp(m->lit, "PRESENT_REF") || !strcmp(m->lit, "FUTURE_REF"))
            c->yref = 0;
        return;
    }
    if (m->type != TT_DATE || m->d.y <= 0 || m->derived)
        return;
    for (size_t k = m->b; k < m->e; k++) {
        if (c->t[k].kind == TK_NUM && c->t[k].ndig == 4 && c->t[k].num == m->d.y) {
            c->yref = m->d.y;
            c->yref_fine = m->d.gran != ATT_TXG_YEAR;
            c->yref_sent = c->t[m->b].sent;
            return;
        }
    }
    if (m->d.y == c->dct.y && m->d.y != c->yref)
        c->yref = 0;
}

static int tx_run(tx_ctx *c, att_doc *doc)
{
    int prev_list = 0; /* the last expression was a bare day of a list */
    size_t last_e = 0; /* the end of the last expression emitted */
    c->has_ref = 0;
    c->yref = 0;
    for (size_t i = 0; i < c->n;) {
        tx_match m;
        const tx_tok *k = &c->t[i];
        /* only numbers, lexicon words that can open an expression, weekday
         * compounds and Q1 start a match */
        if (k->kind == TK_PUNCT ||
            (k->kind == TK_WORD && !tx_starts(k) &&
             !(k->upper && k->end - k->start >= 8 && att__tx_wday_prefix(k->low)) &&
             !(k->low[0] == 'q' && k->low[1] >= '1' && k->low[1] <= '4'))) {
            i++;
            continue;
        }
        size_t e = att__tx_match_at(c, i, &m);
        if (!e) {
            i++;
            continue;
        }
        if (m.b < last_e || m.b >= e) /* a rule moved its start onto the last match */
            m.b = i;
        if (m.dur[0] && (m.db <= m.b || m.db >= e))
            m.dur[0] = '\0';
        if (!m.bad) {
            int rc = tx_emit(doc, c, &m);
            if (rc)
                return rc;
            if (!m.lit[0] && m.d.gran == ATT_TXG_DAY && m.d.d && !m.derived && !m.list) {
                c->ref = m.d;
                c->ref.hour = -1;
                c->ref.pod = 0;
                c->has_ref = 1;
                c->ref_sent = c->t[m.b].sent;
                c->ref_list = prev_list;
                c->ref_night = tx_night_before(c, m.b);
            }
            prev_list = m.list;
            tx_track_year(c, &m);
            last_e = e;
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

static int tx_resolve_langs(const char *text, size_t len, int langs, const char *dct,
                            char *type_out, size_t tsize, char *value_out, size_t vsize)
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
        size_t e = att__tx_match_at(&c, i, &m);
        if (e == c.n || (e && e + 1 == c.n && c.t[e].kind == TK_PUNCT)) {
            if (m.bad)
                return ATT_ENOTFOUND;
            tx_value(&m, type_out, tsize, value_out, vsize);
            return 0;
        }
        /* only a preposition or an article may stand before the expression */
        if (!(c.t[i].kind == TK_WORD &&
              (tx_is(&c, i, ATT_TXC_PREP, NULL) || tx_is(&c, i, ATT_TXC_ART, NULL))))
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

/*
 * timex_govern.c - which time expression governs a clause: the date an event
 * mentioned in [start,end) gets (timex.h, att__timex_governing).
 *
 * Deliberately simple: candidates are the DATE and TIME expressions of the
 * same sentence (doc->sents; the paragraph when the document has none; the
 * whole text when it has neither).  Each gets a score: first whether a
 * clause boundary lies between it and the span (a comma followed by a
 * conjunction or a relative pronoun from tx_clause_words), then the
 * distance in bytes, then "after" loses to "before".  The lowest wins.
 */
#include "timex.h"

#include <string.h>

/* ---- the governing expression ------------------------------------------------ */

static const char *const tx_clause_words[] = {
    "und",     "aber",   "doch",    "sondern", "als",   "wenn",   "weil",  "dass",  "da",
    "nachdem", "bevor",  "während", "der",     "die",   "das",    "dem",   "den",   "deren",
    "dessen",  "welche", "welcher", "welches", "wo",    "and",    "but",   "which", "who",
    "that",    "when",   "while",   "because", "after", "before", "where",
};

/* Is there a clause boundary (comma + conjunction or relative pronoun) in
 * text[a..b)? */
static int tx_boundary(const att_doc *doc, uint32_t a, uint32_t b)
{
    for (uint32_t p = a; p < b && p < doc->len; p++) {
        if (doc->text[p] != ',')
            continue;
        uint32_t q = p + 1;
        while (q < b && doc->text[q] == ' ')
            q++;
        uint32_t w = q;
        while (w < b && w - q < 16 && ((doc->text[w] | 32) >= 'a' && (doc->text[w] | 32) <= 'z'))
            w++;
        if (w == q || w - q >= 16)
            continue;
        char word[16];
        for (uint32_t k = q; k < w; k++)
            word[k - q] = (char)(doc->text[k] | 32);
        word[w - q] = '\0';
        for (size_t k = 0; k < ATT_ARRAY_LEN(tx_clause_words); k++)
            if (!strcmp(word, tx_clause_words[k]))
                return 1;
    }
    return 0;
}

int att__timex_governing(const att_doc *doc, uint32_t start, uint32_t end)
{
    uint32_t lo = 0, hi;
    int best = -1;
    uint64_t best_score = UINT64_MAX;
    if (!doc || start > end || end > doc->len)
        return -1;
    hi = (uint32_t)doc->len;
    const att_span *spans = doc->nsent ? doc->sents : doc->paras;
    size_t ns = doc->nsent ? doc->nsent : doc->npara;
    for (size_t s = 0; s < ns; s++) {
        if (spans[s].start <= start && end <= spans[s].end) {
            lo = spans[s].start;
            hi = spans[s].end;
            break;
        }
    }
    for (size_t k = 0; k < doc->ntimex; k++) {
        const att_timex *t = &doc->timex[k];
        if (t->start < lo || t->end > hi || !t->type)
            continue;
        if (strcmp(t->type, "DATE") != 0 && strcmp(t->type, "TIME") != 0)
            continue;
        uint32_t a, b, dist;
        int before = t->end <= start;
        if (before)
            a = t->end, b = start;
        else if (t->start >= end)
            a = end, b = t->start;
        else
            a = b = start; /* overlapping */
        dist = b - a;
        uint64_t score = ((uint64_t)tx_boundary(doc, a, b) << 40) | ((uint64_t)dist << 1) | !before;
        if (score < best_score) {
            best_score = score;
            best = (int)k;
        }
    }
    return best;
}

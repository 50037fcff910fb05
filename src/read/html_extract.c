/*
 * html_extract.c - the main text of a web page (docs/html.md).
 *
 * Over the blocks of the page (html_blocks.c), each step linear in their
 * number:
 *
 *   1. Classify.  A block is GOOD (80 characters or more with at most 30 %
 *      link text; on a German or English page also 30 or more where one
 *      word in four is a function word), BAD (more than half link text:
 *      menus, teaser lists) or SHORT (headings, labels, bylines).
 *   2. Furniture.  Elements whose tag or class/id/role say nav, footer,
 *      sidebar, comments, share ... (html_cues.c) are furniture; bylines,
 *      dates and tag lists only while small.  Furniture is relative: a
 *      candidate subtree pays for furniture inside it, never for furniture
 *      around it (<div class="main-with-sidebar">).
 *   3. Choose.  Every sectioning element is scored from prefix sums: its
 *      good characters, minus its links, labels and furniture, plus a bonus
 *      for good text under a content cue (article, main) and a larger one
 *      under a body cue (articleBody, entry-content).  The best one holds
 *      the article.
 *   4. Keep.  Inside it: GOOD blocks, SHORT blocks between the first and
 *      the last GOOD one (widened by short blocks that read like
 *      sentences), subheadings; not BAD blocks, furniture, captions and
 *      credits, tail markers ("Lesen Sie auch", "Related") and what follows
 *      one after the text, nor the headline (it is the title).  A lead
 *      paragraph just before the body comes along.
 *
 * The constants were tuned on the dev half of trafilatura's evaluation
 * pages (eval/eval_trafilatura.c); the other half and Zyte's benchmark
 * (eval/eval_aeb.c) check them.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

#define NONE ATT_HTML_NONE

#define GOOD_CHARS 80     /* characters of a GOOD block, at least */
#define GOOD_LINKS 0.3    /* share of link characters in a GOOD block, at most */
#define TEXT_CHARS 30     /* characters of a shorter GOOD block of running text */
#define TEXT_STOPS 0.25   /* function words per word of running text, at least */
#define TEXT_LINKS 0.2    /* share of link characters in running text, at most */
#define PAGE_STOPS 0.12   /* function words per word of a German or English page */
#define HEADING_TEXT 120  /* characters of a heading that is a paragraph */
#define BAD_WEIGHT 1.0    /* cost of a character of links */
#define LABEL_WEIGHT 0.3  /* cost of a character of a short label */
#define FURN_WEIGHT 0.5   /* cost of a character of furniture */
#define BODY_BONUS 3.0    /* bonus per good character under a body cue */
#define CONTENT_BONUS 1.5 /* per good character under a content cue */
#define META_MAX 800      /* good characters of a byline, date or tag list, at most */
#define CREDIT_WORDS 30   /* words of a caption or credit line, at most */
#define TAIL_WORDS 12     /* words of a tail marker line, at most */
#define LEAD_REACH 6      /* blocks before the body searched for its lead */
#define LEAD_CHARS 50     /* characters of a lead that is not a GOOD block, at least */

enum { C_SHORT = 0, C_GOOD = 1, C_BAD = 2 };

typedef att__helem elem;
typedef att__hblock block;

/* ---- 1. classify ----------------------------------------------------------- */

static int is_heading(const att__hpage *pg, const block *b)
{
    return b->elem != NONE && (pg->el[b->elem].tag & ATT_TAG_HEADING);
}

static void classify(att__hpage *pg)
{
    uint64_t stops = 0, words = 0;
    int text_lang;
    att__hstops set;
    att__html_stops_init(&set);
    for (size_t i = 0; i < pg->nbl; i++) {
        block *b = &pg->bl[i];
        b->stop = att__html_stopwords(&set, pg->text.data + b->a, b->b - b->a);
        stops += b->stop;
        words += b->words;
    }
    /* function words tell running text only on German and English pages */
    text_lang = words > 0 && (double)stops >= PAGE_STOPS * (double)words;
    for (size_t i = 0; i < pg->nbl; i++) {
        block *b = &pg->bl[i];
        int heading = is_heading(pg, b);
        if (b->link * 2 > b->chars)
            b->cls = C_BAD;
        else if ((!heading || b->chars >= HEADING_TEXT) && b->chars >= GOOD_CHARS &&
                 b->link <= GOOD_LINKS * b->chars)
            b->cls = C_GOOD;
        else if (text_lang && !heading && b->chars >= TEXT_CHARS &&
                 b->stop >= TEXT_STOPS * b->words && b->link <= TEXT_LINKS * b->chars)
            b->cls = C_GOOD;
        else
            b->cls = C_SHORT;
    }
}

/* ---- 2. sums and furniture --------------------------------------------------- */

typedef struct sums {
    double *val;    /* prefix sums of the blocks' values */
    uint64_t *chr;  /* of their characters */
    uint64_t *good; /* of the characters of GOOD blocks */
    double *bonus;  /* of the bonus of GOOD blocks under content cues */
} sums;

/* What a block is worth to a subtree that holds it: a GOOD block its
 * characters, links a loss, short plain text nothing, short labels a
 * little loss. */
static double block_value(const block *b)
{
    double c = (double)b->chars;
    if (b->cls == C_GOOD)
        return c;
    if (b->cls == C_BAD)
        return -BAD_WEIGHT * c;
    return b->words >= 3 && b->link == 0 ? 0 : -LABEL_WEIGHT * c;
}

/* Marks each element inside a body cue (2) or a content cue (1). */
static void mark_cued(att__hpage *pg)
{
    for (size_t i = 0; i < pg->nel; i++) {
        elem *e = &pg->el[i];
        int up = e->parent == NONE ? 0 : pg->el[e->parent].cued;
        int own = 0;
        if (e->cue & ATT_CUE_STRONG)
            own = 2;
        else if ((e->cue & ATT_CUE_POS) || (e->tag & ATT_TAG_POS))
            own = 1;
        if (e->cue & (ATT_CUE_NEG | ATT_CUE_META))
            own = 0;
        e->cued = up > own ? up : own;
    }
}

static int make_sums(const att__hpage *pg, sums *s)
{
    size_t n = pg->nbl + 1;
    s->val = calloc(n, sizeof(double));
    s->chr = calloc(n, sizeof(uint64_t));
    s->good = calloc(n, sizeof(uint64_t));
    s->bonus = calloc(n, sizeof(double));
    if (!s->val || !s->chr || !s->good || !s->bonus)
        return ATT_ENOMEM;
    for (size_t i = 0; i < pg->nbl; i++) {
        const block *b = &pg->bl[i];
        int cued = b->elem == NONE ? 0 : pg->el[b->elem].cued;
        double bonus = 0;
        if (b->cls == C_GOOD)
            bonus = cued == 2 ? BODY_BONUS * b->chars : cued == 1 ? CONTENT_BONUS * b->chars : 0;
        s->val[i + 1] = s->val[i] + block_value(b);
        s->chr[i + 1] = s->chr[i] + b->chars;
        s->good[i + 1] = s->good[i] + (b->cls == C_GOOD ? b->chars : 0);
        s->bonus[i + 1] = s->bonus[i] + bonus;
    }
    return 0;
}

static void free_sums(sums *s)
{
    free(s->val);
    free(s->chr);
    free(s->good);
    free(s->bonus);
}

static int is_furniture(const elem *e, const sums *s)
{
    if (e->depth <= 1)
        return 0; /* html, body: their classes describe the page */
    if ((e->cue & ATT_CUE_NEG) || (e->tag & ATT_TAG_NEG))
        return 1;
    /* a byline, a date line, a tag list is short: an "author" class around
     * much text is something else (author guidelines) */
    return (e->cue & ATT_CUE_META) && s->good[e->b1] - s->good[e->b0] < META_MAX;
}

/* Two linear passes give each element the depth of its deepest furniture
 * ancestor-or-self (fdepth: a block lies in furniture inside candidate e
 * when the fdepth of its element is at least e's depth) and the value,
 * characters and good characters of the furniture within its subtree.
 * Descendants follow their element, so one pass forwards sees parents
 * first and one pass backwards sees children first. */
static void furniture(att__hpage *pg, const sums *s)
{
    for (size_t i = 0; i < pg->nel; i++) {
        elem *e = &pg->el[i];
        int32_t up = e->parent == NONE ? -1 : pg->el[e->parent].fdepth;
        e->furn = is_furniture(e, s);
        e->fdepth = e->furn ? (int32_t)e->depth : up;
        if (e->furn) {
            e->fval = s->val[e->b1] - s->val[e->b0];
            e->fchr = s->chr[e->b1] - s->chr[e->b0];
            e->fgood = s->good[e->b1] - s->good[e->b0];
        }
    }
    for (size_t i = pg->nel; i-- > 1;) {
        elem *e = &pg->el[i];
        if (e->parent != NONE && !pg->el[e->parent].furn) {
            pg->el[e->parent].fval += e->fval;
            pg->el[e->parent].fchr += e->fchr;
            pg->el[e->parent].fgood += e->fgood;
        }
    }
}

/* Is block b inside furniture at or below depth d? */
static int in_furniture(const att__hpage *pg, const block *b, uint32_t d)
{
    return b->elem != NONE && pg->el[b->elem].fdepth >= 0 && (uint32_t)pg->el[b->elem].fdepth >= d;
}

/* ---- 3. choose ------------------------------------------------------------- */

static uint32_t choose(const att__hpage *pg, const sums *s, int use_furniture)
{
    double best = 0;
    uint32_t pick = NONE;
    for (size_t i = 0; i < pg->nel; i++) {
        const elem *e = &pg->el[i];
        double good, score;
        if (!(e->tag & ATT_TAG_SECTION) && !(e->flushes && !(e->tag & ATT_TAG_BLOCK)))
            continue;
        good = (double)(s->good[e->b1] - s->good[e->b0]);
        score = s->val[e->b1] - s->val[e->b0];
        if (use_furniture) {
            good -= (double)e->fgood;
            score -= e->fval + FURN_WEIGHT * (double)e->fchr;
        }
        if (good <= 0)
            continue;
        score += s->bonus[e->b1] - s->bonus[e->b0];
        if (pick == NONE || score > best || (score == best && e->depth > pg->el[pick].depth)) {
            best = score;
            pick = (uint32_t)i;
        }
    }
    return pick;
}

/* ---- 4. keep ---------------------------------------------------------------- */

/* Does a short block read like a sentence of text (rather than a label, a
 * byline or a date)? */
static int sentence_like(const att__hpage *pg, const block *b)
{
    static const char *const ends[] = {".", "!", "?", "…", "\"", "“", "”", "»", "«", ")"};
    const char *t = pg->text.data + b->a;
    size_t n = b->b - b->a;
    if (is_heading(pg, b))
        return 0;
    if (b->words >= 10)
        return 1;
    if (b->words < 4)
        return 0;
    for (size_t k = 0; k < ATT_ARRAY_LEN(ends); k++) {
        size_t m = strlen(ends[k]);
        if (n >= m && memcmp(t + n - m, ends[k], m) == 0)
            return 1;
    }
    return 0;
}

static int is_h1(const att__hpage *pg, const block *b)
{
    const char *name = b->elem == NONE ? NULL : pg->el[b->elem].node->name;
    return name && name[0] == 'h' && name[1] == '1' && !name[2];
}

/* Is b the page's headline: an <h1>, or a heading that is the title? */
static int is_headline(const att__hpage *pg, const block *b, const char *title)
{
    size_t n = b->b - b->a;
    return is_h1(pg, b) ||
           (title && strlen(title) == n && memcmp(title, pg->text.data + b->a, n) == 0);
}

/* Does the block open with a copyright notice ("© 2019 Associated Press. All
 * Rights Reserved.")?  Long ones are the article's own last line. */
static int copyright_line(const char *t, size_t n)
{
    return (n >= 2 && (unsigned char)t[0] == 0xC2 && (unsigned char)t[1] == 0xA9) ||
           (n >= 4 && strncasecmp(t, "(c) ", 4) == 0) ||
           (n >= 9 && strncasecmp(t, "copyright", 9) == 0);
}

/* Drops captions and tail markers; a tail marker after the text, or with
 * little text after it, ends the article: what follows goes too. */
static void drop_lines(att__hpage *pg, const elem *e, uint32_t last)
{
    uint64_t total = 0, before = 0;
    /* captions first (a long one passes for text), so that the text after a
     * tail marker is weighed without them */
    for (uint32_t i = e->b0; i < e->b1; i++) {
        block *b = &pg->bl[i];
        const char *t = pg->text.data + b->a;
        if (b->words <= CREDIT_WORDS && att__html_credit_line(t, b->b - b->a) &&
            (b->cls != C_GOOD || !copyright_line(t, b->b - b->a)))
            b->furniture = 1;
        if (!b->furniture && b->cls == C_GOOD)
            total += b->chars;
    }
    for (uint32_t i = e->b0; i < e->b1; i++) {
        block *b = &pg->bl[i];
        const char *t = pg->text.data + b->a;
        int marker = b->words <= TAIL_WORDS && att__html_tail_marker(t, b->b - b->a);
        if (!marker) {
            before += b->furniture || b->cls != C_GOOD ? 0 : b->chars;
            continue;
        }
        b->furniture = 1;
        if (i > last || (total - before) * 4 < before) {
            for (uint32_t k = i; k < e->b1; k++)
                pg->bl[k].furniture = 1;
            return;
        }
    }
}

static void keep(att__hpage *pg, uint32_t pick, int use_furniture, const char *title)
{
    const elem *e = &pg->el[pick];
    uint32_t first = NONE, last = NONE, d = use_furniture ? e->depth : UINT32_MAX;
    for (uint32_t i = e->b0; i < e->b1; i++) {
        block *b = &pg->bl[i];
        b->furniture = in_furniture(pg, b, d);
        if (!b->furniture && b->cls == C_GOOD) {
            if (first == NONE)
                first = i;
            last = i;
        }
    }
    if (first == NONE)
        return;
    /* short blocks that read like sentences widen the text, up to the first
     * block of links or furniture */
    for (uint32_t i = last + 1; i < e->b1; i++) {
        const block *b = &pg->bl[i];
        if (b->furniture || b->cls == C_BAD)
            break;
        if (sentence_like(pg, b))
            last = i;
    }
    for (uint32_t i = first; i-- > e->b0;) {
        const block *b = &pg->bl[i];
        if (b->furniture || b->cls == C_BAD)
            break;
        if (sentence_like(pg, b))
            first = i;
    }
    drop_lines(pg, e, last);
    for (uint32_t i = e->b0; i < e->b1; i++) {
        block *b = &pg->bl[i];
        if (b->furniture || b->cls == C_BAD)
            continue;
        if (b->cls == C_GOOD || (i >= first && i <= last))
            b->keep = 1;
        else if (i < first && is_heading(pg, b) && !is_headline(pg, b, title))
            b->keep = 1;
    }
    /* the lead: text just before the body, after the headline */
    for (uint32_t k = 0, i = e->b0; i > 0 && k < LEAD_REACH; k++) {
        block *b = &pg->bl[--i];
        const elem *be = b->elem == NONE ? NULL : &pg->el[b->elem];
        if (!be || b->cls == C_BAD || be->fdepth > e->fdepth || is_h1(pg, b))
            break;
        if (b->cls == C_GOOD || (sentence_like(pg, b) && b->chars >= LEAD_CHARS))
            b->keep = 1;
    }
}

/* ---- the entry point -------------------------------------------------------- */

int att__html_extract(const att__hnode *root, const char *title, unsigned flags, att_buf *out,
                      att__html_stats *st)
{
    att__hpage pg;
    sums s = {0};
    int rc, use_furniture = 1;
    uint32_t pick;
    memset(st, 0, sizeof(*st));
    if ((rc = att__html_blocks(root, flags, out->max, &pg)))
        goto cleanup;
    st->elements = pg.nel;
    st->blocks = pg.nbl;
    for (size_t i = 0; i < pg.nbl; i++)
        st->chars += pg.bl[i].chars;
    if (pg.nbl == 0)
        goto cleanup;
    classify(&pg);
    mark_cued(&pg);
    if ((rc = make_sums(&pg, &s)))
        goto cleanup;
    furniture(&pg, &s);
    pick = choose(&pg, &s, 1);
    if (pick == NONE) {
        use_furniture = 0; /* all text is in furniture: trust the text */
        pick = choose(&pg, &s, 0);
    }
    if (pick == NONE) {
        /* no long text anywhere: every block that is not links */
        for (size_t i = 0; i < pg.nbl; i++)
            pg.bl[i].keep = pg.bl[i].cls != C_BAD;
    } else {
        keep(&pg, pick, use_furniture, title);
    }
    for (size_t i = 0; i < pg.nbl; i++) {
        const block *b = &pg.bl[i];
        if (!b->keep)
            continue;
        st->kept++;
        if ((out->len && att__buf_add(out, "\n\n", 2)) ||
            att__buf_add(out, pg.text.data + b->a, b->b - b->a)) {
            rc = ATT_ENOMEM;
            goto cleanup;
        }
    }
cleanup:
    free_sums(&s);
    att__html_page_free(&pg);
    return rc;
}

/*
 * html_extract.c - the main text of a web page.
 *
 * Four steps over libxml2's tree, each linear in the size of the page:
 *
 *   1. Walk.  One iterative pass in document order cuts the visible text
 *      into blocks: a block is the text between two block-level tag
 *      boundaries (p, li, h2, td, div ...), white space collapsed as a
 *      browser would, <br> kept as a line end and <br><br> as a paragraph
 *      end.  Script, style, form controls and hidden elements give no
 *      text.  Every element records the range of blocks it holds, so any
 *      sum over an element's text is two lookups in a prefix-sum array.
 *   2. Classify.  A block is GOOD (a long run of text with few links),
 *      BAD (mostly link text: menus, teaser lists) or SHORT (headings,
 *      labels, bylines, short lines).  Elements whose tag or class/id/role
 *      say page furniture (html_cues.c) turn their blocks BAD, unless the
 *      element holds most of the page's text and no content element lies
 *      outside it (a wrapper like <div id="content-with-sidebar">).
 *   3. Choose.  The content subtree is the element that maximises
 *      good - LAMBDA*bad - MU*short characters, with a bonus for content
 *      cues (article, main, itemprop=articleBody, entry-content).
 *   4. Keep.  Inside it, GOOD blocks are kept, BAD ones dropped, SHORT
 *      ones kept between the first and the last GOOD one (subheadings,
 *      short paragraphs, list items), and the headline just before the
 *      body is brought along.
 *
 * The result is paragraphs separated by blank lines; the reader then runs
 * the plain-text boilerplate line filter (boiler.c) over it.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

#define NONE UINT32_MAX
#ifdef ATT_HTML_TUNE
#include <stdlib.h>
#define TUNE(name, def) (getenv(name) ? atof(getenv(name)) : (def))
#else
#define TUNE(name, def) (def)
#endif
#define GOOD_CHARS TUNE("T_GOOD", 80)  /* characters of a GOOD block, at least */
#define GOOD_LD TUNE("T_LD", 0.3)      /* link density of a GOOD block, at most */
#define LAMBDA TUNE("T_LAMBDA", 1.0)   /* weight of a BAD character in a subtree's score */
#define MU TUNE("T_MU", 0.3)           /* weight of a SHORT character */
#define NU TUNE("T_NU", 0.0)           /* weight of a SHORT character of plain text */
#define FURN TUNE("T_FURN", 1.0)       /* weight of a character of furniture */
#define STRONG_BONUS TUNE("T_STRONG", 0.25) /* share of good text added for body cues */
#define POS_BONUS TUNE("T_POS", 0.1)   /* for content cues */
#define HEADLINE_REACH 12   /* blocks before the body searched for its headline */
#define MAX_BLOCKS 1000000u /* more blocks than this: the rest is not looked at */

enum { C_SHORT = 0, C_GOOD = 1, C_BAD = 2 };

typedef struct elem {
    xmlNode *node;
    uint32_t parent;  /* NONE for the root */
    uint32_t prevblk; /* the block element open before this one */
    uint32_t b0, b1;  /* the blocks it holds: [b0, b1) */
    unsigned tag;     /* ATT_TAG_* */
    unsigned cue;     /* ATT_CUE_* */
    uint32_t depth;
    int flushes;    /* a block boundary at its start and end */
    int32_t fdepth; /* depth of the deepest furniture ancestor-or-self, or -1 */
    int cued;               /* 2: inside a body cue (articleBody), 1: a content cue */
    double fval;            /* value of the furniture within */
    uint64_t fchr, fgood;   /* its characters, its good characters */
} elem;

typedef struct block {
    uint32_t a, b;  /* bytes of the walker's text */
    uint32_t elem;  /* the innermost block element it lies in */
    uint32_t chars; /* characters that are not white space */
    uint32_t link;  /* of which inside links */
    uint32_t words, punct;
    uint8_t cls;
    uint8_t furniture; /* inside furniture within the content subtree */
    uint8_t keep;
} block;

typedef struct walker {
    elem *el;
    size_t nel, cel;
    block *bl;
    size_t nbl, cbl;
    att_buf text;
    uint32_t cur, curblk;
    int link, pre;
    int pending; /* white space seen since the last character */
    int inword;
    int open;    /* a block has started */
    block b;
    int err;
} walker;

/* ---- 1. walk ------------------------------------------------------------- */

static void flush(walker *w)
{
    if (!w->open)
        return;
    while (w->text.len > w->b.a &&
           (w->text.data[w->text.len - 1] == '\n' || w->text.data[w->text.len - 1] == ' '))
        w->text.len--;
    w->text.data[w->text.len] = '\0';
    w->open = 0;
    w->pending = 0;
    w->inword = 0;
    if (w->b.chars == 0 || w->nbl >= MAX_BLOCKS) {
        w->text.len = w->b.a;
        w->text.data[w->text.len] = '\0';
        return;
    }
    w->b.b = (uint32_t)w->text.len;
    if (ATT_PUSH(w->bl, w->nbl, w->cbl, w->b))
        w->err = ATT_ENOMEM;
}

static void add_bytes(walker *w, const char *s, size_t n)
{
    if (!w->err && att__buf_add(&w->text, s, n))
        w->err = ATT_ENOMEM;
}

static void start_block(walker *w)
{
    memset(&w->b, 0, sizeof(w->b));
    w->b.a = (uint32_t)w->text.len;
    w->b.elem = w->curblk;
    w->open = 1;
    w->pending = 0;
    w->inword = 0;
}

/* One visible character (its UTF-8 bytes). */
static void add_char(walker *w, const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (!w->open)
        start_block(w);
    else if (w->pending && w->text.len > w->b.a && w->text.data[w->text.len - 1] != '\n')
        add_bytes(w, " ", 1);
    w->pending = 0;
    add_bytes(w, s, n);
    w->b.chars++;
    if (w->link)
        w->b.link++;
    if (!w->inword)
        w->b.words++;
    w->inword = 1;
    if (c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':')
        w->b.punct++;
}

static void add_space(walker *w)
{
    w->pending = 1;
    w->inword = 0;
}

static void add_break(walker *w)
{
    if (!w->open)
        return;
    if (w->text.len > w->b.a && w->text.data[w->text.len - 1] == '\n') {
        flush(w); /* <br><br>: a paragraph ends */
        return;
    }
    add_bytes(w, "\n", 1);
    w->pending = 0;
    w->inword = 0;
}

/* The length of a white-space or invisible character at s (0 if neither);
 * *invisible says it is dropped rather than read as a space. */
static size_t space_at(const unsigned char *s, size_t n, int *invisible)
{
    *invisible = 0;
    if (s[0] < 0x80)
        return s[0] <= 0x20 || s[0] == 0x7F;
    if (s[0] == 0xC2 && n >= 2) {
        if (s[1] == 0xA0 || s[1] == 0x85)
            return 2;
        if (s[1] == 0xAD || (s[1] >= 0x80 && s[1] < 0xA0)) { /* soft hyphen, C1 controls */
            *invisible = 1;
            return 2;
        }
    }
    if (s[0] == 0xE2 && n >= 3 && s[1] == 0x80) {
        if (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF)
            return 3;
        if (s[2] == 0x8B) { /* zero width space */
            *invisible = 1;
            return 3;
        }
    }
    if (s[0] == 0xE3 && n >= 3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    if (s[0] == 0xEF && n >= 3 && s[1] == 0xBB && s[2] == 0xBF) {
        *invisible = 1;
        return 3;
    }
    return 0;
}

static void add_text(walker *w, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text);
    for (size_t i = 0; i < n && !w->err;) {
        int invisible;
        size_t k = space_at(s + i, n - i, &invisible), len;
        if (w->pre && s[i] < 0x80 && (s[i] == '\n' || s[i] == '\r')) {
            if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++;
            i++;
            if (w->open)
                add_bytes(w, "\n", 1);
            w->pending = 0;
            w->inword = 0;
            continue;
        }
        if (k) {
            if (invisible) {
                /* nothing */
            } else if (w->pre) {
                if (w->open)
                    add_bytes(w, s[i] == '\t' ? "\t" : " ", 1);
                w->inword = 0;
            } else {
                add_space(w);
            }
            i += k;
            continue;
        }
        len = 1;
        if (s[i] >= 0xC0)
            while (i + len < n && (s[i + len] & 0xC0) == 0x80 && len < 4)
                len++;
        add_char(w, (const char *)s + i, len);
        i += len;
    }
}

/* Entering a node: returns 1 when the walk goes into it (and will leave it). */
static int enter(walker *w, xmlNode *n)
{
    elem e;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            add_text(w, (const char *)n->content);
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE || !n->name)
        return 0;
    memset(&e, 0, sizeof(e));
    e.tag = att__html_tag((const char *)n->name);
    if (e.tag & ATT_TAG_DROP)
        return 0;
    if (e.tag & ATT_TAG_BR) {
        add_break(w);
        return 0;
    }
    e.cue = att__html_cues(n);
    if (e.cue & ATT_CUE_HIDDEN)
        return 0;
    if (e.tag & (ATT_TAG_INLINE | ATT_TAG_LINK))
        e.cue = 0; /* a class on a link or span says nothing about a block */
    e.flushes = (e.tag & ATT_TAG_BLOCK) || (!(e.tag & (ATT_TAG_INLINE | ATT_TAG_LINK)) &&
                                            (e.cue & (ATT_CUE_NEG | ATT_CUE_POS)));
    if (e.flushes)
        flush(w);
    e.node = n;
    e.parent = w->cur;
    e.prevblk = w->curblk;
    e.b0 = (uint32_t)w->nbl;
    e.depth = w->cur == NONE ? 0 : w->el[w->cur].depth + 1;
    if (w->nel >= UINT32_MAX - 1 || ATT_PUSH(w->el, w->nel, w->cel, e)) {
        w->err = ATT_ENOMEM;
        return 0;
    }
    w->cur = (uint32_t)(w->nel - 1);
    if (e.flushes)
        w->curblk = w->cur;
    if (e.tag & ATT_TAG_LINK)
        w->link++;
    if (e.tag & ATT_TAG_PRE)
        w->pre++;
    return 1;
}

static void leave(walker *w)
{
    elem *e = &w->el[w->cur];
    if (e->flushes)
        flush(w);
    e = &w->el[w->cur]; /* flush may have moved nothing, but be plain */
    e->b1 = (uint32_t)w->nbl;
    if (e->tag & ATT_TAG_LINK)
        w->link--;
    if (e->tag & ATT_TAG_PRE)
        w->pre--;
    w->curblk = e->prevblk;
    w->cur = e->parent;
}

static void walk(walker *w, xmlNode *root)
{
    xmlNode *n = root;
    while (n && !w->err) {
        int in = enter(w, n);
        if (in && n->children) {
            n = n->children;
            continue;
        }
        if (in)
            leave(w);
        while (n != root && !n->next) {
            n = n->parent;
            leave(w);
        }
        if (n == root)
            break;
        n = n->next;
    }
    flush(w);
}

/* ---- 2. classify ----------------------------------------------------------- */

static void classify(walker *w)
{
    for (size_t i = 0; i < w->nbl; i++) {
        block *b = &w->bl[i];
        unsigned tag = b->elem == NONE ? 0 : w->el[b->elem].tag;
        if (b->link * 2 > b->chars)
            b->cls = C_BAD;
        else if (!(tag & ATT_TAG_HEADING) && b->chars >= GOOD_CHARS &&
                 b->link <= GOOD_LD * b->chars)
            b->cls = C_GOOD;
        else
            b->cls = C_SHORT;
    }
}

typedef struct sums {
    double *val;    /* prefix sums of the blocks' values */
    uint64_t *chr;  /* of their characters */
    uint64_t *good; /* of the characters of GOOD blocks */
    double *cued;   /* of the bonus of GOOD blocks inside content cues */
} sums;

/* What a block is worth to a subtree that holds it: a GOOD block its
 * characters, links and furniture a loss, short text a little either way. */
static double block_value(const block *b)
{
    double c = (double)b->chars;
    switch (b->cls) {
    case C_GOOD:
        return c;
    case C_BAD:
        return -LAMBDA * c;
    default:
        return b->words >= 3 && b->link == 0 ? NU * c : -MU * c;
    }
}

/* Marks each element inside a body cue (2) or a content cue (1). */
static void mark_cued(walker *w)
{
    for (size_t i = 0; i < w->nel; i++) {
        elem *e = &w->el[i];
        int up = e->parent == NONE ? 0 : w->el[e->parent].cued;
        int own = (e->cue & ATT_CUE_STRONG)                                 ? 2
                  : ((e->cue & ATT_CUE_POS) || (e->tag & ATT_TAG_POS)) ? 1
                                                                       : 0;
        if (e->cue & ATT_CUE_NEG)
            own = 0;
        e->cued = up > own ? up : own;
    }
}

static int make_sums(const walker *w, sums *s)
{
    size_t n = w->nbl + 1;
    s->val = calloc(n, sizeof(double));
    s->chr = calloc(n, sizeof(uint64_t));
    s->good = calloc(n, sizeof(uint64_t));
    s->cued = calloc(n, sizeof(double));
    if (!s->val || !s->chr || !s->good || !s->cued)
        return ATT_ENOMEM;
    for (size_t i = 0; i < w->nbl; i++) {
        const block *b = &w->bl[i];
        double bonus = 0;
        if (b->cls == C_GOOD && b->elem != NONE)
            bonus = w->el[b->elem].cued == 2   ? STRONG_BONUS * b->chars
                    : w->el[b->elem].cued == 1 ? POS_BONUS * b->chars
                                               : 0;
        s->val[i + 1] = s->val[i] + block_value(b);
        s->chr[i + 1] = s->chr[i] + b->chars;
        s->good[i + 1] = s->good[i] + (b->cls == C_GOOD ? b->chars : 0);
        s->cued[i + 1] = s->cued[i] + bonus;
    }
    return 0;
}

static void free_sums(sums *s)
{
    free(s->val);
    free(s->chr);
    free(s->good);
    free(s->cued);
}

static int is_furniture(const elem *e)
{
    if (e->depth <= 1)
        return 0; /* html, body: their classes describe the page */
    return (e->cue & ATT_CUE_NEG) || (e->tag & ATT_TAG_NEG);
}

/* Furniture is relative: for a candidate subtree, only furniture inside it
 * (the candidate itself included) is bad; furniture around it is not (a
 * <div class="main-with-sidebar"> around the article).  Two linear passes
 * give each element the depth of its deepest furniture ancestor-or-self
 * (fdepth: a block lies in furniture below candidate e when the fdepth of
 * its element >= e's depth) and the value, characters and good characters
 * of the furniture within its subtree (fval, fchr, fgood). */
static void furniture(walker *w, const sums *s)
{
    for (size_t i = 0; i < w->nel; i++) {
        elem *e = &w->el[i];
        int32_t up = e->parent == NONE ? -1 : w->el[e->parent].fdepth;
        e->fdepth = is_furniture(e) ? (int32_t)e->depth : up;
        if (is_furniture(e)) {
            e->fval = s->val[e->b1] - s->val[e->b0];
            e->fchr = s->chr[e->b1] - s->chr[e->b0];
            e->fgood = s->good[e->b1] - s->good[e->b0];
        }
    }
    for (size_t i = w->nel; i-- > 1;) {
        elem *e = &w->el[i];
        if (e->parent != NONE && !is_furniture(&w->el[e->parent])) {
            w->el[e->parent].fval += e->fval;
            w->el[e->parent].fchr += e->fchr;
            w->el[e->parent].fgood += e->fgood;
        }
    }
}

/* Is block b inside furniture below (or at) an element of depth d? */
static int in_furniture(const walker *w, const block *b, uint32_t d)
{
    return b->elem != NONE && w->el[b->elem].fdepth >= 0 &&
           (uint32_t)w->el[b->elem].fdepth >= d;
}

/* ---- 3. choose ------------------------------------------------------------- */

static uint32_t choose(const walker *w, const sums *s, int use_furniture)
{
    double best = -1e300;
    uint32_t pick = NONE;
    for (size_t i = 0; i < w->nel; i++) {
        const elem *e = &w->el[i];
        double g, score;
        if (!(e->tag & ATT_TAG_SECTION) && !(e->flushes && !(e->tag & ATT_TAG_BLOCK)))
            continue;
        g = (double)(s->good[e->b1] - s->good[e->b0]);
        score = s->val[e->b1] - s->val[e->b0];
        if (use_furniture) {
            g -= (double)e->fgood;
            score -= e->fval + FURN * (double)e->fchr;
        }
        if (g <= 0)
            continue;
        score += s->cued[e->b1] - s->cued[e->b0];
#ifdef ATT_HTML_TRACE
        fprintf(stderr, "cand %zu <%s> cue=%02x g=%.0f score=%.0f use=%d\n", i, e->node->name,
                e->cue, g, score, use_furniture);
#endif
        if (score > best || (score == best && pick != NONE && e->depth > w->el[pick].depth)) {
            best = score;
            pick = (uint32_t)i;
        }
    }
    return pick;
}

/* ---- 4. keep ---------------------------------------------------------------- */

static int block_is_heading(const walker *w, const block *b)
{
    return b->elem != NONE && (w->el[b->elem].tag & ATT_TAG_HEADING);
}

/* Does a short block read like a sentence of text (rather than a label, a
 * byline or a date)? */
static int sentence_like(const walker *w, const block *b)
{
    static const char *const ends[] = {".", "!", "?", "…", "\"", "“", "”", "»", "«", ")", ":"};
    const char *t = w->text.data + b->a;
    size_t n = b->b - b->a;
    if (block_is_heading(w, b))
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

static void keep(walker *w, uint32_t pick, int use_furniture)
{
    const elem *e = &w->el[pick];
    uint32_t first = NONE, last = NONE, d = use_furniture ? e->depth : UINT32_MAX;
    for (uint32_t i = e->b0; i < e->b1; i++) {
        block *b = &w->bl[i];
        b->furniture = in_furniture(w, b, d);
        if (!b->furniture && b->cls == C_GOOD) {
            if (first == NONE)
                first = i;
            last = i;
        }
    }
    if (first == NONE)
        return;
    /* short paragraphs that read like sentences extend the body, up to the
     * first block of links or furniture */
    for (uint32_t i = last + 1; i < e->b1; i++) {
        const block *b = &w->bl[i];
        if (b->furniture || b->cls == C_BAD)
            break;
        if (sentence_like(w, b))
            last = i;
    }
    for (uint32_t i = first; i-- > e->b0;) {
        const block *b = &w->bl[i];
        if (b->furniture || b->cls == C_BAD)
            break;
        if (sentence_like(w, b))
            first = i;
    }
    for (uint32_t i = e->b0; i < e->b1; i++) {
        block *b = &w->bl[i];
        if (b->furniture || b->cls == C_BAD)
            continue;
        if (b->cls == C_GOOD || (i >= first && i <= last))
            b->keep = 1;
        else if (i < first && block_is_heading(w, b))
            b->keep = 1;
    }
    /* the headline: a heading just before the body, outside it */
    {
        int have = 0;
        for (uint32_t i = e->b0; i < first; i++)
            if (w->bl[i].keep && block_is_heading(w, &w->bl[i]))
                have = 1;
        for (uint32_t k = 0, i = e->b0; !have && i > 0 && k < HEADLINE_REACH; k++) {
            block *b = &w->bl[--i];
            const elem *be = b->elem == NONE ? NULL : &w->el[b->elem];
            if (!be || b->cls != C_SHORT || be->fdepth > e->fdepth)
                continue;
            if (be->node->name[0] == 'h' && be->node->name[1] == '1') {
                b->keep = 1;
                break;
            }
        }
    }
}

/* ---- the entry point -------------------------------------------------------- */

int att__html_extract(xmlNode *root, const char *title, att_buf *out, att__html_stats *st)
{
    walker w;
    sums s = {0};
    int rc = 0, use_furniture = 1;
    uint32_t pick;
    memset(&w, 0, sizeof(w));
    memset(st, 0, sizeof(*st));
    w.cur = NONE;
    w.curblk = NONE;
    att__buf_init(&w.text, out->max);
    if (!root)
        goto cleanup;
    walk(&w, root);
    if ((rc = w.err))
        goto cleanup;
    st->elements = w.nel;
    st->blocks = w.nbl;
    for (size_t i = 0; i < w.nbl; i++)
        st->chars += w.bl[i].chars;
    if (w.nbl == 0)
        goto cleanup;
    classify(&w);
    mark_cued(&w);
    if ((rc = make_sums(&w, &s)))
        goto cleanup;
    furniture(&w, &s);
    pick = choose(&w, &s, 1);
    if (pick == NONE) {
        use_furniture = 0; /* everything is furniture: trust the text */
        pick = choose(&w, &s, 0);
    }
    if (pick == NONE) {
        /* no long text anywhere: keep every block that is not links */
        for (size_t i = 0; i < w.nbl; i++)
            w.bl[i].keep = w.bl[i].cls != C_BAD;
    } else {
        keep(&w, pick, use_furniture);
    }
#ifdef ATT_HTML_TRACE
    for (size_t i = 0; i < w.nbl; i++) {
        const block *b = &w.bl[i];
        const elem *e = b->elem == NONE ? NULL : &w.el[b->elem];
        fprintf(stderr, "%5zu %c%c%c %-8s cue=%02x ch=%u ln=%u | %.3000s\n", i, b->keep ? 'K' : '-',
                "SGB"[b->cls], b->furniture ? 'F' : ' ', e ? (const char *)e->node->name : "?",
                e ? e->cue : 0, b->chars, b->link, w.text.data + b->a);
    }
    if (pick != NONE)
        fprintf(stderr, "pick %u <%s> [%u,%u) depth %u fdepth %d\n", pick, w.el[pick].node->name, w.el[pick].b0,
                w.el[pick].b1, w.el[pick].depth, w.el[pick].fdepth);
    for (uint32_t i = pick; pick != NONE && i != NONE; i = w.el[i].parent)
        fprintf(stderr, "  up <%s> depth %u fdepth %d cue %02x\n", w.el[i].node->name, w.el[i].depth, w.el[i].fdepth, w.el[i].cue);
    if (w.nbl > 20) { const elem *x = &w.el[w.bl[20].elem]; fprintf(stderr, "block20 <%s> depth %u fdepth %d\n", x->node->name, x->depth, x->fdepth); }
#endif
    for (size_t i = 0; i < w.nbl; i++) {
        const block *b = &w.bl[i];
        if (!b->keep)
            continue;
        st->kept++;
        if ((out->len && att__buf_add(out, "\n\n", 2)) ||
            att__buf_add(out, w.text.data + b->a, b->b - b->a)) {
            rc = ATT_ENOMEM;
            goto cleanup;
        }
    }
cleanup:
    free_sums(&s);
    free(w.el);
    free(w.bl);
    att__buf_free(&w.text);
    return rc;
}

void att__html_node_text(xmlNode *el, char *out, size_t max)
{
    walker w;
    size_t n = 0;
    if (max == 0)
        return;
    out[0] = '\0';
    memset(&w, 0, sizeof(w));
    w.cur = NONE;
    w.curblk = NONE;
    att__buf_init(&w.text, (size_t)1 << 20);
    walk(&w, el);
    for (size_t i = 0; i < w.nbl && n + 1 < max; i++) {
        const block *b = &w.bl[i];
        size_t len = b->b - b->a;
        if (n && n + 1 < max)
            out[n++] = ' ';
        if (len > max - 1 - n)
            len = max - 1 - n;
        /* cut at a character boundary */
        while (len > 0 && len < b->b - b->a && (w.text.data[b->a + len] & 0xC0) == 0x80)
            len--;
        memcpy(out + n, w.text.data + b->a, len);
        n += len;
    }
    for (size_t i = 0; i < n; i++)
        if (out[i] == '\n')
            out[i] = ' ';
    out[n] = '\0';
    free(w.el);
    free(w.bl);
    att__buf_free(&w.text);
}

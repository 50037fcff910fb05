/*
 * html_blocks.c - the visible text of a page's tree, cut into blocks.
 *
 * One iterative walk in document order (no recursion: nesting depth costs
 * no stack).  Entering an element looks its tag up (html_cues.c): script,
 * style, form controls and the like give no text and are not entered;
 * hidden elements (hidden, aria-hidden, display:none, sr-only) neither.
 * Block-level elements, and any element whose class or id is a cue, are
 * boundaries: the text between two boundaries is one block.  Text is
 * collapsed as a browser would: runs of white space (no-break spaces too)
 * become one blank, <pre> keeps its spaces and line ends, <br> is a line
 * end and <br><br> ends the block; soft hyphens, zero-width spaces and
 * byte-order marks are dropped.
 *
 * Every element the walk enters is recorded with the range of blocks it
 * holds, [b0, b1): the extractor sums over an element with two lookups in
 * prefix sums.  Blocks count their characters, link characters (text
 * inside <a>) and words as the text goes by.  The text of all blocks lies
 * back to back in one bounded buffer; the walk stops when it is full.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

#define NONE ATT_HTML_NONE
#define MAX_BLOCKS 1000000u /* more blocks than this are not kept */
#define MAX_TEXT ((size_t)UINT32_MAX - 1)

typedef struct walker {
    att__hpage *pg;
    uint32_t cur, curblk; /* innermost open element, innermost open block element */
    int link, pre;        /* depth inside <a>, inside <pre> */
    int pending;          /* white space seen since the last character */
    int inword;
    int open;        /* a block has started */
    att__hblock b;   /* the open block */
    size_t budget;   /* nodes left to enter */
    int text_only;   /* only the text is wanted: no cues but hidden */
    int show_hidden; /* hidden elements are read too */
    int stop;        /* ATT_ENOMEM, or 1 when the text or the budget is spent */
} walker;

static void flush(walker *w)
{
    att_buf *t = &w->pg->text;
    if (!w->open)
        return;
    while (t->len > w->b.a && (t->data[t->len - 1] == '\n' || t->data[t->len - 1] == ' '))
        t->len--;
    if (t->data)
        t->data[t->len] = '\0';
    w->open = 0;
    w->pending = 0;
    w->inword = 0;
    if (w->b.chars == 0 || w->pg->nbl >= MAX_BLOCKS) {
        t->len = w->b.a;
        if (t->data)
            t->data[t->len] = '\0';
        return;
    }
    w->b.b = (uint32_t)t->len;
    if (ATT_PUSH(w->pg->bl, w->pg->nbl, w->pg->cbl, w->b))
        w->stop = ATT_ENOMEM;
}

static void add_bytes(walker *w, const char *s, size_t n)
{
    att_buf *t = &w->pg->text;
    if (w->stop)
        return;
    if (t->len + n > t->max) {
        w->stop = 1; /* full: what was read stays */
        return;
    }
    if (t->len + n < t->cap) {
        memcpy(t->data + t->len, s, n); /* room enough: the common case */
        t->len += n;
        t->data[t->len] = '\0';
        return;
    }
    if (att__buf_add(t, s, n))
        w->stop = ATT_ENOMEM;
}

static void start_block(walker *w)
{
    memset(&w->b, 0, sizeof(w->b));
    w->b.a = (uint32_t)w->pg->text.len;
    w->b.elem = w->curblk;
    w->open = 1;
    w->pending = 0;
    w->inword = 0;
}

/* A run of visible characters: n bytes, chars characters, no white space. */
static void add_run(walker *w, const char *s, size_t n, uint32_t chars)
{
    const att_buf *t = &w->pg->text;
    if (!w->open)
        start_block(w);
    else if (w->pending && t->len > w->b.a && t->data[t->len - 1] != '\n')
        add_bytes(w, " ", 1);
    w->pending = 0;
    add_bytes(w, s, n);
    if (w->stop)
        return;
    w->b.chars += chars;
    if (w->link)
        w->b.link += chars;
    if (!w->inword)
        w->b.words++;
    w->inword = 1;
}

static void add_break(walker *w)
{
    const att_buf *t = &w->pg->text;
    if (!w->open)
        return;
    if (t->len > w->b.a && t->data[t->len - 1] == '\n') {
        flush(w); /* <br><br>: the paragraph ends */
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
        if (s[1] == 0xA0 || s[1] == 0x85) /* no-break space, next line */
            return 2;
        if (s[1] == 0xAD || s[1] < 0xA0) { /* soft hyphen, C1 controls */
            *invisible = 1;
            return 2;
        }
    }
    if (s[0] == 0xE2 && n >= 3 && s[1] == 0x80) {
        if (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF)
            return 3; /* the typographic spaces, line and paragraph separators */
        if (s[2] == 0x8B) {
            *invisible = 1; /* zero width space */
            return 3;
        }
    }
    if (s[0] == 0xE3 && n >= 3 && s[1] == 0x80 && s[2] == 0x80)
        return 3; /* ideographic space */
    if (s[0] == 0xEF && n >= 3 && s[1] == 0xBB && s[2] == 0xBF) {
        *invisible = 1; /* byte-order mark */
        return 3;
    }
    return 0;
}

/* Where the run of visible characters from s[i] ends: bytes other than
 * white space and the lead bytes of the spaces and invisible characters
 * space_at() knows (C2, E2, E3, EF), or one of those leads that is not one;
 * *chars gets how many characters it holds. */
static size_t run_end(const unsigned char *s, size_t n, size_t i, uint32_t *chars)
{
    uint32_t c = 0;
    while (i < n) {
        unsigned char b = s[i];
        int invisible;
        if (b <= 0x20 || b == 0x7F)
            break;
        if ((b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF) &&
            space_at(s + i, n - i, &invisible))
            break;
        c += (b & 0xC0) != 0x80; /* a character begins at every byte but a continuation */
        i++;
    }
    *chars = c;
    return i;
}

static void add_text(walker *w, const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < n && !w->stop;) {
        int invisible;
        uint32_t chars;
        size_t k = run_end(s, n, i, &chars);
        if (k > i) {
            add_run(w, text + i, k - i, chars);
            i = k;
            continue;
        }
        if (w->pre && (s[i] == '\n' || s[i] == '\r')) {
            if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++;
            i++;
            if (w->open)
                add_bytes(w, "\n", 1);
            w->pending = 0;
            w->inword = 0;
            continue;
        }
        /* what ends a run is white space or an invisible character */
        k = space_at(s + i, n - i, &invisible);
        if (!invisible && w->pre) {
            if (w->open)
                add_bytes(w, s[i] == '\t' ? "\t" : " ", 1);
            w->inword = 0;
        } else if (!invisible) {
            w->pending = 1;
            w->inword = 0;
        }
        i += k ? k : 1;
    }
}

/* Does an inline element hold block elements (a <span> or <a> used as a
 * box: <span class="wing" role="contentinfo"><div>...)?  Then its class
 * speaks for blocks. */
static int holds_blocks(const att__hnode *n)
{
    for (const att__hnode *c = n->children; c; c = c->next)
        if (c->tag & ATT_TAG_BLOCK)
            return 1;
    return 0;
}

/* Entering a node: returns 1 when the walk goes into it (and will leave it). */
static int enter(walker *w, const att__hnode *n)
{
    att__hpage *pg = w->pg;
    att__helem e;
    if (w->budget == 0) {
        w->stop = 1;
        return 0;
    }
    w->budget--;
    if (!n->name) {
        add_text(w, n->text, n->len);
        return 0;
    }
    memset(&e, 0, sizeof(e));
    e.tag = n->tag;
    if (e.tag & ATT_TAG_DROP)
        return 0;
    if (e.tag & ATT_TAG_BR) {
        add_break(w);
        return 0;
    }
    if ((n->cue & ATT_CUE_HIDDEN) && !w->show_hidden)
        return 0;
    e.cue = w->text_only ? 0 : n->cue;
    if ((e.tag & (ATT_TAG_INLINE | ATT_TAG_LINK)) && !holds_blocks(n))
        e.cue = 0; /* a class on a link or a span inside a paragraph says nothing */
    e.flushes = (e.tag & ATT_TAG_BLOCK) || (e.cue & (ATT_CUE_NEG | ATT_CUE_META | ATT_CUE_POS));
    if (e.flushes)
        flush(w);
    e.node = n;
    e.parent = w->cur;
    e.prevblk = w->curblk;
    e.b0 = (uint32_t)pg->nbl;
    e.depth = w->cur == NONE ? 0 : pg->el[w->cur].depth + 1;
    if (pg->nel >= UINT32_MAX - 1 || ATT_PUSH(pg->el, pg->nel, pg->cel, e)) {
        w->stop = ATT_ENOMEM;
        return 0;
    }
    w->cur = (uint32_t)(pg->nel - 1);
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
    att__helem *e = &w->pg->el[w->cur];
    if (e->flushes)
        flush(w);
    e->b1 = (uint32_t)w->pg->nbl;
    if (e->tag & ATT_TAG_LINK)
        w->link--;
    if (e->tag & ATT_TAG_PRE)
        w->pre--;
    w->curblk = e->prevblk;
    w->cur = e->parent;
}

/* The walk over root's subtree: down to the first child, on to the next
 * sibling, up when there is none; elements entered are left on the way up. */
static void walk(walker *w, const att__hnode *root)
{
    const att__hnode *n = root;
    while (n && !w->stop) {
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
    /* a stop inside the tree leaves elements open: close them */
    while (w->cur != NONE)
        leave(w);
    flush(w);
}

static int walk_page(const att__hnode *root, unsigned flags, size_t max, size_t budget,
                     att__hpage *pg)
{
    int text_only = budget != SIZE_MAX;
    walker w;
    memset(pg, 0, sizeof(*pg));
    memset(&w, 0, sizeof(w));
    att__buf_init(&pg->text, max < MAX_TEXT ? max : MAX_TEXT);
    w.pg = pg;
    w.cur = NONE;
    w.curblk = NONE;
    w.budget = budget;
    w.text_only = text_only;
    w.show_hidden = (flags & ATT_HTML_SHOW_HIDDEN) != 0;
    if (flags & ATT_HTML_SKIP_ROOT) {
        for (const att__hnode *c = root ? root->children : NULL; c && !w.stop; c = c->next)
            walk(&w, c);
    } else if (root) {
        walk(&w, root);
    }
    return w.stop == ATT_ENOMEM ? ATT_ENOMEM : 0;
}

int att__html_blocks(const att__hnode *root, unsigned flags, size_t max, att__hpage *pg)
{
    return walk_page(root, flags, max, SIZE_MAX, pg);
}

void att__html_page_free(att__hpage *pg)
{
    free(pg->el);
    free(pg->bl);
    att__buf_free(&pg->text);
    memset(pg, 0, sizeof(*pg));
}

#define NODE_TEXT_NODES 256 /* nodes a short text (a date line, a byline) may span */

void att__html_node_text(const att__hnode *el, char *out, size_t max)
{
    att__hpage pg;
    size_t n = 0;
    if (max == 0)
        return;
    out[0] = '\0';
    walk_page(el, ATT_HTML_SKIP_ROOT, 4 * max + 64, NODE_TEXT_NODES, &pg);
    for (size_t i = 0; i < pg.nbl && n + 1 < max; i++) {
        const att__hblock *b = &pg.bl[i];
        size_t len = b->b - b->a;
        if (n)
            out[n++] = ' ';
        if (len > max - 1 - n) {
            len = max - 1 - n;
            while (len > 0 && ((unsigned char)pg.text.data[b->a + len] & 0xC0) == 0x80)
                len--; /* cut at a character boundary */
        }
        memcpy(out + n, pg.text.data + b->a, len);
        n += len;
    }
    for (size_t i = 0; i < n; i++)
        if (out[i] == '\n')
            out[i] = ' ';
    out[n] = '\0';
    att__html_page_free(&pg);
}

/*
 * html_parse.c - a web page's UTF-8 into a tree: our own tokenizer and
 * tag-soup tree builder, in one pass (docs/html.md "Parsing").
 *
 * The tokenizer follows HTML's: text runs up to the next '<' that opens
 * markup (memchr-driven), start tags with their attributes (quoted,
 * unquoted or bare), end tags, comments, doctypes and processing
 * instructions (skipped), and character references (named, from the
 * WHATWG table in html_entities.c, and numeric, with the windows-1252
 * mapping of 0x80-0x9F).  Raw-text elements (script, style, title,
 * textarea, ...) run to their end tag without markup; their text is kept
 * only where the reader reads it (<title>, <textarea>, JSON-LD scripts),
 * so the bytes of ordinary scripts and styles, half of a typical page,
 * are passed over with memchr.  <svg> and <math> are skipped to their
 * first end tag.  A raw-text element never closed holds nothing; a search
 * for an end tag that found none is not made again.
 *
 * The builder keeps a stack of open elements below an <html> root that
 * is always there, puts head content into <head> and begins <body> at
 * the first thing that belongs there, as browsers do, and closes what
 * HTML leaves implied: a block start closes an open <p>, <li> closes the
 * open <li> of its list, <dt>/<dd>, table rows, cells and sections close
 * their open siblings, a heading closes an open heading, <a> an open <a>.
 * An end tag closes the nearest open element of its name, but an inline
 * end tag (</b>) never closes a block, and only the end tags of tables and
 * their parts reach through a cell (no end tag leaves its table); end
 * tags that match nothing are dropped.  No tag looks more than REACH
 * open elements down, so every tag costs bounded time however deep the
 * page.  Void elements (img, br, meta) and tags written <x/> hold nothing.
 *
 * Only the attributes the reader looks at are kept (attr_names), decoded
 * and NUL-terminated; text nodes point into the page unless character
 * references had to be decoded.  Nodes come from one arena, at most
 * ATT_HTML_MAX_NODES of them; the walks are loops, so depth is free.
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"

#define MAX_ATTRS 32    /* attributes kept per element, at most */
#define REACH 256       /* open elements a tag looks through, at most */
#define TAG_NAME_MAX 64 /* longer tag names are kept, but never a known tag */
#define ENTITY_MAX 32   /* longest named reference ("CounterClockwiseContourIntegral") */

/* att__hnode keeps tag flags in 16 bits, kinds and cues in 8 */
_Static_assert(ATT_TAG_SCOPE <= 0xFFFF && ATT_HK_BUTTON <= 0xFF && ATT_CUE_META <= 0x80,
               "att__hnode's fields are too small");

/* The attributes the reader looks at (sorted; in the order of ATT_HA_*). */
static const char *const attr_names[] = {
    "aria-hidden", "class",    "content", "datetime", "hidden",   "href",    "http-equiv",
    "id",          "itemprop", "lang",    "name",     "property", "pubdate", "rel",
    "role",        "style",    "title",   "type",     "xml:lang",
};
#define ATTR_NAME_MAX 11 /* the longest of them */

/* The last names looked up, by a hash of their length and ends: pages use
 * few tag and attribute names, over and over. */
#define NAME_CACHE 64
typedef struct name_slot {
    unsigned char len; /* of the key + 1; 0: empty */
    char key[15];
    const void *found; /* what the search gave, NULL too */
} name_slot;

typedef struct open_el {
    att__hnode *node, *last; /* an open element and its last child */
} open_el;

typedef struct builder {
    att__htree *t;
    const char *s;
    size_t n;
    open_el *stack; /* stack[0] is the root */
    size_t depth, cap;
    att__hnode *head, *body;
    att__hattr attr[MAX_ATTRS]; /* the tag being read */
    size_t nattr;
    att_buf scratch;          /* decoded text */
    att__hcue_memo *memo;     /* the cues of class names seen (NULL: none kept) */
    const char *unclosed[16]; /* raw-text elements with no end tag after here */
    name_slot tags[NAME_CACHE], attrs[NAME_CACHE];
    size_t nunclosed;
    int stop; /* ATT_ENOMEM, or 1 once the node limit is reached */
} builder;

/* ---- character references -------------------------------------------------- */

static size_t numeric_ref(const char *s, size_t n, char *out, size_t *outlen)
{
    size_t i = 1, start;
    unsigned long cp = 0;
    int hex = i < n && (s[i] == 'x' || s[i] == 'X');
    i += (size_t)hex;
    start = i;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned d;
        if ((unsigned char)(c - '0') < 10)
            d = c - '0';
        else if (hex && (unsigned char)((c | 0x20) - 'a') < 6)
            d = (unsigned)((c | 0x20) - 'a' + 10);
        else
            break;
        cp = cp * (hex ? 16 : 10) + d;
        if (cp > 0x10FFFF)
            cp = 0x110000; /* stays out of range, never overflows */
    }
    if (i == start)
        return 0;
    if (i < n && s[i] == ';')
        i++;
    if (cp >= 0x80 && cp < 0xA0 && att__html_cp1252[cp - 0x80])
        cp = att__html_cp1252[cp - 0x80];
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
        cp = 0xFFFD;
    *outlen = att__utf8_encode((int32_t)cp, out);
    return i;
}

const void *att__html_find_name(const void *table, size_t count, size_t size, const char *s,
                                size_t n)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, k = 0;
        const void *e = (const char *)table + mid * size;
        const char *name;
        int c;
        memcpy(&name, e, sizeof(name));
        while (k < n && name[k] && name[k] == s[k])
            k++;
        if (k < n)
            c = name[k] ? (unsigned char)name[k] - (unsigned char)s[k] : -1;
        else
            c = name[k] != '\0';
        if (c == 0)
            return e;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The entity named s[0..n) exactly, or NULL. */
static const att__hentity *entity(const char *s, size_t n)
{
    return att__html_find_name(att__html_entities, att__html_nentities, sizeof(att__hentity), s, n);
}

size_t att__html_char_ref(const char *s, size_t n, int in_attr, const char **out, size_t *outlen,
                          char buf[4])
{
    const att__hentity *e;
    size_t k = 1;
    if (n < 2 || s[0] != '&')
        return 0;
    if (s[1] == '#') {
        *out = buf;
        k = numeric_ref(s + 1, n - 1, buf, outlen);
        return k ? 1 + k : 0;
    }
    while (k < n && k <= ENTITY_MAX && att__html_alnum((unsigned char)s[k]))
        k++;
    if (k == 1)
        return 0;
    if (k < n && s[k] == ';' && (e = entity(s + 1, k - 1)) != NULL) {
        *out = e->utf8;
        *outlen = strlen(e->utf8);
        return k + 1;
    }
    /* the longest legacy name that starts the run ("&auml" in "&aumlaut") */
    for (size_t m = k - 1 < 6 ? k - 1 : 6; m >= 2; m--) {
        if ((e = entity(s + 1, m)) == NULL || !e->legacy)
            continue;
        if (in_attr && 1 + m < n && (att__html_alnum((unsigned char)s[1 + m]) || s[1 + m] == '='))
            return 0;
        *out = e->utf8;
        *outlen = strlen(e->utf8);
        return 1 + m;
    }
    return 0;
}

/* s[0..n) with its character references decoded, in the scratch buffer
 * (NUL-terminated); NULL when out of memory. */
static const char *decode(builder *b, const char *s, size_t n, int in_attr, size_t *len)
{
    att_buf *o = &b->scratch;
    size_t i = 0;
    att__buf_reset(o);
    while (i < n) {
        const char *amp = memchr(s + i, '&', n - i), *rep;
        size_t j = amp ? (size_t)(amp - s) : n, used, rlen;
        char buf[4];
        if (att__buf_add(o, s + i, j - i))
            return NULL;
        if (j == n)
            break;
        used = att__html_char_ref(s + j, n - j, in_attr, &rep, &rlen, buf);
        if (used == 0) {
            rep = "&";
            rlen = used = 1;
        }
        if (att__buf_add(o, rep, rlen))
            return NULL;
        i = j + used;
    }
    if (att__buf_reserve(o, 1))
        return NULL;
    o->data[o->len] = '\0';
    *len = o->len;
    return o->data;
}

/* att__html_tag_find() or the search of attr_names (attrs) for the
 * lower-case name s[0..n), through a cache. */
static const void *find_cached(name_slot *cache, int attrs, const char *s, size_t n)
{
    name_slot *slot;
    const void *found;
    if (n == 0 || n >= sizeof(cache[0].key))
        return attrs ? NULL : att__html_tag_find(s, n);
    slot = &cache[(n * 31 + (unsigned char)s[0] * 7 + (unsigned char)s[n - 1]) & (NAME_CACHE - 1)];
    if (slot->len == n + 1 && memcmp(slot->key, s, n) == 0)
        return slot->found;
    found = attrs ? att__html_find_name(attr_names, ATT_ARRAY_LEN(attr_names),
                                        sizeof(attr_names[0]), s, n)
                  : att__html_tag_find(s, n);
    slot->len = (unsigned char)(n + 1);
    memcpy(slot->key, s, n);
    slot->found = found;
    return found;
}

/* ---- the tree ---------------------------------------------------------------- */

static att__hnode *new_node(builder *b)
{
    att__hnode *x;
    if (b->t->nodes >= ATT_HTML_MAX_NODES) {
        b->stop = 1;
        return NULL;
    }
    if ((x = att__arena_alloc(&b->t->arena, sizeof(*x))) == NULL) {
        b->stop = ATT_ENOMEM;
        return NULL;
    }
    b->t->nodes++;
    return x;
}

static void append(builder *b, att__hnode *x)
{
    open_el *top = &b->stack[b->depth - 1];
    x->parent = top->node;
    if (top->last)
        top->last->next = x;
    else
        top->node->children = x;
    top->last = x;
}

static void push(builder *b, att__hnode *x)
{
    open_el o;
    o.node = x;
    o.last = NULL;
    for (att__hnode *c = x->children; c; c = c->next)
        o.last = c; /* a <head> opened again */
    if (ATT_PUSH(b->stack, b->depth, b->cap, o))
        b->stop = ATT_ENOMEM;
}

static att__hnode *top(const builder *b)
{
    return b->stack[b->depth - 1].node;
}

/* The attributes read for the current tag, copied to the arena. */
static int take_attrs(builder *b, att__hnode *x)
{
    if (b->nattr == 0)
        return 0;
    x->attr = att__arena_array(&b->t->arena, b->nattr, sizeof(att__hattr));
    if (!x->attr) {
        b->stop = ATT_ENOMEM;
        return ATT_ENOMEM;
    }
    memcpy(x->attr, b->attr, b->nattr * sizeof(att__hattr));
    x->nattr = (uint32_t)b->nattr;
    return 0;
}

/* Adds the current tag's attributes that x lacks (<html lang> or <body
 * class> written twice, or after the builder implied them). */
static void merge_attrs(builder *b, att__hnode *x)
{
    att__hattr *all;
    size_t n = x->nattr;
    if (b->nattr == 0)
        return;
    all = att__arena_array(&b->t->arena, x->nattr + b->nattr, sizeof(att__hattr));
    if (!all) {
        b->stop = ATT_ENOMEM;
        return;
    }
    if (n)
        memcpy(all, x->attr, n * sizeof(att__hattr));
    for (size_t i = 0; i < b->nattr; i++)
        if (!att__html_attr(x, b->attr[i].id))
            all[n++] = b->attr[i];
    x->attr = all;
    x->nattr = (uint32_t)n;
    x->cue = att__html_cues(x, b->memo);
}

static att__hnode *new_element(builder *b, const att__htag *def, const char *name)
{
    att__hnode *x = new_node(b);
    if (!x)
        return NULL;
    x->name = name;
    x->tag = def ? def->flags : 0;
    x->kind = def ? def->kind : ATT_HK_OTHER;
    if (take_attrs(b, x))
        return NULL;
    x->cue = x->nattr ? att__html_cues(x, b->memo) : 0;
    return x;
}

static const att__htag *known(const char *name)
{
    return att__html_tag_find(name, strlen(name));
}

/* An element the page did not write (<head>, <body>, <html>), with the
 * current tag's attributes when with_attrs; NULL when out of memory. */
static att__hnode *implied(builder *b, const char *name, int with_attrs)
{
    const att__htag *def = known(name);
    size_t keep = b->nattr;
    att__hnode *x;
    if (!with_attrs)
        b->nattr = 0;
    x = new_element(b, def, def->name);
    b->nattr = keep;
    return x;
}

/* <body> begins: whatever is open in the head closes. */
static void open_body(builder *b, int with_attrs)
{
    b->depth = 1;
    if ((b->body = implied(b, "body", with_attrs)) != NULL) {
        append(b, b->body);
        push(b, b->body);
    }
}

/* Appends a text node for s[0..n), its character references decoded when
 * refs. */
static void text_node(builder *b, const char *s, size_t n, int refs)
{
    att__hnode *x;
    if (refs && memchr(s, '&', n)) {
        size_t len;
        const char *d = decode(b, s, n, 0, &len);
        if (!d || !(s = att__arena_strndup(&b->t->arena, d, len))) {
            b->stop = ATT_ENOMEM;
            return;
        }
        n = len;
    }
    if (n > UINT32_MAX || (x = new_node(b)) == NULL)
        return;
    x->text = s;
    x->len = (uint32_t)n;
    append(b, x);
}

/* Text between tags: before the body, anything but white space begins it. */
static void add_text(builder *b, const char *s, size_t n)
{
    if (!b->body) {
        size_t i = 0;
        while (i < n && att__html_space((unsigned char)s[i]))
            i++;
        if (i == n)
            return; /* white space between head elements */
        open_body(b, 0);
        if (b->stop)
            return;
    }
    text_node(b, s, n, 1);
}

/* The lowest index of the stack a tag looks at: REACH elements down at
 * most, so that a page nested 100,000 deep costs linear time, not
 * quadratic (browsers cap the depth of a tree at 512).  Never the root. */
static size_t reach(const builder *b)
{
    return b->depth > REACH + 1 ? b->depth - REACH : 1;
}

/* Pops up to and including the nearest open element of kind `kind`,
 * looking no further than an element of a kind in `stop` (bits of 1 <<
 * ATT_HK_*) or, when `scoped`, one with ATT_TAG_SCOPE.  Returns whether it
 * found one. */
static int close_kind(builder *b, unsigned kind, unsigned stop, int scoped)
{
    for (size_t i = b->depth, lo = reach(b); i-- > lo;) {
        const att__hnode *e = b->stack[i].node;
        if (e->kind == kind) {
            b->depth = i;
            return 1;
        }
        if ((stop >> e->kind & 1) || (scoped && (e->tag & ATT_TAG_SCOPE)))
            return 0;
    }
    return 0;
}

#define K(k) (1u << ATT_HK_##k)
#define K_ROOTS (K(HTML) | K(HEAD) | K(BODY))

/* What a start tag closes before it opens. */
static void implied_ends(builder *b, const att__htag *def)
{
    att__hnode *t;
    if (def->flags & ATT_TAG_CLOSEP)
        close_kind(b, ATT_HK_P, K_ROOTS | K(BUTTON), 1);
    switch (def->kind) {
    case ATT_HK_LI:
        close_kind(b, ATT_HK_LI, K_ROOTS | K(LIST), 1);
        break;
    case ATT_HK_DTDD:
        close_kind(b, ATT_HK_DTDD, K_ROOTS | K(DL), 1);
        break;
    case ATT_HK_CELL:
        close_kind(b, ATT_HK_CELL, K_ROOTS | K(TR) | K(TABLE), 0);
        break;
    case ATT_HK_TR:
        close_kind(b, ATT_HK_TR, K_ROOTS | K(TSECT) | K(TABLE), 0);
        break;
    case ATT_HK_TSECT:
        close_kind(b, ATT_HK_TSECT, K_ROOTS | K(TABLE), 0);
        break;
    case ATT_HK_OPTION:
        if (top(b)->kind == ATT_HK_OPTION)
            b->depth--;
        break;
    default:
        break;
    }
    t = top(b);
    if ((def->flags & ATT_TAG_HEADING) && (t->tag & ATT_TAG_HEADING))
        b->depth--;
    if (def->flags & ATT_TAG_LINK) {
        /* <a> in an open <a>: the first one ends (not through a block) */
        for (size_t i = b->depth, lo = reach(b); i-- > lo;) {
            const att__hnode *e = b->stack[i].node;
            if (e->tag & ATT_TAG_LINK) {
                b->depth = i;
                break;
            }
            if (!(e->tag & ATT_TAG_INLINE))
                break;
        }
    }
}

/* An end tag: closes the nearest open element of that name, unless an
 * element on the way says no (see the file's comment). */
static void end_tag(builder *b, const att__htag *def, const char *name)
{
    unsigned kind = def ? def->kind : ATT_HK_OTHER, flags = def ? def->flags : 0;
    int table_part =
        kind == ATT_HK_TABLE || kind == ATT_HK_TSECT || kind == ATT_HK_TR || kind == ATT_HK_CELL;
    for (size_t i = b->depth, lo = reach(b); i-- > lo;) {
        const att__hnode *e = b->stack[i].node;
        if (e->name == name || (!def && e->kind == ATT_HK_OTHER && strcmp(e->name, name) == 0)) {
            b->depth = i;
            return;
        }
        if (K_ROOTS >> e->kind & 1)
            return;
        if ((flags & (ATT_TAG_INLINE | ATT_TAG_LINK)) && (e->tag & ATT_TAG_BLOCK))
            return;
        if ((e->tag & ATT_TAG_SCOPE) && !(table_part && e->kind != ATT_HK_TABLE))
            return;
        if (e->kind == ATT_HK_TABLE && kind != ATT_HK_TABLE)
            return;
    }
}

/* ---- the tokenizer ----------------------------------------------------------- */

static int ascii_ieq(const char *s, const char *lower_name, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (att__html_lower((unsigned char)s[i]) != (unsigned char)lower_name[i])
            return 0;
    return 1;
}

/* Where the name of a tag ends. */
static size_t name_end(const char *s, size_t n, size_t p)
{
    while (p < n && !att__html_space((unsigned char)s[p]) && s[p] != '/' && s[p] != '>')
        p++;
    return p;
}

/* Keeps attribute s[a..e) = v[0..vn) when the reader looks at it. */
static void keep_attr(builder *b, const char *s, size_t a, size_t e, const char *v, size_t vn)
{
    char low[ATTR_NAME_MAX];
    const char *const *found;
    const char *val;
    unsigned id;
    size_t len;
    if (e - a > ATTR_NAME_MAX || b->nattr >= MAX_ATTRS)
        return;
    for (size_t i = a; i < e; i++)
        low[i - a] = (char)att__html_lower((unsigned char)s[i]);
    found = find_cached(b->attrs, 1, low, e - a);
    if (!found)
        return;
    id = (unsigned)(found - attr_names);
    for (size_t i = 0; i < b->nattr; i++)
        if (b->attr[i].id == id)
            return; /* the first of two wins */
    if (memchr(v, '&', vn)) {
        if ((v = decode(b, v, vn, 1, &len)) == NULL) {
            b->stop = ATT_ENOMEM;
            return;
        }
        vn = len;
    }
    if ((val = att__arena_strndup(&b->t->arena, v, vn)) == NULL) {
        b->stop = ATT_ENOMEM;
        return;
    }
    b->attr[b->nattr].id = id;
    b->attr[b->nattr++].value = val;
}

/* Reads the attributes of a tag from p to its '>' (kept when keep);
 * returns where the tag ends, or SIZE_MAX when the page ends inside it.
 * *self says it was written <x/>. */
static size_t read_attrs(builder *b, size_t p, int keep, int *self)
{
    const char *s = b->s;
    size_t n = b->n;
    *self = 0;
    b->nattr = 0;
    for (;;) {
        size_t a, e;
        while (p < n && att__html_space((unsigned char)s[p]))
            p++;
        if (p >= n)
            return SIZE_MAX;
        if (s[p] == '>')
            return p + 1;
        if (s[p] == '/') {
            if (p + 1 < n && s[p + 1] == '>') {
                *self = 1;
                return p + 2;
            }
            p++;
            continue;
        }
        a = p++; /* a name may begin with '=' */
        while (p < n && !att__html_space((unsigned char)s[p]) && s[p] != '/' && s[p] != '>' &&
               s[p] != '=')
            p++;
        e = p;
        while (p < n && att__html_space((unsigned char)s[p]))
            p++;
        if (p < n && s[p] == '=') {
            size_t v;
            p++;
            while (p < n && att__html_space((unsigned char)s[p]))
                p++;
            if (p < n && (s[p] == '"' || s[p] == '\'')) {
                const char *q = memchr(s + p + 1, s[p], n - p - 1);
                if (!q)
                    return SIZE_MAX;
                v = p + 1;
                p = (size_t)(q - s) + 1;
                if (keep)
                    keep_attr(b, s, a, e, s + v, p - 1 - v);
            } else {
                v = p;
                while (p < n && !att__html_space((unsigned char)s[p]) && s[p] != '>')
                    p++;
                if (keep)
                    keep_attr(b, s, a, e, s + v, p - v);
            }
        } else if (keep) {
            keep_attr(b, s, a, e, "", 0);
        }
    }
}

/* Where the end tag </name> of a raw-text or foreign element begins at or
 * after p, and in *after where it ends; SIZE_MAX when there is none.  A
 * search that found none is remembered: later ones for that name fail at
 * once, so a page of unclosed <script>s costs linear time. */
static size_t raw_end(builder *b, size_t p, const char *name, size_t len, size_t *after)
{
    const char *s = b->s;
    size_t n = b->n;
    for (size_t i = 0; i < b->nunclosed; i++)
        if (b->unclosed[i] == name)
            return SIZE_MAX;
    while (p < n) {
        const char *lt = memchr(s + p, '<', n - p);
        size_t q, e;
        if (!lt)
            break;
        q = (size_t)(lt - s);
        e = q + 2 + len;
        if (e <= n && s[q + 1] == '/' && ascii_ieq(s + q + 2, name, len) &&
            (e == n || att__html_space((unsigned char)s[e]) || s[e] == '/' || s[e] == '>')) {
            const char *gt = memchr(s + e, '>', n - e);
            *after = gt ? (size_t)(gt - s) + 1 : n;
            return q;
        }
        p = q + 1;
    }
    if (b->nunclosed < ATT_ARRAY_LEN(b->unclosed))
        b->unclosed[b->nunclosed++] = name;
    return SIZE_MAX;
}

/* A start tag at s[p] (its first letter); returns where parsing goes on. */
static size_t start_tag(builder *b, size_t p)
{
    const char *s = b->s;
    size_t n = b->n, e = name_end(s, n, p), len = e - p, q;
    char low[TAG_NAME_MAX];
    const att__htag *def = NULL;
    const char *name;
    att__hnode *x;
    int self;
    if (len < TAG_NAME_MAX) {
        for (size_t i = 0; i < len; i++)
            low[i] = (char)att__html_lower((unsigned char)s[p + i]);
        def = find_cached(b->tags, 0, low, len);
    }
    q = read_attrs(b, e, 1, &self);
    if (q == SIZE_MAX)
        return n; /* the page ends inside the tag */
    if (def && def->kind == ATT_HK_HTML) {
        merge_attrs(b, b->t->root);
        return q;
    }
    if (def && def->kind == ATT_HK_HEAD) {
        if (!b->head && !b->body && (b->head = new_element(b, def, def->name)) != NULL) {
            b->depth = 1;
            append(b, b->head);
            push(b, b->head);
        }
        return q;
    }
    if (def && def->kind == ATT_HK_BODY) {
        if (b->body)
            merge_attrs(b, b->body);
        else
            open_body(b, 1);
        return q;
    }
    if (!b->body) {
        if (def && (def->flags & ATT_TAG_HEADC)) {
            if (!b->head) {
                if ((b->head = implied(b, "head", 0)) == NULL)
                    return n;
                append(b, b->head);
                push(b, b->head);
            } else if (b->depth == 1) {
                push(b, b->head); /* head content after </head> */
            }
        } else {
            open_body(b, 0);
        }
        if (b->stop)
            return n;
    }
    if (def)
        implied_ends(b, def);
    name = def ? def->name : NULL;
    if (!name && (name = att__arena_strndup(&b->t->arena, s + p, len)) != NULL)
        for (char *c = (char *)name; *c; c++)
            *c = (char)att__html_lower((unsigned char)*c);
    if (!name || (x = new_element(b, def, name)) == NULL) {
        if (!name)
            b->stop = ATT_ENOMEM;
        return n;
    }
    append(b, x);
    if (self || (x->tag & ATT_TAG_VOID))
        return q;
    if (x->kind == ATT_HK_FOREIGN) {
        /* skipped to the first </svg> (an <svg> inside an <svg> is rare) */
        size_t after;
        return raw_end(b, q, x->name, len, &after) == SIZE_MAX ? q : after;
    }
    if (x->tag & ATT_TAG_RAW) {
        size_t after, end = raw_end(b, q, x->name, len, &after);
        const char *type;
        if (end == SIZE_MAX)
            return q; /* never closed: it holds nothing */
        type = att__html_attr(x, ATT_HA_TYPE);
        if ((x->tag & ATT_TAG_REFS) ||
            (type && strlen(type) == 19 && ascii_ieq(type, "application/ld+json", 19))) {
            push(b, x);
            text_node(b, s + q, end - q, (x->tag & ATT_TAG_REFS) != 0);
            b->depth--;
        }
        return after;
    }
    push(b, x);
    return q;
}

/* Does the '<' at s[p] open markup (else it is text)? */
static int opens_markup(const char *s, size_t n, size_t p)
{
    unsigned char c = p + 1 < n ? (unsigned char)s[p + 1] : 0;
    return att__html_alpha(c) || c == '!' || c == '?' || (c == '/' && p + 2 < n);
}

/* An end tag whose name starts at s[p]; returns where parsing goes on. */
static size_t close_tag(builder *b, size_t p)
{
    size_t e = name_end(b->s, b->n, p), len = e - p, q;
    char low[TAG_NAME_MAX];
    const att__htag *def;
    att__hnode *x;
    int self;
    q = read_attrs(b, e, 0, &self);
    if (q == SIZE_MAX)
        return b->n;
    if (len >= TAG_NAME_MAX)
        return q; /* it matches no element we would have named */
    for (size_t i = 0; i < len; i++)
        low[i] = (char)att__html_lower((unsigned char)b->s[p + i]);
    low[len] = '\0';
    def = find_cached(b->tags, 0, low, len);
    b->nattr = 0;
    if (def && (def->kind == ATT_HK_HTML || def->kind == ATT_HK_BODY)) {
        /* what follows </body> or </html> is still the body's */
    } else if (def && def->kind == ATT_HK_HEAD) {
        if (b->head && !b->body)
            b->depth = 1;
    } else if (def && def->kind == ATT_HK_BR) {
        /* </br> is a <br>, as browsers read it */
        if (!b->body)
            open_body(b, 0);
        if (!b->stop && (x = new_element(b, def, def->name)) != NULL)
            append(b, x);
    } else if (!b->body) {
        /* nothing to close before the body */
    } else if (def && def->kind == ATT_HK_P) {
        /* </p> with no <p> open: an empty paragraph, as browsers make */
        if (!close_kind(b, ATT_HK_P, K_ROOTS | K(BUTTON), 1) &&
            (x = new_element(b, def, def->name)) != NULL)
            append(b, x);
    } else {
        end_tag(b, def, def ? def->name : low);
    }
    return q;
}

/* Markup at s[p] (opens_markup said so); returns where parsing goes on. */
static size_t markup(builder *b, size_t p)
{
    const char *s = b->s, *gt;
    size_t n = b->n;
    unsigned char c = (unsigned char)s[p + 1];
    if (att__html_alpha(c))
        return start_tag(b, p + 1);
    if (c == '/' && att__html_alpha((unsigned char)s[p + 2]))
        return close_tag(b, p + 2);
    if (c == '!' && p + 3 < n && s[p + 2] == '-' && s[p + 3] == '-') {
        /* a comment: <!-- ... -->, also <!--> and <!---> */
        size_t from = p + 4;
        const char *end;
        if (from < n && s[from] == '>')
            return from + 1;
        if (from + 1 < n && s[from] == '-' && s[from + 1] == '>')
            return from + 2;
        while ((end = memchr(s + from, '>', n - from)) != NULL) {
            size_t e = (size_t)(end - s);
            if (e >= p + 6 && s[e - 1] == '-' && s[e - 2] == '-')
                return e + 1;
            from = e + 1;
        }
        return n;
    }
    /* a doctype, <![CDATA[ ]]>, <?xml ?>, </>, </3>: up to the next '>' */
    gt = p + 2 < n ? memchr(s + p + 2, '>', n - p - 2) : NULL;
    return gt ? (size_t)(gt - s) + 1 : n;
}

int att__html_parse(const char *s, size_t n, att__htree *t)
{
    builder b;
    size_t i = 0, text = 0;
    memset(t, 0, sizeof(*t));
    memset(&b, 0, sizeof(b));
    att__arena_init(&t->arena);
    /* a reference decodes to at most 1.2 times its length ("&nLt;") */
    att__buf_init(&b.scratch, n < SIZE_MAX / 4 ? 2 * n + 64 : SIZE_MAX);
    b.memo = calloc(1, sizeof(*b.memo)); /* without one, cues cost more */
    b.t = t;
    b.s = s;
    b.n = n;
    if ((t->root = implied(&b, "html", 0)) == NULL)
        goto cleanup;
    push(&b, t->root);
    /* text runs from `text` to the next '<' that opens markup */
    while (i < n && !b.stop) {
        const char *lt = memchr(s + i, '<', n - i);
        size_t p = lt ? (size_t)(lt - s) : n;
        if (p == n || opens_markup(s, n, p)) {
            if (p > text)
                add_text(&b, s + text, p - text);
            if (p == n || b.stop)
                break;
            i = text = markup(&b, p);
        } else {
            i = p + 1;
        }
    }
cleanup:
    free(b.memo);
    free(b.stack);
    att__buf_free(&b.scratch);
    return b.stop == ATT_ENOMEM || !t->root ? ATT_ENOMEM : 0;
}

void att__html_tree_free(att__htree *t)
{
    if (!t)
        return;
    att__arena_free(&t->arena);
    memset(t, 0, sizeof(*t));
}

const char *att__html_attr(const att__hnode *el, unsigned id)
{
    for (uint32_t i = 0; i < el->nattr; i++)
        if (el->attr[i].id == id)
            return el->attr[i].value;
    return NULL;
}

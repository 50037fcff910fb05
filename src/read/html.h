/*
 * html.h - internals shared by the HTML reader's files (docs/html.md).
 *
 *   html.c          the reader: bytes -> UTF-8 -> tree -> document
 *   html_charset.c  which encoding a page is in, and decoding it to UTF-8
 *   html_parse.c    the tokenizer and tree builder: UTF-8 -> tree
 *   html_entities.c the named character references (generated)
 *   html_blocks.c   the visible text of the tree, cut into blocks
 *   html_extract.c  the main text: classes of blocks, the content subtree,
 *                   the kept paragraphs
 *   html_cues.c     the lexicon: tags and the class/id/role words that say
 *                   "content" or "page furniture"
 *   html_meta.c     title, date, author, canonical URL, site name, language
 *
 * The tree is our own (att__htree: nodes in one arena, tags and the
 * attributes the reader looks at resolved while parsing); nothing here
 * keeps global state.  Walks over the tree are iterative, so nesting depth
 * costs no stack.
 */
#ifndef ATT_HTML_H
#define ATT_HTML_H

#include <stdint.h>

#include "read.h"

/* ---- ASCII classes ------------------------------------------------------- */

/* As HTML has them (white space: space, tab, LF, FF, CR) and inline: a ctype
 * call a byte costs the hot loops dearly.  Bytes past ASCII are none. */
static inline int att__html_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

static inline int att__html_upper(unsigned char c)
{
    return (unsigned char)(c - 'A') < 26;
}

static inline int att__html_islower(unsigned char c)
{
    return (unsigned char)(c - 'a') < 26;
}

static inline int att__html_alpha(unsigned char c)
{
    return att__html_upper(c) || att__html_islower(c);
}

static inline int att__html_alnum(unsigned char c)
{
    return att__html_alpha(c) || (unsigned char)(c - '0') < 10;
}

static inline unsigned char att__html_lower(unsigned char c)
{
    return att__html_upper(c) ? (unsigned char)(c | 0x20) : c;
}

/* ---- charsets (html_charset.c) ------------------------------------------- */

#define ATT_CHARSET_MAX 40

/* Decides the encoding of a page: a byte-order mark wins, then valid UTF-8,
 * then the charset of content_type (an HTTP Content-Type value or just a
 * charset label, may be NULL), then <meta charset> / <meta http-equiv> / <?xml encoding?> near
 * the start, else windows-1252.  Writes the canonical name (upper case,
 * as iconv knows it) into name[ATT_CHARSET_MAX]; *bom gets the length of a
 * byte-order mark to skip.  Returns 1 when it found all of s valid UTF-8,
 * else 0. */
int att__html_charset(const char *s, size_t n, const char *content_type, char name[ATT_CHARSET_MAX],
                      size_t *bom);

/* What windows-1252 has at 0x80..0x9F (0 where it has nothing); also what
 * HTML reads &#128; to &#159; as. */
extern const unsigned short att__html_cp1252[32];

/* Decodes s[0..n) from charset into valid UTF-8 appended to out: bytes the
 * charset cannot decode and NUL bytes become U+FFFD.  Returns 0, or
 * ATT_ENOMEM when out would pass its maximum. */
int att__html_to_utf8(const char *s, size_t n, const char *charset, att_buf *out);

/* The page s[0..n) as valid UTF-8 without NUL bytes, in *page and *len:
 * s itself when it is that already (valid: s is known to be valid UTF-8),
 * else decoded into out (which must be empty) by att__html_to_utf8(),
 * whose return value it returns. */
int att__html_utf8_page(const char *s, size_t n, const char *charset, int valid, att_buf *out,
                        const char **page, size_t *len);

/* ---- the tree (html_parse.c) ------------------------------------------- */

/* The attributes the reader looks at; the parser keeps no others.  In the
 * order of their names (html_parse.c's attr_names). */
enum {
    ATT_HA_ARIA_HIDDEN,
    ATT_HA_CLASS,
    ATT_HA_CONTENT,
    ATT_HA_DATETIME,
    ATT_HA_HIDDEN,
    ATT_HA_HREF,
    ATT_HA_HTTP_EQUIV,
    ATT_HA_ID,
    ATT_HA_ITEMPROP,
    ATT_HA_LANG,
    ATT_HA_NAME,
    ATT_HA_PROPERTY,
    ATT_HA_PUBDATE,
    ATT_HA_REL,
    ATT_HA_ROLE,
    ATT_HA_STYLE,
    ATT_HA_TITLE,
    ATT_HA_TYPE,
    ATT_HA_XML_LANG,
    ATT_HA_COUNT
};

/* One kept attribute: which (ATT_HA_*) and its value, decoded UTF-8. */
typedef struct att__hattr {
    unsigned id;
    const char *value;
} att__hattr;

/* An element (name set) or a run of text (name NULL). */
typedef struct att__hnode att__hnode;
struct att__hnode {
    att__hnode *parent, *children, *next;
    const char *name; /* element: lower-case tag name */
    const char *text; /* text: its bytes, not NUL-terminated */
    uint32_t len;     /* text: how many */
    uint32_t nattr;
    att__hattr *attr;
    uint16_t tag; /* ATT_TAG_* of the name (0 for unknown tags) */
    uint8_t kind; /* ATT_HK_* */
    uint8_t cue;  /* ATT_CUE_*: what its attributes say (att__html_cues) */
};

/* A parsed page: a tree below an <html> element that is always there,
 * with <head> and <body> as a browser would imply them.  Everything lives
 * in the arena; text nodes point into the page the tree was parsed from,
 * which must outlive it. */
typedef struct att__htree {
    att__hnode *root;
    size_t nodes;
    att_arena arena;
} att__htree;

/* Parses s[0..n) (valid UTF-8) into t.  Never fails on malformed markup;
 * past ATT_HTML_MAX_NODES nodes the rest of the page is not read.
 * Returns 0 or ATT_ENOMEM; free t with att__html_tree_free() either way. */
#define ATT_HTML_MAX_NODES ((size_t)1 << 21)
int att__html_parse(const char *s, size_t n, att__htree *t);
void att__html_tree_free(att__htree *t);

/* The value of el's attribute id (ATT_HA_*), or NULL. */
const char *att__html_attr(const att__hnode *el, unsigned id);

/* Binary search of s[0..n) (any bytes) in a table of count entries of
 * size bytes each, sorted by byte order of the name each entry begins
 * with (a const char *); the entry, or NULL. */
const void *att__html_find_name(const void *table, size_t count, size_t size, const char *s,
                                size_t n);

/* The character reference at s[0..n) (s[0] is '&'): returns the bytes it
 * takes, 0 when it is none, and points *out at its UTF-8 (*outlen bytes;
 * in buf or in the entity table).  In an attribute (in_attr) a name
 * without ';' followed by a letter, digit or '=' stays as written
 * (href="?a=1&copy=2"). */
size_t att__html_char_ref(const char *s, size_t n, int in_attr, const char **out, size_t *outlen,
                          char buf[4]);

/* The named character references (html_entities.c). */
typedef struct att__hentity {
    const char *name; /* without ';' */
    const char *utf8; /* what it stands for */
    int legacy;       /* also read without ';' */
} att__hentity;
extern const att__hentity att__html_entities[];
extern const size_t att__html_nentities;

/* ---- tags and cues (html_cues.c) ---------------------------------------- */

/* What a tag is to the extractor. */
#define ATT_TAG_BLOCK 0x0001   /* starts and ends a text block */
#define ATT_TAG_DROP 0x0002    /* never text: script, style, form controls */
#define ATT_TAG_LINK 0x0004    /* <a>: its text is link text */
#define ATT_TAG_BR 0x0008      /* a line break inside a block */
#define ATT_TAG_PRE 0x0010     /* white space is kept */
#define ATT_TAG_HEADING 0x0020 /* h1-h6 */
#define ATT_TAG_NEG 0x0040     /* nav, aside, footer, menu: page furniture */
#define ATT_TAG_POS 0x0080     /* article, main */
#define ATT_TAG_SECTION 0x0100 /* div, section, article, td...: may hold an article */
#define ATT_TAG_INLINE 0x0200  /* span, b, em, font ...: known inline text */

/* What a tag is to the parser (html_parse.c). */
#define ATT_TAG_VOID 0x0400   /* no content, no end tag: br, img, meta ... */
#define ATT_TAG_RAW 0x0800    /* text up to its end tag, no markup: script, style, title */
#define ATT_TAG_REFS 0x1000   /* raw text whose character references count: title, textarea */
#define ATT_TAG_CLOSEP 0x2000 /* its start tag closes an open <p> */
#define ATT_TAG_HEADC 0x4000  /* goes into <head> while the body has not begun */
#define ATT_TAG_SCOPE 0x8000  /* end tags of other elements stop at it: table, td, object */

/* Tags the parser treats apart (the rest are ATT_HK_OTHER). */
enum {
    ATT_HK_OTHER,
    ATT_HK_HTML,
    ATT_HK_HEAD,
    ATT_HK_BODY,
    ATT_HK_P,
    ATT_HK_LI,
    ATT_HK_LIST, /* ul ol menu dir: where an <li> looks no further */
    ATT_HK_DTDD, /* dt dd */
    ATT_HK_DL,
    ATT_HK_TABLE,
    ATT_HK_TSECT, /* thead tbody tfoot */
    ATT_HK_TR,
    ATT_HK_CELL, /* td th */
    ATT_HK_OPTION,
    ATT_HK_FOREIGN, /* svg math: skipped whole */
    ATT_HK_BR,
    ATT_HK_BUTTON /* where a <p> start looks no further for an open <p> */
};

typedef struct att__htag {
    const char *name; /* lower case */
    unsigned flags;   /* ATT_TAG_* */
    unsigned kind;    /* ATT_HK_* */
} att__htag;

/* The tag named s[0..n) (lower case), or NULL when it is not one we know. */
const att__htag *att__html_tag_find(const char *s, size_t n);

/* The flags of a tag name (lower case); unknown tags are 0 (inline). */
unsigned att__html_tag(const char *name);

/* What the class, id, role and itemprop attributes of an element say. */
#define ATT_CUE_NEG 0x01    /* page furniture: nav, comment, share, related ... */
#define ATT_CUE_POS 0x02    /* content: article, content, entry, post ... */
#define ATT_CUE_STRONG 0x04 /* the article's body: articleBody, entry-content ... */
#define ATT_CUE_HIDDEN 0x08 /* not shown: display:none, hidden, sr-only */
#define ATT_CUE_META 0x10   /* date lines, bylines, tags, captions: furniture when small */

/* The cues of the class names, ids and their words a page has shown,
 * remembered while it is parsed: pages repeat theirs ("menu-item",
 * "menu-item-type-post_type").  Keys of up to 30 bytes. */
#define ATT_CUE_MEMO 1024
typedef struct att__hcue_slot {
    unsigned char len; /* of the key + 1; 0: empty */
    char key[31];
    unsigned flags;
} att__hcue_slot;
typedef struct att__hcue_memo {
    att__hcue_slot name[ATT_CUE_MEMO]; /* whole class names and ids */
    att__hcue_slot word[ATT_CUE_MEMO]; /* the words in them */
} att__hcue_memo;

/* What el's attributes say (ATT_CUE_*), with memo (may be NULL).  The
 * parser sets each element's cue with it. */
unsigned att__html_cues(const att__hnode *el, att__hcue_memo *memo);

/* Does the text s[0..n) open with a line that starts what comes after an
 * article ("Lesen Sie auch", "Related", "Comments", "Veja também")? */
int att__html_tail_marker(const char *s, size_t n);

/* The German and English function words ("der", "und", "the", "of") as a
 * set, made once per page by att__html_stops_init(). */
#define ATT_HSTOPS 512
typedef struct att__hstops {
    uint64_t slot[ATT_HSTOPS];
} att__hstops;
void att__html_stops_init(att__hstops *st);

/* How many function words s[0..n) has: running text has many, menus and
 * labels few. */
unsigned att__html_stopwords(const att__hstops *st, const char *s, size_t n);

/* Is s[0..n) a picture's caption or credit ("Foto: dpa", "... © Getty",
 * "... (mlharing / iStock.com)")? */
int att__html_credit_line(const char *s, size_t n);

/* ---- blocks (html_blocks.c) ----------------------------------------------- */

#define ATT_HTML_NONE UINT32_MAX

/* An element the walk went into.  The first fields are the walk's; the
 * rest are the extractor's scratch (html_extract.c). */
typedef struct att__helem {
    const att__hnode *node;
    uint32_t parent;  /* index, ATT_HTML_NONE for the root */
    uint32_t prevblk; /* the block element open before this one */
    uint32_t b0, b1;  /* the blocks it holds: [b0, b1) */
    uint32_t depth;
    unsigned tag; /* ATT_TAG_* */
    unsigned cue; /* ATT_CUE_* */
    int flushes;  /* a block boundary at its start and end */
    /* extractor */
    int furn;             /* page furniture */
    int cued;             /* 2: inside a body cue, 1: inside a content cue */
    int32_t fdepth;       /* depth of the deepest furniture ancestor-or-self, or -1 */
    double fval;          /* value of the furniture within */
    uint64_t fchr, fgood; /* its characters, its good characters */
} att__helem;

/* A run of visible text between two block boundaries. */
typedef struct att__hblock {
    uint32_t a, b;  /* bytes of the page's text: [a, b) */
    uint32_t elem;  /* the innermost block element holding it */
    uint32_t chars; /* characters that are not white space */
    uint32_t link;  /* of which inside links */
    uint32_t words;
    /* extractor */
    uint32_t stop;     /* function words */
    uint8_t cls;       /* good, bad, short */
    uint8_t furniture; /* inside furniture within the content subtree */
    uint8_t keep;
} att__hblock;

/* The visible text of a tree, cut into blocks, and the elements that hold
 * them in document order (an element's descendants follow it). */
typedef struct att__hpage {
    att__helem *el;
    size_t nel, cel;
    att__hblock *bl;
    size_t nbl, cbl;
    att_buf text; /* the blocks' text, back to back */
} att__hpage;

#define ATT_HTML_SKIP_ROOT 0x01   /* walk root's children, not root */
#define ATT_HTML_SHOW_HIDDEN 0x02 /* hidden elements are read too */

/* Walks the tree below root (flags ATT_HTML_*) and fills pg, keeping at
 * most max bytes of text (more is not read: the walk stops).  Returns 0 or
 * ATT_ENOMEM.  Free with att__html_page_free(). */
int att__html_blocks(const att__hnode *root, unsigned flags, size_t max, att__hpage *pg);
void att__html_page_free(att__hpage *pg);

/* Writes the text of el (its children's, so <title> works too), white space
 * collapsed, blocks joined by one blank, into out[max], cut at a character
 * boundary. */
void att__html_node_text(const att__hnode *el, char *out, size_t max);

/* ---- extraction (html_extract.c) ---------------------------------------- */

typedef struct att__html_stats {
    size_t elements; /* elements walked */
    size_t blocks;   /* text blocks found */
    size_t kept;     /* blocks kept */
    size_t chars;    /* visible characters on the page */
} att__html_stats;

/* Appends the main text of the page below root to out: paragraphs (headings,
 * paragraphs, list items, quotes, cells) separated by blank lines, in
 * document order; valid UTF-8 when the tree's text is.  title (may be NULL)
 * is the page's title: its headline is left out of the text.  flags are
 * att__html_blocks()'s.  Returns 0 or ATT_ENOMEM. */
int att__html_extract(const att__hnode *root, const char *title, unsigned flags, att_buf *out,
                      att__html_stats *st);

/* ---- metadata (html_meta.c) ---------------------------------------------- */

typedef struct att__html_meta {
    char title[512];
    char published[40]; /* ISO 8601 as att__date_parse reads it, or "" */
    char author[256];
    char url[1024]; /* canonical URL */
    char sitename[256];
    char lang[16]; /* lower-case primary subtag: "de", "en" */
    char description[512];
    char date_source[24]; /* which signal gave the date */
} att__html_meta;

/* Reads the page's metadata from the tree; page_url (may be NULL) is where
 * the page came from, used for a date in its path when the page names none. */
void att__html_meta_read(const att__htree *t, const char *page_url, att__html_meta *m);

/* Writes a date found in free text s[0..n) ("2024-04-17T10:00:00+0200",
 * "17.04.2024", "April 17, 2024", "17. April 2024") as ISO 8601 into
 * out[40]; returns 0 when there is none. */
int att__html_date(const char *s, size_t n, char out[40]);

#endif

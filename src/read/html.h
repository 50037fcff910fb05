/*
 * html.h - internals shared by the HTML reader's files (docs/html.md).
 *
 *   html.c          the reader: bytes -> UTF-8 -> libxml2 tree -> document
 *   html_charset.c  which encoding a page is in, and decoding it to UTF-8
 *   html_blocks.c   the visible text of the tree, cut into blocks
 *   html_extract.c  the main text: classes of blocks, the content subtree,
 *                   the kept paragraphs
 *   html_cues.c     the lexicon: tags and the class/id/role words that say
 *                   "content" or "page furniture"
 *   html_meta.c     title, date, author, canonical URL, site name, language
 *
 * The tree is libxml2's (htmlReadMemory); nothing here keeps global state.
 * Walks over the tree are iterative, so nesting depth costs no stack.
 */
#ifndef ATT_HTML_H
#define ATT_HTML_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "read.h"

/* ---- charsets (html_charset.c) ------------------------------------------- */

#define ATT_CHARSET_MAX 40

/* Decides the encoding of a page: a byte-order mark wins, then valid UTF-8,
 * then the charset of content_type (an HTTP Content-Type value or just a
 * charset label, may be NULL), then <meta charset> / <meta http-equiv> / <?xml encoding?> near
 * the start, else windows-1252.  Writes the canonical name (upper case,
 * as iconv knows it) into name[ATT_CHARSET_MAX]; *bom gets the length of a
 * byte-order mark to skip. */
void att__html_charset(const char *s, size_t n, const char *content_type,
                       char name[ATT_CHARSET_MAX], size_t *bom);

/* Decodes s[0..n) from charset into valid UTF-8 appended to out: bytes the
 * charset cannot decode and NUL bytes become U+FFFD.  Returns 0, or
 * ATT_ENOMEM when out would pass its maximum. */
int att__html_to_utf8(const char *s, size_t n, const char *charset, att_buf *out);

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

/* The flags of a tag name (lower case, as libxml2 gives it); unknown tags
 * are 0 (inline). */
unsigned att__html_tag(const char *name);

/* What the class, id, role and itemprop attributes of an element say. */
#define ATT_CUE_NEG 0x01    /* page furniture: nav, comment, share, related ... */
#define ATT_CUE_POS 0x02    /* content: article, content, entry, post ... */
#define ATT_CUE_STRONG 0x04 /* the article's body: articleBody, entry-content ... */
#define ATT_CUE_HIDDEN 0x08 /* not shown: display:none, hidden, sr-only */
#define ATT_CUE_META 0x10   /* date lines, bylines, tags, captions: furniture when small */
unsigned att__html_cues(xmlNode *el);
/* Is el hidden (ATT_CUE_HIDDEN alone, cheaper)? */
int att__html_hidden(xmlNode *el);

/* Does the text s[0..n) open with a line that starts what comes after an
 * article ("Lesen Sie auch", "Related", "Comments", "Veja também")? */
int att__html_tail_marker(const char *s, size_t n);

/* How many German and English function words s[0..n) has ("der", "und",
 * "the", "of"): running text has many, menus and labels few. */
unsigned att__html_stopwords(const char *s, size_t n);

/* Is s[0..n) a picture's caption or credit ("Foto: dpa", "... © Getty")? */
int att__html_credit_line(const char *s, size_t n);

/* ---- blocks (html_blocks.c) ----------------------------------------------- */

#define ATT_HTML_NONE UINT32_MAX

/* An element the walk went into.  The first fields are the walk's; the
 * rest are the extractor's scratch (html_extract.c). */
typedef struct att__helem {
    xmlNode *node;
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
int att__html_blocks(xmlNode *root, unsigned flags, size_t max, att__hpage *pg);
void att__html_page_free(att__hpage *pg);

/* Writes the text of el (its children's, so <title> works too), white space
 * collapsed, blocks joined by one blank, into out[max], cut at a character
 * boundary. */
void att__html_node_text(xmlNode *el, char *out, size_t max);

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
int att__html_extract(xmlNode *root, const char *title, unsigned flags, att_buf *out,
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
void att__html_meta_read(xmlDoc *doc, const char *page_url, att__html_meta *m);

/* Writes a date found in free text s[0..n) ("2024-04-17T10:00:00+0200",
 * "17.04.2024", "April 17, 2024", "17. April 2024") as ISO 8601 into
 * out[40]; returns 0 when there is none. */
int att__html_date(const char *s, size_t n, char out[40]);

#endif

/*
 * html_cues.c - the extractor's lexicon: what tags are, what the words in
 * class, id, role and itemprop attributes say about an element, and the
 * few lines of text that are page furniture whatever their markup.
 *
 * Tags: one sorted table (binary search): block or inline, never text
 * (script, style, form controls), headings, page furniture (nav, aside,
 * footer, form), content (article, main), sectioning (may hold an article).
 *
 * Cues: class and id values are cut into names at blanks and into words at
 * every other non-alphanumeric byte and at camelCase humps ("postFooter" ->
 * post, footer), lower-cased, and each word is looked up in one table: a
 * word either must match whole ("ad", "nav") or may begin a longer word
 * ("comment" matches "comments", "commentlist").  Within one name a word
 * of furniture beats a word of content ("post-comments", "entry-footer",
 * "article-related"), except that "header" after a content word is the
 * article's own header ("entry-header"), which holds the headline.  Across
 * the names of one element content wins: WordPress writes <article
 * class="post hentry category-news comments-open">.  A content word
 * followed by a body word ("article-body", "entry-content", "story-text")
 * is the strong cue of the article's body.  Bylines, dates, tags and
 * captions are a cue of their own (META): furniture only while small.
 * Page builders call every piece of a page a widget ("elementor-widget-
 * text-editor"), so "widget" says nothing in their names.  Whole class
 * values (hidden, sr-only), hidden/aria-hidden attributes and inline
 * display:none hide an element.
 *
 * Text: tail markers ("Lesen Sie auch", "Related", "Veja também"), caption
 * and credit lines ("Foto: dpa", "... © Getty"), and German and English
 * function words, which tell running text from labels.  The extractor
 * decides what all of this is worth (html_extract.c).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

#define B ATT_TAG_BLOCK
#define S ATT_TAG_SECTION
#define I ATT_TAG_INLINE
#define V ATT_TAG_VOID
#define R ATT_TAG_RAW
#define P ATT_TAG_CLOSEP
#define H ATT_TAG_HEADC
/* sorted by name: att__html_tag_find() searches it */
static const att__htag tags[] = {
    {"a", ATT_TAG_LINK, ATT_HK_OTHER},
    {"abbr", I, ATT_HK_OTHER},
    {"address", B | P, ATT_HK_OTHER},
    {"applet", ATT_TAG_DROP | ATT_TAG_SCOPE, ATT_HK_OTHER},
    {"area", ATT_TAG_DROP | V, ATT_HK_OTHER},
    {"article", B | S | ATT_TAG_POS | P, ATT_HK_OTHER},
    {"aside", B | S | ATT_TAG_NEG | P, ATT_HK_OTHER},
    {"audio", ATT_TAG_DROP, ATT_HK_OTHER},
    {"b", I, ATT_HK_OTHER},
    {"base", ATT_TAG_DROP | V | H, ATT_HK_OTHER},
    {"basefont", ATT_TAG_DROP | V | H, ATT_HK_OTHER},
    {"bdi", I, ATT_HK_OTHER},
    {"bdo", I, ATT_HK_OTHER},
    {"bgsound", ATT_TAG_DROP | V | H, ATT_HK_OTHER},
    {"big", I, ATT_HK_OTHER},
    {"blockquote", B | S | P, ATT_HK_OTHER},
    {"body", B | S, ATT_HK_BODY},
    {"br", ATT_TAG_BR | V, ATT_HK_BR},
    {"button", ATT_TAG_DROP, ATT_HK_BUTTON},
    {"canvas", ATT_TAG_DROP, ATT_HK_OTHER},
    {"caption", B | ATT_TAG_SCOPE, ATT_HK_OTHER},
    {"center", B | S | P, ATT_HK_OTHER},
    {"cite", I, ATT_HK_OTHER},
    {"code", I, ATT_HK_OTHER},
    {"col", ATT_TAG_DROP | V, ATT_HK_OTHER},
    {"colgroup", ATT_TAG_DROP, ATT_HK_OTHER},
    {"data", I, ATT_HK_OTHER},
    {"datalist", ATT_TAG_DROP, ATT_HK_OTHER},
    {"dd", B | P, ATT_HK_DTDD},
    {"del", ATT_TAG_DROP, ATT_HK_OTHER},
    {"details", B | S | P, ATT_HK_OTHER},
    {"dfn", I, ATT_HK_OTHER},
    {"dialog", ATT_TAG_DROP | P, ATT_HK_OTHER},
    {"dir", B | P, ATT_HK_LIST},
    {"div", B | S | P, ATT_HK_OTHER},
    {"dl", B | P, ATT_HK_DL},
    {"dt", B | P, ATT_HK_DTDD},
    {"em", I, ATT_HK_OTHER},
    {"embed", ATT_TAG_DROP | V, ATT_HK_OTHER},
    {"fieldset", B | P, ATT_HK_OTHER},
    {"figcaption", ATT_TAG_DROP | P, ATT_HK_OTHER},
    {"figure", B | P, ATT_HK_OTHER},
    {"font", I, ATT_HK_OTHER},
    {"footer", B | S | ATT_TAG_NEG | P, ATT_HK_OTHER},
    {"form", B | S | ATT_TAG_NEG | P, ATT_HK_OTHER},
    {"frame", ATT_TAG_DROP | V, ATT_HK_OTHER},
    {"frameset", ATT_TAG_DROP, ATT_HK_OTHER},
    {"h1", B | ATT_TAG_HEADING | P, ATT_HK_OTHER},
    {"h2", B | ATT_TAG_HEADING | P, ATT_HK_OTHER},
    {"h3", B | ATT_TAG_HEADING | P, ATT_HK_OTHER},
    {"h4", B | ATT_TAG_HEADING | P, ATT_HK_OTHER},
    {"h5", B | ATT_TAG_HEADING | P, ATT_HK_OTHER},
    {"h6", B | ATT_TAG_HEADING | P, ATT_HK_OTHER},
    {"head", ATT_TAG_DROP, ATT_HK_HEAD},
    {"header", B | S | P, ATT_HK_OTHER},
    {"hgroup", B | P, ATT_HK_OTHER},
    {"hr", B | V | P, ATT_HK_OTHER},
    {"html", B | S | ATT_TAG_SCOPE, ATT_HK_HTML},
    {"i", I, ATT_HK_OTHER},
    {"iframe", ATT_TAG_DROP | R, ATT_HK_OTHER},
    {"image", ATT_TAG_DROP | V, ATT_HK_OTHER},
    {"img", ATT_TAG_DROP | V, ATT_HK_OTHER},
    {"input", ATT_TAG_DROP | V, ATT_HK_OTHER},
    {"ins", I, ATT_HK_OTHER},
    {"kbd", I, ATT_HK_OTHER},
    {"keygen", ATT_TAG_DROP | V, ATT_HK_OTHER},
    {"label", I, ATT_HK_OTHER},
    {"legend", B, ATT_HK_OTHER},
    {"li", B | P, ATT_HK_LI},
    {"link", ATT_TAG_DROP | V | H, ATT_HK_OTHER},
    {"listing", B | ATT_TAG_PRE | P, ATT_HK_OTHER},
    {"main", B | S | ATT_TAG_POS | P, ATT_HK_OTHER},
    {"map", ATT_TAG_DROP, ATT_HK_OTHER},
    {"mark", I, ATT_HK_OTHER},
    {"marquee", I | ATT_TAG_SCOPE, ATT_HK_OTHER},
    {"math", ATT_TAG_DROP, ATT_HK_FOREIGN},
    {"menu", B | ATT_TAG_NEG | P, ATT_HK_LIST},
    {"meta", ATT_TAG_DROP | V | H, ATT_HK_OTHER},
    {"meter", ATT_TAG_DROP, ATT_HK_OTHER},
    {"nav", B | S | ATT_TAG_NEG | P, ATT_HK_OTHER},
    {"nobr", I, ATT_HK_OTHER},
    {"noembed", ATT_TAG_DROP | R, ATT_HK_OTHER},
    {"noframes", ATT_TAG_DROP | R | H, ATT_HK_OTHER},
    {"noscript", B | S | ATT_TAG_NEG | H, ATT_HK_OTHER},
    {"object", ATT_TAG_DROP | ATT_TAG_SCOPE, ATT_HK_OTHER},
    {"ol", B | P, ATT_HK_LIST},
    {"optgroup", ATT_TAG_DROP, ATT_HK_OPTION},
    {"option", ATT_TAG_DROP, ATT_HK_OPTION},
    {"output", I, ATT_HK_OTHER},
    {"p", B | P, ATT_HK_P},
    {"param", ATT_TAG_DROP | V, ATT_HK_OTHER},
    {"picture", ATT_TAG_DROP, ATT_HK_OTHER},
    {"plaintext", ATT_TAG_DROP | R | P, ATT_HK_OTHER},
    {"pre", B | ATT_TAG_PRE | P, ATT_HK_OTHER},
    {"progress", ATT_TAG_DROP, ATT_HK_OTHER},
    {"q", I, ATT_HK_OTHER},
    {"rp", ATT_TAG_DROP, ATT_HK_OTHER},
    {"rt", ATT_TAG_DROP, ATT_HK_OTHER},
    {"ruby", I, ATT_HK_OTHER},
    {"s", I, ATT_HK_OTHER},
    {"samp", I, ATT_HK_OTHER},
    {"script", ATT_TAG_DROP | R | H, ATT_HK_OTHER},
    {"section", B | S | P, ATT_HK_OTHER},
    {"select", ATT_TAG_DROP, ATT_HK_OTHER},
    {"small", I, ATT_HK_OTHER},
    {"source", ATT_TAG_DROP | V, ATT_HK_OTHER},
    {"span", I, ATT_HK_OTHER},
    {"strike", I, ATT_HK_OTHER},
    {"strong", I, ATT_HK_OTHER},
    {"style", ATT_TAG_DROP | R | H, ATT_HK_OTHER},
    {"sub", I, ATT_HK_OTHER},
    {"summary", B | P, ATT_HK_OTHER},
    {"sup", I, ATT_HK_OTHER},
    {"svg", ATT_TAG_DROP, ATT_HK_FOREIGN},
    {"table", B | S | P | ATT_TAG_SCOPE, ATT_HK_TABLE},
    {"tbody", B, ATT_HK_TSECT},
    {"td", B | S | ATT_TAG_SCOPE, ATT_HK_CELL},
    {"template", ATT_TAG_DROP | H | ATT_TAG_SCOPE, ATT_HK_OTHER},
    {"textarea", ATT_TAG_DROP | R | ATT_TAG_REFS, ATT_HK_OTHER},
    {"tfoot", B, ATT_HK_TSECT},
    {"th", B | ATT_TAG_SCOPE, ATT_HK_CELL},
    {"thead", B, ATT_HK_TSECT},
    {"time", I, ATT_HK_OTHER},
    {"title", ATT_TAG_DROP | R | ATT_TAG_REFS | H, ATT_HK_OTHER},
    {"tr", B, ATT_HK_TR},
    {"track", ATT_TAG_DROP | V, ATT_HK_OTHER},
    {"tt", I, ATT_HK_OTHER},
    {"u", I, ATT_HK_OTHER},
    {"ul", B | P, ATT_HK_LIST},
    {"var", I, ATT_HK_OTHER},
    {"video", ATT_TAG_DROP, ATT_HK_OTHER},
    {"wbr", I | V, ATT_HK_OTHER},
    {"xmp", ATT_TAG_DROP | R | P, ATT_HK_OTHER},
};
#undef B
#undef S
#undef I
#undef V
#undef R
#undef P
#undef H

const att__htag *att__html_tag_find(const char *s, size_t n)
{
    return att__html_find_name(tags, ATT_ARRAY_LEN(tags), sizeof(tags[0]), s, n);
}

unsigned att__html_tag(const char *name)
{
    const att__htag *t = name ? att__html_tag_find(name, strlen(name)) : NULL;
    return t ? t->flags : 0;
}

/* ---- class and id words ------------------------------------------------- */

#define W_NEG ATT_CUE_NEG       /* page furniture, reader comments */
#define W_POS ATT_CUE_POS       /* content */
#define W_META ATT_CUE_META     /* lines about the article rather than of it */
#define W_STRONG ATT_CUE_STRONG /* the article's body whole ("articlebody") */
#define W_BODY 0x100            /* body, content, text: strong after a content word */
#define W_HEADER 0x200          /* header: furniture unless next to a content word */
#define W_EXACT 0x400           /* the word must match whole, not as a prefix */

/* Sorted by name (lookup_word() searches it).  Where one word begins
 * another, the longer one is what a class word matches ("articlebody"
 * rather than "article"). */
static const struct cueword {
    const char *word;
    unsigned flags;
} words[] = {
    {"ad", W_NEG | W_EXACT},
    {"addthis", W_NEG},
    {"addtoany", W_NEG},
    {"ads", W_NEG | W_EXACT},
    {"adsense", W_NEG},
    {"adslot", W_NEG},
    {"advert", W_NEG},
    {"anzeige", W_NEG},
    {"article", W_POS},
    {"articlebody", W_POS | W_STRONG | W_EXACT},
    {"articlecontent", W_POS | W_STRONG | W_EXACT},
    {"articletext", W_POS | W_STRONG | W_EXACT},
    {"artikel", W_POS},
    {"artikeltext", W_POS | W_STRONG | W_EXACT},
    {"author", W_META},
    {"banner", W_NEG},
    {"beitrag", W_POS},
    {"blog", W_POS},
    {"body", W_BODY | W_EXACT},
    {"bodytext", W_POS | W_STRONG | W_EXACT},
    {"bookmark", W_NEG},
    {"breadcrumb", W_NEG},
    {"btn", W_NEG | W_EXACT},
    {"button", W_NEG},
    {"byline", W_META},
    {"caption", W_META},
    {"carousel", W_NEG},
    {"categories", W_META},
    {"category", W_META | W_EXACT},
    {"cmp", W_NEG | W_EXACT},
    {"comment", W_NEG},
    {"consent", W_NEG},
    {"content", W_POS | W_BODY},
    {"cookie", W_NEG},
    {"copy", W_BODY | W_EXACT},
    {"copyright", W_NEG},
    {"credit", W_META},
    {"date", W_META | W_EXACT},
    {"dateline", W_META},
    {"dfp", W_NEG | W_EXACT},
    {"disqus", W_NEG},
    {"dropdown", W_NEG},
    {"empfehlung", W_NEG},
    {"entry", W_POS | W_BODY},
    {"entrycontent", W_POS | W_STRONG | W_EXACT},
    {"foot", W_NEG | W_EXACT},
    {"footer", W_NEG},
    {"forum", W_NEG},
    {"gdpr", W_NEG},
    {"header", W_HEADER | W_EXACT},
    {"hentry", W_POS | W_EXACT},
    {"impressum", W_NEG},
    {"inhalt", W_POS | W_BODY},
    {"jump", W_NEG | W_EXACT},
    {"kommentar", W_NEG},
    {"ligatus", W_NEG},
    {"login", W_NEG},
    {"main", W_POS},
    {"masthead", W_NEG},
    {"menu", W_NEG},
    {"meta", W_META | W_EXACT},
    {"modal", W_NEG},
    {"nav", W_NEG},
    {"newsletter", W_NEG},
    {"outbrain", W_NEG},
    {"overlay", W_NEG},
    {"pager", W_NEG},
    {"pagination", W_NEG},
    {"paging", W_NEG},
    {"plista", W_NEG},
    {"popular", W_NEG},
    {"popup", W_NEG},
    {"post", W_POS | W_EXACT},
    {"postbody", W_POS | ATT_CUE_STRONG},
    {"postcontent", W_POS | ATT_CUE_STRONG},
    {"posted", W_META | W_EXACT},
    {"postentry", W_POS | W_STRONG | W_EXACT},
    {"posttext", W_POS | W_STRONG | W_EXACT},
    {"print", W_NEG | W_EXACT},
    {"promo", W_NEG},
    {"prose", W_POS},
    {"rail", W_NEG | W_EXACT},
    {"rating", W_NEG},
    {"recommend", W_NEG},
    {"related", W_NEG},
    {"reply", W_NEG},
    {"respond", W_NEG},
    {"richtext", W_POS | W_EXACT},
    {"rte", W_POS | W_EXACT},
    {"search", W_NEG},
    {"share", W_NEG},
    {"shariff", W_NEG},
    {"sharing", W_NEG},
    {"sidebar", W_NEG},
    {"signup", W_NEG},
    {"skip", W_NEG},
    {"sociable", W_NEG},
    {"social", W_NEG},
    {"sponsor", W_NEG},
    {"story", W_POS},
    {"storybody", W_POS | W_STRONG | W_EXACT},
    {"storycontent", W_POS | W_STRONG | W_EXACT},
    {"storytext", W_POS | W_STRONG | W_EXACT},
    {"subscri", W_NEG},
    {"taboola", W_NEG},
    {"tag", W_META | W_EXACT},
    {"tagcloud", W_META},
    {"tags", W_META | W_EXACT},
    {"text", W_POS | W_BODY | W_EXACT},
    {"timestamp", W_META},
    {"toolbar", W_NEG},
    {"topbar", W_NEG},
    {"trending", W_NEG},
    {"werbung", W_NEG},
    {"widget", W_NEG},
};

/* Page builders, whose "widgets" are any piece of a page:
 * "elementor-widget-text-editor" holds the article's text. */
static const char *const builders[] = {
    "elementor", "et", "vc", "wpb", "fusion", "siteorigin", "so",
    "fl",        "av", "kc", "tve", "brxe",   "wp",
};

/* Whole class values that hide an element. */
static const char *const hidden_classes[] = {
    "hidden",          "hide",           "sr-only",           "screen-reader-text",
    "visually-hidden", "visuallyhidden", "element-invisible", "offscreen",
    "d-none",          "invisible",      "is-hidden",         "u-hidden",
};

/* role="..." values. */
static const struct {
    const char *role;
    unsigned cue;
} roles[] = {
    {"article", ATT_CUE_POS}, {"main", ATT_CUE_POS},        {"navigation", ATT_CUE_NEG},
    {"banner", ATT_CUE_NEG},  {"contentinfo", ATT_CUE_NEG}, {"complementary", ATT_CUE_NEG},
    {"search", ATT_CUE_NEG},  {"menu", ATT_CUE_NEG},        {"menubar", ATT_CUE_NEG},
    {"toolbar", ATT_CUE_NEG}, {"dialog", ATT_CUE_NEG},      {"alertdialog", ATT_CUE_NEG},
};

/* How much of word (NUL-terminated) begins w[0..n): its length when all of
 * it does, else 0. */
static size_t prefix_of(const char *word, const char *w, size_t n)
{
    size_t k = 0;
    while (k < n && word[k] && word[k] == w[k])
        k++;
    return word[k] ? 0 : k;
}

static unsigned lookup_word(const char *w, size_t n)
{
    size_t lo = 0, hi = ATT_ARRAY_LEN(words);
    if (n == 0)
        return 0;
    /* lo: the first word that sorts after w; the words that begin w sort
     * before it, with the same first letter, the longer ones later */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(words[mid].word, w, n);
        if (c < 0 || (c == 0 && !words[mid].word[n]))
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i-- > 0 && words[i].word[0] == w[0];) {
        size_t k = prefix_of(words[i].word, w, n);
        if (k && (k == n || !(words[i].flags & W_EXACT)))
            return words[i].flags;
    }
    return 0;
}

/* The slot of key s[0..n) in a memo table, or NULL when the key is too
 * long to remember; *hit says the slot holds it (else the caller fills
 * it: len, key, flags). */
static att__hcue_slot *memo_slot(att__hcue_slot *tab, const char *s, size_t n, int *hit)
{
    uint32_t h = 2166136261u;
    att__hcue_slot *slot;
    *hit = 0;
    if (n >= sizeof(tab[0].key))
        return NULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    slot = &tab[h & (ATT_CUE_MEMO - 1)];
    *hit = slot->len == n + 1 && memcmp(slot->key, s, n) == 0;
    if (!*hit) {
        slot->len = (unsigned char)(n + 1);
        memcpy(slot->key, s, n);
    }
    return slot;
}

/* lookup_word(), remembered in memo (may be NULL). */
static unsigned word_flags(const char *w, size_t n, att__hcue_memo *memo)
{
    int hit;
    att__hcue_slot *slot = memo ? memo_slot(memo->word, w, n, &hit) : NULL;
    if (!slot)
        return lookup_word(w, n);
    return hit ? slot->flags : (slot->flags = lookup_word(w, n));
}

/* The cues of one class name or id ("entry-content", "postFooter"). */
static unsigned item_cues(const char *v, size_t len, att__hcue_memo *memo)
{
    char w[64];
    size_t n = 0;
    unsigned all = 0, prev = 0, header = 0;
    int pos_before = 0;
    int builder = 0;
    for (size_t k = 0; k < ATT_ARRAY_LEN(builders) && len > 0; k++) {
        size_t bl;
        if (builders[k][0] != tolower((unsigned char)v[0]))
            continue;
        bl = strlen(builders[k]);
        if (len > bl && strncasecmp(v, builders[k], bl) == 0 && (v[bl] == '-' || v[bl] == '_'))
            builder = 1;
    }
    for (size_t i = 0; i <= len; i++) {
        unsigned char c = i < len ? (unsigned char)v[i] : ' ';
        int split = !att__html_alnum(c) || (n > 0 && att__html_upper(c) && i > 0 &&
                                            att__html_islower((unsigned char)v[i - 1]));
        if (split && n > 0) {
            unsigned f = word_flags(w, n, memo);
            if (builder && n == 6 && memcmp(w, "widget", 6) == 0)
                f = 0; /* a page builder's widget is any piece of the page */
            if ((f & W_BODY) && (prev & ATT_CUE_POS))
                f |= ATT_CUE_STRONG | ATT_CUE_POS;
            if (f & W_HEADER)
                header = 1;
            if (f & ATT_CUE_POS)
                pos_before = 1;
            all |= f;
            prev = f;
            n = 0;
        }
        if (att__html_alnum(c) && n < sizeof(w))
            w[n++] = (char)att__html_lower(c);
    }
    if (header && !pos_before)
        all |= ATT_CUE_NEG;
    if (all & (ATT_CUE_NEG | ATT_CUE_META))
        all &= ~(unsigned)(ATT_CUE_POS | ATT_CUE_STRONG); /* "post-comments", "entry-footer" */
    return all & 0xFF;
}

static int hidden_style(const char *st)
{
    char buf[256];
    size_t j = 0;
    if (!st)
        return 0;
    for (size_t i = 0; st[i] && j + 1 < sizeof(buf); i++)
        if (!isspace((unsigned char)st[i]))
            buf[j++] = (char)tolower((unsigned char)st[i]);
    buf[j] = '\0';
    return strstr(buf, "display:none") != NULL || strstr(buf, "visibility:hidden") != NULL;
}

#define N_HIDES 0x100 /* the name alone hides the element ("sr-only") */

/* The cues of one class name or id and whether it hides (N_HIDES),
 * remembered in memo (may be NULL). */
static unsigned name_cues(const char *v, size_t len, att__hcue_memo *memo)
{
    int hit;
    att__hcue_slot *slot = memo ? memo_slot(memo->name, v, len, &hit) : NULL;
    unsigned f;
    if (slot && hit)
        return slot->flags;
    f = item_cues(v, len, memo);
    for (size_t i = 0; i < ATT_ARRAY_LEN(hidden_classes); i++)
        if (strlen(hidden_classes[i]) == len && strncasecmp(v, hidden_classes[i], len) == 0)
            f |= N_HIDES;
    if (slot)
        slot->flags = f;
    return f;
}

/* Adds the cues of a class or id value (its first 512 bytes), name by name,
 * to *neg (names of furniture) and *pos (names of content); returns
 * ATT_CUE_HIDDEN when a name hides the element. */
static unsigned value_cues(const char *v, unsigned *neg, unsigned *pos, att__hcue_memo *memo)
{
    size_t len = strlen(v);
    unsigned hides = 0;
    if (len > 512)
        len = 512;
    for (size_t i = 0; i < len;) {
        size_t k = i;
        unsigned f;
        while (k < len && !att__html_space((unsigned char)v[k]))
            k++;
        f = k > i ? name_cues(v + i, k - i, memo) : 0;
        hides |= f & N_HIDES;
        f &= 0xFF;
        if (f & (ATT_CUE_NEG | ATT_CUE_META))
            *neg |= f;
        else
            *pos |= f;
        i = k + 1;
    }
    return hides ? ATT_CUE_HIDDEN : 0;
}

unsigned att__html_cues(const att__hnode *el, att__hcue_memo *memo)
{
    unsigned cue = 0, neg = 0, pos = 0;
    for (uint32_t i = 0; i < el->nattr; i++) {
        unsigned id = el->attr[i].id;
        const char *v = el->attr[i].value;
        if (id == ATT_HA_CLASS) {
            cue |= value_cues(v, &neg, &pos, memo);
        } else if (id == ATT_HA_ID) {
            value_cues(v, &neg, &pos, memo);
        } else if (id == ATT_HA_ROLE) {
            for (size_t k = 0; k < ATT_ARRAY_LEN(roles); k++)
                if (strcasecmp(v, roles[k].role) == 0)
                    cue |= roles[k].cue;
        } else if (id == ATT_HA_ITEMPROP) {
            if (strcasecmp(v, "articleBody") == 0 || strcasecmp(v, "reviewBody") == 0)
                cue |= ATT_CUE_POS | ATT_CUE_STRONG;
        } else if (id == ATT_HA_STYLE) {
            if (hidden_style(v))
                cue |= ATT_CUE_HIDDEN;
        } else if (id == ATT_HA_HIDDEN) {
            cue |= ATT_CUE_HIDDEN;
        } else if (id == ATT_HA_ARIA_HIDDEN && strcasecmp(v, "true") == 0) {
            cue |= ATT_CUE_HIDDEN;
        }
    }
    /* a name of content beats a name of furniture on the same element:
     * <article class="post hentry category-news comments-open"> */
    return cue | (pos & (ATT_CUE_POS | ATT_CUE_STRONG) ? pos : neg);
}

/* ---- tail markers --------------------------------------------------------- */

/* Lines that open what comes after an article: teasers, sources, tags,
 * comments, appeals (lower case; a block starting with one is furniture). */
static const char *const tail_markers[] = {
    /* de */
    "lesen sie auch",
    "lesen sie mehr",
    "lies auch",
    "mehr zum thema",
    "mehr zu diesem thema",
    "weitere artikel",
    "weitere beiträge",
    "weitere informationen",
    "weiterführende links",
    "weiterführende informationen",
    "zum weiterlesen",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "das thema könnte dich auch interessieren",
    "auch interessant",
    "ähnliche artikel",
    "ähnliche beiträge",
    "ähnliche nachrichten",
    "ähnliche meldungen",
    "ähnliche themen",
    "lust auf mehr",
    "verwandte artikel",
    "verwandte beiträge",
    "passend zum thema",
    "passende artikel",
    "top themen",
    "top-themen",
    "meistgelesen",
    "beliebte artikel",
    "beliebte beiträge",
    "quellenangaben",
    "empfohlene artikel",
    "empfehlungen der redaktion",
    "unsere empfehlungen",
    "kommentar schreiben",
    "kommentare",
    "hinterlasse einen kommentar",
    "schreibe einen kommentar",
    "diesen artikel teilen",
    "artikel teilen",
    "beitrag teilen",
    "jetzt teilen",
    "zurück zur übersicht",
    "schlagwörter",
    "schlagworte",
    "mehr artikel",
    "neueste artikel",
    "aktuelle artikel",
    "das könnte ihnen auch gefallen",
    /* en */
    "related",
    "read more",
    "read also",
    "read next",
    "see also",
    "more from",
    "more on this",
    "more stories",
    "you may also like",
    "you might also like",
    "recommended for you",
    "also read",
    "explore further",
    "further reading",
    "most read",
    "most popular",
    "trending now",
    "leave a comment",
    "leave a reply",
    "share this",
    "filed under",
    "more articles",
    "latest articles",
    "popular posts",
    "recent posts",
    "more like this",
    "if you enjoyed",
    "if you liked",
    /* es, pt, fr, it, pl */
    "lee también",
    "lea también",
    "te puede interesar",
    "también te puede interesar",
    "noticias relacionadas",
    "valora esta noticia",
    "veja também",
    "leia também",
    "leia mais",
    "saiba mais",
    "à lire aussi",
    "lire aussi",
    "voir aussi",
    "sur le même sujet",
    "articles similaires",
    "leggi anche",
    "potrebbe interessarti",
    "zobacz także",
    "czytaj także",
    "czytaj też",
    "zobacz też",
};

int att__html_tail_marker(const char *s, size_t n)
{
    char low[96];
    size_t k = att__utf8_lower(s, n < 80 ? n : 80, low, sizeof(low));
    for (size_t i = 0; i < ATT_ARRAY_LEN(tail_markers) && k > 0; i++) {
        size_t m;
        if (tail_markers[i][0] != low[0])
            continue; /* most lines fail here */
        m = strlen(tail_markers[i]);
        if (k >= m && memcmp(low, tail_markers[i], m) == 0 &&
            (k == m || !isalnum((unsigned char)low[m])))
            return 1;
    }
    return 0;
}

/* Starts of lines that credit or caption a picture. */
static const char *const credit_starts[] = {
    "foto:",      "fotos:",   "bild:",      "bilder:",    "abbildung:",
    "abb.",       "grafik:",  "quelle:",    "bildquelle", "bildnachweis",
    "photo:",     "photos:",  "image:",     "credit:",    "(credit:",
    "source:",    "picture:", "screenshot", "titelbild",  "beitragsbild",
    "symbolbild", "foto/",    "©",          "(c) ",       "copyright",
};

#define CREDIT_PAREN 48 /* bytes of a credit in parentheses, at most */

int att__html_credit_line(const char *s, size_t n)
{
    char low[64];
    size_t k = att__utf8_lower(s, n < 48 ? n : 48, low, sizeof(low));
    for (size_t i = 0; i < ATT_ARRAY_LEN(credit_starts) && k > 0; i++) {
        size_t m;
        if (credit_starts[i][0] != low[0])
            continue;
        m = strlen(credit_starts[i]);
        if (k >= m && memcmp(low, credit_starts[i], m) == 0)
            return 1;
    }
    /* "... | © Kevin C. Cox/Getty Images" */
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA9)
            return 1;
    /* a credit in parentheses at the end: "(mlharing / iStock.com)", "(dpa / AFP)" */
    if (n > 2 && s[n - 1] == ')') {
        size_t open = n - 1;
        while (open > 0 && s[open] != '(' && n - open < CREDIT_PAREN)
            open--;
        for (size_t i = open; s[open] == '(' && i + 2 < n; i++)
            if (s[i] == ' ' && s[i + 1] == '/' && s[i + 2] == ' ')
                return 1;
    }
    return 0;
}

/* ---- function words ---------------------------------------------------------- */

/* Function words of German and English, sorted by bytes for bsearch. */
static const char *const stopwords[] = {
    "a",     "aber",   "about", "after",   "all",   "alle",     "allem",  "allen",   "aller",
    "alles", "als",    "also",  "am",      "an",    "and",      "andere", "anderen", "any",
    "are",   "as",     "at",    "auch",    "auf",   "aus",      "be",     "because", "been",
    "bei",   "beim",   "bin",   "bis",     "bist",  "but",      "by",     "can",     "could",
    "da",    "damit",  "dann",  "das",     "dass",  "dem",      "den",    "denn",    "der",
    "des",   "did",    "die",   "dies",    "diese", "diesem",   "diesen", "dieser",  "dieses",
    "do",    "doch",   "does",  "dort",    "du",    "durch",    "ein",    "eine",    "einem",
    "einen", "einer",  "eines", "er",      "es",    "etwas",    "for",    "from",    "für",
    "gegen", "had",    "has",   "hat",     "hatte", "hatten",   "have",   "he",      "her",
    "hier",  "his",    "how",   "i",       "ich",   "if",       "ihm",    "ihn",     "ihnen",
    "ihr",   "ihre",   "im",    "in",      "ins",   "into",     "is",     "ist",     "it",
    "its",   "ja",     "jetzt", "just",    "kann",  "kein",     "keine",  "können",  "man",
    "mehr",  "mein",   "mich",  "mir",     "mit",   "more",     "most",   "muss",    "my",
    "nach",  "nicht",  "no",    "noch",    "not",   "nun",      "nur",    "ob",      "oder",
    "of",    "ohne",   "on",    "one",     "only",  "or",       "other",  "our",     "out",
    "over",  "schon",  "sehr",  "sein",    "seine", "she",      "sich",   "sie",     "sind",
    "so",    "soll",   "some",  "sondern", "than",  "that",     "the",    "their",   "them",
    "then",  "there",  "these", "they",    "this",  "to",       "um",     "und",     "uns",
    "unter", "up",     "viel",  "vom",     "von",   "vor",      "war",    "waren",   "was",
    "we",    "weil",   "wenn",  "werden",  "were",  "what",     "when",   "which",   "who",
    "wie",   "wieder", "will",  "wir",     "wird",  "with",     "would",  "wurde",   "wurden",
    "you",   "your",   "zu",    "zum",     "zur",   "zwischen", "über",
};

#define STOPWORD_MAX 8 /* bytes of the longest function word ("zwischen") */

/* A word of up to 8 bytes as one number (distinct words, distinct numbers:
 * no word holds a NUL byte). */
static uint64_t word_key(const char *w, size_t n)
{
    uint64_t k = 0;
    memcpy(&k, w, n);
    return k;
}

static size_t key_slot(uint64_t k)
{
    return (size_t)((k * 0x9E3779B97F4A7C15ull) >> 55) & (ATT_HSTOPS - 1);
}

void att__html_stops_init(att__hstops *st)
{
    memset(st, 0, sizeof(*st));
    for (size_t i = 0; i < ATT_ARRAY_LEN(stopwords); i++) {
        uint64_t k = word_key(stopwords[i], strlen(stopwords[i]));
        size_t j = key_slot(k);
        while (st->slot[j])
            j = (j + 1) & (ATT_HSTOPS - 1);
        st->slot[j] = k;
    }
}

/* A byte of a word: an ASCII letter or any byte of a non-ASCII character. */
static int word_byte(unsigned char c)
{
    return att__html_alpha(c) || c >= 0x80;
}

unsigned att__html_stopwords(const att__hstops *st, const char *s, size_t n)
{
    unsigned hits = 0;
    for (size_t i = 0; i < n;) {
        char w[STOPWORD_MAX];
        size_t k = 0;
        while (i < n && !word_byte((unsigned char)s[i]))
            i++;
        while (i < n && word_byte((unsigned char)s[i])) {
            unsigned char c = (unsigned char)s[i];
            if (k < sizeof(w))
                w[k] = (char)att__html_lower(c);
            k++;
            i++;
        }
        if (k > 0 && k <= STOPWORD_MAX) {
            uint64_t key = word_key(w, k);
            size_t j = key_slot(key);
            while (st->slot[j] && st->slot[j] != key)
                j = (j + 1) & (ATT_HSTOPS - 1);
            hits += st->slot[j] == key;
        }
    }
    return hits;
}

/*
 * test_html_parse.c - unit tests of the HTML parser (html_parse.c): the
 * tree it builds from well-formed and from broken markup, written out in
 * a compact form (elements as name(children), text in quotes) and
 * compared with what a browser would build; character references,
 * raw-text elements, comments, attributes, and hostile input.
 */
#include <stdlib.h>
#include <string.h>

#include "read/html.h"
#include "test.h"

/* The tree below root as "html(head(title("x"))body(p("a")))"; white
 * space-only text is left out. */
static void show(const att__hnode *root, char *out, size_t max)
{
    const att__hnode *x = root;
    size_t n = 0;
#define PUT(...) (n += (size_t)snprintf(out + n, n < max ? max - n : 0, __VA_ARGS__))
    out[0] = '\0';
    while (x) {
        if (x->name) {
            PUT("%s(", x->name);
            if (x->children) {
                x = x->children;
                continue;
            }
            PUT(")");
        } else {
            size_t k = 0;
            while (k < x->len && strchr(" \n\t", x->text[k]))
                k++;
            if (k < x->len)
                PUT("\"%.*s\"", (int)x->len, x->text);
        }
        while (x != root && !x->next) {
            x = x->parent;
            PUT(")");
        }
        if (x == root)
            break;
        x = x->next;
    }
#undef PUT
}

/* The tree of s written out, in a static buffer. */
static const char *tree(const char *s)
{
    static char out[4096];
    att__htree t;
    if (att__html_parse(s, strlen(s), &t) != 0)
        snprintf(out, sizeof(out), "ENOMEM");
    else
        show(t.root, out, sizeof(out));
    att__html_tree_free(&t);
    return out;
}

/* The body of s written out, without the html(...body( frame. */
static const char *body(const char *s)
{
    static char out[4096];
    const char *t = tree(s), *b = strstr(t, "body(");
    size_t n;
    if (!b)
        return t;
    b += 5;
    n = strlen(b);
    snprintf(out, sizeof(out), "%.*s", n >= 2 ? (int)(n - 2) : 0, b);
    return out;
}

TEST(implied_html_head_body)
{
    CHECK_STR(tree("<title>T</title><p>x"), "html(head(title(\"T\"))body(p(\"x\")))");
    CHECK_STR(tree("just text"), "html(body(\"just text\"))");
    CHECK_STR(tree(""), "html()");
    CHECK_STR(tree("<html lang=de><head><meta charset=utf-8></head><body class=a>x</body></html>"),
              "html(head(meta())body(\"x\"))");
    /* head content after </head>, text after </body> */
    CHECK_STR(tree("<head></head><link rel=x><body>a</body>b"),
              "html(head(link())body(\"a\"\"b\"))");
}

TEST(attributes_of_implied_and_repeated_roots)
{
    att__htree t;
    const char *s = "<p>x</p><html lang=de><body class=post id=b><body class=other>";
    CHECK_INT(att__html_parse(s, strlen(s), &t), 0);
    CHECK_STR(att__html_attr(t.root, ATT_HA_LANG), "de");
    CHECK_STR(att__html_attr(t.root->children, ATT_HA_CLASS), "post");
    CHECK_STR(att__html_attr(t.root->children, ATT_HA_ID), "b");
    att__html_tree_free(&t);
}

TEST(implied_end_tags)
{
    CHECK_STR(body("<p>a<p>b"), "p(\"a\")p(\"b\")");
    CHECK_STR(body("<p>a<div>b</div>"), "p(\"a\")div(\"b\")");
    CHECK_STR(body("<p>a<span>b<h2>c</h2>"), "p(\"a\"span(\"b\"))h2(\"c\")");
    CHECK_STR(body("<ul><li>a<li>b<ul><li>c</ul><li>d</ul>"),
              "ul(li(\"a\")li(\"b\"ul(li(\"c\")))li(\"d\"))");
    CHECK_STR(body("<dl><dt>a<dd>b<dt>c</dl>"), "dl(dt(\"a\")dd(\"b\")dt(\"c\"))");
    CHECK_STR(body("<table><tr><td>a<td>b<tr><th>c</table>x"),
              "table(tr(td(\"a\")td(\"b\"))tr(th(\"c\")))\"x\"");
    CHECK_STR(body("<table><thead><tr><td>a<tbody><tr><td>b</table>"),
              "table(thead(tr(td(\"a\")))tbody(tr(td(\"b\"))))");
    CHECK_STR(body("<h2>a<h3>b"), "h2(\"a\")h3(\"b\")");
    CHECK_STR(body("<a href=1>a<a href=2>b"), "a(\"a\")a(\"b\")");
    CHECK_STR(body("<button><p>a<p>b</button>"), "button(p(\"a\")p(\"b\"))");
}

TEST(end_tags)
{
    /* an inline end tag does not close a block */
    CHECK_STR(body("<b><p>x</b>y</p>z"), "b(p(\"x\"\"y\")\"z\")");
    /* a block end tag closes what is open inside it */
    CHECK_STR(body("<div><span><i>x</div>y"), "div(span(i(\"x\")))\"y\"");
    CHECK_STR(body("<div><button>x</div>y"), "div(button(\"x\"))\"y\"");
    /* no end tag leaves a table cell but the table's own */
    CHECK_STR(body("<div><table><tr><td>x</div>y</table>z"), "div(table(tr(td(\"x\"\"y\")))\"z\")");
    /* end tags that match nothing are dropped; </p> alone makes a <p>; </br> is <br> */
    CHECK_STR(body("a</span>b</p>c</br>d"), "\"a\"\"b\"p()\"c\"br()\"d\"");
    /* unknown elements close by name */
    CHECK_STR(body("<my-card><p>a</my-card>b"), "my-card(p(\"a\"))\"b\"");
}

TEST(void_and_self_closing)
{
    CHECK_STR(body("a<br>b<img src=x>c<hr/>d"), "\"a\"br()\"b\"img()\"c\"hr()\"d\"");
    CHECK_STR(body("<div/>x<span/>y"), "div()\"x\"span()\"y\"");
}

TEST(character_references)
{
    CHECK_STR(body("a&amp;b &lt;&gt; &auml;&ouml; &#228;&#x41;&#X42; &#150; &#0;"),
              "\"a&b <> äö äAB – \xEF\xBF\xBD\"");
    /* legacy names without ';', longest first; unknown names stay */
    CHECK_STR(body("&amp &notit; &copy2024 &bogus; & &#; &#xZ;"),
              "\"& ¬it; ©2024 &bogus; & &#; &#xZ;\"");
    CHECK_STR(body("&NotNestedGreaterGreater; &#x110000; &#xD800; &#99999999999999999999;"),
              "\"\xE2\xAA\xA2\xCC\xB8 \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD\"");
}

TEST(attributes)
{
    att__htree t;
    const att__hnode *d;
    const char *s = "<div CLASS='a b' id=x class=second data-x=1 hidden Style = \"display:none\" "
                    "title=\"&quot;q&quot; &amp; &copy=2\" href=\"?a=1&copy=2&amp;b\">x</div>";
    CHECK_INT(att__html_parse(s, strlen(s), &t), 0);
    d = t.root->children->children;
    CHECK_STR(d->name, "div");
    CHECK_STR(att__html_attr(d, ATT_HA_CLASS), "a b"); /* the first of two */
    CHECK_STR(att__html_attr(d, ATT_HA_ID), "x");
    CHECK_STR(att__html_attr(d, ATT_HA_HIDDEN), "");
    CHECK_STR(att__html_attr(d, ATT_HA_STYLE), "display:none");
    CHECK_STR(att__html_attr(d, ATT_HA_TITLE), "\"q\" & &copy=2");
    CHECK_STR(att__html_attr(d, ATT_HA_HREF), "?a=1&copy=2&b");
    CHECK(att__html_attr(d, ATT_HA_CONTENT) == NULL); /* data-x is not kept */
    CHECK_INT(d->nattr, 6);
    att__html_tree_free(&t);
    /* an end tag's attributes are read over, '>' in quotes included */
    CHECK_STR(body("<p>a</p x='>'>b"), "p(\"a\")\"b\"");
}

TEST(raw_text)
{
    att__htree t;
    const char *s = "<p>a<script>if (a</div>b) x = '<p>';</script><style>p{}</style>"
                    "<script type=application/ld+json>{\"a\":\"&amp;\"}</script>"
                    "<textarea>a&amp;<b>b</b></textarea><p>c";
    CHECK_STR(body(s),
              "p(\"a\"script()style()script(\"{\"a\":\"&amp;\"}\")textarea(\"a&<b>b</b>\"))"
              "p(\"c\")");
    CHECK_STR(tree("<title>A &amp; <b>B</b></TITLE >x"),
              "html(head(title(\"A & <b>B</b>\"))body(\"x\"))");
    /* a raw-text element never closed holds nothing */
    CHECK_STR(body("<p>a<script>b"), "p(\"a\"script()\"b\")");
    /* the text of an ld+json script is the page's own bytes */
    CHECK_INT(att__html_parse(s, strlen(s), &t), 0);
    {
        const att__hnode *ld = t.root->children->children->children->next->next->next;
        CHECK(ld->children && ld->children->text > s && ld->children->text < s + strlen(s));
    }
    att__html_tree_free(&t);
}

TEST(comments_doctype_foreign)
{
    CHECK_STR(body("a<!-- <p>x</p> -->b<!-->c<!--->d<!---->e"), "\"a\"\"b\"\"c\"\"d\"\"e\"");
    CHECK_STR(tree("<!DOCTYPE html><?xml version='1.0'?><![CDATA[x]]><p>y"),
              "html(body(p(\"y\")))");
    CHECK_STR(body("a<!-- never closed <p>b"), "\"a\"");
    CHECK_STR(body("<svg><text>x</text><svg/><svg><p>y</p></svg></svg>z"), "svg()\"z\"");
    CHECK_STR(body("<math><mi>x</mi>"), "math()mi(\"x\")"); /* never closed: holds nothing */
    CHECK_STR(body("a < b <3 </ c >d</>e"), "\"a < b <3 \"\"d\"\"e\"");
}

TEST(hostile_markup)
{
    static const char *const cases[] = {
        "<",      "<a",       "<a href",     "<a href=\"x", "</",        "</a",
        "<!",     "<!-",      "<!--",        "<!---",       "&",         "&#",
        "&#x",    "&am",      "<?",          "<p a=b c",    "<svg",      "<script>",
        "<title", "<td><tr>", "</html><p>x", "<html",       "<body><li", "&#xFFFFFFFFFFFFFFFFFFFF;",
    };
    for (size_t i = 0; i < ATT_ARRAY_LEN(cases); i++) {
        att__htree t;
        CHECK_INT(att__html_parse(cases[i], strlen(cases[i]), &t), 0);
        CHECK(t.root != NULL);
        att__html_tree_free(&t);
    }
    CHECK_STR(body("<p>x<a href"), "p(\"x\")");
}

TEST(nul_bytes_and_expanding_references)
{
    /* NUL bytes in names (the reader never passes them, the parser must not care) */
    static const char nul[] = "<p>a</b\0ase><di\0v class=\"x\0y\">b</div\0>";
    att__htree t;
    size_t n = 2000;
    char *s = malloc(5 * n + 1);
    CHECK_INT(att__html_parse(nul, sizeof(nul) - 1, &t), 0);
    att__html_tree_free(&t);
    /* "&nLt;" decodes to 6 bytes from 5: the scratch buffer must allow for it */
    for (size_t i = 0; i < n; i++)
        memcpy(s + 5 * i, "&nLt;", 5);
    CHECK_INT(att__html_parse(s, 5 * n, &t), 0);
    CHECK(t.root->children && t.root->children->children &&
          t.root->children->children->len == 6 * n);
    att__html_tree_free(&t);
    free(s);
}

TEST(deep_nesting)
{
    size_t depth = 200000, n = 0;
    char *s = malloc(depth * 5 + 16);
    att__htree t;
    const att__hnode *x;
    size_t levels = 0;
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(s + n, "<div>");
    n += (size_t)sprintf(s + n, "deep");
    CHECK_INT(att__html_parse(s, n, &t), 0);
    for (x = t.root; x->children; x = x->children)
        levels++;
    CHECK_INT(levels, depth + 2); /* body, the divs, the text */
    CHECK(x->len == 4 && memcmp(x->text, "deep", 4) == 0);
    att__html_tree_free(&t);
    /* tags that look for an open element (</section>, <p>, <li>, <a> in
     * inline elements) look only so far down: linear time, not quadratic */
    n = 0;
    for (size_t i = 0; i < depth / 4; i++)
        n += (size_t)sprintf(s + n, "<i>");
    for (size_t i = 0; i < depth / 4; i++)
        n += (size_t)sprintf(s + n, "<a>");
    for (size_t i = 0; i < depth / 4; i++)
        n += (size_t)sprintf(s + n, "</p>");
    CHECK_INT(att__html_parse(s, n, &t), 0);
    att__html_tree_free(&t);
    free(s);
}

TEST(unclosed_raw_text_is_linear)
{
    /* each unclosed <script> or <svg> would search the rest of the page */
    size_t reps = 100000, n = 0;
    char *s = malloc(reps * 13 + 16);
    att__htree t;
    for (size_t i = 0; i < reps; i++)
        n += (size_t)sprintf(s + n, i % 2 ? "<script>" : "<svg>");
    CHECK_INT(att__html_parse(s, n, &t), 0);
    CHECK_INT(t.nodes, reps + 2); /* html, body and the elements */
    att__html_tree_free(&t);
    free(s);
}

int main(void)
{
    RUN(implied_html_head_body);
    RUN(attributes_of_implied_and_repeated_roots);
    RUN(implied_end_tags);
    RUN(end_tags);
    RUN(void_and_self_closing);
    RUN(character_references);
    RUN(attributes);
    RUN(raw_text);
    RUN(comments_doctype_foreign);
    RUN(hostile_markup);
    RUN(nul_bytes_and_expanding_references);
    RUN(deep_nesting);
    RUN(unclosed_raw_text_is_linear);
    return test_summary();
}

/*
 * fuzz_html_parse.c - libFuzzer harness for the HTML parser alone
 * (src/read/html_parse.c), faster than going through the whole reader
 * (fuzz_html.c), and checking what the parser promises of every tree: an
 * <html> root, parent and sibling links that agree, elements with a name,
 * kept attributes with a value, text that lies in the page or is decoded
 * UTF-8, and the walk in document order ending where it began.  The input
 * is the page; it need not be valid UTF-8 (the reader always decodes it
 * first, but the parser must not care).  Built with clang
 * -fsanitize=fuzzer by `make fuzz`; replayed over fuzz/corpus/html_parse by
 * `make test`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const att__hnode *x;
    att__htree t;
    size_t seen = 0;
    if (att__html_parse(s, size, &t) != 0) {
        att__html_tree_free(&t);
        return 0;
    }
    check(t.root && t.root->name && strcmp(t.root->name, "html") == 0 && !t.root->parent);
    for (x = t.root; x;) {
        seen++;
        if (x->name) {
            for (uint32_t i = 0; i < x->nattr; i++)
                check(x->attr[i].id < ATT_HA_COUNT && x->attr[i].value);
        } else {
            check(!x->children && x->text);
            /* touch every byte: the sanitizer sees a text out of bounds */
            for (uint32_t i = 0; i < x->len; i++)
                seen += (unsigned char)x->text[i] == 0xFF;
        }
        for (const att__hnode *c = x->children; c; c = c->next)
            check(c->parent == x);
        if (x->children) {
            x = x->children;
            continue;
        }
        while (x != t.root && !x->next)
            x = x->parent;
        if (x == t.root)
            break;
        x = x->next;
    }
    check(seen >= t.nodes && t.nodes <= ATT_HTML_MAX_NODES);
    att__html_tree_free(&t);
    return 0;
}

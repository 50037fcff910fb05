/*
 * eval_aeb.c - the HTML reader's main text against Zyte's
 * article-extraction-benchmark.
 *
 *   build/eval/eval_aeb SHARED [-v] [--show ID]
 *
 * SHARED/data/article-extraction-benchmark/ground-truth.json maps a page id
 * to its articleBody and URL; the page is html/<id>.html.gz.  Scoring is the
 * benchmark's own (evaluate.py): texts become tokens (runs of Unicode
 * letters, digits and '_', Python's \w+), tokens become 4-word shingles
 * with counts (a text of fewer than four tokens is one shingle), and per
 * page tp = the multiset intersection, fp = extracted shingles not in the
 * truth, fn = truth shingles not extracted.  Precision and recall are
 * averaged over pages (a page's precision is left out when nothing was
 * extracted, its recall when the truth is empty; both are 1 when fp = fn =
 * 0), F1 is taken of the two means, accuracy is the share of pages whose
 * token list equals the truth's.  Rows for all pages and for the two
 * halves by a hash of the id (dev, test).  -v prints each page's F1.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <zlib.h>

#include "read/read.h"
#include "pages.h"

#define NGRAM 4

typedef struct tok {
    const char *s;
    size_t n;
} tok;

typedef struct agg {
    double psum, rsum;
    long pn, rn, exact, pages, failed;
} agg;

enum { A_ALL, A_DEV, A_TEST, A_COUNT };

/* Python's \w: letters, decimal digits, other numbers, underscore. */
static int word_char(utf8proc_int32_t c)
{
    utf8proc_category_t k;
    if (c == '_')
        return 1;
    k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

static tok *tokenize(const char *s, size_t *count)
{
    size_t n = strlen(s), cap = 0, k = 0;
    tok *t = NULL;
    const char *start = NULL;
    for (size_t i = 0; i <= n;) {
        utf8proc_int32_t c = 0;
        utf8proc_ssize_t adv = 1;
        if (i < n) {
            adv = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
            if (adv <= 0) {
                adv = 1;
                c = -1;
            }
        }
        if (i < n && c >= 0 && word_char(c)) {
            if (!start)
                start = s + i;
        } else if (start) {
            if (k == cap) {
                tok *nt;
                cap = cap ? cap * 2 : 256;
                nt = realloc(t, cap * sizeof(*t));
                if (!nt)
                    break;
                t = nt;
            }
            t[k].s = start;
            t[k].n = (size_t)(s + i - start);
            k++;
            start = NULL;
        }
        i += (size_t)adv;
    }
    *count = k;
    return t;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The shingles of a token list as sorted hashes. */
static uint64_t *shingles(const tok *t, size_t n, size_t *count)
{
    size_t m = n == 0 ? 0 : n < NGRAM ? 1 : n - NGRAM + 1;
    uint64_t *h = malloc((m ? m : 1) * sizeof(*h));
    if (!h) {
        *count = 0;
        return NULL;
    }
    for (size_t i = 0; i < m; i++) {
        uint64_t x = 1469598103934665603ull;
        size_t len = n < NGRAM ? n : NGRAM;
        for (size_t j = 0; j < len; j++) {
            x = att__hash64(t[i + j].s, t[i + j].n, x);
            x = att__hash64(" ", 1, x);
        }
        h[i] = x;
    }
    qsort(h, m, sizeof(*h), cmp_u64);
    *count = m;
    return h;
}

static int same_tokens(const tok *a, size_t na, const tok *b, size_t nb)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (a[i].n != b[i].n || memcmp(a[i].s, b[i].s, a[i].n) != 0)
            return 0;
    return 1;
}

static void rows(const char *suffix, const agg *a, int with_ref)
{
    double p = a->pn ? a->psum / (double)a->pn : 0, r = a->rn ? a->rsum / (double)a->rn : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("article-extraction-benchmark\tf1%s\t%.3f\t%s\n", suffix, f1, with_ref ? "0.958" : "-");
    printf("article-extraction-benchmark\tprecision%s\t%.3f\t-\n", suffix, p);
    printf("article-extraction-benchmark\trecall%s\t%.3f\t-\n", suffix, r);
    printf("article-extraction-benchmark\taccuracy%s\t%.3f\t-\n", suffix,
           a->pages ? (double)a->exact / (double)a->pages : 0);
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared", *show = NULL, *id;
    char dir[2048], path[4096];
    json_t *gold, *item;
    json_error_t err;
    att_ctx *ctx = NULL;
    agg ag[A_COUNT];
    int verbose = 0;

    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else if (strcmp(argv[i], "--show") == 0 && i + 1 < argc)
            show = argv[++i];
    }
    memset(ag, 0, sizeof(ag));
    snprintf(dir, sizeof(dir), "%s/data/article-extraction-benchmark", shared);
    snprintf(path, sizeof(path), "%s/ground-truth.json", dir);
    gold = json_load_file(path, 0, &err);
    if (!gold) {
        fprintf(stderr, "eval_aeb: skipped: %s: %s\n", path, err.text);
        return 0;
    }
    if (att_ctx_open(&ctx, NULL)) {
        fprintf(stderr, "eval_aeb: cannot open a context\n");
        return 1;
    }
    json_object_foreach(gold, id, item)
    {
        const char *truth = json_string_value(json_object_get(item, "articleBody"));
        const char *url = json_string_value(json_object_get(item, "url"));
        char *page;
        size_t len = 0, nt = 0, np = 0, nst = 0, nsp = 0, tp = 0, i = 0, j = 0;
        att_reader *r = NULL;
        att_doc *doc = NULL;
        tok *tt, *tpred;
        uint64_t *st, *sp;
        double p = -1, rc = -1;
        if (show && strcmp(show, id) != 0)
            continue;
        snprintf(path, sizeof(path), "%s/html/%s.html.gz", dir, id);
        page = read_gz(path, &len);
        if (page && att_reader_open_mem(ctx, id, page, len, ATT_FMT_HTML, &r) == 0) {
            if (att__html_doc(r, id, 0, page, len, NULL, url, &doc) != 0 && verbose)
                fprintf(stderr, "FAIL %s: %s\n", id, att_errmsg(ctx));
            att_reader_close(r);
        }
        if (show && doc)
            printf("title: %s\npublished: %s\n\n%s\n", doc->title ? doc->title : "",
                   doc->published ? doc->published : "", doc->text);
        tt = tokenize(truth ? truth : "", &nt);
        tpred = tokenize(doc ? doc->text : "", &np);
        st = shingles(tt, nt, &nst);
        sp = shingles(tpred, np, &nsp);
        while (i < nst && j < nsp) {
            if (st[i] == sp[j])
                tp++, i++, j++;
            else if (st[i] < sp[j])
                i++;
            else
                j++;
        }
        {
            size_t fp = nsp - tp, fn = nst - tp;
            for (int k = 0; k < A_COUNT; k++) {
                agg *a = &ag[k];
                if ((k == A_DEV && (fnv(id) & 1)) || (k == A_TEST && !(fnv(id) & 1)))
                    continue;
                a->pages++;
                a->failed += doc == NULL;
                a->exact += same_tokens(tt, nt, tpred, np);
                if (fp == 0 && fn == 0) {
                    a->psum += 1, a->pn++, a->rsum += 1, a->rn++;
                    p = rc = 1;
                    continue;
                }
                if (tp + fp > 0) {
                    p = (double)tp / (double)(tp + fp);
                    a->psum += p, a->pn++;
                }
                if (tp + fn > 0) {
                    rc = (double)tp / (double)(tp + fn);
                    a->rsum += rc, a->rn++;
                }
            }
        }
        if (verbose)
            fprintf(stderr, "PAGE %s %s p=%.3f r=%.3f\n", id, (fnv(id) & 1) ? "test" : "dev", p,
                    rc);
        free(tt);
        free(tpred);
        free(st);
        free(sp);
        free(page);
        att_doc_free(doc);
    }
    if (!show) {
        rows("", &ag[A_ALL], 1);
        rows("_dev", &ag[A_DEV], 0);
        rows("_test", &ag[A_TEST], 0);
        printf("article-extraction-benchmark\tpages_failed\t%ld\t-\n", ag[A_ALL].failed);
    }
    att_ctx_close(ctx);
    json_decref(gold);
    return 0;
}

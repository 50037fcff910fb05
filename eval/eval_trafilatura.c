/*
 * eval_trafilatura.c - the HTML reader's main text against trafilatura's
 * evaluation corpus.
 *
 *   build/eval/eval_trafilatura SHARED [-v] [--show FILE]
 *
 * SHARED/data/trafilatura-eval/evaldata.json maps a URL to the page's file
 * (gzip-compressed under eval/ or cache/), strings that must appear in the
 * main text (`with`) and strings that must not (`without`: boilerplate),
 * and for most pages the gold title, author and date.  Scoring is
 * trafilatura's own (tests/eval_common.py): output and strings are
 * white-space normalised; each `with` string found is a true positive,
 * else a false negative; each `without` string found is a false positive,
 * else a true negative; a page that fails to read counts every `with` as a
 * false negative and every `without` as a true negative.  Precision,
 * recall, F1 and accuracy are micro-averaged over all strings.
 *
 * Rows are printed for all pages, for German pages (lang_guess.json's
 * stop-word guess), and for two fixed halves by a hash of the file name:
 * "dev" (the half the extractor was tuned on) and "test".  Title, author
 * and date accuracy count pages whose gold has the field.  The page's URL
 * is passed to the reader (as a WARC record would), so a date in the URL
 * path can be used.  -v prints every miss to stderr; --show FILE prints
 * what was extracted from one page.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "read/read.h"
#include "pages.h"


typedef struct score {
    long tp, fp, tn, fn;
    long title_n, title_ok, author_n, author_ok, date_n, date_ok;
    long pages, failed;
} score;

enum { S_ALL, S_DE, S_DEV, S_TEST, S_COUNT };

/* White space (ASCII, no-break and other Unicode spaces) to one blank. */
static char *normalize(const char *s)
{
    size_t n = strlen(s), j = 0;
    char *o = malloc(n + 1);
    int space = 0;
    if (!o)
        return NULL;
    for (size_t i = 0; i < n;) {
        const unsigned char *u = (const unsigned char *)s + i;
        size_t w = 0;
        if (*u == ' ' || *u == '\t' || *u == '\n' || *u == '\r' || *u == '\f' || *u == '\v')
            w = 1;
        else if (u[0] == 0xC2 && (u[1] == 0xA0 || u[1] == 0x85))
            w = 2;
        else if (u[0] == 0xE2 && u[1] == 0x80 &&
                 (u[2] <= 0x8A || u[2] == 0xA8 || u[2] == 0xA9 || u[2] == 0xAF))
            w = 3;
        else if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
            w = 3;
        if (w) {
            space = 1;
            i += w;
            continue;
        }
        if (space && j > 0)
            o[j++] = ' ';
        space = 0;
        o[j++] = s[i++];
    }
    o[j] = '\0';
    return o;
}

static int same_text(const char *a, const char *b, int fold)
{
    char *x = normalize(a), *y = normalize(b);
    int eq = x && y && (fold ? strcasecmp(x, y) == 0 : strcmp(x, y) == 0);
    free(x);
    free(y);
    return eq;
}

static const char *gold_str(json_t *item, const char *key)
{
    const char *v = json_string_value(json_object_get(item, key));
    return v && v[0] ? v : NULL;
}

static void add(score *s, const score *d)
{
    s->tp += d->tp, s->fp += d->fp, s->tn += d->tn, s->fn += d->fn;
    s->title_n += d->title_n, s->title_ok += d->title_ok;
    s->author_n += d->author_n, s->author_ok += d->author_ok;
    s->date_n += d->date_n, s->date_ok += d->date_ok;
    s->pages += d->pages, s->failed += d->failed;
}

static double ratio(long a, long b)
{
    return b ? (double)a / (double)b : 0;
}

static void rows(const char *suffix, const score *s, int with_ref)
{
    double p = ratio(s->tp, s->tp + s->fp), r = ratio(s->tp, s->tp + s->fn);
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("trafilatura-eval\tf1%s\t%.3f\t%s\n", suffix, f1, with_ref ? "0.924" : "-");
    printf("trafilatura-eval\tprecision%s\t%.3f\t-\n", suffix, p);
    printf("trafilatura-eval\trecall%s\t%.3f\t-\n", suffix, r);
    printf("trafilatura-eval\taccuracy%s\t%.3f\t-\n", suffix,
           ratio(s->tp + s->tn, s->tp + s->tn + s->fp + s->fn));
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared", *show = NULL;
    char dir[2048], path[4096];
    json_t *gold = NULL, *langs = NULL, *item;
    json_error_t err;
    const char *url;
    att_ctx *ctx = NULL;
    score sc[S_COUNT];
    int verbose = 0;

    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else if (strcmp(argv[i], "--show") == 0 && i + 1 < argc)
            show = argv[++i];
    }
    memset(sc, 0, sizeof(sc));
    snprintf(dir, sizeof(dir), "%s/data/trafilatura-eval", shared);
    snprintf(path, sizeof(path), "%s/evaldata.json", dir);
    gold = json_load_file(path, 0, &err);
    if (!gold) {
        fprintf(stderr, "eval_trafilatura: skipped: %s: %s\n", path, err.text);
        return 0;
    }
    snprintf(path, sizeof(path), "%s/lang_guess.json", dir);
    langs = json_load_file(path, 0, &err);
    if (att_ctx_open(&ctx, NULL)) {
        fprintf(stderr, "eval_trafilatura: cannot open a context\n");
        return 1;
    }
    json_object_foreach(gold, url, item)
    {
        const char *file = gold_str(item, "file"), *lang = NULL;
        json_t *with = json_object_get(item, "with"), *without = json_object_get(item, "without");
        char *page = NULL, *text = NULL;
        size_t len = 0, i;
        att_reader *r = NULL;
        att_doc *doc = NULL;
        score d;
        json_t *v;
        if (!file || (show && strcmp(show, file) != 0))
            continue;
        memset(&d, 0, sizeof(d));
        snprintf(path, sizeof(path), "%s/eval/%s.gz", dir, file);
        page = read_gz(path, &len);
        if (!page) {
            snprintf(path, sizeof(path), "%s/cache/%s.gz", dir, file);
            page = read_gz(path, &len);
        }
        if (page && att_reader_open_mem(ctx, file, page, len, ATT_FMT_HTML, &r) == 0) {
            if (att__html_doc(r, file, 0, page, len, NULL, url, &doc) != 0 && verbose)
                fprintf(stderr, "FAIL %s: %s\n", file, att_errmsg(ctx));
            att_reader_close(r);
        }
        d.pages = 1;
        if (doc) {
            text = normalize(doc->text);
        } else {
            d.failed = 1;
            if (!page)
                fprintf(stderr, "eval_trafilatura: %s: cannot read\n", file);
        }
        if (show && doc) {
            printf("title: %s\nauthor/meta: %s\npublished: %s\nurl: %s\nlang: %s\n\n%s\n",
                   doc->title ? doc->title : "", doc->meta_json ? doc->meta_json : "",
                   doc->published ? doc->published : "", doc->url ? doc->url : "",
                   doc->lang ? doc->lang : "", doc->text);
        }
        json_array_foreach(with, i, v)
        {
            char *want = normalize(json_string_value(v) ? json_string_value(v) : "");
            if (text && want && strstr(text, want)) {
                d.tp++;
            } else {
                d.fn++;
                if (verbose)
                    fprintf(stderr, "MISS %s: %s\n", file, want ? want : "");
            }
            free(want);
        }
        json_array_foreach(without, i, v)
        {
            char *bad = normalize(json_string_value(v) ? json_string_value(v) : "");
            if (text && bad && strstr(text, bad)) {
                d.fp++;
                if (verbose)
                    fprintf(stderr, "NOISE %s: %s\n", file, bad ? bad : "");
            } else {
                d.tn++;
            }
            free(bad);
        }
        if (gold_str(item, "title")) {
            d.title_n = 1;
            d.title_ok = doc && doc->title && same_text(doc->title, gold_str(item, "title"), 0);
            if (verbose && !d.title_ok)
                fprintf(stderr, "TITLE %s: got [%s] want [%s]\n", file,
                        doc && doc->title ? doc->title : "", gold_str(item, "title"));
        }
        if (gold_str(item, "author")) {
            char a[512] = "";
            json_t *m = doc && doc->meta_json ? json_loads(doc->meta_json, 0, NULL) : NULL;
            const char *au = m ? json_string_value(json_object_get(m, "author")) : NULL;
            if (au)
                snprintf(a, sizeof(a), "%s", au);
            d.author_n = 1;
            d.author_ok = same_text(a, gold_str(item, "author"), 1);
            if (verbose && !d.author_ok)
                fprintf(stderr, "AUTHOR %s: got [%s] want [%s]\n", file, a,
                        gold_str(item, "author"));
            json_decref(m);
        }
        if (gold_str(item, "date")) {
            d.date_n = 1;
            d.date_ok =
                doc && doc->published && strncmp(doc->published, gold_str(item, "date"), 10) == 0;
            if (verbose && !d.date_ok)
                fprintf(stderr, "DATE %s: got [%s] want [%s]\n", file,
                        doc && doc->published ? doc->published : "", gold_str(item, "date"));
        }
        if (langs) {
            json_t *l = json_object_get(json_object_get(langs, url), "stopword_guess");
            lang = json_string_value(l);
        }
        add(&sc[S_ALL], &d);
        if (lang && strcmp(lang, "de") == 0)
            add(&sc[S_DE], &d);
        add(&sc[(fnv(file) & 1) ? S_TEST : S_DEV], &d);
        free(text);
        free(page);
        att_doc_free(doc);
    }
    if (!show) {
        rows("", &sc[S_ALL], 1);
        rows("_de", &sc[S_DE], 0);
        rows("_dev", &sc[S_DEV], 0);
        rows("_test", &sc[S_TEST], 0);
        printf("trafilatura-eval\ttitle_accuracy\t%.3f\t-\n",
               ratio(sc[S_ALL].title_ok, sc[S_ALL].title_n));
        printf("trafilatura-eval\tauthor_accuracy\t%.3f\t-\n",
               ratio(sc[S_ALL].author_ok, sc[S_ALL].author_n));
        printf("trafilatura-eval\tdate_accuracy\t%.3f\t-\n",
               ratio(sc[S_ALL].date_ok, sc[S_ALL].date_n));
        printf("trafilatura-eval\tpages_failed\t%ld\t-\n", sc[S_ALL].failed);
    }
    att_ctx_close(ctx);
    json_decref(gold);
    json_decref(langs);
    return 0;
}

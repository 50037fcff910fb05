/*
 * krauts_eval.c - scores attache's temporal tagger and HeidelTime against the
 * KRAUTS gold standard (German news, TimeML/TIMEX3), TempEval-3 style.
 *
 *   build/eval/krauts_eval [-v SUITE] [DIR]     DIR: .../data/krauts (default
 *                                                ../shared/data/krauts)
 *
 * For each subset (Die Zeit, Dolomiten-42, Dolomiten-100) it reads the gold
 * files, runs attache's tagger over the matching _raw-text file (its TEXT
 * with its DCT), reads HeidelTime's shipped output (_Heideltime), and scores
 * both with the same code: one TSV line per metric,
 *
 *   suite <TAB> metric <TAB> ours <TAB> reference(HeidelTime)
 *
 * Matching follows TempEval-3: an expression's extent is its character span
 * in the TEXT element (tags removed); strict = identical span, relaxed = any
 * overlap (one-to-one, first come); type and value are judged over the
 * relaxed matches, and attribute F1 = F1 with "correct" = relaxed match with
 * the right attribute (so value F1 = value accuracy x relaxed F1).  Empty
 * (non-consuming) TIMEX3 and the DCT are not expressions, on either side
 * (attache writes the date of "vor fünf Jahren" as an empty span, TimeML's
 * non-consuming TIMEX3).  -v prints our
 * misses, wrong values and false alarms on one suite to stderr (use it on
 * Dolomiten-100, the development set); -c adds the text around each, -a
 * the correct ones too.  Exits 0 and prints nothing when DIR is missing.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "annotate/timex.h"

typedef struct ev_tx {
    size_t start, end; /* character (code point) offsets in TEXT */
    char type[16], value[48];
} ev_tx;

typedef struct ev_file {
    char *text; /* TEXT content, UTF-8 */
    size_t len;
    char dct[32];
    ev_tx *tx;
    size_t ntx, ctx;
} ev_file;

typedef struct ev_count {
    size_t gold, sys, strict, relaxed, type_ok, value_ok;
} ev_count;

static void ev_free(ev_file *f)
{
    free(f->text);
    free(f->tx);
    memset(f, 0, sizeof *f);
}

static int ev_append(ev_file *f, const char *s, size_t n, size_t *cap)
{
    if (f->len + n + 1 > *cap) {
        size_t nc = (*cap ? *cap : 4096);
        while (nc < f->len + n + 1)
            nc *= 2;
        char *p = realloc(f->text, nc);
        if (!p)
            return -1;
        f->text = p;
        *cap = nc;
    }
    memcpy(f->text + f->len, s, n);
    f->len += n;
    f->text[f->len] = '\0';
    return 0;
}

static size_t ev_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static void ev_attr(xmlNode *n, const char *name, char *out, size_t size)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    out[0] = '\0';
    if (!v)
        return;
    const char *s = (const char *)v;
    while (*s == ' ')
        s++;
    snprintf(out, size, "%s", s);
    size_t l = strlen(out);
    while (l && (out[l - 1] == ' ' || out[l - 1] == '\t'))
        out[--l] = '\0';
    xmlFree(v);
}

/* Walks TEXT: text goes into f->text, TIMEX3 elements become expressions. */
static int ev_walk(xmlNode *n, ev_file *f, size_t *cap)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            const char *s = (const char *)n->content;
            if (s && ev_append(f, s, strlen(s), cap))
                return -1;
        } else if (n->type == XML_ELEMENT_NODE) {
            size_t start = f->len;
            if (ev_walk(n->children, f, cap))
                return -1;
            if (!xmlStrcmp(n->name, (const xmlChar *)"TIMEX3") && f->len > start) {
                ev_tx t;
                memset(&t, 0, sizeof t);
                t.start = start; /* bytes for now; converted below */
                t.end = f->len;
                ev_attr(n, "type", t.type, sizeof t.type);
                ev_attr(n, "value", t.value, sizeof t.value);
                if (f->ntx == f->ctx) {
                    size_t nc = f->ctx ? f->ctx * 2 : 64;
                    ev_tx *p = realloc(f->tx, nc * sizeof *p);
                    if (!p)
                        return -1;
                    f->tx = p;
                    f->ctx = nc;
                }
                f->tx[f->ntx++] = t;
            }
        }
    }
    return 0;
}

static xmlNode *ev_find(xmlNode *n, const char *name)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, (const xmlChar *)name))
            return n;
        xmlNode *c = ev_find(n->children, name);
        if (c)
            return c;
    }
    return NULL;
}

/* Reads one .tml file; expressions' offsets become code point offsets. */
static int ev_read(const char *path, ev_file *f)
{
    size_t cap = 0;
    memset(f, 0, sizeof *f);
    xmlDoc *doc =
        xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!doc)
        return -1;
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *dct = ev_find(root, "DCT");
    xmlNode *text = ev_find(root, "TEXT");
    if (dct) {
        xmlNode *t = ev_find(dct->children, "TIMEX3");
        if (t)
            ev_attr(t, "value", f->dct, sizeof f->dct);
    }
    int rc = text ? ev_walk(text->children, f, &cap) : -1;
    if (!rc && !f->text)
        rc = ev_append(f, "", 0, &cap);
    xmlFreeDoc(doc);
    for (size_t i = 0; !rc && i < f->ntx; i++) {
        f->tx[i].end = ev_chars(f->text, f->tx[i].end);
        f->tx[i].start = ev_chars(f->text, f->tx[i].start);
    }
    return rc;
}

/* Runs attache's tagger over f->text with f->dct. */
static int ev_tag(att_ctx *ctx, ev_file *f)
{
    att_doc *doc = NULL;
    char *copy = malloc(f->len + 1);
    if (!copy)
        return -1;
    memcpy(copy, f->text, f->len + 1);
    if (att__doc_new(ctx, copy, f->len, &doc))
        return -1;
    if (att__doc_set(doc, &doc->lang, "de") || att__doc_set(doc, &doc->published, f->dct) ||
        att__timex_annotate(doc)) {
        att_doc_free(doc);
        return -1;
    }
    f->ntx = 0;
    for (size_t i = 0; i < doc->ntimex; i++) {
        ev_tx t;
        if (doc->timex[i].start == doc->timex[i].end)
            continue; /* non-consuming, like the empty TIMEX3 of the gold */
        memset(&t, 0, sizeof t);
        t.start = ev_chars(doc->text, doc->timex[i].start);
        t.end = ev_chars(doc->text, doc->timex[i].end);
        snprintf(t.type, sizeof t.type, "%s", doc->timex[i].type);
        snprintf(t.value, sizeof t.value, "%s", doc->timex[i].value);
        if (f->ntx == f->ctx) {
            size_t nc = f->ctx ? f->ctx * 2 : 64;
            ev_tx *p = realloc(f->tx, nc * sizeof *p);
            if (!p) {
                att_doc_free(doc);
                return -1;
            }
            f->tx = p;
            f->ctx = nc;
        }
        f->tx[f->ntx++] = t;
    }
    att_doc_free(doc);
    return 0;
}

/* The byte offset of code point offset cp in txt (its length when beyond). */
static size_t ev_byte(const ev_file *txt, size_t cp)
{
    size_t c = 0;
    for (size_t b = 0; b < txt->len; b++) {
        if (((unsigned char)txt->text[b] & 0xC0) != 0x80) {
            if (c == cp)
                return b;
            c++;
        }
    }
    return txt->len;
}

enum { EV_ERRORSF = 1, EV_CONTEXTF = 2, EV_ALLF = 4 }; /* what -v prints */

#define EV_CONTEXT 100 /* bytes of context -c shows on each side */

static void ev_show(const char *what, const char *file, const ev_file *txt, const ev_tx *t,
                    const ev_tx *other, int context)
{
    /* code point offsets back to bytes for printing */
    size_t sb = ev_byte(txt, t->start), eb = ev_byte(txt, t->end);
    size_t os = other ? ev_byte(txt, other->start) : 0, oe = other ? ev_byte(txt, other->end) : 0;
    fprintf(stderr, "%s\t%s\t%s\t%s\t[%.*s]", what, file, t->type, t->value, (int)(eb - sb),
            txt->text + sb);
    if (other)
        fprintf(stderr, "\tours=%s %s [%.*s]", other->type, other->value, (int)(oe - os),
                txt->text + os);
    if (context) { /* a window around it, on UTF-8 boundaries, one line */
        size_t a = sb > EV_CONTEXT ? sb - EV_CONTEXT : 0, z = eb + EV_CONTEXT;
        if (z > txt->len)
            z = txt->len;
        while (a > 0 && ((unsigned char)txt->text[a] & 0xC0) == 0x80)
            a--;
        while (z < txt->len && ((unsigned char)txt->text[z] & 0xC0) == 0x80)
            z++;
        fputc('\t', stderr);
        for (size_t k = a; k < z; k++) {
            if (k == sb)
                fputs("[[", stderr);
            if (k == eb)
                fputs("]]", stderr);
            fputc(txt->text[k] == '\n' || txt->text[k] == '\t' ? ' ' : txt->text[k], stderr);
        }
    }
    fputc('\n', stderr);
}

/* Scores sys against gold, adding to *n. */
static void ev_score(const ev_file *gold, const ev_file *sys, ev_count *n, int verbose,
                     const char *name)
{
    char *used = calloc(sys->ntx ? sys->ntx : 1, 1);
    char *hit = calloc(gold->ntx ? gold->ntx : 1, 1);
    if (!used || !hit) {
        free(used);
        free(hit);
        return;
    }
    n->gold += gold->ntx;
    n->sys += sys->ntx;
    for (size_t g = 0; g < gold->ntx; g++) {
        const ev_tx *gt = &gold->tx[g];
        size_t best = (size_t)-1;
        for (size_t s = 0; s < sys->ntx; s++) {
            const ev_tx *st = &sys->tx[s];
            if (used[s] || st->end <= gt->start || st->start >= gt->end)
                continue;
            if (best == (size_t)-1 || (st->start == gt->start && st->end == gt->end))
                best = s;
        }
        if (best == (size_t)-1) {
            if (verbose)
                ev_show("MISS", name, gold, gt, NULL, verbose & EV_CONTEXTF);
            continue;
        }
        const ev_tx *st = &sys->tx[best];
        used[best] = 1;
        hit[g] = 1;
        n->relaxed++;
        n->strict += st->start == gt->start && st->end == gt->end;
        n->type_ok += !strcmp(st->type, gt->type);
        n->value_ok += !strcmp(st->value, gt->value);
        if (verbose && (strcmp(st->value, gt->value) || strcmp(st->type, gt->type)))
            ev_show("VALUE", name, gold, gt, st, verbose & EV_CONTEXTF);
        else if (verbose && (st->start != gt->start || st->end != gt->end))
            ev_show("EXTENT", name, gold, gt, st, verbose & EV_CONTEXTF);
        else if (verbose & EV_ALLF)
            ev_show("OK", name, gold, gt, st, verbose & EV_CONTEXTF);
    }
    for (size_t s = 0; verbose && s < sys->ntx; s++)
        if (!used[s])
            ev_show("FALSE", name, gold, &sys->tx[s], NULL, verbose & EV_CONTEXTF);
    free(used);
    free(hit);
}

static double ev_f1(size_t ok, size_t sys, size_t gold)
{
    double p = sys ? (double)ok / (double)sys : 0, r = gold ? (double)ok / (double)gold : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static int ev_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void ev_line(const char *suite, const char *metric, double a, double b)
{
    printf("%s\t%s\t%.3f\t%.3f\n", suite, metric, a, b);
}

static int ev_suite(att_ctx *ctx, const char *root, const char *sub, const char *suite, int verbose,
                    double *bytes, double *secs)
{
    char dir[4096], path[4200], rawp[4200], htp[4200];
    snprintf(dir, sizeof dir, "%s/KRAUTS/KRAUTS_%s", root, sub);
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    size_t nn = 0, cn = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".tml"))
            continue;
        if (nn == cn) {
            cn = cn ? cn * 2 : 128;
            char **p = realloc(names, cn * sizeof *p);
            if (!p)
                break;
            names = p;
        }
        names[nn++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, nn, sizeof *names, ev_cmp);
    ev_count ours, ref;
    memset(&ours, 0, sizeof ours);
    memset(&ref, 0, sizeof ref);
    size_t skipped = 0;
    for (size_t i = 0; i < nn; i++) {
        ev_file gold, raw, ht;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(rawp, sizeof rawp, "%s/KRAUTS/KRAUTS_%s_raw-text/%s", root, sub, names[i]);
        snprintf(htp, sizeof htp, "%s/KRAUTS/KRAUTS_%s_Heideltime/%s", root, sub, names[i]);
        if (ev_read(path, &gold) || ev_read(rawp, &raw)) {
            skipped++;
            ev_free(&gold);
            ev_free(&raw);
            continue;
        }
        if (raw.len != gold.len || strcmp(raw.text, gold.text))
            skipped += 0; /* offsets are code points of the same text; see below */
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int rc = ev_tag(ctx, &raw);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        *secs += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        *bytes += (double)raw.len;
        if (rc == 0)
            ev_score(&gold, &raw, &ours, verbose, names[i]);
        if (ev_read(htp, &ht) == 0)
            ev_score(&gold, &ht, &ref, 0, names[i]);
        else
            ref.gold += gold.ntx;
        ev_free(&gold);
        ev_free(&raw);
        ev_free(&ht);
    }
    for (size_t i = 0; i < nn; i++)
        free(names[i]);
    free(names);
    const ev_count *a = &ours, *b = &ref;
    ev_line(suite, "gold", (double)a->gold, (double)b->gold);
    ev_line(suite, "system", (double)a->sys, (double)b->sys);
    ev_line(suite, "strict_p", a->sys ? (double)a->strict / a->sys : 0,
            b->sys ? (double)b->strict / b->sys : 0);
    ev_line(suite, "strict_r", a->gold ? (double)a->strict / a->gold : 0,
            b->gold ? (double)b->strict / b->gold : 0);
    ev_line(suite, "strict_f1", ev_f1(a->strict, a->sys, a->gold),
            ev_f1(b->strict, b->sys, b->gold));
    ev_line(suite, "relaxed_p", a->sys ? (double)a->relaxed / a->sys : 0,
            b->sys ? (double)b->relaxed / b->sys : 0);
    ev_line(suite, "relaxed_r", a->gold ? (double)a->relaxed / a->gold : 0,
            b->gold ? (double)b->relaxed / b->gold : 0);
    ev_line(suite, "relaxed_f1", ev_f1(a->relaxed, a->sys, a->gold),
            ev_f1(b->relaxed, b->sys, b->gold));
    ev_line(suite, "type_acc", a->relaxed ? (double)a->type_ok / a->relaxed : 0,
            b->relaxed ? (double)b->type_ok / b->relaxed : 0);
    ev_line(suite, "type_f1", ev_f1(a->type_ok, a->sys, a->gold),
            ev_f1(b->type_ok, b->sys, b->gold));
    ev_line(suite, "value_acc", a->relaxed ? (double)a->value_ok / a->relaxed : 0,
            b->relaxed ? (double)b->value_ok / b->relaxed : 0);
    ev_line(suite, "value_f1", ev_f1(a->value_ok, a->sys, a->gold),
            ev_f1(b->value_ok, b->sys, b->gold));
    if (skipped)
        fprintf(stderr, "%s: %zu files could not be read\n", suite, skipped);
    return 0;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *sub, *suite;
    } suites[] = {
        {"DieZeit", "krauts-diezeit"},
        {"Dolomiten-42", "krauts-dolomiten42"},
        {"Dolomiten-100", "krauts-dolomiten100"},
    };
    const char *root = "../shared/data/krauts", *verbose = NULL;
    int flags = EV_ERRORSF;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v") && i + 1 < argc)
            verbose = argv[++i];
        else if (!strcmp(argv[i], "-c"))
            flags |= EV_CONTEXTF;
        else if (!strcmp(argv[i], "-a"))
            flags |= EV_ALLF;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: krauts_eval [-v SUITE [-c] [-a]] [DIR]\n");
            return 0;
        } else
            root = argv[i];
    }
    struct stat st;
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/KRAUTS", root);
    if (stat(probe, &st) != 0) {
        fprintf(stderr, "krauts_eval: %s not found, skipped\n", probe);
        return 0;
    }
    att_ctx *ctx = NULL; /* messages are not needed: a failed file is counted */
    double bytes = 0, secs = 0;
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        if (ev_suite(ctx, root, suites[i].sub, suites[i].suite,
                     verbose && !strcmp(verbose, suites[i].suite) ? flags : 0, &bytes, &secs))
            fprintf(stderr, "krauts_eval: %s missing\n", suites[i].sub);
    }
    fprintf(stderr, "krauts_eval: tagged %.0f bytes in %.3f s (%.1f MB/s)\n", bytes, secs,
            secs > 0 ? bytes / secs / 1e6 : 0);
    xmlCleanupParser();
    return 0;
}

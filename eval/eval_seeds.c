/*
 * eval_seeds.c - attache against hand-made gold: the seed articles, and
 * the project's own development set of 10kGNAD articles.
 *
 *   build/eval/eval_seeds SHARED        (SHARED = ../shared)
 *
 * Two suites, each scored with the rules of SHARED/gold/GUIDELINES.md:
 *
 *   seeds         SHARED/seeds/<doc>.txt read through the library exactly
 *                 as `extract` does, gold in SHARED/gold/seeds
 *   dev-10kgnad   rows of SHARED/data/10kgnad/test.csv (the text column,
 *                 as plain text), gold in eval/gold/10kgnad (annotated for
 *                 this project, see its README); doc "10kgnad-test-<row>"
 *
 * A suite whose gold or text is absent is skipped with a line on stderr.
 * The reference column holds the acceptance targets for the seeds and is
 * empty for the development set.
 * What is scored:
 *
 *   documents  publication date and title agreement; every boilerplate
 *              string gone (three words or more: nowhere in the text;
 *              shorter: not a line or paragraph of its own); body_first and
 *              body_last kept
 *   entities   P/R/F1 over (document, entity id) pairs; share of gold
 *              surface forms that a mention resolved to the right entity
 *              covers
 *   events     a match needs the same code root and the same source and
 *              target countries (first three letters of the actor codes;
 *              either direction for roots 04, 05, 06 and code 057); each gold
 *              event matches one system event; optional gold events are
 *              neither rewarded nor punished; exact-code and date agreement
 *              over matched events
 *   figures    a match needs the same kind, unit and value within 0.5 %
 *
 * Prints TSV rows "suite metric ours reference"; the reference column holds
 * the acceptance target, as no published system has run on these articles.
 */
#define _GNU_SOURCE /* memmem */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "doc/doc.h"

#define MAX_DOCS 256

typedef struct sysdoc {
    char name[128];
    att_doc *doc;
} sysdoc;

/* One gold set and where its texts come from. */
typedef struct suite {
    const char *prefix; /* of the rows' suite column: "seeds" -> "seeds-events" */
    int targets;        /* the reference column holds the acceptance targets */
    char gold[1024];    /* directory of docs/entities/events/facts.jsonl */
    char texts[1024];   /* seeds: directory of <doc>.txt; 10kgnad: the CSV file */
    char *csv;          /* the CSV file's bytes, when texts is one */
    size_t csvlen;
    att_ctx *ctx;
    sysdoc docs[MAX_DOCS];
    int ndocs;
} suite;

/* The text field of row `row` (0-based) of 10kGNAD's CSV: "category;'text'"
 * with ' as the quote character and '' for a quote inside.  Returns a
 * malloc'd string or NULL. */
static char *csv_text(const char *s, size_t n, long row, size_t *len)
{
    const char *p = s, *end = s + n;
    for (long r = 0; p < end; r++) {
        int quoted = 0, field = 0;
        char *out = NULL;
        size_t olen = 0;
        for (; p < end; p++) {
            if (quoted) {
                if (*p == '\'' && p + 1 < end && p[1] == '\'') {
                    if (out)
                        out[olen++] = '\'';
                    p++;
                } else if (*p == '\'') {
                    quoted = 0;
                } else if (out) {
                    out[olen++] = *p;
                }
            } else if (*p == '\'') {
                quoted = 1;
            } else if (*p == ';' && field == 0) {
                field = 1;
                if (r == row && !(out = malloc((size_t)(end - p) + 1)))
                    return NULL;
            } else if (*p == '\n') {
                p++;
                break;
            } else if (out) {
                out[olen++] = *p;
            }
        }
        if (r == row) {
            if (out) {
                out[olen] = '\0';
                *len = olen;
            }
            return out;
        }
    }
    return NULL;
}

static att_doc *load_doc(suite *su, const char *name)
{
    char path[2048];
    att_reader *r = NULL;
    att_doc *doc = NULL;
    char *text = NULL;
    size_t tlen = 0;
    for (int i = 0; i < su->ndocs; i++)
        if (strcmp(su->docs[i].name, name) == 0)
            return su->docs[i].doc;
    if (su->ndocs == MAX_DOCS)
        return NULL;
    if (su->csv) {
        const char *row = strrchr(name, '-');
        snprintf(path, sizeof(path), "%s row %s", su->texts, row ? row + 1 : "?");
        text = row ? csv_text(su->csv, su->csvlen, atol(row + 1), &tlen) : NULL;
        if (text && att_reader_open_mem(su->ctx, path, text, tlen, ATT_FMT_TEXT, &r) != 0)
            r = NULL;
    } else {
        snprintf(path, sizeof(path), "%s/%s.txt", su->texts, name);
        if (att_reader_open_file(su->ctx, path, ATT_FMT_AUTO, &r) != 0)
            r = NULL;
    }
    if (r) {
        if (att_reader_next(r, &doc) == 1 && att_annotate(su->ctx, doc) != 0) {
            att_doc_free(doc);
            doc = NULL;
        }
        att_reader_close(r);
    }
    free(text);
    if (!doc)
        fprintf(stderr, "eval_seeds: %s: %s\n", path, att_errmsg(su->ctx));
    snprintf(su->docs[su->ndocs].name, sizeof(su->docs[0].name), "%s", name);
    su->docs[su->ndocs].doc = doc;
    su->ndocs++;
    return doc;
}

static json_t **load_jsonl(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0, count = 0, acap = 0;
    json_t **arr = NULL;
    *n = 0;
    if (!f)
        return NULL;
    while (getline(&line, &cap, f) > 0) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        if (!o)
            continue;
        if (count == acap) {
            acap = acap ? acap * 2 : 64;
            arr = realloc(arr, acap * sizeof(*arr));
        }
        arr[count++] = o;
    }
    free(line);
    fclose(f);
    *n = count;
    return arr;
}

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void row(const suite *su, const char *part, const char *metric, double ours, const char *ref)
{
    if (!su->targets)
        ref = "";
    if (isnan(ours))
        printf("%s-%s\t%s\t\t%s\n", su->prefix, part, metric, ref);
    else
        printf("%s-%s\t%s\t%.3f\t%s\n", su->prefix, part, metric, ours, ref);
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}
static double ratio(double a, double b)
{
    return b > 0 ? a / b : NAN;
}

/* Does s occur in doc text as a whole line or paragraph? */
static int stands_alone(const att_doc *d, const char *s)
{
    size_t n = strlen(s);
    const char *p = d->text, *end = d->text + d->len;
    while ((p = strstr(p, s)) != NULL) {
        int left = p == d->text || p[-1] == '\n';
        int right = p + n == end || p[n] == '\n';
        if (left && right)
            return 1;
        p++;
    }
    return 0;
}

static int words(const char *s)
{
    int w = 0, in = 0;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\n' || *s == '\t')
            in = 0;
        else if (!in) {
            in = 1;
            w++;
        }
    }
    return w;
}

static void eval_docs(suite *su)
{
    char path[2048];
    size_t n;
    json_t **g;
    int dct_ok = 0, title_ok = 0, bp_total = 0, bp_gone = 0, body_total = 0, body_kept = 0;
    snprintf(path, sizeof(path), "%s/docs.jsonl", su->gold);
    g = load_jsonl(path, &n);
    for (size_t i = 0; i < n; i++) {
        const char *name = jstr(g[i], "doc"), *dct = jstr(g[i], "dct"),
                   *title = jstr(g[i], "title");
        att_doc *d = name ? load_doc(su, name) : NULL;
        json_t *bp = json_object_get(g[i], "boilerplate");
        size_t k;
        json_t *v;
        if (!d)
            continue;
        dct_ok +=
            (!dct && !d->published) || (dct && d->published && strcmp(dct, d->published) == 0);
        title_ok += (!title && !d->title) || (title && d->title && strcmp(title, d->title) == 0);
        json_array_foreach(bp, k, v)
        {
            const char *s = json_string_value(v);
            int gone;
            if (!s)
                continue;
            bp_total++;
            gone = words(s) >= 3 ? strstr(d->text, s) == NULL : !stands_alone(d, s);
            bp_gone += gone;
            if (!gone && getenv("EVAL_VERBOSE"))
                fprintf(stderr, "boilerplate kept in %s: %s\n", name, s);
        }
        for (int b = 0; b < 2; b++) {
            const char *s = jstr(g[i], b ? "body_last" : "body_first");
            if (!s)
                continue;
            body_total++;
            body_kept += strstr(d->text, s) != NULL;
        }
    }
    row(su, "docs", "dct_accuracy", ratio(dct_ok, (double)n), "1.00");
    row(su, "docs", "title_accuracy", ratio(title_ok, (double)n), "1.00");
    row(su, "docs", "boilerplate_removed", ratio(bp_gone, bp_total), "1.00");
    row(su, "docs", "body_kept", ratio(body_kept, body_total), "1.00");
    for (size_t i = 0; i < n; i++)
        json_decref(g[i]);
    free(g);
}

static void eval_entities(suite *su)
{
    char path[2048];
    size_t n, tp = 0, sys = 0, surf_total = 0, surf_ok = 0;
    json_t **g;
    snprintf(path, sizeof(path), "%s/entities.jsonl", su->gold);
    g = load_jsonl(path, &n);
    for (size_t i = 0; i < n; i++) {
        const char *name = jstr(g[i], "doc"), *id = jstr(g[i], "entity");
        att_doc *d = name ? load_doc(su, name) : NULL;
        json_t *surf = json_object_get(g[i], "surface"), *v;
        const att_entity *e = NULL;
        size_t k;
        if (!d || !id)
            continue;
        for (size_t j = 0; j < d->nent; j++)
            if (d->ents[j].id && strcmp(d->ents[j].id, id) == 0)
                e = &d->ents[j];
        tp += e != NULL;
        if (!e && getenv("EVAL_VERBOSE"))
            fprintf(stderr, "missed entity %s: %s\n", name, id);
        json_array_foreach(surf, k, v)
        {
            const char *s = json_string_value(v);
            size_t sl = s ? strlen(s) : 0;
            int ok = 0;
            if (!s)
                continue;
            surf_total++;
            for (size_t m = 0; e && m < e->nmentions && !ok; m++) {
                const char *mt = d->text + e->mentions[m].start;
                size_t ml = e->mentions[m].end - e->mentions[m].start;
                /* the mention covers the surface form, or lies inside it */
                ok = (ml >= sl && memmem(mt, ml, s, sl) != NULL) ||
                     (ml < sl && memmem(s, sl, mt, ml) != NULL);
            }
            surf_ok += ok;
        }
    }
    for (int i = 0; i < su->ndocs; i++) {
        const att_doc *d = su->docs[i].doc;
        if (!d)
            continue;
        sys += d->nent;
        for (size_t j = 0; j < d->nent && getenv("EVAL_VERBOSE"); j++) {
            int found = 0;
            for (size_t k = 0; k < n && !found; k++)
                found = jstr(g[k], "doc") && jstr(g[k], "entity") && d->ents[j].id &&
                        strcmp(jstr(g[k], "doc"), su->docs[i].name) == 0 &&
                        strcmp(jstr(g[k], "entity"), d->ents[j].id) == 0;
            if (!found)
                fprintf(stderr, "extra entity %s: %s (%.*s)\n", su->docs[i].name,
                        d->ents[j].id ? d->ents[j].id : "-",
                        (int)(d->ents[j].nmentions
                                  ? d->ents[j].mentions[0].end - d->ents[j].mentions[0].start
                                  : 0),
                        d->ents[j].nmentions ? d->text + d->ents[j].mentions[0].start : "");
        }
    }
    row(su, "entities", "precision", sys ? (double)tp / (double)sys : 0, "");
    row(su, "entities", "recall", ratio((double)tp, (double)n), "");
    row(su, "entities", "f1", f1(sys ? (double)tp / (double)sys : 0, ratio((double)tp, (double)n)),
        "0.95");
    row(su, "entities", "surface_resolved", ratio((double)surf_ok, (double)surf_total), "0.95");
    for (size_t i = 0; i < n; i++)
        json_decref(g[i]);
    free(g);
}

static int same3(const char *a, const char *b)
{
    return a && b && strncmp(a, b, 3) == 0;
}

static int event_match(json_t *g, const att_event *e)
{
    const char *code = jstr(g, "code"), *src = jstr(g, "source"), *tgt = jstr(g, "target");
    int either;
    if (!code || !e->code || strncmp(code, e->code, 2) != 0)
        return 0;
    if (same3(src, e->source.code) && same3(tgt, e->target.code))
        return 1;
    either = strncmp(code, "04", 2) == 0 || strncmp(code, "05", 2) == 0 ||
             strncmp(code, "06", 2) == 0 || strcmp(code, "057") == 0;
    return either && same3(src, e->target.code) && same3(tgt, e->source.code);
}

static void eval_events(suite *su)
{
    char path[2048];
    size_t n, tp = 0, fp = 0, fn = 0, exact = 0, date_ok = 0;
    json_t **g;
    snprintf(path, sizeof(path), "%s/events.jsonl", su->gold);
    g = load_jsonl(path, &n);
    /* make sure every seed with gold is loaded, then score per document */
    for (size_t i = 0; i < n; i++)
        if (jstr(g[i], "doc"))
            load_doc(su, jstr(g[i], "doc"));
    for (int di = 0; di < su->ndocs; di++) {
        att_doc *d = su->docs[di].doc;
        char *used; /* 0 free, 1 matched, 2 absorbed by an optional gold event */
        if (!d)
            continue;
        used = calloc(d->nevent + 1, 1);
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < n; i++) {
                int optional = json_is_true(json_object_get(g[i], "optional"));
                const char *gd = jstr(g[i], "date");
                if (strcmp(jstr(g[i], "doc") ? jstr(g[i], "doc") : "", su->docs[di].name) != 0 ||
                    optional != pass)
                    continue;
                size_t j;
                for (j = 0; j < d->nevent; j++)
                    if (!used[j] && event_match(g[i], &d->events[j]))
                        break;
                if (j == d->nevent) {
                    fn += !optional;
                    if (!optional && getenv("EVAL_VERBOSE"))
                        fprintf(stderr, "missed %s: %s %s -> %s | %s\n", su->docs[di].name,
                                jstr(g[i], "code"), jstr(g[i], "source"), jstr(g[i], "target"),
                                jstr(g[i], "evidence") ? jstr(g[i], "evidence")
                                                       : jstr(g[i], "trigger"));
                    continue;
                }
                used[j] = optional ? 2 : 1;
                if (optional)
                    continue;
                tp++;
                exact += strcmp(jstr(g[i], "code"), d->events[j].code) == 0;
                date_ok +=
                    (!gd && !d->events[j].date) ||
                    (gd && d->events[j].date && strncmp(gd, d->events[j].date, strlen(gd)) == 0);
            }
        for (size_t j = 0; j < d->nevent; j++) {
            fp += used[j] == 0;
            if (used[j] == 0 && getenv("EVAL_VERBOSE")) {
                const att_event *e = &d->events[j];
                fprintf(stderr, "extra %s: %s %s -> %s %s | %.*s\n", su->docs[di].name, e->code,
                        e->source.code, e->target.code, e->date ? e->date : "-",
                        (int)(e->sentence.end - e->sentence.start), d->text + e->sentence.start);
            }
        }
        free(used);
    }
    double p = tp + fp ? (double)tp / (double)(tp + fp) : 0,
           r = ratio((double)tp, (double)(tp + fn));
    row(su, "events", "precision", p, "");
    row(su, "events", "recall", r, "");
    row(su, "events", "f1", f1(p, r), "0.85");
    row(su, "events", "exact_code", ratio((double)exact, (double)tp), "");
    row(su, "events", "date_agreement", ratio((double)date_ok, (double)tp), "0.90");
    for (size_t i = 0; i < n; i++)
        json_decref(g[i]);
    free(g);
}

static void eval_facts(suite *su)
{
    char path[2048];
    size_t n, tp = 0, sys = 0;
    json_t **g;
    snprintf(path, sizeof(path), "%s/facts.jsonl", su->gold);
    g = load_jsonl(path, &n);
    for (size_t i = 0; i < n; i++)
        if (jstr(g[i], "doc"))
            load_doc(su, jstr(g[i], "doc"));
    for (int di = 0; di < su->ndocs; di++) {
        att_doc *d = su->docs[di].doc;
        char *used;
        if (!d)
            continue;
        sys += d->nfact;
        used = calloc(d->nfact + 1, 1);
        for (size_t i = 0; i < n; i++) {
            const char *kind = jstr(g[i], "kind"), *unit = jstr(g[i], "unit");
            double v = json_number_value(json_object_get(g[i], "value"));
            if (strcmp(jstr(g[i], "doc") ? jstr(g[i], "doc") : "", su->docs[di].name) != 0)
                continue;
            for (size_t j = 0; j < d->nfact; j++) {
                const att_fact *f = &d->facts[j];
                if (used[j] || !f->kind || !f->unit || !kind || !unit ||
                    strcmp(f->kind, kind) != 0 || strcmp(f->unit, unit) != 0 ||
                    fabs(f->value - v) > fabs(v) * 0.005)
                    continue;
                used[j] = 1;
                tp++;
                break;
            }
        }
        free(used);
    }
    double p = sys ? (double)tp / (double)sys : 0, r = ratio((double)tp, (double)n);
    row(su, "figures", "precision", p, "");
    row(su, "figures", "recall", r, "");
    row(su, "figures", "f1", f1(p, r), "0.85");
    for (size_t i = 0; i < n; i++)
        json_decref(g[i]);
    free(g);
}

/* Scores one suite; skipped with a note when its gold or texts are absent. */
static int run_suite(suite *su)
{
    char p[1100];
    FILE *probe;
    snprintf(p, sizeof(p), "%s/docs.jsonl", su->gold);
    if (!(probe = fopen(p, "r"))) {
        fprintf(stderr, "eval_seeds: skipped %s: %s not found\n", su->prefix, p);
        return 0;
    }
    fclose(probe);
    if (su->csv == NULL && strstr(su->texts, ".csv")) {
        if (att__read_file(NULL, su->texts, (size_t)64 << 20, &su->csv, &su->csvlen) != 0) {
            fprintf(stderr, "eval_seeds: skipped %s: %s not found\n", su->prefix, su->texts);
            return 0;
        }
    }
    if (att_ctx_open(&su->ctx, NULL))
        return 1;
    eval_docs(su);
    eval_entities(su);
    eval_events(su);
    eval_facts(su);
    for (int i = 0; i < su->ndocs; i++)
        att_doc_free(su->docs[i].doc);
    att_ctx_close(su->ctx);
    free(su->csv);
    return 0;
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared";
    static suite seeds = {.prefix = "seeds", .targets = 1}, dev = {.prefix = "dev-10kgnad"};
    snprintf(seeds.gold, sizeof(seeds.gold), "%s/gold/seeds", shared);
    snprintf(seeds.texts, sizeof(seeds.texts), "%s/seeds", shared);
    snprintf(dev.gold, sizeof(dev.gold), "eval/gold/10kgnad");
    snprintf(dev.texts, sizeof(dev.texts), "%s/data/10kgnad/test.csv", shared);
    return run_suite(&seeds) || run_suite(&dev);
}

/*
 * eval_petrarch.c - attache's English coder on PETRARCH2's validation
 * records (real news sentences with the codings PETRARCH2 is expected to
 * produce).
 *
 *   build/eval/eval_petrarch SHARED      (SHARED = ../shared)
 *
 * Reads SHARED/data/cameo/PETR2_GSR_validation.xml — each <Sentence> with
 * its date, the expected <EventCoding> records (or noevents) and the
 * <Text> — codes each text as one English document dated by the record,
 * and scores at the root level: a system event matches an expected one
 * with the same root and the same source and target countries (first three
 * letters of the actor codes; either direction for roots 04, 05, 06 and
 * code 057, as in the seed scoring).  Each expected coding matches at most
 * one system event.  Prints TSV rows "suite metric ours reference".
 *
 * The file is not well-formed XML (its header comment quotes a tag), so it
 * is read with a small scanner for the three elements it needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"

#define MAX_EXPECTED 16

typedef struct expect {
    char code[8], src[16], tgt[16];
} expect;

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long len;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)len + 1);
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[len] = '\0';
    fclose(f);
    *n = (size_t)len;
    return buf;
}

/* Copies attribute name="value" of the tag starting at p (up to '>'). */
static int attr(const char *p, const char *name, char *out, size_t cap)
{
    const char *end = strchr(p, '>'), *a;
    char key[64];
    snprintf(key, sizeof(key), " %s=\"", name);
    a = strstr(p, key);
    if (!a || (end && a > end))
        return 0;
    a += strlen(key);
    size_t i = 0;
    while (a[i] && a[i] != '"' && i + 1 < cap) {
        out[i] = a[i];
        i++;
    }
    out[i] = '\0';
    return 1;
}

static int same3(const char *a, const char *b)
{
    return a && b && strlen(a) >= 3 && strlen(b) >= 3 && strncmp(a, b, 3) == 0;
}

static int matches(const expect *x, const att_event *e)
{
    int either;
    if (strncmp(x->code, e->code, 2) != 0)
        return 0;
    if (same3(x->src, e->source.code) && same3(x->tgt, e->target.code))
        return 1;
    either = strncmp(x->code, "04", 2) == 0 || strncmp(x->code, "05", 2) == 0 ||
             strncmp(x->code, "06", 2) == 0 || strcmp(x->code, "057") == 0;
    return either && same3(x->src, e->target.code) && same3(x->tgt, e->source.code);
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared";
    char path[2048];
    size_t len, nexp_total = 0, nsys = 0, tp = 0, tp_exact = 0, nsent = 0;
    char *buf, *p;
    att_ctx *ctx = NULL;
    int verbose = getenv("EVAL_VERBOSE") != NULL;

    snprintf(path, sizeof(path), "%s/data/cameo/PETR2_GSR_validation.xml", shared);
    buf = slurp(path, &len);
    if (!buf) {
        fprintf(stderr, "eval_petrarch: skipped: %s not found\n", path);
        return 0;
    }
    if (att_ctx_open(&ctx, NULL)) {
        free(buf);
        return 1;
    }
    p = strstr(buf, "<Sentences>");
    while (p && (p = strstr(p, "<Sentence ")) != NULL) {
        char date[16] = "", iso[16] = "", evaluate[16] = "true";
        expect ex[MAX_EXPECTED];
        size_t nex = 0;
        char *next = strstr(p + 1, "<Sentence "), *text, *tend;
        char *q = p;
        att_doc *doc = NULL;
        att_meta meta = {0};
        attr(p, "date", date, sizeof(date));
        attr(p, "evaluate", evaluate, sizeof(evaluate));
        while ((q = strstr(q + 1, "<EventCoding ")) != NULL && (!next || q < next)) {
            char code[8];
            if (nex < MAX_EXPECTED && attr(q, "eventcode", code, sizeof(code))) {
                snprintf(ex[nex].code, sizeof(ex[nex].code), "%s", code);
                attr(q, "sourcecode", ex[nex].src, sizeof(ex[nex].src));
                attr(q, "targetcode", ex[nex].tgt, sizeof(ex[nex].tgt));
                nex++;
            }
        }
        text = strstr(p, "<Text>");
        if (!text || (next && text > next) || strcmp(evaluate, "true") != 0) {
            p = next;
            continue;
        }
        text += 6;
        tend = strstr(text, "</Text>");
        if (!tend) {
            p = next;
            continue;
        }
        if (strlen(date) == 8)
            snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2s", date, date + 4, date + 6);
        meta.lang = "en";
        meta.published = iso[0] ? iso : NULL;
        /* the text is wrapped across lines: one paragraph */
        for (char *c = text; c < tend; c++)
            if (*c == '\n')
                *c = ' ';
        if (att_doc_from_text(ctx, text, (size_t)(tend - text), &meta, &doc) == 0 &&
            att_annotate(ctx, doc) == 0) {
            char used[64] = {0};
            nsent++;
            nexp_total += nex;
            nsys += doc->nevent;
            for (size_t i = 0; i < nex; i++) {
                int hit = 0;
                for (size_t j = 0; j < doc->nevent && j < sizeof(used) && !hit; j++)
                    if (!used[j] && matches(&ex[i], &doc->events[j])) {
                        used[j] = 1;
                        hit = 1;
                        tp++;
                        tp_exact += strcmp(ex[i].code, doc->events[j].code) == 0;
                    }
                if (!hit && verbose)
                    fprintf(stderr, "missed %s %s -> %s | %.*s\n", ex[i].code, ex[i].src,
                            ex[i].tgt, (int)(tend - text > 150 ? 150 : tend - text), text);
            }
            for (size_t j = 0; j < doc->nevent && j < sizeof(used); j++)
                if (!used[j] && verbose)
                    fprintf(stderr, "extra %s %s -> %s | %.*s\n", doc->events[j].code,
                            doc->events[j].source.code, doc->events[j].target.code,
                            (int)(tend - text > 150 ? 150 : tend - text), text);
        }
        att_doc_free(doc);
        p = next;
    }
    {
        double prec = nsys ? (double)tp / (double)nsys : 0;
        double rec = nexp_total ? (double)tp / (double)nexp_total : 0;
        printf("petrarch2-validation\tsentences\t%zu\t\n", nsent);
        printf("petrarch2-validation\troot_precision\t%.3f\t0.70\n", prec);
        printf("petrarch2-validation\troot_recall\t%.3f\t\n", rec);
        printf("petrarch2-validation\troot_f1\t%.3f\t\n",
               prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0);
        printf("petrarch2-validation\texact_code_of_matched\t%.3f\t\n",
               tp ? (double)tp_exact / (double)tp : 0);
    }
    att_ctx_close(ctx);
    free(buf);
    return 0;
}

/*
 * ud_eval.c - tokenizer and sentence splitter against Universal Dependencies
 * gold (CoNLL-U).
 *
 *   build/eval/ud_eval SUITE FILE.conllu [--errors | --token-errors | --scores]
 *                      [--threshold T | --no-model | --model FILE] [--no-informal]
 *                      [--strip P]
 *   build/eval/ud_eval --speed FILE [ROUNDS]
 *
 * A document is the run of sentences between "# newdoc" comments; a file
 * without any (UD German GSD) is read as one document.  Its input text is
 * the "# text = " lines joined with one space (so no line or paragraph
 * breaks help the splitter).  Gold sentence spans are those lines' offsets
 * in the joined text; gold tokens are the surface forms of the word lines
 * (for a multiword token such as "1-2 zum" the range's form), found in
 * order in the sentence text.  A system sentence or token counts as right
 * when its [start,end) span equals a gold one.  The text goes through
 * att__text_normalize() first; a document whose text it changes (offsets
 * would shift) is skipped and counted on stderr.
 *
 * Output (TSV on stdout): suite, metric, ours, reference.  The reference
 * column is empty: published UD scores come from raw-text evaluations with
 * a different setup, so they are not comparable.  --errors prints the
 * sentence boundaries that differ to stderr, --token-errors the system tokens
 * that are not gold tokens, --scores the boundary model's score at every
 * gap it decides (gold label, score, context); all for tuning on dev data.  --threshold
 * overrides the boundary model's threshold (scripts/train-sbd tunes it on
 * dev), --no-model splits by the rules alone, --model uses a model file
 * instead of the embedded one, --no-informal keeps the threshold in text the
 * model finds informal (sbd.h, ATT__SBD_INFORMAL_DROP).  --strip P (a stress test for tuning)
 * removes the final . ! ? of a share P of the sentences, chosen by a fixed
 * pseudo-random stream, as in web text without full stops.
 *
 * --speed reads FILE as one plain-text document and prints the tokenizer's
 * and the splitter's throughput in MB/s (best of ROUNDS runs, default 5),
 * the splitter with its boundary model and with the rules alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lang/lang.h"
#include "lang/sbd.h"

typedef struct counts {
    size_t gold_s, sys_s, ok_s;
    size_t gold_b, sys_b, ok_b; /* sentence ends inside documents */
    size_t gold_t, sys_t, ok_t;
    size_t docs, skipped;
} counts;

typedef struct gold {
    att_buf text;
    att_span *sents;
    size_t nsent, csent;
    att_span *toks;
    size_t ntok, ctok;
    size_t sent_at; /* where the current sentence starts in text */
    size_t tok_at;  /* where the next gold token is searched */
    long skip_to;   /* word ids covered by a multiword token */
    size_t lost;    /* gold tokens not found in the text */
    double strip;   /* share of sentences whose final mark is removed */
    uint64_t rng;   /* the fixed pseudo-random stream for strip */
} gold;

static size_t match_spans(const att_span *g, size_t ng, const att_span *s, size_t ns,
                          size_t sstride)
{
    size_t i = 0, j = 0, ok = 0;
    while (i < ng && j < ns) {
        const att_span *sj = (const att_span *)((const char *)s + j * sstride);
        if (g[i].start == sj->start && g[i].end == sj->end) {
            ok++;
            i++;
            j++;
        } else if (g[i].start < sj->start || (g[i].start == sj->start && g[i].end < sj->end)) {
            i++;
        } else {
            j++;
        }
    }
    return ok;
}

static void print_context(const char *text, size_t len, size_t at, const char *what)
{
    size_t a = at > 60 ? at - 60 : 0, b = at + 60 < len ? at + 60 : len;
    fprintf(stderr, "%s: %.*s|%.*s\n", what, (int)(at - a), text + a, (int)(b - at), text + at);
}

/* Reports gold sentence ends the system missed and system ends not in gold. */
static void print_errors(const att_doc *doc, const gold *g)
{
    size_t i = 0, j = 0;
    while (i < g->nsent || j < doc->nsent) {
        uint32_t ge = i < g->nsent ? g->sents[i].end : UINT32_MAX;
        uint32_t se = j < doc->nsent ? doc->sents[j].end : UINT32_MAX;
        if (ge == se) {
            i++;
            j++;
        } else if (ge < se) {
            print_context(doc->text, doc->len, ge, "MISSED");
            i++;
        } else {
            print_context(doc->text, doc->len, se, "EXTRA ");
            j++;
        }
    }
}

/* Reports system tokens that are not gold tokens, with their text. */
static void print_token_errors(const att_doc *doc, const gold *g)
{
    size_t i = 0;
    for (size_t j = 0; j < doc->ntok; j++) {
        const att_token *t = &doc->toks[j];
        while (i < g->ntok && g->toks[i].start < t->start)
            i++;
        if (i < g->ntok && g->toks[i].start == t->start && g->toks[i].end == t->end)
            continue;
        fprintf(stderr, "TOKEN: %.*s\n", (int)(t->end - t->start), doc->text + t->start);
    }
}

/* Prints every gap the boundary model decides: gold label (1 = a gold
 * sentence ends there), score, context; the sentence so far starts at the
 * previous gold boundary. */
static void print_scores(const att_doc *doc, const gold *g, const att__sbd_model *m)
{
    size_t e = 0;
    uint32_t feats[ATT__SBD_MAXF];
    att__sbd_gap gap = {0, 0, doc->ntok, 0};
    for (size_t i = 0; i < doc->ntok; i++) {
        uint32_t end = doc->toks[i].end;
        int label;
        while (e < g->nsent && g->sents[e].end < end)
            e++;
        label = e < g->nsent && g->sents[e].end == end;
        if (att__sbd_candidate(doc, i, doc->ntok)) {
            size_t nf;
            gap.i = i;
            nf = att__sbd_features(m, doc, &gap, feats);
            fprintf(stderr, "SCORE\t%d\t%.2f\t", label, att__sbd_score(m, feats, nf));
            print_context(doc->text, doc->len, end, "");
        }
        if (label) {
            gap.first = i + 1;
            gap.hist = (gap.hist << 1 | !att__sbd_marked_end(doc, i)) & 15u;
        }
    }
}

static int run_doc(gold *g, counts *c, int errors, const att__split_cfg *cfg)
{
    char *norm = NULL;
    size_t nlen;
    att_doc *doc = NULL;
    int rc;

    if (g->nsent == 0)
        return 0;
    c->docs++;
    if ((rc = att__text_normalize(NULL, g->text.data, g->text.len, &norm, &nlen)))
        return rc;
    if (nlen != g->text.len || memcmp(norm, g->text.data, nlen) != 0) {
        free(norm);
        c->skipped++;
        return 0;
    }
    if ((rc = att__doc_new(NULL, norm, nlen, &doc)))
        return rc;
    doc->lang = att__langid(doc->text, doc->len, NULL);
    if ((rc = att__tokenize(doc)) || (rc = att__split_sentences_cfg(doc, cfg)))
        goto cleanup;
    c->gold_s += g->nsent;
    c->sys_s += doc->nsent;
    c->ok_s += match_spans(g->sents, g->nsent, doc->sents, doc->nsent, sizeof(att_span));
    c->gold_b += g->nsent - 1;
    c->sys_b += doc->nsent ? doc->nsent - 1 : 0;
    for (size_t i = 0, j = 0; i + 1 < g->nsent && j + 1 < doc->nsent;) {
        if (g->sents[i].end == doc->sents[j].end) {
            c->ok_b++;
            i++;
            j++;
        } else if (g->sents[i].end < doc->sents[j].end) {
            i++;
        } else {
            j++;
        }
    }
    c->gold_t += g->ntok + g->lost;
    c->sys_t += doc->ntok;
    c->ok_t += match_spans(g->toks, g->ntok, (const att_span *)doc->toks, doc->ntok,
                           sizeof(att_token));
    if (errors == 1)
        print_errors(doc, g);
    else if (errors == 2)
        print_token_errors(doc, g);
    else if (errors == 3 && cfg->model)
        print_scores(doc, g, cfg->model);
cleanup:
    att_doc_free(doc);
    return rc;
}

static void gold_reset(gold *g)
{
    att__buf_reset(&g->text);
    g->nsent = g->ntok = g->lost = 0;
    g->skip_to = 0;
}

/* Adds one sentence text (trimmed) to the document. */
static int add_sentence(gold *g, const char *s, size_t n)
{
    att_span sp;
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    if (n == 0)
        return 0;
    if (g->strip > 0) {
        /* a stress test: drop the sentence's final . ! ? run (after a letter
         * or digit) as web text often does */
        uint64_t z = (g->rng += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z ^= z >> 31;
        if ((double)(z >> 11) / 9007199254740992.0 < g->strip) {
            size_t k = n;
            while (k && (s[k - 1] == '.' || s[k - 1] == '!' || s[k - 1] == '?'))
                k--;
            if (k < n && k > 0 && ((unsigned char)s[k - 1] >= 0x80 ||
                                   (s[k - 1] >= '0' && s[k - 1] <= '9') ||
                                   ((s[k - 1] | 0x20) >= 'a' && (s[k - 1] | 0x20) <= 'z')))
                n = k;
        }
    }
    if (g->text.len && att__buf_addc(&g->text, ' '))
        return ATT_ENOMEM;
    g->sent_at = g->tok_at = g->text.len;
    if (att__buf_add(&g->text, s, n))
        return ATT_ENOMEM;
    sp.start = (uint32_t)g->sent_at;
    sp.end = (uint32_t)g->text.len;
    return ATT_PUSH(g->sents, g->nsent, g->csent, sp);
}

/* Finds a gold token's form in the current sentence after the last one. */
static int add_token(gold *g, const char *form, size_t n)
{
    const char *t = g->text.data;
    size_t end = g->text.len, i = g->tok_at;
    att_span sp;
    while (i < end && t[i] == ' ')
        i++;
    if (n == 0 || i + n > end || memcmp(t + i, form, n) != 0) {
        /* not where expected: search ahead in the sentence */
        const char *hit = NULL;
        for (size_t k = g->tok_at; k + n <= end && n; k++)
            if (memcmp(t + k, form, n) == 0) {
                hit = t + k;
                break;
            }
        if (!hit) {
            g->lost++; /* still a gold token: counts against recall */
            return 0;
        }
        i = (size_t)(hit - t);
    }
    sp.start = (uint32_t)i;
    sp.end = (uint32_t)(i + n);
    g->tok_at = i + n;
    return ATT_PUSH(g->toks, g->ntok, g->ctok, sp);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* --speed: tokenizer and splitter throughput on one plain-text document. */
static int speed(const char *prog, const char *path, int rounds)
{
    char *data = NULL;
    size_t len = 0;
    att_doc *doc = NULL;
    double best_tok = 1e30, best_split = 1e30, best_rules = 1e30;
    att__split_cfg rules = {NULL, 0, 1, 0};
    int rc;
    if ((rc = att__read_file(NULL, path, (size_t)1 << 30, &data, &len))) {
        fprintf(stderr, "%s: cannot read %s (%s)\n", prog, path, att_strerror(rc));
        return 1;
    }
    rc = att_doc_from_text(NULL, data, len, NULL, &doc);
    free(data);
    if (rc) {
        fprintf(stderr, "%s: %s\n", prog, att_strerror(rc));
        return 1;
    }
    doc->lang = att__langid(doc->text, doc->len, NULL);
    for (int r = 0; r < rounds && rc == 0; r++) {
        double t0 = now(), t1, t2, t3;
        rc = att__tokenize(doc);
        t1 = now();
        if (rc == 0)
            rc = att__split_sentences_cfg(doc, &rules);
        t2 = now();
        if (rc == 0)
            rc = att__split_sentences(doc);
        t3 = now();
        if (t1 - t0 < best_tok)
            best_tok = t1 - t0;
        if (t2 - t1 < best_rules)
            best_rules = t2 - t1;
        if (t3 - t2 < best_split)
            best_split = t3 - t2;
    }
    if (rc == 0)
        printf("speed\tbytes\t%zu\tlang\t%s\ttokens\t%zu\tsentences\t%zu\ttokenizer_mb_s\t%.1f\t"
               "splitter_mb_s\t%.1f\trules_only_mb_s\t%.1f\n",
               doc->len, doc->lang, doc->ntok, doc->nsent, (double)doc->len / 1e6 / best_tok,
               (double)doc->len / 1e6 / best_split, (double)doc->len / 1e6 / best_rules);
    att_doc_free(doc);
    return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
    char *data = NULL, *mdata = NULL;
    size_t len = 0, mlen = 0;
    gold g;
    counts c;
    int rc, errors = 0, boundaries = 0;
    att__split_cfg cfg;

    if (argc >= 3 && strcmp(argv[1], "--speed") == 0)
        return speed(argv[0], argv[2], argc > 3 ? atoi(argv[3]) : 5);
    if (argc < 3) {
        fprintf(stderr,
                "usage: %s SUITE FILE.conllu [--errors|--token-errors] "
                "[--threshold T|--no-model|--model FILE] [--no-informal]\n       %s --speed FILE "
                "[ROUNDS]\n",
                argv[0], argv[0]);
        return 2;
    }
    memset(&g, 0, sizeof(g));
    cfg.model = att__sbd_model_default();
    cfg.threshold = cfg.model ? cfg.model->threshold : 0;
    cfg.starters = 1;
    cfg.informal_drop = ATT__SBD_INFORMAL_DROP;
    for (int a = 3; a < argc; a++) {
        if (strcmp(argv[a], "--errors") == 0)
            errors = 1;
        else if (strcmp(argv[a], "--token-errors") == 0)
            errors = 2;
        else if (strcmp(argv[a], "--scores") == 0)
            errors = 3;
        else if (strcmp(argv[a], "--boundaries") == 0)
            boundaries = 1;
        else if (strcmp(argv[a], "--strip") == 0 && a + 1 < argc)
            g.strip = atof(argv[++a]);
        else if (strcmp(argv[a], "--no-model") == 0)
            cfg.model = NULL;
        else if (strcmp(argv[a], "--no-informal") == 0)
            cfg.informal_drop = 0;
        else if (strcmp(argv[a], "--threshold") == 0 && a + 1 < argc)
            cfg.threshold = (float)atof(argv[++a]);
        else if (strcmp(argv[a], "--model") == 0 && a + 1 < argc) {
            /* read into 8-byte aligned memory (malloc) and keep it */
            if (att__read_file(NULL, argv[++a], (size_t)1 << 28, &mdata, &mlen) ||
                !(cfg.model = att__sbd_model_from_blob(mdata, mlen))) {
                fprintf(stderr, "%s: %s is not a boundary model\n", argv[0], argv[a]);
                return 1;
            }
            cfg.threshold = cfg.model->threshold;
        }
    }
    memset(&c, 0, sizeof(c));
    att__buf_init(&g.text, ATT_BUF_DEFAULT_MAX);
    if ((rc = att__read_file(NULL, argv[2], (size_t)1 << 30, &data, &len))) {
        fprintf(stderr, "%s: cannot read %s (%s)\n", argv[0], argv[2], att_strerror(rc));
        return 1;
    }
    for (size_t p = 0; p < len && rc == 0;) {
        const char *line = data + p, *nl = memchr(line, '\n', len - p);
        size_t n = nl ? (size_t)(nl - line) : len - p;
        p += n + 1;
        if (n >= 8 && memcmp(line, "# newdoc", 8) == 0) {
            rc = run_doc(&g, &c, errors, &cfg);
            gold_reset(&g);
        } else if (n >= 9 && memcmp(line, "# text = ", 9) == 0) {
            rc = add_sentence(&g, line + 9, n - 9);
        } else if (n > 0 && line[0] >= '0' && line[0] <= '9') {
            /* ID FORM ...: skip empty nodes (8.1) and words inside a range */
            char *end;
            long id = strtol(line, &end, 10), to = id;
            const char *tab, *form;
            if (*end == '.')
                continue;
            if (*end == '-')
                to = strtol(end + 1, &end, 10);
            if (*end != '\t')
                continue;
            if (to == id && id <= g.skip_to)
                continue;
            if (to != id)
                g.skip_to = to;
            form = end + 1;
            tab = memchr(form, '\t', (size_t)(line + n - form));
            if (!tab)
                continue;
            rc = add_token(&g, form, (size_t)(tab - form));
        } else if (n == 0) {
            g.skip_to = 0;
        }
    }
    if (rc == 0)
        rc = run_doc(&g, &c, errors, &cfg);
    free(data);
    free(mdata);
    att__buf_free(&g.text);
    free(g.sents);
    free(g.toks);
    if (rc) {
        fprintf(stderr, "%s: %s\n", argv[0], att_strerror(rc));
        return 1;
    }
    if (c.skipped)
        fprintf(stderr, "%s: %zu of %zu documents skipped (text not in normal form)\n", argv[0],
                c.skipped, c.docs);
    {
        double sp = c.sys_s ? (double)c.ok_s / (double)c.sys_s : 0.0;
        double sr = c.gold_s ? (double)c.ok_s / (double)c.gold_s : 0.0;
        double tp = c.sys_t ? (double)c.ok_t / (double)c.sys_t : 0.0;
        double tr = c.gold_t ? (double)c.ok_t / (double)c.gold_t : 0.0;
        const char *s = argv[1];
        printf("%s\tsentence_precision\t%.4f\t\n", s, sp);
        printf("%s\tsentence_recall\t%.4f\t\n", s, sr);
        printf("%s\tsentence_f1\t%.4f\t\n", s, sp + sr > 0 ? 2 * sp * sr / (sp + sr) : 0.0);
        if (boundaries) {
            double bp = c.sys_b ? (double)c.ok_b / (double)c.sys_b : 0.0;
            double br = c.gold_b ? (double)c.ok_b / (double)c.gold_b : 0.0;
            printf("%s\tboundary_precision\t%.4f\t\n", s, bp);
            printf("%s\tboundary_recall\t%.4f\t\n", s, br);
        }
        printf("%s\ttoken_precision\t%.4f\t\n", s, tp);
        printf("%s\ttoken_recall\t%.4f\t\n", s, tr);
        printf("%s\ttoken_f1\t%.4f\t\n", s, tp + tr > 0 ? 2 * tp * tr / (tp + tr) : 0.0);
    }
    if (fflush(stdout) != 0 || ferror(stdout))
        return 1;
    return 0;
}

/*
 * output.c - printing query rows as a table, JSON Lines, CSV or TSV.
 *
 * A table is for people: columns aligned by display width (utf8proc knows
 * how wide a character is on a terminal), long cells cut with an ellipsis.
 * The other formats are for programs and print every byte of every cell.
 */
#include <string.h>
#include <utf8proc.h>

#include "cli.h"

#define CELL_MAX_WIDTH 60

/* Display width of s, stopping after max columns; *bytes gets the byte
 * length that fits. */
static size_t width_of(const char *s, size_t max, size_t *bytes)
{
    size_t w = 0, i = 0, n = strlen(s);
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t adv = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                (utf8proc_ssize_t)(n - i), &cp);
        int cw;
        if (adv <= 0)
            break;
        cw = cp == '\n' || cp == '\t' ? 1 : utf8proc_charwidth(cp);
        if (cw < 0)
            cw = 0;
        if (w + (size_t)cw > max)
            break;
        w += (size_t)cw;
        i += (size_t)adv;
    }
    if (bytes)
        *bytes = i;
    return w;
}

static void put_cell(FILE *out, const char *s, size_t colw, int pad)
{
    size_t bytes, w, n = strlen(s);
    int cut;
    w = width_of(s, colw, &bytes);
    cut = bytes < n;
    if (cut) {
        w = width_of(s, colw - 1, &bytes);
    }
    for (size_t i = 0; i < bytes; i++)
        fputc(s[i] == '\n' || s[i] == '\t' ? ' ' : s[i], out);
    if (cut) {
        fputs("…", out);
        w++;
    }
    for (; pad && w < colw; w++)
        fputc(' ', out);
}

static void print_table(const att_rows *rows, FILE *out)
{
    size_t nc = att_rows_ncols(rows), nr = att_rows_count(rows);
    size_t widths[64];
    if (nc > 64)
        nc = 64;
    for (size_t c = 0; c < nc; c++) {
        widths[c] = width_of(att_rows_colname(rows, c), CELL_MAX_WIDTH, NULL);
        for (size_t r = 0; r < nr; r++) {
            const char *v = att_rows_get(rows, r, c);
            size_t w = width_of(v ? v : "", CELL_MAX_WIDTH + 1, NULL);
            if (w > widths[c])
                widths[c] = w > CELL_MAX_WIDTH ? CELL_MAX_WIDTH : w;
        }
    }
    for (size_t c = 0; c < nc; c++) {
        put_cell(out, att_rows_colname(rows, c), widths[c], c + 1 < nc);
        fputs(c + 1 < nc ? "  " : "\n", out);
    }
    for (size_t c = 0; c < nc; c++) {
        for (size_t i = 0; i < widths[c]; i++)
            fputs("─", out);
        fputs(c + 1 < nc ? "  " : "\n", out);
    }
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            const char *v = att_rows_get(rows, r, c);
            put_cell(out, v ? v : "", widths[c], c + 1 < nc);
            fputs(c + 1 < nc ? "  " : "\n", out);
        }
    fprintf(out, "(%zu row%s)\n", nr, nr == 1 ? "" : "s");
}


static void csv_cell(FILE *out, const char *s, char sep)
{
    if (!s)
        return;
    if (sep == '\t') {
        for (; *s; s++)
            fputs(*s == '\t' ? "\\t" : *s == '\n' ? "\\n" : *s == '\\' ? "\\\\" : (char[2]){*s, 0},
                  out);
        return;
    }
    att_csv_fputs(out, s);
}

int cli_print_rows(cli *c, const att_rows *rows, FILE *out)
{
    size_t nc = att_rows_ncols(rows), nr = att_rows_count(rows);
    char sep = c->fmt == CLI_FMT_TSV ? '\t' : ',';
    switch (c->fmt) {
    case CLI_FMT_TABLE:
    case CLI_FMT_AUTO:
        print_table(rows, out);
        break;
    case CLI_FMT_JSON:
        for (size_t r = 0; r < nr; r++) {
            fputc('{', out);
            for (size_t k = 0; k < nc; k++) {
                if (k)
                    fputc(',', out);
                att_json_fputs(out, att_rows_colname(rows, k));
                fputc(':', out);
                att_json_fputs(out, att_rows_get(rows, r, k));
            }
            fputs("}\n", out);
        }
        break;
    case CLI_FMT_CSV:
    case CLI_FMT_TSV:
        for (size_t k = 0; k < nc; k++) {
            csv_cell(out, att_rows_colname(rows, k), sep);
            fputc(k + 1 < nc ? sep : '\n', out);
        }
        for (size_t r = 0; r < nr; r++)
            for (size_t k = 0; k < nc; k++) {
                csv_cell(out, att_rows_get(rows, r, k), sep);
                fputc(k + 1 < nc ? sep : '\n', out);
            }
        break;
    }
    return CLI_OK;
}

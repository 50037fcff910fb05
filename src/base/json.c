/*
 * json.c - JSON string escaping for the writers (extract output, API).
 *
 * Input is valid UTF-8 (readers guarantee it), so only the characters JSON
 * requires are escaped; U+2028 and U+2029 are escaped too, so the output is
 * also safe to embed in JavaScript.
 */
#include <stdio.h>
#include <string.h>

#include "base.h"

int att__json_str(att_buf *b, const char *s, size_t n)
{
    size_t run = 0;
    if (!s)
        return att__buf_add(b, "null", 4);
    if (att__buf_addc(b, '"'))
        return ATT_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char tmp[8];
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == '\t')
            esc = "\\t";
        else if (c < 0x20) {
            snprintf(tmp, sizeof(tmp), "\\u%04x", c);
            esc = tmp;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            esc = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            if (att__buf_add(b, s + i - run, run) || att__buf_adds(b, esc))
                return ATT_ENOMEM;
            run = 0;
            i += 2;
            continue;
        }
        if (esc) {
            if (att__buf_add(b, s + i - run, run) || att__buf_adds(b, esc))
                return ATT_ENOMEM;
            run = 0;
        } else {
            run++;
        }
    }
    if (att__buf_add(b, s + n - run, run))
        return ATT_ENOMEM;
    return att__buf_addc(b, '"');
}

int att__json_cstr(att_buf *b, const char *s)
{
    return att__json_str(b, s, s ? strlen(s) : 0);
}

int att_json_fputs(FILE *out, const char *s)
{
    att_buf b;
    int rc;
    att__buf_init(&b, 0);
    rc = att__json_cstr(&b, s);
    if (rc == 0 && fwrite(b.data, 1, b.len, out) != b.len)
        rc = ATT_EIO;
    att__buf_free(&b);
    return rc;
}

int att_csv_fputs(FILE *out, const char *s)
{
    if (!s)
        return 0;
    if (!strpbrk(s, ",\"\n\r"))
        return fputs(s, out) < 0 ? ATT_EIO : 0;
    if (fputc('"', out) == EOF)
        return ATT_EIO;
    for (; *s; s++)
        if ((*s == '"' && fputc('"', out) == EOF) || fputc(*s, out) == EOF)
            return ATT_EIO;
    return fputc('"', out) == EOF ? ATT_EIO : 0;
}

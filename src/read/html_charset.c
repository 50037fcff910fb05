/*
 * html_charset.c - which encoding a web page is in, and decoding it.
 *
 * The order of evidence follows what works on real pages rather than the
 * letter of the HTML standard: a byte-order mark is certain; bytes that are
 * valid UTF-8 and not plain ASCII are UTF-8 whatever the page declares
 * (a Latin-1 page is almost never valid UTF-8 by accident, while pages
 * that declare Latin-1 and send UTF-8 are common); then the HTTP header,
 * then a declaration in the first 16 KiB (<meta charset>, <meta
 * http-equiv=Content-Type>, <?xml encoding?>); else windows-1252, the
 * encoding browsers fall back to (and a superset of ISO-8859-1, which is
 * therefore read as windows-1252 too).
 *
 * Decoding never fails on bad bytes: UTF-8 and windows-1252 are decoded
 * here (the common cases, no iconv state), anything else through iconv;
 * an undecodable byte becomes U+FFFD and decoding goes on, so the text
 * handed to libxml2 is always valid UTF-8.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "html.h"

#define PRESCAN_BYTES 16384

/* Names pages use, mapped to the one iconv is given (WHATWG's aliases). */
static const struct {
    const char *alias, *name;
} aliases[] = {
    {"utf-8", "UTF-8"},
    {"utf8", "UTF-8"},
    {"unicode-1-1-utf-8", "UTF-8"},
    {"iso-8859-1", "WINDOWS-1252"},
    {"iso8859-1", "WINDOWS-1252"},
    {"latin1", "WINDOWS-1252"},
    {"latin-1", "WINDOWS-1252"},
    {"l1", "WINDOWS-1252"},
    {"us-ascii", "WINDOWS-1252"},
    {"ascii", "WINDOWS-1252"},
    {"iso_8859-1", "WINDOWS-1252"},
    {"cp1252", "WINDOWS-1252"},
    {"windows-1252", "WINDOWS-1252"},
    {"x-cp1252", "WINDOWS-1252"},
    {"cp819", "WINDOWS-1252"},
    {"iso-8859-15", "ISO-8859-15"},
    {"latin9", "ISO-8859-15"},
    {"iso-8859-2", "ISO-8859-2"},
    {"latin2", "ISO-8859-2"},
    {"windows-1250", "WINDOWS-1250"},
    {"cp1250", "WINDOWS-1250"},
    {"windows-1251", "WINDOWS-1251"},
    {"cp1251", "WINDOWS-1251"},
    {"koi8-r", "KOI8-R"},
    {"koi8-u", "KOI8-U"},
    {"iso-8859-5", "ISO-8859-5"},
    {"iso-8859-7", "ISO-8859-7"},
    {"windows-1253", "WINDOWS-1253"},
    {"iso-8859-9", "WINDOWS-1254"},
    {"windows-1254", "WINDOWS-1254"},
    {"windows-1257", "WINDOWS-1257"},
    {"shift_jis", "SHIFT_JIS"},
    {"shift-jis", "SHIFT_JIS"},
    {"sjis", "SHIFT_JIS"},
    {"euc-jp", "EUC-JP"},
    {"iso-2022-jp", "ISO-2022-JP"},
    {"gb2312", "GBK"},
    {"gbk", "GBK"},
    {"gb18030", "GB18030"},
    {"big5", "BIG5"},
    {"euc-kr", "EUC-KR"},
    {"ks_c_5601-1987", "EUC-KR"},
    {"utf-16", "UTF-16LE"},
    {"utf-16le", "UTF-16LE"},
    {"utf-16be", "UTF-16BE"},
};

/* windows-1252 bytes 0x80-0x9F (0 where the code page leaves a hole: those
 * bytes decode to the C1 control of the same number, like browsers do). */
const unsigned short att__html_cp1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Copies the canonical name of the charset label s[0..n) into name, or
 * returns 0 when the label is empty or too long to be one. */
static int canonical(const char *s, size_t n, char name[ATT_CHARSET_MAX])
{
    char low[ATT_CHARSET_MAX];
    while (n && (isspace((unsigned char)*s) || *s == '"' || *s == '\''))
        s++, n--;
    while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == '"' || s[n - 1] == '\''))
        n--;
    if (n == 0 || n >= ATT_CHARSET_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    low[n] = '\0';
    for (size_t i = 0; i < ATT_ARRAY_LEN(aliases); i++)
        if (strcmp(low, aliases[i].alias) == 0) {
            strcpy(name, aliases[i].name);
            return 1;
        }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)low[i];
        if (!isalnum(c) && c != '-' && c != '_' && c != '.' && c != ':')
            return 0;
        name[i] = (char)toupper(c);
    }
    name[n] = '\0';
    return 1;
}

/* The value after "charset=" in s[0..n), as a label span; 0 if none. */
static int charset_param(const char *s, size_t n, const char **v, size_t *vn)
{
    for (size_t i = 0; i + 7 < n; i++) {
        size_t j;
        if (strncasecmp(s + i, "charset", 7) != 0)
            continue;
        j = i + 7;
        while (j < n && isspace((unsigned char)s[j]))
            j++;
        if (j >= n || s[j] != '=')
            continue;
        j++;
        while (j < n && (isspace((unsigned char)s[j]) || s[j] == '"' || s[j] == '\''))
            j++;
        *v = s + j;
        while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '-' || s[j] == '_' ||
                         s[j] == '.' || s[j] == ':'))
            j++;
        *vn = (size_t)(s + j - *v);
        return *vn > 0;
    }
    return 0;
}

/* A charset declared in the first bytes: <meta ... charset=X ...> (which
 * covers both the charset attribute and http-equiv's content), or an XML
 * declaration's encoding. */
static int declared(const char *s, size_t n, char name[ATT_CHARSET_MAX])
{
    const char *v;
    size_t vn;
    if (n > PRESCAN_BYTES)
        n = PRESCAN_BYTES;
    if (n > 5 && memcmp(s, "<?xml", 5) == 0) {
        const char *e = memchr(s, '>', n);
        size_t dn = e ? (size_t)(e - s) : n;
        for (size_t i = 0; i + 8 < dn; i++)
            if (memcmp(s + i, "encoding", 8) == 0) {
                size_t j = i + 8, k;
                while (j < dn && (s[j] == ' ' || s[j] == '='))
                    j++;
                if (j < dn && (s[j] == '"' || s[j] == '\''))
                    j++;
                k = j;
                while (k < dn && s[k] != '"' && s[k] != '\'' && s[k] != '?')
                    k++;
                if (canonical(s + j, k - j, name))
                    return 1;
            }
    }
    for (size_t i = 0; i + 5 < n; i++) {
        const char *e;
        if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4) != 0)
            continue;
        e = memchr(s + i, '>', n - i);
        if (!e)
            break;
        if (charset_param(s + i, (size_t)(e - s) - i, &v, &vn) && canonical(v, vn, name))
            return 1;
        i = (size_t)(e - s);
    }
    return 0;
}

int att__html_charset(const char *s, size_t n, const char *content_type, char name[ATT_CHARSET_MAX],
                      size_t *bom)
{
    const unsigned char *u = (const unsigned char *)s;
    const char *v;
    size_t vn;
    *bom = 0;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        *bom = 3;
        strcpy(name, "UTF-8");
        return 0;
    }
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        *bom = 2;
        strcpy(name, u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE");
        return 0;
    }
    if (att__utf8_invalid_at(s, n) == (size_t)-1) {
        strcpy(name, "UTF-8");
        return 1;
    }
    if (content_type && content_type[0]) {
        /* a whole header value ("text/html; charset=...") or a bare label */
        if (!charset_param(content_type, strlen(content_type), &v, &vn)) {
            v = content_type;
            vn = strchr(v, '/') || strchr(v, ';') ? 0 : strlen(v);
        }
        if (vn && canonical(v, vn, name) && strncmp(name, "UTF-16", 6) != 0)
            return 0;
    }
    if (declared(s, n, name) && strncmp(name, "UTF-16", 6) != 0) {
        size_t bad = 0, multi = 0;
        if (strcmp(name, "UTF-8") != 0)
            return 0;
        /* declared UTF-8 but not valid: keep UTF-8 when the damage is a few
         * stray bytes among many good sequences, else it is really 1252 */
        for (size_t i = 0; i < n;) {
            size_t k = att__utf8_invalid_at(s + i, n - i);
            size_t end = k == (size_t)-1 ? n : i + k;
            for (size_t j = i; j < end; j++)
                multi += (u[j] & 0xC0) == 0xC0;
            if (k == (size_t)-1)
                break;
            bad++;
            i = end + 1;
        }
        if (bad * 4 <= multi)
            return 0;
    }
    strcpy(name, "WINDOWS-1252");
    return 0;
}

static int put_cp(att_buf *out, unsigned cp)
{
    char tmp[4];
    size_t k = att__utf8_encode((int32_t)cp, tmp);
    return att__buf_add(out, tmp, k);
}

#define REPLACEMENT 0xFFFDu

static int from_utf8(const char *s, size_t n, att_buf *out)
{
    while (n > 0) {
        size_t bad = att__utf8_invalid_at(s, n), good = bad == (size_t)-1 ? n : bad;
        /* NUL bytes are not text: they become U+FFFD like bad bytes */
        const char *z = memchr(s, '\0', good);
        if (z)
            good = (size_t)(z - s);
        if (att__buf_add(out, s, good))
            return ATT_ENOMEM;
        s += good;
        n -= good;
        if (n == 0)
            break;
        if (put_cp(out, REPLACEMENT))
            return ATT_ENOMEM;
        s++;
        n--;
    }
    return 0;
}

static int from_1252(const char *s, size_t n, att_buf *out)
{
    if (att__buf_reserve(out, n + n / 2))
        return ATT_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        if (c == 0)
            c = REPLACEMENT;
        else if (c >= 0x80 && c < 0xA0 && att__html_cp1252[c - 0x80])
            c = att__html_cp1252[c - 0x80];
        if (c < 0x80) {
            if (att__buf_addc(out, (char)c))
                return ATT_ENOMEM;
        } else if (put_cp(out, c)) {
            return ATT_ENOMEM;
        }
    }
    return 0;
}

static int from_iconv(iconv_t cd, const char *s, size_t n, att_buf *out)
{
    char chunk[4096];
    char *in = (char *)s; /* iconv's prototype is not const-correct */
    size_t left = n;
    while (left > 0) {
        char *o = chunk;
        size_t room = sizeof(chunk);
        size_t r = iconv(cd, &in, &left, &o, &room);
        if (att__buf_add(out, chunk, (size_t)(o - chunk)))
            return ATT_ENOMEM;
        if (r == (size_t)-1 && errno != E2BIG) {
            /* EILSEQ / EINVAL: one undecodable byte */
            if (put_cp(out, REPLACEMENT))
                return ATT_ENOMEM;
            in++;
            left--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    return 0;
}

int att__html_to_utf8(const char *s, size_t n, const char *charset, att_buf *out)
{
    iconv_t cd;
    size_t start = out->len;
    int rc;
    if (strcmp(charset, "UTF-8") == 0)
        return from_utf8(s, n, out);
    if (strcmp(charset, "WINDOWS-1252") == 0)
        return from_1252(s, n, out);
    cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return from_1252(s, n, out);
    rc = from_iconv(cd, s, n, out);
    iconv_close(cd);
    if (rc == 0) {
        /* iconv output is UTF-8, but make sure: NULs and anything odd go */
        size_t len = out->len - start;
        if (att__utf8_invalid_at(out->data + start, len) != (size_t)-1 ||
            memchr(out->data + start, '\0', len)) {
            att_buf tmp;
            att__buf_init(&tmp, out->max);
            if (att__buf_add(&tmp, out->data + start, len)) {
                att__buf_free(&tmp);
                return ATT_ENOMEM;
            }
            out->len = start;
            out->data[start] = '\0';
            rc = from_utf8(tmp.data, tmp.len, out);
            att__buf_free(&tmp);
        }
    }
    return rc;
}

int att__html_utf8_page(const char *s, size_t n, const char *charset, int valid, att_buf *out,
                        const char **page, size_t *len)
{
    int rc;
    if (strcmp(charset, "UTF-8") == 0 && (valid || att__utf8_invalid_at(s, n) == (size_t)-1) &&
        !memchr(s, '\0', n)) {
        *page = s; /* nothing to change: no copy */
        *len = n;
        return 0;
    }
    rc = att__html_to_utf8(s, n, charset, out);
    *page = out->data ? out->data : "";
    *len = out->len;
    return rc;
}

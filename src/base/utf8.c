/*
 * utf8.c - UTF-8 validation, decoding and encoding, and a binary sniff.
 *
 * Validation follows RFC 3629: no overlong forms, no UTF-16 surrogates, no
 * code point above U+10FFFF.  It reports the offset of the first bad byte so
 * that readers can name the position in their error messages.
 */
#include <string.h>
#include <utf8proc.h>

#include "base.h"

size_t att__utf8_invalid_at(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t need;
        uint32_t cp, min;
        if (c < 0x80) {
            /* ASCII runs, eight bytes at a time */
            i++;
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, s + i, 8);
                if (w & 0x8080808080808080ULL)
                    break;
                i += 8;
            }
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1; cp = c & 0x1F; min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2; cp = c & 0x0F; min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3; cp = c & 0x07; min = 0x10000;
        } else {
            return i;
        }
        if (n - i <= need)
            return i;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += need + 1;
    }
    return (size_t)-1;
}

int32_t att__utf8_decode(const char *str, size_t n, size_t *adv)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0) {
        *adv = 0;
        return -1;
    }
    if (s[0] < 0x80) {
        *adv = 1;
        return s[0];
    }
    if ((s[0] & 0xE0) == 0xC0 && n >= 2) {
        *adv = 2;
        return ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if ((s[0] & 0xF0) == 0xE0 && n >= 3) {
        *adv = 3;
        return ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
    if ((s[0] & 0xF8) == 0xF0 && n >= 4) {
        *adv = 4;
        return ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) |
               (s[3] & 0x3F);
    }
    *adv = 1;
    return -1;
}

size_t att__utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int att__looks_binary(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t ctl = 0, look = n < 4096 ? n : 4096;
    for (size_t i = 0; i < look; i++) {
        if (s[i] == 0)
            return 1;
        if (s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' && s[i] != '\f')
            ctl++;
    }
    return look > 0 && ctl * 10 > look; /* over 10 % control characters */
}

size_t att__utf8_lower(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, j = 0;
    if (cap == 0)
        return 0;
    /* most words are ASCII: no decoding needed */
    for (; i < n && j + 1 < cap && (unsigned char)s[i] < 0x80; i++, j++)
        out[j] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    if (i == n || j + 1 >= cap) {
        out[j] = '\0';
        return j;
    }
    while (i < n) {
        size_t adv;
        int32_t cp = att__utf8_decode(s + i, n - i, &adv);
        char enc[4];
        size_t len;
        if (cp < 0 || adv == 0)
            break;
        len = att__utf8_encode(cp < 0x80 ? (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp)
                                         : utf8proc_tolower(cp),
                               enc);
        if (j + len >= cap)
            break;
        memcpy(out + j, enc, len);
        j += len;
        i += adv;
    }
    out[j] = '\0';
    return j;
}

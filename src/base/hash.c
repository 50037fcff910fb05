/*
 * hash.c - a 64-bit string hash (FNV-1a over 8-byte words, then a
 * splitmix64 finaliser so that every input bit moves every output bit).
 *
 * Document ids are this hash of the normalised text in hex, so the same
 * article read twice gets the same id and is stored once.  The function is
 * fixed forever: changing it would change every stored id.
 */
#include <string.h>

#include "base.h"

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t att__hash64(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325ULL ^ seed;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w = 0;
        for (int k = 0; k < 8; k++) /* byte order fixed: little-endian read */
            w |= (uint64_t)s[i + k] << (8 * k);
        h = (h ^ mix64(w)) * 0x100000001b3ULL;
    }
    for (; i < n; i++)
        h = (h ^ s[i]) * 0x100000001b3ULL;
    return mix64(h ^ (uint64_t)n);
}

void att__hex64(uint64_t h, char out[17])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--) {
        out[i] = hex[h & 15];
        h >>= 4;
    }
    out[16] = '\0';
}

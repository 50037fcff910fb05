/*
 * slots.c - look-ups in the hashed tables of embedded models.
 *
 * The trained models (ner.c, sbd.c) keep their lexicons as open-addressed
 * tables of 8-byte slots: the upper half of a word's 64-bit hash is its
 * check (0 means empty, so a check of 0 is stored as 1), the lower half its
 * home slot, linear probing.  The tables live inside blobs embedded in the
 * library, so every offset is checked against the blob before use.
 */
#include "base.h"

uint32_t att__slot32_find(const att__slot32 *t, uint32_t nslots, uint64_t key)
{
    uint32_t mask, check = (uint32_t)(key >> 32);
    if (!t || !nslots)
        return 0;
    mask = nslots - 1;
    check = check ? check : 1;
    for (uint32_t i = (uint32_t)key & mask, probes = 0; probes < nslots;
         i = (i + 1) & mask, probes++) {
        if (t[i].check == check)
            return t[i].value;
        if (t[i].check == 0)
            return 0;
    }
    return 0;
}

int att__blob_table_ok(uint32_t off, uint64_t bytes, uint32_t total)
{
    return off % 8 == 0 && (uint64_t)off <= total && bytes <= (uint64_t)total - off;
}

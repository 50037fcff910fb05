/*
 * cameo.h - the CAMEO event code book: QuadClass, Goldstein value and name
 * of every code (cameo_table.c, generated from data/cameo-codes.tsv).
 */
#ifndef ATT_CAMEO_H
#define ATT_CAMEO_H

#include <stddef.h>

typedef struct att__cameo_code {
    const char *code; /* "043" */
    int quad;         /* GDELT QuadClass 1..4 */
    double goldstein; /* -10..10 */
    const char *name;
} att__cameo_code;

extern const att__cameo_code att__cameo_codes[];
extern const size_t att__cameo_ncodes;

/* The entry of a code, or NULL when CAMEO has no such code. */
const att__cameo_code *att__cameo_find(const char *code);

#endif

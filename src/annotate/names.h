/*
 * names.h - the statistical tagger's names that the KB lacks, joined to the
 * entity layer (names.c).
 */
#ifndef ATT_NAMES_H
#define ATT_NAMES_H

#include "../doc/doc.h"

/* Adds entities for the PER/LOC/ORG names the tagger finds and no KB
 * mention covers (German documents). */
int att__names_annotate(att_ctx *ctx, att_doc *doc);

#endif

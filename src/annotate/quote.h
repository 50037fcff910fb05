/*
 * quote.h - the quotations layer (quote.c): direct quotations with their
 * speaker and the cue that names the speaker.
 */
#ifndef ATT_QUOTE_H
#define ATT_QUOTE_H

#include "../doc/doc.h"

/* Fills doc->quotes from the tokens (and the entity layer for speakers). */
int att__quote_annotate(att_doc *doc);

#endif

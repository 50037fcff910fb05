/*
 * quantity.h - the figures layer (quantity.c): money, trade volumes, growth
 * rates and counts, with their period and actors.
 */
#ifndef ATT_QUANTITY_H
#define ATT_QUANTITY_H

#include "../doc/doc.h"

/* Fills doc->facts from the tokens and sentences (and the timex and entity
 * layers when present).  Strings live in the document's arena or are
 * static. */
int att__quantity_annotate(att_doc *doc);

#endif

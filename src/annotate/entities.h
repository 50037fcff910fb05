/*
 * entities.h - the entity annotator (entities.c): KB names, descriptors and
 * unknown persons -> doc->ents, with in-document resolution.
 *
 * att__entities_add() is the door for later stages (the statistical NER):
 * it adds a mention of an entity to the layer, creating the entity when the
 * document has none with that id, and merging otherwise, so a name the KB
 * lacks joins the same layer the KB names fill.
 */
#ifndef ATT_ENTITIES_H
#define ATT_ENTITIES_H

#include "../doc/doc.h"

/* Fills doc->ents from the context's knowledge base (nothing when the
 * context has none).  Needs tokens and sentences. */
int att__entities_annotate(att_ctx *ctx, att_doc *doc);

/* Adds the mention [start,end) of entity id to doc.  When the document has
 * no entity with that id yet, one is appended with type, name and code
 * (copied into the document's arena; code may be NULL); an existing entity
 * keeps its fields, except that a NULL code is filled in.  A mention the
 * entity already has is not added twice.  Returns the entity's index in
 * doc->ents, or ATT_ENOMEM / ATT_EINVAL (bad span or id). */
int att__entities_add(att_doc *doc, const char *id, const char *type, const char *name,
                      const char *code, uint32_t start, uint32_t end);

/* Sorts every entity's mentions by position (call after adding out of
 * order). */
void att__entities_sort(att_doc *doc);

#endif

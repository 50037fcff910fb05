/*
 * lang.h - the language layer: language identification, the tokenizer and
 * the sentence splitter for German and English news text.
 *
 * These run first in att_annotate(): language id sets doc->lang (unless the
 * reader or the caller's hint already did), the tokenizer fills doc->toks,
 * the splitter fills doc->sents and sets ATT_TOKF_SENT_END on each
 * sentence's last token.  Sentences never cross a paragraph boundary.
 */
#ifndef ATT_LANG_H
#define ATT_LANG_H

#include "../doc/doc.h"

/* Identifies the language of text: returns "de", "en" or "und" (static
 * strings); *confidence (may be NULL) gets a score in [0,1]. */
const char *att__langid(const char *text, size_t len, double *confidence);

/* For text att__langid leaves "und" (one short sentence of names): "en"
 * when its function words are more English than German, else "de". */
const char *att__langid_lean(const char *text, size_t len);

/* Tokenizes the whole document text into doc->toks (replacing any). */
int att__tokenize(att_doc *doc);

/* Splits the tokenized document into sentences (doc->sents). */
int att__split_sentences(att_doc *doc);

#endif

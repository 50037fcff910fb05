/*
 * embed.c - where the embedded knowledge base is: the bytes blob.S pulls
 * in with .incbin between att__kb_blob and att__kb_blob_end.  Kept apart
 * from kb.c so the KB compiler (tools/kbc.c), which builds the blob, can
 * link the rest of kb/ without it.
 */
#include "kb.h"

extern const unsigned char att__kb_blob[];
extern const unsigned char att__kb_blob_end[];

const void *att__kb_embedded(size_t *size)
{
    *size = (size_t)(att__kb_blob_end - att__kb_blob);
    return *size ? att__kb_blob : NULL;
}

/*
 * ner_model.S - embeds the NER model (data/models/ner-de.bin, written by
 * scripts/train-ner) into the library as read-only data.
 *
 * att__ner_blob is 8-byte aligned (the model is used in place, see
 * src/annotate/ner.h); att__ner_blob_size holds its length in bytes.  The
 * path is relative to the repository root, where make runs the assembler.
 */
    .section .rodata
    .balign 64
    .globl att__ner_blob
    .hidden att__ner_blob
    .type att__ner_blob, @object
att__ner_blob:
    .incbin "data/models/ner-de.bin"
att__ner_blob_end:
    .size att__ner_blob, att__ner_blob_end - att__ner_blob

    .balign 8
    .globl att__ner_blob_size
    .hidden att__ner_blob_size
    .type att__ner_blob_size, @object
att__ner_blob_size:
    .quad att__ner_blob_end - att__ner_blob
    .size att__ner_blob_size, 8

    .section .note.GNU-stack,"",@progbits

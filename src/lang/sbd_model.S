/*
 * sbd_model.S - embeds the sentence-boundary model (data/models/sbd-de.bin,
 * written by scripts/train-sbd) into the library as read-only data.
 *
 * att__sbd_blob is 8-byte aligned (the model is used in place, see
 * src/lang/sbd.h); att__sbd_blob_size holds its length in bytes (0 when the
 * file is empty: the splitter then runs on its rules alone).  The path is
 * relative to the repository root, where make runs the assembler.
 */
    .section .rodata
    .balign 64
    .globl att__sbd_blob
    .hidden att__sbd_blob
    .type att__sbd_blob, @object
att__sbd_blob:
    .incbin "data/models/sbd-de.bin"
att__sbd_blob_end:
    .size att__sbd_blob, att__sbd_blob_end - att__sbd_blob

    .balign 8
    .globl att__sbd_blob_size
    .hidden att__sbd_blob_size
    .type att__sbd_blob_size, @object
att__sbd_blob_size:
    .quad att__sbd_blob_end - att__sbd_blob
    .size att__sbd_blob_size, 8

    .section .note.GNU-stack,"",@progbits

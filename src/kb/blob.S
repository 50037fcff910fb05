/*
 * blob.S - the compiled knowledge base (build/attache.kb), embedded in the
 * library as read-only data so the program is self-contained and loading
 * the KB costs nothing: att__kb_embedded() (embed.c) points at these bytes.
 * The Makefile assembles this file with -DKB_PATH="<path of the blob>".
 */
#ifndef KB_PATH
#error "assemble with -DKB_PATH=\"build/attache.kb\""
#endif
    .section .rodata
    .balign 16
    .globl att__kb_blob
    .hidden att__kb_blob
att__kb_blob:
    .incbin KB_PATH
    .globl att__kb_blob_end
    .hidden att__kb_blob_end
att__kb_blob_end:
    .byte 0
#if defined(__linux__) && defined(__ELF__)
    .section .note.GNU-stack,"",%progbits
#endif

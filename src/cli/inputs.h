/*
 * inputs.h - reading every document under the command-line paths.
 */
#ifndef ATT_CLI_INPUTS_H
#define ATT_CLI_INPUTS_H

#include "cli.h"

typedef struct cli_progress {
    size_t files_total, files_done, docs, failed, added, unchanged;
    unsigned long long bytes_total, bytes_done;
    double t0, seconds;
} cli_progress;

/* Called with each annotated document; returns 0 or a status (the message
 * on ctx).  The document is freed after the call. */
typedef int (*cli_sink)(cli *c, att_ctx *ctx, att_doc *doc, void *arg, cli_progress *pr);

/* Reads every document under c->args, annotates it and calls sink.
 * Returns CLI_OK, CLI_FAILED when some input failed, or CLI_USAGE. */
int cli_run_inputs(cli *c, att_ctx *ctx, cli_sink sink, void *arg, cli_progress *pr);

#endif

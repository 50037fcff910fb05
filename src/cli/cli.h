/*
 * cli.h - what the subcommands of the attache program share.
 *
 * One table (main.c, commands[]) names every subcommand with its
 * arguments, options and help text; dispatch, option parsing, `--help` and
 * the man page's synopsis all come from it (git's commands[] habit).  Each
 * subcommand lives in its own cmd_<name>.c and sees only the public API
 * (attache.h) plus these helpers.
 *
 * Exit statuses: 0 all good, 1 some inputs failed, 2 usage error.
 */
#ifndef ATT_CLI_H
#define ATT_CLI_H

#include <stdio.h>

#include "attache.h"

#define CLI_OK 0
#define CLI_FAILED 1
#define CLI_USAGE 2

typedef struct cli_opt {
    const char *name; /* long name without dashes */
    char shortname;   /* 0 when none */
    const char *arg;  /* NULL for a flag, else the argument's name in help */
    const char *help;
} cli_opt;

typedef enum cli_format { CLI_FMT_AUTO = 0, CLI_FMT_TABLE, CLI_FMT_JSON, CLI_FMT_CSV, CLI_FMT_TSV } cli_format;

#define CLI_MAX_OPTS 32

typedef struct cli {
    const struct cli_cmd *cmd;
    /* parsed options: values[i] belongs to the i-th option of the command's
     * table followed by the common options; NULL when not given, "1" for a
     * flag that was given */
    const cli_opt *opts[CLI_MAX_OPTS];
    const char *values[CLI_MAX_OPTS];
    int nopts;
    char **args; /* positional arguments */
    int nargs;
    const char *db;  /* --db, default ./attache.db */
    cli_format fmt;  /* resolved: TABLE on a TTY, else JSON unless asked */
    int quiet;
    att_options aopts;
} cli;

typedef struct cli_cmd {
    const char *name;
    int (*run)(cli *c);
    const char *args;    /* synopsis of positional arguments, e.g. "PATH..." */
    int min_args, max_args; /* max -1 = unbounded */
    const char *summary; /* one line */
    const cli_opt *opts; /* terminated by {NULL} */
    const char *help;    /* a paragraph or more, may be NULL */
} cli_cmd;

/* Value of an option given on the command line, or NULL. */
const char *cli_get(const cli *c, const char *name);
/* Integer value of an option, or def; a malformed number is a usage error
 * reported on stderr (returns def and sets *bad when bad is non-NULL). */
long cli_get_long(const cli *c, const char *name, long def, int *bad);

/* Opens the context with the common options; prints the error on failure. */
int cli_ctx_open(cli *c, att_ctx **ctx);
/* Opens the database named by --db; prints the error on failure. */
int cli_store_open(cli *c, att_ctx *ctx, int flags, att_store **st);

/* Prints rows in the chosen format (table on a TTY, JSON Lines, CSV, TSV). */
int cli_print_rows(cli *c, const att_rows *rows, FILE *out);

/* An error line: "attache: <what>" on stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* The subcommands. */
int cmd_ingest(cli *c);
int cmd_fetch(cli *c);
int cmd_extract(cli *c);
int cmd_search(cli *c);
int cmd_docs(cli *c);
int cmd_show(cli *c);
int cmd_stats(cli *c);
int cmd_time(cli *c);
int cmd_events(cli *c);
int cmd_export(cli *c);
int cmd_watch(cli *c);
int cmd_entities(cli *c);
int cmd_entity(cli *c);
int cmd_kb(cli *c);

#endif

/*
 * main.c - the attache program: one command table, option parsing, help.
 *
 * commands[] names each subcommand with its arguments, options and help;
 * dispatch, `attache help`, `attache CMD --help` and the man page synopsis
 * (scripts/gen-man) all read it, so no list is kept twice.  Options common
 * to every subcommand (--db, --json, ...) are in common_opts[].
 *
 * Exit status: 0 all good, 1 some inputs failed, 2 usage error.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const cli_opt common_opts[] = {
    {"db", 0, "FILE", "the database (default ./attache.db)"},
    {"json", 0, NULL, "output JSON Lines"},
    {"csv", 0, NULL, "output CSV"},
    {"tsv", 0, NULL, "output tab-separated values"},
    {"table", 0, NULL, "output an aligned table (the default on a terminal)"},
    {"lang", 0, "LANG", "language of the input: de, en or auto (default auto)"},
    {"kb-extra", 0, "FILE", "a knowledge-base overlay file"},
    {"threads", 0, "N", "worker threads (default: number of cores)"},
    {"quiet", 'q', NULL, "no progress or summary on stderr"},
    {"help", 'h', NULL, "show this help"},
    {NULL, 0, NULL, NULL},
};

static const cli_opt ingest_opts[] = {
    {"format", 0, "FMT", "input format: auto, text, jsonl, html, warc or feed (default auto)"},
    {"keep-boilerplate", 0, NULL, "keep share bars, teaser lists and notices in plain text"},
    {NULL, 0, NULL, NULL},
};
static const cli_opt fetch_opts[] = {
    {"pages", 0, NULL, "for a feed, also fetch and store the page each item links to"},
    {"timeout", 0, "SECONDS", "give up on a URL after this long (default 60)"},
    {NULL, 0, NULL, NULL},
};
static const cli_opt watch_opts[] = {
    {"every", 0, "TIME", "time between rounds: 90s, 15m, 2h (default 15m)"},
    {"times", 0, "N", "stop after N rounds (default: until interrupted)"},
    {"pages", 0, NULL, "for a feed, also fetch and store the page each item links to"},
    {"timeout", 0, "SECONDS", "give up on a URL after this long (default 60)"},
    {NULL, 0, NULL, NULL},
};
static const cli_opt extract_opts[] = {
    {"format", 0, "FMT", "input format: auto, text, jsonl, html, warc or feed (default auto)"},
    {"keep-boilerplate", 0, NULL, "keep share bars, teaser lists and notices in plain text"},
    {NULL, 0, NULL, NULL},
};
static const cli_opt limit_opts[] = {
    {"limit", 'n', "N", "at most N rows (default 20)"},
    {NULL, 0, NULL, NULL},
};
static const cli_opt no_opts[] = {{NULL, 0, NULL, NULL}};
static const cli_opt entities_opts[] = {
    {"limit", 'n', "N", "at most N rows (default 20)"},
    {"type", 0, "TYPE", "only this type: country, place, person, org, project, event"},
    {NULL, 0, NULL, NULL},
};
static const cli_opt kb_opts[] = {
    {"date", 0, "DATE", "lookup: the date for role codes (default: the newest the KB knows)"},
    {NULL, 0, NULL, NULL},
};
#define EVENT_FILTER_OPTS                                                                    \
    {"actor", 0, "ACTOR", "events with this actor on either side (code prefix, id or name)"},  \
        {"with", 0, "ACTOR", "... and this actor on the other side"},                           \
        {"country", 0, "CCC", "events with this country (alpha-3) on either side"},             \
        {"code", 0, "CODE", "CAMEO code prefix (04, 042)"},                                     \
        {"root", 0, "RR", "CAMEO root code (01 to 20)"},                                        \
        {"since", 0, "DATE", "events on or after this date (ISO 8601)"},                        \
        {"until", 0, "DATE", "events on or before this date (ISO 8601)"},                       \
        {"quad", 0, "N", "QuadClass: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict"}, \
        {"limit", 'n', "N", "at most N events (default: 50 on a terminal, all otherwise)"}
static const cli_opt events_opts[] = {EVENT_FILTER_OPTS, {NULL, 0, NULL, NULL}};
static const cli_opt export_opts[] = {
    EVENT_FILTER_OPTS,
    {"format", 0, "FMT", "gdelt (GDELT 2.0 event table), jsonl (default) or csv"},
    {"graph", 0, "graphml", "the dyad network instead: actors, edges with counts and mean Goldstein"},
    {"output", 'o', "FILE", "write to FILE (default standard output)"},
    {"side", 0, "FILE", "GDELT: attache's extra fields (default FILE.extra.tsv with --output)"},
    {NULL, 0, NULL, NULL},
};
static const cli_opt time_opts[] = {
    {"dct", 0, "DATE", "the document date to resolve against (ISO 8601, any precision)"},
    {NULL, 0, NULL, NULL},
};

static int cmd_help(cli *c);
static int cmd_version(cli *c);

static const cli_cmd commands[] = {
    {"ingest", cmd_ingest, "PATH...", 1, -1, "read articles and store them in the database",
     ingest_opts,
     "Reads each PATH (a file, a directory searched recursively in sorted order for .txt,\n"
     ".jsonl, .ndjson, .html and .warc(.gz) files, or - for standard input), annotates\n"
     "every article (a web page's main text, every page of a crawl) and\n"
     "writes it to the database.  An article already stored (same normalised text) is left\n"
     "unchanged.  Prints a progress bar on a terminal and a summary: new, unchanged, failed.\n"
     "Each input that cannot be read gets one error line naming the file and position."},
    {"fetch", cmd_fetch, "URL...", 1, -1, "fetch web pages and feeds and store them",
     fetch_opts,
     "GETs each http:// or https:// URL (at most 5 redirects, the largest document size as\n"
     "the limit) and stores what it holds: a web page's main text, or every item of an RSS\n"
     "or Atom feed (with --pages also the page each item links to).  The ETag and\n"
     "Last-Modified of each answer are kept in the database and sent the next time, so an\n"
     "unchanged URL answers 304 and counts as unchanged.  Prints a summary: new, unchanged,\n"
     "failed.  Exit status 1 when a URL failed (an error line names it and the cause)."},
    {"watch", cmd_watch, "FILE", 1, 1, "fetch a list of feeds and pages again and again",
     watch_opts,
     "FILE lists one URL a line (# starts a comment).  Every --every, each URL is fetched\n"
     "as by 'attache fetch' (unchanged ones answer 304 and cost nothing) and what is new is\n"
     "stored; a summary line follows each round.  Runs until interrupted (Ctrl-C, SIGTERM:\n"
     "the round in progress finishes first) or for --times rounds."},
    {"extract", cmd_extract, "PATH...", 1, -1,
     "annotate articles and print one JSON object per article (no database)", extract_opts,
     "Reads like ingest, but writes each article with all its layers as one line of JSON on\n"
     "standard output (the format is documented in docs/extract-format.md)."},
    {"search", cmd_search, "QUERY", 1, 1, "full-text search with highlighted snippets",
     limit_opts,
     "QUERY uses SQLite FTS5 syntax: words, \"a phrase\", prefix*, AND, OR, NOT, NEAR(a b).\n"
     "A word matches inflected and compound forms that start with it only with prefix*;\n"
     "hyphenated compounds are split, so Glasfaserkabel finds Glasfaserkabel-Highway."},
    {"docs", cmd_docs, "", 0, 0, "list stored documents, newest first", limit_opts, NULL},
    {"show", cmd_show, "ID", 1, 1, "show one stored document (ID or a unique prefix of it)",
     no_opts, "With --json, prints the document in the extract format."},
    {"stats", cmd_stats, "", 0, 0, "count what the database holds", no_opts, NULL},
    {"events", cmd_events, "", 0, 0, "list coded events (CAMEO), filtered", events_opts,
     "Each event: its date, CAMEO code, source and target actor (code and name), Goldstein\n"
     "value, place, document and the sentence that supports it.  Example:\n"
     "attache events --actor KAZ --since 2024-01-01"},
    {"export", cmd_export, "", 0, 0, "export events: GDELT 2.0 rows, JSON Lines, CSV, GraphML",
     export_opts,
     "--format gdelt writes the 61 columns of the GDELT 2.0 event table (see docs/events.md\n"
     "for how each is filled); attache's own fields go to a side file.  --graph graphml\n"
     "writes the dyad network."},
    {"time", cmd_time, "EXPRESSION", 1, 1, "normalise a time expression (TIMEX3)", time_opts,
     "Prints the TIMEX3 type and value of one German or English time expression, resolved\n"
     "against --dct (the publication date of the article it comes from; without it what\n"
     "cannot be known stays X).  Example: attache time \"im Dezember vergangenen Jahres\"\n"
     "--dct 2025-05-10 prints DATE 2024-12.  Exit status 1 when it is not a time expression."},
    {"entities", cmd_entities, "", 0, 0, "list entities with mention and document counts",
     entities_opts, "Most widely mentioned first; --type keeps one type."},
    {"entity", cmd_entity, "NAME", 1, 1, "profile of one entity: names, roles, documents, neighbours",
     limit_opts,
     "NAME is an entity id (person:kassym-jomart-tokayev) or any name the knowledge base knows\n"
     "(Tokajew, Kasachstan).  Shows its names, its roles with dates, the stored documents that\n"
     "mention it and the entities mentioned in the same documents."},
    {"kb", cmd_kb, "ACTION ARG", 2, 2, "ask the knowledge base: lookup NAME, check FILE", kb_opts,
     "lookup NAME   what NAME resolves to, best first, with the name that matched and why\n"
     "check FILE    read FILE as a --kb-extra overlay and report the first error (file:line)"},
    {"help", cmd_help, "[COMMAND]", 0, 1, "show help for attache or a command", no_opts, NULL},
    {"version", cmd_version, "", 0, 0, "print the version", no_opts, NULL},
};

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("attache: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static void print_opts(FILE *out, const cli_opt *opts)
{
    for (const cli_opt *o = opts; o->name; o++) {
        char left[64];
        if (o->shortname)
            snprintf(left, sizeof(left), "-%c, --%s%s%s", o->shortname, o->name,
                     o->arg ? " " : "", o->arg ? o->arg : "");
        else
            snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        fprintf(out, "  %-24s %s\n", left, o->help);
    }
}

static void usage_cmd(FILE *out, const cli_cmd *cmd)
{
    fprintf(out, "usage: attache %s [options]%s%s\n\n%s.\n", cmd->name, *cmd->args ? " " : "",
            cmd->args, cmd->summary);
    if (cmd->help)
        fprintf(out, "\n%s\n", cmd->help);
    if (cmd->opts[0].name) {
        fprintf(out, "\nOptions:\n");
        print_opts(out, cmd->opts);
    }
    fprintf(out, "\nCommon options:\n");
    print_opts(out, common_opts);
}

static void usage_main(FILE *out)
{
    fprintf(out, "usage: attache COMMAND [options] [ARGS]\n\n"
                 "attache turns news about international relations into dated, sourced records.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'attache COMMAND --help' for a command's options.\n");
}

static const cli_cmd *find_cmd(const char *name)
{
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static int cmd_help(cli *c)
{
    if (c->nargs == 1) {
        const cli_cmd *cmd = find_cmd(c->args[0]);
        if (!cmd) {
            cli_error("no such command: %s", c->args[0]);
            return CLI_USAGE;
        }
        usage_cmd(stdout, cmd);
    } else {
        usage_main(stdout);
    }
    return CLI_OK;
}

static int cmd_version(cli *c)
{
    (void)c;
    printf("attache %s\n", ATT_VERSION);
    return CLI_OK;
}

static const cli_opt *lookup(const cli_cmd *cmd, const char *name, size_t len, char shortname)
{
    const cli_opt *tables[2] = {cmd->opts, common_opts};
    for (int t = 0; t < 2; t++)
        for (const cli_opt *o = tables[t]; o->name; o++) {
            if (shortname ? o->shortname == shortname
                          : strlen(o->name) == len && strncmp(o->name, name, len) == 0)
                return o;
        }
    return NULL;
}

static int set_opt(cli *c, const cli_opt *o, const char *val)
{
    for (int i = 0; i < c->nopts; i++)
        if (c->opts[i] == o) {
            c->values[i] = val;
            return 0;
        }
    if (c->nopts >= CLI_MAX_OPTS)
        return -1;
    c->opts[c->nopts] = o;
    c->values[c->nopts++] = val;
    return 0;
}

const char *cli_get(const cli *c, const char *name)
{
    for (int i = 0; i < c->nopts; i++)
        if (strcmp(c->opts[i]->name, name) == 0)
            return c->values[i];
    return NULL;
}

long cli_get_long(const cli *c, const char *name, long def, int *bad)
{
    const char *v = cli_get(c, name);
    char *end;
    long n;
    if (!v)
        return def;
    errno = 0;
    n = strtol(v, &end, 10);
    if (errno || *end || end == v || n < 0) {
        cli_error("--%s: expected a whole number, got '%s'", name, v);
        if (bad)
            *bad = 1;
        return def;
    }
    return n;
}

/* Parses argv after the command name.  Returns 0, or CLI_USAGE after
 * printing what is wrong. */
static int parse(cli *c, int argc, char **argv)
{
    int only_args = 0;
    for (int i = 0; i < argc; i++) {
        char *a = argv[i];
        const cli_opt *o = NULL;
        const char *val = NULL;
        if (only_args || a[0] != '-' || strcmp(a, "-") == 0) {
            c->args[c->nargs++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_args = 1;
            continue;
        }
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            o = lookup(c->cmd, a + 2, len, 0);
            if (eq)
                val = eq + 1;
        } else if (a[2] == '\0') {
            o = lookup(c->cmd, NULL, 0, a[1]);
        }
        if (!o) {
            cli_error("%s: unknown option %s (see 'attache %s --help')", c->cmd->name, a,
                      c->cmd->name);
            return CLI_USAGE;
        }
        if (o->arg && !val) {
            if (i + 1 >= argc) {
                cli_error("option --%s needs a value (%s)", o->name, o->arg);
                return CLI_USAGE;
            }
            val = argv[++i];
        } else if (!o->arg && val) {
            cli_error("option --%s takes no value", o->name);
            return CLI_USAGE;
        }
        if (set_opt(c, o, val ? val : "1")) {
            cli_error("too many options");
            return CLI_USAGE;
        }
    }
    return 0;
}

int cli_ctx_open(cli *c, att_ctx **ctx)
{
    int rc = att_ctx_open(ctx, &c->aopts);
    if (rc) {
        char msg[1024];
        if (c->aopts.kb_extra && att_kb_check(c->aopts.kb_extra, msg, sizeof(msg)))
            cli_error("--kb-extra: %s", msg);
        else if (rc == ATT_EINVAL)
            cli_error("--lang: expected de, en or auto");
        else
            cli_error("cannot start: %s", att_strerror(rc));
        return CLI_USAGE;
    }
    return CLI_OK;
}

int cli_store_open(cli *c, att_ctx *ctx, int flags, att_store **st)
{
    if (att_store_open(ctx, c->db, flags, st)) {
        cli_error("%s", att_errmsg(ctx));
        return CLI_FAILED;
    }
    return CLI_OK;
}

int main(int argc, char **argv)
{
    cli c;
    const cli_cmd *cmd;
    int rc, bad = 0;

    memset(&c, 0, sizeof(c));
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage_main(argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_USAGE : CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0)
        return cmd_version(&c);
    cmd = find_cmd(argv[1]);
    if (!cmd) {
        cli_error("no such command: %s (see 'attache --help')", argv[1]);
        return CLI_USAGE;
    }
    c.cmd = cmd;
    c.args = calloc((size_t)argc, sizeof(char *));
    if (!c.args) {
        cli_error("out of memory");
        return CLI_FAILED;
    }
    if ((rc = parse(&c, argc - 2, argv + 2)))
        goto done;
    if (cli_get(&c, "help")) {
        usage_cmd(stdout, cmd);
        rc = CLI_OK;
        goto done;
    }
    if (c.nargs < cmd->min_args || (cmd->max_args >= 0 && c.nargs > cmd->max_args)) {
        cli_error("%s: expected %s%s", cmd->name, *cmd->args ? cmd->args : "no arguments",
                  c.nargs < cmd->min_args ? "" : " (too many arguments)");
        fprintf(stderr, "usage: attache %s [options] %s\n", cmd->name, cmd->args);
        rc = CLI_USAGE;
        goto done;
    }
    c.db = cli_get(&c, "db") ? cli_get(&c, "db") : "attache.db";
    c.quiet = cli_get(&c, "quiet") != NULL;
    c.fmt = cli_get(&c, "json")    ? CLI_FMT_JSON
            : cli_get(&c, "csv")   ? CLI_FMT_CSV
            : cli_get(&c, "tsv")   ? CLI_FMT_TSV
            : cli_get(&c, "table") ? CLI_FMT_TABLE
            : isatty(STDOUT_FILENO) ? CLI_FMT_TABLE
                                    : CLI_FMT_JSON;
    c.aopts.lang_hint = cli_get(&c, "lang");
    c.aopts.kb_extra = cli_get(&c, "kb-extra");
    c.aopts.keep_boilerplate = cli_get(&c, "keep-boilerplate") != NULL;
    c.aopts.threads = (int)cli_get_long(&c, "threads", 0, &bad);
    if (bad) {
        rc = CLI_USAGE;
        goto done;
    }
    rc = cmd->run(&c);
done:
    free(c.args);
    /* a full disk or closed pipe must not pass for success (git's habit) */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno != EPIPE)
            cli_error("writing output failed: %s", strerror(errno));
        if (rc == CLI_OK)
            rc = CLI_FAILED;
    }
    return rc;
}

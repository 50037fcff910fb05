/*
 * query_events.c - reading events back: the filtered list behind
 * `attache events`, and the exports (GDELT 2.0 event rows, JSON Lines,
 * CSV, and the dyad network as GraphML).
 *
 * One WHERE clause serves every query: it is built from att_event_filter
 * with bound parameters only (no user text is pasted into SQL).  Dates
 * compare as ISO 8601 strings at the event's own precision, so "2024-04"
 * lies after --since 2024-01-01 and before --until 2024-04-30; events with
 * no known date are left out when a date bound is given.
 *
 * The GDELT export writes the 61 columns of the GDELT 2.0 event table in
 * their order, tab-separated, one event a row (docs/events.md says how each
 * column is filled and where attache differs); the side file carries what
 * GDELT has no column for (document id, date precision, confidence,
 * evidence and trigger offsets).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "kb/kb.h"
#include "store.h"

#define MAX_PARAMS 16

typedef struct where {
    char sql[1024];
    const char *params[MAX_PARAMS];
    int n;
} where;

static void add_cond(where *w, const char *cond)
{
    size_t len = strlen(w->sql);
    snprintf(w->sql + len, sizeof(w->sql) - len, "%s%s", len ? " AND " : " WHERE ", cond);
}

/* Appends a condition with one parameter: every '?' in cond becomes ?N,
 * N being that parameter's number, so a condition may use it many times. */
static void add_param_cond(where *w, const char *cond, const char *value)
{
    char buf[512];
    size_t j = 0;
    for (const char *p = cond; *p && j + 8 < sizeof(buf); p++) {
        if (*p == '?') {
            j += (size_t)snprintf(buf + j, sizeof(buf) - j, "?%d", w->n + 1);
        } else {
            buf[j++] = *p;
        }
    }
    buf[j] = '\0';
    if (w->n < MAX_PARAMS)
        w->params[w->n++] = value;
    add_cond(w, buf);
}

static void build_where(const att_event_filter *f, where *w)
{
    memset(w, 0, sizeof(*w));
    if (!f)
        return;
    if (f->actor && *f->actor)
        add_param_cond(w,
                       "(e.source_code LIKE ? || '%' OR e.target_code LIKE ? || '%'"
                       " OR e.source_entity = ? OR e.target_entity = ?"
                       " OR se.name LIKE '%' || ? || '%' OR te.name LIKE '%' || ? || '%')",
                       f->actor);
    if (f->with && *f->with) {
        /* the other side: when --actor is given, with must be on the other
         * end of the same event */
        if (f->actor && *f->actor)
            add_param_cond(w,
                           "((e.target_code LIKE ? || '%' OR e.target_entity = ?"
                           "  OR te.name LIKE '%' || ? || '%') OR"
                           " (e.source_code LIKE ? || '%' OR e.source_entity = ?"
                           "  OR se.name LIKE '%' || ? || '%'))",
                           f->with);
        else
            add_param_cond(w,
                           "(e.source_code LIKE ? || '%' OR e.target_code LIKE ? || '%'"
                           " OR e.source_entity = ? OR e.target_entity = ?)",
                           f->with);
    }
    if (f->country && *f->country)
        add_param_cond(
            w, "(substr(e.source_code,1,3) = upper(?) OR substr(e.target_code,1,3) = upper(?))",
            f->country);
    if (f->code && *f->code)
        add_param_cond(w, "e.code LIKE ? || '%'", f->code);
    if (f->root && *f->root)
        add_param_cond(w, "e.root = ?", f->root);
    if (f->since && *f->since)
        add_param_cond(
            w, "(e.date GLOB '[0-9][0-9][0-9][0-9]*' AND e.date >= substr(?, 1, length(e.date)))",
            f->since);
    if (f->until && *f->until)
        add_param_cond(
            w, "(e.date GLOB '[0-9][0-9][0-9][0-9]*' AND e.date <= substr(?, 1, length(e.date)))",
            f->until);
    if (f->quad >= 1 && f->quad <= 4) {
        static const char *const quads[] = {"1", "2", "3", "4"};
        add_param_cond(w, "e.quad = CAST(? AS INTEGER)", quads[f->quad - 1]);
    }
}

#define EVENT_FROM                                                                                 \
    " FROM events e JOIN documents d ON d.id = e.doc_id"                                           \
    " LEFT JOIN entities se ON se.id = e.source_entity"                                            \
    " LEFT JOIN entities te ON te.id = e.target_entity"                                            \
    " LEFT JOIN entities le ON le.id = e.location"

#define EVIDENCE                                                                                   \
    "CAST(substr(CAST(d.text AS BLOB), e.sent_start + 1, e.sent_end - e.sent_start) AS TEXT)"

int att_store_events(att_store *st, const att_event_filter *f, att_rows **out)
{
    where w;
    char sql[4096];
    *out = NULL;
    if (!st)
        return ATT_EINVAL;
    build_where(f, &w);
    snprintf(sql, sizeof(sql),
             "SELECT coalesce(e.date, '') AS date, e.code AS code, e.source_code AS source,"
             " se.name AS source_name, e.target_code AS target, te.name AS target_name,"
             " printf('%%.1f', e.goldstein) AS goldstein, le.name AS location,"
             " substr(e.doc_id, 1, 8) AS doc, " EVIDENCE " AS evidence" EVENT_FROM
             "%s ORDER BY e.date IS NULL, e.date, e.doc_id, e.idx LIMIT %d",
             w.sql, f && f->limit > 0 ? f->limit : -1);
    return att__store_rows(st, sql, w.params, w.n, out);
}

/* ---- exports --------------------------------------------------------------- */

static void put_tsv(FILE *out, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static const char *col(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

/* A stable positive 63-bit id for an event: the hash of its document id
 * and index. */
static unsigned long long event_id(const char *doc, int idx)
{
    unsigned long long h = 1469598103934665603ULL;
    for (const char *p = doc; p && *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    h = (h ^ (unsigned long long)idx) * 1099511628211ULL;
    return h & 0x7fffffffffffffffULL;
}

/* SQLDATE (YYYYMMDD) and its parts from the event date, else the
 * publication date, padding unknown month and day with 01. */
static void gdelt_date(const char *date, const char *published, char sqldate[16], int *year,
                       int *month, int *day)
{
    const char *d = date && date[0] >= '0' && date[0] <= '9' ? date : published;
    *year = 0;
    *month = *day = 1;
    if (d && strlen(d) >= 4)
        *year = atoi(d);
    if (d && strlen(d) >= 7 && d[5] >= '0' && d[5] <= '9')
        *month = atoi(d + 5);
    if (d && strlen(d) >= 10 && d[8] >= '0' && d[8] <= '9')
        *day = atoi(d + 8);
    if (*month < 1 || *month > 12)
        *month = 1;
    if (*day < 1 || *day > 31)
        *day = 1;
    snprintf(sqldate, 16, "%04u%02u%02u", (unsigned)*year % 10000u, (unsigned)*month % 100u,
             (unsigned)*day % 100u);
}

static void actor_cols(FILE *out, const char *code, const char *name)
{
    /* Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
     * Religion2Code, Type1Code, Type2Code, Type3Code */
    char country[4] = "", type[8] = "";
    if (code && strlen(code) >= 3) {
        if (strncmp(code, "IGO", 3) == 0) {
            snprintf(type, sizeof(type), "IGO");
        } else {
            snprintf(country, sizeof(country), "%.3s", code);
            snprintf(type, sizeof(type), "%.3s", code + 3);
        }
    }
    put_tsv(out, code);
    fputc('\t', out);
    if (name) {
        /* GDELT writes actor names in capitals */
        utf8proc_uint8_t *up = NULL;
        utf8proc_map((const utf8proc_uint8_t *)name, 0, &up,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (up) {
            for (utf8proc_uint8_t *p = up; *p;) {
                utf8proc_int32_t cp;
                utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
                utf8proc_uint8_t enc[4];
                if (n <= 0)
                    break;
                cp = utf8proc_toupper(cp);
                fwrite(enc, 1, (size_t)utf8proc_encode_char(cp == '\t' ? ' ' : cp, enc), out);
                p += n;
            }
            free(up);
        }
    }
    fprintf(out, "\t%s\t\t\t\t\t%s\t\t\t", country, type);
}

/* ActionGeo (or an actor's Geo) columns: Type, FullName, CountryCode,
 * ADM1Code, ADM2Code, Lat, Long, FeatureID.  The place is the entity `id`
 * (NULL: no place): a country is type 1 (WORLDCOUNTRY); a city is type 4
 * (WORLDCITY) with its coordinates and GeoNames id from the KB; an area
 * (sea, region) is type 5 without coordinates, GDELT having no closer type. */
static void geo_cols(FILE *out, const att__kbset *set, const char *id, const char *name,
                     const char *code)
{
    const att__kb_ent *e = NULL;
    int type = 4;
    if (!id) {
        fputs("0\t\t\t\t\t\t\t\t", out);
        return;
    }
    for (int k = 0; set && k < 2 && !e; k++) {
        const att__kb *kb = k == 0 ? (set->has_overlay ? &set->overlay : NULL)
                                   : (set->has_base ? &set->base : NULL);
        long i = kb ? att__kb_find_id(kb, id) : -1;
        if (i >= 0 && !(kb->ents[i].flags & ATT__EF_STUB))
            e = &kb->ents[i];
    }
    if (strncmp(id, "country:", 8) == 0)
        type = 1;
    else if (e && e->kind == ATT__PK_REGION)
        type = 5;
    fprintf(out, "%d\t", type);
    put_tsv(out, name);
    fprintf(out, "\t%.3s\t\t\t", code ? code : "");
    if (e && type == 4 && e->lat != ATT__KB_NOCOORD)
        fprintf(out, "%.5f\t%.5f\t", e->lat / 1e5, e->lon / 1e5);
    else
        fputs("\t\t", out);
    if (e && e->geonameid)
        fprintf(out, "%u", (unsigned)e->geonameid);
    fputc('\t', out);
}

int att_store_export(att_store *st, const att_event_filter *f, att_export_format fmt, FILE *out,
                     FILE *side)
{
    where w;
    char sql[8192];
    sqlite3_stmt *s = NULL;
    int rc, step, nrow = 0;
    const att__kbset *kbs = st && st->ctx ? (const att__kbset *)st->ctx->kb : NULL;
    if (!st || !out)
        return ATT_EINVAL;
    build_where(f, &w);
    if (fmt == ATT_EXPORT_GRAPHML) {
        snprintf(sql, sizeof(sql),
                 "SELECT e.source_code, e.target_code, count(*), avg(e.goldstein),"
                 " group_concat(DISTINCT e.root)" EVENT_FROM
                 "%s GROUP BY e.source_code, e.target_code ORDER BY e.source_code, e.target_code",
                 w.sql);
    } else {
        snprintf(sql, sizeof(sql),
                 "SELECT e.doc_id, e.idx, e.date, e.code, e.root, e.quad, e.goldstein,"
                 " e.source_code, se.name, e.target_code, te.name, le.name, le.code,"
                 " d.published, d.url, d.source, strftime('%%Y%%m%%d%%H%%M%%S', d.ingested_at),"
                 " e.confidence, e.sent_start, e.sent_end, e.trig_start, e.trig_end, " EVIDENCE
                 ", e.source_entity, e.target_entity, CAST(substr(CAST(d.text AS BLOB),"
                 " e.trig_start + 1, e.trig_end - e.trig_start) AS TEXT), e.sent_start = 0, "
                 "e.location" EVENT_FROM
                 "%s ORDER BY e.date IS NULL, e.date, e.doc_id, e.idx LIMIT %d",
                 w.sql, f && f->limit > 0 ? f->limit : -1);
    }
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return att__store_err(st, "cannot prepare the export");
    for (int i = 0; i < w.n; i++)
        sqlite3_bind_text(s, i + 1, w.params[i], -1, SQLITE_STATIC);

    if (fmt == ATT_EXPORT_GRAPHML) {
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
              "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"int\"/>\n"
              "  <key id=\"goldstein\" for=\"edge\" attr.name=\"mean_goldstein\" "
              "attr.type=\"double\"/>\n"
              "  <key id=\"roots\" for=\"edge\" attr.name=\"roots\" attr.type=\"string\"/>\n"
              "  <graph id=\"dyads\" edgedefault=\"directed\">\n",
              out);
        /* nodes first: every actor code that appears */
        {
            char nsql[4096];
            sqlite3_stmt *ns = NULL;
            snprintf(nsql, sizeof(nsql),
                     "SELECT DISTINCT c FROM (SELECT e.source_code AS c" EVENT_FROM
                     "%s UNION SELECT e.target_code" EVENT_FROM "%s) ORDER BY c",
                     w.sql, w.sql);
            if (sqlite3_prepare_v2(st->db, nsql, -1, &ns, NULL) != SQLITE_OK) {
                sqlite3_finalize(s);
                return att__store_err(st, "cannot prepare the export");
            }
            for (int i = 0; i < w.n; i++)
                sqlite3_bind_text(ns, i + 1, w.params[i], -1, SQLITE_STATIC);
            while (sqlite3_step(ns) == SQLITE_ROW)
                fprintf(out, "    <node id=\"%s\"/>\n", col(ns, 0) ? col(ns, 0) : "");
            sqlite3_finalize(ns);
        }
        while ((step = sqlite3_step(s)) == SQLITE_ROW)
            fprintf(out,
                    "    <edge source=\"%s\" target=\"%s\"><data key=\"count\">%d</data>"
                    "<data key=\"goldstein\">%.2f</data><data key=\"roots\">%s</data></edge>\n",
                    col(s, 0), col(s, 1), sqlite3_column_int(s, 2), sqlite3_column_double(s, 3),
                    col(s, 4) ? col(s, 4) : "");
        fputs("  </graph>\n</graphml>\n", out);
        goto done;
    }
    if (fmt == ATT_EXPORT_CSV)
        fputs("doc_id,idx,date,code,root,quad,goldstein,source_code,source_name,target_code,"
              "target_name,location,confidence,evidence\n",
              out);
    if (fmt == ATT_EXPORT_GDELT && side)
        fputs("GLOBALEVENTID\tdoc_id\tevent_index\tdate\tdate_precision\tconfidence\t"
              "sentence_start\tsentence_end\ttrigger_start\ttrigger_end\ttrigger\t"
              "source_entity\ttarget_entity\tsource\n",
              side);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *doc = col(s, 0), *date = col(s, 2);
        int idx = sqlite3_column_int(s, 1);
        nrow++;
        if (fmt == ATT_EXPORT_JSONL) {
            fputs("{\"doc_id\":", out);
            att_json_fputs(out, doc);
            fprintf(out, ",\"idx\":%d,\"date\":", idx);
            att_json_fputs(out, date);
            fputs(",\"code\":", out);
            att_json_fputs(out, col(s, 3));
            fprintf(out, ",\"root\":\"%s\",\"quad\":%d,\"goldstein\":%.1f,\"source\":{\"entity\":",
                    col(s, 4) ? col(s, 4) : "", sqlite3_column_int(s, 5),
                    sqlite3_column_double(s, 6));
            att_json_fputs(out, col(s, 23));
            fputs(",\"name\":", out);
            att_json_fputs(out, col(s, 8));
            fputs(",\"code\":", out);
            att_json_fputs(out, col(s, 7));
            fputs("},\"target\":{\"entity\":", out);
            att_json_fputs(out, col(s, 24));
            fputs(",\"name\":", out);
            att_json_fputs(out, col(s, 10));
            fputs(",\"code\":", out);
            att_json_fputs(out, col(s, 9));
            fputs("},\"location\":", out);
            att_json_fputs(out, col(s, 27));
            fprintf(
                out, ",\"confidence\":%.2f,\"sentence\":[%d,%d],\"trigger\":[%d,%d],\"evidence\":",
                sqlite3_column_double(s, 17), sqlite3_column_int(s, 18), sqlite3_column_int(s, 19),
                sqlite3_column_int(s, 20), sqlite3_column_int(s, 21));
            att_json_fputs(out, col(s, 22));
            fputs("}\n", out);
        } else if (fmt == ATT_EXPORT_CSV) {
            const int cols[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 27, 17, 22};
            for (size_t k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
                if (k)
                    fputc(',', out);
                att_csv_fputs(out, col(s, cols[k]));
            }
            fputc('\n', out);
        } else {
            char sqldate[16];
            int y, m, d;
            unsigned long long id = event_id(doc, idx);
            const char *code = col(s, 3), *loc = col(s, 11), *loccode = col(s, 12);
            const char *url = col(s, 14) ? col(s, 14) : col(s, 15);
            gdelt_date(date, col(s, 13), sqldate, &y, &m, &d);
            /* 1-5: GLOBALEVENTID SQLDATE MonthYear Year FractionDate */
            fprintf(out, "%llu\t%s\t%04d%02d\t%04d\t%.4f\t", id, sqldate, y, m, y,
                    y + ((m - 1) * 30.4375 + d) / 365.25);
            actor_cols(out, col(s, 7), col(s, 8));  /* 6-15 */
            actor_cols(out, col(s, 9), col(s, 10)); /* 16-25 */
            /* 26-35: IsRootEvent EventCode EventBaseCode EventRootCode
             * QuadClass GoldsteinScale NumMentions NumSources NumArticles
             * AvgTone */
            fprintf(out, "%d\t%s\t%.3s\t%s\t%d\t%.1f\t1\t1\t1\t0\t", sqlite3_column_int(s, 26),
                    code, code, col(s, 4) ? col(s, 4) : "", sqlite3_column_int(s, 5),
                    sqlite3_column_double(s, 6));
            geo_cols(out, NULL, NULL, NULL, NULL);        /* 36-43 Actor1Geo */
            geo_cols(out, NULL, NULL, NULL, NULL);        /* 44-51 Actor2Geo */
            geo_cols(out, kbs, col(s, 27), loc, loccode); /* 52-59 ActionGeo */
            /* 60-61: DATEADDED SOURCEURL */
            fprintf(out, "%s\t", col(s, 16) ? col(s, 16) : "");
            put_tsv(out, url);
            fputc('\n', out);
            if (side) {
                fprintf(side, "%llu\t%s\t%d\t%s\t%s\t%.2f\t%d\t%d\t%d\t%d\t", id, doc, idx,
                        date ? date : "",
                        !date               ? "none"
                        : strlen(date) == 4 ? "year"
                        : strlen(date) == 7 ? "month"
                                            : "day",
                        sqlite3_column_double(s, 17), sqlite3_column_int(s, 18),
                        sqlite3_column_int(s, 19), sqlite3_column_int(s, 20),
                        sqlite3_column_int(s, 21));
                put_tsv(side, col(s, 25));
                fputc('\t', side);
                put_tsv(side, col(s, 23));
                fputc('\t', side);
                put_tsv(side, col(s, 24));
                fputc('\t', side);
                put_tsv(side, col(s, 15));
                fputc('\n', side);
            }
        }
    }
done:
    rc = step == SQLITE_DONE ? 0 : att__store_err(st, "export failed");
    sqlite3_finalize(s);
    (void)nrow;
    return rc;
}

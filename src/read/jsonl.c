/*
 * jsonl.c - the JSON Lines reader: one article per line.
 *
 * Each line is an object with the article's text and metadata.  Field names
 * differ between corpora, so each role has a short list of names it is
 * found under (text | article | body | content, title | header | headline,
 * ...); fields that fill no role are kept as the document's metadata.  A
 * malformed line is reported with its line and column and skipped; the
 * lines around it are read as usual.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"

typedef enum { F_ID, F_URL, F_TITLE, F_DATE, F_LANG, F_TEXT, F_COUNT } field;

static const char *const field_names[F_COUNT][6] = {
    [F_ID] = {"id", "doc_id", NULL},
    [F_URL] = {"url", "link", "source_url", NULL},
    [F_TITLE] = {"title", "header", "headline", NULL},
    [F_DATE] = {"date", "published", "datePublished", "date_publish", "pubdate", NULL},
    [F_LANG] = {"lang", "language", NULL},
    [F_TEXT] = {"text", "article", "body", "content", "maintext", NULL},
};

static const char *str_field(json_t *obj, field f, const char **key, size_t *len)
{
    for (int i = 0; field_names[f][i]; i++) {
        json_t *v = json_object_get(obj, field_names[f][i]);
        if (json_is_string(v)) {
            *key = field_names[f][i];
            *len = json_string_length(v);
            return json_string_value(v);
        }
    }
    *key = NULL;
    *len = 0;
    return NULL;
}

int att__read_jsonl(att_reader *r, att_doc **out)
{
    const char *line, *vals[F_COUNT], *keys[F_COUNT];
    size_t len, off, lens[F_COUNT];
    json_t *obj = NULL;
    json_error_t jerr;
    att_doc *doc = NULL;
    char where[512];
    int rc;

    *out = NULL;
    for (;;) {
        rc = att__reader_line(r, &line, &len, &off);
        if (rc <= 0) {
            if (rc == 0)
                r->done = 1;
            return rc;
        }
        size_t i = 0;
        while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
            i++;
        if (i < len)
            break; /* blank lines are allowed between records */
    }
    snprintf(where, sizeof(where), "%s:%zu", r->name, r->line);
    obj = json_loadb(line, len, 0, &jerr);
    if (!obj)
        return att__err(r->ctx, ATT_EFORMAT, "%s:%d: malformed JSON (byte %zu of the file): %s",
                        where, jerr.column, off + (jerr.position > 0 ? (size_t)jerr.position : 0),
                        jerr.text);
    if (!json_is_object(obj)) {
        rc = att__err(r->ctx, ATT_EFORMAT, "%s: expected a JSON object, found %s", where,
                      json_is_array(obj) ? "an array" : "a scalar");
        goto cleanup;
    }
    for (int f = 0; f < F_COUNT; f++)
        vals[f] = str_field(obj, (field)f, &keys[f], &lens[f]);
    if (!vals[F_TEXT]) {
        rc = att__err(r->ctx, ATT_EFORMAT,
                      "%s: no article text (a string field text, article, body or content)", where);
        goto cleanup;
    }
    if ((rc = att__doc_from_raw(r, where, 0, vals[F_TEXT], lens[F_TEXT], &doc)))
        goto cleanup;
    if (att__doc_set(doc, &doc->ext_id, vals[F_ID]) || att__doc_set(doc, &doc->url, vals[F_URL]) ||
        att__doc_set(doc, &doc->title, vals[F_TITLE]))
        goto nomem;
    if (vals[F_ID] == NULL) {
        json_t *id = json_object_get(obj, "id");
        if (json_is_integer(id)) {
            char num[32];
            snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(id));
            if (att__doc_set(doc, &doc->ext_id, num))
                goto nomem;
        }
    }
    if (vals[F_DATE] && att__doc_set_published(doc, vals[F_DATE], lens[F_DATE]))
        goto nomem;
    if (vals[F_LANG] && lens[F_LANG] > 0 && lens[F_LANG] < 16) {
        char lang[16];
        for (size_t i = 0; i < lens[F_LANG]; i++)
            lang[i] = (char)(vals[F_LANG][i] >= 'A' && vals[F_LANG][i] <= 'Z' ? vals[F_LANG][i] + 32
                                                                              : vals[F_LANG][i]);
        lang[lens[F_LANG]] = '\0';
        if (att__doc_set(doc, &doc->lang, lang))
            goto nomem;
        if (!doc->lang)
            doc->lang = "und";
    }
    /* everything that filled no role is kept as metadata */
    for (int f = 0; f < F_COUNT; f++)
        if (keys[f])
            json_object_del(obj, keys[f]);
    if (json_object_get(obj, "id") && doc->ext_id)
        json_object_del(obj, "id");
    if (json_object_size(obj) > 0) {
        doc->meta_json = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (!doc->meta_json)
            goto nomem;
    }
    json_decref(obj);
    *out = doc;
    return 1;
nomem:
    rc = att__err(r->ctx, ATT_ENOMEM, "out of memory");
cleanup:
    att_doc_free(doc);
    json_decref(obj);
    return rc;
}

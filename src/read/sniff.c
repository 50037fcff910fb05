/*
 * sniff.c - deciding an input's format from its name and first bytes.
 *
 * The name wins when its extension is one we know; otherwise content
 * decides: a first non-blank byte '{' means JSON Lines, anything else is
 * read as text (and refused there if it is binary).
 */
#include <string.h>
#include <strings.h>

#include "read.h"

static const struct {
    const char *ext;
    att_format fmt;
} by_ext[] = {
    {".jsonl", ATT_FMT_JSONL}, {".ndjson", ATT_FMT_JSONL}, {".txt", ATT_FMT_TEXT},
    {".text", ATT_FMT_TEXT},   {".md", ATT_FMT_TEXT},
};

att_format att__sniff(const char *name, const char *data, size_t len)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    size_t i = 0;
    if (dot) {
        for (size_t k = 0; k < ATT_ARRAY_LEN(by_ext); k++)
            if (strcasecmp(dot, by_ext[k].ext) == 0)
                return by_ext[k].fmt;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i < len && data[i] == '{')
        return ATT_FMT_JSONL;
    return ATT_FMT_TEXT;
}

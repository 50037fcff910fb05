#!/bin/sh
# test_warc.sh - web crawls end to end: a WARC written here (plain and
# gzip, one member per record), the pages in it become documents with their
# URLs; every shared WARC sample is read without a crash.
. "$(dirname "$0")/lib.inc"
A="$ATTACHE"

page='<html lang="de"><head><title>Gipfel in Astana</title></head><body><nav>Start | Politik</nav><article><h1>Gipfel in Astana</h1><p>Der kasachische Präsident Tokajew empfing am Montag den aserbaidschanischen Präsidenten Alijew in Astana.</p><p>Beide Seiten unterzeichneten zwölf Abkommen über Handel und Verkehr.</p></article><footer>Impressum</footer></body></html>'
http=$(printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n%s' "$page")
len=$(printf '%s' "$http" | wc -c)
record() { # type uri content-type block-length block
    printf 'WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %s\r\n\r\n%s\r\n\r\n' "$1" "$2" "$3" "$4" "$5"
}
{
    record warcinfo "" application/warc-fields 14 "software: test"
    record request http://example.org/gipfel "application/http; msgtype=request" 19 "$(printf 'GET / HTTP/1.1\r\n\r\n')"
    record response http://example.org/gipfel "application/http; msgtype=response" "$len" "$http"
    record response http://example.org/logo.png "application/http; msgtype=response" 40 "$(printf 'HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n')"
} >"$T/crawl.warc"
"$A" extract "$T/crawl.warc" >"$T/w.json" 2>"$T/w.err"
check "one document from the crawl" sh -c "[ \$(wc -l <'$T/w.json') -eq 1 ]"
check "its URL is the record's" grep -q '"url":"http://example.org/gipfel"' "$T/w.json"
check "its title and language come from the page" grep -q '"title":"Gipfel in Astana".*"lang":"de"' "$T/w.json"
check "navigation and footer are gone" sh -c "! grep -q 'Impressum\\|Start | Politik' '$T/w.json'"
check "events are coded from the page" grep -q '"code":"043"' "$T/w.json"

# the same, gzip-compressed one member per record, through a directory walk
mkdir -p "$T/dir"
gzip -c "$T/crawl.warc" >"$T/dir/crawl.warc.gz"
expect_status 0 "ingest a directory with a .warc.gz" "$A" ingest --db "$T/w.db" "$T/dir"
check "stored" grep -q ": 1 new, 0 unchanged, 0 failed" "$T/.err"

# truncated: what is readable is read, the damage reported with its record
{
    record warcinfo "" application/warc-fields 14 "software: test"
    record response http://example.org/gipfel "application/http; msgtype=response" "$len" "$http"
} >"$T/two.warc"
head -c $(( $(wc -c <"$T/two.warc") - 60 )) "$T/two.warc" >"$T/trunc.warc"
expect_status 1 "truncated crawl: exit status 1" "$A" extract "$T/trunc.warc"
cp "$T/.out" "$T/trunc.json"
check "damage named with record and byte" grep -q "trunc.warc: record 2 (http://example.org/gipfel) at byte [0-9]*: truncated" "$T/.err"
check "the readable part is still a document" sh -c "[ \$(wc -l <'$T/trunc.json') -eq 1 ]"

# every shared sample: read to its end, no crash (0 or 1 only)
if [ -d "$SHARED/data/warc-samples" ]; then
    bad=0
    for f in $(find "$SHARED/data/warc-samples" -name '*.warc' -o -name '*.warc.gz' | sort); do
        "$A" extract --threads 1 "$f" >/dev/null 2>&1
        rc=$?
        if [ $rc -gt 1 ]; then
            echo "  $f: exit status $rc"
            bad=1
        fi
    done
    check "every WARC sample read without a crash" test $bad -eq 0
else
    skip "WARC samples: $SHARED/data/warc-samples not found"
fi
finish

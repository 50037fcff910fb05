#!/bin/sh
# test_fetch.sh - `attache fetch` against a local server (tests/e2e/http_server.py,
# bound to 127.0.0.1 only; nothing else is ever contacted): a page and a
# feed become documents with their URLs; --pages fetches each item's page;
# a second fetch sends the stored ETag and counts the 304 as unchanged; a
# redirect chain is followed up to 5 hops and no further; a 404, a closed
# port and non-http schemes are clear errors with exit status 1.
. "$(dirname "$0")/lib.inc"
A="$ATTACHE"

# refused before any network: only http and https
expect_status 1 "file:// is refused" "$A" fetch --db "$T/x.db" file:///etc/hostname
check "file:// refusal names the URL and the rule" grep -q "file:///etc/hostname: not fetched: only http:// and https:// URLs are allowed" "$T/.err"
expect_status 1 "ftp:// is refused" "$A" fetch --db "$T/x.db" ftp://127.0.0.1/feed.rss
check "ftp:// refusal names the URL" grep -q "ftp://127.0.0.1/feed.rss: not fetched" "$T/.err"

if ! command -v python3 >/dev/null 2>&1; then
    skip "fetch over HTTP: python3 not found (it runs the local test server)"
    finish
    exit $?
fi

# a closed port on 127.0.0.1: a port the kernel handed out and that is closed again
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
expect_status 1 "closed port: exit status 1" "$A" fetch --db "$T/x.db" "http://127.0.0.1:$closed/page.html"
check "closed port: the URL and curl's reason" grep -q "http://127.0.0.1:$closed/page.html: cannot fetch: Couldn't connect to server" "$T/.err"
check "closed port: counted as failed" grep -q ": 0 new, 0 unchanged, 1 failed (1 URLs" "$T/.err"

W="$T/www"
mkdir -p "$W"
cat >"$W/page.html" <<'HTML'
<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Gipfel in Astana</title>
<meta property="article:published_time" content="2024-04-15T10:22:00+02:00"></head>
<body><article><h1>Gipfel in Astana</h1>
<p>Der kasachische Präsident Tokajew empfing am Montag den aserbaidschanischen Präsidenten Alijew in Astana.</p>
<p>Beide Seiten unterzeichneten zwölf Abkommen über Handel und Verkehr.</p>
</article></body></html>
HTML
cat >"$W/feed.rss" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Nachrichten</title><language>de</language>
<item><title>Gespräche in Baku</title><link>item.html</link>
<pubDate>Tue, 16 Apr 2024 08:00:00 +0200</pubDate>
<description>Die Außenminister Armeniens und Aserbaidschans trafen sich am Dienstag in Baku.</description></item>
<item><title>Besuch in Berlin</title><link>missing.html</link>
<description>Der Bundeskanzler reiste am Mittwoch nach Paris.</description></item>
</channel></rss>
XML
cat >"$W/item.html" <<'HTML'
<html lang="de"><head><meta charset="utf-8"><title>Gespräche in Baku</title></head>
<body><article><p>Die Außenminister Armeniens und Aserbaidschans trafen sich am Dienstag in Baku, um über einen Friedensvertrag zu sprechen.</p></article></body></html>
HTML

if ! start_http_server "$W"; then
    skip "fetch over HTTP: the test server did not start in 10 s ($(head -n 1 "$T/server.err"))"
    finish
    exit $?
fi
D="$T/f.db"

expect_status 0 "fetch a page" "$A" fetch --db "$D" "$U/page.html"
check "the page is one new document" grep -q ": 1 new, 0 unchanged, 0 failed (1 URLs" "$T/.err"
"$A" docs --db "$D" --json >"$T/docs.json"
check "the page's title and source are stored" grep -q "\"title\":\"Gipfel in Astana\",\"source\":\"$U/page.html\"" "$T/docs.json"
check "the User-Agent names attache" grep -q "ua=attache/[0-9.]* (+https://example.org/attache)" "$W/requests.log"

expect_status 0 "fetch the page again" "$A" fetch --db "$D" "$U/page.html"
check "the second fetch is a 304, counted unchanged" grep -q ": 0 new, 1 unchanged, 0 failed" "$T/.err"
check "the second request sent the stored ETag" sh -c "tail -n 1 '$W/requests.log' | grep -q 'inm=\"[0-9a-f]*\" ims=Mon, 15 Apr 2024 10:00:00 GMT'"

expect_status 1 "fetch a feed with --pages (one item's page is missing)" "$A" fetch --db "$D" --pages "$U/feed.rss"
check "two items and one page stored, the missing page failed" grep -q ": 3 new, 0 unchanged, 1 failed (3 URLs" "$T/.err"
check "the 404 names the URL and the status" grep -q "$U/missing.html: cannot fetch: the server answered HTTP 404" "$T/.err"
"$A" search --db "$D" --json Friedensvertrag >"$T/s.json"
check "the item's page is searchable" grep -q "$U/item.html" "$T/s.json"
"$A" search --db "$D" --json Dienstag >"$T/s2.json"
check "the item's relative link resolved against the feed URL" grep -q "$U/item.html" "$T/s2.json"

# the feed failed in part, so its validators were not kept: it is read again
expect_status 1 "the feed again" "$A" fetch --db "$D" --pages "$U/feed.rss"
check "the feed is read again, its items unchanged, the good page a 304" grep -q ": 0 new, 3 unchanged, 1 failed" "$T/.err"
check "no ETag was sent for the partly failed feed" sh -c "grep '^/feed.rss' '$W/requests.log' | tail -n 1 | grep -q 'inm=None'"

expect_status 0 "five redirects are followed" "$A" fetch --db "$T/r.db" "$U/redirect/5"
check "the page reached through redirects" grep -q ": 1 new, 0 unchanged, 0 failed" "$T/.err"
id=$("$A" docs --db "$T/r.db" --json | sed -n 's/^{"id":"\([0-9a-f]*\)".*/\1/p')
"$A" show --db "$T/r.db" --json "$id" >"$T/r.json"
check "the stored URL is the effective one" grep -q "\"url\":\"$U/page.html\"" "$T/r.json"
expect_status 1 "a sixth redirect is refused" "$A" fetch --db "$T/r.db" "$U/redirect/6"
check "too many redirects named" grep -q "$U/redirect/6: cannot fetch: .*[Rr]edirect" "$T/.err"

# the size limit is the largest document size; here a tiny --timeout is only syntax
expect_status 2 "--timeout must be a number" "$A" fetch --db "$D" --timeout soon "$U/page.html"
finish

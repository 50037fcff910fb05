#!/bin/sh
# test_feed.sh - news feeds end to end: an RSS 2.0 and an Atom feed written
# here become one document per item with title, URL, date and language;
# a truncated feed names file, line and column and still yields its items;
# a directory walk picks up .rss and .atom; every shared feed sample is read
# without a crash, and the samples' own expectations (malformed or not,
# titles, links, text) hold.
. "$(dirname "$0")/lib.inc"
A="$ATTACHE"

cat >"$T/news.rss" <<'XML'

<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Nachrichten</title><link>https://example.de/</link><language>de-de</language>
<item><title>Gipfel in Astana</title><link>https://example.de/gipfel</link>
<pubDate>Mon, 15 Apr 2024 10:22:00 +0200</pubDate>
<content:encoded><![CDATA[<p>Der kasachische Präsident Tokajew empfing am Montag den aserbaidschanischen Präsidenten Alijew in Astana.</p><p>Beide Seiten unterzeichneten zwölf Abkommen.</p>]]></content:encoded></item>
<item><title>Nur ein Titel</title><guid>https://example.de/titel</guid></item>
</channel></rss>
XML
"$A" extract "$T/news.rss" >"$T/r.json" 2>"$T/r.err"
check "two documents from the RSS feed" sh -c "[ \$(wc -l <'$T/r.json') -eq 2 ]"
check "URL, title, date and language of the first item" grep -q '"url":"https://example.de/gipfel","title":"Gipfel in Astana","published":"2024-04-15T10:22:00+02:00","lang":"de"' "$T/r.json"
check "the HTML content is read as text" grep -q '"text":"Der kasachische Präsident Tokajew' "$T/r.json"
check "events are coded from the item" grep -q '"code":"04' "$T/r.json"
check "an item without text is its title" grep -q '"url":"https://example.de/titel","title":"Nur ein Titel"' "$T/r.json"
check "no error for a good feed" test ! -s "$T/r.err"

cat >"$T/wire.atom" <<'XML'
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<link rel="self" href="https://wire.example.org/feed.atom"/>
<entry><title>Talks in Baku</title><link href="/2024/05/talks"/><updated>2024-05-02T09:00:00Z</updated>
<summary>Foreign ministers met in Baku on Wednesday to discuss a peace treaty.</summary></entry>
</feed>
XML
cp "$T/wire.atom" "$T/wire.xml"
"$A" extract "$T/wire.xml" >"$T/a.json" 2>/dev/null
check "Atom in a .xml file: sniffed, relative link resolved" grep -q '"url":"https://wire.example.org/2024/05/talks","title":"Talks in Baku","published":"2024-05-02T09:00:00Z","lang":"en"' "$T/a.json"
"$A" extract --format feed - <"$T/wire.atom" >"$T/s.json" 2>/dev/null
check "--format feed on standard input" grep -q '"title":"Talks in Baku"' "$T/s.json"

# truncated: what is readable is read, the damage named with line and column
head -c $(( $(wc -c <"$T/news.rss") - 80 )) "$T/news.rss" >"$T/cut.rss"
expect_status 1 "truncated feed: exit status 1" "$A" extract "$T/cut.rss"
cp "$T/.out" "$T/cut.json"
check "damage named with file, line and column" grep -q "cut.rss: malformed feed at line [0-9]*, column [0-9]*: " "$T/.err"
check "the readable item is still a document" grep -q '"title":"Gipfel in Astana"' "$T/cut.json"

# a directory walk takes .rss and .atom
mkdir -p "$T/dir"
cp "$T/news.rss" "$T/wire.atom" "$T/dir/"
expect_status 0 "ingest a directory of feeds" "$A" ingest --db "$T/f.db" "$T/dir"
check "stored three items" grep -q ": 3 new, 0 unchanged, 0 failed" "$T/.err"

# every shared sample: no crash; the samples' expectations
F="$SHARED/data/feeds"
if [ -d "$F" ]; then
    bad=0
    for f in $(find "$F" -type f ! -name '*.md' | sort); do
        "$A" extract --threads 1 "$f" >"$T/o.json" 2>"$T/o.err"
        rc=$?
        if [ $rc -gt 1 ]; then
            echo "  $f: exit status $rc"
            bad=1
        fi
        # Expect: bozo / not bozo -> an error message with a position, or none
        exp=$(sed -n 's/^ *Expect: *//p' "$f" | head -n 1)
        case "$exp" in
        "not bozo"*)
            if [ -s "$T/o.err" ]; then echo "  $f: expected no error, got: $(head -n 1 "$T/o.err")"; bad=1; fi ;;
        bozo*)
            if ! grep -q "line [0-9]*, column [0-9]*" "$T/o.err"; then echo "  $f: expected a malformed-feed error"; bad=1; fi ;;
        esac
    done
    check "every feed sample read without a crash, bozo or not as expected" test $bad -eq 0
    fp="$F/feedparser"
    if [ -d "$fp" ]; then
        "$A" extract "$fp/wellformed_rdf_rdf_item_title.xml" >"$T/1.json" 2>/dev/null
        check "RDF item title" grep -q '"title":"Example title"' "$T/1.json"
        "$A" extract "$fp/wellformed_atom10_entry_content_inline_markup.xml" >"$T/2.json" 2>/dev/null
        check "Atom inline XHTML content" grep -q '"text":"Example Atom"' "$T/2.json"
        "$A" extract "$fp/wellformed_atom10_entry_content_escaped_markup.xml" >"$T/3.json" 2>/dev/null
        check "Atom escaped HTML content" grep -q '"text":"Example Atom"' "$T/3.json"
        "$A" extract "$fp/wellformed_rss_item_content_encoded.xml" >"$T/4.json" 2>/dev/null
        check "RSS content:encoded" grep -q '"text":"Example content"' "$T/4.json"
        "$A" extract "$fp/wellformed_rss_item_description_escaped_markup.xml" >"$T/5.json" 2>/dev/null
        check "RSS escaped description" grep -q '"text":"Example description"' "$T/5.json"
    else
        skip "feedparser samples: $fp not found"
    fi
    fj="$F/feedjira"
    if [ -d "$fj" ]; then
        "$A" extract "$fj/TechCrunch.xml" >"$T/tc.json" 2>/dev/null
        check "TechCrunch: 20 items" sh -c "[ \$(wc -l <'$T/tc.json') -eq 20 ]"
        "$A" extract "$fj/InvalidDateFormat.xml" >"$T/id.json" 2>/dev/null
        check "InvalidDateFormat: the good pubDate wins over a bad dc:date" grep -q '"url":"http://example.com/item0","title":"Item 0 with an invalid date","published":"2017-10-16T15:10:00Z"' "$T/id.json"
    else
        skip "feedjira samples: $fj not found"
    fi
else
    skip "feed samples: $F not found"
fi
finish

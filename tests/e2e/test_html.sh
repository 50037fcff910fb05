#!/bin/sh
# test_html.sh - the HTML reader end to end: extract and ingest web pages
# (by extension, by content and with --format html), main text without the
# page's furniture, metadata, a Latin-1 page, directory walking, and bad
# input reported with the file and the byte.
. "$(dirname "$0")/lib.inc"

A="$ATTACHE"
DB="$T/h.db"

cat >"$T/gipfel.html" <<'EOF'
<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Gipfel in Astana | Beispielzeitung</title>
<meta property="og:title" content="Gipfel in Astana">
<meta property="article:published_time" content="2024-04-17T10:22:00+02:00">
<meta name="author" content="Erika Muster">
<link rel="canonical" href="https://example.org/politik/gipfel-in-astana">
</head>
<body>
<header class="site-header"><a href="/">Beispielzeitung</a>
<nav><ul><li><a href="/politik">Politik</a></li><li><a href="/sport">Sport</a></li></ul></nav>
</header>
<main>
<article>
<h1>Gipfel in Astana</h1>
<div class="article-body">
<p>Kasachstans Präsident Kassym-Schomart Tokajew hat am Mittwoch in Astana den usbekischen
Präsidenten Schawkat Mirsijojew empfangen. Beide sprachen über Handel und Wasser.</p>
<p>Die beiden Staaten unterzeichneten ein Abkommen über die gemeinsame Nutzung des
Syr-Darja, wie das Außenministerium in Astana mitteilte.</p>
</div>
<div class="social-share"><a href="#">Teilen</a> <a href="#">Facebook</a></div>
</article>
</main>
<aside class="sidebar"><h2>Meistgelesen</h2>
<ul><li><a href="/x">Wetter: Schnee im April</a></li><li><a href="/y">Fußball: Tabelle</a></li></ul>
</aside>
<footer><p>Impressum · Datenschutz · Kontakt</p></footer>
</body>
</html>
EOF

"$A" extract "$T/gipfel.html" >"$T/g.json" 2>"$T/g.err"
check "extract reads a .html file" grep -q '"text":"Kasachstans Präsident' "$T/g.json"
check "the article text is there" grep -q 'Tokajew hat am Mittwoch in Astana' "$T/g.json"
check "the navigation is not" sh -c "! grep -q 'Politik' '$T/g.json'"
check "the sidebar is not" sh -c "! grep -q 'Meistgelesen' '$T/g.json'"
check "the footer is not" sh -c "! grep -q 'Impressum' '$T/g.json'"
check "the share bar is not" sh -c "! grep -q 'Facebook' '$T/g.json'"
check "title from og:title" grep -q '"title":"Gipfel in Astana"' "$T/g.json"
check "published with its time" grep -q '"published":"2024-04-17T10:22:00+02:00"' "$T/g.json"
check "canonical URL" grep -q '"url":"https://example.org/politik/gipfel-in-astana"' "$T/g.json"
check "author in meta" grep -q '"author":"Erika Muster"' "$T/g.json"
check "entities found in the page text" grep -q 'country:KAZ' "$T/g.json"

# the same page without an extension: sniffed from its content, or forced
cp "$T/gipfel.html" "$T/page"
check "sniffed from the content" sh -c "'$A' extract '$T/page' | grep -q 'Tokajew hat am Mittwoch'"
cp "$T/gipfel.html" "$T/page.txt"
check "--format html overrides the extension" \
    sh -c "'$A' extract --format html '$T/page.txt' | grep -q '\"title\":\"Gipfel in Astana\"'"
expect_status 2 "--format rejects an unknown format" "$A" extract --format pdf "$T/page.txt"

# a Latin-1 page that says so
printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">\n<title>Gr\374\337e</title></head><body><p>Die Stra\337e in K\366ln ist f\374r 5 \200 gesperrt worden, teilte die Stadt am Montag mit.</p></body></html>\n' >"$T/latin1.html"
check "a Latin-1 page is decoded" sh -c "'$A' extract '$T/latin1.html' | grep -q 'Die Straße in Köln ist für 5 € gesperrt'"

# a directory: .html files are found next to .txt files
mkdir -p "$T/dir/sub"
cp "$T/gipfel.html" "$T/dir/sub/a.htm"
printf 'Ein Text.\n\nMit zwei Absätzen.\n' >"$T/dir/b.txt"
printf 'ignored' >"$T/dir/c.css"
expect_status 0 "ingest a directory with HTML" "$A" ingest --db "$DB" "$T/dir"
check "two documents" grep -q ": 2 new, 0 unchanged, 0 failed" "$T/.err"
check "the page is searchable" sh -c "'$A' search Syr-Darja --db '$DB' --json | grep -q 'a.htm'"

# bad input: named with its byte offset, never a crash
printf '<html><body><p>Text\000mit NUL</p></body></html>' >"$T/nul.html"
expect_status 1 "a NUL byte fails" "$A" extract "$T/nul.html"
check "the message names file and byte" grep -q 'nul.html: binary data, not HTML (NUL byte at byte 19)' "$T/.err"
printf '<html><head><title>Leer</title></head><body><script>x()</script></body></html>' >"$T/empty.html"
expect_status 1 "a page without text fails" "$A" extract "$T/empty.html"
check "the message says why" grep -q 'empty.html: no text in the page' "$T/.err"
: >"$T/zero.html"
expect_status 1 "an empty file fails" "$A" extract "$T/zero.html"
check "the message names the file" grep -q 'zero.html: empty file' "$T/.err"

finish

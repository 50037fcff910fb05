#!/bin/sh
# test_cli.sh - the command-line interface end to end: ingest, idempotency,
# search, metadata lines, bad input, help and exit statuses.
. "$(dirname "$0")/lib.inc"

A="$ATTACHE"
DB="$T/a.db"

# --- help and usage ---------------------------------------------------------
for cmd in ingest extract search docs show stats time help version; do
    check "$cmd --help prints usage" sh -c "'$A' $cmd --help | grep -q 'usage: attache $cmd'"
done
expect_status 2 "no arguments is a usage error" "$A"
expect_status 2 "unknown command" "$A" frobnicate
expect_status 2 "unknown option" "$A" docs --frobnicate
expect_status 2 "missing argument" "$A" search
expect_status 2 "bad --limit" "$A" docs --limit abc --db "$DB"
check "version" sh -c "'$A' version | grep -q '^attache [0-9]'"

# --- the seeds --------------------------------------------------------------
if [ -d "$SHARED/seeds" ]; then
    expect_status 0 "ingest seeds" "$A" ingest --db "$DB" "$SHARED/seeds"
    check "5 new" grep -q ": 5 new, 0 unchanged, 0 failed" "$T/.err"
    expect_status 0 "ingest seeds again" "$A" ingest --db "$DB" "$SHARED/seeds"
    check "0 new, 5 unchanged" grep -q ": 0 new, 5 unchanged, 0 failed" "$T/.err"
    check "5 documents stored" sh -c "'$A' docs --db '$DB' --json | wc -l | grep -qx 5"
    check "search Glasfaserkabel finds seed 000" \
        sh -c "'$A' search Glasfaserkabel --db '$DB' --json | grep -q '000_d89457b42e41811c'"
    "$A" extract "$SHARED/seeds/004_5fb6c0072c137037.txt" >"$T/004.json"
    check "seed 004 published 2024-04" grep -q '"published":"2024-04"' "$T/004.json"
    check "seed 004 text without its date line" \
        sh -c "! grep -q 'date 2024-04' '$T/004.json'"
    check "seed 004 text starts with the article" \
        grep -q '"text":"Seit Ausbruch des Krieges' "$T/004.json"
    "$A" extract "$SHARED/seeds/001_ca982c535d62abd2.txt" >"$T/001.json"
    check "seed 001 empty Date: line dropped" sh -c "! grep -q 'Date:' '$T/001.json'"
    check "seed 001 published is null" grep -q '"published":null' "$T/001.json"
    check "seed 001 title" \
        grep -q '"title":"Strategische Partnerschaft zwischen Baku und Astana' "$T/001.json"
    check "extract has every layer" sh -c "grep -q '\"entities\":\\[' '$T/001.json' &&
        grep -q '\"timex\":\\[' '$T/001.json' && grep -q '\"events\":\\[' '$T/001.json' &&
        grep -q '\"facts\":\\[' '$T/001.json' && grep -q '\"quotes\":\\[' '$T/001.json'"
    check "stats counts documents" sh -c "'$A' stats --db '$DB' --csv | grep -q '^documents,5$'"
    id=$("$A" docs --db "$DB" --tsv | awk -F'\t' 'NR>1 && $1 ~ /^0/ {print $1; exit}')
    [ -n "$id" ] || id=$("$A" docs --db "$DB" --tsv | awk -F'\t' 'NR==2 {print $1}')
    prefix=$(echo "$id" | cut -c1-8)
    check "show by id prefix" sh -c "'$A' show '$prefix' --db '$DB' --json | grep -q '\"id\":\"$id\"'"
    expect_status 1 "show unknown id" "$A" show ffffffffffffffff --db "$DB"
else
    skip "seed tests: $SHARED/seeds not found"
fi

# --- bad input --------------------------------------------------------------
mkdir -p "$T/bad"
printf 'Ein guter Artikel.\n\nMit zwei Absätzen über Diplomatie.\n' >"$T/bad/good.txt"
head -c 2000 /bin/sh >"$T/bad/binary.txt"
: >"$T/bad/empty.txt"
printf 'Gültiger Anfang, dann \377\376 kaputt.\n' >"$T/bad/broken-utf8.txt"
{
    echo '{"id": "a1", "title": "Eins", "date": "2025-01-02", "text": "Der erste gute Artikel."}'
    echo '{"id": "a2", "title": "Zwei", "text": "Der zweite Artikel ist kaputt.'
    echo '{"id": "a3", "title": "Drei", "text": "Der dritte gute Artikel."}'
} >"$T/bad/feed.jsonl"
expect_status 1 "bad inputs: exit status 1" "$A" ingest --db "$T/bad.db" "$T/bad"
check "binary file named with position" grep -q "binary.txt: binary file (NUL byte at byte [0-9]*)" "$T/.err"
check "empty file named" grep -q "empty.txt: empty file" "$T/.err"
check "invalid UTF-8 named with byte offset" grep -q "broken-utf8.txt: invalid UTF-8 at byte 23" "$T/.err"
check "broken JSON line named with line number" grep -q "feed.jsonl:2:" "$T/.err"
check "one error line each" sh -c "[ \$(grep -c '^attache: ' '$T/.err') -eq 4 ]"
check "good documents stored" sh -c "'$A' docs --db '$T/bad.db' --json | wc -l | grep -qx 3"
check "summary counts" grep -q ": 3 new, 0 unchanged, 4 failed" "$T/.err"

# --- stdin and JSON Lines metadata --------------------------------------------
check "extract from stdin" sh -c "printf 'Date: 2025-10-24\n\nKasachstan und Usbekistan.\n' |
    '$A' extract - | grep -q '\"published\":\"2025-10-24\"'"
check "JSON Lines keeps other fields as meta" sh -c "echo '{\"text\": \"Ein Text.\", \"label\": \"real\"}' |
    '$A' extract --format jsonl - | grep -q '\"meta\":{\"label\":\"real\"}'"
check "fang-style header/article keys" sh -c "echo '{\"header\": \"Titel\", \"article\": \"Ein Text.\", \"date\": \"2020-01-29T11:39:03+01:00\"}' |
    '$A' extract --format jsonl - | grep -q '\"title\":\"Titel\",\"published\":\"2020-01-29T11:39:03+01:00\"'"
expect_status 1 "missing file" "$A" extract "$T/nope.txt"
check "missing file named" grep -q "nope.txt: No such file" "$T/.err"
expect_status 2 "bad --format" "$A" extract --format xml "$T/bad/good.txt"

finish

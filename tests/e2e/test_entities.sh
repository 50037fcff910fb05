#!/bin/sh
# test_entities.sh - the entity commands end to end: kb lookup (the
# transliteration spellings meet), kb check and --kb-extra (a bad overlay is
# reported with file:line, a good one adds names), entities and entity
# over the ingested seeds.
. "$(dirname "$0")/lib.inc"

A="$ATTACHE"
DB="$T/e.db"

for cmd in entities entity kb; do
    check "$cmd --help prints usage" sh -c "'$A' $cmd --help | grep -q 'usage: attache $cmd'"
done
for name in Tokajew Tokayev Токаев Tokajews; do
    check "kb lookup $name is Tokayev" \
        sh -c "'$A' kb lookup '$name' --tsv | sed -n 2p | grep -q '^person:kassym-jomart-tokayev	'"
done
check "kb lookup says why" sh -c "'$A' kb lookup Tokajews --tsv | grep -q 'inflected\\|genitive'"
check "kb lookup --date gives the code then" \
    sh -c "'$A' kb lookup Putin --date 2010-01-01 --tsv | sed -n 2p | grep -q 'RUSGOV'"
expect_status 1 "kb lookup of nothing fails" "$A" kb lookup Qwertzuiopü
expect_status 2 "kb with an unknown action" "$A" kb frobnicate x

printf 'id\ttype\tname\tcode\tcountry\taliases\nperson:erika-musterfrau\tperson\tErika Musterfrau\tDEUGOV\tDEU\tMusterfrau\n' >"$T/extra.tsv"
printf '# bad\nid\tname\nbogus:x\tX\n' >"$T/bad.tsv"
check "kb check accepts a good overlay" "$A" kb check "$T/extra.tsv"
expect_status 1 "kb check refuses a bad overlay" "$A" kb check "$T/bad.tsv"
check "kb check names file:line" grep -q "bad.tsv:3" "$T/.err"
expect_status 2 "--kb-extra with a bad file is refused" "$A" kb lookup Tokajew --kb-extra "$T/bad.tsv"
check "the refusal names file:line" grep -q "bad.tsv:3" "$T/.err"
check "--kb-extra adds a name" \
    sh -c "'$A' kb lookup Musterfrau --kb-extra '$T/extra.tsv' --tsv | grep -q person:erika-musterfrau"
printf 'Bundeskanzlerin Erika Musterfrau traf Tokajew.\n' >"$T/m.txt"
check "--kb-extra names reach extract" \
    sh -c "'$A' extract --kb-extra '$T/extra.tsv' '$T/m.txt' | grep -q '\"id\":\"person:erika-musterfrau\",\"type\":\"person\",\"name\":\"Erika Musterfrau\",\"code\":\"DEUGOV\"'"

if [ -d "$SHARED/seeds" ]; then
    printf 'Der kasachische Außenminister Darkhan Qwertbekov reiste nach Baku.\n' >"$T/new.txt"
    "$A" ingest --quiet --db "$DB" "$SHARED/seeds" "$T/new.txt" 2>/dev/null
    check "entities lists Kazakhstan in 5 documents" \
        sh -c "'$A' entities --db '$DB' --tsv | grep -q '^country:KAZ	country	Kazakhstan	KAZ	[0-9]*	5$'"
    check "entities --type person" \
        sh -c "'$A' entities --db '$DB' --type person --tsv | sed 1d | cut -f2 | sort -u | grep -qx person"
    check "entity Tokajew shows roles" \
        sh -c "'$A' entity Tokajew --db '$DB' --table | grep -q head_of_state"
    check "entity Tokajew shows documents" \
        sh -c "'$A' entity Tokajew --db '$DB' --table | grep -q 004_5fb6c0072c137037.txt"
    check "entity by id works for a person the KB lacks" \
        sh -c "'$A' entity person:darkhan-qwertbekov --db '$DB' --json | grep -q KAZGOV"
    "$A" extract "$SHARED/seeds/002_53610af29d9cbfa2.txt" >"$T/002.json"
    check "no entity from boilerplate (ots, presseportal)" \
        sh -c "! grep -qi 'presseportal\\|org:ots' '$T/002.json'"
else
    skip "seed entity checks: $SHARED/seeds not found"
fi
finish

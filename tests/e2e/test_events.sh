#!/bin/sh
# test_events.sh - events end to end: ingest, `attache events` filters, and
# the exports (GDELT 2.0 columns, types and code ranges; JSON Lines; CSV;
# GraphML).
. "$(dirname "$0")/lib.inc"
A="$ATTACHE"
DB="$T/e.db"

"$A" ingest -q --db "$DB" demo/ >/dev/null 2>&1
[ -d "$SHARED/seeds" ] && "$A" ingest -q --db "$DB" "$SHARED/seeds" >/dev/null 2>&1

check "events are stored" sh -c "[ \$('$A' events --db '$DB' --tsv | wc -l) -gt 5 ]"
check "every listed event has a code" sh -c "'$A' events --db '$DB' --tsv | awk -F'\t' 'NR>1 && \$2 !~ /^[0-9][0-9][0-9][0-9]?\$/ {bad=1} END {exit bad}'"
check "--root filters" sh -c "'$A' events --db '$DB' --root 04 --tsv | awk -F'\t' 'NR>1 && substr(\$2,1,2) != \"04\" {bad=1} END {exit bad}'"
check "--quad filters" sh -c "'$A' events --db '$DB' --quad 1 --json | grep -v '\"code\":\"0[1-5]' | grep -q . && exit 1 || exit 0"
check "--country filters" sh -c "'$A' events --db '$DB' --country KAZ --tsv | awk -F'\t' 'NR>1 && substr(\$3,1,3) != \"KAZ\" && substr(\$5,1,3) != \"KAZ\" {bad=1} END {exit bad}'"
expect_status 2 "bad --quad" "$A" events --db "$DB" --quad 7
expect_status 2 "bad --root" "$A" events --db "$DB" --root 4

if [ -d "$SHARED/seeds" ]; then
    "$A" events --db "$DB" --actor KAZ --since 2024-01-01 --tsv >"$T/kaz.tsv"
    check "seed 004: Tokayev's visit to Yerevan, dated, with its sentence" \
        grep -q "^2024-04	042	KAZGOV	Kassym-Jomart Tokayev	ARMGOV	Nikol Pashinyan	.*	Yerevan	.*Jerewan eingetroffen" "$T/kaz.tsv"
    check "--since leaves out older events" sh -c "awk -F'\t' 'NR>1 && \$1 < \"2024\" {bad=1} END {exit bad}' '$T/kaz.tsv'"
else
    skip "seed event checks: $SHARED/seeds not found"
fi

# GDELT 2.0: 61 columns, types and ranges
"$A" export --db "$DB" --format gdelt --output "$T/g.tsv"
check "gdelt rows written" sh -c "[ \$(wc -l <'$T/g.tsv') -gt 5 ]"
check "gdelt: 61 columns on every row" sh -c "awk -F'\t' 'NF != 61 {bad=1} END {exit bad}' '$T/g.tsv'"
check "gdelt: ids, dates and codes well-formed" sh -c "awk -F'\t' '
    \$1 !~ /^[0-9]+\$/ || \$2 !~ /^[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]\$/ || \$3 !~ /^[0-9][0-9][0-9][0-9][0-9][0-9]\$/ || \$4 !~ /^[0-9][0-9][0-9][0-9]\$/ ||
    \$27 !~ /^[0-9][0-9][0-9][0-9]?\$/ || \$28 !~ /^[0-9][0-9][0-9]\$/ || \$29 !~ /^[0-9][0-9]\$/ ||
    substr(\$27,1,2) != \$29 || \$30 < 1 || \$30 > 4 || \$31 < -10 || \$31 > 10 ||
    \$26 !~ /^[01]\$/ || length(\$60) != 14 || \$60 !~ /^[0-9]+\$/ {bad=1; print NR\": \"\$0 > \"/dev/stderr\"} END {exit bad}' '$T/g.tsv'"
check "gdelt: root matches quad class" sh -c "awk -F'\t' '{r=\$29+0; q=(r<=5)?1:(r<=9)?2:(r<=14)?3:4; if (q != \$30) bad=1} END {exit bad}' '$T/g.tsv'"
check "gdelt side file keyed by GLOBALEVENTID" sh -c "[ \$(tail -n +2 '$T/g.tsv.extra.tsv' | wc -l) -eq \$(wc -l <'$T/g.tsv') ] &&
    cut -f1 '$T/g.tsv' | sort >'$T/a' && tail -n +2 '$T/g.tsv.extra.tsv' | cut -f1 | sort >'$T/b' && cmp -s '$T/a' '$T/b'"
check "gdelt: ActionGeo cities carry coordinates in range and a GeoNames id" sh -c "awk -F'\t' '
    \$52 == 4 { n++; if (\$57 !~ /^-?[0-9]+\\.[0-9]+\$/ || \$57 < -90 || \$57 > 90 || \$58 < -180 || \$58 > 180 || \$59 !~ /^[0-9]+\$/) bad=1 }
    \$52 == 0 && \$57 != \"\" {bad=1} END {exit bad || !n}' '$T/g.tsv'"
check "gdelt: Astana's coordinates" sh -c "awk -F'\t' '\$53 == \"Astana\" && \$57 ~ /^51\\.1/ && \$58 ~ /^71\\.4/ {ok=1} END {exit !ok}' '$T/g.tsv'"
check "gdelt ids unique" sh -c "[ \$(cut -f1 '$T/g.tsv' | sort -u | wc -l) -eq \$(wc -l <'$T/g.tsv') ]"

"$A" export --db "$DB" --format jsonl >"$T/e.jsonl"
check "jsonl: one object per event" sh -c "[ \$(wc -l <'$T/e.jsonl') -eq \$(wc -l <'$T/g.tsv') ] && ! grep -qv '^{\"doc_id\":' '$T/e.jsonl'"
check "jsonl: a location is the place's entity id" sh -c "grep -q '\"location\":\"place:' '$T/e.jsonl' &&
    ! grep -o '\"location\":\"[^\"]*\"' '$T/e.jsonl' | grep -vq '\"location\":\"place:'"
"$A" export --db "$DB" --format csv >"$T/e.csv"
check "csv: header and rows" sh -c "head -1 '$T/e.csv' | grep -q '^doc_id,idx,date,code' && [ \$(wc -l <'$T/e.csv') -gt 5 ]"
"$A" export --db "$DB" --graph graphml >"$T/g.graphml"
check "graphml: nodes and weighted edges" sh -c "grep -q '<graphml' '$T/g.graphml' && grep -q '<node id=' '$T/g.graphml' && grep -q '<data key=\"count\">' '$T/g.graphml' && tail -1 '$T/g.graphml' | grep -q '</graphml>'"
expect_status 2 "bad export format" "$A" export --db "$DB" --format xml

finish

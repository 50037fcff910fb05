#!/bin/sh
# test_time.sh - `attache time`: values, bad input, exit statuses; and the
# timex and figures layers in extract output.
. "$(dirname "$0")/lib.inc"
A="$ATTACHE"

check "Dezember vergangenen Jahres" sh -c "'$A' time 'im Dezember vergangenen Jahres' --dct 2025-05-10 --tsv | grep -qx 'DATE	2024-12'"
check "Herbst vergangenen Jahres" sh -c "'$A' time 'im Herbst vergangenen Jahres' --dct 2024-04 --tsv | grep -qx 'DATE	2023-FA'"
check "year unknown without dct" sh -c "'$A' time 'am 1. September' --tsv | grep -qx 'DATE	XXXX-09-01'"
check "English" sh -c "'$A' time 'last Monday' --dct 2025-05-10 --tsv | grep -qx 'DATE	2025-05-05'"
check "JSON output" sh -c "'$A' time 'Mitte März' --dct 2024-04 --json | grep -q '\"value\":\"2024-03\"'"
expect_status 1 "impossible date" "$A" time "31. Februar"
check "impossible date message" grep -q "does not exist" "$T/.err"
expect_status 1 "nonsense" "$A" time "Kartoffelsalat"
expect_status 2 "empty expression" "$A" time ""
expect_status 2 "bad dct" "$A" time heute --dct gestern
expect_status 2 "no expression" "$A" time

printf 'Bericht\n\nDate: 2025-05-10\n\nDas Handelsvolumen erreichte 470 Millionen US-Dollar im Jahr 2024. Anfang der Woche wurden zwölf Abkommen unterzeichnet.\n' >"$T/a.txt"
"$A" extract "$T/a.txt" >"$T/a.json"
check "timex layer" grep -q '"text":"Anfang der Woche","type":"DATE","value":"2025-W19","mod":"START"' "$T/a.json"
check "trade volume with period" grep -q '"kind":"trade_volume","value":470000000,"unit":"USD","period":"2024"' "$T/a.json"
check "count" grep -q '"kind":"count","value":12,"unit":"agreements"' "$T/a.json"

finish

#!/bin/sh
# run.sh - golden tests: `attache extract` on known inputs, compared byte for
# byte with the expected JSON in tests/golden/expected/.
#
#   sh tests/golden/run.sh            run (prints a diff for each mismatch)
#   sh tests/golden/run.sh --update   rewrite the expected files after a
#                                     change you have read and meant
#
# The inputs are the demo corpus (ours) and the small cases in
# tests/golden/inputs/.  The threads option is fixed so the run is the same
# everywhere.
cd "$(dirname "$0")/../.." || exit 2
: "${ATTACHE:=$PWD/build/attache}"
update=0
[ "${1:-}" = "--update" ] && update=1
pass=0
fail=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for in in demo/*.txt demo/*.jsonl tests/golden/inputs/*; do
    [ -f "$in" ] || continue
    exp="tests/golden/expected/$(basename "$in").json"
    "$ATTACHE" extract --threads 1 --quiet "$in" >"$tmp" 2>&1
    if [ $update -eq 1 ]; then
        cp "$tmp" "$exp"
        echo "updated $exp"
        continue
    fi
    if [ -f "$exp" ] && cmp -s "$tmp" "$exp"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $in (expected $exp)"
        if [ -f "$exp" ]; then
            # one line per layer key, so the diff says which layer changed
            sed 's/,"\([a-z_]*\)":/,\n"\1":/g' "$exp" >"$tmp.a"
            sed 's/,"\([a-z_]*\)":/,\n"\1":/g' "$tmp" >"$tmp.b"
            diff -u "$tmp.a" "$tmp.b" | head -40
            rm -f "$tmp.a" "$tmp.b"
        else
            echo "  no expected file: run sh tests/golden/run.sh --update"
        fi
    fi
done
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]

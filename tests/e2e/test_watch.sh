#!/bin/sh
# test_watch.sh - `attache watch`: a list of URLs fetched round after round
# from a local server (tests/e2e/http_server.py, 127.0.0.1 only); the second
# round finds everything unchanged (304); a bad list or interval is an error;
# SIGTERM ends a watch after its round.
. "$(dirname "$0")/lib.inc"
A="$ATTACHE"

printf '# nothing here\n\n' >"$T/empty.list"
expect_status 1 "a list without URLs" "$A" watch --db "$T/w.db" "$T/empty.list"
check "says the list is empty" grep -q "empty.list: no URLs in the list" "$T/.err"
expect_status 1 "a missing list" "$A" watch --db "$T/w.db" "$T/nope.list"
expect_status 2 "a bad interval" "$A" watch --db "$T/w.db" --every 5x "$T/empty.list"

if ! command -v python3 >/dev/null 2>&1; then
    skip "watch over HTTP: python3 not found (it runs the local test server)"
    finish
    exit $?
fi
W="$T/www"
mkdir -p "$W"
cat >"$W/page.html" <<'HTML'
<html lang="de"><head><meta charset="utf-8"><title>Treffen in Baku</title></head>
<body><article><p>Der armenische Außenminister traf am Dienstag seinen aserbaidschanischen Amtskollegen in Baku zu Gesprächen über den Frieden.</p></article></body></html>
HTML
if ! start_http_server "$W"; then
    skip "watch over HTTP: the test server did not start in 10 s"
    finish
    exit $?
fi
printf '# the list\n%s/page.html\n' "$U" >"$T/urls.list"

expect_status 0 "two rounds, one second apart" "$A" watch --db "$T/w.db" --every 1s --times 2 "$T/urls.list"
check "round 1 stores the page" sh -c "sed -n 1p '$T/.err' | grep -q ': 1 new, 0 unchanged, 0 failed (1 URLs'"
check "round 2 finds it unchanged" sh -c "sed -n 2p '$T/.err' | grep -q ': 0 new, 1 unchanged, 0 failed (1 URLs'"

# an endless watch ends on SIGTERM after its round
"$A" watch --db "$T/w.db" --every 1h "$T/urls.list" 2>"$T/term.err" &
WATCH=$!
i=0
while [ ! -s "$T/term.err" ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
kill -TERM $WATCH
i=0
while kill -0 $WATCH 2>/dev/null && [ $i -lt 50 ]; do
    sleep 0.1
    i=$((i + 1))
done
check "SIGTERM ends the watch within seconds" sh -c "! kill -0 $WATCH 2>/dev/null"
finish

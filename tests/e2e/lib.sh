# lib.sh - a tiny harness for end-to-end tests of the real binary.
#
#   . tests/e2e/lib.sh
#   check "what is checked" test-command...   # passes when the command succeeds
#   expect_status N "what" command...          # passes when it exits with N
#   skip "why"                                 # a whole block not run, said aloud
#   finish                                     # prints "<file>: N passed, N failed"
#
# $ATTACHE is the binary under test (scripts/run-tests sets it), $SHARED the
# ../shared folder, $T a scratch directory removed at the end.
set -u
: "${ATTACHE:=$PWD/build/attache}"
: "${SHARED:=$PWD/../shared}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
_pass=0
_fail=0
_skip=0

check() {
    desc=$1
    shift
    if "$@" >"$T/.out" 2>&1; then
        _pass=$((_pass + 1))
    else
        _fail=$((_fail + 1))
        echo "FAIL $desc"
        sed 's/^/    /' "$T/.out" | head -20
    fi
}

expect_status() {
    want=$1
    desc=$2
    shift 2
    "$@" >"$T/.out" 2>"$T/.err"
    got=$?
    if [ "$got" -eq "$want" ]; then
        _pass=$((_pass + 1))
    else
        _fail=$((_fail + 1))
        echo "FAIL $desc: exit status $got, expected $want"
        sed 's/^/    /' "$T/.err" | head -20
    fi
}

skip() {
    _skip=$((_skip + 1))
    echo "SKIP $1"
}

finish() {
    echo "$(basename "$0"): $_pass passed, $_fail failed, $_skip skipped"
    [ "$_fail" -eq 0 ]
}

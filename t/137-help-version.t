# SPEC §1 (issue 2): redo --help and --version print to stdout and exit 0, build nothing; unknown options are usage errors (exit 2).
do_file all.do <<'X'
echo all >>runs.log
X
redo --help >out 2>err
assert_eq "$?" 0 "--help exit"
grep -q 'usage: redo' out || fail "--help text: $(cat out)"
grep -q -- '-j' out || fail "--help does not mention -j"
assert_eq "$(cat err)" "" "--help stderr"
redo --version >out 2>err
assert_eq "$?" 0 "--version exit"
grep -Eqx '[0-9]+\.[0-9]+(\.[0-9]+)?.*' out || fail "--version text: $(cat out)"
assert_eq "$(lines out)" 1 "--version prints one line"
assert_eq "$(ran all)" 0 "nothing built"
redo --bogus-option 2>err
assert_eq "$?" 2 "unknown long option"
grep -q '^redo: ' err || fail "message: $(cat err)"
redo -Q 2>err
assert_eq "$?" 2 "unknown short option"
redo -j 2>/dev/null
assert_eq "$?" 2 "-j without a number"
redo -j zero 2>/dev/null
assert_eq "$?" 2 "-j with a bad number"
assert_eq "$(ran all)" 0 "still nothing built"
# -- ends options: a target may start with a dash
do_file ./-t.do <<'X'
echo dash
X
ok redo -- -t
assert_eq "$(cat ./-t)" dash "built -t after --"

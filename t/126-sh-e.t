# SPEC §8 (issue 2): a .do runs under sh -e: a failing command stops it and fails the target.
do_file out.do <<'X'
echo before
false
echo after >>runs.log
echo after
X
redo out 2>err
assert_eq "$?" 1 "redo fails"
assert_eq "$(ran after)" 0 "stopped at false"
grep -qx 'redo: out: failed (exit 1)' err || fail "message: $(cat err)"
[ -e out ] && fail "target written"
# $1 $2 $3 are positional parameters, and the .do's name is $0
do_file args.do <<'X'
echo "$# $0"
X
ok redo args
assert_eq "$(cat args)" "3 args.do" "three arguments, \$0 the .do's name"

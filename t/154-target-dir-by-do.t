# SPEC §8 (issue 2): redo does not create the target's directory, and needs nothing there before the .do runs: a .do may create it.
do_file default.out.do <<'X'
mkdir -p "$(dirname "$1")"
echo "made $1"
X
ok redo-ifchange new/deeper/x.out
assert_eq "$(cat new/deeper/x.out)" "made new/deeper/x.out" "built into a directory the .do made"
ok redo-ifchange new/deeper/x.out
[ -e new/deeper/.redo ] || fail "state not kept beside the target"
# a .do may delete and recreate its target's directory (and its .redo)
do_file default.re.do <<'X'
rm -rf redir
mkdir redir
echo "fresh $2"
X
ok redo redir/a.re
ok redo redir/a.re
assert_eq "$(cat redir/a.re)" "fresh redir/a" "built into a recreated directory"
ok redo-ifchange redir/a.re
[ -e redir/.redo/a.re,r ] || fail "record not written after the directory was recreated"
# a directory that nobody creates: the build fails cleanly, nothing is created
do_file nomk.do <<'X'
echo hi
X
do_file default.nomk.do <<'X'
echo "no mkdir"
X
redo-ifchange missing/y.nomk 2>err
assert_eq "$?" 1 "fails"
[ -e missing ] && fail "redo created the target's directory"
grep -q 'missing/y.nomk' err || fail "message: $(cat err)"
true

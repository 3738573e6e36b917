# issue 14: redo-clean removes the files redo built (as redo left them) with their records and logs, under the current directory or below the named targets; never a source, never a target edited by hand (warned), never one being built or whose .do is gone; --state forgets targets gone or without a .do; any file name is safe.
mkdir sub
do_file all.do <<'X'
redo-ifchange app sub/lib virt 'sp ace' 'new
line' dir
X
do_file app.do <<'X'
redo-ifchange src.c sub/lib
cat src.c sub/lib
X
do_file sub/lib.do <<'X'
redo-ifchange lib.c
cat lib.c
echo lib says hi >&2
X
do_file virt.do <<'X'
: makes nothing
X
do_file 'sp ace.do' <<'X'
echo space
X
do_file 'new
line.do' <<'X'
echo newline
X
do_file dir.do <<'X'
mkdir "$3" && echo in >"$3/f"
X
echo src >src.c
echo lib >sub/lib.c
ok redo 2>/dev/null
[ -f "$(logf sub/lib)" ] || fail "no log for sub/lib"
# under sub/ only
(cd sub && redo-clean >../out) || fail "redo-clean in sub"
assert_eq "$(cat out)" lib "removed in sub"
[ ! -e sub/lib ] || fail "sub/lib left"
[ ! -e "$(rec sub/lib)" ] && [ ! -e "$(logf sub/lib)" ] || fail "sub/lib's record or log left"
[ -f sub/lib.c ] && [ -f app ] || fail "removed a source or a target outside sub"
ok redo 2>/dev/null
# everything here; a target edited by hand is named and kept
echo mine >'sp ace'
redo-clean >out 2>err
assert_eq "$?" 0 "redo-clean"
printf 'app\ndir\nnew\\nline\nsub/lib\n' >want
sort out | cmp -s - want || fail "removed: $(cat out)"
assert_eq "$(cat err)" "redo: sp ace: you modified it; not removed" "warning"
for t in app sub/lib dir 'new
line'; do
	[ ! -e "$t" ] && [ ! -e "$(rec "$t")" ] || fail "$t or its record left"
done
[ ! -e "$(rec virt)" ] || fail "the virtual target's record left"
assert_eq "$(cat 'sp ace')" mine "the edited target"
[ -f "$(rec 'sp ace')" ] || fail "the edited target lost its record"
for f in src.c sub/lib.c all.do app.do sub/lib.do dir.do; do
	[ -f "$f" ] || fail "removed $f"
done
redo-targets >out
assert_eq "$(cat out)" "" "no target left (the edited one is no target)"
# named: the target and what it needs, wherever it is
ok redo 2>/dev/null
(cd sub && redo-clean ../app >../out) || fail "redo-clean ../app"
printf '../app\nlib\n' >want
sort out | cmp -s - want || fail "redo-clean ../app removed: $(cat out)"
[ -d dir ] || fail "dir is not below app"
redo-clean src.c >out || fail "redo-clean a source"
[ -f src.c ] && [ ! -s out ] || fail "a named source was removed"
# a target deleted by hand keeps its record; its .do gone, its file stays
ok redo 2>/dev/null
rm dir/f && rmdir dir
mv app.do app.do.off
ok redo-clean >out
[ -f app ] || fail "removed a target whose .do is gone"
[ -f "$(rec app)" ] && [ -f "$(rec dir)" ] || fail "records dropped without --state"
ok redo-clean --state >out
[ -f app ] || fail "--state removed the file of a target whose .do is gone"
[ ! -e "$(rec app)" ] && [ ! -e "$(rec dir)" ] || fail "--state kept the records"
mv app.do.off app.do
# a target being built is left, and said
do_file slow.do <<'X'
: >started
while [ ! -e go ]; do sleep 0.01 2>/dev/null || sleep 1; done
echo slow
X
: >go
ok redo slow 2>/dev/null
rm go started
redo slow 2>/dev/null &
pid=$!
await test -e started
redo-clean slow 2>err
rc=$?
: >go
assert_eq "$rc" 1 "redo-clean of a target being built"
grep -q '^redo: slow: being built; not removed$' err || fail "busy: $(cat err)"
[ -f slow ] && [ -f "$(rec slow)" ] || fail "removed while being built"
wait $pid || fail "the slow build"
ok redo-clean slow >out
assert_eq "$(cat out)" slow "removed once built"
exit 0

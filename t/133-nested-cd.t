# SPEC §1 (issue 2): arguments of nested commands are relative to the .do's current directory, even after it cd's.
mkdir -p lib/inc other
do_file lib/inc/h.do <<'X'
echo h >>../../runs.log
echo "header $1"
X
echo src >other/s
do_file out.do <<'X'
cd lib
redo-ifchange inc/h
cd ../other
redo-ifchange s
cd ..
cat lib/inc/h other/s
echo out >>runs.log
X
ok redo out
assert_eq "$(cat out)" "header h
src" "built through the cd'd paths"
assert_eq "$(ran h)" 1 "h built once"
ok redo-ifchange out
assert_eq "$(ran out)" 1 "no-op: the dependencies were recorded under their real names"
echo src2 >other/s
ok redo-ifchange out
assert_eq "$(ran out)" 2 "a change in other/s is seen"
rm lib/inc/h
ok redo-ifchange out
assert_eq "$(ran h)" 2 "lib/inc/h rebuilt"
# the current target is known even from a subshell in another directory
do_file deep.do <<'X'
(cd lib/inc && redo-ifchange h && cd / && redo-ifchange "$OLDPWD/h")
echo deep >>runs.log
X
ok redo deep
ok redo-ifchange deep
assert_eq "$(ran deep)" 1 "clean"
rm lib/inc/h
ok redo-ifchange deep
assert_eq "$(ran deep)" 2 "dependency declared from another cwd was recorded"

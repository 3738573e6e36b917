# SPEC §3, §6 (issue 2): a .do is a dependency of its target: editing it rebuilds the target.
do_file out.do <<'X'
echo first
echo out >>runs.log
X
ok redo-ifchange out
assert_eq "$(cat out)" first "first build"
ok redo-ifchange out
assert_eq "$(ran out)" 1 "no-op"
# same size, immediately after the build
do_file out.do <<'X'
echo secnd
echo out >>runs.log
X
ok redo-ifchange out
assert_eq "$(ran out)" 2 "rebuilt after the .do changed"
assert_eq "$(cat out)" secnd "with the new rule"
# a default.do is a dependency too
mkdir sub
do_file sub/default.txt.do <<'X'
echo "v1 $2"
echo "$2" >>../runs.log
X
ok redo-ifchange sub/a.txt
assert_eq "$(cat sub/a.txt)" "v1 a" "built by default.txt.do"
do_file sub/default.txt.do <<'X'
echo "v2 $2"
echo "$2" >>../runs.log
X
ok redo-ifchange sub/a.txt
assert_eq "$(cat sub/a.txt)" "v2 a" "rebuilt after default.txt.do changed"
assert_eq "$(ran a)" 2 "a.txt ran twice"

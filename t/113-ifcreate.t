# SPEC §9, §6 (issue 2): redo-ifcreate F: the target is out of date as soon as F exists; it fails if F exists at call time.
do_file out.do <<'X'
echo out >>runs.log
if [ -e conf ]; then
	redo-ifchange conf
	cat conf
else
	redo-ifcreate conf
	echo default
fi
[ -e sub/other ] || redo-ifcreate sub/other
X
ok redo out
assert_eq "$(cat out)" default "built without conf"
ok redo-ifchange out
assert_eq "$(ran out)" 1 "no-op while conf is missing"
echo custom >conf
ok redo-ifchange out
assert_eq "$(ran out)" 2 "rebuilt when conf appeared"
assert_eq "$(cat out)" custom "from conf"
rm conf
ok redo-ifchange out
assert_eq "$(ran out)" 3 "rebuilt when conf went away (an ifchange dependency now)"
mkdir sub
echo x >sub/other
ok redo-ifchange out
assert_eq "$(ran out)" 4 "rebuilt when the second file appeared (in another dir)"
# creating a directory counts as existing too
rm sub/other
ok redo out
mkdir conf
n=$(ran out)
redo-ifchange out 2>/dev/null   # fails: the .do cats a directory
assert_eq "$(ran out)" $((n + 1)) "rebuilt when conf appeared as a directory"
rmdir conf
# redo-ifcreate on an existing file fails
do_file bad.do <<'X'
redo-ifcreate exists
echo bad >>runs.log
X
echo here >exists
fails redo bad 2>err
assert_eq "$(ran bad)" 0 "the .do stopped (sh -e) at the failing redo-ifcreate"
grep -q 'exists' err || fail "no message: $(cat err)"

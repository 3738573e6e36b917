# SPEC §6 (issue 2): a dependency used last time that no longer exists is a change.
do_file out.do <<'X'
echo out >>runs.log
if [ -e in ]; then
	redo-ifchange in
	cat in
else
	redo-ifcreate in
	echo none
fi
X
echo hello >in
ok redo out
assert_eq "$(cat out)" hello "built from in"
rm in
ok redo-ifchange out
assert_eq "$(ran out)" 2 "rebuilt after the input was deleted"
assert_eq "$(cat out)" none "built without it"
ok redo-ifchange out
assert_eq "$(ran out)" 2 "clean while it stays missing"
echo back >in
ok redo-ifchange out
assert_eq "$(ran out)" 3 "rebuilt when it came back"
assert_eq "$(cat out)" back "built from the new file"
# a dependency that is a target and gets deleted is rebuilt, then its parent
do_file top.do <<'X'
redo-ifchange mid
cat mid
echo top >>runs.log
X
do_file mid.do <<'X'
echo mid
echo mid >>runs.log
X
ok redo top
rm mid
ok redo-ifchange top
assert_eq "$(ran mid)" 2 "deleted target rebuilt"
assert_eq "$(cat mid)" mid "and it is back"

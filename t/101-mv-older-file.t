# SPEC §4 (issue 2, 13): mv of an older file over an input is a change, even with the same size and an older mtime; an identical copy (new inode, same bytes) is verified unchanged.
do_file out.do <<'X'
redo-ifchange in
cat in
echo out >>runs.log
X
echo new1 >in
echo old2 >older
touch -d '2000-01-01 00:00:00' older
ok redo out
assert_eq "$(cat out)" new1 "first build"
mv older in
ok redo-ifchange out
assert_eq "$(ran out)" 2 "rebuilt after an older file was moved in"
assert_eq "$(cat out)" old2 "built from the moved-in file"
# same again, with identical content: the inode alone changes
cp -p in copy
mv copy in
ok redo-ifchange out
assert_eq "$(ran out)" 2 "rebuilt after an identical copy (new inode, same bytes) replaced it"
cp -p in copy
mv copy in
REDO_VERIFY=0 redo-ifchange out || fail "REDO_VERIFY=0 redo-ifchange out"
assert_eq "$(ran out)" 3 "REDO_VERIFY=0: a new inode is a change"

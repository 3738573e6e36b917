# SPEC §4 (issue 2): mv of an older file over an input is a change, even with the same size and an older mtime.
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
assert_eq "$(ran out)" 3 "rebuilt after an identical copy (new inode, same mtime) replaced it"

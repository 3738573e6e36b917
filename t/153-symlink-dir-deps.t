# SPEC §4 (issue 2): a symlink dependency is stamped as the link and as what it points to; a directory dependency is stamped "directory" (changes inside it are not changes).
echo a >fa
echo b >fb
ln -s fa link
do_file out.do <<'X'
echo out >>runs.log
redo-ifchange link
cat link
X
ok redo out
assert_eq "$(cat out)" a "through the link"
# retarget the link (to a file of the same size, older)
touch -d '2000-01-01' fb
ln -sf fb link
ok redo-ifchange out
assert_eq "$(ran out)" 2 "rebuilt after the link was retargeted"
assert_eq "$(cat out)" b "content"
# change what it points to
echo bb >fb
ok redo-ifchange out
assert_eq "$(ran out)" 3 "rebuilt after the pointed-to file changed"
# the pointed-to file disappears
rm fb
redo-ifchange out 2>/dev/null
assert_eq "$(ran out)" 4 "rebuilt after the link started dangling"
# a directory dependency
mkdir d
do_file dirdep.do <<'X'
redo-ifchange d
echo dirdep >>runs.log
X
ok redo dirdep
echo x >d/new
touch d
ok redo-ifchange dirdep
assert_eq "$(ran dirdep)" 1 "a change inside a directory dependency is not a change"
rm d/new && rmdir d && echo file >d
ok redo-ifchange dirdep
assert_eq "$(ran dirdep)" 2 "directory replaced by a file is a change"

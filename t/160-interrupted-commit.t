# SPEC §3, §5 (issue 2): a target whose file is still the one from before its last commit (killed between the record and the rename) is out of date, not "modified by the user".
do_file t.do <<'X'
echo t >>runs.log
echo "build $(cat n)"
redo-ifchange n
X
echo 1 >n
ok redo t
ln t t.keep          # the same inode, size and mtime: the file as it was
echo 2 >n
ok redo-ifchange t
assert_eq "$(cat t)" "build 2" "second build"
# put the old file back: the record says the build finished, the file
# says the rename did not happen
mv t.keep t
ok redo-ifchange t 2>err
grep -q modified err && fail "taken for a hand edit: $(cat err)"
assert_eq "$(ran t)" 3 "rebuilt"
assert_eq "$(cat t)" "build 2" "content"
# the same when the old file has the very bytes of the new one (built
# again from an unchanged input): still rebuilt, never taken for a
# moved stamp (issue 13), so that the commit's leftover $3 goes too
ln t t.keep
ok redo t
assert_eq "$(ran t)" 4 "redo t"
cmp -s t t.keep || fail "the rebuild should give the same bytes"
mv t.keep t
echo leftover >t.redo.tmp
ok redo-ifchange t 2>err
grep -q modified err && fail "same bytes: taken for a hand edit: $(cat err)"
assert_eq "$(ran t)" 5 "same bytes: rebuilt"
[ -e t.redo.tmp ] && fail "the interrupted commit's \$3 is left"
true

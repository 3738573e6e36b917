# SPEC §3, §5 (issue 2): a target whose file is still the one from before its last commit (killed between the record and the rename) is out of date, not "modified by the user".
do_file t.do <<'X'
echo t >>runs.log
echo "build $(cat n)"
redo-ifchange n
X
echo 1 >n
ok redo t
ln t t.keep          # the same inode, size and mtime: the file as it was
tick
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

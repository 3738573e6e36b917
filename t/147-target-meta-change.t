# SPEC §3 (issue 2): a change of only the mode (or inode) of a target's own file is not an override: the target is simply out of date and rebuilt.
do_file t.do <<'X'
echo t >>runs.log
echo content
X
ok redo t
chmod 600 t
ok redo-ifchange t 2>err
grep -q modified err && fail "treated as an override: $(cat err)"
assert_eq "$(ran t)" 2 "rebuilt after chmod"
# a new inode with the same mtime and size
cp -p t t.copy && mv t.copy t
ok redo-ifchange t 2>err
grep -q modified err && fail "treated as an override: $(cat err)"
assert_eq "$(ran t)" 3 "rebuilt after the inode changed"
ok redo-ifchange t
assert_eq "$(ran t)" 3 "clean"
# whereas a new size is an override
tick
echo "content plus" >t
ok redo-ifchange t 2>err
grep -q 't - you modified it; skipping' err || fail "no override: $(cat err)"
assert_eq "$(ran t)" 3 "not rebuilt"

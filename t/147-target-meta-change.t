# SPEC §3 (issue 2, 13): a change of only the mode of a target's own file is not an override: the target is simply out of date and rebuilt; a new inode with the bytes redo wrote (a copy) leaves it up to date, unless REDO_VERIFY=0.
do_file t.do <<'X'
echo t >>runs.log
echo content
X
ok redo t
chmod 600 t
ok redo-ifchange t 2>err
grep -q modified err && fail "treated as an override: $(cat err)"
assert_eq "$(ran t)" 2 "rebuilt after chmod"
# a new inode with the same mtime, size and bytes
cp -p t t.copy && mv t.copy t
ok redo-ifchange t 2>err
grep -q modified err && fail "treated as an override: $(cat err)"
assert_eq "$(ran t)" 2 "a copy of the same bytes is up to date"
cp -p t t.copy && mv t.copy t
REDO_VERIFY=0 redo-ifchange t 2>err || fail "REDO_VERIFY=0 redo-ifchange t"
grep -q modified err && fail "REDO_VERIFY=0: treated as an override: $(cat err)"
assert_eq "$(ran t)" 3 "REDO_VERIFY=0: rebuilt after the inode changed"
ok redo-ifchange t
assert_eq "$(ran t)" 3 "clean"
# whereas a new size is an override
echo "content plus" >t
ok redo-ifchange t 2>err
grep -q 't - you modified it; skipping' err || fail "no override: $(cat err)"
assert_eq "$(ran t)" 3 "not rebuilt"

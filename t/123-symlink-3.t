# SPEC §8, §4 (issue 2): a .do may "ln -s X $3": the target becomes that symlink, stamped as the link and what it points to.
do_file link.do <<'X'
echo link >>runs.log
redo-ifchange dest
ln -s dest $3
X
do_file user.do <<'X'
echo user >>runs.log
redo-ifchange link
cat link
X
echo v1 >dest
ok redo user
[ -L link ] || fail "link is not a symlink"
assert_eq "$(readlink link)" dest "points to dest"
assert_eq "$(cat user)" v1 "read through the link"
ok redo-ifchange user
assert_eq "$(ran link)" 1 "no-op"
assert_eq "$(ran user)" 1 "no-op"
echo v22 >dest
ok redo-ifchange user
assert_eq "$(cat user)" v22 "user rebuilt when dest changed"
# a dangling link is fine too
do_file dangling.do <<'X'
ln -s nowhere $3
X
ok redo dangling
[ -L dangling ] || fail "dangling link not installed"
ok redo-ifchange dangling

# SPEC §3, §4, §8, issue 13: an edit made in the same tick of the file clock as redo's own write (the mtime stays, as on a filesystem with 1-second mtimes) is still seen: a .do that writes $1 directly fails; a target edited by hand is kept as the user's, by redo and by redo-clean; a target cut to 0 bytes there is a crash's loss and rebuilt.
# The tick is simulated exactly: `touch -r` puts the old mtime back, on
# any file system (t/coarse.sh's 1-second image shows the same).
do_file out.do <<'X2'
echo good
X2
ok redo out
do_file out.do <<'X2'
touch -r $1 ref
echo direct >$1
touch -r ref $1
X2
# a direct write to $1 that keeps the mtime: the size moved
fails redo out 2>err
grep -qx 'redo: out: failed (code 206; the .do exited 0)' err ||
	fail "a direct write keeping the mtime: $(cat err)"
# a target edited by hand within its build's tick, shorter, same inode
do_file mid.do <<'X2'
echo generated-text
X2
do_file top.do <<'X2'
redo-ifchange mid
echo "top: $(cat mid)"
X2
ok redo top
touch -r mid ref
echo mine >mid
touch -r ref mid
ok redo-ifchange top 2>err
grep -qx 'redo: mid - you modified it; skipping' err ||
	fail "a same-tick edit by hand: no override warning: $(cat err)"
assert_eq "$(cat mid)" mine "the user's mid kept"
assert_eq "$(cat top)" "top: mine" "top rebuilt against it"
redo-clean >out 2>err
assert_eq "$(cat mid)" mine "redo-clean kept the user's mid"
grep -qx 'redo: mid: you modified it; not removed' err ||
	fail "redo-clean: no warning for mid: $(cat err)"
rm -f mid
# cut to 0 bytes in the tick, inode kept: a crash's loss, rebuilt
ok redo top
touch -r mid ref
: >mid
touch -r ref mid
ok redo-ifchange top 2>err
if grep 'you modified it' err; then fail "an emptied target taken for an edit"; fi
assert_eq "$(cat mid)" generated-text "the emptied target rebuilt"

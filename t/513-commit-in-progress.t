# SPEC §5, §10 (issue 7): a target whose record of this session is written but whose file is not renamed into place yet (another process is between the two steps of its commit) is waited for, never taken as up to date: a .do that reads it after redo-ifchange sees the new content.
. "$T_TOP/t/par.sh"
build_shim stallstat
STALL=$SHIM
build_shim lockbusy
BUSY=$SHIM
export STALL BUSY
do_file leaf.do <<'X'
redo-ifchange leaf.in
cat leaf.in
X
# x builds leaf; its redo-ifchange stops in leaf's rename, after the record
do_file x.do <<'X'
STALLRENAME_NAME=leaf STALLRENAME_SIGNAL=$PWD/rename.stalled \
	STALLRENAME_RESUME=$PWD/rename.go LD_PRELOAD=$STALL \
	redo-ifchange leaf
X
# y asks for leaf while x's commit is half done, and reads it; x's
# rename goes on once y's redo-ifchange waits for leaf's lock (the shim
# t/lockbusy.c tells), or has ended without waiting (the bug)
do_file y.do <<'X'
while ! [ -e rename.stalled ]; do sleep 0.01; done
{ LOCKBUSY_SIGNAL=$PWD/y.waits LD_PRELOAD=$BUSY redo-ifchange leaf &&
	cat leaf >y.saw; } &
p=$!
alive() { s=$(ps -o stat= -p "$1" 2>/dev/null) && case $s in Z*) false ;; esac; }
while ! [ -e y.waits ] && alive $p; do sleep 0.01; done
touch rename.go
wait $p
X
do_file all.do <<'X'
redo-ifchange x y
X
echo one >leaf.in
ok redo leaf
rm -f rename.stalled rename.go
echo two >leaf.in
ok to 60 redo -j2 all 2>err
[ -e rename.stalled ] || skip "the LD_PRELOAD shim had no effect"
assert_eq "$(cat leaf)" two "leaf"
assert_eq "$(cat y.saw)" two "what y read after redo-ifchange leaf"
[ -e y.waits ] || fail "y's redo-ifchange did not wait for leaf's commit"

# SPEC §3, §10 (issue 7): a process that reads a target's record just before another process commits that target, and stats the file just after, sees what looks like an edit by hand; it must take it again under the target's lock and find no override: no "you modified it" warning, and no stale record written over the builder's.
. "$T_TOP/t/par.sh"
build_shim stallstat
do_file t.do <<'X'
redo-ifchange in
echo start >>runs.log
touch started
while ! [ -e go ]; do sleep 0.01; done
echo "built $(cat in)"
X
do_file top.do <<'X'
redo-ifchange t
echo "top: $(cat t)"
X
echo one >in
touch go        # the first build need not wait
ok redo top
assert_eq "$(cat top)" "top: built one" "first build"
rm -f go started
echo two >in
# A rebuilds t, holding its lock while its .do waits for "go"
redo t 2>a.err &
a=$!
await test -e started
rm -f started
# B reads t's record (the old one), and its first stat of t stalls
# until A has committed t: record and file then disagree in B's view
STALLSTAT_NAME=t STALLSTAT_SIGNAL=$PWD/b.stalled STALLSTAT_RESUME=$PWD/b.go \
	LD_PRELOAD=$SHIM \
	redo-ifchange t 2>b.err &
b=$!
# (B ends without stalling if the shim has no effect: then skip below)
await eval '[ -e b.stalled ] || gone $b'
touch go
wait $a || fail "A failed: $(cat a.err)"
touch b.go
wait $b || fail "B failed: $(cat b.err)"
[ -e b.stalled ] || skip "the LD_PRELOAD shim had no effect"
if grep -q 'you modified it' b.err; then
	fail "B took A's fresh build for an edit by hand: $(cat b.err)"
fi
assert_eq "$(cat t)" "built two" "A's result in place"
ok redo-ifchange top
assert_eq "$(ran start)" 2 "t's .do ran twice in all"
# the record is A's: the next run is a no-op with nothing to say
ok redo-ifchange top 2>c.err
assert_eq "$(cat c.err)" "" "nothing to say after"
assert_eq "$(ran start)" 2 "no third run of t"

# SPEC §10 (issue 4, 7): a process that found a target out of date, and then takes its lock at once just after another process of the same session failed it, fails too ("failed earlier in this session", issue 14 fix 10) instead of taking the failed record for a build of this session.
. "$T_TOP/t/par.sh"
build_shim stallstat
# t fails, once z's redo-ifchange has read t's (missing) record and
# stalls in its first stat of t
do_file t.do <<'X'
echo t >>runs.log
while ! [ -e z.stalled ]; do sleep 0.01; done
exit 1
X
do_file x.do <<'X'
redo-ifchange t || { touch x.failed; exit 1; }
X
do_file z.do <<'X'
STALLSTAT_NAME=t STALLSTAT_SIGNAL=$PWD/z.stalled STALLSTAT_RESUME=$PWD/z.go \
	LD_PRELOAD=$SHIM redo-ifchange t
X
do_file all.do <<'X'
redo-ifchange x z
X
to 30 redo -j2 -k all 2>err &
p=$!
# z goes on only once x's redo-ifchange has failed t and let go of it
while ! [ -e x.failed ]; do sleep 0.01; done
touch z.go
wait $p && fail "the build succeeded: $(cat err)"
[ -e z.stalled ] || skip "the LD_PRELOAD shim had no effect"
assert_eq "$(ran t)" 1 "t's .do ran once"
grep -q 'redo: z: failed' err || fail "z did not fail: $(cat err)"
grep -q 'redo: t: failed earlier in this session' err ||
	fail "no word of the other process's failure: $(cat err)"

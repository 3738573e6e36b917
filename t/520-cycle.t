# SPEC §10, issue 4: a dependency cycle (direct, two-step, longer, through nested redo processes, with -j and -k) fails at once with 'redo: cycle: ...' and a non-zero exit; it never hangs.
. "$T_TOP/t/par.sh"
echo 'redo-ifchange a' >a.do
echo 'redo-ifchange c' >b.do
echo 'redo-ifchange b' >c.do
echo 'redo-ifchange e' >d.do
echo 'redo-ifchange f' >e.do
echo 'redo d' >f.do
echo 'redo-ifchange ok1 ok2 b ok3' >g.do
echo 'redo-ifchange sub/x.y' >h.do
mkdir sub
echo 'redo-ifchange ../h' >sub/default.y.do
for t in ok1 ok2 ok3; do
	echo "echo $t >>runs.log" >$t.do
done
# cycle OPTS... TARGET: fails within 10 s, reports the cycle
cycle() {
	to 10 redo "$@" 2>err
	_rc=$?
	[ $_rc -ne 124 ] && [ $_rc -ne 137 ] || fail "redo $*: hung"
	[ $_rc -ne 0 ] || fail "redo $*: succeeded"
	grep -q '^redo: cycle: ' err || fail "redo $*: no 'redo: cycle:' message: $(cat err)"
}
cycle a
grep -q '^redo: cycle: a -> a$' err || fail "the message for a -> a: $(cat err)"
cycle b
grep -q '^redo: cycle: b -> c -> b$' err || fail "the message for b -> c -> b: $(cat err)"
cycle c
cycle d
# issue 14 fix 6: every target of a longer cycle is named
grep -q '^redo: cycle: d -> e -> f -> d$' err || fail "the message for d -> e -> f -> d: $(cat err)"
cycle h
grep -q '^redo: cycle: h -> sub/x.y -> h$' err || fail "the message for h -> sub/x.y -> h: $(cat err)"
cycle -j4 a
cycle -j4 b
cycle -j4 d
cycle -j4 h
cycle g
assert_eq "$(sort runs.log | tr '\n' ' ')" "ok1 ok2 " "what ran before the cycle"
for o in "" -j3; do
	rm -rf runs.log .redo
	cycle $o -k g
	assert_eq "$(sort runs.log | tr '\n' ' ')" "ok1 ok2 ok3 " "what ran with -k $o"
	rm -rf runs.log .redo
	cycle $o g
done
# the cycle is found again in the next session: it is not remembered as
# built, and redo-ifchange from outside a .do finds it too
cycle b
to 10 redo-ifchange d 2>err
rc=$?
[ $rc -ne 0 ] && [ $rc -ne 124 ] || fail "redo-ifchange d: exit $rc"
grep -q '^redo: cycle: ' err || fail "redo-ifchange d: no cycle message: $(cat err)"

# DESIGN 9: a target found out of date is noted in the session memo with its reason, and a nested redo-ifchange takes that verdict instead of checking the target again: a chain of 20 targets whose bottom is gone is checked once, not once per level, and -d still gives each level's own reason once.
. "$T_TOP/t/par.sh"
build_shim stallstat
do_file default.do <<'X2'
n=${2#c}
if [ "$n" -gt 0 ]; then redo-ifchange c$((n - 1)); fi
echo "$n" >>runs.log
echo "$n"
X2
ok redo-ifchange c20
assert_eq "$(lines runs.log)" 21 "first build"
ok redo-ifchange c20
assert_eq "$(lines runs.log)" 21 "a no-op"

rm c0
COUNTSTAT_NAME=c0 COUNTSTAT_LOG=$PWD/c0.stats LD_PRELOAD=$SHIM \
	REDO_DEBUG=1 redo-ifchange c20 2>err || fail "rebuild: $(cat err)"
assert_eq "$(lines runs.log)" 42 "every level rebuilt"
assert_eq "$(cat c20)" 20 "the top's output"
grep -qx -- - c0.stats || fail "the shim saw no stat of c0 by the top"
# below the top, only the redo-ifchange in c1's .do (which builds c0,
# and names c0 while it starts c0's .do) looks at c0: no level above
# checks the chain below it again
others=$(grep -v -x -e - -e '.*/c0' -e '.*/c1' c0.stats | sed 's,.*/,,' | sort -u | tr '\n' ' ')
assert_eq "$others" "" "the nested commands above c1 that looked at c0"
grep '^redo: -d: ' err >reasons
assert_eq "$(grep -c '^redo: -d: c0: it is missing' reasons)" 1 "c0's reason, once: $(cat err)"
assert_eq "$(grep -c '^redo: -d: c7: dependency c6 is out of date' reasons)" 1 "c7's reason, once: $(cat err)"
assert_eq "$(lines reasons)" 21 "one reason a level: $(cat err)"

# a verdict noted while the target had another record is not taken:
# x, found out of date by the top, is built by a redo of another
# session before the redo-ifchange of it, which must check it again and
# find it up to date, not build it again
do_file x.do <<'X2'
redo-ifchange x.src
echo x >>x.log
cat x.src
X2
do_file top.do <<'X2'
(unset REDO_SESSION; redo x)
redo-ifchange x
cat x
X2
echo one >x.src
ok redo-ifchange top
assert_eq "$(lines x.log)" 1 "x built by the other session, then up to date"
echo two >x.src
ok redo-ifchange top
assert_eq "$(lines x.log)" 2 "x built once more, by the other session only"
assert_eq "$(cat top)" two "top"

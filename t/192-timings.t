# issue 15: every .do run is recorded with its times, CPU, status and slot; redo-log --timings lists the last build's runs, slowest first, and marks the critical path.
# mid waits until fast's file exists, which is after fast's record (with
# its end time) was written (DESIGN 3.6): so mid ends after fast, and the
# chain that bounds the build is all <- slow <- mid, by events, not speed.
do_file all.do <<'X'
redo-ifchange slow fast
X
do_file fast.do <<'X'
echo fast
X
do_file slow.do <<'X'
redo-ifchange mid
echo slow
X
do_file mid.do <<'X'
until [ -e fast ]; do sleep 0.01 2>/dev/null || sleep 1; done
echo mid
X
ok redo -j2 all 2>err
for t in all slow fast mid; do
	grep -q "^time " "$(rec $t)" || fail "$t: no time line in its record"
done
redo-log --timings all >tab || fail "redo-log --timings all"
assert_eq "$(lines tab)" 4 "one line per run"
# START WALL CPU STATUS CRIT TARGET, single spaces
awk 'NF != 6 || $4 != 0 || ($5 != "*" && $5 != "-") { exit 1 }' tab ||
	{ cat tab; fail "columns"; }
assert_eq "$(awk '$5 == "*" { print $6 }' tab | sort | tr '\n' ' ')" \
	"all mid slow " "the critical path"
# slowest first, and all (which waited for the others) is first
awk 'NR > 1 && $2 > w { exit 1 } { w = $2 }' tab || { cat tab; fail "order"; }
assert_eq "$(head -n 1 tab | cut -d' ' -f6)" all "slowest"
# mid ended after fast did
assert_eq "$(awk '{ e[$6] = $1 + $2 } END { print (e["mid"] >= e["fast"]) }' tab)" 1 "mid ends after fast"
# the default: the runs of the last build here; a no-op changes nothing
redo-log --timings >tab2 || fail "redo-log --timings"
assert_eq "$(sort tab2)" "$(sort tab)" "the default is the last build here"
cp "$(rec fast)" fast.rec
ok redo-ifchange all
cmp -s fast.rec "$(rec fast)" || fail "a no-op rewrote a record"
# a failed run is recorded, with its status
do_file bad.do <<'X'
exit 3
X
exits 1 redo bad 2>err
redo-log --timings bad >tab3 || fail "redo-log --timings bad"
assert_eq "$(cut -d' ' -f4-6 tab3)" "3 * bad" "failed run and its status"
# only the last build of a target: slow rebuilt alone, without all
ok redo slow 2>err
redo-log --timings slow >tab4 || fail "redo-log --timings slow"
assert_eq "$(cut -d' ' -f6 tab4)" "slow" "mid was not rebuilt: not this build's"
redo-log --timings all | grep -q ' slow$' && fail "slow's new run under all's build"
# no run recorded: one line, non-zero exit
printf 'x\n' >src
fails redo-log --timings src 2>err
assert_eq "$(lines err)" 1 "one error line"
# more than one output at once is a usage error
exits 2 redo-log --timings --trace 2>/dev/null
exit 0
